import request from 'supertest';
import ExcelJS from 'exceljs';
import { accountInput, billInput, cityDay, cityMonth, customerInput, insertTestSubscription, paymentInput, promotionInput, residentId, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

/** customerInput with a resident id unique in this suite: the factory draws 1 of 1,000 serials per district, which collide now and then. */
let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1960, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId((overrides.districtCode as string | undefined) ?? '440106', birth) });
}

describe('City promotions API (優惠, /api/v1/promotions)', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let sales: string;
  let service: string;
  let analyst: string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, market, sales, service, analyst] = await Promise.all(['admin', 'market', 'sales', 'service', 'analyst'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);
  const audits = (entityType: string, entityId: string): Promise<{ action: string; actor_username: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null }[]> =>
    node.dataSource.query(`SELECT action, actor_username, old_values, new_values FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [entityType, entityId]);

  /** A customer with `lines` active subscriptions (plus `terminated` ones) and an account; answers both ids. */
  async function customer(districtCode: string, lines: number, terminated = 0): Promise<{ customerId: string; accountId: string }> {
    const c = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput({ districtCode })).expect(201);
    for (let i = 0; i < lines; i++) await insertTestSubscription(node.dataSource, c.body.id);
    for (let i = 0; i < terminated; i++) await insertTestSubscription(node.dataSource, c.body.id, { status: 'terminated' });
    const a = await api().post('/api/v1/accounts').auth(admin, { type: 'bearer' }).send(accountInput(c.body.id)).expect(201);
    return { customerId: c.body.id, accountId: a.body.id };
  }
  async function bill(accountId: string, month: string, amountFen: number, dueDate = cityDay(10)): Promise<void> {
    await api()
      .post('/api/v1/bills')
      .auth(admin, { type: 'bearer' })
      .send(billInput(accountId, month, { dueDate, items: [{ itemType: 'monthly_fee', service: 'voice', amountFen }] }))
      .expect(201);
  }
  const pay = (accountId: string, amountFen: number, extra: Record<string, unknown> = {}) => api().post('/api/v1/payments').auth(admin, { type: 'bearer' }).send(paymentInput(accountId, amountFen, extra)).expect(201);

  it('applies a promotion to the customers its rule selects (lines, total spend, credit, region), idempotently, and measures its effect', async () => {
    const rule = { minInstalledLines: 2, minTotalSpendFen: 20_000, minCreditScore: 60 };
    // eligible: 2 lines, 30,000 paid, bills paid on time; billed 5,000 a month before the promotion, 8,000 after
    const winner = await customer('440105', 2);
    await bill(winner.accountId, cityMonth(-4), 5_000);
    await bill(winner.accountId, cityMonth(-3), 5_000);
    await bill(winner.accountId, cityMonth(-2), 8_000);
    await bill(winner.accountId, cityMonth(-1), 8_000);
    await pay(winner.accountId, 30_000);
    // not eligible: one active line (a terminated one does not count)
    const oneLine = await customer('440105', 1, 1);
    await pay(oneLine.accountId, 30_000);
    // not eligible: spent too little
    const thrifty = await customer('440105', 3);
    await pay(thrifty.accountId, 10_000);
    // not eligible: outside the region
    const elsewhere = await customer('440103', 2);
    await pay(elsewhere.accountId, 30_000);
    // not eligible: four overdue bills and an open arrear bring the credit score to 100 − 40 − 30 = 30
    const late = await customer('440105', 2);
    for (const m of [-5, -4, -3, -2]) await bill(late.accountId, cityMonth(m), 1_000, `${cityMonth(m + 1)}-01`);
    await pay(late.accountId, 30_000, { settleOutstanding: false });

    const created = await api()
      .post('/api/v1/promotions')
      .auth(market, { type: 'bearer' })
      .send(promotionInput({ name: '融合老用戶回饋', regionCodes: ['440105'], targetRule: rule, periodFrom: `${cityMonth(-2)}-01`, periodTo: `${cityMonth(3)}-01` }))
      .expect(201);
    expect(created.body).toMatchObject({ status: 'active', regionCodes: ['440105'], targetRule: rule, customersApplied: 0, version: 1 });
    const id = created.body.id as string;

    const applied = await api().post(`/api/v1/promotions/${id}/apply`).auth(market, { type: 'bearer' }).expect(200);
    expect(applied.body).toEqual({ matched: 1, applied: 1, alreadyApplied: 0, customersApplied: 1 });
    const again = await api().post(`/api/v1/promotions/${id}/apply`).auth(market, { type: 'bearer' }).expect(200);
    expect(again.body).toEqual({ matched: 1, applied: 0, alreadyApplied: 1, customersApplied: 1 });
    const customers = await api().get(`/api/v1/promotions/${id}/customers`).auth(sales, { type: 'bearer' }).expect(200);
    expect(customers.body).toMatchObject({ total: 1, items: [{ customerId: winner.customerId, districtCode: '440105', appliedBy: 'market' }] });

    const effect = await api().get(`/api/v1/promotions/${id}/effect`).query({ months: 2 }).auth(sales, { type: 'bearer' }).expect(200);
    expect(effect.body).toMatchObject({
      months: 2,
      pivotMonth: cityMonth(-2),
      customersApplied: 1,
      spendBeforeFen: 10_000,
      spendAfterFen: 16_000,
      changeFen: 6_000,
      changePercent: 60,
      averageMonthlyBeforeFen: 5_000,
      averageMonthlyAfterFen: 8_000,
      afterWindowComplete: true,
    });
    expect(effect.body.monthly).toEqual([-4, -3, -2, -1].map((m, i) => ({ month: cityMonth(m), spendFen: [5_000, 5_000, 8_000, 8_000][i] })));
    const longer = await api().get(`/api/v1/promotions/${id}/effect`).query({ months: 4 }).auth(sales, { type: 'bearer' }).expect(200);
    expect(longer.body).toMatchObject({ spendBeforeFen: 10_000, spendAfterFen: 16_000, afterWindowComplete: false });

    // a customer who qualifies later is added by the next apply; the first keeps their record
    const newcomer = await customer('440105', 2);
    await pay(newcomer.accountId, 25_000);
    const third = await api().post(`/api/v1/promotions/${id}/apply`).auth(admin, { type: 'bearer' }).expect(200);
    expect(third.body).toEqual({ matched: 2, applied: 1, alreadyApplied: 1, customersApplied: 2 });
    const rows = await node.dataSource.query(`SELECT customer_id, applied_by FROM promotion_customer WHERE promotion_id = $1 ORDER BY applied_at`, [id]);
    expect(rows).toEqual([{ customer_id: winner.customerId, applied_by: 'market' }, { customer_id: newcomer.customerId, applied_by: 'admin' }]);
    expect((await audits('promotion_customer', id)).map((a) => [a.action, a.actor_username, (a.new_values as { applied: number }).applied])).toEqual([['create', 'market', 1], ['create', 'admin', 1]]);

    // once applied, a promotion is kept: cancel it rather than delete it
    const del = await api().delete(`/api/v1/promotions/${id}`).auth(market, { type: 'bearer' }).expect(409);
    expect(del.body.message).toMatch(/cancelled/);
  });

  it('counts bills closed by a write-off (核銷) as late bills in the interim credit score', async () => {
    const clean = await customer('440106', 1);
    const forgiven = await customer('440106', 1);
    for (const m of [-6, -5, -4, -3, -2]) await bill(forgiven.accountId, cityMonth(m), 1_000, `${cityMonth(m + 1)}-01`);
    const [arrear] = (await api().get('/api/v1/arrears').query({ accountId: forgiven.accountId, status: 'open' }).auth(admin, { type: 'bearer' }).expect(200)).body.items;
    expect(arrear).toMatchObject({ service: 'voice', amountFen: 5_000 });
    await api().patch(`/api/v1/arrears/${arrear.id}`).auth(admin, { type: 'bearer' }).send({ version: arrear.version, status: 'written_off' }).expect(200);
    expect(await node.dataSource.query(`SELECT DISTINCT status FROM bill WHERE account_id = $1`, [forgiven.accountId])).toEqual([{ status: 'written_off' }]);

    // 100 − 5 × 10 = 50 (no live arrear any more), below 60; the clean customer keeps 100
    const promo = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ regionCodes: ['440106'], targetRule: { minCreditScore: 60 } })).expect(201);
    expect((await api().post(`/api/v1/promotions/${promo.body.id}/apply`).auth(market, { type: 'bearer' }).expect(200)).body).toMatchObject({ matched: 1, applied: 1 });
    const ids = (await api().get(`/api/v1/promotions/${promo.body.id}/customers`).auth(market, { type: 'bearer' }).expect(200)).body.items.map((c: { customerId: string }) => c.customerId);
    expect(ids).toEqual([clean.customerId]);
  });

  it('applies only an active promotion within its period; a rule without conditions takes the whole region', async () => {
    const draft = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ status: 'draft' })).expect(201);
    expect((await api().post(`/api/v1/promotions/${draft.body.id}/apply`).auth(market, { type: 'bearer' }).expect(409)).body.message).toMatch(/draft/);
    const later = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ periodFrom: `${cityMonth(2)}-01`, periodTo: `${cityMonth(4)}-01` })).expect(201);
    expect((await api().post(`/api/v1/promotions/${later.body.id}/apply`).auth(market, { type: 'bearer' }).expect(409)).body.message).toMatch(/outside/);

    const a = await customer('440104', 0);
    const b = await customer('440104', 1);
    const everyone = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ regionCodes: ['440104'], method: 'gift' })).expect(201);
    const res = await api().post(`/api/v1/promotions/${everyone.body.id}/apply`).auth(market, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({ matched: 2, applied: 2 });
    const ids = (await api().get(`/api/v1/promotions/${everyone.body.id}/customers`).auth(market, { type: 'bearer' }).expect(200)).body.items.map((c: { customerId: string }) => c.customerId);
    expect(ids.sort()).toEqual([a.customerId, b.customerId].sort());
    await api().post('/api/v1/promotions/00000000-0000-4000-8000-000000000000/apply').auth(market, { type: 'bearer' }).expect(404);
  });

  it('refuses bad input with 400 naming the field, duplicates with 409, and writes nothing', async () => {
    const [{ n: before }] = await node.dataSource.query(`SELECT count(*)::int AS n FROM promotion`);
    const rule = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ targetRule: { minCreditScore: 101, minInstalledLines: -1, favouriteColour: 'red', customerTypes: ['vip'] } })).expect(400);
    expect(rule.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['targetRule.minCreditScore', 'targetRule.minInstalledLines', 'targetRule.favouriteColour', 'targetRule.customerTypes']));
    const shape = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send({ policyCode: 'lower', name: '', periodFrom: '2026-02-30', periodTo: 'soon', method: 'lottery', regionCodes: ['12'] }).expect(400);
    expect(shape.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['policyCode', 'name', 'periodFrom', 'periodTo', 'method', 'regionCodes']));
    const region = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ regionCodes: ['440106', '449999'] })).expect(400);
    expect(region.body.details).toEqual([{ field: 'regionCodes', problem: expect.stringContaining('449999') }]);
    const period = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ periodFrom: '2027-01-01', periodTo: '2026-12-31' })).expect(400);
    expect(period.body.details[0].field).toBe('periodTo');
    const ended = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ status: 'ended' })).expect(400);
    expect(ended.body.details[0].field).toBe('status');
    expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM promotion`))[0].n).toBe(before);

    const input = promotionInput();
    await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(input).expect(201);
    const dup = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send({ ...input, name: 'other' }).expect(409);
    expect(dup.body.code).toBe('CONFLICT');
    await api().get('/api/v1/promotions/not-a-uuid').auth(market, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/promotions/00000000-0000-4000-8000-000000000000').auth(market, { type: 'bearer' }).expect(404);
    await api().get('/api/v1/promotions/00000000-0000-4000-8000-000000000000/effect').auth(market, { type: 'bearer' }).expect(404);
    await api().get('/api/v1/promotions').query({ activeOn: 'today', sort: 'size' }).auth(market, { type: 'bearer' }).expect(400);
  });

  it('modifies with optimistic locking and a status lifecycle, deletes unapplied ones, and audits every change', async () => {
    const created = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ status: 'draft', targetRule: { minInstalledLines: 1 } })).expect(201);
    const id = created.body.id as string;
    const updated = await api()
      .patch(`/api/v1/promotions/${id}`)
      .auth(market, { type: 'bearer' })
      .send({ version: 1, name: '寬帶提速', status: 'active', targetRule: { minTotalSpendFen: 50_000, customerTypes: ['public_unit'] } })
      .expect(200);
    expect(updated.body).toMatchObject({ name: '寬帶提速', status: 'active', targetRule: { minTotalSpendFen: 50_000, customerTypes: ['public_unit'] }, version: 2 });
    expect((await api().patch(`/api/v1/promotions/${id}`).auth(market, { type: 'bearer' }).send({ version: 1, name: 'x' }).expect(409)).body.details[0].field).toBe('version');
    expect((await api().patch(`/api/v1/promotions/${id}`).auth(market, { type: 'bearer' }).send({ version: 2, status: 'draft' }).expect(409)).body.details[0].field).toBe('status');
    expect((await api().patch(`/api/v1/promotions/${id}`).auth(market, { type: 'bearer' }).send({ version: 2, name: null }).expect(400)).body.details[0].field).toBe('name');
    await api().patch(`/api/v1/promotions/${id}`).auth(market, { type: 'bearer' }).send({ version: 2, policyCode: 'NEW-CODE' }).expect(400);
    await api().patch(`/api/v1/promotions/${id}`).auth(market, { type: 'bearer' }).send({ version: 2, status: 'ended' }).expect(200);
    expect((await api().patch(`/api/v1/promotions/${id}`).auth(market, { type: 'bearer' }).send({ version: 3, name: 'again' }).expect(409)).body.message).toMatch(/ended/);

    const trail = await audits('promotion', id);
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(trail[1]).toMatchObject({ actor_username: 'market', old_values: { name: '測試優惠', status: 'draft', targetRule: { minInstalledLines: 1 } }, new_values: { name: '寬帶提速', status: 'active' } });

    const unused = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ status: 'draft' })).expect(201);
    await api().delete(`/api/v1/promotions/${unused.body.id}`).auth(market, { type: 'bearer' }).expect(204);
    await api().get(`/api/v1/promotions/${unused.body.id}`).auth(market, { type: 'bearer' }).expect(404);
    await api().delete(`/api/v1/promotions/${unused.body.id}`).auth(market, { type: 'bearer' }).expect(404);
    expect((await audits('promotion', unused.body.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('lists with filters and exports CSV, XLSX and HTML', async () => {
    const tag = `F${Date.now().toString(36).toUpperCase()}`;
    const mk = (o: Record<string, unknown>) => api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ ...o, name: `${tag}-${o.name as string}`, policyCode: `${tag}-${o.name as string}` })).expect(201);
    await mk({ name: 'CITY', method: 'bundle' });
    await mk({ name: 'TIANHE', regionCodes: ['440106'], method: 'price_cut' });
    await mk({ name: 'HAIZHU', regionCodes: ['440105'], method: 'price_cut', status: 'draft' });
    await mk({ name: 'OLD', periodFrom: '2025-01-01', periodTo: '2025-03-31', method: 'gift' });
    const list = (query: Record<string, unknown>) => api().get('/api/v1/promotions').query({ q: tag, sort: 'name', ...query }).auth(sales, { type: 'bearer' }).expect(200);
    const names = (res: request.Response) => res.body.items.map((p: { name: string }) => p.name.slice(tag.length + 1));
    expect(names(await list({}))).toEqual(['CITY', 'HAIZHU', 'OLD', 'TIANHE']);
    expect(names(await list({ districtCode: '440106' }))).toEqual(['CITY', 'OLD', 'TIANHE']);
    expect(names(await list({ method: 'price_cut', status: 'active' }))).toEqual(['TIANHE']);
    expect(names(await list({ activeOn: '2025-02-01' }))).toEqual(['OLD']);
    expect((await list({ pageSize: 2, page: 2 })).body).toMatchObject({ total: 4, page: 2, pageSize: 2 });

    const csv = await api().get('/api/v1/promotions/export').query({ format: 'csv', q: tag, method: 'price_cut' }).auth(sales, { type: 'bearer' }).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('政策編號 Policy');
    const html = await api().get('/api/v1/promotions/export').query({ format: 'html', q: tag, districtCode: '440105' }).auth(sales, { type: 'bearer' }).expect(200);
    expect(html.text).toContain(`${tag}-HAIZHU`);
    expect(html.text).not.toContain(`${tag}-TIANHE`);
    const xlsx = await api().get('/api/v1/promotions/export').query({ format: 'xlsx', q: tag }).auth(sales, { type: 'bearer' }).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    expect(book.worksheets[0].rowCount).toBe(5);
    expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'promotion' AND action = 'export' AND actor_username = 'sales'`))[0].n).toBe(3);
  });

  it('enforces permissions: promotion:write to change, promotion:read to look', async () => {
    await api().get('/api/v1/promotions').expect(401);
    await api().post('/api/v1/promotions').auth(sales, { type: 'bearer' }).send(promotionInput()).expect(403);
    await api().get('/api/v1/promotions').auth(analyst, { type: 'bearer' }).expect(403);
    const p = await api().post('/api/v1/promotions').auth(market, { type: 'bearer' }).send(promotionInput({ status: 'draft' })).expect(201);
    await api().patch(`/api/v1/promotions/${p.body.id}`).auth(service, { type: 'bearer' }).send({ version: 1, name: 'x' }).expect(403);
    await api().post(`/api/v1/promotions/${p.body.id}/apply`).auth(sales, { type: 'bearer' }).expect(403);
    await api().delete(`/api/v1/promotions/${p.body.id}`).auth(service, { type: 'bearer' }).expect(403);
    await api().get(`/api/v1/promotions/${p.body.id}/effect`).auth(analyst, { type: 'bearer' }).expect(403);
    await api().get(`/api/v1/promotions/${p.body.id}`).auth(service, { type: 'bearer' }).expect(200);
  });
});
