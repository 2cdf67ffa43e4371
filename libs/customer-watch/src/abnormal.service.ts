import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { addMonths, customerFindings, Finding, SpendFacts, spendFindings } from './abnormal.rules';
import { CUSTOMER_WATCH_CONFIG, CustomerWatchConfig } from './customer-watch.config';
import { ABNORMAL_CASE_ENTITY, ABNORMAL_TRANSITIONS, AbnormalStatus, WatchService } from './customer-watch.constants';
import { CustomerWatchRepository, AbnormalRow } from './customer-watch.repository';
import { AbnormalCaseDto, AbnormalCasePageDto, AbnormalFilterDto, ListAbnormalCasesDto, RunAbnormalRulesResultDto, UpdateAbnormalCaseDto } from './dto/abnormal.dto';
import { todayIn } from '@crm/federation';

/** At most this many case ids in the audit entry of one run. */
const AUDIT_IDS = 500;

/**
 * 異常客戶: runs the rules (high / low spend, sudden change, low credit, high arrears) over every
 * customer in batches, opens one case per live condition, and tracks cases by hand (confirm,
 * dismiss, close) with their history.
 */
@Injectable()
export class AbnormalCustomerService {
  private readonly logger = new Logger(AbnormalCustomerService.name);

  constructor(
    private readonly repo: CustomerWatchRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(CUSTOMER_WATCH_CONFIG) private readonly config: CustomerWatchConfig,
  ) {}

  today(): string {
    return todayIn(this.node.timezone);
  }

  /** Evaluates the rules for the billing month of `asOf` (today when absent); idempotent. */
  async run(asOf: string | undefined, actor: RequestActor): Promise<RunAbnormalRulesResultDto> {
    const c = this.config.abnormal;
    const day = asOf ?? this.today();
    const period = `${day.slice(0, 7)}-01`;
    const previous = addMonths(period, -1);
    const historyFrom = addMonths(period, -c.historyMonths);
    const hasScores = await this.repo.hasCustomerScore();
    let evaluated = 0;
    let findings = 0;
    let usedStored = false;
    const opened: { id: string; customer_id: string; kind: string; service: string }[] = [];
    for (let after: string | null = null; ; ) {
      const ids = await this.repo.customerBatch(after, c.batchSize);
      if (!ids.length) break;
      after = ids[ids.length - 1];
      evaluated += ids.length;
      const [spendRows, arrears, stored, interim] = await Promise.all([
        this.repo.spend(ids, historyFrom, period),
        this.repo.arrears(ids),
        hasScores ? this.repo.storedCreditScores(ids, period) : Promise.resolve(new Map<string, number>()),
        this.repo.interimCreditScores(ids, day, this.node.timezone),
      ]);
      if (stored.size) usedStored = true;
      const batch: Finding[] = [];
      const byKey = new Map<string, Map<string, number>>();
      for (const r of spendRows) {
        const key = `${r.customer_id}|${r.service}`;
        if (!byKey.has(key)) byKey.set(key, new Map());
        byKey.get(key)!.set(r.month.slice(0, 10), Number(r.fen));
      }
      for (const [key, months] of byKey) {
        const [customerId, service] = key.split('|') as [string, WatchService];
        const history: number[] = [];
        for (let i = c.historyMonths; i >= 1; i--) {
          const v = months.get(addMonths(period, -i));
          if (v !== undefined) history.push(v);
        }
        const facts: SpendFacts = { customerId, service, currentFen: months.get(period) ?? null, previousFen: months.get(previous) ?? null, historyFen: history };
        batch.push(...spendFindings(facts, c, period.slice(0, 7)));
      }
      for (const id of ids) {
        const score = stored.get(id);
        batch.push(...customerFindings({ customerId: id, creditScore: score ?? interim.get(id) ?? 100, creditSource: score === undefined ? 'interim' : 'customer_score', arrearsFen: arrears.get(id) ?? 0 }, c, period.slice(0, 7)));
      }
      findings += batch.length;
      if (batch.length) {
        const rows = await this.repo.transaction(async (manager) => {
          const created = await this.repo.openCases(manager, batch, period, actor.username);
          if (created.length) {
            await this.audit.record(manager, actor, {
              action: 'create',
              entityType: ABNORMAL_CASE_ENTITY,
              newValues: { period: period.slice(0, 7), opened: created.length, caseIds: created.slice(0, AUDIT_IDS).map((r) => r.id), truncated: created.length > AUDIT_IDS },
            });
          }
          return created;
        });
        opened.push(...rows);
      }
    }
    const byKind: Record<string, number> = {};
    for (const r of opened) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    this.logger.log({ period, evaluated, findings, opened: opened.length }, 'Abnormal customer rules run');
    return {
      period: period.slice(0, 7),
      customersEvaluated: evaluated,
      findings,
      opened: opened.length,
      alreadyTracked: findings - opened.length,
      byKind,
      creditSource: usedStored ? 'customer_score' : 'interim',
    };
  }

  async list(q: ListAbnormalCasesDto): Promise<AbnormalCasePageDto> {
    const [rows, total] = await this.repo.listCases(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: AbnormalFilterDto) {
    return this.repo.abnormalQuery(q);
  }

  async get(id: string): Promise<AbnormalCaseDto> {
    const row = await this.repo.caseById(id);
    if (!row) throw DomainException.notFound('Abnormal case', id);
    return { ...toDto(row), history: (await this.repo.caseHistory(id)).map(toEvent) };
  }

  /** confirm / dismiss / close with a note; `version` must be current (409), the transition allowed (409). */
  async update(id: string, dto: UpdateAbnormalCaseDto, actor: RequestActor): Promise<AbnormalCaseDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lockCase(manager, id);
      if (!row) throw DomainException.notFound('Abnormal case', id);
      if (row.version !== dto.version) {
        throw DomainException.conflict(`The case was changed meanwhile (version ${row.version}, not ${dto.version}); read it again`, [{ field: 'version', problem: `current version is ${row.version}` }]);
      }
      const from = row.status as AbnormalStatus;
      if (!ABNORMAL_TRANSITIONS[from].includes(dto.status)) {
        const allowed = ABNORMAL_TRANSITIONS[from];
        throw DomainException.conflict(`A ${from} case cannot become ${dto.status}`, [{ field: 'status', problem: allowed.length ? `allowed: ${allowed.join(', ')}` : `${from} is final` }]);
      }
      const note = dto.note?.trim() || null;
      await this.repo.setCaseStatus(manager, id, from, dto.status, note, actor.username);
      await this.audit.record(manager, actor, { action: 'update', entityType: ABNORMAL_CASE_ENTITY, entityId: id, oldValues: { status: from }, newValues: { status: dto.status, note } });
    });
    return this.get(id);
  }
}


function toEvent(e: { from_status: string | null; to_status: string; note: string | null; at: Date; by: string }) {
  return { fromStatus: e.from_status, toStatus: e.to_status, note: e.note, at: new Date(e.at).toISOString(), by: e.by };
}

function toDto(r: AbnormalRow): AbnormalCaseDto {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerType: r.customer_type,
    districtCode: r.district_code,
    kind: r.kind as AbnormalCaseDto['kind'],
    service: r.service as WatchService,
    period: r.period,
    detectedAt: new Date(r.detected_at).toISOString(),
    detectedBy: r.detected_by,
    evidence: r.evidence,
    status: r.status as AbnormalStatus,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
