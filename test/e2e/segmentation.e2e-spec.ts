import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { accountInput, billInput, cityMonth, customerInput, insertTestSubscription, residentId, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1960, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId('440106', birth) });
}

type Seg = { dimension: string; segment: string; source: string; reason: Record<string, unknown> };

describe('City segmentation API (客戶分類, /api/v1/segments, /customers/:id/segments)', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let sales: string;
  let service: string;
  let analyst: string;
  const period = cityMonth(0);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, market, sales, service, analyst] = await Promise.all(['admin', 'market', 'sales', 'service', 'analyst'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);

  /** A customer created through the API, with `lines` active subscriptions and one bill of `billedFen` last month (when > 0). */
  async function customer(billedFen: number, lines: number, overrides: Record<string, unknown> = {}): Promise<string> {
    const c = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput(overrides)).expect(201);
    for (let i = 0; i < lines; i++) await insertTestSubscription(node.dataSource, c.body.id);
    if (billedFen > 0) {
      const a = await api().post('/api/v1/accounts').auth(admin, { type: 'bearer' }).send(accountInput(c.body.id)).expect(201);
      const month = cityMonth(-1);
      await api()
        .post('/api/v1/bills')
        .auth(service, { type: 'bearer' })
        .send(billInput(a.body.id, month, { items: [{ itemType: 'monthly_fee', service: 'voice', amountFen: billedFen }] }))
        .expect(201);
    }
    return c.body.id as string;
  }
  const segmentsOf = async (id: string, q: Record<string, string> = {}): Promise<Record<string, Seg>> => {
    const res = await api().get(`/api/v1/customers/${id}/segments`).query(q).auth(market, { type: 'bearer' }).expect(200);
    return Object.fromEntries((res.body.items as Seg[]).map((s) => [s.dimension, s]));
  };

  it('builds customers at each value threshold, relationship class and score band', async () => {
    // default config: important ≥ 1,000,000 fen, high ≥ 300,000, ordinary ≥ 60,000; cost = 12,000 + 18,000 × active subscriptions
    ids.important = await customer(1_000_000, 1);
    ids.high = await customer(999_999, 1);
    ids.highLow = await customer(300_000, 1);
    ids.ordinary = await customer(60_000, 1);
    ids.mustKeep = await customer(30_001, 1); // 59,999 would also be; just above the cost of 30,000
    ids.mayLose = await customer(30_000, 1); // exactly the cost: not above it
    ids.potential = await customer(0, 0);
    ids.keyAccount = await customer(0, 0, { customerType: 'key_individual' });
    ids.competitor = await customer(0, 0);
    ids.closed = await customer(0, 0);
    await api().delete(`/api/v1/customers/${ids.closed}`).auth(admin, { type: 'bearer' }).expect(204);

    await api().put(`/api/v1/customers/${ids.high}/scores/credit`).auth(service, { type: 'bearer' }).send({ score: 80, reason: '初始化' }).expect(200);
    await api().put(`/api/v1/customers/${ids.high}/scores/satisfaction`).auth(service, { type: 'bearer' }).send({ score: 95, reason: '初始化' }).expect(200);
    await api().put(`/api/v1/customers/${ids.mayLose}/scores/credit`).auth(service, { type: 'bearer' }).send({ score: 49.99, reason: '初始化' }).expect(200);
    await api().put(`/api/v1/customers/${ids.mayLose}/scores/loyalty`).auth(service, { type: 'bearer' }).send({ score: 40, reason: '初始化', period: cityMonth(-1) }).expect(200);
  });

  it('assigns a relationship by hand (competitor), audited', async () => {
    const res = await api()
      .put(`/api/v1/customers/${ids.competitor}/segments/relationship`)
      .auth(service, { type: 'bearer' })
      .send({ segment: 'competitor', reason: '主號碼在競爭對手網內' })
      .expect(200);
    expect(res.body).toMatchObject({ customerId: ids.competitor, dimension: 'relationship', period, segment: 'competitor', label: '競爭對手客戶', source: 'manual', reason: { note: '主號碼在競爭對手網內' }, computedBy: 'service' });
    const audits = await node.dataSource.query(`SELECT action, actor_username, new_values FROM audit_log WHERE entity_type = 'customer_segment' AND entity_id = $1`, [ids.competitor]);
    expect(audits).toEqual([expect.objectContaining({ action: 'create', actor_username: 'service', new_values: expect.objectContaining({ segment: 'competitor', reason: '主號碼在競爭對手網內' }) })]);
  });

  it('recomputes every customer of the city: one segment per dimension, manual kept; a second run changes nothing', async () => {
    const first = await api().post('/api/v1/segments/recompute').auth(service, { type: 'bearer' }).send({}).expect(200);
    // 10 individuals × 9 dimensions − the value and behaviour of the closed customer = 88 rows, one of them manual
    expect(first.body).toMatchObject({ period, customers: 10, written: 87, keptManual: 1, removed: 0, unchanged: 0, batches: 1 });

    const high = await segmentsOf(ids.high);
    expect(Object.keys(high).sort()).toEqual(['attribute', 'behaviour', 'credit', 'demographic', 'geography', 'loyalty', 'relationship', 'satisfaction', 'value']);
    expect(high).toMatchObject({
      attribute: { segment: 'public_residential' },
      relationship: { segment: 'current', reason: { closed: false, activeSubscriptions: 1 } },
      value: { segment: 'high_value', reason: { annualBilledFen: 999_999, costFen: 30_000, activeSubscriptions: 1, keyAccount: false } },
      credit: { segment: 'red', reason: { score: 80, band: 'red', scorePeriod: period } },
      satisfaction: { segment: 'very_satisfied' },
      loyalty: { segment: 'none', reason: { scored: false } },
    });
    expect((await segmentsOf(ids.important)).value.segment).toBe('important');
    expect((await segmentsOf(ids.highLow)).value.segment).toBe('high_value');
    expect((await segmentsOf(ids.ordinary)).value.segment).toBe('ordinary');
    expect((await segmentsOf(ids.mustKeep)).value).toMatchObject({ segment: 'low_value_must_keep', reason: { annualBilledFen: 30_001, costFen: 30_000 } });
    const mayLose = await segmentsOf(ids.mayLose);
    expect(mayLose).toMatchObject({ value: { segment: 'low_value_may_lose' }, credit: { segment: 'black' }, loyalty: { segment: 'disloyal', reason: { scorePeriod: cityMonth(-1) } } });
    expect(await segmentsOf(ids.potential)).toMatchObject({ relationship: { segment: 'potential' }, value: { segment: 'low_value_may_lose', reason: { annualBilledFen: 0, costFen: 12_000 } }, credit: { segment: 'none' } });
    expect(await segmentsOf(ids.keyAccount)).toMatchObject({ attribute: { segment: 'key_individual' }, relationship: { segment: 'potential' }, value: { segment: 'important', reason: { keyAccount: true } } });
    expect((await segmentsOf(ids.competitor)).relationship).toMatchObject({ segment: 'competitor', source: 'manual' });
    const closed = await segmentsOf(ids.closed);
    expect(closed.relationship).toMatchObject({ segment: 'historical', reason: { closed: true } });
    expect(closed.value).toBeUndefined();

    const again = await api().post('/api/v1/segments/recompute').auth(service, { type: 'bearer' }).send({ period }).expect(200);
    expect(again.body).toMatchObject({ customers: 10, written: 0, unchanged: 87, keptManual: 1, removed: 0 });

    // a listed customer whose input changed: a subscription makes the potential customer current
    await insertTestSubscription(node.dataSource, ids.potential);
    const one = await api().post('/api/v1/segments/recompute').auth(service, { type: 'bearer' }).send({ customerIds: [ids.potential] }).expect(200);
    expect(one.body).toMatchObject({ customers: 1, written: 2, unchanged: 7 }); // relationship and value (its cost changed)
    expect((await segmentsOf(ids.potential)).relationship.segment).toBe('current');

    const audits = await node.dataSource.query(`SELECT action, actor_username FROM audit_log WHERE entity_type = 'customer_segment' AND entity_id IS NULL AND action = 'update'`);
    expect(audits).toHaveLength(3);
  });

  it('answers sizes per dimension (zeros included) and per period', async () => {
    const res = await api().get('/api/v1/segments/sizes').query({ dimension: 'value', period }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(res.body.period).toBe(period);
    expect(res.body.dimensions).toHaveLength(1);
    const counts = Object.fromEntries(res.body.dimensions[0].segments.map((s: { segment: string; count: number }) => [s.segment, s.count]));
    expect(counts).toEqual({ important: 2, high_value: 2, ordinary: 1, low_value_must_keep: 1, low_value_may_lose: 3 });
    expect(res.body.dimensions[0].total).toBe(9);

    const all = await api().get('/api/v1/segments/sizes').auth(market, { type: 'bearer' }).expect(200);
    expect(all.body.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual([
      'attribute', 'relationship', 'value', 'credit', 'satisfaction', 'loyalty', 'geography', 'demographic', 'behaviour', 'industry', 'size', 'spend',
    ]);
    const rel = all.body.dimensions[1];
    expect(Object.fromEntries(rel.segments.map((s: { segment: string; count: number }) => [s.segment, s.count]))).toEqual({ current: 7, potential: 1, historical: 1, competitor: 1, interconnected: 0 });
    expect(rel.total).toBe(10);

    const past = await api().get('/api/v1/segments/sizes').query({ period: cityMonth(-1), dimension: 'credit' }).auth(market, { type: 'bearer' }).expect(200);
    expect(past.body.dimensions[0].total).toBe(0);
  });

  it('lists and exports the members of a segment', async () => {
    const page = await api().get('/api/v1/segments/value/important/members').query({ pageSize: 1 }).auth(market, { type: 'bearer' }).expect(200);
    expect(page.body).toMatchObject({ dimension: 'value', segment: 'important', label: '重要客戶', period, total: 2, page: 1, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);
    const both = await api().get('/api/v1/segments/value/important/members').auth(market, { type: 'bearer' }).expect(200);
    expect(both.body.items.map((i: { customerId: string }) => i.customerId).sort()).toEqual([ids.important, ids.keyAccount].sort());
    expect(both.body.items[0]).toMatchObject({ customerName: '測試客戶', districtCode: '440106', former: false, source: 'computed' });

    const historical = await api().get('/api/v1/segments/relationship/historical/members').auth(market, { type: 'bearer' }).expect(200);
    expect(historical.body.items).toEqual([expect.objectContaining({ customerId: ids.closed, former: true })]);

    const csv = await api().get('/api/v1/segments/value/important/members/export').query({ format: 'csv' }).auth(market, { type: 'bearer' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(ids.important);
    expect(csv.text).toContain(ids.keyAccount);
    expect(csv.text).not.toContain(ids.high);
    const html = await api().get('/api/v1/segments/relationship/competitor/members/export').query({ format: 'html' }).auth(market, { type: 'bearer' }).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain(ids.competitor);
    const xlsx = await api().get('/api/v1/segments/credit/red/members/export').query({ format: 'xlsx' }).auth(market, { type: 'bearer' }).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const exports = await node.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'customer_segment' AND action = 'export'`);
    expect(exports[0].n).toBe(3);
  });

  it('refuses bad input (400), unknown customers (404) and roles without score permissions (403)', async () => {
    const bad = (req: request.Test) => req.auth(service, { type: 'bearer' }).expect(400);
    await bad(api().get('/api/v1/segments/colour/red/members'));
    await bad(api().get('/api/v1/segments/value/gold/members'));
    await bad(api().get('/api/v1/segments/value/important/members').query({ period: '2026-13' }));
    await bad(api().get('/api/v1/segments/value/important/members').query({ period: cityMonth(1) }));
    await bad(api().get('/api/v1/segments/value/important/members/export').query({ format: 'pdf' }));
    await bad(api().get('/api/v1/segments/value/gold/members/export').query({ format: 'csv' }));
    await bad(api().get('/api/v1/segments/sizes').query({ dimension: 'colour' }));
    await bad(api().post('/api/v1/segments/recompute').send({ customerIds: [randomUUID()] }));
    await bad(api().post('/api/v1/segments/recompute').send({ customerIds: ['nope'] }));
    await bad(api().post('/api/v1/segments/recompute').send({ period: cityMonth(1) }));
    await bad(api().put(`/api/v1/customers/${ids.potential}/segments/relationship`).send({ segment: 'friend', reason: 'x' }));
    await bad(api().put(`/api/v1/customers/${ids.potential}/segments/relationship`).send({ segment: 'interconnected' }));
    await bad(api().get('/api/v1/customers/not-a-uuid/segments'));

    await api().get(`/api/v1/customers/${randomUUID()}/segments`).auth(market, { type: 'bearer' }).expect(404);
    await api().put(`/api/v1/customers/${randomUUID()}/segments/relationship`).auth(service, { type: 'bearer' }).send({ segment: 'interconnected', reason: '互連互通' }).expect(404);

    await api().get('/api/v1/segments/sizes').auth(sales, { type: 'bearer' }).expect(403);
    await api().get(`/api/v1/customers/${ids.high}/segments`).auth(sales, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/segments/value/important/members/export').query({ format: 'csv' }).auth(sales, { type: 'bearer' }).expect(403);
    await api().post('/api/v1/segments/recompute').auth(analyst, { type: 'bearer' }).send({}).expect(403);
    await api().put(`/api/v1/customers/${ids.high}/segments/relationship`).auth(market, { type: 'bearer' }).send({ segment: 'interconnected', reason: 'x' }).expect(403);
    await api().post('/api/v1/segments/recompute').send({}).expect(401);
  });

  it('carries a manual relationship assignment into later periods', async () => {
    // set last month by hand; recomputing this month carries it forward as computed with its origin
    await api().put(`/api/v1/customers/${ids.ordinary}/segments/relationship`).auth(service, { type: 'bearer' }).send({ segment: 'interconnected', reason: '互連互通', period: cityMonth(-1) }).expect(200);
    await api().post('/api/v1/segments/recompute').auth(service, { type: 'bearer' }).send({ customerIds: [ids.ordinary] }).expect(200);
    expect((await segmentsOf(ids.ordinary, { period })).relationship).toMatchObject({ segment: 'interconnected', source: 'computed', reason: { manualFrom: cityMonth(-1), manual: { note: '互連互通' } } });
    expect((await segmentsOf(ids.ordinary, { period: cityMonth(-1) })).relationship).toMatchObject({ segment: 'interconnected', source: 'manual' });
  });

  it('segments individuals by geography, demographics and behaviour, and units by industry, size and spend', async () => {
    // an individual in 440104, born 1990-07-15 (from the ID number), with 40 usage records this month → medium (30 ≤ n < 300)
    const person = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' })
      .send(customerInput({ districtCode: '440104', gender: 'female', birthDate: '1990-07-15', idNumber: residentId('440104', '19900715') })).expect(201);
    const sub = await insertTestSubscription(node.dataSource, person.body.id);
    await node.dataSource.query(
      `INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, duration_seconds, volume_kb, call_type, direction, service, charge_fen)
       SELECT 'T-SEG-' || $1::text || '-' || g, $2::uuid, $1::uuid, date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' + g * interval '1 second',
              60, 0, 'local', 'outgoing', 'voice', 10
       FROM generate_series(1, 40) g`,
      [person.body.id, sub.id],
    );
    // a unit in industry I with 12 active lines (medium: 10 ≤ n < 100) and 600,000 fen billed (medium: 500,000 ≤ x < 5,000,000)
    const unit = await customer(600_000, 12, { customerType: 'public_unit', idType: 'passport', idNumber: `UNIT${randomUUID().slice(0, 8)}`, industryCode: 'I' });
    const res = await api().post('/api/v1/segments/recompute').auth(service, { type: 'bearer' }).send({ customerIds: [person.body.id, unit] }).expect(200);
    expect(res.body).toMatchObject({ customers: 2, written: 18, unchanged: 0 }); // 9 dimensions each

    const p = await segmentsOf(person.body.id);
    expect(p).toMatchObject({
      geography: { segment: '440104', reason: { districtCode: '440104' } },
      demographic: { segment: expect.stringMatching(/^female_(30_44|45_59)$/), reason: { gender: 'female' } },
      behaviour: { segment: 'medium', reason: { usageRecords: 40, month: period } },
    });
    const age = Number(p.demographic.reason.age);
    expect(p.demographic.segment).toBe(age >= 45 ? 'female_45_59' : 'female_30_44');
    expect(p.industry).toBeUndefined();

    const u = await segmentsOf(unit);
    expect(u).toMatchObject({
      industry: { segment: 'I' },
      size: { segment: 'medium', reason: { activeSubscriptions: 12 } },
      spend: { segment: 'medium', reason: { billedFen: 600_000 } },
    });
    expect(u.geography).toBeUndefined();
    expect(u.behaviour).toBeUndefined();

    // sizes of an open dimension list the codes found; members of a code; codes are checked
    const geo = await api().get('/api/v1/segments/sizes').query({ dimension: 'geography' }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(geo.body.dimensions[0].segments).toEqual(expect.arrayContaining([expect.objectContaining({ segment: '440104', count: expect.any(Number) })]));
    const members = await api().get('/api/v1/segments/industry/I/members').auth(market, { type: 'bearer' }).expect(200);
    expect(members.body.items.map((m: { customerId: string }) => m.customerId)).toEqual([unit]);
    await api().get('/api/v1/segments/geography/Guangzhou/members').auth(market, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/segments/demographic/female_31_44/members').auth(market, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/segments/demographic/female_30_44/members').auth(market, { type: 'bearer' }).expect(200);
  });
});
