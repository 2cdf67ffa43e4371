import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users and the federation's tables (facts, outbox, inbox, security events); on every tier. */
export class Platform1764561600000 implements MigrationInterface {
  name = 'Platform1764561600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username varchar(64) NOT NULL CONSTRAINT ux_app_user_username UNIQUE,
      display_name varchar(100) NOT NULL,
      password_hash varchar(200) NOT NULL,
      role varchar(20) NOT NULL CHECK (role IN ('admin', 'market', 'sales', 'service', 'operations', 'analyst')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE SEQUENCE fact_version_seq AS bigint START 1`);
    await q.query(`CREATE TABLE fact_slice (
      origin_node char(6) NOT NULL,
      metric_set varchar(64) NOT NULL,
      period_type varchar(8) NOT NULL,
      period date NOT NULL,
      version bigint NOT NULL,
      content_hash char(64),
      row_count integer NOT NULL DEFAULT 0,
      source_node char(6),
      produced_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (origin_node, metric_set, period_type, period)
    )`);
    await q.query(`CREATE TABLE fact (
      id bigserial PRIMARY KEY,
      origin_node char(6) NOT NULL,
      metric_set varchar(64) NOT NULL,
      period_type varchar(8) NOT NULL,
      period date NOT NULL,
      dims_key text NOT NULL,
      dims jsonb NOT NULL,
      measures jsonb NOT NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_fact_identity ON fact (origin_node, metric_set, period_type, period, dims_key)`);
    await q.query(`CREATE INDEX ix_fact_metric_period ON fact (metric_set, period_type, period)`);
    await q.query(`CREATE TABLE outbox_batch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_key varchar(200) NOT NULL CONSTRAINT ux_outbox_batch_key UNIQUE,
      target_node char(6) NOT NULL,
      origin_node char(6) NOT NULL,
      metric_set varchar(64) NOT NULL,
      period date NOT NULL,
      version bigint NOT NULL,
      row_count integer NOT NULL,
      payload jsonb NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'rejected')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      correlation_id varchar(128),
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    )`);
    await q.query(`CREATE INDEX ix_outbox_batch_pending ON outbox_batch (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE TABLE inbox_batch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_key varchar(200) NOT NULL CONSTRAINT ux_inbox_batch_key UNIQUE,
      source_node char(6) NOT NULL,
      origin_node char(6) NOT NULL,
      metric_set varchar(64) NOT NULL,
      period_type varchar(8) NOT NULL,
      period date NOT NULL,
      version bigint NOT NULL,
      content_hash char(64) NOT NULL,
      row_count integer NOT NULL,
      rows jsonb NOT NULL,
      produced_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      applied_at timestamptz,
      outcome varchar(8) CHECK (outcome IN ('applied', 'stale')),
      correlation_id varchar(128)
    )`);
    await q.query(`CREATE INDEX ix_inbox_batch_source_received ON inbox_batch (source_node, received_at)`);
    await q.query(`CREATE INDEX ix_inbox_batch_unapplied ON inbox_batch (received_at) WHERE applied_at IS NULL`);
    await q.query(`CREATE TABLE federation_security_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      reason varchar(40) NOT NULL,
      claimed_node varchar(16),
      path varchar(300) NOT NULL,
      remote_address varchar(64),
      detail text NOT NULL,
      request_id varchar(128)
    )`);
    await q.query(`CREATE INDEX ix_federation_security_event_time ON federation_security_event (occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE federation_security_event`);
    await q.query(`DROP TABLE inbox_batch`);
    await q.query(`DROP TABLE outbox_batch`);
    await q.query(`DROP TABLE fact`);
    await q.query(`DROP TABLE fact_slice`);
    await q.query(`DROP SEQUENCE fact_version_seq`);
    await q.query(`DROP TABLE app_user`);
  }
}
