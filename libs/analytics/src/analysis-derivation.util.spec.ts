import { addMonths, arcElasticity, associationRule, change, comparisonPeriod, customerFlows, paretoShare, parseRevenueBand, ratio, RevenueBand } from './analysis-derivation.util';

describe('analysis derivations', () => {
  it('ratio is a ratio of sums, null without a denominator', () => {
    expect(ratio(1, 3)).toBe(0.333333);
    expect(ratio(5, 0)).toBeNull();
    // two cities: 1/10 and 30/90 → the national rate is 31/100, not the mean of the two rates
    expect(ratio(1 + 30, 10 + 90)).toBe(0.31);
    expect((1 / 10 + 30 / 90) / 2).not.toBeCloseTo(0.31);
  });

  it('months and comparisons (mom, yoy) across year ends', () => {
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(comparisonPeriod('2026-03-01', 'mom')).toBe('2026-02-01');
    expect(comparisonPeriod('2026-03-01', 'yoy')).toBe('2025-03-01');
    expect(change(12, 10)).toBe(2);
    expect(change(0.25, 0.2)).toBe(0.05);
    expect(change(null, 3)).toBeNull();
  });

  it('customer flows: start = end − new + lost; churn = lost / start', () => {
    const f = customerFlows(105, 10, 5);
    expect(f).toEqual({ customersStart: 100, newCustomers: 10, lostCustomers: 5, netCustomers: 5, customersEnd: 105, churnRate: 0.05, growthRate: 0.05 });
    expect(customerFlows(0, 0, 0).churnRate).toBeNull();
  });

  it('association rule: support, confidence and lift from sums', () => {
    // 1000 customers, 200 hold A, 100 hold B, 50 hold both: lift = 0.05 / (0.2 × 0.1) = 2.5
    expect(associationRule(50, 200, 100, 1000)).toEqual({ support: 0.05, confidenceAB: 0.25, confidenceBA: 0.5, lift: 2.5 });
    expect(associationRule(0, 0, 10, 100).lift).toBeNull();
  });

  it('arc elasticity uses midpoints and is symmetric in direction', () => {
    // price 100 → 120 (+18.18 % arc), quantity 50 → 40 (−22.22 % arc): E = −1.2222
    expect(arcElasticity(50, 40, 100, 120)).toBeCloseTo(-1.222222, 5);
    expect(arcElasticity(40, 50, 120, 100)).toBeCloseTo(-1.222222, 5);
    expect(arcElasticity(50, 40, 100, 100)).toBeNull();
    expect(arcElasticity(null, 40, 100, 120)).toBeNull();
  });

  describe('Pareto share from bands', () => {
    const bands: RevenueBand[] = [
      { minFen: 0, maxFen: 999, customers: 60, revenueFen: 30_000 },
      { minFen: 1000, maxFen: 9999, customers: 30, revenueFen: 120_000 },
      { minFen: 10000, maxFen: null, customers: 10, revenueFen: 250_000 },
    ];
    it('is exact when the cut falls on a band edge', () => {
      const p = paretoShare(bands, 0.1);
      expect(p.share).toBe(0.625);
      expect(p.shareUpper).toBe(0.625);
    });
    it('interpolates inside the straddling band and bounds the true share', () => {
      // top 20 = the 10 of the top band + 10 of the 30 in the middle band (average 4000 → 40,000)
      const p = paretoShare(bands, 0.2);
      expect(p.topCustomers).toBe(20);
      expect(p.share).toBe((250_000 + 40_000) / 400_000);
      // at most min(10 × 9999, 120,000 − 20 × 1000) = 99,990
      expect(p.shareUpper).toBe(ratio(250_000 + 99_990, 400_000));
      // any real distribution consistent with the bands lies between: e.g. the middle band's top 10 at 9,000 each
      const real = (250_000 + 90_000) / 400_000;
      expect(real).toBeGreaterThanOrEqual(p.share!);
      expect(real).toBeLessThanOrEqual(p.shareUpper!);
    });
    it('sums across cities before deriving (bands are additive)', () => {
      const a = bands.map((b) => ({ ...b, customers: b.customers / 2, revenueFen: b.revenueFen / 2 }));
      const merged = a.map((b, i) => ({ ...b, customers: b.customers + a[i].customers, revenueFen: b.revenueFen + a[i].revenueFen }));
      expect(paretoShare(merged, 0.2)).toEqual(paretoShare(bands, 0.2));
    });
    it('no revenue → null', () => {
      expect(paretoShare([], 0.2).share).toBeNull();
    });
    it('parses band keys', () => {
      expect(parseRevenueBand('1000-2999')).toEqual({ minFen: 1000, maxFen: 2999 });
      expect(parseRevenueBand('1000000+')).toEqual({ minFen: 1000000, maxFen: null });
      expect(parseRevenueBand('x')).toBeNull();
    });
  });
});
