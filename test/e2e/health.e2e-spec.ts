import { Client } from 'pg';
import request from 'supertest';
import { HqApiModule } from '../../apps/hq/src/hq-api.module';
import { buildTestTopology, freePortFor, RunningNode, startTestNode, testNodeConfig } from '@crm/testing';

async function hqNode(env: Record<string, string> = {}): Promise<RunningNode> {
  const port = await freePortFor();
  const { topology, keys } = buildTestTopology([{ code: '000000', name: '总部', tier: 'hq', port }]);
  const config = await testNodeConfig({ code: '000000', tier: 'hq', port, topology, keys: keys.get('000000')!, env });
  return startTestNode(config, { api: HqApiModule.forRoot });
}

describe('GET /health', () => {
  it('answers 503 naming the database when PostgreSQL refuses connections, and 200 again when it is back', async () => {
    const node = await hqNode();
    const dbName = new URL(node.config.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await request(node.url).get('/health').expect(200);
      await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [dbName]);
      const down = await request(node.url).get('/health').expect(503);
      expect(down.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } }, info: { redis: { status: 'up' } } });
      await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
      await request(node.url).get('/health').expect(200);
    } finally {
      await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await node.close();
    }
  });

  it('answers 503 naming Redis when Redis is unreachable', async () => {
    const closedPort = await freePortFor();
    const node = await hqNode({ CRM_REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    try {
      const res = await request(node.url).get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } }, info: { database: { status: 'up' } } });
    } finally {
      await node.close();
    }
  });
});
