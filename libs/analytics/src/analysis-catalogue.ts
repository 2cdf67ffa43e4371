import { FACT_SETS, FactSetDefinition } from '@crm/federation';
import { AnalysisColumn, AnalysisRow, ChartType } from '@crm/reporting';
import { arcElasticity, associationRule, Comparison, customerFlows, paretoShare, parseRevenueBand, ratio, RevenueBand } from './analysis-derivation.util';

/** Where the answering node stands: HQ for the nation, a province, a city. */
export type ScopeLevel = 'nation' | 'province' | 'city';

/** Summed measures of one group (`by` holds the group keys, in the order asked). */
export interface SumRow {
  by: string[];
  m: Record<string, number>;
}

export interface FactSumOptions {
  /** Dimension filters (dimension → value). */
  filters?: Record<string, string>;
  /** Month to read (first day); default the analysis' period. */
  period?: string;
}

/**
 * What an analysis may read: sums of this node's own `fact` rows for the scope, grouped by
 * `province`, `city`, `total` or dimensions of the fact set. Never a child node.
 */
export interface FactReader {
  sums(factSet: FactSetDefinition, by: string[], options?: FactSumOptions): Promise<SumRow[]>;
}

export interface AnalysisContext {
  /** Month analysed, first day. */
  period: string;
  /** Month compared with, when `compare` is given. */
  previousPeriod: string | null;
  compare: Comparison | null;
  level: ScopeLevel;
  /** Top share for the Pareto analysis, 0..1. */
  top: number;
  facts: FactReader;
}

/** A row computed by an analysis: `code` is the group key, the rest are measure values. */
export type ComputedRow = { code: string } & Record<string, number | null | string>;

export interface AnalysisDefinition {
  name: string;
  titleZh: string;
  titleEn: string;
  /** The question the analysis answers (for the list and the docs). */
  question: string;
  factSets: FactSetDefinition[];
  charts: ChartType[];
  /** Measures plotted by default (pie: the first). */
  chartSeries: string[];
  /** Allowed `groupBy` values. */
  groupBys: string[];
  /** Default `groupBy` for the scope level. */
  defaultGroupBy: (level: ScopeLevel) => string;
  measures: AnalysisColumn[];
  /** Measures that are stocks or ratios are compared too; set false to skip mom/yoy columns (the analysis compares itself). */
  comparable?: boolean;
  /** Needs a comparison period (price elasticity); `compare` defaults to mom. */
  needsComparison?: boolean;
  /** Whether a totals row makes sense (false for product pairs). */
  totals?: boolean;
  compute(ctx: AnalysisContext, groupBy: string): Promise<ComputedRow[]>;
}

const count = (key: string, zh: string, en: string): AnalysisColumn => ({ key, labelZh: zh, labelEn: en, kind: 'measure', unit: 'count' });
const fen = (key: string, zh: string, en: string): AnalysisColumn => ({ key, labelZh: zh, labelEn: en, kind: 'measure', unit: 'fen' });
const rate = (key: string, zh: string, en: string): AnalysisColumn => ({ key, labelZh: zh, labelEn: en, kind: 'measure', unit: 'rate' });
const number = (key: string, zh: string, en: string): AnalysisColumn => ({ key, labelZh: zh, labelEn: en, kind: 'measure', unit: 'number' });

const AREA = ['province', 'city'];
const areaFirst = (cityDefault: string) => (level: ScopeLevel): string => (level === 'nation' ? 'province' : level === 'province' ? 'city' : cityDefault);
const always = (groupBy: string) => (): string => groupBy;
const isArea = (g: string): boolean => g === 'province' || g === 'city' || g === 'total';

/** Sums grouped by one key, as a map key → measures. */
async function sumMap(ctx: AnalysisContext, def: FactSetDefinition, groupBy: string, options?: FactSumOptions): Promise<Map<string, Record<string, number>>> {
  return new Map((await ctx.facts.sums(def, [groupBy], options)).map((r) => [r.by[0], r.m]));
}

const v = (m: Record<string, number> | undefined, key: string): number => m?.[key] ?? 0;

// ───────────────────────────── customer development / churn ─────────────────────────────

/**
 * customers_by_channel_hall (month): customers at the month's end, new and lost in the month, by
 * segment, district, acquisition channel and business hall — one slice per city and month, so a
 * month's flows are read from twelve slices a year instead of 365 daily ones; start = end − new + lost.
 */
const CUSTOMERS = FACT_SETS.customersByChannelHall;

async function flowsBy(ctx: AnalysisContext, groupBy: string) {
  const rows = await ctx.facts.sums(CUSTOMERS, [groupBy]);
  return rows.map((r) => ({ code: r.by[0], ...customerFlows(v(r.m, 'customers_end'), v(r.m, 'new_customers'), v(r.m, 'lost_customers')) }));
}

