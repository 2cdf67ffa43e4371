#!/usr/bin/env node
'use strict';
/**
 * Province and HQ analysis endpoints over a year of monthly facts from 400 cities (issue 7 item 7).
 *
 * A private PostgreSQL and Redis; an HQ and one province (Guangdong, 440000) started from the built
 * `dist/` entries with a topology of 31 provinces and 400 cities; every month fact set of the
 * catalogue filled for 12 months and every day fact set for 365 days, for each city, straight into
 * the facts tables (what the apply jobs would have written); then each endpoint is called
 * `--requests` times in turn over HTTP and its median, p95 and the overall median are printed
 * against the 200 ms ceiling.
 *
 *   npm run bench:analytics -- [--cities 400] [--requests 40] [--rows 40]
 */
const { spawn } = require('node:child_process');
const { generateKeyPairSync, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..');
const infra = require(path.join(root, 'scripts', 'lib', 'infra'));

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(process.argv[i + 1]);
};
const log = (m) => process.stderr.write(`[bench] ${m}\n`);
const CEILING_MS = 200;
const PASSWORD = 'bench-password-1';

/** GB/T 2260 province prefixes (31 mainland provinces). */
const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'];

function topologyOf(cityCount, ports) {
  const key = () => generateKeyPairSync('ed25519');
  const pem = (k) => ({ priv: k.privateKey.export({ type: 'pkcs8', format: 'pem' }), pub: k.publicKey.export({ type: 'spki', format: 'pem' }) });
  const hq = pem(key());
  const gd = pem(key());
  const nodes = [{ code: '000000', name: '总部', tier: 'hq', url: `http://127.0.0.1:${ports.hq}`, publicKey: hq.pub }];
  const cities = [];
  // Guangdong first, so the province benchmark has its full share of cities
  const order = ['44', ...PROVINCES.filter((p) => p !== '44')];
  for (let n = 1; cities.length < cityCount; n++) {
    for (const p of order) {
      if (cities.length >= cityCount) break;
      cities.push({ code: `${p}${String(n).padStart(2, '0')}00`, province: `${p}0000` });
    }
  }
  for (const p of PROVINCES) {
    nodes.push({ code: `${p}0000`, name: `省${p}`, tier: 'province', parent: '000000', url: p === '44' ? `http://127.0.0.1:${ports.gd}` : `http://127.0.0.1:${ports.unused}`, publicKey: p === '44' ? gd.pub : pem(key()).pub });
  }
  const cityKey = pem(key()).pub; // cities never run here; one public key is enough for the registry
  for (const c of cities) nodes.push({ code: c.code, name: `市${c.code}`, tier: 'city', parent: c.province, url: `http://127.0.0.1:${ports.unused}`, publicKey: cityKey });
  return { topology: { nodes }, cities, keys: { hq, gd } };
}

/** Fills `fact` and `fact_slice` of one node for the given cities: every catalogue fact set, synthetic dimension values. */
async function fillFacts(db, catalogue, cities, rowsPerSlice, today) {
  await db.query(`SET synchronous_commit = off`);
  await db.query(`CREATE TEMP TABLE bench_city (code char(6)) ON COMMIT PRESERVE ROWS`);
  await db.query(`INSERT INTO bench_city SELECT unnest($1::text[])`, [cities.map((c) => c.code)]);
  let total = 0;
  for (const set of catalogue) {
    const months = set.periodType === 'month';
    const periods = months
      ? `SELECT (date_trunc('month', $1::date) - make_interval(months => m))::date AS p FROM generate_series(0, 11) m`
      : `SELECT ($1::date - d)::date AS p FROM generate_series(0, 364) d`;
    const rows = months ? rowsPerSlice : Math.max(4, Math.floor(rowsPerSlice / 2));
    // dims: each dimension takes a value derived from the row number, so the rows of a slice are distinct
    const dims = set.dimensions.map((d, i) => `'${d}', '${d}_' || ((r / ${Math.max(1, i * 3)})::int % ${rows})`).join(', ');
    const dimsKey = set.dimensions.map((d, i) => `'${d}_' || ((r / ${Math.max(1, i * 3)})::int % ${rows})`).join(` || '|' || `) || `'-'`;
    const measures = set.measures.map((m) => `'${m}', (abs(hashtext(c.code || p.p::text || r::text || '${m}')) % 1000)`).join(', ');
    const res = await db.query(
      `INSERT INTO fact (origin_node, metric_set, period_type, period, dims_key, dims, measures)
       SELECT c.code, $2, $3, p.p, ${dimsKey} || '#' || r, jsonb_build_object(${dims}), jsonb_build_object(${measures})
       FROM bench_city c CROSS JOIN (${periods}) p CROSS JOIN generate_series(1, ${rows}) r
       ON CONFLICT DO NOTHING`,
      [today, set.name, set.periodType],
    );
    await db.query(
      `INSERT INTO fact_slice (origin_node, metric_set, period_type, period, version, row_count, source_node, produced_at)
       SELECT c.code, $2, $3, p.p, 1, ${rows}, c.code, now() FROM bench_city c CROSS JOIN (${periods}) p
       ON CONFLICT DO NOTHING`,
      [today, set.name, set.periodType],
    );
    total += res.rowCount;
  }
  await db.query(`ANALYZE fact; ANALYZE fact_slice`);
  return total;
}

