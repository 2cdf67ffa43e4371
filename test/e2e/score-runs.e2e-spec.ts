import request from 'supertest';
import { SegmentationService } from '@crm/segmentation';
import { SCORING_CONFIG, ScoreRunRepository, ScoreRunService, ScoringConfig, ScoringService } from '@crm/scoring';
import { customerInput, insertTestSubscription, residentId, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

let born = 0;
function uniqueCustomerInput(): Record<string, unknown> {
  born += 1;
  const birth = new Date(Date.UTC(1960, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return customerInput({ districtCode: '440106', idNumber: residentId('440106', birth) });
}

/** A stand-in for a BullMQ job: keeps the progress; `failAfter` updates make it throw (a crash mid-run). */
function fakeJob(id: string, progress: unknown = 0, failAfter = Infinity) {
  const job = {
    id,
    progress,
    updates: 0,
    async updateProgress(p: object) {
      job.progress = p;
      job.updates += 1;
      if (job.updates >= failAfter) throw new Error('worker lost');
    },
  };
  return job;
}

describe('Score recomputation runs (issue 4 item 7: RecomputeAllScoresJob / RecomputeChangedScoresJob)', () => {
  let node: RunningNode;
  let admin: string;
  let runs: ScoreRunService;
  const customers: string[] = [];

  beforeAll(async () => {
    node = await startSingleCity();
    admin = await tokenFor(node.url, 'admin');
    const app = node.http!;
    const cfg = app.get<ScoringConfig>(SCORING_CONFIG);
    // batches of 2 so that a handful of customers makes several batches
    runs = new ScoreRunService(app.get(ScoreRunRepository), app.get(ScoringService), app.get(SegmentationService), { ...cfg, jobs: { ...cfg.jobs, batchSize: 2 } });
    for (let i = 0; i < 5; i++) {
      const c = await request(node.url).post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(uniqueCustomerInput()).expect(201);
      customers.push(c.body.id);
    }
  });
  afterAll(() => node.close());

  const count = async (sql: string): Promise<number> => Number((await node.dataSource.query(sql))[0].n);

  it('a full run interrupted after its first batch resumes after job.progress.lastCustomerId, without duplicates', async () => {
    const total = await count(`SELECT count(*) AS n FROM customer`);
    expect(total).toBeGreaterThanOrEqual(5);
    const job = fakeJob('full-1', 0, 1);
    await expect(runs.run('full', job, 'test')).rejects.toThrow('worker lost');
    const first = job.progress as { runId: string; lastCustomerId: string; done: number };
    expect(first.done).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM customer_score`)).toBe(4); // loyalty + credit of 2 customers

    const retry = fakeJob('full-1', job.progress);
    const result = await runs.run('full', retry, 'test');
    expect(result.runId).toBe(first.runId);
    expect(result.resumedAfter).toBe(first.lastCustomerId);
    expect(result.customers).toBe(total);
    expect(await count(`SELECT count(*) AS n FROM customer_score`)).toBe(2 * total);
    expect(await count(`SELECT count(*) AS n FROM (SELECT customer_id, kind, period FROM customer_score GROUP BY 1, 2, 3 HAVING count(*) > 1) d`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM customer_score_history`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM customer_segment WHERE customer_id = '${customers[0]}'`)).toBeGreaterThan(0);
    const [row] = await node.dataSource.query(`SELECT kind, customers, finished_at FROM score_run WHERE id = $1`, [first.runId]);
    expect(row).toMatchObject({ kind: 'full', customers: total });
    expect(row.finished_at).not.toBeNull();

    // a finished run's job retried again does nothing; a new full run writes nothing (idempotent)
    expect((await runs.run('full', fakeJob('full-1', retry.progress), 'test')).batches).toBe(0);
    const again = await runs.run('full', fakeJob('full-2'), 'test');
    expect(again).toMatchObject({ customers: total, written: 0 });
    expect(await count(`SELECT count(*) AS n FROM customer_score_history`)).toBe(0);
  });

  it('an incremental run picks only the customers whose inputs changed since the previous run', async () => {
    expect((await runs.run('incremental', fakeJob('inc-0'), 'test')).customers).toBe(0);
    await insertTestSubscription(node.dataSource, customers[3]);
    const r = await runs.run('incremental', fakeJob('inc-1'), 'test');
    expect(r.customers).toBe(1);
    expect(r.written).toBeGreaterThan(0); // one more active product changes loyalty
    const [row] = await node.dataSource.query(`SELECT since, watermark FROM score_run WHERE id = $1`, [r.runId]);
    expect(row.since).not.toBeNull();
    expect((await runs.run('incremental', fakeJob('inc-2'), 'test')).customers).toBe(0);
  });

  it('POST /scores/recompute-runs queues a job (202, score:write); GET lists the runs', async () => {
    const res = await request(node.url).post('/api/v1/scores/recompute-runs').auth(admin, { type: 'bearer' }).send({ mode: 'incremental' }).expect(202);
    expect(res.body).toMatchObject({ mode: 'incremental', jobId: expect.any(String) });
    await request(node.url).post('/api/v1/scores/recompute-runs').auth(admin, { type: 'bearer' }).send({ mode: 'sometimes' }).expect(400);
    const list = await request(node.url).get('/api/v1/scores/recompute-runs').auth(admin, { type: 'bearer' }).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(5);
    expect(list.body[0]).toMatchObject({ kind: 'incremental', customers: 0, finishedAt: expect.any(String) });
    const analyst = await tokenFor(node.url, 'analyst');
    await request(node.url).post('/api/v1/scores/recompute-runs').auth(analyst, { type: 'bearer' }).send({ mode: 'full' }).expect(403);
  });
});
