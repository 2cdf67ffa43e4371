import request from 'supertest';
import { accountInput, customerInput, paymentInput, productInput, residentId, RunningNode, subscriptionInput, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

describe('Customer master data: profile, contacts, status history, search, export, audit', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let sales: string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, market, sales] = await Promise.all(['admin', 'market', 'sales'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);
  const create = async (overrides: Record<string, unknown>, token = admin) =>
    (await api().post('/api/v1/customers').auth(token, { type: 'bearer' }).send(customerInput(overrides)).expect(201)).body;

  it('keeps every field of a key enterprise, with its legal person protected like ID numbers', async () => {
    const legal = residentId('440106', '19700101');
    const c = await create({
      name: '广州天河云海科技股份有限公司', customerType: 'key_enterprise', idType: 'business_license', idNumber: '91440101MA59ABCD1X',
      industryCode: 'I', keyAccountLevel: 'provincial', relationshipType: 'win_win', environmentNotes: '总部大楼, 300 员工',
      legalPersonName: '陈建国', legalPersonIdNumber: legal, companyAddress: '天河路 88 号', interests: ['云计算'],
    });
    expect(c).toMatchObject({ customerType: 'key_enterprise', keyAccountLevel: 'provincial', relationshipType: 'win_win', legalPersonName: '陈建国', legalPersonIdNumber: legal });
    const masked = (await api().get(`/api/v1/customers/${c.id}`).auth(market, { type: 'bearer' }).expect(200)).body;
    expect(masked.legalPersonIdNumber).toBe(`${legal.slice(0, 6)}********${legal.slice(-4)}`);
    const [row] = await node.dataSource.query(`SELECT * FROM customer WHERE id = $1`, [c.id]);
    expect(JSON.stringify(row)).not.toContain(legal);
  });

  it('refuses fields that do not fit the customer type, impossible dates and nulls for required fields', async () => {
    const wrongKind = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ keyAccountLevel: 'national' })).expect(400);
    expect(wrongKind.body.details).toEqual([{ field: 'keyAccountLevel', problem: 'only for key enterprises' }]);
    const badDate = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ birthDate: '1990-02-30' })).expect(400);
    expect(badDate.body.details[0].field).toBe('birthDate');
    const c = await create({});
    const nulls = await api().patch(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).send({ name: null, phone: null, version: 1 }).expect(400);
    expect(nulls.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'phone']);
    const cleared = await api().patch(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).send({ address: null, version: 1 }).expect(200);
    expect(cleared.body.address).toBeNull();
    const nul = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ name: 'a\u0000b' }));
    expect(nul.status).toBe(400);
  });

  it('does not lose a concurrent update: a stale version answers 409', async () => {
    const c = await create({});
    await api().patch(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).send({ occupation: '教师', version: 1 }).expect(200);
    const stale = await api().patch(`/api/v1/customers/${c.id}`).auth(sales, { type: 'bearer' }).send({ occupation: '医生', version: 1 }).expect(409);
    expect(stale.body.details[0]).toEqual({ field: 'version', problem: 'current version is 2' });
    const now = (await api().get(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).expect(200)).body;
    expect(now).toMatchObject({ occupation: '教师', version: 2 });
    await api().patch(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).send({ occupation: '医生' }).expect(400);
  });

  it('records status history and audits every change with masked old and new values', async () => {
    const c = await create({});
    await api().patch(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).send({ status: 'suspended', statusReason: '欠费停机', version: 1 }).expect(200);
    await api().delete(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).expect(204);
    const history = await node.dataSource.query(`SELECT from_status, to_status, reason FROM customer_status_change WHERE customer_id = $1 ORDER BY id`, [c.id]);
    expect(history).toEqual([
      { from_status: null, to_status: 'active', reason: 'created' },
      { from_status: 'active', to_status: 'suspended', reason: '欠费停机' },
      { from_status: 'suspended', to_status: 'closed', reason: 'closed' },
    ]);
    const log = await api().get('/api/v1/audit-log').query({ entityType: 'customer', entityId: c.id }).auth(admin, { type: 'bearer' }).expect(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    const update = log.body.items[1];
    expect(update).toMatchObject({ actorUsername: 'admin', oldValues: { status: 'active' }, newValues: { status: 'suspended' } });
    expect(JSON.stringify(log.body)).not.toContain(c.idNumber);
    expect(JSON.stringify(log.body)).not.toContain(c.phone);
    await api().get('/api/v1/audit-log').auth(market, { type: 'bearer' }).expect(403);
  });

  it('audits unmasked reads, but not masked ones', async () => {
    const c = await create({});
    await api().get(`/api/v1/customers/${c.id}`).auth(market, { type: 'bearer' }).expect(200);
    await api().get(`/api/v1/customers/${c.id}`).auth(sales, { type: 'bearer' }).expect(200);
    const log = await api().get('/api/v1/audit-log').query({ entityId: c.id, action: 'read-personal-data' }).auth(admin, { type: 'bearer' }).expect(200);
    expect(log.body.items.map((e: { actorUsername: string }) => e.actorUsername)).toEqual(['sales']);
  });

  it('manages contacts of enterprises only, masked for roles without the permission', async () => {
    const unit = await create({ customerType: 'public_unit', name: '广州海珠物流有限公司', idType: 'passport', idNumber: 'U1234567' });
    const person = await create({});
    const contact = await api().post(`/api/v1/customers/${unit.id}/contacts`).auth(sales, { type: 'bearer' })
      .send({ name: '李明', title: '信息主管', department: 'IT', phone: '13912345678', idNumber: residentId('440105'), isPrimary: true }).expect(201);
    expect(contact.body).toMatchObject({ name: '李明', phone: '13912345678', isPrimary: true, version: 1 });
    const seen = await api().get(`/api/v1/customers/${unit.id}/contacts`).auth(market, { type: 'bearer' }).expect(200);
    expect(seen.body[0].phone).toBe('139****5678');
    const changed = await api().patch(`/api/v1/customers/${unit.id}/contacts/${contact.body.id}`).auth(sales, { type: 'bearer' }).send({ position: '经理', version: 1 }).expect(200);
    expect(changed.body).toMatchObject({ position: '经理', version: 2 });
    await api().post(`/api/v1/customers/${person.id}/contacts`).auth(sales, { type: 'bearer' }).send({ name: '王五', phone: '13912345679' }).expect(409);
    await api().post(`/api/v1/customers/${unit.id}/contacts`).auth(market, { type: 'bearer' }).send({ name: '王五', phone: '13912345679' }).expect(403);
    const exported = await api().get(`/api/v1/customers/${unit.id}/contacts/export`).query({ format: 'csv' }).auth(market, { type: 'bearer' }).expect(200);
    expect(exported.text).toContain('李明');
    expect(exported.text).toContain('139****5678');
    expect(exported.text).not.toContain('13912345678');
    await api().delete(`/api/v1/customers/${unit.id}/contacts/${contact.body.id}`).auth(sales, { type: 'bearer' }).expect(204);
    await api().delete(`/api/v1/customers/${unit.id}/contacts/${contact.body.id}`).auth(sales, { type: 'bearer' }).expect(404);
  });

  it('finds customers by part of the name, phone prefix and ID-number prefix', async () => {
    const id = residentId('440103', '19920304');
    const c = await create({ name: '欧阳娜娜', phone: '18912340001', idNumber: id, districtCode: '440103' });
    const byPrefix = await api().get('/api/v1/customers/search').query({ q: '欧阳' }).auth(sales, { type: 'bearer' }).expect(200);
    expect(byPrefix.body.items[0]).toMatchObject({ id: c.id, matchedOn: 'name', score: 1 });
    const byPart = await api().get('/api/v1/customers/search').query({ q: '阳娜娜' }).auth(market, { type: 'bearer' }).expect(200);
    expect(byPart.body.items[0]).toMatchObject({ id: c.id, matchedOn: 'name' });
    const none = await api().get('/api/v1/customers/search').query({ q: '不存在的名字' }).auth(sales, { type: 'bearer' }).expect(200);
    expect(none.body.items).toEqual([]);
    const byPhone = await api().get('/api/v1/customers/search').query({ q: '1891234' }).auth(sales, { type: 'bearer' }).expect(200);
    expect(byPhone.body.items.map((h: { id: string }) => h.id)).toContain(c.id);
    const byId = await api().get('/api/v1/customers/search').query({ q: id.slice(0, 12) }).auth(sales, { type: 'bearer' }).expect(200);
    expect(byId.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: c.id, matchedOn: 'idNumber' })]));
    expect(byId.body.items.every((h: { idNumber: string }) => h.idNumber.includes('*'))).toBe(true);
    // without the personal-data permission a partial number would reveal masked digits
    await api().get('/api/v1/customers/search').query({ q: '1891234' }).auth(market, { type: 'bearer' }).expect(400);
    const full = await api().get('/api/v1/customers/search').query({ q: '18912340001' }).auth(market, { type: 'bearer' }).expect(200);
    expect(full.body.items[0]).toMatchObject({ id: c.id, phone: '189****0001' });
    await api().get('/api/v1/customers').query({ q: '189' }).auth(market, { type: 'bearer' }).expect(400);
  });

  it('exports the same query as CSV, XLSX and printable HTML, masked for roles without the permission', async () => {
    const c = await create({ name: '导出测试', districtCode: '440104', phone: '13322220000' });
    const csv = await api().get('/api/v1/customers/export').query({ format: 'csv', districtCode: '440104', q: '导出' }).auth(market, { type: 'bearer' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toContain('客戶名稱 Name');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('导出测试');
    expect(lines[1]).toContain('133****0000');
    expect(csv.text).not.toContain('13322220000');
    const xlsx = await api().get('/api/v1/customers/export').query({ format: 'xlsx', districtCode: '440104' }).auth(sales, { type: 'bearer' })
      .buffer(true).parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (d: Buffer) => chunks.push(d)); res.on('end', () => done(null, Buffer.concat(chunks))); }).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const html = await api().get('/api/v1/customers/export').query({ format: 'html', q: '导出' }).auth(sales, { type: 'bearer' }).expect(200);
    expect(html.text).toContain('<table>');
    expect(html.text).toContain('13322220000');
    expect(html.text).toContain(c.id);
    await api().get('/api/v1/customers/export').query({ format: 'pdf' }).auth(sales, { type: 'bearer' }).expect(400);
    const audit = await api().get('/api/v1/audit-log').query({ entityType: 'customer', action: 'read-personal-data', actor: 'sales' }).auth(admin, { type: 'bearer' }).expect(200);
    expect(audit.body.items.some((e: { newValues: { format?: string } }) => e.newValues?.format === 'html')).toBe(true);
  });

  it('keeps personal data out of the audit entries of exports and records unmasked search hits', async () => {
    const id = residentId('440106', '19811111');
    const c = await create({ idNumber: id, name: '审计检索' });
    await api().get('/api/v1/customers/export').query({ format: 'csv', idType: 'resident_id', idNumber: id, q: '审计' }).auth(market, { type: 'bearer' }).expect(200);
    const exported = await api().get('/api/v1/audit-log').query({ entityType: 'customer', action: 'export', actor: 'market' }).auth(admin, { type: 'bearer' }).expect(200);
    expect(exported.body.items[0].newValues.criteria).toMatchObject({ idType: 'resident_id', idNumber: `${id.slice(0, 6)}********${id.slice(-4)}`, q: '[redacted]' });
    expect(JSON.stringify(exported.body)).not.toContain(id);
    await api().get('/api/v1/customers/search').query({ q: '审计检索' }).auth(sales, { type: 'bearer' }).expect(200);
    const searched = await api().get('/api/v1/audit-log').query({ entityType: 'customer', action: 'read-personal-data', actor: 'sales' }).auth(admin, { type: 'bearer' }).expect(200);
    expect(searched.body.items.some((e: { newValues: { search?: boolean; ids?: string[] } }) => e.newValues?.search && e.newValues.ids?.includes(c.id))).toBe(true);
  });

  it('clears optional personal data with null instead of failing', async () => {
    const unit = await create({ customerType: 'public_unit', idType: 'passport', idNumber: 'UNIT9911', legalPersonName: '赵六', legalPersonIdNumber: residentId('440104') });
    const cleared = await api().patch(`/api/v1/customers/${unit.id}`).auth(admin, { type: 'bearer' }).send({ legalPersonName: null, legalPersonIdNumber: null, version: 1 }).expect(200);
    expect(cleared.body).toMatchObject({ legalPersonName: null, legalPersonIdNumber: null });
    const contact = await api().post(`/api/v1/customers/${unit.id}/contacts`).auth(admin, { type: 'bearer' }).send({ name: '钱七', phone: '13912340000', idNumber: residentId('440105') }).expect(201);
    const noId = await api().patch(`/api/v1/customers/${unit.id}/contacts/${contact.body.id}`).auth(admin, { type: 'bearer' }).send({ idNumber: null, version: 1 }).expect(200);
    expect(noId.body.idNumber).toBeNull();
    await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ legalPersonName: null })).expect(201);
  });

  it('refuses to close a customer with live subscriptions or a balance, and closes it once they are settled', async () => {
    const c = await create({});
    const product = await api().post('/api/v1/products').auth(admin, { type: 'bearer' }).send(productInput({ category: 'broadband' })).expect(201);
    const sub = await api().post('/api/v1/subscriptions').auth(admin, { type: 'bearer' }).send(subscriptionInput(c.id, product.body.code)).expect(201);
    const refused = await api().delete(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).expect(409);
    expect(refused.body.details).toEqual([{ field: 'subscriptions', problem: 'terminate them first' }]);
    await api().delete(`/api/v1/subscriptions/${sub.body.id}`).auth(admin, { type: 'bearer' }).expect(204);
    await api().delete(`/api/v1/customers/${c.id}`).auth(admin, { type: 'bearer' }).expect(204);
  });

  it('filters by spend, arrears and payment method', async () => {
    const payer = await create({ name: '消费大户' });
    const other = await create({ name: '消费小户' });
    const account = await api().post('/api/v1/accounts').auth(admin, { type: 'bearer' }).send(accountInput(payer.id, { paymentMethod: 'alipay' })).expect(201);
    await api().post('/api/v1/payments').auth(admin, { type: 'bearer' }).send(paymentInput(account.body.id, 123_456, { method: 'alipay' })).expect(201);
    const big = await api().get('/api/v1/customers').query({ minSpendFen: 100_000, pageSize: 200 }).auth(market, { type: 'bearer' }).expect(200);
    expect(big.body.items.map((x: { id: string }) => x.id)).toContain(payer.id);
    expect(big.body.items.map((x: { id: string }) => x.id)).not.toContain(other.id);
    const small = await api().get('/api/v1/customers').query({ maxSpendFen: 0, q: '消费' }).auth(market, { type: 'bearer' }).expect(200);
    expect(small.body.items.map((x: { id: string }) => x.id)).toEqual([other.id]);
    const alipay = await api().get('/api/v1/customers').query({ paymentMethod: 'alipay', q: '消费' }).auth(market, { type: 'bearer' }).expect(200);
    expect(alipay.body.items.map((x: { id: string }) => x.id)).toEqual([payer.id]);
    const owing = await api().get('/api/v1/customers').query({ minArrearsFen: 1, q: '消费' }).auth(market, { type: 'bearer' }).expect(200);
    expect(owing.body.total).toBe(0);
    await api().get('/api/v1/customers').query({ paymentMethod: 'bitcoin' }).auth(market, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/customers').query({ createdFrom: '2026-W45' }).auth(market, { type: 'bearer' }).expect(400);
  });

  it('answers a failing export with a JSON error instead of a broken download', async () => {
    const res = await api().get('/api/v1/customers/export').query({ format: 'csv', q: 'a\u0000b' }).auth(sales, { type: 'bearer' }).timeout(5000);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BAD_REQUEST');
  });

  it('exports the audit log query for admins', async () => {
    const c = await create({ name: '审计导出' });
    const csv = await api().get('/api/v1/audit-log/export').query({ format: 'csv', entityType: 'customer', entityId: c.id }).auth(admin, { type: 'bearer' }).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toContain('操作 Action');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',create,customer,');
    expect(lines[1]).not.toContain(c.idNumber);
    await api().get('/api/v1/audit-log/export').query({ format: 'csv' }).auth(sales, { type: 'bearer' }).expect(403);
  });
});
