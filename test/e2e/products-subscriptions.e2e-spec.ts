import ExcelJS from 'exceljs';
import request from 'supertest';
import { customerInput, pricePlanInput, productInput, RunningNode, serviceNumber, subscriptionInput, tokenFor, uniqueProductCode } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

type Body = Record<string, any>;

/** supertest parser keeping a binary body as a Buffer. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const masked = (n: string): string => `${n.slice(0, 3)}${'*'.repeat(n.length - 7)}${n.slice(-4)}`;

describe('City products and subscriptions API (/api/v1/products, /api/v1/subscriptions)', () => {
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
  const get = (path: string, token = admin) => api().get(path).auth(token, { type: 'bearer' });
  const post = (path: string, body: object, token = admin) => api().post(path).auth(token, { type: 'bearer' }).send(body);
  const patch = (path: string, body: object, token = admin) => api().patch(path).auth(token, { type: 'bearer' }).send(body);
  const del = (path: string, token = admin) => api().delete(path).auth(token, { type: 'bearer' });
  const auditOf = async (entityType: string, entityId: string): Promise<Body[]> =>
    (await get(`/api/v1/audit-log?entityType=${entityType}&entityId=${entityId}&pageSize=50`).expect(200)).body.items;

  const newCustomer = async (overrides: Record<string, unknown> = {}): Promise<Body> => (await post('/api/v1/customers', customerInput(overrides)).expect(201)).body;
  const newProduct = async (overrides: Record<string, unknown> = {}): Promise<Body> => (await post('/api/v1/products', productInput(overrides)).expect(201)).body;
  const newPlan = async (productCode: string, overrides: Record<string, unknown> = {}): Promise<Body> =>
    (await post(`/api/v1/products/${productCode}/price-plans`, pricePlanInput(overrides)).expect(201)).body;

  describe('products (產品目錄) and price plans (資費套餐)', () => {
    it('creates, reads, updates and deletes a product and its price plans, auditing each change', async () => {
      const code = uniqueProductCode('T-MOB');
      const created = await post('/api/v1/products', { code, name: '天翼5G測試套餐', category: 'mobile', monthlyFeeFen: 12_900, description: '測試' }, sales).expect(201);
      expect(created.body).toMatchObject({ code, name: '天翼5G測試套餐', category: 'mobile', active: true, monthlyFeeFen: 12_900, description: '測試', components: [], pricePlans: [], version: 1 });

      const plan = await post(`/api/v1/products/${code}/price-plans`, { code: `${code}-A`, name: '129元檔', monthlyFeeFen: 12_900, includedVoiceMinutes: 500, includedDataMb: 30_720, validFrom: '2020-01-01' }).expect(201);
      expect(plan.body).toMatchObject({ code: `${code}-A`, productCode: code, monthlyFeeFen: 12_900, includedVoiceMinutes: 500, includedDataMb: 30_720, validFrom: '2020-01-01', validTo: null, version: 1 });
      await newPlan(code, { code: `${code}-B`, validFrom: '2030-01-01', validTo: '2030-12-31' });

      const read = await get(`/api/v1/products/${code}`, market).expect(200);
      expect(read.body.pricePlans.map((p: Body) => p.code)).toEqual([`${code}-A`, `${code}-B`]);
      expect((await get(`/api/v1/products/${code}/price-plans/${code}-A`, market).expect(200)).body.name).toBe('129元檔');
      const plans = await get(`/api/v1/products/${code}/price-plans?validOn=2026-06-01`, market).expect(200);
      expect(plans.body).toMatchObject({ total: 1, page: 1, items: [{ code: `${code}-A` }] });
      expect((await get(`/api/v1/products/${code}/price-plans`, market).expect(200)).body.total).toBe(2);

      const updatedPlan = await patch(`/api/v1/products/${code}/price-plans/${code}-A`, { version: 1, monthlyFeeFen: 9_900, validTo: '2029-12-31' }).expect(200);
      expect(updatedPlan.body).toMatchObject({ monthlyFeeFen: 9_900, validTo: '2029-12-31', version: 2 });
      const stalePlan = await patch(`/api/v1/products/${code}/price-plans/${code}-A`, { version: 1, monthlyFeeFen: 1 }).expect(409);
      expect(stalePlan.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'version' }] });

      const updated = await patch(`/api/v1/products/${code}`, { version: 1, name: '天翼5G測試套餐（停售）', active: false }, sales).expect(200);
      expect(updated.body).toMatchObject({ name: '天翼5G測試套餐（停售）', active: false, version: 2, category: 'mobile' });
      const stale = await patch(`/api/v1/products/${code}`, { version: 1, name: 'x' }).expect(409);
      expect(stale.body.code).toBe('CONFLICT');
      expect((await get(`/api/v1/products/${code}`).expect(200)).body.name).toBe('天翼5G測試套餐（停售）');

      await del(`/api/v1/products/${code}/price-plans/${code}-B`).expect(204);
      await get(`/api/v1/products/${code}/price-plans/${code}-B`).expect(404);
      await del(`/api/v1/products/${code}`).expect(204);
      expect((await get(`/api/v1/products/${code}`).expect(404)).body.code).toBe('NOT_FOUND');
      await get(`/api/v1/products/${code}/price-plans/${code}-A`).expect(404);
      await del(`/api/v1/products/${code}`).expect(404);

      const productAudit = await auditOf('product', code);
      expect(productAudit.map((a) => a.action)).toEqual(['delete', 'update', 'create']);
      expect(productAudit[2]).toMatchObject({ actorUsername: 'sales', newValues: { code, category: 'mobile', monthlyFeeFen: 12_900 } });
      expect(productAudit[1]).toMatchObject({ actorUsername: 'sales', oldValues: { active: true, name: '天翼5G測試套餐' }, newValues: { active: false, name: '天翼5G測試套餐（停售）' } });
      expect(productAudit[0].oldValues.pricePlanCodes).toEqual([`${code}-A`]);
      const planAudit = await auditOf('price_plan', `${code}-A`);
      expect(planAudit.map((a) => a.action)).toEqual(['update', 'create']);
      expect(planAudit[0]).toMatchObject({ oldValues: { monthlyFeeFen: 12_900, validTo: null }, newValues: { monthlyFeeFen: 9_900, validTo: '2029-12-31' } });
    });

    it('keeps bundles (融合套餐) to existing, non-bundle components', async () => {
      const mobile = await newProduct({ category: 'mobile' });
      const broadband = await newProduct({ category: 'broadband', name: '千兆寬帶' });
      const bundleCode = uniqueProductCode('T-E9');
      const bundle = await post('/api/v1/products', productInput({ code: bundleCode, category: 'bundle', componentCodes: [broadband.code, mobile.code] })).expect(201);
      expect(bundle.body.components).toEqual([
        { code: [broadband.code, mobile.code].sort()[0], name: expect.any(String), category: expect.any(String) },
        { code: [broadband.code, mobile.code].sort()[1], name: expect.any(String), category: expect.any(String) },
      ]);
      expect(bundle.body.components.map((c: Body) => c.category).sort()).toEqual(['broadband', 'mobile']);

      const notBundle = await post('/api/v1/products', productInput({ category: 'mobile', componentCodes: [broadband.code] })).expect(400);
      expect(notBundle.body.details[0].field).toBe('componentCodes');
      const unknown = await post('/api/v1/products', productInput({ category: 'bundle', componentCodes: ['NO-SUCH'] })).expect(400);
      expect(unknown.body.details[0]).toMatchObject({ field: 'componentCodes', problem: expect.stringContaining('NO-SUCH') });
      const nested = await post('/api/v1/products', productInput({ category: 'bundle', componentCodes: [bundleCode] })).expect(400);
      expect(nested.body.details[0].field).toBe('componentCodes');

      const inUse = await del(`/api/v1/products/${mobile.code}`).expect(409);
      expect(inUse.body.message).toContain(bundleCode);
      const changed = await patch(`/api/v1/products/${bundleCode}`, { version: 1, componentCodes: [broadband.code] }).expect(200);
      expect(changed.body).toMatchObject({ version: 2, components: [{ code: broadband.code }] });
      await del(`/api/v1/products/${mobile.code}`).expect(204);
      await del(`/api/v1/products/${bundleCode}`).expect(204);
      await del(`/api/v1/products/${broadband.code}`).expect(204);
    });

    it('lists with filters (category, active, name prefix), pagination and sorting', async () => {
      const tag = uniqueProductCode('篩選').replace(/-/g, '');
      for (const [i, category, active] of [[0, 'iptv', true], [1, 'iptv', false], [2, 'iptv', true], [3, 'leased_line', true]] as const) {
        await newProduct({ name: `${tag}產品${i}`, category, active, monthlyFeeFen: 1000 * (4 - i) });
      }
      const page1 = await get(`/api/v1/products?namePrefix=${encodeURIComponent(tag)}&category=iptv&active=true&sort=name&pageSize=1`, market).expect(200);
      expect(page1.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(page1.body.items.map((p: Body) => p.name)).toEqual([`${tag}產品0`]);
      const page2 = await get(`/api/v1/products?namePrefix=${encodeURIComponent(tag)}&category=iptv&active=true&sort=name&pageSize=1&page=2`, market).expect(200);
      expect(page2.body.items.map((p: Body) => p.name)).toEqual([`${tag}產品2`]);
      const inactive = await get(`/api/v1/products?namePrefix=${encodeURIComponent(tag)}&active=false`, market).expect(200);
      expect(inactive.body.items.map((p: Body) => p.name)).toEqual([`${tag}產品1`]);
      const byFee = await get(`/api/v1/products?namePrefix=${encodeURIComponent(tag)}&sort=monthlyFeeFen`, market).expect(200);
      expect(byFee.body.items.map((p: Body) => p.name)).toEqual([3, 2, 1, 0].map((i) => `${tag}產品${i}`));
      await get('/api/v1/products?active=maybe').expect(400);
      await get('/api/v1/products?category=satellite').expect(400);
    });

    it('answers 400 with field details, 404 for unknown codes and 409 for duplicate codes', async () => {
      const bad = await post('/api/v1/products', { code: 'lower case', name: '', category: 'satellite', monthlyFeeFen: -1, extra: 1 }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.map((d: Body) => d.field)).toEqual(expect.arrayContaining(['code', 'name', 'category', 'monthlyFeeFen', 'extra']));
      const product = await newProduct();
      const dup = await post('/api/v1/products', productInput({ code: product.code })).expect(409);
      expect(dup.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'code' }] });
      const categoryChange = await patch(`/api/v1/products/${product.code}`, { version: 1, category: 'iptv' }).expect(400);
      expect(categoryChange.body.details[0].field).toBe('category');
      const noVersion = await patch(`/api/v1/products/${product.code}`, { name: 'x' }).expect(400);
      expect(noVersion.body.details[0].field).toBe('version');
      const nulls = await patch(`/api/v1/products/${product.code}`, { version: 1, name: null, monthlyFeeFen: null }).expect(400);
      expect(nulls.body.details.map((d: Body) => d.field)).toEqual(['name', 'monthlyFeeFen']);
      expect((await post('/api/v1/products', productInput({ active: null })).expect(400)).body.details[0].field).toBe('active');

      const planBad = await post(`/api/v1/products/${product.code}/price-plans`, { code: 'X', name: 'x', monthlyFeeFen: 1.5, validFrom: '2026-02-30x' }).expect(400);
      expect(planBad.body.details.map((d: Body) => d.field)).toEqual(expect.arrayContaining(['monthlyFeeFen', 'validFrom']));
      const range = await post(`/api/v1/products/${product.code}/price-plans`, pricePlanInput({ validFrom: '2026-06-01', validTo: '2026-05-31' })).expect(400);
      expect(range.body.details[0].field).toBe('validTo');
      const plan = await newPlan(product.code);
      expect((await patch(`/api/v1/products/${product.code}/price-plans/${plan.code}`, { version: 1, name: null }).expect(400)).body.details[0].field).toBe('name');
      const endless = await patch(`/api/v1/products/${product.code}/price-plans/${plan.code}`, { version: 1, validTo: '2030-01-01' }).expect(200);
      expect((await patch(`/api/v1/products/${product.code}/price-plans/${plan.code}`, { version: endless.body.version, validTo: null }).expect(200)).body.validTo).toBeNull();
      const other = await newProduct();
      const dupPlan = await post(`/api/v1/products/${other.code}/price-plans`, pricePlanInput({ code: plan.code })).expect(409);
      expect(dupPlan.body.details[0].field).toBe('code');

      expect((await get('/api/v1/products/lower-case').expect(400)).body.details[0].field).toBe('code');
      await get('/api/v1/products/NO-SUCH-PRODUCT').expect(404);
      await patch('/api/v1/products/NO-SUCH-PRODUCT', { version: 1, name: 'x' }).expect(404);
      await post('/api/v1/products/NO-SUCH-PRODUCT/price-plans', pricePlanInput()).expect(404);
      await get('/api/v1/products/NO-SUCH-PRODUCT/price-plans').expect(404);
      await get(`/api/v1/products/${other.code}/price-plans/${plan.code}`).expect(404); // a plan of another product
      await patch(`/api/v1/products/${other.code}/price-plans/${plan.code}`, { version: 1, name: 'x' }).expect(404);
      await del(`/api/v1/products/${other.code}/price-plans/${plan.code}`).expect(404);
    });

    it('refuses to delete a subscribed product or a plan in use (409)', async () => {
      const customer = await newCustomer();
      const product = await newProduct();
      const plan = await newPlan(product.code);
      await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { pricePlanCode: plan.code })).expect(201);
      const productInUse = await del(`/api/v1/products/${product.code}`).expect(409);
      expect(productInUse.body.message).toMatch(/subscription/);
      const planInUse = await del(`/api/v1/products/${product.code}/price-plans/${plan.code}`).expect(409);
      expect(planInUse.body.code).toBe('CONFLICT');
      await get(`/api/v1/products/${product.code}/price-plans/${plan.code}`).expect(200);
    });

    it('exports the catalogue as CSV, XLSX and printable HTML with the list filters', async () => {
      const tag = uniqueProductCode('導出').replace(/-/g, '');
      const bb = await newProduct({ name: `${tag}寬帶`, category: 'broadband', monthlyFeeFen: 15_900 });
      await newPlan(bb.code, { code: `${bb.code}-P`, name: '寬帶資費', monthlyFeeFen: 9_900 });
      await newProduct({ name: `${tag}手機`, category: 'mobile' });

      const csv = await get(`/api/v1/products/export?format=csv&namePrefix=${encodeURIComponent(tag)}&category=broadband`, market).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('products.csv');
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines[0]).toContain('產品編碼 Code');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(bb.code);
      expect(lines[1]).toContain(`${bb.code}-P 寬帶資費 9900`);

      const xlsx = await get(`/api/v1/products/export?format=xlsx&namePrefix=${encodeURIComponent(tag)}`, market).buffer(true).parse(binary).expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body);
      const sheet = book.worksheets[0];
      expect(sheet.rowCount).toBe(3);
      expect(sheet.getRow(1).getCell(1).value).toBe('產品編碼 Code');

      const html = await get(`/api/v1/products/export?format=html&namePrefix=${encodeURIComponent(tag)}`, market).expect(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain('產品目錄 Products');
      expect(html.text).toContain(`${tag}手機`);
      expect(html.text).toContain('2 rows');
      expect((await get('/api/v1/products/export?format=pdf').expect(400)).body.details[0].field).toBe('format');
    });
  });

  describe('subscriptions (訂購)', () => {
    let product: Body;
    let plan: Body;

    beforeAll(async () => {
      product = await newProduct({ category: 'broadband', name: '千兆寬帶測試' });
      plan = await newPlan(product.code);
    });

    it('creates, reads, suspends, resumes and terminates a subscription, auditing each change with the number masked', async () => {
      const customer = await newCustomer({ name: '陳訂購' });
      const number = serviceNumber();
      const externalId = `EXT-${uniqueProductCode('S')}`;
      const created = await post(
        '/api/v1/subscriptions',
        { customerId: customer.id, productCode: product.code, pricePlanCode: plan.code, serviceNumber: number, circuitId: 'GZ-OLT-01/2/3', externalId, startedAt: '2026-01-10' },
        sales,
      ).expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        customerId: customer.id, customerName: '陳訂購', productCode: product.code, productName: '千兆寬帶測試', category: 'broadband', pricePlanCode: plan.code,
        serviceNumber: number, circuitId: 'GZ-OLT-01/2/3', externalId, status: 'active', startedAt: '2026-01-09T16:00:00.000Z', endedAt: null, personalDataMasked: false, version: 1,
      });

      const forMarket = await get(`/api/v1/subscriptions/${id}`, market).expect(200);
      expect(forMarket.body).toMatchObject({ serviceNumber: masked(number), personalDataMasked: true });
      expect(JSON.stringify(forMarket.body)).not.toContain(number);
      expect((await get(`/api/v1/subscriptions/${id}`, sales).expect(200)).body.serviceNumber).toBe(number);

      const suspended = await patch(`/api/v1/subscriptions/${id}`, { version: 1, status: 'suspended' }, sales).expect(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', version: 2, endedAt: null });
      const stale = await patch(`/api/v1/subscriptions/${id}`, { version: 1, status: 'active' }, sales).expect(409);
      expect(stale.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'version' }] });
      const resumed = await patch(`/api/v1/subscriptions/${id}`, { version: 2, status: 'active', circuitId: 'GZ-OLT-01/2/4' }, sales).expect(200);
      expect(resumed.body).toMatchObject({ status: 'active', circuitId: 'GZ-OLT-01/2/4', version: 3 });

      await del(`/api/v1/subscriptions/${id}`, sales).expect(204);
      const terminated = await get(`/api/v1/subscriptions/${id}`).expect(200);
      expect(terminated.body).toMatchObject({ status: 'terminated', version: 4 });
      expect(Date.now() - new Date(terminated.body.endedAt).getTime()).toBeLessThan(60_000);
      const again = await del(`/api/v1/subscriptions/${id}`, sales).expect(409);
      expect(again.body.code).toBe('CONFLICT');
      const revive = await patch(`/api/v1/subscriptions/${id}`, { version: 4, status: 'active' }, sales).expect(409);
      expect(revive.body.details[0].field).toBe('status');
      await patch(`/api/v1/subscriptions/${id}`, { version: 4, serviceNumber: serviceNumber() }, sales).expect(409);

      const audit = await auditOf('subscription', id);
      const changes = audit.filter((a) => a.action !== 'read-personal-data');
      expect(changes.map((a) => a.action)).toEqual(['delete', 'update', 'update', 'create']);
      expect(changes.every((a) => a.actorUsername === 'sales')).toBe(true);
      expect(changes[3].newValues).toMatchObject({ serviceNumber: masked(number), status: 'active', productCode: product.code, pricePlanCode: plan.code });
      expect(changes[2]).toMatchObject({ oldValues: { status: 'active' }, newValues: { status: 'suspended' } });
      expect(changes[0]).toMatchObject({ oldValues: { status: 'active', endedAt: null }, newValues: { status: 'terminated', endedAt: terminated.body.endedAt } });
      expect(JSON.stringify(audit)).not.toContain(number);
      // sales and admin read the number unmasked: recorded (newest first); market saw it masked: not recorded
      expect(audit.filter((a) => a.action === 'read-personal-data').map((a) => a.actorUsername)).toEqual(['admin', 'sales']);
    });

    it('suspended subscriptions terminate too; status transitions from terminated are refused', async () => {
      const customer = await newCustomer();
      const sub = (await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { status: 'suspended' })).expect(201)).body;
      expect(sub.status).toBe('suspended');
      const ended = await patch(`/api/v1/subscriptions/${sub.id}`, { version: 1, status: 'terminated' }).expect(200);
      expect(ended.body).toMatchObject({ status: 'terminated', version: 2, endedAt: expect.any(String) });
      const illegal = await patch(`/api/v1/subscriptions/${sub.id}`, { version: 2, status: 'suspended' }).expect(409);
      expect(illegal.body.code).toBe('CONFLICT');
      await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { status: 'terminated' })).expect(400);
    });

    it('answers 400 naming the field for unknown or unusable references and bad input, writing nothing', async () => {
      const before = (await node.dataSource.query(`SELECT count(*)::int AS n FROM subscription`))[0].n;
      const customer = await newCustomer();
      const mobile = await newProduct({ category: 'mobile' });
      const withdrawn = await newProduct({ active: false });
      const future = await newPlan(product.code, { validFrom: '2099-01-01' });
      const otherPlan = await newPlan(mobile.code);
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ customerId: '2f1d3c4b-5a69-4f7e-8d9c-0b1a2c3d4e5f' }, 'customerId', /unknown/],
        [{ productCode: 'NO-SUCH-PRODUCT' }, 'productCode', /unknown/],
        [{ productCode: withdrawn.code }, 'productCode', /withdrawn/],
        [{ pricePlanCode: 'NO-SUCH-PLAN' }, 'pricePlanCode', /unknown/],
        [{ pricePlanCode: otherPlan.code }, 'pricePlanCode', /not a price plan of/],
        [{ pricePlanCode: future.code }, 'pricePlanCode', /not on sale/],
      ];
      for (const [override, field, problem] of cases) {
        const res = await post('/api/v1/subscriptions', { ...subscriptionInput(customer.id, product.code), ...override }).expect(400);
        expect({ override, detail: res.body.details[0] }).toEqual({ override, detail: { field, problem: expect.stringMatching(problem) } });
      }
      const circuit = await post('/api/v1/subscriptions', subscriptionInput(customer.id, mobile.code, { circuitId: 'C-1' })).expect(400);
      expect(circuit.body.details[0].field).toBe('circuitId');
      const invalid = await post('/api/v1/subscriptions', { customerId: 'nope', productCode: 'lower', serviceNumber: '189 123', startedAt: 'yesterday', status: 'terminated', extra: true }).expect(400);
      expect(invalid.body.code).toBe('VALIDATION_FAILED');
      expect(invalid.body.details.map((d: Body) => d.field)).toEqual(expect.arrayContaining(['customerId', 'productCode', 'serviceNumber', 'startedAt', 'status', 'extra']));
      const badDate = await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { startedAt: '2026-02-30' })).expect(400);
      expect(badDate.body.details[0].field).toBe('startedAt');
      const nulls = await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { startedAt: null, externalId: null, pricePlanCode: null })).expect(400);
      expect(nulls.body.details.map((d: Body) => d.field).sort()).toEqual(['externalId', 'pricePlanCode', 'startedAt']);
      expect((await get('/api/v1/subscriptions/not-a-uuid').expect(400)).body.details[0].field).toBe('id');
      expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM subscription`))[0].n).toBe(before);

      const sub = (await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code)).expect(201)).body;
      const planProblem = await patch(`/api/v1/subscriptions/${sub.id}`, { version: 1, pricePlanCode: otherPlan.code }).expect(400);
      expect(planProblem.body.details[0].field).toBe('pricePlanCode');
      const changeProduct = await patch(`/api/v1/subscriptions/${sub.id}`, { version: 1, productCode: mobile.code }).expect(400);
      expect(changeProduct.body.details[0].field).toBe('productCode');
      const withPlan = await patch(`/api/v1/subscriptions/${sub.id}`, { version: 1, pricePlanCode: plan.code }).expect(200);
      expect(withPlan.body).toMatchObject({ pricePlanCode: plan.code, pricePlanName: plan.name, version: 2 });
      const cleared = await patch(`/api/v1/subscriptions/${sub.id}`, { version: 2, pricePlanCode: null }).expect(200);
      expect(cleared.body.pricePlanCode).toBeNull();
      const nullStatus = await patch(`/api/v1/subscriptions/${sub.id}`, { version: 3, status: null, serviceNumber: null }).expect(400);
      expect(nullStatus.body.details.map((d: Body) => d.field).sort()).toEqual(['serviceNumber', 'status']);
    });

    it('answers 404 for unknown subscriptions and customers, 409 for a duplicate external id', async () => {
      const missing = '2f1d3c4b-5a69-4f7e-8d9c-0b1a2c3d4e5f';
      await get(`/api/v1/subscriptions/${missing}`).expect(404);
      await patch(`/api/v1/subscriptions/${missing}`, { version: 1, status: 'suspended' }).expect(404);
      await del(`/api/v1/subscriptions/${missing}`).expect(404);
      expect((await get(`/api/v1/customers/${missing}/subscriptions`).expect(404)).body.code).toBe('NOT_FOUND');

      const customer = await newCustomer();
      const externalId = `DUP-${serviceNumber()}`;
      const first = (await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { externalId })).expect(201)).body;
      const dup = await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { externalId })).expect(409);
      expect(dup.body).toMatchObject({ code: 'CONFLICT', details: [{ field: 'externalId' }] });
      const other = (await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code)).expect(201)).body;
      await patch(`/api/v1/subscriptions/${other.id}`, { version: 1, externalId }).expect(409);

      // a customer with live subscriptions cannot be closed: terminate them first
      for (const sub of [first, other]) await del(`/api/v1/subscriptions/${sub.id}`).expect(204);
      await del(`/api/v1/customers/${customer.id}`).expect(204);
      await get(`/api/v1/customers/${customer.id}/subscriptions`).expect(404);
      const closed = await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code)).expect(400);
      expect(closed.body.details[0].field).toBe('customerId');
    });

    it("lists with every filter, pagination and sorting, and per customer; masks numbers for 'market' only", async () => {
      const alice = await newCustomer({ name: '列表甲' });
      const bob = await newCustomer({ name: '列表乙' });
      const iptv = await newProduct({ category: 'iptv' });
      const prefix = `1890${String(Date.now() % 1_000_000).padStart(6, '0')}`;
      const make = async (customerId: string, productCode: string, suffix: string, startedAt: string) =>
        (await post('/api/v1/subscriptions', subscriptionInput(customerId, productCode, { serviceNumber: `${prefix}${suffix}`, startedAt })).expect(201)).body;
      const a1 = await make(alice.id, product.code, '1', '2025-01-05T10:00:00+08:00');
      const a2 = await make(alice.id, iptv.code, '2', '2025-02-05T10:00:00+08:00');
      const b1 = await make(bob.id, product.code, '3', '2025-03-05T10:00:00+08:00');
      await patch(`/api/v1/subscriptions/${a2.id}`, { version: 1, status: 'suspended' }).expect(200);

      const ids = async (query: string, token = admin): Promise<string[]> => (await get(`/api/v1/subscriptions?serviceNumberPrefix=${prefix}&${query}`, token).expect(200)).body.items.map((s: Body) => s.id);
      expect(await ids('sort=startedAt')).toEqual([a1.id, a2.id, b1.id]);
      expect(await ids('')).toEqual([b1.id, a2.id, a1.id]); // default -startedAt
      expect(await ids(`customerId=${alice.id}&sort=startedAt`)).toEqual([a1.id, a2.id]);
      expect(await ids(`productCode=${product.code}&sort=startedAt`)).toEqual([a1.id, b1.id]);
      expect(await ids('category=iptv')).toEqual([a2.id]);
      expect(await ids('status=suspended')).toEqual([a2.id]);
      expect(await ids('startedFrom=2025-02-01&startedTo=2025-03-05T10:00:00%2B08:00')).toEqual([a2.id]);
      expect(await ids('sort=-serviceNumber&pageSize=2&page=2')).toEqual([a1.id]);
      const page = await get(`/api/v1/subscriptions?serviceNumberPrefix=${prefix}&pageSize=2`).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      await get('/api/v1/subscriptions?status=paused').expect(400);
      await get('/api/v1/subscriptions?startedFrom=2025-02-30').expect(400);
      await get('/api/v1/subscriptions?pageSize=1000').expect(400);

      const forMarket = await get(`/api/v1/customers/${alice.id}/subscriptions?sort=startedAt`, market).expect(200);
      expect(forMarket.body).toMatchObject({ total: 2, items: [{ id: a1.id, serviceNumber: masked(`${prefix}1`), personalDataMasked: true }, { id: a2.id, status: 'suspended' }] });
      const forSales = await get(`/api/v1/customers/${alice.id}/subscriptions?category=iptv`, sales).expect(200);
      expect(forSales.body.items).toEqual([expect.objectContaining({ id: a2.id, serviceNumber: `${prefix}2`, personalDataMasked: false })]);
      await get(`/api/v1/customers/${alice.id}/subscriptions?customerId=${bob.id}`).expect(400);
    });

    it('lets roles without personal data filter only by a full service number (equality) and never sort by it, so masked digits cannot be recovered', async () => {
      const customer = await newCustomer({ name: '號碼探測' });
      const full = serviceNumber();
      const longer = `${full}9`; // the full number is a prefix of another one
      const s1 = (await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { serviceNumber: full })).expect(201)).body;
      const s2 = (await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { serviceNumber: longer })).expect(201)).body;
      const list = (query: string, token = market) => get(`/api/v1/subscriptions?customerId=${customer.id}&${query}`, token);

      // the attack: one digit at a time, reading `total`
      for (const partial of [full.slice(0, 4), full.slice(0, 10)]) {
        const refused = await list(`serviceNumberPrefix=${partial}`).expect(400);
        expect(refused.body).toMatchObject({ code: 'BAD_REQUEST', details: [{ field: 'serviceNumberPrefix' }] });
        expect(refused.body.total).toBeUndefined();
      }
      for (const sort of ['serviceNumber', '-serviceNumber']) {
        expect((await list(`sort=${sort}`).expect(400)).body.details).toEqual([{ field: 'sort', problem: expect.stringContaining('personal-data') }]);
      }
      // the whole number matches whole: not the longer number it begins
      const exact = await list(`serviceNumberPrefix=${full}`).expect(200);
      expect(exact.body).toMatchObject({ total: 1, items: [{ id: s1.id, serviceNumber: masked(full), personalDataMasked: true }] });
      const neighbour = `${full.slice(0, 10)}${(Number(full[10]) + 1) % 10}`;
      expect((await list(`serviceNumberPrefix=${neighbour}`).expect(200)).body).toMatchObject({ total: 0, items: [] });

      // the customer's list and the export follow the same rule
      expect((await get(`/api/v1/customers/${customer.id}/subscriptions?serviceNumberPrefix=189`, market).expect(400)).body.details[0].field).toBe('serviceNumberPrefix');
      expect((await get(`/api/v1/customers/${customer.id}/subscriptions?sort=-serviceNumber`, market).expect(400)).body.details[0].field).toBe('sort');
      for (const format of ['csv', 'xlsx', 'html']) {
        const partial = await get(`/api/v1/subscriptions/export?format=${format}&customerId=${customer.id}&serviceNumberPrefix=${full.slice(0, 5)}`, market).expect(400);
        expect(partial.body.details[0].field).toBe('serviceNumberPrefix');
        expect((await get(`/api/v1/subscriptions/export?format=${format}&customerId=${customer.id}&sort=serviceNumber`, market).expect(400)).body.details[0].field).toBe('sort');
      }
      const exported = await get(`/api/v1/subscriptions/export?format=csv&customerId=${customer.id}&serviceNumberPrefix=${full}`, market).expect(200);
      expect(exported.text.replace(/^\uFEFF/, '').trim().split('\n')).toHaveLength(2);
      expect(exported.text).toContain(masked(full));
      const refusedExports = (await get('/api/v1/audit-log?entityType=subscription&action=export&pageSize=50').expect(200)).body.items as Body[];
      expect(refusedExports.filter((e) => e.newValues.filters?.customerId === customer.id).map((e) => [e.actorUsername, e.newValues.filters.serviceNumberPrefix])).toEqual([['market', masked(full)]]);

      // holders of customer:personal-data keep prefix search and sorting by number
      expect((await list(`serviceNumberPrefix=${full.slice(0, 4)}&sort=serviceNumber`, sales).expect(200)).body.items.map((s: Body) => s.id)).toEqual([s1.id, s2.id]);
      expect((await list(`serviceNumberPrefix=${full}&sort=-serviceNumber`, admin).expect(200)).body.items.map((s: Body) => s.id)).toEqual([s2.id, s1.id]);
    });

    it('exports subscriptions as CSV, XLSX and HTML, masked for market, and records the export', async () => {
      const customer = await newCustomer({ name: '導出客戶' });
      const numbers = [serviceNumber(), serviceNumber()];
      for (const n of numbers) await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code, { serviceNumber: n })).expect(201);

      const csv = await get(`/api/v1/subscriptions/export?format=csv&customerId=${customer.id}&sort=startedAt`, market).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('subscriptions.csv');
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('業務號碼 Service number');
      expect(lines.slice(1).map((l) => l.includes(masked(numbers[0])) || l.includes(masked(numbers[1])))).toEqual([true, true]);
      expect(lines[1]).toContain('導出客戶');
      expect(csv.text).not.toContain(numbers[0]);
      const unmasked = await get(`/api/v1/subscriptions/export?format=csv&customerId=${customer.id}`, sales).expect(200);
      expect(unmasked.text).toContain(numbers[0]);
      expect(unmasked.text).toContain(numbers[1]);

      const xlsx = await get(`/api/v1/subscriptions/export?format=xlsx&customerId=${customer.id}&sort=serviceNumber`, sales).buffer(true).parse(binary).expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body);
      const sheet = book.worksheets[0];
      expect(sheet.rowCount).toBe(3);
      const header = (sheet.getRow(1).values as unknown[]).indexOf('業務號碼 Service number');
      expect(sheet.getRow(2).getCell(header).value).toBe(numbers[0]);

      const html = await get(`/api/v1/subscriptions/export?format=html&customerId=${customer.id}`, market).expect(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain('訂購清單 Subscriptions');
      expect(html.text).toContain('2 rows');
      expect(html.text).not.toContain(numbers[1]);

      const exports = (await get('/api/v1/audit-log?entityType=subscription&action=export&pageSize=50').expect(200)).body.items as Body[];
      expect(exports.filter((e) => e.newValues.filters?.customerId === customer.id).map((e) => [e.actorUsername, e.newValues.format, e.newValues.personalDataMasked])).toEqual([
        ['market', 'html', true],
        ['sales', 'xlsx', false],
        ['sales', 'csv', false],
        ['market', 'csv', true],
      ]);
    });
  });

  describe('permissions', () => {
    it('answers 401 without a token and 403 without the permission', async () => {
      await api().get('/api/v1/products').expect(401);
      await api().get('/api/v1/subscriptions').expect(401);
      for (const path of ['/api/v1/products', '/api/v1/products/export?format=csv', '/api/v1/subscriptions', '/api/v1/subscriptions/export?format=csv']) {
        expect((await get(path, analyst).expect(403)).body.code).toBe('FORBIDDEN');
      }
      const customer = await newCustomer();
      await get(`/api/v1/customers/${customer.id}/subscriptions`, analyst).expect(403);
      const product = await newProduct();
      const sub = (await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code)).expect(201)).body;
      await post('/api/v1/products', productInput(), market).expect(403);
      await patch(`/api/v1/products/${product.code}`, { version: 1, name: 'x' }, market).expect(403);
      await del(`/api/v1/products/${product.code}`, market).expect(403);
      await post(`/api/v1/products/${product.code}/price-plans`, pricePlanInput(), market).expect(403);
      await post('/api/v1/subscriptions', subscriptionInput(customer.id, product.code), market).expect(403);
      await patch(`/api/v1/subscriptions/${sub.id}`, { version: 1, status: 'suspended' }, market).expect(403);
      await del(`/api/v1/subscriptions/${sub.id}`, market).expect(403);
      expect((await get(`/api/v1/subscriptions/${sub.id}`).expect(200)).body).toMatchObject({ status: 'active', version: 1 });
      await get(`/api/v1/products/${product.code}`, market).expect(200);
    });
  });
});