const customerDevelopment: AnalysisDefinition = {
  name: 'customer_development',
  titleZh: '客戶發展分析',
  titleEn: 'Customer development',
  question: 'How many customers were gained and lost in the month, and how did the base grow, by area, segment, district, acquisition channel or business hall?',
  factSets: [CUSTOMERS],
  charts: ['bar', 'stacked', 'line', 'pie'],
  chartSeries: ['newCustomers', 'lostCustomers', 'netCustomers'],
  groupBys: [...AREA, 'segment', 'district', 'channel', 'business_hall'],
  defaultGroupBy: areaFirst('district'),
  measures: [
    count('customersStart', '期初客戶數', 'Customers at start'),
    count('newCustomers', '新增客戶', 'New customers'),
    count('lostCustomers', '流失客戶', 'Lost customers'),
    count('netCustomers', '淨增客戶', 'Net growth'),
    count('customersEnd', '期末客戶數', 'Customers at end'),
    rate('growthRate', '淨增長率', 'Net growth rate'),
  ],
  async compute(ctx, groupBy) {
    const flows = await flowsBy(ctx, groupBy);
    return flows.map(({ code, customersStart, newCustomers, lostCustomers, netCustomers, customersEnd, growthRate }) => ({
      code,
      customersStart,
      newCustomers,
      lostCustomers,
      netCustomers,
      customersEnd,
      growthRate,
    }));
  },
};

const CHURN = FACT_SETS.churnByType;

const churn: AnalysisDefinition = {
  name: 'churn',
  titleZh: '客戶流失分析',
  titleEn: 'Customer churn',
  question: 'What share of the customers at the start of the month was lost, by area, segment, district or churn type?',
  factSets: [CUSTOMERS, CHURN],
  charts: ['bar', 'line', 'pie'],
  chartSeries: ['churnRate'],
  groupBys: [...AREA, 'segment', 'district', 'type'],
  defaultGroupBy: areaFirst('segment'),
  measures: [
    count('customersStart', '期初客戶數', 'Customers at start'),
    count('lostCustomers', '流失客戶', 'Lost customers'),
    rate('churnRate', '流失率', 'Churn rate'),
    count('churnRecords', '流失記錄', 'Churn records'),
    count('confirmedChurnRecords', '已確認流失', 'Confirmed churn records'),
  ],
  async compute(ctx, groupBy) {
    if (groupBy === 'type') {
      const [scope] = await flowsBy(ctx, 'total');
      const start = scope?.customersStart ?? 0;
      const all = await sumMap(ctx, CHURN, 'type');
      const confirmed = await sumMap(ctx, CHURN, 'type', { filters: { status: 'confirmed' } });
      return [...all.keys()].sort().map((type) => ({
        code: type,
        customersStart: start,
        lostCustomers: null,
        churnRate: ratio(v(confirmed.get(type), 'records'), start),
        churnRecords: v(all.get(type), 'records'),
        confirmedChurnRecords: v(confirmed.get(type), 'records'),
      }));
    }
    const flows = await flowsBy(ctx, groupBy);
    const records = isArea(groupBy) ? await sumMap(ctx, CHURN, groupBy) : null;
    const confirmed = isArea(groupBy) ? await sumMap(ctx, CHURN, groupBy, { filters: { status: 'confirmed' } }) : null;
    return flows.map((f) => ({
      code: f.code,
      customersStart: f.customersStart,
      lostCustomers: f.lostCustomers,
      churnRate: f.churnRate,
      churnRecords: records ? v(records.get(f.code), 'records') : null,
      confirmedChurnRecords: confirmed ? v(confirmed.get(f.code), 'records') : null,
    }));
  },
};

// ───────────────────────────── customer contribution (Pareto) ─────────────────────────────

const BANDS = FACT_SETS.customerRevenueBands;

function toBands(rows: { band: string; m: Record<string, number> }[]): RevenueBand[] {
  return rows.flatMap((r) => {
    const b = parseRevenueBand(r.band);
    return b ? [{ ...b, customers: v(r.m, 'customers'), revenueFen: v(r.m, 'revenue_fen') }] : [];
  });
}

