import { MigrationInterface, QueryRunner } from 'typeorm';

/** Directives (standards, policies) issued by HQ and provinces, and the version each node applied. Every tier. */
export class Directives1764570300000 implements MigrationInterface {
  name = 'Directives1764570300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE directive (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      origin_node char(6) NOT NULL,
      key varchar(64) NOT NULL,
      version integer NOT NULL CONSTRAINT directive_version_check CHECK (version > 0),
      kind varchar(32) NOT NULL,
      title varchar(200) NOT NULL,
      content jsonb NOT NULL,
      effective_from date NOT NULL,
      scope jsonb,
      issued_at timestamptz NOT NULL,
      issued_by varchar(64) NOT NULL,
      received_at timestamptz,
      received_from char(6),
      CONSTRAINT uq_directive_origin_key_version UNIQUE (origin_node, key, version)
    )`);
    await q.query(`CREATE INDEX ix_directive_kind ON directive (kind, issued_at)`);
    await q.query(`CREATE TABLE directive_receipt (
      origin_node char(6) NOT NULL,
      key varchar(64) NOT NULL,
      version integer NOT NULL,
      node_code char(6) NOT NULL,
      applied_at timestamptz NOT NULL,
      reported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (origin_node, key, version, node_code)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directive_receipt`);
    await q.query(`DROP TABLE directive`);
  }
}
