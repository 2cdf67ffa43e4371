#!/usr/bin/env node
'use strict';
/**
 * Score recomputation (issue 4 item 7): a private city (own PostgreSQL and Redis on free ports),
 * N customers made with set-based SQL (~1.5 subscriptions and an account each, 3 months of bills
 * for half of them), then the full recomputation run (RecomputeAllScoresJob's code: scores, then
 * segments, batch by batch) in-process in the city worker's application context.
 *
 *   npm run bench:recompute -- [--customers 1000000]
 */
const path = require('node:path');
const { Client } = require('pg');
const { startBenchCity, root } = require('./lib/bench-city');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
};

async function main() {
  const n = Number(arg('customers', 1_000_000));
  const log = (m) => process.stderr.write(`${m}\n`);
  const city = await startBenchCity({ customers: 0, log });
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    const db = new Client({ connectionString: city.databaseUrl });
    await db.connect();
    let t = Date.now();
    await db.query(`SET synchronous_commit = off`);
    await db.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, deleted_at, created_at)
       SELECT 'Bench ' || g, (ARRAY['public_residential','public_unit','key_individual','key_enterprise'])[1 + g % 4],
              d.codes[1 + g % d.n], '138' || lpad(g::text, 8, '0'), c.id_type, md5(g::text) || md5('bench' || g), 'bench', '******',
              CASE WHEN g % 25 = 0 THEN now() END, now() - (g % 3650) * interval '1 day'
       FROM generate_series(1, $1::int) g,
            (SELECT array_agg(code ORDER BY code) AS codes, count(*)::int AS n FROM district WHERE code LIKE '4401%' AND code <> '440100') d,
            (SELECT coalesce((SELECT id_type FROM customer LIMIT 1), 'resident_id') AS id_type) c`,
      [n],
    );
    await db.query(
      `INSERT INTO account (account_number, serial, customer_id, payment_method, credit_limit_fen)
       SELECT 'B' || lpad(row_number() OVER ()::text, 12, '0'), 1, id,
              (ARRAY['cash','bank_transfer','wechat_pay','alipay','bank_withholding','prepaid_card'])[1 + abs(hashtext(id::text)) % 6], (abs(hashtext(id::text)) % 3) * 10000
       FROM customer`,
    );
    await db.query(
      `INSERT INTO subscription (customer_id, product_code, service_number, status, started_at)
       SELECT c.id, p.codes[1 + (abs(hashtext(c.id::text)) + k) % p.n], 'S' || md5(c.id::text || k), 'active', c.created_at
       FROM customer c CROSS JOIN generate_series(1, 2) k,
            (SELECT array_agg(code ORDER BY code) AS codes, count(*)::int AS n FROM product) p
       WHERE k = 1 OR abs(hashtext(c.id::text)) % 2 = 0`,
    );
    await db.query(
      `INSERT INTO bill (billing_month, account_id, customer_id, total_fen, paid_fen, due_date, status, paid_at)
       SELECT m.month, a.id, a.customer_id, 5000 + abs(hashtext(a.id::text)) % 10000, 5000 + abs(hashtext(a.id::text)) % 10000,
              (m.month + interval '1 month 14 days')::date, 'paid', m.month + interval '1 month 10 days'
       FROM account a CROSS JOIN (SELECT (date_trunc('month', now()) - k * interval '1 month')::date AS month FROM generate_series(1, 3) k) m
       WHERE abs(hashtext(a.customer_id::text)) % 2 = 0`,
    );
    await db.query(`ANALYZE`);
    const counts = (await db.query(`SELECT (SELECT count(*) FROM customer) c, (SELECT count(*) FROM subscription) s, (SELECT count(*) FROM account) a, (SELECT count(*) FROM bill) b`)).rows[0];
    const dataMs = Date.now() - t;
    log(`data: ${JSON.stringify(counts)} in ${(dataMs / 1000).toFixed(1)} s`);

    Object.assign(process.env, city.env, { CRM_LOG_LEVEL: 'warn' });
    require('reflect-metadata');
    const { NestFactory } = require(path.join(root, 'node_modules/@nestjs/core'));
    const { nodeConfigFromEnvOrExit } = require(path.join(root, 'dist/libs/platform/src/index.js'));
    const { CityWorkerModule } = require(path.join(root, 'dist/apps/city/src/city-worker.module.js'));
    const { ScoreRunService } = require(path.join(root, 'dist/libs/scoring/src/index.js'));
    const app = await NestFactory.createApplicationContext(CityWorkerModule.forRoot(nodeConfigFromEnvOrExit()), { logger: ['error', 'warn'] });
    const runs = app.get(ScoreRunService);
    const job = { id: 'bench', progress: 0, async updateProgress(p) { job.progress = p; if (p.done % 100_000 < 2_000) log(`  ${p.done} customers, ${((Date.now() - t) / 1000).toFixed(0)} s`); } };
    t = Date.now();
    const result = await runs.run('full', job, 'bench');
    const ms = Date.now() - t;
    t = Date.now();
    const again = await runs.run('full', { id: 'bench-2', progress: 0, async updateProgress() {} }, 'bench');
    const againMs = Date.now() - t;
    await app.close();
    await db.end();
    const out = (l) => process.stdout.write(`${l}\n`);
    out(`customers: ${counts.c}, subscriptions ${counts.s}, accounts ${counts.a}, bills ${counts.b} (made in ${(dataMs / 1000).toFixed(1)} s)`);
    out(`full run: ${result.customers} customers, ${result.written} scores written, ${(ms / 1000).toFixed(1)} s, ${Math.round(result.customers / (ms / 1000))} customers/s`);
    out(`repeat (nothing changed): ${again.written} written, ${(againMs / 1000).toFixed(1)} s, ${Math.round(again.customers / (againMs / 1000))} customers/s`);
    out(`peak RSS (bench process, worker in-process): ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    clearInterval(sample);
    await city.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
