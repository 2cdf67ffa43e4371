import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException } from '@crm/errors';
import { staleVersion, translateWriteError } from './database-error.util';
import { CreateMarketingMethodDto, ListMarketingMethodsDto, MarketingMethodDto, MarketingMethodFilterDto, MarketingMethodPageDto, UpdateMarketingMethodDto } from './dto/marketing-method.dto';
import { MarketingMethodRepository, MarketingMethodRow, MarketingMethodWrite } from './marketing-method.repository';
import { MARKETING_METHOD_ENTITY } from './marketing.constants';

/** 營銷手段: create, query, export, change, delete (not while a campaign uses it). */
@Injectable()
export class MarketingMethodService {
  constructor(
    private readonly repo: MarketingMethodRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateMarketingMethodDto, actor: RequestActor): Promise<MarketingMethodDto> {
    const values: MarketingMethodWrite = { name: dto.name.trim(), channel: dto.channel, description: dto.description?.trim() || null, costModel: dto.costModel, unitCostFen: dto.unitCostFen ?? null };
    const id = await this.repo.transaction(async (manager) => {
      try {
        const id = await this.repo.insert(manager, values, actor.username);
        await this.audit.record(manager, actor, { action: 'create', entityType: MARKETING_METHOD_ENTITY, entityId: id, newValues: { ...values } });
        return id;
      } catch (e) {
        throw translateWriteError(e, {}, `Marketing method named ${values.name}`);
      }
    });
    return this.get(id);
  }

  async list(q: ListMarketingMethodsDto): Promise<MarketingMethodPageDto> {
    const [rows, total] = await this.repo.list(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: MarketingMethodFilterDto) {
    return this.repo.query(q);
  }

  async get(id: string): Promise<MarketingMethodDto> {
    const row = await this.repo.byId(id);
    if (!row) throw DomainException.notFound('Marketing method', id);
    return toDto(row);
  }

  async update(id: string, dto: UpdateMarketingMethodDto, actor: RequestActor): Promise<MarketingMethodDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Marketing method', id);
      if (row.version !== dto.version) throw staleVersion('marketing method', row.version, dto.version);
      const before = write(row);
      const after: MarketingMethodWrite = {
        name: dto.name?.trim() ?? before.name,
        channel: dto.channel ?? before.channel,
        description: dto.description === undefined ? before.description : dto.description?.trim() || null,
        costModel: dto.costModel ?? before.costModel,
        unitCostFen: dto.unitCostFen === undefined ? before.unitCostFen : dto.unitCostFen,
      };
      try {
        await this.repo.update(manager, id, after);
      } catch (e) {
        throw translateWriteError(e, {}, `Marketing method named ${after.name}`);
      }
      const { oldValues, newValues } = changedFields({ ...before }, { ...after });
      await this.audit.record(manager, actor, { action: 'update', entityType: MARKETING_METHOD_ENTITY, entityId: id, oldValues, newValues });
    });
    return this.get(id);
  }

  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Marketing method', id);
      const used = await this.repo.campaignsUsing(manager, id);
      if (used) throw DomainException.conflict(`Marketing method ${row.name} is used by ${used} campaign(s)`, [{ field: 'id', problem: 'in use by campaigns' }]);
      await this.repo.remove(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: MARKETING_METHOD_ENTITY, entityId: id, oldValues: { name: row.name, channel: row.channel } });
    });
  }
}

function write(r: MarketingMethodRow): MarketingMethodWrite {
  return { name: r.name, channel: r.channel, description: r.description, costModel: r.cost_model, unitCostFen: r.unit_cost_fen === null ? null : Number(r.unit_cost_fen) };
}

function toDto(r: MarketingMethodRow): MarketingMethodDto {
  return {
    id: r.id, name: r.name, channel: r.channel, description: r.description, costModel: r.cost_model, unitCostFen: r.unit_cost_fen === null ? null : Number(r.unit_cost_fen),
    createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(), version: r.version,
  };
}
