/**
 * Thresholds of the abnormal-customer rules and the potential key account band (docs/customer-watch.md).
 * Defaults below; a node overrides any of them with the JSON of `CRM_CUSTOMER_WATCH_CONFIG`
 * (e.g. `{"abnormal":{"highSpendFen":200000}}`), validated at start.
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

/** Defaults merged with `overrides`; throws naming the first invalid setting. */
export function resolveCustomerWatchConfig(overrides: unknown = {}): CustomerWatchConfig {
  const o = (overrides ?? {}) as { abnormal?: Partial<AbnormalRuleConfig>; potential?: Partial<PotentialKeyAccountConfig> };
  const config: CustomerWatchConfig = {
    abnormal: { ...DEFAULT_CUSTOMER_WATCH_CONFIG.abnormal, ...(o.abnormal ?? {}) },
    potential: { ...DEFAULT_CUSTOMER_WATCH_CONFIG.potential, ...(o.potential ?? {}) },
  };
  const positive = (section: string, values: Record<string, unknown>, keys: string[]): void => {
    for (const k of keys) {
      const v = values[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`customer-watch config: ${section}.${k} must be a number ≥ 0`);
    }
  };
  positive('abnormal', config.abnormal as unknown as Record<string, unknown>, ['historyMonths', 'minHistoryMonths', 'minBaselineFen', 'highSpendFen', 'lowSpendFen', 'lowCreditScore', 'arrearsFen', 'batchSize']);
  positive('potential', config.potential as unknown as Record<string, unknown>, ['keyAccountThresholdFen', 'bandFromFen', 'months']);
  for (const k of ['highSpendFactor', 'lowSpendFactor', 'suddenChangeFactor'] as const) {
    if (!(config.abnormal[k] > 1)) throw new Error(`customer-watch config: abnormal.${k} must be > 1`);
  }
  if (config.abnormal.historyMonths < 1 || config.abnormal.minHistoryMonths > config.abnormal.historyMonths) throw new Error('customer-watch config: abnormal.minHistoryMonths must be ≤ historyMonths (≥ 1)');
  if (config.potential.bandFromFen >= config.potential.keyAccountThresholdFen) throw new Error('customer-watch config: potential.bandFromFen must be below keyAccountThresholdFen');
  if (config.potential.months < 1) throw new Error('customer-watch config: potential.months must be ≥ 1');
  if (typeof config.abnormal.cron !== 'string' || !config.abnormal.cron.trim()) throw new Error('customer-watch config: abnormal.cron must be a cron pattern');
  return config;
}

/** The configuration of this node: defaults plus `CRM_CUSTOMER_WATCH_CONFIG` (JSON, read by @crm/config). */
export function customerWatchConfigFromEnv(env: Record<string, string | undefined>): CustomerWatchConfig {
  const raw = env.CRM_CUSTOMER_WATCH_CONFIG;
  if (!raw?.trim()) return resolveCustomerWatchConfig();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('CRM_CUSTOMER_WATCH_CONFIG must be JSON');
  }
  return resolveCustomerWatchConfig(parsed);
}
