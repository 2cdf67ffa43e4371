import { assertSettings, overlaySettings } from '@crm/config';

export const SEGMENTATION_CONFIG = Symbol('SEGMENTATION_CONFIG');

/**
 * Thresholds of the value classes and the cost model (docs/segmentation.md). Amounts are integer
 * fen over the value window (the period and the `windowMonths − 1` months before it).
 */
export interface SegmentationConfig {
  value: {
    /** Months of bills summed into the "annual billed" figure (the period included). */
    windowMonths: number;
    /** Key accounts (customer type key_* or a key-account level) are `important` whatever they spend. */
    keyAccountsImportant: boolean;
    /** `important` from this annual billed amount. */
    importantFromFen: number;
    /** `high_value` from this amount. */
    highFromFen: number;
    /** `ordinary` from this amount; below it a customer is low-value. */
    lowBelowFen: number;
  };
  /** Yearly cost to serve a customer: baseCostFen + perSubscriptionCostFen × active subscriptions. */
  cost: { baseCostFen: number; perSubscriptionCostFen: number };
  /** Individuals (public_residential, key_individual) also by geography, demographics and behaviour. */
  individual: {
    /** Lower bounds of the age bands after the first (ages at the period's last day): [18, 30, 45, 60] → under_18, 18_29, 30_44, 45_59, 60_plus. */
    ageBands: number[];
    /** Behaviour from the usage records of the period's month: none (0), light (< lightBelowRecords), medium, heavy (≥ heavyFromRecords). */
    lightBelowRecords: number;
    heavyFromRecords: number;
  };
  /** Units (public_unit, key_enterprise) also by industry, size (active subscriptions) and spend (billed over the value window). */
  unit: {
    mediumFromSubscriptions: number;
    largeFromSubscriptions: number;
    mediumFromFen: number;
    highFromFen: number;
  };
  /** Customers segmented per set-based statement (and transaction). */
  batchSize: number;
  /** Largest `customerIds` list of one POST /segments/recompute. */
  maxCustomerIds: number;
}

export const DEFAULT_SEGMENTATION_CONFIG: SegmentationConfig = {
  value: {
    windowMonths: 12,
    keyAccountsImportant: true,
    importantFromFen: 1_000_000, // 10,000 yuan a year (the documents' key-account threshold)
    highFromFen: 300_000, // 3,000 yuan
    lowBelowFen: 60_000, // 600 yuan
  },
  cost: { baseCostFen: 12_000, perSubscriptionCostFen: 18_000 },
  individual: { ageBands: [18, 30, 45, 60], lightBelowRecords: 30, heavyFromRecords: 300 },
  unit: { mediumFromSubscriptions: 10, largeFromSubscriptions: 100, mediumFromFen: 500_000, highFromFen: 5_000_000 },
  batchSize: 2_000,
  maxCustomerIds: 10_000,
};

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** The defaults with `overrides` (any subset of the shape) applied, validated; throws naming every problem. */
export function resolveSegmentationConfig(overrides: unknown = {}): SegmentationConfig {
  const problems: string[] = [];
  const cfg = overlaySettings(DEFAULT_SEGMENTATION_CONFIG, overrides, 'segmentation', problems);
  const v = cfg.value;
  for (const k of ['importantFromFen', 'highFromFen', 'lowBelowFen'] as const) if (!isFen(v[k])) problems.push(`segmentation.value.${k} must be an integer ≥ 0 (fen)`);
  if (!(v.importantFromFen > v.highFromFen && v.highFromFen > v.lowBelowFen)) problems.push('segmentation.value thresholds must be strictly decreasing: importantFromFen > highFromFen > lowBelowFen');
  if (!Number.isInteger(v.windowMonths) || v.windowMonths < 1 || v.windowMonths > 36) problems.push('segmentation.value.windowMonths must be an integer 1–36');
  for (const k of ['baseCostFen', 'perSubscriptionCostFen'] as const) if (!isFen(cfg.cost[k])) problems.push(`segmentation.cost.${k} must be an integer ≥ 0 (fen)`);
  const bands = cfg.individual.ageBands;
  if (!bands.length || bands.length > 10 || bands.some((b, i) => !Number.isInteger(b) || b < 1 || b > 120 || (i > 0 && b <= bands[i - 1]))) {
    problems.push('segmentation.individual.ageBands must be 1–10 strictly increasing integer ages within 1–120');
  }
  const i = cfg.individual;
  if (!(Number.isInteger(i.lightBelowRecords) && i.lightBelowRecords >= 1 && Number.isInteger(i.heavyFromRecords) && i.heavyFromRecords > i.lightBelowRecords)) {
    problems.push('segmentation.individual needs integers 1 ≤ lightBelowRecords < heavyFromRecords');
  }
  const u = cfg.unit;
  if (!(Number.isInteger(u.mediumFromSubscriptions) && u.mediumFromSubscriptions >= 1 && Number.isInteger(u.largeFromSubscriptions) && u.largeFromSubscriptions > u.mediumFromSubscriptions)) {
    problems.push('segmentation.unit needs integers 1 ≤ mediumFromSubscriptions < largeFromSubscriptions');
  }
  if (!(isFen(u.mediumFromFen) && isFen(u.highFromFen) && u.highFromFen > u.mediumFromFen)) problems.push('segmentation.unit needs fen amounts 0 ≤ mediumFromFen < highFromFen');
  if (!Number.isInteger(cfg.batchSize) || cfg.batchSize < 1 || cfg.batchSize > 50_000) problems.push('segmentation.batchSize must be an integer 1–50000');
  if (!Number.isInteger(cfg.maxCustomerIds) || cfg.maxCustomerIds < 1 || cfg.maxCustomerIds > 100_000) problems.push('segmentation.maxCustomerIds must be an integer 1–100000');
  assertSettings('segmentation', problems);
  return cfg;
}

/** Names of the age bands: [18, 30, 45, 60] → under_18, 18_29, 30_44, 45_59, 60_plus. */
export function ageBandNames(bands: readonly number[]): string[] {
  return [`under_${bands[0]}`, ...bands.slice(0, -1).map((b, k) => `${b}_${bands[k + 1] - 1}`), `${bands[bands.length - 1]}_plus`];
}
