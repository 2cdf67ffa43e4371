import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalations across tiers (docs/escalation.md). Every tier: `escalation` (received by a province
 * or HQ) and `service_escalation` (a city's own escalations of its service requests; no foreign key
 * to service_request, which only cities have).
 */
export class Escalations1764570500000 implements MigrationInterface {
  name = 'Escalations1764570500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE service_escalation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL,
      kind varchar(12) NOT NULL CONSTRAINT service_escalation_kind_check CHECK (kind IN ('escalation', 'appeal')),
      level varchar(8) NOT NULL CONSTRAINT service_escalation_level_check CHECK (level IN ('province', 'hq')),
      reason varchar(500) NOT NULL,
      status varchar(16) NOT NULL DEFAULT 'open' CONSTRAINT service_escalation_status_check CHECK (status IN ('open', 'under_review', 'resolved', 'rejected', 'forwarded')),
      decision varchar(1000),
      note varchar(1000),
      decided_node char(6),
      decided_at timestamptz,
      decisions jsonb NOT NULL DEFAULT '[]',
      summary_version integer NOT NULL DEFAULT 1,
      sent_request_status varchar(12) NOT NULL,
      sent_sla_breached boolean NOT NULL DEFAULT false,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_service_escalation_request ON service_escalation (request_id, created_at)`);
    await q.query(`CREATE INDEX ix_service_escalation_status ON service_escalation (status, created_at)`);
    await q.query(`CREATE TABLE escalation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      origin_node char(6) NOT NULL,
      reference varchar(64) NOT NULL,
      received_from char(6) NOT NULL,
      kind varchar(12) NOT NULL CONSTRAINT escalation_kind_check CHECK (kind IN ('escalation', 'appeal')),
      summary_version integer NOT NULL,
      summary jsonb NOT NULL,
      status varchar(16) NOT NULL DEFAULT 'open' CONSTRAINT escalation_status_check CHECK (status IN ('open', 'under_review', 'resolved', 'rejected', 'forwarded')),
      decision varchar(1000),
      note varchar(1000),
      decided_node char(6),
      decided_by varchar(64),
      decided_at timestamptz,
      decision_version integer NOT NULL DEFAULT 0,
      decisions jsonb NOT NULL DEFAULT '[]',
      forwarded_at timestamptz,
      received_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_escalation_origin_reference UNIQUE (origin_node, reference)
    )`);
    await q.query(`CREATE INDEX ix_escalation_status ON escalation (status, received_at)`);
    await q.query(`CREATE INDEX ix_escalation_received_at ON escalation (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE escalation`);
    await q.query(`DROP TABLE service_escalation`);
  }
}
