import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { customerInput, productInput, residentId, RunningNode, serviceDepartmentInput, staffInput, subscriptionInput, tokenFor } from '@crm/testing';
import { ServiceRequestOptionalParties1764570400000 } from '../../migrations/city/1764570400000-service-request-optional-parties';
import { startSingleCity } from './city-node.fixture';

const BASE = '/tmf-api/troubleTicket/v4/troubleTicket';

let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1962, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId('440106', birth) });
}

interface Ticket { id: string; href: string; status: string; [k: string]: unknown }

describe('TMF621 Trouble Ticket v4 facade (/tmf-api/troubleTicket/v4/troubleTicket)', () => {
  let node: RunningNode;
  let admin: string;
  let service: string;
  let analyst: string;
  let market: string;
  let receiver: string;
  let colleague: string;
  let customerId: string;
  let subscriptionId: string;

  const api = () => request(node.url);
  const post = (body: unknown, token = service) => api().post(BASE).auth(token, { type: 'bearer' }).send(body as object);
  const list = (query: Record<string, string>, token = service) => api().get(BASE).query(query).auth(token, { type: 'bearer' });
  const minimal = (overrides: Record<string, unknown> = {}) => ({ description: 'Fibre cut near the depot', severity: 'Major', ticketType: 'Fault', ...overrides });
  const expectTmfError = (body: Record<string, unknown>, status: number) =>
    expect(body).toEqual({ code: expect.any(String), reason: expect.any(String), message: expect.any(String), status: String(status), '@type': 'Error' });
  const customer = async (overrides: Record<string, unknown> = {}) => (await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput(overrides)).expect(201)).body.id as string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, service, analyst, market] = await Promise.all(['admin', 'service', 'analyst', 'market'].map((u) => tokenFor(node.url, u)));
    const department = (await api().post('/api/v1/service-departments').auth(admin, { type: 'bearer' }).send(serviceDepartmentInput()).expect(201)).body.code as string;
    const staff = async (name: string) => (await api().post('/api/v1/staff').auth(admin, { type: 'bearer' }).send(staffInput({ departmentCode: department, name })).expect(201)).body.id as string;
    receiver = await staff('首问员工');
    colleague = await staff('网络工程师');
    customerId = await customer({ name: 'TMF客户' });
    const product = (await api().post('/api/v1/products').auth(admin, { type: 'bearer' }).send(productInput({ category: 'broadband' })).expect(201)).body.code as string;
    subscriptionId = (await api().post('/api/v1/subscriptions').auth(admin, { type: 'bearer' }).send(subscriptionInput(customerId, product)).expect(201)).body.id;
  });
  afterAll(() => node.close());

  describe('create', () => {
    it('creates a minimal ticket (no customer, no receiver): 201, acknowledged although another status was sent', async () => {
      const res = await post(minimal({ status: 'closed', '@type': 'TroubleTicket' })).expect(201);
      const t = res.body as Ticket;
      expect(t).toMatchObject({
        '@type': 'TroubleTicket', description: 'Fibre cut near the depot', name: 'Fibre cut near the depot', severity: 'Major', ticketType: 'Fault', priority: 'High', status: 'acknowledged',
        channel: { name: 'website' }, relatedParty: [], relatedEntity: [], note: [], attachment: [],
        statusChangeHistory: [{ status: 'acknowledged', changeDate: expect.any(String), '@type': 'StatusChange' }],
      });
      expect(t.href).toBe(`${node.url}${BASE}/${t.id}`);
      expect(res.headers.location).toBe(t.href);
      for (const k of ['creationDate', 'lastUpdate', 'statusChangeDate', 'expectedResolutionDate']) expect(Number.isNaN(Date.parse(t[k] as string))).toBe(false);

      // the domain keeps it without customer, receiver or owner; the REST API reads it
      const rest = await api().get(`/api/v1/service-requests/${t.id}`).auth(service, { type: 'bearer' }).expect(200);
      expect(rest.body).toMatchObject({ kind: 'fault', severity: 'high', status: 'acknowledged', customerId: null, customerName: null, receivedByStaffId: null, ownerStaffId: null, keyAccount: false, createdBy: 'service' });
      expect((await api().get('/api/v1/service-requests').auth(service, { type: 'bearer' }).expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(t.id);
    });

    it('creates a full ticket: name, customer and receiver by role, channel, subscription, notes and attachments', async () => {
      const res = await post({
        name: '宽带投诉', description: '一周内多次断线', severity: 'critical', ticketType: 'Complaint', priority: 'Low',
        channel: { name: 'hotline_10000', '@type': 'ChannelRef' },
        relatedParty: [{ id: customerId, role: 'customer', '@referredType': 'Customer' }, { id: receiver, role: 'firstContact' }],
        relatedEntity: [{ id: subscriptionId, '@referredType': 'Subscription' }],
        note: [{ text: '客户下午在家', author: 'agent 7', date: '2026-12-01T09:00:00+08:00' }],
        attachment: [{ name: 'modem.jpg', mimeType: 'image/jpeg', url: 's3://crm-docs/440100/modem.jpg', size: { amount: 3, units: 'kB' } }],
      }).expect(201);
      expect(res.body).toMatchObject({
        name: '宽带投诉', severity: 'Critical', ticketType: 'Complaint', priority: 'Critical', status: 'acknowledged', channel: { name: 'hotline_10000' },
        relatedParty: [
          { id: customerId, name: 'TMF客户', role: 'customer', '@referredType': 'Customer' },
          { id: receiver, role: 'receiver' },
          { id: receiver, role: 'owner', name: '首问员工' },
        ],
        relatedEntity: [{ id: subscriptionId, role: 'subscription', '@referredType': 'Subscription' }],
        note: [{ text: '客户下午在家', author: 'agent 7', date: '2026-12-01T01:00:00.000Z' }],
        attachment: [{ name: 'modem.jpg', mimeType: 'image/jpeg', url: 's3://crm-docs/440100/modem.jpg', size: { amount: 3072, units: 'bytes' } }],
      });
      const rest = await api().get(`/api/v1/service-requests/${res.body.id}`).auth(service, { type: 'bearer' }).expect(200);
      expect(rest.body).toMatchObject({ kind: 'complaint', channel: 'hotline_10000', severity: 'critical', customerId, subscriptionId, receivedByStaffId: receiver, ownerStaffId: receiver, title: '宽带投诉' });
      expect(rest.body.attachments).toEqual([expect.objectContaining({ fileName: 'modem.jpg', sizeBytes: 3072 })]);
    });

    it('takes the customer from the subscription when only the subscription is named', async () => {
      const res = await post(minimal({ relatedEntity: [{ id: subscriptionId, role: 'subscription' }] })).expect(201);
      expect(res.body.relatedParty).toEqual([expect.objectContaining({ id: customerId, role: 'customer' })]);
    });

    it('answers 400 TMF error bodies for invalid input and writes nothing', async () => {
      const before = Number((await list({ limit: '1' }).expect(200)).headers['x-total-count']);
      const missing = await post({ severity: 'Major', ticketType: 'Fault' }).expect(400);
      expectTmfError(missing.body, 400);
      expect(missing.body).toMatchObject({ code: 'MISSING_ATTRIBUTE', message: 'description is mandatory' });
      const severity = await post(minimal({ severity: 'Apocalyptic' })).expect(400);
      expectTmfError(severity.body, 400);
      expect(severity.body.message).toMatch(/severity "Apocalyptic"/);
      const type = await post(minimal({ ticketType: 'Praise' })).expect(400);
      expectTmfError(type.body, 400);
      expect(type.body.message).toMatch(/ticketType "Praise"/);
      const json = await api().post(BASE).auth(service, { type: 'bearer' }).set('Content-Type', 'application/json').send('{"description": "x",').expect(400);
      expectTmfError(json.body, 400);
      expect(json.body).toMatchObject({ code: 'INVALID_JSON', message: 'Request body is not valid JSON' });
      const unknownCustomer = await post(minimal({ relatedParty: [{ id: randomUUID(), role: 'customer' }] })).expect(400);
      expectTmfError(unknownCustomer.body, 400);
      expect(unknownCustomer.body.message).toMatch(/customerId: unknown customer/);
      expectTmfError((await post(minimal({ relatedParty: [{ id: randomUUID(), role: 'receiver' }] })).expect(400)).body, 400);
      expectTmfError((await post(minimal({ channel: { name: 'carrier pigeon' } })).expect(400)).body, 400);
      expectTmfError((await post(minimal({ relatedEntity: [{ id: randomUUID(), '@referredType': 'Subscription' }] })).expect(400)).body, 400);
      expectTmfError((await post(minimal({ attachment: [{ name: 'x.txt', content: 'aGk=' }] })).expect(400)).body, 400);
      expectTmfError((await api().post(BASE).auth(service, { type: 'bearer' }).set('Content-Type', 'text/plain').send('hello').expect(400)).body, 400);
      expect(Number((await list({ limit: '1' }).expect(200)).headers['x-total-count'])).toBe(before);
    });

    it('checks permissions: 401 without a token, 403 without service:write / service:read, as TMF errors', async () => {
      expectTmfError((await api().post(BASE).send(minimal()).expect(401)).body, 401);
      expectTmfError((await post(minimal(), analyst).expect(403)).body, 403);
      expectTmfError((await list({}, market).expect(403)).body, 403);
      expectTmfError((await api().get(`${BASE}/${randomUUID()}`).auth(market, { type: 'bearer' }).expect(403)).body, 403);
      expectTmfError((await api().patch(`${BASE}/${randomUUID()}`).auth(analyst, { type: 'bearer' }).send({ name: 'x' }).expect(403)).body, 403);
      await list({ limit: '1' }, analyst).expect(200);
    });
  });

  describe('list and get', () => {
    let party: string;
    const ids: string[] = [];

    beforeAll(async () => {
      party = await customer({ name: '列表客户' });
      for (const [severity, ticketType, channel] of [['Critical', 'Fault', 'hotline_112'], ['Minor', 'Complaint', 'email'], ['Minor', 'Query', 'email']]) {
        ids.push((await post(minimal({ severity, ticketType, channel: { name: channel }, relatedParty: [{ id: party, role: 'customer' }] })).expect(201)).body.id);
      }
    });

    it('filters by relatedParty.id and pages with offset / limit, X-Total-Count and X-Result-Count', async () => {
      const first = await list({ 'relatedParty.id': party, limit: '2' }).expect(200);
      expect(first.headers['x-total-count']).toBe('3');
      expect(first.headers['x-result-count']).toBe('2');
      const second = await list({ 'relatedParty.id': party, offset: '2', limit: '2' }).expect(200);
      expect(second.headers['x-result-count']).toBe('1');
      // newest first, no overlap, all three
      expect([...first.body, ...second.body].map((t: Ticket) => t.id)).toEqual([...ids].reverse());
      const beyond = await list({ 'relatedParty.id': party, offset: '10' }).expect(200);
      expect(beyond.body).toEqual([]);
      expect(beyond.headers).toMatchObject({ 'x-total-count': '3', 'x-result-count': '0' });
    });

    it('filters by severity, ticketType, channel.name, status and creationDate', async () => {
      const by = async (q: Record<string, string>) => (await list({ 'relatedParty.id': party, ...q }).expect(200)).body.map((t: Ticket) => t.id).sort();
      expect(await by({ severity: 'Minor' })).toEqual([ids[1], ids[2]].sort());
      expect(await by({ severity: 'critical' })).toEqual([ids[0]]);
      expect(await by({ ticketType: 'complaint,query' })).toEqual([ids[1], ids[2]].sort());
      expect(await by({ 'channel.name': 'hotline_112' })).toEqual([ids[0]]);
      expect(await by({ status: 'acknowledged' })).toEqual([...ids].sort());
      expect(await by({ status: 'inProgress' })).toEqual([]);
      const created = (await api().get(`${BASE}/${ids[1]}`).auth(service, { type: 'bearer' }).expect(200)).body.creationDate as string;
      expect(await by({ 'creationDate.gt': created })).toEqual([ids[2]]);
      expect(await by({ 'creationDate.lt': created })).toEqual([ids[0]]);
      expect(await by({ 'creationDate.gte': created, 'creationDate.lte': created })).toEqual([ids[1]]);
      expect(await by({ 'creationDate.gt': '2099-01-01T00:00:00Z' })).toEqual([]);
    });

    it('selects fields (id and href always)', async () => {
      const res = await list({ 'relatedParty.id': party, fields: 'status,severity' }).expect(200);
      expect(res.body).toHaveLength(3);
      for (const t of res.body) expect(Object.keys(t).sort()).toEqual(['href', 'id', 'severity', 'status']);
      const one = await api().get(`${BASE}/${ids[0]}`).query({ fields: 'ticketType' }).auth(service, { type: 'bearer' }).expect(200);
      expect(one.body).toEqual({ id: ids[0], href: `${node.url}${BASE}/${ids[0]}`, ticketType: 'Fault' });
    });

    it('answers 400 TMF errors for bad query parameters', async () => {
      const bad: Record<string, string>[] = [{ limit: '0' }, { offset: '-3' }, { severity: 'huge' }, { 'creationDate.gt': 'yesterday' }, { colour: 'red' }];
      for (const q of bad) {
        expectTmfError((await list(q).expect(400)).body, 400);
      }
    });

    it('reads one ticket; 404 TMF error for unknown and malformed ids', async () => {
      const t = await api().get(`${BASE}/${ids[0]}`).auth(analyst, { type: 'bearer' }).expect(200);
      expect(t.body).toMatchObject({ id: ids[0], '@type': 'TroubleTicket', severity: 'Critical', ticketType: 'Fault', channel: { name: 'hotline_112' } });
      const unknown = await api().get(`${BASE}/${randomUUID()}`).auth(service, { type: 'bearer' }).expect(404);
      expectTmfError(unknown.body, 404);
      expect(unknown.body.code).toBe('NOT_FOUND');
      expectTmfError((await api().get(`${BASE}/not-a-uuid`).auth(service, { type: 'bearer' }).expect(404)).body, 404);
      expectTmfError((await api().patch(`${BASE}/not-a-uuid`).auth(service, { type: 'bearer' }).send({ name: 'x' }).expect(404)).body, 404);
      expectTmfError((await api().patch(`${BASE}/${randomUUID()}`).auth(service, { type: 'bearer' }).send({ name: 'x' }).expect(404)).body, 404);
    });
  });

  describe('PATCH', () => {
    it('changes name and description with application/json', async () => {
      const t = (await post(minimal()).expect(201)).body as Ticket;
      const res = await api().patch(`${BASE}/${t.id}`).auth(service, { type: 'bearer' }).set('Content-Type', 'application/json').send(JSON.stringify({ name: '光缆中断', description: '仓库附近光缆被挖断', id: t.id })).expect(200);
      expect(res.body).toMatchObject({ id: t.id, name: '光缆中断', description: '仓库附近光缆被挖断', status: 'acknowledged' });
      const rest = await api().get(`/api/v1/service-requests/${t.id}`).auth(service, { type: 'bearer' }).expect(200);
      expect(rest.body).toMatchObject({ title: '光缆中断', description: '仓库附近光缆被挖断', version: 2 });
    });

    it('changes notes and moves the status through the lifecycle with application/merge-patch+json', async () => {
      const t = (await post(minimal()).expect(201)).body as Ticket;
      const res = await api().patch(`${BASE}/${t.id}`).auth(service, { type: 'bearer' }).set('Content-Type', 'application/merge-patch+json')
        .send(JSON.stringify({ note: [{ text: '已派工程师' }], status: 'inProgress', statusChangeReason: '工程师出发' })).expect(200);
      expect(res.body).toMatchObject({ status: 'inProgress', statusChangeReason: '工程师出发', note: [{ text: '已派工程师', author: 'service' }] });
      expect(res.body.statusChangeHistory.map((c: { status: string }) => c.status)).toEqual(['acknowledged', 'inProgress']);
      expect(res.body.statusChangeDate).toBe(res.body.statusChangeHistory[1].changeDate);
      const held = await api().patch(`${BASE}/${t.id}`).auth(service, { type: 'bearer' }).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ status: 'held' })).expect(200);
      expect(held.body.status).toBe('pending');
      const rest = await api().get(`/api/v1/service-requests/${t.id}`).auth(service, { type: 'bearer' }).expect(200);
      expect(rest.body).toMatchObject({ status: 'pending', slaPaused: true });
    });

    it('refuses illegal transitions (409), fixed or unknown attributes and bad JSON (400) with TMF errors, changing nothing', async () => {
      const t = (await post(minimal()).expect(201)).body as Ticket;
      const patch = (body: string, type = 'application/merge-patch+json') => api().patch(`${BASE}/${t.id}`).auth(service, { type: 'bearer' }).set('Content-Type', type).send(body);
      const illegal = await patch(JSON.stringify({ status: 'resolved', description: 'should not be written' })).expect(409);
      expectTmfError(illegal.body, 409);
      expect(illegal.body).toMatchObject({ code: 'SERVICE_TRANSITION_ACKNOWLEDGED_TO_RESOLVED', reason: 'Illegal status transition' });
      const severity = await patch(JSON.stringify({ severity: 'Minor' })).expect(400);
      expectTmfError(severity.body, 400);
      expect(severity.body.code).toBe('NOT_UPDATABLE');
      expectTmfError((await patch(JSON.stringify({ channel: { name: 'email' } })).expect(400)).body, 400);
      expectTmfError((await patch(JSON.stringify({ status: 'finished' })).expect(400)).body, 400);
      expectTmfError((await patch(JSON.stringify({ description: null })).expect(400)).body, 400);
      const bad = await patch('{"name": ').expect(400);
      expectTmfError(bad.body, 400);
      expect(bad.body.code).toBe('INVALID_JSON');
      expectTmfError((await patch('{"name": ', 'application/json').expect(400)).body, 400);
      const after = await api().get(`${BASE}/${t.id}`).auth(service, { type: 'bearer' }).expect(200);
      expect(after.body).toMatchObject({ status: 'acknowledged', description: 'Fibre cut near the depot', severity: 'Major' });
    });
  });

  describe('a service request without customer or receiver in the domain', () => {
    it('is owned by the first person assigned, is never a first-contact resolution, and a return visit records no satisfaction', async () => {
      const t = (await post(minimal({ ticketType: 'Complaint' })).expect(201)).body as Ticket;
      const rest = (path: string, body: object) => api().post(`/api/v1/service-requests/${t.id}${path}`).auth(service, { type: 'bearer' }).send(body);
      const assigned = await rest('/assign', { staffId: colleague }).expect(200);
      expect(assigned.body).toMatchObject({ ownerStaffId: colleague, assigneeStaffId: colleague, receivedByStaffId: null, handoverCount: 0 });
      await rest('/transitions', { to: 'in_progress' }).expect(200);
      const resolved = await rest('/transitions', { to: 'resolved' }).expect(200);
      const resolution = resolved.body.history.find((e: { toStatus: string }) => e.toStatus === 'resolved');
      expect(resolution.details).toMatchObject({ firstContact: false });
      const visit = await rest('/return-visits', { rating: 4, satisfied: true, visitedAt: new Date().toISOString() }).expect(201);
      expect(visit.body).toMatchObject({ satisfaction: null, visit: { rating: 4, surveyId: null }, request: { status: 'closed' } });
      const closed = await api().get(`${BASE}/${t.id}`).auth(service, { type: 'bearer' }).expect(200);
      expect(closed.body.status).toBe('closed');
      expect(closed.body.relatedParty).toEqual([expect.objectContaining({ id: colleague, role: 'owner' }), expect.objectContaining({ id: colleague, role: 'assignee' })]);
    });

    it('survives the SLA check (no owner to notify, still escalated) and the export', async () => {
      const t = (await post(minimal({ severity: 'Critical' })).expect(201)).body as Ticket;
      const check = await api().post('/api/v1/service-requests/sla-check').auth(service, { type: 'bearer' }).send({ asOf: new Date(Date.now() + 30 * 86_400_000).toISOString() }).expect(200);
      expect(check.body.breaches).toBeGreaterThan(0);
      const rest = await api().get(`/api/v1/service-requests/${t.id}`).auth(service, { type: 'bearer' }).expect(200);
      expect(rest.body).toMatchObject({ escalated: true, ownerStaffId: null });
      const notices = await api().get('/api/v1/service-requests/notifications').query({ requestId: t.id }).auth(service, { type: 'bearer' }).expect(200);
      expect(notices.body.total).toBe(0);
      await api().get('/api/v1/service-requests/export').query({ format: 'csv' }).auth(service, { type: 'bearer' }).expect(200);
    });
  });

  it('keeps the optional-parties migration from being reverted while tickets without parties exist', async () => {
    const runner = node.dataSource.createQueryRunner();
    try {
      await expect(new ServiceRequestOptionalParties1764570400000().down(runner)).rejects.toThrow(/service_request has \d+ row\(s\) without customer_id/);
    } finally {
      await runner.release();
    }
    const [column] = await node.dataSource.query(`SELECT is_nullable FROM information_schema.columns WHERE table_name = 'service_request' AND column_name = 'customer_id'`);
    expect(column.is_nullable).toBe('YES');
  });

  it('is documented in Swagger under its own tag', async () => {
    const doc = await api().get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([BASE, `${BASE}/{id}`]));
    expect(doc.body.paths[BASE].post.tags).toEqual(['TMF621 Trouble Ticket']);
    expect(Object.keys(doc.body.paths[`${BASE}/{id}`].patch.requestBody.content)).toEqual(expect.arrayContaining(['application/json', 'application/merge-patch+json']));
  });
});
