import type { ChurnInput } from './churn.types';
import { churnFeatureNames, churnFeatures } from './churn-features.util';

const base: ChurnInput = {
  customerType: 'key_individual',
  tenureMonths: 10,
  fixedLines: 2,
  mobileLines: 1,
  broadband: 'fibre',
  iptv: 2,
  bundles: 1,
  addOns: ['security', 'tech_support'],
  contractMonths: 0,
  paymentMethod: 'wechat_pay',
  paperlessBill: true,
  monthlyChargesFen: 10_000,
  totalChargesFen: 80_000,
  senior: true,
  partner: false,
  dependents: true,
};

const featuresOf = (input: ChurnInput, config?: { newCustomerMonths: number }): Record<string, number> => {
  const names = churnFeatureNames(config);
  const values = churnFeatures(input, config);
  expect(values).toHaveLength(names.length);
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
};

describe('churnFeatures', () => {
  it('has unique feature names', () => {
    expect(new Set(churnFeatureNames()).size).toBe(churnFeatureNames().length);
  });

  it('encodes the product-side customer', () => {
    const f = featuresOf(base);
    expect(f).toMatchObject({
      tenure_months: 10,
      tenure_log: Math.log1p(10),
      contract_month_to_month: 1,
      contract_one_year: 0,
      contract_two_years_plus: 0,
      fixed_line: 1,
      fixed_line_multiple: 1,
      mobile_lines: 1,
      broadband_fibre: 1,
      broadband_dsl: 0,
      broadband_none: 0,
      iptv: 2,
      bundles: 1,
      add_on_security: 1,
      add_on_backup: 0,
      add_on_tech_support: 1,
      add_ons: 2,
      service_families: 4,
      payment_wechat_pay: 1,
      payment_cash: 0,
      paperless_bill: 1,
      monthly_charges_yuan: 100,
      total_charges_log: Math.log1p(800),
      charges_ratio: 0.8,
      customer_key_individual: 1,
      customer_public_residential: 0,
      senior: 1,
      partner: 0,
      dependents: 1,
      month_to_month_x_fibre: 1,
      fibre_x_no_add_ons: 0,
    });
  });

  it('treats nothing billed yet as zero total and a neutral charges ratio', () => {
    const f = featuresOf({ ...base, tenureMonths: 0, totalChargesFen: null });
    expect(f.total_charges_log).toBe(0);
    expect(f.charges_ratio).toBe(1);
  });

  it('takes the new-customer threshold from the config', () => {
    expect(featuresOf(base, { newCustomerMonths: 6 }).new_customer).toBe(0);
    expect(featuresOf(base, { newCustomerMonths: 12 }).new_customer).toBe(1);
  });

  it('maps contract lengths onto three classes', () => {
    expect(featuresOf({ ...base, contractMonths: 12 }).contract_one_year).toBe(1);
    expect(featuresOf({ ...base, contractMonths: 36 }).contract_two_years_plus).toBe(1);
  });
});
