import { MigrationInterface, QueryRunner } from 'typeorm';

/** Score recomputation runs (issue 4 item 7): one row per full / incremental run with its watermark. */
export class ScoreRuns1764569400000 implements MigrationInterface {
  name = 'ScoreRuns1764569400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE score_run (
      id bigserial PRIMARY KEY,
      kind varchar(12) NOT NULL,
      job_id varchar(64),
      period date NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      watermark timestamptz NOT NULL,
      since timestamptz,
      customers integer NOT NULL DEFAULT 0,
      written integer NOT NULL DEFAULT 0,
      last_customer_id uuid,
      requested_by varchar(64) NOT NULL,
      CONSTRAINT score_run_kind_check CHECK (kind IN ('full', 'incremental'))
    )`);
    await q.query(`CREATE INDEX ix_score_run_finished ON score_run (finished_at DESC) WHERE finished_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_score_run_started ON score_run (started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE score_run`);
  }
}
