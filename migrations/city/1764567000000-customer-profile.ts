import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full customer master data (DOMAIN.md §3.1, 002): residential sub-class, occupation, industry,
 * education, interests, addresses, legal person, key-account level and relationship, level,
 * business hall, account manager; contacts; status history; fuzzy search indexes.
 */
export class CustomerProfile1764567000000 implements MigrationInterface {
  name = 'CustomerProfile1764567000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`ALTER TABLE customer DROP CONSTRAINT customer_status_check`);
    await q.query(`ALTER TABLE customer ALTER COLUMN status TYPE varchar(16)`);
    await q.query(`ALTER TABLE customer
      ADD COLUMN sub_class varchar(12) CONSTRAINT customer_sub_class_check CHECK (sub_class IN ('ordinary', 'apartment', 'villa')),
      ADD COLUMN occupation varchar(50),
      ADD COLUMN industry_code varchar(8),
      ADD COLUMN education varchar(16) CONSTRAINT customer_education_check CHECK (education IN ('primary', 'junior_high', 'senior_high', 'college', 'bachelor', 'master', 'doctorate')),
      ADD COLUMN interests text[] NOT NULL DEFAULT '{}',
      ADD COLUMN contact_phone varchar(20),
      ADD COLUMN home_address varchar(200),
      ADD COLUMN company_address varchar(200),
      ADD COLUMN legal_person_name varchar(100),
      ADD COLUMN legal_person_id_hash char(64),
      ADD COLUMN legal_person_id_encrypted text,
      ADD COLUMN legal_person_id_masked varchar(40),
      ADD COLUMN key_account_level varchar(12) CONSTRAINT customer_key_account_level_check CHECK (key_account_level IN ('national', 'provincial', 'city')),
      ADD COLUMN relationship_type varchar(12) CONSTRAINT customer_relationship_type_check CHECK (relationship_type IN ('buy_out', 'win_win')),
      ADD COLUMN environment_notes text,
      ADD COLUMN level_code varchar(16),
      ADD COLUMN hall_code varchar(16),
      ADD COLUMN account_manager_id uuid,
      ADD COLUMN id_prefix_keys bigint[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX ix_customer_industry ON customer (industry_code)`);
    await q.query(`CREATE INDEX ix_customer_level ON customer (level_code)`);
    await q.query(`CREATE INDEX ix_customer_name_trgm ON customer USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_customer_id_prefix_keys ON customer USING gin (id_prefix_keys)`);
    await q.query(`CREATE TABLE customer_contact (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL CONSTRAINT fk_customer_contact_customer REFERENCES customer (id) ON DELETE CASCADE,
      name varchar(100) NOT NULL,
      gender varchar(12),
      birth_date date,
      title varchar(50),
      department varchar(50),
      position varchar(50),
      address varchar(200),
      phone varchar(20) NOT NULL,
      id_number_hash char(64),
      id_number_encrypted text,
      id_number_masked varchar(40),
      education varchar(16),
      interests text[] NOT NULL DEFAULT '{}',
      is_primary boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX ix_customer_contact_customer ON customer_contact (customer_id)`);
    await q.query(`CREATE TABLE customer_status_change (
      id bigserial PRIMARY KEY,
      customer_id uuid NOT NULL CONSTRAINT fk_customer_status_change_customer REFERENCES customer (id) ON DELETE CASCADE,
      from_status varchar(16),
      to_status varchar(16) NOT NULL,
      reason varchar(200),
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_customer_status_change_customer ON customer_status_change (customer_id, changed_at)`);
    // history for customers that existed before this migration
    await q.query(`INSERT INTO customer_status_change (customer_id, from_status, to_status, reason, changed_at, changed_by)
      SELECT id, NULL, status, 'created', created_at, 'migration' FROM customer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_status_change`);
    await q.query(`DROP TABLE customer_contact`);
    await q.query(`DROP INDEX ix_customer_id_prefix_keys`);
    await q.query(`DROP INDEX ix_customer_name_trgm`);
    await q.query(`DROP INDEX ix_customer_level`);
    await q.query(`DROP INDEX ix_customer_industry`);
    await q.query(`ALTER TABLE customer
      DROP COLUMN sub_class, DROP COLUMN occupation, DROP COLUMN industry_code, DROP COLUMN education, DROP COLUMN interests,
      DROP COLUMN contact_phone, DROP COLUMN home_address, DROP COLUMN company_address, DROP COLUMN legal_person_name,
      DROP COLUMN legal_person_id_hash, DROP COLUMN legal_person_id_encrypted, DROP COLUMN legal_person_id_masked,
      DROP COLUMN key_account_level, DROP COLUMN relationship_type, DROP COLUMN environment_notes, DROP COLUMN level_code,
      DROP COLUMN hall_code, DROP COLUMN account_manager_id, DROP COLUMN id_prefix_keys`);
    await q.query(`ALTER TABLE customer ALTER COLUMN status TYPE varchar(12)`);
    await q.query(`ALTER TABLE customer ADD CONSTRAINT customer_status_check CHECK (status IN ('active', 'suspended'))`);
  }
}