function startNode(tier, env) {
  const proc = spawn(process.execPath, [path.join(root, `dist/apps/${tier}/src/main.js`)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return proc;
}

function seed(tier, env) {
  const r = require('node:child_process').spawnSync(process.execPath, [path.join(root, `dist/apps/${tier}/src/cli.js`), 'seed'], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${tier} seed failed: ${r.stderr}`);
}

async function login(url) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${url}: ${res.status}`);
  return (await res.json()).accessToken;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function timeEndpoint(url, token, pathAndQuery, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const res = await fetch(`${url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (!res.ok) return { status: res.status };
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), times };
}

async function main() {
  const cityCount = arg('cities', 400);
  const requests = arg('requests', 40);
  const rowsPerSlice = arg('rows', 40);
  if (!fs.existsSync(path.join(root, 'dist/apps/hq/src/main.js'))) throw new Error('dist/ is missing: npm run build');
  const { FACT_SETS } = require(path.join(root, 'dist/libs/federation/src/protocol/fact-set.catalogue.js'));
  const catalogue = Object.values(FACT_SETS);

  infra.ensureServerBinaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-analytics-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, redisPort, hqPort, gdPort, unused] = await Promise.all([1, 2, 3, 4, 5].map(() => infra.freePort()));
  const pg = await infra.startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, durable: false });
  const redis = await infra.startRedis({ dir: path.join(dir, 'redis'), port: redisPort, durable: false });
  const procs = [];
  try {
    const { topology, cities, keys } = topologyOf(cityCount, { hq: hqPort, gd: gdPort, unused });
    fs.writeFileSync(path.join(dir, 'topology.json'), JSON.stringify(topology));
    fs.writeFileSync(path.join(dir, 'hq.pem'), keys.hq.priv);
    fs.writeFileSync(path.join(dir, 'gd.pem'), keys.gd.priv);
    const common = {
      ...process.env, CRM_REDIS_URL: redis.url, CRM_TOPOLOGY_FILE: path.join(dir, 'topology.json'), CRM_LOG_LEVEL: 'warn',
      CRM_DEMO_PASSWORD: PASSWORD, CRM_PUBLISH_EVERY_MS: '86400000',
    };
    const hqEnv = { ...common, CRM_NODE_CODE: '000000', CRM_NODE_TIER: 'hq', CRM_HTTP_PORT: String(hqPort), CRM_DATABASE_URL: infra.ensureDatabase(pg.url, 'crm_bench_hq'), CRM_JWT_SECRET: randomBytes(24).toString('hex'), CRM_NODE_PRIVATE_KEY_FILE: path.join(dir, 'hq.pem'), CRM_REDIS_PREFIX: 'bench:hq' };
    const gdEnv = { ...common, CRM_NODE_CODE: '440000', CRM_NODE_TIER: 'province', CRM_HTTP_PORT: String(gdPort), CRM_DATABASE_URL: infra.ensureDatabase(pg.url, 'crm_bench_gd'), CRM_JWT_SECRET: randomBytes(24).toString('hex'), CRM_NODE_PRIVATE_KEY_FILE: path.join(dir, 'gd.pem'), CRM_REDIS_PREFIX: 'bench:gd' };
    seed('hq', hqEnv);
    seed('province', gdEnv);

    const today = new Date().toISOString().slice(0, 10);
    let t = Date.now();
    const hqDb = new Client({ connectionString: hqEnv.CRM_DATABASE_URL });
    await hqDb.connect();
    const hqRows = await fillFacts(hqDb, catalogue, cities, rowsPerSlice, today);
    await hqDb.end();
    const gdCities = cities.filter((c) => c.province === '440000');
    const gdDb = new Client({ connectionString: gdEnv.CRM_DATABASE_URL });
    await gdDb.connect();
    const gdRows = await fillFacts(gdDb, catalogue, gdCities, rowsPerSlice, today);
    await gdDb.end();
    log(`facts: HQ ${hqRows.toLocaleString('en')} rows for ${cities.length} cities, Guangdong ${gdRows.toLocaleString('en')} rows for ${gdCities.length} cities (${catalogue.length} fact sets) in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    procs.push(startNode('hq', hqEnv), startNode('province', gdEnv));
    await infra.waitForPort(hqPort, 120_000, 'HQ API');
    await infra.waitForPort(gdPort, 120_000, 'province API');
    const hqUrl = `http://127.0.0.1:${hqPort}`;
    const gdUrl = `http://127.0.0.1:${gdPort}`;
    const [hqToken, gdToken] = [await login(hqUrl), await login(gdUrl)];

    const month = `${today.slice(0, 7)}-01`;
    const monthSets = catalogue.filter((s) => s.periodType === 'month').map((s) => s.name);
    const daySets = catalogue.filter((s) => s.periodType === 'day').map((s) => s.name);
    const endpoints = [];
    for (const [tier, url, token, drill] of [['HQ', hqUrl, hqToken, ['', '&province=440000', '&city=440100']], ['province', gdUrl, gdToken, ['', '&city=440100']]]) {
      endpoints.push([tier, url, token, `/api/v1/analytics/customers?date=${today}`]);
      for (const set of [...monthSets.slice(0, 4), ...daySets.slice(0, 1)]) {
        for (const d of drill) endpoints.push([tier, url, token, `/api/v1/analytics/facts/${set}?period=${set && monthSets.includes(set) ? month : today}${d}`]);
      }
    }
    // the analyses of issue 7, when this build has them
    const list = await fetch(`${hqUrl}/api/v1/analyses`, { headers: { authorization: `Bearer ${hqToken}` } });
    if (list.ok) {
      const body = await list.json();
      const names = (Array.isArray(body) ? body : body.items ?? []).map((a) => a.name);
      for (const name of names) {
        endpoints.push(['HQ', hqUrl, hqToken, `/api/v1/analyses/${name}?compare=mom`]);
        endpoints.push(['HQ', hqUrl, hqToken, `/api/v1/analyses/${name}?province=440000`]);
        endpoints.push(['province', gdUrl, gdToken, `/api/v1/analyses/${name}?compare=mom`]);
      }
    } else log(`GET /api/v1/analyses answered ${list.status}: analyses not in this build, timing the fact endpoints only`);

    // one warm-up call each, then the timed calls
    for (const [, url, token, q] of endpoints) await fetch(`${url}${q}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
    const all = [];
    const lines = [];
    for (const [tier, url, token, q] of endpoints) {
      const r = await timeEndpoint(url, token, q, requests);
      if (r.status) {
        lines.push(`${tier.padEnd(8)} ${q}  → HTTP ${r.status} (skipped)`);
        continue;
      }
      all.push(...r.times);
      lines.push(`${tier.padEnd(8)} ${q}  median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
    }
    for (const l of lines) console.log(l);
    const median = quantile(all, 0.5);
    console.log(`endpoints: ${endpoints.length}, requests: ${all.length}, overall median ${median.toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms; ceiling ${CEILING_MS} ms median → ${median <= CEILING_MS ? 'within' : 'OVER'}`);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once('exit', r)))));
    redis.stop();
    pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