const customerContribution: AnalysisDefinition = {
  name: 'customer_contribution',
  titleZh: '客戶貢獻分析',
  titleEn: 'Customer contribution',
  question: 'What share of the billed revenue do the top N % of customers bring (Pareto), overall, per segment or per area, and how are customers spread over revenue bands?',
  factSets: [BANDS],
  charts: ['bar', 'line', 'pie'],
  chartSeries: ['revenueFen'],
  groupBys: [...AREA, 'segment', 'band'],
  defaultGroupBy: areaFirst('segment'),
  measures: [
    count('customers', '計費客戶數', 'Billed customers'),
    fen('revenueFen', '出賬收入', 'Billed revenue'),
    fen('averageRevenueFen', '戶均收入', 'Revenue per customer'),
    rate('topShare', '頭部客戶收入佔比（估計）', 'Top customers\' revenue share (estimate)'),
    rate('topShareUpper', '頭部客戶收入佔比上限', 'Top customers\' revenue share (upper bound)'),
    rate('customerShare', '客戶佔比', 'Share of customers'),
    rate('revenueShare', '收入佔比', 'Share of revenue'),
    rate('cumulativeCustomerShare', '累計客戶佔比', 'Cumulative share of customers'),
    rate('cumulativeRevenueShare', '累計收入佔比', 'Cumulative share of revenue'),
  ],
  async compute(ctx, groupBy) {
    if (groupBy === 'band') {
      const rows = toBands((await ctx.facts.sums(BANDS, ['band'])).map((r) => ({ band: r.by[0], m: r.m }))).sort((a, b) => b.minFen - a.minFen);
      const customers = rows.reduce((s, b) => s + b.customers, 0);
      const revenue = rows.reduce((s, b) => s + b.revenueFen, 0);
      let cc = 0;
      let cr = 0;
      return rows.map((b) => {
        cc += b.customers;
        cr += b.revenueFen;
        return {
          code: b.maxFen === null ? `${b.minFen}+` : `${b.minFen}-${b.maxFen}`,
          customers: b.customers,
          revenueFen: b.revenueFen,
          averageRevenueFen: ratio(b.revenueFen, b.customers),
          topShare: null,
          topShareUpper: null,
          customerShare: ratio(b.customers, customers),
          revenueShare: ratio(b.revenueFen, revenue),
          cumulativeCustomerShare: ratio(cc, customers),
          cumulativeRevenueShare: ratio(cr, revenue),
        };
      });
    }
    const rows = await ctx.facts.sums(BANDS, [groupBy, 'band']);
    const groups = new Map<string, { band: string; m: Record<string, number> }[]>();
    for (const r of rows) groups.set(r.by[0], [...(groups.get(r.by[0]) ?? []), { band: r.by[1], m: r.m }]);
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, bands]) => {
      const p = paretoShare(toBands(bands), ctx.top);
      return {
        code,
        customers: p.customers,
        revenueFen: p.revenueFen,
        averageRevenueFen: ratio(p.revenueFen, p.customers),
        topShare: p.share,
        topShareUpper: p.shareUpper,
        customerShare: null,
        revenueShare: null,
        cumulativeCustomerShare: null,
        cumulativeRevenueShare: null,
      };
    });
  },
};

// ───────────────────────────── arrears ─────────────────────────────

const ARREARS = FACT_SETS.arrearsByAge;

