import { MigrationInterface, QueryRunner } from 'typeorm';

/** 異常客戶 and 潛在大客戶 (issue 4, items 5 and 6): abnormal cases with their status history, potential key accounts with tracking notes. */
export class CustomerWatch1764569200000 implements MigrationInterface {
  name = 'CustomerWatch1764569200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE abnormal_case (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL CONSTRAINT fk_abnormal_case_customer REFERENCES customer (id),
      kind varchar(16) NOT NULL,
      service varchar(16) NOT NULL,
      period date NOT NULL,
      detected_at timestamptz NOT NULL DEFAULT now(),
      detected_by varchar(64) NOT NULL,
      evidence jsonb NOT NULL DEFAULT '{}',
      status varchar(12) NOT NULL DEFAULT 'open',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT abnormal_case_kind_check CHECK (kind IN ('high_spend', 'low_spend', 'sudden_change', 'low_credit', 'high_arrears')),
      CONSTRAINT abnormal_case_service_check CHECK (service IN ('all', 'voice', 'sms', 'data', 'iptv', 'broadband')),
      CONSTRAINT abnormal_case_status_check CHECK (status IN ('open', 'confirmed', 'dismissed', 'closed')),
      CONSTRAINT abnormal_case_period_check CHECK (extract(day from period) = 1)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_abnormal_case_live ON abnormal_case (customer_id, kind, service) WHERE status IN ('open', 'confirmed')`);
    await q.query(`CREATE INDEX ix_abnormal_case_status_kind ON abnormal_case (status, kind, service)`);
    await q.query(`CREATE INDEX ix_abnormal_case_customer_period ON abnormal_case (customer_id, period)`);
    await q.query(`CREATE TABLE abnormal_case_event (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL CONSTRAINT fk_abnormal_case_event_case REFERENCES abnormal_case (id) ON DELETE CASCADE,
      from_status varchar(12),
      to_status varchar(12) NOT NULL,
      note varchar(500),
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_abnormal_case_event_case ON abnormal_case_event (case_id, at)`);
    await q.query(`CREATE TABLE potential_key_account (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL CONSTRAINT fk_potential_key_account_customer REFERENCES customer (id),
      annual_billed_fen bigint NOT NULL,
      window_from date NOT NULL,
      window_to date NOT NULL,
      generated_at timestamptz NOT NULL DEFAULT now(),
      status varchar(12) NOT NULL DEFAULT 'candidate',
      owner_staff_id uuid,
      promoted_at timestamptz,
      promoted_to varchar(24),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT potential_key_account_status_check CHECK (status IN ('candidate', 'nurturing', 'promoted', 'dropped'))
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_potential_key_account_customer ON potential_key_account (customer_id)`);
    await q.query(`CREATE INDEX ix_potential_key_account_status ON potential_key_account (status, annual_billed_fen)`);
    await q.query(`CREATE TABLE potential_key_account_note (
      id bigserial PRIMARY KEY,
      potential_key_account_id uuid NOT NULL CONSTRAINT fk_potential_key_account_note_account REFERENCES potential_key_account (id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL,
      channel varchar(12) NOT NULL,
      note varchar(1000) NOT NULL,
      CONSTRAINT potential_key_account_note_channel_check CHECK (channel IN ('visit', 'phone', 'sms', 'email', 'wechat', 'other'))
    )`);
    await q.query(`CREATE INDEX ix_potential_key_account_note_account ON potential_key_account_note (potential_key_account_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE potential_key_account_note`);
    await q.query(`DROP TABLE potential_key_account`);
    await q.query(`DROP TABLE abnormal_case_event`);
    await q.query(`DROP TABLE abnormal_case`);
  }
}
