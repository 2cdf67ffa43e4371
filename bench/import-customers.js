#!/usr/bin/env node
'use strict';
/**
 * Bulk import of customers, end to end, against `psql \copy` of the same file.
 *
 *   npm run bench:import                      # 1,000,000 customers
 *   npm run bench:import -- --rows 100000     # fewer
 *   node bench/import-customers.js --database-url postgres://… --redis-url redis://…   # existing servers
 *
 * 1. generates a CSV of N valid customers (unique external ids, resident IDs with valid check
 *    digits, mobile numbers, real districts);
 * 2. `psql \copy` of that file into a bare table of text columns (the reference: target ratio ≥ 0.5);
 * 3. the product's import of the same file: ImportService → BullMQ → ImportProcessor → streaming
 *    csv-parse → CustomerImportTarget.parse (checks, keyed hash, AES-GCM, prefix keys) →
 *    CustomerImportTarget.write (COPY into staging, INSERT … SELECT … ON CONFLICT) per batch;
 * 4. the floor the customer table itself imposes: `psql \copy` of the prepared rows (hashes and
 *    ciphertexts as the import wrote them) into an empty copy of `customer` with the same indexes,
 *    constraints and foreign keys;
 * 5. the same file again (every row skipped).
 * Prints times, rows/s and ratios. Needs `npm run build` (the npm script does it).
 */
const fs = require('node:fs');
const path = require('node:path');
const b = require('./lib/bench-node');

const COLUMNS = ['externalId', 'name', 'customerType', 'gender', 'birthDate', 'districtCode', 'address', 'phone', 'idType', 'idNumber', 'status'];
const SQL_COLUMNS = COLUMNS.map((c) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`));
const DISTRICTS = [
  ['440103', '荔湾区'],
  ['440104', '越秀区'],
  ['440105', '海珠区'],
  ['440106', '天河区'],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];
const TYPES = ['public_residential', 'public_residential', 'public_residential', 'public_unit', 'key_individual'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const DAY = 86_400_000;
const EPOCH = Date.UTC(1950, 0, 1);

/** Row i: unique external id, resident ID (district + birth day i/1000 + sequence i%1000 + check) and phone. */
function customerLine(i) {
  const [district] = DISTRICTS[i % DISTRICTS.length];
  const birth = new Date(EPOCH + Math.floor(i / 1000) * DAY).toISOString().slice(0, 10);
  const first17 = `${district}${birth.replace(/-/g, '')}${String(i % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += WEIGHTS[k] * (first17.charCodeAt(k) - 48);
  const idNumber = first17 + CHECK[sum % 11];
  const name = SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / 20) % GIVEN.length];
  const phone = `1${3 + (i % 7)}${String(i).padStart(9, '0')}`;
  return `BENCH-${String(i).padStart(8, '0')},${name},${TYPES[i % TYPES.length]},${i % 2 ? 'male' : 'female'},${birth},${district},天河路 ${i % 997} 号,${phone},resident_id,${idNumber},active`;
}