const arrears: AnalysisDefinition = {
  name: 'arrears',
  titleZh: '欠費分析',
  titleEn: 'Arrears',
  question: 'How much is owed, how old is it, and how much of it was recovered in the month (recovery rate)?',
  factSets: [ARREARS],
  charts: ['bar', 'stacked', 'pie', 'line'],
  chartSeries: ['arrearsFen', 'recoveredFen'],
  groupBys: [...AREA, 'age_bucket', 'district'],
  defaultGroupBy: areaFirst('age_bucket'),
  measures: [
    fen('arrearsFen', '欠費金額', 'Arrears'),
    count('customers', '欠費客戶數', 'Customers in arrears'),
    count('arrears', '欠費筆數', 'Arrear records'),
    fen('recoveredFen', '當月回收金額', 'Recovered in the month'),
    count('recoveredArrears', '當月回收筆數', 'Arrears recovered'),
    rate('recoveryRate', '回收率', 'Recovery rate'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(ARREARS, [groupBy]);
    return rows.map((r) => ({
      code: r.by[0],
      arrearsFen: v(r.m, 'arrears_fen'),
      customers: v(r.m, 'customers'),
      arrears: v(r.m, 'arrears'),
      recoveredFen: v(r.m, 'recovered_fen'),
      recoveredArrears: v(r.m, 'recovered_arrears'),
      recoveryRate: ratio(v(r.m, 'recovered_fen'), v(r.m, 'recovered_fen') + v(r.m, 'arrears_fen')),
    }));
  },
};

// ───────────────────────────── service development / elasticity ─────────────────────────────

const SUBS = FACT_SETS.subscriptionsByPlanDistrict;

const serviceDevelopment: AnalysisDefinition = {
  name: 'service_development',
  titleZh: '業務發展分析',
  titleEn: 'Service development',
  question: 'How many subscriptions does each product / price plan have, how many were added and terminated, and what revenue do they bring?',
  factSets: [SUBS],
  charts: ['bar', 'stacked', 'pie', 'line'],
  chartSeries: ['activeSubscriptions', 'newSubscriptions', 'terminatedSubscriptions'],
  groupBys: [...AREA, 'product', 'price_plan', 'district'],
  defaultGroupBy: always('product'),
  measures: [
    count('activeSubscriptions', '在網用戶（期末）', 'Active subscriptions (end)'),
    count('newSubscriptions', '新增用戶', 'New subscriptions'),
    count('terminatedSubscriptions', '拆機用戶', 'Terminated subscriptions'),
    count('netSubscriptions', '淨增用戶', 'Net subscriptions'),
    fen('revenueFen', '業務收入', 'Revenue'),
    fen('usageChargeFen', '使用費', 'Usage charges'),
    fen('arpuFen', '每用戶收入', 'Revenue per subscription (ARPU)'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(SUBS, [groupBy]);
    return rows.map((r) => ({
      code: r.by[0],
      activeSubscriptions: v(r.m, 'active_subscriptions'),
      newSubscriptions: v(r.m, 'new_subscriptions'),
      terminatedSubscriptions: v(r.m, 'terminated_subscriptions'),
      netSubscriptions: v(r.m, 'new_subscriptions') - v(r.m, 'terminated_subscriptions'),
      revenueFen: v(r.m, 'revenue_fen'),
      usageChargeFen: v(r.m, 'usage_charge_fen'),
      arpuFen: ratio(v(r.m, 'revenue_fen'), v(r.m, 'billed_subscriptions')),
    }));
  },
};

const priceElasticity: AnalysisDefinition = {
  name: 'price_elasticity',
  titleZh: '價格彈性分析',
  titleEn: 'Price elasticity',
  question: 'How did usage, subscriptions and revenue respond to the change of the average price (monthly fee per subscription) between two periods (arc elasticity)?',
  factSets: [SUBS],
  charts: ['bar', 'line'],
  chartSeries: ['usageElasticity', 'revenueElasticity', 'subscriptionElasticity'],
  groupBys: [...AREA, 'product', 'price_plan'],
  defaultGroupBy: always('product'),
  comparable: false,
  needsComparison: true,
  measures: [
    count('subscriptionsPrev', '上期計費用戶', 'Billed subscriptions (previous)'),
    count('subscriptions', '本期計費用戶', 'Billed subscriptions'),
    fen('avgPriceFenPrev', '上期平均月費', 'Average monthly fee (previous)'),
    fen('avgPriceFen', '本期平均月費', 'Average monthly fee'),
    number('usagePerSubPrev', '上期戶均話單數', 'Usage records per subscription (previous)'),
    number('usagePerSub', '本期戶均話單數', 'Usage records per subscription'),
    fen('revenueFenPrev', '上期收入', 'Revenue (previous)'),
    fen('revenueFen', '本期收入', 'Revenue'),
    number('usageElasticity', '使用量彈性', 'Usage elasticity'),
    number('subscriptionElasticity', '用戶數彈性', 'Subscription elasticity'),
    number('revenueElasticity', '收入彈性', 'Revenue elasticity'),
  ],
  async compute(ctx, groupBy) {
    const cur = await sumMap(ctx, SUBS, groupBy);
    const prev = await sumMap(ctx, SUBS, groupBy, { period: ctx.previousPeriod ?? undefined });
    const keys = [...new Set([...cur.keys(), ...prev.keys()])].sort();
    return keys.map((code) => {
      const c = cur.get(code);
      const p = prev.get(code);
      const price = (m?: Record<string, number>) => ratio(v(m, 'monthly_fee_fen'), v(m, 'billed_subscriptions'));
      const usage = (m?: Record<string, number>) => ratio(v(m, 'usage_records'), v(m, 'billed_subscriptions'));
      const [p0, p1] = [price(p), price(c)];
      return {
        code,
        subscriptionsPrev: v(p, 'billed_subscriptions'),
        subscriptions: v(c, 'billed_subscriptions'),
        avgPriceFenPrev: p0,
        avgPriceFen: p1,
        usagePerSubPrev: usage(p),
        usagePerSub: usage(c),
        revenueFenPrev: v(p, 'revenue_fen'),
        revenueFen: v(c, 'revenue_fen'),
        usageElasticity: arcElasticity(usage(p), usage(c), p0, p1),
        subscriptionElasticity: arcElasticity(v(p, 'billed_subscriptions'), v(c, 'billed_subscriptions'), p0, p1),
        revenueElasticity: arcElasticity(v(p, 'revenue_fen'), v(c, 'revenue_fen'), p0, p1),
      };
    });
  },
};

// ───────────────────────────── service correlation ─────────────────────────────

const HOLDERS = FACT_SETS.productHolders;
const PAIRS = FACT_SETS.productPairs;

const serviceCorrelation: AnalysisDefinition = {
  name: 'service_correlation',
  titleZh: '業務關聯分析',
  titleEn: 'Service correlation',
  question: 'Which products are held together (support, confidence and lift of A ⇒ B among active customers)?',
  factSets: [PAIRS, HOLDERS],
  charts: ['bar'],
  chartSeries: ['lift'],
  groupBys: ['pair'],
  defaultGroupBy: always('pair'),
  totals: false,
  measures: [
    count('customersBoth', '同時持有客戶數', 'Customers holding both'),
    count('holdersA', '持有A客戶數', 'Holders of A'),
    count('holdersB', '持有B客戶數', 'Holders of B'),
    rate('support', '支持度', 'Support'),
    rate('confidenceAB', '置信度 A⇒B', 'Confidence A⇒B'),
    rate('confidenceBA', '置信度 B⇒A', 'Confidence B⇒A'),
    number('lift', '提升度', 'Lift'),
  ],
  async compute(ctx) {
    const holders = await sumMap(ctx, HOLDERS, 'product');
    const total = v(holders.get('*'), 'customers');
    const pairs = await ctx.facts.sums(PAIRS, ['product_a', 'product_b']);
    return pairs
      .map((r) => {
        const [a, b] = r.by;
        const both = v(r.m, 'customers_both');
        const ha = v(holders.get(a), 'customers');
        const hb = v(holders.get(b), 'customers');
        return { code: `${a}|${b}`, customersBoth: both, holdersA: ha, holdersB: hb, ...associationRule(both, ha, hb, total) };
      })
      .sort((x, y) => (y.lift ?? -1) - (x.lift ?? -1) || y.customersBoth - x.customersBoth);
  },
};

// ───────────────────────────── market competition ─────────────────────────────

const SEGMENTS = FACT_SETS.segmentsByDimension;

const marketCompetition: AnalysisDefinition = {
  name: 'market_competition',
  titleZh: '市場競爭分析',
  titleEn: 'Market competition',
  question: 'How many customers are competitors\' or interconnected customers (relationship segments), and what share of the relationship base are they?',
  factSets: [SEGMENTS],
  charts: ['bar', 'pie', 'stacked'],
  chartSeries: ['competitorCustomers', 'interconnectedCustomers'],
  groupBys: [...AREA, 'segment'],
  defaultGroupBy: areaFirst('segment'),
  measures: [
    count('customers', '客戶數', 'Customers'),
    count('competitorCustomers', '競爭對手客戶', 'Competitors\' customers'),
    count('interconnectedCustomers', '互連互通客戶', 'Interconnected customers'),
    rate('competitorShare', '競爭對手客戶佔比', 'Share of competitors\' customers'),
    rate('interconnectedShare', '互連互通客戶佔比', 'Share of interconnected customers'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(SEGMENTS, groupBy === 'segment' ? ['total', 'segment'] : [groupBy, 'segment'], { filters: { dimension: 'relationship' } });
    const groups = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const key = groupBy === 'segment' ? r.by[1] : r.by[0];
      const seg = r.by[1];
      const g = groups.get(key) ?? new Map<string, number>();
      g.set(seg, (g.get(seg) ?? 0) + v(r.m, 'customers'));
      groups.set(key, g);
    }
    const base = groupBy === 'segment' ? rows.reduce((s, r) => s + v(r.m, 'customers'), 0) : 0;
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, g]) => {
      const customers = [...g.values()].reduce((s, n) => s + n, 0);
      const competitor = g.get('competitor') ?? 0;
      const interconnected = g.get('interconnected') ?? 0;
      const denominator = groupBy === 'segment' ? base : customers;
      return {
        code,
        customers,
        competitorCustomers: competitor,
        interconnectedCustomers: interconnected,
        competitorShare: ratio(competitor, denominator),
        interconnectedShare: ratio(interconnected, denominator),
      };
    });
  },
};

