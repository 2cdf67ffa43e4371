import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { iso, staleVersion, translateWriteError } from './database-error.util';
import { CreateOutageDto, ListOutagesDto, OutageDto, OutageFilterDto, OutagePageDto, UpdateOutageDto } from './dto/outage.dto';
import { OutageRepository, OutageRow } from './outage.repository';
import { SERVICE_OUTAGE_ENTITY } from './service-care.constants';

/** A little slack for clocks when refusing end times in the future. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** 故障記錄: outages with their affected customers; a long one leads to follow-up care tasks once it ends. */
@Injectable()
export class OutageService {
  constructor(
    private readonly repo: OutageRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
  ) {}

  async create(dto: CreateOutageDto, actor: RequestActor): Promise<OutageDto> {
    checkPeriod(dto.startedAt, dto.endedAt ?? null);
    const id = await this.repo.transaction(async (manager) => {
      const subscriptionIds = [...new Set(dto.subscriptionIds ?? [])];
      const bySubscription = await this.repo.subscriptionCustomers(manager, subscriptionIds);
      const unknownSubscriptions = subscriptionIds.filter((s) => !bySubscription.has(s));
      if (unknownSubscriptions.length) throw unknown('subscriptionIds', unknownSubscriptions);
      const customerIds = [...new Set([...(dto.customerIds ?? []), ...bySubscription.values()])];
      const live = await this.repo.liveCustomers(manager, customerIds);
      const unknownCustomers = (dto.customerIds ?? []).filter((c) => !live.has(c));
      if (unknownCustomers.length) throw unknown('customerIds', unknownCustomers);
      const affected = customerIds.filter((c) => live.has(c));
      try {
        const outageId = await this.repo.insert(manager, { districtCode: dto.districtCode, area: dto.area?.trim() || null, description: dto.description.trim(), startedAt: dto.startedAt, endedAt: dto.endedAt ?? null, createdBy: actor.username }, affected);
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: SERVICE_OUTAGE_ENTITY,
          entityId: outageId,
          newValues: { districtCode: dto.districtCode, startedAt: dto.startedAt, endedAt: dto.endedAt ?? null, affectedCustomers: affected.length },
        });
        return outageId;
      } catch (e) {
        throw translateWriteError(e, { fk_service_outage_district: 'districtCode' }, 'Outage');
      }
    });
    return this.get(id);
  }

  async list(q: ListOutagesDto): Promise<OutagePageDto> {
    const [rows, total] = await this.repo.list(q, this.node.timezone, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: OutageFilterDto) {
    return this.repo.query(q, this.node.timezone);
  }

  async get(id: string): Promise<OutageDto> {
    const row = await this.repo.byId(id);
    if (!row) throw DomainException.notFound('Outage', id);
    return { ...toDto(row), customerIds: await this.repo.customerIds(id) };
  }

  /** Records the end (or corrects the description / area); `version` must be current. */
  async update(id: string, dto: UpdateOutageDto, actor: RequestActor): Promise<OutageDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Outage', id);
      if (row.version !== dto.version) throw staleVersion('outage', row.version, dto.version);
      const endedAt = dto.endedAt ?? iso(row.ended_at);
      checkPeriod(new Date(row.started_at).toISOString(), endedAt);
      const next = { area: dto.area === undefined ? row.area : dto.area?.trim() || null, description: dto.description?.trim() ?? row.description, endedAt };
      await this.repo.update(manager, id, next);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: SERVICE_OUTAGE_ENTITY,
        entityId: id,
        oldValues: { area: row.area, description: row.description, endedAt: iso(row.ended_at) },
        newValues: next,
      });
    });
    return this.get(id);
  }
}

function checkPeriod(startedAt: string, endedAt: string | null): void {
  if (!endedAt) return;
  const start = new Date(startedAt).getTime();
  const end = new Date(endedAt).getTime();
  if (!(end > start)) throw new DomainException(ErrorCode.ValidationFailed, 'endedAt must be after startedAt', [{ field: 'endedAt', problem: 'must be after startedAt' }]);
  if (end > Date.now() + CLOCK_SLACK_MS) throw new DomainException(ErrorCode.ValidationFailed, 'endedAt cannot be in the future', [{ field: 'endedAt', problem: 'must not be in the future' }]);
}

function unknown(field: string, ids: string[]): DomainException {
  return new DomainException(ErrorCode.ValidationFailed, `${field} refers to records that do not exist: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`, [{ field, problem: 'unknown reference' }]);
}

function toDto(r: OutageRow): OutageDto {
  const started = new Date(r.started_at);
  const ended = r.ended_at ? new Date(r.ended_at) : null;
  return {
    id: r.id,
    districtCode: r.district_code,
    area: r.area,
    description: r.description,
    startedAt: started.toISOString(),
    endedAt: ended ? ended.toISOString() : null,
    durationHours: ended ? Math.floor((ended.getTime() - started.getTime()) / 3_600_000) : null,
    affectedCustomers: r.affected_customers,
    createdBy: r.created_by,
    version: r.version,
  };
}
