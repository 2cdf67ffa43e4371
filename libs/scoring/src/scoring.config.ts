import { assertSettings, overlaySettings } from '@crm/config';
import { SATISFACTION_GROUPS, SatisfactionFactor, SatisfactionGroup } from './scoring.constants';

export const SCORING_CONFIG = Symbol('SCORING_CONFIG');

/** Lower bounds of the four best of five bands (e.g. [95, 80, 60, 40]); below the last: the worst band. */
export type FiveBandThresholds = [number, number, number, number];

/**
 * Weights and thresholds of every score (docs/scoring.md). The defaults below apply unless the
 * JSON of CRM_SCORING_CONFIG (or the file named by CRM_SCORING_CONFIG_FILE) overrides some of them (same shape, any subset).
 * Weights are relative: each score divides by their sum.
 */
export interface ScoringConfig {
  satisfaction: {
    /** Weight of each group in the score. */
    groupWeights: Record<SatisfactionGroup, number>;
    /** Weight of each factor inside its group. */
    factorWeights: Record<SatisfactionFactor, number>;
    /** A period without a survey takes the latest earlier survey at most this many months old; 0: only the period's surveys. */
    carryForwardMonths: number;
    bands: FiveBandThresholds;
  };
  loyalty: {
    weights: { tenure: number; products: number; contract: number; punctuality: number; spendTrend: number };
    /** Tenure (在網年限) worth 100. */
    tenureFullYears: number;
    /** Active subscriptions worth 100. */
    productsFull: number;
    /** Contract factor: holds an active bundle (融合套餐) / is a key account with a relationship type / else. */
    contractScores: { bundle: number; keyAccount: number; none: number };
    /** Relative change of billed spend (last 3 months vs the 3 before) worth 0 or 100 (50 = unchanged). */
    trendFullChange: number;
    bands: FiveBandThresholds;
  };
  credit: {
    weights: { nature: number; paymentMethod: number; punctuality: number; usage: number; badRecords: number };
    /** Customer nature by customer type. */
    natureScores: Record<'public_residential' | 'public_unit' | 'key_individual' | 'key_enterprise', number>;
    /** Key-account level replaces the type's value when set. */
    keyAccountLevelScores: Record<'national' | 'provincial' | 'city', number>;
    /** Default payment method of the customer's accounts (averaged over them). */
    paymentMethodScores: Record<'cash' | 'bank_transfer' | 'wechat_pay' | 'alipay' | 'bank_withholding' | 'prepaid_card', number>;
    /** Usage factor when no account has a credit limit. */
    noLimitUsageScore: number;
    /** Charges up to this fraction of the credit limit score 100, falling linearly to 0 at `usageZeroAt`. */
    usageFullUpTo: number;
    usageZeroAt: number;
    /** Bad-record deductions from 100. */
    liveArrearPenalty: number;
    suspensionPenalty: number;
    writtenOffPenalty: number;
    /** Red list from this score, grey from `grey`, black below. */
    redFrom: number;
    greyFrom: number;
    /** A bad record (suspension for arrears, write-off) puts the customer on the black list whatever the score. */
    blackOnBadRecord: boolean;
  };
  /** Punctuality (shared by loyalty and credit): months of bills looked at, and its value with no bill due. */
  punctuality: { lookbackMonths: number; noBillsScore: number };
  /** Largest customer list POST /scores/recompute runs synchronously. */
  recomputeMaxCustomers: number;
  /** Recomputation jobs (queue `scoring`, city time zone): nightly full run, hourly incremental run, customers per batch. */
  jobs: { fullCron: string; incrementalCron: string; batchSize: number };
}

export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  satisfaction: {
    groupWeights: { service: 0.4, network: 0.35, value: 0.25 },
    factorWeights: {
      corporateImage: 1, attitude: 1, serviceQuality: 1, customerCare: 1,
      reliability: 1, timeliness: 1, security: 1,
      qualityAtPrice: 1, priceAtQuality: 1,
    },
    carryForwardMonths: 12,
    bands: [95, 80, 60, 40],
  },
  loyalty: {
    weights: { tenure: 0.3, products: 0.2, contract: 0.15, punctuality: 0.2, spendTrend: 0.15 },
    tenureFullYears: 10,
    productsFull: 4,
    contractScores: { bundle: 100, keyAccount: 70, none: 0 },
    trendFullChange: 0.5,
    bands: [95, 80, 60, 40],
  },
  credit: {
    weights: { nature: 0.15, paymentMethod: 0.15, punctuality: 0.3, usage: 0.15, badRecords: 0.25 },
    natureScores: { public_residential: 70, public_unit: 75, key_individual: 85, key_enterprise: 90 },
    keyAccountLevelScores: { national: 100, provincial: 95, city: 90 },
    paymentMethodScores: { bank_withholding: 100, prepaid_card: 90, alipay: 80, wechat_pay: 80, bank_transfer: 70, cash: 60 },
    noLimitUsageScore: 70,
    usageFullUpTo: 0.5,
    usageZeroAt: 1.5,
    liveArrearPenalty: 40,
    suspensionPenalty: 30,
    writtenOffPenalty: 50,
    redFrom: 80,
    greyFrom: 50,
    blackOnBadRecord: true,
  },
  punctuality: { lookbackMonths: 12, noBillsScore: 80 },
  recomputeMaxCustomers: 1000,
  jobs: { fullCron: '0 2 * * *', incrementalCron: '15 * * * *', batchSize: 2_000 },
};

