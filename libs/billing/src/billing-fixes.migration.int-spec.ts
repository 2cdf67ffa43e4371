import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@crm/database';
import { createTestDatabase, insertTestCustomer } from '@crm/testing';
import { cityMigrations } from '../../../migrations/city';

const MIGRATION = 'BillingFixes1764568000000';

/** Data written before migration 1764568000000 (write-offs not tied to bills, duplicate references) and what the migration makes of it. */
describe('Migration BillingFixes1764568000000 on existing billing data', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions({ entities: [], migrations: cityMigrations }, await createTestDatabase('billfixes')));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    while ((await ds.query(`SELECT count(*)::int AS n FROM schema_migration WHERE name = $1`, [MIGRATION]))[0].n > 0) await ds.undoLastMigration({ transaction: 'each' });
  });
  afterAll(() => ds.destroy());

  const bill = async (accountId: string, customerId: string, month: string, items: [string, number][], paidFen = 0): Promise<string> => {
    const total = items.reduce((s, [, a]) => s + a, 0);
    const [row] = await ds.query(
      `INSERT INTO bill (account_id, customer_id, billing_month, due_date, total_fen, paid_fen, status) VALUES ($1, $2, $3, $3::date + 14, $4, $5, 'overdue') RETURNING id`,
      [accountId, customerId, month, total, paidFen],
    );
    for (const [service, amount] of items) {
      await ds.query(`INSERT INTO bill_item (bill_id, billing_month, item_type, service, amount_fen) VALUES ($1, $2, 'other', $3, $4)`, [row.id, month, service, amount]);
    }
    return row.id as string;
  };

  it('ties earlier write-offs to the bills the old rule forgave (oldest first), keeps what is owed, and records each reference once', async () => {
    const customerId = await insertTestCustomer(ds);
    const [account] = await ds.query(`INSERT INTO account (account_number, serial, customer_id) VALUES ('MIG-FIX-1', 1, $1) RETURNING id`, [customerId]);
    const older = await bill(account.id, customerId, '2026-01-01', [['voice', 10_000], ['data', 2_000]]);
    const newer = await bill(account.id, customerId, '2026-02-01', [['voice', 10_000]]);
    // the old rule: 10,000 voice written off = the older bill's voice share; the newer bill's voice is owed
    const [written] = await ds.query(
      `INSERT INTO arrear (account_id, customer_id, service, amount_fen, peak_amount_fen, since, status) VALUES ($1, $2, 'voice', 10000, 10000, '2026-01-15', 'written_off') RETURNING id`,
      [account.id, customerId],
    );
    for (const [method, reference, paidAt] of [
      ['wechat_pay', 'WX-1', '2026-01-20T10:00:00+08:00'],
      ['wechat_pay', 'WX-1', '2026-01-21T10:00:00+08:00'],
      ['alipay', 'WX-1', '2026-01-22T10:00:00+08:00'],
      ['cash', null, '2026-01-23T10:00:00+08:00'],
    ]) {
      await ds.query(`INSERT INTO payment (account_id, customer_id, amount_fen, method, place, paid_at, reference, recorded_by) VALUES ($1, $2, 100, $3, 'online', $4, $5, 'test')`, [
        account.id,
        customerId,
        method,
        paidAt,
        reference,
      ]);
    }

    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.query(`SELECT arrear_id, bill_id, service, amount_fen FROM bill_write_off`)).toEqual([{ arrear_id: written.id, bill_id: older, service: 'voice', amount_fen: '10000' }]);
    expect(await ds.query(`SELECT id, status, written_off_fen FROM bill WHERE account_id = $1 ORDER BY billing_month`, [account.id])).toEqual([
      { id: older, status: 'overdue', written_off_fen: '10000' },
      { id: newer, status: 'overdue', written_off_fen: '0' },
    ]);
    const refs = await ds.query(`SELECT r.method, r.reference, p.paid_at FROM payment_reference r JOIN payment p ON p.id = r.payment_id AND p.paid_at = r.paid_at ORDER BY 1`);
    expect(refs.map((r: { method: string; reference: string; paid_at: Date }) => [r.method, r.reference, r.paid_at.toISOString()])).toEqual([
      ['alipay', 'WX-1', '2026-01-22T02:00:00.000Z'],
      ['wechat_pay', 'WX-1', '2026-01-20T02:00:00.000Z'],
    ]);
    await expect(ds.query(`UPDATE bill SET paid_fen = 3000 WHERE id = $1`, [older])).rejects.toThrow(/bill_amounts_check/);

    // down: the old schema again, the written-off bills overdue as the old rule expects
    await ds.query(`UPDATE bill SET paid_fen = 2000, status = 'written_off' WHERE id = $1`, [older]);
    while ((await ds.query(`SELECT count(*)::int AS n FROM schema_migration WHERE name = $1`, [MIGRATION]))[0].n > 0) await ds.undoLastMigration({ transaction: 'each' });
    expect(await ds.query(`SELECT status FROM bill WHERE id = $1`, [older])).toEqual([{ status: 'overdue' }]);
    expect(await ds.query(`SELECT to_regclass('bill_write_off') AS w, to_regclass('payment_reference') AS r`)).toEqual([{ w: null, r: null }]);
    await expect(ds.query(`UPDATE bill SET status = 'written_off' WHERE id = $1`, [older])).rejects.toThrow(/bill_status_check/);
    await ds.runMigrations({ transaction: 'each' });
  });
});
