import type { ChurnCustomerType, ChurnInput, ChurnPaymentMethod } from './churn.types';

/**
 * What the repository reads about one customer at a reference time (`asOf`: now for scoring, the
 * moment of churn for a churned customer in training), one row per customer. Counts are of the
 * subscriptions held at `asOf`; money in fen.
 */
export interface ChurnSourceRow {
  customer_id: string;
  customer_type: string;
  /** YYYY-MM-DD or null. */
  birth_date: string | null;
  created_at: Date | string;
  /** Earliest subscription start (any status) before asOf; null when none. */
  first_started_at: Date | string | null;
  fixed_lines: number | string;
  mobile_lines: number | string;
  broadband_lines: number | string;
  /** Broadband lines whose product or price plan code names DSL access. */
  dsl_lines: number | string;
  iptv: number | string;
  bundles: number | string;
  /** Default account's payment method (lowest serial); null when the customer has no account. */
  payment_method: string | null;
  /** Latest bill up to asOf (fen), null when none. */
  monthly_charges_fen: number | string | null;
  /** Sum of bills up to asOf (fen), null when none. */
  total_charges_fen: number | string | null;
}

const CUSTOMER_TYPES: readonly ChurnCustomerType[] = ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'];
const PAYMENT_METHODS: readonly ChurnPaymentMethod[] = ['cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card'];

const count = (v: number | string | null | undefined): number => {
  const n = Number(v ?? 0);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
};
const money = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** Whole calendar months from `from` to `asOf` (UTC; never negative). */
export function monthsBetween(from: Date, asOf: Date): number {
  let months = (asOf.getUTCFullYear() - from.getUTCFullYear()) * 12 + (asOf.getUTCMonth() - from.getUTCMonth());
  const fromRest = from.getTime() - Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1);
  const asOfRest = asOf.getTime() - Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1);
  if (asOfRest < fromRest) months -= 1;
  return Math.max(0, months);
}

/** Aged 65 or over at `asOf`, from a YYYY-MM-DD birth date. */
export function isSenior(birthDate: string | null, asOf: Date): boolean {
  if (!birthDate) return false;
  const [y, m, d] = birthDate.slice(0, 10).split('-').map(Number);
  const at = new Date(asOf.getTime());
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age -= 1;
  return age >= 65;
}

/**
 * Maps a customer's DB facts onto the model's `ChurnInput` (docs/churn.md, "Training on the city's
 * own history"). Fields the product does not hold yet (contract commitment, add-ons, paper-free
 * bill, partner, dependants) are 0 / empty / false; the city's model then gives them no weight.
 * Unknown customer types or payment methods are errors, never guesses.
 */
export function churnInputFromRow(row: ChurnSourceRow, asOf: Date): ChurnInput {
  if (!CUSTOMER_TYPES.includes(row.customer_type as ChurnCustomerType)) throw new Error(`unknown customer type ${row.customer_type}`);
  const paymentMethod = (row.payment_method ?? 'cash') as ChurnPaymentMethod;
  if (!PAYMENT_METHODS.includes(paymentMethod)) throw new Error(`unknown payment method ${row.payment_method}`);
  const since = new Date(row.first_started_at ?? row.created_at);
  const broadbandLines = count(row.broadband_lines);
  const dslLines = count(row.dsl_lines);
  const total = money(row.total_charges_fen);
  return {
    customerType: row.customer_type as ChurnCustomerType,
    tenureMonths: monthsBetween(since, asOf),
    fixedLines: count(row.fixed_lines),
    mobileLines: count(row.mobile_lines),
    broadband: broadbandLines === 0 ? 'none' : dslLines >= broadbandLines ? 'dsl' : 'fibre',
    iptv: count(row.iptv),
    bundles: count(row.bundles),
    addOns: [],
    contractMonths: 0,
    paymentMethod,
    paperlessBill: false,
    monthlyChargesFen: Math.max(0, money(row.monthly_charges_fen) ?? 0),
    totalChargesFen: total === null ? null : Math.max(0, total),
    senior: isSenior(row.birth_date, asOf),
    partner: false,
    dependents: false,
  };
}
