import { DomainException, ErrorCode } from '@crm/errors';
import { PLAN_FINAL_STATES, PLAN_STATES, PLAN_TRANSITIONS, PlanState } from './plan.constants';
import { allowedPlanTransitions, assertPlanEditable, assertPlanTransition, canTransitionPlan, isPlanState, planTransitionNeedsReason } from './plan-lifecycle.util';

const S = PlanState;

function thrown(fn: () => unknown): DomainException {
  try {
    fn();
  } catch (e) {
    return e as DomainException;
  }
  throw new Error('expected a throw');
}

describe('plan lifecycle', () => {
  it('walks the whole lifecycle including a revise loop', () => {
    const path = [S.Draft, S.Evaluation, S.Rejected, S.Revised, S.Evaluation, S.Adopted, S.Revised, S.Evaluation, S.Adopted, S.Confirmed, S.Executing, S.Evaluated];
    for (let i = 1; i < path.length; i++) expect([path[i - 1], path[i], canTransitionPlan(path[i - 1], path[i])]).toEqual([path[i - 1], path[i], true]);
  });

  it('has exactly these transitions', () => {
    expect(PLAN_TRANSITIONS).toEqual({
      draft: ['evaluation'],
      evaluation: ['adopted', 'rejected'],
      adopted: ['confirmed', 'revised'],
      rejected: ['revised'],
      revised: ['evaluation'],
      confirmed: ['executing'],
      executing: ['evaluated'],
      evaluated: [],
    });
    expect(PLAN_FINAL_STATES).toEqual([S.Evaluated]);
  });

  it('refuses every move not listed, and self-moves', () => {
    let refused = 0;
    for (const from of PLAN_STATES) {
      for (const to of PLAN_STATES) {
        const listed = PLAN_TRANSITIONS[from].includes(to);
        expect(canTransitionPlan(from, to)).toBe(listed);
        if (!listed) refused++;
      }
    }
    expect(canTransitionPlan(S.Draft, S.Draft)).toBe(false);
    expect(refused).toBe(64 - 9);
  });

  it('an illegal move is a 409 naming from and to and what is allowed', () => {
    const e = thrown(() => assertPlanTransition(S.Draft, S.Confirmed, 'x'));
    expect(e).toBeInstanceOf(DomainException);
    expect(e.code).toBe(ErrorCode.Conflict);
    expect(e.message).toBe('A plan cannot move from draft to confirmed');
    expect(e.details).toEqual([{ field: 'to', problem: 'allowed from draft: evaluation' }]);
    expect(thrown(() => assertPlanTransition(S.Evaluated, S.Draft)).details).toEqual([{ field: 'to', problem: 'evaluated is final' }]);
  });

  it('rejected and revised need a reason (400 on reason); others do not; the reason is trimmed', () => {
    expect(planTransitionNeedsReason(S.Rejected)).toBe(true);
    expect(planTransitionNeedsReason(S.Revised)).toBe(true);
    expect(planTransitionNeedsReason(S.Adopted)).toBe(false);
    const e = thrown(() => assertPlanTransition(S.Evaluation, S.Rejected, '   '));
    expect(e.code).toBe(ErrorCode.ValidationFailed);
    expect(e.details).toEqual([{ field: 'reason', problem: 'required when moving to rejected' }]);
    expect(assertPlanTransition(S.Evaluation, S.Rejected, '  budget too high ')).toBe('budget too high');
    expect(assertPlanTransition(S.Draft, S.Evaluation)).toBeNull();
  });

  it('only draft and revised plans are editable', () => {
    expect(() => assertPlanEditable(S.Draft)).not.toThrow();
    expect(() => assertPlanEditable(S.Revised)).not.toThrow();
    for (const s of [S.Evaluation, S.Adopted, S.Rejected, S.Confirmed, S.Executing, S.Evaluated]) expect(thrown(() => assertPlanEditable(s)).code).toBe(ErrorCode.Conflict);
  });

  it('recognises states', () => {
    expect(isPlanState('executing')).toBe(true);
    expect(isPlanState('done')).toBe(false);
    expect(allowedPlanTransitions(S.Adopted)).toEqual([S.Confirmed, S.Revised]);
  });
});
