import request, { Response } from 'supertest';
import {
  baseConfigCode,
  businessHallInput,
  customerInput,
  customerLevelInput,
  customerStatusInput,
  RunningNode,
  serviceDepartmentInput,
  staffContactRecordInput,
  staffInput,
  tokenFor,
} from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Collects a response body as bytes (exports). */
const bytes = (res: unknown, done: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The fields a 400 names (once each, whatever the number of problems). */
const fields = (res: Response): string[] => [...new Set<string>((res.body.details ?? []).map((d: { field: string }) => d.field))];

describe('Base configuration and staff API (基礎配置、員工)', () => {
  let node: RunningNode;
  let admin: string;
  let market: string;
  let sales: string;
  let operations: string;
  let analyst: string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, market, sales, operations, analyst] = await Promise.all(['admin', 'market', 'sales', 'operations', 'analyst'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);
  const post = (path: string, body: object, token = admin) => api().post(`/api/v1/${path}`).auth(token, { type: 'bearer' }).send(body);
  const get = (path: string, token = admin, query: Record<string, unknown> = {}) => api().get(`/api/v1/${path}`).query(query).auth(token, { type: 'bearer' });
  const patch = (path: string, body: object, token = admin) => api().patch(`/api/v1/${path}`).auth(token, { type: 'bearer' }).send(body);
  const del = (path: string, token = admin) => api().delete(`/api/v1/${path}`).auth(token, { type: 'bearer' });
  const auditOf = async (entityType: string, entityId?: string, query: Record<string, unknown> = {}): Promise<Json[]> =>
    (await get('audit-log', admin, { entityType, ...(entityId ? { entityId } : {}), pageSize: 200, ...query }).expect(200)).body.items;
  const department = async (overrides: Json = {}): Promise<Json> => (await post('service-departments', serviceDepartmentInput(overrides)).expect(201)).body;
  const hall = async (overrides: Json = {}): Promise<Json> => (await post('business-halls', businessHallInput(overrides)).expect(201)).body;

  describe('districts (區縣)', () => {
    it('creates, reads, lists, modifies with the version, and deletes a district; each write is audited', async () => {
      const created = await post('districts', { code: '440111', name: '白云区' }).expect(201);
      expect(created.body).toEqual({ code: '440111', name: '白云区', version: 1 });
      expect((await get('districts/440111', analyst).expect(200)).body.name).toBe('白云区');

      const listed = await get('districts', market, { q: '白云', sort: '-code' }).expect(200);
      expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ code: '440111' }] });
      const all = await get('districts', market, { sort: 'code' }).expect(200);
      expect(all.body.items.map((d: Json) => d.code)).toEqual([...all.body.items.map((d: Json) => d.code)].sort());

      const updated = await patch('districts/440111', { name: '白雲區', version: 1 }, operations).expect(200);
      expect(updated.body).toEqual({ code: '440111', name: '白雲區', version: 2 });
      const stale = await patch('districts/440111', { name: '白云', version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'version' }] });
      expect((await get('districts/440111').expect(200)).body).toMatchObject({ name: '白雲區', version: 2 });

      await del('districts/440111').expect(204);
      expect((await get('districts/440111').expect(404)).body.code).toBe('NOT_FOUND');
      await del('districts/440111').expect(404);
      await patch('districts/440111', { name: 'x', version: 2 }).expect(404);

      const audit = await auditOf('district', '440111');
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
      const update = audit.find((a) => a.action === 'update')!;
      expect(update).toMatchObject({ actorUsername: 'operations', oldValues: { name: '白云区', version: 1 }, newValues: { name: '白雲區', version: 2 } });
      expect(audit.find((a) => a.action === 'delete')!.oldValues).toMatchObject({ code: '440111', name: '白雲區' });
    });

    it('refuses a duplicate code, bad input and unknown codes', async () => {
      expect((await post('districts', { code: '440106', name: '天河区' }).expect(409)).body).toMatchObject({ code: 'CONFLICT', message: 'District 440106 already exists' });
      const bad = await post('districts', { code: '4401', name: '', extra: true }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(fields(bad)).toEqual(expect.arrayContaining(['code', 'name', 'extra']));
      expect(fields(await get('districts/abc').expect(400))).toEqual(['code']);
      await get('districts/449999').expect(404);
      expect(fields(await patch('districts/440106', { name: '天河区' }).expect(400))).toEqual(['version']);
      expect(fields(await get('districts', admin, { sort: 'population' }).expect(400))).toEqual(['sort']);
      expect(fields(await get('districts', admin, { pageSize: 500 }).expect(400))).toEqual(['pageSize']);
    });

    it('refuses (409) to delete a district that customers or business halls use, and keeps it', async () => {
      await post('districts', { code: '440112', name: '黄埔区' }).expect(201);
      await post('customers', customerInput({ districtCode: '440112' })).expect(201);
      const used = await del('districts/440112').expect(409);
      expect(used.body).toMatchObject({ code: 'CONFLICT' });
      expect(used.body.message).toContain('customer');

      await post('districts', { code: '440113', name: '番禺区' }).expect(201);
      await hall({ districtCode: '440113' });
      expect((await del('districts/440113').expect(409)).body.message).toContain('business_hall');
      await get('districts/440112').expect(200);
      await get('districts/440113').expect(200);
      expect((await auditOf('district', '440112', { action: 'delete' })).length).toBe(0);
    });
  });

  describe('business halls (營業廳)', () => {
    it('creates, reads, filters, modifies and deletes a hall', async () => {
      const input = businessHallInput({ name: '天河路营业厅', districtCode: '440106' });
      const created = await post('business-halls', input, operations).expect(201);
      expect(created.body).toEqual({ ...input, districtName: '天河区', active: true, version: 1 });

      const code = input.code as string;
      const read = await get(`business-halls/${code}`, market).expect(200);
      expect(read.body.districtName).toBe('天河区');

      const other = await hall({ districtCode: '440105', active: false });
      const byDistrict = await get('business-halls', market, { districtCode: '440106', pageSize: 200 }).expect(200);
      expect(byDistrict.body.items.map((h: Json) => h.code)).toContain(code);
      expect(byDistrict.body.items.every((h: Json) => h.districtCode === '440106')).toBe(true);
      const inactive = await get('business-halls', market, { active: 'false', pageSize: 200 }).expect(200);
      expect(inactive.body.items.map((h: Json) => h.code)).toEqual(expect.arrayContaining([other.code]));
      expect(inactive.body.items.every((h: Json) => h.active === false)).toBe(true);
      expect((await get('business-halls', market, { q: code }).expect(200)).body).toMatchObject({ total: 1, items: [{ code }] });
      expect(fields(await get('business-halls', market, { active: 'maybe' }).expect(400))).toEqual(['active']);

      const updated = await patch(`business-halls/${code}`, { districtCode: '440104', openingHours: null, active: false, version: 1 }).expect(200);
      expect(updated.body).toMatchObject({ districtCode: '440104', districtName: '越秀区', openingHours: null, active: false, version: 2 });
      await patch(`business-halls/${code}`, { name: '旧', version: 1 }).expect(409);

      await del(`business-halls/${code}`).expect(204);
      await get(`business-halls/${code}`).expect(404);
      expect((await auditOf('business_hall', code)).map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
    });

    it('answers 400 naming districtCode for an unknown district, 409 for a taken code', async () => {
      const unknown = await post('business-halls', businessHallInput({ districtCode: '449999' })).expect(400);
      expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'districtCode' }] });
      const h = await hall();
      await post('business-halls', businessHallInput({ code: h.code })).expect(409);
      expect(fields(await patch(`business-halls/${h.code}`, { districtCode: '449999', version: 1 }).expect(400))).toEqual(['districtCode']);
      const bad = await post('business-halls', { code: 'has space', name: 'x', districtCode: '440106', phone: '123', active: 'yes' }).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['code', 'phone', 'active']));
      expect(fields(await patch(`business-halls/${h.code}`, { name: null, version: 1 }).expect(400))).toEqual(['name']);
    });
  });

  describe('customer levels (客戶等級)', () => {
    it('creates levels, sorts them by rank, modifies and deletes them', async () => {
      const base = 1 + (Date.now() % 900); // factory-made levels rank 10,000 and up
      const silver = await post('customer-levels', customerLevelInput({ name: '银卡', rank: base + 1, minAnnualSpendFen: 120_000 })).expect(201);
      const gold = await post('customer-levels', customerLevelInput({ name: '金卡', rank: base + 2, minAnnualSpendFen: 5_000_000_000 })).expect(201);
      expect(gold.body).toMatchObject({ name: '金卡', rank: base + 2, minAnnualSpendFen: 5_000_000_000, description: null, version: 1 });

      const asc = await get('customer-levels', analyst, { pageSize: 200 }).expect(200);
      const ranks = asc.body.items.map((l: Json) => l.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(ranks).toEqual(expect.arrayContaining([base + 1, base + 2]));
      const desc = await get('customer-levels', analyst, { sort: '-rank', pageSize: 200 }).expect(200);
      expect(desc.body.items.map((l: Json) => l.rank)).toEqual([...ranks].reverse());

      const updated = await patch(`customer-levels/${silver.body.code}`, { minAnnualSpendFen: 150_000, description: '年消費 1500 元以上', version: 1 }).expect(200);
      expect(updated.body).toMatchObject({ minAnnualSpendFen: 150_000, description: '年消費 1500 元以上', version: 2 });
      expect((await get(`customer-levels/${silver.body.code}`, market).expect(200)).body.minAnnualSpendFen).toBe(150_000);

      await del(`customer-levels/${silver.body.code}`).expect(204);
      await get(`customer-levels/${silver.body.code}`).expect(404);
      expect((await auditOf('customer_level', silver.body.code)).map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
    });

    it('refuses a taken rank or code (409) and bad amounts (400)', async () => {
      const level = await post('customer-levels', customerLevelInput()).expect(201);
      const rank = await post('customer-levels', customerLevelInput({ rank: level.body.rank })).expect(409);
      expect(rank.body.message).toBe('Another customer level has this rank');
      await post('customer-levels', customerLevelInput({ code: level.body.code })).expect(409);
      const bad = await post('customer-levels', customerLevelInput({ minAnnualSpendFen: -1, rank: 1.5 })).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['minAnnualSpendFen', 'rank']));
      expect(fields(await post('customer-levels', customerLevelInput({ minAnnualSpendFen: '100' })).expect(400))).toEqual(['minAnnualSpendFen']);
    });
  });

  describe('customer statuses (客戶狀態)', () => {
    it('has the built-in statuses from the migration, which cannot be deleted', async () => {
      const active = await get('customer-statuses/active', market).expect(200);
      expect(active.body).toMatchObject({ code: 'active', name: '在網', serviceAllowed: true, active: true, builtIn: true });
      const suspended = await get('customer-statuses/suspended', market).expect(200);
      expect(suspended.body).toMatchObject({ code: 'suspended', name: '停機', serviceAllowed: false, builtIn: true });
      const refused = await del('customer-statuses/suspended').expect(409);
      expect(refused.body.message).toContain('built in');
      await get('customer-statuses/suspended').expect(200);
    });

    it('creates, filters, modifies and deletes a status', async () => {
      const input = customerStatusInput({ name: '欠费停机', serviceAllowed: false, description: '欠費超過 30 天' });
      const created = await post('customer-statuses', input).expect(201);
      expect(created.body).toEqual({ ...input, active: true, builtIn: false, version: 1 });
      const blocked = await get('customer-statuses', market, { serviceAllowed: 'false', pageSize: 200 }).expect(200);
      expect(blocked.body.items.map((s: Json) => s.code)).toEqual(expect.arrayContaining(['suspended', input.code]));
      expect(blocked.body.items.some((s: Json) => s.code === 'active')).toBe(false);

      await patch(`customer-statuses/${input.code}`, { active: false, version: 1 }).expect(200);
      const inactive = await get('customer-statuses', market, { active: 'false' }).expect(200);
      expect(inactive.body.items.map((s: Json) => s.code)).toEqual([input.code]);
      await patch(`customer-statuses/${input.code}`, { active: true, version: 1 }).expect(409);

      await del(`customer-statuses/${input.code}`).expect(204);
      await get(`customer-statuses/${input.code}`).expect(404);
      await post('customer-statuses', { ...input, code: 'active' }).expect(409);
      expect(fields(await post('customer-statuses', { code: 'Bad-Code', name: 'x' }).expect(400))).toEqual(['code']);
      expect(fields(await get('customer-statuses/Bad-Code').expect(400))).toEqual(['code']);
    });
  });

  describe('service departments (服務部門)', () => {
    it('builds a tree, lists children, refuses cycles and deleting a department still in use', async () => {
      const parent = await department({ name: '市场部' });
      const child = await department({ name: '政企客户中心', parentCode: parent.code });
      expect(child).toMatchObject({ parentCode: parent.code, parentName: '市场部', version: 1 });
      const children = await get('service-departments', market, { parentCode: parent.code }).expect(200);
      expect(children.body).toMatchObject({ total: 1, items: [{ code: child.code }] });

      const cycle = await patch(`service-departments/${parent.code}`, { parentCode: child.code, version: 1 }).expect(400);
      expect(cycle.body.details).toEqual([{ field: 'parentCode', problem: 'would create a cycle' }]);
      expect(fields(await patch(`service-departments/${parent.code}`, { parentCode: parent.code, version: 1 }).expect(400))).toEqual(['parentCode']);
      expect(fields(await post('service-departments', serviceDepartmentInput({ parentCode: 'NOPE' })).expect(400))).toEqual(['parentCode']);
      await post('service-departments', serviceDepartmentInput({ code: parent.code })).expect(409);

      expect((await del(`service-departments/${parent.code}`).expect(409)).body.message).toContain('service_department');
      await post('staff', staffInput({ departmentCode: child.code })).expect(201);
      expect((await del(`service-departments/${child.code}`).expect(409)).body.message).toContain('staff');

      const moved = await patch(`service-departments/${child.code}`, { parentCode: null, name: '政企中心', version: 1 }).expect(200);
      expect(moved.body).toMatchObject({ parentCode: null, parentName: null, name: '政企中心', version: 2 });
      await del(`service-departments/${parent.code}`).expect(204);
      expect((await auditOf('service_department', child.code)).map((a) => a.action).sort()).toEqual(['create', 'update']);
    });
  });

  describe('industries (行業, GB/T 4754-2017)', () => {
    it('holds sections A–T from the migration', async () => {
      const sections = await get('industries', market, { topLevel: 'true', pageSize: 50 }).expect(200);
      expect(sections.body.total).toBe(20);
      expect(sections.body.items.map((i: Json) => i.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
      expect(sections.body.items[0]).toMatchObject({ code: 'A', name: '农、林、牧、渔业', parentCode: null });
      expect(sections.body.items[19]).toMatchObject({ code: 'T', name: '国际组织' });
      expect((await get('industries/I', market).expect(200)).body.name).toBe('信息传输、软件和信息技术服务业');
    });

    it('adds divisions under a section and refuses deleting a parent, unknown parents and bad codes', async () => {
      const created = await post('industries', { code: '65', name: '软件和信息技术服务业', parentCode: 'I' }).expect(201);
      expect(created.body).toEqual({ code: '65', name: '软件和信息技术服务业', parentCode: 'I', parentName: '信息传输、软件和信息技术服务业', version: 1 });
      const under = await get('industries', market, { parentCode: 'I' }).expect(200);
      expect(under.body.items.map((i: Json) => i.code)).toEqual(['65']);
      await del('industries/I').expect(409);
      expect(fields(await post('industries', { code: '651', name: '软件开发', parentCode: '99' }).expect(400))).toEqual(['parentCode']);
      expect(fields(await post('industries', { code: 'AB', name: 'x' }).expect(400))).toEqual(['code']);
      await patch('industries/65', { name: '软件和信息技术服务', version: 1 }).expect(200);
      await del('industries/65').expect(204);
      await get('industries/65').expect(404);
    });
  });

  describe('staff (員工)', () => {
    let dep: Json;
    let h: Json;

    beforeAll(async () => {
      dep = await department({ name: '客户服务部' });
      h = await hall({ name: '越秀营业厅', districtCode: '440104' });
    });

    it('creates, reads, modifies and deletes a staff member', async () => {
      const input = staffInput({ name: '陈晓明', departmentCode: dep.code, hallCode: h.code, duties: '负责越秀片区客户维系' });
      const created = await post('staff', input, operations).expect(201);
      expect(created.body).toMatchObject({ employeeNo: input.employeeNo, name: '陈晓明', departmentName: '客户服务部', hallName: '越秀营业厅', active: true, version: 1 });
      expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const id = created.body.id as string;

      expect((await get(`staff/${id}`, admin).expect(200)).body.mobile).toBe(input.mobile);
      const moved = await patch(`staff/${id}`, { hallCode: null, title: '班组长', version: 1 }).expect(200);
      expect(moved.body).toMatchObject({ hallCode: null, hallName: null, title: '班组长', version: 2 });
      expect((await patch(`staff/${id}`, { title: '客户经理', version: 1 }).expect(409)).body.details).toEqual([{ field: 'version', problem: 'stale (current 2)' }]);

      await del(`staff/${id}`).expect(204);
      await get(`staff/${id}`).expect(404);
      await del(`staff/${id}`).expect(404);
      const audit = await auditOf('staff', id);
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'read-personal-data', 'update']);
      expect(audit.find((a) => a.action === 'update')).toMatchObject({ oldValues: { hallCode: h.code, title: '客户经理' }, newValues: { hallCode: null, title: '班组长' } });
    });

    it('masks mobiles for roles without personal data, audits unmasked reads, and never logs a mobile in clear', async () => {
      const input = staffInput({ departmentCode: dep.code });
      const mobile = input.mobile as string;
      const { id } = (await post('staff', input).expect(201)).body;

      const masked = await get(`staff/${id}`, market).expect(200);
      expect(masked.body).toMatchObject({ mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, personalDataMasked: true });
      const maskedList = await get('staff', market, { q: input.employeeNo }).expect(200);
      expect(maskedList.body.items[0].mobile).toBe(masked.body.mobile);
      expect(JSON.stringify(maskedList.body)).not.toContain(mobile);

      const clear = await get(`staff/${id}`, sales).expect(200);
      expect(clear.body).toMatchObject({ mobile, personalDataMasked: false });
      expect((await get('staff', sales, { q: input.employeeNo }).expect(200)).body.items[0].mobile).toBe(mobile);

      const reads = await auditOf('staff', undefined, { action: 'read-personal-data' });
      expect(reads.some((a) => a.actorUsername === 'sales' && a.entityId === id)).toBe(true);
      expect(reads.some((a) => a.actorUsername === 'sales' && (a.newValues?.ids ?? []).includes(id))).toBe(true);
      expect(reads.some((a) => a.actorUsername === 'market')).toBe(false);
      const created = (await auditOf('staff', id, { action: 'create' }))[0];
      expect(created.newValues.mobile).toBe(masked.body.mobile);
      expect(JSON.stringify(await auditOf('staff', id))).not.toContain(mobile);

      // masked digits cannot be recovered from the list: no mobile filter, `q` does not match mobiles, no sort by mobile
      expect((await get('staff', market, { q: mobile.slice(0, 4) }).expect(200)).body.items.map((s: Json) => s.id)).not.toContain(id);
      expect(fields(await get('staff', market, { sort: 'mobile' }).expect(400))).toEqual(['sort']);
      expect(fields(await get('staff', market, { mobile: mobile.slice(0, 4) }).expect(400))).toEqual(['mobile']);
      expect(fields(await get('staff/export', market, { format: 'csv', sort: '-mobile' }).expect(400))).toEqual(['sort']);
    });

    it('lists by department, hall, active and name prefix, sorted', async () => {
      const d = await department();
      const h2 = await hall();
      const names = ['张伟', '张敏', '李娜'];
      for (const [i, name] of names.entries()) await post('staff', staffInput({ name, departmentCode: d.code, hallCode: i < 2 ? h2.code : null, active: i !== 1 })).expect(201);

      expect((await get('staff', market, { departmentCode: d.code }).expect(200)).body.total).toBe(3);
      const inHall = await get('staff', market, { hallCode: h2.code, sort: '-name' }).expect(200);
      expect(inHall.body.items.map((s: Json) => s.name)).toEqual(['张敏', '张伟']);
      const activeOnes = await get('staff', market, { departmentCode: d.code, active: 'true', sort: 'name' }).expect(200);
      expect(activeOnes.body.items.map((s: Json) => s.name).sort()).toEqual(['张伟', '李娜']);
      const prefix = await get('staff', market, { departmentCode: d.code, q: '张' }).expect(200);
      expect(prefix.body.total).toBe(2);
      const page2 = await get('staff', market, { departmentCode: d.code, sort: 'employeeNo', pageSize: 2, page: 2 }).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.body.items).toHaveLength(1);
    });

    it('answers 400 for bad input and unknown references, 409 for a taken employee number, 404 for an unknown id', async () => {
      const bad = await post('staff', { employeeNo: '', name: '', gender: 'x', departmentCode: dep.code, mobile: '12345', email: 'not-mail' }).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['employeeNo', 'name', 'gender', 'mobile', 'email']));
      expect(fields(await post('staff', staffInput({ departmentCode: 'NO-SUCH' })).expect(400))).toEqual(['departmentCode']);
      expect(fields(await post('staff', staffInput({ departmentCode: dep.code, hallCode: 'NO-SUCH' })).expect(400))).toEqual(['hallCode']);
      const first = await post('staff', staffInput({ departmentCode: dep.code })).expect(201);
      const dup = await post('staff', staffInput({ departmentCode: dep.code, employeeNo: first.body.employeeNo })).expect(409);
      expect(dup.body.message).toBe('A staff member with this employeeNo already exists');
      expect(fields(await get('staff/not-a-uuid').expect(400))).toEqual(['id']);
      await get('staff/00000000-0000-4000-8000-000000000000').expect(404);
      await patch('staff/00000000-0000-4000-8000-000000000000', { name: 'x', version: 1 }).expect(404);
      expect(fields(await get('staff', market, { departmentCode: 'bad code!' }).expect(400))).toEqual(['departmentCode']);
    });
  });

  describe('staff contact records (員工聯繫記錄)', () => {
    it('creates, lists newest first with filters, and deletes records; deleting the staff member removes them', async () => {
      const dep = await department();
      const { id } = (await post('staff', staffInput({ departmentCode: dep.code })).expect(201)).body;
      const path = `staff/${id}/contact-records`;
      const first = await post(path, staffContactRecordInput({ contactedAt: '2026-03-01T09:00:00+08:00', channel: 'phone' }), operations).expect(201);
      expect(first.body).toMatchObject({ staffId: id, contactedAt: '2026-03-01T01:00:00.000Z', channel: 'phone', counterpart: '广州恒信科技 王经理' });
      const second = await post(path, staffContactRecordInput({ contactedAt: '2026-03-05T09:00:00+08:00' })).expect(201);

      const listed = await get(path, market).expect(200);
      expect(listed.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      expect(listed.body.items.map((r: Json) => r.id)).toEqual([second.body.id, first.body.id]);
      expect((await get(path, market, { channel: 'phone' }).expect(200)).body.items.map((r: Json) => r.id)).toEqual([first.body.id]);
      expect((await get(path, market, { from: '2026-03-02T00:00:00+08:00' }).expect(200)).body.items.map((r: Json) => r.id)).toEqual([second.body.id]);

      await del(`${path}/${first.body.id}`).expect(204);
      await del(`${path}/${first.body.id}`).expect(404);
      expect((await get(path, market).expect(200)).body.total).toBe(1);
      expect((await auditOf('staff_contact_record', first.body.id)).map((a) => a.action).sort()).toEqual(['create', 'delete']);

      await del(`staff/${id}`).expect(204);
      const [{ n }] = await node.dataSource.query(`SELECT count(*)::int AS n FROM staff_contact_record WHERE staff_id = $1`, [id]);
      expect(n).toBe(0);
      await get(path, market).expect(404);
    });

    it('answers 400 for bad input, 404 for an unknown staff member or a record of someone else, 403 without config:write', async () => {
      const dep = await department();
      const a = (await post('staff', staffInput({ departmentCode: dep.code })).expect(201)).body.id;
      const b = (await post('staff', staffInput({ departmentCode: dep.code })).expect(201)).body.id;
      const bad = await post(`staff/${a}/contact-records`, { contactedAt: 'yesterday', channel: 'pigeon', counterpart: '', summary: '' }).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['contactedAt', 'channel', 'counterpart', 'summary']));
      await post('staff/00000000-0000-4000-8000-000000000000/contact-records', staffContactRecordInput()).expect(404);
      expect(fields(await post('staff/nope/contact-records', staffContactRecordInput()).expect(400))).toEqual(['id']);
      const record = await post(`staff/${a}/contact-records`, staffContactRecordInput()).expect(201);
      await del(`staff/${b}/contact-records/${record.body.id}`).expect(404);
      expect(fields(await del(`staff/${a}/contact-records/nope`).expect(400))).toEqual(['recordId']);
      await post(`staff/${a}/contact-records`, staffContactRecordInput(), market).expect(403);
      await del(`staff/${a}/contact-records/${record.body.id}`, market).expect(403);
      await get(`staff/${a}/contact-records`, market).expect(200);
    });
    it('modifies a record with the version it read (409 when stale), audits the change, and refuses bad input and records of someone else', async () => {
      const dep = await department();
      const a = (await post('staff', staffInput({ departmentCode: dep.code })).expect(201)).body.id;
      const b = (await post('staff', staffInput({ departmentCode: dep.code })).expect(201)).body.id;
      const path = `staff/${a}/contact-records`;
      const created = await post(path, staffContactRecordInput({ contactedAt: '2026-03-01T09:00:00+08:00', channel: 'phone' })).expect(201);
      expect(created.body.version).toBe(1);
      const rid = created.body.id as string;
      expect((await get(path, market).expect(200)).body.items[0]).toMatchObject({ id: rid, version: 1 });

      const changed = await patch(`${path}/${rid}`, { version: 1, channel: 'visit', summary: '上门走访，确认扩容方案', contactedAt: '2026-03-02T15:30:00+08:00' }, operations).expect(200);
      expect(changed.body).toMatchObject({ id: rid, staffId: a, channel: 'visit', summary: '上门走访，确认扩容方案', contactedAt: '2026-03-02T07:30:00.000Z', counterpart: created.body.counterpart, version: 2 });
      const stale = await patch(`${path}/${rid}`, { version: 1, summary: '覆盖' }).expect(409);
      expect(stale.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'version', problem: 'stale (current 2)' }] });
      expect((await get(path, market).expect(200)).body.items[0]).toMatchObject({ summary: '上门走访，确认扩容方案', version: 2 });
      expect((await patch(`${path}/${rid}`, { version: 2 }).expect(200)).body.version).toBe(2); // nothing changed

      expect(fields(await patch(`${path}/${rid}`, { summary: 'x' }).expect(400))).toEqual(['version']);
      expect(fields(await patch(`${path}/${rid}`, { version: 2, counterpart: null, summary: null }).expect(400)).sort()).toEqual(['counterpart', 'summary']);
      expect(fields(await patch(`${path}/${rid}`, { version: 2, channel: 'pigeon', contactedAt: 'yesterday', summary: '' }).expect(400)).sort()).toEqual(['channel', 'contactedAt', 'summary']);
      expect(fields(await patch(`${path}/${rid}`, { version: 2, staffId: b }).expect(400))).toEqual(['staffId']);
      await patch(`staff/${b}/contact-records/${rid}`, { version: 2, summary: 'x' }).expect(404);
      await patch(`${path}/00000000-0000-4000-8000-000000000000`, { version: 1, summary: 'x' }).expect(404);
      await patch(`staff/00000000-0000-4000-8000-000000000000/contact-records/${rid}`, { version: 2, summary: 'x' }).expect(404);
      expect(fields(await patch(`${path}/nope`, { version: 2, summary: 'x' }).expect(400))).toEqual(['recordId']);
      await patch(`${path}/${rid}`, { version: 2, summary: 'x' }, market).expect(403);
      await api().patch(`/api/v1/${path}/${rid}`).send({ version: 2, summary: 'x' }).expect(401);
      expect((await get(path, market).expect(200)).body.items[0]).toMatchObject({ summary: '上门走访，确认扩容方案', version: 2 });

      const audit = await auditOf('staff_contact_record', rid);
      expect(audit.map((e) => e.action)).toEqual(['update', 'create']);
      expect(audit[0]).toMatchObject({
        actorUsername: 'operations',
        oldValues: { channel: 'phone', summary: created.body.summary, contactedAt: '2026-03-01T01:00:00.000Z' },
        newValues: { channel: 'visit', summary: '上门走访，确认扩容方案', contactedAt: '2026-03-02T07:30:00.000Z' },
      });
      expect(Object.keys(audit[0].newValues).sort()).toEqual(['channel', 'contactedAt', 'summary']);
    });

    it("exports a staff member's records as CSV, XLSX and printable HTML with the list filters, and audits the export", async () => {
      const dep = await department();
      const staff = (await post('staff', staffInput({ name: '导出联系人', departmentCode: dep.code })).expect(201)).body;
      const other = (await post('staff', staffInput({ departmentCode: dep.code })).expect(201)).body.id;
      const path = `staff/${staff.id}/contact-records`;
      const first = (await post(path, staffContactRecordInput({ contactedAt: '2026-03-01T09:00:00+08:00', channel: 'phone', summary: '电话回访' })).expect(201)).body;
      const second = (await post(path, staffContactRecordInput({ contactedAt: '2026-03-05T09:00:00+08:00', channel: 'visit', summary: '上门走访' })).expect(201)).body;
      await post(`staff/${other}/contact-records`, staffContactRecordInput({ summary: '别人的记录' })).expect(201);

      const csv = await get(`${path}/export`, operations, { format: 'csv' }).buffer(true).parse(bytes).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('staff-contact-records.csv');
      const body = csv.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.subarray(3).toString('utf8').trim().split(/\r?\n/);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('聯繫時間 Contacted at');
      expect(lines[1]).toContain(second.id); // newest first, like the list
      expect(lines[1]).toContain('上门走访');
      expect(lines[1]).toContain('导出联系人');
      expect(lines[2]).toContain(first.id);
      expect(body.toString('utf8')).not.toContain('别人的记录');

      const phone = await get(`${path}/export`, market, { format: 'csv', channel: 'phone' }).buffer(true).parse(bytes).expect(200);
      const phoneLines = (phone.body as Buffer).subarray(3).toString('utf8').trim().split(/\r?\n/);
      expect(phoneLines).toHaveLength(2);
      expect(phoneLines[1]).toContain(first.id);
      const later = await get(`${path}/export`, analyst, { format: 'csv', from: '2026-03-02T00:00:00+08:00' }).buffer(true).parse(bytes).expect(200);
      expect((later.body as Buffer).toString('utf8')).toContain(second.id);
      expect((later.body as Buffer).toString('utf8')).not.toContain(first.id);

      const xlsx = await get(`${path}/export`, operations, { format: 'xlsx' }).buffer(true).parse(bytes).expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
      const html = await get(`${path}/export`, operations, { format: 'html' }).expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain('員工聯繫記錄 Staff contact records');
      expect(html.text).toContain('2 rows');

      expect(fields(await get(`${path}/export`, operations, { format: 'pdf' }).expect(400))).toEqual(['format']);
      expect(fields(await get(`${path}/export`, operations, { format: 'csv', channel: 'pigeon' }).expect(400))).toEqual(['channel']);
      expect(fields(await get('staff/nope/contact-records/export', operations, { format: 'csv' }).expect(400))).toEqual(['id']);
      expect((await get('staff/00000000-0000-4000-8000-000000000000/contact-records/export', operations, { format: 'csv' }).expect(404)).body.code).toBe('NOT_FOUND');
      await api().get(`/api/v1/${path}/export?format=csv`).expect(401);

      const exports = (await auditOf('staff_contact_record', undefined, { action: 'export' })).filter((e) => e.newValues.staffId === staff.id);
      expect(exports.map((e) => [e.actorUsername, e.newValues.filters.format, e.newValues.filters.channel ?? null])).toEqual([
        ['operations', 'html', null],
        ['operations', 'xlsx', null],
        ['analyst', 'csv', null],
        ['market', 'csv', 'phone'],
        ['operations', 'csv', null],
      ]);
    });
  });

  describe('every resource', () => {
    const resources: [path: string, entityType: string, key: () => Promise<string>, body: () => Json][] = [
      ['districts', 'district', async () => '440106', () => ({ code: '440199', name: 'x' })],
      ['business-halls', 'business_hall', async () => (await hall()).code, () => businessHallInput()],
      ['customer-levels', 'customer_level', async () => (await post('customer-levels', customerLevelInput()).expect(201)).body.code, () => customerLevelInput()],
      ['customer-statuses', 'customer_status', async () => 'active', () => customerStatusInput()],
      ['service-departments', 'service_department', async () => (await department()).code, () => serviceDepartmentInput()],
      ['industries', 'industry', async () => 'A', () => ({ code: '01', name: '农业', parentCode: 'A' })],
      ['staff', 'staff', async () => (await post('staff', staffInput({ departmentCode: (await department()).code })).expect(201)).body.id, () => staffInput({ departmentCode: 'NOPE' })],
    ];

    it.each(resources)('%s: writes need config:write (market 403, nothing written), reads need config:read', async (path, _entityType, key, body) => {
      const k = await key();
      const before = await get(path, admin, { pageSize: 1 }).expect(200);
      expect((await post(path, body(), market).expect(403)).body.code).toBe('FORBIDDEN');
      await patch(`${path}/${k}`, { version: 1 }, market).expect(403);
      await del(`${path}/${k}`, market).expect(403);
      await get(`${path}/${k}`, market).expect(200);
      await get(path, analyst).expect(200);
      await get(`${path}/export`, analyst, { format: 'csv' }).expect(200);
      expect((await get(path, admin, { pageSize: 1 }).expect(200)).body.total).toBe(before.body.total);
      await api().get(`/api/v1/${path}`).expect(401);
    });

    it.each(resources)('%s: exports CSV (BOM, header row), XLSX and printable HTML with the filters, and audits the export', async (path, entityType) => {
      const csv = await get(`${path}/export`, operations, { format: 'csv' }).buffer(true).parse(bytes).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
      const body = csv.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.subarray(3).toString('utf8').trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/Code|Employee no\./);
      expect(lines.length).toBeGreaterThan(1);

      const xlsx = await get(`${path}/export`, operations, { format: 'xlsx' }).buffer(true).parse(bytes).expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');

      const html = await get(`${path}/export`, operations, { format: 'html' }).expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain('<table>');
      expect(html.text).toMatch(/\d+ rows<\/p>/);

      expect(fields(await get(`${path}/export`, operations, { format: 'pdf' }).expect(400))).toEqual(['format']);
      const exports = await auditOf(entityType, undefined, { action: 'export', actor: 'operations' });
      expect(exports.map((a) => a.newValues.filters.format).sort()).toEqual(expect.arrayContaining(['csv', 'html', 'xlsx']));
    });

    it('applies the list filters to an export', async () => {
      const d = await department();
      await post('staff', staffInput({ name: '导出甲', departmentCode: d.code })).expect(201);
      await post('staff', staffInput({ name: '导出乙', departmentCode: d.code, active: false })).expect(201);
      const csv = await get('staff/export', operations, { format: 'csv', departmentCode: d.code, active: 'true' }).buffer(true).parse(bytes).expect(200);
      const lines = (csv.body as Buffer).subarray(3).toString('utf8').trim().split(/\r?\n/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('导出甲');
      const industries = await get('industries/export', market, { format: 'csv', topLevel: 'true' }).buffer(true).parse(bytes).expect(200);
      expect((industries.body as Buffer).toString('utf8').trim().split(/\r?\n/)).toHaveLength(21);
      expect(fields(await get('staff/export', market, { format: 'csv', active: 'maybe' }).expect(400))).toEqual(['active']);
    });

    it('exports staff mobiles masked for market and in clear for sales', async () => {
      const d = await department();
      const input = staffInput({ departmentCode: d.code });
      const mobile = input.mobile as string;
      await post('staff', input).expect(201);
      const masked = await get('staff/export', market, { format: 'csv', departmentCode: d.code }).buffer(true).parse(bytes).expect(200);
      expect((masked.body as Buffer).toString('utf8')).toContain(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
      expect((masked.body as Buffer).toString('utf8')).not.toContain(mobile);
      const clear = await get('staff/export', sales, { format: 'html', departmentCode: d.code }).expect(200);
      expect(clear.text).toContain(mobile);
      const audit = await auditOf('staff', undefined, { action: 'export', actor: 'sales' });
      expect(audit[0].newValues).toMatchObject({ personalData: true, filters: { departmentCode: d.code, format: 'html' } });
    });
  });

  it('documents every route in the OpenAPI document with its body and query schemas', async () => {
    const doc = (await api().get('/docs-json').expect(200)).body;
    for (const path of ['districts', 'business-halls', 'customer-levels', 'customer-statuses', 'service-departments', 'industries', 'staff']) {
      const key = path === 'staff' ? 'id' : 'code';
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([`/api/v1/${path}`, `/api/v1/${path}/export`, `/api/v1/${path}/{${key}}`]));
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/staff/{id}/contact-records', '/api/v1/staff/{id}/contact-records/export', '/api/v1/staff/{id}/contact-records/{recordId}']),
    );
    expect(doc.paths['/api/v1/staff/{id}/contact-records/{recordId}'].patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/UpdateStaffContactRecordDto');
    expect(doc.paths['/api/v1/staff/{id}/contact-records/export'].get.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['id', 'format', 'channel', 'from', 'to']));
    expect(doc.paths['/api/v1/staff'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateStaffDto');
    expect(doc.paths['/api/v1/staff/{id}'].patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/UpdateStaffDto');
    expect(doc.paths['/api/v1/staff'].get.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'q', 'departmentCode', 'hallCode', 'active', 'sort']));
    expect(doc.paths['/api/v1/staff/export'].get.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['format', 'departmentCode']));
    expect(doc.paths['/api/v1/staff'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/StaffPageDto');
    expect(doc.components.schemas.BusinessHallPageDto.properties.items.items.$ref).toBe('#/components/schemas/BusinessHallDto');
    expect(new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops as Json).map((op: Json) => op.operationId))).size).toBe(
      Object.values(doc.paths).flatMap((ops) => Object.values(ops as Json)).length,
    );
  });

  it('rolls a write back when it fails: no row and no audit entry', async () => {
    const code = baseConfigCode('RB');
    await post('business-halls', businessHallInput({ code, districtCode: '449999' })).expect(400);
    expect(await node.dataSource.query(`SELECT 1 FROM business_hall WHERE code = $1`, [code])).toEqual([]);
    expect(await auditOf('business_hall', code)).toEqual([]);
  });
});
