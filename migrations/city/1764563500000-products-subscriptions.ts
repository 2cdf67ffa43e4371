import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 業務信息, 產品與訂購: catalogue details (description, active, versioning), price plans (資費套餐),
 * bundle composition, and subscriptions with external ids (idempotent imports), price plans,
 * circuit ids, a checked status lifecycle and optimistic locking.
 */
export class ProductsSubscriptions1764563500000 implements MigrationInterface {
  name = 'ProductsSubscriptions1764563500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE product
      ADD COLUMN description varchar(500),
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN version integer NOT NULL DEFAULT 1`);

    await q.query(`CREATE TABLE price_plan (
      code varchar(32) PRIMARY KEY,
      product_code varchar(32) NOT NULL CONSTRAINT fk_price_plan_product REFERENCES product (code) ON DELETE CASCADE,
      name varchar(100) NOT NULL,
      monthly_fee_fen integer NOT NULL CONSTRAINT price_plan_monthly_fee_fen_check CHECK (monthly_fee_fen >= 0),
      included_voice_minutes integer NOT NULL DEFAULT 0 CONSTRAINT price_plan_included_voice_minutes_check CHECK (included_voice_minutes >= 0),
      included_data_mb integer NOT NULL DEFAULT 0 CONSTRAINT price_plan_included_data_mb_check CHECK (included_data_mb >= 0),
      valid_from date NOT NULL,
      valid_to date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT price_plan_valid_range_check CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CONSTRAINT uq_price_plan_code_product UNIQUE (code, product_code)
    )`);
    await q.query(`CREATE INDEX ix_price_plan_product ON price_plan (product_code)`);

    await q.query(`CREATE TABLE bundle_component (
      bundle_code varchar(32) NOT NULL CONSTRAINT fk_bundle_component_bundle REFERENCES product (code) ON DELETE CASCADE,
      component_code varchar(32) NOT NULL CONSTRAINT fk_bundle_component_component REFERENCES product (code),
      CONSTRAINT pk_bundle_component PRIMARY KEY (bundle_code, component_code),
      CONSTRAINT bundle_component_distinct_check CHECK (bundle_code <> component_code)
    )`);
    await q.query(`CREATE INDEX ix_bundle_component_component ON bundle_component (component_code)`);

    await q.query(`ALTER TABLE subscription
      ADD COLUMN external_id varchar(64),
      ADD COLUMN price_plan_code varchar(32),
      ADD COLUMN circuit_id varchar(40),
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN version integer NOT NULL DEFAULT 1`);
    // Rows that predate these columns: the best known creation time is the start of service.
    await q.query(`UPDATE subscription SET created_at = started_at, updated_at = COALESCE(ended_at, started_at)`);
    await q.query(`ALTER TABLE subscription
      ADD CONSTRAINT fk_subscription_price_plan FOREIGN KEY (price_plan_code, product_code) REFERENCES price_plan (code, product_code),
      ADD CONSTRAINT subscription_status_check CHECK (status IN ('active', 'suspended', 'terminated')),
      ADD CONSTRAINT subscription_ended_at_check CHECK ((status = 'terminated') = (ended_at IS NOT NULL) AND (ended_at IS NULL OR ended_at >= started_at))`);
    await q.query(`CREATE UNIQUE INDEX ux_subscription_external_id ON subscription (external_id) WHERE external_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_subscription_product_status ON subscription (product_code, status)`);
    await q.query(`CREATE INDEX ix_subscription_price_plan ON subscription (price_plan_code)`);
    await q.query(`CREATE INDEX ix_subscription_started_at ON subscription (started_at)`);
    await q.query(`CREATE INDEX ix_subscription_service_number_prefix ON subscription (service_number text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_subscription_service_number_prefix`);
    await q.query(`DROP INDEX ix_subscription_started_at`);
    await q.query(`DROP INDEX ix_subscription_price_plan`);
    await q.query(`DROP INDEX ix_subscription_product_status`);
    await q.query(`DROP INDEX ux_subscription_external_id`);
    await q.query(`ALTER TABLE subscription
      DROP CONSTRAINT subscription_ended_at_check,
      DROP CONSTRAINT subscription_status_check,
      DROP CONSTRAINT fk_subscription_price_plan,
      DROP COLUMN version,
      DROP COLUMN updated_at,
      DROP COLUMN created_at,
      DROP COLUMN circuit_id,
      DROP COLUMN price_plan_code,
      DROP COLUMN external_id`);
    await q.query(`DROP TABLE bundle_component`);
    await q.query(`DROP TABLE price_plan`);
    await q.query(`ALTER TABLE product
      DROP COLUMN version,
      DROP COLUMN updated_at,
      DROP COLUMN created_at,
      DROP COLUMN active,
      DROP COLUMN description`);
  }
}
