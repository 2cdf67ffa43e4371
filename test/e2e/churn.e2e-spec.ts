import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { cityToday, insertTestSubscription, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

/** Deterministic noise for the synthetic history. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('City churn API (流失, /api/v1/churn)', () => {
  let node: RunningNode;
  let admin: string;
  let service: string;
  let sales: string;
  let analyst: string;
  let operations: string;
  let seq = 0;

  beforeAll(async () => {
    // the detection threshold comes from the node's settings (CRM_CHURN_CONFIG), not the code's default 0.3
    node = await startSingleCity({ env: { CRM_CHURN_CONFIG: JSON.stringify({ usageDropFraction: 0.25 }) } });
    [admin, service, sales, analyst, operations] = await Promise.all(['admin', 'service', 'sales', 'analyst', 'operations'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(() => node.close());

  const api = () => request(node.url);
  const audits = (entityType: string): Promise<{ action: string; actor_username: string; entity_id: string | null; new_values: Record<string, unknown> | null }[]> =>
    node.dataSource.query(`SELECT action, actor_username, entity_id, new_values FROM audit_log WHERE entity_type = $1 ORDER BY id`, [entityType]);

  /** A bare customer row; `daysAgo` back-dates its creation. */
  async function customer(district = '440106', opts: { createdDaysAgo?: number; deletedDaysAgo?: number } = {}): Promise<string> {
    seq += 1;
    const [row] = await node.dataSource.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at, deleted_at)
       VALUES ($1, 'public_residential', $2, $3, 'passport', $4, 'v1:test', 'E123****', now() - make_interval(days => $5::int), CASE WHEN $6::int IS NULL THEN NULL ELSE now() - make_interval(days => $6::int) END)
       RETURNING id`,
      [`流失測試${seq}`, district, `138${String(seq).padStart(8, '0')}`, randomBytes(32).toString('hex'), opts.createdDaysAgo ?? 0, opts.deletedDaysAgo ?? null],
    );
    return row.id as string;
  }

  /** `count` usage rows of `chargeFen` each, spread over days [fromDaysAgo, toDaysAgo). */
  async function usage(customerId: string, subscriptionId: string, count: number, fromDaysAgo: number, toDaysAgo: number, chargeFen = 100): Promise<void> {
    await node.dataSource.query(
      `INSERT INTO usage_record (external_id, subscription_id, customer_id, started_at, duration_seconds, volume_kb, call_type, direction, service, charge_fen)
       SELECT 'T-CHURN-' || $1::text || '-' || $3::int || '-' || g, $2::uuid, $1::uuid,
              now() - make_interval(days => $3::int) + (g * (($3::int - $4::int) * interval '1 day') / ($5::int + 1)),
              60, 0, 'local', 'outgoing', 'voice', $6::int
       FROM generate_series(1, $5::int) g`,
      [customerId, subscriptionId, fromDaysAgo, toDaysAgo, count, chargeFen],
    );
  }

  it('creates, queries, modifies, exports and deletes churn records, with 400/404/409/403 and audit', async () => {
    const c = await customer('440105');
    const other = await customer('440103');
    const input = { customerId: c, type: 'competitor', reason: '轉到其他運營商 moved to a competitor', period: '2026-11', evidence: { source: 'call centre' } };

    await api().post('/api/v1/churn/records').auth(sales, { type: 'bearer' }).send(input).expect(403);
    await api().post('/api/v1/churn/records').auth(analyst, { type: 'bearer' }).send(input).expect(403);
    await api().get('/api/v1/churn/records').auth(sales, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/churn/records').auth(admin, { type: 'bearer' }).expect(200);

    const created = await api().post('/api/v1/churn/records').auth(service, { type: 'bearer' }).send(input).expect(201);
    expect(created.body).toMatchObject({ customerId: c, type: 'competitor', detectedBy: 'manual', period: '2026-11', status: 'open', createdBy: 'service', version: 1, evidence: { source: 'call centre' } });
    const id = created.body.id as string;
    const moved = await api().post('/api/v1/churn/records').auth(service, { type: 'bearer' }).send({ customerId: other, type: 'relocation', reason: '搬遷外地', detectedAt: '2026-10-31' }).expect(201);
    // a calendar day is read in the city's time zone (Asia/Shanghai): its period is that day's month
    expect(moved.body).toMatchObject({ period: '2026-10', detectedAt: '2026-10-30T16:00:00.000Z' });

    // 409: the same customer, period and type
    const dup = await api().post('/api/v1/churn/records').auth(service, { type: 'bearer' }).send(input).expect(409);
    expect(dup.body.message).toMatch(/already has a churn record/);
    // 400: unknown customer, bad type, bad period
    const unknown = await api().post('/api/v1/churn/records').auth(service, { type: 'bearer' }).send({ ...input, customerId: '6f1c3a52-1111-4a4a-8a8a-000000000000' }).expect(400);
    expect(JSON.stringify(unknown.body)).toMatch(/customerId/);
    await api().post('/api/v1/churn/records').auth(service, { type: 'bearer' }).send({ ...input, type: 'abducted' }).expect(400);
    await api().post('/api/v1/churn/records').auth(service, { type: 'bearer' }).send({ ...input, period: '2026-13' }).expect(400);
    await api().get('/api/v1/churn/records/not-a-uuid').auth(service, { type: 'bearer' }).expect(400);
    await api().get('/api/v1/churn/records/6f1c3a52-1111-4a4a-8a8a-000000000000').auth(service, { type: 'bearer' }).expect(404);

    // query by type, reason, period, status, district
    const byType = await api().get('/api/v1/churn/records').query({ type: 'competitor' }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(byType.body).toMatchObject({ total: 1, page: 1, items: [{ id, customerId: c, districtCode: '440105', customerName: expect.any(String) }] });
    expect((await api().get('/api/v1/churn/records').query({ reason: '運營商', period: '2026-11', status: 'open', districtCode: '440105' }).auth(analyst, { type: 'bearer' }).expect(200)).body.total).toBe(1);
    expect((await api().get('/api/v1/churn/records').query({ districtCode: '440104' }).auth(analyst, { type: 'bearer' }).expect(200)).body.total).toBe(0);
    await api().get('/api/v1/churn/records').query({ status: 'maybe' }).auth(analyst, { type: 'bearer' }).expect(400);

    // modify with optimistic locking
    const confirmed = await api().patch(`/api/v1/churn/records/${id}`).auth(service, { type: 'bearer' }).send({ status: 'confirmed', version: 1 }).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 2 });
    const stale = await api().patch(`/api/v1/churn/records/${id}`).auth(service, { type: 'bearer' }).send({ status: 'dismissed', version: 1 }).expect(409);
    expect(stale.body.message).toMatch(/version/);
    await api().patch(`/api/v1/churn/records/${id}`).auth(service, { type: 'bearer' }).send({ status: null, version: 2 }).expect(400);
    await api().patch('/api/v1/churn/records/6f1c3a52-1111-4a4a-8a8a-000000000000').auth(service, { type: 'bearer' }).send({ status: 'dismissed', version: 1 }).expect(404);
    expect((await api().get(`/api/v1/churn/records/${id}`).auth(analyst, { type: 'bearer' }).expect(200)).body.status).toBe('confirmed');

    // export
    const csv = await api().get('/api/v1/churn/records/export').query({ format: 'csv', type: 'competitor' }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(csv.type).toBe('text/csv');
    expect(csv.text).toContain('轉到其他運營商');
    expect(csv.text).not.toContain('搬遷外地');
    await api().get('/api/v1/churn/records/export').query({ format: 'pdf' }).auth(analyst, { type: 'bearer' }).expect(400);

    // delete
    await api().delete(`/api/v1/churn/records/${id}`).auth(analyst, { type: 'bearer' }).expect(403);
    await api().delete(`/api/v1/churn/records/${id}`).auth(service, { type: 'bearer' }).expect(204);
    await api().get(`/api/v1/churn/records/${id}`).auth(service, { type: 'bearer' }).expect(404);
    await api().delete(`/api/v1/churn/records/${id}`).auth(service, { type: 'bearer' }).expect(404);

    const trail = (await audits('churn_record')).filter((a) => a.entity_id === id);
    expect(trail.map((a) => [a.action, a.actor_username])).toEqual([['create', 'service'], ['update', 'service'], ['delete', 'service']]);
    expect((await audits('churn_record')).some((a) => a.action === 'export' && a.actor_username === 'analyst')).toBe(true);
  });

  it('detects usage drops against the customer’s own baseline and disconnections, idempotently', async () => {
    // dropped: 20 records a month (500 fen each) over the 90-day baseline, 2 in the last 30 days
    const dropped = await customer('440106', { createdDaysAgo: 400 });
    const sub1 = await insertTestSubscription(node.dataSource, dropped);
    await usage(dropped, sub1.id, 60, 119, 31, 500);
    await usage(dropped, sub1.id, 2, 29, 1, 500);
    // steady: same baseline, same recent usage
    const steady = await customer('440106', { createdDaysAgo: 400 });
    const sub2 = await insertTestSubscription(node.dataSource, steady);
    await usage(steady, sub2.id, 60, 119, 31, 500);
    await usage(steady, sub2.id, 20, 29, 1, 500);
    // tiny: baseline below the minimum (1 record, 10 fen a month), nothing recent — not checked
    const tiny = await customer('440106', { createdDaysAgo: 400 });
    const sub3 = await insertTestSubscription(node.dataSource, tiny);
    await usage(tiny, sub3.id, 3, 119, 31, 10);
    // disconnected: the only subscription terminated today
    const gone = await customer('440104', { createdDaysAgo: 400 });
    await insertTestSubscription(node.dataSource, gone, { status: 'terminated' });

    await api().post('/api/v1/churn/detect').auth(analyst, { type: 'bearer' }).send({}).expect(403);
    await api().post('/api/v1/churn/detect').auth(service, { type: 'bearer' }).send({ asOf: '2026-02-30' }).expect(400);
    await api().post('/api/v1/churn/detect').auth(service, { type: 'bearer' }).send({ asOf: '2999-01-01' }).expect(400);

    const today = cityToday();
    const first = await api().post('/api/v1/churn/detect').auth(operations, { type: 'bearer' }).send({ asOf: today }).expect(200);
    expect(first.body).toMatchObject({ asOf: today, period: today.slice(0, 7), usageDrop: { matched: 1, created: 1 }, disconnection: { matched: 1, created: 1 } });

    const rows: { customer_id: string; type: string; detected_by: string; status: string; evidence: Record<string, unknown> }[] = await node.dataSource.query(
      `SELECT customer_id, type, detected_by, status, evidence FROM churn_record WHERE detected_by = 'rule' ORDER BY type`,
    );
    expect(rows.map((r) => [r.customer_id, r.type])).toEqual([[gone, 'disconnection'], [dropped, 'usage_drop']]);
    expect(rows[1]).toMatchObject({ detected_by: 'rule', status: 'open', evidence: { rule: 'usage_drop', recentRecords: 2, recentChargeFen: 1000, fraction: 0.25, recordDrop: true, chargeDrop: true } });
    expect(Number(rows[1].evidence.baselineRecordsPerWindow)).toBeCloseTo(20, 1);

    const again = await api().post('/api/v1/churn/detect').auth(service, { type: 'bearer' }).send({}).expect(200);
    expect(again.body).toMatchObject({ usageDrop: { matched: 1, created: 0 }, disconnection: { matched: 1, created: 0 } });
    expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM churn_record WHERE detected_by = 'rule'`))[0].n).toBe(2);
    const listed = await api().get('/api/v1/churn/records').query({ type: 'usage_drop', detectedBy: 'rule' }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(listed.body.items.map((i: { customerId: string }) => i.customerId)).toEqual([dropped]);
  });

  /**
   * Synthetic history: churners joined recently, pay by hand (bank transfer) and are billed more;
   * retained customers are long-standing, pay by direct debit and are billed less. 20 % of each
   * get the other group's payment method, and the charge ranges overlap.
   */
  async function history(churned: boolean, random: () => number): Promise<string> {
    const tenureMonths = churned ? 1 + Math.floor(random() * 14) : 8 + Math.floor(random() * 60);
    const endDaysAgo = churned ? 20 + Math.floor(random() * 200) : 0;
    const startDaysAgo = endDaysAgo + tenureMonths * 30;
    const monthlyFen = churned ? 9_000 + Math.floor(random() * 9_000) : 4_000 + Math.floor(random() * 9_000);
    const manual = random() < 0.8 ? churned : !churned;
    const c = await customer('440103', { createdDaysAgo: startDaysAgo, deletedDaysAgo: churned ? endDaysAgo : undefined });
    await node.dataSource.query(`INSERT INTO product (code, name, category, monthly_fee_fen) VALUES ('T-CHURN-BB', '測試寬帶', 'broadband', 5000) ON CONFLICT (code) DO NOTHING`);
    await node.dataSource.query(
      `INSERT INTO subscription (customer_id, product_code, service_number, status, started_at, ended_at)
       VALUES ($1, 'T-CHURN-BB', $2, $3::varchar, now() - make_interval(days => $4::int), CASE WHEN $3::varchar = 'terminated' THEN now() - make_interval(days => $5::int) END)`,
      [c, `BB${String(seq).padStart(10, '0')}`, churned ? 'terminated' : 'active', startDaysAgo, endDaysAgo],
    );
    const [account] = await node.dataSource.query(
      `INSERT INTO account (account_number, serial, customer_id, payment_method) VALUES ($1, 1, $2, $3) RETURNING id`,
      [`T-CHURN-A${String(seq).padStart(8, '0')}`, c, manual ? 'bank_transfer' : 'bank_withholding'],
    );
    await node.dataSource.query(
      `INSERT INTO bill (billing_month, account_id, customer_id, total_fen, paid_fen, due_date, status)
       SELECT m::date, $1, $2, $3, $3, (m + interval '1 month')::date, 'paid'
       FROM generate_series(date_trunc('month', now() - make_interval(days => $4::int)), date_trunc('month', now() - make_interval(days => $5::int)), interval '1 month') m`,
      [account.id, c, monthlyFen, startDaysAgo - 31, endDaysAgo + 1],
    );
    return c;
  }

  it('refuses to train on too little history, trains on the city’s history with CV AUC > 0.7, and scores active customers with factors', async () => {
    const refused = await api().post('/api/v1/churn/model/train').auth(service, { type: 'bearer' }).expect(409);
    expect(refused.body.message).toMatch(/Not enough history.*churned/);
    await api().post('/api/v1/churn/score').auth(service, { type: 'bearer' }).send({}).expect(409);
    await api().get('/api/v1/churn/model').auth(analyst, { type: 'bearer' }).expect(404);
    await api().post('/api/v1/churn/model/train').auth(analyst, { type: 'bearer' }).expect(403);

    const random = rng(20261201);
    const churners: string[] = [];
    const retained: string[] = [];
    for (let i = 0; i < 60; i++) churners.push(await history(true, random));
    for (let i = 0; i < 60; i++) retained.push(await history(false, random));

    const trained = await api().post('/api/v1/churn/model/train').auth(service, { type: 'bearer' }).expect(201);
    expect(trained.body.version).toBe(1);
    expect(trained.body.churnedCount).toBeGreaterThanOrEqual(60);
    expect(trained.body.retainedCount).toBeGreaterThanOrEqual(60);
    expect(trained.body.cvFolds).toHaveLength(5);
    expect(trained.body.cvAuc).toBeGreaterThan(0.7);
    const [stored] = await node.dataSource.query(`SELECT version, cv_auc, churned_count, model->>'kind' AS kind FROM churn_model`);
    expect(stored).toMatchObject({ version: 1, kind: 'churn-logistic' });
    expect(Number(stored.cv_auc)).toBeGreaterThan(0.7);
    expect((await api().get('/api/v1/churn/model').auth(analyst, { type: 'bearer' }).expect(200)).body).toMatchObject({ version: 1, cvAuc: trained.body.cvAuc });

    // a risky-looking and a safe-looking active customer
    // an active customer with a churner's profile: joined 40 days ago, pays by hand, billed 170 yuan a month
    const risky = await history(false, () => 0.01);
    await node.dataSource.query(`UPDATE subscription SET started_at = now() - interval '40 days' WHERE customer_id = $1`, [risky]);
    await node.dataSource.query(`UPDATE account SET payment_method = 'bank_transfer' WHERE customer_id = $1`, [risky]);
    await node.dataSource.query(`UPDATE bill SET total_fen = 17000, paid_fen = 17000 WHERE customer_id = $1`, [risky]);
    const safe = retained[0];

    await api().post('/api/v1/churn/score').auth(analyst, { type: 'bearer' }).send({}).expect(403);
    await api().post('/api/v1/churn/score').auth(service, { type: 'bearer' }).send({ modelVersion: 99 }).expect(400);
    const run = await api().post('/api/v1/churn/score').auth(service, { type: 'bearer' }).send({}).expect(200);
    const active = (await node.dataSource.query(
      `SELECT count(*)::int AS n FROM customer c WHERE c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM subscription s WHERE s.customer_id = c.id AND s.status <> 'terminated')`,
    ))[0].n;
    expect(run.body).toMatchObject({ modelVersion: 1, scored: active, removed: 0 });

    const page = await api().get('/api/v1/churn/risk').query({ pageSize: 200 }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(page.body.total).toBe(active);
    const probs = page.body.items.map((i: { probability: number }) => i.probability);
    expect(probs).toEqual([...probs].sort((a, b) => b - a));
    expect(page.body.items[0].topFactors.length).toBeGreaterThan(0);
    expect(page.body.items[0].topFactors[0]).toEqual({ feature: expect.any(String), value: expect.any(Number), contribution: expect.any(Number) });

    const riskyScore = await api().get(`/api/v1/customers/${risky}/churn-risk`).auth(analyst, { type: 'bearer' }).expect(200);
    const safeScore = await api().get(`/api/v1/customers/${safe}/churn-risk`).auth(analyst, { type: 'bearer' }).expect(200);
    expect(riskyScore.body.probability).toBeGreaterThan(0);
    expect(riskyScore.body.probability).toBeLessThan(1);
    expect(riskyScore.body.probability).toBeGreaterThan(safeScore.body.probability);
    await api().get(`/api/v1/customers/${churners[0]}/churn-risk`).auth(analyst, { type: 'bearer' }).expect(404);
    await api().get('/api/v1/customers/6f1c3a52-1111-4a4a-8a8a-000000000000/churn-risk').auth(analyst, { type: 'bearer' }).expect(404);
    await api().get(`/api/v1/customers/${safe}/churn-risk`).auth(sales, { type: 'bearer' }).expect(403);

    const high = await api().get('/api/v1/churn/risk').query({ minProbability: riskyScore.body.probability }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(high.body.items.every((i: { probability: number }) => i.probability >= riskyScore.body.probability)).toBe(true);
    expect(high.body.items.map((i: { customerId: string }) => i.customerId)).toContain(risky);
    await api().get('/api/v1/churn/risk').query({ minProbability: 2 }).auth(analyst, { type: 'bearer' }).expect(400);

    const csv = await api().get('/api/v1/churn/risk/export').query({ format: 'csv', minProbability: 0 }).auth(analyst, { type: 'bearer' }).expect(200);
    expect(csv.type).toBe('text/csv');
    expect(csv.text.split('\n').filter((l) => l.trim()).length).toBe(active + 1);
    expect(csv.text).toContain(risky);
  });
});
