import type { PaymentMethod } from '@crm/billing';
import type { CustomerType } from '@crm/customer';

/** The product's customer types as string values (`public_residential`, …); type-only, so no runtime import. */
export type ChurnCustomerType = `${CustomerType}`;
/** The product's payment methods (繳費方式) as string values (`cash`, `bank_transfer`, …). */
export type ChurnPaymentMethod = `${PaymentMethod}`;
/** Access technology of a broadband line (from its product / price plan). */
export type BroadbandAccess = 'none' | 'dsl' | 'fibre';
/** Value-added services sold with broadband (增值業務); not yet product categories, see docs/churn.md. */
export type ChurnAddOn = 'security' | 'backup' | 'device_protection' | 'tech_support';

/**
 * What the churn-risk score reads about one customer, in the product's own terms (customer,
 * subscriptions, account and bills). Money is in fen (分), like billing.
 */
export interface ChurnInput {
  customerType: ChurnCustomerType;
  /** Months since the customer's earliest subscription still counted (subscription.startedAt). */
  tenureMonths: number;
  /** Active subscriptions per category (a bundle counts once under `bundles`, plus its components). */
  fixedLines: number;
  mobileLines: number;
  broadband: BroadbandAccess;
  /** IPTV subscriptions (channel packages, video on demand). */
  iptv: number;
  bundles: number;
  addOns: readonly ChurnAddOn[];
  /** Commitment period of the current contract in months; 0 = month to month. */
  contractMonths: number;
  /** The account's default payment method. */
  paymentMethod: ChurnPaymentMethod;
  /** Bill delivered electronically (電子賬單) rather than on paper. */
  paperlessBill: boolean;
  /** Current monthly charges (fen). */
  monthlyChargesFen: number;
  /** Total billed since the customer joined (fen); null when nothing was billed yet. */
  totalChargesFen: number | null;
  /** Profile: aged 65 or over (from birth date). */
  senior: boolean;
  /** Profile: lives with a partner / spouse. */
  partner: boolean;
  /** Profile: has dependants. */
  dependents: boolean;
}

/** One training example: a customer's inputs and whether they churned. */
export interface ChurnExample {
  input: ChurnInput;
  churned: boolean;
}

/** A linear (logistic) model's learnt parameters, on standardised features. */
export interface LogisticParameters {
  intercept: number;
  weights: number[];
  /** Per-feature mean and standard deviation used to standardise (sd 0 is stored as 1). */
  means: number[];
  sds: number[];
}

/** Serialisable churn-risk model (JSON.stringify / JSON.parse round-trips). */
export interface ChurnModel extends LogisticParameters {
  kind: 'churn-logistic';
  version: number;
  featureNames: string[];
  /** Hyper-parameters it was trained with. */
  config: ChurnModelConfig;
  trainedAt: string;
  trainingRows: number;
  churnRate: number;
}

/** Hyper-parameters and thresholds of the churn-risk model; defaults in churn.constants.ts. */
export interface ChurnModelConfig {
  /** L2 penalty (ridge) on the standardised weights; the intercept is not penalised. */
  l2: number;
  /** Newton (IRLS) iterations at most, and the stop when the largest step is below `tolerance`. */
  maxIterations: number;
  tolerance: number;
  /** How many factors scoreChurn returns. */
  topFactors: number;
  /** Tenure (months) up to which a customer counts as new. */
  newCustomerMonths: number;
}

export interface ChurnFactor {
  feature: string;
  /** The feature's raw value for this customer. */
  value: number;
  /** Weight × standardised value: log-odds added to (or taken from) an average customer's risk. */
  contribution: number;
}

export interface ChurnScore {
  /** Probability of churn, 0–1. */
  probability: number;
  /** Factors in descending contribution (the strongest risk drivers first). */
  factors: ChurnFactor[];
}
