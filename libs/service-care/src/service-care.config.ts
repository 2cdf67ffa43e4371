import { assertSettings, overlaySettings } from '@crm/config';

/**
 * The care rules (主動服務 / 客戶關懷, docs/service-care.md). Defaults below; a node overrides any
 * subset with the JSON of `CRM_SERVICE_CARE_CONFIG` or of the file named by `CRM_SERVICE_CARE_CONFIG_FILE` (e.g. `{"keyAccountVisit":{"cadenceDays":60}}`),
 * validated at start: unknown keys, wrong types and out-of-range values stop the process.
 */
export interface KeyAccountVisitRule {
  enabled: boolean;
  /** A visit is due this many days after the last done visit task (90). */
  cadenceDays: number;
  /** Tasks are generated this many days before they are due (7). */
  leadDays: number;
}

export interface AnniversaryRule {
  enabled: boolean;
  /** Only anniversaries of at least this many years (1). */
  minYears: number;
  /** Anniversaries of the last N days are still generated, so a missed run catches up (3). */
  catchUpDays: number;
}

export interface OutageRule {
  enabled: boolean;
  /** Outages lasting at least this many hours get follow-up tasks once they end (4). */
  minHours: number;
  /** Outages that ended within the last N days are considered (7). */
  lookbackDays: number;
  /** The follow-up is due N days after the outage ended (1). */
  dueInDays: number;
}

export interface ServiceCareConfig {
  /** Daily generation (cron, city time zone). */
  cron: string;
  /** Customers read per batch. */
  batchSize: number;
  /** Generated tasks are given to the customer's account manager (客戶經理負責制) when there is one: status assigned. */
  assignAccountManager: boolean;
  keyAccountVisit: KeyAccountVisitRule;
  anniversary: AnniversaryRule;
  outage: OutageRule;
}

export const SERVICE_CARE_CONFIG = Symbol('SERVICE_CARE_CONFIG');

export const DEFAULT_SERVICE_CARE_CONFIG: ServiceCareConfig = {
  cron: '15 3 * * *',
  batchSize: 2_000,
  assignAccountManager: true,
  keyAccountVisit: { enabled: true, cadenceDays: 90, leadDays: 7 },
  anniversary: { enabled: true, minYears: 1, catchUpDays: 3 },
  outage: { enabled: true, minHours: 4, lookbackDays: 7, dueInDays: 1 },
};


/** Integer ranges of the numeric settings. */
const RANGES: Record<string, [number, number]> = {
  batchSize: [1, 100_000],
  'keyAccountVisit.cadenceDays': [1, 3_650],
  'keyAccountVisit.leadDays': [0, 365],
  'anniversary.minYears': [1, 100],
  'anniversary.catchUpDays': [0, 31],
  'outage.minHours': [0, 8_760],
  'outage.lookbackDays': [0, 366],
  'outage.dueInDays': [0, 365],
};

/** Defaults overlaid with `overrides` (CRM_SERVICE_CARE_CONFIG or its _FILE); throws SettingsError naming every invalid setting. */
export function resolveServiceCareConfig(overrides: unknown = {}): ServiceCareConfig {
  const problems: string[] = [];
  const config = overlaySettings(DEFAULT_SERVICE_CARE_CONFIG, overrides, 'serviceCare', problems);
  for (const [name, [min, max]] of Object.entries(RANGES)) {
    const v = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], config);
    if (typeof v === 'number' && (!Number.isInteger(v) || v < min || v > max)) problems.push(`serviceCare.${name} must be an integer ${min}–${max}`);
  }
  if (!config.cron.trim() || config.cron.trim().split(/\s+/).length < 5) problems.push('serviceCare.cron must be a cron pattern (5 or 6 fields)');
  assertSettings('serviceCare', problems);
  return config;
}
