import { MigrationInterface, QueryRunner } from 'typeorm';

/** Months whose partitions this migration creates: 2024-01 … 2027-12 (later ones: EnsurePartitionsJob). */
const FIRST_YEAR = 2024;
const LAST_YEAR = 2027;

/** `[suffix, from, to]` of every month, e.g. `['2024_01', '2024-01-01', '2024-02-01']`. */
function months(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (let m = 1; m <= 12; m++) {
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      out.push([`${y}_${String(m).padStart(2, '0')}`, `${y}-${String(m).padStart(2, '0')}-01`, next]);
    }
  }
  return out;
}

/**
 * Monthly partitions plus a DEFAULT partition. Boundaries of timestamptz keys are UTC month starts
 * (written with an explicit +00 offset, so the session time zone cannot shift them).
 */
async function createPartitions(q: QueryRunner, table: string, kind: 'date' | 'timestamptz'): Promise<void> {
  const bound = (d: string): string => (kind === 'date' ? `'${d}'` : `'${d} 00:00:00+00'`);
  for (const [suffix, from, to] of months()) {
    await q.query(`CREATE TABLE ${table}_${suffix} PARTITION OF ${table} FOR VALUES FROM (${bound(from)}) TO (${bound(to)})`);
  }
  await q.query(`CREATE TABLE ${table}_default PARTITION OF ${table} DEFAULT`);
}

/**
 * 賬戶、消費信息、欠費: billing accounts, usage records, bills with their fee breakdown, payments,
 * arrears and manual dunning tasks (issue 3, items 4–6).
 *
 * usage_record, bill and payment are PARTITIONED BY RANGE by month. usage_record has no foreign
 * keys on purpose (ingest speed; the import target checks references); bill and payment keep
 * theirs (low volume). Their primary and unique keys include the partition key, as PostgreSQL
 * requires.
 */
