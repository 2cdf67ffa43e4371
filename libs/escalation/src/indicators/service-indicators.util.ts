import type { ServiceIndicatorName } from '@crm/directives';

/**
 * How each service indicator of a `service_indicators` directive is measured from additive
 * counts (docs/escalation.md, "Service indicators"). Every value is numerator / denominator ×
 * scale, so a province or HQ adds numerators and denominators and divides once.
 */
export interface IndicatorDefinition {
  name: ServiceIndicatorName;
  /** value = numerator / denominator × scale */
  scale: number;
  unit: string;
  /** Met when the value is at least (higher) or at most (lower) the target. */
  better: 'higher' | 'lower';
  numerator: string;
  denominator: string;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    name: 'faultRepairHours', scale: 1 / 60, unit: 'hours', better: 'lower',
    numerator: 'Σ wall-clock minutes from receipt to resolution of the fault resolutions of the month', denominator: 'fault resolutions of the month',
  },
  {
    name: 'firstContactResolutionRate', scale: 1, unit: 'ratio', better: 'higher',
    numerator: 'resolutions of the month without a hand-over (首問)', denominator: 'resolutions of the month',
  },
  {
    name: 'complaintsPer10k', scale: 10_000, unit: 'per 10,000 customers', better: 'lower',
    numerator: 'complaints registered in the month', denominator: 'customers at the end of the month (now, for the current month)',
  },
  {
    name: 'slaAttainmentRate', scale: 1, unit: 'ratio', better: 'higher',
    numerator: 'resolutions of the month within the resolution SLA', denominator: 'resolutions of the month',
  },
];
export const INDICATOR_BY_NAME = new Map(INDICATORS.map((d) => [d.name as string, d]));

/** A directive target as integer milli-units (24 h → 24000, 0.8 → 800). */
export const toMilli = (target: number): number => Math.round(target * 1000);

/** The measured value (null without a denominator), rounded to 4 decimals. */
export function indicatorValue(def: IndicatorDefinition, numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  return Math.round((numerator / denominator) * def.scale * 10_000) / 10_000;
}

/** Whether the exact ratio meets the target (integers only, no rounding); null without a denominator. */
export function indicatorMet(def: IndicatorDefinition, numerator: number, denominator: number, targetMilli: number): boolean | null {
  if (!(denominator > 0)) return null;
  // value = n / d × scale; compare n × scale × 1000 with target_milli × d, scale as a fraction
  const [sn, sd] = def.scale === 1 / 60 ? [1, 60] : [def.scale, 1];
  const left = numerator * sn * 1000;
  const right = targetMilli * denominator * sd;
  return def.better === 'higher' ? left >= right : left <= right;
}

export interface IndicatorFigure {
  indicator: string;
  unit: string;
  better: 'higher' | 'lower';
  /** The directive's target (null in a total whose cities apply different targets). */
  target: number | null;
  value: number | null;
  numerator: number;
  denominator: number;
  met: boolean | null;
}

export function indicatorFigure(def: IndicatorDefinition, numerator: number, denominator: number, targetMilli: number | null): IndicatorFigure {
  return {
    indicator: def.name,
    unit: def.unit,
    better: def.better,
    target: targetMilli === null ? null : targetMilli / 1000,
    value: indicatorValue(def, numerator, denominator),
    numerator,
    denominator,
    met: targetMilli === null ? null : indicatorMet(def, numerator, denominator, targetMilli),
  };
}

/** `YYYY-MM` → its first and last day; undefined when not a month. */
export function monthBounds(period: string): { first: string; last: string } | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(last).padStart(2, '0')}` };
}
