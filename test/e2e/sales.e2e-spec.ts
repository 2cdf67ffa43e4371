import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { PipelineFactsProducer, SalesFactsProducer } from '@crm/sales';
import { businessHallInput, cityToday, customerInput, pricePlanInput, productInput, residentId, RunningNode, serviceDepartmentInput, serviceNumber, staffInput, tokenFor, uniqueProductCode } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

type Json = Record<string, any>;

let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1970, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId((overrides.districtCode as string) ?? '440106', birth) });
}

/** Product and plan codes chosen before the node starts, so the commission rule set can name them. */
const MOB = uniqueProductCode('T-SMOB');
const BB = uniqueProductCode('T-SBB');
const P1 = uniqueProductCode('T-SP1');
const P2 = uniqueProductCode('T-SP2');
const RULES = {
  commission: {
    defaultRateBp: 300,
    rules: [{ productCode: MOB, rateBp: 1_000 }, { pricePlanCode: P2, fixedFen: 2_500 }],
    tiers: [{ minOrders: 2, bonusBp: 200 }, { minOrders: 10, bonusBp: 500 }],
    clawbackDays: 90,
  },
  contractExpiryDays: 15,
};

const today = cityToday();
const month = today.slice(0, 7);
const plusDays = (n: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monthEnd = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

describe('Sales API (銷售: opportunities, orders, contracts, activities, agents and commissions, tasks, figures)', () => {
  let node: RunningNode;
  let admin: string;
  let sales: string;
  let analyst: string;
  let service: string;
  let managerId: string;
  let aliceId: string;
  let bobId: string;
  let hallCode: string;
  let customerA: string;
  let customerB: string;

  const api = () => request(node.url);
  const post = (path: string, body: unknown, token = sales) => api().post(`/api/v1/${path}`).auth(token, { type: 'bearer' }).send(body as object);
  const get = (path: string, token = sales, query: Record<string, unknown> = {}) => api().get(`/api/v1/${path}`).query(query).auth(token, { type: 'bearer' });
  const patch = (path: string, body: unknown, token = sales) => api().patch(`/api/v1/${path}`).auth(token, { type: 'bearer' }).send(body as object);
  const del = (path: string, token = sales) => api().delete(`/api/v1/${path}`).auth(token, { type: 'bearer' });
  const customer = async (overrides: Record<string, unknown> = {}): Promise<string> => (await post('customers', uniqueCustomerInput({ name: '銷售客戶', ...overrides }), admin).expect(201)).body.id;
  const subscriptionsOf = async (customerId: string): Promise<Json[]> => (await get(`customers/${customerId}/subscriptions`, admin, { pageSize: 100 }).expect(200)).body.items;
  /** Creates, submits and completes an order; answers the completed order. */
  async function completedOrder(body: Json): Promise<Json> {
    const o = (await post('orders', body).expect(201)).body;
    const s = (await patch(`orders/${o.id}`, { version: o.version, status: 'submitted' }).expect(200)).body;
    return (await patch(`orders/${o.id}`, { version: s.version, status: 'completed' }).expect(200)).body;
  }

  beforeAll(async () => {
    node = await startSingleCity({ env: { CRM_SALES_CONFIG: JSON.stringify(RULES) } });
    [admin, sales, analyst, service] = await Promise.all(['admin', 'sales', 'analyst', 'service'].map((u) => tokenFor(node.url, u)));
    const dep = (await post('service-departments', serviceDepartmentInput(), admin).expect(201)).body.code;
    hallCode = (await post('business-halls', businessHallInput(), admin).expect(201)).body.code;
    [managerId, aliceId, bobId] = await Promise.all(
      ['經理', '愛麗絲', '鮑勃'].map(async (name) => (await post('staff', staffInput({ name, departmentCode: dep }), admin).expect(201)).body.id as string),
    );
    await post('products', productInput({ code: MOB, category: 'mobile' }), admin).expect(201);
    await post('products', productInput({ code: BB, category: 'broadband', monthlyFeeFen: 20_000 }), admin).expect(201);
    await post(`products/${MOB}/price-plans`, pricePlanInput({ code: P1 }), admin).expect(201);
    await post(`products/${MOB}/price-plans`, pricePlanInput({ code: P2, monthlyFeeFen: 19_900 }), admin).expect(201);
    customerA = await customer({ name: '客戶甲' });
    customerB = await customer({ name: '客戶乙' });
  });
  afterAll(() => node.close());

  describe('permissions', () => {
    it('reads need sales:read, writes sales:write; unauthenticated is 401', async () => {
      await get('opportunities', service).expect(403);
      await get('orders', service).expect(403);
      await get('sales/figures', service, { groupBy: 'district', from: today, to: today }).expect(403);
      await get('opportunities', analyst).expect(200);
      await post('opportunities', { title: 'x', customerId: customerA, expectedValueFen: 1 }, analyst).expect(403);
      await post('agents', { code: 'AG-X', name: 'x' }, analyst).expect(403);
      await post('orders', {}, analyst).expect(403);
      await api().get('/api/v1/contracts').expect(401);
    });
  });

  describe('opportunities (商機) and the pipeline', () => {
    let oppId: string;

    it('creates with the first stage recorded; 400 for unknown references and bad input; 404 unknown; 400 bad id', async () => {
      const res = await post('opportunities', { title: '專線擴容', customerId: customerA, ownerStaffId: aliceId, hallCode, expectedValueFen: 500_000, expectedCloseDate: plusDays(30), productCodes: [MOB, MOB] }).expect(201);
      oppId = res.body.id;
      expect(res.body).toMatchObject({ stage: 'lead', expectedValueFen: 500_000, productCodes: [MOB], customerName: '客戶甲', ownerStaffId: aliceId, hallCode, version: 1 });
      expect(res.body.history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'lead', by: 'sales' })]);
      const unknown = await post('opportunities', { title: 'x', customerId: randomUUID(), expectedValueFen: 1 }).expect(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'customerId' })]);
      const product = await post('opportunities', { title: 'x', customerId: customerA, expectedValueFen: 1, productCodes: ['NOPE-1'] }).expect(400);
      expect(product.body.details[0].field).toBe('productCodes');
      const owner = await post('opportunities', { title: 'x', customerId: customerA, expectedValueFen: 1, ownerStaffId: randomUUID() }).expect(400);
      expect(owner.body.details[0].field).toBe('ownerStaffId');
      const shape = await post('opportunities', { title: '', customerId: 'nope', expectedValueFen: -1, stage: 'won' }).expect(400);
      expect(shape.body.details.map((d: Json) => d.field).sort()).toEqual(['customerId', 'expectedValueFen', 'stage', 'title']);
      await get(`opportunities/${randomUUID()}`).expect(404);
      await get('opportunities/not-a-uuid').expect(400);
    });

    it('moves stages with history; stale version 409; lost needs a reason; won / lost are final', async () => {
      const moved = await patch(`opportunities/${oppId}`, { version: 1, stage: 'proposal', stageNote: '方案已提交' }).expect(200);
      expect(moved.body).toMatchObject({ stage: 'proposal', version: 2 });
      expect(moved.body.history.map((h: Json) => [h.fromStage, h.toStage, h.note])).toEqual([[null, 'lead', 'created'], ['lead', 'proposal', '方案已提交']]);
      const stale = await patch(`opportunities/${oppId}`, { version: 1, title: 'again' }).expect(409);
      expect(stale.body.details[0].field).toBe('version');
      const lost = await patch(`opportunities/${oppId}`, { version: 2, stage: 'lost' }).expect(400);
      expect(lost.body.details[0].field).toBe('lostReason');
      const won = await patch(`opportunities/${oppId}`, { version: 2, stage: 'won', expectedValueFen: 450_000 }).expect(200);
      expect(won.body).toMatchObject({ stage: 'won', expectedValueFen: 450_000, version: 3 });
      expect(won.body.closedAt).toEqual(expect.any(String));
      expect((await get(`opportunities/${oppId}`, analyst).expect(200)).body).toMatchObject({ stage: 'won', version: 3, history: [expect.anything(), expect.anything(), expect.objectContaining({ fromStage: 'proposal', toStage: 'won' })] });
      const final = await patch(`opportunities/${oppId}`, { version: 3, stage: 'negotiation' }).expect(409);
      expect(final.body.details[0]).toMatchObject({ field: 'stage' });
    });

    it('lists with filters, sort and pagination; the pipeline counts and sums per stage, by owner', async () => {
      const c = await customer({ name: '管道客戶' });
      for (const [stage, value, owner] of [['lead', 1_000, aliceId], ['lead', 2_000, bobId], ['qualified', 4_000, aliceId], ['negotiation', 8_000, bobId]] as const) {
        await post('opportunities', { title: `管道 ${stage}`, customerId: c, ownerStaffId: owner, expectedValueFen: value, stage }).expect(201);
      }
      const page = await get('opportunities', analyst, { customerId: c, sort: '-expectedValueFen', pageSize: 2 }).expect(200);
      expect(page.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(page.body.items.map((o: Json) => o.expectedValueFen)).toEqual([8_000, 4_000]);
      const leads = await get('opportunities', analyst, { customerId: c, stage: 'lead' }).expect(200);
      expect(leads.body.total).toBe(2);
      await get('opportunities', analyst, { sort: 'nope' }).expect(400);

      const all = (await get('opportunities', analyst, { pageSize: 200 }).expect(200)).body.items as Json[];
      const pipeline = await get('opportunities/pipeline', analyst).expect(200);
      expect(pipeline.body.stages.map((s: Json) => s.stage)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
      for (const s of pipeline.body.stages) {
        const mine = all.filter((o) => o.stage === s.stage);
        expect([s.stage, s.count, s.expectedValueFen]).toEqual([s.stage, mine.length, mine.reduce((t, o) => t + o.expectedValueFen, 0)]);
      }
      const byOwner = await get('opportunities/pipeline', analyst, { groupBy: 'owner', ownerStaffId: bobId }).expect(200);
      expect(byOwner.body.stages.map((s: Json) => [s.stage, s.key, s.count, s.expectedValueFen])).toEqual([['lead', bobId, 1, 2_000], ['negotiation', bobId, 1, 8_000]]);
      expect(byOwner.body.totals).toEqual({ count: 2, expectedValueFen: 10_000 });
      await get('opportunities/pipeline', analyst, { groupBy: 'planet' }).expect(400);
    });

    it('exports CSV with the filters and audits the export; deletes (204 then 404)', async () => {
      const csv = await get('opportunities/export', analyst, { format: 'csv', stage: 'won' }).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('專線擴容');
      expect(csv.text).not.toContain('管道 lead');
      await get('opportunities/export', analyst, { format: 'pdf' }).expect(400);
      const [audit] = await node.dataSource.query(`SELECT new_values FROM audit_log WHERE entity_type = 'sales_opportunity' AND action = 'export' ORDER BY id DESC LIMIT 1`);
      expect(audit.new_values).toMatchObject({ format: 'csv', filters: { stage: 'won' } });
      const doomed = (await post('opportunities', { title: '刪除', customerId: customerA, expectedValueFen: 0 }).expect(201)).body;
      await del(`opportunities/${doomed.id}`).expect(204);
      await get(`opportunities/${doomed.id}`).expect(404);
      await del(`opportunities/${doomed.id}`).expect(404);
      const audits = await node.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'sales_opportunity' AND entity_id = $1 ORDER BY id`, [doomed.id]);
      expect(audits.map((a: Json) => a.action)).toEqual(['create', 'delete']);
    });
  });

  describe('orders (定單) and subscriptions', () => {
    let mobSub: string;
    let bbSub: string;

    it('refuses bad lines with 400 naming the line; a subscription of another customer is 400', async () => {
      const res = await post('orders', { customerId: customerA, channel: 'hall', lines: [{ action: 'new', productCode: MOB, amountFen: 100 }, { action: 'change', amountFen: 0 }, { action: 'new', productCode: 'NOPE-9', serviceNumber: serviceNumber(), amountFen: 1 }] }).expect(400);
      expect(res.body.details.map((d: Json) => d.field)).toEqual(['lines[0].serviceNumber', 'lines[1].subscriptionId', 'lines[1].pricePlanCode', 'lines[2].productCode']);
      await post('orders', { customerId: customerA, channel: 'hall', lines: [] }).expect(400);
      await post('orders', { customerId: customerA, channel: 'teleport', lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 1 }] }).expect(400);
      const noCustomer = await post('orders', { customerId: randomUUID(), channel: 'hall', lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 1 }] }).expect(400);
      expect(noCustomer.body.details[0].field).toBe('customerId');
      const badHall = await post('orders', { customerId: customerA, channel: 'hall', hallCode: 'NOHALL', lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 1 }] }).expect(400);
      expect(badHall.body.details[0].field).toBe('hallCode');
    });

    it('completing an order creates the subscriptions through the product library, in one transaction, with audit', async () => {
      const mobNumber = serviceNumber();
      const order = (await post('orders', {
        customerId: customerA, channel: 'hall', hallCode, salesStaffId: aliceId,
        lines: [{ action: 'new', productCode: MOB, pricePlanCode: P1, serviceNumber: mobNumber, amountFen: 12_900 }, { action: 'new', productCode: BB, serviceNumber: 'GZ-BB-0001', amountFen: 20_000 }],
      }).expect(201)).body;
      expect(order).toMatchObject({ status: 'draft', amountFen: 32_900, channel: 'hall', hallCode, salesStaffId: aliceId, version: 1 });
      expect(order.orderNo).toMatch(/^SO\d{8}[0-9A-F]{8}$/);
      expect(order.lines.map((l: Json) => [l.lineNo, l.action, l.resultSubscriptionId])).toEqual([[1, 'new', null], [2, 'new', null]]);
      expect(await subscriptionsOf(customerA)).toEqual([]);

      await patch(`orders/${order.id}`, { version: 1, status: 'completed' }).expect(409); // draft cannot complete
      const submitted = (await patch(`orders/${order.id}`, { version: 1, status: 'submitted' }).expect(200)).body;
      expect(submitted.submittedAt).toEqual(expect.any(String));
      await patch(`orders/${order.id}`, { version: submitted.version, notes: 'late edit' }).expect(409);
      const done = (await patch(`orders/${order.id}`, { version: submitted.version, status: 'completed' }).expect(200)).body;
      expect(done).toMatchObject({ status: 'completed', version: 3 });
      const subs = await subscriptionsOf(customerA);
      expect(subs.map((s) => [s.productCode, s.pricePlanCode, s.status]).sort()).toEqual([[BB, null, 'active'], [MOB, P1, 'active']].sort());
      mobSub = subs.find((s) => s.productCode === MOB)!.id;
      bbSub = subs.find((s) => s.productCode === BB)!.id;
      expect(done.lines.map((l: Json) => l.resultSubscriptionId)).toEqual([mobSub, bbSub]);
      const [{ request_id: rid }] = await node.dataSource.query(`SELECT request_id FROM audit_log WHERE entity_type = 'sales_order' AND entity_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`, [order.id]);
      const subAudits = await node.dataSource.query(`SELECT entity_id, new_values FROM audit_log WHERE entity_type = 'subscription' AND action = 'create' AND request_id = $1`, [rid]);
      expect(subAudits.map((a: Json) => a.entity_id).sort()).toEqual([mobSub, bbSub].sort());
      expect(subAudits.find((a: Json) => a.entity_id === mobSub).new_values.serviceNumber).not.toBe(mobNumber); // masked
      const orderAudit = await node.dataSource.query(`SELECT action, old_values, new_values FROM audit_log WHERE entity_type = 'sales_order' AND entity_id = $1 ORDER BY id`, [order.id]);
      expect(orderAudit.map((a: Json) => a.action)).toEqual(['create', 'update', 'update']);
      expect(orderAudit[2].old_values.status).toBe('submitted');
      expect(orderAudit[2].new_values.status).toBe('completed');
      await patch(`orders/${order.id}`, { version: 3, status: 'cancelled' }).expect(409);
      await del(`orders/${order.id}`).expect(409);
    });

    it('completing changes and terminates subscriptions', async () => {
      const done = await completedOrder({ customerId: customerA, channel: 'phone', salesStaffId: bobId, lines: [{ action: 'change', subscriptionId: mobSub, pricePlanCode: P2, amountFen: 7_000 }, { action: 'terminate', subscriptionId: bbSub, amountFen: 0 }] });
      expect(done.status).toBe('completed');
      const subs = await subscriptionsOf(customerA);
      expect(subs.find((s) => s.id === mobSub)).toMatchObject({ pricePlanCode: P2, status: 'active' });
      expect(subs.find((s) => s.id === bbSub)).toMatchObject({ status: 'terminated', endedAt: expect.any(String) });
    });

    it('an order failing half-way writes nothing and names the line (409 from the subscription lifecycle)', async () => {
      const fresh = serviceNumber();
      const before = await subscriptionsOf(customerA);
      const order = (await post('orders', { customerId: customerA, channel: 'hall', lines: [{ action: 'new', productCode: MOB, serviceNumber: fresh, amountFen: 100 }, { action: 'terminate', subscriptionId: bbSub, amountFen: 0 }] }).expect(201)).body;
      const s = (await patch(`orders/${order.id}`, { version: 1, status: 'submitted' }).expect(200)).body;
      const fail = await patch(`orders/${order.id}`, { version: s.version, status: 'completed' }).expect(409);
      expect(fail.body.message).toMatch(/Line 2/);
      expect(fail.body.details[0].field).toMatch(/^lines\[1\]\./);
      expect(await subscriptionsOf(customerA)).toEqual(before);
      expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM subscription WHERE service_number = $1`, [fresh]))[0].n).toBe(0);
      const still = (await get(`orders/${order.id}`).expect(200)).body;
      expect(still).toMatchObject({ status: 'submitted', version: s.version, completedAt: null });
      expect(still.lines.every((l: Json) => l.resultSubscriptionId === null)).toBe(true);
      const n = await node.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'sales_order' AND entity_id = $1`, [order.id]);
      expect(n[0].n).toBe(2); // create + submit; the failed completion left no trace

      // a new line whose plan is not of the product fails at completion with 400 naming the line
      const bad = (await post('orders', { customerId: customerA, channel: 'hall', lines: [{ action: 'new', productCode: BB, pricePlanCode: P1, serviceNumber: serviceNumber(), amountFen: 100 }] }).expect(201)).body;
      const bs = (await patch(`orders/${bad.id}`, { version: 1, status: 'submitted' }).expect(200)).body;
      const planFail = await patch(`orders/${bad.id}`, { version: bs.version, status: 'completed' }).expect(400);
      expect(planFail.body.details[0].field).toBe('lines[0].pricePlanCode');
      // another customer's subscription: 400 at creation
      const other = await post('orders', { customerId: customerB, channel: 'hall', lines: [{ action: 'terminate', subscriptionId: mobSub, amountFen: 0 }] }).expect(400);
      expect(other.body.details[0].field).toBe('lines[0].subscriptionId');
      // a cancelled order is deleted
      const c = (await patch(`orders/${bad.id}`, { version: bs.version, status: 'cancelled' }).expect(200)).body;
      expect(c.cancelledAt).toEqual(expect.any(String));
      await del(`orders/${bad.id}`).expect(204);
      await get(`orders/${bad.id}`).expect(404);
    });

    it('edits a draft (lines replaced, amount recomputed); lists, filters and exports', async () => {
      const order = (await post('orders', { customerId: customerB, channel: 'online', lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 100 }] }).expect(201)).body;
      const edited = (await patch(`orders/${order.id}`, { version: 1, notes: '改', lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 300 }, { action: 'new', productCode: BB, serviceNumber: 'GZ-BB-9', amountFen: 400 }] }).expect(200)).body;
      expect(edited).toMatchObject({ amountFen: 700, notes: '改', version: 2 });
      expect(edited.lines).toHaveLength(2);
      await patch(`orders/${order.id}`, { version: 1, notes: 'stale' }).expect(409);
      const completed = await get('orders', analyst, { customerId: customerA, status: 'completed', sort: 'completedAt' }).expect(200);
      expect(completed.body.items.map((o: Json) => o.amountFen)).toEqual([32_900, 7_000]);
      const byStaff = await get('orders', analyst, { salesStaffId: aliceId, completedFrom: today, completedTo: today }).expect(200);
      expect(byStaff.body.total).toBe(1);
      const xlsx = await get('orders/export', analyst, { format: 'xlsx', customerId: customerA }).expect(200);
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      const html = await get('orders/export', analyst, { format: 'html', customerId: customerA, status: 'completed' }).expect(200);
      expect(html.text).toContain('32900');
      await del(`orders/${order.id}`).expect(204);
    });
  });

  describe('contracts', () => {
    it('creates, looks up by customer, filters expiring, edits with versions; 400 / 404 / 409', async () => {
      const base = { customerId: customerB, title: '專線服務合同', signingUnit: '廣州分公司', signedByStaffId: managerId, valueFen: 1_200_000, documents: [{ name: '合同.pdf', mediaType: 'application/pdf', sizeBytes: 1024 }] };
      const soon = (await post('contracts', { ...base, contractNo: `HT-${randomUUID().slice(0, 8)}`, validFrom: plusDays(-300), validTo: plusDays(10), status: 'active' }).expect(201)).body;
      expect(soon).toMatchObject({ status: 'active', valueFen: 1_200_000, validTo: plusDays(10), documents: [{ name: '合同.pdf', mediaType: 'application/pdf', sizeBytes: 1024 }], customerName: '客戶乙', version: 1 });
      const later = (await post('contracts', { ...base, contractNo: `HT-${randomUUID().slice(0, 8)}`, validFrom: today, validTo: plusDays(100), status: 'active' }).expect(201)).body;
      const draft = (await post('contracts', { ...base, contractNo: `HT-${randomUUID().slice(0, 8)}`, validFrom: today, validTo: plusDays(5) }).expect(201)).body;
      const dup = await post('contracts', { ...base, contractNo: soon.contractNo, validFrom: today, validTo: today }).expect(409);
      expect(dup.body.details[0].field).toBe('contractNo');
      const order = await post('contracts', { ...base, contractNo: 'HT-ORDER', validFrom: today, validTo: plusDays(-1) }).expect(400);
      expect(order.body.details[0].field).toBe('validTo');
      await post('contracts', { ...base, contractNo: 'HT-NOC', customerId: randomUUID(), validFrom: today, validTo: today }).expect(400);

      const mine = await get(`customers/${customerB}/contracts`, analyst).expect(200);
      expect(mine.body.items.map((c: Json) => c.id)).toEqual([draft.id, soon.id, later.id]); // by validTo
      await get(`customers/${randomUUID()}/contracts`, analyst).expect(404);
      const expiring = await get('contracts', analyst, { customerId: customerB, expiringWithinDays: 30 }).expect(200);
      expect(expiring.body.items.map((c: Json) => c.id)).toEqual([soon.id]);
      const byDefault = await get('contracts/expiring', analyst, { customerId: customerB }).expect(200); // contractExpiryDays 15
      expect(byDefault.body.items.map((c: Json) => c.id)).toEqual([soon.id]);
      await get('contracts', analyst, { expiringWithinDays: 'soon' }).expect(400);

      expect((await get(`contracts/${later.id}`, analyst).expect(200)).body).toMatchObject({ contractNo: later.contractNo, signedByName: '經理' });
      await get(`contracts/${randomUUID()}`, analyst).expect(404);
      const terminated = (await patch(`contracts/${later.id}`, { version: 1, status: 'terminated', valueFen: 1_000_000 }).expect(200)).body;
      expect(terminated).toMatchObject({ status: 'terminated', valueFen: 1_000_000, version: 2 });
      await patch(`contracts/${later.id}`, { version: 2, title: 'x' }).expect(409);
      await patch(`contracts/${soon.id}`, { version: 1, validTo: plusDays(-400) }).expect(400);
      await patch(`contracts/${draft.id}`, { version: 9, title: 'x' }).expect(409);
      await del(`contracts/${soon.id}`).expect(409);
      await del(`contracts/${draft.id}`).expect(204);
      const csv = await get('contracts/export', analyst, { format: 'csv', customerId: customerB }).expect(200);
      expect(csv.text).toContain(soon.contractNo);
      const audits = await node.dataSource.query(`SELECT action, old_values, new_values FROM audit_log WHERE entity_type = 'sales_contract' AND entity_id = $1 ORDER BY id`, [later.id]);
      expect(audits.map((a: Json) => a.action)).toEqual(['create', 'update']);
      expect(audits[1].old_values).toEqual({ status: 'active', valueFen: 1_200_000 });
      expect(audits[1].new_values).toEqual({ status: 'terminated', valueFen: 1_000_000 });
    });
  });

  describe('sales methods and activities', () => {
    it('records visits linked to a customer or an opportunity; a used method cannot be deleted', async () => {
      const code = `V${Date.now() % 1_000_000}`;
      const method = (await post('sales-methods', { code, name: '上門拜訪' }).expect(201)).body;
      expect(method).toMatchObject({ code, name: '上門拜訪', active: true, version: 1 });
      await post('sales-methods', { code, name: 'dup' }).expect(409);
      const opp = (await post('opportunities', { title: '活動商機', customerId: customerB, expectedValueFen: 1 }).expect(201)).body;
      const visit = (await post('sales-activities', { kind: 'visit', methodCode: code, opportunityId: opp.id, staffId: aliceId, occurredAt: `${today}T10:00:00+08:00`, subject: '拜訪', outcome: '客戶有意向' }).expect(201)).body;
      expect(visit).toMatchObject({ customerId: customerB, opportunityId: opp.id, methodName: '上門拜訪', staffName: '愛麗絲', outcome: '客戶有意向' });
      const none = await post('sales-activities', { kind: 'call', staffId: aliceId, occurredAt: `${today}T10:00:00+08:00`, subject: '無' }).expect(400);
      expect(none.body.details[0].field).toBe('customerId');
      const mismatch = await post('sales-activities', { kind: 'call', customerId: customerA, opportunityId: opp.id, staffId: aliceId, occurredAt: `${today}T10:00:00+08:00`, subject: 'x' }).expect(400);
      expect(mismatch.body.details[0].field).toBe('opportunityId');
      await post('sales-activities', { kind: 'call', customerId: customerA, staffId: aliceId, occurredAt: `${today}T10:00:00`, subject: 'x' }).expect(400);
      const noMethod = await post('sales-activities', { kind: 'call', customerId: customerA, methodCode: 'NOPE', staffId: aliceId, occurredAt: `${today}T10:00:00+08:00`, subject: 'x' }).expect(400);
      expect(noMethod.body.details[0].field).toBe('methodCode');
      const list = await get('sales-activities', analyst, { customerId: customerB, from: today, to: today }).expect(200);
      expect(list.body.items.map((a: Json) => a.id)).toEqual([visit.id]);
      expect((await get(`sales-activities/${visit.id}`, analyst).expect(200)).body).toMatchObject({ subject: '拜訪', kind: 'visit' });
      expect((await get(`sales-methods/${code}`, analyst).expect(200)).body.name).toBe('上門拜訪');
      const changed = (await patch(`sales-activities/${visit.id}`, { version: 1, outcome: '已簽約' }).expect(200)).body;
      expect(changed).toMatchObject({ outcome: '已簽約', version: 2 });
      await del(`sales-methods/${code}`).expect(409);
      const m2 = (await patch(`sales-methods/${code}`, { version: 1, active: false }).expect(200)).body;
      expect(m2).toMatchObject({ active: false, version: 2 });
      expect((await get('sales-methods', analyst, { active: 'false', pageSize: 200 }).expect(200)).body.items.map((m: Json) => m.code)).toContain(code);
      const csv = await get('sales-activities/export', analyst, { format: 'csv', customerId: customerB }).expect(200);
      expect(csv.text).toContain('已簽約');
      await get('sales-methods/export', analyst, { format: 'html' }).expect(200);
      await del(`sales-activities/${visit.id}`).expect(204);
      await del(`sales-methods/${code}`).expect(204);
      await get(`sales-methods/${code}`).expect(404);
    });
  });

  describe('agents (代理商), performance and commissions (佣金/獎金)', () => {
    let agentId: string;
    let repId: string;

    it('manages agents and their representatives', async () => {
      const agent = (await post('agents', { code: `AG-${randomUUID().slice(0, 6)}`, name: '天河代理', districtCode: '440106', contactPhone: '020-12345678' }).expect(201)).body;
      agentId = agent.id;
      expect(agent).toMatchObject({ status: 'active', districtName: '天河区', version: 1 });
      await post('agents', { code: agent.code, name: 'dup' }).expect(409);
      await post('agents', { code: 'AG-BAD', name: 'x', districtCode: '999999' }).expect(400);
      const rep = (await post(`agents/${agentId}/representatives`, { name: '代表甲', phone: '13800000000' }).expect(201)).body;
      repId = rep.id;
      expect((await get(`agents/${agentId}/representatives`, analyst).expect(200)).body.items.map((r: Json) => r.id)).toEqual([repId]);
      await get(`agents/${randomUUID()}/representatives/${repId}`).expect(404);
      const r2 = (await patch(`agents/${agentId}/representatives/${repId}`, { version: 1, title: '經理' }).expect(200)).body;
      expect(r2).toMatchObject({ title: '經理', version: 2 });
      await post(`agents/${randomUUID()}/representatives`, { name: 'x' }).expect(404);
      expect((await get(`agents/${agentId}/representatives/${repId}`, analyst).expect(200)).body).toMatchObject({ name: '代表甲', agentId });
      const extra = (await post(`agents/${agentId}/representatives`, { name: '代表乙' }).expect(201)).body;
      await del(`agents/${agentId}/representatives/${extra.id}`).expect(204);
      await get(`agents/${agentId}/representatives/${extra.id}`).expect(404);
      const renamed = (await patch(`agents/${agentId}`, { version: 1, contactPhone: null }).expect(200)).body;
      expect(renamed).toMatchObject({ contactPhone: null, version: 2 });
      await patch(`agents/${agentId}`, { version: 1, name: 'stale' }).expect(409);
      expect((await get(`agents/${agentId}`, analyst).expect(200)).body.code).toBe(agent.code);
      const otherAgent = (await post('agents', { code: `AG-${randomUUID().slice(0, 6)}`, name: '另一代理' }).expect(201)).body;
      const wrongRep = await post('orders', { customerId: customerB, channel: 'agent', agentId: otherAgent.id, representativeId: repId, lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 1 }] }).expect(400);
      expect(wrongRep.body.details[0].field).toBe('representativeId');
      await del(`agents/${otherAgent.id}`).expect(204);
      expect((await get('agents', analyst, { namePrefix: '天河' }).expect(200)).body.items.map((a: Json) => a.id)).toContain(agentId);
      const csv = await get('agents/export', analyst, { format: 'csv', status: 'active' }).expect(200);
      expect(csv.text).toContain('天河代理');
    });

    it('computes the month statement by the rule set (checked independently); recompute is idempotent; approve makes it immutable', async () => {
      const o1 = await completedOrder({ customerId: customerB, channel: 'agent', agentId, representativeId: repId, lines: [{ action: 'new', productCode: MOB, pricePlanCode: P1, serviceNumber: serviceNumber(), amountFen: 12_900 }, { action: 'new', productCode: BB, serviceNumber: 'GZ-BB-AG1', amountFen: 20_000 }] });
      const [mobLine, bbLine] = o1.lines;
      const o2 = await completedOrder({ customerId: customerB, channel: 'agent', agentId, lines: [{ action: 'change', subscriptionId: mobLine.resultSubscriptionId, pricePlanCode: P2, amountFen: 3_000 }] });
      // the broadband line's subscription is terminated within the clawback window
      await del(`subscriptions/${bbLine.resultSubscriptionId}`, admin).expect(204);

      // independent calculation from RULES
      const rate = (amount: number, bp: number) => Math.round((amount * bp) / 10_000);
      const commission = rate(12_900, 1_000) /* MOB product rule */ + rate(20_000, 300) /* default */ + 2_500; /* P2 plan rule, fixed */
      const revenue = 12_900 + 20_000 + 3_000;
      const bonus = rate(revenue, 200); // 2 orders reach the first tier
      const clawback = rate(20_000, 300);
      const total = commission + bonus - clawback;
      expect([commission, bonus, clawback, total]).toEqual([1_290 + 600 + 2_500, 718, 600, 4_508]);

      const first = (await post(`agents/${agentId}/commissions/compute`, { period: month }).expect(200)).body;
      expect(first).toMatchObject({ agentId, period: month, status: 'computed', orders: 2, revenueFen: revenue, commissionFen: commission, bonusFen: bonus, clawbackFen: clawback, totalFen: total, version: 1 });
      expect(first.lines.map((l: Json) => [l.orderLineId, l.kind, l.commissionFen, l.rule])).toEqual([
        [mobLine.id, 'commission', 1_290, `product:${MOB}`],
        [bbLine.id, 'commission', 600, 'default'],
        [o2.lines[0].id, 'commission', 2_500, `plan:${P2}`],
        [bbLine.id, 'clawback', -600, 'default'],
      ]);
      const again = (await post(`agents/${agentId}/commissions/compute`, { period: month }).expect(200)).body;
      expect(again).toMatchObject({ id: first.id, totalFen: total, version: 2 });
      expect(again.lines).toHaveLength(4);
      expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM sales_commission_statement WHERE agent_id = $1`, [agentId]))[0].n).toBe(1);

      const empty = (await post(`agents/${agentId}/commissions/compute`, { period: '2020-01' }).expect(200)).body;
      expect(empty).toMatchObject({ orders: 0, totalFen: 0, lines: [] });
      await post(`agents/${agentId}/commissions/compute`, { period: '2026-13' }).expect(400);
      await post(`agents/${randomUUID()}/commissions/compute`, { period: month }).expect(404);
      await post(`agents/${agentId}/commissions/compute`, { period: month }, analyst).expect(403);

      await post(`commission-statements/${first.id}/approve`, { version: 1 }).expect(409);
      const approved = (await post(`commission-statements/${first.id}/approve`, { version: 2 }).expect(200)).body;
      expect(approved).toMatchObject({ status: 'approved', approvedBy: 'sales', version: 3, totalFen: total });
      const locked = await post(`agents/${agentId}/commissions/compute`, { period: month }).expect(409);
      expect(locked.body.details[0].field).toBe('period');
      await post(`commission-statements/${first.id}/approve`, { version: 3 }).expect(409);

      expect((await get(`commission-statements/${first.id}`, analyst).expect(200)).body).toMatchObject({ status: 'approved', lines: expect.any(Array) });
      await get(`commission-statements/${randomUUID()}`, analyst).expect(404);
      const list = await get(`agents/${agentId}/commissions`, analyst).expect(200);
      expect(list.body.items.map((s: Json) => s.period)).toEqual([month, '2020-01']);
      expect((await get('commission-statements', analyst, { status: 'approved', agentId }).expect(200)).body.total).toBe(1);
      const csv = await get('commission-statements/export', analyst, { format: 'csv', agentId }).expect(200);
      expect(csv.text).toContain(String(total));
      const audits = await node.dataSource.query(`SELECT action, new_values FROM audit_log WHERE entity_type = 'sales_commission_statement' AND entity_id = $1 ORDER BY id`, [first.id]);
      expect(audits.map((a: Json) => a.action)).toEqual(['create', 'update', 'update']);
      expect(audits[0].new_values).toMatchObject({ computed: true, totalFen: total });

      const perf = await get(`agents/${agentId}/performance`, analyst, { from: `${month}-01`, to: monthEnd }).expect(200);
      expect(perf.body).toMatchObject({ months: [{ period: month, orders: 2, revenueFen: revenue }], totals: { orders: 2, revenueFen: revenue } });
      await get(`agents/${agentId}/performance`, analyst, { from: today, to: plusDays(-1) }).expect(400);
      await del(`agents/${agentId}`).expect(409); // orders refer to it
    });
  });

  describe('sales tasks down the chain (manager → team → person)', () => {
    it('rolls progress up from the people to the team task', async () => {
      const team = (await post('sales-teams', { name: '天河銷售組', managerStaffId: managerId, memberStaffIds: [aliceId, bobId] }).expect(201)).body;
      expect(team.memberStaffIds.sort()).toEqual([aliceId, bobId].sort());
      await post('sales-teams', { name: 'x', managerStaffId: managerId, memberStaffIds: [randomUUID()] }).expect(400);
      await post('sales-teams', { name: 'x', managerStaffId: randomUUID() }).expect(400);
      expect((await get(`sales-teams/${team.id}`, analyst).expect(200)).body).toMatchObject({ name: '天河銷售組', managerName: '經理' });
      expect((await get('sales-teams', analyst, { memberStaffId: bobId }).expect(200)).body.items.map((t: Json) => t.id)).toEqual([team.id]);
      await post('sales-teams', { name: 'x', managerStaffId: managerId }, analyst).expect(403);
      const from = `${month}-01`;
      const root = (await post('sales-tasks', { title: '本月新裝', assigneeTeamId: team.id, targetKind: 'count', targetValue: 10, periodFrom: from, periodTo: monthEnd }).expect(201)).body;
      const alice = (await post('sales-tasks', { title: '愛麗絲', parentId: root.id, assigneeStaffId: aliceId, targetKind: 'count', targetValue: 4, periodFrom: from, periodTo: monthEnd }).expect(201)).body;
      const bob = (await post('sales-tasks', { title: '鮑勃', parentId: root.id, assigneeStaffId: bobId, targetKind: 'count', targetValue: 2, periodFrom: from, periodTo: monthEnd }).expect(201)).body;
      const outsider = (await post('staff', staffInput({ name: '外人', departmentCode: (await get('service-departments', admin).expect(200)).body.items[0].code }), admin).expect(201)).body.id;
      const notMember = await post('sales-tasks', { title: 'x', parentId: root.id, assigneeStaffId: outsider, targetKind: 'count', targetValue: 1, periodFrom: from, periodTo: monthEnd }).expect(400);
      expect(notMember.body.details[0].field).toBe('assigneeStaffId');
      const kind = await post('sales-tasks', { title: 'x', parentId: root.id, assigneeStaffId: aliceId, targetKind: 'amount', targetValue: 1, periodFrom: from, periodTo: monthEnd }).expect(400);
      expect(kind.body.details[0].field).toBe('targetKind');
      await post('sales-tasks', { title: 'x', assigneeStaffId: aliceId, assigneeTeamId: team.id, targetKind: 'count', targetValue: 1, periodFrom: from, periodTo: monthEnd }).expect(400);
      await post('sales-tasks', { title: 'x', parentId: root.id, assigneeStaffId: aliceId, targetKind: 'count', targetValue: 1, periodFrom: '2000-01-01', periodTo: monthEnd }).expect(400);

      // completed orders attributed this month: alice 1 (earlier) + 1 now, bob 1 (earlier) + 0; a cancelled order does not count
      const counts = async (staff: string) => (await get('orders', analyst, { salesStaffId: staff, status: 'completed', completedFrom: from, completedTo: monthEnd }).expect(200)).body.total as number;
      await completedOrder({ customerId: customerB, channel: 'hall', salesStaffId: aliceId, lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 500 }] });
      const [a, b] = [await counts(aliceId), await counts(bobId)];
      expect([a, b]).toEqual([2, 1]);

      const view = (await get(`sales-tasks/${root.id}`, analyst).expect(200)).body;
      expect(view.progress.achieved).toBe(a + b);
      expect(view.progress.percent).toBe(((a + b) / 10) * 100);
      const byId = (x: unknown[], y: unknown[]) => String(x[0]).localeCompare(String(y[0]));
      expect(view.progress.children.map((c: Json) => [c.id, c.achieved, c.percent]).sort(byId)).toEqual([[alice.id, a, (a / 4) * 100], [bob.id, b, (b / 2) * 100]].sort(byId));
      const leaf = (await get(`sales-tasks/${alice.id}`, analyst).expect(200)).body;
      expect(leaf.progress).toMatchObject({ achieved: a, percent: 50, children: [] });

      const kids = await get('sales-tasks', analyst, { parentId: root.id, sort: 'title' }).expect(200);
      expect(kids.body.total).toBe(2);
      expect((await get('sales-tasks', analyst, { rootsOnly: 'true', assigneeTeamId: team.id }).expect(200)).body.items.map((t: Json) => t.id)).toEqual([root.id]);
      await get('sales-tasks/export', analyst, { format: 'csv', parentId: root.id }).expect(200);
      const closed = (await patch(`sales-tasks/${bob.id}`, { version: 1, status: 'closed' }).expect(200)).body;
      expect(closed.status).toBe('closed');
      await patch(`sales-tasks/${bob.id}`, { version: 2, targetValue: 3 }).expect(409);
      await del(`sales-tasks/${root.id}`).expect(409);
      await del(`sales-teams/${team.id}`).expect(409);
      await del(`sales-tasks/${bob.id}`).expect(204);
      const t2 = (await patch(`sales-teams/${team.id}`, { version: 1, memberStaffIds: [aliceId] }).expect(200)).body;
      expect(t2.memberStaffIds).toEqual([aliceId]);
      const spare = (await post('sales-teams', { name: '臨時組', managerStaffId: bobId }).expect(201)).body;
      await del(`sales-teams/${spare.id}`).expect(204);
      await get(`sales-teams/${spare.id}`).expect(404);
    });
  });

  describe('sales figures against targets', () => {
    it('groups completed orders by district, hall, customer and period with achievement against sales_target', async () => {
      const hall2 = (await post('business-halls', businessHallInput({ districtCode: '440104' }), admin).expect(201)).body.code;
      const c = await customer({ name: '越秀客戶', districtCode: '440104' });
      await completedOrder({ customerId: c, channel: 'hall', hallCode: hall2, lines: [{ action: 'new', productCode: MOB, serviceNumber: serviceNumber(), amountFen: 30_000 }] });
      const target = (await post('sales-targets', { period: month, dimension: 'district', dimensionValue: '440104', targetOrders: 2, targetAmountFen: 60_000 }).expect(201)).body;
      expect(target).toMatchObject({ period: month, dimension: 'district', dimensionValue: '440104', targetAmountFen: 60_000, version: 1 });
      await post('sales-targets', { period: month, dimension: 'district', dimensionValue: '440104' }).expect(409);
      await post('sales-targets', { period: month, dimension: 'agent' }).expect(400);
      await post('sales-targets', { period: '2026-1', dimension: 'total' }).expect(400);
      await post('sales-targets', { period: month, dimension: 'business_hall', dimensionValue: hall2, targetAmountFen: 120_000 }).expect(201);
      const unsold = (await post('sales-targets', { period: month, dimension: 'district', dimensionValue: '440103', targetAmountFen: 5_000 }).expect(201)).body;

      const byDistrict = (await get('sales/figures', analyst, { groupBy: 'district', from: `${month}-01`, to: monthEnd }).expect(200)).body;
      expect(byDistrict.rows.find((r: Json) => r.key === '440104')).toEqual({ key: '440104', label: '越秀区', orders: 1, amountFen: 30_000, targetOrders: 2, targetAmountFen: 60_000, ordersAchievedPercent: 50, amountAchievedPercent: 50 });
      expect(byDistrict.rows.find((r: Json) => r.key === '440103')).toMatchObject({ orders: 0, amountFen: 0, targetAmountFen: 5_000, amountAchievedPercent: 0 });
      const completed = (await get('orders', analyst, { status: 'completed', completedFrom: `${month}-01`, completedTo: monthEnd, pageSize: 200 }).expect(200)).body;
      expect(byDistrict.totals.orders).toBe(completed.total);
      expect(byDistrict.totals.amountFen).toBe(completed.items.reduce((s: number, o: Json) => s + o.amountFen, 0));
      expect(byDistrict.totals.targetAmountFen).toBe(65_000);

      const byHall = (await get('sales/figures', analyst, { groupBy: 'business_hall', from: `${month}-01`, to: monthEnd }).expect(200)).body;
      expect(byHall.rows.find((r: Json) => r.key === hall2)).toMatchObject({ orders: 1, amountFen: 30_000, targetAmountFen: 120_000, amountAchievedPercent: 25 });
      const byCustomer = (await get('sales/figures', analyst, { groupBy: 'customer', from: `${month}-01`, to: monthEnd }).expect(200)).body;
      expect(byCustomer.rows.find((r: Json) => r.key === c)).toMatchObject({ label: '越秀客戶', orders: 1, amountFen: 30_000 });
      const byPeriod = (await get('sales/figures', analyst, { groupBy: 'period', from: `${month}-01`, to: monthEnd }).expect(200)).body;
      expect(byPeriod.rows.map((r: Json) => [r.key, r.orders])).toEqual([[month, completed.total]]);
      for (const g of ['industry', 'agent']) expect((await get('sales/figures', analyst, { groupBy: g, from: `${month}-01`, to: monthEnd }).expect(200)).body.totals.orders).toBe(completed.total);
      await get('sales/figures', analyst, { groupBy: 'planet', from: today, to: today }).expect(400);
      await get('sales/figures', analyst, { groupBy: 'district', from: today, to: plusDays(-1) }).expect(400);
      const csv = await get('sales/figures/export', analyst, { format: 'csv', groupBy: 'district', from: `${month}-01`, to: monthEnd }).expect(200);
      expect(csv.text).toContain('越秀区');

      const t2 = (await patch(`sales-targets/${target.id}`, { version: 1, targetAmountFen: 30_000 }).expect(200)).body;
      expect(t2).toMatchObject({ targetAmountFen: 30_000, version: 2 });
      await patch(`sales-targets/${target.id}`, { version: 1, targetAmountFen: 1 }).expect(409);
      expect((await get('sales-targets', analyst, { period: month, dimension: 'district' }).expect(200)).body.total).toBe(2);
      await get('sales-targets/export', analyst, { format: 'xlsx', period: month }).expect(200);
      expect((await get(`sales-targets/${target.id}`, analyst).expect(200)).body.targetAmountFen).toBe(30_000);
      await del(`sales-targets/${unsold.id}`).expect(204);
      await get(`sales-targets/${unsold.id}`).expect(404);

      // facts: additive, each order counted once
      const facts = await node.http!.get(SalesFactsProducer).compute(node.dataSource.manager, { period: `${month}-01`, timezone: 'Asia/Shanghai' });
      const yuexiu = facts.filter((f) => f.dims.district === '440104');
      expect(yuexiu).toEqual([{ dims: { district: '440104', business_hall: hall2, agent: '', product: MOB }, measures: { orders: 1, order_lines: 1, amount_fen: 30_000 } }]);
      expect(facts.reduce((s, f) => s + f.measures.orders, 0)).toBe(completed.total);
      expect(facts.reduce((s, f) => s + f.measures.amount_fen, 0)).toBe(byDistrict.totals.amountFen);
      const pipeline = await node.http!.get(PipelineFactsProducer).compute(node.dataSource.manager, { period: `${month}-01`, timezone: 'Asia/Shanghai' });
      const stages = (await get('opportunities/pipeline', analyst).expect(200)).body.stages as Json[];
      for (const s of stages.filter((x) => x.count > 0)) expect(pipeline.find((p) => p.dims.stage === s.stage)!.measures).toEqual({ opportunities: s.count, expected_value_fen: s.expectedValueFen });
    });
  });
});
