import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Customer } from '@crm/customer';
import { CreditListFilterDto, ScoreFilterDto } from './dto/score-query.dto';
import { CustomerScore } from './entities';
import { ScoreKind, ScoreSource } from './scoring.constants';
import { FactorValue, SurveyFactors } from './scoring.formulas';

/** A score row as read by SQL (snake_case, period as `YYYY-MM`). */
export interface ScoreRow {
  id: string;
  customer_id: string;
  kind: ScoreKind;
  period: string;
  score: string | number;
  band: string;
  factors: Record<string, FactorValue>;
  bad_record: boolean;
  source: ScoreSource;
  reason: string | null;
  computed_at: Date;
  computed_by: string;
  replaced_at?: Date;
  replaced_by?: string;
}

/** The raw figures the loyalty and credit formulas read, per customer. */
export interface CustomerInputs {
  id: string;
  customer_type: string;
  key_account_level: string | null;
  deleted_at: Date | null;
  /** Tenure start: the first subscription's start, else the customer's creation (city-local date). */
  since: string;
  active_products: number;
  holds_bundle: boolean;
  bills_due: number;
  bills_late: number;
  recent_fen: string;
  previous_fen: string;
  period_billed: boolean;
  period_fen: string;
  usage_fen: string;
  limit_fen: string;
  methods: string[];
  live_arrears: number;
  suspensions: number;
  written_off: number;
}

export interface ScoreWrite {
  customerId: string;
  kind: ScoreKind;
  /** First day of the month. */
  period: string;
  score: number;
  band: string;
  factors: Record<string, FactorValue>;
  badRecord: boolean;
  source: ScoreSource;
  reason: string | null;
  by: string;
}

export type WriteOutcome = { outcome: 'written' | 'unchanged' | 'kept-manual'; row: ScoreRow; previous: ScoreRow | null };

const SCORE_COLUMNS = `id, customer_id, kind, to_char(period, 'YYYY-MM') AS period, score, band, factors, bad_record, source, reason, computed_at, computed_by`;
const SORT_COLUMNS: Record<string, string> = { score: 's.score', period: 's.period', computedAt: 's.computedAt' };
const SURVEY_AVG = `avg(corporate_image) AS "corporateImage", avg(attitude) AS attitude, avg(service_quality) AS "serviceQuality", avg(customer_care) AS "customerCare",
  avg(reliability) AS reliability, avg(timeliness) AS timeliness, avg(security) AS security, avg(quality_at_price) AS "qualityAtPrice", avg(price_at_quality) AS "priceAtQuality"`;

