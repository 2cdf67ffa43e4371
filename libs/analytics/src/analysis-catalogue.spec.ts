import { FactSetDefinition } from '@crm/federation';
import { ANALYSIS_BY_NAME, AnalysisContext, FactReader, FactSumOptions, SumRow } from './analysis-catalogue';

/** Fact rows of a scope: origin city, month, dims, measures — what a node's `fact` table holds. */
interface FakeFact {
  origin: string;
  period: string;
  set: string;
  dims: Record<string, string>;
  m: Record<string, number>;
}

/** A FactReader over in-memory facts, grouping like the SQL one (province, city, total or a dimension). */
function fakeReader(facts: FakeFact[], period: string): FactReader {
  const key = (f: FakeFact, g: string): string => (g === 'total' ? '*' : g === 'city' ? f.origin : g === 'province' ? `${f.origin.slice(0, 2)}0000` : f.dims[g]);
  const group = (rows: FakeFact[], by: string[], measures: readonly string[]): SumRow[] => {
    const out = new Map<string, SumRow>();
    for (const f of rows) {
      const k = by.map((g) => key(f, g));
      const row = out.get(JSON.stringify(k)) ?? { by: k, m: Object.fromEntries(measures.map((m) => [m, 0])) };
      for (const m of measures) row.m[m] += f.m[m] ?? 0;
      out.set(JSON.stringify(k), row);
    }
    return [...out.values()];
  };
  const select = (def: FactSetDefinition | string, options?: FactSumOptions) =>
    facts.filter(
      (f) =>
        f.set === (typeof def === 'string' ? def : def.name) &&
        f.period.slice(0, 7) === (options?.period ?? period).slice(0, 7) &&
        Object.entries(options?.filters ?? {}).every(([d, v]) => f.dims[d] === v),
    );
  return {
    sums: async (def, by, options) => group(select(def, options), by, def.measures),
  };
}

const ctx = (facts: FakeFact[], period = '2026-11-01', previousPeriod: string | null = null): AnalysisContext => ({
  period,
  previousPeriod,
  compare: previousPeriod ? 'mom' : null,
  level: 'nation',
  top: 0.2,
  facts: fakeReader(facts, period),
});

/** A month of customers_by_channel_hall: customers at the month's end, new and lost in it. */
const customers = (origin: string, period: string, segment: string, end: number, n: number, l: number): FakeFact => ({
  origin,
  period,
  set: 'customers_by_channel_hall',
  dims: { segment, channel: 'unknown', business_hall: 'none', district: `${origin.slice(0, 4)}03` },
  m: { customers_end: end, new_customers: n, lost_customers: l },
});

