import request from 'supertest';
import ExcelJS from 'exceljs';
import { UsageImportService } from '@crm/billing';
import { accountInput, billInput as billBody, cityDay, cityMonth, customerInput, insertTestSubscription, paymentInput, residentId, RunningNode, tokenFor, usageImportRow } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

/** customerInput with a resident id unique in this suite: the factory draws 1 of 1,000 serials per district, which collide now and then. */
let born = 0;
function uniqueCustomerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1960, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ ...overrides, idNumber: residentId((overrides.districtCode as string | undefined) ?? '440106', birth) });
}

describe('City billing API: accounts, bills, payments, balance, usage, consumption', () => {
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
  /** Bills of this suite fall due in the future, so no arrears arise here (see arrears-dunning.e2e-spec.ts). */
  const billInput = (accountId: string, month: string, overrides: Record<string, unknown> = {}) => billBody(accountId, month, { dueDate: cityDay(20), ...overrides });
  const count = async (table: string): Promise<number> => (await node.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const audits = (entityType: string, entityId: string): Promise<{ action: string; actor_username: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null }[]> =>
    node.dataSource.query(`SELECT action, actor_username, old_values, new_values FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [entityType, entityId]);

  async function newCustomer(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput(overrides)).expect(201);
    return res.body.id as string;
  }
  async function newAccount(customerId: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: string; version: number }> {
    const res = await api().post('/api/v1/accounts').auth(service, { type: 'bearer' }).send(accountInput(customerId, overrides)).expect(201);
    return res.body;
  }
  /** balance = Σ payments − Σ bill.paid over the account, the invariant every write keeps. */
  async function ledger(accountId: string): Promise<{ balance: number; payments: number; settled: number }> {
    const [row] = await node.dataSource.query(
      `SELECT a.balance_fen AS balance, (SELECT coalesce(sum(amount_fen), 0) FROM payment WHERE account_id = a.id) AS payments,
              (SELECT coalesce(sum(paid_fen), 0) FROM bill WHERE account_id = a.id) AS settled FROM account a WHERE a.id = $1`,
      [accountId],
    );
    return { balance: Number(row.balance), payments: Number(row.payments), settled: Number(row.settled) };
  }

  describe('accounts (賬戶)', () => {
    it('creates, reads, lists, updates and closes accounts; a customer may hold several', async () => {
      const customerId = await newCustomer({ districtCode: '440105' });
      const first = await newAccount(customerId, { paymentMethod: 'alipay' });
      expect(first).toMatchObject({ customerId, serial: 1, balanceFen: 0, creditLimitFen: 10_000, paymentMethod: 'alipay', status: 'active', version: 1, personalDataMasked: true });
      expect(first.accountNumber).toMatch(/^440100\d{12}$/);
      const second = await newAccount(customerId, { accountNumber: 'GZ-ACC-0002', bankAccount: null, bankId: null });
      expect(second).toMatchObject({ serial: 2, accountNumber: 'GZ-ACC-0002', bankAccount: null });

      const list = await api().get('/api/v1/accounts').query({ customerId, sort: 'accountNumber' }).auth(sales, { type: 'bearer' }).expect(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((a: { serial: number }) => a.serial).sort()).toEqual([1, 2]);
      const byDistrict = await api().get('/api/v1/accounts').query({ districtCode: '440105', accountNumber: 'GZ-ACC' }).auth(sales, { type: 'bearer' }).expect(200);
      expect(byDistrict.body.items.map((a: { id: string }) => a.id)).toEqual([second.id]);

      const updated = await api().patch(`/api/v1/accounts/${first.id}`).auth(service, { type: 'bearer' }).send({ version: 1, creditLimitFen: 50_000, status: 'suspended', name: '家庭賬戶' }).expect(200);
      expect(updated.body).toMatchObject({ creditLimitFen: 50_000, status: 'suspended', name: '家庭賬戶', version: 2 });
      const stale = await api().patch(`/api/v1/accounts/${first.id}`).auth(service, { type: 'bearer' }).send({ version: 1, creditLimitFen: 1 }).expect(409);
      expect(stale.body.code).toBe('CONFLICT');

      await api().delete(`/api/v1/accounts/${second.id}`).auth(service, { type: 'bearer' }).expect(204);
      await api().get(`/api/v1/accounts/${second.id}`).auth(service, { type: 'bearer' }).expect(404);
      await api().delete(`/api/v1/accounts/${second.id}`).auth(service, { type: 'bearer' }).expect(404);
      // the closed account keeps its number: it is never reused
      const reuse = await api().post('/api/v1/accounts').auth(service, { type: 'bearer' }).send(accountInput(customerId, { accountNumber: 'GZ-ACC-0002' })).expect(409);
      expect(reuse.body.code).toBe('CONFLICT');

      const trail = await audits('account', first.id as string);
      expect(trail.map((a) => a.action)).toEqual(['create', 'update']);
      expect(trail[1]).toMatchObject({ actor_username: 'service', old_values: { creditLimitFen: 10_000, status: 'active', name: '測試賬戶' }, new_values: { creditLimitFen: 50_000, status: 'suspended', name: '家庭賬戶' } });
      expect((await audits('account', second.id)).map((a) => a.action)).toEqual(['create', 'delete']);
    });

    it('stores bank accounts encrypted, answers them masked, and unmasks (audited) only for personal-data roles', async () => {
      const customerId = await newCustomer();
      const bankAccount = '6222 0202 0011 2233 445';
      const digits = bankAccount.replace(/ /g, '');
      const created = await newAccount(customerId, { bankAccount });
      expect(created.bankAccount).toBe('6222***********3445');
      const [row] = await node.dataSource.query(`SELECT * FROM account WHERE id = $1`, [created.id]);
      expect(JSON.stringify(row)).not.toContain(digits);
      expect(JSON.stringify(await audits('account', created.id))).not.toContain(digits);

      const masked = await api().get(`/api/v1/accounts/${created.id}`).auth(market, { type: 'bearer' }).expect(200);
      expect(masked.body).toMatchObject({ bankAccount: '6222***********3445', personalDataMasked: true });
      expect((await audits('account', created.id)).filter((a) => a.action === 'read-personal-data')).toHaveLength(0);

      const clear = await api().get(`/api/v1/accounts/${created.id}`).auth(sales, { type: 'bearer' }).expect(200);
      expect(clear.body).toMatchObject({ bankAccount: digits, personalDataMasked: false });
      expect((await audits('account', created.id)).filter((a) => a.action === 'read-personal-data')).toEqual([expect.objectContaining({ actor_username: 'sales' })]);

      const list = await api().get('/api/v1/accounts').query({ customerId }).auth(sales, { type: 'bearer' }).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(digits);
    });

    it('answers 400 naming the fields, 404 and 403, and writes nothing on bad input', async () => {
      const before = await count('account');
      const bad = await api()
        .post('/api/v1/accounts')
        .auth(service, { type: 'bearer' })
        .send({ customerId: 'nope', accountNumber: '!', creditLimitFen: -1, paymentMethod: 'gold', bankAccount: '12', extra: 1 })
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['customerId', 'accountNumber', 'creditLimitFen', 'paymentMethod', 'bankAccount', 'extra']));
      const unknownCustomer = await api().post('/api/v1/accounts').auth(service, { type: 'bearer' }).send(accountInput('00000000-0000-4000-8000-000000000000')).expect(400);
      expect(unknownCustomer.body.details).toEqual([expect.objectContaining({ field: 'customerId' })]);
      const customerId = await newCustomer();
      const account = await newAccount(customerId);
      const nulls = await api().patch(`/api/v1/accounts/${account.id}`).auth(service, { type: 'bearer' }).send({ version: 1, creditLimitFen: null }).expect(400);
      expect(nulls.body.details).toEqual([expect.objectContaining({ field: 'creditLimitFen' })]);
      await api().patch(`/api/v1/accounts/${account.id}`).auth(service, { type: 'bearer' }).send({ creditLimitFen: 1 }).expect(400);
      await api().patch(`/api/v1/accounts/${account.id}`).auth(service, { type: 'bearer' }).send({ version: 1, balanceFen: 999 }).expect(400);
      await api().get('/api/v1/accounts/not-a-uuid').auth(service, { type: 'bearer' }).expect(400);
      await api().get('/api/v1/accounts/00000000-0000-4000-8000-000000000000').auth(service, { type: 'bearer' }).expect(404);
      await api().get('/api/v1/accounts').query({ sort: 'balance', pageSize: 500 }).auth(service, { type: 'bearer' }).expect(400);
      expect(await count('account')).toBe(before + 1);

      await api().get('/api/v1/accounts').expect(401);
      await api().post('/api/v1/accounts').auth(market, { type: 'bearer' }).send(accountInput(customerId)).expect(403);
      await api().post('/api/v1/accounts').auth(sales, { type: 'bearer' }).send(accountInput(customerId)).expect(403);
      await api().get('/api/v1/accounts').auth(analyst, { type: 'bearer' }).expect(403);
      await api().delete(`/api/v1/accounts/${account.id}`).auth(market, { type: 'bearer' }).expect(403);
    });
  });

  describe('bills, payments and balance (賬單、繳費、預存款)', () => {
    it('issues a bill with its fee breakdown and refuses a second one for the month', async () => {
      const account = await newAccount(await newCustomer());
      const month = cityMonth(-1);
      const bill = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, month)).expect(201);
      expect(bill.body).toMatchObject({ accountId: account.id, billingMonth: month, totalFen: 8_000, paidFen: 0, outstandingFen: 8_000, status: 'issued' });
      expect(bill.body.items).toEqual([
        { itemType: 'monthly_fee', service: 'voice', amountFen: 5_900, description: '套餐月租' },
        { itemType: 'data', service: 'data', amountFen: 3_000, description: null },
        { itemType: 'sms', service: 'sms', amountFen: 100, description: null },
        { itemType: 'discount', service: 'voice', amountFen: -1_000, description: '老用戶優惠' },
      ]);
      const read = await api().get(`/api/v1/bills/${bill.body.id}`).auth(sales, { type: 'bearer' }).expect(200);
      expect(read.body.items).toHaveLength(4);
      const again = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, month)).expect(409);
      expect(again.body.message).toContain(month);
      expect((await audits('bill', bill.body.id)).map((a) => a.action)).toEqual(['create']);
    });

    it('refuses bad bills with 400 naming the field, and writes nothing', async () => {
      const account = await newAccount(await newCustomer());
      const [bills, items] = [await count('bill'), await count('bill_item')];
      const month = cityMonth(-2);
      const sign = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, month, { items: [{ itemType: 'voice', service: 'voice', amountFen: -5 }] })).expect(400);
      expect(sign.body.details[0].field).toBe('items.0.amountFen');
      const negative = await api()
        .post('/api/v1/bills')
        .auth(service, { type: 'bearer' })
        .send(billInput(account.id, month, { items: [{ itemType: 'voice', service: 'voice', amountFen: 5 }, { itemType: 'discount', service: 'voice', amountFen: -50 }] }))
        .expect(400);
      expect(negative.body.details[0].field).toBe('items');
      const due = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, month, { dueDate: '2001-01-01' })).expect(400);
      expect(due.body.details[0].field).toBe('dueDate');
      const shape = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send({ accountId: account.id, billingMonth: '2026-13', dueDate: '2026-02-30', items: [{ itemType: 'fee', service: 'tv', amountFen: 1.5 }] }).expect(400);
      expect(shape.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['billingMonth', 'dueDate', 'items.0.itemType', 'items.0.service', 'items.0.amountFen']));
      const unknown = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput('00000000-0000-4000-8000-000000000000', month)).expect(400);
      expect(unknown.body.details[0].field).toBe('accountId');
      expect([await count('bill'), await count('bill_item')]).toEqual([bills, items]);
      await api().post('/api/v1/bills').auth(sales, { type: 'bearer' }).send(billInput(account.id, month)).expect(403);
      await api().get('/api/v1/bills/00000000-0000-4000-8000-000000000000').auth(sales, { type: 'bearer' }).expect(404);
    });

    it('keeps prepayments as balance, draws it when a bill is issued, settles oldest bills first, and keeps balance = payments − settled', async () => {
      const account = await newAccount(await newCustomer());
      const prepay = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 5_000, { method: 'cash', place: 'BH-440106-01' })).expect(201);
      expect(prepay.body).toMatchObject({ amountFen: 5_000, method: 'cash', place: 'BH-440106-01', recordedBy: 'service', settlements: [], balanceFen: 5_000 });

      // issuing draws the prepaid balance at once
      const older = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-2))).expect(201);
      expect(older.body).toMatchObject({ totalFen: 8_000, paidFen: 5_000, outstandingFen: 3_000, status: 'partially_paid' });
      const newer = await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-1))).expect(201);
      expect(newer.body).toMatchObject({ paidFen: 0, status: 'issued' });
      expect(await ledger(account.id)).toEqual({ balance: 0, payments: 5_000, settled: 5_000 });

      // 10,000 settles the older bill (3,000 left) then 7,000 of the newer
      const pay = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 10_000)).expect(201);
      expect(pay.body.settlements).toEqual([
        { billId: older.body.id, billingMonth: cityMonth(-2), amountFen: 3_000, status: 'paid' },
        { billId: newer.body.id, billingMonth: cityMonth(-1), amountFen: 7_000, status: 'partially_paid' },
      ]);
      expect(pay.body.balanceFen).toBe(0);

      // paying more than owed leaves a prepayment
      const rest = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 1_500, { method: 'alipay' })).expect(201);
      expect(rest.body.settlements).toEqual([{ billId: newer.body.id, billingMonth: cityMonth(-1), amountFen: 1_000, status: 'paid' }]);
      expect(rest.body.balanceFen).toBe(500);
      expect(await ledger(account.id)).toEqual({ balance: 500, payments: 16_500, settled: 16_000 });
      const read = await api().get(`/api/v1/accounts/${account.id}`).auth(market, { type: 'bearer' }).expect(200);
      expect(read.body.balanceFen).toBe(500);

      // a prepayment kept as such when asked
      const keep = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 700, { settleOutstanding: false })).expect(201);
      expect(keep.body).toMatchObject({ settlements: [], balanceFen: 1_200 });
      expect((await audits('payment', pay.body.id))[0]).toMatchObject({ action: 'create', new_values: expect.objectContaining({ amountFen: 10_000, balanceFen: 0 }) });
      const billTrail = await audits('bill', older.body.id);
      expect(billTrail.map((a) => a.action)).toEqual(['create', 'update']);
      expect(billTrail[1]).toMatchObject({ old_values: { paidFen: 5_000, status: 'partially_paid' }, new_values: { paidFen: 8_000, status: 'paid', paymentId: pay.body.id } });
      // every balance change is in the account's trail: prepayment, drawn by the bill, payments
      const balances = (await audits('account', account.id)).filter((a) => a.action === 'update').map((a) => [a.old_values?.balanceFen, a.new_values?.balanceFen]);
      expect(balances).toEqual([[0, 5_000], [5_000, 0], [0, 0], [0, 500], [500, 1_200]]);

      // closing needs a zero balance
      const close = await api().delete(`/api/v1/accounts/${account.id}`).auth(service, { type: 'bearer' }).expect(409);
      expect(close.body.message).toMatch(/balance/);
    });

    it('settles exactly the listed bills; 409 for a paid one, 400 for another account\'s, and nothing is written', async () => {
      const customerId = await newCustomer();
      const account = await newAccount(customerId);
      const other = await newAccount(customerId);
      const b1 = (await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-3))).expect(201)).body;
      const b2 = (await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-2))).expect(201)).body;
      const foreign = (await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(other.id, cityMonth(-2))).expect(201)).body;

      const listed = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 8_000, { billIds: [b2.id] })).expect(201);
      expect(listed.body.settlements).toEqual([{ billId: b2.id, billingMonth: cityMonth(-2), amountFen: 8_000, status: 'paid' }]);
      expect((await api().get(`/api/v1/bills/${b1.id}`).auth(service, { type: 'bearer' }).expect(200)).body.paidFen).toBe(0);

      const payments = await count('payment');
      const paid = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 100, { billIds: [b2.id] })).expect(409);
      expect(paid.body.details[0].field).toBe('billIds');
      const notMine = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 100, { billIds: [foreign.id] })).expect(400);
      expect(notMine.body.details[0].field).toBe('billIds');
      const future = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 100, { paidAt: '2099-01-01T00:00:00+08:00' })).expect(400);
      expect(future.body.details[0].field).toBe('paidAt');
      const shape = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send({ accountId: account.id, amountFen: 0, method: 'bitcoin', place: '', billIds: ['x'] }).expect(400);
      expect(shape.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['amountFen', 'method', 'place', 'billIds']));
      const unknownAccount = await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput('00000000-0000-4000-8000-000000000000', 100)).expect(400);
      expect(unknownAccount.body.details[0].field).toBe('accountId');
      expect(await count('payment')).toBe(payments);
      expect(await ledger(account.id)).toEqual({ balance: 0, payments: 8_000, settled: 8_000 });
      await api().post('/api/v1/payments').auth(sales, { type: 'bearer' }).send(paymentInput(account.id, 100)).expect(403);
    });

    it('lists and filters bills and payment history (繳費歷史), and exports them as CSV, XLSX and HTML', async () => {
      const customerId = await newCustomer();
      const account = await newAccount(customerId, { bankAccount: '6222000011111234' });
      await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-3))).expect(201);
      await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-1))).expect(201);
      await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 8_000, { method: 'bank_transfer', place: 'BANK-ICBC', reference: 'ICBC-REF-1' })).expect(201);

      const bills = await api().get('/api/v1/bills').query({ customerId, sort: 'billingMonth' }).auth(sales, { type: 'bearer' }).expect(200);
      expect(bills.body.items.map((b: { billingMonth: string; status: string }) => [b.billingMonth, b.status])).toEqual([[cityMonth(-3), 'paid'], [cityMonth(-1), 'issued']]);
      const unpaid = await api().get('/api/v1/bills').query({ accountId: account.id, status: 'issued' }).auth(sales, { type: 'bearer' }).expect(200);
      expect(unpaid.body.total).toBe(1);
      const window = await api().get('/api/v1/bills').query({ accountId: account.id, monthFrom: cityMonth(-2), monthTo: cityMonth(0) }).auth(sales, { type: 'bearer' }).expect(200);
      expect(window.body.total).toBe(1);
      await api().get('/api/v1/bills').query({ monthFrom: cityMonth(0), monthTo: cityMonth(-1) }).auth(sales, { type: 'bearer' }).expect(400);

      const payments = await api().get('/api/v1/payments').query({ customerId, method: 'bank_transfer' }).auth(sales, { type: 'bearer' }).expect(200);
      expect(payments.body.items).toEqual([expect.objectContaining({ amountFen: 8_000, place: 'BANK-ICBC', reference: 'ICBC-REF-1' })]);
      const none = await api().get('/api/v1/payments').query({ customerId, to: '2000-01-01T00:00:00Z' }).auth(sales, { type: 'bearer' }).expect(200);
      expect(none.body.total).toBe(0);
      const one = await api().get(`/api/v1/payments/${payments.body.items[0].id}`).auth(sales, { type: 'bearer' }).expect(200);
      expect(one.body.recordedBy).toBe('service');

      const csv = await api().get('/api/v1/bills/export').query({ format: 'csv', customerId }).auth(sales, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('賬期 Month');
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([cityMonth(-1), cityMonth(-3)]);

      const xlsx = await api().get('/api/v1/payments/export').query({ format: 'xlsx', customerId }).auth(sales, { type: 'bearer' }).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as never);
      const sheet = book.worksheets[0];
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).getCell(4).value).toBe(8_000);

      const html = await api().get('/api/v1/accounts/export').query({ format: 'html', customerId }).auth(sales, { type: 'bearer' }).expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain(account.accountNumber as string);
      expect(html.text).toContain('1 rows');
      // bank accounts leave only masked, even for a role that may read them one by one
      expect(html.text).toContain('6222********1234');
      expect(html.text).not.toContain('6222000011111234');
      await api().get('/api/v1/accounts/export').query({ format: 'pdf' }).auth(sales, { type: 'bearer' }).expect(400);
      await api().get('/api/v1/bills/export').query({ format: 'csv' }).auth(analyst, { type: 'bearer' }).expect(403);
      const exported = await node.dataSource.query(`SELECT actor_username, new_values FROM audit_log WHERE action = 'export' AND entity_type = 'bill' ORDER BY id DESC LIMIT 1`);
      expect(exported[0]).toMatchObject({ actor_username: 'sales', new_values: { format: 'csv', filters: expect.objectContaining({ customerId }) } });
    });
  });

  describe('payment references and date-times', () => {
    const pay = (body: Record<string, unknown>) => api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(body);
    const withReference = async (reference: string): Promise<number> => (await node.dataSource.query(`SELECT count(*)::int AS n FROM payment WHERE reference = $1`, [reference]))[0].n;

    it('records a channel reference once: a retry answers 409 naming reference and writes nothing, even when both arrive at once', async () => {
      const customerId = await newCustomer();
      const account = await newAccount(customerId);
      const other = await newAccount(customerId);
      const ref = `WX-DUP-${Date.now()}`;
      const first = await pay(paymentInput(account.id, 3_000, { reference: ref })).expect(201);
      const [payments, trail] = [await count('payment'), (await audits('account', account.id)).length];

      const retry = await pay(paymentInput(account.id, 3_000, { reference: ref })).expect(409);
      expect(retry.body.code).toBe('CONFLICT');
      expect(retry.body.details).toEqual([expect.objectContaining({ field: 'reference' })]);
      expect(retry.body.message).toContain(first.body.id);
      // the same channel reference on another account is the same money
      await pay(paymentInput(other.id, 3_000, { reference: ref })).expect(409);
      expect([await count('payment'), (await audits('account', account.id)).length]).toEqual([payments, trail]);
      expect(await ledger(account.id)).toEqual({ balance: 3_000, payments: 3_000, settled: 0 });
      // another channel may use the same text; payments without a reference are never matched
      await pay(paymentInput(account.id, 100, { method: 'alipay', reference: ref })).expect(201);
      await pay(paymentInput(account.id, 100)).expect(201);
      await pay(paymentInput(account.id, 100)).expect(201);

      // concurrent duplicates, on one account and on two: exactly one of each pair succeeds
      for (const [a, b] of [[account.id, account.id], [account.id, other.id]]) {
        const concurrent = `WX-RACE-${a === b ? 'same' : 'two'}-${Date.now()}`;
        const results = await Promise.all([pay(paymentInput(a, 5_000, { reference: concurrent })), pay(paymentInput(b, 5_000, { reference: concurrent }))]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(results.find((r) => r.status === 409)!.body.details[0].field).toBe('reference');
        expect(await withReference(concurrent)).toBe(1);
      }
      const [mine, theirs] = [await ledger(account.id), await ledger(other.id)];
      expect(mine.balance).toBe(mine.payments - mine.settled);
      expect(theirs.balance).toBe(theirs.payments - theirs.settled);
      expect(mine.payments + theirs.payments).toBe(3_000 + 300 + 10_000);
    });

    it('takes date-times only with an offset, or a calendar date meaning midnight in the city', async () => {
      const account = await newAccount(await newCustomer());
      const noOffset = await pay(paymentInput(account.id, 100, { paidAt: '2026-01-05T10:15:00' })).expect(400);
      expect(noOffset.body.details[0].field).toBe('paidAt');
      const week = await pay(paymentInput(account.id, 100, { paidAt: '2026-W02' })).expect(400);
      expect(week.body.details[0].field).toBe('paidAt');
      expect(await ledger(account.id)).toEqual({ balance: 0, payments: 0, settled: 0 });
      const list = (query: Record<string, string>) => api().get('/api/v1/payments').query({ accountId: account.id, ...query }).auth(sales, { type: 'bearer' });
      expect((await list({ from: '2026-W45' }).expect(400)).body.details[0].field).toBe('from');
      expect((await list({ to: '2026-11-05T10:15' }).expect(400)).body.details[0].field).toBe('to');
      expect((await list({ from: '2026-313' }).expect(400)).body.details[0].field).toBe('from');
      const usage = await api().get('/api/v1/usage-records').query({ from: '2026-11-01T00:00:00', to: '2026-11-30T00:00:00Z' }).auth(sales, { type: 'bearer' }).expect(400);
      expect(usage.body.details[0].field).toBe('from');
      await api().get('/api/v1/usage-records').query({ from: '2026-11-01', to: '2026-11-30' }).auth(sales, { type: 'bearer' }).expect(200);

      // 00:30 on 5 January in the city is still 4 January in UTC: a calendar date is the city's day
      const early = await pay(paymentInput(account.id, 700, { paidAt: '2026-01-05T00:30:00+08:00' })).expect(201);
      expect(early.body.paidAt).toBe('2026-01-04T16:30:00.000Z');
      expect((await list({ from: '2026-01-05', to: '2026-01-06' }).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([early.body.id]);
      expect((await list({ from: '2026-01-04', to: '2026-01-05' }).expect(200)).body.total).toBe(0);
      expect((await list({ from: '2026-01-05T08:00:00+08:00' }).expect(200)).body.total).toBe(0);
      const byDate = await pay(paymentInput(account.id, 300, { paidAt: '2026-01-06' })).expect(201);
      expect(byDate.body.paidAt).toBe('2026-01-05T16:00:00.000Z');
    });
  });

  describe('usage and consumption (使用記錄、消費信息)', () => {
    it('lists imported usage in a bounded window and summarises consumption: tenure, cumulative spend, last 6 months, usage by service', async () => {
      const customerId = await newCustomer();
      const account = await newAccount(customerId);
      const sub = await insertTestSubscription(node.dataSource, customerId, { startedAt: '2019-04-12T09:00:00+08:00' });
      const target = node.http!.get(UsageImportService);
      const now = Date.now();
      const recent = (daysAgo: number): string => new Date(now - daysAgo * 86_400_000).toISOString();
      const rows = [
        usageImportRow(sub.externalId, { startedAt: recent(1), durationSeconds: '60', chargeFen: '10' }),
        usageImportRow(sub.externalId, { startedAt: recent(2), durationSeconds: '180', chargeFen: '30', callType: 'long_distance' }),
        usageImportRow(sub.externalId, { startedAt: recent(3), service: 'data', callType: 'data', durationSeconds: '', volumeKb: '204800', chargeFen: '500' }),
        usageImportRow(sub.externalId, { startedAt: recent(90) }),
      ].map((raw) => {
        const parsed = target.parse(raw);
        if (!('row' in parsed)) throw new Error(parsed.error);
        return parsed.row;
      });
      const written = await node.dataSource.transaction((m) => target.write(m, rows, { importId: 't', actor: 'admin', requestId: 't' }));
      expect(written).toEqual({ inserted: 4, skipped: 0, rejected: [] });

      const from = new Date(now - 30 * 86_400_000).toISOString();
      const to = new Date(now + 60_000).toISOString();
      const usage = await api().get('/api/v1/usage-records').query({ customerId, from, to }).auth(sales, { type: 'bearer' }).expect(200);
      expect(usage.body.total).toBe(3);
      expect(usage.body.items[0]).toMatchObject({ customerId, subscriptionId: sub.id, accountId: account.id, durationSeconds: 60, service: 'voice', chargeFen: 10 });
      const data = await api().get('/api/v1/usage-records').query({ customerId, from, to, service: 'data' }).auth(sales, { type: 'bearer' }).expect(200);
      expect(data.body.items).toEqual([expect.objectContaining({ volumeKb: 204_800, callType: 'data' })]);
      const noWindow = await api().get('/api/v1/usage-records').query({ customerId }).auth(sales, { type: 'bearer' }).expect(400);
      expect(noWindow.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['from', 'to']));
      const tooLong = await api().get('/api/v1/usage-records').query({ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }).auth(sales, { type: 'bearer' }).expect(400);
      expect(tooLong.body.details[0].field).toBe('to');
      const csv = await api().get('/api/v1/usage-records/export').query({ format: 'csv', customerId, from, to }).auth(sales, { type: 'bearer' }).expect(200);
      expect(csv.text.trim().split('\n')).toHaveLength(4);

      await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-7))).expect(201);
      await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-2))).expect(201);
      await api().post('/api/v1/bills').auth(service, { type: 'bearer' }).send(billInput(account.id, cityMonth(-1), { items: [{ itemType: 'monthly_fee', service: 'voice', amountFen: 12_900 }] })).expect(201);
      await api().post('/api/v1/payments').auth(service, { type: 'bearer' }).send(paymentInput(account.id, 20_000)).expect(201);

      const consumption = await api().get(`/api/v1/customers/${customerId}/consumption`).auth(market, { type: 'bearer' }).expect(200);
      const tenureMonths = (Number(cityMonth(0).slice(0, 4)) - 2019) * 12 + Number(cityMonth(0).slice(5, 7)) - 4;
      expect(consumption.body.tenure.since).toBe('2019-04-12');
      expect([tenureMonths - 1, tenureMonths]).toContain(consumption.body.tenure.months);
      expect(consumption.body.tenure.years).toBe(Math.floor(consumption.body.tenure.months / 12));
      expect(consumption.body).toMatchObject({ customerId, cumulativeSpendFen: 20_000, cumulativeBilledFen: 28_900, outstandingFen: 8_900, balanceFen: 0, accounts: 1 });
      expect(consumption.body.monthlyBilled).toHaveLength(6);
      expect(consumption.body.monthlyBilled.map((m: { month: string }) => m.month)).toEqual([-5, -4, -3, -2, -1, 0].map(cityMonth));
      expect(consumption.body.monthlyBilled.slice(3, 5).map((m: { totalFen: number }) => m.totalFen)).toEqual([8_000, 12_900]);
      expect(consumption.body.recentBills.map((b: { billingMonth: string }) => b.billingMonth)).toEqual([cityMonth(-1), cityMonth(-2)]);
      expect(consumption.body.usage.byService).toEqual([
        { service: 'data', records: 1, durationSeconds: 0, volumeKb: 204_800, chargeFen: 500 },
        { service: 'voice', records: 2, durationSeconds: 240, volumeKb: 0, chargeFen: 40 },
      ]);

      const summary = await api().get(`/api/v1/accounts/${account.id}/summary`).auth(market, { type: 'bearer' }).expect(200);
      expect(summary.body).toMatchObject({ cumulativeSpendFen: 20_000, cumulativeBilledFen: 28_900, outstandingFen: 8_900, tenure: { since: '2019-04-12' } });
      expect(summary.body.account).toMatchObject({ id: account.id, personalDataMasked: true });
      expect(summary.body.recentBills).toHaveLength(2);

      await api().get('/api/v1/customers/00000000-0000-4000-8000-000000000000/consumption').auth(market, { type: 'bearer' }).expect(404);
      await api().get(`/api/v1/customers/${customerId}/consumption`).query({ usageDays: 0 }).auth(market, { type: 'bearer' }).expect(400);
      await api().get(`/api/v1/customers/${customerId}/consumption`).auth(analyst, { type: 'bearer' }).expect(403);
      await api().get('/api/v1/accounts/00000000-0000-4000-8000-000000000000/summary').auth(market, { type: 'bearer' }).expect(404);
    });
  });
});
