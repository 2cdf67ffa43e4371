import { Inject, Injectable } from '@nestjs/common';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { AgentFilterDto, AgentPerformanceQueryDto, CreateAgentDto, CreateRepresentativeDto, ListAgentsDto, ListRepresentativesDto, UpdateAgentDto, UpdateRepresentativeDto } from './dto/agent.dto';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { columns, Qb, RecordSpec, Row } from './sales-record.repository';

export const AGENT_SPEC: RecordSpec = {
  table: 'sales_agent',
  alias: 'g',
  label: 'Agent',
  base: (qb) => qb.leftJoin('district', 'd', 'd.code = g.district_code').select([...columns('g', ['id', 'code', 'name', 'districtCode', 'contactPhone', 'status', 'createdAt', 'updatedAt', 'version']), 'd.name AS "districtName"']),
  filters: {
    status: (qb, v) => qb.andWhere('g.status = :status', { status: v }),
    districtCode: (qb, v) => qb.andWhere('g.district_code = :district', { district: v }),
    namePrefix: (qb, v) => qb.andWhere(`g.name LIKE :prefix ESCAPE '\\'`, { prefix: `${String(v).replace(/[\\%_]/g, (c) => `\\${c}`)}%` }),
  },
  sorts: { code: 'g.code', name: 'g.name', createdAt: 'g.created_at' },
  references: { fk_sales_agent_district: 'districtCode' },
  uniques: { ux_sales_agent_code: 'code' },
};

export const REPRESENTATIVE_SPEC: RecordSpec = {
  table: 'sales_agent_representative',
  alias: 'r',
  label: 'Representative',
  base: (qb) => qb.select(columns('r', ['id', 'agentId', 'name', 'phone', 'title', 'active', 'createdAt', 'updatedAt', 'version'])),
  filters: {
    agentId: (qb, v) => qb.andWhere('r.agent_id = :agentId', { agentId: v }),
    active: (qb, v) => qb.andWhere('r.active = :active', { active: v }),
  },
  sorts: { name: 'r.name' },
  references: { fk_sales_agent_representative_agent: 'agentId' },
  uniques: {},
};

/** 代理商 and their representatives; agent performance. */
@Injectable()
export class AgentService {
  constructor(
    private readonly crud: SalesCrudService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async create(dto: CreateAgentDto, actor: RequestActor): Promise<Row> {
    const id = await this.crud.create(AGENT_SPEC, SALES_ENTITY.agent, { code: dto.code, name: dto.name.trim(), districtCode: dto.districtCode ?? null, contactPhone: dto.contactPhone ?? null, status: dto.status ?? 'active' }, actor);
    return this.get(id);
  }
  list(q: ListAgentsDto): Promise<Page> {
    return this.crud.page(AGENT_SPEC, q as unknown as Record<string, unknown> & ListAgentsDto);
  }
  exportQuery(q: AgentFilterDto): Qb {
    return this.crud.repo.query(AGENT_SPEC, q as unknown as Record<string, unknown>, q.sort);
  }
  get(id: string): Promise<Row> {
    return this.crud.get(AGENT_SPEC, id);
  }
  async update(id: string, dto: UpdateAgentDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(AGENT_SPEC, SALES_ENTITY.agent, id, dto.version, actor, async () => ({ name: dto.name?.trim(), districtCode: dto.districtCode, contactPhone: dto.contactPhone, status: dto.status }));
    return this.get(id);
  }
  /** 409 once orders or statements refer to the agent (suspend it instead). */
  remove(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(AGENT_SPEC, SALES_ENTITY.agent, id, actor);
  }

  async createRepresentative(agentId: string, dto: CreateRepresentativeDto, actor: RequestActor): Promise<Row> {
    await this.get(agentId);
    const id = await this.crud.create(REPRESENTATIVE_SPEC, SALES_ENTITY.representative, { agentId, name: dto.name.trim(), phone: dto.phone ?? null, title: dto.title?.trim() || null, active: dto.active ?? true }, actor);
    return this.getRepresentative(agentId, id);
  }
  async listRepresentatives(agentId: string, q: ListRepresentativesDto): Promise<Page> {
    await this.get(agentId);
    return this.crud.page(REPRESENTATIVE_SPEC, { ...q, agentId } as unknown as Record<string, unknown> & ListRepresentativesDto);
  }
  /** 404 unless the representative belongs to the agent of the path. */
  async getRepresentative(agentId: string, id: string): Promise<Row> {
    const row = await this.crud.get(REPRESENTATIVE_SPEC, id);
    if (row.agentId !== agentId) throw DomainException.notFound('Representative', id);
    return row;
  }
  async updateRepresentative(agentId: string, id: string, dto: UpdateRepresentativeDto, actor: RequestActor): Promise<Row> {
    await this.getRepresentative(agentId, id);
    await this.crud.update(REPRESENTATIVE_SPEC, SALES_ENTITY.representative, id, dto.version, actor, async () => ({ name: dto.name?.trim(), phone: dto.phone, title: dto.title, active: dto.active }));
    return this.getRepresentative(agentId, id);
  }
  async removeRepresentative(agentId: string, id: string, actor: RequestActor): Promise<void> {
    await this.getRepresentative(agentId, id);
    await this.crud.remove(REPRESENTATIVE_SPEC, SALES_ENTITY.representative, id, actor);
  }

  /** Completed orders and revenue of the agent per month (city time) within [from, to], with totals. */
  async performance(agentId: string, q: AgentPerformanceQueryDto): Promise<{ agentId: string; from: string; to: string; months: { period: string; orders: number; revenueFen: number }[]; totals: { orders: number; revenueFen: number } }> {
    await this.get(agentId);
    if (q.to < q.from) throw new DomainException(ErrorCode.ValidationFailed, 'to: before from', [{ field: 'to', problem: 'before from' }]);
    const months: { period: string; orders: number; revenueFen: number }[] = await this.crud.repo.dataSource.query(
      `SELECT to_char(o.completed_at AT TIME ZONE $4, 'YYYY-MM') AS period, count(*)::int AS orders, coalesce(sum(o.amount_fen), 0)::float8 AS "revenueFen"
       FROM sales_order o
       WHERE o.agent_id = $1 AND o.status = 'completed'
         AND o.completed_at >= ($2::date)::timestamp AT TIME ZONE $4 AND o.completed_at < ($3::date + 1)::timestamp AT TIME ZONE $4
       GROUP BY 1 ORDER BY 1`,
      [agentId, q.from, q.to, this.config.timezone],
    );
    return { agentId, from: q.from, to: q.to, months, totals: { orders: months.reduce((s, m) => s + m.orders, 0), revenueFen: months.reduce((s, m) => s + m.revenueFen, 0) } };
  }
}
