import { MigrationInterface, QueryRunner } from 'typeorm';

/** 客戶分類 (issue 4 item 3): one segment per customer, dimension and period. */
export class Segmentation1764569300000 implements MigrationInterface {
  name = 'Segmentation1764569300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE customer_segment (
      customer_id uuid NOT NULL CONSTRAINT fk_customer_segment_customer REFERENCES customer (id),
      dimension varchar(16) NOT NULL,
      period date NOT NULL,
      segment varchar(24) NOT NULL,
      reason jsonb NOT NULL DEFAULT '{}',
      source varchar(8) NOT NULL DEFAULT 'computed',
      computed_at timestamptz NOT NULL DEFAULT now(),
      computed_by varchar(64) NOT NULL,
      CONSTRAINT pk_customer_segment PRIMARY KEY (customer_id, dimension, period),
      CONSTRAINT customer_segment_dimension_check CHECK (dimension IN ('attribute', 'relationship', 'value', 'credit', 'satisfaction', 'loyalty')),
      CONSTRAINT customer_segment_source_check CHECK (source IN ('computed', 'manual')),
      CONSTRAINT customer_segment_period_check CHECK (extract(day from period) = 1)
    )`);
    await q.query(`CREATE INDEX ix_customer_segment_period_dimension_segment ON customer_segment (period, dimension, segment)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_segment`);
  }
}
