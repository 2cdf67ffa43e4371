import { INDICATOR_BY_NAME, indicatorFigure, indicatorMet, monthBounds, toMilli } from './service-indicators.util';

const def = (n: string) => INDICATOR_BY_NAME.get(n)!;

describe('service indicator arithmetic', () => {
  it('derives rates from numerator and denominator and compares exactly with the target', () => {
    expect(indicatorFigure(def('firstContactResolutionRate'), 4, 5, toMilli(0.8))).toMatchObject({ value: 0.8, met: true, target: 0.8 });
    expect(indicatorFigure(def('firstContactResolutionRate'), 3, 5, toMilli(0.8))).toMatchObject({ value: 0.6, met: false });
    expect(indicatorFigure(def('slaAttainmentRate'), 0, 0, toMilli(0.95))).toMatchObject({ value: null, met: null });
  });

  it('fault repair hours: an average of minutes, at most the target', () => {
    // 3 faults, 1500 minutes in all → 8.3333 h
    expect(indicatorFigure(def('faultRepairHours'), 1500, 3, toMilli(8))).toMatchObject({ value: 8.3333, met: false });
    expect(indicatorMet(def('faultRepairHours'), 1440, 3, toMilli(8))).toBe(true); // exactly 8 h
  });

  it('complaints per 10,000 customers, at most the target', () => {
    expect(indicatorFigure(def('complaintsPer10k'), 2, 4000, toMilli(5))).toMatchObject({ value: 5, met: true });
    expect(indicatorFigure(def('complaintsPer10k'), 3, 4000, toMilli(5))).toMatchObject({ value: 7.5, met: false });
  });

  it('a null target gives no verdict', () => {
    expect(indicatorFigure(def('slaAttainmentRate'), 1, 2, null)).toMatchObject({ target: null, met: null, value: 0.5 });
  });

  it('month bounds', () => {
    expect(monthBounds('2027-02')).toEqual({ first: '2027-02-01', last: '2027-02-28' });
    expect(monthBounds('2028-02')?.last).toBe('2028-02-29');
    expect(monthBounds('2027-13')).toBeUndefined();
    expect(monthBounds('2027-1')).toBeUndefined();
  });
});
