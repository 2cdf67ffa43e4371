import { churnInputFromRow, ChurnSourceRow, isSenior, monthsBetween } from './churn-input.mapper';
import { churnFeatures, churnFeatureNames } from './churn-features.util';

const asOf = new Date('2026-12-01T00:00:00Z');
const row = (overrides: Partial<ChurnSourceRow> = {}): ChurnSourceRow => ({
  customer_id: '00000000-0000-4000-8000-000000000001',
  customer_type: 'public_residential',
  birth_date: '1980-05-01',
  created_at: new Date('2025-12-01T00:00:00Z'),
  first_started_at: new Date('2024-12-01T00:00:00Z'),
  fixed_lines: '1',
  mobile_lines: 2,
  broadband_lines: 1,
  dsl_lines: 0,
  iptv: 1,
  bundles: 0,
  payment_method: 'bank_withholding',
  monthly_charges_fen: '12900',
  total_charges_fen: '300000',
  ...overrides,
});

describe('churnInputFromRow (DB → ChurnInput)', () => {
  it('maps counts, tenure from the earliest subscription, payment method and bills', () => {
    expect(churnInputFromRow(row(), asOf)).toEqual({
      customerType: 'public_residential',
      tenureMonths: 24,
      fixedLines: 1,
      mobileLines: 2,
      broadband: 'fibre',
      iptv: 1,
      bundles: 0,
      addOns: [],
      contractMonths: 0,
      paymentMethod: 'bank_withholding',
      paperlessBill: false,
      monthlyChargesFen: 12_900,
      totalChargesFen: 300_000,
      senior: false,
      partner: false,
      dependents: false,
    });
  });

  it('falls back to the customer creation date without subscriptions, and to cash without an account', () => {
    const input = churnInputFromRow(row({ first_started_at: null, payment_method: null, broadband_lines: 0, fixed_lines: 0, mobile_lines: 0, iptv: 0 }), asOf);
    expect(input).toMatchObject({ tenureMonths: 12, paymentMethod: 'cash', broadband: 'none', fixedLines: 0, mobileLines: 0 });
  });

  it('reads DSL access when every broadband line is DSL, fibre otherwise', () => {
    expect(churnInputFromRow(row({ broadband_lines: 1, dsl_lines: 1 }), asOf).broadband).toBe('dsl');
    expect(churnInputFromRow(row({ broadband_lines: 2, dsl_lines: 1 }), asOf).broadband).toBe('fibre');
  });

  it('keeps "nothing billed yet" as null total and 0 monthly charges', () => {
    expect(churnInputFromRow(row({ monthly_charges_fen: null, total_charges_fen: null }), asOf)).toMatchObject({ monthlyChargesFen: 0, totalChargesFen: null });
  });

  it('flags seniors from the birth date at the reference time', () => {
    expect(isSenior('1961-12-01', asOf)).toBe(true);
    expect(isSenior('1961-12-02', asOf)).toBe(false);
    expect(isSenior(null, asOf)).toBe(false);
    expect(churnInputFromRow(row({ birth_date: '1950-01-01', customer_type: 'key_individual' }), asOf)).toMatchObject({ senior: true, customerType: 'key_individual' });
  });

  it('counts whole months and never negative', () => {
    expect(monthsBetween(new Date('2026-11-15T00:00:00Z'), asOf)).toBe(0);
    expect(monthsBetween(new Date('2027-01-01T00:00:00Z'), asOf)).toBe(0);
    expect(monthsBetween(new Date('2026-06-01T00:00:00Z'), asOf)).toBe(6);
  });

  it('refuses unknown customer types and payment methods', () => {
    expect(() => churnInputFromRow(row({ customer_type: 'martian' }), asOf)).toThrow(/customer type/);
    expect(() => churnInputFromRow(row({ payment_method: 'barter' }), asOf)).toThrow(/payment method/);
  });

  it('gives a feature vector of the model width', () => {
    expect(churnFeatures(churnInputFromRow(row(), asOf))).toHaveLength(churnFeatureNames().length);
  });
});
