import { DataSource } from 'typeorm';
import { createTestDatabase } from '@crm/testing';
import { createCityDataSource } from '../data-source';
import { seedDemoBaseConfig } from './demo-base-config';
import { districtsFor } from './demo-districts.constants';

describe('seedDemoBaseConfig (PostgreSQL)', () => {
  let dataSource: DataSource;

  const counts = async () =>
    (
      await dataSource.query(
        `SELECT (SELECT count(*) FROM customer_level)::int AS levels, (SELECT count(*) FROM service_department)::int AS departments,
                (SELECT count(*) FROM business_hall)::int AS halls, (SELECT count(*) FROM staff)::int AS staff`,
      )
    )[0];

  beforeAll(async () => {
    dataSource = createCityDataSource(await createTestDatabase('seedbase'));
    await dataSource.initialize();
    await dataSource.runMigrations();
    for (const [code, name] of districtsFor('440300')) await dataSource.query(`INSERT INTO district (code, name) VALUES ($1, $2)`, [code, name]);
  });
  afterAll(() => dataSource?.destroy());

  it('seeds levels, departments, a hall per district and twenty staff once, and nothing on a second run', async () => {
    const first = await dataSource.transaction((m) => seedDemoBaseConfig(m, '440300'));
    const districts = districtsFor('440300').length;
    expect(first).toEqual({ customerLevels: 3, serviceDepartments: 3, businessHalls: districts, staff: 20 });
    const afterFirst = await counts();
    expect(afterFirst).toEqual({ levels: 3, departments: 3, halls: districts, staff: 20 });

    await dataSource.query(`UPDATE staff SET title = '改过的职务' WHERE employee_no = '4403000001'`);
    expect(await dataSource.transaction((m) => seedDemoBaseConfig(m, '440300'))).toEqual(first);
    expect(await counts()).toEqual(afterFirst);
    expect((await dataSource.query(`SELECT title FROM staff WHERE employee_no = '4403000001'`))[0].title).toBe('改过的职务');

    const levels = await dataSource.query(`SELECT name FROM customer_level ORDER BY rank`);
    expect(levels.map((l: { name: string }) => l.name)).toEqual(['普通', '银卡', '金卡']);
    const [check] = await dataSource.query(`
      SELECT
        (SELECT count(DISTINCT district_code)::int FROM business_hall) AS districts_with_hall,
        (SELECT count(*)::int FROM staff WHERE name !~ '^[\\u4e00-\\u9fff]{2,3}$') AS non_chinese_names,
        (SELECT count(*)::int - count(DISTINCT mobile)::int FROM staff) AS duplicate_mobiles,
        (SELECT count(*)::int FROM staff WHERE mobile !~ '^1[3-9][0-9]{9}$') AS bad_mobiles,
        (SELECT count(DISTINCT department_code)::int FROM staff) AS departments_staffed,
        (SELECT count(*)::int FROM staff WHERE hall_code IS NOT NULL) AS staff_in_halls`);
    expect(check).toMatchObject({ districts_with_hall: districts, non_chinese_names: 0, duplicate_mobiles: 0, bad_mobiles: 0, departments_staffed: 3 });
    expect(check.staff_in_halls).toBeGreaterThan(0);
  });
});
