import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type ScoreRunKind = 'full' | 'incremental';

/** A score_run row as read by SQL. */
export interface ScoreRunRow {
  id: string;
  kind: ScoreRunKind;
  job_id: string | null;
  period: string;
  started_at: Date;
  finished_at: Date | null;
  watermark: Date;
  since: Date | null;
  customers: number;
  written: number;
  last_customer_id: string | null;
  requested_by: string;
}

const RUN_COLUMNS = `id::text AS id, kind, job_id, to_char(period, 'YYYY-MM') AS period, started_at, finished_at, watermark, since, customers, written, last_customer_id, requested_by`;

/**
 * Customers whose score inputs changed in (since, until]: bills, payments, arrears, subscriptions,
 * accounts, surveys and the customer row itself. `since` NULL: every customer.
 */
const CHANGED = `
  SELECT customer_id AS id FROM bill WHERE updated_at > $1 AND updated_at <= $2
  UNION SELECT customer_id FROM payment WHERE created_at > $1 AND created_at <= $2
  UNION SELECT customer_id FROM arrear WHERE updated_at > $1 AND updated_at <= $2
  UNION SELECT customer_id FROM subscription WHERE updated_at > $1 AND updated_at <= $2
  UNION SELECT customer_id FROM account WHERE updated_at > $1 AND updated_at <= $2
  UNION SELECT customer_id FROM satisfaction_survey WHERE created_at > $1 AND created_at <= $2
  UNION SELECT id FROM customer WHERE updated_at > $1 AND updated_at <= $2`;

/** score_run rows (recomputation runs with their watermarks) and the customer walks of the jobs. */
@Injectable()
export class ScoreRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Opens a run; its watermark is the database's now(), `since` the previous successful run's watermark (incremental). */
  async start(kind: ScoreRunKind, jobId: string | null, period: string, requestedBy: string): Promise<ScoreRunRow> {
    const [row]: ScoreRunRow[] = await this.dataSource.query(
      `INSERT INTO score_run (kind, job_id, period, watermark, since, requested_by)
       VALUES ($1::varchar, $2::varchar, $3::date, now(), CASE WHEN $1::varchar = 'incremental' THEN (SELECT max(watermark) FROM score_run WHERE finished_at IS NOT NULL) END, $4::varchar)
       RETURNING ${RUN_COLUMNS}`,
      [kind, jobId, `${period}-01`, requestedBy],
    );
    return row;
  }

  async find(id: string): Promise<ScoreRunRow | null> {
    const [row]: ScoreRunRow[] = await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM score_run WHERE id = $1`, [id]);
    return row ?? null;
  }

  async progress(id: string, lastCustomerId: string, customers: number, written: number): Promise<void> {
    await this.dataSource.query(`UPDATE score_run SET last_customer_id = $2, customers = $3, written = $4 WHERE id = $1`, [id, lastCustomerId, customers, written]);
  }

  async finish(id: string, customers: number, written: number): Promise<ScoreRunRow> {
    const [[row]]: [ScoreRunRow[], number] = await this.dataSource.query(
      `UPDATE score_run SET finished_at = now(), customers = $2, written = $3 WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
      [id, customers, written],
    );
    return row;
  }

  list(limit: number): Promise<ScoreRunRow[]> {
    return this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM score_run ORDER BY started_at DESC, id DESC LIMIT $1`, [limit]);
  }

  /** Next `limit` customer ids (current and former) after `after`, in id order. */
  async nextCustomerIds(after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM customer WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Next `limit` ids, after `after`, of the customers whose inputs changed in (since, until]. */
  async nextChangedCustomerIds(since: Date, until: Date, after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM (${CHANGED}) x WHERE id IS NOT NULL AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $4`,
      [since, until, after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Refreshes the planner's statistics of the tables a run writes (a few hundred ms, sampled). */
  async analyzeScoreTables(): Promise<void> {
    await this.dataSource.query(`ANALYZE customer_score, customer_score_history, customer_segment`);
  }
}
