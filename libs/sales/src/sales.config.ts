import { assertSettings, overlaySettings } from '@crm/config';

/**
 * 銷售 rules (docs/sales.md): commission / bonus rules of agents and the contract look-ahead.
 * Defaults below; a node overrides any subset with the JSON of `CRM_SALES_CONFIG` or of the file
 * named by `CRM_SALES_CONFIG_FILE`, validated at start (unknown keys, wrong types and out-of-range
 * values stop the process).
 */
export interface CommissionRule {
  /** Matches lines of this product (any plan) … */
  productCode?: string;
  /** … or of this price plan (more specific: wins over a product rule). */
  pricePlanCode?: string;
  /** Rate in basis points of the line amount (500 = 5 %). */
  rateBp?: number;
  /** Or a fixed amount per line, fen (wins over rateBp when both are given). */
  fixedFen?: number;
}

export interface BonusTier {
  /** Completed orders of the agent in the month at least … */
  minOrders: number;
  /** … earn this bonus in basis points of the month's revenue (the highest tier reached applies). */
  bonusBp: number;
}

export interface CommissionConfig {
  /** Rate of lines no rule matches, basis points. */
  defaultRateBp: number;
  rules: CommissionRule[];
  tiers: BonusTier[];
  /** A subscription an order created that is terminated within this many days of the order's completion takes its commission back (0 = no clawback). */
  clawbackDays: number;
}

export interface SalesConfig {
  commission: CommissionConfig;
  /** Default look-ahead (days) of GET /contracts/expiring. */
  contractExpiryDays: number;
}

export const SALES_CONFIG = Symbol('SALES_CONFIG');

export const DEFAULT_SALES_CONFIG: SalesConfig = {
  commission: {
    defaultRateBp: 300,
    rules: [],
    tiers: [],
    clawbackDays: 90,
  },
  contractExpiryDays: 30,
};

const isInt = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Defaults overlaid with `overrides` (CRM_SALES_CONFIG or its _FILE); throws SettingsError naming every invalid setting. */
export function resolveSalesConfig(overrides: unknown = {}): SalesConfig {
  const problems: string[] = [];
  const config = overlaySettings(DEFAULT_SALES_CONFIG, overrides, 'sales', problems);
  const c = config.commission;
  if (!isInt(c.defaultRateBp, 0, 10_000)) problems.push('sales.commission.defaultRateBp must be an integer 0–10000');
  if (!isInt(c.clawbackDays, 0, 3_650)) problems.push('sales.commission.clawbackDays must be an integer 0–3650');
  if (!isInt(config.contractExpiryDays, 1, 3_650)) problems.push('sales.contractExpiryDays must be an integer 1–3650');
  const ruleKeys = new Set(['productCode', 'pricePlanCode', 'rateBp', 'fixedFen']);
  (Array.isArray(c.rules) ? c.rules : []).forEach((r, i) => {
    const at = `sales.commission.rules[${i}]`;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return void problems.push(`${at} must be an object`);
    for (const k of Object.keys(r)) if (!ruleKeys.has(k)) problems.push(`${at}.${k} is not a setting`);
    if ((r.productCode === undefined) === (r.pricePlanCode === undefined)) problems.push(`${at} needs exactly one of productCode, pricePlanCode`);
    for (const k of ['productCode', 'pricePlanCode'] as const) if (r[k] !== undefined && (typeof r[k] !== 'string' || !r[k])) problems.push(`${at}.${k} must be a non-empty string`);
    if (r.rateBp === undefined && r.fixedFen === undefined) problems.push(`${at} needs rateBp or fixedFen`);
    if (r.rateBp !== undefined && !isInt(r.rateBp, 0, 10_000)) problems.push(`${at}.rateBp must be an integer 0–10000`);
    if (r.fixedFen !== undefined && !isInt(r.fixedFen, 0, 100_000_000)) problems.push(`${at}.fixedFen must be an integer 0–100000000`);
  });
  (Array.isArray(c.tiers) ? c.tiers : []).forEach((t, i) => {
    const at = `sales.commission.tiers[${i}]`;
    if (t === null || typeof t !== 'object' || Array.isArray(t)) return void problems.push(`${at} must be an object`);
    for (const k of Object.keys(t)) if (k !== 'minOrders' && k !== 'bonusBp') problems.push(`${at}.${k} is not a setting`);
    if (!isInt(t.minOrders, 1, 1_000_000)) problems.push(`${at}.minOrders must be an integer 1–1000000`);
    if (!isInt(t.bonusBp, 0, 10_000)) problems.push(`${at}.bonusBp must be an integer 0–10000`);
  });
  assertSettings('sales', problems);
  return config;
}
