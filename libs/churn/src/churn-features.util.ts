import { DEFAULT_CHURN_CONFIG } from './churn.constants';
import type { ChurnAddOn, ChurnCustomerType, ChurnInput, ChurnModelConfig, ChurnPaymentMethod } from './churn.types';

const CUSTOMER_TYPES: readonly ChurnCustomerType[] = ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'];
const PAYMENT_METHODS: readonly ChurnPaymentMethod[] = ['cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card'];
const ADD_ONS: readonly ChurnAddOn[] = ['security', 'backup', 'device_protection', 'tech_support'];

/** Fen → yuan, so that money features read naturally in factor lists. */
const yuan = (fen: number): number => fen / 100;
const flag = (b: boolean): number => (b ? 1 : 0);

type FeatureConfig = Pick<ChurnModelConfig, 'newCustomerMonths'>;

/**
 * The features, in order: name and how it is computed from a ChurnInput. One-hot groups keep
 * every level (the L2 penalty makes that well-posed); a level never seen in training has weight 0
 * and so scores like the average customer.
 */
function featureTable(c: FeatureConfig): ReadonlyArray<readonly [string, (i: ChurnInput) => number]> {
  const monthToMonth = (i: ChurnInput): boolean => i.contractMonths <= 0;
  const holds = (i: ChurnInput) => ({
    fixed: i.fixedLines > 0,
    mobile: i.mobileLines > 0,
    broadband: i.broadband !== 'none',
    iptv: i.iptv > 0,
  });
  return [
    // tenure (from subscriptions)
    ['tenure_months', (i) => i.tenureMonths],
    ['tenure_log', (i) => Math.log1p(Math.max(0, i.tenureMonths))],
    ['new_customer', (i) => flag(i.tenureMonths <= c.newCustomerMonths)],
    // contract
    ['contract_month_to_month', (i) => flag(monthToMonth(i))],
    ['contract_one_year', (i) => flag(i.contractMonths > 0 && i.contractMonths < 24)],
    ['contract_two_years_plus', (i) => flag(i.contractMonths >= 24)],
    // products held
    ['fixed_line', (i) => flag(i.fixedLines > 0)],
    ['fixed_line_multiple', (i) => flag(i.fixedLines > 1)],
    ['mobile_lines', (i) => i.mobileLines],
    ['broadband_none', (i) => flag(i.broadband === 'none')],
    ['broadband_dsl', (i) => flag(i.broadband === 'dsl')],
    ['broadband_fibre', (i) => flag(i.broadband === 'fibre')],
    ['iptv', (i) => i.iptv],
    ['bundles', (i) => i.bundles],
    ...ADD_ONS.map((a) => [`add_on_${a}`, (i: ChurnInput) => flag(i.addOns.includes(a))] as const),
    ['add_ons', (i) => i.addOns.length],
    ['service_families', (i) => Object.values(holds(i)).filter(Boolean).length],
    // payment and billing
    ...PAYMENT_METHODS.map((m) => [`payment_${m}`, (i: ChurnInput) => flag(i.paymentMethod === m)] as const),
    ['paperless_bill', (i) => flag(i.paperlessBill)],
    ['monthly_charges_yuan', (i) => yuan(i.monthlyChargesFen)],
    ['total_charges_log', (i) => Math.log1p(yuan(totalCharges(i)))],
    // billed total against tenure × today's price: < 1 when the price rose, > 1 when it fell
    ['charges_ratio', (i) => chargesRatio(i)],
    // profile
    ...CUSTOMER_TYPES.map((t) => [`customer_${t}`, (i: ChurnInput) => flag(i.customerType === t)] as const),
    ['senior', (i) => flag(i.senior)],
    ['partner', (i) => flag(i.partner)],
    ['dependents', (i) => flag(i.dependents)],
    // interactions the linear model cannot form itself
    ['month_to_month_x_fibre', (i) => flag(monthToMonth(i) && i.broadband === 'fibre')],
    ['month_to_month_x_tenure_log', (i) => flag(monthToMonth(i)) * Math.log1p(Math.max(0, i.tenureMonths))],
    ['fibre_x_no_add_ons', (i) => flag(i.broadband === 'fibre' && i.addOns.length === 0)],
  ];
}

function totalCharges(i: ChurnInput): number {
  return i.totalChargesFen ?? 0;
}

function chargesRatio(i: ChurnInput): number {
  const expected = i.tenureMonths * i.monthlyChargesFen;
  if (i.totalChargesFen === null || expected <= 0) return 1;
  return Math.min(3, i.totalChargesFen / expected);
}

/** Names of the features churnFeatures returns, in the same order. */
export function churnFeatureNames(config: FeatureConfig = DEFAULT_CHURN_CONFIG): string[] {
  return featureTable(config).map(([name]) => name);
}

/** The feature vector of one customer (raw values; the model standardises them). */
export function churnFeatures(input: ChurnInput, config: FeatureConfig = DEFAULT_CHURN_CONFIG): number[] {
  return featureTable(config).map(([, f]) => f(input));
}
