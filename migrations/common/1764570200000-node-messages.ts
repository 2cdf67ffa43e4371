import { MigrationInterface, QueryRunner } from 'typeorm';

/** Node messages (directives, escalations and their answers) travel in both directions: outbox and inbox on every tier. */
export class NodeMessages1764570200000 implements MigrationInterface {
  name = 'NodeMessages1764570200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE message_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      message_id uuid NOT NULL CONSTRAINT ux_message_outbox_message_id UNIQUE,
      target_node char(6) NOT NULL,
      type varchar(32) NOT NULL,
      subject varchar(120) NOT NULL,
      version bigint NOT NULL,
      payload jsonb NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'pending' CONSTRAINT message_outbox_status_check CHECK (status IN ('pending', 'delivered', 'rejected')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      correlation_id varchar(128),
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    )`);
    await q.query(`CREATE INDEX ix_message_outbox_pending ON message_outbox (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX ix_message_outbox_subject ON message_outbox (type, subject)`);
    await q.query(`CREATE TABLE message_inbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source_node char(6) NOT NULL,
      message_id uuid NOT NULL,
      type varchar(32) NOT NULL,
      origin_node char(6) NOT NULL,
      subject varchar(120) NOT NULL,
      version bigint NOT NULL,
      payload jsonb NOT NULL,
      content_hash char(64) NOT NULL,
      produced_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      applied_at timestamptz,
      outcome varchar(32),
      correlation_id varchar(128),
      CONSTRAINT uq_message_inbox_source_message UNIQUE (source_node, message_id)
    )`);
    await q.query(`CREATE INDEX ix_message_inbox_unapplied ON message_inbox (received_at) WHERE applied_at IS NULL`);
    await q.query(`CREATE INDEX ix_message_inbox_subject ON message_inbox (type, origin_node, subject)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_inbox`);
    await q.query(`DROP TABLE message_outbox`);
  }
}