// ───────────────────────────── abnormal customers ─────────────────────────────

const ABNORMAL = FACT_SETS.abnormalByKind;

const abnormalCustomers: AnalysisDefinition = {
  name: 'abnormal_customers',
  titleZh: '異常客戶分析',
  titleEn: 'Abnormal customers',
  question: 'How many abnormal-customer cases (high spend, high arrears, …) were raised in the billing month, and how many were confirmed?',
  factSets: [ABNORMAL],
  charts: ['bar', 'pie', 'stacked'],
  chartSeries: ['cases', 'confirmedCases'],
  groupBys: [...AREA, 'kind', 'status'],
  defaultGroupBy: always('kind'),
  measures: [
    count('cases', '異常個案', 'Cases'),
    count('openCases', '待處理', 'Open'),
    count('confirmedCases', '已確認', 'Confirmed'),
    count('dismissedCases', '已排除', 'Dismissed'),
    count('closedCases', '已關閉', 'Closed'),
    rate('confirmationRate', '確認率', 'Confirmation rate'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(ABNORMAL, [groupBy, 'status']);
    const groups = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const g = groups.get(r.by[0]) ?? {};
      g[r.by[1]] = (g[r.by[1]] ?? 0) + v(r.m, 'cases');
      groups.set(r.by[0], g);
    }
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, g]) => {
      const cases = Object.values(g).reduce((s, n) => s + n, 0);
      return {
        code,
        cases,
        openCases: g.open ?? 0,
        confirmedCases: g.confirmed ?? 0,
        dismissedCases: g.dismissed ?? 0,
        closedCases: g.closed ?? 0,
        confirmationRate: ratio(g.confirmed ?? 0, (g.confirmed ?? 0) + (g.dismissed ?? 0)),
      };
    });
  },
};

