import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { addDays, firstOfMonth, todayIn } from '@crm/federation';
import { RunningNode, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

const TZ = 'Asia/Shanghai';

/**
 * Back-fill and correction (issue 7 item 6): a city republishes a past period after late data
 * (e.g. a late feed) and every tier's figures for that period converge to the corrected values.
 */
describe('Back-fill: a past period republished by a city converges at every tier', () => {
  let fed: Federation;
  const tokens = new Map<string, string>();
  const token = (n: RunningNode) => tokens.get(n.config.node.code)!;
  const today = todayIn(TZ);
  const pastDay = addDays(today, -5);
  const lastMonth = firstOfMonth(addDays(firstOfMonth(today), -1));
  let seq = 0;

  beforeAll(async () => {
    fed = await startFederation();
    for (const n of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(n.config.node.code, await tokenFor(n.url, 'admin'));
  }, 120_000);
  afterAll(() => fed?.close());

  /** A customer created `daysAgo` days ago (noon, city time). */
  async function customer(city: RunningNode, district: string, day: string): Promise<string> {
    seq += 1;
    const [row] = await city.dataSource.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at)
       VALUES ($1, 'public_residential', $2, '13900000000', 'passport', $3, 'v1:x', 'P****', ($4::date + time '12:00') AT TIME ZONE $5)
       RETURNING id`,
      [`補錄${seq}`, district, randomBytes(32).toString('hex'), day, TZ],
    );
    return row.id as string;
  }

  async function churnRecord(city: RunningNode, customerId: string, type: string, period: string): Promise<void> {
    await city.dataSource.query(
      `INSERT INTO churn_record (customer_id, type, reason, detected_by, detected_at, period, created_by) VALUES ($1, $2, '補錄 late record', 'manual', now(), $3::date, 'test')`,
      [customerId, type, period],
    );
  }

  const publish = (city: RunningNode, from: string, to: string) =>
    request(city.url).post('/api/v1/federation/publish').auth(token(city), { type: 'bearer' }).send({ from, to }).expect(200);

  const customersOn = async (n: RunningNode, day: string, q: Record<string, string> = {}): Promise<number> =>
    (await request(n.url).get('/api/v1/analytics/customers').query({ date: day, ...q }).auth(token(n), { type: 'bearer' }).expect(200)).body.totals.newCustomers;

  const churnIn = async (n: RunningNode, month: string, q: Record<string, string> = {}): Promise<number> =>
    (await request(n.url).get('/api/v1/analytics/facts/churn_by_type').query({ period: month.slice(0, 7), ...q }).auth(token(n), { type: 'bearer' }).expect(200)).body.totals.measures.records ?? 0;

  it('late customers of a past day: republishing that day corrects the province and HQ', async () => {
    for (let i = 0; i < 3; i++) await customer(fed.gz, '440106', pastDay);
    for (let i = 0; i < 2; i++) await customer(fed.sz, '440304', pastDay);
    await publish(fed.gz, pastDay, pastDay);
    await publish(fed.sz, pastDay, pastDay);
    await waitFor(async () => (await customersOn(fed.hq, pastDay)) === 5, 'HQ to count 5 new customers on the past day');

    // a late feed: 4 more customers of that day in Guangzhou
    for (let i = 0; i < 4; i++) await customer(fed.gz, '440103', pastDay);
    const res = await publish(fed.gz, pastDay, pastDay);
    expect(res.body.published.map((p: { metricSet: string; period: string }) => `${p.metricSet}@${p.period}`)).toContain(`customers_by_segment_district@${pastDay}`);
    await waitFor(async () => (await customersOn(fed.hq, pastDay)) === 9, 'HQ to converge to 9');
    expect(await customersOn(fed.gd, pastDay)).toBe(9);
    expect(await customersOn(fed.hq, pastDay, { city: '440100' })).toBe(7);
    expect(await customersOn(fed.gz, pastDay)).toBe(7);
    // the other days are untouched
    expect(await customersOn(fed.hq, addDays(pastDay, -1))).toBe(0);
  });

  it('late churn records of last month: republishing that month corrects every tier, and a second republish changes nothing', async () => {
    const a = await customer(fed.gz, '440106', addDays(lastMonth, 2));
    const b = await customer(fed.sz, '440304', addDays(lastMonth, 2));
    await churnRecord(fed.gz, a, 'competitor', lastMonth);
    await churnRecord(fed.sz, b, 'relocation', lastMonth);
    await publish(fed.gz, lastMonth, lastMonth);
    await publish(fed.sz, lastMonth, lastMonth);
    await waitFor(async () => (await churnIn(fed.hq, lastMonth)) === 2, 'HQ to hold 2 churn records for last month');

    // corrected: two more records found late in Shenzhen
    for (const type of ['disconnection', 'usage_drop']) await churnRecord(fed.sz, await customer(fed.sz, '440305', addDays(lastMonth, 3)), type, lastMonth);
    await publish(fed.sz, lastMonth, lastMonth);
    await waitFor(async () => (await churnIn(fed.hq, lastMonth)) === 4, 'HQ to converge to 4');
    expect(await churnIn(fed.gd, lastMonth)).toBe(4);
    expect(await churnIn(fed.hq, lastMonth, { city: '440300' })).toBe(3);

    const again = await publish(fed.sz, lastMonth, lastMonth);
    expect(again.body.published).toEqual([]);
    const [{ versions }] = await fed.hq.dataSource.query(
      `SELECT count(*)::int AS versions FROM inbox_batch WHERE origin_node = '440300' AND metric_set = 'churn_by_type' AND period = $1`,
      [lastMonth],
    );
    expect(versions).toBe(2); // the first publication and the correction, nothing more
  });
});
