import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { addDays, FACT_SETS, firstOfMonth, todayIn } from '@crm/federation';
import { RunningNode, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

const TZ = 'Asia/Shanghai';
const KINDS = ['satisfaction', 'loyalty', 'credit'] as const;
const CHURN_TYPES = ['disconnection', 'relocation', 'usage_drop', 'competitor'];
const CHURN_STATUSES = ['open', 'confirmed', 'dismissed'];
const ABNORMAL_KINDS = ['high_spend', 'low_spend', 'sudden_change', 'low_credit', 'high_arrears'];
const ABNORMAL_STATUSES = ['open', 'confirmed', 'dismissed', 'closed'];
const POTENTIAL_STATUSES = ['candidate', 'nurturing', 'dropped'];

interface RawScore { kind: string; period: string; score: number; band: string }
interface RawCity {
  scores: RawScore[];
  churn: { type: string; status: string }[];
  risk: number[];
  abnormal: { kind: string; status: string }[];
  potential: { status: string; fen: number }[];
}

const bandOf = (kind: string, score: number): string =>
  kind === 'credit' ? (score >= 80 ? 'red' : score >= 50 ? 'grey' : 'black') : score >= 80 ? 'high' : score >= 60 ? 'mid' : 'low';
const riskBand = (p: number) => (p < 0.3 ? 'low' : p < 0.6 ? 'medium' : 'high');

/** Deterministic pseudo-random data for one city (scores with two decimals, probabilities with six). */
function rawCity(seed: number, customers: number, months: string[]): RawCity {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const c: RawCity = { scores: [], churn: [], risk: [], abnormal: [], potential: [] };
  for (let i = 0; i < customers; i++) {
    for (const period of months) {
      for (const kind of KINDS) {
        if (rnd() < 0.2) continue;
        const score = Math.round(rnd() * 10000) / 100;
        c.scores.push({ kind, period, score, band: bandOf(kind, score) });
      }
    }
    if (i % 3 === 0) c.churn.push({ type: CHURN_TYPES[i % 4], status: CHURN_STATUSES[Math.floor(rnd() * 3)] });
    c.risk.push(Math.round(rnd() * 1_000_000) / 1_000_000);
    if (i % 2 === 0) c.abnormal.push({ kind: ABNORMAL_KINDS[i % 5], status: ABNORMAL_STATUSES[Math.floor(rnd() * 4)] });
    if (i % 4 === 1) c.potential.push({ status: POTENTIAL_STATUSES[i % 3], fen: 900_000 + Math.floor(rnd() * 99_999) });
  }
  return c;
}

async function insertCity(node: RunningNode, raw: RawCity, district: string, thisMonth: string, customers: number): Promise<void> {
  const ds = node.dataSource;
  const ids: string[] = [];
  for (let i = 0; i < customers; i++) {
    const [{ id }] = await ds.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at)
       VALUES ('测试', 'public_residential', $1, '13900000000', 'passport', $2, 'v1:x', 'P****', now() - interval '400 days') RETURNING id`,
      [district, randomBytes(32).toString('hex')],
    );
    ids.push(id);
  }
  // one score per customer × kind × period, in the order rawCity generated them
  let s = 0;
  const seen = new Map<string, number>();
  for (const sc of raw.scores) {
    const k = `${sc.kind}/${sc.period}`;
    const i = seen.get(k) ?? 0;
    seen.set(k, i + 1);
    await ds.query(`INSERT INTO customer_score (customer_id, kind, period, score, band, source, computed_by) VALUES ($1, $2, $3, $4, $5, 'computed', 'test')`, [
      ids[i],
      sc.kind,
      sc.period,
      sc.score,
      sc.band,
    ]);
    s += 1;
  }
  expect(s).toBe(raw.scores.length);
  for (const [i, r] of raw.churn.entries()) {
    await ds.query(`INSERT INTO churn_record (customer_id, type, detected_by, detected_at, period, status, created_by) VALUES ($1, $2, 'manual', now(), $3, $4, 'test')`, [ids[i], r.type, thisMonth, r.status]);
  }
  const [{ version }] = await ds.query(`INSERT INTO churn_model (trained_by, churned_count, retained_count, cv_auc, cv_folds, model) VALUES ('test', 1, 1, 0.8, '[]', '{}') RETURNING version`);
  for (const [i, p] of raw.risk.entries()) {
    await ds.query(`INSERT INTO churn_risk_score (customer_id, scored_at, probability, model_version) VALUES ($1, now(), $2, $3)`, [ids[i], p, version]);
  }
  for (const [i, a] of raw.abnormal.entries()) {
    await ds.query(`INSERT INTO abnormal_case (customer_id, kind, service, period, detected_by, status) VALUES ($1, $2, 'all', $3, 'test', $4)`, [ids[i], a.kind, thisMonth, a.status]);
  }
  for (const [i, p] of raw.potential.entries()) {
    await ds.query(`INSERT INTO potential_key_account (customer_id, annual_billed_fen, window_from, window_to, status) VALUES ($1, $2, $3, $3, $4)`, [ids[i], p.fen, thisMonth, p.status]);
  }
}

const count = <T>(rows: T[], key: (r: T) => string) => rows.reduce<Record<string, number>>((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});
const centi = (scores: RawScore[]) => scores.reduce((a, s) => a + Math.round(s.score * 100), 0);
const avg = (scores: RawScore[]) => Math.round((centi(scores) / scores.length / 100) * 10_000) / 10_000;

describe('Federation: score, churn and abnormal facts city → province → HQ', () => {
  let fed: Federation;
  const tokens = new Map<string, string>();
  const today = todayIn(TZ);
  const thisMonth = firstOfMonth(today);
  const lastMonth = firstOfMonth(addDays(thisMonth, -1));
  const raw = new Map<string, RawCity>();
  const N = { '440100': 40, '440300': 30 } as const;

  const get = (node: RunningNode, path: string, query: Record<string, string> = {}) =>
    request(node.url).get(path).query(query).auth(tokens.get(node.config.node.code)!, { type: 'bearer' });
  const publish = (city: RunningNode) =>
    request(city.url).post('/api/v1/federation/publish').auth(tokens.get(city.config.node.code)!, { type: 'bearer' }).send({ from: addDays(thisMonth, -1), to: today }).expect(200);
  const both = () => [...raw.get('440100')!.scores, ...raw.get('440300')!.scores];
  type Figures = { measures: Record<string, number>; derived: Record<string, number | null> };
  const byKey = (body: { breakdown: (Figures & { key: string })[] }): Record<string, Figures> => Object.fromEntries(body.breakdown.map((b) => [b.key, b]));
  const monthSets = [FACT_SETS.scoreBandsByKind, FACT_SETS.churnByType, FACT_SETS.churnRiskByBand, FACT_SETS.abnormalByKind, FACT_SETS.potentialKeyAccounts].map((f): string => f.name);

  beforeAll(async () => {
    fed = await startFederation();
    for (const node of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(node.config.node.code, await tokenFor(node.url, 'admin'));
    raw.set('440100', rawCity(7, N['440100'], [lastMonth, thisMonth]));
    raw.set('440300', rawCity(11, N['440300'], [lastMonth, thisMonth]));
    await insertCity(fed.gz, raw.get('440100')!, '440106', thisMonth, N['440100']);
    await insertCity(fed.sz, raw.get('440300')!, '440305', thisMonth, N['440300']);
  }, 120_000);
  afterAll(() => fed?.close());

  it('publishes each month fact set once per month (period = first day), and HQ holds them', async () => {
    for (const city of [fed.gz, fed.sz]) {
      const res = await publish(city);
      const months = res.body.published.filter((p: { metricSet: string }) => monthSets.includes(p.metricSet));
      expect(months.map((p: { metricSet: string; period: string }) => `${p.metricSet}@${p.period}`).sort()).toEqual(
        [
          `score_bands_by_kind@${lastMonth}`,
          `score_bands_by_kind@${thisMonth}`,
          `churn_by_type@${thisMonth}`,
          `churn_risk_by_band@${thisMonth}`,
          `abnormal_by_kind@${thisMonth}`,
          `potential_key_accounts@${thisMonth}`,
        ].sort(),
      );
    }
    await waitFor(async () => {
      const [{ n }] = await fed.hq.dataSource.query(`SELECT count(*)::int AS n FROM fact_slice WHERE version > 0 AND period_type = 'month' AND metric_set = ANY($1)`, [monthSets]);
      return n === 12;
    }, 'HQ to hold 2 cities × 6 month slices');
  });

  it('HQ per-band counts and average scores (from sums) equal the cities\' raw data combined, with drill-down by city', async () => {
    for (const period of [lastMonth, thisMonth]) {
      for (const kind of KINDS) {
        const scores = both().filter((s) => s.kind === kind && s.period === period);
        const national = (await get(fed.hq, '/api/v1/analytics/scores', { period: period.slice(0, 7), kind }).expect(200)).body;
        expect(national).toMatchObject({ node: '000000', factSet: 'score_bands_by_kind', period, groupBy: 'province', filters: { kind }, missing: [] });
        expect(national.totals.measures).toEqual({ customers: scores.length, score_sum_centi: centi(scores) });
        expect(national.totals.derived.average_score).toBe(avg(scores));

        const bands = byKey((await get(fed.hq, '/api/v1/analytics/scores', { period, kind, groupBy: 'band' }).expect(200)).body);
        expect(Object.fromEntries(Object.entries(bands).map(([b, r]) => [b, r.measures.customers]))).toEqual(count(scores, (s) => s.band));
        for (const [band, r] of Object.entries(bands)) expect(r.derived.average_score).toBe(avg(scores.filter((s) => s.band === band)));

        const cities = byKey((await get(fed.hq, '/api/v1/analytics/scores', { period, kind, province: '440000' }).expect(200)).body);
        for (const code of ['440100', '440300']) {
          const own = raw.get(code)!.scores.filter((s) => s.kind === kind && s.period === period);
          expect(cities[code].measures).toEqual({ customers: own.length, score_sum_centi: centi(own) });
          expect(cities[code].derived.average_score).toBe(avg(own));
        }
        // drill-down to one city, by band, at HQ and at the province
        const sz = raw.get('440300')!.scores.filter((s) => s.kind === kind && s.period === period);
        for (const node of [fed.hq, fed.gd]) {
          const cityBands = byKey((await get(node, '/api/v1/analytics/scores', { period, kind, city: '440300' }).expect(200)).body);
          expect(Object.fromEntries(Object.entries(cityBands).map(([b, r]) => [b, r.measures.customers]))).toEqual(count(sz, (s) => s.band));
        }
      }
    }
  });

  it('churn records, churn-risk bands, abnormal cases and potential key accounts roll up to HQ', async () => {
    const gz = raw.get('440100')!;
    const sz = raw.get('440300')!;
    const facts = (node: RunningNode, set: string, q: Record<string, string>) => get(node, `/api/v1/analytics/facts/${set}`, { period: thisMonth.slice(0, 7), ...q }).expect(200);
    const measure = (body: { breakdown: { key: string; measures: Record<string, number> }[] }, m: string) => Object.fromEntries(body.breakdown.map((b) => [b.key, b.measures[m]]));

    expect(measure((await facts(fed.hq, 'churn_by_type', { groupBy: 'type' })).body, 'records')).toEqual(count([...gz.churn, ...sz.churn], (r) => r.type));
    expect(measure((await facts(fed.hq, 'churn_by_type', { groupBy: 'city', status: 'open' })).body, 'records')).toEqual({
      '440100': gz.churn.filter((r) => r.status === 'open').length,
      '440300': sz.churn.filter((r) => r.status === 'open').length,
    });

    const risk = [...gz.risk, ...sz.risk];
    const riskBody = (await facts(fed.hq, 'churn_risk_by_band', { groupBy: 'band' })).body;
    expect(measure(riskBody, 'customers')).toEqual(count(risk, riskBand));
    const milli = risk.reduce((a, p) => a + Math.round(p * 1000), 0);
    expect(riskBody.totals.measures).toEqual({ customers: risk.length, probability_sum_milli: milli });
    expect(riskBody.totals.derived.average_probability).toBe(Math.round((milli / risk.length / 1000) * 10_000) / 10_000);

    expect(measure((await facts(fed.hq, 'abnormal_by_kind', { groupBy: 'kind' })).body, 'cases')).toEqual(count([...gz.abnormal, ...sz.abnormal], (a) => a.kind));
    expect(measure((await facts(fed.gd, 'abnormal_by_kind', { groupBy: 'status', city: '440100' })).body, 'cases')).toEqual(count(gz.abnormal, (a) => a.status));

    const potential = [...gz.potential, ...sz.potential];
    const pot = (await facts(fed.hq, 'potential_key_accounts', { groupBy: 'status' })).body;
    expect(measure(pot, 'customers')).toEqual(count(potential, (p) => p.status));
    expect(pot.totals.measures.annual_billed_fen_sum).toBe(potential.reduce((a, p) => a + p.fen, 0));
  });

  it('a changed score is republished as a new version of the current month only', async () => {
    const [{ version: before }] = await fed.hq.dataSource.query(
      `SELECT version::text AS version FROM fact_slice WHERE origin_node = '440100' AND metric_set = 'score_bands_by_kind' AND period = $1`,
      [thisMonth],
    );
    const [changed] = await fed.gz.dataSource.query(
      `UPDATE customer_score SET score = 100, band = 'red' WHERE id = (SELECT id FROM customer_score WHERE kind = 'credit' AND period = $1 AND score < 100 ORDER BY id LIMIT 1) RETURNING id`,
      [thisMonth],
    );
    expect(changed).toBeDefined();
    const res = await publish(fed.gz);
    expect(res.body.published.map((p: { metricSet: string; period: string }) => `${p.metricSet}@${p.period}`)).toEqual([`score_bands_by_kind@${thisMonth}`]);
    await waitFor(async () => {
      const [{ version }] = await fed.hq.dataSource.query(
        `SELECT version::text AS version FROM fact_slice WHERE origin_node = '440100' AND metric_set = 'score_bands_by_kind' AND period = $1`,
        [thisMonth],
      );
      return BigInt(version) > BigInt(before);
    }, 'the new version at HQ');
    const [{ n, s }] = await fed.gz.dataSource.query(`SELECT count(*)::int AS n, sum(round(score * 100))::int AS s FROM customer_score WHERE kind = 'credit' AND period = $1`, [thisMonth]);
    const city = byKey((await get(fed.hq, '/api/v1/analytics/scores', { period: thisMonth, kind: 'credit', province: '440000' }).expect(200)).body)['440100'];
    expect(city.measures).toEqual({ customers: n, score_sum_centi: s });
  });

  it('keeps the scope rules and refuses unknown fact sets, dimensions and periods', async () => {
    await get(fed.gz, '/api/v1/analytics/scores', { city: '440300' }).expect(403);
    await get(fed.gd, '/api/v1/analytics/facts/churn_by_type', { province: '110000' }).expect(403);
    await get(fed.hq, '/api/v1/analytics/facts/no_such_set').expect(404);
    await get(fed.hq, '/api/v1/analytics/facts/churn_by_type', { kind: 'x' }).expect(400);
    await get(fed.hq, '/api/v1/analytics/facts/churn_by_type', { groupBy: 'band' }).expect(400);
    await get(fed.hq, '/api/v1/analytics/scores', { period: `${thisMonth.slice(0, 7)}-15` }).expect(400);
    const own = (await get(fed.sz, '/api/v1/analytics/scores', { period: thisMonth, kind: 'loyalty' }).expect(200)).body;
    expect(own).toMatchObject({ city: '440300', groupBy: 'band' });
    expect(own.totals.measures.customers).toBe(raw.get('440300')!.scores.filter((s) => s.kind === 'loyalty' && s.period === thisMonth).length);
  });

  it('segment sizes roll up to HQ as well', async () => {
    const segments = ['important', 'high_value', 'ordinary', 'low_value_must_keep', 'low_value_may_lose'];
    const expected: Record<string, number> = {};
    for (const city of [fed.gz, fed.sz]) {
      const ids: { id: string }[] = await city.dataSource.query(`SELECT id FROM customer ORDER BY id`);
      for (const [i, { id }] of ids.entries()) {
        const segment = segments[(i * 7 + (city === fed.gz ? 1 : 3)) % segments.length];
        expected[segment] = (expected[segment] ?? 0) + 1;
        await city.dataSource.query(
          `INSERT INTO customer_segment (customer_id, dimension, period, segment, computed_by) VALUES ($1, 'value', $2, $3, 'test')`,
          [id, thisMonth, segment],
        );
      }
      await publish(city);
    }
    const figures = await waitFor(async () => {
      const res = await get(fed.hq, '/api/v1/analytics/facts/segments_by_dimension', { period: thisMonth, dimension: 'value', groupBy: 'segment' });
      return res.status === 200 && res.body.totals.measures.customers === Object.values(expected).reduce((a, b) => a + b, 0) ? res.body : undefined;
    }, 'segment sizes at HQ');
    const bySegment = Object.fromEntries(figures.breakdown.map((b: { key: string; measures: { customers: number } }) => [b.key, b.measures.customers]));
    expect(bySegment).toEqual(expected);
  });
});
