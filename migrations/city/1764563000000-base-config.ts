import { MigrationInterface, QueryRunner } from 'typeorm';

/** GB/T 4754-2017 sections (門類), the top level of the industry classification. */
const INDUSTRY_SECTIONS: [code: string, name: string][] = [
  ['A', '农、林、牧、渔业'],
  ['B', '采矿业'],
  ['C', '制造业'],
  ['D', '电力、热力、燃气及水生产和供应业'],
  ['E', '建筑业'],
  ['F', '批发和零售业'],
  ['G', '交通运输、仓储和邮政业'],
  ['H', '住宿和餐饮业'],
  ['I', '信息传输、软件和信息技术服务业'],
  ['J', '金融业'],
  ['K', '房地产业'],
  ['L', '租赁和商务服务业'],
  ['M', '科学研究和技术服务业'],
  ['N', '水利、环境和公共设施管理业'],
  ['O', '居民服务、修理和其他服务业'],
  ['P', '教育'],
  ['Q', '卫生和社会工作'],
  ['R', '文化、体育和娱乐业'],
  ['S', '公共管理、社会保障和社会组织'],
  ['T', '国际组织'],
];

/**
 * Base configuration and staff (基礎配置、員工): versioned districts, business halls, customer levels,
 * customer statuses (with the defaults customer.status uses), service departments, industries
 * (GB/T 4754 sections), staff and their contact records.
 */
export class BaseConfig1764563000000 implements MigrationInterface {
  name = 'BaseConfig1764563000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE district ADD COLUMN version integer NOT NULL DEFAULT 1`);

    await q.query(`CREATE TABLE business_hall (
      code varchar(16) PRIMARY KEY,
      name varchar(100) NOT NULL,
      district_code char(6) NOT NULL CONSTRAINT fk_business_hall_district REFERENCES district (code),
      address varchar(200),
      phone varchar(20),
      opening_hours varchar(100),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX ix_business_hall_district ON business_hall (district_code)`);

    await q.query(`CREATE TABLE customer_level (
      code varchar(16) PRIMARY KEY,
      name varchar(50) NOT NULL,
      rank integer NOT NULL,
      min_annual_spend_fen bigint NOT NULL DEFAULT 0 CONSTRAINT customer_level_min_annual_spend_fen_check CHECK (min_annual_spend_fen >= 0),
      description varchar(200),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_customer_level_rank ON customer_level (rank)`);

    await q.query(`CREATE TABLE customer_status (
      code varchar(16) PRIMARY KEY,
      name varchar(50) NOT NULL,
      description varchar(200),
      service_allowed boolean NOT NULL DEFAULT true,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`INSERT INTO customer_status (code, name, description, service_allowed) VALUES
      ('active', '在網', '正常使用業務', true),
      ('suspended', '停機', '暫停服務（欠費、報停等）', false)`);

    await q.query(`CREATE TABLE service_department (
      code varchar(16) PRIMARY KEY,
      name varchar(100) NOT NULL,
      parent_code varchar(16) CONSTRAINT fk_service_department_parent REFERENCES service_department (code),
      phone varchar(20),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT service_department_parent_check CHECK (parent_code <> code)
    )`);
    await q.query(`CREATE INDEX ix_service_department_parent ON service_department (parent_code)`);

    await q.query(`CREATE TABLE industry (
      code varchar(8) PRIMARY KEY,
      name varchar(100) NOT NULL,
      parent_code varchar(8) CONSTRAINT fk_industry_parent REFERENCES industry (code),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT industry_parent_check CHECK (parent_code <> code)
    )`);
    await q.query(`CREATE INDEX ix_industry_parent ON industry (parent_code)`);
    await q.query(
      `INSERT INTO industry (code, name) SELECT r.code, r.name FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, name varchar)`,
      [JSON.stringify(INDUSTRY_SECTIONS.map(([code, name]) => ({ code, name })))],
    );

    await q.query(`CREATE TABLE staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      employee_no varchar(20) NOT NULL,
      name varchar(50) NOT NULL,
      gender varchar(12) CONSTRAINT staff_gender_check CHECK (gender IN ('male', 'female')),
      department_code varchar(16) NOT NULL CONSTRAINT fk_staff_department REFERENCES service_department (code),
      title varchar(50),
      duties varchar(500),
      hall_code varchar(16) CONSTRAINT fk_staff_hall REFERENCES business_hall (code),
      mobile varchar(20) NOT NULL,
      email varchar(100),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_staff_employee_no ON staff (employee_no)`);
    await q.query(`CREATE INDEX ix_staff_department ON staff (department_code)`);
    await q.query(`CREATE INDEX ix_staff_hall ON staff (hall_code)`);
    await q.query(`CREATE INDEX ix_staff_name_prefix ON staff (name text_pattern_ops)`);

    await q.query(`CREATE TABLE staff_contact_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      staff_id uuid NOT NULL CONSTRAINT fk_staff_contact_record_staff REFERENCES staff (id) ON DELETE CASCADE,
      contacted_at timestamptz NOT NULL,
      channel varchar(16) NOT NULL CONSTRAINT staff_contact_record_channel_check CHECK (channel IN ('phone', 'email', 'visit', 'meeting', 'im', 'other')),
      counterpart varchar(100) NOT NULL,
      summary varchar(1000) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_staff_contact_record_staff ON staff_contact_record (staff_id, contacted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_contact_record`);
    await q.query(`DROP TABLE staff`);
    await q.query(`DROP TABLE industry`);
    await q.query(`DROP TABLE service_department`);
    await q.query(`DROP TABLE customer_status`);
    await q.query(`DROP TABLE customer_level`);
    await q.query(`DROP TABLE business_hall`);
    await q.query(`ALTER TABLE district DROP COLUMN version`);
  }
}
