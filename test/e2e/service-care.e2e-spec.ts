import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { JobName, QueueName } from '@crm/queue';
import { cityDay, cityToday, customerInput, insertTestSubscription, residentId, RunningNode, serviceDepartmentInput, staffInput, tokenFor, waitFor } from '@crm/testing';
import { CareTaskFactsProducer, ServicePlanFactsProducer } from '@crm/service-care';
import { startSingleCity } from './city-node.fixture';

/** customerInput with a resident id unique in this suite. */
let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1965, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId('440106', birth) });
}

interface Task { id: string; origin: string; rule: string | null; occasionKey: string | null; customerId: string; kind: string; status: string; dueDate: string; assigneeStaffId: string | null; outageId: string | null; version: number; outcome: string | null; doneAt: string | null; history?: { fromStatus: string | null; toStatus: string; note: string | null; by: string }[] }

/** The same day `years` years earlier (29 February kept: 4-year steps). */
const yearsBefore = (day: string, years: number): string => `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();

describe('Service care API (主動服務 /api/v1/care-tasks, 故障 /api/v1/service-outages, 服務方案 /api/v1/service-plans)', () => {
  let node: RunningNode;
  let admin: string;
  let service: string;
  let analyst: string;
  let market: string;
  let operations: string;
  let managerId: string;
  let departmentCode: string;

  beforeAll(async () => {
    // the worker runs too; the cron is overridden through CRM_SERVICE_CARE_CONFIG (default 15 3 * * *)
    node = await startSingleCity({ worker: true, env: { CRM_SERVICE_CARE_CONFIG: JSON.stringify({ cron: '0 4 * * *', outage: { minHours: 4 } }) } });
    [admin, service, analyst, market, operations] = await Promise.all(['admin', 'service', 'analyst', 'market', 'operations'].map((u) => tokenFor(node.url, u)));
    const dep = await api().post('/api/v1/service-departments').auth(admin, { type: 'bearer' }).send(serviceDepartmentInput()).expect(201);
    departmentCode = dep.body.code;
    const staff = await api().post('/api/v1/staff').auth(admin, { type: 'bearer' }).send(staffInput({ departmentCode })).expect(201);
    managerId = staff.body.id;
  });
  afterAll(() => node.close());

  const api = () => request(node.url);

  async function customer(name: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const c = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput({ name, ...overrides })).expect(201);
    return c.body.id;
  }
  async function tasksOf(customerId: string, token = service): Promise<Task[]> {
    const res = await api().get('/api/v1/care-tasks').query({ customerId, pageSize: 100 }).auth(token, { type: 'bearer' }).expect(200);
    return res.body.items;
  }
  const generate = (body: Record<string, unknown> = {}, token = service) => api().post('/api/v1/care-tasks/generate').auth(token, { type: 'bearer' }).send(body);

  describe('care rules and idempotent generation', () => {
    let keyAccount: string;
    let leveled: string;
    let ordinary: string;
    let anniversary: string;
    let anniversaryYesterday: string;
    let anniversaryTomorrow: string;
    let affected: string;
    let shortAffected: string;
    let laterAffected: string;
    let outageId: string;
    let ongoingId: string;

    beforeAll(async () => {
      keyAccount = await customer('大客戶甲', { customerType: 'key_individual', accountManagerId: managerId });
      // a key-account level alone (e.g. set by an import) also makes a key account
      leveled = await customer('有大客戶級別');
      await node.dataSource.query(`UPDATE customer SET key_account_level = 'city' WHERE id = $1`, [leveled]);
      ordinary = await customer('普通客戶');
      anniversary = await customer('在網四周年');
      await insertTestSubscription(node.dataSource, anniversary, { startedAt: `${yearsBefore(cityToday(), 4)}T12:00:00+08:00` });
      anniversaryYesterday = await customer('昨日周年');
      await insertTestSubscription(node.dataSource, anniversaryYesterday, { startedAt: `${yearsBefore(cityDay(-1), 4)}T12:00:00+08:00` });
      anniversaryTomorrow = await customer('明日周年');
      await insertTestSubscription(node.dataSource, anniversaryTomorrow, { startedAt: `${yearsBefore(cityDay(1), 4)}T12:00:00+08:00` });
      affected = await customer('故障受影響');
      shortAffected = await customer('短暫故障');
      laterAffected = await customer('故障未結束');
      const sub = await insertTestSubscription(node.dataSource, affected, { startedAt: '2021-06-10T09:00:00+08:00' });
      const long = await api().post('/api/v1/service-outages').auth(service, { type: 'bearer' })
        .send({ districtCode: '440106', area: '天河路', description: '光纜中斷', startedAt: hoursAgo(7), endedAt: hoursAgo(1), subscriptionIds: [sub.id] }).expect(201);
      outageId = long.body.id;
      expect(long.body).toMatchObject({ districtCode: '440106', durationHours: 6, affectedCustomers: 1, customerIds: [affected], version: 1 });
      await api().post('/api/v1/service-outages').auth(service, { type: 'bearer' })
        .send({ districtCode: '440106', description: '短暫停電', startedAt: hoursAgo(3), endedAt: hoursAgo(1), customerIds: [shortAffected] }).expect(201);
      const ongoing = await api().post('/api/v1/service-outages').auth(service, { type: 'bearer' })
        .send({ districtCode: '440104', description: '基站故障', startedAt: hoursAgo(10), customerIds: [laterAffected] }).expect(201);
      ongoingId = ongoing.body.id;
    });

    it('generates visits for key accounts, anniversaries and outage follow-ups; a re-run creates nothing', async () => {
      const first = await generate().expect(200);
      expect(first.body).toMatchObject({ asOf: cityToday() });
      expect(first.body.created).toBeGreaterThanOrEqual(5);
      expect(first.body.byRule).toMatchObject({ key_account_visit: 2, anniversary: expect.any(Number), outage: 1 });

      const visit = await tasksOf(keyAccount);
      expect(visit).toHaveLength(1);
      expect(visit[0]).toMatchObject({ origin: 'rule', rule: 'key_account_visit', kind: 'visit', status: 'assigned', assigneeStaffId: managerId, dueDate: cityToday(), occasionKey: `key_account_visit:${keyAccount}:${cityToday()}` });
      expect((await tasksOf(leveled)).map((t) => [t.kind, t.status, t.assigneeStaffId])).toEqual([['visit', 'open', null]]);
      expect(await tasksOf(ordinary)).toEqual([]);

      const a = await tasksOf(anniversary);
      expect(a.map((t) => [t.kind, t.dueDate, t.occasionKey])).toEqual([['anniversary', cityToday(), `anniversary:${anniversary}:${cityToday().slice(0, 4)}`]]);
      expect((await tasksOf(anniversaryYesterday)).map((t) => [t.kind, t.dueDate])).toEqual([['anniversary', cityDay(-1)]]);
      expect(await tasksOf(anniversaryTomorrow)).toEqual([]);

      const o = await tasksOf(affected);
      expect(o.map((t) => [t.kind, t.outageId, t.rule])).toEqual([['outage_follow_up', outageId, 'outage']]);
      expect(o[0].dueDate).toBe(cityDay(1));
      expect(await tasksOf(shortAffected)).toEqual([]);
      expect(await tasksOf(laterAffected)).toEqual([]);

      const mine = [keyAccount, leveled, anniversary, anniversaryYesterday, affected];
      const before = (await Promise.all(mine.map((c) => tasksOf(c)))).flat().map((t) => t.id).sort();
      const again = await generate({ asOf: cityToday() }).expect(200);
      expect(again.body.created).toBe(0);
      expect(again.body.alreadyGenerated).toBe(again.body.occasions);
      const after = (await Promise.all(mine.map((c) => tasksOf(c)))).flat().map((t) => t.id).sort();
      expect(after).toEqual(before);
      const [{ n }] = await node.dataSource.query(`SELECT count(*)::int AS n FROM care_task WHERE customer_id = ANY($1::uuid[])`, [mine]);
      expect(n).toBe(before.length);

      const history = (await api().get(`/api/v1/care-tasks/${visit[0].id}`).auth(analyst, { type: 'bearer' }).expect(200)).body.history;
      expect(history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'assigned', note: 'generated by rule key_account_visit', by: 'service' })]);
      const audits = await node.dataSource.query(`SELECT new_values FROM audit_log WHERE entity_type = 'care_task' AND action = 'create' AND actor_username = 'service' AND entity_id IS NULL`);
      expect(audits.length).toBeGreaterThanOrEqual(1);
      expect(audits.some((r: { new_values: { taskIds: string[] } }) => r.new_values.taskIds.includes(visit[0].id))).toBe(true);
    });

    it('the outage follow-up comes once the outage ends (PATCH endedAt); a stale version is 409', async () => {
      const url = `/api/v1/service-outages/${ongoingId}`;
      const ongoing = await api().get('/api/v1/service-outages').query({ ongoing: 'true' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(ongoing.body.items.map((o: { id: string }) => o.id)).toContain(ongoingId);
      await api().patch(url).auth(service, { type: 'bearer' }).send({ endedAt: hoursAgo(2), version: 2 }).expect(409);
      await api().patch(url).auth(service, { type: 'bearer' }).send({ endedAt: hoursAgo(11), version: 1 }).expect(400);
      await api().patch(url).auth(service, { type: 'bearer' }).send({ endedAt: new Date(Date.now() + 86_400_000).toISOString(), version: 1 }).expect(400);
      const ended = await api().patch(url).auth(service, { type: 'bearer' }).send({ endedAt: hoursAgo(2), version: 1 }).expect(200);
      expect(ended.body).toMatchObject({ durationHours: 8, version: 2 });
      const run = await generate().expect(200);
      expect(run.body.byRule.outage).toBe(1);
      expect((await tasksOf(laterAffected)).map((t) => [t.kind, t.outageId])).toEqual([['outage_follow_up', ongoingId]]);
      expect((await generate().expect(200)).body.created).toBe(0);
    });

    it('after the visit is done, the next one is generated one cadence (90 days, 7 days lead) later', async () => {
      const [visit] = await tasksOf(keyAccount);
      const done = await api().patch(`/api/v1/care-tasks/${visit.id}`).auth(service, { type: 'bearer' }).send({ status: 'done', outcome: '走訪完成，客戶滿意', version: visit.version }).expect(200);
      expect(done.body).toMatchObject({ status: 'done', outcome: '走訪完成，客戶滿意' });
      expect(done.body.doneAt).toEqual(expect.any(String));
      await generate({ asOf: cityDay(82) }).expect(200);
      expect(await tasksOf(keyAccount, analyst)).toHaveLength(1);
      await generate({ asOf: cityDay(83) }).expect(200);
      const tasks = await tasksOf(keyAccount);
      expect(tasks.map((t) => [t.kind, t.status, t.dueDate])).toEqual([['visit', 'done', cityToday()], ['visit', 'assigned', cityDay(90)]]);
      await generate({ asOf: cityDay(83) }).expect(200);
      expect(await tasksOf(keyAccount)).toHaveLength(2);
    });

    it('a deleted generated task is not generated again', async () => {
      const [task] = await tasksOf(anniversaryYesterday);
      await api().delete(`/api/v1/care-tasks/${task.id}`).auth(service, { type: 'bearer' }).expect(204);
      await api().get(`/api/v1/care-tasks/${task.id}`).auth(service, { type: 'bearer' }).expect(404);
      await api().delete(`/api/v1/care-tasks/${task.id}`).auth(service, { type: 'bearer' }).expect(404);
      await generate().expect(200);
      expect(await tasksOf(anniversaryYesterday)).toEqual([]);
      const [audit] = await node.dataSource.query(`SELECT actor_username, old_values FROM audit_log WHERE entity_type = 'care_task' AND action = 'delete' AND entity_id = $1`, [task.id]);
      expect(audit).toMatchObject({ actor_username: 'service', old_values: { status: expect.any(String) } });
    });

    it('outages: list, get, export, 400 / 404', async () => {
      const list = await api().get('/api/v1/service-outages').query({ districtCode: '440106', from: cityDay(-1), to: cityDay(0) }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items.every((o: { districtCode: string }) => o.districtCode === '440106')).toBe(true);
      const one = await api().get(`/api/v1/service-outages/${outageId}`).auth(analyst, { type: 'bearer' }).expect(200);
      expect(one.body.customerIds).toEqual([affected]);
      await api().get(`/api/v1/service-outages/${randomUUID()}`).auth(analyst, { type: 'bearer' }).expect(404);
      await api().get('/api/v1/service-outages/not-a-uuid').auth(analyst, { type: 'bearer' }).expect(400);
      const csv = await api().get('/api/v1/service-outages/export').query({ format: 'csv', districtCode: '440106' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('光纜中斷');
      expect(csv.text).not.toContain('基站故障');
      const bad = [
        { districtCode: '999999', description: 'x', startedAt: hoursAgo(3) },
        { districtCode: '440106', description: 'x', startedAt: '2026-11-30 08:00' },
        { districtCode: '440106', description: 'x', startedAt: hoursAgo(3), endedAt: hoursAgo(4) },
        { districtCode: '440106', description: 'x', startedAt: hoursAgo(3), customerIds: [randomUUID()] },
        { districtCode: '440106', description: 'x', startedAt: hoursAgo(3), subscriptionIds: [randomUUID()] },
        { districtCode: '440106', startedAt: hoursAgo(3) },
      ];
      const fields = [];
      for (const body of bad) {
        const res = await api().post('/api/v1/service-outages').auth(service, { type: 'bearer' }).send(body).expect(400);
        fields.push(res.body.details?.[0]?.field);
      }
      expect(fields).toEqual(['districtCode', 'startedAt', 'endedAt', 'customerIds', 'subscriptionIds', 'description']);
      const [{ n }] = await node.dataSource.query(`SELECT count(*)::int AS n FROM service_outage WHERE description = 'x'`);
      expect(n).toBe(0);
      await api().post('/api/v1/service-outages').auth(analyst, { type: 'bearer' }).send({ districtCode: '440106', description: 'y', startedAt: hoursAgo(3) }).expect(403);
    });

    it('generate refuses a bad asOf (400) and read-only roles (403)', async () => {
      await generate({ asOf: '2026-02-30' }).expect(400);
      await generate({ asOf: 'today' }).expect(400);
      await generate({}, analyst).expect(403);
    });
  });

  describe('care tasks by hand', () => {
    let customerId: string;
    beforeAll(async () => {
      customerId = await customer('手工任務客戶');
    });

    it('creates, assigns, completes with an outcome; illegal moves and stale versions are 409; history and audit kept', async () => {
      const created = await api().post('/api/v1/care-tasks').auth(service, { type: 'bearer' }).send({ customerId, kind: 'other', title: '回訪寬帶提速', dueDate: cityDay(5), notes: '客戶反映網速慢' }).expect(201);
      expect(created.body).toMatchObject({ origin: 'manual', rule: null, occasionKey: null, status: 'open', version: 1, customerName: '手工任務客戶', dueDate: cityDay(5) });
      const url = `/api/v1/care-tasks/${created.body.id}`;
      const illegal = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'done', outcome: 'x', version: 1 }).expect(409);
      expect(illegal.body.details).toEqual([{ field: 'status', problem: 'allowed from open: assigned, cancelled' }]);
      const noAssignee = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'assigned', version: 1 }).expect(400);
      expect(noAssignee.body.details[0].field).toBe('assigneeStaffId');
      const unknownStaff = await api().patch(url).auth(service, { type: 'bearer' }).send({ assigneeStaffId: randomUUID(), version: 1 }).expect(400);
      expect(unknownStaff.body.details[0].field).toBe('assigneeStaffId');
      const assigned = await api().patch(url).auth(service, { type: 'bearer' }).send({ assigneeStaffId: managerId, version: 1 }).expect(200);
      expect(assigned.body).toMatchObject({ status: 'assigned', assigneeStaffId: managerId, version: 2 });
      await api().patch(url).auth(service, { type: 'bearer' }).send({ title: '舊版本', version: 1 }).expect(409);
      const noOutcome = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'done', version: 2 }).expect(400);
      expect(noOutcome.body.details[0].field).toBe('outcome');
      const done = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'done', outcome: '已提速到 500M', doneAt: hoursAgo(1), version: 2 }).expect(200);
      expect(done.body).toMatchObject({ status: 'done', outcome: '已提速到 500M', version: 3 });
      const final = await api().patch(url).auth(service, { type: 'bearer' }).send({ status: 'cancelled', version: 3 }).expect(409);
      expect(final.body.details).toEqual([{ field: 'status', problem: 'done is final' }]);
      const read = await api().get(url).auth(analyst, { type: 'bearer' }).expect(200);
      expect(read.body.history.map((h: { fromStatus: string | null; toStatus: string; note: string | null; by: string }) => [h.fromStatus, h.toStatus, h.note, h.by])).toEqual([
        [null, 'open', 'created', 'service'],
        ['open', 'assigned', null, 'service'],
        ['assigned', 'done', '已提速到 500M', 'service'],
      ]);
      const audits = await node.dataSource.query(`SELECT action, new_values FROM audit_log WHERE entity_type = 'care_task' AND entity_id = $1 ORDER BY id`, [created.body.id]);
      expect(audits.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'update']);
      expect(audits[2].new_values).toMatchObject({ status: 'done', outcome: '已提速到 500M' });
    });

    it('cancels an open task; department assignment; 400 for bad input with no partial write; 404; 403', async () => {
      const t = await api().post('/api/v1/care-tasks').auth(service, { type: 'bearer' }).send({ customerId, kind: 'visit', title: '上門拜訪', dueDate: cityDay(3), departmentCode }).expect(201);
      expect(t.body).toMatchObject({ status: 'assigned', departmentCode });
      const c = await api().post('/api/v1/care-tasks').auth(service, { type: 'bearer' }).send({ customerId, kind: 'other', title: '取消用', dueDate: cityDay(3) }).expect(201);
      const cancelled = await api().patch(`/api/v1/care-tasks/${c.body.id}`).auth(service, { type: 'bearer' }).send({ status: 'cancelled', outcome: '客戶拒絕', version: 1 }).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', doneAt: null });
      const before = (await node.dataSource.query(`SELECT count(*)::int AS n FROM care_task`))[0].n;
      const bad: [Record<string, unknown>, string][] = [
        [{ customerId: randomUUID(), kind: 'other', title: 't', dueDate: cityDay(1) }, 'customerId'],
        [{ customerId, kind: 'party', title: 't', dueDate: cityDay(1) }, 'kind'],
        [{ customerId, kind: 'other', title: 't', dueDate: '2026-13-01' }, 'dueDate'],
        [{ customerId, kind: 'other', title: 't', dueDate: cityDay(1), departmentCode: 'NOPE' }, 'departmentCode'],
        [{ customerId, kind: 'other', title: 't', dueDate: cityDay(1), assigneeStaffId: randomUUID() }, 'assigneeStaffId'],
      ];
      for (const [body, field] of bad) {
        const res = await api().post('/api/v1/care-tasks').auth(service, { type: 'bearer' }).send(body).expect(400);
        expect(res.body.details?.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM care_task`))[0].n).toBe(before);
      await api().patch(`/api/v1/care-tasks/${randomUUID()}`).auth(service, { type: 'bearer' }).send({ title: 'x', version: 1 }).expect(404);
      await api().patch(`/api/v1/care-tasks/${c.body.id}`).auth(service, { type: 'bearer' }).send({ title: 'x' }).expect(400);
      await api().get('/api/v1/care-tasks').auth(market, { type: 'bearer' }).expect(403);
      await api().post('/api/v1/care-tasks').auth(analyst, { type: 'bearer' }).send({ customerId, kind: 'other', title: 't', dueDate: cityDay(1) }).expect(403);
      await api().delete(`/api/v1/care-tasks/${c.body.id}`).auth(analyst, { type: 'bearer' }).expect(403);
      await api().get('/api/v1/care-tasks').expect(401);
    });

    it('lists with filters and pagination, and exports csv / xlsx / html', async () => {
      const byStatus = await api().get('/api/v1/care-tasks').query({ customerId, status: 'cancelled' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(byStatus.body.items.map((t: Task) => t.status)).toEqual(['cancelled']);
      const byAssignee = await api().get('/api/v1/care-tasks').query({ assigneeStaffId: managerId, kind: 'other' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(byAssignee.body.items.length).toBeGreaterThanOrEqual(1);
      expect(byAssignee.body.items.every((t: Task) => t.assigneeStaffId === managerId && t.kind === 'other')).toBe(true);
      const due = await api().get('/api/v1/care-tasks').query({ customerId, dueFrom: cityDay(4), dueTo: cityDay(6) }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(due.body.items.map((t: Task) => t.dueDate)).toEqual([cityDay(5)]);
      const page = await api().get('/api/v1/care-tasks').query({ customerId, page: 2, pageSize: 1, sort: '-createdAt' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 1 });
      expect(page.body.items).toHaveLength(1);
      await api().get('/api/v1/care-tasks').query({ status: 'closed' }).auth(analyst, { type: 'bearer' }).expect(400);
      await api().get('/api/v1/care-tasks').query({ dueFrom: 'tomorrow' }).auth(analyst, { type: 'bearer' }).expect(400);
      const csv = await api().get('/api/v1/care-tasks/export').query({ format: 'csv', customerId }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('回訪寬帶提速');
      expect(csv.text).toContain('已提速到 500M');
      expect(csv.text.trim().split('\n')).toHaveLength(4);
      const xlsx = await api().get('/api/v1/care-tasks/export').query({ format: 'xlsx', customerId }).auth(analyst, { type: 'bearer' }).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
      const html = await api().get('/api/v1/care-tasks/export').query({ format: 'html', customerId }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(html.text).toContain('關懷任務');
      await api().get('/api/v1/care-tasks/export').query({ format: 'pdf' }).auth(analyst, { type: 'bearer' }).expect(400);
      const [audit] = await node.dataSource.query(`SELECT actor_username FROM audit_log WHERE entity_type = 'care_task' AND action = 'export' ORDER BY id DESC LIMIT 1`);
      expect(audit.actor_username).toBe('analyst');
    });
  });

  describe('service plans (服務方案)', () => {
    const planInput = (overrides: Record<string, unknown> = {}) => ({
      title: '大客戶關懷方案', objective: '大客戶滿意度提升到 90 分', scopeDistricts: ['440106'], scopeSegments: ['key_enterprise'], periodFrom: cityDay(1), periodTo: cityDay(90), content: '一、走訪；二、回訪', ...overrides,
    });
    const move = (id: string, body: Record<string, unknown>, token = service) => api().post(`/api/v1/service-plans/${id}/transitions`).auth(token, { type: 'bearer' }).send(body);

    it('walks the lifecycle with a revise loop, stage results and an evaluation; each move recorded', async () => {
      const created = await api().post('/api/v1/service-plans').auth(service, { type: 'bearer' }).send(planInput({ ownerStaffId: managerId })).expect(201);
      expect(created.body).toMatchObject({ state: 'draft', version: 1, nextStates: ['evaluation'], scopeDistricts: ['440106'], ownerStaffId: managerId });
      const id = created.body.id;
      const edited = await api().patch(`/api/v1/service-plans/${id}`).auth(service, { type: 'bearer' }).send({ title: '大客戶關懷方案（一稿）', version: 1 }).expect(200);
      expect(edited.body).toMatchObject({ title: '大客戶關懷方案（一稿）', version: 2 });
      await move(id, { to: 'evaluation', version: 2 }).expect(200);
      await api().patch(`/api/v1/service-plans/${id}`).auth(service, { type: 'bearer' }).send({ title: '評估中不能改', version: 3 }).expect(409);
      const noReason = await move(id, { to: 'rejected', version: 3 }).expect(400);
      expect(noReason.body.details).toEqual([{ field: 'reason', problem: 'required when moving to rejected' }]);
      await move(id, { to: 'rejected', reason: '預算過高', version: 3 }).expect(200);
      await move(id, { to: 'revised', reason: '削減預算', version: 4 }).expect(200);
      await api().patch(`/api/v1/service-plans/${id}`).auth(service, { type: 'bearer' }).send({ content: '一、走訪（減半）', version: 5 }).expect(200);
      await move(id, { to: 'evaluation', version: 6 }).expect(200);
      await move(id, { to: 'adopted', version: 7 }).expect(200);
      const illegal = await move(id, { to: 'executing', version: 8 }).expect(409);
      expect(illegal.body.message).toBe('A plan cannot move from adopted to executing');
      expect(illegal.body.details).toEqual([{ field: 'to', problem: 'allowed from adopted: confirmed, revised' }]);
      await move(id, { to: 'confirmed', version: 7 }).expect(409);
      await move(id, { to: 'confirmed', version: 8 }).expect(200);
      await api().post(`/api/v1/service-plans/${id}/stage-results`).auth(service, { type: 'bearer' }).send({ stage: '第一階段', result: '太早' }).expect(409);
      await move(id, { to: 'executing', version: 9 }).expect(200);
      const stage = await api().post(`/api/v1/service-plans/${id}/stage-results`).auth(service, { type: 'bearer' }).send({ stage: '第一階段：走訪', result: '走訪 42 家', metrics: { visited: 42 } }).expect(201);
      expect(stage.body).toMatchObject({ stage: '第一階段：走訪', metrics: { visited: 42 }, by: 'service' });
      await api().post(`/api/v1/service-plans/${id}/stage-results`).auth(service, { type: 'bearer' }).send({ stage: 's', result: 'r', metrics: { visited: 'many' } }).expect(400);
      const direct = await move(id, { to: 'evaluated', version: 10 }).expect(409);
      expect(direct.body.details[0].problem).toBe('use the evaluation endpoint');
      await api().post(`/api/v1/service-plans/${id}/evaluation`).auth(service, { type: 'bearer' }).send({ overallScore: 101, notes: 'x', version: 10 }).expect(400);
      await api().post(`/api/v1/service-plans/${id}/evaluation`).auth(service, { type: 'bearer' }).send({ overallScore: 80, scores: { coverage: 120 }, notes: 'x', version: 10 }).expect(400);
      const evaluated = await api().post(`/api/v1/service-plans/${id}/evaluation`).auth(service, { type: 'bearer' })
        .send({ overallScore: 82, scores: { coverage: 85, satisfaction: 78 }, notes: '覆蓋率達標', lessons: '提前預約走訪時間', version: 10 }).expect(201);
      expect(evaluated.body).toMatchObject({ state: 'evaluated', nextStates: [], version: 11, evaluation: { overallScore: 82, scores: { coverage: 85, satisfaction: 78 }, lessons: '提前預約走訪時間', evaluatedBy: 'service' } });
      expect(evaluated.body.stageResults).toHaveLength(1);
      expect(evaluated.body.history.map((h: { fromState: string | null; toState: string; reason: string | null; by: string }) => [h.fromState, h.toState, h.reason, h.by])).toEqual([
        [null, 'draft', null, 'service'],
        ['draft', 'evaluation', null, 'service'],
        ['evaluation', 'rejected', '預算過高', 'service'],
        ['rejected', 'revised', '削減預算', 'service'],
        ['revised', 'evaluation', null, 'service'],
        ['evaluation', 'adopted', null, 'service'],
        ['adopted', 'confirmed', null, 'service'],
        ['confirmed', 'executing', null, 'service'],
        ['executing', 'evaluated', 'evaluated: 82/100', 'service'],
      ]);
      await api().post(`/api/v1/service-plans/${id}/evaluation`).auth(service, { type: 'bearer' }).send({ overallScore: 90, notes: 'again', version: 11 }).expect(409);
      await move(id, { to: 'draft', version: 11 }).expect(409);
      await api().delete(`/api/v1/service-plans/${id}`).auth(service, { type: 'bearer' }).expect(409);
      const audits = await node.dataSource.query(`SELECT action, new_values FROM audit_log WHERE entity_type = 'service_plan' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audits.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'update', 'update', 'update', 'update', 'update', 'update']);
      expect(audits[3].new_values).toEqual({ state: 'rejected', reason: '預算過高' });

      // a second evaluated plan; the drafter of the next plan reads both, newest first
      const second = (await api().post('/api/v1/service-plans').auth(service, { type: 'bearer' }).send(planInput({ title: '周年關懷方案' })).expect(201)).body.id;
      for (const [to, version] of [['evaluation', 1], ['adopted', 2], ['confirmed', 3], ['executing', 4]] as const) await move(second, { to, version }).expect(200);
      await api().post(`/api/v1/service-plans/${second}/evaluation`).auth(operations, { type: 'bearer' }).send({ overallScore: 64, notes: '短信觸達率低', version: 5 }).expect(403);
      await api().post(`/api/v1/service-plans/${second}/evaluation`).auth(service, { type: 'bearer' }).send({ overallScore: 64, notes: '短信觸達率低', version: 5 }).expect(201);
      const latest = await api().get('/api/v1/service-plans/evaluations').query({ latest: 2 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(latest.body.map((e: { planId: string; planTitle: string; overallScore: number }) => [e.planId, e.planTitle, e.overallScore])).toEqual([
        [second, '周年關懷方案', 64],
        [id, '大客戶關懷方案（一稿）', 82],
      ]);
      expect((await api().get('/api/v1/service-plans/evaluations').query({ latest: 1 }).auth(analyst, { type: 'bearer' }).expect(200)).body).toHaveLength(1);
      await api().get('/api/v1/service-plans/evaluations').query({ latest: 0 }).auth(analyst, { type: 'bearer' }).expect(400);
    });

    it('CRUD: list with filters, export, get, delete a draft; 400 / 404 / 409 / 403', async () => {
      const draft = (await api().post('/api/v1/service-plans').auth(service, { type: 'bearer' }).send(planInput({ title: '待刪草稿' })).expect(201)).body;
      const list = await api().get('/api/v1/service-plans').query({ state: 'draft', q: '待刪' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([draft.id]);
      const evaluated = await api().get('/api/v1/service-plans').query({ state: 'evaluated', activeOn: cityDay(30), pageSize: 1 }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(evaluated.body).toMatchObject({ total: 2, pageSize: 1 });
      const csv = await api().get('/api/v1/service-plans/export').query({ format: 'csv', state: 'evaluated' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(csv.text).toContain('周年關懷方案');
      expect(csv.text).not.toContain('待刪草稿');
      const html = await api().get('/api/v1/service-plans/export').query({ format: 'html' }).auth(analyst, { type: 'bearer' }).expect(200);
      expect(html.text).toContain('待刪草稿');

      const bad: [Record<string, unknown>, string][] = [
        [planInput({ periodFrom: cityDay(10), periodTo: cityDay(1) }), 'periodTo'],
        [planInput({ scopeDistricts: ['999999'] }), 'scopeDistricts'],
        [planInput({ ownerStaffId: randomUUID() }), 'ownerStaffId'],
        [planInput({ title: '' }), 'title'],
        [planInput({ periodFrom: '2026-02-30' }), 'periodFrom'],
      ];
      const before = (await node.dataSource.query(`SELECT count(*)::int AS n FROM service_plan`))[0].n;
      for (const [body, field] of bad) {
        const res = await api().post('/api/v1/service-plans').auth(service, { type: 'bearer' }).send(body).expect(400);
        expect(res.body.details?.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM service_plan`))[0].n).toBe(before);
      await move(draft.id, { to: 'banana', version: 1 }).expect(400);
      await move(draft.id, { to: 'evaluation' }).expect(400);
      await move(randomUUID(), { to: 'evaluation', version: 1 }).expect(404);
      await api().get(`/api/v1/service-plans/${randomUUID()}`).auth(analyst, { type: 'bearer' }).expect(404);
      await api().patch(`/api/v1/service-plans/${draft.id}`).auth(service, { type: 'bearer' }).send({ periodTo: cityDay(0), version: 1 }).expect(400);
      await api().patch(`/api/v1/service-plans/${draft.id}`).auth(service, { type: 'bearer' }).send({ title: 'x', version: 9 }).expect(409);
      await api().post('/api/v1/service-plans').auth(analyst, { type: 'bearer' }).send(planInput()).expect(403);
      await api().get('/api/v1/service-plans').auth(market, { type: 'bearer' }).expect(403);
      await move(draft.id, { to: 'evaluation', version: 1 }, analyst).expect(403);
      await api().delete(`/api/v1/service-plans/${draft.id}`).auth(service, { type: 'bearer' }).expect(204);
      await api().get(`/api/v1/service-plans/${draft.id}`).auth(analyst, { type: 'bearer' }).expect(404);
      const [audit] = await node.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'service_plan' AND entity_id = $1 AND action = 'delete'`, [draft.id]);
      expect(audit).toBeDefined();
      const [{ n }] = await node.dataSource.query(`SELECT count(*)::int AS n FROM service_plan_transition WHERE plan_id = $1`, [draft.id]);
      expect(n).toBe(0);
    });
  });

  it('publishes the day fact sets care_tasks_by_kind and service_plans_by_state with additive counts', async () => {
    const today = cityToday();
    const res = await api().post('/api/v1/federation/publish').auth(admin, { type: 'bearer' }).send({ from: today, to: today }).expect(200);
    expect(res.body.published.map((p: { metricSet: string }) => p.metricSet)).toEqual(expect.arrayContaining(['care_tasks_by_kind', 'service_plans_by_state']));
    const tz = node.config.timezone;
    const tasks = await node.http!.get(CareTaskFactsProducer).compute(node.dataSource.manager, { period: today, timezone: tz });
    const sum = (rows: { dims: Record<string, string>; measures: Record<string, number> }[], m: string, f: (d: Record<string, string>) => boolean = () => true) =>
      rows.filter((r) => f(r.dims)).reduce((a, r) => a + r.measures[m], 0);
    const [{ created, done }] = await node.dataSource.query(
      `SELECT count(*) FILTER (WHERE (created_at AT TIME ZONE $1)::date = $2::date)::int AS created, count(*) FILTER (WHERE (done_at AT TIME ZONE $1)::date = $2::date)::int AS done FROM care_task`,
      [tz, today],
    );
    expect(sum(tasks, 'generated')).toBe(created);
    expect(sum(tasks, 'done')).toBe(done);
    expect(sum(tasks, 'generated', (d) => d.kind === 'other' && d.origin === 'manual')).toBe(2);
    expect(sum(tasks, 'done', (d) => d.kind === 'visit')).toBe(1);
    const plans = await node.http!.get(ServicePlanFactsProducer).compute(node.dataSource.manager, { period: today, timezone: tz });
    expect(plans).toEqual([{ dims: { state: 'evaluated' }, measures: { plans: 2 } }]);
    const yesterday = await node.http!.get(ServicePlanFactsProducer).compute(node.dataSource.manager, { period: cityDay(-1), timezone: tz });
    expect(yesterday).toEqual([]);
  });

  it('the worker schedules the daily generation with the configured cron and runs the GenerateCareTasks job (idempotent)', async () => {
    const queue = node.worker!.get<Queue>(getQueueToken(QueueName.ServiceCare), { strict: false });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([['care-tasks', '0 4 * * *', 'Asia/Shanghai']]);
    const before = (await node.dataSource.query(`SELECT count(*)::int AS n FROM care_task`))[0].n;
    const job = await queue.add(JobName.GenerateCareTasks, { correlationId: 'e2e-care', asOf: cityToday() });
    const done = await waitFor(async () => {
      const j = await queue.getJob(job.id!);
      return j && (await j.getState()) === 'completed' ? j : undefined;
    }, 'the care task job');
    expect(done.returnvalue).toMatchObject({ asOf: cityToday(), created: 0 });
    expect(done.returnvalue.occasions).toBeGreaterThan(0);
    expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM care_task`))[0].n).toBe(before);
  });
});
