import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** Month bounds in the city's time zone: `s` = first instant of the month, `e` = first instant of the next one. */
const MONTH_BOUNDS = `SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, (($1::date + interval '1 month')::date)::timestamp AT TIME ZONE $2 AS e`;

/**
 * Bands of a customer's monthly billed fen (客戶貢獻), roughly log-scale: `[min, max]` inclusive,
 * `max` null for the open top band. The band key is `<min>-<max>` or `<min>+`, so any tier can
 * read the bounds back from the key.
 */
export const CUSTOMER_REVENUE_BANDS_FEN: readonly (readonly [number, number | null])[] = [
  [0, 0],
  [1, 999],
  [1000, 2999],
  [3000, 9999],
  [10000, 29999],
  [30000, 99999],
  [100000, 299999],
  [300000, 999999],
  [1000000, null],
];

export const revenueBandKey = ([min, max]: readonly [number, number | null]): string => (max === null ? `${min}+` : `${min}-${max}`);

/** Age buckets of arrears in days (欠費賬齡). */
export const ARREARS_AGE_BUCKETS: readonly { key: string; minDays: number; maxDays: number | null }[] = [
  { key: '0_30', minDays: 0, maxDays: 30 },
  { key: '31_90', minDays: 31, maxDays: 90 },
  { key: '91_180', minDays: 91, maxDays: 180 },
  { key: 'over_180', minDays: 181, maxDays: null },
];

const ageBucketSql = (days: string): string =>
  `CASE ${ARREARS_AGE_BUCKETS.filter((b) => b.maxDays !== null)
    .map((b) => `WHEN ${days} <= ${b.maxDays} THEN '${b.key}'`)
    .join(' ')} ELSE '${ARREARS_AGE_BUCKETS[ARREARS_AGE_BUCKETS.length - 1].key}' END`;

const num = (v: string | number | null | undefined): number => Number(v ?? 0);

/**
 * City fact set "subscriptions, usage and rated revenue by product, price plan and district per
 * month" (業務發展, 價格彈性). Revenue is rated (monthly fee of every subscription active in the
 * month + its usage charges): bills are per account and service, so they cannot be split by product.
 */
@Injectable()
@ProducesFactSet()
export class SubscriptionRevenueFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.subscriptionsByPlanDistrict;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: Record<string, string>[] = await manager.query(
      `WITH b AS (${MONTH_BOUNDS}),
       subs AS (
         SELECT s.id, s.product_code AS product, coalesce(s.price_plan_code, '-') AS price_plan, c.district_code AS district,
                coalesce(pp.monthly_fee_fen, p.monthly_fee_fen) AS fee,
                (s.ended_at IS NULL OR s.ended_at >= b.e) AS active_end,
                (s.started_at >= b.s) AS started,
                (s.ended_at >= b.s AND s.ended_at < b.e) AS ended
         FROM subscription s CROSS JOIN b
         JOIN customer c ON c.id = s.customer_id
         JOIN product p ON p.code = s.product_code
         LEFT JOIN price_plan pp ON pp.code = s.price_plan_code
         WHERE s.started_at < b.e AND (s.ended_at IS NULL OR s.ended_at >= b.s)),
       usage AS (
         SELECT u.subscription_id, count(*) AS records, sum(u.charge_fen) AS charge
         FROM usage_record u CROSS JOIN b WHERE u.started_at >= b.s AND u.started_at < b.e GROUP BY 1)
       SELECT subs.product, subs.price_plan, subs.district,
              count(*) FILTER (WHERE subs.active_end) AS active_subscriptions,
              count(*) FILTER (WHERE subs.started) AS new_subscriptions,
              count(*) FILTER (WHERE subs.ended) AS terminated_subscriptions,
              count(*) AS billed_subscriptions,
              coalesce(sum(subs.fee), 0)::bigint AS monthly_fee_fen,
              coalesce(sum(u.records), 0)::bigint AS usage_records,
              coalesce(sum(u.charge), 0)::bigint AS usage_charge_fen
       FROM subs LEFT JOIN usage u ON u.subscription_id = subs.id
       GROUP BY 1, 2, 3`,
      [period, timezone],
    );
    return rows.map((r) => ({
      dims: { product: r.product, price_plan: r.price_plan, district: r.district },
      measures: {
        active_subscriptions: num(r.active_subscriptions),
        new_subscriptions: num(r.new_subscriptions),
        terminated_subscriptions: num(r.terminated_subscriptions),
        billed_subscriptions: num(r.billed_subscriptions),
        monthly_fee_fen: num(r.monthly_fee_fen),
        usage_records: num(r.usage_records),
        usage_charge_fen: num(r.usage_charge_fen),
        revenue_fen: num(r.monthly_fee_fen) + num(r.usage_charge_fen),
      },
    }));
  }
}

/**
 * City fact set "arrears by age bucket and district" (欠費分析). `arrear` holds current state only,
 * so the live part is computed for the current month only (as of today); recoveries come from
 * `recovered_on` of the month.
 */