// ───────────────────────────── score distributions ─────────────────────────────

const SCORES = FACT_SETS.scoreBandsByKind;

function scoreDistribution(kind: 'satisfaction' | 'loyalty' | 'credit', zh: string, en: string): AnalysisDefinition {
  return {
    name: `${kind}_distribution`,
    titleZh: `${zh}分佈分析`,
    titleEn: `${en} distribution`,
    question: `How are customers spread over the ${kind} bands, and what is the average ${kind} score (Σ score / Σ customers)?`,
    factSets: [SCORES],
    charts: ['bar', 'pie', 'line'],
    chartSeries: ['customers'],
    groupBys: [...AREA, 'band'],
    defaultGroupBy: always('band'),
    measures: [
      count('customers', '客戶數', 'Customers'),
      rate('share', '佔比', 'Share'),
      number('averageScore', `平均${zh}`, `Average ${kind} score`),
    ],
    async compute(ctx, groupBy) {
      const rows = await ctx.facts.sums(SCORES, [groupBy], { filters: { kind } });
      const total = rows.reduce((s, r) => s + v(r.m, 'customers'), 0);
      return rows.map((r) => ({
        code: r.by[0],
        customers: v(r.m, 'customers'),
        share: ratio(v(r.m, 'customers'), total),
        averageScore: ratio(v(r.m, 'score_sum_centi') / 100, v(r.m, 'customers')),
      }));
    },
  };
}

// ───────────────────────────── service quality ─────────────────────────────

/** The monthly set: one slice per city and month (the daily set has the same figures per day). */
const REQUESTS = FACT_SETS.serviceRequestsByKindMonth;

