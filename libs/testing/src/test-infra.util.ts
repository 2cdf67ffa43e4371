import { AddressInfo, createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

function required(name: 'TEST_DATABASE_URL' | 'TEST_REDIS_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through Jest (test/setup/global-setup.js)`);
  return value;
}

export const testRedisUrl = (): string => required('TEST_REDIS_URL');

/** A fresh, empty database on the test cluster; each suite (or node) gets its own. */
export async function createTestDatabase(label: string): Promise<string> {
  const admin = new URL(required('TEST_DATABASE_URL'));
  const name = `t_${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** A unique Redis key prefix, so parallel suites never see each other's queues. */
export const uniqueRedisPrefix = (label: string): string => `t:${label}:${randomBytes(4).toString('hex')}`;

/** A TCP port free right now on 127.0.0.1. */
export function freePortFor(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
