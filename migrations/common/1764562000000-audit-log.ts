import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764562000000 implements MigrationInterface {
  name = 'AuditLog1764562000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor_id varchar(64) NOT NULL,
      actor_username varchar(64) NOT NULL,
      actor_role varchar(20) NOT NULL,
      action varchar(24) NOT NULL,
      entity_type varchar(48) NOT NULL,
      entity_id varchar(64),
      old_values jsonb,
      new_values jsonb,
      request_id varchar(128)
    )`);
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor_username, occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_log_time ON audit_log (occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
  }
}
