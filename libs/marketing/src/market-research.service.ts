import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { staleVersion, translateWriteError } from './database-error.util';
import { CreateMarketResearchDto, ListMarketResearchDto, MarketResearchDto, MarketResearchFilterDto, MarketResearchPageDto, UpdateMarketResearchDto } from './dto/market-research.dto';
import { MarketResearchRepository, MarketResearchRow, MarketResearchWrite } from './market-research.repository';
import { MARKET_RESEARCH_ENTITY } from './marketing.constants';

const REFERENCES = { fk_market_research_district: 'districtCode' };
/** Long texts are audited by length only. */
const audited = (w: MarketResearchWrite) => ({ ...w, findings: w.findings === null ? null : `${w.findings.length} characters` });

/** 市場調研: create, query, export, change, delete; every change audited in its transaction. */
@Injectable()
export class MarketResearchService {
  constructor(
    private readonly repo: MarketResearchRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateMarketResearchDto, actor: RequestActor): Promise<MarketResearchDto> {
    const values: MarketResearchWrite = {
      title: dto.title.trim(), topic: dto.topic.trim(), method: dto.method, periodFrom: dto.periodFrom, periodTo: dto.periodTo,
      districtCode: dto.districtCode ?? null, region: dto.region?.trim() || null, findings: dto.findings ?? null, source: dto.source?.trim() || null,
    };
    check(values);
    const id = await this.repo.transaction(async (manager) => {
      try {
        const id = await this.repo.insert(manager, values, actor.username);
        await this.audit.record(manager, actor, { action: 'create', entityType: MARKET_RESEARCH_ENTITY, entityId: id, newValues: audited(values) });
        return id;
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Market research');
      }
    });
    return this.get(id);
  }

  async list(q: ListMarketResearchDto): Promise<MarketResearchPageDto> {
    const [rows, total] = await this.repo.list(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: MarketResearchFilterDto) {
    return this.repo.query(q);
  }

  async get(id: string): Promise<MarketResearchDto> {
    const row = await this.repo.byId(id);
    if (!row) throw DomainException.notFound('Market research', id);
    return toDto(row);
  }

  async update(id: string, dto: UpdateMarketResearchDto, actor: RequestActor): Promise<MarketResearchDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Market research', id);
      if (row.version !== dto.version) throw staleVersion('market research', row.version, dto.version);
      const before = write(row);
      const after: MarketResearchWrite = {
        title: dto.title?.trim() ?? before.title,
        topic: dto.topic?.trim() ?? before.topic,
        method: dto.method ?? before.method,
        periodFrom: dto.periodFrom ?? before.periodFrom,
        periodTo: dto.periodTo ?? before.periodTo,
        districtCode: dto.districtCode === undefined ? before.districtCode : dto.districtCode,
        region: dto.region === undefined ? before.region : dto.region?.trim() || null,
        findings: dto.findings === undefined ? before.findings : dto.findings,
        source: dto.source === undefined ? before.source : dto.source?.trim() || null,
      };
      check(after);
      try {
        await this.repo.update(manager, id, after);
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Market research');
      }
      const { oldValues, newValues } = changedFields(audited(before), audited(after));
      await this.audit.record(manager, actor, { action: 'update', entityType: MARKET_RESEARCH_ENTITY, entityId: id, oldValues, newValues });
    });
    return this.get(id);
  }

  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Market research', id);
      await this.repo.remove(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: MARKET_RESEARCH_ENTITY, entityId: id, oldValues: { title: row.title, topic: row.topic } });
    });
  }
}

function check(w: MarketResearchWrite): void {
  if (w.periodTo < w.periodFrom) throw new DomainException(ErrorCode.ValidationFailed, 'periodTo must not be before periodFrom', [{ field: 'periodTo', problem: 'must be on or after periodFrom' }]);
}

function write(r: MarketResearchRow): MarketResearchWrite {
  return { title: r.title, topic: r.topic, method: r.method, periodFrom: r.period_from, periodTo: r.period_to, districtCode: r.district_code, region: r.region, findings: r.findings, source: r.source };
}

function toDto(r: MarketResearchRow): MarketResearchDto {
  return {
    id: r.id, title: r.title, topic: r.topic, method: r.method, periodFrom: r.period_from, periodTo: r.period_to, districtCode: r.district_code, region: r.region,
    findings: r.findings, source: r.source, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(), version: r.version,
  };
}
