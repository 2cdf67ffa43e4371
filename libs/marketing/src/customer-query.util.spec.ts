import { customerQueryConditions, parseCustomerQuery } from './customer-query.util';

describe('saved customer query', () => {
  it('accepts the known filters and normalises lists (deduplicated, sorted)', () => {
    expect(parseCustomerQuery({ customerTypes: ['key_individual', 'public_residential', 'key_individual'], districtCodes: ['440106'], minAnnualSpendFen: 0, maxAnnualSpendFen: 500_000 })).toEqual({
      query: { customerTypes: ['key_individual', 'public_residential'], districtCodes: ['440106'], minAnnualSpendFen: 0, maxAnnualSpendFen: 500_000 },
      problems: [],
    });
  });

  it('refuses unknown keys, bad values, empty queries and min > max, naming each field', () => {
    expect(parseCustomerQuery(null).problems).toEqual([{ field: 'customerQuery', problem: 'must be an object' }]);
    expect(parseCustomerQuery([]).problems).toEqual([{ field: 'customerQuery', problem: 'must be an object' }]);
    expect(parseCustomerQuery({}).problems).toEqual([{ field: 'customerQuery', problem: 'must set at least one filter' }]);
    const bad = parseCustomerQuery({ sql: 'DROP TABLE customer', customerTypes: ['vip'], districtCodes: ["1'; --"], statuses: [], levelCodes: 'gold', minAnnualSpendFen: -1, maxAnnualSpendFen: 1.5 });
    expect(bad.query).toBeUndefined();
    expect(bad.problems.map((p) => p.field)).toEqual([
      'customerQuery.sql', 'customerQuery.customerTypes', 'customerQuery.districtCodes', 'customerQuery.statuses', 'customerQuery.levelCodes', 'customerQuery.minAnnualSpendFen', 'customerQuery.maxAnnualSpendFen',
    ]);
    expect(parseCustomerQuery({ minAnnualSpendFen: 10, maxAnnualSpendFen: 5 }).problems).toEqual([{ field: 'customerQuery.maxAnnualSpendFen', problem: 'must not be below minAnnualSpendFen' }]);
  });

  it('becomes parameterised SQL conditions only', () => {
    const params: unknown[] = ['campaign-id', '2026-01-01', '2027-01-01'];
    const sql = customerQueryConditions({ customerTypes: ['key_individual'], statuses: ['active'], minAnnualSpendFen: 100, maxAnnualSpendFen: 900 }, params, '$2', '$3');
    expect(sql).toEqual([
      'c.customer_type = ANY($4::text[])',
      'c.status = ANY($5::text[])',
      '(SELECT coalesce(sum(b.total_fen), 0) FROM bill b WHERE b.customer_id = c.id AND b.billing_month >= $2::date AND b.billing_month < $3::date) >= $6::bigint',
      '(SELECT coalesce(sum(b.total_fen), 0) FROM bill b WHERE b.customer_id = c.id AND b.billing_month >= $2::date AND b.billing_month < $3::date) <= $7::bigint',
    ]);
    expect(params.slice(3)).toEqual([['key_individual'], ['active'], 100, 900]);
  });
});
