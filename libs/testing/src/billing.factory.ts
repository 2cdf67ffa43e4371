import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The test city's time zone (CRM_TIMEZONE default). */
export const TEST_CITY_TZ = 'Asia/Shanghai';

/** Today in the test city, `YYYY-MM-DD`. */
export const cityToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: TEST_CITY_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** `YYYY-MM` of the month `n` months from the current one in the test city (negative: before). */
export function cityMonth(n: number): string {
  const [y, m] = cityToday().split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` `n` days from today in the test city. */
export function cityDay(n: number): string {
  const d = new Date(`${cityToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

let bankSeq = randomInt(0, 1_000_000_000);
/** A unique 19-digit bank card number. */
export function bankAccountNumber(): string {
  bankSeq = (bankSeq + 1) % 1_000_000_000_000;
  return `6222${String(bankSeq).padStart(15, '0')}`;
}

/** Body of POST /api/v1/accounts. */
export function accountInput(customerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { customerId, name: '測試賬戶', bankId: 'ICBC', bankAccount: bankAccountNumber(), creditLimitFen: 10_000, paymentMethod: 'bank_withholding', ...overrides };
}

/** Body of POST /api/v1/bills: monthly fee (voice) 5,900 + data 3,000 + SMS 100 − discount 1,000 = 8,000 fen. */
export function billInput(accountId: string, billingMonth: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const [y, m] = billingMonth.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    accountId,
    billingMonth,
    dueDate: `${next}-15`,
    items: [
      { itemType: 'monthly_fee', service: 'voice', amountFen: 5_900, description: '套餐月租' },
      { itemType: 'data', service: 'data', amountFen: 3_000 },
      { itemType: 'sms', service: 'sms', amountFen: 100 },
      { itemType: 'discount', service: 'voice', amountFen: -1_000, description: '老用戶優惠' },
    ],
    ...overrides,
  };
}

/** Body of POST /api/v1/payments. */
export function paymentInput(accountId: string, amountFen: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { accountId, amountFen, method: 'wechat_pay', place: 'online', ...overrides };
}

let policySeq = randomInt(0, 1_000_000);
/** Body of POST /api/v1/promotions: an active discount over the current month and the next two, whole city, no rule. */
export function promotionInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  policySeq = (policySeq + 1) % 1_000_000;
  return {
    policyCode: `T-PROMO-${String(policySeq).padStart(6, '0')}`,
    name: '測試優惠',
    purpose: '測試',
    periodFrom: `${cityMonth(0)}-01`,
    periodTo: `${cityMonth(3)}-01`,
    method: 'discount',
    status: 'active',
    ...overrides,
  };
}

let usageSeq = randomInt(0, 1_000_000);
/** One raw row of a usage import file (header → text): a 2-minute local outgoing call. */
export function usageImportRow(subscriptionExternalId: string, overrides: Record<string, string> = {}): Record<string, string> {
  usageSeq += 1;
  return {
    externalId: `T-CDR-${usageSeq}`,
    subscriptionExternalId,
    startedAt: '2026-11-05T10:15:00+08:00',
    durationSeconds: '120',
    volumeKb: '',
    callType: 'local',
    direction: 'outgoing',
    service: 'voice',
    chargeFen: '20',
    ...overrides,
  };
}

let subSeq = randomInt(0, 1_000_000);
/**
 * Inserts a catalogue product (once) and a subscription of the customer straight into the
 * database, for tests of other domains that only need the row. Answers the subscription's id and
 * external id.
 */
export async function insertTestSubscription(
  dataSource: DataSource,
  customerId: string,
  options: { externalId?: string; status?: 'active' | 'suspended' | 'terminated'; startedAt?: string } = {},
): Promise<{ id: string; externalId: string }> {
  subSeq += 1;
  const externalId = options.externalId ?? `T-SUB-BILL-${subSeq}`;
  const status = options.status ?? 'active';
  await dataSource.query(`INSERT INTO product (code, name, category, monthly_fee_fen) VALUES ('T-BILL-MOB', '測試手機套餐', 'mobile', 5900) ON CONFLICT (code) DO NOTHING`);
  const [row] = await dataSource.query(
    `INSERT INTO subscription (external_id, customer_id, product_code, service_number, status, started_at, ended_at)
     VALUES ($1, $2, 'T-BILL-MOB', $3, $4::varchar, $5, CASE WHEN $4::varchar = 'terminated' THEN now() END) RETURNING id`,
    [externalId, customerId, `189${String(subSeq % 100_000_000).padStart(8, '0')}`, status, options.startedAt ?? '2020-03-15T09:00:00+08:00'],
  );
  return { id: row.id as string, externalId };
}

let rawCustomerSeq = randomInt(0, 1_000_000);
/**
 * Inserts a bare customer row (and its district) straight into the database, for integration
 * tests that run without the HTTP app. Answers the customer's id.
 */
export async function insertTestCustomer(dataSource: DataSource, districtCode = '440106'): Promise<string> {
  rawCustomerSeq += 1;
  await dataSource.query(`INSERT INTO district (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [districtCode, `區${districtCode}`]);
  const [row] = await dataSource.query(
    `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked)
     VALUES ('測試客戶', 'public_residential', $1, $2, 'passport', $3, 'v1:test', 'E123****')
     RETURNING id`,
    [districtCode, `139${String(rawCustomerSeq).padStart(8, '0')}`, String(rawCustomerSeq).padStart(64, '0')],
  );
  return row.id as string;
}
