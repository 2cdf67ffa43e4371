import { ServiceRequestStatus as S } from './service.constants';

/** How a transition is asked for: through POST …/transitions (`manual`) or by a return visit. */
export type TransitionTrigger = 'manual' | 'return_visit';

/** Statuses in which the request is still being worked on. */
export const OPEN_STATUSES: readonly S[] = [S.Acknowledged, S.InProgress, S.Pending];
export const FINAL_STATUSES: readonly S[] = [S.Closed, S.Rejected, S.Cancelled];

/**
 * The lifecycle: acknowledged → in_progress ⇄ pending; in_progress → resolved → closed;
 * rejected / cancelled from any open status; resolved → in_progress (reopen) only by an
 * unsatisfied return visit, resolved → closed by a satisfied one or by hand.
 */
const EDGES: Readonly<Record<S, readonly { to: S; via: readonly TransitionTrigger[] }[]>> = {
  [S.Acknowledged]: [
    { to: S.InProgress, via: ['manual'] },
    { to: S.Rejected, via: ['manual'] },
    { to: S.Cancelled, via: ['manual'] },
  ],
  [S.InProgress]: [
    { to: S.Pending, via: ['manual'] },
    { to: S.Resolved, via: ['manual'] },
    { to: S.Rejected, via: ['manual'] },
    { to: S.Cancelled, via: ['manual'] },
  ],
  [S.Pending]: [
    { to: S.InProgress, via: ['manual'] },
    { to: S.Rejected, via: ['manual'] },
    { to: S.Cancelled, via: ['manual'] },
  ],
  [S.Resolved]: [
    { to: S.Closed, via: ['manual', 'return_visit'] },
    { to: S.InProgress, via: ['return_visit'] },
  ],
  [S.Closed]: [],
  [S.Rejected]: [],
  [S.Cancelled]: [],
};

export type TransitionCheck = { ok: true } | { ok: false; code: string; reason: string; allowed: S[] };

/** Whether `from → to` is allowed for `trigger`; when not, a stable code naming both (`SERVICE_TRANSITION_RESOLVED_TO_IN_PROGRESS`). */
export function checkTransition(from: S, to: S, trigger: TransitionTrigger = 'manual'): TransitionCheck {
  const edges = EDGES[from] ?? [];
  const allowed = edges.filter((e) => e.via.includes(trigger)).map((e) => e.to);
  if (allowed.includes(to)) return { ok: true };
  const code = `SERVICE_TRANSITION_${from}_TO_${to}`.toUpperCase();
  if (edges.some((e) => e.to === to)) return { ok: false, code, reason: `${from} → ${to} happens only through a return visit`, allowed };
  if (!edges.length) return { ok: false, code, reason: `${from} is final`, allowed };
  return { ok: false, code, reason: `${from} cannot become ${to}`, allowed };
}

/** Statuses reachable from `from` by `trigger`. */
export function nextStatuses(from: S, trigger: TransitionTrigger = 'manual'): S[] {
  return (EDGES[from] ?? []).filter((e) => e.via.includes(trigger)).map((e) => e.to);
}

export const isOpen = (s: S): boolean => OPEN_STATUSES.includes(s);

/** The resolution SLA clock runs in acknowledged and in_progress only (pending, resolved and the final statuses stop it). */
export const resolutionClockRuns = (s: S): boolean => s === S.Acknowledged || s === S.InProgress;
/** The response SLA clock runs until the request first leaves acknowledged. */
export const responseClockRuns = (s: S): boolean => s === S.Acknowledged;