/** All I/O of scoring (評分): scores with their replaced values, surveys, and the inputs read from customers, subscriptions, bills, accounts and arrears. */
@Injectable()
export class ScoringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** id and closing time of the customers among `ids` that exist. */
  async customers(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, { deletedAt: Date | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; deleted_at: Date | null }[] = await manager.query(`SELECT id, deleted_at FROM customer WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, { deletedAt: r.deleted_at }]));
  }

  /** Every customer id (current and former), when there are at most `max`; otherwise null. */
  async allCustomerIds(max: number): Promise<string[] | null> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM customer ORDER BY id LIMIT $1`, [max + 1]);
    return rows.length > max ? null : rows.map((r) => r.id);
  }

  /**
   * The loyalty and credit inputs of the customers for a period. `periodStart` is its first day,
   * `asOf` the day up to which bills count (today for the current month, the next month's first
   * day for a past one): a bill counts when its due date has passed or it was already paid;
   * `lookbackStart` is the first billing month of the punctuality window.
   */
  loadInputs(manager: EntityManager, ids: string[], p: { periodStart: string; asOf: string; lookbackStart: string; tz: string }): Promise<CustomerInputs[]> {
    return manager.query(
      `SELECT c.id, c.customer_type, c.key_account_level, c.deleted_at,
              to_char(coalesce((SELECT min(s.started_at) FROM subscription s WHERE s.customer_id = c.id), c.created_at) AT TIME ZONE $5, 'YYYY-MM-DD') AS since,
              (SELECT count(*)::int FROM subscription s WHERE s.customer_id = c.id AND s.status = 'active') AS active_products,
              EXISTS (SELECT 1 FROM subscription s JOIN product pr ON pr.code = s.product_code
                      WHERE s.customer_id = c.id AND s.status = 'active' AND pr.category = 'bundle') AS holds_bundle,
              b.bills_due, b.bills_late, b.recent_fen, b.previous_fen, b.period_billed, b.period_fen,
              (SELECT coalesce(sum(u.charge_fen), 0) FROM usage_record u
                WHERE u.customer_id = c.id AND u.started_at >= ($2::date::timestamp AT TIME ZONE $5)
                  AND u.started_at < (($2::date + interval '1 month')::timestamp AT TIME ZONE $5)) AS usage_fen,
              acc.limit_fen, acc.methods,
              ar.live_arrears, ar.suspensions, ar.written_off
       FROM customer c
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE b.billing_month >= $4::date AND (b.due_date < $3::date OR (b.paid_at AT TIME ZONE $5)::date <= $3::date))::int AS bills_due,
                count(*) FILTER (WHERE b.billing_month >= $4::date AND (b.due_date < $3::date OR (b.paid_at AT TIME ZONE $5)::date <= $3::date)
                                   AND (b.status IN ('overdue', 'written_off') OR (b.paid_at IS NOT NULL AND (b.paid_at AT TIME ZONE $5)::date > b.due_date)))::int AS bills_late,
                coalesce(sum(b.total_fen) FILTER (WHERE b.billing_month > $2::date - interval '3 months'), 0) AS recent_fen,
                coalesce(sum(b.total_fen) FILTER (WHERE b.billing_month <= $2::date - interval '3 months'), 0) AS previous_fen,
                bool_or(b.billing_month = $2::date) IS TRUE AS period_billed,
                coalesce(sum(b.total_fen) FILTER (WHERE b.billing_month = $2::date), 0) AS period_fen
         FROM bill b
         WHERE b.customer_id = c.id AND b.billing_month <= $2::date
           AND b.billing_month >= least($4::date, ($2::date - interval '5 months')::date)
       ) b ON true
       LEFT JOIN LATERAL (
         SELECT coalesce(sum(a.credit_limit_fen) FILTER (WHERE a.deleted_at IS NULL), 0) AS limit_fen,
                CASE WHEN count(*) FILTER (WHERE a.deleted_at IS NULL) > 0
                     THEN array_agg(a.payment_method) FILTER (WHERE a.deleted_at IS NULL)
                     ELSE coalesce(array_agg(a.payment_method), '{}') END AS methods
         FROM account a WHERE a.customer_id = c.id
       ) acc ON true
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE a.status IN ('open', 'in_dunning'))::int AS live_arrears,
                count(*) FILTER (WHERE a.suspended OR a.suspended_at >= ($4::date::timestamp AT TIME ZONE $5))::int AS suspensions,
                count(*) FILTER (WHERE a.status = 'written_off' AND a.updated_at >= ($4::date::timestamp AT TIME ZONE $5))::int AS written_off
         FROM arrear a WHERE a.customer_id = c.id AND a.since < $3::date
       ) ar ON true
       WHERE c.id = ANY($1::uuid[])`,
      [ids, p.periodStart, p.asOf, p.lookbackStart, p.tz],
    );
  }

  /**
   * Survey factors per customer for the period: the mean of the period's surveys, or else the
   * latest survey of a period in [carryFrom, period).
   */
  async surveyFactors(manager: EntityManager, ids: string[], periodStart: string, carryFrom: string): Promise<Map<string, { factors: SurveyFactors; surveys: number; surveyPeriod: string }>> {
    const rows: (Record<string, string> & { customer_id: string; n: number; survey_period: string })[] = await manager.query(
      `WITH in_period AS (
         SELECT customer_id, ${SURVEY_AVG}, count(*)::int AS n, to_char(max(period), 'YYYY-MM') AS survey_period
         FROM satisfaction_survey WHERE customer_id = ANY($1::uuid[]) AND period = $2::date GROUP BY customer_id
       ), latest AS (
         SELECT DISTINCT ON (customer_id) customer_id, period FROM satisfaction_survey
         WHERE customer_id = ANY($1::uuid[]) AND period < $2::date AND period >= $3::date AND customer_id NOT IN (SELECT customer_id FROM in_period)
         ORDER BY customer_id, period DESC
       ), carried AS (
         SELECT s.customer_id, ${SURVEY_AVG}, count(*)::int AS n, to_char(max(s.period), 'YYYY-MM') AS survey_period
         FROM satisfaction_survey s JOIN latest l ON l.customer_id = s.customer_id AND l.period = s.period GROUP BY s.customer_id
       )
       SELECT * FROM in_period UNION ALL SELECT * FROM carried`,
      [ids, periodStart, carryFrom],
    );
    return new Map(
      rows.map((r) => {
        const { customer_id, n, survey_period, ...f } = r;
        const factors = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number(v)])) as SurveyFactors;
        return [customer_id, { factors, surveys: n, surveyPeriod: survey_period }];
      }),
    );
  }

  /**
   * Writes a score value: inserts it, or replaces the current value of (customer, kind, period)
   * after copying that one to customer_score_history. An identical value writes nothing; a manual
   * value is kept when `keepManual`.
   */
  /**
   * Writes many computed scores in one statement (recomputation runs): inserts new ones, keeps
   * hand-set values when asked, leaves identical values alone, and moves replaced values to the
   * history. Returns the outcome per (customer, kind). Per-score audit is not written here: a
   * recomputation run is audited once.
   */
  async writeScores(manager: EntityManager, values: ScoreWrite[], keepManual: boolean, by: string): Promise<{ customer_id: string; kind: string; outcome: WriteOutcome['outcome'] }[]> {
    if (!values.length) return [];
    const rows = values.map((v) => ({ customer_id: v.customerId, kind: v.kind, period: v.period, score: v.score, band: v.band, factors: v.factors, bad_record: v.badRecord, source: v.source, reason: v.reason }));
    return manager.query(
      `WITH v AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(customer_id uuid, kind varchar, period date, score numeric, band varchar, factors jsonb, bad_record boolean, source varchar, reason varchar)
       ), cur AS (
         SELECT s.id, s.customer_id, s.kind, s.period, s.score, s.band, s.factors, s.bad_record, s.source, s.reason
         FROM customer_score s
         WHERE s.period = (SELECT min(period) FROM v) AND s.customer_id = ANY(ARRAY(SELECT DISTINCT customer_id FROM v))
         FOR UPDATE OF s
       ), decided AS (
         SELECT v.*, c.id AS cur_id,
                CASE WHEN c.id IS NULL THEN 'written'
                     WHEN $2 AND c.source = 'manual' AND v.source <> 'manual' THEN 'kept-manual'
                     WHEN c.score = round(v.score, 2) AND c.band = v.band AND c.factors = v.factors AND c.bad_record = v.bad_record
                          AND c.source = v.source AND c.reason IS NOT DISTINCT FROM v.reason THEN 'unchanged'
                     ELSE 'written' END AS outcome
         FROM v LEFT JOIN cur c ON c.customer_id = v.customer_id AND c.kind = v.kind AND c.period = v.period
       ), hist AS (
         INSERT INTO customer_score_history (customer_id, kind, period, score, band, factors, bad_record, source, reason, computed_at, computed_by, replaced_by)
         SELECT s.customer_id, s.kind, s.period, s.score, s.band, s.factors, s.bad_record, s.source, s.reason, s.computed_at, s.computed_by, $3
         FROM customer_score s JOIN decided d ON d.cur_id = s.id WHERE d.outcome = 'written'
       ), up AS (
         UPDATE customer_score s SET score = d.score, band = d.band, factors = d.factors, bad_record = d.bad_record, source = d.source,
                reason = d.reason, computed_at = now(), computed_by = $3
         FROM decided d WHERE d.cur_id = s.id AND d.outcome = 'written'
       ), ins AS (
         INSERT INTO customer_score (customer_id, kind, period, score, band, factors, bad_record, source, reason, computed_by)
         SELECT customer_id, kind, period, score, band, factors, bad_record, source, reason, $3 FROM decided WHERE cur_id IS NULL
         ON CONFLICT (customer_id, kind, period) DO NOTHING
       )
       SELECT customer_id::text, kind, outcome FROM decided`,
      [JSON.stringify(rows), keepManual, by],
    );
  }

  async writeScore(manager: EntityManager, v: ScoreWrite, keepManual: boolean): Promise<WriteOutcome> {
    const lock = async (): Promise<ScoreRow | undefined> =>
      (await manager.query(`SELECT ${SCORE_COLUMNS} FROM customer_score WHERE customer_id = $1 AND kind = $2 AND period = $3 FOR UPDATE`, [v.customerId, v.kind, v.period]))[0];
    let current = await lock();
    if (!current) {
      const inserted: ScoreRow[] = await manager.query(
        `INSERT INTO customer_score (customer_id, kind, period, score, band, factors, bad_record, source, reason, computed_by)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)
         ON CONFLICT (customer_id, kind, period) DO NOTHING
         RETURNING ${SCORE_COLUMNS}`,
        [v.customerId, v.kind, v.period, v.score, v.band, JSON.stringify(v.factors), v.badRecord, v.source, v.reason, v.by],
      );
      if (inserted.length) return { outcome: 'written', row: inserted[0], previous: null };
      current = await lock();
      if (!current) throw new Error('customer_score row vanished while being written');
    }
    if (keepManual && current.source === ScoreSource.Manual && v.source !== ScoreSource.Manual) return { outcome: 'kept-manual', row: current, previous: current };
    const [same] = await manager.query(
      `SELECT (score = $2::numeric AND band = $3 AND factors = $4::jsonb AND bad_record = $5 AND source = $6 AND reason IS NOT DISTINCT FROM $7::varchar) AS same FROM customer_score WHERE id = $1`,
      [current.id, v.score, v.band, JSON.stringify(v.factors), v.badRecord, v.source, v.reason],
    );
    if (same.same) return { outcome: 'unchanged', row: current, previous: null };
    await manager.query(
      `INSERT INTO customer_score_history (customer_id, kind, period, score, band, factors, bad_record, source, reason, computed_at, computed_by, replaced_by)
       SELECT customer_id, kind, period, score, band, factors, bad_record, source, reason, computed_at, computed_by, $2 FROM customer_score WHERE id = $1`,
      [current.id, v.by],
    );
    const [updated]: [ScoreRow[], number] = await manager.query(
      `UPDATE customer_score SET score = $2, band = $3, factors = $4::jsonb, bad_record = $5, source = $6, reason = $7, computed_at = now(), computed_by = $8
       WHERE id = $1 RETURNING ${SCORE_COLUMNS}`,
      [current.id, v.score, v.band, JSON.stringify(v.factors), v.badRecord, v.source, v.reason, v.by],
    );
    return { outcome: 'written', row: updated[0], previous: current };
  }

  /** A customer's current scores and replaced values within [from, to] (first days), newest first. */
  async history(customerId: string, kind: ScoreKind | undefined, from: string | undefined, to: string | undefined): Promise<{ current: ScoreRow[]; replaced: ScoreRow[] }> {
    const params = [customerId, kind ?? null, from ?? null, to ?? null];
    const where = `customer_id = $1 AND ($2::varchar IS NULL OR kind = $2) AND ($3::date IS NULL OR period >= $3::date) AND ($4::date IS NULL OR period <= $4::date)`;
    const current: ScoreRow[] = await this.dataSource.query(`SELECT ${SCORE_COLUMNS} FROM customer_score WHERE ${where} ORDER BY period DESC, kind LIMIT 1000`, params);
    const replaced: ScoreRow[] = await this.dataSource.query(
      `SELECT ${SCORE_COLUMNS}, replaced_at, replaced_by FROM customer_score_history WHERE ${where} ORDER BY replaced_at DESC, id DESC LIMIT 1000`,
      params,
    );
    return { current, replaced };
  }

  insertSurvey(manager: EntityManager, s: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return manager.query(
      `INSERT INTO satisfaction_survey (customer_id, period, corporate_image, attitude, service_quality, customer_care, reliability, timeliness, security,
                                        quality_at_price, price_at_quality, surveyed_at, channel, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING id, customer_id, to_char(period, 'YYYY-MM') AS period, surveyed_at, channel, recorded_by`,
      [
        s.customerId, s.period, s.corporateImage, s.attitude, s.serviceQuality, s.customerCare, s.reliability, s.timeliness, s.security,
        s.qualityAtPrice, s.priceAtQuality, s.surveyedAt, s.channel, s.recordedBy,
      ],
    );
  }

  /** `instant` (a date in `tz`, or a date-time with offset) as a timestamptz, with its month in `tz` and whether it lies in the future (beyond 5 minutes). */
  async resolveInstant(instant: string | undefined, tz: string): Promise<{ at: Date; month: string; future: boolean }> {
    const [row] = await this.dataSource.query(
      `WITH t AS (SELECT CASE WHEN $1::text IS NULL THEN now() WHEN length($1::text) = 10 THEN ($1::text::date::timestamp AT TIME ZONE $2) ELSE $1::text::timestamptz END AS at)
       SELECT at, to_char(at AT TIME ZONE $2, 'YYYY-MM') AS month, at > now() + interval '5 minutes' AS future FROM t`,
      [instant ?? null, tz],
    );
    return row;
  }

  // ------------------------------------------------------------ queries

  listQuery(f: ScoreFilterDto): SelectQueryBuilder<CustomerScore> {
    const qb = this.base();
    if (f.kind) qb.andWhere('s.kind = :kind', { kind: f.kind });
    if (f.period) qb.andWhere('s.period = :period', { period: `${f.period}-01` });
    if (f.band) qb.andWhere('s.band = :band', { band: f.band });
    if (f.segment) qb.andWhere('c.customer_type = :segment', { segment: f.segment });
    if (f.districtCode) qb.andWhere('c.district_code = :district', { district: f.districtCode });
    if (f.customerId) qb.andWhere('s.customer_id = :customerId', { customerId: f.customerId });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT_COLUMNS[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('s.id', 'ASC');
  }

  /**
   * The customers on a credit list: each customer's credit score of `period`, or by default their
   * latest one, whose band is the list. Red and grey lists hold current customers only; the black
   * list also former (closed) customers.
   */
  creditListQuery(list: string, f: CreditListFilterDto): SelectQueryBuilder<CustomerScore> {
    const qb = this.base().andWhere(`s.kind = 'credit'`).andWhere('s.band = :list', { list });
    if (f.period) qb.andWhere('s.period = :period', { period: `${f.period}-01` });
    else qb.andWhere(`s.period = (SELECT max(s2.period) FROM customer_score s2 WHERE s2.customer_id = s.customer_id AND s2.kind = 'credit')`);
    if (list !== 'black') qb.andWhere('c.deleted_at IS NULL');
    if (f.segment) qb.andWhere('c.customer_type = :segment', { segment: f.segment });
    if (f.districtCode) qb.andWhere('c.district_code = :district', { district: f.districtCode });
    return qb.orderBy('s.score', list === 'red' ? 'DESC' : 'ASC').addOrderBy('s.customer_id', 'ASC');
  }

  async page(qb: SelectQueryBuilder<CustomerScore>, page: number, pageSize: number): Promise<[Record<string, unknown>[], number]> {
    const total = await qb.getCount();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows, total];
  }

  /** Count, Σ score and band counts per group of current customers for a kind and period. */
  summary(kind: ScoreKind, periodStart: string, groupBy: 'customerType' | 'district'): Promise<{ grp: string; name: string | null; band: string; n: number; total: string }[]> {
    const grp = groupBy === 'district' ? 'c.district_code' : 'c.customer_type';
    const name = groupBy === 'district' ? 'max(d.name)' : 'NULL';
    return this.dataSource.query(
      `SELECT ${grp} AS grp, ${name} AS name, s.band, count(*)::int AS n, sum(s.score) AS total
       FROM customer_score s JOIN customer c ON c.id = s.customer_id
       ${groupBy === 'district' ? 'LEFT JOIN district d ON d.code = c.district_code' : ''}
       WHERE s.kind = $1 AND s.period = $2::date AND c.deleted_at IS NULL
       GROUP BY ${grp}, s.band ORDER BY 1, 3`,
      [kind, periodStart],
    );
  }

  private base(): SelectQueryBuilder<CustomerScore> {
    return this.dataSource
      .getRepository(CustomerScore)
      .createQueryBuilder('s')
      // closed (soft-deleted) customers stay: the black list and score history cover former customers
      .withDeleted()
      .innerJoin(Customer, 'c', 'c.id = s.customer_id')
      .select([])
      .addSelect('s.id', 'id')
      .addSelect('s.customer_id', 'customer_id')
      .addSelect('c.name', 'customer_name')
      .addSelect('c.customer_type', 'customer_type')
      .addSelect('c.district_code', 'district_code')
      .addSelect('c.deleted_at', 'deleted_at')
      .addSelect('s.kind', 'kind')
      .addSelect(`to_char(s.period, 'YYYY-MM')`, 'period')
      .addSelect('s.score', 'score')
      .addSelect('s.band', 'band')
      .addSelect('s.factors', 'factors')
      .addSelect('s.bad_record', 'bad_record')
      .addSelect('s.source', 'source')
      .addSelect('s.reason', 'reason')
      .addSelect('s.computed_at', 'computed_at')
      .addSelect('s.computed_by', 'computed_by');
  }
}
