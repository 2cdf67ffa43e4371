import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import ExcelJS from 'exceljs';
import { systemActor } from '@crm/auth';
import { ArrearsService, DunningService } from '@crm/billing';
import { accountInput, billInput, cityDay, cityMonth, cityToday, customerInput, paymentInput, residentId, RunningNode, tokenFor, waitFor } from '@crm/testing';
import { QueueName } from '@crm/queue';
import { startSingleCity } from './city-node.fixture';

/** customerInput with a resident id unique in this suite: the factory draws 1 of 1,000 serials per district, which collide now and then. */
let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1960, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId((overrides.districtCode as string | undefined) ?? '440106', birth) });
}

interface Arrear {
  id: string;
  accountId: string;
  service: string;
  amountFen: number;
  since: string;
  status: string;
  recoveredOn: string | null;
  dunningMethod: string | null;
  dunningCount: number;
  suspended: boolean;
  version: number;
}

/** Machine reminders before a manual task, and the age that sets the suspension flag, for this suite. */
const MANUAL_AFTER = 2;
const SUSPEND_AFTER_DAYS = 30;

describe('Arrears and dunning (欠費、催繳) with the worker running', () => {
  let node: RunningNode;
  let admin: string;
  let service: string;
  let sales: string;
  let market: string;
  let analyst: string;
  let dunning: DunningService;
  let arrearsService: ArrearsService;
  const T = cityToday();

  beforeAll(async () => {
    node = await startSingleCity({ worker: true, env: { CRM_DUNNING_MANUAL_AFTER_ATTEMPTS: String(MANUAL_AFTER), CRM_ARREARS_SUSPEND_AFTER_DAYS: String(SUSPEND_AFTER_DAYS) } });
    [admin, service, sales, market, analyst] = await Promise.all(['admin', 'service', 'sales', 'market', 'analyst'].map((u) => tokenFor(node.url, u)));
    dunning = node.http!.get(DunningService);
    arrearsService = node.http!.get(ArrearsService);
  });
  afterAll(() => node.close());

  const api = () => request(node.url);
  const actor = systemActor('arrears-e2e');

  async function account(districtCode = '440106'): Promise<string> {
    const customer = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput({ districtCode })).expect(201);
    return (await api().post('/api/v1/accounts').auth(service, { type: 'bearer' }).send(accountInput(customer.body.id)).expect(201)).body.id;
  }
  async function bill(accountId: string, month: string, dueDate: string, items?: { itemType: string; service: string; amountFen: number }[]): Promise<{ id: string; status: string }> {
    return (await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(accountId, month, items ? { dueDate, items } : { dueDate })).expect(201)).body;
  }
  async function arrearsOf(accountId: string, status?: string): Promise<Arrear[]> {
    const res = await api().get('/api/v1/arrears').query({ accountId, ...(status ? { status } : {}), sort: 'since', pageSize: 50 }).auth(market, { type: 'bearer' }).expect(200);
    return (res.body.items as Arrear[]).sort((a, b) => a.service.localeCompare(b.service));
  }
  const byService = (list: Arrear[]): Record<string, number> => Object.fromEntries(list.map((a) => [a.service, a.amountFen]));

  it('opens arrears per service when an overdue bill is issued, follows partial payments and recovers on full payment', async () => {
    const acc = await account();
    const overdue = await bill(acc, cityMonth(-2), cityDay(-10));
    expect(overdue.status).toBe('overdue');
    // 8,000 fen: voice 5,900 − 1,000 discount, data 3,000, sms 100
    let live = await arrearsOf(acc, 'open');
    expect(byService(live)).toEqual({ data: 3_000, sms: 100, voice: 4_900 });
    expect(live.every((a) => a.since === cityDay(-10) && a.dunningCount === 0 && !a.suspended)).toBe(true);

    // half paid: each service keeps its share of what is left (largest remainder, sums to 4,000)
    await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(acc, 4_000)).expect(201);
    live = await arrearsOf(acc, 'open');
    expect(byService(live)).toEqual({ data: 1_500, sms: 50, voice: 2_450 });
    expect(live.find((a) => a.service === 'voice')!.version).toBe(2);

    await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(acc, 4_000)).expect(201);
    expect(await arrearsOf(acc, 'open')).toEqual([]);
    const recovered = await arrearsOf(acc, 'recovered');
    expect(recovered.map((a) => [a.service, a.amountFen, a.recoveredOn])).toEqual([['data', 0, T], ['sms', 0, T], ['voice', 0, T]]);
    const [row] = await node.dataSource.query(`SELECT status, paid_fen FROM bill WHERE id = $1`, [overdue.id]);
    expect(row).toEqual({ status: 'paid', paid_fen: '8000' });
    const trail = await node.dataSource.query(`SELECT action, actor_username FROM audit_log WHERE entity_type = 'arrear' AND entity_id = $1 ORDER BY id`, [recovered[2].id]);
    expect(trail).toEqual([{ action: 'create', actor_username: 'service' }, { action: 'update', actor_username: 'service' }, { action: 'update', actor_username: 'service' }]);
  });

  it('the generation marks bills overdue the day after their due date, and running it twice changes nothing', async () => {
    const acc = await account();
    const due = await bill(acc, cityMonth(-1), T, [{ itemType: 'monthly_fee', service: 'broadband', amountFen: 9_900 }]);
    expect(due.status).toBe('issued');
    await arrearsService.generate(T, actor);
    expect(await arrearsOf(acc)).toEqual([]);

    const first = await arrearsService.generate(cityDay(1), actor);
    expect(first.billsMarkedOverdue).toBe(1);
    expect(first.opened).toBe(1);
    expect(await arrearsOf(acc, 'open')).toEqual([expect.objectContaining({ service: 'broadband', amountFen: 9_900, since: T })]);
    const second = await arrearsService.generate(cityDay(1), actor);
    expect(second).toMatchObject({ billsMarkedOverdue: 0, opened: 0, updated: 0, recovered: 0 });

    await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(acc, 9_900)).expect(201);
    expect(await arrearsOf(acc, 'open')).toEqual([]);
  });

  it('dunning: machine reminders first, a manual task after the configured attempts, suspension after the configured days; once per day', async () => {
    const old = await account();
    const recent = await account();
    await bill(old, cityMonth(-3), cityDay(-40), [{ itemType: 'monthly_fee', service: 'voice', amountFen: 10_000 }]);
    await bill(recent, cityMonth(-1), cityDay(-5), [{ itemType: 'data', service: 'data', amountFen: 2_000 }]);

    // run 1: started from the API, processed by the worker
    const started = await api().post('/api/v1/arrears/dunning-runs').auth(service, { type: 'bearer' }).send({}).expect(202);
    expect(started.body.jobId).toMatch(/^dunning-run-/);
    const done = await waitFor(async () => {
      const r = await api().get(`/api/v1/arrears/dunning-runs/${started.body.jobId}`).auth(market, { type: 'bearer' }).expect(200);
      return r.body.state === 'completed' || r.body.state === 'failed' ? r.body : undefined;
    }, 'the dunning run to finish');
    expect(done).toMatchObject({ state: 'completed', result: { asOf: T, reminded: 2, tasksCreated: 0, suspended: 1 } });
    let [a] = await arrearsOf(old, 'in_dunning');
    let [b] = await arrearsOf(recent, 'in_dunning');
    expect(a).toMatchObject({ dunningCount: 1, dunningMethod: 'machine', suspended: true, since: cityDay(-40) });
    expect(b).toMatchObject({ dunningCount: 1, dunningMethod: 'machine', suspended: false });

    // the same day again: nothing more
    expect(await dunning.run(T, actor)).toMatchObject({ reminded: 0, tasksCreated: 0, suspended: 0 });
    // next day: the second (last) machine reminder
    expect(await dunning.run(cityDay(1), actor)).toMatchObject({ reminded: 2, tasksCreated: 0, suspended: 0 });
    // then manual follow-up tasks instead of a third reminder
    expect(await dunning.run(cityDay(2), actor)).toMatchObject({ reminded: 0, tasksCreated: 2 });
    [a] = await arrearsOf(old);
    expect(a).toMatchObject({ dunningCount: MANUAL_AFTER, dunningMethod: 'manual', status: 'in_dunning' });
    // while a task is open, nothing else happens to the arrear
    expect(await dunning.run(cityDay(3), actor)).toMatchObject({ reminded: 0, tasksCreated: 0 });
    expect(await dunning.run(cityDay(3), actor)).toMatchObject({ reminded: 0, tasksCreated: 0 });

    const open = await api().get('/api/v1/dunning-tasks').query({ done: false, accountId: old }).auth(market, { type: 'bearer' }).expect(200);
    expect(open.body.total).toBe(1);
    const task = open.body.items[0];
    expect(task).toMatchObject({ arrearId: a.id, service: 'voice', amountFen: 10_000, dunningCount: 2, assignedTo: null, done: false });

    const unknownUser = await api().patch(`/api/v1/dunning-tasks/${task.id}`).auth(service, { type: 'bearer' }).send({ version: task.version, assignedTo: 'nobody' }).expect(400);
    expect(unknownUser.body.details[0].field).toBe('assignedTo');
    const assigned = await api().patch(`/api/v1/dunning-tasks/${task.id}`).auth(service, { type: 'bearer' }).send({ version: task.version, assignedTo: 'service' }).expect(200);
    expect(assigned.body).toMatchObject({ assignedTo: 'service', version: task.version + 1 });
    const mine = await api().get('/api/v1/dunning-tasks').query({ assignedTo: 'service', done: false }).auth(service, { type: 'bearer' }).expect(200);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    await api().post(`/api/v1/dunning-tasks/${task.id}/complete`).auth(service, { type: 'bearer' }).send({ version: task.version, note: 'x' }).expect(409);
    const completed = await api().post(`/api/v1/dunning-tasks/${task.id}/complete`).auth(service, { type: 'bearer' }).send({ version: assigned.body.version, note: '客戶承諾月底前繳清' }).expect(200);
    expect(completed.body).toMatchObject({ done: true, doneBy: 'service', note: '客戶承諾月底前繳清', dunningCount: MANUAL_AFTER + 1 });
    await api().post(`/api/v1/dunning-tasks/${task.id}/complete`).auth(service, { type: 'bearer' }).send({ version: completed.body.version }).expect(409);

    // still unpaid after the follow-up: the next day brings a new task for it (the other one is still open)
    expect(await dunning.run(cityDay(4), actor)).toMatchObject({ reminded: 0, tasksCreated: 1 });
    // the recent arrear is flagged once it is old enough
    expect(await dunning.run(cityDay(SUSPEND_AFTER_DAYS - 5), actor)).toMatchObject({ suspended: 1 });
    [b] = await arrearsOf(recent);
    expect(b).toMatchObject({ suspended: true, dunningCount: MANUAL_AFTER });

    // payment recovers the arrear and closes its open task
    await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(old, 10_000)).expect(201);
    [a] = await arrearsOf(old);
    expect(a).toMatchObject({ status: 'recovered', amountFen: 0, suspended: false, dunningCount: MANUAL_AFTER + 1 });
    const closed = await api().get('/api/v1/dunning-tasks').query({ arrearId: a.id }).auth(market, { type: 'bearer' }).expect(200);
    expect(closed.body.items.map((t: { done: boolean; doneBy: string }) => [t.done, t.doneBy])).toEqual([[true, 'service'], [true, 'system']]);

    const taskAudit = await node.dataSource.query(`SELECT action, actor_username FROM audit_log WHERE entity_type = 'dunning_task' AND entity_id = $1 ORDER BY id`, [task.id]);
    expect(taskAudit).toEqual([{ action: 'create', actor_username: 'system' }, { action: 'update', actor_username: 'service' }, { action: 'update', actor_username: 'service' }]);
  });

  it('lists, filters and exports arrears, and writes them off (核銷) for good', async () => {
    const acc = await account('440103');
    await bill(acc, cityMonth(-2), cityDay(-20), [
      { itemType: 'voice', service: 'voice', amountFen: 3_000 },
      { itemType: 'data', service: 'data', amountFen: 7_000 },
    ]);
    const q = (query: Record<string, unknown>) => api().get('/api/v1/arrears').query({ districtCode: '440103', ...query }).auth(market, { type: 'bearer' });
    expect((await q({}).expect(200)).body.items.map((a: Arrear) => [a.service, a.amountFen])).toEqual([['data', 7_000], ['voice', 3_000]]);
    expect((await q({ service: 'data' }).expect(200)).body.total).toBe(1);
    expect((await q({ minAmountFen: 5_000 }).expect(200)).body.items.map((a: Arrear) => a.service)).toEqual(['data']);
    expect((await q({ maxAmountFen: 5_000 }).expect(200)).body.items.map((a: Arrear) => a.service)).toEqual(['voice']);
    expect((await q({ sinceFrom: cityDay(-20), sinceTo: cityDay(-20), status: 'open', suspended: 'false' }).expect(200)).body.total).toBe(2);
    expect((await q({ sinceFrom: cityDay(-19) }).expect(200)).body.total).toBe(0);
    expect((await q({ suspended: 'true' }).expect(200)).body.total).toBe(0);
    expect((await api().get('/api/v1/arrears').query({ districtCode: '440104' }).auth(market, { type: 'bearer' }).expect(200)).body.total).toBe(0);
    const range = await q({ minAmountFen: 9, maxAmountFen: 1 }).expect(400);
    expect(range.body.details[0].field).toBe('minAmountFen');
    const bad = await q({ status: 'lost', service: 'fax', suspended: 'maybe', sinceFrom: '2026-02-30' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['status', 'service', 'suspended', 'sinceFrom']));

    const csv = await api().get('/api/v1/arrears/export').query({ format: 'csv', districtCode: '440103' }).auth(market, { type: 'bearer' }).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',data,7000,');
    const html = await api().get('/api/v1/arrears/export').query({ format: 'html', districtCode: '440103', service: 'voice' }).auth(market, { type: 'bearer' }).expect(200);
    expect(html.text).toContain('<td>3000</td>');
    expect(html.text).toContain('1 rows');
    const xlsx = await api().get('/api/v1/arrears/export').query({ format: 'xlsx', districtCode: '440103' }).auth(market, { type: 'bearer' }).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    expect(book.worksheets[0].rowCount).toBe(3);

    const [data, voice] = (await q({}).expect(200)).body.items as Arrear[];
    const written = await api().patch(`/api/v1/arrears/${data.id}`).auth(service, { type: 'bearer' }).send({ version: data.version, status: 'written_off' }).expect(200);
    expect(written.body).toMatchObject({ status: 'written_off', amountFen: 7_000 });
    await api().patch(`/api/v1/arrears/${data.id}`).auth(service, { type: 'bearer' }).send({ version: written.body.version, suspended: true }).expect(409);
    await api().patch(`/api/v1/arrears/${voice.id}`).auth(service, { type: 'bearer' }).send({ version: voice.version + 5, suspended: true }).expect(409);
    const flagged = await api().patch(`/api/v1/arrears/${voice.id}`).auth(service, { type: 'bearer' }).send({ version: voice.version, suspended: true }).expect(200);
    expect(flagged.body).toMatchObject({ suspended: true, status: 'open' });
    const recover = await api().patch(`/api/v1/arrears/${voice.id}`).auth(service, { type: 'bearer' }).send({ version: flagged.body.version, status: 'recovered' }).expect(400);
    expect(recover.body.details[0].field).toBe('status');
    await api().patch(`/api/v1/arrears/${voice.id}`).auth(service, { type: 'bearer' }).send({ version: flagged.body.version }).expect(400);

    // the written-off debt is forgiven: regenerating does not reopen it
    await arrearsService.generate(T, actor);
    expect((await q({ status: 'open' }).expect(200)).body.items.map((a: Arrear) => a.service)).toEqual(['voice']);
    const audit = await node.dataSource.query(`SELECT action, actor_username, new_values FROM audit_log WHERE entity_type = 'arrear' AND entity_id = $1 ORDER BY id`, [data.id]);
    // opened by the bill's issuer (same transaction), written off by the same user, with the bill part it forgave
    expect(audit).toEqual([
      { action: 'create', actor_username: 'service', new_values: expect.objectContaining({ service: 'data', amountFen: 7_000, status: 'open' }) },
      { action: 'update', actor_username: 'service', new_values: { status: 'written_off', suspended: false, amountFen: 7_000, bills: [{ billId: expect.any(String), amountFen: 7_000 }] } },
    ]);
  });

  it('a write-off covers the bills it was computed from: a later debt of the same service is neither cancelled nor settled by the old one', async () => {
    const acc = await account();
    const voice = (amountFen: number) => [{ itemType: 'monthly_fee', service: 'voice', amountFen }];
    const first = await bill(acc, cityMonth(-3), cityDay(-40), voice(10_000));
    const [opened] = await arrearsOf(acc, 'open');
    expect(opened).toMatchObject({ service: 'voice', amountFen: 10_000 });
    const written = await api().patch(`/api/v1/arrears/${opened.id}`).auth(service, { type: 'bearer' }).send({ version: opened.version, status: 'written_off' }).expect(200);
    expect(written.body).toMatchObject({ status: 'written_off', amountFen: 10_000 });
    // the written-off bill is closed by the write-off: no longer overdue, nothing left to pay on it
    const firstRead = await api().get(`/api/v1/bills/${first.id}`).auth(market, { type: 'bearer' }).expect(200);
    expect(firstRead.body).toMatchObject({ status: 'written_off', paidFen: 0, writtenOffFen: 10_000, outstandingFen: 0 });

    // a new overdue debt of the same service opens a new arrear for that bill only
    const second = await bill(acc, cityMonth(-2), cityDay(-10), voice(10_000));
    const [reopened] = await arrearsOf(acc, 'open');
    expect(reopened).toMatchObject({ service: 'voice', amountFen: 10_000, since: cityDay(-10) });
    expect(reopened.id).not.toBe(opened.id);

    // paying the new debt settles the new bill (the written-off one takes nothing) and recovers its arrear
    const paid = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(acc, 10_000)).expect(201);
    expect(paid.body.settlements).toEqual([{ billId: second.id, billingMonth: cityMonth(-2), amountFen: 10_000, status: 'paid' }]);
    const bills = await node.dataSource.query(`SELECT id, status, paid_fen, written_off_fen FROM bill WHERE account_id = $1 ORDER BY billing_month`, [acc]);
    expect(bills).toEqual([
      { id: first.id, status: 'written_off', paid_fen: '0', written_off_fen: '10000' },
      { id: second.id, status: 'paid', paid_fen: '10000', written_off_fen: '0' },
    ]);
    expect(await arrearsOf(acc, 'open')).toEqual([]);
    expect((await api().get(`/api/v1/arrears/${reopened.id}`).auth(market, { type: 'bearer' }).expect(200)).body).toMatchObject({ status: 'recovered', amountFen: 0 });
    // arrears and bills agree after the scheduled generation too, and the account has nothing unpaid any more
    await arrearsService.generate(T, actor);
    expect(await arrearsOf(acc, 'open')).toEqual([]);
    const summary = await api().get(`/api/v1/accounts/${acc}/summary`).auth(market, { type: 'bearer' }).expect(200);
    expect(summary.body).toMatchObject({ outstandingFen: 0, overdueFen: 0, liveArrears: [], account: expect.objectContaining({ balanceFen: 0 }) });
    // a written-off bill cannot be paid by naming it
    const named = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(acc, 100, { billIds: [first.id] })).expect(409);
    expect(named.body.details[0].field).toBe('billIds');
    const trail = await node.dataSource.query(`SELECT action, actor_username, new_values FROM audit_log WHERE entity_type = 'bill' AND entity_id = $1 ORDER BY id`, [first.id]);
    expect(trail[1]).toMatchObject({ action: 'update', actor_username: 'service', new_values: { writtenOffFen: 10_000, status: 'written_off', arrearId: opened.id } });
  });

  it('writing off one service of a bill leaves the other services owed in full; payments then go to them only', async () => {
    const acc = await account();
    const mixed = await bill(acc, cityMonth(-2), cityDay(-20), [
      { itemType: 'voice', service: 'voice', amountFen: 3_000 },
      { itemType: 'data', service: 'data', amountFen: 7_000 },
    ]);
    const data = (await arrearsOf(acc, 'open')).find((a) => a.service === 'data')!;
    await api().patch(`/api/v1/arrears/${data.id}`).auth(service, { type: 'bearer' }).send({ version: data.version, status: 'written_off' }).expect(200);
    expect(byService(await arrearsOf(acc, 'open'))).toEqual({ voice: 3_000 });
    const read = await api().get(`/api/v1/bills/${mixed.id}`).auth(market, { type: 'bearer' }).expect(200);
    expect(read.body).toMatchObject({ status: 'overdue', writtenOffFen: 7_000, outstandingFen: 3_000 });

    // a partial payment reduces the voice arrear only (the data part stays forgiven, not re-split)
    await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(acc, 1_000)).expect(201);
    expect(byService(await arrearsOf(acc, 'open'))).toEqual({ voice: 2_000 });
    const rest = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(acc, 5_000)).expect(201);
    expect(rest.body).toMatchObject({ settlements: [{ billId: mixed.id, amountFen: 2_000, status: 'written_off' }], balanceFen: 3_000 });
    expect(await arrearsOf(acc, 'open')).toEqual([]);
    const [row] = await node.dataSource.query(`SELECT status, paid_fen, written_off_fen, paid_at FROM bill WHERE id = $1`, [mixed.id]);
    expect(row).toEqual({ status: 'written_off', paid_fen: '3000', written_off_fen: '7000', paid_at: null });
  });

  it('exports manual dunning tasks (CSV, XLSX, HTML) with the list filters, audited', async () => {
    const acc = await account();
    await bill(acc, cityMonth(-3), cityDay(-50), [{ itemType: 'monthly_fee', service: 'iptv', amountFen: 4_200 }]);
    for (let d = 10; d < 10 + MANUAL_AFTER; d++) await dunning.run(cityDay(d), actor);
    expect(await dunning.run(cityDay(10 + MANUAL_AFTER), actor)).toMatchObject({ tasksCreated: expect.any(Number) });
    const list = await api().get('/api/v1/dunning-tasks').query({ accountId: acc }).auth(market, { type: 'bearer' }).expect(200);
    expect(list.body.total).toBe(1);

    const csv = await api().get('/api/v1/dunning-tasks/export').query({ format: 'csv', accountId: acc, done: 'false' }).auth(market, { type: 'bearer' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('催繳次數 Attempts');
    expect(lines[1]).toContain(',iptv,4200,');
    const none = await api().get('/api/v1/dunning-tasks/export').query({ format: 'csv', accountId: acc, done: 'true' }).auth(market, { type: 'bearer' }).expect(200);
    expect(none.text.replace(/^\uFEFF/, '').trim().split('\n')).toHaveLength(1);
    const html = await api().get('/api/v1/dunning-tasks/export').query({ format: 'html', accountId: acc, unassigned: 'true' }).auth(market, { type: 'bearer' }).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('<td>4200</td>');
    expect(html.text).toContain('1 rows');
    const xlsx = await api().get('/api/v1/dunning-tasks/export').query({ format: 'xlsx', accountId: acc }).auth(market, { type: 'bearer' }).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    expect(book.worksheets[0].rowCount).toBe(2);

    await api().get('/api/v1/dunning-tasks/export').query({ format: 'pdf' }).auth(market, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/dunning-tasks/export').query({ format: 'csv', done: 'perhaps' }).auth(market, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/dunning-tasks/export').query({ format: 'csv' }).auth(analyst, { type: 'bearer' }).expect(403);
    const [exported] = await node.dataSource.query(`SELECT actor_username, new_values FROM audit_log WHERE action = 'export' AND entity_type = 'dunning_task' ORDER BY id DESC LIMIT 1`);
    expect(exported).toMatchObject({ actor_username: 'market', new_values: { format: 'xlsx', filters: expect.objectContaining({ accountId: acc }) } });
  });

  it('the worker registers the three schedulers in the city time zone and ensures partitions at start', async () => {
    const queue = node.worker!.get<Queue>(getQueueToken(QueueName.BillingMaintenance), { strict: false });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['ensure-partitions', '30 2 * * *', 'Asia/Shanghai'],
      ['generate-arrears', '0 1 * * *', 'Asia/Shanghai'],
      ['run-dunning', '0 9 * * *', 'Asia/Shanghai'],
    ]);
    const startup = await waitFor(async () => {
      const job = await queue.getJob(`ensure-partitions-start-${T}`);
      return job && (await job.getState()) === 'completed' ? job : undefined;
    }, 'the start-up partition job');
    // the migration already holds the months ahead of today
    expect(startup.returnvalue).toEqual({ created: [], movedFromDefault: {}, skipped: [] });
    expect(startup.opts).toMatchObject({ attempts: 3, removeOnComplete: { count: 200 }, removeOnFail: { count: 1000 } });
  });

  it('guards the routes: 403 without the permission, 400 for bad input, 404 for unknown ids', async () => {
    await api().post('/api/v1/arrears/dunning-runs').auth(sales, { type: 'bearer' }).send({}).expect(403);
    await api().post('/api/v1/arrears/dunning-runs').auth(market, { type: 'bearer' }).send({}).expect(403);
    await api().get('/api/v1/arrears').auth(analyst, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/dunning-tasks').auth(analyst, { type: 'bearer' }).expect(403);
    await api().patch('/api/v1/dunning-tasks/00000000-0000-4000-8000-000000000000').auth(sales, { type: 'bearer' }).send({ version: 1, assignedTo: null }).expect(403);
    const future = await api().post('/api/v1/arrears/dunning-runs').auth(admin, { type: 'bearer' }).send({ asOf: cityDay(1) }).expect(400);
    expect(future.body.details[0].field).toBe('asOf');
    await api().post('/api/v1/arrears/dunning-runs').auth(admin, { type: 'bearer' }).send({ asOf: 'tomorrow' }).expect(400);
    await api().get('/api/v1/arrears/dunning-runs/not-a-run').auth(admin, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/arrears/dunning-runs/dunning-run-00000000-0000-4000-8000-000000000000').auth(admin, { type: 'bearer' }).expect(404);
    await api().get('/api/v1/arrears/not-a-uuid').auth(admin, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/arrears/00000000-0000-4000-8000-000000000000').auth(admin, { type: 'bearer' }).expect(404);
    await api().patch('/api/v1/arrears/00000000-0000-4000-8000-000000000000').auth(admin, { type: 'bearer' }).send({ version: 1, suspended: true }).expect(404);
    await api().get('/api/v1/dunning-tasks/00000000-0000-4000-8000-000000000000').auth(admin, { type: 'bearer' }).expect(404);
    await api().post('/api/v1/dunning-tasks/00000000-0000-4000-8000-000000000000/complete').auth(admin, { type: 'bearer' }).send({ version: 1 }).expect(404);
    await api().get('/api/v1/dunning-tasks').query({ done: 'perhaps' }).auth(admin, { type: 'bearer' }).expect(400);
  });
});
