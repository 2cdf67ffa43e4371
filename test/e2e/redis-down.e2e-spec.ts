import request from 'supertest';
import { freePortFor, RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

describe('A city whose Redis is down', () => {
  let node: RunningNode;

  beforeAll(async () => {
    node = await startSingleCity({ env: { CRM_REDIS_URL: `redis://127.0.0.1:${await freePortFor()}` } });
  });
  afterAll(() => node.close());

  it('still publishes: the batch waits in the outbox for the sweeper, and the request does not hang', async () => {
    await node.dataSource.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked)
       VALUES ('离线客户', 'public_residential', '440106', '13900000001', 'passport', md5('x') || md5('y'), 'v1:x', 'P****')`,
    );
    const token = await tokenFor(node.url, 'admin');
    const started = Date.now();
    const res = await request(node.url).post('/api/v1/federation/publish').auth(token, { type: 'bearer' }).send({}).timeout(20_000).expect(200);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.body.published.length).toBeGreaterThan(0);
    const [{ n }] = await node.dataSource.query(`SELECT count(*)::int AS n FROM outbox_batch WHERE status = 'pending'`);
    expect(n).toBe(res.body.published.length);
  });
});
