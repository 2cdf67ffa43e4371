import { MigrationInterface, QueryRunner } from 'typeorm';

/** 服務請求 (@crm/service): requests with SLA clocks, their history, attachments (metadata), SLA notifications and return visits. */
export class ServiceRequests1764570000000 implements MigrationInterface {
  name = 'ServiceRequests1764570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE service_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind varchar(16) NOT NULL,
      channel varchar(16) NOT NULL,
      severity varchar(8) NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'acknowledged',
      customer_id uuid NOT NULL CONSTRAINT fk_service_request_customer REFERENCES customer (id),
      subscription_id uuid CONSTRAINT fk_service_request_subscription REFERENCES subscription (id),
      circuit_ref varchar(64),
      title varchar(200) NOT NULL,
      description text,
      notes text,
      received_by_staff_id uuid NOT NULL CONSTRAINT fk_service_request_received_by REFERENCES staff (id),
      owner_staff_id uuid NOT NULL CONSTRAINT fk_service_request_owner REFERENCES staff (id),
      assignee_staff_id uuid CONSTRAINT fk_service_request_assignee REFERENCES staff (id),
      department_code varchar(16) CONSTRAINT fk_service_request_department REFERENCES service_department (code),
      key_account boolean NOT NULL DEFAULT false,
      routed_to_account_manager boolean NOT NULL DEFAULT false,
      handover_count integer NOT NULL DEFAULT 0,
      received_at timestamptz NOT NULL DEFAULT now(),
      around_the_clock boolean NOT NULL DEFAULT false,
      response_target_minutes integer NOT NULL,
      resolution_target_minutes integer NOT NULL,
      response_due_at timestamptz NOT NULL,
      resolution_due_at timestamptz NOT NULL,
      responded_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      resolution_used_minutes double precision NOT NULL DEFAULT 0,
      resolution_running_since timestamptz,
      response_warned_at timestamptz,
      response_breached_at timestamptz,
      resolution_warned_at timestamptz,
      resolution_breached_at timestamptz,
      escalated boolean NOT NULL DEFAULT false,
      escalation_level smallint NOT NULL DEFAULT 0,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT service_request_kind_check CHECK (kind IN ('complaint', 'fault', 'consultation', 'query', 'suggestion')),
      CONSTRAINT service_request_channel_check CHECK (channel IN ('call_centre', 'business_hall', 'account_manager', 'hotline_10000', 'hotline_112', 'hotline_114', 'website', 'email')),
      CONSTRAINT service_request_severity_check CHECK (severity IN ('critical', 'high', 'medium', 'low')),
      CONSTRAINT service_request_status_check CHECK (status IN ('acknowledged', 'in_progress', 'pending', 'resolved', 'closed', 'rejected', 'cancelled'))
    )`);
    await q.query(`CREATE INDEX ix_service_request_customer ON service_request (customer_id, created_at)`);
    await q.query(`CREATE INDEX ix_service_request_subscription ON service_request (subscription_id)`);
    await q.query(`CREATE INDEX ix_service_request_status_kind ON service_request (status, kind)`);
    await q.query(`CREATE INDEX ix_service_request_owner ON service_request (owner_staff_id, status)`);
    await q.query(`CREATE INDEX ix_service_request_assignee ON service_request (assignee_staff_id, status)`);
    await q.query(`CREATE INDEX ix_service_request_department ON service_request (department_code, status)`);
    await q.query(`CREATE INDEX ix_service_request_created_at ON service_request (created_at)`);
    await q.query(`CREATE TABLE service_request_event (
      id bigserial PRIMARY KEY,
      request_id uuid NOT NULL CONSTRAINT fk_service_request_event_request REFERENCES service_request (id) ON DELETE CASCADE,
      action varchar(16) NOT NULL,
      from_status varchar(12),
      to_status varchar(12),
      from_staff_id uuid,
      to_staff_id uuid,
      department_code varchar(16),
      reason varchar(1000),
      details jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now(),
      by varchar(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_service_request_event_request ON service_request_event (request_id, at)`);
    await q.query(`CREATE INDEX ix_service_request_event_at ON service_request_event (at, action)`);
    await q.query(`CREATE TABLE service_request_attachment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL CONSTRAINT fk_service_request_attachment_request REFERENCES service_request (id) ON DELETE CASCADE,
      file_name varchar(255) NOT NULL,
      media_type varchar(127) NOT NULL,
      size_bytes bigint NOT NULL,
      storage_ref varchar(500) NOT NULL,
      created_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT service_request_attachment_size_check CHECK (size_bytes >= 0)
    )`);
    await q.query(`CREATE INDEX ix_service_request_attachment_request ON service_request_attachment (request_id)`);
    await q.query(`CREATE TABLE service_request_notification (
      id bigserial PRIMARY KEY,
      request_id uuid NOT NULL CONSTRAINT fk_service_request_notification_request REFERENCES service_request (id) ON DELETE CASCADE,
      clock varchar(12) NOT NULL,
      kind varchar(12) NOT NULL,
      recipient varchar(16) NOT NULL,
      recipient_staff_id uuid,
      recipient_department_code varchar(16),
      at timestamptz NOT NULL DEFAULT now(),
      due_at timestamptz NOT NULL,
      elapsed_minutes integer NOT NULL,
      target_minutes integer NOT NULL,
      CONSTRAINT service_request_notification_clock_check CHECK (clock IN ('response', 'resolution')),
      CONSTRAINT service_request_notification_kind_check CHECK (kind IN ('near_breach', 'breach')),
      CONSTRAINT service_request_notification_recipient_check CHECK (recipient IN ('owner', 'assignee', 'department_head'))
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_service_request_notification ON service_request_notification (request_id, clock, kind, recipient)`);
    await q.query(`CREATE INDEX ix_service_request_notification_at ON service_request_notification (at)`);
    await q.query(`CREATE INDEX ix_service_request_notification_staff ON service_request_notification (recipient_staff_id)`);
    await q.query(`CREATE TABLE service_request_return_visit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL CONSTRAINT fk_service_request_return_visit_request REFERENCES service_request (id) ON DELETE CASCADE,
      rating smallint NOT NULL,
      satisfied boolean NOT NULL,
      comment varchar(1000),
      visited_at timestamptz NOT NULL,
      visited_by varchar(64) NOT NULL,
      survey_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT service_request_return_visit_rating_check CHECK (rating BETWEEN 1 AND 5)
    )`);
    await q.query(`CREATE INDEX ix_service_request_return_visit_request ON service_request_return_visit (request_id)`);
    await q.query(`CREATE INDEX ix_service_request_return_visit_visited_at ON service_request_return_visit (visited_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_request_return_visit`);
    await q.query(`DROP TABLE service_request_notification`);
    await q.query(`DROP TABLE service_request_attachment`);
    await q.query(`DROP TABLE service_request_event`);
    await q.query(`DROP TABLE service_request`);
  }
}
