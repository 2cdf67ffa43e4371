import { DataSource } from 'typeorm';
import { createCityDataSource } from '../apps/city/src/data-source';
import { createHqDataSource } from '../apps/hq/src/data-source';
import { createProvinceDataSource } from '../apps/province/src/data-source';
import { createTestDatabase } from '@crm/testing';

const tables = async (ds: DataSource): Promise<string[]> =>
  (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map((r: { table_name: string }) => r.table_name);

describe.each([
  ['city', createCityDataSource, ['customer', 'district', 'fact', 'inbox_batch', 'outbox_batch', 'subscription']],
  ['province', createProvinceDataSource, ['app_user', 'fact', 'fact_slice', 'inbox_batch', 'outbox_batch']],
  ['hq', createHqDataSource, ['app_user', 'fact', 'fact_slice', 'inbox_batch']],
] as const)('%s migrations', (tier, create, expectedTables) => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = create(await createTestDatabase(`mig${tier}`));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('create the schema the entities describe (nothing left for synchronize to do)', async () => {
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables(ds)).toEqual(expect.arrayContaining([...expectedTables]));
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert completely with down, and apply again', async () => {
    while ((await ds.query(`SELECT count(*)::int AS n FROM schema_migration`))[0].n > 0) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual(['schema_migration']);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(ds.migrations.length);
    expect(await tables(ds)).toEqual(expect.arrayContaining([...expectedTables]));
  });

  it('never synchronizes', () => {
    expect(ds.options.synchronize).toBe(false);
    expect(ds.options.migrationsRun).toBe(false);
  });
});
