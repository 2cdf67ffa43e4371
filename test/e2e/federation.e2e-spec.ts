import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { addDays, contentHash, FACT_SET_BY_NAME, FACT_SETS, FactBatchDto, FactRow, INBOX_PATH, signNodeRequest, todayIn } from '@crm/federation';
import { RunningNode, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

const TZ = 'Asia/Shanghai';
const METRIC = FACT_SETS.customersBySegmentDistrict.name;
const SEGMENTS = ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'];

interface RawCustomer {
  type: string;
  district: string;
  createdAt: Date;
  deletedAt: Date | null;
}

/** Start of a Shanghai calendar day as an instant. */
const dayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** What the facts must say, computed from the raw rows independently of the product's SQL. */
function expected(rows: RawCustomer[], day: string, filter: (r: RawCustomer) => boolean = () => true) {
  const s = dayStart(day).getTime();
  const e = s + 86_400_000;
  const inScope = rows.filter(filter);
  return {
    customers: inScope.filter((r) => r.createdAt.getTime() < e && (!r.deletedAt || r.deletedAt.getTime() >= e)).length,
    newCustomers: inScope.filter((r) => r.createdAt.getTime() >= s && r.createdAt.getTime() < e).length,
    lostCustomers: inScope.filter((r) => r.deletedAt && r.deletedAt.getTime() >= s && r.deletedAt.getTime() < e).length,
  };
}

async function insertCustomers(node: RunningNode, rows: RawCustomer[]): Promise<void> {
  for (const r of rows) {
    await node.dataSource.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at, deleted_at)
       VALUES ('测试', $1, $2, '13900000000', 'passport', $3, 'v1:x', 'P****', $4, $5)`,
      [r.type, r.district, randomBytes(32).toString('hex'), r.createdAt, r.deletedAt],
    );
  }
}

/** Random customers created over the last `days` days, some of them closed since. */
function randomCustomers(n: number, districts: string[], days: number, now = Date.now()): RawCustomer[] {
  return Array.from({ length: n }, (_, i) => {
    const createdAt = new Date(now - Math.floor(Math.random() * days * 86_400_000) - 60_000);
    const deletedAt = i % 7 === 0 ? new Date(createdAt.getTime() + Math.floor(Math.random() * (now - createdAt.getTime() - 1000))) : null;
    return { type: SEGMENTS[i % SEGMENTS.length], district: districts[i % districts.length], createdAt, deletedAt };
  });
}

describe('Federation: city → province → HQ', () => {
  let fed: Federation;
  const raw = new Map<string, RawCustomer[]>();
  const tokens = new Map<string, string>();
  const today = todayIn(TZ);
  const days = [addDays(today, -2), addDays(today, -1), today];

  const analytics = (node: RunningNode, query: Record<string, string>) =>
    request(node.url).get('/api/v1/analytics/customers').query(query).auth(tokens.get(node.config.node.code)!, { type: 'bearer' });

  const hqTotalsFor = async (day: string) => (await analytics(fed.hq, { date: day }).expect(200)).body;

  const signed = (target: RunningNode, from: string, body: unknown, keyOf = from, overrideBody?: string) => {
    const text = overrideBody ?? JSON.stringify(body);
    const headers = signNodeRequest({ method: 'POST', path: INBOX_PATH, body: text, sourceNode: from, targetNode: target.config.node.code }, fed.keys.get(keyOf)!.privateKeyPem);
    return { headers, text, send: () => request(target.url).post(INBOX_PATH).set(headers).set('content-type', 'application/json').send(text) };
  };

  const craftBatch = (origin: string, source: string, period: string, version: string, rows: FactRow[]): FactBatchDto => ({
    sourceNode: source,
    originNode: origin,
    metricSet: METRIC,
    periodType: 'day',
    period,
    version,
    producedAt: new Date().toISOString(),
    contentHash: contentHash(rows),
    rows,
  });

  beforeAll(async () => {
    fed = await startFederation();
    for (const node of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(node.config.node.code, await tokenFor(node.url, 'admin'));
    raw.set('440100', randomCustomers(80, ['440103', '440106'], 4));
    raw.set('440300', randomCustomers(60, ['440304', '440305'], 4));
    await insertCustomers(fed.gz, raw.get('440100')!);
    await insertCustomers(fed.sz, raw.get('440300')!);
  }, 120_000);
  afterAll(() => fed?.close());

  it('HQ totals equal the sum of the cities\' raw data, with drill-down to province, city, segment and district', async () => {
    for (const city of [fed.gz, fed.sz]) {
      const res = await request(city.url).post('/api/v1/federation/publish').auth(tokens.get(city.config.node.code)!, { type: 'bearer' }).send({ from: days[0], to: today }).expect(200);
      // one new slice per day of this fact set (other day fact sets publish their own)
      expect(res.body.published.filter((p: { metricSet: string }) => p.metricSet === METRIC)).toHaveLength(days.length);
    }
    await waitFor(async () => {
      const [{ n }] = await fed.hq.dataSource.query(`SELECT count(*)::int AS n FROM fact_slice WHERE version > 0 AND period >= $1 AND metric_set = $2`, [days[0], METRIC]);
      return n === 6;
    }, 'HQ to hold 2 cities × 3 days');

    const all = [...raw.get('440100')!, ...raw.get('440300')!];
    for (const day of days) {
      const national = await hqTotalsFor(day);
      expect(national.totals).toEqual(expected(all, day));
      expect(national.groupBy).toBe('province');
      expect(national.breakdown).toEqual([{ key: '440000', name: '广东', ...expected(all, day) }]);
      expect(national.freshness.map((f: { originNode: string }) => f.originNode)).toEqual(['440100', '440300']);
      expect(national.missing).toEqual([]);

      const byCity = (await analytics(fed.hq, { date: day, province: '440000' }).expect(200)).body;
      const cities = Object.fromEntries(byCity.breakdown.map((b: { key: string }) => [b.key, b]));
      expect(cities['440100']).toMatchObject(expected(raw.get('440100')!, day));
      expect(cities['440300']).toMatchObject(expected(raw.get('440300')!, day));

      const bySegment = (await analytics(fed.hq, { date: day, city: '440100', groupBy: 'segment' }).expect(200)).body;
      for (const segment of SEGMENTS) {
        const row = bySegment.breakdown.find((b: { key: string }) => b.key === segment);
        const want = expected(raw.get('440100')!, day, (r) => r.type === segment);
        if (want.customers + want.newCustomers + want.lostCustomers === 0) expect(row).toBeUndefined();
        else expect(row).toMatchObject(want);
      }
      const byDistrict = (await analytics(fed.gd, { date: day, city: '440300', groupBy: 'district' }).expect(200)).body;
      expect(byDistrict.breakdown.find((b: { key: string }) => b.key === '440305')).toMatchObject(expected(raw.get('440300')!, day, (r) => r.district === '440305'));
      const cityOwn = (await analytics(fed.sz, { date: day }).expect(200)).body;
      expect(cityOwn.totals).toEqual(expected(raw.get('440300')!, day));
    }
    // the province answers only for itself
    await analytics(fed.gd, { province: '320000' }).expect(403);
  });

  it('delivering the same batch twice changes nothing', async () => {
    const before = await hqTotalsFor(today);
    const inboxBefore = (await fed.gd.dataSource.query(`SELECT count(*)::int AS n FROM inbox_batch`))[0].n;
    const [sent] = await fed.gz.dataSource.query(`SELECT payload FROM outbox_batch WHERE period = $1 AND status = 'delivered' ORDER BY created_at DESC LIMIT 1`, [today]);
    const again = await signed(fed.gd, '440100', sent.payload).send().expect(202);
    expect(again.body.status).toBe('duplicate');
    const [forwarded] = await fed.gd.dataSource.query(`SELECT payload FROM outbox_batch WHERE period = $1 AND origin_node = '440100' ORDER BY created_at DESC LIMIT 1`, [today]);
    expect((await signed(fed.hq, '440000', forwarded.payload).send().expect(202)).body.status).toBe('duplicate');
    // and a republish with no change sends nothing new
    const republish = await request(fed.gz.url).post('/api/v1/federation/publish').auth(tokens.get('440100')!, { type: 'bearer' }).send({ from: days[0], to: today }).expect(200);
    expect(republish.body.published).toEqual([]);
    expect(republish.body.unchanged).toBeGreaterThanOrEqual(days.length);
    await new Promise((r) => setTimeout(r, 500));
    expect((await fed.gd.dataSource.query(`SELECT count(*)::int AS n FROM inbox_batch`))[0].n).toBe(inboxBefore);
    expect(await hqTotalsFor(today)).toEqual(before);
  });

  it('an older version never overwrites a newer one, whatever the arrival order', async () => {
    const before = await hqTotalsFor(today);
    const [{ version }] = await fed.gd.dataSource.query(`SELECT version::text AS version FROM fact_slice WHERE origin_node = '440100' AND period = $1 AND metric_set = $2`, [today, METRIC]);
    const bogus: FactRow[] = [{ dims: { segment: 'public_residential', district: '440106' }, measures: { customers: 999_999, new_customers: 0, lost_customers: 0 } }];
    const stale = craftBatch('440100', '440100', today, String(BigInt(version) - 1n), bogus);
    await signed(fed.gd, '440100', stale).send().expect(202);
    await waitFor(async () => (await fed.gd.dataSource.query(`SELECT outcome FROM inbox_batch WHERE version = $1 AND period = $2 AND source_node = '440100'`, [stale.version, today]))[0]?.outcome === 'stale', 'stale outcome');
    expect(await hqTotalsFor(today)).toEqual(before);

    // reordering on a past day: v+100 arrives, then v+50; the province and HQ keep v+100
    const day = addDays(today, -10);
    const newer = craftBatch('440100', '440100', day, String(BigInt(version) + 100n), [{ dims: { segment: 'public_unit', district: '440103' }, measures: { customers: 7, new_customers: 1, lost_customers: 0 } }]);
    const older = craftBatch('440100', '440100', day, String(BigInt(version) + 50n), [{ dims: { segment: 'public_unit', district: '440103' }, measures: { customers: 5, new_customers: 0, lost_customers: 0 } }]);
    await signed(fed.gd, '440100', newer).send().expect(202);
    await signed(fed.gd, '440100', older).send().expect(202);
    await waitFor(async () => (await fed.gd.dataSource.query(`SELECT count(*)::int AS n FROM inbox_batch WHERE period = $1 AND applied_at IS NOT NULL`, [day]))[0].n === 2, 'both applied at the province');
    await waitFor(async () => (await hqTotalsFor(day)).totals.customers === 7, 'HQ to hold v+100');
    await new Promise((r) => setTimeout(r, 300));
    expect((await hqTotalsFor(day)).totals).toEqual({ customers: 7, newCustomers: 1, lostCustomers: 0 });
    expect((await analytics(fed.gd, { date: day }).expect(200)).body.totals.customers).toBe(7);
  });

  it('a batch sent while the parent is down arrives after it comes back', async () => {
    const before = (await hqTotalsFor(today)).totals.customers;
    await fed.gd.stopHttp();
    const extra = randomCustomers(7, ['440106'], 0.001);
    extra.forEach((c) => (c.deletedAt = null));
    await insertCustomers(fed.gz, extra);
    raw.get('440100')!.push(...extra);
    const res = await request(fed.gz.url).post('/api/v1/federation/publish').auth(tokens.get('440100')!, { type: 'bearer' }).send({ from: today, to: today }).expect(200);
    const mine = res.body.published.filter((p: { metricSet: string }) => p.metricSet === METRIC);
    expect(mine).toHaveLength(1);
    const key = mine[0].batchKey;
    await waitFor(async () => (await fed.gz.dataSource.query(`SELECT attempts FROM outbox_batch WHERE batch_key = $1`, [key]))[0].attempts >= 2, 'failed delivery attempts');
    const [pending] = await fed.gz.dataSource.query(`SELECT status, last_error FROM outbox_batch WHERE batch_key = $1`, [key]);
    expect(pending.status).toBe('pending');
    expect(pending.last_error).toMatch(/unreachable/);
    expect((await hqTotalsFor(today)).totals.customers).toBe(before);

    await fed.gd.startHttp();
    await waitFor(async () => (await hqTotalsFor(today)).totals.customers === before + 7, 'HQ to catch up', 60_000, 200);
    const all = [...raw.get('440100')!, ...raw.get('440300')!];
    expect((await hqTotalsFor(today)).totals).toEqual(expected(all, today));
    const [delivered] = await fed.gz.dataSource.query(`SELECT status FROM outbox_batch WHERE batch_key = $1`, [key]);
    expect(delivered.status).toBe('delivered');
  });

  it('refuses and logs bad signatures, replays, impersonation and requests from non-children', async () => {
    // only the fact set of the crafted batches: other (month) fact sets may still be arriving from the previous test
    const facts = async () => (await fed.hq.dataSource.query(`SELECT count(*)::int AS n, coalesce(sum((measures->>'customers')::int), 0)::int AS s FROM fact WHERE metric_set = $1`, [METRIC]))[0];
    const before = await facts();
    const rows: FactRow[] = [{ dims: { segment: 'public_residential', district: '440106' }, measures: { customers: 1, new_customers: 0, lost_customers: 0 } }];
    const day = addDays(today, -20);

    // signed with Shenzhen's key while claiming to be Guangzhou
    const forged = await signed(fed.gd, '440100', craftBatch('440100', '440100', day, '900', rows), '440300').send().expect(401);
    expect(forged.body.code).toBe('NODE_SIGNATURE_INVALID');
    // body altered after signing
    const req = signed(fed.gd, '440100', craftBatch('440100', '440100', day, '901', rows));
    await request(fed.gd.url).post(INBOX_PATH).set(req.headers).set('content-type', 'application/json').send(req.text.replace('"901"', '"902"')).expect(401);
    // a valid request replayed
    const once = signed(fed.gd, '440100', craftBatch('440100', '440100', day, '903', rows));
    await once.send().expect(202);
    const replay = await once.send().expect(401);
    expect(replay.body.code).toBe('NODE_REQUEST_REPLAYED');
    // Guangzhou publishing as Shenzhen, and Shenzhen publishing Guangzhou's data
    expect((await signed(fed.gd, '440100', craftBatch('440300', '440300', day, '904', rows)).send().expect(403)).body.code).toBe('NODE_NOT_AUTHORIZED');
    await signed(fed.gd, '440300', craftBatch('440100', '440300', day, '905', rows)).send().expect(403);
    // a city skipping its province, and a province publishing a city of another province
    await signed(fed.hq, '440100', craftBatch('440100', '440100', day, '906', rows)).send().expect(403);
    await signed(fed.hq, '440000', craftBatch('320100', '440000', day, '907', rows)).send().expect(403);
    // unsigned
    await request(fed.gd.url).post(INBOX_PATH).send(craftBatch('440100', '440100', day, '908', rows)).expect(401);

    const reasons = async (node: RunningNode) => (await node.dataSource.query(`SELECT reason FROM federation_security_event`)).map((r: { reason: string }) => r.reason);
    expect(await reasons(fed.gd)).toEqual(expect.arrayContaining(['bad-signature', 'replayed', 'impersonation', 'missing-headers']));
    expect(await reasons(fed.hq)).toEqual(expect.arrayContaining(['not-a-child', 'impersonation']));
    await new Promise((r) => setTimeout(r, 500));
    // only the one legitimate batch (903) reached HQ
    await waitFor(async () => (await facts()).n === before.n + 1, 'the legitimate batch at HQ');
    expect((await facts()).s).toBe(before.s + 1);
  });

  it('a parent lists its children with their last batch and lag', async () => {
    const res = await request(fed.gd.url).get('/api/v1/federation/children').auth(tokens.get('440000')!, { type: 'bearer' }).expect(200);
    expect(res.body.node).toBe('440000');
    expect(res.body.children.map((c: { code: string }) => c.code).sort()).toEqual(['440100', '440300']);
    for (const child of res.body.children) {
      expect(child.batchesReceived).toBeGreaterThan(0);
      expect(FACT_SET_BY_NAME.has(child.lastBatch.metricSet)).toBe(true);
      expect(typeof child.lagSeconds).toBe('number');
      expect(child.status).toBe('ok');
    }
    const hq = await request(fed.hq.url).get('/api/v1/federation/children').auth(tokens.get('000000')!, { type: 'bearer' }).expect(200);
    expect(hq.body.children).toEqual([expect.objectContaining({ code: '440000', tier: 'province', pendingApply: 0 })]);
    await request(fed.hq.url).post('/api/v1/federation/publish').auth(tokens.get('000000')!, { type: 'bearer' }).send({}).expect(409);

    const figures = await Promise.all([fed.gz, fed.sz, fed.gd].map(async (n) => (await n.dataSource.query(`SELECT count(*)::int AS batches, coalesce(sum(row_count), 0)::int AS rows FROM outbox_batch WHERE status = 'delivered'`))[0]));
    process.stdout.write(`federation figures: delivered city→province ${figures[0].batches + figures[1].batches} batches / ${figures[0].rows + figures[1].rows} rows; province→HQ ${figures[2].batches} batches / ${figures[2].rows} rows\n`);
    expect(figures[2].batches).toBeGreaterThan(0);
  });
});