describe('analysis catalogue: rates from sums at any tier', () => {
  it('churn: the national rate is Σ lost / Σ customers at start, not a mean of the cities\' rates', async () => {
    const facts = [
      // Guangzhou: 100 at start, 10 lost, 5 new → end 95
      customers('440100', '2026-11-01', 'public_residential', 95, 5, 10),
      // Nanjing: 900 at start, 9 lost → end 891
      customers('320100', '2026-11-01', 'public_residential', 891, 0, 9),
    ];
    const churn = ANALYSIS_BY_NAME.get('churn')!;
    const [total] = await churn.compute(ctx(facts), 'total');
    expect(total).toMatchObject({ customersStart: 1000, lostCustomers: 19, churnRate: 0.019 });
    const provinces = await churn.compute(ctx(facts), 'province');
    expect(provinces.find((r) => r.code === '440000')).toMatchObject({ customersStart: 100, churnRate: 0.1 });
    expect(provinces.find((r) => r.code === '320000')).toMatchObject({ customersStart: 900, churnRate: 0.01 });
    expect((0.1 + 0.01) / 2).not.toBe(total.churnRate);
  });

  it('churn by type: confirmed records of the type / the scope\'s customers at start', async () => {
    const facts = [
      customers('440100', '2026-11-01', 'public_unit', 200, 0, 0),
      { origin: '440100', period: '2026-11-01', set: 'churn_by_type', dims: { type: 'competitor', status: 'confirmed' }, m: { records: 4 } },
      { origin: '440100', period: '2026-11-01', set: 'churn_by_type', dims: { type: 'competitor', status: 'open' }, m: { records: 6 } },
    ];
    const rows = await ANALYSIS_BY_NAME.get('churn')!.compute(ctx(facts), 'type');
    expect(rows).toEqual([{ code: 'competitor', customersStart: 200, lostCustomers: null, churnRate: 0.02, churnRecords: 10, confirmedChurnRecords: 4 }]);
  });

  it('service correlation: lift from holders and pairs summed over cities', async () => {
    const pair = (origin: string, both: number): FakeFact => ({ origin, period: '2026-11-01', set: 'product_pairs', dims: { product_a: 'BB', product_b: 'MOB' }, m: { customers_both: both } });
    const holders = (origin: string, product: string, n: number): FakeFact => ({ origin, period: '2026-11-01', set: 'product_holders', dims: { product }, m: { customers: n } });
    const facts = [pair('440100', 30), pair('440300', 20), holders('440100', 'BB', 60), holders('440300', 'BB', 40), holders('440100', 'MOB', 150), holders('440300', 'MOB', 50), holders('440100', '*', 300), holders('440300', '*', 200)];
    const [row] = await ANALYSIS_BY_NAME.get('service_correlation')!.compute(ctx(facts), 'pair');
    // N = 500, both = 50, BB = 100, MOB = 200: support 0.1, confidence BB⇒MOB 0.5, lift 0.1 / (0.2 × 0.4) = 1.25
    expect(row).toEqual({ code: 'BB|MOB', customersBoth: 50, holdersA: 100, holdersB: 200, support: 0.1, confidenceAB: 0.5, confidenceBA: 0.25, lift: 1.25 });
  });

  it('price elasticity: arc elasticity of usage per subscription to the average fee between two months', async () => {
    const subs = (period: string, billed: number, fee: number, usage: number): FakeFact => ({
      origin: '440100',
      period,
      set: 'subscriptions_by_plan_district',
      dims: { product: 'MOB', price_plan: 'P1', district: '440103' },
      m: { active_subscriptions: billed, new_subscriptions: 0, terminated_subscriptions: 0, billed_subscriptions: billed, monthly_fee_fen: fee, usage_records: usage, usage_charge_fen: 0, revenue_fen: fee },
    });
    // price per subscription 50 → 60 fen, usage per subscription 10 → 8
    const facts = [subs('2026-10-01', 100, 5000, 1000), subs('2026-11-01', 100, 6000, 800)];
    const [row] = await ANALYSIS_BY_NAME.get('price_elasticity')!.compute(ctx(facts, '2026-11-01', '2026-10-01'), 'product');
    expect(row).toMatchObject({ code: 'MOB', avgPriceFenPrev: 50, avgPriceFen: 60, usagePerSubPrev: 10, usagePerSub: 8 });
    expect(row.usageElasticity).toBeCloseTo(-2 / 9 / (10 / 55), 5);
    expect(row.subscriptionElasticity).toBe(0);
  });

  it('service quality and arrears: ratios of sums per row', async () => {
    const req = (origin: string, kind: string, m: Record<string, number>): FakeFact => ({ origin, period: '2026-11-01', set: 'service_requests_by_kind_month', dims: { kind, channel: 'hotline', severity: 'normal' }, m });
    const base = { opened: 0, resolved: 0, closed: 0, sla_met: 0, sla_breached: 0, first_contact_resolutions: 0, return_visits: 0, rating_sum: 0 };
    const facts = [
      req('440100', 'complaint', { ...base, resolved: 10, sla_met: 9, sla_breached: 1, first_contact_resolutions: 5, return_visits: 4, rating_sum: 18 }),
      req('440300', 'complaint', { ...base, resolved: 30, sla_met: 15, sla_breached: 15, first_contact_resolutions: 27, return_visits: 1, rating_sum: 2 }),
    ];
    const [row] = await ANALYSIS_BY_NAME.get('service_quality')!.compute(ctx(facts), 'kind');
    expect(row).toMatchObject({ slaAttainment: 0.6, firstContactRate: 0.8, averageRating: 4 });

    const arr: FakeFact = { origin: '440100', period: '2026-11-01', set: 'arrears_by_age', dims: { age_bucket: '0_30', district: '440103' }, m: { customers: 2, arrears: 3, arrears_fen: 3000, recovered_arrears: 1, recovered_fen: 1000 } };
    const [a] = await ANALYSIS_BY_NAME.get('arrears')!.compute(ctx([arr]), 'age_bucket');
    expect(a).toMatchObject({ arrearsFen: 3000, recoveredFen: 1000, recoveryRate: 0.25 });
  });

  it('campaign results: response and conversion rates from sums, uplift = target − control conversion', async () => {
    const row = (origin: string, group: string, m: Record<string, number>): FakeFact => ({
      origin,
      period: '2026-11-01',
      set: 'campaign_results',
      dims: { campaign: 'C1', directive_origin: '000000', directive_key: 'K', directive_version: '1', channel: 'sms', group },
      m: { targeted: 0, contacted: 0, responded: 0, converted: 0, revenue_fen: 0, ...m },
    });
    const facts = [
      row('440100', 'target', { targeted: 100, contacted: 80, responded: 20, converted: 10, revenue_fen: 5000 }),
      row('440300', 'target', { targeted: 300, contacted: 120, responded: 30, converted: 30 }),
      row('440100', 'control', { targeted: 50, converted: 2 }),
      row('440300', 'control', { targeted: 50, converted: 3 }),
    ];
    const [r] = await ANALYSIS_BY_NAME.get('campaign_results')!.compute(ctx(facts), 'directive_key');
    expect(r).toMatchObject({ code: 'K', targeted: 500, responseRate: 0.25, conversionRate: 0.1, controlConversionRate: 0.05, uplift: 0.05, revenueFen: 5000 });
  });

  it('customer development by channel / business hall: month facts summed across cities; totals from the same facts', async () => {
    const cust = (origin: string, channel: string, hall: string, end: number, n: number, l: number): FakeFact => ({
      origin,
      period: '2026-11-01',
      set: 'customers_by_channel_hall',
      dims: { segment: 'public_residential', channel, business_hall: hall, district: `${origin.slice(0, 4)}03` },
      m: { customers_end: end, new_customers: n, lost_customers: l },
    });
    const facts = [
      cust('440100', 'online', 'none', 110, 20, 10),
      cust('440100', 'business_hall', 'H1', 50, 5, 5),
      cust('440300', 'online', 'none', 290, 30, 40),
      cust('440300', 'unknown', 'H2', 10, 0, 0),
    ];
    const dev = ANALYSIS_BY_NAME.get('customer_development')!;
    expect(dev.groupBys).toEqual(expect.arrayContaining(['channel', 'business_hall']));
    expect(dev.factSets.map((f) => f.name)).toEqual(['customers_by_channel_hall']);
    const rows = await dev.compute(ctx(facts), 'channel');
    // online: end 400, new 50, lost 50 → start 400, growth 0
    expect(rows.find((r) => r.code === 'online')).toMatchObject({ customersStart: 400, newCustomers: 50, lostCustomers: 50, netCustomers: 0, customersEnd: 400, growthRate: 0 });
    expect(rows.find((r) => r.code === 'business_hall')).toMatchObject({ customersStart: 50, customersEnd: 50 });
    const [total] = await dev.compute(ctx(facts), 'total');
    // start 460 (Σ end 460 − Σ new 55 + Σ lost 55), growth (55 − 55) / 460
    expect(total).toMatchObject({ customersStart: 460, newCustomers: 55, lostCustomers: 55, customersEnd: 460, growthRate: 0 });
    const halls = await dev.compute(ctx(facts), 'business_hall');
    expect(halls.map((r) => r.code).sort()).toEqual(['H1', 'H2', 'none']);
    const districts = await dev.compute(ctx(facts), 'district');
    expect(districts.reduce((a, r) => a + (r.customersEnd as number), 0)).toBe(460);
  });

  it('sales performance: average order value = Σ amount / Σ orders', async () => {
    const sale = (origin: string, hall: string, orders: number, amount: number): FakeFact => ({
      origin,
      period: '2026-11-01',
      set: 'sales_by_channel',
      dims: { district: `${origin.slice(0, 4)}03`, business_hall: hall, agent: '', product: 'MOB' },
      m: { orders, order_lines: orders, amount_fen: amount },
    });
    const rows = await ANALYSIS_BY_NAME.get('sales_performance')!.compute(ctx([sale('440100', 'H1', 1, 1000), sale('440300', 'H2', 3, 9000)]), 'total');
    expect(rows).toEqual([{ code: '*', orders: 4, orderLines: 4, amountFen: 10000, averageOrderFen: 2500, amountShare: 1 }]);
  });
});
