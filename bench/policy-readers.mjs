#!/usr/bin/env node
/**
 * The evidence for the policy-file reader (README, "Design"; docs/performance.md): reads the
 * benchmark's policy file (bench/policies.mjs writes it) with each candidate, each in its own child
 * process (time and peak RSS of that process), and prints one line per candidate with the load average.
 *
 *   liqsim-split     liqsim's own streaming reader (src/scenario/policy-reader.ts), rows split into strings
 *   liqsim-fields    the same reader splitting rows in place (cells as ranges, what the compression uses)
 *   liqsim-compress  the same plus every check and the compression (src/scenario/policies.ts)
 *   csv-parse        the npm `csv-parse` streaming parser, rows split and account values summed
 *   duckdb-csv       `@duckdb/node-api`: one SQL GROUP BY over read_csv (exact DECIMAL sums), duplicate ids counted
 *   duckdb-parquet   the same over a Parquet copy of the file (written first, not timed)
 *   liqsim-parquet-read      liqsim's Parquet reader (src/scenario/policy-parquet.ts: hyparquet, one
 *                            row group at a time) on policies.parquet beside the file (written by
 *                            `node bench/policies.mjs --parquet`), rows read to cells only
 *   liqsim-parquet-compress  the same plus every check and the compression
 *
 * The two npm candidates are not liqsim dependencies: install them anywhere and name the folder,
 *   (cd /tmp/readers && npm install csv-parse @duckdb/node-api)
 *   LIQSIM_READERS=/tmp/readers/node_modules node bench/policy-readers.mjs [file]
 * Candidates whose package is missing are skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? '/tmp/liqsim-bench/policies.csv';
const modules = process.env.LIQSIM_READERS ?? '';
const dist = join(root, 'dist');

const PRODUCTS = `new Map([['savings-1y', 0.01], ['savings-3y', 0.01], ['universal-life', 0.01], ['annuity-5y', 0.01]])`;
const candidates = {
  'liqsim-split': `
    const { readCsvRows } = await import('${dist}/scenario/policy-reader.js');
    let rows = 0;
    readCsvRows(FILE, () => void rows++);
    return { rows: rows - 1 };`,
  'liqsim-fields': `
    const { readCsvFields } = await import('${dist}/scenario/policy-reader.js');
    let rows = 0;
    readCsvFields(FILE, () => void rows++);
    return { rows: rows - 1 };`,
  'liqsim-compress': `
    const { readPolicies } = await import('${dist}/scenario/policies.js');
    const r = readPolicies([{ named: 'policies.csv', path: FILE }], { products: ${PRODUCTS}, start: 18263, bandLimits: [500000000, 2000000000] }, [], 100);
    return { rows: r.book.rows, cohorts: r.cohorts.length, value: r.book.accepted.accountValue };`,
  'liqsim-parquet-read': `
    const { readParquetRows } = await import('${dist}/scenario/policy-parquet.js');
    let rows = 0;
    const r = readParquetRows(FILE.replace(/\\.csv$/, '.parquet'), () => void rows++);
    if (r.error !== undefined) throw new Error(r.error.detail);
    return { rows: rows - 1, bytes: r.bytes };`,
  'liqsim-parquet-compress': `
    const { readPolicies } = await import('${dist}/scenario/policies.js');
    const r = readPolicies([{ named: 'policies.parquet', path: FILE.replace(/\\.csv$/, '.parquet') }], { products: ${PRODUCTS}, start: 18263, bandLimits: [500000000, 2000000000] }, [], 100);
    if (r.issues.length > 0) throw new Error(JSON.stringify(r.issues[0]));
    return { rows: r.book.rows, cohorts: r.cohorts.length, value: r.book.accepted.accountValue };`,
  'csv-parse': `
    const { parse } = await import('${modules}/csv-parse/lib/index.js');
    const { createReadStream } = await import('node:fs');
    let rows = 0; let cents = 0;
    for await (const r of createReadStream(FILE).pipe(parse({ from_line: 2 }))) { rows++; cents += Math.round(Number(r[4]) * 100); }
    return { rows, value: cents / 100 };`,
  'duckdb-csv': `
    const { DuckDBInstance } = await import('${modules}/@duckdb/node-api/lib/index.js');
    const db = await DuckDBInstance.create(':memory:', { threads: '2' });
    const c = await db.connect();
    const r = await c.runAndReadAll("SELECT count(*) AS rows, count(*) - count(DISTINCT policy_id) AS duplicates, sum(account_value)::VARCHAR AS value, (SELECT count(*) FROM (SELECT 1 FROM read_csv('" + FILE + "', types = {'account_value': 'DECIMAL(18,2)', 'maturity_value': 'DECIMAL(18,2)'}) GROUP BY product, maturity_date, ceil(maturity_value / 5000000), ceil(maturity_value / 20000000), account_status, bank, segment)) AS cohorts FROM read_csv('" + FILE + "', types = {'account_value': 'DECIMAL(18,2)', 'maturity_value': 'DECIMAL(18,2)'})");
    const [row] = r.getRowObjectsJson();
    return row;`,
  'duckdb-parquet': `
    const { DuckDBInstance } = await import('${modules}/@duckdb/node-api/lib/index.js');
    const db = await DuckDBInstance.create(':memory:', { threads: '2' });
    const c = await db.connect();
    const pq = FILE.replace(/\\.csv$/, '.parquet');
    const { existsSync } = await import('node:fs');
    if (!existsSync(pq)) await c.run("COPY (SELECT * FROM read_csv('" + FILE + "', types = {'account_value': 'DECIMAL(18,2)', 'maturity_value': 'DECIMAL(18,2)'})) TO '" + pq + "' (FORMAT parquet)");
    const t = process.hrtime.bigint();
    const r = await c.runAndReadAll("SELECT count(*) AS rows, count(*) - count(DISTINCT policy_id) AS duplicates, sum(account_value)::VARCHAR AS value, (SELECT count(*) FROM (SELECT 1 FROM '" + pq + "' GROUP BY product, maturity_date, ceil(maturity_value / 5000000), ceil(maturity_value / 20000000), account_status, bank, segment)) AS cohorts FROM '" + pq + "'");
    const [row] = r.getRowObjectsJson();
    return { ...row, querySeconds: Number(process.hrtime.bigint() - t) / 1e9 };`,
};

const needs = { 'csv-parse': 'csv-parse', 'duckdb-csv': '@duckdb/node-api', 'duckdb-parquet': '@duckdb/node-api' };
const only = process.argv.slice(3);
for (const [name, body] of Object.entries(candidates)) {
  if (only.length > 0 && !only.includes(name)) continue;
  if (needs[name] !== undefined && !existsSync(join(modules, needs[name]))) {
    console.log(`${name}: skipped (set LIQSIM_READERS to a node_modules folder with ${needs[name]})`);
    continue;
  }
  const script = `const FILE = ${JSON.stringify(file)}; const t = process.hrtime.bigint(); const out = await (async () => { ${body} })(); console.log(JSON.stringify({ ...out, seconds: Number(process.hrtime.bigint() - t) / 1e9, peakMiB: process.resourceUsage().maxRSS / 1024 }));`;
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.log(`${name}: failed: ${r.stderr.split('\n').slice(0, 5).join(' ')}`);
    continue;
  }
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  console.log(`${name}: ${m.seconds.toFixed(1)} s, peak RSS ${m.peakMiB.toFixed(0)} MiB, ${JSON.stringify({ ...m, seconds: undefined, peakMiB: undefined })} (load average before: ${load})`);
}
