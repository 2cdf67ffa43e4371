import { assertSettings, overlaySettings } from '@crm/config';

/**
 * Thresholds of the abnormal-customer rules and the potential key account band (docs/customer-watch.md).
 * Defaults below; a node overrides any of them with the JSON of `CRM_CUSTOMER_WATCH_CONFIG`
 * (e.g. `{"abnormal":{"highSpendFen":200000}}`) or of the file named by `CRM_CUSTOMER_WATCH_CONFIG_FILE`,
 * validated at start.
 */
export interface AbnormalRuleConfig {
  /** Months before the period that make the customer's own baseline (6). */
  historyMonths: number;
  /** Months with a bill needed in that window before relative rules apply (3). */
  minHistoryMonths: number;
  /** Relative rules ignore baselines below this (fen; 1,000 = 10 yuan). */
  minBaselineFen: number;
  /** high_spend: billed this month ≥ this (fen, whole bill) regardless of history (200,000 = 2,000 yuan). */
  highSpendFen: number;
  /** high_spend: billed this month ≥ k × the baseline average (3). */
  highSpendFactor: number;
  /** low_spend: billed this month ≤ this (fen, whole bill) while the customer has history (500 = 5 yuan). */
  lowSpendFen: number;
  /** low_spend: billed this month ≤ baseline average / k (3). */
  lowSpendFactor: number;
  /** sudden_change: this month vs last month ≥ f× or ≤ 1/f× (2), last month ≥ minBaselineFen. */
  suddenChangeFactor: number;
  /** low_credit: credit score (0–100) below this (40). */
  lowCreditScore: number;
  /** high_arrears: live arrears (open / in_dunning) of the customer ≥ this (fen; 50,000 = 500 yuan). */
  arrearsFen: number;
  /** Daily run of the rules (cron, city time zone). */
  cron: string;
  /** Customers evaluated per batch. */
  batchSize: number;
}

export interface PotentialKeyAccountConfig {
  /** Key account threshold: annual billed ≥ this is key-account level (1,000,000 fen = 10,000 yuan). */
  keyAccountThresholdFen: number;
  /** Potential band: annual billed in [bandFromFen, keyAccountThresholdFen) (900,000 fen = 9,000 yuan). */
  bandFromFen: number;
  /** Months of bills summed (12, current month included). */
  months: number;
}

export interface CustomerWatchConfig {
  abnormal: AbnormalRuleConfig;
  potential: PotentialKeyAccountConfig;
}

export const CUSTOMER_WATCH_CONFIG = Symbol('CUSTOMER_WATCH_CONFIG');

export const DEFAULT_CUSTOMER_WATCH_CONFIG: CustomerWatchConfig = {
  abnormal: {
    historyMonths: 6,
    minHistoryMonths: 3,
    minBaselineFen: 1_000,
    highSpendFen: 200_000,
    highSpendFactor: 3,
    lowSpendFen: 500,
    lowSpendFactor: 3,
    suddenChangeFactor: 2,
    lowCreditScore: 40,
    arrearsFen: 50_000,
    cron: '30 2 * * *',
    batchSize: 2_000,
  },
  potential: { keyAccountThresholdFen: 1_000_000, bandFromFen: 900_000, months: 12 },
};

/** Defaults with `overrides` (any subset) applied; throws SettingsError (CRM_CUSTOMER_WATCH_CONFIG) naming every problem. */
export function resolveCustomerWatchConfig(overrides: unknown = {}): CustomerWatchConfig {
  const problems: string[] = [];
  const config = overlaySettings(DEFAULT_CUSTOMER_WATCH_CONFIG, overrides, 'customerWatch', problems);
  const nonNegative = (section: 'abnormal' | 'potential', keys: string[]): void => {
    const values = config[section] as unknown as Record<string, number>;
    for (const k of keys) if (!(values[k] >= 0)) problems.push(`customerWatch.${section}.${k} must be a number ≥ 0`);
  };
  nonNegative('abnormal', ['historyMonths', 'minHistoryMonths', 'minBaselineFen', 'highSpendFen', 'lowSpendFen', 'lowCreditScore', 'arrearsFen', 'batchSize']);
  nonNegative('potential', ['keyAccountThresholdFen', 'bandFromFen', 'months']);
  for (const k of ['highSpendFactor', 'lowSpendFactor', 'suddenChangeFactor'] as const) {
    if (!(config.abnormal[k] > 1)) problems.push(`customerWatch.abnormal.${k} must be > 1`);
  }
  if (config.abnormal.historyMonths < 1 || config.abnormal.minHistoryMonths > config.abnormal.historyMonths) problems.push('customerWatch.abnormal.minHistoryMonths must be ≤ historyMonths (≥ 1)');
  if (config.potential.bandFromFen >= config.potential.keyAccountThresholdFen) problems.push('customerWatch.potential.bandFromFen must be below keyAccountThresholdFen');
  if (config.potential.months < 1) problems.push('customerWatch.potential.months must be ≥ 1');
  if (config.abnormal.cron.trim().split(/\s+/).length < 5) problems.push('customerWatch.abnormal.cron must be a cron pattern');
  assertSettings('customerWatch', problems);
  return config;
}
