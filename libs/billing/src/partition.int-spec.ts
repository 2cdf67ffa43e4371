import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NodeConfig } from '@crm/config';
import { dataSourceOptions } from '@crm/database';
import { createTestDatabase, insertTestCustomer } from '@crm/testing';
import { cityMigrations } from '../../../migrations/city';
import { PartitionRepository } from './partition.repository';
import { PartitionService } from './partition.service';

const partitionOf = async (ds: DataSource, table: string, where: string, params: unknown[]): Promise<string[]> =>
  (await ds.query(`SELECT tableoid::regclass::text AS part FROM ${table} WHERE ${where}`, params)).map((r: { part: string }) => r.part);

describe('Monthly partitions of usage_record, bill and payment (EnsurePartitionsJob)', () => {
  let ds: DataSource;
  let partitions: PartitionService;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = new DataSource(dataSourceOptions({ entities: [], migrations: cityMigrations }, await createTestDatabase('partitions')));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    partitions = new PartitionService(new PartitionRepository(ds), { timezone: 'Asia/Shanghai', billing: { partitionMonthsAhead: 3 } } as NodeConfig);
  });
  afterAll(() => ds.destroy());

  it('the migration creates 2024-01 … 2027-12 and a DEFAULT partition for each table', async () => {
    for (const table of ['usage_record', 'bill', 'payment']) {
      const parts = await new PartitionRepository(ds).partitions(table);
      expect(parts).toHaveLength(49);
      expect(parts[0].name).toBe(`${table}_2024_01`);
      expect(parts[47].name).toBe(`${table}_2027_12`);
      expect(parts[48]).toEqual({ name: `${table}_default`, bound: 'DEFAULT' });
    }
  });

  it('creates the months ahead that are missing, and nothing when run again', async () => {
    expect(await partitions.ensure(new Date('2026-12-01T00:00:00Z'))).toEqual({ created: [], movedFromDefault: {}, skipped: [] });
    const run = await partitions.ensure(new Date('2027-11-20T00:00:00Z'));
    expect(run.created.sort()).toEqual(['bill_2028_01', 'bill_2028_02', 'payment_2028_01', 'payment_2028_02', 'usage_record_2028_01', 'usage_record_2028_02']);
    expect(await partitions.ensure(new Date('2027-11-20T00:00:00Z'))).toEqual({ created: [], movedFromDefault: {}, skipped: [] });

    // the job cuts months at midnight in the city (Asia/Shanghai, +08); the first month it adds
    // starts where the migration's last (UTC-bounded) partition ends, so nothing overlaps or falls between
    const bounds = Object.fromEntries((await new PartitionRepository(ds).partitions('payment')).map((p) => [p.name, p.bound]));
    const [shown] = await ds.query(
      `SELECT $1::timestamptz::text AS seam, $2::timestamptz::text AS feb, $3::timestamptz::text AS mar`,
      ['2028-01-01 00:00:00+00', '2028-02-01 00:00:00+08', '2028-03-01 00:00:00+08'],
    );
    expect(bounds.payment_2028_01).toBe(`FOR VALUES FROM ('${shown.seam}') TO ('${shown.feb}')`);
    expect(bounds.payment_2028_02).toBe(`FOR VALUES FROM ('${shown.feb}') TO ('${shown.mar}')`);
    expect((await new PartitionRepository(ds).partitions('bill')).find((p) => p.name === 'bill_2028_01')?.bound).toBe(`FOR VALUES FROM ('2028-01-01') TO ('2028-02-01')`);
    await ds.query(
      `INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, call_type, direction, service)
       VALUES ('B-0', gen_random_uuid(), gen_random_uuid(), '2027-12-31T23:59:59Z', 'local', 'outgoing', 'voice'),
              ('B-1', gen_random_uuid(), gen_random_uuid(), '2028-01-01T00:00:00Z', 'local', 'outgoing', 'voice'),
              ('B-2', gen_random_uuid(), gen_random_uuid(), '2028-01-31T15:59:59Z', 'local', 'outgoing', 'voice'),
              ('B-3', gen_random_uuid(), gen_random_uuid(), '2028-01-31T16:00:00Z', 'local', 'outgoing', 'voice'),
              ('B-4', gen_random_uuid(), gen_random_uuid(), '2028-02-29T16:00:00Z', 'local', 'outgoing', 'voice')`,
    );
    expect(await partitionOf(ds, 'usage_record', `external_id LIKE 'B-%' ORDER BY external_id`, [])).toEqual([
      'usage_record_2027_12',
      'usage_record_2028_01',
      'usage_record_2028_01',
      'usage_record_2028_02',
      'usage_record_default',
    ]);
    await expect(ds.query(`INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, call_type, direction, service) VALUES ('B-2', gen_random_uuid(), gen_random_uuid(), '2028-01-31T15:59:59Z', 'local', 'outgoing', 'voice')`)).rejects.toThrow(/duplicate key/);
    const [indexes] = await ds.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'usage_record_2028_01'`);
    expect(indexes.n).toBe(4);
  });

  it('moves rows already in DEFAULT into the new partition, except bills (referenced by their items), which stay and are reported', async () => {
    const customerId = await insertTestCustomer(ds);
    const [account] = await ds.query(`INSERT INTO account (account_number, serial, customer_id) VALUES ('PART-ACC-1', 1, $1) RETURNING id`, [customerId]);
    await ds.query(
      `INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, call_type, direction, service)
       VALUES ('F-1', gen_random_uuid(), $1, '2028-04-10T10:00:00Z', 'local', 'outgoing', 'voice'), ('F-2', gen_random_uuid(), $1, '2028-05-10T10:00:00Z', 'sms', 'outgoing', 'sms')`,
      [customerId],
    );
    await ds.query(`INSERT INTO payment (account_id, customer_id, amount_fen, method, place, paid_at, recorded_by) VALUES ($1, $2, 100, 'cash', 'BH-1', '2028-04-10T10:00:00Z', 'test')`, [account.id, customerId]);
    const [bill] = await ds.query(`INSERT INTO bill (account_id, customer_id, billing_month, total_fen, due_date) VALUES ($1, $2, '2028-04-01', 500, '2028-05-15') RETURNING id`, [account.id, customerId]);
    await ds.query(`INSERT INTO bill_item (bill_id, billing_month, item_type, service, amount_fen) VALUES ($1, '2028-04-01', 'voice', 'voice', 500)`, [bill.id]);
    expect(await partitionOf(ds, 'usage_record', `external_id = 'F-1'`, [])).toEqual(['usage_record_default']);

    const run = await partitions.ensure(new Date('2028-04-01T00:00:00Z'), 0);
    expect(run).toEqual({ created: ['usage_record_2028_04', 'payment_2028_04'], movedFromDefault: { usage_record_2028_04: 1, payment_2028_04: 1 }, skipped: ['bill_2028_04'] });
    expect(await partitionOf(ds, 'usage_record', `external_id LIKE 'F-%' ORDER BY external_id`, [])).toEqual(['usage_record_2028_04', 'usage_record_default']);
    expect(await partitionOf(ds, 'payment', `account_id = $1`, [account.id])).toEqual(['payment_2028_04']);
    expect(await partitionOf(ds, 'bill', `id = $1`, [bill.id])).toEqual(['bill_default']);
    expect((await ds.query(`SELECT count(*)::int AS n FROM bill_item WHERE bill_id = $1`, [bill.id]))[0].n).toBe(1);
    // the moved row keeps its identity and its uniqueness
    await expect(ds.query(`INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, call_type, direction, service) VALUES ('F-1', gen_random_uuid(), $1, '2028-04-10T10:00:00Z', 'local', 'outgoing', 'voice')`, [customerId])).rejects.toThrow(/duplicate key/);
    const [next] = await ds.query(`INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, call_type, direction, service) VALUES ('F-3', gen_random_uuid(), $1, '2028-04-11T10:00:00Z', 'local', 'outgoing', 'voice') RETURNING id`, [customerId]);
    expect(Number(next.id)).toBeGreaterThan(0);
  });

  it("reverting the billing migration drops the job's partitions too, and it applies again", async () => {
    const names = async (): Promise<string[]> => (await ds.query(`SELECT relname FROM pg_class WHERE relname LIKE 'usage_record%' AND relkind IN ('r', 'p')`)).map((r: { relname: string }) => r.relname);
    expect(await names()).toContain('usage_record_2028_01');
    while ((await ds.query(`SELECT count(*)::int AS n FROM schema_migration WHERE name = 'Billing1764564000000'`))[0].n > 0) await ds.undoLastMigration({ transaction: 'each' });
    expect(await names()).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    // the parent and its 49 partitions
    expect((await names()).length).toBe(50);
  });
});