function checkWeights(weights: Record<string, number>, path: string, problems: string[]): void {
  for (const [k, w] of Object.entries(weights)) if (w < 0) problems.push(`${path}.${k} must be ≥ 0`);
  if (Object.values(weights).reduce((a, w) => a + Math.max(0, w), 0) <= 0) problems.push(`${path} must not all be 0`);
}

function checkScores(scores: Record<string, number>, path: string, problems: string[]): void {
  for (const [k, v] of Object.entries(scores)) if (v < 0 || v > 100) problems.push(`${path}.${k} must be within 0–100`);
}

function checkBands(bands: number[], path: string, problems: string[], count = 4): void {
  if (bands.length !== count) problems.push(`${path} must be an array of ${count} numbers`);
  if (bands.some((b) => b < 0 || b > 100)) problems.push(`${path} must lie within 0–100`);
  for (let i = 1; i < bands.length; i++) if (bands[i] >= bands[i - 1]) problems.push(`${path} must be strictly decreasing`);
}

/** The defaults with `overrides` applied, validated; throws SettingsError (CRM_SCORING_CONFIG) naming every problem. */
export function resolveScoringConfig(overrides: unknown = {}): ScoringConfig {
  const problems: string[] = [];
  const cfg = overlaySettings(DEFAULT_SCORING_CONFIG, overrides, 'scoring', problems);
  checkWeights(cfg.satisfaction.groupWeights, 'scoring.satisfaction.groupWeights', problems);
  for (const [group, factors] of Object.entries(SATISFACTION_GROUPS)) {
    const w = Object.fromEntries(factors.map((f) => [f, cfg.satisfaction.factorWeights[f]]));
    checkWeights(w, `scoring.satisfaction.factorWeights (${group})`, problems);
  }
  checkWeights(cfg.loyalty.weights, 'scoring.loyalty.weights', problems);
  checkWeights(cfg.credit.weights, 'scoring.credit.weights', problems);
  checkBands(cfg.satisfaction.bands, 'scoring.satisfaction.bands', problems);
  checkBands(cfg.loyalty.bands, 'scoring.loyalty.bands', problems);
  checkBands([cfg.credit.redFrom, cfg.credit.greyFrom], 'scoring.credit.redFrom/greyFrom', problems, 2);
  checkScores(cfg.loyalty.contractScores, 'scoring.loyalty.contractScores', problems);
  checkScores(cfg.credit.natureScores, 'scoring.credit.natureScores', problems);
  checkScores(cfg.credit.keyAccountLevelScores, 'scoring.credit.keyAccountLevelScores', problems);
  checkScores(cfg.credit.paymentMethodScores, 'scoring.credit.paymentMethodScores', problems);
  checkScores({ noLimitUsageScore: cfg.credit.noLimitUsageScore, noBillsScore: cfg.punctuality.noBillsScore }, 'scoring', problems);
  if (cfg.loyalty.tenureFullYears <= 0) problems.push('scoring.loyalty.tenureFullYears must be > 0');
  if (cfg.loyalty.productsFull <= 0) problems.push('scoring.loyalty.productsFull must be > 0');
  if (cfg.loyalty.trendFullChange <= 0) problems.push('scoring.loyalty.trendFullChange must be > 0');
  if (!(cfg.credit.usageFullUpTo >= 0 && cfg.credit.usageZeroAt > cfg.credit.usageFullUpTo)) problems.push('scoring.credit.usageZeroAt must exceed usageFullUpTo ≥ 0');
  for (const k of ['liveArrearPenalty', 'suspensionPenalty', 'writtenOffPenalty'] as const) if (cfg.credit[k] < 0) problems.push(`scoring.credit.${k} must be ≥ 0`);
  if (!Number.isInteger(cfg.punctuality.lookbackMonths) || cfg.punctuality.lookbackMonths < 1 || cfg.punctuality.lookbackMonths > 60) problems.push('scoring.punctuality.lookbackMonths must be an integer 1–60');
  if (!Number.isInteger(cfg.satisfaction.carryForwardMonths) || cfg.satisfaction.carryForwardMonths < 0) problems.push('scoring.satisfaction.carryForwardMonths must be an integer ≥ 0');
  if (!Number.isInteger(cfg.recomputeMaxCustomers) || cfg.recomputeMaxCustomers < 1 || cfg.recomputeMaxCustomers > 100_000) problems.push('scoring.recomputeMaxCustomers must be an integer 1–100000');
  if (!Number.isInteger(cfg.jobs.batchSize) || cfg.jobs.batchSize < 1 || cfg.jobs.batchSize > 50_000) problems.push('scoring.jobs.batchSize must be an integer 1–50000');
  for (const k of ['fullCron', 'incrementalCron'] as const) if (cfg.jobs[k].trim().split(/\s+/).length < 5) problems.push(`scoring.jobs.${k} must be a cron pattern`);
  assertSettings('scoring', problems);
  return cfg;
}
