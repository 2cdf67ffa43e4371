import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { accountInput, billInput, cityDay, cityMonth, customerInput, residentId, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

/** customerInput with a resident id unique in this suite (the factory's serials collide now and then). */
let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1962, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId((overrides.districtCode as string | undefined) ?? '440106', birth) });
}

interface CaseBody { id: string; kind: string; service: string; status: string; version: number; evidence: Record<string, unknown>; history?: { fromStatus: string | null; toStatus: string; note: string | null; by: string }[] }

describe('Customer watch API (異常客戶 /api/v1/abnormal-customers, 潛在大客戶 /api/v1/potential-key-accounts)', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let sales: string;
  let service: string;
  let operations: string;
  let analyst: string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, market, sales, service, operations, analyst] = await Promise.all(['admin', 'market', 'sales', 'service', 'operations', 'analyst'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);

  async function customer(name: string, overrides: Record<string, unknown> = {}): Promise<{ customerId: string; accountId: string }> {
    const c = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput({ name, ...overrides })).expect(201);
    const a = await api().post('/api/v1/accounts').auth(admin, { type: 'bearer' }).send(accountInput(c.body.id)).expect(201);
    return { customerId: c.body.id, accountId: a.body.id };
  }
  /** A bill of one voice monthly fee; due in ten days unless `dueDate` (a past due date makes it overdue at once). */
  async function bill(accountId: string, month: string, amountFen: number, dueDate = cityDay(10)): Promise<void> {
    await api()
      .post('/api/v1/bills')
      .auth(admin, { type: 'bearer' })
      .send(billInput(accountId, month, { dueDate: dueDate < `${month}-01` ? `${month}-28` : dueDate, items: [{ itemType: 'monthly_fee', service: 'voice', amountFen }] }))
      .expect(201);
  }
  async function cases(customerId: string, token = service): Promise<CaseBody[]> {
    const res = await api().get('/api/v1/abnormal-customers').query({ customerId, pageSize: 100 }).auth(token, { type: 'bearer' }).expect(200);
    return res.body.items;
  }
  const kinds = (list: CaseBody[]): string[] => list.map((c) => `${c.kind}/${c.service}`).sort();

  describe('abnormal customers', () => {
    let high: { customerId: string; accountId: string };
    let low: { customerId: string; accountId: string };
    let lateCustomer: { customerId: string; accountId: string };
    let debtor: { customerId: string; accountId: string };
    let scored: { customerId: string; accountId: string } | undefined;
    let steady: { customerId: string; accountId: string };

    beforeAll(async () => {
      // high: 5,000 a month for six months, then 20,000 (4× the average and the last month)
      high = await customer('異常高消費');
      for (let m = -6; m <= -1; m++) await bill(high.accountId, cityMonth(m), 5_000);
      await bill(high.accountId, cityMonth(0), 20_000);
      // low: 6,000 a month, then 1,000
      low = await customer('異常低消費');
      for (let m = -6; m <= -1; m++) await bill(low.accountId, cityMonth(m), 6_000);
      await bill(low.accountId, cityMonth(0), 1_000);
      // steady: same amount every month: nothing
      steady = await customer('正常客戶');
      for (let m = -6; m <= 0; m++) await bill(steady.accountId, cityMonth(m), 5_000);
      // low credit (interim formula): four overdue bills and an open arrear → 100 − 40 − 30 = 30
      lateCustomer = await customer('信用極低');
      for (const m of [-5, -4, -3, -2]) await bill(lateCustomer.accountId, cityMonth(m), 1_000, `${cityMonth(m + 1)}-01`);
      // high arrears: 60,000 overdue (one late bill + arrear → interim credit 60, not low)
      debtor = await customer('欠費大戶');
      await bill(debtor.accountId, cityMonth(-2), 60_000, `${cityMonth(-1)}-01`);
      // a stored credit score from @crm/scoring, when its table exists
      if ((await node.dataSource.query(`SELECT to_regclass('customer_score') IS NOT NULL AS t`))[0].t) {
        scored = await customer('低信用評分');
        await node.dataSource.query(
          `INSERT INTO customer_score (customer_id, kind, period, score, band, source, computed_by) VALUES ($1, 'credit', $2::date, 20, 'black', 'manual', 'test')`,
          [scored.customerId, `${cityMonth(0)}-01`],
        );
      }
    });

    it('detects each kind, per service, and re-running is idempotent', async () => {
      const run = await api().post('/api/v1/abnormal-customers/run').auth(service, { type: 'bearer' }).send({}).expect(200);
      expect(run.body).toMatchObject({ period: cityMonth(0) });
      expect(run.body.opened).toBeGreaterThanOrEqual(11);
      expect(run.body.byKind).toMatchObject({ high_spend: expect.any(Number), low_spend: expect.any(Number), sudden_change: expect.any(Number), low_credit: expect.any(Number), high_arrears: expect.any(Number) });

      expect(kinds(await cases(high.customerId))).toEqual(['high_spend/all', 'high_spend/voice', 'sudden_change/all', 'sudden_change/voice']);
      const highAll = (await cases(high.customerId)).find((c) => c.kind === 'high_spend' && c.service === 'all')!;
      expect(highAll).toMatchObject({ status: 'open', version: 1, evidence: { period: cityMonth(0), currentFen: 20_000, baselineFen: 5_000, historyMonths: 6, relative: true, absolute: false } });
      expect(kinds(await cases(low.customerId))).toEqual(['low_spend/all', 'low_spend/voice', 'sudden_change/all', 'sudden_change/voice']);
      expect(kinds(await cases(steady.customerId))).toEqual([]);
      const credit = await cases(lateCustomer.customerId);
      expect(kinds(credit)).toEqual(['low_credit/all']);
      expect(credit[0].evidence).toMatchObject({ creditScore: 30, source: 'interim', threshold: 40 });
      const arrears = await cases(debtor.customerId);
      expect(kinds(arrears)).toEqual(['high_arrears/all']);
      expect(arrears[0].evidence).toMatchObject({ arrearsFen: 60_000, threshold: 50_000 });
      if (scored) {
        const s = await cases(scored.customerId);
        expect(kinds(s)).toEqual(['low_credit/all']);
        expect(s[0].evidence).toMatchObject({ creditScore: 20, source: 'customer_score' });
      }

      const again = await api().post('/api/v1/abnormal-customers/run').auth(operations, { type: 'bearer' }).send({ asOf: cityDay(0) }).expect(200);
      expect(again.body.opened).toBe(0);
      expect(again.body.alreadyTracked).toBe(again.body.findings);
      expect(kinds(await cases(high.customerId))).toHaveLength(4);

      // filters: kind, service, status
      const byKind = await api().get('/api/v1/abnormal-customers').query({ kind: 'high_arrears', status: 'open' }).auth(market, { type: 'bearer' }).expect(200);
      expect(byKind.body.items.map((c: { customerId: string }) => c.customerId)).toContain(debtor.customerId);
      expect(byKind.body.items.every((c: CaseBody) => c.kind === 'high_arrears')).toBe(true);
      const byService = await api().get('/api/v1/abnormal-customers').query({ service: 'voice', period: cityMonth(0) }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(byService.body.total).toBeGreaterThanOrEqual(4);
      expect(byService.body.items.every((c: CaseBody) => c.service === 'voice')).toBe(true);
      const audits = await node.dataSource.query(`SELECT actor_username FROM audit_log WHERE entity_type = 'abnormal_case' AND action = 'create'`);
      expect(audits.map((a: { actor_username: string }) => a.actor_username)).toContain('service');
    });

    it('confirms, dismisses and closes with notes; stale versions and illegal transitions are 409; history is kept', async () => {
      const c = (await cases(high.customerId)).find((x) => x.kind === 'high_spend' && x.service === 'all')!;
      const url = `/api/v1/abnormal-customers/${c.id}`;
      const illegal = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'closed', version: 1 }).expect(409);
      expect(illegal.body.details).toEqual([{ field: 'status', problem: 'allowed: confirmed, dismissed' }]);
      await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'confirmed', version: 2 }).expect(409);
      const confirmed = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'confirmed', note: '客戶確認本月出國漫遊', version: 1 }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 2 });
      const closed = await api().patch(url).auth(operations, { type: 'bearer' }).send({ status: 'closed', note: '下月恢復正常', version: 2 }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', version: 3 });
      await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'dismissed', version: 3 }).expect(409);
      const read = await api().get(url).auth(analyst, { type: 'bearer' }).expect(200);
      expect(read.body.history.map((h: { fromStatus: string | null; toStatus: string; note: string | null; by: string }) => [h.fromStatus, h.toStatus, h.note, h.by])).toEqual([
        [null, 'open', 'detected by the rules', 'service'],
        ['open', 'confirmed', '客戶確認本月出國漫遊', 'service'],
        ['confirmed', 'closed', '下月恢復正常', 'operations'],
      ]);

      const d = (await cases(low.customerId)).find((x) => x.kind === 'low_spend' && x.service === 'all')!;
      const dismissed = await api().patch(`/api/v1/abnormal-customers/${d.id}`).auth(service, { type: 'bearer' }).send({ status: 'dismissed', note: '套餐降檔', version: 1 }).expect(200);
      expect(dismissed.body.status).toBe('dismissed');

      // a closed or dismissed case of the same period is not reopened by the next run
      await api().post('/api/v1/abnormal-customers/run').auth(service, { type: 'bearer' }).send({}).expect(200);
      expect((await cases(high.customerId)).filter((x) => x.kind === 'high_spend' && x.service === 'all').map((x) => x.status)).toEqual(['closed']);
      expect((await cases(low.customerId)).filter((x) => x.kind === 'low_spend' && x.service === 'all').map((x) => x.status)).toEqual(['dismissed']);
      const audit = await node.dataSource.query(`SELECT old_values, new_values FROM audit_log WHERE entity_type = 'abnormal_case' AND entity_id = $1 ORDER BY id`, [c.id]);
      expect(audit.map((a: { new_values: { status: string } }) => a.new_values.status)).toEqual(['confirmed', 'closed']);
    });

    it('exports CSV, XLSX and printable HTML with the filters', async () => {
      const csv = await api().get('/api/v1/abnormal-customers/export').query({ format: 'csv', kind: 'high_arrears' }).auth(market, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain(debtor.customerId);
      expect(csv.text).not.toContain(high.customerId);
      const html = await api().get('/api/v1/abnormal-customers/export').query({ format: 'html', customerId: high.customerId }).auth(service, { type: 'bearer' }).expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('異常高消費');
      await api().get('/api/v1/abnormal-customers/export').query({ format: 'xlsx' }).auth(service, { type: 'bearer' }).expect(200).expect('content-type', /spreadsheetml/);
      expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'abnormal_case' AND action = 'export'`))[0].n).toBe(3);
    });

    it('answers 400, 403 and 404', async () => {
      await api().post('/api/v1/abnormal-customers/run').auth(service, { type: 'bearer' }).send({ asOf: '2026-02-30' }).expect(400);
      await api().get('/api/v1/abnormal-customers').query({ kind: 'weird' }).auth(service, { type: 'bearer' }).expect(400);
      await api().get('/api/v1/abnormal-customers').query({ service: 'fax' }).auth(service, { type: 'bearer' }).expect(400);
      await api().get('/api/v1/abnormal-customers/export').query({ format: 'pdf' }).auth(service, { type: 'bearer' }).expect(400);
      await api().get('/api/v1/abnormal-customers/not-a-uuid').auth(service, { type: 'bearer' }).expect(400);
      const any = (await cases(debtor.customerId))[0];
      await api().patch(`/api/v1/abnormal-customers/${any.id}`).auth(service, { type: 'bearer' }).send({ status: 'confirmed' }).expect(400);
      await api().patch(`/api/v1/abnormal-customers/${any.id}`).auth(service, { type: 'bearer' }).send({ status: 'reopened', version: 1 }).expect(400);
      await api().get(`/api/v1/abnormal-customers/${randomUUID()}`).auth(service, { type: 'bearer' }).expect(404);
      await api().patch(`/api/v1/abnormal-customers/${randomUUID()}`).auth(service, { type: 'bearer' }).send({ status: 'confirmed', version: 1 }).expect(404);
      await api().get('/api/v1/abnormal-customers').auth(sales, { type: 'bearer' }).expect(403);
      await api().post('/api/v1/abnormal-customers/run').auth(market, { type: 'bearer' }).send({}).expect(403);
      await api().patch(`/api/v1/abnormal-customers/${any.id}`).auth(analyst, { type: 'bearer' }).send({ status: 'confirmed', version: 1 }).expect(403);
      await api().get('/api/v1/abnormal-customers').expect(401);
    });
  });

  describe('potential key accounts', () => {
    const yuan = (n: number) => n * 100;
    let below: { customerId: string; accountId: string };
    let atBand: { customerId: string; accountId: string };
    let top: { customerId: string; accountId: string };
    let atThreshold: { customerId: string; accountId: string };
    let alreadyKey: { customerId: string; accountId: string };
    let old: { customerId: string; accountId: string };
    let ids: Record<string, string>;

    beforeAll(async () => {
      below = await customer('潛在八九九九');
      await bill(below.accountId, cityMonth(-3), yuan(4_000));
      await bill(below.accountId, cityMonth(-2), yuan(4_999));
      atBand = await customer('潛在九千');
      await bill(atBand.accountId, cityMonth(-11), yuan(4_500));
      await bill(atBand.accountId, cityMonth(0), yuan(4_500));
      top = await customer('潛在九九九九', { customerType: 'public_unit' });
      await bill(top.accountId, cityMonth(-1), 999_999);
      atThreshold = await customer('已達一萬');
      await bill(atThreshold.accountId, cityMonth(-1), yuan(10_000));
      alreadyKey = await customer('已是大客戶', { customerType: 'key_individual' });
      await bill(alreadyKey.accountId, cityMonth(-1), yuan(9_500));
      // 9,500 yuan, but 5,000 of it thirteen months ago: outside the 12-month window
      old = await customer('窗口之外');
      await bill(old.accountId, cityMonth(-12), yuan(5_000));
      await bill(old.accountId, cityMonth(-1), yuan(4_500));
    });

    it('generates the band (8,999 out, 9,000 in, 9,999.99 in, 10,000 out), idempotently', async () => {
      const gen = await api().post('/api/v1/potential-key-accounts/generate').auth(service, { type: 'bearer' }).send({}).expect(200);
      expect(gen.body).toMatchObject({ windowFrom: cityMonth(-11), windowTo: cityMonth(0), bandFromFen: 900_000, keyAccountThresholdFen: 1_000_000, matched: 2, added: 2, refreshed: 0 });
      expect(gen.body.aboveThreshold).toBeGreaterThanOrEqual(1);
      const list = await api().get('/api/v1/potential-key-accounts').query({ pageSize: 200 }).auth(market, { type: 'bearer' }).expect(200);
      const listed = new Map<string, { id: string; annualBilledFen: number; status: string; version: number }>(list.body.items.map((i: { customerId: string }) => [i.customerId, i]));
      expect(listed.get(atBand.customerId)).toMatchObject({ annualBilledFen: 900_000, status: 'candidate', version: 1, customerType: 'public_residential', windowFrom: cityMonth(-11), windowTo: cityMonth(0) });
      expect(listed.get(top.customerId)).toMatchObject({ annualBilledFen: 999_999, customerType: 'public_unit' });
      for (const c of [below, atThreshold, alreadyKey, old]) expect(listed.has(c.customerId)).toBe(false);
      expect(list.body.items[0].customerId).toBe(top.customerId); // largest first
      ids = { atBand: listed.get(atBand.customerId)!.id, top: listed.get(top.customerId)!.id };

      const again = await api().post('/api/v1/potential-key-accounts/generate').auth(operations, { type: 'bearer' }).send({ asOf: cityDay(0) }).expect(200);
      expect(again.body).toMatchObject({ matched: 2, added: 0, refreshed: 0 });
    });

    it('tracks with notes and status changes (version → 409)', async () => {
      const url = `/api/v1/potential-key-accounts/${ids.atBand}`;
      const note = await api().post(`${url}/notes`).auth(service, { type: 'bearer' }).send({ channel: 'visit', note: '上門拜訪，介紹商務套餐' }).expect(201);
      expect(note.body).toMatchObject({ channel: 'visit', by: 'service', note: '上門拜訪，介紹商務套餐' });
      await api().post(`${url}/notes`).auth(service, { type: 'bearer' }).send({ channel: 'pigeon', note: 'x' }).expect(400);
      await api().post(`${url}/notes`).auth(service, { type: 'bearer' }).send({ channel: 'phone' }).expect(400);
      await api().post(`/api/v1/potential-key-accounts/${randomUUID()}/notes`).auth(service, { type: 'bearer' }).send({ channel: 'phone', note: 'x' }).expect(404);

      const nurturing = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'nurturing', version: 1 }).expect(200);
      expect(nurturing.body).toMatchObject({ status: 'nurturing', version: 2 });
      expect(nurturing.body.notes).toHaveLength(1);
      await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'dropped', version: 1 }).expect(409);
      await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'promoted', version: 2 }).expect(409);
      const staffless = await api().patch(url).auth(service, { type: 'bearer' }).send({ ownerStaffId: randomUUID(), version: 2 }).expect(400);
      expect(staffless.body.details).toEqual([{ field: 'ownerStaffId', problem: 'unknown staff' }]);
      await api().patch(url).auth(service, { type: 'bearer' }).send({ status: null, version: 2 }).expect(400);
      const filtered = await api().get('/api/v1/potential-key-accounts').query({ status: 'nurturing' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([ids.atBand]);
    });

    it('promotes to a key account: customer type, status history and audit in one transaction; 409 when already key', async () => {
      const promoted = await api().post(`/api/v1/potential-key-accounts/${ids.atBand}/promote`).auth(service, { type: 'bearer' }).send({ version: 2, note: '簽約' }).expect(200);
      expect(promoted.body).toMatchObject({ status: 'promoted', promotedTo: 'key_individual', customerType: 'key_individual', version: 3 });
      const cust = await api().get(`/api/v1/customers/${atBand.customerId}`).auth(admin, { type: 'bearer' }).expect(200);
      expect(cust.body.customerType).toBe('key_individual');
      const history = await node.dataSource.query(`SELECT reason, changed_by FROM customer_status_change WHERE customer_id = $1 AND reason LIKE 'customer_type%'`, [atBand.customerId]);
      expect(history).toEqual([{ reason: expect.stringContaining('public_residential → key_individual'), changed_by: 'service' }]);
      const audit = await node.dataSource.query(`SELECT old_values, new_values FROM audit_log WHERE entity_type = 'customer' AND entity_id = $1 AND action = 'update'`, [atBand.customerId]);
      expect(audit).toEqual([expect.objectContaining({ old_values: { customerType: 'public_residential' }, new_values: expect.objectContaining({ customerType: 'key_individual' }) })]);
      await api().post(`/api/v1/potential-key-accounts/${ids.atBand}/promote`).auth(service, { type: 'bearer' }).send({}).expect(409);

      // someone made the customer key meanwhile: 409, nothing changes
      await node.dataSource.query(`UPDATE customer SET customer_type = 'key_enterprise' WHERE id = $1`, [top.customerId]);
      const already = await api().post(`/api/v1/potential-key-accounts/${ids.top}/promote`).auth(service, { type: 'bearer' }).send({}).expect(409);
      expect(already.body.message).toMatch(/already a key account/);
      expect((await api().get(`/api/v1/potential-key-accounts/${ids.top}`).auth(service, { type: 'bearer' }).expect(200)).body.status).toBe('candidate');
      await node.dataSource.query(`UPDATE customer SET customer_type = 'public_unit' WHERE id = $1`, [top.customerId]);
      await api().post(`/api/v1/potential-key-accounts/${ids.top}/promote`).auth(service, { type: 'bearer' }).send({ version: 9 }).expect(409);
      const enterprise = await api().post(`/api/v1/potential-key-accounts/${ids.top}/promote`).auth(operations, { type: 'bearer' }).send({}).expect(200);
      expect(enterprise.body).toMatchObject({ status: 'promoted', promotedTo: 'key_enterprise' });
      await api().post(`/api/v1/potential-key-accounts/${randomUUID()}/promote`).auth(service, { type: 'bearer' }).send({}).expect(404);
      await api().post(`/api/v1/potential-key-accounts/${ids.top}/promote`).auth(service, { type: 'bearer' }).send({ customerType: 'vip' }).expect(400);
    });

    it('exports CSV, XLSX and a printable HTML list; 403 for roles without score permissions', async () => {
      const html = await api().get('/api/v1/potential-key-accounts/export').query({ format: 'html' }).auth(market, { type: 'bearer' }).expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('潛在大客戶');
      expect(html.text).toContain('潛在九千');
      const csv = await api().get('/api/v1/potential-key-accounts/export').query({ format: 'csv', status: 'promoted' }).auth(service, { type: 'bearer' }).expect(200);
      expect(csv.text).toContain(atBand.customerId);
      expect(csv.text).toContain('900000');
      await api().get('/api/v1/potential-key-accounts/export').query({ format: 'xlsx' }).auth(service, { type: 'bearer' }).expect(200).expect('content-type', /spreadsheetml/);
      await api().get('/api/v1/potential-key-accounts').auth(sales, { type: 'bearer' }).expect(403);
      await api().post('/api/v1/potential-key-accounts/generate').auth(market, { type: 'bearer' }).send({}).expect(403);
      await api().post(`/api/v1/potential-key-accounts/${ids.top}/notes`).auth(analyst, { type: 'bearer' }).send({ channel: 'phone', note: 'x' }).expect(403);
      await api().get(`/api/v1/potential-key-accounts/${randomUUID()}`).auth(service, { type: 'bearer' }).expect(404);
      await api().get('/api/v1/potential-key-accounts').query({ sort: 'name' }).auth(service, { type: 'bearer' }).expect(400);
    });
  });
});
