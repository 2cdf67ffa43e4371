import { DataSource, EntityManager } from 'typeorm';
import { DomainException, ErrorCode } from '@crm/errors';
import { PlanState } from './plan.constants';
import { PlanWorkflow, PlanWorkflowRow } from './plan-workflow';

class Plan {}
class Transition {}
class Stage {}
class Evaluation {}
const TABLES = new Map<unknown, string>([[Plan, 'x_plan'], [Transition, 'x_plan_transition'], [Stage, 'x_plan_stage_result'], [Evaluation, 'x_plan_evaluation']]);

function setup(row: PlanWorkflowRow | undefined) {
  const calls: [string, unknown[]][] = [];
  const audits: unknown[] = [];
  const manager = {
    query: async (sql: string, params: unknown[]) => {
      calls.push([sql, params]);
      return sql.startsWith('INSERT INTO x_plan_stage_result') ? [{ id: '7', stage: params[1], result: params[2], metrics: JSON.parse(params[3] as string), at: new Date('2027-01-02T00:00:00Z'), by: params[4] }] : [];
    },
  } as unknown as EntityManager;
  const dataSource = {
    getMetadata: (target: unknown) => ({ tableName: TABLES.get(target) }),
    transaction: <T>(work: (m: EntityManager) => Promise<T>) => work(manager),
    manager,
    query: manager.query,
  } as unknown as DataSource;
  const workflow = new PlanWorkflow({
    dataSource,
    entities: { plan: Plan, transition: Transition, stageResult: Stage, evaluation: Evaluation },
    audit: { record: async (_m, _a, entry) => void audits.push(entry) },
    label: 'Test plan',
    entityType: 'x_plan',
    route: '/api/v1/x-plans',
    lock: async () => row,
  });
  return { workflow, calls, audits };
}

const actor = { username: 'ana' };

async function refusal(p: Promise<unknown>): Promise<DomainException> {
  try {
    await p;
  } catch (e) {
    return e as DomainException;
  }
  throw new Error('expected a refusal');
}

describe('PlanWorkflow', () => {
  it('moves a plan on the tables of its entities and audits the move', async () => {
    const { workflow, calls, audits } = setup({ id: 'p1', state: PlanState.Evaluation, version: 3 });
    await workflow.transition('p1', { to: PlanState.Rejected, reason: ' too dear ', version: 3 }, actor);
    expect(calls.map(([sql]) => sql.split(' (')[0].split(' SET')[0])).toEqual(['UPDATE x_plan', 'INSERT INTO "x_plan_transition"']);
    expect(calls[1][1]).toEqual(['p1', 'evaluation', 'rejected', 'too dear', 'ana']);
    expect(audits).toEqual([{ action: 'update', entityType: 'x_plan', entityId: 'p1', oldValues: { state: 'evaluation' }, newValues: { state: 'rejected', reason: 'too dear' } }]);
  });

  it('refuses evaluated through a transition, a stale version and a missing plan', async () => {
    const executing = setup({ id: 'p1', state: PlanState.Executing, version: 2 }).workflow;
    const e = await refusal(executing.transition('p1', { to: PlanState.Evaluated, version: 2 }, actor));
    expect(e.message).toBe('A plan becomes evaluated by recording its evaluation: POST /api/v1/x-plans/:id/evaluation');
    expect((await refusal(executing.transition('p1', { to: PlanState.Evaluated, version: 1 }, actor))).message).toBe('The test plan was changed meanwhile (version 2, not 1); read it again');
    expect((await refusal(setup(undefined).workflow.transition('p1', { to: PlanState.Evaluation, version: 1 }, actor))).code).toBe(ErrorCode.NotFound);
  });

  it('takes stage results only while executing, with numeric metrics', async () => {
    const draft = setup({ id: 'p1', state: PlanState.Draft, version: 1 }).workflow;
    expect((await refusal(draft.addStageResult('p1', { stage: 's', result: 'r' }, actor))).code).toBe(ErrorCode.Conflict);
    const { workflow, audits } = setup({ id: 'p1', state: PlanState.Executing, version: 1 });
    expect((await refusal(workflow.addStageResult('p1', { stage: 's', result: 'r', metrics: { a: 'x' as unknown as number } }, actor))).details).toEqual([{ field: 'metrics', problem: 'each metric must be a number (at most 50)' }]);
    expect(await workflow.addStageResult('p1', { stage: ' s1 ', result: ' r ', metrics: { sent: 10 } }, actor)).toEqual({ id: '7', stage: 's1', result: 'r', metrics: { sent: 10 }, at: '2027-01-02T00:00:00.000Z', by: 'ana' });
    expect(audits).toEqual([{ action: 'create', entityType: 'x_plan_stage_result', entityId: 'p1', newValues: { stage: 's1', metrics: { sent: 10 } } }]);
  });

  it('evaluates after the domain check, in one transaction', async () => {
    const { workflow, calls } = setup({ id: 'p1', state: PlanState.Executing, version: 4 });
    const check = jest.fn(async () => undefined);
    await workflow.evaluate('p1', { overallScore: 80, scores: { reach: 70 }, notes: ' ok ', version: 4 }, actor, check);
    expect(check).toHaveBeenCalledTimes(1);
    expect(calls.map(([sql]) => sql.split(' (')[0].split(' SET')[0])).toEqual(['INSERT INTO x_plan_evaluation', 'UPDATE x_plan', 'INSERT INTO "x_plan_transition"']);
    expect(calls[2][1]).toEqual(['p1', 'executing', 'evaluated', 'evaluated: 80/100', 'ana']);
  });
});
