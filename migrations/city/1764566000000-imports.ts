import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports (導入): one row per uploaded file with its job's state and counts, and the rows it
 * rejected (line, reason, values with personal data masked).
 */
export class Imports1764566000000 implements MigrationInterface {
  name = 'Imports1764566000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_job (
      id uuid PRIMARY KEY,
      kind varchar(16) NOT NULL CONSTRAINT import_job_kind_check CHECK (kind IN ('customers', 'subscriptions', 'usage')),
      original_filename varchar(255) NOT NULL,
      stored_path text NOT NULL,
      format varchar(8) NOT NULL CONSTRAINT import_job_format_check CHECK (format IN ('csv', 'xlsx')),
      size_bytes bigint NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'queued' CONSTRAINT import_job_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      total_rows integer,
      processed_rows integer NOT NULL DEFAULT 0,
      inserted_rows integer NOT NULL DEFAULT 0,
      skipped_rows integer NOT NULL DEFAULT 0,
      rejected_rows integer NOT NULL DEFAULT 0,
      rejections_not_stored integer NOT NULL DEFAULT 0,
      last_line integer NOT NULL DEFAULT 0,
      bytes_processed bigint NOT NULL DEFAULT 0,
      attempts integer NOT NULL DEFAULT 0,
      error text,
      created_by varchar(64) NOT NULL,
      request_id varchar(128),
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`);
    await q.query(`CREATE INDEX ix_import_job_created_at ON import_job (created_at)`);
    await q.query(`CREATE INDEX ix_import_job_unfinished ON import_job (created_at) WHERE status IN ('queued', 'running')`);
    await q.query(`CREATE TABLE import_rejection (
      import_id uuid NOT NULL CONSTRAINT fk_import_rejection_import REFERENCES import_job (id) ON DELETE CASCADE,
      line integer NOT NULL,
      reason varchar(500) NOT NULL,
      raw_values jsonb NOT NULL,
      PRIMARY KEY (import_id, line)
    )`);
    // an import skips rows whose external id belongs to a closed customer: find those by index
    await q.query(`CREATE INDEX ix_customer_closed_external_id ON customer (external_id) WHERE external_id IS NOT NULL AND deleted_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_customer_closed_external_id`);
    await q.query(`DROP TABLE import_rejection`);
    await q.query(`DROP TABLE import_job`);
  }
}
