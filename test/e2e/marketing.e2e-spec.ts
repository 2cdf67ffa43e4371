import request from 'supertest';
import { createHash, randomUUID } from 'node:crypto';
import { accountInput, cityDay, cityMonth, insertTestCustomer, RunningNode, tokenFor } from '@crm/testing';
import { PublicationService } from '@crm/federation';
import { CampaignFactsProducer } from '@crm/marketing';
import { startSingleCity } from './city-node.fixture';

/** The control-group rule, computed here independently of the library: md5(campaign:customer), first 32 bits, mod 100 < percent. */
const inControl = (campaignId: string, customerId: string, percent: number): boolean =>
  parseInt(createHash('md5').update(`${campaignId}:${customerId}`).digest('hex').slice(0, 8), 16) % 100 < percent;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const maskedPhone = (p: string): string => `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;

interface Contact { customerId: string; name: string; phone: string; group: string; outcomes: string[] }

describe('Marketing API (市場調研, 營銷手段, 營銷方案, 營銷活動)', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let analyst: string;
  let service: string;
  const api = () => request(node.url);

  beforeAll(async () => {
    // the worker runs too: it publishes the campaign facts
    node = await startSingleCity({ worker: true });
    [admin, market, analyst, service] = await Promise.all(['admin', 'market', 'analyst', 'service'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const audits = (entityType: string, entityId?: string): Promise<{ action: string; actor_username: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null }[]> =>
    node.dataSource.query(`SELECT action, actor_username, old_values, new_values FROM audit_log WHERE entity_type = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`, [entityType, entityId ?? null]);

  describe('market research (市場調研)', () => {
    const input = (o: Record<string, unknown> = {}) => ({ title: '天河寬帶需求調研', topic: '千兆寬帶', method: 'survey', periodFrom: '2026-10-01', periodTo: '2026-10-31', districtCode: '440106', region: '天河北', findings: '六成用戶願意升級', source: '問卷 1,200 份', ...o });

    it('create, list with filters / sort / pagination, get, PATCH with version, delete; audited', async () => {
      const a = await api().post('/api/v1/market-research').auth(market, { type: 'bearer' }).send(input()).expect(201);
      expect(a.body).toMatchObject({ title: '天河寬帶需求調研', method: 'survey', districtCode: '440106', version: 1, createdBy: 'market' });
      const b = await api().post('/api/v1/market-research').auth(admin, { type: 'bearer' }).send(input({ title: '越秀商戶訪談', topic: '專線', method: 'interview', districtCode: '440104', periodFrom: '2026-11-01', periodTo: '2026-11-15', region: undefined })).expect(201);
      await api().post('/api/v1/market-research').auth(market, { type: 'bearer' }).send(input({ title: '競品資料', topic: '競品', method: 'desk', districtCode: undefined, region: '全市', periodFrom: '2026-09-01', periodTo: '2026-09-02' })).expect(201);

      const all = await api().get('/api/v1/market-research').query({ sort: 'periodFrom', pageSize: 2 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(all.body.items.map((r: { title: string }) => r.title)).toEqual(['競品資料', '天河寬帶需求調研']);
      const page2 = await api().get('/api/v1/market-research').query({ sort: 'periodFrom', pageSize: 2, page: 2 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(page2.body.items.map((r: { title: string }) => r.title)).toEqual(['越秀商戶訪談']);
      const filtered = await api().get('/api/v1/market-research').query({ method: 'interview', districtCode: '440104' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(filtered.body.items.map((r: { id: string }) => r.id)).toEqual([b.body.id]);
      const words = await api().get('/api/v1/market-research').query({ q: '天河北' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(words.body.items.map((r: { id: string }) => r.id)).toEqual([a.body.id]);
      const period = await api().get('/api/v1/market-research').query({ from: '2026-10-15', to: '2026-11-30', sort: '-periodFrom' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(period.body.items.map((r: { id: string }) => r.id)).toEqual([b.body.id, a.body.id]);

      expect((await api().get(`/api/v1/market-research/${a.body.id}`).auth(analyst, { type: 'bearer' }).expect(200)).body.findings).toBe('六成用戶願意升級');
      const changed = await api().patch(`/api/v1/market-research/${a.body.id}`).auth(market, { type: 'bearer' }).send({ findings: '七成', region: null, version: 1 }).expect(200);
      expect(changed.body).toMatchObject({ findings: '七成', region: null, version: 2 });
      await api().patch(`/api/v1/market-research/${a.body.id}`).auth(market, { type: 'bearer' }).send({ findings: '八成', version: 1 }).expect(409);
      await api().patch(`/api/v1/market-research/${a.body.id}`).auth(market, { type: 'bearer' }).send({ periodTo: '2026-09-01', version: 2 }).expect(400);
      await api().delete(`/api/v1/market-research/${b.body.id}`).auth(market, { type: 'bearer' }).expect(204);
      await api().get(`/api/v1/market-research/${b.body.id}`).auth(market, { type: 'bearer' }).expect(404);

      const trail = await audits('market_research', a.body.id);
      expect(trail.map((t) => t.action)).toEqual(['create', 'update']);
      expect(trail[1].new_values).toMatchObject({ findings: '2 characters', region: null });
      expect((await audits('market_research', b.body.id)).map((t) => [t.action, t.actor_username])).toEqual([['create', 'admin'], ['delete', 'market']]);
    });

    it('exports csv, xlsx and html with the filters; audited', async () => {
      const csv = await api().get('/api/v1/market-research/export').query({ format: 'csv', method: 'survey' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain('天河寬帶需求調研');
      expect(csv.text).not.toContain('競品資料');
      const xlsx = await api().get('/api/v1/market-research/export').query({ format: 'xlsx' }).auth(analyst, { type: 'bearer' }).buffer(true).expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const html = await api().get('/api/v1/market-research/export').query({ format: 'html' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(html.text).toContain('市場調研');
      expect((await audits('market_research')).filter((t) => t.action === 'export')).toHaveLength(3);
      await api().get('/api/v1/market-research/export').query({ format: 'pdf' }).auth(analyst, { type: 'bearer' }).expect(400);
    });

    it('400 for bad input (no partial write), 404, 403', async () => {
      const before = (await node.dataSource.query(`SELECT count(*)::int AS n FROM market_research`))[0].n;
      for (const body of [input({ method: 'guess' }), input({ periodTo: '2026-09-01' }), input({ title: '' }), input({ districtCode: '999999' }), input({ periodFrom: '2026-02-30' }), { ...input(), extra: 1 }]) {
        const res = await api().post('/api/v1/market-research').auth(market, { type: 'bearer' }).send(body).expect(400);
        expect(res.body.details?.length).toBeGreaterThan(0);
      }
      const unknownDistrict = await api().post('/api/v1/market-research').auth(market, { type: 'bearer' }).send(input({ districtCode: '999999' })).expect(400);
      expect(unknownDistrict.body.details).toEqual([{ field: 'districtCode', problem: 'unknown reference' }]);
      expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM market_research`))[0].n).toBe(before);
      await api().get(`/api/v1/market-research/${randomUUID()}`).auth(market, { type: 'bearer' }).expect(404);
      await api().get('/api/v1/market-research/nope').auth(market, { type: 'bearer' }).expect(400);
      await api().patch(`/api/v1/market-research/${randomUUID()}`).auth(market, { type: 'bearer' }).send({ title: 'x', version: 1 }).expect(404);
      await api().delete(`/api/v1/market-research/${randomUUID()}`).auth(market, { type: 'bearer' }).expect(404);
      await api().post('/api/v1/market-research').auth(analyst, { type: 'bearer' }).send(input()).expect(403);
      await api().get('/api/v1/market-research').auth(service, { type: 'bearer' }).expect(403);
      await api().get('/api/v1/market-research').expect(401);
    });
  });

  describe('marketing methods (營銷手段)', () => {
    it('CRUD, filters, export, duplicate name 409, stale version 409, 400, 404, 403; audited', async () => {
      const sms = await api().post('/api/v1/marketing-methods').auth(market, { type: 'bearer' }).send({ name: '短信群發', channel: 'sms', costModel: 'per_contact', unitCostFen: 5, description: '106 短信' }).expect(201);
      expect(sms.body).toMatchObject({ name: '短信群發', channel: 'sms', costModel: 'per_contact', unitCostFen: 5, version: 1 });
      const call = await api().post('/api/v1/marketing-methods').auth(market, { type: 'bearer' }).send({ name: '外呼', channel: 'phone', costModel: 'per_conversion', unitCostFen: 2_000 }).expect(201);
      await api().post('/api/v1/marketing-methods').auth(market, { type: 'bearer' }).send({ name: '短信群發', channel: 'sms', costModel: 'fixed' }).expect(409);
      await api().post('/api/v1/marketing-methods').auth(market, { type: 'bearer' }).send({ name: '信鴿', channel: 'pigeon', costModel: 'fixed' }).expect(400);
      await api().post('/api/v1/marketing-methods').auth(market, { type: 'bearer' }).send({ name: '負成本', channel: 'sms', costModel: 'fixed', unitCostFen: -1 }).expect(400);

      const list = await api().get('/api/v1/marketing-methods').query({ channel: 'phone' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(list.body).toMatchObject({ total: 1, items: [{ id: call.body.id }] });
      const asc = await api().get('/api/v1/marketing-methods').query({ sort: 'name' }).auth(analyst, { type: 'bearer' }).expect(200);
      const desc = await api().get('/api/v1/marketing-methods').query({ sort: '-name', q: '' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(asc.body.items.map((m: { name: string }) => m.name).sort()).toEqual(['外呼', '短信群發'].sort());
      expect(desc.body.items.map((m: { name: string }) => m.name)).toEqual([...asc.body.items.map((m: { name: string }) => m.name)].reverse());
      expect((await api().get('/api/v1/marketing-methods').query({ costModel: 'per_contact', q: '短信' }).auth(analyst, { type: 'bearer' }).expect(200)).body.total).toBe(1);
      const csv = await api().get('/api/v1/marketing-methods/export').query({ format: 'csv' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(csv.text).toContain('外呼');
      expect(csv.text).toContain('2000');
      await api().get('/api/v1/marketing-methods/export').query({ format: 'html', channel: 'sms' }).auth(analyst, { type: 'bearer' }).expect(200);

      const changed = await api().patch(`/api/v1/marketing-methods/${call.body.id}`).auth(market, { type: 'bearer' }).send({ unitCostFen: null, description: '人工外呼', version: 1 }).expect(200);
      expect(changed.body).toMatchObject({ unitCostFen: null, description: '人工外呼', version: 2 });
      await api().patch(`/api/v1/marketing-methods/${call.body.id}`).auth(market, { type: 'bearer' }).send({ name: '短信群發', version: 2 }).expect(409);
      await api().patch(`/api/v1/marketing-methods/${call.body.id}`).auth(market, { type: 'bearer' }).send({ name: 'x', version: 1 }).expect(409);
      await api().get(`/api/v1/marketing-methods/${call.body.id}`).auth(analyst, { type: 'bearer' }).expect(200);
      await api().get(`/api/v1/marketing-methods/${randomUUID()}`).auth(analyst, { type: 'bearer' }).expect(404);
      await api().patch(`/api/v1/marketing-methods/${call.body.id}`).auth(analyst, { type: 'bearer' }).send({ name: 'y', version: 2 }).expect(403);
      await api().delete(`/api/v1/marketing-methods/${call.body.id}`).auth(analyst, { type: 'bearer' }).expect(403);
      await api().delete(`/api/v1/marketing-methods/${call.body.id}`).auth(market, { type: 'bearer' }).expect(204);
      await api().delete(`/api/v1/marketing-methods/${call.body.id}`).auth(market, { type: 'bearer' }).expect(404);
      expect((await audits('marketing_method', call.body.id)).map((t) => t.action)).toEqual(['create', 'update', 'delete']);
    });
  });

  describe('plans, campaigns, contact lists, responses, evaluation, facts', () => {
    const CONTROL = 30;
    const keyAccounts: string[] = [];
    const phones = new Map<string, string>();
    let residentRich: string;
    let residentPoor: string;
    let residentNone: string;
    let planId: string;
    let planVersion: number;
    let methodId: string;
    let segmentCampaign: { id: string; version: number };
    let queryCampaign: { id: string; version: number };
    let target: string[] = [];
    let control: string[] = [];
    const start = `${cityMonth(-1)}-01`;

    const planInput = (o: Record<string, unknown> = {}) => ({ title: '千兆寬帶升級方案', objective: '升級 500 戶', periodFrom: start, periodTo: cityDay(60), budgetFen: 5_000_000, controlGroupPercent: CONTROL, content: '一、短信；二、外呼', ...o });
    const move = (id: string, body: Record<string, unknown>, token = market) => api().post(`/api/v1/marketing-plans/${id}/transitions`).auth(token, { type: 'bearer' }).send(body);
    const campaignMove = (id: string, body: Record<string, unknown>, token = market) => api().post(`/api/v1/campaigns/${id}/transitions`).auth(token, { type: 'bearer' }).send(body);
    async function bill(customerId: string, month: string, amountFen: number): Promise<void> {
      const [acc] = await node.dataSource.query(`SELECT id FROM account WHERE customer_id = $1`, [customerId]);
      const accountId = acc?.id ?? (await api().post('/api/v1/accounts').auth(admin, { type: 'bearer' }).send(accountInput(customerId)).expect(201)).body.id;
      const [y, m] = month.split('-').map(Number);
      const due = m === 12 ? `${y + 1}-01-15` : `${y}-${String(m + 1).padStart(2, '0')}-15`;
      await api().post('/api/v1/bills').auth(admin, { type: 'bearer' }).send({ accountId, billingMonth: month, dueDate: due, items: [{ itemType: 'monthly_fee', service: 'voice', amountFen }] }).expect(201);
    }
    async function contactsOf(id: string, token = market, query: Record<string, unknown> = {}): Promise<Contact[]> {
      return (await api().get(`/api/v1/campaigns/${id}/contacts`).query({ pageSize: 200, ...query }).auth(token, { type: 'bearer' }).expect(200)).body.items;
    }

    beforeAll(async () => {
      for (let i = 0; i < 40; i++) {
        const id = await insertTestCustomer(node.dataSource, '440104');
        await node.dataSource.query(`UPDATE customer SET customer_type = 'key_individual', name = $2 WHERE id = $1`, [id, `大客戶${String(i).padStart(2, '0')}`]);
        keyAccounts.push(id);
      }
      // a closed (deleted) key account: never on a contact list
      const closed = await insertTestCustomer(node.dataSource, '440104');
      await node.dataSource.query(`UPDATE customer SET customer_type = 'key_individual', deleted_at = now() WHERE id = $1`, [closed]);
      [residentRich, residentPoor, residentNone] = [await insertTestCustomer(node.dataSource, '440106'), await insertTestCustomer(node.dataSource, '440106'), await insertTestCustomer(node.dataSource, '440106')];
      for (const r of await node.dataSource.query(`SELECT id, phone FROM customer`)) phones.set(r.id, r.phone);
      await bill(residentRich, cityMonth(-2), 10_000);
      await bill(residentRich, cityMonth(-1), 10_000);
      await bill(residentPoor, cityMonth(-2), 5_000);
      // directives received from above: a campaign from HQ, a promotion policy from the province, and one of another kind
      const dir = `INSERT INTO directive (origin_node, key, version, kind, title, content, effective_from, scope, issued_at, issued_by, received_at, received_from)
                   VALUES ($1, $2, $3, $4, $5, '{}', $6, NULL, now(), 'hq-admin', now(), '440000')`;
      await node.dataSource.query(dir, ['000000', 'fttr-2027', 1, 'campaign', '全國千兆升級活動', cityDay(-40)]);
      await node.dataSource.query(dir, ['000000', 'fttr-2027', 2, 'campaign', '全國千兆升級活動（二版）', cityDay(-10)]);
      await node.dataSource.query(dir, ['440000', 'gd-promo', 1, 'promotion_policy', '廣東優惠', cityDay(-40)]);
      await node.dataSource.query(dir, ['000000', 'service-std', 1, 'service_indicators', '服務指標', cityDay(-40)]);
      methodId = (await api().post('/api/v1/marketing-methods').auth(market, { type: 'bearer' }).send({ name: '短信觸達', channel: 'sms', costModel: 'per_contact', unitCostFen: 5 }).expect(201)).body.id;
      await api().post('/api/v1/segments/recompute').auth(admin, { type: 'bearer' }).send({}).expect(200);
    });

    it('plan lifecycle with a revise loop; every transition recorded with who and why; editable only while draft / revised', async () => {
      const created = await api().post('/api/v1/marketing-plans').auth(market, { type: 'bearer' }).send(planInput()).expect(201);
      planId = created.body.id;
      expect(created.body).toMatchObject({ state: 'draft', nextStates: ['evaluation'], controlGroupPercent: CONTROL, budgetFen: 5_000_000, version: 1, previousEvaluations: [], campaignIds: [] });
      await move(planId, { to: 'confirmed', version: 1 }).expect(409);
      expect((await api().patch(`/api/v1/marketing-plans/${planId}`).auth(market, { type: 'bearer' }).send({ title: '千兆寬帶升級方案（一稿）', version: 1 }).expect(200)).body.version).toBe(2);
      await move(planId, { to: 'evaluation', version: 2 }).expect(200);
      await api().patch(`/api/v1/marketing-plans/${planId}`).auth(market, { type: 'bearer' }).send({ title: 'x', version: 3 }).expect(409);
      const noReason = await move(planId, { to: 'rejected', version: 3 }).expect(400);
      expect(noReason.body.details).toEqual([{ field: 'reason', problem: 'required when moving to rejected' }]);
      await move(planId, { to: 'rejected', reason: '預算過高', version: 3 }).expect(200);
      await move(planId, { to: 'revised', reason: '壓縮預算', version: 4 }).expect(200);
      await api().patch(`/api/v1/marketing-plans/${planId}`).auth(market, { type: 'bearer' }).send({ budgetFen: 3_000_000, version: 5 }).expect(200);
      await move(planId, { to: 'evaluation', version: 6 }).expect(200);
      await move(planId, { to: 'adopted', version: 7 }).expect(200);
      await move(planId, { to: 'revised', reason: '加入對照組說明', version: 8 }).expect(200);
      await move(planId, { to: 'evaluation', version: 9 }).expect(200);
      await move(planId, { to: 'adopted', version: 10 }).expect(200);
      await move(planId, { to: 'confirmed', version: 10 }).expect(409); // stale
      const confirmed = await move(planId, { to: 'confirmed', version: 11 }).expect(200);
      planVersion = confirmed.body.version;
      expect(confirmed.body).toMatchObject({ state: 'confirmed', budgetFen: 3_000_000, nextStates: ['executing'] });
      expect(confirmed.body.previousEvaluations).toBeUndefined();
      expect(confirmed.body.history.map((h: { fromState: string | null; toState: string; reason: string | null; by: string }) => [h.fromState, h.toState, h.reason, h.by])).toEqual([
        [null, 'draft', null, 'market'], ['draft', 'evaluation', null, 'market'], ['evaluation', 'rejected', '預算過高', 'market'], ['rejected', 'revised', '壓縮預算', 'market'],
        ['revised', 'evaluation', null, 'market'], ['evaluation', 'adopted', null, 'market'], ['adopted', 'revised', '加入對照組說明', 'market'], ['revised', 'evaluation', null, 'market'],
        ['evaluation', 'adopted', null, 'market'], ['adopted', 'confirmed', null, 'market'],
      ]);
      const rows = await node.dataSource.query(`SELECT count(*)::int AS n FROM marketing_plan_transition WHERE plan_id = $1`, [planId]);
      expect(rows[0].n).toBe(10);
      await move(planId, { to: 'evaluated', version: planVersion }).expect(409);
      await api().post(`/api/v1/marketing-plans/${planId}/stage-results`).auth(market, { type: 'bearer' }).send({ stage: '一', result: '太早' }).expect(409);
      await move(planId, { to: 'executing', version: planVersion }, analyst).expect(403);
      await move(randomUUID(), { to: 'evaluation', version: 1 }).expect(404);
      await move(planId, { to: 'flying', version: planVersion }).expect(400);
      // 9 transitions and 2 edits
      expect((await audits('marketing_plan', planId)).filter((a) => a.action === 'update').length).toBe(11);
    });

    it('campaigns: segment target linked to a received directive, saved-query target; 400 / 404 / 409 / 403', async () => {
      const segmentInput = (o: Record<string, unknown> = {}) => ({
        planId, code: 'gz-fttr-2027', name: '千兆升級短信', channel: 'sms', methodId, directiveOrigin: '000000', directiveKey: 'fttr-2027',
        segmentDimension: 'attribute', segment: 'key_individual', segmentPeriod: cityMonth(0), startDate: start, endDate: cityDay(20), evaluationMonths: 1, ...o,
      });
      const seg = await api().post('/api/v1/campaigns').auth(market, { type: 'bearer' }).send(segmentInput()).expect(201);
      expect(seg.body).toMatchObject({ status: 'planned', targetKind: 'segment', segmentPeriod: cityMonth(0), directiveOrigin: '000000', directiveKey: 'fttr-2027', directiveVersion: 2, contacts: { target: 0, control: 0 }, contactListAt: null });
      segmentCampaign = { id: seg.body.id, version: seg.body.version };
      const pinned = await api().post('/api/v1/campaigns').auth(market, { type: 'bearer' }).send(segmentInput({ code: 'gz-promo', directiveOrigin: '440000', directiveKey: 'gd-promo', directiveVersion: 1, channel: 'hall' })).expect(201);
      expect(pinned.body.directiveVersion).toBe(1);

      const query = await api().post('/api/v1/campaigns').auth(market, { type: 'bearer' })
        .send({ planId, code: 'gz-residents', name: '高消費住宅', channel: 'phone', customerQuery: { customerTypes: ['public_residential'], districtCodes: ['440106'], minAnnualSpendFen: 10_000 }, startDate: cityDay(0), endDate: cityDay(30) }).expect(201);
      expect(query.body).toMatchObject({ targetKind: 'query', customerQuery: { customerTypes: ['public_residential'], districtCodes: ['440106'], minAnnualSpendFen: 10_000 }, directiveKey: null, evaluationMonths: 3 });
      queryCampaign = { id: query.body.id, version: query.body.version };

      const bad = async (body: Record<string, unknown>, field: string) => {
        const res = await api().post('/api/v1/campaigns').auth(market, { type: 'bearer' }).send(body).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      };
      const count = async () => (await node.dataSource.query(`SELECT count(*)::int AS n FROM campaign`))[0].n;
      const before = await count();
      await bad(segmentInput({ code: 'x1', directiveKey: 'no-such' }), 'directiveKey');
      await bad(segmentInput({ code: 'x2', directiveKey: 'service-std' }), 'directiveKey'); // not a campaign / promotion_policy directive
      await bad(segmentInput({ code: 'x3', directiveVersion: 7 }), 'directiveVersion');
      await bad(segmentInput({ code: 'x4', directiveOrigin: undefined }), 'directiveOrigin');
      await bad(segmentInput({ code: 'x5', segment: 'no_such' }), 'segment');
      await bad(segmentInput({ code: 'x6', segmentPeriod: undefined }), 'segmentPeriod');
      await bad(segmentInput({ code: 'x7', customerQuery: { statuses: ['active'] } }), 'customerQuery');
      await bad({ ...segmentInput({ code: 'x8' }), segmentDimension: undefined, segment: undefined, segmentPeriod: undefined, customerQuery: { customerTypes: ['vip'], sql: 'DROP TABLE customer' } }, 'customerQuery.customerTypes');
      await bad({ ...segmentInput({ code: 'x9' }), segmentDimension: undefined, segment: undefined, segmentPeriod: undefined, customerQuery: {} }, 'customerQuery');
      await bad(segmentInput({ code: 'x10', planId: randomUUID() }), 'planId');
      await bad(segmentInput({ code: 'x11', methodId: randomUUID() }), 'methodId');
      await bad(segmentInput({ code: 'x12', endDate: cityMonth(-3) + '-01' }), 'endDate');
      await bad(segmentInput({ code: 'Not A Code' }), 'code');
      await bad(segmentInput({ code: 'x13', channel: 'pigeon' }), 'channel');
      await api().post('/api/v1/campaigns').auth(market, { type: 'bearer' }).send(segmentInput()).expect(409); // duplicate code
      expect(await count()).toBe(before);
      await api().post('/api/v1/campaigns').auth(analyst, { type: 'bearer' }).send(segmentInput({ code: 'x14' })).expect(403);
      await api().get('/api/v1/campaigns').auth(service, { type: 'bearer' }).expect(403);

      // list, filters, export, get, PATCH, delete a planned one
      const byDirective = await api().get('/api/v1/campaigns').query({ directiveKey: 'fttr-2027' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(byDirective.body.items.map((c: { id: string }) => c.id)).toEqual([segmentCampaign.id]);
      const byPlan = await api().get('/api/v1/campaigns').query({ planId, sort: 'code', pageSize: 2 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(byPlan.body).toMatchObject({ total: 3, pageSize: 2 });
      expect(byPlan.body.items.map((c: { code: string }) => c.code)).toEqual(['gz-fttr-2027', 'gz-promo']);
      expect((await api().get('/api/v1/campaigns').query({ channel: 'phone', status: 'planned', startFrom: cityDay(0), q: '住宅' }).auth(analyst, { type: 'bearer' }).expect(200)).body.total).toBe(1);
      const csv = await api().get('/api/v1/campaigns/export').query({ format: 'csv', planId }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(csv.text).toContain('000000:fttr-2027 v2');
      expect(csv.text).toContain('attribute/key_individual');
      await api().get('/api/v1/campaigns/export').query({ format: 'xlsx' }).auth(analyst, { type: 'bearer' }).buffer(true).expect(200);
      const edited = await api().patch(`/api/v1/campaigns/${queryCampaign.id}`).auth(market, { type: 'bearer' }).send({ name: '高消費住宅外呼', description: '三個月', version: 1 }).expect(200);
      expect(edited.body).toMatchObject({ name: '高消費住宅外呼', version: 2 });
      queryCampaign.version = 2;
      await api().patch(`/api/v1/campaigns/${queryCampaign.id}`).auth(market, { type: 'bearer' }).send({ name: 'stale', version: 1 }).expect(409);
      await api().patch(`/api/v1/campaigns/${queryCampaign.id}`).auth(market, { type: 'bearer' }).send({ endDate: cityDay(-100), version: 2 }).expect(400);
      await api().get(`/api/v1/campaigns/${randomUUID()}`).auth(analyst, { type: 'bearer' }).expect(404);
      await api().delete(`/api/v1/campaigns/${pinned.body.id}`).auth(analyst, { type: 'bearer' }).expect(403);
      await api().delete(`/api/v1/campaigns/${pinned.body.id}`).auth(market, { type: 'bearer' }).expect(204);
      expect((await audits('campaign', pinned.body.id)).map((a) => a.action)).toEqual(['create', 'delete']);
      // the method is in use; the plan has campaigns
      await api().delete(`/api/v1/marketing-methods/${methodId}`).auth(market, { type: 'bearer' }).expect(409);
    });

    it('contact lists: set-based from the segment and the saved query, with the deterministic control group; masked per role', async () => {
      await campaignMove(segmentCampaign.id, { to: 'active', version: segmentCampaign.version }).expect(409); // no contact list yet
      const built = await api().post(`/api/v1/campaigns/${segmentCampaign.id}/contact-list`).auth(market, { type: 'bearer' }).expect(201);
      const expectedControl = keyAccounts.filter((c) => inControl(segmentCampaign.id, c, CONTROL));
      expect(built.body).toMatchObject({ campaignId: segmentCampaign.id, target: 40 - expectedControl.length, control: expectedControl.length, controlGroupPercent: CONTROL });
      expect(expectedControl.length).toBeGreaterThan(0);
      const contacts = await contactsOf(segmentCampaign.id);
      expect(contacts).toHaveLength(40);
      expect(contacts.filter((c) => c.group === 'control').map((c) => c.customerId).sort()).toEqual([...expectedControl].sort());
      target = contacts.filter((c) => c.group === 'target').map((c) => c.customerId);
      control = contacts.filter((c) => c.group === 'control').map((c) => c.customerId);
      // rebuilding gives the same split
      const again = await api().post(`/api/v1/campaigns/${segmentCampaign.id}/contact-list`).auth(market, { type: 'bearer' }).expect(201);
      expect([again.body.target, again.body.control]).toEqual([built.body.target, built.body.control]);
      expect((await contactsOf(segmentCampaign.id, market, { group: 'control' })).map((c) => c.customerId).sort()).toEqual([...expectedControl].sort());

      // masked for market (no personal-data permission), clear for admin and audited
      const c0 = contacts[0];
      expect(c0.phone).toBe(maskedPhone(phones.get(c0.customerId)!));
      const clear = await contactsOf(segmentCampaign.id, admin);
      expect(clear.find((c) => c.customerId === c0.customerId)!.phone).toBe(phones.get(c0.customerId));
      expect((await audits('campaign_contact', segmentCampaign.id)).map((a) => [a.action, a.actor_username])).toEqual([['read-personal-data', 'admin']]);
      const page = await api().get(`/api/v1/campaigns/${segmentCampaign.id}/contacts`).query({ pageSize: 5, page: 2 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(page.body).toMatchObject({ total: 40, page: 2, pageSize: 5 });
      expect(page.body.items).toHaveLength(5);
      const csv = await api().get(`/api/v1/campaigns/${segmentCampaign.id}/contacts/export`).query({ format: 'csv', group: 'target' }).auth(market, { type: 'bearer' }).expect(200);
      const t0 = target[0];
      expect(csv.text).toContain(t0);
      expect(csv.text).toContain(maskedPhone(phones.get(t0)!));
      expect(csv.text).not.toContain(phones.get(t0)!);
      expect(csv.text).not.toContain(control[0]);
      const adminCsv = await api().get(`/api/v1/campaigns/${segmentCampaign.id}/contacts/export`).query({ format: 'csv' }).auth(admin, { type: 'bearer' }).expect(200);
      expect(adminCsv.text).toContain(phones.get(t0)!);
      await api().get(`/api/v1/campaigns/${segmentCampaign.id}/contacts/export`).query({ format: 'html' }).auth(market, { type: 'bearer' }).expect(200);
      expect((await audits('campaign_contact', segmentCampaign.id)).map((a) => a.action)).toEqual(['read-personal-data', 'export', 'read-personal-data', 'export']);
      await api().get(`/api/v1/campaigns/${randomUUID()}/contacts`).auth(market, { type: 'bearer' }).expect(404);
      await api().get(`/api/v1/campaigns/${randomUUID()}/contacts/export`).query({ format: 'csv' }).auth(market, { type: 'bearer' }).expect(404);
      await api().post(`/api/v1/campaigns/${randomUUID()}/contact-list`).auth(market, { type: 'bearer' }).expect(404);
      await api().post(`/api/v1/campaigns/${segmentCampaign.id}/contact-list`).auth(analyst, { type: 'bearer' }).expect(403);

      // the saved query: public residential in 440106 with ≥ 10,000 fen billed in the 12 months before the start
      const q = await api().post(`/api/v1/campaigns/${queryCampaign.id}/contact-list`).auth(market, { type: 'bearer' }).expect(201);
      const richInControl = inControl(queryCampaign.id, residentRich, CONTROL);
      expect([q.body.target, q.body.control]).toEqual(richInControl ? [0, 1] : [1, 0]);
      expect((await contactsOf(queryCampaign.id)).map((c) => c.customerId)).toEqual([residentRich]);
      expect([residentPoor, residentNone].every((id) => id !== residentRich)).toBe(true);
      const built2 = (await api().get(`/api/v1/campaigns/${segmentCampaign.id}`).auth(analyst, { type: 'bearer' }).expect(200)).body;
      expect(built2.contacts).toEqual({ target: target.length, control: control.length });
      expect(built2.contactListAt).not.toBeNull();
      segmentCampaign.version = built2.version;
    });

    it('campaigns run while the plan executes; responses single and batch; stage results', async () => {
      await campaignMove(segmentCampaign.id, { to: 'active', version: segmentCampaign.version }).expect(409); // plan only confirmed
      await api().post(`/api/v1/campaigns/${segmentCampaign.id}/responses`).auth(market, { type: 'bearer' }).send({ customerId: target[0], channel: 'sms', outcome: 'contacted' }).expect(409); // not active
      planVersion = (await move(planId, { to: 'executing', version: planVersion }).expect(200)).body.version;
      await campaignMove(segmentCampaign.id, { to: 'closed', version: segmentCampaign.version }).expect(409);
      const active = await campaignMove(segmentCampaign.id, { to: 'active', version: segmentCampaign.version }).expect(200);
      segmentCampaign.version = active.body.version;
      expect(active.body.status).toBe('active');
      await api().post(`/api/v1/campaigns/${segmentCampaign.id}/contact-list`).auth(market, { type: 'bearer' }).expect(409);
      await api().delete(`/api/v1/campaigns/${segmentCampaign.id}`).auth(market, { type: 'bearer' }).expect(409);

      const [t1, t2, t3, t4] = target;
      const [c1] = control;
      const single = await api().post(`/api/v1/campaigns/${segmentCampaign.id}/responses`).auth(market, { type: 'bearer' }).send({ customerId: t1, channel: 'sms', outcome: 'converted', revenueFen: 3_000 }).expect(201);
      expect(single.body).toEqual({ recorded: 1, duplicates: 0 });
      const batch = await api().post(`/api/v1/campaigns/${segmentCampaign.id}/responses`).auth(market, { type: 'bearer' }).send({
        responses: [
          { customerId: t1, channel: 'sms', outcome: 'contacted' },
          { customerId: t1, channel: 'sms', outcome: 'converted', revenueFen: 3_000 }, // already recorded
          { customerId: t2, channel: 'sms', outcome: 'contacted' },
          { customerId: t2, channel: 'sms', outcome: 'declined' },
          { customerId: t3, channel: 'sms', outcome: 'contacted', at: new Date(Date.now() - 60_000).toISOString() },
          { customerId: t4, channel: 'phone', outcome: 'responded' },
          { customerId: c1, channel: 'hall', outcome: 'converted' },
        ],
      }).expect(201);
      expect(batch.body).toEqual({ recorded: 6, duplicates: 1 });

      const refused = async (body: Record<string, unknown>, field: string) => {
        const res = await api().post(`/api/v1/campaigns/${segmentCampaign.id}/responses`).auth(market, { type: 'bearer' }).send(body).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      };
      const countResponses = async () => (await node.dataSource.query(`SELECT count(*)::int AS n FROM campaign_response`))[0].n;
      const before = await countResponses();
      await refused({ responses: [{ customerId: t1, channel: 'sms', outcome: 'responded' }, { customerId: residentRich, channel: 'sms', outcome: 'contacted' }] }, 'responses.1.customerId');
      await refused({ customerId: t1, channel: 'sms', outcome: 'accepted', revenueFen: 10 }, 'revenueFen');
      await refused({ customerId: t1, channel: 'sms', outcome: 'accepted', at: new Date(Date.now() + 86_400_000).toISOString() }, 'at');
      await refused({ customerId: t1, channel: 'sms', outcome: 'accepted', at: '2027-01-01' }, 'at');
      await refused({ customerId: t1, channel: 'sms', outcome: 'maybe' }, 'outcome');
      await refused({ customerId: t1, channel: 'sms' }, 'outcome');
      await refused({ responses: [{ customerId: t1, channel: 'sms', outcome: 'accepted' }], customerId: t2 }, 'customerId');
      await refused({ responses: [] }, 'responses');
      expect(await countResponses()).toBe(before);
      await api().post(`/api/v1/campaigns/${randomUUID()}/responses`).auth(market, { type: 'bearer' }).send({ customerId: t1, channel: 'sms', outcome: 'contacted' }).expect(404);
      await api().post(`/api/v1/campaigns/${segmentCampaign.id}/responses`).auth(analyst, { type: 'bearer' }).send({ customerId: t1, channel: 'sms', outcome: 'contacted' }).expect(403);

      const listed = await api().get(`/api/v1/campaigns/${segmentCampaign.id}/responses`).query({ outcome: 'converted' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(listed.body.items.map((r: { customerId: string; revenueFen: number | null; channel: string }) => [r.customerId, r.channel, r.revenueFen]).sort()).toEqual([[t1, 'sms', 3_000], [c1, 'hall', null]].sort());
      expect((await api().get(`/api/v1/campaigns/${segmentCampaign.id}/responses`).query({ customerId: t2, pageSize: 1 }).auth(analyst, { type: 'bearer' }).expect(200)).body).toMatchObject({ total: 2, pageSize: 1 });
      expect((await api().get(`/api/v1/campaigns/${segmentCampaign.id}/responses`).query({ channel: 'phone' }).auth(analyst, { type: 'bearer' }).expect(200)).body.total).toBe(1);
      await api().get(`/api/v1/campaigns/${randomUUID()}/responses`).auth(analyst, { type: 'bearer' }).expect(404);
      expect((await contactsOf(segmentCampaign.id)).find((c) => c.customerId === t2)!.outcomes).toEqual(['contacted', 'declined']);
      expect((await audits('campaign_response', segmentCampaign.id)).map((a) => a.new_values)).toEqual([
        { given: 1, recorded: 1, byOutcome: { converted: 1 } },
        { given: 7, recorded: 6, byOutcome: { contacted: 3, converted: 2, declined: 1, responded: 1 } },
      ]);

      const stage = await api().post(`/api/v1/marketing-plans/${planId}/stage-results`).auth(market, { type: 'bearer' }).send({ stage: '第一階段：短信', result: '觸達 4 戶', metrics: { contacted: 4 } }).expect(201);
      expect(stage.body).toMatchObject({ stage: '第一階段：短信', metrics: { contacted: 4 }, by: 'market' });
      await api().post(`/api/v1/marketing-plans/${planId}/stage-results`).auth(market, { type: 'bearer' }).send({ stage: 's', result: 'r', metrics: { contacted: 'many' } }).expect(400);
      await api().post(`/api/v1/marketing-plans/${planId}/stage-results`).auth(analyst, { type: 'bearer' }).send({ stage: 's', result: 'r' }).expect(403);
    });

    it('evaluation: reach, response, conversion, revenue after vs before and uplift over the control group, computed independently', async () => {
      const [t1, t2, t3] = target;
      const [c1, c2] = control.length >= 2 ? control : [control[0], control[0]];
      // billing months: before = the month before the start month, after = the start month (N = 1)
      const bills: [string, string, number][] = [
        [t1, cityMonth(-2), 10_000], [t2, cityMonth(-2), 10_000], [t1, cityMonth(-1), 15_000], [t2, cityMonth(-1), 12_000], [t3, cityMonth(-1), 5_000],
        [c1, cityMonth(-2), 10_000], [c1, cityMonth(-1), 11_000],
        // outside the window: counts neither before nor after
        [t3, cityMonth(-3), 99_000],
      ];
      if (c2 !== c1) bills.push([c2, cityMonth(-2), 10_000], [c2, cityMonth(-1), 10_000]);
      for (const [c, m, fen] of bills) await bill(c, m, fen);
      const sum = (ids: string[], month: string) => bills.filter(([c, m]) => ids.includes(c) && m === month).reduce((s, [, , f]) => s + f, 0);
      const tN = target.length;
      const cN = control.length;
      const tBefore = sum(target, cityMonth(-2));
      const tAfter = sum(target, cityMonth(-1));
      const cBefore = sum(control, cityMonth(-2));
      const cAfter = sum(control, cityMonth(-1));
      expect([tBefore, tAfter]).toEqual([20_000, 32_000]);

      const res = await api().get(`/api/v1/campaigns/${segmentCampaign.id}/evaluation`).auth(analyst, { type: 'bearer' }).expect(200);
      expect(res.body).toMatchObject({ campaignId: segmentCampaign.id, code: 'gz-fttr-2027', months: 1, beforeFrom: `${cityMonth(-2)}-01`, startMonth: `${cityMonth(-1)}-01`, afterTo: `${cityMonth(0)}-01`, complete: true, stored: false });
      expect(res.body.target).toEqual({
        targeted: tN, contacted: 4, responded: 3, converted: 1, reportedRevenueFen: 3_000, revenueBeforeFen: tBefore, revenueAfterFen: tAfter,
        reachRate: round4(4 / tN), responseRate: round4(3 / 4), conversionRate: round4(1 / tN), revenueChangeFen: tAfter - tBefore, revenueChangePerCustomerFen: Math.round((tAfter - tBefore) / tN),
      });
      expect(res.body.control).toEqual({
        targeted: cN, contacted: 1, responded: 1, converted: 1, reportedRevenueFen: 0, revenueBeforeFen: cBefore, revenueAfterFen: cAfter,
        reachRate: round4(1 / cN), responseRate: 1, conversionRate: round4(1 / cN), revenueChangeFen: cAfter - cBefore, revenueChangePerCustomerFen: Math.round((cAfter - cBefore) / cN),
      });
      const perCustomer = (tAfter - tBefore) / tN - (cAfter - cBefore) / cN;
      expect(res.body.uplift).toEqual({ conversionRate: round4(1 / tN - 1 / cN), revenuePerCustomerFen: Math.round(perCustomer), incrementalRevenueFen: Math.round(perCustomer * tN) });

      // a wider window takes in the earlier bill of t3 as "before"
      const wide = await api().get(`/api/v1/campaigns/${segmentCampaign.id}/evaluation`).query({ months: 2 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(wide.body).toMatchObject({ months: 2, beforeFrom: `${cityMonth(-3)}-01`, afterTo: `${cityMonth(1)}-01`, complete: false });
      expect(wide.body.target.revenueBeforeFen).toBe(tBefore + 99_000);
      await api().get(`/api/v1/campaigns/${segmentCampaign.id}/evaluation`).query({ months: 0 }).auth(analyst, { type: 'bearer' }).expect(400);
      await api().get(`/api/v1/campaigns/${randomUUID()}/evaluation`).auth(analyst, { type: 'bearer' }).expect(404);
      await api().get(`/api/v1/campaigns/${segmentCampaign.id}/evaluation`).auth(service, { type: 'bearer' }).expect(403);

      // a plan is evaluated only once its campaigns are closed
      await api().post(`/api/v1/marketing-plans/${planId}/evaluation`).auth(market, { type: 'bearer' }).send({ overallScore: 70, notes: 'x', version: planVersion }).expect(409);

      // closing stores the evaluation; afterwards the stored one answers
      const closed = await campaignMove(segmentCampaign.id, { to: 'closed', version: segmentCampaign.version }).expect(200);
      expect(closed.body.status).toBe('closed');
      const stored = await api().get(`/api/v1/campaigns/${segmentCampaign.id}/evaluation`).auth(analyst, { type: 'bearer' }).expect(200);
      expect(stored.body).toMatchObject({ stored: true, months: 1, target: res.body.target, control: res.body.control, uplift: res.body.uplift });
      const [row] = await node.dataSource.query(`SELECT months, evaluated_by, figures FROM campaign_evaluation WHERE campaign_id = $1`, [segmentCampaign.id]);
      expect(row).toMatchObject({ months: 1, evaluated_by: 'market' });
      expect(row.figures.target.targeted).toBe(tN);
      await api().post(`/api/v1/campaigns/${segmentCampaign.id}/responses`).auth(market, { type: 'bearer' }).send({ customerId: t1, channel: 'sms', outcome: 'responded' }).expect(409);
      await api().patch(`/api/v1/campaigns/${segmentCampaign.id}`).auth(market, { type: 'bearer' }).send({ name: 'late', version: closed.body.version }).expect(409);
      await campaignMove(segmentCampaign.id, { to: 'active', version: closed.body.version }).expect(409);
      const trail = await audits('campaign', segmentCampaign.id);
      expect(trail.map((a) => [a.action, a.old_values?.status ?? null, a.new_values?.status ?? null])).toEqual([
        ['create', null, null], ['update', null, null], ['update', null, null], ['update', 'planned', 'active'], ['update', 'active', 'closed'],
      ]);
    });

    it('facts: campaign results per month by campaign, directive, channel and group (additive)', async () => {
      const rows = await node.http!.get(CampaignFactsProducer).compute(node.dataSource.manager, { period: `${cityMonth(0)}-01`, timezone: 'Asia/Shanghai' });
      const mine = rows.filter((r) => r.dims.campaign === 'gz-fttr-2027');
      const pick = (channel: string, group: string) => mine.find((r) => r.dims.channel === channel && r.dims.group === group)?.measures;
      expect(mine.every((r) => r.dims.directive_key === 'fttr-2027' && r.dims.directive_origin === '000000' && r.dims.directive_version === '2')).toBe(true);
      expect(pick('sms', 'target')).toEqual({ targeted: target.length, contacted: 3, responded: 2, converted: 1, revenue_fen: 3_000 });
      expect(pick('phone', 'target')).toEqual({ targeted: 0, contacted: 1, responded: 1, converted: 0, revenue_fen: 0 });
      expect(pick('sms', 'control')).toEqual({ targeted: control.length, contacted: 0, responded: 0, converted: 0, revenue_fen: 0 });
      expect(pick('hall', 'control')).toEqual({ targeted: 0, contacted: 1, responded: 1, converted: 1, revenue_fen: 0 });
      expect(mine).toHaveLength(4);
      const local = rows.filter((r) => r.dims.campaign === 'gz-residents');
      expect(local.map((r) => [r.dims.directive_key, r.dims.channel, r.measures.targeted])).toEqual([['none', 'phone', 1]]);
      // the worker publishes them as a month slice for the province
      const published = await node.worker!.get(PublicationService).publish('marketing-e2e', cityDay(0), cityDay(0));
      expect(published.published).toEqual(expect.arrayContaining([expect.objectContaining({ metricSet: 'campaign_results', period: `${cityMonth(0)}-01`, rows: rows.length })]));
      // nothing in another month
      expect(await node.http!.get(CampaignFactsProducer).compute(node.dataSource.manager, { period: `${cityMonth(-6)}-01`, timezone: 'Asia/Shanghai' })).toEqual([]);
    });

    it('the plan is evaluated after its campaigns close; the next draft shows the latest evaluations', async () => {
      await move(planId, { to: 'evaluated', version: planVersion }).expect(409);
      await api().delete(`/api/v1/marketing-plans/${planId}`).auth(market, { type: 'bearer' }).expect(409);
      const q = (await api().get(`/api/v1/campaigns/${queryCampaign.id}`).auth(market, { type: 'bearer' }).expect(200)).body;
      const qa = await campaignMove(queryCampaign.id, { to: 'active', version: q.version }).expect(200);
      await campaignMove(queryCampaign.id, { to: 'closed', version: qa.body.version }).expect(200);
      await api().post(`/api/v1/marketing-plans/${planId}/evaluation`).auth(market, { type: 'bearer' }).send({ overallScore: 101, notes: 'x', version: planVersion }).expect(400);
      await api().post(`/api/v1/marketing-plans/${planId}/evaluation`).auth(analyst, { type: 'bearer' }).send({ overallScore: 70, notes: 'x', version: planVersion }).expect(403);
      await api().post(`/api/v1/marketing-plans/${planId}/evaluation`).auth(market, { type: 'bearer' }).send({ overallScore: 70, notes: 'x', version: planVersion - 1 }).expect(409);
      const evaluated = await api().post(`/api/v1/marketing-plans/${planId}/evaluation`).auth(market, { type: 'bearer' })
        .send({ overallScore: 78, scores: { reach: 60, conversion: 85 }, notes: '對照組顯示淨增收', lessons: '外呼轉化高於短信', version: planVersion }).expect(201);
      expect(evaluated.body).toMatchObject({ state: 'evaluated', nextStates: [], evaluation: { overallScore: 78, lessons: '外呼轉化高於短信', evaluatedBy: 'market' }, campaignIds: expect.arrayContaining([segmentCampaign.id, queryCampaign.id]) });
      await api().post(`/api/v1/marketing-plans/${planId}/evaluation`).auth(market, { type: 'bearer' }).send({ overallScore: 78, notes: 'again', version: evaluated.body.version }).expect(409);
      await api().post('/api/v1/campaigns').auth(market, { type: 'bearer' })
        .send({ planId, code: 'too-late', name: 'x', channel: 'sms', customerQuery: { statuses: ['active'] }, startDate: cityDay(0), endDate: cityDay(1) }).expect(409);

      const latest = await api().get('/api/v1/marketing-plans/evaluations').query({ latest: 1 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(latest.body).toEqual([expect.objectContaining({ planId, planTitle: '千兆寬帶升級方案（一稿）', overallScore: 78, lessons: '外呼轉化高於短信' })]);
      await api().get('/api/v1/marketing-plans/evaluations').query({ latest: 51 }).auth(analyst, { type: 'bearer' }).expect(400);

      const next = await api().post('/api/v1/marketing-plans').auth(market, { type: 'bearer' }).send(planInput({ title: '2027 二季度方案', controlGroupPercent: 0 })).expect(201);
      expect(next.body.previousEvaluations).toEqual([expect.objectContaining({ planId, overallScore: 78, notes: '對照組顯示淨增收', lessons: '外呼轉化高於短信' })]);
      expect((await api().get(`/api/v1/marketing-plans/${next.body.id}`).auth(analyst, { type: 'bearer' }).expect(200)).body.previousEvaluations).toHaveLength(1);
      expect((await api().get(`/api/v1/marketing-plans/${planId}`).auth(analyst, { type: 'bearer' }).expect(200)).body.previousEvaluations).toBeUndefined();
    });

    it('plan CRUD: list with filters, export, 400 / 404 / 409 / 403, delete a draft; audited', async () => {
      const draft = (await api().post('/api/v1/marketing-plans').auth(market, { type: 'bearer' }).send(planInput({ title: '待刪草稿' })).expect(201)).body;
      const list = await api().get('/api/v1/marketing-plans').query({ state: 'draft', q: '待刪' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([draft.id]);
      const evaluated = await api().get('/api/v1/marketing-plans').query({ state: 'evaluated', activeOn: cityDay(0), sort: 'title', pageSize: 1 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(evaluated.body).toMatchObject({ total: 1, items: [{ id: planId }] });
      const csv = await api().get('/api/v1/marketing-plans/export').query({ format: 'csv', state: 'evaluated' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(csv.text).toContain('千兆寬帶升級方案');
      expect(csv.text).not.toContain('待刪草稿');
      await api().get('/api/v1/marketing-plans/export').query({ format: 'xlsx' }).auth(analyst, { type: 'bearer' }).buffer(true).expect(200);
      for (const body of [planInput({ controlGroupPercent: 51 }), planInput({ periodTo: '2020-01-01' }), planInput({ budgetFen: -1 }), planInput({ ownerStaffId: randomUUID() }), planInput({ title: '' })]) {
        await api().post('/api/v1/marketing-plans').auth(market, { type: 'bearer' }).send(body).expect(400);
      }
      await api().get(`/api/v1/marketing-plans/${randomUUID()}`).auth(analyst, { type: 'bearer' }).expect(404);
      await api().patch(`/api/v1/marketing-plans/${draft.id}`).auth(market, { type: 'bearer' }).send({ controlGroupPercent: 60, version: 1 }).expect(400);
      await api().patch(`/api/v1/marketing-plans/${draft.id}`).auth(market, { type: 'bearer' }).send({ title: 'x', version: 9 }).expect(409);
      await api().patch(`/api/v1/marketing-plans/${planId}`).auth(market, { type: 'bearer' }).send({ title: 'x', version: 100 }).expect(409);
      await api().post('/api/v1/marketing-plans').auth(analyst, { type: 'bearer' }).send(planInput()).expect(403);
      await api().get('/api/v1/marketing-plans').auth(service, { type: 'bearer' }).expect(403);
      await api().delete(`/api/v1/marketing-plans/${draft.id}`).auth(analyst, { type: 'bearer' }).expect(403);
      await api().delete(`/api/v1/marketing-plans/${draft.id}`).auth(market, { type: 'bearer' }).expect(204);
      await api().get(`/api/v1/marketing-plans/${draft.id}`).auth(analyst, { type: 'bearer' }).expect(404);
      expect((await audits('marketing_plan', draft.id)).map((a) => a.action)).toEqual(['create', 'delete']);
      expect((await audits('marketing_plan_evaluation', planId)).map((a) => a.new_values)).toEqual([{ overallScore: 78, scores: { reach: 60, conversion: 85 } }]);
      expect((await audits('marketing_plan_stage_result', planId))).toHaveLength(1);
    });
  });
});
