import request from 'supertest';
import { accountInput, billInput, cityMonth, customerInput, paymentInput, productInput, promotionInput, RunningNode, subscriptionInput, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

describe('Customer 360° (GET /api/v1/customers/:id/360)', () => {
  let node: RunningNode;
  let admin: string;
  let sales: string;
  let market: string;
  let customerId: string;
  let accountId: string;
  let productCode: string;

  beforeAll(async () => {
    node = await startSingleCity();
    [admin, sales, market] = await Promise.all(['admin', 'sales', 'market'].map((u) => tokenFor(node.url, u)));
    const api = () => request(node.url);
    const enterprise = await api().post('/api/v1/customers').auth(admin, { type: 'bearer' })
      .send(customerInput({ name: '广州越秀物流有限公司', customerType: 'public_unit', idType: 'passport', idNumber: 'ORG123456' })).expect(201);
    customerId = enterprise.body.id;
    await api().post(`/api/v1/customers/${customerId}/contacts`).auth(admin, { type: 'bearer' }).send({ name: '张经理', phone: '13800001111', isPrimary: true }).expect(201);
    const product = await api().post('/api/v1/products').auth(admin, { type: 'bearer' }).send(productInput({ category: 'mobile' })).expect(201);
    productCode = product.body.code;
    await api().post('/api/v1/subscriptions').auth(admin, { type: 'bearer' }).send(subscriptionInput(customerId, productCode)).expect(201);
    const account = await api().post('/api/v1/accounts').auth(admin, { type: 'bearer' }).send(accountInput(customerId)).expect(201);
    accountId = account.body.id;
    await api().post('/api/v1/bills').auth(admin, { type: 'bearer' }).send(billInput(accountId, cityMonth(-1))).expect(201);
    await api().post('/api/v1/payments').auth(admin, { type: 'bearer' }).send(paymentInput(accountId, 5_000)).expect(201);
    const promo = await api().post('/api/v1/promotions').auth(admin, { type: 'bearer' }).send(promotionInput()).expect(201);
    await api().post(`/api/v1/promotions/${promo.body.id}/apply`).auth(admin, { type: 'bearer' }).expect(200);
  });
  afterAll(() => node.close());

  it('returns profile, contacts, subscriptions, accounts, consumption, payments, arrears, promotions and scores in one call', async () => {
    await request(node.url).post('/api/v1/scores/recompute').auth(admin, { type: 'bearer' }).send({ customerIds: [customerId] }).expect(200);
    const res = await request(node.url).get(`/api/v1/customers/${customerId}/360`).auth(admin, { type: 'bearer' }).expect(200);
    const v = res.body;
    expect(v.profile).toMatchObject({ id: customerId, name: '广州越秀物流有限公司' });
    expect(v.contacts).toEqual([expect.objectContaining({ name: '张经理', phone: '13800001111' })]);
    expect(v.subscriptions).toEqual([expect.objectContaining({ customerId, productCode })]);
    expect(v.accounts).toEqual([expect.objectContaining({ id: accountId, customerId })]);
    expect(v.consumption).toMatchObject({ customerId, cumulativeSpendFen: 5_000, cumulativeBilledFen: 8_000 });
    expect(v.consumption.recentBills).toHaveLength(1);
    expect(v.payments).toEqual([expect.objectContaining({ amountFen: 5_000 })]);
    expect(Array.isArray(v.arrears)).toBe(true);
    expect(v.promotions).toEqual([expect.objectContaining({ method: 'discount' })]);
    expect(v.scores.map((x: { kind: string }) => x.kind).sort()).toEqual(['credit', 'loyalty']);
    expect(v.omitted).toEqual([]);
  });

  it('masks personal data for roles without the permission and leaves out sections the role may not read', async () => {
    const asMarket = (await request(node.url).get(`/api/v1/customers/${customerId}/360`).auth(market, { type: 'bearer' }).expect(200)).body;
    expect(asMarket.profile.personalDataMasked).toBe(true);
    expect(asMarket.contacts[0].phone).toBe('138****1111');
    expect(asMarket.subscriptions[0].serviceNumber).toContain('*');
    expect(asMarket.accounts).not.toBeNull();
    const asSales = (await request(node.url).get(`/api/v1/customers/${customerId}/360`).auth(sales, { type: 'bearer' }).expect(200)).body;
    expect(asSales.profile.personalDataMasked).toBe(false);
    // sales may not read scores: the section is left out, not refused
    expect(asSales.scores).toBeNull();
    expect(asSales.omitted).toEqual(['scores']);
  });

  it('answers 404 for an unknown customer and 400 for a malformed id', async () => {
    await request(node.url).get('/api/v1/customers/4b8d7c1e-1b9a-4c4e-9a55-0e6a1f0f0f0f/360').auth(admin, { type: 'bearer' }).expect(404);
    await request(node.url).get('/api/v1/customers/nope/360').auth(admin, { type: 'bearer' }).expect(400);
  });
});
