import { randomBytes } from 'node:crypto';
import { FactRow } from '@crm/federation';
import { RunningNode } from '@crm/testing';
import { startSingleCity } from '../../../test/e2e/city-node.fixture';
import { CustomerChannelFactsProducer, NO_BUSINESS_HALL, UNKNOWN_CHANNEL } from './customer-facts.producer';

const TZ = 'Asia/Shanghai';
const MONTH = '2026-10-01';
const at = (local: string): Date => new Date(`${local}+08:00`);
const monthStart = at('2026-10-01T00:00:00');
const monthEnd = at('2026-11-01T00:00:00');

interface RawCustomer {
  type: string;
  district: string;
  channel: string | null;
  hall: string | null;
  createdAt: Date;
  deletedAt: Date | null;
}

const HALLS = [
  { code: 'PF-H1', district: '440103' },
  { code: 'PF-H2', district: '440106' },
];

/** Edges of the month in the city's time zone (Asia/Shanghai), on both sides. */
const customers: RawCustomer[] = [
  { type: 'public_residential', district: '440103', channel: 'business_hall', hall: 'PF-H1', createdAt: at('2025-05-01T10:00:00'), deletedAt: null },
  { type: 'public_residential', district: '440103', channel: 'business_hall', hall: 'PF-H1', createdAt: at('2026-10-01T00:00:00'), deletedAt: null }, // new, first instant
  { type: 'public_residential', district: '440103', channel: 'business_hall', hall: 'PF-H1', createdAt: at('2026-09-30T23:59:59'), deletedAt: at('2026-10-31T23:59:59') }, // lost, last second
  { type: 'public_residential', district: '440103', channel: 'online', hall: null, createdAt: at('2026-10-15T08:00:00'), deletedAt: at('2026-10-20T08:00:00') }, // new and lost
  { type: 'public_residential', district: '440103', channel: 'online', hall: null, createdAt: at('2026-11-01T00:00:00'), deletedAt: null }, // next month: absent
  { type: 'public_residential', district: '440103', channel: 'online', hall: null, createdAt: at('2026-01-01T00:00:00'), deletedAt: at('2026-11-01T00:00:00') }, // closed after the month: active at its end
  { type: 'public_residential', district: '440103', channel: null, hall: null, createdAt: at('2026-02-01T00:00:00'), deletedAt: at('2026-09-30T23:00:00') }, // closed before: absent
  { type: 'key_enterprise', district: '440106', channel: 'account_manager', hall: 'PF-H2', createdAt: at('2024-01-01T00:00:00'), deletedAt: null },
  { type: 'key_enterprise', district: '440106', channel: 'account_manager', hall: 'PF-H2', createdAt: at('2026-10-31T23:59:00'), deletedAt: null },
  { type: 'key_enterprise', district: '440106', channel: null, hall: 'PF-H2', createdAt: at('2026-03-03T00:00:00'), deletedAt: null },
  { type: 'public_unit', district: '440106', channel: 'agent', hall: null, createdAt: at('2026-10-02T12:00:00'), deletedAt: null },
  { type: 'public_unit', district: '440106', channel: null, hall: null, createdAt: at('2026-04-02T12:00:00'), deletedAt: at('2026-10-09T09:00:00') },
];

/** The expected rows, from the raw list, independently of the SQL. */
function expected(): FactRow[] {
  const cells = new Map<string, FactRow>();
  for (const c of customers) {
    const created = c.createdAt.getTime();
    const deleted = c.deletedAt?.getTime() ?? Infinity;
    if (created >= monthEnd.getTime() || deleted < monthStart.getTime()) continue;
    const dims = { segment: c.type, channel: c.channel ?? UNKNOWN_CHANNEL, business_hall: c.hall ?? NO_BUSINESS_HALL, district: c.district };
    const key = JSON.stringify(dims);
    const row = cells.get(key) ?? { dims, measures: { customers_end: 0, new_customers: 0, lost_customers: 0 } };
    if (deleted >= monthEnd.getTime()) row.measures.customers_end += 1;
    if (created >= monthStart.getTime()) row.measures.new_customers += 1;
    if (deleted >= monthStart.getTime() && deleted < monthEnd.getTime()) row.measures.lost_customers += 1;
    cells.set(key, row);
  }
  return [...cells.values()];
}

const sortRows = (rows: FactRow[]): FactRow[] => [...rows].sort((a, b) => (JSON.stringify(a.dims) < JSON.stringify(b.dims) ? -1 : 1));

describe('Customer channel fact producer (city DB): customers_by_channel_hall', () => {
  let city: RunningNode;

  beforeAll(async () => {
    city = await startSingleCity();
    for (const h of HALLS) await city.dataSource.query(`INSERT INTO business_hall (code, name, district_code) VALUES ($1, $1, $2)`, [h.code, h.district]);
    for (const c of customers) {
      await city.dataSource.query(
        `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, acquisition_channel, hall_code, created_at, deleted_at)
         VALUES ('測試', $1, $2, '13900000000', 'passport', $3, 'v1:x', 'P****', $4, $5, $6, $7)`,
        [c.type, c.district, randomBytes(32).toString('hex'), c.channel, c.hall, c.createdAt, c.deletedAt],
      );
    }
  }, 120_000);
  afterAll(() => city?.close());

  it('counts customers at the month end, new and lost by segment, channel, hall and district', async () => {
    const rows = await new CustomerChannelFactsProducer().compute(city.dataSource.manager, { period: MONTH, timezone: TZ });
    expect(sortRows(rows)).toEqual(sortRows(expected()));
    // spot checks of the edges
    const hall1 = rows.find((r) => r.dims.business_hall === 'PF-H1')!;
    expect(hall1.measures).toEqual({ customers_end: 2, new_customers: 1, lost_customers: 1 });
    const online = rows.find((r) => r.dims.channel === 'online')!;
    expect(online).toEqual({ dims: { segment: 'public_residential', channel: 'online', business_hall: 'none', district: '440103' }, measures: { customers_end: 1, new_customers: 1, lost_customers: 1 } });
    expect(rows.filter((r) => r.dims.channel === 'unknown').map((r) => r.dims.segment).sort()).toEqual(['key_enterprise', 'public_unit']);
  });

  it('adds up to the same month flows whatever the grouping (start = end − new + lost)', async () => {
    const rows = await new CustomerChannelFactsProducer().compute(city.dataSource.manager, { period: MONTH, timezone: TZ });
    const sum = (k: string) => rows.reduce((s, r) => s + r.measures[k], 0);
    const activeAtStart = customers.filter((c) => c.createdAt < monthStart && (!c.deletedAt || c.deletedAt >= monthStart)).length;
    expect(sum('customers_end') - sum('new_customers') + sum('lost_customers')).toBe(activeAtStart);
  });

  it('answers nothing for a month before any customer', async () => {
    expect(await new CustomerChannelFactsProducer().compute(city.dataSource.manager, { period: '2020-01-01', timezone: TZ })).toEqual([]);
  });
});
