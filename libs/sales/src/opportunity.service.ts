import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { CreateOpportunityDto, ListOpportunitiesDto, OpportunityFilterDto, PipelineQueryDto, UpdateOpportunityDto } from './dto/opportunity.dto';
import { OPPORTUNITY_STAGES, OPPORTUNITY_TRANSITIONS, OpportunityStage, SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { columns, Qb, RecordSpec, Row } from './sales-record.repository';

export const OPPORTUNITY_SPEC: RecordSpec = {
  table: 'sales_opportunity',
  alias: 'o',
  label: 'Opportunity',
  base: (qb) =>
    qb
      .innerJoin('customer', 'c', 'c.id = o.customer_id')
      .leftJoin('staff', 's', 's.id = o.owner_staff_id')
      .leftJoin('business_hall', 'h', 'h.code = o.hall_code')
      .select([
        ...columns('o', ['id', 'title', 'customerId', 'ownerStaffId', 'hallCode', 'stage', 'expectedValueFen', 'expectedCloseDate', 'productCodes', 'lostReason', 'notes', 'closedAt', 'createdBy', 'createdAt', 'updatedAt', 'version'], { money: ['expectedValueFen'], dates: ['expectedCloseDate'] }),
        'c.name AS "customerName"', 'c.district_code AS "districtCode"', 's.name AS "ownerName"', 'h.name AS "hallName"',
      ]),
  filters: {
    stage: (qb, v) => qb.andWhere('o.stage = :stage', { stage: v }),
    customerId: (qb, v) => qb.andWhere('o.customer_id = :customerId', { customerId: v }),
    ownerStaffId: (qb, v) => qb.andWhere('o.owner_staff_id = :owner', { owner: v }),
    hallCode: (qb, v) => qb.andWhere('o.hall_code = :hall', { hall: v }),
    districtCode: (qb, v) => qb.andWhere('c.district_code = :district', { district: v }),
    closeFrom: (qb, v) => qb.andWhere('o.expected_close_date >= :closeFrom::date', { closeFrom: v }),
    closeTo: (qb, v) => qb.andWhere('o.expected_close_date <= :closeTo::date', { closeTo: v }),
  },
  sorts: { createdAt: 'o.created_at', expectedValueFen: 'o.expected_value_fen', expectedCloseDate: 'o.expected_close_date', stage: `array_position(ARRAY['lead','qualified','proposal','negotiation','won','lost']::varchar[], o.stage)` },
  references: { fk_sales_opportunity_customer: 'customerId', fk_sales_opportunity_owner: 'ownerStaffId', fk_sales_opportunity_hall: 'hallCode' },
  uniques: {},
};

const invalid = (field: string, problem: string): DomainException => new DomainException(ErrorCode.ValidationFailed, `${field}: ${problem}`, [{ field, problem }]);

export interface PipelineRow { stage: OpportunityStage; key?: string | null; label?: string | null; count: number; expectedValueFen: number }

/** 商機: opportunities, their stage history and the pipeline. */
@Injectable()
export class OpportunityService {
  constructor(private readonly crud: SalesCrudService) {}

  async create(dto: CreateOpportunityDto, actor: RequestActor): Promise<Row> {
    const stage = dto.stage ?? OpportunityStage.Lead;
    const productCodes = [...new Set(dto.productCodes ?? [])];
    const values = {
      title: dto.title.trim(), customerId: dto.customerId, ownerStaffId: dto.ownerStaffId ?? null, hallCode: dto.hallCode ?? null, stage,
      expectedValueFen: dto.expectedValueFen, expectedCloseDate: dto.expectedCloseDate ?? null, productCodes, notes: dto.notes?.trim() || null, createdBy: actor.username,
    };
    const id = await this.crud.create(OPPORTUNITY_SPEC, SALES_ENTITY.opportunity, values, actor, async (m) => this.checkRefs(m, dto.customerId, productCodes), async (m, oid) => this.addStage(m, oid, null, stage, 'created', actor.username));
    return this.get(id);
  }

  list(q: ListOpportunitiesDto): Promise<Page> {
    return this.crud.page(OPPORTUNITY_SPEC, q as unknown as Record<string, unknown> & ListOpportunitiesDto);
  }

  exportQuery(q: OpportunityFilterDto): Qb {
    return this.crud.repo.query(OPPORTUNITY_SPEC, q as unknown as Record<string, unknown>, q.sort);
  }

  async get(id: string): Promise<Row> {
    const row = await this.crud.get(OPPORTUNITY_SPEC, id);
    const history = await this.crud.repo.dataSource.query(
      `SELECT from_stage AS "fromStage", to_stage AS "toStage", note, at, by FROM sales_opportunity_stage WHERE opportunity_id = $1 ORDER BY at, id`,
      [id],
    );
    return { ...row, history };
  }

  /** Edits; a stage change follows OPPORTUNITY_TRANSITIONS (won / lost final: 409), lost needs lostReason (400), and is recorded in the history. */
  async update(id: string, dto: UpdateOpportunityDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(OPPORTUNITY_SPEC, SALES_ENTITY.opportunity, id, dto.version, actor, async (cur, m) => {
      const from = cur.stage as OpportunityStage;
      if (OPPORTUNITY_TRANSITIONS[from].length === 0) throw DomainException.conflict(`A ${from} opportunity is closed and cannot change`, [{ field: 'stage', problem: `${from} is final` }]);
      const to = dto.stage ?? from;
      if (to !== from && !OPPORTUNITY_TRANSITIONS[from].includes(to)) throw DomainException.conflict(`An opportunity cannot move from ${from} to ${to}`, [{ field: 'stage', problem: `allowed from ${from}: ${OPPORTUNITY_TRANSITIONS[from].join(', ')}` }]);
      if (dto.lostReason !== undefined && to !== OpportunityStage.Lost) throw invalid('lostReason', 'only when the stage becomes lost');
      if (to === OpportunityStage.Lost && !dto.lostReason) throw invalid('lostReason', 'required to mark the opportunity lost');
      const productCodes = dto.productCodes ? [...new Set(dto.productCodes)] : undefined;
      if (productCodes) await this.checkRefs(m, null, productCodes);
      if (to !== from) await this.addStage(m, id, from, to, dto.stageNote ?? dto.lostReason ?? null, actor.username);
      return {
        title: dto.title?.trim(), ownerStaffId: dto.ownerStaffId, hallCode: dto.hallCode, stage: to !== from ? to : undefined, lostReason: dto.lostReason,
        expectedValueFen: dto.expectedValueFen, expectedCloseDate: dto.expectedCloseDate, productCodes, notes: dto.notes === undefined ? undefined : dto.notes?.trim() || null,
        closedAt: to !== from && (to === OpportunityStage.Won || to === OpportunityStage.Lost) ? new Date() : undefined,
      };
    });
    return this.get(id);
  }

  remove(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(OPPORTUNITY_SPEC, SALES_ENTITY.opportunity, id, actor);
  }

  /** Counts and Σ expected value per stage (every stage listed), optionally split by owner, business hall or the customer's district. */
  async pipeline(q: PipelineQueryDto): Promise<{ groupBy: string | null; stages: PipelineRow[]; totals: { count: number; expectedValueFen: number } }> {
    const group = q.groupBy === 'owner' ? ['o.owner_staff_id::text', 's.name'] : q.groupBy === 'business_hall' ? ['o.hall_code', 'h.name'] : q.groupBy === 'district' ? ['c.district_code::text', 'd.name'] : null;
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.ownerStaffId) where.push(`o.owner_staff_id = $${params.push(q.ownerStaffId)}`);
    if (q.hallCode) where.push(`o.hall_code = $${params.push(q.hallCode)}`);
    if (q.districtCode) where.push(`c.district_code = $${params.push(q.districtCode)}`);
    const rows: { stage: OpportunityStage; key: string | null; label: string | null; count: number; value: number }[] = await this.crud.repo.dataSource.query(
      `SELECT o.stage, ${group ? `${group[0]} AS key, ${group[1]} AS label` : 'NULL AS key, NULL AS label'}, count(*)::int AS count, coalesce(sum(o.expected_value_fen), 0)::float8 AS value
       FROM sales_opportunity o JOIN customer c ON c.id = o.customer_id
       LEFT JOIN staff s ON s.id = o.owner_staff_id LEFT JOIN business_hall h ON h.code = o.hall_code LEFT JOIN district d ON d.code = c.district_code
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY 1, 2, 3 ORDER BY 2 NULLS FIRST`,
      params,
    );
    const stages: PipelineRow[] = [];
    if (!group) {
      for (const stage of OPPORTUNITY_STAGES) {
        const r = rows.find((x) => x.stage === stage);
        stages.push({ stage, count: r?.count ?? 0, expectedValueFen: r?.value ?? 0 });
      }
    } else {
      for (const stage of OPPORTUNITY_STAGES) for (const r of rows.filter((x) => x.stage === stage)) stages.push({ stage, key: r.key, label: r.label, count: r.count, expectedValueFen: r.value });
    }
    return { groupBy: q.groupBy ?? null, stages, totals: { count: rows.reduce((s, r) => s + r.count, 0), expectedValueFen: rows.reduce((s, r) => s + r.value, 0) } };
  }

  private async checkRefs(m: EntityManager, customerId: string | null, productCodes: string[]): Promise<void> {
    if (customerId && !(await this.crud.repo.customerExists(m, customerId))) throw invalid('customerId', 'unknown or closed customer');
    const unknown = await this.crud.repo.unknownProducts(m, productCodes);
    if (unknown.length) throw invalid('productCodes', `unknown products ${unknown.join(', ')}`);
  }

  private async addStage(m: EntityManager, id: string, from: string | null, to: string, note: string | null, by: string): Promise<void> {
    await m.query(`INSERT INTO sales_opportunity_stage (opportunity_id, from_stage, to_stage, note, by) VALUES ($1, $2, $3, $4, $5)`, [id, from, to, note, by]);
  }
}
