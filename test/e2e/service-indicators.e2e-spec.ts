import request from 'supertest';
import { customerInput, residentId, RunningNode, serviceDepartmentInput, staffInput, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

interface Figure { indicator: string; target: number | null; value: number | null; numerator: number; denominator: number; met: boolean | null; citiesMet?: number; cities?: number }
type Counts = Record<string, { numerator: number; denominator: number }>;

const TARGETS = { faultRepairHours: 8, firstContactResolutionRate: 0.5, complaintsPer10k: 5000, slaAttainmentRate: 0.6 };
const SCALE: Record<string, number> = { faultRepairHours: 1 / 60, firstContactResolutionRate: 1, complaintsPer10k: 10_000, slaAttainmentRate: 1 };
const LOWER = ['faultRepairHours', 'complaintsPer10k'];
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
const value = (name: string, c: { numerator: number; denominator: number }) => (c.denominator > 0 ? round4((c.numerator / c.denominator) * SCALE[name]) : null);
const met = (name: string, c: { numerator: number; denominator: number }) => {
  if (!(c.denominator > 0)) return null;
  const v = (c.numerator / c.denominator) * SCALE[name];
  return LOWER.includes(name) ? v <= TARGETS[name as keyof typeof TARGETS] + 1e-9 : v >= TARGETS[name as keyof typeof TARGETS] - 1e-9;
};

/** 服務指標: HQ publishes standards as a directive; each city measures itself against the version it applied; the facts roll up. */
describe('Service indicators measured against the directive in force', () => {
  let fed: Federation;
  const tokens = new Map<string, string>();
  const token = (n: RunningNode) => tokens.get(n.config.node.code)!;
  const get = (n: RunningNode, path: string, query: Record<string, string> = {}) => request(n.url).get(path).query(query).auth(token(n), { type: 'bearer' });
  const post = (n: RunningNode, path: string, body: object) => request(n.url).post(path).auth(token(n), { type: 'bearer' }).send(body);
  const period = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
  let born = 0;

  /** The city's counts computed here from its raw rows (independently of the producer's SQL). */
  async function rawCounts(n: RunningNode): Promise<Counts> {
    const events: { kind: string; at: Date; received_at: Date; details: Record<string, unknown> }[] = await n.dataSource.query(
      `SELECT r.kind, ev.at, r.received_at, ev.details FROM service_request_event ev JOIN service_request r ON r.id = ev.request_id WHERE ev.action = 'transition' AND ev.to_status = 'resolved'`,
    );
    const inMonth = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(d).slice(0, 7) === period;
    const res = events.filter((e) => inMonth(new Date(e.at)));
    const faults = res.filter((e) => e.kind === 'fault');
    const requests: { kind: string; created_at: Date }[] = await n.dataSource.query(`SELECT kind, created_at FROM service_request`);
    const [{ customers }] = await n.dataSource.query(`SELECT count(*)::int AS customers FROM customer WHERE deleted_at IS NULL`);
    return {
      faultRepairHours: { numerator: faults.reduce((s, e) => s + Math.round((new Date(e.at).getTime() - new Date(e.received_at).getTime()) / 60_000), 0), denominator: faults.length },
      firstContactResolutionRate: { numerator: res.filter((e) => e.details.firstContact === true).length, denominator: res.length },
      complaintsPer10k: { numerator: requests.filter((r) => r.kind === 'complaint' && inMonth(new Date(r.created_at))).length, denominator: customers },
      slaAttainmentRate: { numerator: res.filter((e) => e.details.slaMet === true).length, denominator: res.length },
    };
  }

  async function seedCity(n: RunningNode, district: string, plan: { customers: number; requests: { kind: string; handover?: boolean; breach?: boolean; resolve: boolean }[] }): Promise<void> {
    const dep = (await post(n, '/api/v1/service-departments', serviceDepartmentInput()).expect(201)).body.code;
    const receiver = (await post(n, '/api/v1/staff', staffInput({ departmentCode: dep })).expect(201)).body.id;
    const colleague = (await post(n, '/api/v1/staff', staffInput({ departmentCode: dep })).expect(201)).body.id;
    const customers: string[] = [];
    for (let i = 0; i < plan.customers; i++) {
      born += 1;
      const birth = new Date(Date.UTC(1960, 0, 1) + born * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      customers.push((await post(n, '/api/v1/customers', customerInput({ districtCode: district, idNumber: residentId(district, birth) })).expect(201)).body.id);
    }
    // requests to breach are created last and breached with one SLA check as of a month later
    const ordered = [...plan.requests.filter((r) => !r.breach), ...plan.requests.filter((r) => r.breach)];
    let checked = false;
    for (const [i, r] of ordered.entries()) {
      const { id } = (await post(n, '/api/v1/service-requests', { kind: r.kind, channel: 'call_centre', severity: 'medium', customerId: customers[i % customers.length], title: `${r.kind} ${i}`, receivedByStaffId: receiver }).expect(201)).body;
      if (r.handover) await post(n, `/api/v1/service-requests/${id}/handover`, { toStaffId: colleague, reason: '转交' }).expect(200);
      if (r.breach && !checked) {
        const rest = ordered.slice(i);
        const ids = [id];
        for (const [j, x] of rest.slice(1).entries()) {
          ids.push((await post(n, '/api/v1/service-requests', { kind: x.kind, channel: 'call_centre', severity: 'medium', customerId: customers[(i + j + 1) % customers.length], title: `${x.kind} b${j}`, receivedByStaffId: receiver }).expect(201)).body.id);
        }
        await post(n, '/api/v1/service-requests/sla-check', { asOf: new Date(Date.now() + 40 * 86_400_000).toISOString() }).expect(200);
        for (const [j, x] of rest.entries()) {
          if (x.handover && j > 0) await post(n, `/api/v1/service-requests/${ids[j]}/handover`, { toStaffId: colleague, reason: '转交' }).expect(200);
          if (x.resolve) {
            await post(n, `/api/v1/service-requests/${ids[j]}/transitions`, { to: 'in_progress' }).expect(200);
            await post(n, `/api/v1/service-requests/${ids[j]}/transitions`, { to: 'resolved' }).expect(200);
          }
        }
        checked = true;
        break;
      }
      if (r.resolve) {
        await post(n, `/api/v1/service-requests/${id}/transitions`, { to: 'in_progress' }).expect(200);
        await post(n, `/api/v1/service-requests/${id}/transitions`, { to: 'resolved' }).expect(200);
      }
    }
  }

  beforeAll(async () => {
    fed = await startFederation();
    for (const n of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(n.config.node.code, await tokenFor(n.url, 'admin'));
  }, 120_000);
  afterAll(() => fed?.close());

  it('before any directive a city has nothing to measure against', async () => {
    const res = await get(fed.gz, '/api/v1/service-indicators', { period }).expect(200);
    expect(res.body).toMatchObject({ node: '440100', directiveOrigin: null, directiveVersion: null, indicators: [] });
  });

  it('cities measure themselves against the HQ directive; province and HQ answers equal the sums of the cities’ raw data', async () => {
    const issued = await post(fed.hq, '/api/v1/directives', { key: 'service-indicators', kind: 'service_indicators', title: '服務指標', content: TARGETS, effectiveFrom: '2026-01-01' }).expect(201);
    await waitFor(async () => (await get(fed.hq, `/api/v1/directives/${issued.body.id}`).expect(200)).body.nodes.every((x: { status: string }) => x.status === 'applied'), 'every node applied the directive');

    await seedCity(fed.gz, '440106', {
      customers: 3,
      requests: [
        { kind: 'fault', resolve: true },
        { kind: 'fault', handover: true, resolve: true },
        { kind: 'complaint', breach: true, resolve: true },
        { kind: 'complaint', breach: true, resolve: false },
      ],
    });
    await seedCity(fed.sz, '440305', {
      customers: 2,
      requests: [
        { kind: 'fault', handover: true, resolve: true },
        { kind: 'complaint', resolve: true },
        { kind: 'query', breach: true, resolve: true },
      ],
    });

    const raw = new Map<string, Counts>([['440100', await rawCounts(fed.gz)], ['440300', await rawCounts(fed.sz)]]);
    // the figures hand-derived from the plan, to be sure the raw computation is what we mean
    expect(raw.get('440100')).toMatchObject({
      firstContactResolutionRate: { numerator: 2, denominator: 3 }, slaAttainmentRate: { numerator: 2, denominator: 3 },
      complaintsPer10k: { numerator: 2, denominator: 3 }, faultRepairHours: { denominator: 2 },
    });
    expect(raw.get('440300')).toMatchObject({
      firstContactResolutionRate: { numerator: 2, denominator: 3 }, slaAttainmentRate: { numerator: 2, denominator: 3 },
      complaintsPer10k: { numerator: 1, denominator: 2 }, faultRepairHours: { denominator: 1 },
    });

    // each city, live
    for (const city of [fed.gz, fed.sz]) {
      const res = await get(city, '/api/v1/service-indicators', { period }).expect(200);
      expect(res.body).toMatchObject({ node: city.config.node.code, period, directiveOrigin: '000000', directiveVersion: 1 });
      const counts = raw.get(city.config.node.code)!;
      expect(res.body.indicators.map((f: Figure) => f.indicator).sort()).toEqual(Object.keys(TARGETS).sort());
      for (const f of res.body.indicators as Figure[]) {
        const c = counts[f.indicator];
        expect(f).toMatchObject({ target: TARGETS[f.indicator as keyof typeof TARGETS], numerator: c.numerator, denominator: c.denominator, value: value(f.indicator, c), met: met(f.indicator, c) });
      }
    }
    const gzLive = (await get(fed.gz, '/api/v1/service-indicators', { period }).expect(200)).body.indicators as Figure[];
    expect(gzLive.find((f) => f.indicator === 'complaintsPer10k')).toMatchObject({ value: 6666.6667, met: false });
    expect(gzLive.find((f) => f.indicator === 'slaAttainmentRate')).toMatchObject({ value: 0.6667, met: true });

    // publish; province and HQ answer from the facts
    for (const city of [fed.gz, fed.sz]) await post(city, '/api/v1/federation/publish', {}).expect(200);
    for (const parent of [fed.gd, fed.hq]) {
      const body = await waitFor(async () => {
        const b = (await get(parent, '/api/v1/service-indicators', { period }).expect(200)).body;
        return b.cities.length === 2 ? b : undefined;
      }, `${parent.config.node.code} has both cities' indicators`);
      expect(body.missing).toEqual([]);
      for (const city of body.cities as { node: string; indicators: Figure[] }[]) {
        const counts = raw.get(city.node)!;
        for (const f of city.indicators) {
          const c = counts[f.indicator];
          expect(f).toMatchObject({ numerator: c.numerator, denominator: c.denominator, value: value(f.indicator, c), met: met(f.indicator, c), target: TARGETS[f.indicator as keyof typeof TARGETS] });
        }
      }
      for (const f of body.total as Figure[]) {
        const sum = { numerator: raw.get('440100')![f.indicator].numerator + raw.get('440300')![f.indicator].numerator, denominator: raw.get('440100')![f.indicator].denominator + raw.get('440300')![f.indicator].denominator };
        const citiesMet = ['440100', '440300'].filter((c) => met(f.indicator, raw.get(c)![f.indicator])).length;
        expect(f).toMatchObject({ ...sum, value: value(f.indicator, sum), met: met(f.indicator, sum), target: TARGETS[f.indicator as keyof typeof TARGETS], cities: 2, citiesMet });
      }
      // a ratio of sums, not an average of the two cities' rates
      expect(body.total.find((f: Figure) => f.indicator === 'complaintsPer10k').value).toBe(6000);
    }
  });

  it('validates the period and the permission', async () => {
    await get(fed.gz, '/api/v1/service-indicators', { period: '2026-13' }).expect(400);
    await get(fed.gd, '/api/v1/service-indicators').expect(400);
    const market = await tokenFor(fed.gz.url, 'market');
    await request(fed.gz.url).get('/api/v1/service-indicators').query({ period }).auth(market, { type: 'bearer' }).expect(403);
    const empty = (await get(fed.hq, '/api/v1/service-indicators', { period: '2020-01' }).expect(200)).body;
    expect(empty).toMatchObject({ cities: [], total: [], missing: ['440100', '440300'] });
  });
});
