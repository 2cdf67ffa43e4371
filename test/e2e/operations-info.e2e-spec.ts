import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { mobileNumber, productInput, RunningNode, serviceDepartmentInput, staffInput, tokenFor } from '@crm/testing';
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

/** A marker no other test uses, to find this test's rows. */
const marker = (prefix: string): string => `${prefix}${randomUUID().slice(0, 8)}`;

const csvLines = (res: Response): string[] => (res.body as Buffer).subarray(3).toString('utf8').trim().split(/\r?\n/);

describe('Operations information API (經營信息)', () => {
  let node: RunningNode;
  let admin: string;
  let operations: string;
  let market: string;
  let sales: string;
  let service: string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, operations, market, sales, service] = await Promise.all(['admin', 'operations', 'market', 'sales', 'service'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);
  const post = (path: string, body: object, token = operations) => api().post(`/api/v1/${path}`).auth(token, { type: 'bearer' }).send(body);
  const get = (path: string, token = operations, query: Record<string, unknown> = {}) => api().get(`/api/v1/${path}`).query(query).auth(token, { type: 'bearer' });
  const patch = (path: string, body: object, token = operations) => api().patch(`/api/v1/${path}`).auth(token, { type: 'bearer' }).send(body);
  const del = (path: string, token = operations) => api().delete(`/api/v1/${path}`).auth(token, { type: 'bearer' });
  const exportOf = (path: string, token: string, query: Record<string, unknown>) => get(`${path}/export`, token, query).buffer(true).parse(bytes).expect(200);
  const auditOf = async (entityType: string, entityId?: string, query: Record<string, unknown> = {}): Promise<Json[]> =>
    (await get('audit-log', admin, { entityType, ...(entityId ? { entityId } : {}), pageSize: 200, ...query }).expect(200)).body.items;
  const ids = (res: Response): string[] => res.body.items.map((i: Json) => i.id ?? i.staffId);

  /** Every resource answers 403 to a role without operations:read / operations:write, and writes nothing. */
  describe('permissions', () => {
    it.each([
      ['macro-info-items', 'id'],
      ['product-service-info', 'id'],
      ['operations-policies', 'id'],
      ['partners', 'id'],
      ['operations-staff', 'staffId'],
    ])('%s: service (no operations:read) gets 403 everywhere; market reads but cannot write', async (path) => {
      const someId = randomUUID();
      for (const res of [
        await get(path, service),
        await get(`${path}/export`, service, { format: 'csv' }),
        await get(`${path}/${someId}`, service),
        await post(path, {}, service),
        await post(`${path}/bulk`, { items: [] }, service),
        await patch(`${path}/${someId}`, { version: 1 }, service),
        await del(`${path}/${someId}`, service),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await get(path, market).expect(200);
      expect((await post(path, {}, market)).status).toBe(403);
      expect((await patch(`${path}/${someId}`, { version: 1 }, market)).status).toBe(403);
      expect((await del(`${path}/${someId}`, market)).status).toBe(403);
      await api().get(`/api/v1/${path}`).expect(401);
    });

    it('the reports route needs operations:read too', async () => {
      await get(`operations-staff/${randomUUID()}/reports`, service).expect(403);
    });
  });

  describe('macro information items (宏觀信息)', () => {
    const item = (overrides: Json = {}): Json => ({
      category: 'economy',
      title: '广州数字经济三年行动计划',
      publishedAt: '2026-03-01T09:00:00+08:00',
      validFrom: '2026-03-01',
      validTo: '2099-12-31',
      scopeLevel: 'city',
      scopeCodes: ['440100'],
      content: '提出到 2028 年建成 5G 基站 8 万个。',
      businessRelevance: '政企专线与 5G 行业应用需求增长',
      tags: ['5G', '政企'],
      source: '广州市人民政府',
      ...overrides,
    });

    it('creates, reads, modifies with the version (409 when stale), deletes, and audits each change', async () => {
      const created = await post('macro-info-items', item()).expect(201);
      expect(created.body).toMatchObject({
        category: 'economy',
        publishedAt: '2026-03-01T01:00:00.000Z',
        validFrom: '2026-03-01',
        validTo: '2099-12-31',
        currentlyValid: true,
        scopeLevel: 'city',
        scopeCodes: ['440100'],
        tags: ['5G', '政企'],
        createdBy: 'operations',
        version: 1,
      });
      const id = created.body.id as string;
      expect((await get(`macro-info-items/${id}`, market).expect(200)).body).toEqual(created.body);

      const updated = await patch(`macro-info-items/${id}`, { validTo: '2021-12-31', validFrom: '2021-01-01', tags: ['5G'], version: 1 }).expect(200);
      expect(updated.body).toMatchObject({ validTo: '2021-12-31', currentlyValid: false, tags: ['5G'], version: 2 });
      const stale = await patch(`macro-info-items/${id}`, { title: '旧', version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'version' }] });
      expect((await get(`macro-info-items/${id}`).expect(200)).body.title).toBe(item().title);

      await del(`macro-info-items/${id}`).expect(204);
      expect((await get(`macro-info-items/${id}`).expect(404)).body.code).toBe('NOT_FOUND');
      await del(`macro-info-items/${id}`).expect(404);
      await patch(`macro-info-items/${id}`, { title: 'x', version: 2 }).expect(404);

      const audit = await auditOf('macro_info_item', id);
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
      const update = audit.find((a) => a.action === 'update')!;
      expect(update).toMatchObject({ actorUsername: 'operations', oldValues: { validTo: '2099-12-31', version: 1 }, newValues: { validTo: '2021-12-31', version: 2 } });
      expect(audit.find((a) => a.action === 'create')!.newValues).toMatchObject({ title: item().title, scopeCodes: ['440100'] });
    });

    it('filters by category, scope, tag, validity and publication date; sorts and paginates', async () => {
      const tag = marker('t');
      const current = (await post('macro-info-items', item({ tags: [tag], category: 'competition', title: `${tag} 竞对降价`, publishedAt: '2026-05-01T10:00:00+08:00', validFrom: '2026-01-01', validTo: null, scopeLevel: 'district', scopeCodes: ['440106'] })).expect(201)).body;
      const expired = (await post('macro-info-items', item({ tags: [tag], category: 'policy', title: `${tag} 旧政策`, publishedAt: '2020-01-01T00:00:00+08:00', validFrom: '2020-01-01', validTo: '2020-12-31', scopeLevel: 'national', scopeCodes: [] })).expect(201)).body;
      const future = (await post('macro-info-items', item({ tags: [tag], category: 'technology', title: `${tag} 未来技术`, publishedAt: '2026-01-15T10:00:00+08:00', validFrom: '2099-01-01', validTo: null, scopeLevel: 'province', scopeCodes: ['440000'] })).expect(201)).body;

      const all = await get('macro-info-items', market, { tag }).expect(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(ids(all)).toEqual([current.id, future.id, expired.id]); // newest published first by default
      expect(ids(await get('macro-info-items', market, { tag, sort: 'publishedAt' }).expect(200))).toEqual([expired.id, future.id, current.id]);
      expect(ids(await get('macro-info-items', market, { tag, sort: '-validFrom' }).expect(200))).toEqual([future.id, current.id, expired.id]);

      expect(ids(await get('macro-info-items', market, { tag, category: 'competition' }).expect(200))).toEqual([current.id]);
      expect(ids(await get('macro-info-items', market, { tag, category: ['competition', 'policy'], sort: 'title' }).expect(200)).sort()).toEqual([current.id, expired.id].sort());
      expect(ids(await get('macro-info-items', market, { tag, scopeLevel: 'national' }).expect(200))).toEqual([expired.id]);
      expect(ids(await get('macro-info-items', market, { tag, scopeCode: '440106' }).expect(200))).toEqual([current.id]);
      expect(ids(await get('macro-info-items', market, { tag, currentlyValid: 'true' }).expect(200))).toEqual([current.id]);
      expect(ids(await get('macro-info-items', market, { tag, currentlyValid: 'false', sort: 'validFrom' }).expect(200))).toEqual([expired.id, future.id]);
      expect(ids(await get('macro-info-items', market, { tag, validOn: '2020-06-30' }).expect(200))).toEqual([expired.id]);
      expect(ids(await get('macro-info-items', market, { tag, publishedFrom: '2026-01-01', publishedTo: '2026-01-31' }).expect(200))).toEqual([future.id]);
      expect(ids(await get('macro-info-items', market, { tag, q: '旧政' }).expect(200))).toEqual([expired.id]);

      const page2 = await get('macro-info-items', market, { tag, pageSize: 2, page: 2 }).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(ids(page2)).toEqual([expired.id]);
    });

    it('answers 400 naming the fields for bad enums, dates, scopes and unknown districts', async () => {
      const bad = await post('macro-info-items', item({ category: 'weather', scopeLevel: 'galaxy', publishedAt: '2026-03-01', validFrom: '2026-02-30', extra: 1 })).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(fields(bad)).toEqual(expect.arrayContaining(['category', 'scopeLevel', 'publishedAt', 'validFrom', 'extra']));
      expect(fields(await post('macro-info-items', item({ validFrom: '2026-05-01', validTo: '2026-04-30' })).expect(400))).toEqual(['validTo']);
      expect(fields(await post('macro-info-items', item({ scopeLevel: 'district', scopeCodes: ['449999'] })).expect(400))).toEqual(['scopeCodes']);
      expect(fields(await post('macro-info-items', item({ scopeLevel: 'national', scopeCodes: ['440100'] })).expect(400))).toEqual(['scopeCodes']);
      expect(fields(await post('macro-info-items', item({ scopeLevel: 'province', scopeCodes: ['440100'] })).expect(400))).toEqual(['scopeCodes']);
      expect(fields(await post('macro-info-items', item({ scopeCodes: ['44'] })).expect(400))).toEqual(['scopeCodes']);
      expect(fields(await get('macro-info-items', market, { category: 'weather' }).expect(400))).toEqual(['category']);
      expect(fields(await get('macro-info-items', market, { currentlyValid: 'maybe' }).expect(400))).toEqual(['currentlyValid']);
      expect(fields(await get('macro-info-items', market, { validOn: '2026-13-01' }).expect(400))).toEqual(['validOn']);
      expect(fields(await get('macro-info-items', market, { sort: 'content' }).expect(400))).toEqual(['sort']);
      expect(fields(await get('macro-info-items', market, { pageSize: 500 }).expect(400))).toEqual(['pageSize']);
      expect(fields(await get('macro-info-items/not-a-uuid', market).expect(400))).toEqual(['id']);
      const created = (await post('macro-info-items', item()).expect(201)).body;
      expect(fields(await patch(`macro-info-items/${created.id}`, { title: 'x' }).expect(400))).toEqual(['version']);
      expect(fields(await patch(`macro-info-items/${created.id}`, { title: null, version: 1 }).expect(400))).toEqual(['title']);
      expect(fields(await patch(`macro-info-items/${created.id}`, { validTo: '2020-01-01', version: 1 }).expect(400))).toEqual(['validTo']);
      expect((await get(`macro-info-items/${created.id}`).expect(200)).body.version).toBe(1);
    });

    it('imports a JSON array in bulk, all or nothing, naming the refused row', async () => {
      const tag = marker('b');
      const refused = await post('macro-info-items/bulk', { items: [item({ tags: [tag] }), item({ tags: [tag], scopeLevel: 'district', scopeCodes: ['449999'] })] }).expect(400);
      expect(fields(refused)).toEqual(['items.1.scopeCodes']);
      expect((await get('macro-info-items', market, { tag }).expect(200)).body.total).toBe(0);
      expect(fields(await post('macro-info-items/bulk', { items: [item(), item({ category: 'x' })] }).expect(400))).toEqual(['items.1.category']);
      expect(fields(await post('macro-info-items/bulk', { items: [] }).expect(400))).toEqual(['items']);

      const imported = await post('macro-info-items/bulk', { items: [item({ tags: [tag], title: `${tag} 一` }), item({ tags: [tag], title: `${tag} 二` })] }).expect(201);
      expect(imported.body.map((i: Json) => i.title)).toEqual([`${tag} 一`, `${tag} 二`]);
      expect((await get('macro-info-items', market, { tag }).expect(200)).body.total).toBe(2);
      for (const i of imported.body) expect((await auditOf('macro_info_item', i.id)).map((a) => a.action)).toEqual(['create']);
    });

    it('exports CSV, XLSX and printable HTML with the filters, and audits the export', async () => {
      const tag = marker('x');
      await post('macro-info-items', item({ tags: [tag], title: `${tag} 导出甲`, category: 'society' })).expect(201);
      await post('macro-info-items', item({ tags: [tag], title: `${tag} 导出乙`, category: 'industry' })).expect(201);
      const csv = await exportOf('macro-info-items', market, { format: 'csv', tag, category: 'society' });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('macro-information.csv');
      expect([...(csv.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csvLines(csv);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('類別 Category');
      expect(lines[1]).toContain(`${tag} 导出甲`);
      expect(lines[1]).toContain('社會 society');

      const xlsx = await exportOf('macro-info-items', operations, { format: 'xlsx', tag });
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
      const html = await get('macro-info-items/export', operations, { format: 'html', tag }).expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain('宏觀信息 Macro information');
      expect(html.text).toContain(`${tag} 导出乙`);
      expect(html.text).toContain('2 rows');
      expect(fields(await get('macro-info-items/export', operations, { format: 'pdf' }).expect(400))).toEqual(['format']);
      expect(fields(await get('macro-info-items/export', operations, { format: 'csv', category: 'weather' }).expect(400))).toEqual(['category']);

      const exports = (await auditOf('macro_info_item', undefined, { action: 'export' })).filter((a) => a.newValues.filters.tag === tag);
      expect(exports.map((a) => a.actorUsername).sort()).toEqual(['market', 'operations', 'operations']);
    });
  });

  describe('product and service information (產品與服務信息)', () => {
    const info = (overrides: Json = {}): Json => ({
      name: '天翼千兆融合套餐',
      kind: 'bundle',
      description: '宽带 + 手机 + IPTV',
      launchDate: '2026-01-01',
      retireDate: null,
      targetSegments: ['家庭'],
      sellingPoints: ['千兆光纤', '含 IPTV'],
      competitorEquivalents: [{ competitor: '中国移动', offer: '全家享 199', monthlyFeeFen: 19_900 }],
      ...overrides,
    });

    it('links a catalogue product that exists, and refuses (400 productCode) one that does not', async () => {
      const product = (await post('products', productInput({ name: '融合套餐 199' }), admin).expect(201)).body;
      const created = await post('product-service-info', info({ productCode: product.code })).expect(201);
      expect(created.body).toMatchObject({
        productCode: product.code,
        productName: '融合套餐 199',
        onSale: true,
        competitorEquivalents: [{ competitor: '中国移动', offer: '全家享 199', monthlyFeeFen: 19_900, note: null }],
        version: 1,
      });
      const unknown = await post('product-service-info', info({ productCode: 'NO-SUCH-PRODUCT' })).expect(400);
      expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'productCode' }] });
      expect(fields(await patch(`product-service-info/${created.body.id}`, { productCode: 'NO-SUCH-PRODUCT', version: 1 }).expect(400))).toEqual(['productCode']);
      const unlinked = await patch(`product-service-info/${created.body.id}`, { productCode: null, version: 1 }).expect(200);
      expect(unlinked.body).toMatchObject({ productCode: null, productName: null, version: 2 });
    });

    it('creates, filters, sorts, modifies (409 when stale), deletes and audits', async () => {
      const segment = marker('seg');
      const a = (await post('product-service-info', info({ name: `${segment} A`, kind: 'broadband', targetSegments: [segment], launchDate: '2025-01-01' })).expect(201)).body;
      const b = (await post('product-service-info', info({ name: `${segment} B`, kind: 'mobile', targetSegments: [segment], launchDate: '2020-01-01', retireDate: '2021-01-01', competitorEquivalents: [{ competitor: '中国联通', offer: '大王卡' }] })).expect(201)).body;
      const c = (await post('product-service-info', info({ name: `${segment} C`, kind: 'mobile', targetSegments: [segment], launchDate: '2099-01-01' })).expect(201)).body;

      expect(ids(await get('product-service-info', market, { targetSegment: segment }).expect(200))).toEqual([a.id, b.id, c.id]); // by name
      expect(ids(await get('product-service-info', market, { targetSegment: segment, sort: '-name' }).expect(200))).toEqual([c.id, b.id, a.id]);
      expect(ids(await get('product-service-info', market, { targetSegment: segment, sort: 'launchDate' }).expect(200))).toEqual([b.id, a.id, c.id]);
      expect(ids(await get('product-service-info', market, { targetSegment: segment, sort: '-launchDate' }).expect(200))).toEqual([c.id, a.id, b.id]);
      expect(ids(await get('product-service-info', market, { targetSegment: segment, kind: 'mobile', sort: 'launchDate' }).expect(200))).toEqual([b.id, c.id]);
      expect(ids(await get('product-service-info', market, { targetSegment: segment, onSale: 'true' }).expect(200))).toEqual([a.id]);
      expect(ids(await get('product-service-info', market, { targetSegment: segment, onSale: 'false', sort: 'launchDate' }).expect(200))).toEqual([b.id, c.id]);
      expect(ids(await get('product-service-info', market, { targetSegment: segment, competitor: '中国联通' }).expect(200))).toEqual([b.id]);
      expect(ids(await get('product-service-info', market, { q: `${segment} c` }).expect(200))).toEqual([c.id]);
      const paged = await get('product-service-info', market, { targetSegment: segment, sort: 'launchDate', pageSize: 1, page: 3 }).expect(200);
      expect(paged.body).toMatchObject({ total: 3, page: 3, pageSize: 1 });
      expect(ids(paged)).toEqual([c.id]);

      const updated = await patch(`product-service-info/${a.id}`, { retireDate: '2026-06-30', sellingPoints: ['千兆'], version: 1 }).expect(200);
      expect(updated.body).toMatchObject({ retireDate: '2026-06-30', onSale: false, sellingPoints: ['千兆'], version: 2 });
      await patch(`product-service-info/${a.id}`, { name: 'x', version: 1 }).expect(409);
      await del(`product-service-info/${a.id}`).expect(204);
      await get(`product-service-info/${a.id}`).expect(404);
      expect((await auditOf('product_service_info', a.id)).map((x) => x.action).sort()).toEqual(['create', 'delete', 'update']);
    });

    it('answers 400 naming bad enums, dates and nested competitor fields', async () => {
      const bad = await post('product-service-info', info({ kind: 'telegraph', launchDate: '2026/01/01', competitorEquivalents: [{ competitor: '', offer: 'x', monthlyFeeFen: -1 }] })).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['kind', 'launchDate', 'competitorEquivalents.0.competitor', 'competitorEquivalents.0.monthlyFeeFen']));
      expect(fields(await post('product-service-info', info({ launchDate: '2026-05-01', retireDate: '2026-04-01' })).expect(400))).toEqual(['retireDate']);
      expect(fields(await get('product-service-info', market, { kind: 'telegraph' }).expect(400))).toEqual(['kind']);
      expect(fields(await get('product-service-info', market, { onSale: 'yes' }).expect(400))).toEqual(['onSale']);
      await get(`product-service-info/${randomUUID()}`).expect(404);
    });

    it('imports in bulk and exports CSV, XLSX and HTML', async () => {
      const segment = marker('ps');
      const imported = await post('product-service-info/bulk', { items: [info({ name: `${segment} 一`, targetSegments: [segment] }), info({ name: `${segment} 二`, targetSegments: [segment], kind: 'iptv' })] }).expect(201);
      expect(imported.body).toHaveLength(2);
      expect(fields(await post('product-service-info/bulk', { items: [info(), info({ productCode: 'NO-SUCH' })] }).expect(400))).toEqual(['items.1.productCode']);
      const csv = await exportOf('product-service-info', market, { format: 'csv', targetSegment: segment, kind: 'iptv' });
      const lines = csvLines(csv);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('競品對標 Competitor equivalents');
      expect(lines[1]).toContain(`${segment} 二`);
      expect(lines[1]).toContain('中国移动: 全家享 199 (199.00 元/月)');
      expect((await exportOf('product-service-info', market, { format: 'xlsx', targetSegment: segment })).body.subarray(0, 2).toString('latin1')).toBe('PK');
      const html = await get('product-service-info/export', market, { format: 'html', targetSegment: segment }).expect(200);
      expect(html.text).toContain('產品與服務信息 Product and service information');
      expect(html.text).toContain('2 rows');
      expect((await auditOf('product_service_info', undefined, { action: 'export' })).filter((a) => a.newValues.filters.targetSegment === segment)).toHaveLength(3);
    });
  });

  describe('policies (政策)', () => {
    const policy = (overrides: Json = {}): Json => ({
      code: marker('GZ-').toUpperCase(),
      title: '关于规范渠道酬金结算的通知',
      kind: 'internal',
      issuer: '广州分公司市场部',
      level: 'city',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      status: 'in_force',
      content: '一、酬金按月结算……',
      attachments: [{ name: '实施细则.pdf', mediaType: 'application/pdf', sizeBytes: 204800 }],
      ...overrides,
    });

    it('creates, reads, modifies (409 when stale, 409 on a taken code), deletes and audits', async () => {
      const input = policy();
      const created = await post('operations-policies', input).expect(201);
      expect(created.body).toMatchObject({ code: input.code, status: 'in_force', currentlyEffective: true, attachments: [{ name: '实施细则.pdf', mediaType: 'application/pdf', sizeBytes: 204800, location: null }], version: 1 });
      const id = created.body.id;
      expect((await post('operations-policies', policy({ code: input.code })).expect(409)).body.message).toBe('A policy with this code already exists');

      const repealed = await patch(`operations-policies/${id}`, { status: 'repealed', version: 1 }).expect(200);
      expect(repealed.body).toMatchObject({ status: 'repealed', currentlyEffective: false, version: 2 });
      await patch(`operations-policies/${id}`, { status: 'draft', version: 1 }).expect(409);
      const other = (await post('operations-policies', policy()).expect(201)).body;
      expect((await patch(`operations-policies/${other.id}`, { code: input.code, version: 1 }).expect(409)).body.code).toBe('CONFLICT');

      await del(`operations-policies/${id}`).expect(204);
      await get(`operations-policies/${id}`).expect(404);
      const audit = await auditOf('operations_policy', id);
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
      expect(audit.find((a) => a.action === 'update')).toMatchObject({ oldValues: { status: 'in_force' }, newValues: { status: 'repealed' } });
    });

    it('filters by kind, level, status, issuer, effective date and "currently effective"; sorts and paginates', async () => {
      const issuer = marker('发文单位');
      const a = (await post('operations-policies', policy({ issuer, kind: 'regulatory', level: 'national', effectiveFrom: '2025-01-01' })).expect(201)).body;
      const b = (await post('operations-policies', policy({ issuer, status: 'draft', effectiveFrom: '2026-06-01' })).expect(201)).body;
      const c = (await post('operations-policies', policy({ issuer, level: 'provincial', effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31' })).expect(201)).body;

      expect(ids(await get('operations-policies', market, { issuer }).expect(200))).toEqual([b.id, a.id, c.id]);
      expect(ids(await get('operations-policies', market, { issuer, sort: 'effectiveFrom' }).expect(200))).toEqual([c.id, a.id, b.id]);
      expect(ids(await get('operations-policies', market, { issuer, kind: 'regulatory' }).expect(200))).toEqual([a.id]);
      expect(ids(await get('operations-policies', market, { issuer, level: 'provincial' }).expect(200))).toEqual([c.id]);
      expect(ids(await get('operations-policies', market, { issuer, status: 'draft' }).expect(200))).toEqual([b.id]);
      expect(ids(await get('operations-policies', market, { issuer, effectiveOn: '2020-06-01' }).expect(200))).toEqual([c.id]);
      expect(ids(await get('operations-policies', market, { issuer, currentlyEffective: 'true' }).expect(200))).toEqual([a.id]);
      expect(ids(await get('operations-policies', market, { issuer, currentlyEffective: 'false' }).expect(200))).toEqual([b.id, c.id]);
      expect(ids(await get('operations-policies', market, { issuer, q: a.code.toLowerCase() }).expect(200))).toEqual([a.id]);
      const page = await get('operations-policies', market, { issuer, pageSize: 2 }).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(ids(page)).toEqual([b.id, a.id]);
    });

    it('answers 400 naming bad enums, dates and attachments', async () => {
      const bad = await post('operations-policies', policy({ code: 'has space', kind: 'secret', level: 'planet', status: 'maybe', effectiveFrom: 'tomorrow', attachments: [{ name: 'x', mediaType: 'pdf', sizeBytes: -1 }] })).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['code', 'kind', 'level', 'status', 'effectiveFrom', 'attachments.0.mediaType', 'attachments.0.sizeBytes']));
      expect(fields(await post('operations-policies', policy({ effectiveFrom: '2026-05-01', effectiveTo: '2026-01-01' })).expect(400))).toEqual(['effectiveTo']);
      expect(fields(await get('operations-policies', market, { status: 'gone' }).expect(400))).toEqual(['status']);
      expect(fields(await get('operations-policies', market, { effectiveOn: '2026-02-30' }).expect(400))).toEqual(['effectiveOn']);
    });

    it('imports in bulk (409 names the row with a taken code) and exports CSV, XLSX and HTML', async () => {
      const issuer = marker('导入单位');
      const taken = policy({ issuer });
      await post('operations-policies/bulk', { items: [taken, policy({ issuer })] }).expect(201);
      const dup = await post('operations-policies/bulk', { items: [policy({ issuer }), policy({ issuer, code: taken.code })] }).expect(409);
      expect(fields(dup)).toEqual(['items.1']);
      expect((await get('operations-policies', market, { issuer }).expect(200)).body.total).toBe(2);

      const csv = await exportOf('operations-policies', market, { format: 'csv', issuer, sort: 'code' });
      const lines = csvLines(csv);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('編號 Code');
      expect(lines.join('\n')).toContain(taken.code);
      expect(lines[1]).toContain('生效 in_force');
      expect((await exportOf('operations-policies', market, { format: 'xlsx', issuer })).body.subarray(0, 2).toString('latin1')).toBe('PK');
      expect((await get('operations-policies/export', market, { format: 'html', issuer }).expect(200)).text).toContain('2 rows');
    });
  });

  describe('partners (合作夥伴)', () => {
    const partner = (overrides: Json = {}): Json => ({
      name: marker('广州恒信通信-'),
      type: 'agent',
      contactPerson: '王经理',
      contactPhone: mobileNumber(),
      cooperationScope: '天河区宽带代理销售',
      contractFrom: '2025-01-01',
      contractTo: '2099-12-31',
      status: 'active',
      ...overrides,
    });

    it('masks contact phones for roles without personal data, answers them to sales, audits unmasked reads, never logs a phone in clear', async () => {
      const input = partner();
      const phone = input.contactPhone as string;
      const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
      const created = await post('partners', input).expect(201);
      expect(created.body).toMatchObject({ contactPhone: masked, personalDataMasked: true, version: 1 });
      const id = created.body.id;

      expect((await get(`partners/${id}`, market).expect(200)).body).toMatchObject({ contactPhone: masked, personalDataMasked: true });
      const list = await get('partners', market, { q: input.name }).expect(200);
      expect(list.body.items[0].contactPhone).toBe(masked);
      expect(JSON.stringify(list.body)).not.toContain(phone);
      expect((await get(`partners/${id}`, sales).expect(200)).body).toMatchObject({ contactPhone: phone, personalDataMasked: false });
      expect((await get('partners', sales, { q: input.name }).expect(200)).body.items[0].contactPhone).toBe(phone);
      expect(ids(await get('partners', market, { q: phone }).expect(200))).toEqual([]); // no search by phone

      const maskedCsv = await exportOf('partners', market, { format: 'csv', q: input.name });
      expect((maskedCsv.body as Buffer).toString('utf8')).toContain(masked);
      expect((maskedCsv.body as Buffer).toString('utf8')).not.toContain(phone);
      const clearCsv = await exportOf('partners', sales, { format: 'csv', q: input.name });
      expect((clearCsv.body as Buffer).toString('utf8')).toContain(phone);

      const audit = await auditOf('business_partner', id);
      expect(audit.find((a) => a.action === 'create')!.newValues.contactPhone).toBe(masked);
      expect(audit.filter((a) => a.action === 'read-personal-data').map((a) => a.actorUsername)).toEqual(['sales']);
      const reads = await auditOf('business_partner', undefined, { action: 'read-personal-data', actor: 'sales' });
      expect(reads.some((a) => (a.newValues?.ids ?? []).includes(id))).toBe(true);
      const exports = (await auditOf('business_partner', undefined, { action: 'export' })).filter((a) => a.newValues.filters.q === input.name);
      expect(exports.map((a) => [a.actorUsername, a.newValues.personalData]).sort()).toEqual([
        ['market', false],
        ['sales', true],
      ]);
      expect(JSON.stringify(await auditOf('business_partner'))).not.toContain(phone);
    });

    it('creates, filters, sorts, modifies (409 when stale or on a taken name), deletes and audits', async () => {
      const scope = marker('scope');
      const a = (await post('partners', partner({ name: `${scope}-A`, cooperationScope: scope, type: 'content_provider', contractTo: '2026-12-31' })).expect(201)).body;
      const b = (await post('partners', partner({ name: `${scope}-B`, cooperationScope: scope, type: 'agent', status: 'suspended', contractFrom: '2020-01-01', contractTo: '2020-12-31' })).expect(201)).body;
      const c = (await post('partners', partner({ name: `${scope}-C`, cooperationScope: scope, type: 'equipment_vendor', contractFrom: null, contractTo: null, contactPhone: null })).expect(201)).body;
      expect(c.contactPhone).toBeNull();

      const q = { q: scope };
      expect(ids(await get('partners', market, q).expect(200))).toEqual([a.id, b.id, c.id]);
      expect(ids(await get('partners', market, { ...q, sort: '-name' }).expect(200))).toEqual([c.id, b.id, a.id]);
      expect(ids(await get('partners', market, { ...q, sort: 'contractTo' }).expect(200))).toEqual([b.id, a.id, c.id]);
      expect(ids(await get('partners', market, { ...q, type: 'agent' }).expect(200))).toEqual([b.id]);
      expect(ids(await get('partners', market, { ...q, status: 'suspended' }).expect(200))).toEqual([b.id]);
      expect(ids(await get('partners', market, { ...q, underContract: 'true' }).expect(200))).toEqual([a.id]);
      expect(ids(await get('partners', market, { ...q, underContract: 'false' }).expect(200))).toEqual([b.id, c.id]);
      expect(ids(await get('partners', market, { ...q, contractEndsBy: '2026-12-31' }).expect(200))).toEqual([a.id, b.id]);
      const page = await get('partners', market, { ...q, pageSize: 2, page: 2 }).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(ids(page)).toEqual([c.id]);

      const updated = await patch(`partners/${b.id}`, { status: 'terminated', version: 1 }).expect(200);
      expect(updated.body).toMatchObject({ status: 'terminated', version: 2 });
      await patch(`partners/${b.id}`, { status: 'active', version: 1 }).expect(409);
      expect((await post('partners', partner({ name: a.name })).expect(409)).body.message).toBe('A partner with this name already exists');
      await patch(`partners/${c.id}`, { name: a.name, version: 1 }).expect(409);
      await del(`partners/${b.id}`).expect(204);
      await get(`partners/${b.id}`).expect(404);
      expect((await auditOf('business_partner', b.id)).map((x) => x.action).sort()).toEqual(['create', 'delete', 'update']);
    });

    it('answers 400 naming bad types, statuses, phones and dates; bulk import names the row', async () => {
      const bad = await post('partners', partner({ type: 'friend', status: 'sleeping', contactPhone: '12345', contractFrom: '2026-1-1' })).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['type', 'status', 'contactPhone', 'contractFrom']));
      expect(fields(await post('partners', partner({ contractFrom: '2026-05-01', contractTo: '2026-04-01' })).expect(400))).toEqual(['contractTo']);
      expect(fields(await get('partners', market, { type: 'friend' }).expect(400))).toEqual(['type']);
      expect(fields(await get('partners', market, { underContract: 'perhaps' }).expect(400))).toEqual(['underContract']);
      expect(fields(await get('partners', market, { sort: 'contactPhone' }).expect(400))).toEqual(['sort']);
      expect(fields(await post('partners/bulk', { items: [partner(), partner({ contactPhone: 'abc' })] }).expect(400))).toEqual(['items.1.contactPhone']);
      const scope = marker('bulk');
      const imported = await post('partners/bulk', { items: [partner({ cooperationScope: scope }), partner({ cooperationScope: scope })] }).expect(201);
      expect(imported.body.every((p: Json) => p.personalDataMasked)).toBe(true);
      expect((await get('partners', market, { q: scope }).expect(200)).body.total).toBe(0); // q matches name and contact person only
      expect((await exportOf('partners', operations, { format: 'xlsx' })).body.subarray(0, 2).toString('latin1')).toBe('PK');
      const html = await get('partners/export', operations, { format: 'html', q: imported.body[0].name }).expect(200);
      expect(html.text).toContain('合作夥伴 Partners');
      expect(html.text).toContain('1 rows');
    });
  });

  describe('operations staff and managers (經營人員)', () => {
    let departmentCode: string;
    const newStaff = async (overrides: Json = {}): Promise<Json> => (await post('staff', staffInput({ departmentCode, ...overrides }), admin).expect(201)).body;

    beforeAll(async () => {
      departmentCode = (await post('service-departments', serviceDepartmentInput({ name: '经营分析部' }), admin).expect(201)).body.code;
    });

    it('gives base-config staff an operations profile, lists by manager (direct and the whole line), modifies, deletes and audits', async () => {
      const boss = await newStaff({ name: '经营总监' });
      const lead = await newStaff({ name: '天河经营经理' });
      const analyst = await newStaff({ name: '天河经营专员' });
      const other = await newStaff({ name: '越秀经营专员' });

      const bossProfile = await post('operations-staff', { staffId: boss.id, role: 'manager', responsibilities: '全市经营分析' }).expect(201);
      expect(bossProfile.body).toMatchObject({ staffId: boss.id, employeeNo: boss.employeeNo, name: '经营总监', departmentCode, role: 'manager', districtCode: null, managerStaffId: null, managerName: null, active: true, version: 1 });
      await post('operations-staff', { staffId: lead.id, role: 'manager', districtCode: '440106', managerStaffId: boss.id }).expect(201);
      const analystProfile = await post('operations-staff', { staffId: analyst.id, role: 'staff', districtCode: '440106', managerStaffId: lead.id, responsibilities: '政企市场分析' }).expect(201);
      expect(analystProfile.body).toMatchObject({ districtCode: '440106', districtName: '天河区', managerStaffId: lead.id, managerName: '天河经营经理' });
      await post('operations-staff', { staffId: other.id, role: 'staff', districtCode: '440104', managerStaffId: boss.id }).expect(201);

      const direct = await get(`operations-staff/${boss.id}/reports`, market, { sort: 'name' }).expect(200);
      expect(direct.body.items.map((p: Json) => p.staffId).sort()).toEqual([lead.id, other.id].sort());
      const line = await get(`operations-staff/${boss.id}/reports`, market, { indirect: 'true' }).expect(200);
      expect(line.body.total).toBe(3);
      expect(line.body.items.map((p: Json) => p.staffId).sort()).toEqual([lead.id, analyst.id, other.id].sort());
      expect(ids(await get(`operations-staff/${boss.id}/reports`, market, { indirect: 'true', role: 'staff', districtCode: '440106' }).expect(200))).toEqual([analyst.id]);
      expect(ids(await get(`operations-staff/${lead.id}/reports`, market).expect(200))).toEqual([analyst.id]);
      expect(ids(await get('operations-staff', market, { managerStaffId: boss.id, role: 'manager' }).expect(200))).toEqual([lead.id]);
      expect(ids(await get('operations-staff', market, { departmentCode, districtCode: '440104' }).expect(200))).toEqual([other.id]);
      expect(ids(await get('operations-staff', market, { departmentCode, q: '经营总监' }).expect(200))).toEqual([boss.id]);
      expect(ids(await get('operations-staff', market, { departmentCode, sort: 'role' }).expect(200)).slice(0, 2).sort()).toEqual([boss.id, lead.id].sort());
      const byNo = await get('operations-staff', market, { departmentCode, sort: '-employeeNo', pageSize: 3 }).expect(200);
      expect(byNo.body).toMatchObject({ total: 4, pageSize: 3 });
      const numbers = byNo.body.items.map((p: Json) => p.employeeNo);
      expect(numbers).toEqual([...numbers].sort().reverse());
      await patch(`staff/${other.id}`, { active: false, version: 1 }, admin).expect(200);
      expect(ids(await get('operations-staff', market, { departmentCode, active: 'false' }).expect(200))).toEqual([other.id]);
      await get(`operations-staff/${randomUUID()}/reports`, market).expect(404);
      expect(fields(await get('operations-staff/nope/reports', market).expect(400))).toEqual(['staffId']);

      // the reporting line stays consistent
      expect(fields(await patch(`operations-staff/${boss.id}`, { managerStaffId: analyst.id, version: 1 }).expect(400))).toEqual(['managerStaffId']);
      expect(fields(await patch(`operations-staff/${boss.id}`, { managerStaffId: lead.id, version: 1 }).expect(400))).toEqual(['managerStaffId']); // a cycle
      expect((await patch(`operations-staff/${lead.id}`, { role: 'staff', version: 1 }).expect(409)).body.details).toEqual([{ field: 'role', problem: 'still manages 1 staff' }]);
      expect((await del(`operations-staff/${lead.id}`).expect(409)).body.code).toBe('CONFLICT');
      expect((await del(`staff/${analyst.id}`, admin).expect(409)).body.message).toContain('operations_staff_profile');

      const moved = await patch(`operations-staff/${analyst.id}`, { managerStaffId: boss.id, districtCode: null, version: 1 }).expect(200);
      expect(moved.body).toMatchObject({ managerStaffId: boss.id, managerName: '经营总监', districtCode: null, version: 2 });
      await patch(`operations-staff/${analyst.id}`, { responsibilities: 'x', version: 1 }).expect(409);
      await del(`operations-staff/${lead.id}`).expect(204);
      await get(`operations-staff/${lead.id}`).expect(404);
      await get(`staff/${lead.id}`, admin).expect(200); // the staff member stays

      const audit = await auditOf('operations_staff_profile', analyst.id);
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);
      expect(audit.find((a) => a.action === 'update')).toMatchObject({ oldValues: { managerStaffId: lead.id, districtCode: '440106' }, newValues: { managerStaffId: boss.id, districtCode: null } });
      expect((await auditOf('operations_staff_profile', lead.id)).map((a) => a.action).sort()).toEqual(['create', 'delete']);
    });

    it('answers 400 naming unknown or inactive staff, a manager without a manager profile, bad roles and districts; 409 for a second profile', async () => {
      const s = await newStaff();
      const plain = await newStaff();
      await post('operations-staff', { staffId: plain.id, role: 'staff' }).expect(201);
      expect((await post('operations-staff', { staffId: plain.id, role: 'manager' }).expect(409)).body.code).toBe('CONFLICT');

      expect(fields(await post('operations-staff', { staffId: randomUUID(), role: 'staff' }).expect(400))).toEqual(['staffId']);
      expect(fields(await post('operations-staff', { staffId: s.id, role: 'staff', managerStaffId: randomUUID() }).expect(400))).toEqual(['managerStaffId']);
      expect(fields(await post('operations-staff', { staffId: s.id, role: 'staff', managerStaffId: plain.id }).expect(400))).toEqual(['managerStaffId']);
      expect(fields(await post('operations-staff', { staffId: s.id, role: 'staff', managerStaffId: s.id }).expect(400))).toEqual(['managerStaffId']);
      expect(fields(await post('operations-staff', { staffId: s.id, role: 'staff', districtCode: '449999' }).expect(400))).toEqual(['districtCode']);
      const bad = await post('operations-staff', { staffId: 'abc', role: 'boss', districtCode: '44', managerStaffId: 'x' }).expect(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['staffId', 'role', 'districtCode', 'managerStaffId']));
      expect(fields(await patch(`operations-staff/${plain.id}`, { staffId: s.id, version: 1 }).expect(400))).toEqual(['staffId']);
      const gone = await newStaff({ active: false });
      expect(fields(await post('operations-staff', { staffId: gone.id, role: 'staff' }).expect(400))).toEqual(['staffId']);
      expect(fields(await get('operations-staff', market, { role: 'boss' }).expect(400))).toEqual(['role']);
      expect(fields(await get('operations-staff', market, { managerStaffId: 'x' }).expect(400))).toEqual(['managerStaffId']);
      expect(fields(await get(`operations-staff/${plain.id}/reports`, market, { indirect: 'sometimes' }).expect(400))).toEqual(['indirect']);
      expect((await get('operations-staff', market, { role: 'manager', pageSize: 200 }).expect(200)).body.items.some((p: Json) => p.staffId === s.id)).toBe(false);
    });

    it('imports profiles in bulk and exports CSV, XLSX and HTML', async () => {
      const m = await newStaff({ name: '导入经理' });
      const x = await newStaff({ name: '导入专员' });
      await post('operations-staff', { staffId: m.id, role: 'manager' }).expect(201);
      expect(fields(await post('operations-staff/bulk', { items: [{ staffId: x.id, role: 'staff' }, { staffId: randomUUID(), role: 'staff' }] }).expect(400))).toEqual(['items.1.staffId']);
      await get(`operations-staff/${x.id}`).expect(404);
      const imported = await post('operations-staff/bulk', { items: [{ staffId: x.id, role: 'staff', managerStaffId: m.id, districtCode: '440105' }] }).expect(201);
      expect(imported.body[0]).toMatchObject({ staffId: x.id, managerName: '导入经理', districtName: '海珠区' });

      const csv = await exportOf('operations-staff', market, { format: 'csv', managerStaffId: m.id });
      const lines = csvLines(csv);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('工號 Employee no.');
      expect(lines[1]).toContain('导入专员');
      expect(lines[1]).toContain('导入经理');
      expect(lines[1]).toContain('海珠区');
      expect((await exportOf('operations-staff', market, { format: 'xlsx' })).body.subarray(0, 2).toString('latin1')).toBe('PK');
      const html = await get('operations-staff/export', market, { format: 'html', role: 'manager', q: '导入经理' }).expect(200);
      expect(html.text).toContain('經營人員 Operations staff');
      expect(html.text).toContain('1 rows');
      expect((await auditOf('operations_staff_profile', undefined, { action: 'export', actor: 'market' })).length).toBeGreaterThanOrEqual(3);
    });
  });
});
