import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { CreditListFilterDto, CreditListQueryDto, CustomerScoresQueryDto, ListScoresDto, ScoreSummaryQueryDto } from './dto/score-query.dto';
import {
  CreditListItemDto, CreditListPageDto, CustomerScoresDto, RecomputeResultDto, ScoreDto, ScoreHistoryDto, ScoreListItemDto, ScorePageDto, ScoreSummaryDto, ScoreSummaryGroupDto, SurveyResultDto,
} from './dto/score-response.dto';
import { CreateSurveyDto, RecomputeScoresDto, SetScoreDto } from './dto/score-write.dto';
import { SCORING_CONFIG, ScoringConfig } from './scoring.config';
import { BAND_LABELS, CUSTOMER_SCORE_ENTITY, CreditList, SATISFACTION_FACTORS, SATISFACTION_SURVEY_ENTITY, SCORE_KINDS, ScoreBand, ScoreKind, ScoreSource } from './scoring.constants';
import { bandOf, creditScore, CreditInput, loyaltyScore, satisfactionScore, ScoreResult } from './scoring.formulas';
import { CustomerInputs, ScoreRow, ScoreWrite, ScoringRepository, WriteOutcome } from './scoring.repository';
import { todayIn } from '@crm/federation';

/** Customers whose inputs are read in one query. */
const CHUNK = 500;

/** `YYYY-MM` shifted by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
/** Completed months from `since` to `asOf` (both `YYYY-MM-DD`). */
export function monthsBetween(since: string, asOf: string): number {
  const [y1, m1, d1] = since.split('-').map(Number);
  const [y2, m2, d2] = asOf.split('-').map(Number);
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0));
}
const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

export function toScoreDto(r: ScoreRow): ScoreDto {
  return {
    customerId: r.customer_id,
    kind: r.kind,
    period: r.period,
    score: Number(r.score),
    band: r.band,
    bandLabel: BAND_LABELS[r.band as ScoreBand] ?? r.band,
    factors: r.factors ?? {},
    badRecord: !!r.bad_record,
    source: r.source,
    reason: r.reason ?? null,
    computedAt: iso(r.computed_at)!,
    computedBy: r.computed_by,
  };
}

const auditView = (r: ScoreRow | null) => (r ? { kind: r.kind, period: r.period, score: Number(r.score), band: r.band, source: r.source, reason: r.reason } : null);

