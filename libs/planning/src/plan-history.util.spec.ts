import { EntityManager } from 'typeorm';
import { PlanState } from './plan.constants';
import { planTransitions, recordPlanTransition } from './plan-history.util';

function fakeManager(rows: unknown[] = []): { manager: EntityManager; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const manager = { query: async (sql: string, params: unknown[]) => (calls.push([sql, params]), rows) } as unknown as EntityManager;
  return { manager, calls };
}

describe('plan history helpers', () => {
  it('inserts one transition into the domain history table', async () => {
    const { manager, calls } = fakeManager();
    await recordPlanTransition(manager, 'service_plan_transition', { planId: 'p1', from: PlanState.Evaluation, to: PlanState.Rejected, reason: 'too expensive', by: 'service' });
    expect(calls).toEqual([[`INSERT INTO "service_plan_transition" (plan_id, from_state, to_state, reason, by) VALUES ($1, $2, $3, $4, $5)`, ['p1', 'evaluation', 'rejected', 'too expensive', 'service']]]);
  });

  it('reads transitions oldest first as DTOs', async () => {
    const at = new Date('2026-12-01T02:00:00Z');
    const { manager, calls } = fakeManager([{ from_state: null, to_state: 'draft', reason: null, at, by: 'service' }]);
    expect(await planTransitions(manager, 'marketing_plan_transition', 'p2')).toEqual([{ fromState: null, toState: 'draft', reason: null, at: '2026-12-01T02:00:00.000Z', by: 'service' }]);
    expect(calls[0][0]).toContain('FROM "marketing_plan_transition" WHERE plan_id = $1 ORDER BY at, id');
  });

  it('refuses a table name that is not a plain identifier', async () => {
    const { manager, calls } = fakeManager();
    await expect(recordPlanTransition(manager, 'x; DROP TABLE y', { planId: 'p', from: null, to: PlanState.Draft, reason: null, by: 'u' })).rejects.toThrow('Not a table name');
    expect(calls).toEqual([]);
  });
});
