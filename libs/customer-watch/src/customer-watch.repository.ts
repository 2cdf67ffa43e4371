import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Finding } from './abnormal.rules';
import { AbnormalFilterDto } from './dto/abnormal.dto';
import { PotentialFilterDto } from './dto/potential.dto';

export interface SpendRow { customer_id: string; service: string; month: string; fen: string }
export interface AbnormalRow {
  id: string; customer_id: string; customer_name: string; customer_type: string; district_code: string; kind: string; service: string;
  period: string; detected_at: Date; detected_by: string; evidence: Record<string, unknown>; status: string; version: number; updated_at: Date;
}
export interface PotentialRow {
  id: string; customer_id: string; customer_name: string; customer_type: string; district_code: string; annual_billed_fen: string; window_from: string; window_to: string;
  generated_at: Date; status: string; owner_staff_id: string | null; promoted_at: Date | null; promoted_to: string | null; version: number;
}

const ABNORMAL_SORT: Record<string, string> = { detectedAt: 'a.detected_at', kind: 'a.kind', period: 'a.period' };
const POTENTIAL_SORT: Record<string, string> = { annualBilledFen: 'p.annual_billed_fen', generatedAt: 'p.generated_at' };

/** All I/O of abnormal customers and potential key accounts; the rules read bills, bill items, arrears and credit scores by SQL. */
@Injectable()
export class CustomerWatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The next batch of live customers after `afterId` (keyset, by id). */
  async customerBatch(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM customer WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Billed per customer × service × month in [from, to] (months `YYYY-MM-01`): per bill-item service, and `all` = Σ bill.total_fen. */
  spend(ids: string[], from: string, to: string): Promise<SpendRow[]> {
    return this.dataSource.query(
      `SELECT b.customer_id, bi.service, b.billing_month::text AS month, sum(bi.amount_fen)::text AS fen
       FROM bill b JOIN bill_item bi ON bi.bill_id = b.id AND bi.billing_month = b.billing_month
       WHERE b.customer_id = ANY($1::uuid[]) AND b.billing_month >= $2::date AND b.billing_month <= $3::date
       GROUP BY 1, 2, 3
       UNION ALL
       SELECT b.customer_id, 'all', b.billing_month::text, sum(b.total_fen)::text
       FROM bill b
       WHERE b.customer_id = ANY($1::uuid[]) AND b.billing_month >= $2::date AND b.billing_month <= $3::date
       GROUP BY 1, 3`,
      [ids, from, to],
    );
  }

  /** Σ live (open / in_dunning) arrears per customer. */
  async arrears(ids: string[]): Promise<Map<string, number>> {
    const rows: { customer_id: string; fen: string }[] = await this.dataSource.query(
      `SELECT customer_id, sum(amount_fen)::text AS fen FROM arrear WHERE customer_id = ANY($1::uuid[]) AND status IN ('open', 'in_dunning') GROUP BY 1`,
      [ids],
    );
    return new Map(rows.map((r) => [r.customer_id, Number(r.fen)]));
  }

  /** Whether the credit scores of @crm/scoring (`customer_score`, kind `credit`) exist in this database. */
  async hasCustomerScore(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT to_regclass('customer_score') IS NOT NULL AS present`);
    return row.present as boolean;
  }

  /** The latest credit score (period ≤ `period`) per customer from `customer_score`. */
  async storedCreditScores(ids: string[], period: string): Promise<Map<string, number>> {
    const rows: { customer_id: string; score: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (customer_id) customer_id, score::text AS score FROM customer_score
       WHERE kind = 'credit' AND customer_id = ANY($1::uuid[]) AND period <= $2::date
       ORDER BY customer_id, period DESC`,
      [ids, period],
    );
    return new Map(rows.map((r) => [r.customer_id, Number(r.score)]));
  }

  /** The interim credit score of @crm/promotion (CREDIT_SCORE_RULE): 100 − 10 × late bills (12 months) − 30 with an open arrear, floored at 0. */
  async interimCreditScores(ids: string[], today: string, tz: string): Promise<Map<string, number>> {
    const rows: { id: string; score: number }[] = await this.dataSource.query(
      `SELECT c.id, greatest(0,
         100 - 10 * (SELECT count(*) FROM bill b
                     WHERE b.customer_id = c.id AND b.billing_month >= date_trunc('month', $2::date - interval '12 months')::date
                       AND (b.status IN ('overdue', 'written_off') OR (b.paid_at IS NOT NULL AND (b.paid_at AT TIME ZONE $3)::date > b.due_date)))
             - CASE WHEN EXISTS (SELECT 1 FROM arrear a WHERE a.customer_id = c.id AND a.status IN ('open', 'in_dunning')) THEN 30 ELSE 0 END)::int AS score
       FROM customer c WHERE c.id = ANY($1::uuid[])`,
      [ids, today, tz],
    );
    return new Map(rows.map((r) => [r.id, r.score]));
  }

  /**
   * Opens a case per finding unless a live (open / confirmed) case of the same customer × kind × service exists
   * (partial unique index, ON CONFLICT DO NOTHING) or one for the same period was already dismissed or closed.
   * Writes the `open` history entry of each new case. Answers the new cases.
   */
  async openCases(manager: EntityManager, findings: Finding[], period: string, by: string): Promise<{ id: string; customer_id: string; kind: string; service: string }[]> {
    if (!findings.length) return [];
    return manager.query(
      `WITH f AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(customer_id uuid, kind text, service text, evidence jsonb)
       ), ins AS (
         INSERT INTO abnormal_case (customer_id, kind, service, period, detected_by, evidence)
         SELECT f.customer_id, f.kind, f.service, $2::date, $3, f.evidence FROM f
         WHERE NOT EXISTS (SELECT 1 FROM abnormal_case a WHERE a.customer_id = f.customer_id AND a.kind = f.kind AND a.service = f.service
                             AND a.period = $2::date AND a.status IN ('dismissed', 'closed'))
         ON CONFLICT (customer_id, kind, service) WHERE status IN ('open', 'confirmed') DO NOTHING
         RETURNING id, customer_id, kind, service
       ), ev AS (
         INSERT INTO abnormal_case_event (case_id, from_status, to_status, note, by)
         SELECT id, NULL, 'open', 'detected by the rules', $3 FROM ins
       )
       SELECT id, customer_id, kind, service FROM ins`,
      [JSON.stringify(findings.map((x) => ({ customer_id: x.customerId, kind: x.kind, service: x.service, evidence: x.evidence }))), period, by],
    );
  }

  lockCase(manager: EntityManager, id: string): Promise<{ id: string; status: string; version: number; customer_id: string; kind: string; service: string } | undefined> {
    return manager.query(`SELECT id, status, version, customer_id, kind, service FROM abnormal_case WHERE id = $1 FOR UPDATE`, [id]).then((r) => r[0]);
  }

  async setCaseStatus(manager: EntityManager, id: string, from: string, to: string, note: string | null, by: string): Promise<void> {
    await manager.query(`UPDATE abnormal_case SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, to]);
    await manager.query(`INSERT INTO abnormal_case_event (case_id, from_status, to_status, note, by) VALUES ($1, $2, $3, $4, $5)`, [id, from, to, note, by]);
  }

  async caseById(id: string, manager: EntityManager = this.dataSource.manager): Promise<AbnormalRow | undefined> {
    const rows = await this.abnormalQuery({ sort: '-detectedAt' }, manager).andWhere('a.id = :id', { id }).getRawMany();
    return rows[0] as AbnormalRow | undefined;
  }

  caseHistory(id: string, manager: EntityManager = this.dataSource.manager): Promise<{ from_status: string | null; to_status: string; note: string | null; at: Date; by: string }[]> {
    return manager.query(`SELECT from_status, to_status, note, at, by FROM abnormal_case_event WHERE case_id = $1 ORDER BY at, id`, [id]);
  }

  async listCases(f: AbnormalFilterDto, page: number, pageSize: number): Promise<[AbnormalRow[], number]> {
    const qb = this.abnormalQuery(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as AbnormalRow[], n as number];
  }

  abnormalQuery(f: AbnormalFilterDto, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('abnormal_case', 'a')
      .innerJoin('customer', 'c', 'c.id = a.customer_id')
      .select(['a.id AS id', 'a.customer_id AS customer_id', 'c.name AS customer_name', 'c.customer_type AS customer_type', 'c.district_code AS district_code', 'a.kind AS kind',
        'a.service AS service', `to_char(a.period, 'YYYY-MM') AS period`, 'a.detected_at AS detected_at', 'a.detected_by AS detected_by', 'a.evidence AS evidence',
        'a.status AS status', 'a.version AS version', 'a.updated_at AS updated_at']);
    if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
    if (f.service) qb.andWhere('a.service = :service', { service: f.service });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.customerId) qb.andWhere('a.customer_id = :customerId', { customerId: f.customerId });
    if (f.period) qb.andWhere('a.period = CAST(:period AS date)', { period: `${f.period}-01` });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(ABNORMAL_SORT[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('a.id', 'ASC');
  }

  /**
   * Lists public customers whose billed total over [from, to] is in [bandFrom, threshold): new ones become
   * candidates; candidate / nurturing rows get the amount refreshed; promoted / dropped rows are left alone.
   */
  async generatePotential(manager: EntityManager, from: string, to: string, bandFrom: number, threshold: number): Promise<{ matched: number; added: string[]; refreshed: number; above: number }> {
    const [row] = await manager.query(
      `WITH annual AS (
         SELECT b.customer_id, sum(b.total_fen) AS fen
         FROM bill b JOIN customer c ON c.id = b.customer_id
         WHERE b.billing_month >= $1::date AND b.billing_month <= $2::date
           AND c.deleted_at IS NULL AND c.customer_type IN ('public_residential', 'public_unit')
         GROUP BY b.customer_id
       ), band AS (
         SELECT customer_id, fen FROM annual WHERE fen >= $3::bigint AND fen < $4::bigint
       ), up AS (
         INSERT INTO potential_key_account (customer_id, annual_billed_fen, window_from, window_to)
         SELECT customer_id, fen, $1::date, $2::date FROM band
         ON CONFLICT (customer_id) DO UPDATE
           SET annual_billed_fen = EXCLUDED.annual_billed_fen, window_from = EXCLUDED.window_from, window_to = EXCLUDED.window_to, generated_at = now(),
               version = potential_key_account.version + 1, updated_at = now()
           WHERE potential_key_account.status IN ('candidate', 'nurturing')
             AND (potential_key_account.annual_billed_fen, potential_key_account.window_from) IS DISTINCT FROM (EXCLUDED.annual_billed_fen, EXCLUDED.window_from)
         RETURNING id, (xmax = 0) AS inserted
       )
       SELECT (SELECT count(*)::int FROM band) AS matched,
              (SELECT coalesce(array_agg(id::text), '{}'::text[]) FROM up WHERE inserted) AS added,
              (SELECT count(*)::int FROM up WHERE NOT inserted) AS refreshed,
              (SELECT count(*)::int FROM annual WHERE fen >= $4::bigint) AS above`,
      [from, to, bandFrom, threshold],
    );
    return { matched: row.matched, added: row.added, refreshed: row.refreshed, above: row.above };
  }

  lockPotential(manager: EntityManager, id: string): Promise<{ id: string; status: string; version: number; customer_id: string; owner_staff_id: string | null } | undefined> {
    return manager.query(`SELECT id, status, version, customer_id, owner_staff_id FROM potential_key_account WHERE id = $1 FOR UPDATE`, [id]).then((r) => r[0]);
  }

  async updatePotential(manager: EntityManager, id: string, set: { status?: string; ownerStaffId?: string | null; promotedTo?: string }): Promise<void> {
    await manager.query(
      `UPDATE potential_key_account SET
         status = coalesce($2, status),
         owner_staff_id = CASE WHEN $3::boolean THEN $4::uuid ELSE owner_staff_id END,
         promoted_to = coalesce($5, promoted_to),
         promoted_at = CASE WHEN $5::text IS NOT NULL THEN now() ELSE promoted_at END,
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, set.status ?? null, set.ownerStaffId !== undefined, set.ownerStaffId ?? null, set.promotedTo ?? null],
    );
  }

  async staffExists(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM staff WHERE id = $1`, [id])).length > 0;
  }

  lockCustomer(manager: EntityManager, id: string): Promise<{ id: string; customer_type: string; status: string; deleted_at: Date | null } | undefined> {
    return manager.query(`SELECT id, customer_type, status, deleted_at FROM customer WHERE id = $1 FOR UPDATE`, [id]).then((r) => r[0]);
  }

  /** Changes the customer's type and records it in the customer's status history (客戶狀態歷史, status unchanged, the change in `reason`). */
  async changeCustomerType(manager: EntityManager, customerId: string, status: string, from: string, to: string, by: string): Promise<void> {
    await manager.query(`UPDATE customer SET customer_type = $2, version = version + 1, updated_at = now() WHERE id = $1`, [customerId, to]);
    await manager.query(
      `INSERT INTO customer_status_change (customer_id, from_status, to_status, reason, changed_by) VALUES ($1, $2, $2, $3, $4)`,
      [customerId, status, `customer_type ${from} → ${to} (潛在大客戶 promoted to key account)`, by],
    );
  }

  async addNote(manager: EntityManager, id: string, by: string, channel: string, note: string, at: string | undefined): Promise<{ id: string; at: Date; by: string; channel: string; note: string }> {
    const [row] = await manager.query(
      `INSERT INTO potential_key_account_note (potential_key_account_id, at, by, channel, note) VALUES ($1, coalesce($2::timestamptz, now()), $3, $4, $5)
       RETURNING id::text AS id, at, by, channel, note`,
      [id, at ?? null, by, channel, note],
    );
    return row;
  }

  notes(id: string, manager: EntityManager = this.dataSource.manager): Promise<{ id: string; at: Date; by: string; channel: string; note: string }[]> {
    return manager.query(`SELECT id::text AS id, at, by, channel, note FROM potential_key_account_note WHERE potential_key_account_id = $1 ORDER BY at, id`, [id]);
  }

  async potentialById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PotentialRow | undefined> {
    const rows = await this.potentialQuery({ sort: '-annualBilledFen' }, manager).andWhere('p.id = :id', { id }).getRawMany();
    return rows[0] as PotentialRow | undefined;
  }

  async listPotential(f: PotentialFilterDto, page: number, pageSize: number): Promise<[PotentialRow[], number]> {
    const qb = this.potentialQuery(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as PotentialRow[], n as number];
  }

  potentialQuery(f: PotentialFilterDto, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('potential_key_account', 'p')
      .innerJoin('customer', 'c', 'c.id = p.customer_id')
      .select(['p.id AS id', 'p.customer_id AS customer_id', 'c.name AS customer_name', 'c.customer_type AS customer_type', 'c.district_code AS district_code',
        'p.annual_billed_fen::text AS annual_billed_fen', `to_char(p.window_from, 'YYYY-MM') AS window_from`, `to_char(p.window_to, 'YYYY-MM') AS window_to`,
        'p.generated_at AS generated_at', 'p.status AS status', 'p.owner_staff_id AS owner_staff_id', 'p.promoted_at AS promoted_at', 'p.promoted_to AS promoted_to', 'p.version AS version']);
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.ownerStaffId) qb.andWhere('p.owner_staff_id = :owner', { owner: f.ownerStaffId });
    if (f.districtCode) qb.andWhere('c.district_code = :district', { district: f.districtCode });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(POTENTIAL_SORT[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('p.id', 'ASC');
  }
}
