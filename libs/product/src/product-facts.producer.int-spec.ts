import { randomBytes } from 'node:crypto';
import { FactRow } from '@crm/federation';
import { RunningNode } from '@crm/testing';
import { startSingleCity } from '../../../test/e2e/city-node.fixture';
import { ALL_CUSTOMERS_PRODUCT, ProductHoldersFactsProducer, ProductPairsFactsProducer } from './product-facts.producer';

const TZ = 'Asia/Shanghai';
const MONTH = '2026-10-01';
const at = (local: string): Date => new Date(`${local}+08:00`);
const monthEnd = at('2026-11-01T00:00:00');

interface RawCustomer { key: string; createdAt: Date; deletedAt: Date | null }
interface RawSub { customer: string; product: string; startedAt: Date; endedAt: Date | null }

const customers: RawCustomer[] = [
  { key: 'c1', createdAt: at('2025-01-01T00:00:00'), deletedAt: null },
  { key: 'c2', createdAt: at('2025-01-01T00:00:00'), deletedAt: null },
  { key: 'c3', createdAt: at('2025-01-01T00:00:00'), deletedAt: null },
  { key: 'c4', createdAt: at('2025-01-01T00:00:00'), deletedAt: at('2026-10-30T10:00:00') },
  { key: 'c5', createdAt: at('2026-10-31T23:00:00'), deletedAt: null },
  { key: 'c6', createdAt: at('2026-11-03T10:00:00'), deletedAt: null },
];
const subs: RawSub[] = [
  { customer: 'c1', product: 'PX', startedAt: at('2026-01-01T00:00:00'), endedAt: null },
  { customer: 'c1', product: 'PY', startedAt: at('2026-03-01T00:00:00'), endedAt: null },
  { customer: 'c1', product: 'PY', startedAt: at('2026-04-01T00:00:00'), endedAt: null },
  { customer: 'c2', product: 'PX', startedAt: at('2026-01-01T00:00:00'), endedAt: null },
  { customer: 'c2', product: 'PY', startedAt: at('2026-10-31T12:00:00'), endedAt: null },
  { customer: 'c2', product: 'PZ', startedAt: at('2026-02-01T00:00:00'), endedAt: null },
  { customer: 'c3', product: 'PX', startedAt: at('2026-01-01T00:00:00'), endedAt: at('2026-10-15T00:00:00') },
  { customer: 'c3', product: 'PZ', startedAt: at('2026-01-01T00:00:00'), endedAt: null },
  { customer: 'c4', product: 'PX', startedAt: at('2026-01-01T00:00:00'), endedAt: null },
  { customer: 'c4', product: 'PY', startedAt: at('2026-01-01T00:00:00'), endedAt: null },
  { customer: 'c6', product: 'PX', startedAt: at('2026-11-03T11:00:00'), endedAt: null },
  { customer: 'c6', product: 'PY', startedAt: at('2026-11-03T11:00:00'), endedAt: null },
];

const sortRows = (rows: FactRow[]): FactRow[] => [...rows].sort((a, b) => (JSON.stringify(a.dims) < JSON.stringify(b.dims) ? -1 : 1));

describe('Product fact producers (city DB): holders and pairs for the service correlation', () => {
  let city: RunningNode;

  beforeAll(async () => {
    city = await startSingleCity();
    const ids = new Map<string, string>();
    for (const c of customers) {
      const [row] = await city.dataSource.query(
        `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at, deleted_at)
         VALUES ('測試', 'public_residential', '440103', '13900000000', 'passport', $1, 'v1:x', 'P****', $2, $3) RETURNING id`,
        [randomBytes(32).toString('hex'), c.createdAt, c.deletedAt],
      );
      ids.set(c.key, row.id);
    }
    for (const p of ['PX', 'PY', 'PZ']) await city.dataSource.query(`INSERT INTO product (code, name, category, monthly_fee_fen) VALUES ($1, $1, 'mobile', 1000)`, [p]);
    let n = 0;
    for (const s of subs) {
      await city.dataSource.query(
        `INSERT INTO subscription (customer_id, product_code, service_number, status, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [ids.get(s.customer), s.product, `18800000${++n}`, s.endedAt ? 'terminated' : 'active', s.startedAt, s.endedAt],
      );
    }
  }, 120_000);
  afterAll(() => city?.close());

  /** Products each active customer holds at the end of the month, from the raw rows. */
  const holdings = (): Map<string, Set<string>> => {
    const active = customers.filter((c) => c.createdAt < monthEnd && (!c.deletedAt || c.deletedAt >= monthEnd));
    return new Map(
      active.map((c) => [c.key, new Set(subs.filter((s) => s.customer === c.key && s.startedAt < monthEnd && (!s.endedAt || s.endedAt >= monthEnd)).map((s) => s.product))]),
    );
  };

  it('product_holders: distinct active holders per product and "*" = every active customer', async () => {
    const rows = await new ProductHoldersFactsProducer().compute(city.dataSource.manager, { period: MONTH, timezone: TZ });
    const held = holdings();
    const counts = new Map<string, number>();
    for (const products of held.values()) for (const p of products) counts.set(p, (counts.get(p) ?? 0) + 1);
    const want: FactRow[] = [...counts].map(([product, n]) => ({ dims: { product }, measures: { customers: n } }));
    want.push({ dims: { product: ALL_CUSTOMERS_PRODUCT }, measures: { customers: held.size } });
    expect(sortRows(rows)).toEqual(sortRows(want));
    expect(rows.find((r) => r.dims.product === '*')!.measures.customers).toBe(4); // c1, c2, c3, c5
  });

  it('product_pairs: customers holding both products (product_a < product_b)', async () => {
    const rows = await new ProductPairsFactsProducer().compute(city.dataSource.manager, { period: MONTH, timezone: TZ });
    const pairs = new Map<string, number>();
    for (const products of holdings().values()) {
      const list = [...products].sort();
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pairs.set(`${list[i]}|${list[j]}`, (pairs.get(`${list[i]}|${list[j]}`) ?? 0) + 1);
    }
    const want: FactRow[] = [...pairs].map(([k, n]) => ({ dims: { product_a: k.split('|')[0], product_b: k.split('|')[1] }, measures: { customers_both: n } }));
    expect(sortRows(rows)).toEqual(sortRows(want));
    expect(rows.find((r) => r.dims.product_a === 'PX' && r.dims.product_b === 'PY')!.measures.customers_both).toBe(2);
  });
});
