import { MigrationInterface, QueryRunner } from 'typeorm';

const FACTORS = ['corporate_image', 'attitude', 'service_quality', 'customer_care', 'reliability', 'timeliness', 'security', 'quality_at_price', 'price_at_quality'];

/**
 * 滿意度、忠誠度、信用度 (issue 4, items 1–2): the current score per (customer, kind, period), the
 * values they replaced, and satisfaction survey results (docs/scoring.md).
 */
export class Scoring1764569000000 implements MigrationInterface {
  name = 'Scoring1764569000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE customer_score (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL CONSTRAINT fk_customer_score_customer REFERENCES customer (id),
      kind varchar(12) NOT NULL,
      period date NOT NULL,
      score numeric(5,2) NOT NULL,
      band varchar(24) NOT NULL,
      factors jsonb NOT NULL DEFAULT '{}',
      bad_record boolean NOT NULL DEFAULT false,
      source varchar(8) NOT NULL,
      reason varchar(200),
      computed_at timestamptz NOT NULL DEFAULT now(),
      computed_by varchar(64) NOT NULL,
      CONSTRAINT ux_customer_score_customer_kind_period UNIQUE (customer_id, kind, period),
      CONSTRAINT customer_score_kind_check CHECK (kind IN ('satisfaction', 'loyalty', 'credit')),
      CONSTRAINT customer_score_source_check CHECK (source IN ('computed', 'manual', 'survey')),
      CONSTRAINT customer_score_score_check CHECK (score >= 0 AND score <= 100),
      CONSTRAINT customer_score_period_check CHECK (extract(day from period) = 1)
    )`);
    await q.query(`CREATE INDEX ix_customer_score_kind_period_band ON customer_score (kind, period, band)`);

    await q.query(`CREATE TABLE customer_score_history (
      id bigserial PRIMARY KEY,
      customer_id uuid NOT NULL CONSTRAINT fk_customer_score_history_customer REFERENCES customer (id),
      kind varchar(12) NOT NULL,
      period date NOT NULL,
      score numeric(5,2) NOT NULL,
      band varchar(24) NOT NULL,
      factors jsonb NOT NULL DEFAULT '{}',
      bad_record boolean NOT NULL DEFAULT false,
      source varchar(8) NOT NULL,
      reason varchar(200),
      computed_at timestamptz NOT NULL,
      computed_by varchar(64) NOT NULL,
      replaced_at timestamptz NOT NULL DEFAULT now(),
      replaced_by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_customer_score_history_customer ON customer_score_history (customer_id, kind, period)`);

    await q.query(`CREATE TABLE satisfaction_survey (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL CONSTRAINT fk_satisfaction_survey_customer REFERENCES customer (id),
      period date NOT NULL,
      ${FACTORS.map((f) => `${f} smallint NOT NULL`).join(',\n      ')},
      surveyed_at timestamptz NOT NULL,
      channel varchar(16) NOT NULL,
      recorded_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT satisfaction_survey_period_check CHECK (extract(day from period) = 1),
      CONSTRAINT satisfaction_survey_channel_check CHECK (channel IN ('phone', 'sms', 'online', 'hall', 'visit', 'return_visit')),
      CONSTRAINT satisfaction_survey_factors_check CHECK (${FACTORS.map((f) => `${f} >= 0 AND ${f} <= 100`).join(' AND ')})
    )`);
    await q.query(`CREATE INDEX ix_satisfaction_survey_customer_period ON satisfaction_survey (customer_id, period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE satisfaction_survey`);
    await q.query(`DROP TABLE customer_score_history`);
    await q.query(`DROP TABLE customer_score`);
  }
}
