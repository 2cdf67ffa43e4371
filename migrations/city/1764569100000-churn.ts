import { MigrationInterface, QueryRunner } from 'typeorm';

/** 流失 (issue 4, item 4): churn records, trained churn-risk models and the current churn-risk score per customer (docs/churn.md). */
export class Churn1764569100000 implements MigrationInterface {
  name = 'Churn1764569100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE churn_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL CONSTRAINT fk_churn_record_customer REFERENCES customer (id),
      type varchar(16) NOT NULL,
      reason varchar(500),
      detected_by varchar(8) NOT NULL,
      detected_at timestamptz NOT NULL,
      period date NOT NULL,
      evidence jsonb NOT NULL DEFAULT '{}',
      status varchar(12) NOT NULL DEFAULT 'open',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT ux_churn_record_customer_period_type UNIQUE (customer_id, period, type),
      CONSTRAINT churn_record_type_check CHECK (type IN ('disconnection', 'relocation', 'usage_drop', 'competitor')),
      CONSTRAINT churn_record_detected_by_check CHECK (detected_by IN ('manual', 'rule')),
      CONSTRAINT churn_record_status_check CHECK (status IN ('open', 'confirmed', 'dismissed')),
      CONSTRAINT churn_record_period_check CHECK (extract(day from period) = 1)
    )`);
    await q.query(`CREATE INDEX ix_churn_record_period_type_status ON churn_record (period, type, status)`);

    await q.query(`CREATE TABLE churn_model (
      version serial PRIMARY KEY,
      trained_at timestamptz NOT NULL DEFAULT now(),
      trained_by varchar(64) NOT NULL,
      churned_count integer NOT NULL,
      retained_count integer NOT NULL,
      cv_auc numeric(6,4) NOT NULL,
      cv_folds jsonb NOT NULL,
      model jsonb NOT NULL
    )`);

    await q.query(`CREATE TABLE churn_risk_score (
      customer_id uuid PRIMARY KEY CONSTRAINT fk_churn_risk_score_customer REFERENCES customer (id),
      scored_at timestamptz NOT NULL,
      probability numeric(7,6) NOT NULL,
      top_factors jsonb NOT NULL DEFAULT '[]',
      model_version integer NOT NULL CONSTRAINT fk_churn_risk_score_model REFERENCES churn_model (version) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX ix_churn_risk_score_probability ON churn_risk_score (probability)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE churn_risk_score`);
    await q.query(`DROP TABLE churn_model`);
    await q.query(`DROP TABLE churn_record`);
  }
}
