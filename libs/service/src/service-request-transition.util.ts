import { BusinessCalendar } from './business-hours.util';
import { ServiceRequestStatus as S } from './service.constants';
import { resolutionClockRuns } from './service-request-lifecycle.util';
import { pauseClock, resumeClock, SlaClockState } from './sla-policy.util';

/** The SLA-relevant state of a request before a transition. */
export interface TransitionSubject {
  status: S;
  handoverCount: number;
  /** Null when a system received the request: its resolution is never a first-contact resolution. */
  receivedByStaffId: string | null;
  aroundTheClock: boolean;
  resolutionTargetMinutes: number;
  resolutionUsedMinutes: number;
  resolutionRunningSince: Date | null;
  resolutionDueAt: Date;
  responseDueAt: Date;
  respondedAt: Date | null;
  /** A breach notice already went out for the resolution clock. */
  resolutionBreachedAt: Date | null;
}

export interface TransitionEffects {
  /** Columns to set on the request. */
  set: {
    status: S;
    respondedAt?: Date;
    resolvedAt?: Date | null;
    closedAt?: Date;
    resolutionUsedMinutes?: number;
    resolutionRunningSince?: Date | null;
    resolutionDueAt?: Date;
  };
  /** Figures for the history row (the facts read slaMet / firstContact of resolutions). */
  details: Record<string, unknown>;
}

/**
 * What moving a request to `to` at `now` does besides the status: the first move out of
 * acknowledged is the response; the resolution clock pauses when leaving acknowledged /
 * in_progress (pending, resolved, final) and resumes with a new due when coming back;
 * resolution records whether the SLA was met (within target and no breach notice sent) and whether it is a first-contact resolution.
 * The transition itself must have been checked (checkTransition).
 */
export function transitionEffects(r: TransitionSubject, to: S, now: Date, cal: BusinessCalendar): TransitionEffects {
  const set: TransitionEffects['set'] = { status: to };
  const details: Record<string, unknown> = {};
  if (r.status === S.Acknowledged && !r.respondedAt) {
    set.respondedAt = now;
    details.responseMet = now.getTime() <= r.responseDueAt.getTime();
  }
  const clock: SlaClockState = { targetMinutes: r.resolutionTargetMinutes, usedMinutes: r.resolutionUsedMinutes, runningSince: r.resolutionRunningSince, aroundTheClock: r.aroundTheClock };
  const running = resolutionClockRuns(r.status);
  const willRun = resolutionClockRuns(to);
  if (running && !willRun) {
    const paused = pauseClock(clock, now, cal);
    set.resolutionUsedMinutes = paused.usedMinutes;
    set.resolutionRunningSince = null;
    details.resolutionUsedMinutes = Math.round(paused.usedMinutes * 100) / 100;
  } else if (!running && willRun) {
    const { clock: resumed, dueAt } = resumeClock({ ...clock, runningSince: null }, now, cal);
    set.resolutionRunningSince = resumed.runningSince;
    set.resolutionDueAt = dueAt;
    details.resolutionDueAt = dueAt.toISOString();
  }
  if (to === S.Resolved) {
    set.resolvedAt = now;
    details.slaMet = !r.resolutionBreachedAt && (set.resolutionUsedMinutes ?? r.resolutionUsedMinutes) <= r.resolutionTargetMinutes;
    // 首問 resolution: resolved by whoever received it, without a hand-over; a request received by a system has no first contact
    details.firstContact = r.receivedByStaffId !== null && r.handoverCount === 0;
  }
  if (r.status === S.Resolved && to === S.InProgress) set.resolvedAt = null;
  if (to === S.Closed) set.closedAt = now;
  return { set, details };
}