@Injectable()
@ProducesFactSet()
export class ArrearsFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.arrearsByAge;
  readonly currentPeriodOnly = true;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: Record<string, string>[] = await manager.query(
      `WITH today AS (SELECT (now() AT TIME ZONE $2)::date AS d),
       live AS (
         SELECT a.customer_id, c.district_code AS district, count(*) AS arrears, sum(a.amount_fen) AS fen, min(a.since) AS oldest
         FROM arrear a JOIN customer c ON c.id = a.customer_id
         WHERE a.status IN ('open', 'in_dunning') GROUP BY 1, 2),
       live_b AS (
         SELECT ${ageBucketSql('(today.d - live.oldest)')} AS age_bucket, district,
                count(*) AS customers, sum(arrears) AS arrears, sum(fen) AS arrears_fen
         FROM live CROSS JOIN today GROUP BY 1, 2),
       rec AS (
         SELECT ${ageBucketSql('(a.recovered_on - a.since)')} AS age_bucket, c.district_code AS district,
                count(*) AS recovered_arrears, sum(a.peak_amount_fen) AS recovered_fen
         FROM arrear a JOIN customer c ON c.id = a.customer_id
         WHERE a.status = 'recovered' AND a.recovered_on >= $1::date AND a.recovered_on < ($1::date + interval '1 month')::date
         GROUP BY 1, 2)
       SELECT coalesce(l.age_bucket, r.age_bucket) AS age_bucket, coalesce(l.district, r.district) AS district,
              coalesce(l.customers, 0) AS customers, coalesce(l.arrears, 0) AS arrears, coalesce(l.arrears_fen, 0) AS arrears_fen,
              coalesce(r.recovered_arrears, 0) AS recovered_arrears, coalesce(r.recovered_fen, 0) AS recovered_fen
       FROM live_b l FULL JOIN rec r ON r.age_bucket = l.age_bucket AND r.district = l.district`,
      [period, timezone],
    );
    return rows.map((r) => ({
      dims: { age_bucket: r.age_bucket, district: r.district },
      measures: {
        customers: num(r.customers),
        arrears: num(r.arrears),
        arrears_fen: num(r.arrears_fen),
        recovered_arrears: num(r.recovered_arrears),
        recovered_fen: num(r.recovered_fen),
      },
    }));
  }
}

/** City fact set "customers and billed fen by band of monthly billed fen and segment" (客戶貢獻, Pareto from bands). */
@Injectable()
@ProducesFactSet()
export class CustomerRevenueBandFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.customerRevenueBands;

  async compute(manager: EntityManager, { period }: FactPeriod): Promise<FactRow[]> {
    const band = `CASE ${CUSTOMER_REVENUE_BANDS_FEN.filter(([, max]) => max !== null)
      .map((b) => `WHEN cb.fen <= ${b[1]} THEN '${revenueBandKey(b)}'`)
      .join(' ')} ELSE '${revenueBandKey(CUSTOMER_REVENUE_BANDS_FEN[CUSTOMER_REVENUE_BANDS_FEN.length - 1])}' END`;
    const rows: Record<string, string>[] = await manager.query(
      `WITH cb AS (SELECT b.customer_id, sum(b.total_fen) AS fen FROM bill b WHERE b.billing_month = $1::date GROUP BY 1)
       SELECT ${band} AS band, c.customer_type AS segment, count(*) AS customers, coalesce(sum(cb.fen), 0)::bigint AS revenue_fen
       FROM cb JOIN customer c ON c.id = cb.customer_id
       GROUP BY 1, 2`,
      [period],
    );
    return rows.map((r) => ({ dims: { band: r.band, segment: r.segment }, measures: { customers: num(r.customers), revenue_fen: num(r.revenue_fen) } }));
  }
}

/** City fact set "usage by service, call type, direction and time band of the day per month" (消費模式). */
@Injectable()
@ProducesFactSet()
export class UsagePatternFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.usagePatterns;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: Record<string, string>[] = await manager.query(
      `WITH b AS (${MONTH_BOUNDS})
       SELECT u.service, u.call_type, u.direction,
              CASE WHEN extract(hour FROM u.started_at AT TIME ZONE $2) < 6 THEN '00_06'
                   WHEN extract(hour FROM u.started_at AT TIME ZONE $2) < 12 THEN '06_12'
                   WHEN extract(hour FROM u.started_at AT TIME ZONE $2) < 18 THEN '12_18'
                   ELSE '18_24' END AS time_band,
              count(*) AS records, coalesce(sum(u.duration_seconds), 0)::bigint AS duration_seconds,
              coalesce(sum(u.volume_kb), 0)::bigint AS volume_kb, coalesce(sum(u.charge_fen), 0)::bigint AS charge_fen
       FROM usage_record u CROSS JOIN b
       WHERE u.started_at >= b.s AND u.started_at < b.e
       GROUP BY 1, 2, 3, 4`,
      [period, timezone],
    );
    return rows.map((r) => ({
      dims: { service: r.service, call_type: r.call_type, direction: r.direction, time_band: r.time_band },
      measures: { records: num(r.records), duration_seconds: num(r.duration_seconds), volume_kb: num(r.volume_kb), charge_fen: num(r.charge_fen) },
    }));
  }
}
