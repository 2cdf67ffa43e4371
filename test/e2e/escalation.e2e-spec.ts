import request from 'supertest';
import { MESSAGES_PATH, NodeMessageDto, signNodeRequest } from '@crm/federation';
import { customerInput, residentId, RunningNode, serviceDepartmentInput, staffInput, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

interface Escalation { id: string; originNode: string; reference: string; receivedFrom: string | null; status: string; decidedNode: string | null; summaryVersion: number; summary: Record<string, unknown>; decisions: { node: string; version: number; status: string }[] }
interface HistoryEvent { action: string; reason: string | null; details: Record<string, unknown>; by: string }

/** 升級 / 申訴 across tiers: city → province → HQ as a summary without personal data; decisions back down into the request's history. */
describe('Escalations across tiers', () => {
  let fed: Federation;
  const tokens = new Map<string, string>();
  const token = (n: RunningNode) => tokens.get(n.config.node.code)!;
  const get = (n: RunningNode, path: string, query: Record<string, string> = {}) => request(n.url).get(path).query(query).auth(token(n), { type: 'bearer' });
  const post = (n: RunningNode, path: string, body: object) => request(n.url).post(path).auth(token(n), { type: 'bearer' }).send(body);

  const customer = { name: '李小龙', phone: '13912345678', idNumber: residentId('440106', '19800101'), address: '广州市天河区体育西路 1 号' };
  const description = '客户称家中宽带每晚断线，已上门两次未修复，客户手机 13912345678';
  let receiver: string;
  let colleague: string;
  let customerId: string;

  async function newRequest(kind = 'fault'): Promise<{ id: string }> {
    return (await post(fed.gz, '/api/v1/service-requests', { kind, channel: 'hotline_112', severity: 'high', customerId, title: '宽带反复断线', description, receivedByStaffId: receiver }).expect(201)).body;
  }
  const provinceCopy = async (n: RunningNode, reference: string): Promise<Escalation | undefined> =>
    (await get(n, '/api/v1/escalations', { originNode: '440100' }).expect(200)).body.items.find((e: Escalation) => e.reference === reference);
  const history = async (id: string): Promise<HistoryEvent[]> => (await get(fed.gz, `/api/v1/service-requests/${id}`).expect(200)).body.history;

  beforeAll(async () => {
    fed = await startFederation();
    for (const n of [fed.hq, fed.gd, fed.gz, fed.sz]) tokens.set(n.config.node.code, await tokenFor(n.url, 'admin'));
    const dep = (await post(fed.gz, '/api/v1/service-departments', serviceDepartmentInput()).expect(201)).body.code;
    receiver = (await post(fed.gz, '/api/v1/staff', staffInput({ departmentCode: dep, name: '首问员工' })).expect(201)).body.id;
    colleague = (await post(fed.gz, '/api/v1/staff', staffInput({ departmentCode: dep, name: '接手员工' })).expect(201)).body.id;
    customerId = (await post(fed.gz, '/api/v1/customers', customerInput({ ...customer, districtCode: '440106' })).expect(201)).body.id;
  }, 120_000);
  afterAll(() => fed?.close());

  it('city escalates → province sees a summary without personal data → forwards → HQ decides → the city request shows it; status changes follow', async () => {
    const req = await newRequest();
    await post(fed.gz, `/api/v1/service-requests/${req.id}/handover`, { toStaffId: colleague, reason: '转交' }).expect(200);
    const created = await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: '客户多次报修未解决', kind: 'escalation' }).expect(201);
    expect(created.body).toMatchObject({ requestId: req.id, kind: 'escalation', level: 'province', status: 'open', summaryVersion: 1 });
    const ref = created.body.id;
    expect((await history(req.id)).some((e) => e.action === 'tier_escalation' && e.details.escalationId === ref)).toBe(true);

    // the province holds a summary — and nothing personal
    const atProvince = await waitFor(() => provinceCopy(fed.gd, ref), 'the province received the escalation');
    expect(atProvince).toMatchObject({ originNode: '440100', receivedFrom: '440100', status: 'open', kind: 'escalation', summaryVersion: 1 });
    expect(atProvince!.summary).toMatchObject({
      requestRef: req.id, requestKind: 'fault', channel: 'hotline_112', severity: 'high', requestStatus: 'acknowledged', handoverCount: 1,
      customerType: 'public_residential', districtCode: '440106', escalationKind: 'escalation', reason: '客户多次报修未解决', slaBreached: false, title: '宽带反复断线',
    });
    const full = JSON.stringify((await get(fed.gd, `/api/v1/escalations/${atProvince!.id}`).expect(200)).body);
    const [inbox] = await fed.gd.dataSource.query(`SELECT payload FROM message_inbox WHERE type = 'escalation' AND subject = $1`, [ref]);
    for (const text of [full, JSON.stringify(inbox.payload)]) {
      for (const secret of [customer.name, customer.phone, customer.idNumber, customer.address, description, customerId, receiver, colleague]) expect(text).not.toContain(secret);
    }

    // the province forwards it to HQ, keeping the city as origin
    await post(fed.gd, `/api/v1/escalations/${atProvince!.id}/decisions`, { status: 'forwarded', decision: '转总部督办' }).expect(201);
    const atHq = await waitFor(() => provinceCopy(fed.hq, ref), 'HQ received the forwarded escalation');
    expect(atHq).toMatchObject({ originNode: '440100', receivedFrom: '440000', status: 'open' });
    await waitFor(async () => (await history(req.id)).some((e) => e.action === 'tier_decision' && e.details.status === 'forwarded'), 'the city saw the forwarding');

    // HQ decides; the decision reaches the province copy and the city request
    await post(fed.hq, `/api/v1/escalations/${atHq!.id}/decisions`, { status: 'under_review', decision: '总部受理' }).expect(201);
    const decided = await post(fed.hq, `/api/v1/escalations/${atHq!.id}/decisions`, { status: 'resolved', decision: '责成广州分公司 48 小时内修复', note: '督办' }).expect(201);
    expect(decided.body).toMatchObject({ status: 'resolved', decidedNode: '000000' });
    await waitFor(async () => (await get(fed.gz, `/api/v1/service-requests/${req.id}/escalations`).expect(200)).body[0].status === 'resolved', 'the city escalation is resolved');
    const [cityEsc] = (await get(fed.gz, `/api/v1/service-requests/${req.id}/escalations`).expect(200)).body;
    expect(cityEsc).toMatchObject({ status: 'resolved', decision: '责成广州分公司 48 小时内修复', note: '督办', decidedNode: '000000' });
    expect(cityEsc.decisions.map((d: { node: string; version: number; status: string }) => [d.node, d.version, d.status])).toEqual([
      ['440000', 1, 'forwarded'], ['000000', 1, 'under_review'], ['000000', 2, 'resolved'],
    ]);
    const decisions = (await history(req.id)).filter((e) => e.action === 'tier_decision');
    expect(decisions.at(-1)).toMatchObject({ reason: '责成广州分公司 48 小时内修复', details: { status: 'resolved', decidedNode: '000000', escalationStatus: 'resolved' } });
    await waitFor(async () => (await provinceCopy(fed.gd, ref))?.status === 'resolved', "the province recorded HQ's decision");
    expect((await provinceCopy(fed.gd, ref))!.decidedNode).toBe('000000');

    // the city resolves the request: a new summary version reaches the province and, relayed, HQ
    await post(fed.gz, `/api/v1/service-requests/${req.id}/transitions`, { to: 'in_progress' }).expect(200);
    await post(fed.gz, `/api/v1/service-requests/${req.id}/transitions`, { to: 'resolved', reason: '已修复' }).expect(200);
    await waitFor(async () => (await provinceCopy(fed.hq, ref))?.summary.requestStatus === 'resolved', 'HQ has the resolved summary');
    const provinceNow = (await provinceCopy(fed.gd, ref))!;
    expect(provinceNow.summary).toMatchObject({ requestStatus: 'resolved' });
    expect(provinceNow.summaryVersion).toBe(3);
  });

  it('is harmless under re-delivery and reordering; refuses impersonation', async () => {
    const req = await newRequest('complaint');
    const { body: esc } = await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: '客户申诉', kind: 'appeal' }).expect(201);
    const atProvince = await waitFor(() => provinceCopy(fed.gd, esc.id), 'the province received the appeal');
    await post(fed.gd, `/api/v1/escalations/${atProvince!.id}/decisions`, { status: 'rejected', decision: '不予支持' }).expect(201);
    await waitFor(async () => (await get(fed.gz, `/api/v1/service-requests/${req.id}/escalations`).expect(200)).body[0].status === 'rejected', 'the city saw the rejection');

    // the same escalation-update delivered again: duplicate, the history unchanged
    const [sent] = await fed.gd.dataSource.query(`SELECT payload FROM message_outbox WHERE type = 'escalation-update' AND subject = $1`, [esc.id]);
    const signedByProvince = (body: string, target = '440100') => signNodeRequest({ method: 'POST', path: MESSAGES_PATH, body, sourceNode: '440000', targetNode: target }, fed.keys.get('440000')!.privateKeyPem);
    const again = JSON.stringify(sent.payload);
    const dup = await request(fed.gz.url).post(MESSAGES_PATH).set({ ...signedByProvince(again), 'content-type': 'application/json' }).send(again).expect(202);
    expect(dup.body.status).toBe('duplicate');
    // the escalation message re-delivered to the province: duplicate too
    const [up] = await fed.gz.dataSource.query(`SELECT payload FROM message_outbox WHERE type = 'escalation' AND subject = $1`, [esc.id]);
    const upBody = JSON.stringify(up.payload);
    const upHeaders = signNodeRequest({ method: 'POST', path: MESSAGES_PATH, body: upBody, sourceNode: '440100', targetNode: '440000' }, fed.keys.get('440100')!.privateKeyPem);
    expect((await request(fed.gd.url).post(MESSAGES_PATH).set({ ...upHeaders, 'content-type': 'application/json' }).send(upBody).expect(202)).body.status).toBe('duplicate');

    // reordering: version 3 of the province's decisions, then version 2 (older, decided earlier) arriving late
    const update = (messageId: string, version: string, status: string, decidedAt: string): string => JSON.stringify({
      messageId, type: 'escalation-update', sourceNode: '440000', originNode: '440000', subject: esc.id, version, producedAt: new Date().toISOString(),
      payload: { city: '440100', status, decision: status, note: null, decidedNode: '440000', decidedBy: 'admin', decidedAt },
    } satisfies NodeMessageDto);
    const v3 = update('7a7a7a7a-0000-4000-8000-000000000003', '3', 'resolved', new Date(Date.now() + 2000).toISOString());
    const v2 = update('7a7a7a7a-0000-4000-8000-000000000002', '2', 'under_review', new Date(Date.now() + 1000).toISOString());
    await request(fed.gz.url).post(MESSAGES_PATH).set({ ...signedByProvince(v3), 'content-type': 'application/json' }).send(v3).expect(202);
    await waitFor(async () => (await get(fed.gz, `/api/v1/service-requests/${req.id}/escalations`).expect(200)).body[0].status === 'resolved', 'version 3 applied');
    await request(fed.gz.url).post(MESSAGES_PATH).set({ ...signedByProvince(v2), 'content-type': 'application/json' }).send(v2).expect(202);
    await waitFor(async () => {
      const [row] = await fed.gz.dataSource.query(`SELECT outcome FROM message_inbox WHERE message_id = $1 AND applied_at IS NOT NULL`, ['7a7a7a7a-0000-4000-8000-000000000002']);
      return row?.outcome === 'stale';
    }, 'version 2 applied as stale');
    const [cityEsc] = (await get(fed.gz, `/api/v1/service-requests/${req.id}/escalations`).expect(200)).body;
    expect(cityEsc).toMatchObject({ status: 'resolved' });
    expect(cityEsc.decisions.map((d: { version: number }) => d.version)).toEqual([1, 2, 3]);

    // Shenzhen cannot escalate on behalf of Guangzhou, and a city cannot send decisions up
    const forged = JSON.stringify({ ...JSON.parse(upBody), messageId: '7a7a7a7a-0000-4000-8000-0000000000ff', sourceNode: '440300' });
    const szHeaders = signNodeRequest({ method: 'POST', path: MESSAGES_PATH, body: forged, sourceNode: '440300', targetNode: '440000' }, fed.keys.get('440300')!.privateKeyPem);
    expect((await request(fed.gd.url).post(MESSAGES_PATH).set({ ...szHeaders, 'content-type': 'application/json' }).send(forged).expect(403)).body.code).toBe('NODE_NOT_AUTHORIZED');
    const upward = JSON.stringify({ ...JSON.parse(update('7a7a7a7a-0000-4000-8000-0000000000fe', '9', 'resolved', new Date().toISOString())), sourceNode: '440100', originNode: '440100' });
    const upwardHeaders = signNodeRequest({ method: 'POST', path: MESSAGES_PATH, body: upward, sourceNode: '440100', targetNode: '440000' }, fed.keys.get('440100')!.privateKeyPem);
    expect((await request(fed.gd.url).post(MESSAGES_PATH).set({ ...upwardHeaders, 'content-type': 'application/json' }).send(upward).expect(403)).body.code).toBe('NODE_NOT_AUTHORIZED');
    // a summary carrying personal data is refused
    const leaky = JSON.stringify({ ...JSON.parse(upBody), messageId: '7a7a7a7a-0000-4000-8000-0000000000fd', version: '9', payload: { ...JSON.parse(upBody).payload, customerName: customer.name } });
    const leakyHeaders = signNodeRequest({ method: 'POST', path: MESSAGES_PATH, body: leaky, sourceNode: '440100', targetNode: '440000' }, fed.keys.get('440100')!.privateKeyPem);
    expect(JSON.stringify((await request(fed.gd.url).post(MESSAGES_PATH).set({ ...leakyHeaders, 'content-type': 'application/json' }).send(leaky).expect(400)).body)).toContain('customerName');
  });

  it('an appeal for HQ is forwarded by the province on receipt', async () => {
    const req = await newRequest('complaint');
    await post(fed.gz, `/api/v1/service-requests/${req.id}/transitions`, { to: 'in_progress' }).expect(200);
    await post(fed.gz, `/api/v1/service-requests/${req.id}/transitions`, { to: 'resolved' }).expect(200);
    const { body: esc } = await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: '对处理结果不满', kind: 'appeal', level: 'hq' }).expect(201);
    const atHq = await waitFor(() => provinceCopy(fed.hq, esc.id), 'HQ received the appeal');
    expect(atHq).toMatchObject({ kind: 'appeal', receivedFrom: '440000', summary: expect.objectContaining({ level: 'hq', requestStatus: 'resolved' }) });
    expect((await provinceCopy(fed.gd, esc.id))!.status).toBe('forwarded');
  });

  it('refuses what is not allowed (400, 404, 409, 403)', async () => {
    const req = await newRequest();
    await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: '', kind: 'escalation' }).expect(400);
    await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: 'x', kind: 'complain' }).expect(400);
    await post(fed.gz, '/api/v1/service-requests/00000000-0000-4000-8000-000000000000/escalations', { reason: 'x', kind: 'escalation' }).expect(404);
    await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: 'x', kind: 'escalation' }).expect(201);
    await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: 'again', kind: 'escalation' }).expect(409);
    await post(fed.gz, `/api/v1/service-requests/${req.id}/transitions`, { to: 'cancelled', reason: 'x' }).expect(200);
    await post(fed.gz, `/api/v1/service-requests/${req.id}/escalations`, { reason: 'x', kind: 'appeal' }).expect(409);
    const cityEscalations = (await get(fed.gz, '/api/v1/escalations').expect(200)).body.items;
    expect((await post(fed.gz, `/api/v1/escalations/${cityEscalations[0].id}/decisions`, { status: 'resolved', decision: 'x' }).expect(409)).body.code).toBe('NOT_SUPPORTED_ON_TIER');
    const atHq = (await get(fed.hq, '/api/v1/escalations').expect(200)).body.items[0];
    await post(fed.hq, `/api/v1/escalations/${atHq.id}/decisions`, { status: 'forwarded', decision: 'x' }).expect(409);
    await post(fed.hq, `/api/v1/escalations/${atHq.id}/decisions`, { status: 'open', decision: 'x' }).expect(400);
    await post(fed.gd, '/api/v1/escalations/00000000-0000-4000-8000-000000000000/decisions', { status: 'resolved', decision: 'x' }).expect(404);
    await get(fed.gd, '/api/v1/escalations/nope').expect(400);
    expect((await get(fed.gd, '/api/v1/escalations', { status: 'forwarded' }).expect(200)).body.items.every((e: Escalation) => e.status === 'forwarded')).toBe(true);
    const market = await tokenFor(fed.gd.url, 'market');
    await request(fed.gd.url).get('/api/v1/escalations').auth(market, { type: 'bearer' }).expect(403);
    const service = await tokenFor(fed.gz.url, 'analyst');
    await request(fed.gz.url).post(`/api/v1/service-requests/${req.id}/escalations`).auth(service, { type: 'bearer' }).send({ reason: 'x', kind: 'appeal' }).expect(403);
  });
});
