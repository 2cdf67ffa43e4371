import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isValidResidentId, PersonalDataCipher } from '@crm/customer';
import { createTestDatabase } from '@crm/testing';
import { createCityDataSource } from '../data-source';
import { districtsFor } from './demo-districts.constants';
import { seedCityDemo } from './demo-seed';

describe('seedCityDemo (PostgreSQL)', () => {
  let dataSource: DataSource;
  const cipher = new PersonalDataCipher(randomBytes(32));
  const options = { cityCode: '440100', customers: 300, cipher, now: new Date('2026-03-01T08:00:00Z'), randomSeed: 7 };

  const counts = async () => {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*) FROM district)::int AS districts, (SELECT count(*) FROM product)::int AS products,
              (SELECT count(*) FROM customer)::int AS customers, (SELECT count(*) FROM subscription)::int AS subscriptions`,
    );
    return row as { districts: number; products: number; customers: number; subscriptions: number };
  };

  beforeAll(async () => {
    dataSource = createCityDataSource(await createTestDatabase('seed'));
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('seeds realistic, consistent data once and nothing on a second run', async () => {
    const first = await seedCityDemo(dataSource, options);
    expect(first.customersInserted).toBe(300);
    expect(first.subscriptionsInserted).toBeGreaterThanOrEqual(300);
    expect(first.districts).toBe(districtsFor('440100').length);
    const afterFirst = await counts();
    expect(afterFirst).toEqual({ districts: 11, products: first.products, customers: 300, subscriptions: first.subscriptionsInserted });

    const residents: { id_number_encrypted: string; id_number_masked: string; gender: string; birth_date: string; district_code: string }[] = await dataSource.query(
      `SELECT id_number_encrypted, id_number_masked, gender, to_char(birth_date, 'YYYYMMDD') AS birth_date, district_code FROM customer WHERE id_type = 'resident_id'`,
    );
    expect(residents.length).toBeGreaterThan(200);
    const [money] = await dataSource.query(
      `SELECT (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM bill)::int AS bills,
              (SELECT count(*) FROM bill WHERE status = 'overdue')::int AS overdue,
              (SELECT coalesce(sum(amount_fen), 0) FROM payment)::bigint - (SELECT coalesce(sum(paid_fen), 0) FROM bill)::bigint AS unbalanced,
              (SELECT count(*) FROM bill b WHERE b.total_fen <> (SELECT sum(i.amount_fen) FROM bill_item i WHERE i.bill_id = b.id))::int AS items_off`,
    );
    expect(money.accounts).toBeGreaterThan(250);
    expect(money.bills).toBeGreaterThan(money.accounts);
    expect(money.overdue).toBeGreaterThan(0);
    expect(Number(money.unbalanced)).toBe(0);
    expect(money.items_off).toBe(0);
    const profiles = await dataSource.query(
      `SELECT customer_type, count(*)::int AS n, count(level_code)::int AS levels, count(hall_code)::int AS halls,
              count(key_account_level)::int AS key_levels, count(account_manager_id)::int AS managers, count(industry_code)::int AS industries
       FROM customer GROUP BY customer_type`,
    );
    for (const p of profiles) {
      expect(p.levels).toBe(p.n);
      expect(p.halls).toBe(p.n);
      if (p.customer_type === 'key_enterprise') expect(p).toMatchObject({ key_levels: p.n, managers: p.n, industries: p.n });
      if (p.customer_type === 'public_residential') expect(p).toMatchObject({ key_levels: 0, managers: 0, industries: 0 });
    }
    for (const r of residents) {
      const id = cipher.decrypt(r.id_number_encrypted);
      expect(isValidResidentId(id)).toBe(true);
      expect(id.slice(0, 6)).toBe(r.district_code);
      expect(id.slice(6, 14)).toBe(r.birth_date);
      expect(Number(id[16]) % 2 === 1 ? 'male' : 'female').toBe(r.gender);
      expect(r.id_number_masked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    }
    const [{ licences }] = await dataSource.query(
      `SELECT count(*)::int AS licences FROM customer WHERE id_type = 'business_license' AND customer_type IN ('public_unit', 'key_enterprise')`,
    );
    expect(licences).toBeGreaterThan(0);

    // Some customers are closed: the second run must not resurrect them (they are outside the partial unique index).
    const [{ closed }] = await dataSource.query(`SELECT count(*)::int AS closed FROM customer WHERE deleted_at IS NOT NULL`);
    expect(closed).toBeGreaterThan(0);

    const second = await seedCityDemo(dataSource, options);
    expect(second.customersInserted).toBe(0);
    expect(second.subscriptionsInserted).toBe(0);
    expect(await counts()).toEqual(afterFirst);

    const [integrity] = await dataSource.query(`
      SELECT
        (SELECT count(*)::int FROM customer c WHERE NOT EXISTS (SELECT 1 FROM district d WHERE d.code = c.district_code)) AS orphan_districts,
        (SELECT count(*)::int FROM subscription s JOIN customer c ON c.id = s.customer_id WHERE s.started_at < c.created_at) AS early_starts,
        (SELECT count(*)::int FROM subscription s WHERE s.ended_at IS NOT NULL AND s.ended_at < s.started_at) AS negative_spans,
        (SELECT count(*)::int FROM customer c WHERE NOT EXISTS (SELECT 1 FROM subscription s WHERE s.customer_id = c.id)) AS without_subscription,
        (SELECT count(*)::int - count(DISTINCT phone)::int FROM customer) AS duplicate_phones,
        (SELECT count(*)::int FROM customer c WHERE c.deleted_at IS NOT NULL AND EXISTS (SELECT 1 FROM subscription s WHERE s.customer_id = c.id AND s.status <> 'terminated')) AS open_on_closed,
        (SELECT count(*)::int FROM product p WHERE NOT EXISTS (SELECT 1 FROM price_plan pp WHERE pp.product_code = p.code)) AS products_without_plan,
        (SELECT count(*)::int FROM subscription s WHERE s.price_plan_code IS NULL OR s.external_id NOT LIKE 'DEMO-SUB-440100-%') AS subscriptions_without_plan_or_external_id
    `);
    expect(integrity).toEqual({
      orphan_districts: 0, early_starts: 0, negative_spans: 0, without_subscription: 0, duplicate_phones: 0, open_on_closed: 0,
      products_without_plan: 0, subscriptions_without_plan_or_external_id: 0,
    });
  });
});
