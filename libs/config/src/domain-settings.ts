import { readFileSync } from 'node:fs';

/**
 * Rule sets a domain library reads from the node configuration (weights, thresholds, cadences).
 * Each has typed defaults in its own library; a node overrides any subset with JSON given either
 * inline, `CRM_<NAME>_CONFIG='{"…":…}'`, or as a file, `CRM_<NAME>_CONFIG_FILE=/etc/crm/<name>.json`.
 */
export const DOMAIN_SETTINGS = {
  scoring: 'CRM_SCORING_CONFIG',
  segmentation: 'CRM_SEGMENTATION_CONFIG',
  churn: 'CRM_CHURN_CONFIG',
  customerWatch: 'CRM_CUSTOMER_WATCH_CONFIG',
  /** Service requests (@crm/service): SLA policy, working calendar, check schedule. */
  service: 'CRM_SERVICE_CONFIG',
  /** Proactive care rules (@crm/service-care): key-account visits, anniversaries, outage follow-ups. */
  serviceCare: 'CRM_SERVICE_CARE_CONFIG',
  sales: 'CRM_SALES_CONFIG',
} as const;

export type DomainSettingsName = keyof typeof DOMAIN_SETTINGS;

/** Per rule set: the JSON object the node was given (`{}` when none), not yet validated against the defaults. */
export type DomainSettingsOverrides = Record<DomainSettingsName, Record<string, unknown>>;

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads every rule set's override from `env`; each problem names its variable. */
export function readDomainSettings(env: Record<string, string | undefined>, problems: string[]): DomainSettingsOverrides {
  const out = {} as DomainSettingsOverrides;
  for (const [name, variable] of Object.entries(DOMAIN_SETTINGS) as [DomainSettingsName, string][]) {
    out[name] = {};
    const inline = env[variable]?.trim();
    const file = env[`${variable}_FILE`]?.trim();
    if (inline && file) {
      problems.push(`${variable} and ${variable}_FILE are both set: give one`);
      continue;
    }
    const source = inline ? variable : file ? `${variable}_FILE` : undefined;
    if (!source) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(inline ?? readFileSync(file!, 'utf8'));
    } catch (e) {
      problems.push(`${source} cannot be read as JSON: ${(e as Error).message}`);
      continue;
    }
    if (isPlainObject(doc)) out[name] = doc;
    else problems.push(`${source} must hold a JSON object`);
  }
  return out;
}

/**
 * Overlays `overrides` on `defaults` key by key and reports, under `root`, unknown keys and
 * values of another type (arrays are replaced whole and must hold the defaults' element type).
 * The caller adds its own range checks to `problems` and refuses to start when any is left.
 */
export function overlaySettings<T>(defaults: T, overrides: unknown, root: string, problems: string[]): T {
  return overlay(defaults, overrides ?? {}, root, problems) as T;
}

function overlay(base: unknown, overrides: unknown, path: string, problems: string[]): unknown {
  if (isPlainObject(base)) {
    if (!isPlainObject(overrides)) {
      problems.push(`${path} must be an object`);
      return base;
    }
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(overrides)) {
      if (!(key in base)) problems.push(`${path}.${key} is not a setting`);
      else out[key] = overlay(base[key], value, `${path}.${key}`, problems);
    }
    return out;
  }
  if (Array.isArray(base)) {
    const elementType = base.length ? typeof base[0] : undefined;
    const fits = (v: unknown) => (elementType === undefined || typeof v === elementType) && (typeof v !== 'number' || Number.isFinite(v));
    if (!Array.isArray(overrides) || !overrides.every(fits)) {
      problems.push(`${path} must be an array${elementType ? ` of ${elementType}s` : ''}`);
      return base;
    }
    return [...overrides];
  }
  if (typeof base !== typeof overrides || (typeof overrides === 'number' && !Number.isFinite(overrides))) {
    problems.push(`${path} must be a ${typeof base}`);
    return base;
  }
  return overrides;
}

/** Raised by a domain library whose rule set is invalid; the node does not start. */
export class SettingsError extends Error {
  constructor(readonly variable: string, readonly problems: string[]) {
    super(`Invalid settings (${variable}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsError';
  }
}

/** Throws SettingsError naming the rule set's variable when `problems` is not empty. */
export function assertSettings(name: DomainSettingsName, problems: string[]): void {
  if (problems.length) throw new SettingsError(DOMAIN_SETTINGS[name], problems);
}
