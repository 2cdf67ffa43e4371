import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { addDays, FactRow, firstOfMonth, todayIn } from '@crm/federation';
import { RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from '../../../test/e2e/city-node.fixture';
import {
  ArrearsFactsProducer,
  CUSTOMER_REVENUE_BANDS_FEN,
  CustomerRevenueBandFactsProducer,
  revenueBandKey,
  SubscriptionRevenueFactsProducer,
  UsagePatternFactsProducer,
} from './billing-facts.producer';

const TZ = 'Asia/Shanghai';
const MONTH = '2026-10-01';
const at = (local: string): Date => new Date(`${local}+08:00`);
const monthStart = at('2026-10-01T00:00:00');
const monthEnd = at('2026-11-01T00:00:00');

interface RawCustomer { key: string; type: string; district: string; createdAt: Date; deletedAt: Date | null }
interface RawSub { key: string; customer: string; product: string; plan: string | null; startedAt: Date; endedAt: Date | null }
interface RawUsage { sub: string; startedAt: Date; service: string; callType: string; direction: string; seconds: number; kb: number; charge: number }
interface RawBill { customer: string; serial: number; month: string; total: number }

const customers: RawCustomer[] = [
  { key: 'c1', type: 'public_residential', district: '440103', createdAt: at('2025-01-01T10:00:00'), deletedAt: null },
  { key: 'c2', type: 'key_enterprise', district: '440106', createdAt: at('2025-01-01T10:00:00'), deletedAt: null },
  { key: 'c3', type: 'public_residential', district: '440106', createdAt: at('2026-09-20T10:00:00'), deletedAt: null },
];
const products = [
  { code: 'FA-MOB', fee: 5900, plans: [{ code: 'FA-MOB-39', fee: 3900 }] },
  { code: 'FA-BB', fee: 10000, plans: [] },
];
const subs: RawSub[] = [
  { key: 's1', customer: 'c1', product: 'FA-MOB', plan: 'FA-MOB-39', startedAt: at('2026-09-10T09:00:00'), endedAt: null },
  { key: 's2', customer: 'c1', product: 'FA-BB', plan: null, startedAt: at('2026-10-05T09:00:00'), endedAt: null },
  { key: 's3', customer: 'c2', product: 'FA-MOB', plan: 'FA-MOB-39', startedAt: at('2026-08-01T09:00:00'), endedAt: at('2026-10-20T09:00:00') },
  { key: 's4', customer: 'c2', product: 'FA-BB', plan: null, startedAt: at('2026-11-02T09:00:00'), endedAt: null },
  { key: 's5', customer: 'c3', product: 'FA-MOB', plan: null, startedAt: at('2026-10-01T00:30:00'), endedAt: at('2026-10-15T12:00:00') },
  { key: 's6', customer: 'c3', product: 'FA-MOB', plan: null, startedAt: at('2026-05-01T00:30:00'), endedAt: at('2026-09-15T12:00:00') },
];
const usage: RawUsage[] = [
  { sub: 's1', startedAt: at('2026-10-03T01:15:00'), service: 'voice', callType: 'local', direction: 'outgoing', seconds: 120, kb: 0, charge: 100 },
  { sub: 's1', startedAt: at('2026-10-03T08:00:00'), service: 'voice', callType: 'long_distance', direction: 'outgoing', seconds: 300, kb: 0, charge: 200 },
  { sub: 's1', startedAt: at('2026-10-09T20:30:00'), service: 'voice', callType: 'local', direction: 'incoming', seconds: 60, kb: 0, charge: 0 },
  { sub: 's2', startedAt: at('2026-10-12T13:00:00'), service: 'data', callType: 'data', direction: 'outgoing', seconds: 0, kb: 2048, charge: 50 },
  { sub: 's3', startedAt: at('2026-10-31T23:59:00'), service: 'voice', callType: 'local', direction: 'outgoing', seconds: 30, kb: 0, charge: 300 },
  { sub: 's1', startedAt: at('2026-09-30T23:30:00'), service: 'voice', callType: 'local', direction: 'outgoing', seconds: 30, kb: 0, charge: 999 },
  { sub: 's5', startedAt: at('2026-10-01T00:05:00'), service: 'sms', callType: 'sms', direction: 'outgoing', seconds: 0, kb: 0, charge: 10 },
];
const bills: RawBill[] = [
  { customer: 'c1', serial: 1, month: MONTH, total: 500 },
  { customer: 'c1', serial: 2, month: MONTH, total: 1500 },
  { customer: 'c2', serial: 1, month: MONTH, total: 0 },
  { customer: 'c3', serial: 1, month: MONTH, total: 1_200_000 },
  { customer: 'c2', serial: 1, month: '2026-09-01', total: 777 },
];

const sortRows = (rows: FactRow[]): FactRow[] => [...rows].sort((a, b) => (JSON.stringify(a.dims) < JSON.stringify(b.dims) ? -1 : 1));
const inMonth = (d: Date | null): boolean => !!d && d >= monthStart && d < monthEnd;
const hourIn = (d: Date): number => Number(new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' }).format(d));

describe('Billing fact producers (city DB)', () => {
  let city: RunningNode;
  const ids = new Map<string, string>();
  const accounts = new Map<string, string>();

  beforeAll(async () => {
    city = await startSingleCity();
    const q = (sql: string, params: unknown[]) => city.dataSource.query(sql, params);
    for (const c of customers) {
      const [row] = await q(
        `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at, deleted_at)
         VALUES ('測試', $1, $2, '13900000000', 'passport', $3, 'v1:x', 'P****', $4, $5) RETURNING id`,
        [c.type, c.district, randomBytes(32).toString('hex'), c.createdAt, c.deletedAt],
      );
      ids.set(c.key, row.id);
    }
    for (const p of products) {
      await q(`INSERT INTO product (code, name, category, monthly_fee_fen) VALUES ($1, $1, 'mobile', $2)`, [p.code, p.fee]);
      for (const pl of p.plans) await q(`INSERT INTO price_plan (code, product_code, name, monthly_fee_fen, valid_from) VALUES ($1, $2, $1, $3, '2020-01-01')`, [pl.code, p.code, pl.fee]);
    }
    for (const s of subs) {
      const [row] = await q(
        `INSERT INTO subscription (customer_id, product_code, price_plan_code, service_number, status, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [ids.get(s.customer), s.product, s.plan, `1890000${s.key}`, s.endedAt ? 'terminated' : 'active', s.startedAt, s.endedAt],
      );
      ids.set(s.key, row.id);
    }
    let n = 0;
    for (const u of usage) {
      const sub = subs.find((s) => s.key === u.sub)!;
      await q(
        `INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, duration_seconds, volume_kb, call_type, direction, service, charge_fen)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [`U-${++n}`, ids.get(u.sub), ids.get(sub.customer), u.startedAt, u.seconds, u.kb, u.callType, u.direction, u.service, u.charge],
      );
    }
    for (const b of bills) {
      const key = `${b.customer}/${b.serial}`;
      if (!accounts.has(key)) {
        const [acc] = await q(`INSERT INTO account (account_number, serial, customer_id) VALUES ($1, $2, $3) RETURNING id`, [`FA${randomBytes(6).toString('hex')}`, b.serial, ids.get(b.customer)]);
        accounts.set(key, acc.id);
      }
      await q(`INSERT INTO bill (billing_month, account_id, customer_id, total_fen, due_date) VALUES ($1, $2, $3, $4, $1::date + 40)`, [b.month, accounts.get(key), ids.get(b.customer), b.total]);
    }
  }, 120_000);
  afterAll(() => city?.close());

  it('subscriptions_by_plan_district: subscriptions, usage and rated revenue per product, plan and district', async () => {
    const rows = await new SubscriptionRevenueFactsProducer().compute(city.dataSource.manager, { period: MONTH, timezone: TZ });
    const groups = new Map<string, FactRow>();
    for (const s of subs.filter((x) => x.startedAt < monthEnd && (!x.endedAt || x.endedAt >= monthStart))) {
      const c = customers.find((x) => x.key === s.customer)!;
      const p = products.find((x) => x.code === s.product)!;
      const fee = s.plan ? p.plans.find((pl) => pl.code === s.plan)!.fee : p.fee;
      const dims = { product: s.product, price_plan: s.plan ?? '-', district: c.district };
      const k = JSON.stringify(dims);
      const g = groups.get(k) ?? { dims, measures: { active_subscriptions: 0, new_subscriptions: 0, terminated_subscriptions: 0, billed_subscriptions: 0, monthly_fee_fen: 0, usage_records: 0, usage_charge_fen: 0, revenue_fen: 0 } };
      const u = usage.filter((x) => x.sub === s.key && x.startedAt >= monthStart && x.startedAt < monthEnd);
      g.measures.active_subscriptions += !s.endedAt || s.endedAt >= monthEnd ? 1 : 0;
      g.measures.new_subscriptions += inMonth(s.startedAt) ? 1 : 0;
      g.measures.terminated_subscriptions += inMonth(s.endedAt) ? 1 : 0;
      g.measures.billed_subscriptions += 1;
      g.measures.monthly_fee_fen += fee;
      g.measures.usage_records += u.length;
      g.measures.usage_charge_fen += u.reduce((sum, x) => sum + x.charge, 0);
      g.measures.revenue_fen += fee + u.reduce((sum, x) => sum + x.charge, 0);
      groups.set(k, g);
    }
    expect(sortRows(rows)).toEqual(sortRows([...groups.values()]));
    // spot check: FA-MOB-39 in 440106 is s3 (terminated in October): fee 3900 + usage 300
    expect(rows.find((r) => r.dims.price_plan === 'FA-MOB-39' && r.dims.district === '440106')!.measures).toMatchObject({ active_subscriptions: 0, terminated_subscriptions: 1, revenue_fen: 4200 });
  });

  it('usage_patterns: usage by service, call type, direction and time band (city time zone)', async () => {
    const rows = await new UsagePatternFactsProducer().compute(city.dataSource.manager, { period: MONTH, timezone: TZ });
    const groups = new Map<string, FactRow>();
    for (const u of usage.filter((x) => x.startedAt >= monthStart && x.startedAt < monthEnd)) {
      const h = hourIn(u.startedAt);
      const band = h < 6 ? '00_06' : h < 12 ? '06_12' : h < 18 ? '12_18' : '18_24';
      const dims = { service: u.service, call_type: u.callType, direction: u.direction, time_band: band };
      const k = JSON.stringify(dims);
      const g = groups.get(k) ?? { dims, measures: { records: 0, duration_seconds: 0, volume_kb: 0, charge_fen: 0 } };
      g.measures.records += 1;
      g.measures.duration_seconds += u.seconds;
      g.measures.volume_kb += u.kb;
      g.measures.charge_fen += u.charge;
      groups.set(k, g);
    }
    expect(sortRows(rows)).toEqual(sortRows([...groups.values()]));
  });

  it('customer_revenue_bands: customers and billed fen per band of the month\'s bills and segment', async () => {
    const rows = await new CustomerRevenueBandFactsProducer().compute(city.dataSource.manager, { period: MONTH, timezone: TZ });
    const perCustomer = new Map<string, number>();
    for (const b of bills.filter((x) => x.month === MONTH)) perCustomer.set(b.customer, (perCustomer.get(b.customer) ?? 0) + b.total);
    const groups = new Map<string, FactRow>();
    for (const [key, total] of perCustomer) {
      const band = CUSTOMER_REVENUE_BANDS_FEN.find(([min, max]) => total >= min && (max === null || total <= max))!;
      const dims = { band: revenueBandKey(band), segment: customers.find((c) => c.key === key)!.type };
      const k = JSON.stringify(dims);
      const g = groups.get(k) ?? { dims, measures: { customers: 0, revenue_fen: 0 } };
      g.measures.customers += 1;
      g.measures.revenue_fen += total;
      groups.set(k, g);
    }
    expect(sortRows(rows)).toEqual(sortRows([...groups.values()]));
    expect(rows.map((r) => r.dims.band).sort()).toEqual(['0-0', '1000-2999', '1000000+']);
  });

  it('arrears_by_age: live arrears by the customer\'s oldest arrear and recoveries of the month; published from the city', async () => {
    const today = todayIn(TZ);
    const raw = [
      { customer: 'c1', service: 'voice', amount: 300, peak: 300, since: addDays(today, -10), status: 'open', recoveredOn: null },
      { customer: 'c1', service: 'data', amount: 700, peak: 900, since: addDays(today, -100), status: 'in_dunning', recoveredOn: null },
      { customer: 'c2', service: 'voice', amount: 500, peak: 500, since: addDays(today, -200), status: 'open', recoveredOn: null },
      { customer: 'c2', service: 'data', amount: 0, peak: 800, since: addDays(today, -40), status: 'recovered', recoveredOn: today },
      { customer: 'c3', service: 'voice', amount: 0, peak: 650, since: addDays(today, -70), status: 'recovered', recoveredOn: addDays(firstOfMonth(today), -1) },
      { customer: 'c3', service: 'data', amount: 900, peak: 900, since: addDays(today, -5), status: 'written_off', recoveredOn: null },
    ];
    for (const a of raw) {
      await city.dataSource.query(
        `INSERT INTO arrear (account_id, customer_id, service, amount_fen, peak_amount_fen, since, status, recovered_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [accounts.get(`${a.customer}/1`), ids.get(a.customer), a.service, a.amount, a.peak, a.since, a.status, a.recoveredOn],
      );
    }
    const month = firstOfMonth(today);
    const rows = await new ArrearsFactsProducer().compute(city.dataSource.manager, { period: month, timezone: TZ });
    const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    const bucket = (d: number) => (d <= 30 ? '0_30' : d <= 90 ? '31_90' : d <= 180 ? '91_180' : 'over_180');
    const groups = new Map<string, FactRow>();
    const add = (b: string, district: string, m: Partial<Record<string, number>>) => {
      const dims = { age_bucket: b, district };
      const k = JSON.stringify(dims);
      const g: FactRow = groups.get(k) ?? { dims, measures: { customers: 0, arrears: 0, arrears_fen: 0, recovered_arrears: 0, recovered_fen: 0 } };
      for (const [key, val] of Object.entries(m)) g.measures[key] += val!;
      groups.set(k, g);
    };
    for (const c of customers) {
      const live = raw.filter((a) => a.customer === c.key && (a.status === 'open' || a.status === 'in_dunning'));
      if (!live.length) continue;
      const oldest = live.map((a) => a.since).sort()[0];
      add(bucket(days(oldest, today)), c.district, { customers: 1, arrears: live.length, arrears_fen: live.reduce((s, a) => s + a.amount, 0) });
    }
    for (const a of raw.filter((x) => x.status === 'recovered' && x.recoveredOn! >= month)) {
      add(bucket(days(a.since, a.recoveredOn!)), customers.find((c) => c.key === a.customer)!.district, { recovered_arrears: 1, recovered_fen: a.peak });
    }
    expect(sortRows(rows)).toEqual(sortRows([...groups.values()]));

    // registered as producers: a publication of the city puts the new fact sets in its own fact store
    const token = await tokenFor(city.url, 'admin');
    const res = await request(city.url).post('/api/v1/federation/publish').auth(token, { type: 'bearer' }).send({ from: '2026-10-01', to: '2026-10-31' }).expect(200);
    const sets = new Set(res.body.published.map((p: { metricSet: string }) => p.metricSet));
    for (const s of ['subscriptions_by_plan_district', 'usage_patterns', 'customer_revenue_bands', 'product_holders', 'product_pairs']) expect(sets).toContain(s);
    const [{ n }] = await city.dataSource.query(`SELECT count(*)::int AS n FROM fact WHERE metric_set = 'usage_patterns' AND origin_node = '440100' AND period = '2026-10-01'`);
    expect(n).toBeGreaterThan(0);
  });
});
