import request from 'supertest';
import { todayIn } from '@crm/federation';
import { insertTestCustomer, RunningNode, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

const TZ = 'Asia/Shanghai';

/**
 * Issue 6 item 5: HQ publishes a campaign down as a directive; each city carries it out with a
 * campaign of its own linked to that directive; the results roll up as facts and HQ sees each
 * city's execution (the version it applied) and its results, without calling a city.
 */
describe('A campaign published by HQ as a directive, run by the cities, results seen at HQ', () => {
  let fed: Federation;
  const tokens = new Map<string, string>();
  const token = (n: RunningNode) => tokens.get(n.config.node.code)!;
  const today = todayIn(TZ);
  const month = today.slice(0, 7);
  let directiveId: string;

  beforeAll(async () => {
    fed = await startFederation();
    for (const n of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(n.config.node.code, await tokenFor(n.url, 'admin'));
  }, 120_000);
  afterAll(() => fed?.close());

  const api = (n: RunningNode) => request(n.url);

  /** What a city does with the directive: key accounts as the segment, a plan, a linked campaign, its contact list, responses. */
  async function runCampaign(city: RunningNode, district: string, customers: number, converted: { count: number; revenueFen: number }): Promise<void> {
    const t = token(city);
    for (let i = 0; i < customers; i++) {
      const id = await insertTestCustomer(city.dataSource, district);
      await city.dataSource.query(`UPDATE customer SET customer_type = 'key_individual' WHERE id = $1`, [id]);
    }
    await api(city).post('/api/v1/segments/recompute').auth(t, { type: 'bearer' }).send({}).expect(200);
    const plan = await api(city).post('/api/v1/marketing-plans').auth(t, { type: 'bearer' })
      .send({ title: '落實總部千兆升級活動', objective: '大客戶升級', periodFrom: `${month}-01`, periodTo: today, budgetFen: 100_000, controlGroupPercent: 0, content: '按總部指令執行' })
      .expect(201);
    let version = plan.body.version as number;
    for (const to of ['evaluation', 'adopted', 'confirmed']) version = (await api(city).post(`/api/v1/marketing-plans/${plan.body.id}/transitions`).auth(t, { type: 'bearer' }).send({ to, version }).expect(200)).body.version;
    const campaign = await api(city).post('/api/v1/campaigns').auth(t, { type: 'bearer' })
      .send({
        planId: plan.body.id, code: `${city.config.node.code}-fttr`, name: '千兆升級', channel: 'sms', directiveOrigin: '000000', directiveKey: 'fttr-2027',
        segmentDimension: 'attribute', segment: 'key_individual', segmentPeriod: month, startDate: `${month}-01`, endDate: today, evaluationMonths: 1,
      })
      .expect(201);
    expect(campaign.body).toMatchObject({ directiveOrigin: '000000', directiveKey: 'fttr-2027', directiveVersion: 1 });
    await api(city).post(`/api/v1/campaigns/${campaign.body.id}/contact-list`).auth(t, { type: 'bearer' }).expect(201);
    await api(city).post(`/api/v1/marketing-plans/${plan.body.id}/transitions`).auth(t, { type: 'bearer' }).send({ to: 'executing', version }).expect(200);
    await api(city).post(`/api/v1/campaigns/${campaign.body.id}/transitions`).auth(t, { type: 'bearer' }).send({ to: 'active', version: campaign.body.version }).expect(200);
    const contacts = (await api(city).get(`/api/v1/campaigns/${campaign.body.id}/contacts`).query({ pageSize: 200 }).auth(t, { type: 'bearer' }).expect(200)).body.items as { customerId: string }[];
    expect(contacts).toHaveLength(customers);
    const responses = contacts.slice(0, converted.count).map((c) => ({ customerId: c.customerId, channel: 'sms', outcome: 'converted', revenueFen: converted.revenueFen }));
    if (responses.length) await api(city).post(`/api/v1/campaigns/${campaign.body.id}/responses`).auth(t, { type: 'bearer' }).send({ responses }).expect(201);
    await api(city).post('/api/v1/federation/publish').auth(t, { type: 'bearer' }).send({ from: today, to: today }).expect(200);
  }

  it('HQ issues the campaign directive and sees both cities apply it', async () => {
    const issued = await api(fed.hq).post('/api/v1/directives').auth(token(fed.hq), { type: 'bearer' })
      .send({ key: 'fttr-2027', kind: 'campaign', title: '全國千兆升級活動', content: { target: '大客戶', offer: '首年八折' }, effectiveFrom: `${month}-01` })
      .expect(201);
    directiveId = issued.body.id;
    await waitFor(async () => {
      const d = (await api(fed.hq).get(`/api/v1/directives/${directiveId}`).auth(token(fed.hq), { type: 'bearer' }).expect(200)).body;
      return d.nodes.every((n: { status: string }) => n.status === 'applied');
    }, 'both cities and the province to apply the campaign directive');
  });

  it('each city runs it; HQ and the province see each city\'s targets, conversions and revenue for the directive', async () => {
    await runCampaign(fed.gz, '440106', 5, { count: 2, revenueFen: 500 });
    await runCampaign(fed.sz, '440304', 3, { count: 1, revenueFen: 800 });

    const byCity = async (n: RunningNode) =>
      (await api(n).get('/api/v1/analyses/campaign_results').query({ period: month, groupBy: 'city' }).auth(token(n), { type: 'bearer' }).expect(200)).body;
    await waitFor(async () => (await byCity(fed.hq)).rows.length === 2, 'HQ to hold both cities\' campaign results');
    const hq = await byCity(fed.hq);
    expect(hq.rows.find((r: { code: string }) => r.code === '440100')).toMatchObject({ targeted: 5, converted: 2, revenueFen: 1_000, conversionRate: 0.4 });
    expect(hq.rows.find((r: { code: string }) => r.code === '440300')).toMatchObject({ targeted: 3, converted: 1, revenueFen: 800 });

    // grouped by directive at HQ: the national total of the campaign HQ published, its rate from sums
    const byDirective = (await api(fed.hq).get('/api/v1/analyses/campaign_results').query({ period: month, groupBy: 'directive_key' }).auth(token(fed.hq), { type: 'bearer' }).expect(200)).body;
    expect(byDirective.rows).toEqual([expect.objectContaining({ code: 'fttr-2027', targeted: 8, converted: 3, revenueFen: 1_800, conversionRate: 0.375 })]);

    const gd = await byCity(fed.gd);
    expect(gd.rows.map((r: { code: string; targeted: number }) => [r.code, r.targeted]).sort()).toEqual([['440100', 5], ['440300', 3]]);
  });
});
