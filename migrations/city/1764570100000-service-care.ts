import { MigrationInterface, QueryRunner } from 'typeorm';

/** 主動服務 / 客戶關懷 and 服務方案: service outages, care tasks with their history, service plans with transitions, stage results and evaluations. */
export class ServiceCare1764570100000 implements MigrationInterface {
  name = 'ServiceCare1764570100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE service_outage (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_code char(6) NOT NULL CONSTRAINT fk_service_outage_district REFERENCES district (code),
      area varchar(200),
      description varchar(500) NOT NULL,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT service_outage_period_check CHECK (ended_at IS NULL OR ended_at > started_at)
    )`);
    await q.query(`CREATE INDEX ix_service_outage_district_started ON service_outage (district_code, started_at)`);
    await q.query(`CREATE INDEX ix_service_outage_ended ON service_outage (ended_at)`);
    await q.query(`CREATE TABLE service_outage_customer (
      outage_id uuid NOT NULL CONSTRAINT fk_service_outage_customer_outage REFERENCES service_outage (id) ON DELETE CASCADE,
      customer_id uuid NOT NULL CONSTRAINT fk_service_outage_customer_customer REFERENCES customer (id),
      PRIMARY KEY (outage_id, customer_id)
    )`);
    await q.query(`CREATE INDEX ix_service_outage_customer_customer ON service_outage_customer (customer_id)`);
    await q.query(`CREATE TABLE care_task (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      origin varchar(8) NOT NULL,
      rule varchar(20),
      occasion_key varchar(120),
      customer_id uuid NOT NULL CONSTRAINT fk_care_task_customer REFERENCES customer (id),
      kind varchar(20) NOT NULL,
      title varchar(200) NOT NULL,
      notes varchar(1000),
      due_date date NOT NULL,
      assignee_staff_id uuid CONSTRAINT fk_care_task_assignee REFERENCES staff (id),
      department_code varchar(16) CONSTRAINT fk_care_task_department REFERENCES service_department (code),
      status varchar(12) NOT NULL DEFAULT 'open',
      outcome varchar(1000),
      done_at timestamptz,
      outage_id uuid CONSTRAINT fk_care_task_outage REFERENCES service_outage (id) ON DELETE SET NULL,
      created_by varchar(64) NOT NULL,
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT care_task_origin_check CHECK (origin IN ('rule', 'manual')),
      CONSTRAINT care_task_rule_check CHECK ((origin = 'rule') = (rule IS NOT NULL) AND (rule IS NULL OR rule IN ('key_account_visit', 'anniversary', 'outage'))),
      CONSTRAINT care_task_kind_check CHECK (kind IN ('visit', 'anniversary', 'outage_follow_up', 'other')),
      CONSTRAINT care_task_status_check CHECK (status IN ('open', 'assigned', 'done', 'cancelled')),
      CONSTRAINT care_task_done_check CHECK ((status = 'done') = (done_at IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_care_task_occasion ON care_task (occasion_key)`);
    await q.query(`CREATE INDEX ix_care_task_status_due ON care_task (status, due_date)`);
    await q.query(`CREATE INDEX ix_care_task_customer ON care_task (customer_id, kind)`);
    await q.query(`CREATE INDEX ix_care_task_assignee ON care_task (assignee_staff_id, status)`);
    await q.query(`CREATE INDEX ix_care_task_created ON care_task (created_at)`);
    await q.query(`CREATE INDEX ix_care_task_done ON care_task (done_at)`);
    await q.query(`CREATE TABLE care_task_event (
      id bigserial PRIMARY KEY,
      task_id uuid NOT NULL CONSTRAINT fk_care_task_event_task REFERENCES care_task (id) ON DELETE CASCADE,
      from_status varchar(12),
      to_status varchar(12) NOT NULL,
      note varchar(1000),
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_care_task_event_task ON care_task_event (task_id, at)`);
    await q.query(`CREATE TABLE service_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title varchar(200) NOT NULL,
      objective varchar(1000) NOT NULL,
      scope_districts text[] NOT NULL DEFAULT '{}',
      scope_segments text[] NOT NULL DEFAULT '{}',
      scope_note varchar(500),
      period_from date NOT NULL,
      period_to date NOT NULL,
      owner_staff_id uuid CONSTRAINT fk_service_plan_owner REFERENCES staff (id),
      content text,
      state varchar(12) NOT NULL DEFAULT 'draft',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT service_plan_state_check CHECK (state IN ('draft', 'evaluation', 'adopted', 'rejected', 'revised', 'confirmed', 'executing', 'evaluated')),
      CONSTRAINT service_plan_period_check CHECK (period_to >= period_from)
    )`);
    await q.query(`CREATE INDEX ix_service_plan_state ON service_plan (state)`);
    await q.query(`CREATE INDEX ix_service_plan_period ON service_plan (period_from, period_to)`);
    await q.query(`CREATE TABLE service_plan_transition (
      id bigserial PRIMARY KEY,
      plan_id uuid NOT NULL CONSTRAINT fk_service_plan_transition_plan REFERENCES service_plan (id) ON DELETE CASCADE,
      from_state varchar(12),
      to_state varchar(12) NOT NULL,
      reason varchar(500),
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_service_plan_transition_plan ON service_plan_transition (plan_id, at)`);
    await q.query(`CREATE TABLE service_plan_stage_result (
      id bigserial PRIMARY KEY,
      plan_id uuid NOT NULL CONSTRAINT fk_service_plan_stage_result_plan REFERENCES service_plan (id) ON DELETE CASCADE,
      stage varchar(100) NOT NULL,
      result varchar(2000) NOT NULL,
      metrics jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_service_plan_stage_result_plan ON service_plan_stage_result (plan_id, at)`);
    await q.query(`CREATE TABLE service_plan_evaluation (
      id bigserial PRIMARY KEY,
      plan_id uuid NOT NULL CONSTRAINT fk_service_plan_evaluation_plan REFERENCES service_plan (id) ON DELETE CASCADE,
      overall_score smallint NOT NULL,
      scores jsonb NOT NULL DEFAULT '{}',
      notes varchar(2000) NOT NULL,
      lessons varchar(2000),
      evaluated_at timestamptz NOT NULL DEFAULT now(),
      evaluated_by varchar(64) NOT NULL,
      CONSTRAINT service_plan_evaluation_score_check CHECK (overall_score BETWEEN 0 AND 100)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_service_plan_evaluation_plan ON service_plan_evaluation (plan_id)`);
    await q.query(`CREATE INDEX ix_service_plan_evaluation_at ON service_plan_evaluation (evaluated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_plan_evaluation`);
    await q.query(`DROP TABLE service_plan_stage_result`);
    await q.query(`DROP TABLE service_plan_transition`);
    await q.query(`DROP TABLE service_plan`);
    await q.query(`DROP TABLE care_task_event`);
    await q.query(`DROP TABLE care_task`);
    await q.query(`DROP TABLE service_outage_customer`);
    await q.query(`DROP TABLE service_outage`);
  }
}
