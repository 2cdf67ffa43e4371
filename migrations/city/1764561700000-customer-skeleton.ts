import { MigrationInterface, QueryRunner } from 'typeorm';

/** City system of record, first slice: districts, customers, product catalogue, subscriptions. */
export class CustomerSkeleton1764561700000 implements MigrationInterface {
  name = 'CustomerSkeleton1764561700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE district (code char(6) PRIMARY KEY, name varchar(50) NOT NULL)`);
    await q.query(`CREATE TABLE customer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      external_id varchar(64),
      name varchar(100) NOT NULL,
      customer_type varchar(24) NOT NULL CHECK (customer_type IN ('public_residential', 'public_unit', 'key_individual', 'key_enterprise')),
      gender varchar(12) CHECK (gender IN ('male', 'female')),
      birth_date date,
      district_code char(6) NOT NULL CONSTRAINT fk_customer_district REFERENCES district (code),
      address varchar(200),
      phone varchar(20) NOT NULL,
      id_type varchar(24) NOT NULL,
      id_number_hash char(64) NOT NULL,
      id_number_encrypted text NOT NULL,
      id_number_masked varchar(40) NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX ix_customer_type_district ON customer (customer_type, district_code)`);
    await q.query(`CREATE UNIQUE INDEX ux_customer_external_id ON customer (external_id) WHERE external_id IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX ux_customer_id_document ON customer (id_type, id_number_hash) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_customer_name_prefix ON customer (name text_pattern_ops)`);
    await q.query(`CREATE INDEX ix_customer_phone_prefix ON customer (phone text_pattern_ops)`);
    await q.query(`CREATE INDEX ix_customer_created_at ON customer (created_at)`);
    await q.query(`CREATE TABLE product (
      code varchar(32) PRIMARY KEY,
      name varchar(100) NOT NULL,
      category varchar(16) NOT NULL CHECK (category IN ('fixed_line', 'mobile', 'broadband', 'iptv', 'leased_line', 'bundle')),
      monthly_fee_fen integer NOT NULL CONSTRAINT product_monthly_fee_fen_check CHECK (monthly_fee_fen >= 0)
    )`);
    await q.query(`CREATE TABLE subscription (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL CONSTRAINT fk_subscription_customer REFERENCES customer (id),
      product_code varchar(32) NOT NULL CONSTRAINT fk_subscription_product REFERENCES product (code),
      service_number varchar(40) NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'active',
      started_at timestamptz NOT NULL,
      ended_at timestamptz
    )`);
    await q.query(`CREATE INDEX ix_subscription_customer ON subscription (customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription`);
    await q.query(`DROP TABLE product`);
    await q.query(`DROP TABLE customer`);
    await q.query(`DROP TABLE district`);
  }
}
