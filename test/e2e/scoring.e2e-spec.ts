import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { accountInput, billInput, cityDay, cityMonth, customerInput, insertTestSubscription, paymentInput, residentId, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1950, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId((overrides.districtCode as string | undefined) ?? '440106', birth) });
}

const survey = (customerId: string, v: number, extra: Record<string, unknown> = {}) => ({
  customerId, channel: 'phone',
  corporateImage: v, attitude: v, serviceQuality: v, customerCare: v, reliability: v, timeliness: v, security: v, qualityAtPrice: v, priceAtQuality: v,
  ...extra,
});

describe('City scoring API (滿意度、忠誠度、信用度, /api/v1/scores, /credit-lists, /satisfaction-surveys)', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let sales: string;
  let service: string;
  let operations: string;
  let analyst: string;
  const period = cityMonth(0);
  const ids: Record<'good' | 'late' | 'bad' | 'closed', string> = { good: '', late: '', bad: '', closed: '' };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-scoring-'));
    const file = join(dir, 'scoring.json');
    // overrides only the synchronous limit; every weight and threshold stays the default
    writeFileSync(file, JSON.stringify({ recomputeMaxCustomers: 5 }));
    node = await startSingleCity({ env: { CRM_SCORING_CONFIG_FILE: file } });
    [admin, market, sales, service, operations, analyst] = await Promise.all(['admin', 'market', 'sales', 'service', 'operations', 'analyst'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);

  async function customer(districtCode: string, account: Record<string, unknown>, lines = 0, startedAt?: string): Promise<{ customerId: string; accountId: string }> {
    const c = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput({ districtCode })).expect(201);
    for (let i = 0; i < lines; i++) await insertTestSubscription(node.dataSource, c.body.id, { startedAt });
    const a = await api().post('/api/v1/accounts').auth(admin, { type: 'bearer' }).send(accountInput(c.body.id, account)).expect(201);
    return { customerId: c.body.id, accountId: a.body.id };
  }
  const bill = (accountId: string, month: string, amountFen: number, dueDate: string) =>
    api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(accountId, month, { dueDate, items: [{ itemType: 'monthly_fee', service: 'voice', amountFen }] })).expect(201);
  const liveArrear = async (accountId: string) => (await api().get('/api/v1/arrears').query({ accountId, status: 'open' }).auth(service, { type: 'bearer' }).expect(200)).body.items[0];
  const scoresOf = (customerId: string, q: Record<string, string> = {}) => api().get(`/api/v1/customers/${customerId}/scores`).query(q).auth(market, { type: 'bearer' });
  const current = async (customerId: string, kind: string) => ((await scoresOf(customerId, { kind }).expect(200)).body.items as { period: string }[]).find((s) => s.period === period) as Record<string, unknown>;

  it('recomputes loyalty and credit from real subscriptions, bills, payments and arrears (bands at the thresholds)', async () => {
    // good: 2 lines for exactly 60 months, bank withholding, 3 bills paid before their due date, spend doubling
    const good = await customer('440105', { paymentMethod: 'bank_withholding', creditLimitFen: 10_000 }, 2, `${cityMonth(-60)}-01T00:00:00+08:00`);
    for (const m of [-3, -2, -1]) await bill(good.accountId, cityMonth(m), 3_000, cityDay(20));
    await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(good.accountId, 9_000)).expect(201);
    // late: two bills overdue (an open arrear), no suspension
    const late = await customer('440105', { paymentMethod: 'bank_withholding' }, 1);
    for (const m of [-3, -2]) await bill(late.accountId, cityMonth(m), 3_000, cityDay(-10));
    // bad: overdue, cash, and the arrear flagged for suspension (停機): a bad record
    const bad = await customer('440103', { paymentMethod: 'cash' }, 1);
    await bill(bad.accountId, cityMonth(-2), 3_000, cityDay(-10));
    const arrear = await liveArrear(bad.accountId);
    await api().patch(`/api/v1/arrears/${arrear.id}`).auth(service, { type: 'bearer' }).send({ version: arrear.version, suspended: true }).expect(200);
    // closed: its arrear written off (核銷), then the customer closed (銷戶)
    const closed = await customer('440103', { paymentMethod: 'cash' });
    await bill(closed.accountId, cityMonth(-2), 2_000, cityDay(-10));
    const owed = await liveArrear(closed.accountId);
    await api().patch(`/api/v1/arrears/${owed.id}`).auth(service, { type: 'bearer' }).send({ version: owed.version, status: 'written_off' }).expect(200);
    await api().delete(`/api/v1/customers/${closed.customerId}`).auth(admin, { type: 'bearer' }).expect(204);
    Object.assign(ids, { good: good.customerId, late: late.customerId, bad: bad.customerId, closed: closed.customerId });

    const res = await api().post('/api/v1/scores/recompute').auth(service, { type: 'bearer' }).send({ customerIds: Object.values(ids) }).expect(200);
    expect(res.body).toMatchObject({ period, kinds: ['satisfaction', 'loyalty', 'credit'], customers: 4, written: { loyalty: 4, credit: 4 }, skipped: { 'satisfaction:no-survey': 4 } });

    // loyalty = 0.3×50 (60 of 120 months) + 0.2×50 (2 of 4 products) + 0.15×0 + 0.2×100 (on time) + 0.15×100 (spend 6,000 vs 3,000) = 60: the lower bound of fairly_loyal
    const loyalty = await current(ids.good, 'loyalty');
    expect(loyalty).toMatchObject({ score: 60, band: 'fairly_loyal', bandLabel: '比較忠誠', source: 'computed', computedBy: 'service' });
    expect(loyalty.factors).toMatchObject({
      tenure: { value: 50, weight: 0.3, contribution: 15, input: { months: 60 } },
      products: { value: 50, contribution: 10 },
      contract: { value: 0 },
      punctuality: { value: 100, input: { billsDue: 3, billsLate: 0 } },
      spendTrend: { value: 100, input: { recentSpendFen: 6_000, previousSpendFen: 3_000 } },
    });
    // credit = 0.15×70 + 0.15×100 + 0.3×100 + 0.15×100 + 0.25×100 = 95.5 → red
    expect(await current(ids.good, 'credit')).toMatchObject({ score: 95.5, band: 'red', bandLabel: '紅名單', badRecord: false });
    // late: punctuality 0, one live arrear (bad records 60): 10.5 + 15 + 0 + 15 + 15 = 55.5 → grey
    expect(await current(ids.late, 'credit')).toMatchObject({ score: 55.5, band: 'grey', badRecord: false, factors: { punctuality: { value: 0, input: { billsDue: 2, billsLate: 2 } }, badRecords: { value: 60 } } });
    // bad: suspension → black whatever the score
    expect(await current(ids.bad, 'credit')).toMatchObject({ band: 'black', badRecord: true, factors: { badRecords: { input: { liveArrears: 1, suspensions: 1 } } } });
    // closed: the write-off is a bad record
    expect(await current(ids.closed, 'credit')).toMatchObject({ band: 'black', badRecord: true, factors: { badRecords: { input: { writtenOff: 1 } } } });

    // recomputing the same data changes nothing (idempotent)
    const again = await api().post('/api/v1/scores/recompute').auth(operations, { type: 'bearer' }).send({ customerIds: [ids.good], kinds: ['loyalty', 'credit'] }).expect(200);
    expect(again.body).toMatchObject({ written: {}, unchanged: { loyalty: 1, credit: 1 } });
    expect((await scoresOf(ids.good).expect(200)).body.replaced).toEqual([]);
  });

  it('records a survey and recomputes satisfaction (95 = very satisfied; a second survey replaces the value, kept in history)', async () => {
    const first = await api().post('/api/v1/satisfaction-surveys').auth(service, { type: 'bearer' }).send(survey(ids.good, 95)).expect(201);
    expect(first.body.survey).toMatchObject({ customerId: ids.good, period, channel: 'phone', recordedBy: 'service', factors: { corporateImage: 95, priceAtQuality: 95 } });
    expect(first.body.satisfaction).toMatchObject({ kind: 'satisfaction', period, score: 95, band: 'very_satisfied', bandLabel: '非常滿意', source: 'survey' });
    expect(first.body.satisfaction.factors.corporateImage).toEqual({ value: 95, weight: 0.1, contribution: 9.5 });

    // service group 80, network 100, value 60: 0.4×80 + 0.35×100 + 0.25×60 = 82; averaged with the first survey (95): 88.5
    const second = await api()
      .post('/api/v1/satisfaction-surveys')
      .auth(operations, { type: 'bearer' })
      .send(survey(ids.good, 80, { reliability: 100, timeliness: 100, security: 100, qualityAtPrice: 60, priceAtQuality: 60, channel: 'return_visit', surveyedAt: cityDay(0) }))
      .expect(201);
    expect(second.body.satisfaction).toMatchObject({ score: 88.5, band: 'satisfied', bandLabel: '滿意' });

    const history = await scoresOf(ids.good, { kind: 'satisfaction', from: period, to: period }).expect(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ score: 88.5, band: 'satisfied' });
    expect(history.body.replaced).toEqual([expect.objectContaining({ score: 95, band: 'very_satisfied', source: 'survey', replacedBy: 'operations' })]);

    const audits = await node.dataSource.query(`SELECT action, actor_username FROM audit_log WHERE entity_type = 'satisfaction_survey' ORDER BY id`);
    expect(audits).toEqual([{ action: 'create', actor_username: 'service' }, { action: 'create', actor_username: 'operations' }]);
  });

  it('sets a score by hand with a reason (audited, history kept); recompute keeps it unless forced', async () => {
    const set = await api().put(`/api/v1/customers/${ids.late}/scores/credit`).auth(service, { type: 'bearer' }).send({ score: 80, reason: '客戶已承諾分期繳清' }).expect(200);
    expect(set.body).toMatchObject({ kind: 'credit', period, score: 80, band: 'red', source: 'manual', reason: '客戶已承諾分期繳清', factors: {}, computedBy: 'service' });
    const lower = await api().put(`/api/v1/customers/${ids.late}/scores/credit`).auth(operations, { type: 'bearer' }).send({ score: 79.99, reason: '複核後下調' }).expect(200);
    expect(lower.body).toMatchObject({ score: 79.99, band: 'grey' });
    // a threshold on a five-band kind, and initialising a past period
    const init = await api().put(`/api/v1/customers/${ids.late}/scores/loyalty`).auth(service, { type: 'bearer' }).send({ score: 40, reason: '初始化', period: cityMonth(-1) }).expect(200);
    expect(init.body).toMatchObject({ period: cityMonth(-1), band: 'disloyal', bandLabel: '不忠誠' });

    const [row] = await node.dataSource.query(`SELECT id FROM customer_score WHERE customer_id = $1 AND kind = 'credit'`, [ids.late]);
    const audits = await node.dataSource.query(`SELECT action, actor_username, old_values, new_values FROM audit_log WHERE entity_type = 'customer_score' AND entity_id = $1 ORDER BY id`, [row.id]);
    expect(audits.slice(-2)).toEqual([
      expect.objectContaining({ action: 'update', actor_username: 'service', old_values: expect.objectContaining({ score: 55.5, source: 'computed' }), new_values: expect.objectContaining({ score: 80, band: 'red', reason: '客戶已承諾分期繳清' }) }),
      expect.objectContaining({ action: 'update', actor_username: 'operations', old_values: expect.objectContaining({ score: 80 }), new_values: expect.objectContaining({ score: 79.99, band: 'grey', reason: '複核後下調' }) }),
    ]);
    const history = await scoresOf(ids.late, { kind: 'credit' }).expect(200);
    expect(history.body.replaced.map((r: { score: number; source: string }) => [r.score, r.source])).toEqual([[80, 'manual'], [55.5, 'computed']]);

    const kept = await api().post('/api/v1/scores/recompute').auth(service, { type: 'bearer' }).send({ customerIds: [ids.late], kinds: ['credit'] }).expect(200);
    expect(kept.body.skipped).toEqual({ 'credit:kept-manual': 1 });
    expect(await current(ids.late, 'credit')).toMatchObject({ score: 79.99, source: 'manual' });
    const forced = await api().post('/api/v1/scores/recompute').auth(service, { type: 'bearer' }).send({ customerIds: [ids.late], kinds: ['credit'], force: true }).expect(200);
    expect(forced.body.written).toEqual({ credit: 1 });
    expect(await current(ids.late, 'credit')).toMatchObject({ score: 55.5, band: 'grey', source: 'computed' });
  });

  it('queries scores by kind, period, band, segment and district, paginated', async () => {
    const all = await api().get('/api/v1/scores').query({ kind: 'credit', period }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(all.body.total).toBe(4);
    const grey = await api().get('/api/v1/scores').query({ kind: 'credit', period, band: 'grey', segment: 'public_residential' }).auth(market, { type: 'bearer' }).expect(200);
    expect(grey.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ customerId: ids.late, customerType: 'public_residential', districtCode: '440105', score: 55.5, former: false }] });
    const byDistrict = await api().get('/api/v1/scores').query({ kind: 'credit', districtCode: '440103', sort: 'score' }).auth(market, { type: 'bearer' }).expect(200);
    expect(byDistrict.body.items.map((i: { customerId: string }) => i.customerId).sort()).toEqual([ids.bad, ids.closed].sort());
    expect(byDistrict.body.items.find((i: { customerId: string }) => i.customerId === ids.closed).former).toBe(true);
    const paged = await api().get('/api/v1/scores').query({ customerId: ids.good, pageSize: 1, page: 2, sort: '-score' }).auth(market, { type: 'bearer' }).expect(200);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(paged.body.items).toHaveLength(1);
  });

  it('summarises per segment: count, Σ and average of current customers', async () => {
    const byType = await api().get('/api/v1/scores/summary').query({ kind: 'credit', period }).auth(analyst, { type: 'bearer' }).expect(200);
    const credit = await api().get('/api/v1/scores').query({ kind: 'credit', period }).auth(analyst, { type: 'bearer' }).expect(200);
    const live = (credit.body.items as { former: boolean; score: number }[]).filter((i) => !i.former);
    const sum = Math.round(live.reduce((a, i) => a + i.score, 0) * 100) / 100;
    expect(byType.body).toMatchObject({ kind: 'credit', period, groupBy: 'customerType', count: 3, sum, average: Math.round((sum / 3) * 100) / 100 });
    expect(byType.body.groups).toEqual([{ group: 'public_residential', name: null, count: 3, sum, average: Math.round((sum / 3) * 100) / 100, bands: { black: 1, grey: 1, red: 1 } }]);
    const byDistrict = await api().get('/api/v1/scores/summary').query({ kind: 'credit', period, groupBy: 'district' }).auth(market, { type: 'bearer' }).expect(200);
    expect(byDistrict.body.groups.map((g: { group: string; name: string; count: number }) => [g.group, g.name, g.count])).toEqual([['440103', '荔湾区', 1], ['440105', '海珠区', 2]]);
  });

  it('answers the red, grey and black lists; black includes former customers; exports them', async () => {
    const red = await api().get('/api/v1/credit-lists/red').auth(market, { type: 'bearer' }).expect(200);
    expect(red.body).toMatchObject({ list: 'red', label: '紅名單', total: 1, items: [{ customerId: ids.good, score: 95.5, former: false }] });
    const grey = await api().get('/api/v1/credit-lists/grey').auth(market, { type: 'bearer' }).expect(200);
    expect(grey.body.items.map((i: { customerId: string }) => i.customerId)).toEqual([ids.late]);
    const black = await api().get('/api/v1/credit-lists/black').query({ period }).auth(market, { type: 'bearer' }).expect(200);
    expect(black.body.total).toBe(2);
    expect(black.body.items.find((i: { customerId: string }) => i.customerId === ids.closed)).toMatchObject({ former: true, closedAt: expect.any(String), badRecord: true, list: 'black' });
    const filtered = await api().get('/api/v1/credit-lists/black').query({ segment: 'key_enterprise' }).auth(market, { type: 'bearer' }).expect(200);
    expect(filtered.body.total).toBe(0);

    const csv = await api().get('/api/v1/credit-lists/black/export').query({ format: 'csv' }).auth(market, { type: 'bearer' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(ids.closed);
    expect(csv.text).toContain(ids.bad);
    expect(csv.text).toContain('黑名單');
    const html = await api().get('/api/v1/credit-lists/red/export').query({ format: 'html' }).auth(operations, { type: 'bearer' }).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain(ids.good);
    const xlsx = await api().get('/api/v1/credit-lists/grey/export').query({ format: 'xlsx' }).auth(market, { type: 'bearer' }).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const exports = await node.dataSource.query(`SELECT actor_username, new_values FROM audit_log WHERE entity_type = 'customer_score' AND action = 'export' ORDER BY id`);
    expect(exports).toHaveLength(3);
    expect(exports[0].new_values).toMatchObject({ list: 'black', format: 'csv' });
  });

  it('answers 400 for bad input, 404 for unknown customers, never 500', async () => {
    const bad = async (req: request.Test, field: string) => {
      const res = await req.expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    const put = (path: string, body: Record<string, unknown>) => api().put(path).auth(service, { type: 'bearer' }).send(body);
    await bad(put(`/api/v1/customers/${ids.good}/scores/popularity`, { score: 50, reason: 'xx' }), 'kind');
    await bad(put(`/api/v1/customers/${ids.good}/scores/credit`, { score: 101, reason: 'xx' }), 'score');
    await bad(put(`/api/v1/customers/${ids.good}/scores/credit`, { score: 50.123, reason: 'xx' }), 'score');
    await bad(put(`/api/v1/customers/${ids.good}/scores/credit`, { score: 50 }), 'reason');
    await bad(put(`/api/v1/customers/${ids.good}/scores/credit`, { score: 50, reason: 'xx', period: '2026-13' }), 'period');
    await bad(put(`/api/v1/customers/${ids.good}/scores/credit`, { score: 50, reason: 'xx', period: cityMonth(1) }), 'period');
    await bad(put('/api/v1/customers/not-a-uuid/scores/credit', { score: 50, reason: 'xx' }), 'id');
    const post = (path: string, body: Record<string, unknown>) => api().post(path).auth(service, { type: 'bearer' }).send(body);
    await bad(post('/api/v1/scores/recompute', { customerIds: ['00000000-0000-4000-8000-000000000000'] }), 'customerIds');
    await bad(post('/api/v1/scores/recompute', { customerIds: ['x'] }), 'customerIds');
    await bad(post('/api/v1/scores/recompute', { kinds: ['value'] }), 'kinds');
    // the configuration file limits synchronous runs to 5 customers
    const six = [...Object.values(ids), ...(await Promise.all([1, 2].map(async () => (await customer('440106', {})).customerId)))];
    await bad(post('/api/v1/scores/recompute', { customerIds: six }), 'customerIds');
    await bad(post('/api/v1/scores/recompute', {}), 'customerIds');
    await bad(post('/api/v1/satisfaction-surveys', survey(ids.good, 120)), 'corporateImage');
    await bad(post('/api/v1/satisfaction-surveys', { ...survey(ids.good, 90), channel: 'pigeon' }), 'channel');
    await bad(post('/api/v1/satisfaction-surveys', survey('00000000-0000-4000-8000-000000000000', 90)), 'customerId');
    await bad(post('/api/v1/satisfaction-surveys', survey(ids.closed, 90)), 'customerId');
    await bad(post('/api/v1/satisfaction-surveys', survey(ids.good, 90, { surveyedAt: '2099-01-01T00:00:00Z' })), 'surveyedAt');
    await bad(post('/api/v1/satisfaction-surveys', survey(ids.good, 90, { surveyedAt: '2026-12-01T10:00:00' })), 'surveyedAt');
    const get = (path: string, query: Record<string, string> = {}) => api().get(path).query(query).auth(market, { type: 'bearer' });
    await bad(get('/api/v1/scores/summary'), 'kind');
    await bad(get('/api/v1/scores/summary', { kind: 'credit', groupBy: 'hobby' }), 'groupBy');
    await bad(get('/api/v1/scores', { band: 'purple' }), 'band');
    await bad(get('/api/v1/scores', { segment: 'vip' }), 'segment');
    await bad(get(`/api/v1/customers/${ids.good}/scores`, { from: '2026-5' }), 'from');
    await bad(get(`/api/v1/customers/${ids.good}/scores`, { from: '2026-05', to: '2026-04' }), 'from');
    await bad(get('/api/v1/credit-lists/pink'), 'list');
    await bad(get('/api/v1/credit-lists/pink/export', { format: 'csv' }), 'list');
    await bad(get('/api/v1/credit-lists/black/export', { format: 'pdf' }), 'format');

    await get('/api/v1/customers/00000000-0000-4000-8000-000000000000/scores').expect(404);
    await put('/api/v1/customers/00000000-0000-4000-8000-000000000000/scores/credit', { score: 50, reason: 'xx' }).expect(404);
  });

  it('requires score:read to read and score:write to write (403)', async () => {
    await api().get('/api/v1/scores').auth(sales, { type: 'bearer' }).expect(403);
    await api().get(`/api/v1/customers/${ids.good}/scores`).auth(sales, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/credit-lists/black').auth(sales, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/credit-lists/black/export').query({ format: 'csv' }).auth(sales, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/scores/summary').query({ kind: 'credit' }).auth(sales, { type: 'bearer' }).expect(403);
    await api().post('/api/v1/scores/recompute').auth(market, { type: 'bearer' }).send({}).expect(403);
    await api().put(`/api/v1/customers/${ids.good}/scores/credit`).auth(analyst, { type: 'bearer' }).send({ score: 50, reason: 'xx' }).expect(403);
    await api().post('/api/v1/satisfaction-surveys').auth(market, { type: 'bearer' }).send(survey(ids.good, 90)).expect(403);
    await api().get('/api/v1/scores').expect(401);
  });
});