/**
 * 滿意度、忠誠度、信用度: computes scores with the formulas of scoring.formulas.ts from the city's
 * own data, keeps one current value per (customer, kind, period) and the values it replaced,
 * records surveys, lets staff set a value by hand, and answers lists, summaries and credit lists.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly repo: ScoringRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SCORING_CONFIG) private readonly cfg: ScoringConfig,
  ) {}

  get config(): ScoringConfig {
    return this.cfg;
  }

  private currentMonth(): string {
    return todayIn(this.node.timezone).slice(0, 7);
  }

  /** The period asked, or the current month; a future month is refused. */
  private period(p: string | undefined, field = 'period'): string {
    const current = this.currentMonth();
    const period = p ?? current;
    if (period > current) throw DomainException.badRequest(`${field} ${period} is after the current month ${current}`, [{ field, problem: 'must not be after the current month' }]);
    return period;
  }

  private async requireCustomer(id: string): Promise<{ deletedAt: Date | null }> {
    const c = (await this.repo.customers([id])).get(id);
    if (!c) throw DomainException.notFound('Customer', id);
    return c;
  }

  // ------------------------------------------------------------ reads

  async customerScores(customerId: string, q: CustomerScoresQueryDto): Promise<CustomerScoresDto> {
    await this.requireCustomer(customerId);
    if (q.from && q.to && q.from > q.to) throw DomainException.badRequest('from is after to', [{ field: 'from', problem: 'must not be after to' }]);
    const { current, replaced } = await this.repo.history(customerId, q.kind, q.from && `${q.from}-01`, q.to && `${q.to}-01`);
    return {
      customerId,
      items: current.map(toScoreDto),
      replaced: replaced.map((r): ScoreHistoryDto => ({ ...toScoreDto(r), replacedAt: iso(r.replaced_at)!, replacedBy: r.replaced_by! })),
    };
  }

  async list(q: ListScoresDto): Promise<ScorePageDto> {
    const [rows, total] = await this.repo.page(this.repo.listQuery(q), q.page, q.pageSize);
    return { items: rows.map(listItem), total, page: q.page, pageSize: q.pageSize };
  }

  async summary(q: ScoreSummaryQueryDto): Promise<ScoreSummaryDto> {
    const period = this.period(q.period);
    const rows = await this.repo.summary(q.kind, `${period}-01`, q.groupBy);
    const groups = new Map<string, ScoreSummaryGroupDto>();
    for (const r of rows) {
      const g = groups.get(r.grp) ?? { group: r.grp, name: r.name ?? null, count: 0, sum: 0, average: 0, bands: {} };
      g.count += r.n;
      g.sum += Number(r.total);
      g.bands[r.band] = r.n;
      groups.set(r.grp, g);
    }
    const list = [...groups.values()].map((g) => ({ ...g, sum: round2(g.sum), average: g.count ? round2(g.sum / g.count) : 0 }));
    const count = list.reduce((a, g) => a + g.count, 0);
    const sum = round2(list.reduce((a, g) => a + g.sum, 0));
    return { kind: q.kind, period, groupBy: q.groupBy, groups: list, count, sum, average: count ? round2(sum / count) : 0 };
  }

  async creditList(list: CreditList, q: CreditListQueryDto): Promise<CreditListPageDto> {
    const [rows, total] = await this.repo.page(this.repo.creditListQuery(list, q), q.page, q.pageSize);
    return { list, label: BAND_LABELS[list], items: rows.map(creditItem), total, page: q.page, pageSize: q.pageSize };
  }

  creditListExport(list: CreditList, f: CreditListFilterDto) {
    return this.repo.creditListQuery(list, f);
  }

  // ------------------------------------------------------------ writes

  /** Recomputes the kinds for the customers (default: all, when few enough) synchronously. */
  async recompute(dto: RecomputeScoresDto, actor: RequestActor): Promise<RecomputeResultDto> {
    const period = this.period(dto.period);
    const kinds = dto.kinds ?? [...SCORE_KINDS];
    const max = this.cfg.recomputeMaxCustomers;
    let ids = dto.customerIds;
    if (ids) {
      if (ids.length > max) throw DomainException.badRequest(`At most ${max} customers are recomputed at once`, [{ field: 'customerIds', problem: `at most ${max}` }]);
      const known = await this.repo.customers(ids);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length) throw DomainException.badRequest(`Unknown customers: ${unknown.slice(0, 10).join(', ')}`, [{ field: 'customerIds', problem: `unknown: ${unknown.slice(0, 10).join(', ')}` }]);
    } else {
      const all = await this.repo.allCustomerIds(max);
      if (!all) throw DomainException.badRequest(`The city has more than ${max} customers: list customerIds (full runs belong to the scheduled job)`, [{ field: 'customerIds', problem: `required above ${max} customers` }]);
      ids = all;
    }
    // one lock order for every run: concurrent recomputations of overlapping lists wait, never deadlock
    ids = [...ids].sort();
    const written: Record<string, number> = {};
    const unchanged: Record<string, number> = {};
    const skipped: Record<string, number> = {};
    const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    await this.repo.transaction(async (manager) => {
      for (let i = 0; i < ids!.length; i += CHUNK) {
        const outcomes = await this.compute(manager, ids!.slice(i, i + CHUNK), period, kinds, ScoreSource.Computed, actor.username, !dto.force);
        for (const o of outcomes) {
          if (o.outcome === 'written') count(written, o.kind);
          else if (o.outcome === 'unchanged') count(unchanged, o.kind);
          else count(skipped, `${o.kind}:${o.outcome}`);
        }
      }
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: CUSTOMER_SCORE_ENTITY,
        newValues: { recompute: { period, kinds, customers: ids!.length, written, force: !!dto.force, customerIds: ids!.length <= 100 ? ids : undefined } },
      });
    });
    return { period, kinds, customers: ids.length, written, unchanged, skipped };
  }

  /**
   * Recomputes every kind for one batch of customers (ids sorted) in one transaction, keeping
   * manual values; used by the recomputation jobs. Unchanged values write nothing.
   */
  async recomputeBatch(ids: string[], period: string, by: string): Promise<{ customers: number; written: number }> {
    const sorted = [...ids].sort();
    let written = 0;
    await this.repo.transaction(async (manager) => {
      for (let i = 0; i < sorted.length; i += CHUNK) {
        const outcomes = await this.compute(manager, sorted.slice(i, i + CHUNK), period, [...SCORE_KINDS], ScoreSource.Computed, by, true, true);
        written += outcomes.filter((o) => o.outcome === 'written').length;
      }
    });
    return { customers: sorted.length, written };
  }

  /** The current month in the city's time zone (`YYYY-MM`). */
  currentPeriod(): string {
    return this.currentMonth();
  }

  /** Sets (initialises or corrects) a score by hand; audited with the reason. */
  async setManual(customerId: string, kind: ScoreKind, dto: SetScoreDto, actor: RequestActor): Promise<ScoreDto> {
    await this.requireCustomer(customerId);
    const period = this.period(dto.period);
    const score = Math.round(dto.score * 100) / 100;
    return this.repo.transaction(async (manager) => {
      const r = await this.repo.writeScore(
        manager,
        { customerId, kind, period: `${period}-01`, score, band: bandOf(kind, score, this.cfg), factors: {}, badRecord: false, source: ScoreSource.Manual, reason: dto.reason, by: actor.username },
        false,
      );
      await this.auditWrite(manager, actor, r);
      return toScoreDto(r.row);
    });
  }

  /** Records a survey and recomputes the customer's satisfaction for its period (source survey). */
  async recordSurvey(dto: CreateSurveyDto, actor: RequestActor): Promise<SurveyResultDto> {
    const customer = (await this.repo.customers([dto.customerId])).get(dto.customerId);
    if (!customer) throw DomainException.badRequest(`Unknown customer ${dto.customerId}`, [{ field: 'customerId', problem: 'unknown customer' }]);
    if (customer.deletedAt) throw DomainException.badRequest(`Customer ${dto.customerId} is closed`, [{ field: 'customerId', problem: 'customer is closed' }]);
    const at = await this.repo.resolveInstant(dto.surveyedAt, this.node.timezone);
    if (at.future) throw DomainException.badRequest('surveyedAt is in the future', [{ field: 'surveyedAt', problem: 'must not be in the future' }]);
    const period = this.period(dto.period ?? at.month);
    return this.repo.transaction(async (manager) => {
      const [row] = await this.repo.insertSurvey(manager, { ...dto, period: `${period}-01`, surveyedAt: at.at, recordedBy: actor.username });
      const factors = Object.fromEntries(SATISFACTION_FACTORS.map((f) => [f, dto[f]]));
      await this.audit.record(manager, actor, { action: 'create', entityType: SATISFACTION_SURVEY_ENTITY, entityId: row.id as string, newValues: { customerId: dto.customerId, period, channel: dto.channel, ...factors } });
      const [outcome] = await this.compute(manager, [dto.customerId], period, [ScoreKind.Satisfaction], ScoreSource.Survey, actor.username, false);
      if (outcome.write) await this.auditWrite(manager, actor, outcome.write);
      return {
        survey: { id: row.id as string, customerId: dto.customerId, period, factors, surveyedAt: iso(row.surveyed_at as Date)!, channel: dto.channel, recordedBy: actor.username },
        satisfaction: toScoreDto(outcome.write!.row),
      };
    });
  }

  private async auditWrite(manager: EntityManager, actor: RequestActor, r: WriteOutcome): Promise<void> {
    if (r.outcome !== 'written') return;
    await this.audit.record(manager, actor, {
      action: r.previous ? 'update' : 'create',
      entityType: CUSTOMER_SCORE_ENTITY,
      entityId: r.row.id,
      oldValues: auditView(r.previous),
      newValues: { customerId: r.row.customer_id, ...auditView(r.row) },
    });
  }

  /** Computes and writes the kinds for the customers and period; one outcome per (customer, kind). */
  private async compute(
    manager: EntityManager,
    ids: string[],
    period: string,
    kinds: ScoreKind[],
    source: ScoreSource,
    by: string,
    keepManual: boolean,
    batch = false,
  ): Promise<{ customerId: string; kind: ScoreKind; outcome: WriteOutcome['outcome'] | 'no-survey'; write?: WriteOutcome }[]> {
    const tz = this.node.timezone;
    const periodStart = `${period}-01`;
    const current = this.currentMonth();
    const asOf = period === current ? todayIn(tz) : `${addMonths(period, 1)}-01`;
    const lookbackStart = `${addMonths(period, 1 - this.cfg.punctuality.lookbackMonths)}-01`;
    const out: { customerId: string; kind: ScoreKind; outcome: WriteOutcome['outcome'] | 'no-survey'; write?: WriteOutcome }[] = [];
    const pending: ScoreWrite[] = [];
    const write = async (customerId: string, kind: ScoreKind, r: ScoreResult, badRecord = false) => {
      const value: ScoreWrite = { customerId, kind, period: periodStart, score: r.score, band: bandOf(kind, r.score, this.cfg, badRecord), factors: r.factors, badRecord, source, reason: null, by };
      if (batch) {
        pending.push(value);
        return;
      }
      const w = await this.repo.writeScore(manager, value, keepManual);
      out.push({ customerId, kind, outcome: w.outcome, write: w });
    };
    if (kinds.includes(ScoreKind.Satisfaction)) {
      const carryFrom = `${addMonths(period, -this.cfg.satisfaction.carryForwardMonths)}-01`;
      const surveys = await this.repo.surveyFactors(manager, ids, periodStart, carryFrom);
      for (const id of ids) {
        const s = surveys.get(id);
        if (!s) {
          out.push({ customerId: id, kind: ScoreKind.Satisfaction, outcome: 'no-survey' });
          continue;
        }
        const r = satisfactionScore(s.factors, this.cfg.satisfaction);
        await write(id, ScoreKind.Satisfaction, { score: r.score, factors: { ...r.factors, survey: { value: s.surveys, weight: 0, contribution: 0, input: { surveys: s.surveys, period: s.surveyPeriod } } } });
      }
    }
    if (kinds.includes(ScoreKind.Loyalty) || kinds.includes(ScoreKind.Credit)) {
      const inputs = await this.repo.loadInputs(manager, ids, { periodStart, asOf, lookbackStart, tz });
      inputs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const i of inputs) {
        if (kinds.includes(ScoreKind.Loyalty)) await write(i.id, ScoreKind.Loyalty, loyaltyScore(loyaltyInput(i, asOf), this.cfg.loyalty, this.cfg.punctuality));
        if (kinds.includes(ScoreKind.Credit)) {
          const c = creditScore(creditInput(i), this.cfg.credit, this.cfg.punctuality);
          await write(i.id, ScoreKind.Credit, c, c.badRecord);
        }
      }
    }
    if (batch) {
      for (const r of await this.repo.writeScores(manager, pending, keepManual, by)) out.push({ customerId: r.customer_id, kind: r.kind as ScoreKind, outcome: r.outcome });
    }
    return out;
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function loyaltyInput(i: CustomerInputs, asOf: string) {
  return {
    tenureMonths: monthsBetween(i.since, asOf),
    activeProducts: i.active_products,
    holdsBundle: i.holds_bundle,
    isKeyAccount: i.customer_type === 'key_individual' || i.customer_type === 'key_enterprise',
    billsDue: i.bills_due ?? 0,
    billsLate: i.bills_late ?? 0,
    recentSpendFen: Number(i.recent_fen ?? 0),
    previousSpendFen: Number(i.previous_fen ?? 0),
  };
}

