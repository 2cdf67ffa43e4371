#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the whole demo federation on one machine, from a fresh clone.
 * Installs npm packages when absent, builds, provisions PostgreSQL 15 and Redis (Docker
 * Compose when a Docker engine answers, else native binaries with data under .data/,
 * installed from the OS packages when missing), creates, migrates and seeds every node's
 * database, starts the seven nodes and their workers, publishes an initial month of facts,
 * prints the URLs, and on Ctrl-C stops everything it started. Safe to run again.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data');
const started = Date.now();
const PG_PORT = Number(process.env.CRM_DEMO_PG_PORT || 55432);
const REDIS_PORT = Number(process.env.CRM_DEMO_REDIS_PORT || 56379);
const PASSWORD = process.env.CRM_DEMO_PASSWORD || 'crm-demo-2026';
const say = (msg) => process.stdout.write(`[start +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

/** Everything this run started, stopped in reverse order on Ctrl-C, on failure, or when a node dies at start. */
const stops = [];
const children = [];
let stopping = false;

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  say('stopping what this run started');
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
          c.once('exit', () => (clearTimeout(timer), resolve()));
          c.kill('SIGTERM');
        }),
    ),
  );
  for (const stop of stops.reverse()) {
    try {
      stop();
    } catch (err) {
      say(`cleanup step failed: ${err.message}`);
    }
  }
  say('stopped');
  process.exit(exitCode);
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

function step(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
}

async function main() {
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    say('installing npm packages (npm ci)');
    step('npm', ['ci', '--no-audit', '--no-fund']);
  }
  const infra = require('./lib/infra');
  const nodes = require('./lib/demo-topology');
  for (const n of nodes) {
    if (await infra.portOpen(n.port)) throw new Error(`port ${n.port} (${n.name} ${n.code}) is already in use: is the demo already running?`);
  }
  say('building');
  step('npm', ['run', '--silent', 'build']);
  const { secrets, topologyFile } = require('./demo-keys').generate(path.join(dataDir, 'keys'));

  let redisUrl;
  let databaseUrl;
  if (infra.dockerAvailable()) {
    say('Docker engine found: PostgreSQL and Redis through Docker Compose');
    // docker/init-databases.sql created the seven databases
    databaseUrl = (code) => `postgres://postgres:crm@127.0.0.1:${PG_PORT}/crm_${code}`;
    redisUrl = `redis://127.0.0.1:${REDIS_PORT}`;
    const running = spawnSync('docker', ['compose', 'ps', '--status', 'running', '--services'], { cwd: root, encoding: 'utf8' }).stdout || '';
    const wasUp = running.includes('postgres') && running.includes('redis');
    step('docker', ['compose', '-f', 'docker-compose.yml', '-f', 'docker/compose.host-ports.yml', 'up', '-d', '--wait', 'postgres', 'redis']);
    if (!wasUp) stops.push(() => spawnSync('docker', ['compose', 'stop', 'postgres', 'redis'], { cwd: root, stdio: 'inherit' }));
  } else {
    say('no Docker engine: native PostgreSQL 15 and Redis with data under .data/');
    infra.ensureServerBinaries();
    fs.mkdirSync(dataDir, { recursive: true });
    fs.chmodSync(dataDir, 0o755);
    // the servers run from this clone's .data/ (perhaps left by a run that crashed): stop them on exit
    const pg = await infra.startPostgres({ dir: path.join(dataDir, 'pg'), port: PG_PORT, durable: true });
    const redis = await infra.startRedis({ dir: path.join(dataDir, 'redis'), port: REDIS_PORT, durable: true });
    databaseUrl = (code) => infra.ensureDatabase(pg.url, `crm_${code}`);
    redisUrl = redis.url;
    stops.push(pg.stop, redis.stop);
  }

  const envFor = (n) => ({
    ...process.env,
    CRM_NODE_CODE: n.code,
    CRM_NODE_TIER: n.tier,
    CRM_HTTP_PORT: String(n.port),
    CRM_DATABASE_URL: databaseUrl(n.code),
    CRM_REDIS_URL: redisUrl,
    CRM_JWT_SECRET: secrets[n.code].jwtSecret,
    CRM_NODE_PRIVATE_KEY_FILE: path.join(dataDir, 'keys', `${n.code}.pem`),
    CRM_TOPOLOGY_FILE: topologyFile,
    ...(secrets[n.code].piiKey ? { CRM_PII_KEY: secrets[n.code].piiKey } : {}),
    CRM_LOG_LEVEL: process.env.CRM_LOG_LEVEL || 'info',
    CRM_PUBLISH_EVERY_MS: process.env.CRM_PUBLISH_EVERY_MS || '60000',
    CRM_SWEEP_EVERY_MS: process.env.CRM_SWEEP_EVERY_MS || '30000',
    CRM_DEMO_PASSWORD: PASSWORD,
  });

  say('migrating and seeding the seven databases');
  const envs = new Map(nodes.map((n) => [n.code, envFor(n)]));
  await Promise.all(
    nodes.map(
      (n) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [`dist/apps/${n.tier}/src/cli.js`, 'seed'], { cwd: root, env: envs.get(n.code), stdio: ['ignore', 'pipe', 'inherit'] });
          children.push(child);
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.on('exit', (code) => {
            if (code !== 0) return reject(new Error(`seeding ${n.code} failed (exit ${code})`));
            say(`seeded ${n.name} ${n.code}: ${out.trim()}`);
            resolve();
          });
        }),
    ),
  );

  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  for (const n of nodes) {
    for (const entry of ['main', 'worker']) {
      const log = fs.openSync(path.join(logDir, `${n.code}-${entry === 'main' ? 'api' : 'worker'}.log`), 'a');
      const child = spawn(process.execPath, [`dist/apps/${n.tier}/src/${entry}.js`], { cwd: root, env: envs.get(n.code), stdio: ['ignore', log, log] });
      child.label = `${n.code} ${entry}`;
      child.on('exit', (code, signal) => {
        if (!stopping) say(`${child.label} exited (${code ?? signal}); see .data/logs`);
      });
      children.push(child);
    }
  }

  say('waiting for all seven nodes to be healthy');
  const healthy = async (n) => {
    try {
      return (await fetch(`http://127.0.0.1:${n.port}/health`, { signal: AbortSignal.timeout(2000) })).status === 200;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 180_000;
  while (!(await Promise.all(nodes.map(healthy))).every(Boolean)) {
    if (Date.now() > deadline) {
      say('nodes did not become healthy within 3 minutes; see .data/logs');
      return stopAll(1);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  say(`all seven nodes healthy in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // publish the last 30 days at once, so HQ has figures without waiting for the schedule
  const from = new Date(Date.now() - 29 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const n of nodes.filter((x) => x.tier === 'city')) {
    const base = `http://127.0.0.1:${n.port}`;
    const login = await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json();
    const res = await fetch(`${base}/api/v1/federation/publish`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` }, body: JSON.stringify({ from }) });
    const body = await res.json();
    say(`${n.name} ${n.code} published ${body.published?.length ?? 0} day slices since ${from} (${res.status})`);
  }

  const line = (n) => `  ${n.tier.padEnd(8)} ${n.code}  ${n.name}  http://127.0.0.1:${n.port}   docs: http://127.0.0.1:${n.port}/docs`;
  process.stdout.write(
    [
      '',
      'Federated telecom CRM demo is running:',
      ...nodes.map(line),
      '',
      `Sign in: POST /api/v1/auth/login {"username":"admin","password":"${PASSWORD}"} (every node);`,
      '         cities also have market, sales, service, operations and analyst.',
      'Dashboards: http://127.0.0.1:3000/dashboard (HQ; every node serves its own at /dashboard, sign in on the page)',
      'National figures: GET http://127.0.0.1:3000/api/v1/analytics/customers (drill down with ?province=440000 or ?city=440100)',
      '                  GET http://127.0.0.1:3000/api/v1/analyses (the documents\' analyses; ?format=svg|xlsx)',
      'Logs: .data/logs/   Stop: Ctrl-C',
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  process.stderr.write(`npm start failed: ${err.message}\n`);
  return stopAll(1);
});
