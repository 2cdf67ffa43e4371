#!/usr/bin/env node
'use strict';
/**
 * Fuzzy customer search over the API on N customers (default 1,000,000): median and p99 latency
 * per kind of query (name prefix, name part, phone prefix, ID-number prefix).
 * Usage: npm run bench:search -- [--customers 1000000] [--queries 300]
 */
const { Client } = require('pg');
const path = require('node:path');
const { startBenchCity, percentiles, root } = require('./lib/bench-city');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

async function main() {
  const customers = arg('customers', 1_000_000);
  const queries = arg('queries', 300);
  const city = await startBenchCity({ customers });
  try {
    process.stdout.write(`seeded ${customers} customers (with subscriptions) in ${(city.seedMs / 1000).toFixed(1)} s\n`);
    const { PersonalDataCipher } = require(path.join(root, 'dist/libs/customer/src/personal-data.util.js'));
    const cipher = new PersonalDataCipher(Buffer.from(city.piiKey, 'hex'));
    const db = new Client({ connectionString: city.databaseUrl });
    await db.connect();
    await db.query('ANALYZE customer');
    const sample = (await db.query(`SELECT name, phone, id_number_encrypted FROM customer TABLESAMPLE SYSTEM (1) WHERE deleted_at IS NULL AND id_type = 'resident_id' LIMIT $1`, [queries])).rows;
    await db.end();
    const token = await city.token('sales');
    const kinds = {
      'name prefix (surname + 1)': (r) => [...r.name].slice(0, 2).join(''),
      'name part (3 chars, trigram)': (r) => ([...r.name].length >= 3 ? [...r.name].slice(-3).join('') : r.name),
      'phone prefix (7 digits)': (r) => r.phone.slice(0, 7),
      'ID-number prefix (12 chars)': (r) => cipher.decrypt(r.id_number_encrypted).slice(0, 12),
    };
    const all = [];
    for (const [kind, q] of Object.entries(kinds)) {
      const times = [];
      let hits = 0;
      for (const row of sample) {
        const t = process.hrtime.bigint();
        const res = await fetch(`${city.url}/api/v1/customers/search?q=${encodeURIComponent(q(row))}&limit=20`, { headers: { authorization: `Bearer ${token}` } });
        const body = await res.json();
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${JSON.stringify(body)}`);
        if (body.items.length) hits += 1;
      }
      all.push(...times);
      const p = percentiles(times);
      process.stdout.write(`${kind.padEnd(30)} n=${p.n} found=${hits} median=${p.median.toFixed(1)} ms p99=${p.p99.toFixed(1)} ms max=${p.max.toFixed(1)} ms\n`);
    }
    const p = percentiles(all);
    process.stdout.write(`all search queries              n=${p.n} median=${p.median.toFixed(1)} ms p99=${p.p99.toFixed(1)} ms\n`);
  } finally {
    await city.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
