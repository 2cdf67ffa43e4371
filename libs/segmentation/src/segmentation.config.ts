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
  batchSize: 2_000,
  maxCustomerIds: 10_000,
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function overlay(base: unknown, overrides: unknown, path: string, problems: string[]): unknown {
  if (isPlainObject(base)) {
    if (!isPlainObject(overrides)) {
      problems.push(`${path} must be an object`);
      return base;
    }
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(overrides)) {
      if (!(key in base)) problems.push(`${path}.${key} is not a segmentation setting`);
      else out[key] = overlay(base[key], value, `${path}.${key}`, problems);
    }
    return out;
  }
  if (typeof base !== typeof overrides || (typeof overrides === 'number' && !Number.isFinite(overrides))) {
    problems.push(`${path} must be a ${typeof base}`);
    return base;
  }
  return overrides;
}

export class SegmentationConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid segmentation configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SegmentationConfigError';
  }
}

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** The defaults with `overrides` (any subset of the shape) applied, validated; throws naming every problem. */
export function resolveSegmentationConfig(overrides: unknown = {}): SegmentationConfig {
  const problems: string[] = [];
  const cfg = overlay(DEFAULT_SEGMENTATION_CONFIG, overrides ?? {}, 'segmentation', problems) as SegmentationConfig;
  const v = cfg.value;
  for (const k of ['importantFromFen', 'highFromFen', 'lowBelowFen'] as const) if (!isFen(v[k])) problems.push(`segmentation.value.${k} must be an integer ≥ 0 (fen)`);
  if (!(v.importantFromFen > v.highFromFen && v.highFromFen > v.lowBelowFen)) problems.push('segmentation.value thresholds must be strictly decreasing: importantFromFen > highFromFen > lowBelowFen');
  if (!Number.isInteger(v.windowMonths) || v.windowMonths < 1 || v.windowMonths > 36) problems.push('segmentation.value.windowMonths must be an integer 1–36');
  for (const k of ['baseCostFen', 'perSubscriptionCostFen'] as const) if (!isFen(cfg.cost[k])) problems.push(`segmentation.cost.${k} must be an integer ≥ 0 (fen)`);
  if (!Number.isInteger(cfg.batchSize) || cfg.batchSize < 1 || cfg.batchSize > 50_000) problems.push('segmentation.batchSize must be an integer 1–50000');
  if (!Number.isInteger(cfg.maxCustomerIds) || cfg.maxCustomerIds < 1 || cfg.maxCustomerIds > 100_000) problems.push('segmentation.maxCustomerIds must be an integer 1–100000');
  if (problems.length) throw new SegmentationConfigError(problems);
  return cfg;
}
