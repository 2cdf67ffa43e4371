import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { DomainException } from '@crm/errors';
import { ChurnSourceRow } from './churn-input.mapper';
import { ChurnOperationsConfig } from './churn-records.constants';
import type { ChurnFactor } from './churn.types';
import { ChurnRecordFilterDto, ChurnRiskFilterDto } from './dto/churn.dto';
import { ChurnModelRecord, ChurnRecord, ChurnRiskScore } from './entities';

const SORT_COLUMNS: Record<string, string> = { detectedAt: 'r.detected_at', period: 'r.period' };
const likeContains = (q: string): string => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export interface DetectionOutcome {
  matched: number;
  created: { id: string; customer_id: string }[];
}

export interface RiskRow {
  customer_id: string;
  customer_name: string;
  district_code: string;
  probability: string;
  top_factors: ChurnFactor[];
  model_version: number;
  scored_at: Date;
}

/** All I/O of churn (流失): records, detection over usage and subscriptions, training rows, models and scores. */
@Injectable()
export class ChurnRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findRecord(id: string): Promise<ChurnRecord | null> {
    return this.dataSource.getRepository(ChurnRecord).findOneBy({ id });
  }

  lockRecord(manager: EntityManager, id: string): Promise<ChurnRecord | null> {
    return manager.getRepository(ChurnRecord).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  async customerExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM customer WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async saveRecord(manager: EntityManager, record: ChurnRecord): Promise<ChurnRecord> {
    try {
      return await manager.getRepository(ChurnRecord).save(record);
    } catch (err) {
      const pg = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
      if (pg?.code === '23505' && pg.constraint === 'ux_churn_record_customer_period_type') {
        throw DomainException.conflict('The customer already has a churn record of this type for this period', [{ field: 'type', problem: 'already recorded for this customer and period' }]);
      }
      if (pg?.code === '23503' && pg.constraint === 'fk_churn_record_customer') throw DomainException.badRequest('customerId is not a customer of this city', [{ field: 'customerId', problem: 'unknown customer' }]);
      throw err;
    }
  }

  async deleteRecord(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ChurnRecord).delete({ id });
  }

  async listRecords(f: ChurnRecordFilterDto & { page: number; pageSize: number }): Promise<[Record<string, unknown>[], number]> {
    const base = this.filtered(f);
    const total = await base.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const rows = await this.recordColumns(base)
      .orderBy(SORT_COLUMNS[f.sort.replace('-', '')], f.sort.startsWith('-') ? 'DESC' : 'ASC')
      .addOrderBy('r.id', 'ASC')
      .offset((f.page - 1) * f.pageSize)
      .limit(f.pageSize)
      .getRawMany();
    return [rows, total?.n ?? 0];
  }

  exportRecords(f: ChurnRecordFilterDto): SelectQueryBuilder<ChurnRecord> {
    return this.recordColumns(this.filtered(f))
      .orderBy(SORT_COLUMNS[f.sort.replace('-', '')], f.sort.startsWith('-') ? 'DESC' : 'ASC')
      .addOrderBy('r.id', 'ASC');
  }

  private recordColumns(qb: SelectQueryBuilder<ChurnRecord>): SelectQueryBuilder<ChurnRecord> {
    return qb
      .select([])
      .addSelect('r.id', 'id')
      .addSelect('r.customer_id', 'customer_id')
      .addSelect('c.name', 'customer_name')
      .addSelect('c.district_code', 'district_code')
      .addSelect('r.type', 'type')
      .addSelect('r.reason', 'reason')
      .addSelect('r.detected_by', 'detected_by')
      .addSelect('r.detected_at', 'detected_at')
      .addSelect(`to_char(r.period, 'YYYY-MM')`, 'period')
      .addSelect('r.evidence', 'evidence')
      .addSelect('r.status', 'status')
      .addSelect('r.created_by', 'created_by')
      .addSelect('r.version', 'version')
      .addSelect('r.created_at', 'created_at')
      .addSelect('r.updated_at', 'updated_at');
  }

  private filtered(f: ChurnRecordFilterDto): SelectQueryBuilder<ChurnRecord> {
    const qb = this.dataSource.getRepository(ChurnRecord).createQueryBuilder('r').innerJoin('customer', 'c', 'c.id = r.customer_id');
    if (f.type) qb.andWhere('r.type = :type', { type: f.type });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.detectedBy) qb.andWhere('r.detected_by = :detectedBy', { detectedBy: f.detectedBy });
    if (f.period) qb.andWhere('r.period = :period', { period: `${f.period}-01` });
    if (f.reason) qb.andWhere(`r.reason LIKE :reason`, { reason: likeContains(f.reason) });
    if (f.districtCode) qb.andWhere('c.district_code = :district', { district: f.districtCode });
    if (f.customerId) qb.andWhere('r.customer_id = :customerId', { customerId: f.customerId });
    return qb;
  }

  /**
   * Usage drop: per customer, usage records and charges of the `windowDays` before the end of
   * `asOf` against the monthly average of the `baselineDays` before that window. Records are
   * created once per (customer, period, type): ON CONFLICT DO NOTHING.
   */
  async detectUsageDrop(manager: EntityManager, asOf: string, tz: string, period: string, cfg: ChurnOperationsConfig, by: string): Promise<DetectionOutcome> {
    const [row] = await manager.query(
      `WITH b AS (
         SELECT w_end, w_end - make_interval(days => $3::int) AS w_start, w_end - make_interval(days => $3::int + $4::int) AS b_start
         FROM (SELECT (($1::date + 1)::timestamp AT TIME ZONE $2) AS w_end) x
       ), usage AS (
         SELECT u.customer_id,
           count(*) FILTER (WHERE u.started_at >= b.w_start) AS recent_records,
           coalesce(sum(u.charge_fen) FILTER (WHERE u.started_at >= b.w_start), 0) AS recent_charge,
           count(*) FILTER (WHERE u.started_at < b.w_start) * $3::numeric / $4::numeric AS base_records,
           coalesce(sum(u.charge_fen) FILTER (WHERE u.started_at < b.w_start), 0) * $3::numeric / $4::numeric AS base_charge
         FROM usage_record u CROSS JOIN b
         WHERE u.started_at >= b.b_start AND u.started_at < b.w_end
         GROUP BY u.customer_id
       ), drops AS (
         SELECT u.*,
           (u.base_records > $6 AND u.recent_records < $5 * u.base_records) AS record_drop,
           (u.base_charge > $7 AND u.recent_charge < $5 * u.base_charge) AS charge_drop
         FROM usage u JOIN customer c ON c.id = u.customer_id AND c.deleted_at IS NULL
         WHERE (u.base_records > $6 AND u.recent_records < $5 * u.base_records)
            OR (u.base_charge > $7 AND u.recent_charge < $5 * u.base_charge)
       ), created AS (
         INSERT INTO churn_record (customer_id, type, reason, detected_by, detected_at, period, evidence, status, created_by)
         SELECT d.customer_id, 'usage_drop',
           '近' || $3::int || '天用量低於自身基線的 ' || round($5 * 100) || '%（usage below ' || round($5 * 100) || '% of own baseline）',
           'rule', now(), $8::date,
           jsonb_build_object(
             'rule', 'usage_drop', 'asOf', $1::text, 'fraction', $5::numeric, 'windowDays', $3::int, 'baselineDays', $4::int,
             'recentRecords', d.recent_records, 'baselineRecordsPerWindow', round(d.base_records, 2),
             'recentChargeFen', d.recent_charge, 'baselineChargeFenPerWindow', round(d.base_charge, 2),
             'recordDrop', d.record_drop, 'chargeDrop', d.charge_drop),
           'open', $9
         FROM drops d
         ON CONFLICT ON CONSTRAINT ux_churn_record_customer_period_type DO NOTHING
         RETURNING id, customer_id
       )
       SELECT (SELECT count(*)::int FROM drops) AS matched, (SELECT coalesce(json_agg(json_build_object('id', id, 'customer_id', customer_id)), '[]'::json) FROM created) AS created`,
      [asOf, tz, cfg.windowDays, cfg.baselineDays, cfg.usageDropFraction, cfg.minBaselineRecordsPerMonth * (cfg.windowDays / 30), cfg.minBaselineChargeFenPerMonth * (cfg.windowDays / 30), period, by],
    );
    return { matched: row.matched as number, created: row.created as DetectionOutcome['created'] };
  }

  /** Disconnection: every subscription of the customer terminated, the last one within the window. */
  async detectDisconnection(manager: EntityManager, asOf: string, tz: string, period: string, cfg: ChurnOperationsConfig, by: string): Promise<DetectionOutcome> {
    const [row] = await manager.query(
      `WITH b AS (
         SELECT w_end, w_end - make_interval(days => $3::int) AS w_start FROM (SELECT (($1::date + 1)::timestamp AT TIME ZONE $2) AS w_end) x
       ), gone AS (
         SELECT s.customer_id, count(*)::int AS subscriptions, max(s.ended_at) AS last_ended_at
         FROM subscription s
         GROUP BY s.customer_id
         HAVING bool_and(s.status = 'terminated')
       ), hits AS (
         SELECT g.* FROM gone g CROSS JOIN b WHERE g.last_ended_at >= b.w_start AND g.last_ended_at < b.w_end
       ), created AS (
         INSERT INTO churn_record (customer_id, type, reason, detected_by, detected_at, period, evidence, status, created_by)
         SELECT h.customer_id, 'disconnection', '全部業務已拆機（all subscriptions terminated）', 'rule', now(), $4::date,
           jsonb_build_object('rule', 'disconnection', 'asOf', $1::text, 'windowDays', $3::int, 'subscriptions', h.subscriptions, 'lastEndedAt', h.last_ended_at),
           'open', $5
         FROM hits h
         ON CONFLICT ON CONSTRAINT ux_churn_record_customer_period_type DO NOTHING
         RETURNING id, customer_id
       )
       SELECT (SELECT count(*)::int FROM hits) AS matched, (SELECT coalesce(json_agg(json_build_object('id', id, 'customer_id', customer_id)), '[]'::json) FROM created) AS created`,
      [asOf, tz, cfg.windowDays, period, by],
    );
    return { matched: row.matched as number, created: row.created as DetectionOutcome['created'] };
  }

  /**
   * Training labels: churned = closed (deleted_at) or with a confirmed churn record, read as of
   * one second before the earliest of: closing, the first confirmed record, the end of the last
   * subscription when all are terminated; retained = active customers (not closed, no confirmed
   * record, at least one live subscription), read as of now.
   */
  trainingLabels(): Promise<{ customer_id: string; as_of: Date; churned: boolean }[]> {
    return this.dataSource.query(
      `SELECT c.id AS customer_id,
         least(c.deleted_at, cr.first_at, CASE WHEN s.n > 0 AND s.live = 0 THEN s.last_end END) - interval '1 second' AS as_of,
         true AS churned
       FROM customer c
       LEFT JOIN LATERAL (SELECT min(r.detected_at) AS first_at FROM churn_record r WHERE r.customer_id = c.id AND r.status = 'confirmed') cr ON true
       LEFT JOIN LATERAL (SELECT count(*) AS n, count(*) FILTER (WHERE x.status <> 'terminated') AS live, max(x.ended_at) AS last_end FROM subscription x WHERE x.customer_id = c.id) s ON true
       WHERE c.deleted_at IS NOT NULL OR cr.first_at IS NOT NULL
       UNION ALL
       SELECT c.id, now(), false
       FROM customer c
       WHERE c.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM churn_record r WHERE r.customer_id = c.id AND r.status = 'confirmed')
         AND EXISTS (SELECT 1 FROM subscription x WHERE x.customer_id = c.id AND x.status <> 'terminated')
       ORDER BY 1`,
    );
  }

  /** Active customers (not closed, with a live subscription), keyset-paged by id. */
  async activeCustomerIds(after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM customer c
       WHERE c.deleted_at IS NULL AND ($1::uuid IS NULL OR c.id > $1::uuid)
         AND EXISTS (SELECT 1 FROM subscription x WHERE x.customer_id = c.id AND x.status <> 'terminated')
       ORDER BY c.id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The facts `churnInputFromRow` maps, per customer as of its own time: subscriptions held then
   * (started, not yet ended) by product category, a bundle's components counted under theirs;
   * earliest start; the default account's payment method; the last bill and the sum of bills up to then.
   */
  sourceRows(customers: { customerId: string; asOf: Date }[]): Promise<(ChurnSourceRow & { as_of: Date })[]> {
    if (!customers.length) return Promise.resolve([]);
    return this.dataSource.query(
      `WITH base AS (
         SELECT c.id, c.customer_type, c.birth_date::text AS birth_date, c.created_at, r.as_of
         FROM unnest($1::uuid[], $2::timestamptz[]) AS r(customer_id, as_of) JOIN customer c ON c.id = r.customer_id
       )
       SELECT b.id AS customer_id, b.customer_type, b.birth_date, b.created_at, b.as_of,
         (SELECT min(s.started_at) FROM subscription s WHERE s.customer_id = b.id AND s.started_at <= b.as_of) AS first_started_at,
         coalesce(h.fixed_lines, 0) AS fixed_lines, coalesce(h.mobile_lines, 0) AS mobile_lines,
         coalesce(h.broadband_lines, 0) AS broadband_lines, coalesce(h.dsl_lines, 0) AS dsl_lines,
         coalesce(h.iptv, 0) AS iptv, coalesce(h.bundles, 0) AS bundles,
         (SELECT a.payment_method FROM account a WHERE a.customer_id = b.id ORDER BY (a.deleted_at IS NULL) DESC, a.serial LIMIT 1) AS payment_method,
         (SELECT bl.total_fen FROM bill bl WHERE bl.customer_id = b.id AND bl.billing_month <= b.as_of::date ORDER BY bl.billing_month DESC LIMIT 1) AS monthly_charges_fen,
         (SELECT sum(bl.total_fen) FROM bill bl WHERE bl.customer_id = b.id AND bl.billing_month <= b.as_of::date) AS total_charges_fen
       FROM base b
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE held.category = 'fixed_line')::int AS fixed_lines,
                count(*) FILTER (WHERE held.category = 'mobile')::int AS mobile_lines,
                count(*) FILTER (WHERE held.category = 'broadband')::int AS broadband_lines,
                count(*) FILTER (WHERE held.category = 'broadband' AND held.code ~* 'dsl')::int AS dsl_lines,
                count(*) FILTER (WHERE held.category = 'iptv')::int AS iptv,
                count(*) FILTER (WHERE held.category = 'bundle')::int AS bundles
         FROM (
           SELECT p.category, s.product_code || ' ' || coalesce(s.price_plan_code, '') AS code
           FROM subscription s JOIN product p ON p.code = s.product_code
           WHERE s.customer_id = b.id AND s.started_at <= b.as_of AND (s.ended_at IS NULL OR s.ended_at > b.as_of)
           UNION ALL
           SELECT cp.category, cp.code
           FROM subscription s JOIN bundle_component bc ON bc.bundle_code = s.product_code JOIN product cp ON cp.code = bc.component_code
           WHERE s.customer_id = b.id AND s.started_at <= b.as_of AND (s.ended_at IS NULL OR s.ended_at > b.as_of)
         ) held
       ) h ON true`,
      [customers.map((c) => c.customerId), customers.map((c) => c.asOf.toISOString())],
    );
  }

  saveModel(manager: EntityManager, model: Partial<ChurnModelRecord>): Promise<ChurnModelRecord> {
    return manager.getRepository(ChurnModelRecord).save(manager.getRepository(ChurnModelRecord).create(model));
  }

  findModel(version?: number): Promise<ChurnModelRecord | null> {
    const repo = this.dataSource.getRepository(ChurnModelRecord);
    return version === undefined ? repo.createQueryBuilder('m').orderBy('m.version', 'DESC').limit(1).getOne() : repo.findOneBy({ version });
  }

  async upsertScores(scores: { customerId: string; probability: number; topFactors: ChurnFactor[] }[], modelVersion: number, scoredAt: Date): Promise<void> {
    if (!scores.length) return;
    await this.dataSource.query(
      `INSERT INTO churn_risk_score (customer_id, scored_at, probability, top_factors, model_version)
       SELECT x.customer_id, $2, x.probability, x.top_factors, $3
       FROM jsonb_to_recordset($1::jsonb) AS x(customer_id uuid, probability numeric, top_factors jsonb)
       ON CONFLICT (customer_id) DO UPDATE SET scored_at = EXCLUDED.scored_at, probability = EXCLUDED.probability, top_factors = EXCLUDED.top_factors, model_version = EXCLUDED.model_version`,
      [JSON.stringify(scores.map((s) => ({ customer_id: s.customerId, probability: Math.round(s.probability * 1e6) / 1e6, top_factors: s.topFactors }))), scoredAt.toISOString(), modelVersion],
    );
  }

  /** Removes scores a run did not renew (customers no longer active). */
  async removeScoresBefore(scoredAt: Date): Promise<number> {
    const [, affected] = await this.dataSource.query(`DELETE FROM churn_risk_score WHERE scored_at < $1`, [scoredAt.toISOString()]);
    return Number(affected ?? 0);
  }

  async customerKnown(id: string): Promise<boolean> {
    return this.customerExists(this.dataSource.manager, id);
  }

  async riskOf(customerId: string): Promise<RiskRow | null> {
    const [row] = await this.riskQuery({}).andWhere('s.customer_id = :customerId', { customerId }).getRawMany<RiskRow>();
    return row ?? null;
  }

  async listRisk(f: ChurnRiskFilterDto, page: number, pageSize: number): Promise<[RiskRow[], number]> {
    const qb = this.riskQuery(f);
    const total = await qb.clone().select('count(*)::int', 'n').orderBy().getRawOne<{ n: number }>();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany<RiskRow>();
    return [rows, total?.n ?? 0];
  }

  riskQuery(f: ChurnRiskFilterDto): SelectQueryBuilder<ChurnRiskScore> {
    const qb = this.dataSource
      .getRepository(ChurnRiskScore)
      .createQueryBuilder('s')
      .innerJoin('customer', 'c', 'c.id = s.customer_id')
      .select([])
      .addSelect('s.customer_id', 'customer_id')
      .addSelect('c.name', 'customer_name')
      .addSelect('c.district_code', 'district_code')
      .addSelect('s.probability', 'probability')
      .addSelect('s.top_factors', 'top_factors')
      .addSelect('s.model_version', 'model_version')
      .addSelect('s.scored_at', 'scored_at')
      .orderBy('s.probability', 'DESC')
      .addOrderBy('s.customer_id', 'ASC');
    if (f.minProbability !== undefined) qb.andWhere('s.probability >= :min', { min: f.minProbability });
    if (f.districtCode) qb.andWhere('c.district_code = :district', { district: f.districtCode });
    return qb;
  }
}
