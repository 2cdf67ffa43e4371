/**
 * Pure derivations of the analyses (分析): every rate, average, lift, elasticity and share is
 * computed here from summed additive measures, so any tier derives the same figure from the same
 * sums and no tier ever averages averages.
 */

export type Comparison = 'mom' | 'yoy';

const DIGITS = 6;
const round = (v: number): number => Math.round(v * 10 ** DIGITS) / 10 ** DIGITS;

/** numerator / denominator, rounded; null when the denominator is not positive. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator) : null;
}

/** First day of the month `months` after `month` (`YYYY-MM-01`); negative goes back. */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number);
  const idx = y * 12 + (m - 1) + months;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}-01`;
}

/** The period a comparison sets against `month`: previous month (環比) or same month last year (同比). */
export function comparisonPeriod(month: string, compare: Comparison): string {
  return addMonths(month, compare === 'mom' ? -1 : -12);
}

/** Change of a figure between two periods; null when either side is unknown. */
export function change(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  return round(current - previous);
}

/**
 * Customer flows of a period from additive day facts: the customers at the end (last day with
 * facts), the new and lost customers summed over the days; the customers at the start follow as
 * `end − new + lost` (exact when every day of the period up to the last one is present).
 */
export function customerFlows(end: number, newCustomers: number, lostCustomers: number) {
  const start = end - newCustomers + lostCustomers;
  return {
    customersStart: start,
    newCustomers,
    lostCustomers,
    netCustomers: newCustomers - lostCustomers,
    customersEnd: end,
    /** 流失率 = lost / customers at the start of the period. */
    churnRate: ratio(lostCustomers, start),
    /** 淨增長率 = (new − lost) / customers at the start. */
    growthRate: ratio(newCustomers - lostCustomers, start),
  };
}

/**
 * Association rule A ⇒ B between products (業務關聯) from sums: `both` customers hold A and B,
 * `holdersA` / `holdersB` hold each, `total` is every active customer.
 * support = both / total; confidence(A⇒B) = both / holdersA; lift = both · total / (holdersA · holdersB).
 */
export function associationRule(both: number, holdersA: number, holdersB: number, total: number) {
  return {
    support: ratio(both, total),
    confidenceAB: ratio(both, holdersA),
    confidenceBA: ratio(both, holdersB),
    lift: holdersA > 0 && holdersB > 0 && total > 0 ? round((both * total) / (holdersA * holdersB)) : null,
  };
}

/**
 * Arc (midpoint) elasticity of a quantity with respect to a price between two periods:
 * ((q1 − q0) / ((q0 + q1) / 2)) / ((p1 − p0) / ((p0 + p1) / 2)). Null when the price did not
 * change or a midpoint is zero.
 */
export function arcElasticity(q0: number | null, q1: number | null, p0: number | null, p1: number | null): number | null {
  if (q0 === null || q1 === null || p0 === null || p1 === null) return null;
  const qMid = (q0 + q1) / 2;
  const pMid = (p0 + p1) / 2;
  if (qMid === 0 || pMid === 0 || p1 === p0) return null;
  return round(((q1 - q0) / qMid) / ((p1 - p0) / pMid));
}

export interface RevenueBand {
  /** Lowest monthly billed fen of the band (inclusive). */
  minFen: number;
  /** Highest (inclusive); null for the open top band. */
  maxFen: number | null;
  customers: number;
  revenueFen: number;
}

/** `1000-2999` → [1000, 2999]; `1000000+` → [1000000, null]; anything else → null. */
export function parseRevenueBand(key: string): { minFen: number; maxFen: number | null } | null {
  const open = /^(\d+)\+$/.exec(key);
  if (open) return { minFen: Number(open[1]), maxFen: null };
  const closed = /^(\d+)-(\d+)$/.exec(key);
  return closed ? { minFen: Number(closed[1]), maxFen: Number(closed[2]) } : null;
}

export interface ParetoShare {
  /** Customers in the top fraction (may be fractional). */
  topCustomers: number;
  customers: number;
  revenueFen: number;
  /** Estimated share of revenue of the top customers: uniform revenue inside the straddling band. */
  share: number | null;
  /** Upper bound of that share (the straddling band's customers at most its upper edge, the rest at least its lower edge). */
  shareUpper: number | null;
}

/**
 * Share of revenue held by the top `fraction` of customers (帕累托, e.g. top 20 %), from band sums
 * only. Bands are taken from the highest down; whole bands count fully. In the band that straddles
 * the cut, the top `k` of its `c` customers hold at least `k × average` (the estimate, a lower
 * bound) and at most `min(k × maxFen, revenue − (c − k) × minFen)` (the upper bound). The exact
 * share lies between the two; it is exact when the cut falls on a band edge.
 */
export function paretoShare(bands: readonly RevenueBand[], fraction: number): ParetoShare {
  const customers = bands.reduce((s, b) => s + b.customers, 0);
  const revenueFen = bands.reduce((s, b) => s + b.revenueFen, 0);
  const topCustomers = customers * fraction;
  if (customers === 0 || revenueFen === 0) return { topCustomers, customers, revenueFen, share: null, shareUpper: null };
  let left = topCustomers;
  let low = 0;
  let high = 0;
  for (const b of [...bands].sort((x, y) => y.minFen - x.minFen)) {
    if (left <= 0) break;
    if (b.customers <= left) {
      low += b.revenueFen;
      high += b.revenueFen;
      left -= b.customers;
      continue;
    }
    const k = left;
    low += (k * b.revenueFen) / b.customers;
    const upperByEdge = b.maxFen === null ? b.revenueFen : k * b.maxFen;
    high += Math.min(upperByEdge, b.revenueFen - (b.customers - k) * b.minFen, b.revenueFen);
    left = 0;
  }
  return { topCustomers: round(topCustomers), customers, revenueFen, share: ratio(low, revenueFen), shareUpper: ratio(Math.max(high, low), revenueFen) };
}
