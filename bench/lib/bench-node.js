'use strict';
/**
 * Shared helpers of the import benchmarks: a private PostgreSQL/Redis (or given URLs), a fresh
 * city database, the city worker booted in-process from the built `dist/`, one import run through
 * the product's ImportService → BullMQ → ImportProcessor → ImportTarget, and `psql \copy`.
 */
const { generateKeyPairSync, randomBytes, randomUUID } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');
const infra = require(path.join(root, 'scripts', 'lib', 'infra'));

/** Ports the demo uses; a benchmark never takes them. */
const RESERVED_PORTS = new Set([55432, 56379, ...Array.from({ length: 203 }, (_, i) => 3000 + i)]);

function parseArgs(argv, defaults) {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [key, inline] = a.slice(2).split('=');
    const name = key.replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
    const value = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    args[name] = typeof defaults[name] === 'number' ? Number(value.replace(/[_,]/g, '')) : value;
  }
  return args;
}

async function freePort() {
  for (;;) {
    const port = await infra.freePort();
    if (!RESERVED_PORTS.has(port)) return port;
  }
}

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * PostgreSQL and Redis for the run: `--database-url`/`--redis-url` (or BENCH_DATABASE_URL /
 * BENCH_REDIS_URL) when given, else private servers in a temporary folder (fsync off, as in tests).
 */
async function startInfra(args, workDir) {
  const dbUrl = args.databaseUrl || process.env.BENCH_DATABASE_URL;
  const redisUrl = args.redisUrl || process.env.BENCH_REDIS_URL;
  if (dbUrl && redisUrl) return { adminUrl: dbUrl, redisUrl, stop: () => undefined, own: false };
  infra.ensureServerBinaries();
  const [pgPort, redisPort] = [await freePort(), await freePort()];
  const pg = await infra.startPostgres({ dir: path.join(workDir, 'pg'), port: pgPort, durable: false });
  const redis = await infra.startRedis({ dir: path.join(workDir, 'redis'), port: redisPort, durable: false });
  log(`private PostgreSQL on ${pgPort}, Redis on ${redisPort} (fsync off)`);
  return {
    adminUrl: pg.url,
    redisUrl: redis.url,
    own: true,
    stop: () => {
      redis.stop();
      pg.stop();
    },
  };
}

function psqlBin() {
  const candidate = path.join(process.env.CRM_PG_BIN || '/usr/lib/postgresql/15/bin', 'psql');
  return fs.existsSync(candidate) ? candidate : 'psql';
}

