import { addMonths, baseline, customerFindings, inPotentialBand, isHighArrears, isHighSpend, isLowCredit, isLowSpend, isSuddenChange, SpendFacts, spendFindings } from './abnormal.rules';
import { DEFAULT_CUSTOMER_WATCH_CONFIG, resolveCustomerWatchConfig } from './customer-watch.config';
import { AbnormalKind } from './customer-watch.constants';

const c = DEFAULT_CUSTOMER_WATCH_CONFIG.abnormal;
const facts = (over: Partial<SpendFacts>): SpendFacts => ({ customerId: 'c1', service: 'all', currentFen: 5_000, previousFen: 5_000, historyFen: [5_000, 5_000, 5_000, 5_000, 5_000, 5_000], ...over });

describe('abnormal-customer rule predicates', () => {
  it('baseline: average of the months with a bill, none below the minimum history', () => {
    expect(baseline([1_000, 2_000, 3_000], 3)).toBe(2_000);
    expect(baseline([1_000, 2_000], 3)).toBeNull();
    expect(baseline([], 0)).toBeNull();
    expect(baseline([1, 2], 1)).toBe(2);
  });

  it('high spend: ≥ k × own average (edge inclusive) or ≥ the absolute bound on the whole bill', () => {
    expect(isHighSpend(facts({ currentFen: 14_999 }), c)).toBeNull();
    expect(isHighSpend(facts({ currentFen: 15_000 }), c)).toEqual({ absolute: false, relative: true });
    expect(isHighSpend(facts({ currentFen: 200_000, historyFen: [] }), c)).toEqual({ absolute: true, relative: false });
    expect(isHighSpend(facts({ service: 'data', currentFen: 200_000, historyFen: [] }), c)).toBeNull();
    expect(isHighSpend(facts({ currentFen: null }), c)).toBeNull();
    // too little history, or a baseline too small to mean anything
    expect(isHighSpend(facts({ currentFen: 15_000, historyFen: [5_000, 5_000] }), c)).toBeNull();
    expect(isHighSpend(facts({ currentFen: 3_000, historyFen: [500, 500, 500] }), c)).toBeNull();
  });

  it('low spend: ≤ average / k (edge inclusive) or ≤ the absolute bound with history', () => {
    expect(isLowSpend(facts({ currentFen: 1_667 }), c)).toBeNull();
    expect(isLowSpend(facts({ currentFen: 1_666 }), c)).toEqual({ absolute: false, relative: true });
    expect(isLowSpend(facts({ currentFen: 400, historyFen: [600] }), c)).toEqual({ absolute: true, relative: false });
    expect(isLowSpend(facts({ currentFen: 400, historyFen: [] }), c)).toBeNull();
    expect(isLowSpend(facts({ currentFen: null }), c)).toBeNull();
  });

  it('sudden change: this month vs last month by the factor, either way', () => {
    expect(isSuddenChange(facts({ currentFen: 10_000 }), c)).toEqual({ direction: 'up', ratio: 2 });
    expect(isSuddenChange(facts({ currentFen: 9_999 }), c)).toBeNull();
    expect(isSuddenChange(facts({ currentFen: 2_500 }), c)).toEqual({ direction: 'down', ratio: 0.5 });
    expect(isSuddenChange(facts({ currentFen: 2_501 }), c)).toBeNull();
    expect(isSuddenChange(facts({ previousFen: null }), c)).toBeNull();
    expect(isSuddenChange(facts({ previousFen: 999, currentFen: 10_000 }), c)).toBeNull();
  });

  it('low credit and high arrears', () => {
    const base = { customerId: 'c1', creditScore: 40, creditSource: 'interim' as const, arrearsFen: 49_999 };
    expect(isLowCredit(base, c)).toBe(false);
    expect(isLowCredit({ ...base, creditScore: 39.5 }, c)).toBe(true);
    expect(isHighArrears(base, c)).toBe(false);
    expect(isHighArrears({ ...base, arrearsFen: 50_000 }, c)).toBe(true);
    expect(customerFindings({ ...base, creditScore: 10, arrearsFen: 60_000 }, c, '2026-12').map((f) => f.kind)).toEqual([AbnormalKind.LowCredit, AbnormalKind.HighArrears]);
  });

  it('spend findings carry their evidence', () => {
    const found = spendFindings(facts({ currentFen: 20_000 }), c, '2026-12');
    expect(found.map((f) => f.kind)).toEqual([AbnormalKind.HighSpend, AbnormalKind.SuddenChange]);
    expect(found[0].evidence).toMatchObject({ period: '2026-12', currentFen: 20_000, baselineFen: 5_000, historyMonths: 6, relative: true });
    expect(spendFindings(facts({}), c, '2026-12')).toEqual([]);
  });

  it('potential band: [from, threshold)', () => {
    expect(inPotentialBand(899_900, 900_000, 1_000_000)).toBe(false);
    expect(inPotentialBand(900_000, 900_000, 1_000_000)).toBe(true);
    expect(inPotentialBand(999_999, 900_000, 1_000_000)).toBe(true);
    expect(inPotentialBand(1_000_000, 900_000, 1_000_000)).toBe(false);
  });

  it('month arithmetic', () => {
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-01');
    expect(addMonths('2026-03-01', -12)).toBe('2025-03-01');
  });
});

describe('customer-watch configuration', () => {
  it('merges overrides over the defaults and validates them', () => {
    expect(resolveCustomerWatchConfig({ abnormal: { highSpendFen: 1 } }).abnormal).toMatchObject({ highSpendFen: 1, lowSpendFen: 500 });
    expect(() => resolveCustomerWatchConfig({ abnormal: { highSpendFactor: 1 } })).toThrow(/highSpendFactor/);
    expect(() => resolveCustomerWatchConfig({ potential: { bandFromFen: 2_000_000 } })).toThrow(/bandFromFen/);
    expect(() => resolveCustomerWatchConfig({ abnormal: { arrearsFen: -1 } })).toThrow(/arrearsFen/);
    expect(() => resolveCustomerWatchConfig({ abnormal: { colour: 'red' } })).toThrow(/customerWatch\.abnormal\.colour is not a setting/);
    expect(() => resolveCustomerWatchConfig({ abnormal: { cron: 'daily' } })).toThrow(/CRM_CUSTOMER_WATCH_CONFIG[\s\S]*abnormal\.cron must be a cron pattern/);
    expect(resolveCustomerWatchConfig({})).toEqual(DEFAULT_CUSTOMER_WATCH_CONFIG);
  });
});
