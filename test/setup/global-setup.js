'use strict';
/**
 * Provides PostgreSQL 15 and Redis 7 for the whole run, in this order:
 * 1. TEST_DATABASE_URL / TEST_REDIS_URL when set;
 * 2. testcontainers when a Docker engine answers;
 * 3. local server binaries in a temporary folder on free ports (installed from the OS packages if missing).
 * Workers inherit the URLs through process.env. Also makes sure Chromium is there for the browser
 * tests (`infra.ensureChromium`).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const infra = require('../../scripts/lib/infra');

module.exports = async function globalSetup() {
  infra.ensureChromium(); // for the browser tests; installs Debian's chromium when missing and root
  if (process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL) return;
  if (infra.dockerAvailable()) {
    const { PostgreSqlContainer } = require('@testcontainers/postgresql');
    const { RedisContainer } = require('@testcontainers/redis');
    const [pg, redis] = await Promise.all([
      new PostgreSqlContainer('postgres:15-alpine').withUsername('postgres').withPassword('postgres').withDatabase('postgres').withCommand(['postgres', '-c', 'max_connections=400', '-c', 'fsync=off']).start(),
      new RedisContainer('redis:7-alpine').start(),
    ]);
    process.env.TEST_DATABASE_URL = pg.getConnectionUri();
    process.env.TEST_REDIS_URL = redis.getConnectionUrl();
    globalThis.__CRM_TEST_INFRA__ = { stop: async () => Promise.all([pg.stop(), redis.stop()]) };
    return;
  }
  infra.ensureServerBinaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-test-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, redisPort] = [await infra.freePort(), await infra.freePort()];
  const pg = await infra.startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, durable: false });
  const redis = await infra.startRedis({ dir: path.join(dir, 'redis'), port: redisPort, durable: false });
  process.env.TEST_DATABASE_URL = pg.url;
  process.env.TEST_REDIS_URL = redis.url;
  globalThis.__CRM_TEST_INFRA__ = {
    stop: async () => {
      redis.stop();
      pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};
