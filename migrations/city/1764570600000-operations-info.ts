import { MigrationInterface, QueryRunner } from 'typeorm';

/** 經營信息: macro information items, product and service information, policies, partners, operations staff profiles. */
export class OperationsInfo1764570600000 implements MigrationInterface {
  name = 'OperationsInfo1764570600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE macro_info_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      category varchar(16) NOT NULL,
      title varchar(200) NOT NULL,
      published_at timestamptz NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      scope_level varchar(10) NOT NULL,
      scope_codes text[] NOT NULL DEFAULT '{}',
      content text NOT NULL,
      business_relevance varchar(2000),
      tags text[] NOT NULL DEFAULT '{}',
      source varchar(300),
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT macro_info_item_category_check CHECK (category IN ('economy', 'policy', 'industry', 'competition', 'technology', 'society', 'other')),
      CONSTRAINT macro_info_item_scope_level_check CHECK (scope_level IN ('national', 'province', 'city', 'district')),
      CONSTRAINT macro_info_item_validity_check CHECK (valid_to IS NULL OR valid_to >= valid_from)
    )`);
    await q.query(`CREATE INDEX ix_macro_info_item_category_published ON macro_info_item (category, published_at)`);
    await q.query(`CREATE INDEX ix_macro_info_item_validity ON macro_info_item (valid_from, valid_to)`);

    await q.query(`CREATE TABLE product_service_info (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      kind varchar(16) NOT NULL,
      product_code varchar(32) CONSTRAINT fk_product_service_info_product REFERENCES product (code) ON DELETE SET NULL,
      description varchar(4000),
      launch_date date,
      retire_date date,
      target_segments text[] NOT NULL DEFAULT '{}',
      selling_points text[] NOT NULL DEFAULT '{}',
      competitor_equivalents jsonb NOT NULL DEFAULT '[]',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT product_service_info_kind_check CHECK (kind IN ('fixed_line', 'mobile', 'broadband', 'iptv', 'leased_line', 'bundle', 'value_added', 'other')),
      CONSTRAINT product_service_info_dates_check CHECK (retire_date IS NULL OR launch_date IS NULL OR retire_date >= launch_date)
    )`);
    await q.query(`CREATE INDEX ix_product_service_info_product ON product_service_info (product_code)`);
    await q.query(`CREATE INDEX ix_product_service_info_kind ON product_service_info (kind, launch_date)`);

    await q.query(`CREATE TABLE operations_policy (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code varchar(32) NOT NULL,
      title varchar(200) NOT NULL,
      kind varchar(12) NOT NULL,
      issuer varchar(100) NOT NULL,
      level varchar(12) NOT NULL,
      effective_from date NOT NULL,
      effective_to date,
      status varchar(12) NOT NULL DEFAULT 'draft',
      content text NOT NULL,
      attachments jsonb NOT NULL DEFAULT '[]',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT operations_policy_kind_check CHECK (kind IN ('internal', 'regulatory')),
      CONSTRAINT operations_policy_level_check CHECK (level IN ('national', 'provincial', 'city')),
      CONSTRAINT operations_policy_status_check CHECK (status IN ('draft', 'in_force', 'repealed')),
      CONSTRAINT operations_policy_period_check CHECK (effective_to IS NULL OR effective_to >= effective_from)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_operations_policy_code ON operations_policy (code)`);
    await q.query(`CREATE INDEX ix_operations_policy_status_effective ON operations_policy (status, effective_from)`);

    await q.query(`CREATE TABLE business_partner (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      type varchar(20) NOT NULL,
      contact_person varchar(50),
      contact_phone varchar(20),
      cooperation_scope varchar(1000),
      contract_from date,
      contract_to date,
      status varchar(12) NOT NULL DEFAULT 'active',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT business_partner_type_check CHECK (type IN ('agent', 'content_provider', 'equipment_vendor', 'channel', 'service_provider', 'other')),
      CONSTRAINT business_partner_status_check CHECK (status IN ('prospective', 'active', 'suspended', 'terminated')),
      CONSTRAINT business_partner_contract_check CHECK (contract_to IS NULL OR contract_from IS NULL OR contract_to >= contract_from)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_business_partner_name ON business_partner (name)`);
    await q.query(`CREATE INDEX ix_business_partner_type_status ON business_partner (type, status)`);
    await q.query(`CREATE INDEX ix_business_partner_contract_to ON business_partner (contract_to)`);

    await q.query(`CREATE TABLE operations_staff_profile (
      staff_id uuid PRIMARY KEY CONSTRAINT fk_operations_staff_profile_staff REFERENCES staff (id),
      role varchar(10) NOT NULL,
      responsibilities varchar(1000),
      district_code char(6) CONSTRAINT fk_operations_staff_profile_district REFERENCES district (code),
      manager_staff_id uuid CONSTRAINT fk_operations_staff_profile_manager REFERENCES operations_staff_profile (staff_id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT operations_staff_profile_role_check CHECK (role IN ('staff', 'manager')),
      CONSTRAINT operations_staff_profile_manager_check CHECK (manager_staff_id <> staff_id)
    )`);
    await q.query(`CREATE INDEX ix_operations_staff_profile_manager ON operations_staff_profile (manager_staff_id)`);
    await q.query(`CREATE INDEX ix_operations_staff_profile_district ON operations_staff_profile (district_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operations_staff_profile`);
    await q.query(`DROP TABLE business_partner`);
    await q.query(`DROP TABLE operations_policy`);
    await q.query(`DROP TABLE product_service_info`);
    await q.query(`DROP TABLE macro_info_item`);
  }
}
