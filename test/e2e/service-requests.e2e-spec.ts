import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { JobName, QueueName } from '@crm/queue';
import { customerInput, productInput, residentId, RunningNode, serviceDepartmentInput, staffInput, subscriptionInput, tokenFor, waitFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

/** customerInput with a resident id unique in this suite. */
let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1958, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId('440106', birth) });
}

interface Event { action: string; fromStatus: string | null; toStatus: string | null; fromStaffId: string | null; toStaffId: string | null; departmentCode: string | null; reason: string | null; details: Record<string, unknown>; by: string }
interface Req {
  id: string; status: string; version: number; ownerStaffId: string; receivedByStaffId: string; assigneeStaffId: string | null; departmentCode: string | null; keyAccount: boolean;
  routedToAccountManager: boolean; handoverCount: number; receivedAt: string; responseDueAt: string; resolutionDueAt: string; responseTargetMinutes: number; resolutionTargetMinutes: number;
  aroundTheClock: boolean; slaPaused: boolean; escalated: boolean; escalationLevel: number; resolutionBreachedAt: string | null; history: Event[]; attachments: { id: string }[]; returnVisits: unknown[];
  [k: string]: unknown;
}

const plusMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

describe('Service requests API (服務請求 /api/v1/service-requests)', () => {
  let node: RunningNode;
  let admin: string;
  let service: string;
  let analyst: string;
  let market: string;
  let department: string;
  let otherDepartment: string;
  let receiver: string;
  let colleague: string;
  let manager: string;
  let inactive: string;
  let customerId: string;
  let keyCustomerId: string;
  let otherCustomerId: string;
  let subscriptionId: string;

  const api = () => request(node.url);
  const post = (path: string, token: string, body: object) => api().post(`/api/v1/service-requests${path}`).auth(token, { type: 'bearer' }).send(body);
  const get = (path: string, token = service) => api().get(`/api/v1/service-requests${path}`).auth(token, { type: 'bearer' });
  const body = (overrides: Record<string, unknown> = {}) => ({ kind: 'fault', channel: 'hotline_112', severity: 'medium', customerId, title: '宽带无法上网', receivedByStaffId: receiver, ...overrides });
  async function create(overrides: Record<string, unknown> = {}): Promise<Req> {
    return (await post('', service, body(overrides)).expect(201)).body;
  }
  async function move(id: string, to: string, reason = 'test'): Promise<Req> {
    return (await post(`/${id}/transitions`, service, { to, reason }).expect(200)).body;
  }
  async function audits(entityId: string): Promise<string[]> {
    const rows: { action: string }[] = await node.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [entityId]);
    return rows.map((r) => r.action);
  }

  beforeAll(async () => {
    // the override below is validated at start and read back by the scheduler test
    node = await startSingleCity({ worker: true, env: { CRM_SERVICE_CONFIG: JSON.stringify({ cron: '*/10 * * * *', calendar: { holidays: ['2027-01-01'] } }) } });
    [admin, service, analyst, market] = await Promise.all(['admin', 'service', 'analyst', 'market'].map((u) => tokenFor(node.url, u)));
    const dep = async () => (await api().post('/api/v1/service-departments').auth(admin, { type: 'bearer' }).send(serviceDepartmentInput()).expect(201)).body.code as string;
    [department, otherDepartment] = [await dep(), await dep()];
    const staff = async (overrides: Record<string, unknown> = {}) => (await api().post('/api/v1/staff').auth(admin, { type: 'bearer' }).send(staffInput({ departmentCode: department, ...overrides })).expect(201)).body.id as string;
    receiver = await staff({ name: '首问员工' });
    colleague = await staff({ name: '接手员工', departmentCode: otherDepartment });
    manager = await staff({ name: '客户经理' });
    inactive = await staff({ name: '离职员工', active: false });
    const customer = async (overrides: Record<string, unknown> = {}) => (await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput(overrides)).expect(201)).body.id as string;
    customerId = await customer({ name: '服务客户' });
    otherCustomerId = await customer({ name: '其他客户' });
    keyCustomerId = await customer({ name: '大客户个人', customerType: 'key_individual', accountManagerId: manager });
    const product = (await api().post('/api/v1/products').auth(admin, { type: 'bearer' }).send(productInput({ category: 'broadband' })).expect(201)).body.code as string;
    subscriptionId = (await api().post('/api/v1/subscriptions').auth(admin, { type: 'bearer' }).send(subscriptionInput(customerId, product)).expect(201)).body.id;
  });
  afterAll(() => node.close());

  describe('create, read, list, update, delete', () => {
    it('creates a request owned by its receiver (首問負責), with SLA due instants, history and audit', async () => {
      const r = await create({ subscriptionId, description: '光猫红灯', notes: '客户下午在家' });
      expect(r).toMatchObject({
        status: 'acknowledged', kind: 'fault', channel: 'hotline_112', severity: 'medium', customerId, customerName: '服务客户', subscriptionId, receivedByStaffId: receiver, ownerStaffId: receiver,
        ownerName: '首问员工', keyAccount: false, routedToAccountManager: false, handoverCount: 0, version: 1, aroundTheClock: false, responseTargetMinutes: 120, resolutionTargetMinutes: 1140, slaPaused: false,
      });
      expect(Date.parse(r.responseDueAt)).toBeGreaterThan(Date.parse(r.receivedAt));
      expect(Date.parse(r.resolutionDueAt)).toBeGreaterThan(Date.parse(r.responseDueAt));
      expect(r.history).toEqual([expect.objectContaining({ action: 'created', toStatus: 'acknowledged', toStaffId: receiver, by: 'service' })]);
      expect(await audits(r.id)).toEqual(['create']);

      const read = await get(`/${r.id}`, analyst).expect(200);
      expect(read.body).toMatchObject({ id: r.id, description: '光猫红灯', notes: '客户下午在家', attachments: [], returnVisits: [] });
    });

    it('refuses unknown or foreign references with 400 naming the field, bad input with 400, and writes nothing', async () => {
      const before = (await get('', service).query({ customerId }).expect(200)).body.total;
      const unknownCustomer = await post('', service, body({ customerId: randomUUID() })).expect(400);
      expect(unknownCustomer.body.details).toEqual([{ field: 'customerId', problem: 'unknown customer' }]);
      const foreign = await post('', service, body({ customerId: otherCustomerId, subscriptionId })).expect(400);
      expect(foreign.body.details).toEqual([{ field: 'subscriptionId', problem: 'not a subscription of this customer' }]);
      expect((await post('', service, body({ subscriptionId: randomUUID() })).expect(400)).body.details[0].field).toBe('subscriptionId');
      expect((await post('', service, body({ receivedByStaffId: randomUUID() })).expect(400)).body.details[0].field).toBe('receivedByStaffId');
      expect((await post('', service, body({ receivedByStaffId: inactive })).expect(400)).body.details[0]).toEqual({ field: 'receivedByStaffId', problem: 'staff member is inactive' });
      const invalid = await post('', service, body({ kind: 'praise', channel: 'fax', severity: 'urgent', title: '' })).expect(400);
      expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['channel', 'kind', 'severity', 'title']);
      expect((await post('', service, { ...body(), extra: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await get('', service).query({ customerId }).expect(200)).body.total).toBe(before);
    });

    it('still requires customerId and receivedByStaffId from REST clients (only other callers such as TMF621 may leave them out)', async () => {
      const { customerId: _c, receivedByStaffId: _r, ...rest } = body();
      const missing = await post('', service, rest).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['customerId', 'receivedByStaffId']);
      await post('', service, body({ customerId: null, receivedByStaffId: null })).expect(400);
    });

    it('answers 404 for unknown ids and 400 for malformed ones', async () => {
      await get(`/${randomUUID()}`).expect(404);
      await get('/not-a-uuid').expect(400);
      await api().patch(`/api/v1/service-requests/${randomUUID()}`).auth(service, { type: 'bearer' }).send({ title: 'x', version: 1 }).expect(404);
      await api().delete(`/api/v1/service-requests/${randomUUID()}`).auth(service, { type: 'bearer' }).expect(404);
      await post(`/${randomUUID()}/transitions`, service, { to: 'in_progress' }).expect(404);
      await post(`/${randomUUID()}/attachments`, service, { fileName: 'a.txt', mediaType: 'text/plain', sizeBytes: 1, storageRef: 's3://x' }).expect(404);
      await get(`/${randomUUID()}/return-visits`).expect(404);
    });

    it('checks permissions: 401 without a token, 403 without service permissions', async () => {
      await api().get('/api/v1/service-requests').expect(401);
      await get('', market).expect(403);
      await post('', analyst, body()).expect(403);
      await get('', analyst).expect(200);
      await post('/sla-check', analyst, {}).expect(403);
    });

    it('updates descriptive fields with optimistic locking and audits old and new values', async () => {
      const r = await create();
      const patched = await api().patch(`/api/v1/service-requests/${r.id}`).auth(service, { type: 'bearer' }).send({ title: '宽带时断时续', notes: null, circuitRef: 'GZ-DLL-0001', version: 1 }).expect(200);
      expect(patched.body).toMatchObject({ title: '宽带时断时续', notes: null, circuitRef: 'GZ-DLL-0001', version: 2, status: 'acknowledged' });
      const stale = await api().patch(`/api/v1/service-requests/${r.id}`).auth(service, { type: 'bearer' }).send({ title: 'again', version: 1 }).expect(409);
      expect(stale.body.details).toEqual([{ field: 'version', problem: 'current version is 2' }]);
      await api().patch(`/api/v1/service-requests/${r.id}`).auth(service, { type: 'bearer' }).send({ status: 'closed', version: 2 }).expect(400);
      await api().patch(`/api/v1/service-requests/${r.id}`).auth(service, { type: 'bearer' }).send({ title: null, version: 2 }).expect(400);
      await api().patch(`/api/v1/service-requests/${r.id}`).auth(service, { type: 'bearer' }).send({ title: '  ', version: 2 }).expect(400);
      const [row] = await node.dataSource.query(`SELECT old_values, new_values FROM audit_log WHERE entity_id = $1 AND action = 'update'`, [r.id]);
      expect(row.new_values).toMatchObject({ title: '宽带时断时续', circuitRef: 'GZ-DLL-0001' });
      expect(row.old_values).toMatchObject({ title: '宽带无法上网' });
    });

    it('deletes only while acknowledged (204, then 404), else 409', async () => {
      const r = await create();
      await api().delete(`/api/v1/service-requests/${r.id}`).auth(service, { type: 'bearer' }).expect(204);
      await get(`/${r.id}`).expect(404);
      expect(await audits(r.id)).toEqual(['create', 'delete']);
      const started = await create();
      await move(started.id, 'in_progress');
      const refused = await api().delete(`/api/v1/service-requests/${started.id}`).auth(service, { type: 'bearer' }).expect(409);
      expect(refused.body.details[0].field).toBe('status');
      await api().delete(`/api/v1/service-requests/${started.id}`).auth(analyst, { type: 'bearer' }).expect(403);
    });

    it('lists with filters, sorting and pagination', async () => {
      const complaint = await create({ kind: 'complaint', channel: 'business_hall', severity: 'high', customerId: otherCustomerId, subscriptionId: undefined, title: '营业员态度差' });
      const page = await get('').query({ customerId: otherCustomerId, kind: 'complaint', channel: 'business_hall', severity: 'high', status: 'acknowledged', ownerStaffId: receiver }).expect(200);
      expect(page.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(page.body.items[0]).toMatchObject({ id: complaint.id, kind: 'complaint' });
      expect((await get('').query({ customerId: otherCustomerId, kind: 'fault' }).expect(200)).body.total).toBe(0);
      expect((await get('').query({ customerId: otherCustomerId, breached: 'false', escalated: 'false' }).expect(200)).body.total).toBe(1);
      expect((await get('').query({ customerId: otherCustomerId, breached: 'true' }).expect(200)).body.total).toBe(0);
      expect((await get('').query({ createdFrom: plusMinutes(new Date().toISOString(), 60) }).expect(200)).body.total).toBe(0);
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect((await get('').query({ customerId: otherCustomerId, createdFrom: today, createdTo: today }).expect(200)).body.total).toBe(1);
      const all = await get('').query({ customerId, pageSize: 2, page: 1, sort: 'createdAt' }).expect(200);
      expect(all.body.items).toHaveLength(2);
      expect(all.body.total).toBeGreaterThanOrEqual(3);
      expect(Date.parse(all.body.items[0].createdAt)).toBeLessThanOrEqual(Date.parse(all.body.items[1].createdAt));
      const bad = await get('').query({ kind: 'praise', breached: 'maybe', sort: 'title', pageSize: 500, createdFrom: 'yesterday' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['breached', 'createdFrom', 'kind', 'pageSize', 'sort']);
    });

    it('exports with the list filters as CSV, XLSX and printable HTML', async () => {
      const csv = await get('/export').query({ format: 'csv', customerId: otherCustomerId }).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('营业员态度差');
      expect(csv.text).not.toContain('宽带无法上网');
      const html = await get('/export').query({ format: 'html', customerId }).expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('服務請求');
      const xlsx = await get('/export').query({ format: 'xlsx' }).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
      await get('/export').query({ format: 'pdf' }).expect(400);
      await get('/export', market).query({ format: 'csv' }).expect(403);
      const [row] = await node.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'service_request' AND action = 'export'`);
      expect(row.n).toBeGreaterThanOrEqual(3);
    });
  });

  describe('lifecycle', () => {
    it('goes acknowledged → in_progress → pending → in_progress → resolved, recording each step; the clock pauses in pending', async () => {
      const r = await create({ severity: 'high' });
      const working = await move(r.id, 'in_progress', '已派单');
      expect(working).toMatchObject({ status: 'in_progress', version: 2 });
      expect(working.respondedAt).toBeTruthy();
      const held = await move(r.id, 'pending', '等待客户在家');
      expect(held).toMatchObject({ status: 'pending', slaPaused: true });
      const resumed = await move(r.id, 'in_progress', '客户已回家');
      expect(resumed.slaPaused).toBe(false);
      expect(Date.parse(resumed.resolutionDueAt)).toBeGreaterThanOrEqual(Date.parse(r.resolutionDueAt));
      const done = await move(r.id, 'resolved', '更换光猫');
      expect(done).toMatchObject({ status: 'resolved', slaPaused: true });
      const transitions = done.history.filter((e) => e.action === 'transition').map((e) => `${e.fromStatus}→${e.toStatus}:${e.reason}`);
      expect(transitions).toEqual(['acknowledged→in_progress:已派单', 'in_progress→pending:等待客户在家', 'pending→in_progress:客户已回家', 'in_progress→resolved:更换光猫']);
      expect(done.history.find((e) => e.toStatus === 'resolved')!.details).toMatchObject({ slaMet: true, firstContact: true });
      expect(await audits(r.id)).toEqual(['create', 'update', 'update', 'update', 'update']);
    });

    it('refuses illegal transitions with 409 and a code naming from and to, and stale versions', async () => {
      const r = await create();
      const skip = await post(`/${r.id}/transitions`, service, { to: 'resolved' }).expect(409);
      expect(skip.body.message).toMatch(/^SERVICE_TRANSITION_ACKNOWLEDGED_TO_RESOLVED/);
      expect(skip.body.details).toEqual([{ field: 'to', problem: 'allowed from acknowledged: in_progress, rejected, cancelled' }]);
      await post(`/${r.id}/transitions`, service, { to: 'in_progress', version: 7 }).expect(409);
      await post(`/${r.id}/transitions`, service, { to: 'done' }).expect(400);
      await move(r.id, 'in_progress');
      await move(r.id, 'resolved');
      const reopen = await post(`/${r.id}/transitions`, service, { to: 'in_progress' }).expect(409);
      expect(reopen.body.message).toMatch(/^SERVICE_TRANSITION_RESOLVED_TO_IN_PROGRESS: .*return visit/);
      await move(r.id, 'closed', '客户电话确认');
      expect((await post(`/${r.id}/transitions`, service, { to: 'in_progress' }).expect(409)).body.details[0].problem).toBe('closed is final');
      const cancelled = await create();
      await move(cancelled.id, 'cancelled', '客户撤销');
      await post(`/${cancelled.id}/transitions`, service, { to: 'in_progress' }).expect(409);
      const rejected = await create();
      await move(rejected.id, 'in_progress');
      await move(rejected.id, 'pending');
      expect((await move(rejected.id, 'rejected', '非我司责任')).status).toBe('rejected');
    });
  });

  describe('first-contact responsibility, assignment and key accounts', () => {
    it('hands over explicitly (recorded), and a resolution after a hand-over is not first-contact', async () => {
      const r = await create();
      const handed = await post(`/${r.id}/handover`, service, { toStaffId: colleague, reason: '需要网络部处理' }).expect(200);
      expect(handed.body).toMatchObject({ ownerStaffId: colleague, receivedByStaffId: receiver, handoverCount: 1 });
      expect(handed.body.history.find((e: Event) => e.action === 'handover')).toMatchObject({ fromStaffId: receiver, toStaffId: colleague, reason: '需要网络部处理' });
      await post(`/${r.id}/handover`, service, { toStaffId: colleague, reason: 'again' }).expect(409);
      expect((await post(`/${r.id}/handover`, service, { toStaffId: randomUUID(), reason: 'x' }).expect(400)).body.details[0].field).toBe('toStaffId');
      expect((await post(`/${r.id}/handover`, service, { toStaffId: inactive, reason: 'x' }).expect(400)).body.details[0].field).toBe('toStaffId');
      await post(`/${r.id}/handover`, service, { toStaffId: receiver }).expect(400);
      expect((await post(`/${r.id}/handover`, service, { toStaffId: receiver, reason: '   ' }).expect(400)).body.details[0].field).toBe('reason');
      expect((await get('').query({ ownerStaffId: colleague }).expect(200)).body.items.map((i: Req) => i.id)).toContain(r.id);
      await move(r.id, 'in_progress');
      const done = await move(r.id, 'resolved');
      expect(done.history.find((e) => e.toStatus === 'resolved')!.details).toMatchObject({ firstContact: false });
      await post(`/${r.id}/handover`, service, { toStaffId: receiver, reason: 'late' }).expect(409);
      expect(await audits(r.id)).toContain('update');
    });

    it('assigns to a department and staff member, defaulting the department to the staff member’s', async () => {
      const r = await create();
      const toDep = await post(`/${r.id}/assign`, service, { departmentCode: department }).expect(200);
      expect(toDep.body).toMatchObject({ departmentCode: department, assigneeStaffId: null, ownerStaffId: receiver });
      const toStaff = await post(`/${r.id}/assign`, service, { staffId: colleague, reason: '网络部' }).expect(200);
      expect(toStaff.body).toMatchObject({ departmentCode: otherDepartment, assigneeStaffId: colleague });
      expect(toStaff.body.history.filter((e: Event) => e.action === 'assign').map((e: Event) => [e.departmentCode, e.toStaffId])).toEqual([[department, null], [otherDepartment, colleague]]);
      expect((await get('').query({ assigneeStaffId: colleague, departmentCode: otherDepartment }).expect(200)).body.items.map((i: Req) => i.id)).toContain(r.id);
      expect((await post(`/${r.id}/assign`, service, { departmentCode: 'NOPE' }).expect(400)).body.details[0]).toEqual({ field: 'departmentCode', problem: 'not a service department' });
      expect((await post(`/${r.id}/assign`, service, { staffId: randomUUID() }).expect(400)).body.details[0].field).toBe('staffId');
      await post(`/${r.id}/assign`, service, {}).expect(400);
      await post(`/${r.id}/assign`, service, { departmentCode: 'bad code!' }).expect(400);
    });

    it('routes a key account to its account manager (客戶經理負責制) with faster SLA targets', async () => {
      const r = await create({ customerId: keyCustomerId, subscriptionId: undefined, severity: 'critical' });
      expect(r).toMatchObject({ keyAccount: true, routedToAccountManager: true, ownerStaffId: manager, receivedByStaffId: receiver, departmentCode: department, aroundTheClock: true, responseTargetMinutes: 15, resolutionTargetMinutes: 120 });
      expect(r.history.map((e) => e.action)).toEqual(['created', 'routed']);
      expect(r.history[1]).toMatchObject({ fromStaffId: receiver, toStaffId: manager });
      const publicOne = await create({ severity: 'critical' });
      expect(publicOne).toMatchObject({ keyAccount: false, ownerStaffId: receiver, resolutionTargetMinutes: 240 });
    });
  });

  describe('attachments', () => {
    it('adds, lists and removes attachment metadata', async () => {
      const r = await create();
      const a = await post(`/${r.id}/attachments`, service, { fileName: '光猫照片.jpg', mediaType: 'image/JPEG', sizeBytes: 204_800, storageRef: 's3://crm/440100/a.jpg' }).expect(201);
      expect(a.body).toMatchObject({ requestId: r.id, fileName: '光猫照片.jpg', mediaType: 'image/jpeg', sizeBytes: 204_800, createdBy: 'service' });
      expect((await get(`/${r.id}/attachments`, analyst).expect(200)).body.map((x: { id: string }) => x.id)).toEqual([a.body.id]);
      expect((await get(`/${r.id}`).expect(200)).body.attachments).toHaveLength(1);
      const bad = await post(`/${r.id}/attachments`, service, { fileName: '', mediaType: 'jpeg', sizeBytes: -1 }).expect(400);
      expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['fileName', 'mediaType', 'sizeBytes', 'storageRef']);
      await api().delete(`/api/v1/service-requests/${r.id}/attachments/${a.body.id}`).auth(analyst, { type: 'bearer' }).expect(403);
      await api().delete(`/api/v1/service-requests/${r.id}/attachments/${a.body.id}`).auth(service, { type: 'bearer' }).expect(204);
      await api().delete(`/api/v1/service-requests/${r.id}/attachments/${a.body.id}`).auth(service, { type: 'bearer' }).expect(404);
      expect((await get(`/${r.id}/attachments`).expect(200)).body).toEqual([]);
      expect(await audits(a.body.id)).toEqual(['create', 'delete']);
    });
  });

  describe('SLA check', () => {
    it('sends a near-breach then a breach notice exactly once, to owner, assignee and department, and escalates', async () => {
      // critical fault: 24×7 clock, resolution 240 minutes for a public customer
      const r = await create({ severity: 'critical' });
      expect(r).toMatchObject({ aroundTheClock: true, resolutionTargetMinutes: 240 });
      await move(r.id, 'in_progress');
      await post(`/${r.id}/assign`, service, { staffId: colleague }).expect(200);
      const notices = async () => (await get('/notifications').query({ requestId: r.id, pageSize: 50 }).expect(200)).body;

      await post('/sla-check', service, { asOf: plusMinutes(r.receivedAt, 100) }).expect(200);
      expect((await notices()).total).toBe(0);

      const near = await post('/sla-check', service, { asOf: plusMinutes(r.receivedAt, 204) }).expect(200);
      expect(near.body.nearBreaches).toBeGreaterThanOrEqual(1);
      let list = await notices();
      expect(list.items.map((n: { kind: string; clock: string; recipient: string }) => `${n.clock}/${n.kind}/${n.recipient}`).sort()).toEqual([
        'resolution/near_breach/assignee', 'resolution/near_breach/department_head', 'resolution/near_breach/owner',
      ]);
      expect(list.items.find((n: { recipient: string }) => n.recipient === 'owner')).toMatchObject({ recipientStaffId: receiver, targetMinutes: 240, elapsedMinutes: 204 });
      expect(list.items.find((n: { recipient: string }) => n.recipient === 'department_head')).toMatchObject({ recipientStaffId: null, recipientDepartmentCode: otherDepartment });

      await post('/sla-check', service, { asOf: plusMinutes(r.receivedAt, 220) }).expect(200);
      expect((await notices()).total).toBe(3);
      expect((await get(`/${r.id}`).expect(200)).body).toMatchObject({ escalated: false, escalationLevel: 0 });

      await post('/sla-check', service, { asOf: plusMinutes(r.receivedAt, 250) }).expect(200);
      list = await notices();
      expect(list.total).toBe(6);
      expect(list.items.filter((n: { kind: string }) => n.kind === 'breach')).toHaveLength(3);
      const escalated = (await get(`/${r.id}`).expect(200)).body as Req;
      expect(escalated).toMatchObject({ escalated: true, escalationLevel: 1 });
      expect(escalated.resolutionBreachedAt).toBeTruthy();
      expect(escalated.history.filter((e) => e.action === 'escalate')).toEqual([expect.objectContaining({ reason: 'resolution SLA breached', details: expect.objectContaining({ clock: 'resolution', targetMinutes: 240 }) })]);

      await post('/sla-check', service, { asOf: plusMinutes(r.receivedAt, 400) }).expect(200);
      expect((await notices()).total).toBe(6);
      expect((await get(`/${r.id}`).expect(200)).body.escalationLevel).toBe(1);
      expect((await get('').query({ breached: 'true', escalated: 'true', customerId }).expect(200)).body.items.map((i: Req) => i.id)).toContain(r.id);
      expect((await get('/notifications').query({ recipientStaffId: colleague, kind: 'breach' }).expect(200)).body.items.map((n: { requestId: string }) => n.requestId)).toContain(r.id);
      expect(await audits(r.id)).toContain('update');

      // resolved after the breach notice: the history says the SLA was not met
      const late = await move(r.id, 'resolved');
      expect(late.history.find((e) => e.toStatus === 'resolved')!.details.slaMet).toBe(false);
    });

    it('does not count time in pending and flags a response breach of an untouched request', async () => {
      const held = await create({ severity: 'critical' });
      await move(held.id, 'in_progress');
      await move(held.id, 'pending');
      const untouched = await create({ severity: 'critical' });
      await post('/sla-check', service, { asOf: plusMinutes(held.receivedAt, 10 * 24 * 60) }).expect(200);
      expect((await get('/notifications').query({ requestId: held.id }).expect(200)).body.total).toBe(0);
      const kinds = (await get('/notifications').query({ requestId: untouched.id, recipient: 'owner' }).expect(200)).body.items.map((n: { clock: string; kind: string }) => `${n.clock}/${n.kind}`).sort();
      expect(kinds).toEqual(['resolution/breach', 'response/breach']);
      expect((await get(`/${untouched.id}`).expect(200)).body.escalationLevel).toBe(2);
      await post('/sla-check', service, { asOf: 'soon' }).expect(400);
      await get('/notifications').query({ requestId: randomUUID() }).expect(404);
      await get('/notifications').query({ kind: 'late' }).expect(400);
    });
  });

  describe('return visits', () => {
    async function satisfaction(id: string): Promise<number | undefined> {
      const res = await api().get(`/api/v1/customers/${id}/scores`).auth(service, { type: 'bearer' }).expect(200);
      return res.body.items.find((s: { kind: string }) => s.kind === 'satisfaction')?.score;
    }

    it('reopens on an unsatisfied visit and closes on a satisfied one, moving the satisfaction score', async () => {
      const visited = (await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput({ name: '回访客户' })).expect(201)).body.id as string;
      expect(await satisfaction(visited)).toBeUndefined();
      const r = await create({ customerId: visited, subscriptionId: undefined, kind: 'complaint' });
      await post(`/${r.id}/return-visits`, service, { rating: 3, satisfied: true, visitedAt: new Date().toISOString() }).expect(409);
      await move(r.id, 'in_progress');
      await move(r.id, 'resolved');

      const future = await post(`/${r.id}/return-visits`, service, { rating: 3, satisfied: true, visitedAt: plusMinutes(new Date().toISOString(), 120) }).expect(400);
      expect(future.body.details[0].field).toBe('visitedAt');
      const invalid = await post(`/${r.id}/return-visits`, service, { rating: 6, satisfied: 'yes', visitedAt: 'today' }).expect(400);
      expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['rating', 'satisfied', 'visitedAt']);
      await post(`/${r.id}/return-visits`, analyst, { rating: 3, satisfied: true, visitedAt: new Date().toISOString() }).expect(403);

      const unhappy = await post(`/${r.id}/return-visits`, service, { rating: 2, satisfied: false, comment: '问题依旧', visitedAt: new Date().toISOString() }).expect(201);
      expect(unhappy.body.request).toMatchObject({ status: 'in_progress', slaPaused: false, resolvedAt: null });
      expect(unhappy.body.visit).toMatchObject({ rating: 2, satisfied: false, comment: '问题依旧', visitedBy: 'service', surveyId: expect.any(String) });
      expect(unhappy.body.satisfaction.score).toBe(25);
      expect(await satisfaction(visited)).toBe(25);
      const reopen = unhappy.body.request.history.find((e: Event) => e.fromStatus === 'resolved');
      expect(reopen).toMatchObject({ toStatus: 'in_progress', reason: 'return visit: customer not satisfied, reopened' });
      const [survey] = await node.dataSource.query(`SELECT channel, attitude, service_quality, timeliness, price_at_quality FROM satisfaction_survey WHERE id = $1`, [unhappy.body.visit.surveyId]);
      expect(survey).toEqual({ channel: 'return_visit', attitude: 25, service_quality: 25, timeliness: 25, price_at_quality: 25 });

      await move(r.id, 'resolved', '再次处理');
      const happy = await post(`/${r.id}/return-visits`, service, { rating: 5, satisfied: true, visitedAt: new Date().toISOString() }).expect(201);
      expect(happy.body.request).toMatchObject({ status: 'closed' });
      expect(happy.body.request.closedAt).toBeTruthy();
      const after = await satisfaction(visited);
      expect(after).toBeGreaterThan(25);
      expect(happy.body.satisfaction.score).toBe(after);
      const [second] = await node.dataSource.query(`SELECT attitude, service_quality, timeliness, price_at_quality FROM satisfaction_survey WHERE id = $1`, [happy.body.visit.surveyId]);
      // the factors a visit does not ask about are carried from the latest survey
      expect(second).toEqual({ attitude: 100, service_quality: 100, timeliness: 100, price_at_quality: 25 });

      const visits = (await get(`/${r.id}/return-visits`).expect(200)).body;
      expect(visits.map((v: { rating: number }) => v.rating)).toEqual([2, 5]);
      await post(`/${r.id}/return-visits`, service, { rating: 5, satisfied: true, visitedAt: new Date().toISOString() }).expect(409);
      expect(await audits(r.id)).toEqual(expect.arrayContaining(['create', 'update']));
      const [visitAudit] = await node.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'service_request_return_visit' AND new_values->>'requestId' = $1`, [r.id]);
      expect(visitAudit.n).toBe(2);
    });
  });

  describe('facts', () => {
    it('publishes additive daily figures by kind, channel and severity', async () => {
      const { ServiceFactsProducer } = await import('@crm/service');
      const producer = new ServiceFactsProducer();
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const rows = await producer.compute(node.dataSource.manager, { period: today, timezone: 'Asia/Shanghai' });
      const complaint = rows.find((r) => r.dims.kind === 'complaint' && r.dims.channel === 'hotline_112' && r.dims.severity === 'medium');
      expect(complaint?.measures).toMatchObject({ opened: 1, resolved: 2, closed: 1, return_visits: 2, rating_sum: 7, first_contact_resolutions: 2, sla_met: 2, sla_breached: 0 });
      const critical = rows.find((r) => r.dims.kind === 'fault' && r.dims.severity === 'critical' && r.dims.channel === 'hotline_112');
      expect(critical?.measures.sla_breached).toBeGreaterThanOrEqual(1);
      for (const r of rows) expect(Object.keys(r.measures).sort()).toEqual(['closed', 'first_contact_resolutions', 'opened', 'rating_sum', 'resolved', 'return_visits', 'sla_breached', 'sla_met']);

      // the monthly set equals the sum of the month's days (every request of this suite is from today)
      const { ServiceMonthFactsProducer } = await import('@crm/service');
      const month = await new ServiceMonthFactsProducer().compute(node.dataSource.manager, { period: `${today.slice(0, 7)}-01`, timezone: 'Asia/Shanghai' });
      const key = (r: { dims: Record<string, string> }) => `${r.dims.kind}|${r.dims.channel}|${r.dims.severity}`;
      expect(new Map(month.map((r) => [key(r), r.measures]))).toEqual(new Map(rows.map((r) => [key(r), r.measures])));
    });
  });

  describe('worker', () => {
    it('schedules the SLA check from the configuration and runs CheckServiceSlaJob', async () => {
      const queue = node.worker!.get<Queue>(getQueueToken(QueueName.Service), { strict: false });
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((x) => [x.key, x.pattern, x.tz])).toEqual([['service-sla-check', '*/10 * * * *', 'Asia/Shanghai']]);
      // a critical fault (24×7, 240 minutes) in progress, checked by the job as of 300 minutes after it arrived
      const fault = await create({ severity: 'critical' });
      await move(fault.id, 'in_progress');
      const job = await queue.add(JobName.CheckServiceSla, { correlationId: 'e2e-sla', asOf: plusMinutes(fault.receivedAt, 300) }, { removeOnComplete: 10 });
      const done = await waitFor(async () => {
        const j = await queue.getJob(job.id!);
        return j && (await j.getState()) === 'completed' ? j : undefined;
      }, 'the SLA check job');
      expect(done.returnvalue).toMatchObject({ breaches: expect.any(Number), escalated: expect.any(Number) });
      expect(done.returnvalue.breaches).toBeGreaterThanOrEqual(1);
      const notices = (await get('/notifications').query({ requestId: fault.id }).expect(200)).body.items;
      expect(notices.map((n: { clock: string; kind: string; recipient: string }) => `${n.clock}/${n.kind}/${n.recipient}`)).toEqual(['resolution/breach/owner']);
      const after = (await get(`/${fault.id}`).expect(200)).body;
      expect(after).toMatchObject({ escalated: true, escalationLevel: 1 });
      expect(after.history.find((e: Event) => e.action === 'escalate').by).toMatch(/^system/);
    });
  });
});
