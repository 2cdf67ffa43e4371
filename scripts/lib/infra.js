'use strict';
/**
 * Native PostgreSQL 15 and Redis for the demo and the tests, for machines without a Docker
 * engine. Plain Node (no dependencies): it runs before `npm install` may have happened.
 */
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const PG_BIN = process.env.CRM_PG_BIN || '/usr/lib/postgresql/15/bin';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (res.status !== 0 && !opts.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr || res.stdout}`);
  }
  return res;
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

function log(msg) {
  process.stderr.write(`[infra] ${msg}\n`);
}

/** Whether a Docker engine answers (the CLI alone is not enough). */
function dockerAvailable() {
  if (process.env.CRM_NO_DOCKER === '1' || !which('docker')) return false;
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status === 0;
}

let aptUpdated = false;
function aptInstall(packages) {
  if (!isRoot()) throw new Error(`${packages.join(', ')} missing and not root: install them with apt-get`);
  if (!aptUpdated) {
    log('apt-get update');
    run('apt-get', ['update', '-qq'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    aptUpdated = true;
  }
  log(`apt-get install ${packages.join(' ')}`);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Installs PostgreSQL 15 and Redis from the OS packages when their binaries are missing. */
function ensureServerBinaries() {
  const missing = [];
  if (!fs.existsSync(path.join(PG_BIN, 'postgres'))) missing.push('postgresql-15');
  if (!which('redis-server')) missing.push('redis-server');
  if (missing.length) aptInstall(missing);
}

/** Chromium for browser tests: `CRM_CHROMIUM_PATH`, else `chromium`, `chromium-browser`, `/usr/bin/chromium`. */
function chromiumPath() {
  if (process.env.CRM_CHROMIUM_PATH) return fs.existsSync(process.env.CRM_CHROMIUM_PATH) ? process.env.CRM_CHROMIUM_PATH : which(process.env.CRM_CHROMIUM_PATH);
  return which('chromium') || which('chromium-browser') || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

/**
 * Installs Debian's `chromium` (and a CJK font, so Chinese renders in screenshots) when missing
 * and we are root. Never throws: without root it logs what to install, and the browser tests
 * themselves fail with a clear message. Returns the executable path or undefined.
 * `CRM_SKIP_CHROMIUM=1` skips the check.
 */
function ensureChromium() {
  if (process.env.CRM_SKIP_CHROMIUM === '1') return chromiumPath();
  if (process.env.CRM_CHROMIUM_PATH) {
    if (!chromiumPath()) log(`CRM_CHROMIUM_PATH=${process.env.CRM_CHROMIUM_PATH} does not exist`);
    return chromiumPath();
  }
  const missing = [];
  if (!chromiumPath()) missing.push('chromium', 'fonts-liberation');
  if (!spawnSync('sh', ['-c', 'fc-list :lang=zh family 2>/dev/null'], { encoding: 'utf8' }).stdout?.trim()) missing.push('fonts-wqy-microhei');
  if (!missing.length) return chromiumPath();
  if (!isRoot()) {
    log(`browser tests need ${missing.join(', ')}: install them with apt-get (or set CRM_CHROMIUM_PATH)`);
    return chromiumPath();
  }
  const started = Date.now();
  try {
    aptInstall(missing);
    log(`installed ${missing.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (err) {
    log(`could not install ${missing.join(', ')}: ${err.message}`);
  }
  return chromiumPath();
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitForPort(port, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root). */
function pgRun(bin, args, opts = {}) {
  const full = path.join(PG_BIN, bin);
  return isRoot() ? run('runuser', ['-u', 'postgres', '--', full, ...args], opts) : run(full, args, opts);
}

function ownForPostgres(dir) {
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot()) run('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
}

/**
 * Starts (initialising if needed) a PostgreSQL cluster in `dir` on `port`. `durable: false`
 * turns off fsync for tests; the demo keeps PostgreSQL's defaults. Idempotent.
 */
async function startPostgres({ dir, port, durable }) {
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  if (!(await portOpen(port))) {
    if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
      ownForPostgres(dir);
      ownForPostgres(data);
      log(`initdb ${data}`);
      pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    }
    ownForPostgres(sock);
    const opts = [`-p ${port}`, `-k ${sock}`, '-c listen_addresses=127.0.0.1', '-c max_connections=400', '-c shared_buffers=256MB'];
    if (!durable) opts.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
    log(`starting PostgreSQL on ${port}`);
    pgRun('pg_ctl', ['-D', data, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', '-o', opts.join(' '), 'start']);
    await waitForPort(port, 30_000, 'PostgreSQL');
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], { allowFail: true }),
  };
}

/** Starts a Redis server in `dir` on `port` (AOF on when `durable`). Idempotent. */
async function startRedis({ dir, port, durable }) {
  fs.mkdirSync(dir, { recursive: true });
  if (!(await portOpen(port))) {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--dir', dir,
      '--pidfile', path.join(dir, 'redis.pid'), '--logfile', path.join(dir, 'redis.log')];
    args.push(...(durable ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--save', '', '--appendonly', 'no']));
    log(`starting Redis on ${port}`);
    run('redis-server', args);
    await waitForPort(port, 15_000, 'Redis');
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => run('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { allowFail: true }),
  };
}

/** Creates a database if it does not exist (idempotent), through psql on the cluster. */
function ensureDatabase(adminUrl, name) {
  const u = new URL(adminUrl);
  const psql = path.join(PG_BIN, 'psql');
  const base = ['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-tAc'];
  const exists = run(fs.existsSync(psql) ? psql : 'psql', [...base, `SELECT 1 FROM pg_database WHERE datname = '${name}'`]).stdout.trim();
  if (exists !== '1') run(fs.existsSync(psql) ? psql : 'psql', [...base, `CREATE DATABASE "${name}"`]);
  u.pathname = `/${name}`;
  return u.toString();
}

module.exports = { dockerAvailable, ensureServerBinaries, ensureChromium, chromiumPath, startPostgres, startRedis, ensureDatabase, freePort, portOpen, waitForPort, which, log, run, spawn };
