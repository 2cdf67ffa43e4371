import { MigrationInterface, QueryRunner } from 'typeorm';

/** 優惠: promotion policies and the customers they were applied to (issue 3, item 7). */
export class Promotions1764565000000 implements MigrationInterface {
  name = 'Promotions1764565000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE promotion (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_code varchar(32) NOT NULL,
      name varchar(100) NOT NULL,
      purpose varchar(500),
      period_from date NOT NULL,
      period_to date NOT NULL,
      region_codes text[] NOT NULL DEFAULT '{}',
      method varchar(16) NOT NULL,
      description varchar(500),
      target_rule jsonb NOT NULL DEFAULT '{}',
      status varchar(12) NOT NULL DEFAULT 'draft',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT ux_promotion_policy_code UNIQUE (policy_code),
      CONSTRAINT promotion_method_check CHECK (method IN ('discount', 'gift', 'price_cut', 'bundle')),
      CONSTRAINT promotion_status_check CHECK (status IN ('draft', 'active', 'ended', 'cancelled')),
      CONSTRAINT promotion_period_check CHECK (period_to >= period_from)
    )`);
    await q.query(`CREATE INDEX ix_promotion_status_period ON promotion (status, period_from)`);
    await q.query(`CREATE TABLE promotion_customer (
      promotion_id uuid NOT NULL CONSTRAINT fk_promotion_customer_promotion REFERENCES promotion (id) ON DELETE CASCADE,
      customer_id uuid NOT NULL CONSTRAINT fk_promotion_customer_customer REFERENCES customer (id),
      applied_at timestamptz NOT NULL DEFAULT now(),
      applied_by varchar(64) NOT NULL,
      PRIMARY KEY (promotion_id, customer_id)
    )`);
    await q.query(`CREATE INDEX ix_promotion_customer_customer ON promotion_customer (customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE promotion_customer`);
    await q.query(`DROP TABLE promotion`);
  }
}
