import { batchKey, contentHash, dimsKey, FactRow } from './fact-row.util';

const rows: FactRow[] = [
  { dims: { district: '440106', segment: 'consumer' }, measures: { customers: 10, newCustomers: 2 } },
  { dims: { district: '440104', segment: 'business' }, measures: { customers: 3, newCustomers: 0 } },
  { dims: { district: '440104', segment: 'consumer' }, measures: { customers: 7, newCustomers: 1 } },
];

describe('contentHash', () => {
  it('is a sha256 hex digest', () => {
    expect(contentHash(rows)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    expect(contentHash(rows)).toBe(contentHash(rows.map((r) => ({ dims: { ...r.dims }, measures: { ...r.measures } }))));
  });

  it('does not depend on row order', () => {
    expect(contentHash([rows[2], rows[0], rows[1]])).toBe(contentHash(rows));
    expect(contentHash([...rows].reverse())).toBe(contentHash(rows));
  });

  it('does not depend on key order inside dims or measures', () => {
    const reordered: FactRow[] = rows.map((r) => ({
      dims: Object.fromEntries(Object.entries(r.dims).reverse()),
      measures: Object.fromEntries(Object.entries(r.measures).reverse()),
    }));
    expect(Object.keys(reordered[0].dims)).toEqual(['segment', 'district']);
    expect(Object.keys(reordered[0].measures)).toEqual(['newCustomers', 'customers']);
    expect(contentHash(reordered)).toBe(contentHash(rows));
  });

  it('changes when a measure changes', () => {
    const changed = rows.map((r, i) => (i === 1 ? { ...r, measures: { ...r.measures, newCustomers: 1 } } : r));
    expect(contentHash(changed)).not.toBe(contentHash(rows));
  });

  it('changes when a dimension value changes', () => {
    const changed = rows.map((r, i) => (i === 0 ? { ...r, dims: { ...r.dims, segment: 'business' } } : r));
    expect(contentHash(changed)).not.toBe(contentHash(rows));
  });

  it('changes when a measure moves to another row', () => {
    const a: FactRow[] = [
      { dims: { d: '1' }, measures: { m: 1 } },
      { dims: { d: '2' }, measures: { m: 2 } },
    ];
    const b: FactRow[] = [
      { dims: { d: '1' }, measures: { m: 2 } },
      { dims: { d: '2' }, measures: { m: 1 } },
    ];
    expect(contentHash(a)).not.toBe(contentHash(b));
  });

  it('changes when a row is added, removed or duplicated', () => {
    expect(contentHash(rows.slice(1))).not.toBe(contentHash(rows));
    expect(contentHash([...rows, rows[0]])).not.toBe(contentHash(rows));
    expect(contentHash([])).not.toBe(contentHash(rows));
  });

  it('distinguishes a key moved between dims and measures', () => {
    const a: FactRow[] = [{ dims: { a: '1' }, measures: {} }];
    const b: FactRow[] = [{ dims: {}, measures: { a: 1 } }];
    expect(contentHash(a)).not.toBe(contentHash(b));
  });
});

describe('dimsKey', () => {
  it('does not depend on key order', () => {
    expect(dimsKey({ district: '440106', segment: 'consumer' })).toBe(dimsKey({ segment: 'consumer', district: '440106' }));
  });

  it('is the JSON of the entries sorted by key', () => {
    expect(dimsKey({ b: '2', a: '1' })).toBe('[["a","1"],["b","2"]]');
    expect(dimsKey({})).toBe('[]');
  });

  it('differs for different values or keys', () => {
    const base = dimsKey({ district: '440106', segment: 'consumer' });
    expect(dimsKey({ district: '440106', segment: 'business' })).not.toBe(base);
    expect(dimsKey({ district: '440106', kind: 'consumer' })).not.toBe(base);
    expect(dimsKey({ district: '440106' })).not.toBe(base);
  });

  it('is not fooled by separators inside values', () => {
    expect(dimsKey({ a: 'x","b', c: '1' })).not.toBe(dimsKey({ a: 'x', b: '","c' }));
  });
});

describe('batchKey', () => {
  it('joins source/origin/metric/periodType/period/version with slashes', () => {
    expect(
      batchKey({ sourceNode: '440000', originNode: '440100', metricSet: 'customers', periodType: 'day', period: '2024-05-01', version: '3' }),
    ).toBe('440000/440100/customers/day/2024-05-01/3');
  });

  it('ignores extra properties and keeps the field order fixed', () => {
    const batch = { version: 'v2', period: '2024-05', periodType: 'month', metricSet: 'm', originNode: 'o', sourceNode: 's', rows: [] };
    expect(batchKey(batch)).toBe('s/o/m/month/2024-05/v2');
  });
});
