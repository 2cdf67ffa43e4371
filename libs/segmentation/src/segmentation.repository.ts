import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Customer } from '@crm/customer';
import { CustomerSegment } from './entities';
import { SEGMENT_DIMENSIONS } from './segmentation.constants';
import { ageBandNames, SegmentationConfig } from './segmentation.config';

/** A membership as read by SQL (snake_case, period as `YYYY-MM`). */
export interface SegmentRow {
  customer_id: string;
  dimension: string;
  period: string;
  segment: string;
  reason: Record<string, unknown>;
  source: string;
  computed_at: Date;
  computed_by: string;
  customer_name?: string;
  customer_type?: string;
  district_code?: string;
  deleted_at?: Date | null;
}

export interface BatchOutcome {
  total: number;
  written: number;
  removed: number;
  kept_manual: number;
}

const SELECT_ROW = `s.customer_id, s.dimension, to_char(s.period, 'YYYY-MM') AS period, s.segment, s.reason, s.source, s.computed_at, s.computed_by`;

/**
 * One set-based statement segments a batch of customers for a period on every dimension:
 * `inp` reads each customer's figures, `fresh` derives one row per dimension, the INSERT … ON
 * CONFLICT writes only rows that changed (manual rows are never overwritten), and the DELETE drops
 * computed rows that no longer apply (the value of a customer closed since).
 *
 * $1 ids, $2 period (first day), $3 first billing month of the value window, $4 importantFromFen,
 * $5 highFromFen, $6 lowBelowFen, $7 baseCostFen, $8 perSubscriptionCostFen, $9 keyAccountsImportant, $10 by,
 * $11 age band lower bounds, $12 age band names (one more), $13 lightBelowRecords, $14 heavyFromRecords,
 * $15/$16 the period's month as instants [from, to) in the city's time zone, $17 mediumFromSubscriptions,
 * $18 largeFromSubscriptions, $19 unit mediumFromFen, $20 unit highFromFen.
 */
