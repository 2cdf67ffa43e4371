import { EntityManager } from 'typeorm';
import { PlanState } from './plan.constants';

/**
 * A domain's plan history table (e.g. `service_plan_transition`) must have these columns:
 * `plan_id uuid, from_state varchar NULL, to_state varchar, reason varchar NULL, at timestamptz DEFAULT now(), by varchar`.
 */
export interface PlanTransitionRecord {
  planId: string;
  /** null when the plan is created. */
  from: PlanState | null;
  to: PlanState;
  reason: string | null;
  /** Username of who moved the plan. */
  by: string;
}

export interface PlanTransitionRow {
  fromState: PlanState | null;
  toState: PlanState;
  reason: string | null;
  at: string;
  by: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function table(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a table name: ${name}`);
  return `"${name}"`;
}

/** Inserts one transition into `historyTable` with the manager of the transition's own transaction. */
export async function recordPlanTransition(manager: EntityManager, historyTable: string, r: PlanTransitionRecord): Promise<void> {
  await manager.query(`INSERT INTO ${table(historyTable)} (plan_id, from_state, to_state, reason, by) VALUES ($1, $2, $3, $4, $5)`, [r.planId, r.from, r.to, r.reason, r.by]);
}

/** The transitions of a plan, oldest first. */
export async function planTransitions(manager: EntityManager, historyTable: string, planId: string): Promise<PlanTransitionRow[]> {
  const rows: { from_state: PlanState | null; to_state: PlanState; reason: string | null; at: Date; by: string }[] = await manager.query(
    `SELECT from_state, to_state, reason, at, by FROM ${table(historyTable)} WHERE plan_id = $1 ORDER BY at, id`,
    [planId],
  );
  return rows.map((r) => ({ fromState: r.from_state, toState: r.to_state, reason: r.reason, at: new Date(r.at).toISOString(), by: r.by }));
}