export class Billing1764564000000 implements MigrationInterface {
  name = 'Billing1764564000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE account (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_number varchar(32) NOT NULL,
      serial smallint NOT NULL,
      customer_id uuid NOT NULL CONSTRAINT fk_account_customer REFERENCES customer (id),
      name varchar(100),
      bank_id varchar(12),
      bank_account_encrypted text,
      bank_account_masked varchar(40),
      credit_limit_fen bigint NOT NULL DEFAULT 0,
      balance_fen bigint NOT NULL DEFAULT 0,
      payment_method varchar(20) NOT NULL DEFAULT 'cash',
      status varchar(12) NOT NULL DEFAULT 'active',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT ux_account_number UNIQUE (account_number),
      CONSTRAINT ux_account_customer_serial UNIQUE (customer_id, serial),
      CONSTRAINT account_status_check CHECK (status IN ('active', 'suspended')),
      CONSTRAINT account_payment_method_check CHECK (payment_method IN ('cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card')),
      CONSTRAINT account_credit_limit_fen_check CHECK (credit_limit_fen >= 0),
      CONSTRAINT account_balance_fen_check CHECK (balance_fen >= 0),
      CONSTRAINT account_serial_check CHECK (serial >= 1)
    )`);
    await q.query(`CREATE INDEX ix_account_customer ON account (customer_id)`);

    await q.query(`CREATE TABLE usage_record (
      id bigint GENERATED ALWAYS AS IDENTITY,
      external_id varchar(64) NOT NULL,
      subscription_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      account_id uuid NULL,
      started_at timestamptz NOT NULL,
      duration_seconds integer NOT NULL DEFAULT 0,
      volume_kb bigint NOT NULL DEFAULT 0,
      call_type varchar(16) NOT NULL CONSTRAINT usage_record_call_type_check CHECK (call_type IN ('local', 'long_distance', 'international', 'roaming', 'data', 'sms', 'other')),
      direction varchar(8) NOT NULL CONSTRAINT usage_record_direction_check CHECK (direction IN ('outgoing', 'incoming')),
      service varchar(16) NOT NULL CONSTRAINT usage_record_service_check CHECK (service IN ('voice', 'sms', 'data', 'iptv', 'broadband')),
      charge_fen integer NOT NULL DEFAULT 0,
      PRIMARY KEY (id, started_at),
      CONSTRAINT ux_usage_record_external UNIQUE (external_id, started_at)
    ) PARTITION BY RANGE (started_at)`);
    await q.query(`CREATE INDEX ix_usage_record_customer_started ON usage_record (customer_id, started_at)`);
    await q.query(`CREATE INDEX ix_usage_record_subscription_started ON usage_record (subscription_id, started_at)`);
    await createPartitions(q, 'usage_record', 'timestamptz');

    await q.query(`CREATE TABLE bill (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      billing_month date NOT NULL,
      account_id uuid NOT NULL CONSTRAINT fk_bill_account REFERENCES account (id),
      customer_id uuid NOT NULL CONSTRAINT fk_bill_customer REFERENCES customer (id),
      total_fen bigint NOT NULL,
      paid_fen bigint NOT NULL DEFAULT 0,
      due_date date NOT NULL,
      status varchar(16) NOT NULL DEFAULT 'issued',
      issued_at timestamptz NOT NULL DEFAULT now(),
      paid_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (id, billing_month),
      CONSTRAINT ux_bill_account_month UNIQUE (account_id, billing_month),
      CONSTRAINT bill_status_check CHECK (status IN ('issued', 'partially_paid', 'paid', 'overdue')),
      CONSTRAINT bill_billing_month_check CHECK (extract(day from billing_month) = 1),
      CONSTRAINT bill_amounts_check CHECK (total_fen >= 0 AND paid_fen >= 0 AND paid_fen <= total_fen)
    ) PARTITION BY RANGE (billing_month)`);
    await q.query(`CREATE INDEX ix_bill_customer_month ON bill (customer_id, billing_month)`);
    await q.query(`CREATE INDEX ix_bill_unpaid_due ON bill (due_date) WHERE status <> 'paid'`);
    await createPartitions(q, 'bill', 'date');

    await q.query(`CREATE TABLE bill_item (
      id bigserial PRIMARY KEY,
      bill_id uuid NOT NULL,
      billing_month date NOT NULL,
      item_type varchar(16) NOT NULL,
      service varchar(16) NOT NULL,
      amount_fen bigint NOT NULL,
      description varchar(100),
      CONSTRAINT fk_bill_item_bill FOREIGN KEY (bill_id, billing_month) REFERENCES bill (id, billing_month) ON DELETE CASCADE,
      CONSTRAINT bill_item_item_type_check CHECK (item_type IN ('monthly_fee', 'voice', 'data', 'sms', 'value_added', 'discount', 'other')),
      CONSTRAINT bill_item_service_check CHECK (service IN ('voice', 'sms', 'data', 'iptv', 'broadband')),
      CONSTRAINT bill_item_amount_sign_check CHECK ((item_type = 'discount') = (amount_fen < 0) OR amount_fen = 0)
    )`);
    await q.query(`CREATE INDEX ix_bill_item_bill ON bill_item (bill_id, billing_month)`);

    await q.query(`CREATE TABLE payment (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      paid_at timestamptz NOT NULL,
      account_id uuid NOT NULL CONSTRAINT fk_payment_account REFERENCES account (id),
      customer_id uuid NOT NULL CONSTRAINT fk_payment_customer REFERENCES customer (id),
      amount_fen bigint NOT NULL,
      method varchar(20) NOT NULL,
      place varchar(32) NOT NULL,
      reference varchar(64),
      recorded_by varchar(64) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (id, paid_at),
      CONSTRAINT payment_method_check CHECK (method IN ('cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card')),
      CONSTRAINT payment_amount_fen_check CHECK (amount_fen > 0)
    ) PARTITION BY RANGE (paid_at)`);
    await q.query(`CREATE INDEX ix_payment_account_paid ON payment (account_id, paid_at)`);
    await q.query(`CREATE INDEX ix_payment_customer_paid ON payment (customer_id, paid_at)`);
    await createPartitions(q, 'payment', 'timestamptz');

    await q.query(`CREATE TABLE arrear (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL CONSTRAINT fk_arrear_account REFERENCES account (id),
      customer_id uuid NOT NULL CONSTRAINT fk_arrear_customer REFERENCES customer (id),
      service varchar(16) NOT NULL,
      amount_fen bigint NOT NULL,
      peak_amount_fen bigint NOT NULL DEFAULT 0,
      since date NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'open',
      recovered_on date,
      dunning_method varchar(8),
      dunning_count integer NOT NULL DEFAULT 0,
      last_dunned_at timestamptz,
      suspended boolean NOT NULL DEFAULT false,
      suspended_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT arrear_status_check CHECK (status IN ('open', 'in_dunning', 'recovered', 'written_off')),
      CONSTRAINT arrear_service_check CHECK (service IN ('voice', 'sms', 'data', 'iptv', 'broadband')),
      CONSTRAINT arrear_dunning_method_check CHECK (dunning_method IN ('machine', 'manual')),
      CONSTRAINT arrear_amount_fen_check CHECK (amount_fen >= 0)
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_arrear_live ON arrear (account_id, service) WHERE status IN ('open', 'in_dunning')`);
    await q.query(`CREATE INDEX ix_arrear_customer ON arrear (customer_id)`);
    await q.query(`CREATE INDEX ix_arrear_status_since ON arrear (status, since)`);

    await q.query(`CREATE TABLE dunning_task (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      arrear_id uuid NOT NULL CONSTRAINT fk_dunning_task_arrear REFERENCES arrear (id) ON DELETE CASCADE,
      assigned_to varchar(64),
      done boolean NOT NULL DEFAULT false,
      done_at timestamptz,
      done_by varchar(64),
      note varchar(500),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE UNIQUE INDEX ux_dunning_task_open ON dunning_task (arrear_id) WHERE done = false`);
    await q.query(`CREATE INDEX ix_dunning_task_assignee ON dunning_task (assigned_to, done)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dunning_task`);
    await q.query(`DROP TABLE arrear`);
    // dropping a partitioned table drops its partitions, including any EnsurePartitionsJob created
    await q.query(`DROP TABLE payment`);
    await q.query(`DROP TABLE bill_item`);
    await q.query(`DROP TABLE bill`);
    await q.query(`DROP TABLE usage_record`);
    await q.query(`DROP TABLE account`);
  }
}
