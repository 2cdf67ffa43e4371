import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import request from 'supertest';
import { addDays, FACT_SETS, firstOfMonth, todayIn } from '@crm/federation';
import { RunningNode, tokenFor, waitFor } from '@crm/testing';
import { addMonths } from '@crm/analytics';
import { Federation, startFederation } from './federation.fixture';

const TZ = 'Asia/Shanghai';
const SEGMENTS = ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'];
const DAY_MS = 86_400_000;

interface RawCustomer {
  type: string;
  district: string;
  createdAt: Date;
  deletedAt: Date | null;
  /** Acquisition channel (null: not recorded) and business hall (null: none). */
  channel?: string | null;
  hall?: string | null;
}

const CHANNELS = ['business_hall', 'online', null, 'agent', 'call_centre'];
/** Business halls of each city (code, district). */
const HALLS: Record<string, [string, string][]> = {
  '440100': [['AN-GZ-H1', '440103'], ['AN-GZ-H2', '440106']],
  '440300': [['AN-SZ-H1', '440304']],
};

/** Start of a Shanghai calendar day / month as an instant. */
const dayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** Churn of a month from raw rows, independently of the product: lost during the month / active at its start. */
function rawChurn(rows: RawCustomer[], month: string, now: number, filter: (r: RawCustomer) => boolean = () => true) {
  const s = dayStart(month).getTime();
  const e = Math.min(dayStart(addMonths(month, 1)).getTime(), now);
  const inScope = rows.filter(filter);
  const start = inScope.filter((r) => r.createdAt.getTime() < s && (!r.deletedAt || r.deletedAt.getTime() >= s)).length;
  const lost = inScope.filter((r) => r.deletedAt && r.deletedAt.getTime() >= s && r.deletedAt.getTime() < e).length;
  const created = inScope.filter((r) => r.createdAt.getTime() >= s && r.createdAt.getTime() < e).length;
  return { customersStart: start, lostCustomers: lost, newCustomers: created, churnRate: start > 0 ? Math.round((lost / start) * 1e6) / 1e6 : null };
}

/** Customers created over `days` days before now, every 5th closed since. */
function randomCustomers(n: number, districts: string[], days: number, now: number, halls: string[] = []): RawCustomer[] {
  return Array.from({ length: n }, (_, i) => {
    const createdAt = new Date(now - Math.floor(Math.random() * days * DAY_MS) - 3_600_000);
    const deletedAt = i % 5 === 0 ? new Date(createdAt.getTime() + Math.floor(Math.random() * (now - createdAt.getTime() - 60_000))) : null;
    const hall = halls.length && i % 3 !== 2 ? halls[i % halls.length] : null;
    return { type: SEGMENTS[i % SEGMENTS.length], district: districts[i % districts.length], createdAt, deletedAt, channel: CHANNELS[i % CHANNELS.length], hall };
  });
}

/** Customer flows of a month per key (channel, hall) from raw rows: start, new, lost, end. */
function rawFlowsBy(rows: RawCustomer[], month: string, now: number, key: (r: RawCustomer) => string) {
  const out = new Map<string, { customersStart: number; newCustomers: number; lostCustomers: number; customersEnd: number }>();
  for (const k of new Set(rows.map(key))) {
    const c = rawChurn(rows, month, now, (r) => key(r) === k);
    if (c.customersStart + c.newCustomers === 0) continue;
    out.set(k, { customersStart: c.customersStart, newCustomers: c.newCustomers, lostCustomers: c.lostCustomers, customersEnd: c.customersStart + c.newCustomers - c.lostCustomers });
  }
  return out;
}