async function main() {
  const args = b.parseArgs(process.argv.slice(2), { rows: 1_000_000, batch: 0, databaseUrl: '', redisUrl: '', keep: 'false', floor: 'true', again: 'true' });
  const work = b.tempDir('customers');
  const infra = await b.startInfra(args, work);
  let worker;
  let dbName;
  try {
    const csv = path.join(work, 'customers.csv');
    let t0 = process.hrtime.bigint();
    const bytes = await b.writeCsv(csv, COLUMNS.join(','), args.rows, customerLine);
    b.log(`generated ${b.fmt(args.rows)} customers, ${b.fmt(bytes / 2 ** 20)} MiB, in ${b.fmt(b.ms(t0))} ms`);

    dbName = `crm_bench_customers_${Date.now()}`;
    const dbUrl = b.createDatabase(infra.adminUrl, dbName);
    const importDir = path.join(work, 'imports');
    worker = await b.bootCityWorker({ databaseUrl: dbUrl, redisUrl: infra.redisUrl, importDir, batchSize: args.batch || undefined });
    for (const [code, name] of DISTRICTS) await worker.dataSource.query(`INSERT INTO district (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [code, name]);
    await worker.dataSource.query(`VACUUM ANALYZE`);

    // the reference: psql \copy of the same file into a bare table of text columns
    b.warmFile(csv);
    b.psql(dbUrl, `CREATE TABLE bench_bare (${SQL_COLUMNS.map((c) => `${c} text`).join(', ')})`);
    const copy = b.psql(dbUrl, `\\copy bench_bare (${SQL_COLUMNS.join(', ')}) FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
    b.psql(dbUrl, 'DROP TABLE bench_bare');
    b.log(`psql \\copy: ${b.fmt(copy.ms)} ms`);

    // the product's import job
    b.log('import job running …');
    const run = await b.runImport(worker, 'customers', csv);
    if (run.row.status !== 'completed') throw new Error(`import failed: ${run.row.error}`);
    const inserted = run.row.inserted_rows;
    b.log(`import job: ${b.fmt(run.ms)} ms, ${inserted} inserted, ${run.row.skipped_rows} skipped, ${run.row.rejected_rows} rejected`);
    if (inserted !== args.rows) throw new Error(`expected ${args.rows} inserted rows, got ${inserted}`);

    // the floor set by the table: \copy of prepared rows into an empty twin of `customer`
    let floor;
    if (args.floor !== 'false') {
      const written = (
        await worker.dataSource.query(
          `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS cols FROM pg_attribute
           WHERE attrelid = 'customer'::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('id', 'created_at', 'updated_at', 'deleted_at', 'version')`,
        )
      )[0].cols;
      const prepared = path.join(work, 'prepared.tsv');
      b.psql(dbUrl, `\\copy (SELECT ${written} FROM customer) TO '${prepared}'`);
      const fks = await worker.dataSource.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'customer'::regclass AND contype = 'f'`);
      b.psql(dbUrl, [`CREATE TABLE bench_floor (LIKE customer INCLUDING ALL)`, ...fks.map((f, i) => `ALTER TABLE bench_floor ADD CONSTRAINT bench_floor_fk_${i} ${f.def}`)]);
      b.warmFile(prepared);
      floor = b.psql(dbUrl, `\\copy bench_floor (${written}) FROM '${prepared}'`);
      b.psql(dbUrl, 'DROP TABLE bench_floor');
      fs.rmSync(prepared, { force: true });
      b.log(`psql \\copy of prepared rows into a twin of customer: ${b.fmt(floor.ms)} ms`);
    }

    let again;
    if (args.again !== 'false') {
      again = await b.runImport(worker, 'customers', csv);
      if (again.row.inserted_rows !== 0 || again.row.skipped_rows !== args.rows) throw new Error(`re-import changed something: ${JSON.stringify(again.row)}`);
    }

    const rate = (n, t) => `${b.fmt(n / (t / 1000))} rows/s`;
    const lines = [
      ['rows', `${b.fmt(args.rows)} (${b.fmt(bytes / 2 ** 20)} MiB CSV, ${SQL_COLUMNS.length} columns)`],
      ['batch size', String(worker.config.imports.batchSize)],
      ['psql \\copy → bare text table', `${(copy.ms / 1000).toFixed(2)} s  ${rate(args.rows, copy.ms)}`],
      ['import job (end to end)', `${(run.ms / 1000).toFixed(2)} s  ${rate(args.rows, run.ms)}  peak RSS ${run.peakRssMb} MiB`],
      ['ratio import / psql \\copy', `${(copy.ms / run.ms).toFixed(3)}  (target ≥ 0.5)`],
    ];
    if (floor) {
      lines.push(['psql \\copy prepared rows → twin of customer', `${(floor.ms / 1000).toFixed(2)} s  ${rate(args.rows, floor.ms)}  (indexes, constraints, FKs of the real table)`]);
      lines.push(['ratio import / that floor', (floor.ms / run.ms).toFixed(3)]);
    }
    if (again) lines.push(['same file again (all skipped)', `${(again.ms / 1000).toFixed(2)} s  ${rate(args.rows, again.ms)}`]);
    b.report('Customer import benchmark', lines);
    process.stdout.write(`${JSON.stringify({ bench: 'import-customers', rows: args.rows, bytes, batchSize: worker.config.imports.batchSize, psqlCopyMs: Math.round(copy.ms), importMs: Math.round(run.ms), ratio: +(copy.ms / run.ms).toFixed(3), floorCopyMs: floor && Math.round(floor.ms), reimportMs: again && Math.round(again.ms), peakRssMb: run.peakRssMb })}\n`);
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