const serviceQuality: AnalysisDefinition = {
  name: 'service_quality',
  titleZh: '服務質量分析',
  titleEn: 'Service quality',
  question: 'How many service requests were opened and resolved, what share met the SLA, what share was resolved at first contact, and how satisfied were customers in return visits?',
  factSets: [REQUESTS],
  charts: ['bar', 'line', 'pie'],
  chartSeries: ['slaAttainment', 'firstContactRate'],
  groupBys: [...AREA, 'kind', 'channel', 'severity'],
  defaultGroupBy: areaFirst('kind'),
  measures: [
    count('opened', '受理量', 'Opened'),
    count('resolved', '解決量', 'Resolved'),
    count('closed', '關閉量', 'Closed'),
    rate('slaAttainment', '時限達標率', 'SLA attainment'),
    rate('firstContactRate', '首問解決率', 'First-contact resolution rate'),
    count('returnVisits', '回訪數', 'Return visits'),
    number('averageRating', '平均評分', 'Average rating'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(REQUESTS, [groupBy]);
    return rows.map((r) => ({
      code: r.by[0],
      opened: v(r.m, 'opened'),
      resolved: v(r.m, 'resolved'),
      closed: v(r.m, 'closed'),
      slaAttainment: ratio(v(r.m, 'sla_met'), v(r.m, 'sla_met') + v(r.m, 'sla_breached')),
      firstContactRate: ratio(v(r.m, 'first_contact_resolutions'), v(r.m, 'resolved')),
      returnVisits: v(r.m, 'return_visits'),
      averageRating: ratio(v(r.m, 'rating_sum'), v(r.m, 'return_visits')),
    }));
  },
};

// ───────────────────────────── consumption patterns ─────────────────────────────

const USAGE = FACT_SETS.usagePatterns;

const consumptionPatterns: AnalysisDefinition = {
  name: 'consumption_patterns',
  titleZh: '消費模式分析',
  titleEn: 'Consumption patterns',
  question: 'When and how do customers use the services: usage by time band, service, call type and direction?',
  factSets: [USAGE],
  charts: ['bar', 'stacked', 'pie', 'line'],
  chartSeries: ['records'],
  groupBys: [...AREA, 'time_band', 'service', 'call_type', 'direction'],
  defaultGroupBy: always('time_band'),
  measures: [
    count('records', '話單數', 'Usage records'),
    rate('recordShare', '話單佔比', 'Share of records'),
    number('durationMinutes', '通話分鐘', 'Minutes'),
    number('volumeMb', '流量（MB）', 'Data (MB)'),
    fen('chargeFen', '使用費', 'Usage charges'),
    fen('averageChargeFen', '每話單費用', 'Charge per record'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(USAGE, [groupBy]);
    const total = rows.reduce((s, r) => s + v(r.m, 'records'), 0);
    return rows.map((r) => ({
      code: r.by[0],
      records: v(r.m, 'records'),
      recordShare: ratio(v(r.m, 'records'), total),
      durationMinutes: ratio(v(r.m, 'duration_seconds'), 60) ?? 0,
      volumeMb: ratio(v(r.m, 'volume_kb'), 1024) ?? 0,
      chargeFen: v(r.m, 'charge_fen'),
      averageChargeFen: ratio(v(r.m, 'charge_fen'), v(r.m, 'records')),
    }));
  },
};

// ───────────────────────────── marketing and sales (fact sets of @crm/marketing, @crm/sales) ─────────────────────────────

const CAMPAIGNS = FACT_SETS.campaignResults;

const campaignResults: AnalysisDefinition = {
  name: 'campaign_results',
  titleZh: '營銷活動效果分析',
  titleEn: 'Campaign results',
  question: 'How many targeted customers were contacted, responded and converted, what revenue followed, and how much better did the target group do than the control group?',
  factSets: [CAMPAIGNS],
  charts: ['bar', 'stacked', 'line', 'pie'],
  chartSeries: ['targeted', 'contacted', 'responded', 'converted'],
  groupBys: [...AREA, 'campaign', 'directive_key', 'channel', 'group'],
  defaultGroupBy: (level) => (level === 'city' ? 'campaign' : 'directive_key'),
  measures: [
    count('targeted', '目標客戶', 'Targeted'),
    count('contacted', '接觸客戶', 'Contacted'),
    count('responded', '響應客戶', 'Responded'),
    count('converted', '轉化客戶', 'Converted'),
    fen('revenueFen', '活動收入', 'Revenue'),
    rate('responseRate', '響應率', 'Response rate'),
    rate('conversionRate', '轉化率', 'Conversion rate'),
    rate('controlConversionRate', '對照組轉化率', 'Control group conversion rate'),
    rate('uplift', '提升（目標 − 對照）', 'Uplift (target − control)'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(CAMPAIGNS, [groupBy, 'group']);
    const groups = new Map<string, { all: Record<string, number>; target: Record<string, number>; control: Record<string, number> }>();
    const add = (into: Record<string, number>, m: Record<string, number>) => {
      for (const [k, n] of Object.entries(m)) into[k] = (into[k] ?? 0) + n;
    };
    for (const r of rows) {
      const g = groups.get(r.by[0]) ?? { all: {}, target: {}, control: {} };
      add(g.all, r.m);
      if (r.by[1] === 'control') add(g.control, r.m);
      else add(g.target, r.m);
      groups.set(r.by[0], g);
    }
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, g]) => {
      const conversion = ratio(v(g.target, 'converted'), v(g.target, 'targeted'));
      const control = ratio(v(g.control, 'converted'), v(g.control, 'targeted'));
      return {
        code,
        targeted: v(g.all, 'targeted'),
        contacted: v(g.all, 'contacted'),
        responded: v(g.all, 'responded'),
        converted: v(g.all, 'converted'),
        revenueFen: v(g.all, 'revenue_fen'),
        responseRate: ratio(v(g.target, 'responded'), v(g.target, 'contacted')),
        conversionRate: conversion,
        controlConversionRate: control,
        uplift: conversion !== null && control !== null ? Math.round((conversion - control) * 1e6) / 1e6 : null,
      };
    });
  },
};

const SALES = FACT_SETS.salesByChannel;