async function insertCustomers(node: RunningNode, rows: RawCustomer[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [code, district] of HALLS[node.config.node.code] ?? []) {
    await node.dataSource.query(`INSERT INTO business_hall (code, name, district_code) VALUES ($1, $1, $2) ON CONFLICT DO NOTHING`, [code, district]);
  }
  for (const r of rows) {
    const [row] = await node.dataSource.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at, deleted_at, acquisition_channel, hall_code)
       VALUES ('测试', $1, $2, '13900000000', 'passport', $3, 'v1:x', 'P****', $4, $5, $6, $7) RETURNING id`,
      [r.type, r.district, randomBytes(32).toString('hex'), r.createdAt, r.deletedAt, r.channel ?? null, r.hall ?? null],
    );
    ids.push(row.id);
  }
  return ids;
}

/** Products and active subscriptions for some customers; answers how many subscriptions are active now per product. */
async function insertSubscriptions(node: RunningNode, customerIds: string[], rows: RawCustomer[]): Promise<Record<string, number>> {
  await node.dataSource.query(`INSERT INTO product (code, name, category, monthly_fee_fen) VALUES ('AN-MOB', '手機', 'mobile', 5900), ('AN-BB', '寬帶', 'broadband', 9900) ON CONFLICT DO NOTHING`);
  const active: Record<string, number> = { 'AN-MOB': 0, 'AN-BB': 0 };
  let n = 0;
  for (let i = 0; i < customerIds.length; i++) {
    // every 4th customer holds nothing, every 3rd both products: BB ⇒ MOB with lift > 1
    const products = i % 4 === 1 ? [] : i % 3 === 0 ? ['AN-MOB', 'AN-BB'] : ['AN-MOB'];
    for (const p of products) {
      n += 1;
      await node.dataSource.query(
        `INSERT INTO subscription (customer_id, product_code, service_number, status, started_at, ended_at) VALUES ($1, $2, $3, 'active', $4, NULL)`,
        [customerIds[i], p, `13${node.config.node.code}${String(n).padStart(4, '0')}`, rows[i].createdAt],
      );
      active[p] += 1;
    }
  }
  return active;
}

/** One account and one bill of `month` per customer (Pareto-like totals), and live arrears for the first few; answers the raw figures. */
async function insertBillsAndArrears(node: RunningNode, customerIds: string[], month: string, today: string) {
  const totals: number[] = [];
  const arrears: { since: string; amount: number }[] = [];
  for (let i = 0; i < customerIds.length; i++) {
    const [acc] = await node.dataSource.query(`INSERT INTO account (account_number, serial, customer_id) VALUES ($1, 1, $2) RETURNING id`, [`AN${randomBytes(6).toString('hex')}`, customerIds[i]]);
    const total = i % 10 === 0 ? 250_000 + i * 1000 : (i % 7) * 1500 + (i % 3) * 37;
    totals.push(total);
    await node.dataSource.query(`INSERT INTO bill (billing_month, account_id, customer_id, total_fen, due_date) VALUES ($1, $2, $3, $4, $1::date + 40)`, [month, acc.id, customerIds[i], total]);
    if (i < 6) {
      const since = addDays(today, -[5, 45, 100, 200, 20, 400][i]);
      const amount = 1000 * (i + 1);
      arrears.push({ since, amount });
      await node.dataSource.query(`INSERT INTO arrear (account_id, customer_id, service, amount_fen, peak_amount_fen, since, status) VALUES ($1, $2, 'voice', $3, $3, $4, 'open')`, [acc.id, customerIds[i], amount, since]);
    }
  }
  return { totals, arrears };
}

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (err) => done(err, Buffer.alloc(0)));
};

function parseSvg(svg: string): { root: string; texts: string[] } {
  const parser = new SaxesParser();
  const texts: string[] = [];
  let root = '';
  parser.on('opentag', (tag) => {
    if (!root) root = tag.name;
  });
  parser.on('text', (t) => {
    if (t.trim()) texts.push(t.trim());
  });
  parser.write(svg).close();
  return { root, texts };
}

describe('Analyses (/api/v1/analyses) answered at every tier from additive facts', () => {
  let fed: Federation;
  const tokens = new Map<string, string>();
  const raw = new Map<string, RawCustomer[]>();
  const subsActive = new Map<string, Record<string, number>>();
  const billing = new Map<string, { totals: number[]; arrears: { since: string; amount: number }[] }>();
  const now = Date.now();
  const today = todayIn(TZ);
  const month = firstOfMonth(today);
  const prevMonth = addMonths(month, -1);
  const ym = (m: string) => m.slice(0, 7);

  const analysis = (node: RunningNode, name: string, query: Record<string, string> = {}, token = tokens.get(node.config.node.code)!) =>
    request(node.url).get(`/api/v1/analyses/${name}`).query(query).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    fed = await startFederation();
    for (const node of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(node.config.node.code, await tokenFor(node.url, 'admin'));
    raw.set('440100', randomCustomers(90, ['440103', '440106'], 75, now, HALLS['440100'].map(([code]) => code)));
    raw.set('440300', randomCustomers(70, ['440304', '440305'], 75, now, HALLS['440300'].map(([code]) => code)));
    for (const city of [fed.gz, fed.sz]) {
      const rows = raw.get(city.config.node.code)!;
      const ids = await insertCustomers(city, rows);
      const live = rows.map((r, i) => ({ r, id: ids[i] })).filter(({ r }) => !r.deletedAt);
      subsActive.set(city.config.node.code, await insertSubscriptions(city, live.map((x) => x.id), live.map((x) => x.r)));
      billing.set(city.config.node.code, await insertBillsAndArrears(city, live.map((x) => x.id), month, today));
    }
    for (const city of [fed.gz, fed.sz]) {
      await request(city.url).post('/api/v1/federation/publish').auth(tokens.get(city.config.node.code)!, { type: 'bearer' }).send({ from: prevMonth, to: today }).expect(200);
    }
    const days = Math.round((dayStart(today).getTime() - dayStart(prevMonth).getTime()) / DAY_MS) + 1;
    await waitFor(
      async () => {
        const [{ n }] = await fed.hq.dataSource.query(`SELECT count(*)::int AS n FROM fact_slice WHERE version > 0 AND period >= $1 AND metric_set = $2`, [prevMonth, FACT_SETS.customersBySegmentDistrict.name]);
        const [{ m }] = await fed.hq.dataSource.query(`SELECT count(*)::int AS m FROM fact_slice WHERE version > 0 AND period = $1 AND metric_set = ANY($2)`, [
          month,
          [FACT_SETS.subscriptionsByPlanDistrict.name, FACT_SETS.customerRevenueBands.name, FACT_SETS.arrearsByAge.name],
        ]);
        const [{ c }] = await fed.hq.dataSource.query(`SELECT count(*)::int AS c FROM fact_slice WHERE version > 0 AND period >= $1 AND metric_set = $2`, [prevMonth, FACT_SETS.customersByChannelHall.name]);
        return n === 2 * days && m === 6 && c === 4;
      },
      'HQ to hold both cities\' day facts since the previous month, this month\'s subscriptions and both months\' customers by channel',
      180_000,
      250,
    );
  }, 300_000);
  afterAll(() => fed?.close());

  it('lists the analyses with titles, fact sets and chart types', async () => {
    const res = await request(fed.hq.url).get('/api/v1/analyses').auth(tokens.get('000000')!, { type: 'bearer' }).expect(200);
    const churn = res.body.items.find((a: { name: string }) => a.name === 'churn');
    expect(churn).toMatchObject({ titleZh: '客戶流失分析', titleEn: 'Customer churn', factSets: ['customers_by_channel_hall', 'churn_by_type'] });
    expect(churn.charts).toContain('line');
    expect(res.body.items.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['customer_development', 'customer_contribution', 'arrears', 'service_development', 'service_correlation', 'price_elasticity', 'market_competition', 'abnormal_customers', 'satisfaction_distribution', 'service_quality', 'consumption_patterns']),
    );
  });

  it('HQ\'s churn rate equals the rate from all cities\' raw data; the province equals its cities; drill-down to city and district', async () => {
    const all = [...raw.get('440100')!, ...raw.get('440300')!];
    expect(rawChurn(all, prevMonth, now).lostCustomers).toBeGreaterThan(0);
    for (const m of [prevMonth, month]) {
      const national = (await analysis(fed.hq, 'churn', { period: ym(m) }).expect(200)).body;
      expect(national.groupBy).toBe('province');
      expect(national.totals).toMatchObject({ customersStart: rawChurn(all, m, now).customersStart, lostCustomers: rawChurn(all, m, now).lostCustomers, churnRate: rawChurn(all, m, now).churnRate });
      expect(national.rows).toEqual([expect.objectContaining({ code: '440000', churnRate: rawChurn(all, m, now).churnRate })]);

      const province = (await analysis(fed.gd, 'churn', { period: ym(m) }).expect(200)).body;
      expect(province.groupBy).toBe('city');
      expect(province.totals.churnRate).toBe(rawChurn(all, m, now).churnRate);
      for (const code of ['440100', '440300']) {
        expect(province.rows.find((r: { code: string }) => r.code === code)).toMatchObject({ churnRate: rawChurn(raw.get(code)!, m, now).churnRate, lostCustomers: rawChurn(raw.get(code)!, m, now).lostCustomers });
      }
      // HQ drill-down: province → cities; a city by segment
      const drilled = (await analysis(fed.hq, 'churn', { period: ym(m), province: '440000' }).expect(200)).body;
      expect(drilled.rows.map((r: { code: string }) => r.code)).toEqual(['440100', '440300']);
      expect(drilled.totals).toEqual(province.totals);
      const bySegment = (await analysis(fed.hq, 'churn', { period: ym(m), city: '440300', groupBy: 'segment' }).expect(200)).body;
      for (const seg of SEGMENTS) {
        const want = rawChurn(raw.get('440300')!, m, now, (r) => r.type === seg);
        const row = bySegment.rows.find((r: { code: string }) => r.code === seg);
        if (want.customersStart + want.lostCustomers > 0) expect(row).toMatchObject({ customersStart: want.customersStart, lostCustomers: want.lostCustomers, churnRate: want.churnRate });
      }
    }
    // the city answers for itself, by district by default (customer development)
    const own = (await analysis(fed.gz, 'customer_development', { period: ym(prevMonth) }).expect(200)).body;
    expect(own.groupBy).toBe('district');
    expect(own.rows.map((r: { code: string }) => r.code).sort()).toEqual(['440103', '440106']);
    const want = rawChurn(raw.get('440100')!, prevMonth, now, (r) => r.district === '440106');
    expect(own.rows.find((r: { code: string }) => r.code === '440106')).toMatchObject({ customersStart: want.customersStart, newCustomers: want.newCustomers, lostCustomers: want.lostCustomers });
    // outside the scope
    await analysis(fed.gd, 'churn', { province: '320000' }).expect(403);
    await analysis(fed.gz, 'churn', { city: '440300' }).expect(403);
  });

  it('compare=mom adds the previous month and the change; freshness lists both cities', async () => {
    const all = [...raw.get('440100')!, ...raw.get('440300')!];
    const res = (await analysis(fed.hq, 'churn', { period: ym(month), compare: 'mom' }).expect(200)).body;
    expect(res.previousPeriod).toBe(ym(prevMonth));
    const cur = rawChurn(all, month, now);
    const prev = rawChurn(all, prevMonth, now);
    expect(res.totals).toMatchObject({ churnRate: cur.churnRate, churnRate_prev: prev.churnRate, lostCustomers_prev: prev.lostCustomers, lostCustomers_change: cur.lostCustomers - prev.lostCustomers });
    expect(res.columns.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['churnRate_prev', 'churnRate_change']));
    const cities = [...new Set(res.asOf.sources.map((s: { originNode: string }) => s.originNode))];
    expect(cities).toEqual(['440100', '440300']);
    expect(res.asOf.sources[0]).toMatchObject({ factSet: expect.any(String), version: expect.stringMatching(/^\d+$/), producedAt: expect.any(String) });
    expect(res.asOf.missing).toEqual([]);
    const yoy = (await analysis(fed.hq, 'churn', { period: ym(month), compare: 'yoy' }).expect(200)).body;
    expect(yoy.previousPeriod).toBe(ym(addMonths(month, -12)));
    expect(yoy.totals.churnRate_prev).toBeNull();
    expect(yoy.totals.lostCustomers_prev).toBe(0);
  });

  it('customer development by channel at HQ and the province equals the cities\' raw data; a city by business hall; compare and freshness', async () => {
    const all = [...raw.get('440100')!, ...raw.get('440300')!];
    const channelOf = (r: RawCustomer) => r.channel ?? 'unknown';
    for (const m of [prevMonth, month]) {
      const want = rawFlowsBy(all, m, now, channelOf);
      expect(want.size).toBeGreaterThan(2);
      for (const node of [fed.hq, fed.gd]) {
        const res = (await analysis(node, 'customer_development', { period: ym(m), groupBy: 'channel' }).expect(200)).body;
        expect(res.groupBy).toBe('channel');
        expect(res.factSets).toEqual(['customers_by_channel_hall']);
        expect(Object.fromEntries(res.rows.map((r: { code: string; customersStart: number; newCustomers: number; lostCustomers: number; customersEnd: number }) => [r.code, { customersStart: r.customersStart, newCustomers: r.newCustomers, lostCustomers: r.lostCustomers, customersEnd: r.customersEnd }]))).toEqual(
          Object.fromEntries(want),
        );
        const tot = rawChurn(all, m, now);
        const growth = tot.customersStart > 0 ? Math.round(((tot.newCustomers - tot.lostCustomers) / tot.customersStart) * 1e6) / 1e6 : null;
        expect(res.totals).toMatchObject({ customersStart: tot.customersStart, newCustomers: tot.newCustomers, lostCustomers: tot.lostCustomers, netCustomers: tot.newCustomers - tot.lostCustomers });
        expect(res.totals.growthRate).toBeCloseTo(growth!, 6);
        expect(res.rows.find((r: { code: string }) => r.code === 'unknown')?.name).toContain('unknown');
      }
    }
    // a city by business hall (its default stays district)
    const halls = (await analysis(fed.gz, 'customer_development', { period: ym(prevMonth), groupBy: 'business_hall' }).expect(200)).body;
    const wantHalls = rawFlowsBy(raw.get('440100')!, prevMonth, now, (r) => r.hall ?? 'none');
    expect(halls.rows.map((r: { code: string }) => r.code).sort()).toEqual([...wantHalls.keys()].sort());
    for (const [code, w] of wantHalls) expect(halls.rows.find((r: { code: string }) => r.code === code)).toMatchObject(w);
    expect(halls.asOf.sources.map((s: { originNode: string; factSet: string }) => `${s.originNode}:${s.factSet}`)).toEqual(['440100:customers_by_channel_hall']);
    // HQ drill-down to a city by hall; compare and freshness
    const cmp = (await analysis(fed.hq, 'customer_development', { period: ym(month), groupBy: 'channel', compare: 'mom' }).expect(200)).body;
    expect(cmp.previousPeriod).toBe(ym(prevMonth));
    const prevAll = rawChurn(all, prevMonth, now);
    expect(cmp.totals).toMatchObject({ customersStart_prev: prevAll.customersStart, newCustomers_prev: prevAll.newCustomers, lostCustomers_prev: prevAll.lostCustomers });
    const online = rawFlowsBy(all, prevMonth, now, channelOf).get('online')!;
    expect(cmp.rows.find((r: { code: string }) => r.code === 'online')).toMatchObject({ newCustomers_prev: online.newCustomers, lostCustomers_prev: online.lostCustomers });
    expect(cmp.asOf.sources.map((s: { originNode: string; factSet: string }) => `${s.originNode}:${s.factSet}`)).toEqual(['440100:customers_by_channel_hall', '440300:customers_by_channel_hall']);
    expect(cmp.asOf.missing).toEqual([]);
    const szHalls = (await analysis(fed.hq, 'customer_development', { period: ym(month), city: '440300', groupBy: 'business_hall' }).expect(200)).body;
    expect(szHalls.rows.map((r: { code: string }) => r.code).sort()).toEqual([...rawFlowsBy(raw.get('440300')!, month, now, (r) => r.hall ?? 'none').keys()].sort());
  });

  it('service development at HQ equals the subscriptions of both cities; product pairs give lift', async () => {
    const res = (await analysis(fed.hq, 'service_development', { period: ym(month) }).expect(200)).body;
    expect(res.groupBy).toBe('product');
    for (const p of ['AN-MOB', 'AN-BB']) {
      const want = subsActive.get('440100')![p] + subsActive.get('440300')![p];
      expect(res.rows.find((r: { code: string }) => r.code === p).activeSubscriptions).toBe(want);
    }
    const corr = (await analysis(fed.hq, 'service_correlation', { period: ym(month) }).expect(200)).body;
    const pair = corr.rows.find((r: { code: string }) => r.code === 'AN-BB|AN-MOB');
    expect(pair.customersBoth).toBe(subsActive.get('440100')!['AN-BB'] + subsActive.get('440300')!['AN-BB']);
    expect(pair.confidenceAB).toBe(1);
    expect(pair.lift).toBeGreaterThan(1);
  });

  it('customer contribution (Pareto from bands) brackets the exact top-20 % share; arrears by age at HQ equal the cities\' raw arrears', async () => {
    const totals = [...billing.get('440100')!.totals, ...billing.get('440300')!.totals].sort((a, b) => b - a);
    const sum = totals.reduce((s, t) => s + t, 0);
    const k = totals.length * 0.2;
    const exactTop = totals.slice(0, Math.floor(k)).reduce((s, t) => s + t, 0) + (k - Math.floor(k)) * (totals[Math.floor(k)] ?? 0);
    const res = (await analysis(fed.hq, 'customer_contribution', { period: ym(month) }).expect(200)).body;
    expect(res.totals).toMatchObject({ customers: totals.length, revenueFen: sum });
    expect(res.totals.topShare).toBeLessThanOrEqual(exactTop / sum + 1e-6);
    expect(res.totals.topShareUpper).toBeGreaterThanOrEqual(exactTop / sum - 1e-6);
    const bands = (await analysis(fed.gd, 'customer_contribution', { period: ym(month), groupBy: 'band' }).expect(200)).body;
    expect(bands.rows.reduce((s: number, r: { customers: number }) => s + r.customers, 0)).toBe(totals.length);
    expect(bands.rows[bands.rows.length - 1].cumulativeRevenueShare).toBe(1);

    const arrears = [...billing.get('440100')!.arrears, ...billing.get('440300')!.arrears];
    const byAge = (await analysis(fed.hq, 'arrears', { period: ym(month), groupBy: 'age_bucket' }).expect(200)).body;
    expect(byAge.totals).toMatchObject({ arrearsFen: arrears.reduce((s, a) => s + a.amount, 0), customers: arrears.length, recoveryRate: 0 });
    const age = (since: string) => Math.round((Date.parse(today) - Date.parse(since)) / DAY_MS);
    const bucket = (d: number) => (d <= 30 ? '0_30' : d <= 90 ? '31_90' : d <= 180 ? '91_180' : 'over_180');
    for (const b of ['0_30', '31_90', '91_180', 'over_180']) {
      const want = arrears.filter((a) => bucket(age(a.since)) === b);
      expect(byAge.rows.find((r: { code: string }) => r.code === b)).toMatchObject({ customers: want.length, arrearsFen: want.reduce((s, a) => s + a.amount, 0) });
    }
  });

  it('format=svg is a well-formed chart and format=xlsx a workbook with zh/en headers', async () => {
    const svg = await analysis(fed.hq, 'churn', { period: ym(month), province: '440000', format: 'svg', chart: 'line' }).buffer(true).parse(binary as never).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const parsed = parseSvg((svg.body as Buffer).toString('utf8'));
    expect(parsed.root).toBe('svg');
    expect(parsed.texts.join(' ')).toContain('客戶流失分析 Customer churn');
    const pie = await analysis(fed.gd, 'customer_development', { period: ym(prevMonth), format: 'svg', chart: 'pie' }).buffer(true).parse(binary as never).expect(200);
    expect(parseSvg((pie.body as Buffer).toString('utf8')).root).toBe('svg');

    const xlsx = await analysis(fed.hq, 'churn', { period: ym(month), compare: 'mom', format: 'xlsx' }).buffer(true).parse(binary as never).expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const zh = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    const en = (sheet.getRow(2).values as unknown[]).filter(Boolean);
    expect(zh).toEqual(expect.arrayContaining(['省份', '流失率（%）']));
    expect(en).toEqual(expect.arrayContaining(['Province', 'Churn rate (%)']));
  });

  it('every analysis answers at every tier in every format (empty scopes included)', async () => {
    const list = (await request(fed.hq.url).get('/api/v1/analyses').auth(tokens.get('000000')!, { type: 'bearer' }).expect(200)).body.items as { name: string; groupBys: string[]; charts: string[] }[];
    for (const a of list) {
      for (const node of [fed.hq, fed.gd, fed.sz]) {
        const json = (await analysis(node, a.name, { period: ym(prevMonth), compare: 'mom' }).expect(200)).body;
        expect(json.asOf.period).toBe(ym(prevMonth));
        expect(json.scope.node).toBe(node.config.node.code);
        for (const groupBy of a.groupBys) await analysis(node, a.name, { period: ym(month), groupBy }).expect(200);
      }
      for (const chart of a.charts) {
        const svg = await analysis(fed.hq, a.name, { period: ym(month), format: 'svg', chart }).buffer(true).parse(binary as never);
        expect([a.name, chart, svg.status]).toEqual([a.name, chart, 200]);
        expect(parseSvg((svg.body as Buffer).toString('utf8')).root).toBe('svg');
      }
      await analysis(fed.gd, a.name, { period: ym(month), format: 'xlsx' }).buffer(true).parse(binary as never).expect(200);
    }
  });

  it('400 for an unknown analysis, format or grouping; 403 without analytics:read', async () => {
    const nope = await analysis(fed.hq, 'no_such_analysis').expect(400);
    expect(nope.body.details?.[0]?.field ?? nope.body.code).toBeDefined();
    await analysis(fed.hq, 'churn', { format: 'pdf' }).expect(400);
    await analysis(fed.hq, 'churn', { groupBy: 'time_band' }).expect(400);
    await analysis(fed.hq, 'churn', { period: '2026-13' }).expect(400);
    await analysis(fed.hq, 'churn', { compare: 'wow' }).expect(400);
    const service = await tokenFor(fed.hq.url, 'service');
    await analysis(fed.hq, 'churn', {}, service).expect(403);
    await request(fed.hq.url).get('/api/v1/analyses').auth(service, { type: 'bearer' }).expect(403);
  });
});