export function creditInput(i: CustomerInputs): CreditInput {
  return {
    customerType: i.customer_type as CreditInput['customerType'],
    keyAccountLevel: (i.key_account_level as CreditInput['keyAccountLevel']) ?? null,
    paymentMethods: i.methods ?? [],
    chargesFen: Number(i.period_billed ? i.period_fen : i.usage_fen),
    creditLimitFen: Number(i.limit_fen ?? 0),
    billsDue: i.bills_due ?? 0,
    billsLate: i.bills_late ?? 0,
    liveArrears: i.live_arrears ?? 0,
    suspensions: i.suspensions ?? 0,
    writtenOff: i.written_off ?? 0,
  };
}

function listItem(r: Record<string, unknown>): ScoreListItemDto {
  return {
    ...toScoreDto(r as unknown as ScoreRow),
    customerName: r.customer_name as string,
    customerType: r.customer_type as string,
    districtCode: r.district_code as string,
    former: r.deleted_at != null,
  };
}

function creditItem(r: Record<string, unknown>): CreditListItemDto {
  return {
    customerId: r.customer_id as string,
    customerName: r.customer_name as string,
    customerType: r.customer_type as string,
    districtCode: r.district_code as string,
    former: r.deleted_at != null,
    closedAt: iso(r.deleted_at as Date | null),
    period: r.period as string,
    score: Number(r.score),
    list: r.band as string,
    badRecord: !!r.bad_record,
    source: r.source as string,
    computedAt: iso(r.computed_at as Date)!,
  };
}
