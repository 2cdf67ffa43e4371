'use strict';
/**
 * A private city node for benchmarks: its own PostgreSQL and Redis in a temporary folder on free
 * ports (never the demo's), keys and topology, the built `dist/` entries. Plain Node.
 */
const { spawn, spawnSync } = require('node:child_process');
const { generateKeyPairSync, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const infra = require('../../scripts/lib/infra');

const root = path.resolve(__dirname, '..', '..');

async function startBenchCity({ customers = 0, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (!fs.existsSync(path.join(root, 'dist', 'apps', 'city', 'src', 'main.js'))) {
    log('building dist/');
    spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
  infra.ensureServerBinaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, redisPort, hqPort, gdPort, cityPort] = await Promise.all([1, 2, 3, 4, 5].map(() => infra.freePort()));
  const pg = await infra.startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, durable: false });
  const redis = await infra.startRedis({ dir: path.join(dir, 'redis'), port: redisPort, durable: false });
  const keys = {};
  for (const code of ['000000', '440000', '440100']) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    keys[code] = { priv: privateKey.export({ type: 'pkcs8', format: 'pem' }), pub: publicKey.export({ type: 'spki', format: 'pem' }) };
  }
  const topology = {
    nodes: [
      { code: '000000', name: '总部', tier: 'hq', url: `http://127.0.0.1:${hqPort}`, publicKey: keys['000000'].pub },
      { code: '440000', name: '广东', tier: 'province', parent: '000000', url: `http://127.0.0.1:${gdPort}`, publicKey: keys['440000'].pub },
      { code: '440100', name: '广州', tier: 'city', parent: '440000', url: `http://127.0.0.1:${cityPort}`, publicKey: keys['440100'].pub },
    ],
  };
  fs.writeFileSync(path.join(dir, 'topology.json'), JSON.stringify(topology));
  fs.writeFileSync(path.join(dir, 'city.pem'), keys['440100'].priv);
  const piiKey = randomBytes(32).toString('hex');
  const env = {
    ...process.env,
    CRM_NODE_CODE: '440100',
    CRM_NODE_TIER: 'city',
    CRM_HTTP_PORT: String(cityPort),
    CRM_DATABASE_URL: infra.ensureDatabase(pg.url, 'crm_bench_city'),
    CRM_REDIS_URL: redis.url,
    CRM_JWT_SECRET: randomBytes(24).toString('hex'),
    CRM_NODE_PRIVATE_KEY_FILE: path.join(dir, 'city.pem'),
    CRM_TOPOLOGY_FILE: path.join(dir, 'topology.json'),
    CRM_PII_KEY: piiKey,
    CRM_LOG_LEVEL: 'warn',
    CRM_DEMO_PASSWORD: 'bench-password-1',
    CRM_DEMO_CUSTOMERS: String(customers),
    CRM_PUBLISH_EVERY_MS: '86400000',
  };
  const t0 = Date.now();
  const seeded = spawnSync(process.execPath, [path.join(root, 'dist/apps/city/src/cli.js'), 'seed'], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  const seedMs = Date.now() - t0;
  const api = spawn(process.execPath, [path.join(root, 'dist/apps/city/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  await infra.waitForPort(cityPort, 120_000, 'city API');
  const url = `http://127.0.0.1:${cityPort}`;
  return {
    url,
    env,
    piiKey,
    seedMs,
    databaseUrl: env.CRM_DATABASE_URL,
    async token(username = 'admin') {
      const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: env.CRM_DEMO_PASSWORD }) });
      return (await res.json()).accessToken;
    },
    async stop() {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
      redis.stop();
      pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Latency percentiles of a list of milliseconds. */
function percentiles(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { n: sorted.length, median: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1] };
}

module.exports = { startBenchCity, percentiles, root };
