import { MigrationInterface, QueryRunner } from 'typeorm';

/** 營銷: market research, marketing methods, marketing plans (transitions, stage results, evaluations), campaigns with contact lists, responses and evaluations. */
export class Marketing1764570700000 implements MigrationInterface {
  name = 'Marketing1764570700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE market_research (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title varchar(200) NOT NULL,
      topic varchar(200) NOT NULL,
      method varchar(16) NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      district_code char(6) CONSTRAINT fk_market_research_district REFERENCES district (code),
      region varchar(200),
      findings text,
      source varchar(500),
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT market_research_method_check CHECK (method IN ('survey', 'interview', 'focus_group', 'desk', 'observation', 'experiment', 'other')),
      CONSTRAINT market_research_period_check CHECK (period_to >= period_from)
    )`);
    await q.query(`CREATE INDEX ix_market_research_period ON market_research (period_from, period_to)`);
    await q.query(`CREATE INDEX ix_market_research_district ON market_research (district_code)`);
    await q.query(`CREATE TABLE marketing_method (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL,
      channel varchar(16) NOT NULL,
      description varchar(2000),
      cost_model varchar(16) NOT NULL,
      unit_cost_fen bigint,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT marketing_method_channel_check CHECK (channel IN ('sms', 'phone', 'email', 'app', 'wechat', 'hall', 'door_to_door', 'mail', 'media', 'other')),
      CONSTRAINT marketing_method_cost_model_check CHECK (cost_model IN ('fixed', 'per_contact', 'per_conversion', 'revenue_share', 'none')),
      CONSTRAINT marketing_method_unit_cost_check CHECK (unit_cost_fen >= 0)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_marketing_method_name ON marketing_method (name)`);
    await q.query(`CREATE TABLE marketing_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title varchar(200) NOT NULL,
      objective varchar(1000) NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      owner_staff_id uuid CONSTRAINT fk_marketing_plan_owner REFERENCES staff (id),
      budget_fen bigint,
      control_group_percent smallint NOT NULL DEFAULT 0,
      content text,
      state varchar(12) NOT NULL DEFAULT 'draft',
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT marketing_plan_state_check CHECK (state IN ('draft', 'evaluation', 'adopted', 'rejected', 'revised', 'confirmed', 'executing', 'evaluated')),
      CONSTRAINT marketing_plan_period_check CHECK (period_to >= period_from),
      CONSTRAINT marketing_plan_control_check CHECK (control_group_percent BETWEEN 0 AND 50),
      CONSTRAINT marketing_plan_budget_check CHECK (budget_fen >= 0)
    )`);
    await q.query(`CREATE INDEX ix_marketing_plan_state ON marketing_plan (state)`);
    await q.query(`CREATE INDEX ix_marketing_plan_period ON marketing_plan (period_from, period_to)`);
    await q.query(`CREATE TABLE marketing_plan_transition (
      id bigserial PRIMARY KEY,
      plan_id uuid NOT NULL CONSTRAINT fk_marketing_plan_transition_plan REFERENCES marketing_plan (id) ON DELETE CASCADE,
      from_state varchar(12),
      to_state varchar(12) NOT NULL,
      reason varchar(500),
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_marketing_plan_transition_plan ON marketing_plan_transition (plan_id, at)`);
    await q.query(`CREATE TABLE marketing_plan_stage_result (
      id bigserial PRIMARY KEY,
      plan_id uuid NOT NULL CONSTRAINT fk_marketing_plan_stage_result_plan REFERENCES marketing_plan (id) ON DELETE CASCADE,
      stage varchar(100) NOT NULL,
      result varchar(2000) NOT NULL,
      metrics jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_marketing_plan_stage_result_plan ON marketing_plan_stage_result (plan_id, at)`);
    await q.query(`CREATE TABLE marketing_plan_evaluation (
      id bigserial PRIMARY KEY,
      plan_id uuid NOT NULL CONSTRAINT fk_marketing_plan_evaluation_plan REFERENCES marketing_plan (id) ON DELETE CASCADE,
      overall_score smallint NOT NULL,
      scores jsonb NOT NULL DEFAULT '{}',
      notes varchar(2000) NOT NULL,
      lessons varchar(2000),
      evaluated_at timestamptz NOT NULL DEFAULT now(),
      evaluated_by varchar(64) NOT NULL,
      CONSTRAINT marketing_plan_evaluation_score_check CHECK (overall_score BETWEEN 0 AND 100)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_marketing_plan_evaluation_plan ON marketing_plan_evaluation (plan_id)`);
    await q.query(`CREATE INDEX ix_marketing_plan_evaluation_at ON marketing_plan_evaluation (evaluated_at)`);
    await q.query(`CREATE TABLE campaign (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL CONSTRAINT fk_campaign_plan REFERENCES marketing_plan (id),
      code varchar(64) NOT NULL,
      name varchar(200) NOT NULL,
      description varchar(2000),
      method_id uuid CONSTRAINT fk_campaign_method REFERENCES marketing_method (id),
      channel varchar(16) NOT NULL,
      directive_origin char(6),
      directive_key varchar(64),
      directive_version integer,
      target_kind varchar(8) NOT NULL,
      segment_dimension varchar(16),
      segment varchar(24),
      segment_period date,
      customer_query jsonb,
      start_date date NOT NULL,
      end_date date NOT NULL,
      evaluation_months smallint NOT NULL DEFAULT 3,
      status varchar(8) NOT NULL DEFAULT 'planned',
      contact_list_at timestamptz,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT campaign_channel_check CHECK (channel IN ('sms', 'phone', 'email', 'app', 'wechat', 'hall', 'door_to_door', 'mail', 'media', 'other')),
      CONSTRAINT campaign_status_check CHECK (status IN ('planned', 'active', 'closed')),
      CONSTRAINT campaign_period_check CHECK (end_date >= start_date),
      CONSTRAINT campaign_months_check CHECK (evaluation_months BETWEEN 1 AND 24),
      CONSTRAINT campaign_directive_check CHECK ((directive_origin IS NULL) = (directive_key IS NULL) AND (directive_key IS NULL) = (directive_version IS NULL)),
      CONSTRAINT campaign_target_check CHECK ((target_kind = 'segment' AND segment_dimension IS NOT NULL AND segment IS NOT NULL AND segment_period IS NOT NULL AND customer_query IS NULL) OR (target_kind = 'query' AND customer_query IS NOT NULL AND segment_dimension IS NULL AND segment IS NULL AND segment_period IS NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_campaign_code ON campaign (code)`);
    await q.query(`CREATE INDEX ix_campaign_plan ON campaign (plan_id)`);
    await q.query(`CREATE INDEX ix_campaign_directive ON campaign (directive_key, directive_origin)`);
    await q.query(`CREATE INDEX ix_campaign_status ON campaign (status, start_date)`);
    await q.query(`CREATE TABLE campaign_contact (
      campaign_id uuid NOT NULL CONSTRAINT fk_campaign_contact_campaign REFERENCES campaign (id) ON DELETE CASCADE,
      customer_id uuid NOT NULL CONSTRAINT fk_campaign_contact_customer REFERENCES customer (id),
      contact_group varchar(8) NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_campaign_contact PRIMARY KEY (campaign_id, customer_id),
      CONSTRAINT campaign_contact_group_check CHECK (contact_group IN ('target', 'control'))
    )`);
    await q.query(`CREATE INDEX ix_campaign_contact_customer ON campaign_contact (customer_id)`);
    await q.query(`CREATE TABLE campaign_response (
      id bigserial PRIMARY KEY,
      campaign_id uuid NOT NULL CONSTRAINT fk_campaign_response_campaign REFERENCES campaign (id) ON DELETE CASCADE,
      customer_id uuid NOT NULL CONSTRAINT fk_campaign_response_customer REFERENCES customer (id),
      channel varchar(16) NOT NULL,
      outcome varchar(12) NOT NULL,
      at timestamptz NOT NULL,
      revenue_fen bigint,
      recorded_by varchar(64) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT campaign_response_channel_check CHECK (channel IN ('sms', 'phone', 'email', 'app', 'wechat', 'hall', 'door_to_door', 'mail', 'media', 'other')),
      CONSTRAINT campaign_response_outcome_check CHECK (outcome IN ('contacted', 'responded', 'accepted', 'declined', 'converted')),
      CONSTRAINT campaign_response_revenue_check CHECK (revenue_fen >= 0)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_campaign_response ON campaign_response (campaign_id, customer_id, channel, outcome)`);
    await q.query(`CREATE INDEX ix_campaign_response_at ON campaign_response (at)`);
    await q.query(`CREATE TABLE campaign_evaluation (
      campaign_id uuid PRIMARY KEY CONSTRAINT fk_campaign_evaluation_campaign REFERENCES campaign (id) ON DELETE CASCADE,
      months smallint NOT NULL,
      figures jsonb NOT NULL,
      evaluated_at timestamptz NOT NULL DEFAULT now(),
      evaluated_by varchar(64) NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign_evaluation`);
    await q.query(`DROP TABLE campaign_response`);
    await q.query(`DROP TABLE campaign_contact`);
    await q.query(`DROP TABLE campaign`);
    await q.query(`DROP TABLE marketing_plan_evaluation`);
    await q.query(`DROP TABLE marketing_plan_stage_result`);
    await q.query(`DROP TABLE marketing_plan_transition`);
    await q.query(`DROP TABLE marketing_plan`);
    await q.query(`DROP TABLE marketing_method`);
    await q.query(`DROP TABLE market_research`);
  }
}
