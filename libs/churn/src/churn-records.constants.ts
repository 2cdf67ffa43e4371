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
});

/** Nest provider token of the ChurnOperationsConfig (defaults unless a module overrides it). */
export const CHURN_OPERATIONS_CONFIG = Symbol('CHURN_OPERATIONS_CONFIG');

export const CHURN_RECORD_ENTITY = 'churn_record';
export const CHURN_MODEL_ENTITY = 'churn_model';
export const CHURN_RISK_ENTITY = 'churn_risk_score';
