import { BusinessCalendar, addBusinessMinutes, businessMinutesBetween } from './business-hours.util';
import { ServiceConfig } from './service.config';
import { ServiceRequestKind, ServiceSeverity } from './service.constants';

export interface SlaSubject {
  kind: ServiceRequestKind;
  severity: ServiceSeverity;
  /** 大客戶: key customer type or a key-account level. */
  keyAccount: boolean;
}

/** The targets that apply to one request, fixed when it is created. */
export interface ResolvedSla {
  responseMinutes: number;
  resolutionMinutes: number;
  /** true: plain minutes, 24×7; false: business minutes of the calendar. */
  aroundTheClock: boolean;
}

/** kind × severity × customer class → targets (rounded up to whole minutes, at least 1). */
export function resolveSla(config: ServiceConfig, s: SlaSubject): ResolvedSla {
  const base = config.policies[s.kind][s.severity];
  const factor = s.keyAccount ? config.customerFactors.keyAccount : config.customerFactors.public;
  return {
    responseMinutes: Math.max(1, Math.ceil(base.responseMinutes * factor)),
    resolutionMinutes: Math.max(1, Math.ceil(base.resolutionMinutes * factor)),
    aroundTheClock: config.aroundTheClock.includes(`${s.kind}:${s.severity}`),
  };
}

/**
 * One SLA clock: `usedMinutes` consumed in earlier running segments, plus the current segment
 * since `runningSince` (null while paused: pending, resolved, final).
 */
export interface SlaClockState {
  targetMinutes: number;
  usedMinutes: number;
  runningSince: Date | null;
  aroundTheClock: boolean;
}

export function elapsedMinutes(c: SlaClockState, asOf: Date, cal: BusinessCalendar): number {
  return c.usedMinutes + (c.runningSince ? businessMinutesBetween(c.runningSince, asOf, cal, c.aroundTheClock) : 0);
}

/** Stops the clock at `at` (request held or resolved): the running segment is added to the used minutes. */
export function pauseClock(c: SlaClockState, at: Date, cal: BusinessCalendar): SlaClockState {
  if (!c.runningSince) return c;
  return { ...c, usedMinutes: elapsedMinutes(c, at, cal), runningSince: null };
}

/** Restarts the clock at `at`; the due instant is what is left of the target, counted from `at`. */
export function resumeClock(c: SlaClockState, at: Date, cal: BusinessCalendar): { clock: SlaClockState; dueAt: Date } {
  const clock = c.runningSince ? c : { ...c, runningSince: at };
  return { clock, dueAt: dueOf(clock, clock.runningSince!, cal) };
}

/** When the clock reaches its target if it runs from `from` on (its running segment start, or a resume instant). */
export function dueOf(c: SlaClockState, from: Date, cal: BusinessCalendar): Date {
  return addBusinessMinutes(from, Math.max(0, c.targetMinutes - c.usedMinutes), cal, c.aroundTheClock);
}

export type SlaStanding = 'ok' | 'near_breach' | 'breach';

/** ok / near_breach (≥ ratio of the target used) / breach (target exceeded) of a clock at `asOf`. */
export function slaStanding(c: SlaClockState, asOf: Date, cal: BusinessCalendar, nearBreachRatio: number): { standing: SlaStanding; elapsedMinutes: number; ratio: number } {
  const elapsed = elapsedMinutes(c, asOf, cal);
  const ratio = elapsed / c.targetMinutes;
  return { standing: ratio > 1 ? 'breach' : ratio >= nearBreachRatio ? 'near_breach' : 'ok', elapsedMinutes: elapsed, ratio };
}
