import { MigrationInterface, QueryRunner } from 'typeorm';

/** 銷售: opportunities with stage history, agents and representatives, orders and lines, contracts, sales methods and activities, teams, tasks, targets, commission statements. */
export class Sales1764570800000 implements MigrationInterface {
  name = 'Sales1764570800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sales_opportunity (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title varchar(200) NOT NULL,
      customer_id uuid NOT NULL CONSTRAINT fk_sales_opportunity_customer REFERENCES customer (id),
      owner_staff_id uuid CONSTRAINT fk_sales_opportunity_owner REFERENCES staff (id),
      hall_code varchar(16) CONSTRAINT fk_sales_opportunity_hall REFERENCES business_hall (code),
      stage varchar(12) NOT NULL DEFAULT 'lead',
      expected_value_fen bigint NOT NULL DEFAULT 0,
      expected_close_date date,
      product_codes text[] NOT NULL DEFAULT '{}',
      lost_reason varchar(500),
      notes varchar(1000),
      closed_at timestamptz,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX ix_sales_opportunity_stage ON sales_opportunity (stage, owner_staff_id)`);
    await q.query(`CREATE INDEX ix_sales_opportunity_customer ON sales_opportunity (customer_id)`);
    await q.query(`CREATE TABLE sales_opportunity_stage (
      id bigserial PRIMARY KEY,
      opportunity_id uuid NOT NULL CONSTRAINT fk_sales_opportunity_stage_opportunity REFERENCES sales_opportunity (id) ON DELETE CASCADE,
      from_stage varchar(12),
      to_stage varchar(12) NOT NULL,
      note varchar(500),
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_sales_opportunity_stage_opportunity ON sales_opportunity_stage (opportunity_id, at)`);
    await q.query(`CREATE TABLE sales_agent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code varchar(32) NOT NULL,
      name varchar(100) NOT NULL,
      district_code char(6) CONSTRAINT fk_sales_agent_district REFERENCES district (code),
      contact_phone varchar(20),
      status varchar(12) NOT NULL DEFAULT 'active',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_sales_agent_code ON sales_agent (code)`);
    await q.query(`CREATE TABLE sales_agent_representative (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agent_id uuid NOT NULL CONSTRAINT fk_sales_agent_representative_agent REFERENCES sales_agent (id) ON DELETE CASCADE,
      name varchar(50) NOT NULL,
      phone varchar(20),
      title varchar(50),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX ix_sales_agent_representative_agent ON sales_agent_representative (agent_id)`);
    await q.query(`CREATE TABLE sales_order (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_no varchar(32) NOT NULL,
      customer_id uuid NOT NULL CONSTRAINT fk_sales_order_customer REFERENCES customer (id),
      status varchar(12) NOT NULL DEFAULT 'draft',
      channel varchar(16) NOT NULL,
      hall_code varchar(16) CONSTRAINT fk_sales_order_hall REFERENCES business_hall (code),
      agent_id uuid CONSTRAINT fk_sales_order_agent REFERENCES sales_agent (id),
      representative_id uuid CONSTRAINT fk_sales_order_representative REFERENCES sales_agent_representative (id),
      sales_staff_id uuid CONSTRAINT fk_sales_order_staff REFERENCES staff (id),
      opportunity_id uuid CONSTRAINT fk_sales_order_opportunity REFERENCES sales_opportunity (id) ON DELETE SET NULL,
      amount_fen bigint NOT NULL DEFAULT 0,
      notes varchar(1000),
      submitted_at timestamptz,
      completed_at timestamptz,
      cancelled_at timestamptz,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_sales_order_no ON sales_order (order_no)`);
    await q.query(`CREATE INDEX ix_sales_order_customer ON sales_order (customer_id)`);
    await q.query(`CREATE INDEX ix_sales_order_status_completed ON sales_order (status, completed_at)`);
    await q.query(`CREATE INDEX ix_sales_order_agent ON sales_order (agent_id, completed_at)`);
    await q.query(`CREATE INDEX ix_sales_order_staff ON sales_order (sales_staff_id, completed_at)`);
    await q.query(`CREATE TABLE sales_order_line (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL CONSTRAINT fk_sales_order_line_order REFERENCES sales_order (id) ON DELETE CASCADE,
      line_no integer NOT NULL,
      action varchar(12) NOT NULL,
      product_code varchar(32) CONSTRAINT fk_sales_order_line_product REFERENCES product (code),
      price_plan_code varchar(32),
      subscription_id uuid CONSTRAINT fk_sales_order_line_subscription REFERENCES subscription (id),
      service_number varchar(40),
      amount_fen bigint NOT NULL DEFAULT 0,
      result_subscription_id uuid CONSTRAINT fk_sales_order_line_result REFERENCES subscription (id)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_sales_order_line_no ON sales_order_line (order_id, line_no)`);
    await q.query(`CREATE INDEX ix_sales_order_line_subscription ON sales_order_line (subscription_id)`);
    await q.query(`CREATE INDEX ix_sales_order_line_result ON sales_order_line (result_subscription_id)`);
    await q.query(`CREATE TABLE sales_contract (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_no varchar(40) NOT NULL,
      customer_id uuid NOT NULL CONSTRAINT fk_sales_contract_customer REFERENCES customer (id),
      title varchar(200) NOT NULL,
      signing_unit varchar(100) NOT NULL,
      signed_by_staff_id uuid CONSTRAINT fk_sales_contract_staff REFERENCES staff (id),
      valid_from date NOT NULL,
      valid_to date NOT NULL,
      value_fen bigint NOT NULL DEFAULT 0,
      status varchar(12) NOT NULL DEFAULT 'draft',
      documents jsonb NOT NULL DEFAULT '[]',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_sales_contract_no ON sales_contract (contract_no)`);
    await q.query(`CREATE INDEX ix_sales_contract_customer ON sales_contract (customer_id)`);
    await q.query(`CREATE INDEX ix_sales_contract_valid_to ON sales_contract (status, valid_to)`);
    await q.query(`CREATE TABLE sales_method (
      code varchar(16) PRIMARY KEY,
      name varchar(100) NOT NULL,
      description varchar(500),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE TABLE sales_activity (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind varchar(12) NOT NULL,
      method_code varchar(16) CONSTRAINT fk_sales_activity_method REFERENCES sales_method (code),
      customer_id uuid CONSTRAINT fk_sales_activity_customer REFERENCES customer (id),
      opportunity_id uuid CONSTRAINT fk_sales_activity_opportunity REFERENCES sales_opportunity (id) ON DELETE SET NULL,
      staff_id uuid NOT NULL CONSTRAINT fk_sales_activity_staff REFERENCES staff (id),
      occurred_at timestamptz NOT NULL,
      subject varchar(200) NOT NULL,
      outcome varchar(1000),
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX ix_sales_activity_customer ON sales_activity (customer_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_sales_activity_staff ON sales_activity (staff_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_sales_activity_opportunity ON sales_activity (opportunity_id)`);
    await q.query(`CREATE TABLE sales_team (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      manager_staff_id uuid NOT NULL CONSTRAINT fk_sales_team_manager REFERENCES staff (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE TABLE sales_team_member (
      team_id uuid NOT NULL CONSTRAINT fk_sales_team_member_team REFERENCES sales_team (id) ON DELETE CASCADE,
      staff_id uuid NOT NULL CONSTRAINT fk_sales_team_member_staff REFERENCES staff (id),
      PRIMARY KEY (team_id, staff_id)
    )`);
    await q.query(`CREATE INDEX ix_sales_team_member_staff ON sales_team_member (staff_id)`);
    await q.query(`CREATE TABLE sales_task (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title varchar(200) NOT NULL,
      parent_id uuid CONSTRAINT fk_sales_task_parent REFERENCES sales_task (id),
      assignee_team_id uuid CONSTRAINT fk_sales_task_team REFERENCES sales_team (id),
      assignee_staff_id uuid CONSTRAINT fk_sales_task_staff REFERENCES staff (id),
      target_kind varchar(8) NOT NULL,
      target_value bigint NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'open',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX ix_sales_task_parent ON sales_task (parent_id)`);
    await q.query(`CREATE INDEX ix_sales_task_team ON sales_task (assignee_team_id)`);
    await q.query(`CREATE INDEX ix_sales_task_staff ON sales_task (assignee_staff_id)`);
    await q.query(`CREATE TABLE sales_target (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period date NOT NULL,
      dimension varchar(16) NOT NULL,
      dimension_value varchar(64) NOT NULL,
      target_orders integer NOT NULL DEFAULT 0,
      target_amount_fen bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_sales_target ON sales_target (period, dimension, dimension_value)`);
    await q.query(`CREATE TABLE sales_commission_statement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agent_id uuid NOT NULL CONSTRAINT fk_sales_commission_statement_agent REFERENCES sales_agent (id),
      period date NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'computed',
      orders integer NOT NULL,
      revenue_fen bigint NOT NULL,
      commission_fen bigint NOT NULL,
      bonus_fen bigint NOT NULL,
      clawback_fen bigint NOT NULL,
      total_fen bigint NOT NULL,
      rules jsonb NOT NULL,
      computed_at timestamptz NOT NULL,
      computed_by varchar(64) NOT NULL,
      approved_at timestamptz,
      approved_by varchar(64),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_sales_commission_statement_agent_period ON sales_commission_statement (agent_id, period)`);
    await q.query(`CREATE TABLE sales_commission_line (
      id bigserial PRIMARY KEY,
      statement_id uuid NOT NULL CONSTRAINT fk_sales_commission_line_statement REFERENCES sales_commission_statement (id) ON DELETE CASCADE,
      order_id uuid NOT NULL,
      order_line_id uuid NOT NULL,
      kind varchar(12) NOT NULL,
      product_code varchar(32),
      price_plan_code varchar(32),
      amount_fen bigint NOT NULL,
      commission_fen bigint NOT NULL,
      rule varchar(80) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_sales_commission_line_statement ON sales_commission_line (statement_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'sales_commission_line', 'sales_commission_statement', 'sales_target', 'sales_task', 'sales_team_member', 'sales_team', 'sales_activity', 'sales_method',
      'sales_contract', 'sales_order_line', 'sales_order', 'sales_agent_representative', 'sales_agent', 'sales_opportunity_stage', 'sales_opportunity',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
