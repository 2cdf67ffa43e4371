import { assertSettings, overlaySettings } from '@crm/config';
import { DEFAULT_CHURN_CONFIG } from './churn.constants';
import type { ChurnModelConfig } from './churn.types';

/** 流失類型 (DOMAIN §3.9): 拆機, 移機/遷出, 用量下降, 轉網 (to a competitor). */
export enum ChurnType {
  Disconnection = 'disconnection',
  Relocation = 'relocation',
  UsageDrop = 'usage_drop',
  Competitor = 'competitor',
}

/** Who found it: a person, or the detection rules. */
export enum ChurnDetectedBy {
  Manual = 'manual',
  Rule = 'rule',
}

/** open (to check) → confirmed | dismissed; confirmed records label the customer as churned for training. */
export enum ChurnRecordStatus {
  Open = 'open',
  Confirmed = 'confirmed',
  Dismissed = 'dismissed',
}

/** Thresholds of automatic detection, training and scoring (typed configuration, not code). */
export interface ChurnOperationsConfig {
  /** Length of the recent window compared with the baseline, in days. */
  windowDays: number;
  /** Length of the baseline before the window, in days (its monthly average is the baseline). */
  baselineDays: number;
  /** A usage drop: recent usage below this fraction of the baseline's monthly average. */
  usageDropFraction: number;
  /** Customers whose baseline is at or below these (per month) are not checked for a drop. */
  minBaselineRecordsPerMonth: number;
  minBaselineChargeFenPerMonth: number;
  /** Training refuses with fewer than this many customers in each class. */
  minChurnedForTraining: number;
  minRetainedForTraining: number;
  /** Customers read and scored per batch. */
  scoreBatchSize: number;
  /** Nightly jobs (cron, city time zone). */
  detectCron: string;
  scoreCron: string;
  /** Churn-risk bands by probability: low below `medium`, medium below `high`, high from `high`. */
  riskBands: { medium: number; high: number };
  /** Hyper-parameters of the risk model the city trains (docs/churn.md). */
  model: ChurnModelConfig;
}

export const DEFAULT_CHURN_OPERATIONS_CONFIG: Readonly<ChurnOperationsConfig> = Object.freeze({
  windowDays: 30,
  baselineDays: 90,
  usageDropFraction: 0.3,
  minBaselineRecordsPerMonth: 10,
  minBaselineChargeFenPerMonth: 1_000,
  minChurnedForTraining: 20,
  minRetainedForTraining: 20,
  scoreBatchSize: 1_000,
  detectCron: '30 2 * * *',
  scoreCron: '30 3 * * *',
  riskBands: { medium: 0.3, high: 0.6 },
  model: { ...DEFAULT_CHURN_CONFIG },
});

/** Nest provider token of the ChurnOperationsConfig (defaults + CRM_CHURN_CONFIG(_FILE)). */
export const CHURN_OPERATIONS_CONFIG = Symbol('CHURN_OPERATIONS_CONFIG');

/** The defaults with `overrides` (any subset) applied; throws SettingsError (CRM_CHURN_CONFIG) naming every problem. */
export function resolveChurnConfig(overrides: unknown = {}): ChurnOperationsConfig {
  const problems: string[] = [];
  const cfg = overlaySettings<ChurnOperationsConfig>({ ...DEFAULT_CHURN_OPERATIONS_CONFIG }, overrides, 'churn', problems);
  const integer = (k: keyof ChurnOperationsConfig, min: number, max: number) => {
    const v = cfg[k] as number;
    if (!Number.isInteger(v) || v < min || v > max) problems.push(`churn.${k} must be an integer ${min}–${max}`);
  };
  integer('windowDays', 1, 366);
  integer('baselineDays', 1, 1_096);
  integer('minChurnedForTraining', 2, 1_000_000);
  integer('minRetainedForTraining', 2, 1_000_000);
  integer('scoreBatchSize', 1, 50_000);
  if (!(cfg.usageDropFraction > 0 && cfg.usageDropFraction < 1)) problems.push('churn.usageDropFraction must lie strictly between 0 and 1');
  if (!(cfg.minBaselineRecordsPerMonth >= 0)) problems.push('churn.minBaselineRecordsPerMonth must be ≥ 0');
  if (!(cfg.minBaselineChargeFenPerMonth >= 0)) problems.push('churn.minBaselineChargeFenPerMonth must be ≥ 0');
  if (!(cfg.riskBands.medium > 0 && cfg.riskBands.high > cfg.riskBands.medium && cfg.riskBands.high < 1)) problems.push('churn.riskBands must satisfy 0 < medium < high < 1');
  if (!(cfg.model.l2 >= 0)) problems.push('churn.model.l2 must be ≥ 0');
  if (!(cfg.model.tolerance > 0)) problems.push('churn.model.tolerance must be > 0');
  for (const k of ['maxIterations', 'topFactors', 'newCustomerMonths'] as const) {
    if (!Number.isInteger(cfg.model[k]) || cfg.model[k] < 1 || cfg.model[k] > 1_000) problems.push(`churn.model.${k} must be an integer 1–1000`);
  }
  for (const k of ['detectCron', 'scoreCron'] as const) if (cfg[k].trim().split(/\s+/).length < 5) problems.push(`churn.${k} must be a cron pattern`);
  assertSettings('churn', problems);
  return cfg;
}

export const CHURN_RECORD_ENTITY = 'churn_record';
export const CHURN_MODEL_ENTITY = 'churn_model';
export const CHURN_RISK_ENTITY = 'churn_risk_score';
