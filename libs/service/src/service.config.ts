import { assertSettings, overlaySettings } from '@crm/config';
import { BusinessCalendar, calendarProblems } from './business-hours.util';
import { ServiceRequestKind, ServiceSeverity } from './service.constants';

/** Targets of one kind × severity, in business minutes (or plain minutes on the 24×7 clock). */
export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
}

export type SlaPolicyTable = Record<ServiceRequestKind, Record<ServiceSeverity, SlaTarget>>;

/**
 * Service requests (服務請求): SLA policy, working calendar and the check schedule
 * (docs/service.md). Defaults below; a node overrides any subset with the JSON of
 * `CRM_SERVICE_CONFIG` (or the file named by `CRM_SERVICE_CONFIG_FILE`), validated at start.
 */
export interface ServiceConfig {
  /** Targets per kind × severity for public customers. */
  policies: SlaPolicyTable;
  /** Multipliers of the targets by customer class: key accounts (大客戶) are served faster. */
  customerFactors: { public: number; keyAccount: number };
  /** `kind:severity` pairs whose clocks run 24×7 instead of business hours (critical faults by default). */
  aroundTheClock: string[];
  /** Working calendar (the node's time zone applies). */
  calendar: Omit<BusinessCalendar, 'timezone'>;
  /** Fraction of the target used at which a near-breach notification goes out (0.8 = 80 %). */
  nearBreachRatio: number;
  /** The SLA check (cron, node time zone). */
  cron: string;
  /** Requests examined per batch by the check. */
  batchSize: number;
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

const HOUR = 60;
/** One business day of the default calendar (08:30–18:00). */
const DAY = 570;
const t = (responseMinutes: number, resolutionMinutes: number): SlaTarget => ({ responseMinutes, resolutionMinutes });

export const DEFAULT_SERVICE_CONFIG: ServiceConfig = {
  policies: {
    fault: { critical: t(30, 4 * HOUR), high: t(60, 8 * HOUR), medium: t(2 * HOUR, 2 * DAY), low: t(4 * HOUR, 5 * DAY) },
    complaint: { critical: t(30, 8 * HOUR), high: t(60, 2 * DAY), medium: t(2 * HOUR, 5 * DAY), low: t(4 * HOUR, 10 * DAY) },
    consultation: { critical: t(15, 2 * HOUR), high: t(30, 4 * HOUR), medium: t(HOUR, DAY), low: t(2 * HOUR, 2 * DAY) },
    query: { critical: t(15, 2 * HOUR), high: t(30, 4 * HOUR), medium: t(HOUR, DAY), low: t(2 * HOUR, 2 * DAY) },
    suggestion: { critical: t(HOUR, 2 * DAY), high: t(2 * HOUR, 5 * DAY), medium: t(4 * HOUR, 10 * DAY), low: t(DAY, 20 * DAY) },
  },
  customerFactors: { public: 1, keyAccount: 0.5 },
  aroundTheClock: ['fault:critical'],
  calendar: { workingDays: [1, 2, 3, 4, 5], start: '08:30', end: '18:00', holidays: [], extraWorkingDays: [] },
  nearBreachRatio: 0.8,
  cron: '*/5 * * * *',
  batchSize: 500,
};

/** Defaults with `overrides` (any subset) applied; throws SettingsError (CRM_SERVICE_CONFIG) naming every problem. */
export function resolveServiceConfig(overrides: unknown = {}): ServiceConfig {
  const problems: string[] = [];
  const config = overlaySettings(DEFAULT_SERVICE_CONFIG, overrides, 'service', problems);
  for (const kind of Object.values(ServiceRequestKind)) {
    for (const severity of Object.values(ServiceSeverity)) {
      const target = config.policies[kind][severity];
      for (const k of ['responseMinutes', 'resolutionMinutes'] as const) {
        if (!(Number.isInteger(target[k]) && target[k] > 0)) problems.push(`service.policies.${kind}.${severity}.${k} must be a whole number of minutes > 0`);
      }
      if (target.responseMinutes > target.resolutionMinutes) problems.push(`service.policies.${kind}.${severity}.responseMinutes must not exceed resolutionMinutes`);
    }
  }
  for (const k of ['public', 'keyAccount'] as const) {
    const f = config.customerFactors[k];
    if (!(f > 0 && f <= 1)) problems.push(`service.customerFactors.${k} must be in (0, 1]`);
  }
  const pairs = new Set(Object.values(ServiceRequestKind).flatMap((k) => Object.values(ServiceSeverity).map((s) => `${k}:${s}`)));
  config.aroundTheClock.forEach((p, i) => pairs.has(p) || problems.push(`service.aroundTheClock[${i}] must be kind:severity, e.g. fault:critical (got ${JSON.stringify(p)})`));
  problems.push(...calendarProblems(config.calendar, 'service.calendar'));
  if (!(config.nearBreachRatio > 0 && config.nearBreachRatio < 1)) problems.push('service.nearBreachRatio must be between 0 and 1 (exclusive)');
  if (config.cron.trim().split(/\s+/).length < 5) problems.push('service.cron must be a cron pattern');
  if (!(Number.isInteger(config.batchSize) && config.batchSize >= 1)) problems.push('service.batchSize must be a whole number ≥ 1');
  assertSettings('service', problems);
  return config;
}
