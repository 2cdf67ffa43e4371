import request from 'supertest';
import { MESSAGES_PATH, NodeMessageDto, signNodeRequest } from '@crm/federation';
import { RunningNode, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

type NodeStatus = { nodeCode: string; status: string; appliedVersion: number | null };

/** Directives (指令) down the federation: HQ → provinces → cities, applied versions reported back up. */
describe('Directives: issued above, relayed down, applied versions reported up', () => {
  let fed: Federation;
  const tokens = new Map<string, string>();
  const token = (n: RunningNode) => tokens.get(n.config.node.code)!;
  const api = (n: RunningNode) => request(n.url);

  beforeAll(async () => {
    fed = await startFederation();
    for (const n of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(n.config.node.code, await tokenFor(n.url, 'admin'));
  }, 120_000);
  afterAll(() => fed?.close());

  const detail = async (n: RunningNode, id: string) => (await api(n).get(`/api/v1/directives/${id}`).auth(token(n), { type: 'bearer' }).expect(200)).body;
  const inForce = async (n: RunningNode, key: string) => (await api(n).get('/api/v1/directives/in-force').query({ key }).auth(token(n), { type: 'bearer' }).expect(200)).body;

  it('HQ issues service indicators; the province and both cities apply them and HQ sees every applied version', async () => {
    const issued = await api(fed.hq).post('/api/v1/directives').auth(token(fed.hq), { type: 'bearer' })
      .send({ key: 'service-indicators', kind: 'service_indicators', title: '全國服務指標 2027', content: { faultRepairHours: 24, firstContactResolutionRate: 0.8, complaintsPer10k: 5, slaAttainmentRate: 0.95 }, effectiveFrom: '2026-01-01' })
      .expect(201);
    expect(issued.body).toMatchObject({ originNode: '000000', key: 'service-indicators', version: 1, current: true });
    expect(issued.body.nodes.map((n: NodeStatus) => n.nodeCode)).toEqual(['440000', '440100', '440300']);

    await waitFor(async () => (await detail(fed.hq, issued.body.id)).nodes.every((n: NodeStatus) => n.status === 'applied'), 'every node applied version 1');
    for (const city of [fed.gz, fed.sz]) {
      const [d] = await inForce(city, 'service-indicators');
      expect(d).toMatchObject({ originNode: '000000', version: 1, receivedFrom: '440000', content: { faultRepairHours: 24, slaAttainmentRate: 0.95 } });
    }
    // the province keeps its cities' receipts too
    expect((await detail(fed.gd, (await inForce(fed.gd, 'service-indicators'))[0].id)).nodes).toEqual([
      expect.objectContaining({ nodeCode: '440100', status: 'applied', appliedVersion: 1 }),
      expect.objectContaining({ nodeCode: '440300', status: 'applied', appliedVersion: 1 }),
    ]);

    // version 2 supersedes version 1 everywhere; version 1 shows as not current
    const v2 = await api(fed.hq).post('/api/v1/directives').auth(token(fed.hq), { type: 'bearer' })
      .send({ key: 'service-indicators', kind: 'service_indicators', title: '全國服務指標 2027 修訂', content: { faultRepairHours: 12 }, effectiveFrom: '2026-01-01' })
      .expect(201);
    expect(v2.body.version).toBe(2);
    await waitFor(async () => (await detail(fed.hq, v2.body.id)).nodes.every((n: NodeStatus) => n.status === 'applied'), 'every node applied version 2');
    expect((await inForce(fed.sz, 'service-indicators'))[0]).toMatchObject({ version: 2, content: { faultRepairHours: 12 } });
    expect((await detail(fed.hq, issued.body.id)).current).toBe(false);
    const listed = await api(fed.gz).get('/api/v1/directives').query({ key: 'service-indicators' }).auth(token(fed.gz), { type: 'bearer' }).expect(200);
    expect(listed.body.items.map((d: { version: number; current: boolean }) => [d.version, d.current])).toEqual([[2, true], [1, false]]);
  });

  it('a province directive reaches only the cities in its scope; HQ does not see it', async () => {
    const res = await api(fed.gd).post('/api/v1/directives').auth(token(fed.gd), { type: 'bearer' })
      .send({ key: 'shenzhen-5g-promotion', kind: 'promotion_policy', title: '深圳 5G 套餐推廣', content: { discountRate: 0.2 }, scope: ['440300'] })
      .expect(201);
    expect(res.body.nodes.map((n: NodeStatus) => n.nodeCode)).toEqual(['440300']);
    await waitFor(async () => (await detail(fed.gd, res.body.id)).nodes[0].status === 'applied', 'Shenzhen applied the province directive');
    expect(await inForce(fed.sz, 'shenzhen-5g-promotion')).toHaveLength(1);
    expect(await inForce(fed.gz, 'shenzhen-5g-promotion')).toHaveLength(0);
    // the receipt stops at the issuer
    await new Promise((r) => setTimeout(r, 500));
    expect(await fed.hq.dataSource.query(`SELECT * FROM directive_receipt WHERE key = 'shenzhen-5g-promotion'`)).toEqual([]);
  });

  it('refuses bad directives (400), issuing on a city (409), unknown ids (404) and roles without the permission (403)', async () => {
    const bad = await api(fed.hq).post('/api/v1/directives').auth(token(fed.hq), { type: 'bearer' })
      .send({ key: 'service-indicators', kind: 'service_indicators', title: 'x', content: { faultRepairHours: -1, colour: 'red' }, scope: ['320000'] })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/faultRepairHours/);
    expect(JSON.stringify(bad.body)).toMatch(/colour/);
    await api(fed.gd).post('/api/v1/directives').auth(token(fed.gd), { type: 'bearer' })
      .send({ key: 'x', kind: 'other', title: 'x', content: { a: 1 }, scope: ['320500'] }).expect(400);
    await api(fed.hq).post('/api/v1/directives').auth(token(fed.hq), { type: 'bearer' }).send({ key: 'Bad Key', kind: 'other', title: 'x', content: {} }).expect(400);
    const city = await api(fed.gz).post('/api/v1/directives').auth(token(fed.gz), { type: 'bearer' }).send({ key: 'x', kind: 'other', title: 'x', content: { a: 1 } }).expect(409);
    expect(city.body.code).toBe('NOT_SUPPORTED_ON_TIER');
    await api(fed.hq).get('/api/v1/directives/00000000-0000-4000-8000-000000000000').auth(token(fed.hq), { type: 'bearer' }).expect(404);
    await api(fed.hq).get('/api/v1/directives/nope').auth(token(fed.hq), { type: 'bearer' }).expect(400);
    const service = await tokenFor(fed.gz.url, 'service');
    await api(fed.gz).get('/api/v1/directives').auth(service, { type: 'bearer' }).expect(403);
  });

  it('a city cannot send a directive up, and a re-delivered message changes nothing', async () => {
    const message: NodeMessageDto = {
      messageId: '5b0c3a55-1111-4c4c-8d8d-000000000001', type: 'directive', sourceNode: '440100', originNode: '440100', subject: 'forged', version: '1',
      producedAt: new Date().toISOString(), payload: { kind: 'other', title: 'x', content: { a: 1 }, effectiveFrom: '2026-01-01', scope: null, issuedAt: new Date().toISOString(), issuedBy: 'x' },
    };
    const body = JSON.stringify(message);
    const headers = signNodeRequest({ method: 'POST', path: MESSAGES_PATH, body, sourceNode: '440100', targetNode: '440000' }, fed.keys.get('440100')!.privateKeyPem);
    const res = await request(fed.gd.url).post(MESSAGES_PATH).set({ ...headers, 'content-type': 'application/json' }).send(body).expect(403);
    expect(res.body.code).toBe('NODE_NOT_AUTHORIZED');

    // re-send, signed by the province, the directive message a city already applied: duplicate at the inbox or the directive
    const [sent] = await fed.gd.dataSource.query(`SELECT payload FROM message_outbox WHERE type = 'directive' AND target_node = '440100' ORDER BY created_at LIMIT 1`);
    const again = JSON.stringify(sent.payload);
    const h2 = signNodeRequest({ method: 'POST', path: MESSAGES_PATH, body: again, sourceNode: '440000', targetNode: '440100' }, fed.keys.get('440000')!.privateKeyPem);
    const dup = await request(fed.gz.url).post(MESSAGES_PATH).set({ ...h2, 'content-type': 'application/json' }).send(again).expect(202);
    expect(dup.body.status).toBe('duplicate');
    const [{ n }] = await fed.gz.dataSource.query(`SELECT count(*)::int AS n FROM directive WHERE key = 'service-indicators'`);
    expect(n).toBe(2);
  });
});
