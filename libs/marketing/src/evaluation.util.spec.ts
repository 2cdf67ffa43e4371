import { evaluateGroup, monthStart, uplift } from './evaluation.util';

const target = { targeted: 90, contacted: 60, responded: 30, converted: 9, reportedRevenueFen: 27_000, revenueBeforeFen: 900_000, revenueAfterFen: 1_080_000 };
const control = { targeted: 10, contacted: 0, responded: 0, converted: 0, reportedRevenueFen: 0, revenueBeforeFen: 100_000, revenueAfterFen: 105_000 };

describe('campaign evaluation arithmetic', () => {
  it('rates: reach over targeted, response over contacted, conversion over targeted', () => {
    expect(evaluateGroup(target)).toEqual({ ...target, reachRate: 0.6667, responseRate: 0.5, conversionRate: 0.1, revenueChangeFen: 180_000, revenueChangePerCustomerFen: 2_000 });
  });

  it('no division by zero: rates are null for an empty group', () => {
    expect(evaluateGroup({ ...control, targeted: 0, revenueBeforeFen: 0, revenueAfterFen: 0 })).toMatchObject({ reachRate: null, responseRate: null, conversionRate: null, revenueChangePerCustomerFen: null });
    expect(evaluateGroup(control)).toMatchObject({ reachRate: 0, responseRate: null, conversionRate: 0, revenueChangePerCustomerFen: 500 });
  });

  it('uplift is the target change minus the control change, per customer and in total', () => {
    // target +2,000 per customer, control +500 per customer → +1,500 × 90 customers
    expect(uplift(target, control)).toEqual({ conversionRate: 0.1, revenuePerCustomerFen: 1_500, incrementalRevenueFen: 135_000 });
    expect(uplift(target, null)).toEqual({ conversionRate: null, revenuePerCustomerFen: null, incrementalRevenueFen: null });
    expect(uplift(target, { ...control, targeted: 0 })).toEqual({ conversionRate: null, revenuePerCustomerFen: null, incrementalRevenueFen: null });
  });

  it('month arithmetic across years', () => {
    expect(monthStart('2026-12-15')).toBe('2026-12-01');
    expect(monthStart('2026-12-15', 1)).toBe('2027-01-01');
    expect(monthStart('2026-02-28', -3)).toBe('2025-11-01');
    expect(monthStart('2026-01-01', -12)).toBe('2025-01-01');
  });
});