/** Runs psql with one or more commands; returns the wall time in ms. */
function psql(url, commands) {
  const args = [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1'];
  for (const c of [].concat(commands)) args.push('-c', c);
  const t0 = process.hrtime.bigint();
  const res = spawnSync(psqlBin(), args, { encoding: 'utf8' });
  const took = ms(t0);
  if (res.status !== 0) throw new Error(`psql failed: ${res.stderr || res.stdout}`);
  return { ms: took, stdout: res.stdout };
}

function createDatabase(adminUrl, name) {
  psql(adminUrl, `CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function dropDatabase(adminUrl, name) {
  try {
    psql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } catch (err) {
    log(`could not drop ${name}: ${err.message}`);
  }
}

/** A topology with HQ → Guangdong → Guangzhou and fresh keys; the city's private key. */
function benchTopology() {
  const key = () => generateKeyPairSync('ed25519');
  const nodes = [
    ['000000', '总部', 'hq', undefined],
    ['440000', '广东', 'province', '000000'],
    ['440100', '广州', 'city', '440000'],
  ].map(([code, name, tier, parent]) => ({ code, name, tier, parent, keys: key() }));
  return {
    topology: {
      nodes: nodes.map((n, i) => ({ code: n.code, name: n.name, tier: n.tier, parent: n.parent, url: `http://127.0.0.1:${1 + i}`, publicKey: n.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() })),
    },
    cityKeyPem: nodes[2].keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function requireDist(rel) {
  const file = path.join(root, 'dist', rel);
  if (!fs.existsSync(`${file}.js`) && !fs.existsSync(path.join(file, 'index.js'))) {
    throw new Error(`${path.relative(root, file)} is not built: run \`npm run build\` first (the npm scripts bench:import and bench:usage do)`);
  }
  return require(file);
}

/** Boots the city worker (the same module as `apps/city/src/worker.ts`) in this process. */
async function bootCityWorker({ databaseUrl, redisUrl, importDir, batchSize }) {
  require('reflect-metadata');
  const { NestFactory } = require('@nestjs/core');
  const { loadNodeConfig } = requireDist('libs/config/src');
  const { CityWorkerModule } = requireDist('apps/city/src/city-worker.module');
  const { topology, cityKeyPem } = benchTopology();
  const env = {
    CRM_NODE_CODE: '440100',
    CRM_NODE_TIER: 'city',
    CRM_HTTP_PORT: '0',
    CRM_DATABASE_URL: databaseUrl,
    CRM_REDIS_URL: redisUrl,
    CRM_REDIS_PREFIX: `bench:${randomBytes(4).toString('hex')}`,
    CRM_JWT_SECRET: randomBytes(24).toString('hex'),
    CRM_NODE_PRIVATE_KEY: cityKeyPem,
    CRM_PII_KEY: randomBytes(32).toString('hex'),
    CRM_LOG_LEVEL: 'warn',
    CRM_PUBLISH_EVERY_MS: String(24 * 3600_000),
    CRM_SWEEP_EVERY_MS: String(24 * 3600_000),
    CRM_IMPORT_DIR: importDir,
  };
  if (batchSize) env.CRM_IMPORT_BATCH_SIZE = String(batchSize);
  const config = loadNodeConfig(env, { topology });
  const t0 = process.hrtime.bigint();
  const app = await NestFactory.createApplicationContext(CityWorkerModule.forRoot(config), { logger: ['error', 'warn'], abortOnError: false });
  await app.init();
  const { DataSource } = require('typeorm');
  log(`city worker booted and migrated in ${Math.round(ms(t0))} ms`);
  return { app, config, dataSource: app.get(DataSource) };
}

/**
 * One import through the product: ImportService.start (row, audit, BullMQ job with the id only),
 * then the worker's ImportProcessor runs it; returns the finished import_job row and timings.
 * The file is moved into the import folder first, as the upload would have streamed it there.
 */
async function runImport(worker, kind, csvPath) {
  const { ImportService } = requireDist('libs/data-exchange/src');
  const service = worker.app.get(ImportService);
  const id = randomUUID();
  const stored = path.join(worker.config.imports.dir, `${id}${path.extname(csvPath)}`);
  fs.copyFileSync(csvPath, stored);
  const size = fs.statSync(stored).size;
  const actor = { userId: '00000000-0000-4000-8000-000000000001', username: 'bench', role: 'admin', personalData: false, permissions: new Set(), requestId: `bench-${id}` };

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t0 = process.hrtime.bigint();
  try {
    const job = await service.start({ originalname: path.basename(csvPath), path: stored, size }, kind, actor);
    let row;
    let lastReport = 0;
    for (;;) {
      [row] = await worker.dataSource.query(`SELECT * FROM import_job WHERE id = $1`, [job.id]);
      if (row.status === 'completed' || row.status === 'failed') break;
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`  … ${row.processed_rows} rows (${Math.floor((Number(row.bytes_processed) * 100) / size)} %)`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return { row, ms: ms(t0), peakRssMb: Math.round(peakRss / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

/** Writes `rows` lines produced by `line(i)` after a header, with back-pressure. */
async function writeCsv(file, header, rows, line) {
  const out = fs.createWriteStream(file);
  const { once } = require('node:events');
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return fs.statSync(file).size;
}

/** Reads a file once so that both contenders start with it in the page cache. */
function warmFile(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 22);
  while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
  fs.closeSync(fd);
}

function tempDir(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-bench-${label}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

function report(title, lines) {
  const width = Math.max(...lines.map(([k]) => k.length));
  process.stdout.write(`\n${title}\n${lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}

module.exports = { parseArgs, startInfra, createDatabase, dropDatabase, psql, bootCityWorker, runImport, writeCsv, warmFile, tempDir, fmt, report, log, ms, root };