const salesPerformance: AnalysisDefinition = {
  name: 'sales_performance',
  titleZh: '銷售業績分析',
  titleEn: 'Sales performance',
  question: 'How many orders and how much sales amount per area, business hall, agent or product, and the average order value?',
  factSets: [SALES],
  charts: ['bar', 'pie', 'line', 'stacked'],
  chartSeries: ['amountFen'],
  groupBys: [...AREA, 'district', 'business_hall', 'agent', 'product'],
  defaultGroupBy: areaFirst('business_hall'),
  measures: [
    count('orders', '訂單數', 'Orders'),
    count('orderLines', '訂單行數', 'Order lines'),
    fen('amountFen', '銷售額', 'Sales amount'),
    fen('averageOrderFen', '平均訂單金額', 'Average order value'),
    rate('amountShare', '銷售額佔比', 'Share of sales amount'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(SALES, [groupBy]);
    const total = rows.reduce((s, r) => s + v(r.m, 'amount_fen'), 0);
    return rows.map((r) => ({
      code: r.by[0],
      orders: v(r.m, 'orders'),
      orderLines: v(r.m, 'order_lines'),
      amountFen: v(r.m, 'amount_fen'),
      averageOrderFen: ratio(v(r.m, 'amount_fen'), v(r.m, 'orders')),
      amountShare: ratio(v(r.m, 'amount_fen'), total),
    }));
  },
};

const PIPELINE = FACT_SETS.salesPipelineByStage;

const salesPipeline: AnalysisDefinition = {
  name: 'sales_pipeline',
  titleZh: '商機漏斗分析',
  titleEn: 'Sales pipeline',
  question: 'How many opportunities are in each stage and what are they expected to be worth?',
  factSets: [PIPELINE],
  charts: ['bar', 'pie'],
  chartSeries: ['opportunities'],
  groupBys: [...AREA, 'stage'],
  defaultGroupBy: always('stage'),
  measures: [
    count('opportunities', '商機數', 'Opportunities'),
    fen('expectedValueFen', '預計金額', 'Expected value'),
    rate('share', '佔比', 'Share'),
  ],
  async compute(ctx, groupBy) {
    const rows = await ctx.facts.sums(PIPELINE, [groupBy]);
    const total = rows.reduce((s, r) => s + v(r.m, 'opportunities'), 0);
    return rows.map((r) => ({ code: r.by[0], opportunities: v(r.m, 'opportunities'), expectedValueFen: v(r.m, 'expected_value_fen'), share: ratio(v(r.m, 'opportunities'), total) }));
  },
};

export const ANALYSES: readonly AnalysisDefinition[] = [
  customerDevelopment,
  churn,
  customerContribution,
  arrears,
  serviceDevelopment,
  serviceCorrelation,
  priceElasticity,
  marketCompetition,
  abnormalCustomers,
  scoreDistribution('satisfaction', '滿意度', 'Satisfaction'),
  scoreDistribution('loyalty', '忠誠度', 'Loyalty'),
  scoreDistribution('credit', '信用度', 'Credit'),
  serviceQuality,
  consumptionPatterns,
  campaignResults,
  salesPerformance,
  salesPipeline,
];

export const ANALYSIS_BY_NAME: ReadonlyMap<string, AnalysisDefinition> = new Map(ANALYSES.map((a) => [a.name, a]));

/** Bilingual labels of the grouping column. */
export const GROUP_LABELS: Record<string, [string, string]> = {
  total: ['合計', 'Total'],
  province: ['省份', 'Province'],
  city: ['城市', 'City'],
  segment: ['客戶分類', 'Segment'],
  district: ['區縣', 'District'],
  type: ['流失類型', 'Churn type'],
  band: ['區間', 'Band'],
  age_bucket: ['賬齡', 'Age bucket'],
  product: ['產品', 'Product'],
  price_plan: ['資費套餐', 'Price plan'],
  pair: ['產品組合 A × B', 'Product pair A × B'],
  kind: ['類別', 'Kind'],
  status: ['狀態', 'Status'],
  channel: ['渠道', 'Channel'],
  severity: ['嚴重程度', 'Severity'],
  time_band: ['時段', 'Time band'],
  service: ['業務', 'Service'],
  call_type: ['通話類型', 'Call type'],
  direction: ['方向', 'Direction'],
  campaign: ['營銷活動', 'Campaign'],
  directive_key: ['上級活動指令', 'Directive'],
  group: ['組別', 'Group'],
  business_hall: ['營業廳', 'Business hall'],
  agent: ['代理商', 'Agent'],
  stage: ['階段', 'Stage'],
};

export type AnalysisRows = AnalysisRow[];
