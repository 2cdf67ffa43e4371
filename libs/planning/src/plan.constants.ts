/**
 * States of a plan (方案) — service plans now, marketing plans later (DOMAIN §5, §6):
 * draft → evaluation → adopted | rejected → revised → evaluation … → confirmed → executing → evaluated.
 */
export enum PlanState {
  /** 起草 */
  Draft = 'draft',
  /** 評估中 */
  Evaluation = 'evaluation',
  /** 採納 */
  Adopted = 'adopted',
  /** 否決 */
  Rejected = 'rejected',
  /** 修訂 (goes back to evaluation) */
  Revised = 'revised',
  /** 確認 */
  Confirmed = 'confirmed',
  /** 執行中 (stage results fed back) */
  Executing = 'executing',
  /** 已評價 (evaluation stored for the next plan); final */
  Evaluated = 'evaluated',
}

export const PLAN_STATES: readonly PlanState[] = Object.values(PlanState);

/** Allowed moves; anything else is a 409. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanState, readonly PlanState[]>> = {
  [PlanState.Draft]: [PlanState.Evaluation],
  [PlanState.Evaluation]: [PlanState.Adopted, PlanState.Rejected],
  [PlanState.Adopted]: [PlanState.Confirmed, PlanState.Revised],
  [PlanState.Rejected]: [PlanState.Revised],
  [PlanState.Revised]: [PlanState.Evaluation],
  [PlanState.Confirmed]: [PlanState.Executing],
  [PlanState.Executing]: [PlanState.Evaluated],
  [PlanState.Evaluated]: [],
};

/** Moves into these states need a reason (why rejected, what is being revised). */
export const PLAN_REASON_REQUIRED: readonly PlanState[] = [PlanState.Rejected, PlanState.Revised];

/** States in which the plan's content may still be edited. */
export const PLAN_EDITABLE_STATES: readonly PlanState[] = [PlanState.Draft, PlanState.Revised];

/** States with no way out. */
export const PLAN_FINAL_STATES: readonly PlanState[] = PLAN_STATES.filter((s) => PLAN_TRANSITIONS[s].length === 0);

/** The state a new plan starts in. */
export const PLAN_INITIAL_STATE = PlanState.Draft;
