import request from 'supertest';
import { customerInput, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

describe('City customers API (/api/v1/customers)', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let sales: string;
  let analyst: string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, market, sales, analyst] = await Promise.all(['admin', 'market', 'sales', 'analyst'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);

  it('creates, reads, updates and deletes a customer', async () => {
    const input = customerInput({ name: '王芳', customerType: 'key_individual', gender: 'female', birthDate: '1988-05-12', address: '天河路 1 号', externalId: 'BOSS-1' });
    const created = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(input).expect(201);
    expect(created.body).toMatchObject({ name: '王芳', customerType: 'key_individual', districtCode: '440106', districtName: '天河区', phone: input.phone, idNumber: input.idNumber, personalDataMasked: false, version: 1 });

    const read = await api().get(`/api/v1/customers/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(read.body.id).toBe(created.body.id);

    const updated = await api().patch(`/api/v1/customers/${created.body.id}`).auth(sales, { type: 'bearer' }).send({ name: '王芳芳', districtCode: '440104', version: 1 }).expect(200);
    expect(updated.body).toMatchObject({ name: '王芳芳', districtCode: '440104', districtName: '越秀区', version: 2 });

    await api().delete(`/api/v1/customers/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(204);
    const gone = await api().get(`/api/v1/customers/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(404);
    expect(gone.body.code).toBe('NOT_FOUND');
    await api().delete(`/api/v1/customers/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(404);
  });

  it('masks phone and ID numbers for roles without the personal-data permission', async () => {
    const input = customerInput();
    const created = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(input).expect(201);
    const masked = await api().get(`/api/v1/customers/${created.body.id}`).auth(market, { type: 'bearer' }).expect(200);
    expect(masked.body.personalDataMasked).toBe(true);
    expect(masked.body.phone).toBe(`${(input.phone as string).slice(0, 3)}****${(input.phone as string).slice(-4)}`);
    expect(masked.body.idNumber).toBe(`${(input.idNumber as string).slice(0, 6)}********${(input.idNumber as string).slice(-4)}`);
    expect(JSON.stringify(masked.body)).not.toContain(input.idNumber as string);
  });

  it('never stores ID numbers in clear, yet finds a customer by the full number', async () => {
    const input = customerInput({ name: '李雷' });
    const created = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(input).expect(201);
    const [row] = await node.dataSource.query(`SELECT * FROM customer WHERE id = $1`, [created.body.id]);
    expect(JSON.stringify(row)).not.toContain(input.idNumber as string);
    const found = await api().get('/api/v1/customers').query({ idType: 'resident_id', idNumber: input.idNumber }).auth(admin, { type: 'bearer' }).expect(200);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0].id).toBe(created.body.id);
  });

  it('lists with pagination, filters and sorting', async () => {
    for (let i = 0; i < 5; i++) {
      await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ name: `分页客户${i}`, districtCode: '440105', customerType: 'public_unit' })).expect(201);
    }
    const page1 = await api().get('/api/v1/customers').query({ districtCode: '440105', customerType: 'public_unit', pageSize: 2, page: 1, sort: 'name' }).auth(market, { type: 'bearer' }).expect(200);
    expect(page1.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.body.items.map((c: { name: string }) => c.name)).toEqual(['分页客户0', '分页客户1']);
    const page3 = await api().get('/api/v1/customers').query({ districtCode: '440105', pageSize: 2, page: 3, sort: 'name' }).auth(market, { type: 'bearer' }).expect(200);
    expect(page3.body.items.map((c: { name: string }) => c.name)).toEqual(['分页客户4']);
    const byPrefix = await api().get('/api/v1/customers').query({ q: '分页客户3' }).auth(market, { type: 'bearer' }).expect(200);
    expect(byPrefix.body.total).toBe(1);
  });

  it('answers 400 with field details on bad input and writes nothing', async () => {
    const before = (await node.dataSource.query(`SELECT count(*)::int AS n FROM customer`))[0].n;
    const res = await api()
      .post('/api/v1/customers')
      .auth(admin, { type: 'bearer' })
      .send({ name: '', customerType: 'alien', districtCode: '12', phone: 'abc', idType: 'resident_id', idNumber: '440106198805121230', extra: 1 })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'customerType', 'districtCode', 'phone', 'idNumber', 'extra']));
    const unknownDistrict = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send({ ...customerInput(), districtCode: '449999' }).expect(400);
    expect(unknownDistrict.body.details[0].field).toBe('districtCode');
    await api().get('/api/v1/customers/not-a-uuid').auth(admin, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/customers').query({ pageSize: 1000 }).auth(admin, { type: 'bearer' }).expect(400);
    const malformed = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).set('content-type', 'application/json').send('{"name": ').expect(400);
    expect(malformed.body.message).toMatch(/JSON/);
    expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM customer`))[0].n).toBe(before);
  });

  it('answers 409 for a duplicate external id or ID document', async () => {
    const input = customerInput({ externalId: 'DUP-1' });
    await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(input).expect(201);
    const sameExternal = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ externalId: 'DUP-1' })).expect(409);
    expect(sameExternal.body.code).toBe('CONFLICT');
    await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send({ ...customerInput(), idNumber: input.idNumber }).expect(409);
  });

  it('records the acquisition channel and business hall: 400 for unknown ones, list filter, PATCH with version, export column, 360', async () => {
    await node.dataSource.query(`INSERT INTO business_hall (code, name, district_code) VALUES ('ACQ-H1', '天河路营业厅', '440106'), ('ACQ-H2', '体育西营业厅', '440106') ON CONFLICT DO NOTHING`);
    const created = await api()
      .post('/api/v1/customers')
      .auth(admin, { type: 'bearer' })
      .send(customerInput({ name: '渠道客户甲', acquisitionChannel: 'business_hall', hallCode: 'ACQ-H1' }))
      .expect(201);
    expect(created.body).toMatchObject({ acquisitionChannel: 'business_hall', hallCode: 'ACQ-H1', version: 1 });
    await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ name: '渠道客户乙', acquisitionChannel: 'online' })).expect(201);
    const plain = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ name: '渠道客户丙' })).expect(201);
    expect(plain.body).toMatchObject({ acquisitionChannel: null, hallCode: null });

    const unknownHall = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ hallCode: 'NO-SUCH-HALL' })).expect(400);
    expect(unknownHall.body.details).toEqual([expect.objectContaining({ field: 'hallCode' })]);
    const badChannel = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput({ acquisitionChannel: 'pigeon' })).expect(400);
    expect(badChannel.body.details.map((d: { field: string }) => d.field)).toEqual(['acquisitionChannel']);
    const patchUnknownHall = await api().patch(`/api/v1/customers/${plain.body.id}`).auth(admin, { type: 'bearer' }).send({ hallCode: 'NO-SUCH-HALL', version: 1 }).expect(400);
    expect(patchUnknownHall.body.details[0].field).toBe('hallCode');

    const byChannel = await api().get('/api/v1/customers').query({ acquisitionChannel: 'business_hall', q: '渠道客户' }).auth(market, { type: 'bearer' }).expect(200);
    expect(byChannel.body.items.map((c: { name: string }) => c.name)).toEqual(['渠道客户甲']);
    const byHall = await api().get('/api/v1/customers').query({ hallCode: 'ACQ-H1' }).auth(market, { type: 'bearer' }).expect(200);
    expect(byHall.body.total).toBe(1);
    await api().get('/api/v1/customers').query({ acquisitionChannel: 'pigeon' }).auth(market, { type: 'bearer' }).expect(400);

    const moved = await api()
      .patch(`/api/v1/customers/${created.body.id}`)
      .auth(sales, { type: 'bearer' })
      .send({ acquisitionChannel: 'agent', hallCode: 'ACQ-H2', version: 1 })
      .expect(200);
    expect(moved.body).toMatchObject({ acquisitionChannel: 'agent', hallCode: 'ACQ-H2', version: 2 });
    const stale = await api().patch(`/api/v1/customers/${created.body.id}`).auth(sales, { type: 'bearer' }).send({ acquisitionChannel: 'online', version: 1 }).expect(409);
    expect(stale.body.details[0].field).toBe('version');
    const cleared = await api().patch(`/api/v1/customers/${created.body.id}`).auth(sales, { type: 'bearer' }).send({ acquisitionChannel: null, version: 2 }).expect(200);
    expect(cleared.body).toMatchObject({ acquisitionChannel: null, hallCode: 'ACQ-H2', version: 3 });
    await api().patch(`/api/v1/customers/${created.body.id}`).auth(sales, { type: 'bearer' }).send({ acquisitionChannel: 'agent', version: 3 }).expect(200);
    const audit = await node.dataSource.query(`SELECT new_values FROM audit_log WHERE entity_type = 'customer' AND entity_id = $1 AND action = 'update' ORDER BY id`, [created.body.id]);
    expect(audit[0].new_values).toMatchObject({ acquisitionChannel: 'agent', hallCode: 'ACQ-H2' });

    const exported = await api().get('/api/v1/customers/export').query({ format: 'csv', acquisitionChannel: 'agent' }).auth(market, { type: 'bearer' }).buffer(true).expect(200);
    const lines = exported.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('發展渠道 Channel');
    expect(lines).toHaveLength(2);
    const header = lines[0].split(',');
    const cells = lines[1].split(',');
    expect(cells[header.indexOf('發展渠道 Channel')]).toBe('agent');
    expect(cells[header.indexOf('營業廳 Hall')]).toBe('ACQ-H2');

    const view = await api().get(`/api/v1/customers/${created.body.id}/360`).auth(admin, { type: 'bearer' }).expect(200);
    expect(view.body.profile).toMatchObject({ acquisitionChannel: 'agent', hallCode: 'ACQ-H2' });
  });

  it('enforces permissions: 401 without a token, 403 without the permission', async () => {
    await api().get('/api/v1/customers').expect(401);
    await api().get('/api/v1/customers').auth('not-a-token', { type: 'bearer' }).expect(401);
    const res = await api().post('/api/v1/customers').auth(market, { type: 'bearer' }).send(customerInput()).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await api().get('/api/v1/customers').auth(analyst, { type: 'bearer' }).expect(403);
  });
});