const SEGMENT_BATCH_SQL = `
WITH inp AS (
  SELECT c.id, c.customer_type, c.key_account_level, c.deleted_at IS NOT NULL AS closed,
    (c.customer_type IN ('key_individual', 'key_enterprise') OR c.key_account_level IS NOT NULL) AS key_account,
    c.customer_type IN ('public_residential', 'key_individual') AS individual,
    c.district_code, c.industry_code, c.gender,
    date_part('year', age(($2::date + interval '1 month' - interval '1 day')::date, c.birth_date))::int AS age_years,
    CASE WHEN c.customer_type IN ('public_residential', 'key_individual') AND c.deleted_at IS NULL THEN
      (SELECT count(*) FROM usage_record u WHERE u.customer_id = c.id AND u.started_at >= $15::timestamptz AND u.started_at < $16::timestamptz)::int
    END AS usage_records,
    COALESCE((SELECT count(*) FROM subscription su WHERE su.customer_id = c.id AND su.status = 'active'), 0)::int AS active_subs,
    COALESCE((SELECT sum(b.total_fen) FROM bill b WHERE b.customer_id = c.id AND b.billing_month BETWEEN $3::date AND $2::date), 0)::bigint AS billed_fen,
    m.segment AS manual_segment, to_char(m.period, 'YYYY-MM') AS manual_period, m.reason AS manual_reason
  FROM customer c
  LEFT JOIN LATERAL (
    SELECT ms.segment, ms.period, ms.reason FROM customer_segment ms
    WHERE ms.customer_id = c.id AND ms.dimension = 'relationship' AND ms.source = 'manual' AND ms.period < $2::date
    ORDER BY ms.period DESC LIMIT 1
  ) m ON true
  WHERE c.id = ANY($1::uuid[])
),
val AS (
  SELECT i.*, ($7::bigint + $8::bigint * i.active_subs) AS cost_fen FROM inp i WHERE NOT i.closed
),
sc AS (
  SELECT DISTINCT ON (s.customer_id, s.kind) s.customer_id, s.kind, s.band, s.score, to_char(s.period, 'YYYY-MM') AS period
  FROM customer_score s
  WHERE s.customer_id = ANY($1::uuid[]) AND s.period <= $2::date
  ORDER BY s.customer_id, s.kind, s.period DESC
),
fresh AS (
  SELECT id AS customer_id, 'attribute'::varchar AS dimension, customer_type::varchar AS segment,
    jsonb_build_object('customerType', customer_type, 'keyAccountLevel', key_account_level) AS reason
  FROM inp
  UNION ALL
  SELECT id, 'relationship',
    CASE WHEN manual_segment IS NOT NULL THEN manual_segment WHEN closed THEN 'historical' WHEN active_subs > 0 THEN 'current' ELSE 'potential' END,
    CASE WHEN manual_segment IS NOT NULL THEN jsonb_build_object('manualFrom', manual_period, 'manual', manual_reason, 'closed', closed, 'activeSubscriptions', active_subs)
         ELSE jsonb_build_object('closed', closed, 'activeSubscriptions', active_subs) END
  FROM inp
  UNION ALL
  SELECT id, 'value',
    CASE WHEN ($9::boolean AND key_account) OR billed_fen >= $4::bigint THEN 'important'
         WHEN billed_fen >= $5::bigint THEN 'high_value'
         WHEN billed_fen >= $6::bigint THEN 'ordinary'
         WHEN billed_fen > cost_fen THEN 'low_value_must_keep'
         ELSE 'low_value_may_lose' END,
    jsonb_build_object('annualBilledFen', billed_fen, 'costFen', cost_fen, 'activeSubscriptions', active_subs, 'keyAccount', key_account,
      'windowFrom', to_char($3::date, 'YYYY-MM'), 'windowTo', to_char($2::date, 'YYYY-MM'))
  FROM val
  UNION ALL
  SELECT i.id, k.kind, COALESCE(sc.band, 'none'),
    CASE WHEN sc.band IS NULL THEN jsonb_build_object('scored', false)
         ELSE jsonb_build_object('scored', true, 'scorePeriod', sc.period, 'score', sc.score, 'band', sc.band) END
  FROM inp i CROSS JOIN (VALUES ('credit'), ('satisfaction'), ('loyalty')) AS k(kind)
  LEFT JOIN sc ON sc.customer_id = i.id AND sc.kind = k.kind
  UNION ALL
  SELECT id, 'geography', district_code, jsonb_build_object('districtCode', district_code) FROM inp WHERE individual
  UNION ALL
  SELECT id, 'demographic',
    COALESCE(gender, 'unknown') || '_' || CASE WHEN age_years IS NULL OR age_years < 0 THEN 'unknown' ELSE ($12::text[])[width_bucket(age_years, $11::int[]) + 1] END,
    jsonb_build_object('gender', gender, 'age', age_years)
  FROM inp WHERE individual
  UNION ALL
  SELECT id, 'behaviour',
    CASE WHEN usage_records = 0 THEN 'inactive' WHEN usage_records < $13::int THEN 'light' WHEN usage_records >= $14::int THEN 'heavy' ELSE 'medium' END,
    jsonb_build_object('usageRecords', usage_records, 'month', to_char($2::date, 'YYYY-MM'))
  FROM val WHERE individual
  UNION ALL
  SELECT id, 'industry', COALESCE(industry_code, 'unknown'), jsonb_build_object('industryCode', industry_code) FROM inp WHERE NOT individual
  UNION ALL
  SELECT id, 'size',
    CASE WHEN active_subs >= $18::int THEN 'large' WHEN active_subs >= $17::int THEN 'medium' ELSE 'small' END,
    jsonb_build_object('activeSubscriptions', active_subs)
  FROM val WHERE NOT individual
  UNION ALL
  SELECT id, 'spend',
    CASE WHEN billed_fen >= $20::bigint THEN 'high' WHEN billed_fen >= $19::bigint THEN 'medium' ELSE 'low' END,
    jsonb_build_object('billedFen', billed_fen, 'windowFrom', to_char($3::date, 'YYYY-MM'), 'windowTo', to_char($2::date, 'YYYY-MM'))
  FROM val WHERE NOT individual
),
up AS (
  INSERT INTO customer_segment AS t (customer_id, dimension, period, segment, reason, source, computed_at, computed_by)
  SELECT customer_id, dimension, $2::date, segment, reason, 'computed', now(), $10 FROM fresh ORDER BY customer_id, dimension
  ON CONFLICT (customer_id, dimension, period) DO UPDATE
    SET segment = EXCLUDED.segment, reason = EXCLUDED.reason, computed_at = EXCLUDED.computed_at, computed_by = EXCLUDED.computed_by
    WHERE t.source = 'computed' AND (t.segment IS DISTINCT FROM EXCLUDED.segment OR t.reason IS DISTINCT FROM EXCLUDED.reason)
  RETURNING 1
),
gone AS (
  DELETE FROM customer_segment d
  WHERE d.period = $2::date AND d.customer_id = ANY($1::uuid[]) AND d.source = 'computed'
    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.customer_id = d.customer_id AND f.dimension = d.dimension)
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS total,
       (SELECT count(*) FROM up)::int AS written,
       (SELECT count(*) FROM gone)::int AS removed,
       (SELECT count(*) FROM customer_segment k WHERE k.period = $2::date AND k.customer_id = ANY($1::uuid[]) AND k.source = 'manual')::int AS kept_manual`;

