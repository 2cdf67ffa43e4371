#!/usr/bin/env node
'use strict';
/**
 * Bulk ingest of usage records (使用記錄), end to end, against `psql \copy` of the same file.
 *
 *   npm run bench:usage                        # 10,000,000 usage records
 *   npm run bench:usage -- --rows 1000000      # fewer
 *   node bench/ingest-usage.js --database-url postgres://… --redis-url redis://…   # existing servers
 *
 * Seeds a city with demo customers and subscriptions (`--subscriptions`, default ~4,000), generates
 * a CSV of N usage records of those subscriptions (one month, voice / SMS / data), then times
 * `psql \copy` of the file into a bare table of text columns, and the product's import of the same
 * file through ImportService → BullMQ → ImportProcessor → the `usage` ImportTarget (owned by
 * billing). Needs `npm run build` (the npm script does it).
 */
const fs = require('node:fs');
const path = require('node:path');
const b = require('./lib/bench-node');

const COLUMNS = ['externalId', 'subscriptionExternalId', 'startedAt', 'durationSeconds', 'volumeKb', 'callType', 'direction', 'service', 'chargeFen'];
const SQL_COLUMNS = COLUMNS.map((c) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`));
/** October 2026 in city time (UTC+8): months the usage partitions of the migration cover. */
const MONTH_START = Date.UTC(2026, 9, 1);
const MONTH_SECONDS = 30 * 86_400 - 12 * 3600;

async function main() {
  const args = b.parseArgs(process.argv.slice(2), { rows: 10_000_000, customers: 2000, batch: 0, databaseUrl: '', redisUrl: '', keep: 'false' });
  const work = b.tempDir('usage');
  const infra = await b.startInfra(args, work);
  let worker;
  let dbName;
  try {
    dbName = `crm_bench_usage_${Date.now()}`;
    const dbUrl = b.createDatabase(infra.adminUrl, dbName);
    worker = await b.bootCityWorker({ databaseUrl: dbUrl, redisUrl: infra.redisUrl, importDir: path.join(work, 'imports'), batchSize: args.batch || undefined });

    const { ImportTargetRegistry } = require(path.join(b.root, 'dist/libs/data-exchange/src/import/import-target.registry'));
    if (!worker.app.get(ImportTargetRegistry).get('usage')) {
      process.stdout.write('The city worker has no ImportTarget for kind `usage` yet: nothing to measure (the benchmark runs once billing registers it).\n');
      process.exitCode = 2;
      return;
    }

    const { seedCityDemo } = require(path.join(b.root, 'dist/apps/city/src/seed/demo-seed'));
    const { PersonalDataCipher } = require(path.join(b.root, 'dist/libs/customer/src'));
    let t0 = process.hrtime.bigint();
    await seedCityDemo(worker.dataSource, { cityCode: '440100', customers: args.customers, cipher: new PersonalDataCipher(worker.config.piiKey) });
    const subscriptions = (await worker.dataSource.query(`SELECT external_id FROM subscription WHERE external_id IS NOT NULL ORDER BY external_id`)).map((r) => r.external_id);
    if (!subscriptions.length) throw new Error('the demo seed created no subscriptions with external ids');
    b.log(`seeded ${args.customers} customers, ${subscriptions.length} subscriptions in ${b.fmt(b.ms(t0))} ms`);

    const csv = path.join(work, 'usage.csv');
    t0 = process.hrtime.bigint();
    const bytes = await b.writeCsv(csv, COLUMNS.join(','), args.rows, (i) => {
      const kind = i % 10; // 5 voice, 2 SMS, 3 data
      const started = new Date(MONTH_START + ((i * 7919) % MONTH_SECONDS) * 1000).toISOString().slice(0, 19);
      const subscription = subscriptions[(i * 31) % subscriptions.length];
      if (kind < 5) return `U-${i},${subscription},${started}+08:00,${30 + (i % 900)},0,${kind < 3 ? 'local' : 'long_distance'},${i % 2 ? 'incoming' : 'outgoing'},voice,${i % 2 ? 0 : 10 + (i % 200)}`;
      if (kind < 7) return `U-${i},${subscription},${started}+08:00,0,0,sms,outgoing,sms,10`;
      return `U-${i},${subscription},${started}+08:00,${60 + (i % 3000)},${i % 50_000},data,outgoing,data,${i % 100}`;
    });
    b.log(`generated ${b.fmt(args.rows)} usage records, ${b.fmt(bytes / 2 ** 20)} MiB, in ${b.fmt(b.ms(t0))} ms`);

    b.warmFile(csv);
    b.psql(dbUrl, `CREATE TABLE bench_bare (${SQL_COLUMNS.map((c) => `${c} text`).join(', ')})`);
    const copy = b.psql(dbUrl, `\\copy bench_bare (${SQL_COLUMNS.join(', ')}) FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
    b.psql(dbUrl, 'DROP TABLE bench_bare');
    b.log(`psql \\copy: ${b.fmt(copy.ms)} ms`);

    b.log('import job running …');
    const run = await b.runImport(worker, 'usage', csv);
    if (run.row.status !== 'completed') throw new Error(`import failed: ${run.row.error}`);
    b.log(`import job: ${b.fmt(run.ms)} ms, ${run.row.inserted_rows} inserted, ${run.row.skipped_rows} skipped, ${run.row.rejected_rows} rejected`);
    if (run.row.inserted_rows !== args.rows) throw new Error(`expected ${args.rows} inserted rows, got ${run.row.inserted_rows}`);

    const rate = (n, t) => `${b.fmt(n / (t / 1000))} rows/s`;
    b.report('Usage ingest benchmark', [
      ['rows', `${b.fmt(args.rows)} (${b.fmt(bytes / 2 ** 20)} MiB CSV, ${SQL_COLUMNS.length} columns, ${subscriptions.length} subscriptions)`],
      ['batch size', String(worker.config.imports.batchSize)],
      ['psql \\copy → bare text table', `${(copy.ms / 1000).toFixed(2)} s  ${rate(args.rows, copy.ms)}`],
      ['import job (end to end)', `${(run.ms / 1000).toFixed(2)} s  ${rate(args.rows, run.ms)}  peak RSS ${run.peakRssMb} MiB`],
      ['ratio import / psql \\copy', `${(copy.ms / run.ms).toFixed(3)}  (target ≥ 0.5)`],
    ]);
    process.stdout.write(`${JSON.stringify({ bench: 'ingest-usage', rows: args.rows, bytes, batchSize: worker.config.imports.batchSize, psqlCopyMs: Math.round(copy.ms), importMs: Math.round(run.ms), ratio: +(copy.ms / run.ms).toFixed(3), peakRssMb: run.peakRssMb })}\n`);
  } finally {
    await worker?.app.close().catch(() => undefined);
    if (dbName && !infra.own) b.dropDatabase(infra.adminUrl, dbName);
    infra.stop();
    if (args.keep !== 'true') fs.rmSync(work, { recursive: true, force: true });
    else b.log(`kept ${work}`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
