import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog, AuditService } from '@crm/audit';
import { PersonalDataCipher } from '@crm/customer';
import { ImportContext } from '@crm/data-exchange';
import { createTestDatabase, subscriptionImportRow } from '@crm/testing';
// A test of the city schema: the real migrations and the demo seed provide customers and the catalogue.
import { createCityDataSource } from '../../../apps/city/src/data-source';
import { seedCityDemo } from '../../../apps/city/src/seed/demo-seed';
import { SubscriptionImportRow, SubscriptionImportTarget } from './subscription-import-target';

describe('SubscriptionImportTarget (PostgreSQL)', () => {
  let ds: DataSource;
  let target: SubscriptionImportTarget;
  const ctx: ImportContext = { importId: 'imp-0001', actor: 'sales', requestId: 'req-import-1' };
  const [alice, bob] = ['DEMO-440100-000001', 'DEMO-440100-000002'];

  const parsed = (raw: Record<string, string>): SubscriptionImportRow => {
    const result = target.parse(raw);
    if (!('row' in result)) throw new Error(`expected a valid row, got ${result.error}`);
    return result.row;
  };
  const write = (rows: SubscriptionImportRow[]) => ds.transaction((m) => target.write(m, rows, ctx));

  beforeAll(async () => {
    ds = createCityDataSource(await createTestDatabase('subimport'));
    await ds.initialize();
    await ds.runMigrations();
    await seedCityDemo(ds, { cityCode: '440100', customers: 3, cipher: new PersonalDataCipher(randomBytes(32)), now: new Date('2026-03-01T08:00:00Z') });
    target = new SubscriptionImportTarget(new AuditService(ds.getRepository(AuditLog)), { timezone: 'Asia/Shanghai' });
  });
  afterAll(() => ds?.destroy());

  it('describes its kind and columns', () => {
    expect(target.kind).toBe('subscriptions');
    expect(target.columns.filter((c) => c.required).map((c) => c.name)).toEqual(['externalId', 'customerExternalId', 'productCode', 'serviceNumber', 'startedAt']);
    // service numbers are personal data: a rejected row keeps them masked
    expect(target.columns.find((c) => c.name === 'serviceNumber')?.mask?.('18912345678')).toBe('189****5678');
  });

  describe('parse', () => {
    it('normalises a valid row: trims, dates in the node time zone, status from endedAt', () => {
      expect(parsed({ externalId: ' S-1 ', customerExternalId: alice, productCode: 'MOB-5G-129', serviceNumber: '18912345678', startedAt: '2026-01-15', pricePlanCode: '', circuitId: '' })).toEqual({
        externalId: 'S-1',
        customerExternalId: alice,
        productCode: 'MOB-5G-129',
        pricePlanCode: null,
        serviceNumber: '18912345678',
        circuitId: null,
        status: 'active',
        startedAt: '2026-01-14T16:00:00.000Z',
        endedAt: null,
      });
      const ended = parsed({ externalId: 'S-2', customerExternalId: alice, productCode: 'BB-1000M', serviceNumber: 'BB440100000001', circuitId: 'GZ-OLT-1/2/3', startedAt: '2025-01-01T09:00:00Z', endedAt: '2025-06-30 18:00' });
      expect(ended).toMatchObject({ status: 'terminated', circuitId: 'GZ-OLT-1/2/3', startedAt: '2025-01-01T09:00:00.000Z', endedAt: '2025-06-30T10:00:00.000Z' });
      expect(parsed({ ...subscriptionImportRow(alice, 'MOB-5G-129'), status: 'SUSPENDED' }).status).toBe('suspended');
    });

    it.each([
      [{ externalId: '' }, 'externalId: required'],
      [{ externalId: 'has space' }, 'externalId:'],
      [{ customerExternalId: '' }, 'customerExternalId: required'],
      [{ productCode: 'mob-5g' }, 'productCode:'],
      [{ pricePlanCode: 'bad code!' }, 'pricePlanCode:'],
      [{ serviceNumber: '' }, 'serviceNumber: required'],
      [{ serviceNumber: '189 1234 5678' }, 'serviceNumber:'],
      [{ circuitId: 'x'.repeat(41) }, 'circuitId:'],
      [{ startedAt: '' }, 'startedAt: required'],
      [{ startedAt: '2026-02-30' }, 'startedAt:'],
      [{ startedAt: '15/01/2026' }, 'startedAt:'],
      [{ status: 'paused' }, 'status: must be one of active, suspended, terminated'],
      [{ status: 'terminated' }, 'endedAt: required when status is terminated'],
      [{ status: 'active', endedAt: '2026-02-01' }, 'endedAt: only allowed when status is terminated'],
      [{ endedAt: '2026-01-01' }, 'endedAt: before startedAt'],
      [{ endedAt: 'soon' }, 'endedAt:'],
    ])('refuses %j naming the column', (override, message) => {
      const result = target.parse({ ...subscriptionImportRow(alice, 'MOB-5G-129'), ...override });
      expect(result).toEqual({ error: expect.stringContaining(message) });
    });
  });

  describe('write', () => {
    it('inserts valid rows once, resolves customers by external id, rejects unknown references with a reason', async () => {
      const [{ id: aliceId }] = await ds.query(`SELECT id FROM customer WHERE external_id = $1`, [alice]);
      const [{ id: bobId }] = await ds.query(`SELECT id FROM customer WHERE external_id = $1`, [bob]);
      const rows = [
        parsed(subscriptionImportRow(alice, 'MOB-5G-129', { externalId: 'IMP-1', pricePlanCode: 'MOB-5G-129-STD', serviceNumber: '18900000001' })),
        parsed(subscriptionImportRow(bob, 'BB-1000M', { externalId: 'IMP-2', circuitId: 'GZ-OLT-9', serviceNumber: 'BB440100999', startedAt: '2025-03-01', endedAt: '2025-09-01' })),
        parsed(subscriptionImportRow('NO-SUCH-CUSTOMER', 'MOB-5G-129', { externalId: 'IMP-3' })),
        parsed(subscriptionImportRow(alice, 'NO-SUCH-PRODUCT', { externalId: 'IMP-4' })),
        parsed(subscriptionImportRow(alice, 'MOB-5G-129', { externalId: 'IMP-5', pricePlanCode: 'BB-1000M-STD' })),
        parsed(subscriptionImportRow(alice, 'MOB-5G-129', { externalId: 'IMP-6', circuitId: 'C-1' })),
        parsed(subscriptionImportRow(bob, 'MOB-5G-199', { externalId: 'IMP-1', serviceNumber: '18900000009' })), // same external id twice in one batch
      ];
      const auditBefore = await ds.getRepository(AuditLog).countBy({ action: 'import' });

      const first = await write(rows);
      expect(first.inserted).toBe(2);
      expect(first.skipped).toBe(1);
      expect(first.rejected.map((r) => r.index)).toEqual([2, 3, 4, 5]);
      expect(first.rejected[0].reason).toMatch(/^customerExternalId: .*NO-SUCH-CUSTOMER/);
      expect(first.rejected[1].reason).toMatch(/^productCode: .*NO-SUCH-PRODUCT/);
      expect(first.rejected[2].reason).toMatch(/^pricePlanCode: BB-1000M-STD is a plan of BB-1000M/);
      expect(first.rejected[3].reason).toMatch(/^circuitId: /);

      const stored: Record<string, unknown>[] = await ds.query(
        `SELECT external_id, customer_id, product_code, price_plan_code, service_number, circuit_id, status, started_at, ended_at, version
         FROM subscription WHERE external_id LIKE 'IMP-%' ORDER BY external_id`,
      );
      expect(stored).toEqual([
        { external_id: 'IMP-1', customer_id: aliceId, product_code: 'MOB-5G-129', price_plan_code: 'MOB-5G-129-STD', service_number: '18900000001', circuit_id: null, status: 'active', started_at: new Date('2026-01-15T02:00:00Z'), ended_at: null, version: 1 },
        { external_id: 'IMP-2', customer_id: bobId, product_code: 'BB-1000M', price_plan_code: null, service_number: 'BB440100999', circuit_id: 'GZ-OLT-9', status: 'terminated', started_at: new Date('2025-02-28T16:00:00Z'), ended_at: new Date('2025-08-31T16:00:00Z'), version: 1 },
      ]);

      const audit = await ds.getRepository(AuditLog).findBy({ action: 'import', entityId: ctx.importId });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorUsername: 'sales', entityType: 'subscription', requestId: 'req-import-1', newValues: { inserted: 2, skipped: 1, rejected: 4, externalIds: ['IMP-1', 'IMP-2'] } });
      expect(await ds.getRepository(AuditLog).countBy({ action: 'import' })).toBe(auditBefore + 1);

      // Re-importing the same file changes nothing.
      const again = await write(rows);
      expect(again).toEqual({ inserted: 0, skipped: 3, rejected: first.rejected });
      expect((await ds.query(`SELECT count(*)::int AS n FROM subscription WHERE external_id LIKE 'IMP-%'`))[0].n).toBe(2);
      expect(await ds.getRepository(AuditLog).countBy({ action: 'import' })).toBe(auditBefore + 1);
    });

    it('skips a row whose external id an earlier import or the seed already holds, and accepts an empty batch', async () => {
      const [seeded] = await ds.query(`SELECT external_id FROM subscription WHERE external_id LIKE 'DEMO-SUB-%' LIMIT 1`);
      expect(seeded.external_id).toMatch(/^DEMO-SUB-440100-\d{6}-\d$/);
      const result = await write([parsed(subscriptionImportRow(alice, 'MOB-5G-129', { externalId: seeded.external_id }))]);
      expect(result).toEqual({ inserted: 0, skipped: 1, rejected: [] });
      expect(await write([])).toEqual({ inserted: 0, skipped: 0, rejected: [] });
    });

    it('rejects a closed customer like an unknown one', async () => {
      await ds.query(`UPDATE customer SET deleted_at = now() WHERE external_id = 'DEMO-440100-000003'`);
      const result = await write([parsed(subscriptionImportRow('DEMO-440100-000003', 'MOB-5G-129', { externalId: 'IMP-CLOSED' }))]);
      expect(result.inserted).toBe(0);
      expect(result.rejected).toEqual([{ index: 0, reason: expect.stringMatching(/^customerExternalId: /) }]);
    });
  });
});
