import { DataSource } from 'typeorm';
import { NodeConfig } from '@crm/config';
import { dataSourceOptions } from '@crm/database';
import { createTestDatabase, insertTestCustomer, insertTestSubscription, usageImportRow } from '@crm/testing';
import { cityMigrations } from '../../../migrations/city';
import { UsageImportRow, UsageImportService } from './usage-import.service';
import { UsageRepository } from './usage.repository';

const context = { importId: 'int-test', actor: 'admin', requestId: 'int-test' };

describe('UsageImportService (import target `usage`) on a migrated city database', () => {
  let ds: DataSource;
  let target: UsageImportService;

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions({ entities: [], migrations: cityMigrations }, await createTestDatabase('usageimport')));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    target = new UsageImportService(new UsageRepository(ds), { timezone: 'Asia/Shanghai' } as NodeConfig);
  });
  afterAll(() => ds.destroy());

  const parsed = (raw: Record<string, string>): UsageImportRow => {
    const r = target.parse(raw);
    if (!('row' in r)) throw new Error(`unexpected parse error: ${r.error}`);
    return r.row;
  };

  it('declares the agreed columns', () => {
    expect(target.kind).toBe('usage');
    expect(target.columns.map((c) => [c.name, c.required])).toEqual([
      ['externalId', true],
      ['subscriptionExternalId', true],
      ['startedAt', true],
      ['durationSeconds', false],
      ['volumeKb', false],
      ['callType', true],
      ['direction', true],
      ['service', true],
      ['chargeFen', false],
    ]);
  });

  it('parses and normalises a row; a time without offset is city time', () => {
    const row = parsed(usageImportRow('S-1', { startedAt: '2026-11-05 10:15:00', volumeKb: '', chargeFen: '', callType: 'LOCAL' }));
    expect(row).toEqual({
      externalId: expect.stringMatching(/^T-CDR-/),
      subscriptionExternalId: 'S-1',
      startedAt: new Date('2026-11-05T02:15:00Z'),
      durationSeconds: 120,
      volumeKb: 0,
      callType: 'local',
      direction: 'outgoing',
      service: 'voice',
      chargeFen: 0,
    });
    expect(parsed(usageImportRow('S-1', { startedAt: '2026-11-05T10:15:00Z' })).startedAt).toEqual(new Date('2026-11-05T10:15:00Z'));
  });

  it('refuses a bad row with a message naming every bad column', () => {
    const r = target.parse(usageImportRow('bad id!', { externalId: '', startedAt: '2026-02-30T10:00:00+08:00', durationSeconds: '-1', volumeKb: '1.5', callType: 'video', direction: 'sideways', service: 'fax', chargeFen: 'free' }));
    expect('error' in r).toBe(true);
    const error = (r as { error: string }).error;
    for (const column of ['externalId', 'subscriptionExternalId', 'startedAt', 'durationSeconds', 'volumeKb', 'callType', 'direction', 'service', 'chargeFen']) expect(error).toContain(column);
  });

  it('resolves subscriptions in one batch, rejects unknown ones by index, and inserts idempotently into the month partition', async () => {
    const customerId = await insertTestCustomer(ds);
    const other = await insertTestCustomer(ds, '440104');
    const s1 = await insertTestSubscription(ds, customerId);
    const s2 = await insertTestSubscription(ds, other);
    const [account] = await ds.query(`INSERT INTO account (account_number, serial, customer_id) VALUES ('INT-ACC-1', 1, $1) RETURNING id`, [customerId]);
    const rows = [
      parsed(usageImportRow(s1.externalId, { startedAt: '2026-11-30T23:59:59+08:00' })),
      parsed(usageImportRow('NO-SUCH-SUBSCRIPTION')),
      parsed(usageImportRow(s2.externalId, { startedAt: '2031-06-01T00:00:00Z', service: 'data', callType: 'data', volumeKb: '1024' })),
    ];

    const first = await ds.transaction((m) => target.write(m, rows, context));
    expect(first).toEqual({ inserted: 2, skipped: 0, rejected: [{ index: 1, reason: expect.stringContaining('NO-SUCH-SUBSCRIPTION') }] });
    const stored = await ds.query(`SELECT tableoid::regclass::text AS part, external_id, subscription_id, customer_id, account_id FROM usage_record ORDER BY started_at`);
    expect(stored).toEqual([
      { part: 'usage_record_2026_11', external_id: rows[0].externalId, subscription_id: s1.id, customer_id: customerId, account_id: account.id },
      { part: 'usage_record_default', external_id: rows[2].externalId, subscription_id: s2.id, customer_id: other, account_id: null },
    ]);

    // importing the same file again changes nothing
    const again = await ds.transaction((m) => target.write(m, rows, context));
    expect(again).toEqual({ inserted: 0, skipped: 2, rejected: [expect.objectContaining({ index: 1 })] });
    // the same record twice in one batch is inserted once; the same id at another time is another record
    const dup = parsed(usageImportRow(s1.externalId, { externalId: 'T-CDR-DUP', startedAt: '2026-10-01T08:00:00+08:00' }));
    const later = { ...dup, startedAt: new Date('2026-10-02T00:00:00Z') };
    expect(await ds.transaction((m) => target.write(m, [dup, { ...dup }, later], context))).toEqual({ inserted: 2, skipped: 1, rejected: [] });
    expect((await ds.query(`SELECT count(*)::int AS n FROM usage_record`))[0].n).toBe(4);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    const customerId = await insertTestCustomer(ds);
    const s = await insertTestSubscription(ds, customerId);
    const before = (await ds.query(`SELECT count(*)::int AS n FROM usage_record`))[0].n;
    await expect(
      ds.transaction(async (m) => {
        await target.write(m, [parsed(usageImportRow(s.externalId))], context);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await ds.query(`SELECT count(*)::int AS n FROM usage_record`))[0].n).toBe(before);
  });
});