@Injectable()
export class SegmentationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** id and closing time of the customers among `ids` that exist (closed ones included). */
  async customers(ids: string[]): Promise<Map<string, { deletedAt: Date | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; deleted_at: Date | null }[] = await this.dataSource.query(`SELECT id, deleted_at FROM customer WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, { deletedAt: r.deleted_at }]));
  }

  /** The next `limit` customer ids (current and former) after `after`, in id order. */
  async nextCustomerIds(after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = after
      ? await this.dataSource.query(`SELECT id FROM customer WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit])
      : await this.dataSource.query(`SELECT id FROM customer ORDER BY id LIMIT $1`, [limit]);
    return rows.map((r) => r.id);
  }

  /**
   * Segments a batch of customers for a period (first day), in its own transaction; `month` is the
   * period as instants [from, to) in the city's time zone (usage records are timestamps).
   */
  async segmentBatch(ids: string[], periodStart: string, windowStart: string, month: { from: string; to: string }, cfg: SegmentationConfig, by: string): Promise<BatchOutcome> {
    const { value: v, individual: i, unit: u } = cfg;
    const [row] = await this.dataSource.transaction((m) =>
      m.query(SEGMENT_BATCH_SQL, [
        ids, periodStart, windowStart, v.importantFromFen, v.highFromFen, v.lowBelowFen, cfg.cost.baseCostFen, cfg.cost.perSubscriptionCostFen, v.keyAccountsImportant, by,
        i.ageBands, ageBandNames(i.ageBands), i.lightBelowRecords, i.heavyFromRecords, month.from, month.to,
        u.mediumFromSubscriptions, u.largeFromSubscriptions, u.mediumFromFen, u.highFromFen,
      ]),
    );
    return row as BatchOutcome;
  }

  async findOne(manager: EntityManager, customerId: string, dimension: string, periodStart: string): Promise<SegmentRow | null> {
    const [row] = await manager.query(`SELECT ${SELECT_ROW} FROM customer_segment s WHERE s.customer_id = $1 AND s.dimension = $2 AND s.period = $3::date FOR UPDATE`, [customerId, dimension, periodStart]);
    return (row as SegmentRow) ?? null;
  }

  async upsertManual(manager: EntityManager, customerId: string, dimension: string, periodStart: string, segment: string, reason: Record<string, unknown>, by: string): Promise<SegmentRow> {
    await manager.query(
      `INSERT INTO customer_segment (customer_id, dimension, period, segment, reason, source, computed_at, computed_by)
       VALUES ($1, $2, $3::date, $4, $5::jsonb, 'manual', now(), $6)
       ON CONFLICT (customer_id, dimension, period) DO UPDATE
         SET segment = EXCLUDED.segment, reason = EXCLUDED.reason, source = 'manual', computed_at = EXCLUDED.computed_at, computed_by = EXCLUDED.computed_by`,
      [customerId, dimension, periodStart, segment, JSON.stringify(reason), by],
    );
    return (await this.findOne(manager, customerId, dimension, periodStart))!;
  }

  /** A customer's memberships of a period (default: their latest segmented period). */
  async ofCustomer(customerId: string, periodStart: string | undefined): Promise<SegmentRow[]> {
    return this.dataSource.query(
      `SELECT ${SELECT_ROW} FROM customer_segment s
       WHERE s.customer_id = $1 AND s.period = COALESCE($2::date, (SELECT max(p.period) FROM customer_segment p WHERE p.customer_id = $1))
       ORDER BY array_position($3::varchar[], s.dimension)`,
      [customerId, periodStart ?? null, SEGMENT_DIMENSIONS],
    );
  }

  /** Members per (dimension, segment) of a period. */
  sizes(periodStart: string, dimension: string | undefined): Promise<{ dimension: string; segment: string; n: number }[]> {
    return this.dataSource.query(
      `SELECT dimension, segment, count(*)::int AS n FROM customer_segment
       WHERE period = $1::date AND ($2::varchar IS NULL OR dimension = $2::varchar)
       GROUP BY dimension, segment`,
      [periodStart, dimension ?? null],
    );
  }

  /** The members of one segment of a period with their customer's name, type, district and closing. */
  membersQuery(dimension: string, segment: string, periodStart: string): SelectQueryBuilder<CustomerSegment> {
    return this.dataSource
      .getRepository(CustomerSegment)
      .createQueryBuilder('s')
      .withDeleted()
      .innerJoin(Customer, 'c', 'c.id = s.customer_id')
      .select([])
      .addSelect('s.customer_id', 'customer_id')
      .addSelect('c.name', 'customer_name')
      .addSelect('c.customer_type', 'customer_type')
      .addSelect('c.district_code', 'district_code')
      .addSelect('c.deleted_at', 'deleted_at')
      .addSelect('s.dimension', 'dimension')
      .addSelect(`to_char(s.period, 'YYYY-MM')`, 'period')
      .addSelect('s.segment', 'segment')
      .addSelect('s.reason', 'reason')
      .addSelect('s.source', 'source')
      .addSelect('s.computed_at', 'computed_at')
      .addSelect('s.computed_by', 'computed_by')
      .where('s.dimension = :dimension', { dimension })
      .andWhere('s.segment = :segment', { segment })
      .andWhere('s.period = :period', { period: periodStart })
      .orderBy('s.customer_id', 'ASC');
  }

  async page(qb: SelectQueryBuilder<CustomerSegment>, page: number, pageSize: number): Promise<[SegmentRow[], number]> {
    const total = await qb.getCount();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as SegmentRow[], total];
  }
}
