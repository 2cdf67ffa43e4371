import { DomainException, ErrorCode } from '@crm/errors';
import { PLAN_EDITABLE_STATES, PLAN_REASON_REQUIRED, PLAN_STATES, PLAN_TRANSITIONS, PlanState } from './plan.constants';

export const isPlanState = (value: unknown): value is PlanState => typeof value === 'string' && (PLAN_STATES as readonly string[]).includes(value);

/** Where a plan in `from` may go next. */
export const allowedPlanTransitions = (from: PlanState): readonly PlanState[] => PLAN_TRANSITIONS[from] ?? [];

export const canTransitionPlan = (from: PlanState, to: PlanState): boolean => allowedPlanTransitions(from).includes(to);

export const planTransitionNeedsReason = (to: PlanState): boolean => PLAN_REASON_REQUIRED.includes(to);

export const isPlanEditable = (state: PlanState): boolean => PLAN_EDITABLE_STATES.includes(state);

/**
 * Checks a move and returns the trimmed reason (null when none):
 * an illegal move → 409 naming from and to (details list what is allowed), a missing reason where
 * one is required → 400 on `reason`.
 */
export function assertPlanTransition(from: PlanState, to: PlanState, reason?: string | null): string | null {
  if (!canTransitionPlan(from, to)) {
    const allowed = allowedPlanTransitions(from);
    throw DomainException.conflict(`A plan cannot move from ${from} to ${to}`, [
      { field: 'to', problem: allowed.length ? `allowed from ${from}: ${allowed.join(', ')}` : `${from} is final` },
    ]);
  }
  const text = reason?.trim() || null;
  if (!text && planTransitionNeedsReason(to)) {
    throw new DomainException(ErrorCode.ValidationFailed, `A move to ${to} needs a reason`, [{ field: 'reason', problem: `required when moving to ${to}` }]);
  }
  return text;
}

/** 409 unless the plan's content may be edited in `state`. */
export function assertPlanEditable(state: PlanState, what = 'The plan'): void {
  if (!isPlanEditable(state)) {
    throw DomainException.conflict(`${what} is ${state}; it can be edited only while ${PLAN_EDITABLE_STATES.join(' or ')}`, [
      { field: 'state', problem: `editable only in ${PLAN_EDITABLE_STATES.join(', ')}` },
    ]);
  }
}
