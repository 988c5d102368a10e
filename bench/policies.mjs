#!/usr/bin/env node
/**
 * `npm run bench:policies`: the policy-file benchmark (not a test). Writes a deterministic in-force
 * book of N policies (default 6,000,000) to /tmp/liqsim-bench/policies.csv (about 0.6 GB; reused when
 * present with the same row count), a scenario that reads it, and the same book as hand-written
 * cohorts (what the compression gives, inlined). Then, each in its own child process (peak memory is
 * that process's maxRSS):
 *   1. compression alone: load the policy scenario (read, check and compress every row, compile);
 *   2. a 10k-path run on the policy scenario, and on the cohort scenario (the same book).
 * Prints the figures with the machine's load average (the machine is shared: other work only slows).
 *
 *   npm run bench:policies                      # 6M policies, 10k paths
 *   npm run bench:policies -- --rows 100000     # a smaller book
 *   npm run bench:policies -- --paths 2000
 *   npm run bench:policies -- --parquet         # the same book as Parquet (policies.parquet, written
 *                                               # from the CSV once): its compression and run
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './mulberry32.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const ROWS = option('--rows', 6_000_000);
const PATHS = option('--paths', 10_000);
const DIR = process.env.LIQSIM_BENCH_DIR ?? '/tmp/liqsim-bench';

const PRODUCTS = [
  { name: 'savings-1y', rate: 0.08, yield: 0.035 },
  { name: 'savings-3y', rate: 0.06, yield: 0.04 },
  { name: 'universal-life', rate: 0.04, yield: 0.03 },
  { name: 'annuity-5y', rate: 0.02, yield: 0.035 },
];
const BANKS = ['ICBC', 'CCB', 'BOC'];
const SEGMENTS = ['retail', 'private'];
const START = Date.UTC(2020, 0, 2);
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);


/** Writes the policy file: one row per policy; values log-normal (median about 150k CNY, a tail to tens of millions). */
export function writePolicies(file, rows) {
  const r = mulberry32(20200102);
  const fd = openSync(file, 'w');
  let buffer = 'policy_id,product,issue_date,maturity_date,account_value,maturity_value,surrender_charge,account_status,bank,segment,notified\n';
  // maturity dates: business days of the year (every weekday), 90% within it, the rest later
  const weekdays = [];
  for (let d = 0; d < 365; d++) {
    const w = new Date(START + d * DAY).getUTCDay();
    if (w !== 0 && w !== 6) weekdays.push(START + d * DAY);
  }
  for (let i = 0; i < rows; i++) {
    const p = PRODUCTS[Math.floor(r() * PRODUCTS.length)];
    const maturity = r() < 0.9 ? weekdays[Math.floor(r() * weekdays.length)] : START + (365 + Math.floor(r() * 4) * 90) * DAY;
    const issue = maturity - (365 + Math.floor(r() * 5 * 365)) * DAY;
    // log-normal: exp(mu + sigma z), z by Box-Muller
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    const cents = Math.max(100_00, Math.min(2_000_000_000_00, Math.round(Math.exp(Math.log(150_000_00) + 1.2 * z))));
    const years = (maturity - START) / DAY / 365;
    const due = Math.round(cents * Math.pow(1 + p.yield, years));
    const status = r() < 0.02 ? 'known_bad' : 'ok';
    const bank = BANKS[Math.floor(r() * BANKS.length)];
    const segment = r() < 0.9 ? SEGMENTS[0] : SEGMENTS[1];
    const notified = r() < 0.5 ? 'yes' : 'no';
    buffer += `P${String(i).padStart(9, '0')},${p.name},${iso(issue)},${iso(maturity)},${(cents / 100).toFixed(2)},${(due / 100).toFixed(2)},,${status},${bank},${segment},${notified}\n`;
    if (buffer.length > 1 << 22) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

function scenarioHead() {
  return `name: Policy-level book
description: ${ROWS} policies, one year, a surrender shock, 5 m per-transfer limits and transfer counts
currency: CNY
start: ${iso(START)}
horizon_days: 365
seed: 20200102
paths: ${PATHS}
shortfall_threshold: 0.01
liabilities:
  products:
${PRODUCTS.map((p) => `    ${p.name}: { base_surrender_rate: ${p.rate}, surrender_charge: 0.01, account_failure: { rate: 0.01, retry_after_days: 3 }, claim_lag: { day0: 0.8, after_days: { 7: 0.15 } } }`).join('\n')}
`;
}

const TAIL = `surrender_stress:
  level: { dist: lognormal, sd: 0.2 }
  daily_noise_sd: 0.1
  shocks:
    - { name: rumour, date: 2020-03-02, probability: 0.3, peak_multiplier: 6, half_life_days: 10 }
funding:
  cash: 20e9
  assets:
    - { name: bonds, amount: 300e9, haircut: [0.02, 0.08], settlement_days: 1, daily_capacity: 20e9 }
  credit_lines:
    - { bank: ICBC, limit: 30e9, notice_days: 1 }
payments:
  channels:
    - { bank: ICBC, daily_limit: 30e9, per_transfer_limit: 5e6, daily_transfers: 40000 }
    - { bank: CCB, daily_limit: 20e9, per_transfer_limit: 5e6, daily_transfers: 30000 }
  processing_capacity: 60000
  changes:
    - { when_backlog_above: 5e9, after_days: 2, probability: 0.7, channel: CCB, per_transfer_limit: 2e7 }
`;

/** Runs `script` as a module file in its own process (a file, not --eval: worker threads inherit the flags). */
function child(script, args) {
  const started = process.hrtime.bigint();
  const file = join(DIR, `child-${process.pid}.mjs`);
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', file, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), wall };
}

const LOAD = () => `
import { loadScenario } from '${join(root, 'dist/model/load.js')}';
const t = process.hrtime.bigint();
const l = loadScenario(process.argv[2]);
const s = Number(process.hrtime.bigint() - t) / 1e9;
console.log(JSON.stringify({ seconds: s, peakMiB: process.resourceUsage().maxRSS / 1024, groups: l.model.groups.length, book: l.policies ?? null }));
`;
const RUN = () => `
import { runScenario } from '${join(root, 'dist/results/run.js')}';
import { createHash } from 'node:crypto';
const t = process.hrtime.bigint();
const { results, model } = await runScenario(process.argv[2], { threads: 2 });
const s = Number(process.hrtime.bigint() - t) / 1e9;
console.log(JSON.stringify({ seconds: s, peakMiB: process.resourceUsage().maxRSS / 1024, groups: model.groups.length, same: createHash('sha256').update(JSON.stringify({ ...results, meta: null })).digest('hex') }));
`;

mkdirSync(DIR, { recursive: true });
const file = join(DIR, 'policies.csv');
const marker = join(DIR, 'policies.rows');
if (!existsSync(file) || !existsSync(marker) || readFileSync(marker, 'utf8') !== String(ROWS)) {
  const t = Date.now();
  writePolicies(file, ROWS);
  writeFileSync(marker, String(ROWS));
  console.log(`wrote ${ROWS} policies to ${file} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
// --parquet: the same book as Parquet, its own scenario; the CSV (and its scenario) are left as they are
const PARQUET = argv.includes('--parquet');
if (PARQUET) {
  const parquet = join(DIR, 'policies.parquet');
  const parquetMarker = join(DIR, 'policies-parquet.rows');
  if (!existsSync(parquet) || !existsSync(parquetMarker) || readFileSync(parquetMarker, 'utf8') !== String(ROWS)) {
    const t = Date.now();
    const { writeParquetBook } = await import('./policies-parquet.mjs');
    await writeParquetBook(root, file, parquet);
    writeFileSync(parquetMarker, String(ROWS));
    console.log(`wrote ${ROWS} policies to ${parquet} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}
const policyScenario = join(DIR, PARQUET ? 'policies-parquet.yaml' : 'policies.yaml');
writeFileSync(policyScenario, `${scenarioHead()}  policies: ${PARQUET ? 'policies.parquet' : 'policies.csv'}\n${TAIL}`);
const loadAvg = () => loadavg().map((x) => x.toFixed(1)).join(' ');

const before = loadAvg();
const only = argv.includes('--runs-only');
const compress = only ? null : child(LOAD(), [policyScenario]);
if (compress !== null) {
  console.log(`compression of ${ROWS} policies${PARQUET ? ' (Parquet)' : ''}: ${compress.seconds.toFixed(1)} s (process wall ${compress.wall.toFixed(1)} s), peak RSS ${compress.peakMiB.toFixed(0)} MiB, ${compress.book.cohorts} cohorts, ${compress.groups} groups; load average before ${before}, after ${loadAvg()} (${cpus().length} cores)`);
}

// The same book as hand-written cohorts: what the compression gives, inlined (per-band counting;
// the limit values are TAIL's 5 m and 20 m). Written once per row count.
const cohortScenario = join(DIR, 'cohorts.yaml');
if (!existsSync(cohortScenario) || readFileSync(join(DIR, 'cohorts.rows'), 'utf8') !== String(ROWS)) {
  const { cohortMappings, readPolicies } = await import(join(root, 'dist/scenario/policies.js'));
  const start = START / DAY;
  const products = new Map(PRODUCTS.map((p) => [p.name, 0.01]));
  const read = readPolicies([{ named: 'policies.csv', path: file }], { products, start, bandLimits: [5e8, 2e9] }, ['liabilities', 'policies'], 100);
  const columns = ['product', 'maturity_date', 'value', 'count', 'guaranteed_yield', 'maturity_value', 'surrender_charge', 'account_status', 'bank', 'segment'];
  const rows = cohortMappings(read.cohorts, start).map((c) => columns.map((k) => c[k] ?? '').join(','));
  writeFileSync(join(DIR, 'cohorts.csv'), `${columns.join(',')}\n${rows.join('\n')}\n`);
  writeFileSync(cohortScenario, `${scenarioHead()}  cohorts_csv: cohorts.csv\n${TAIL.replace('payments:\n', 'payments:\n  transfer_counting: per_band\n')}`);
  writeFileSync(join(DIR, 'cohorts.rows'), String(ROWS));
}

const b1 = loadAvg();
const fromPolicies = child(RUN(), [policyScenario]);
console.log(`${PATHS}-path run on the policy file${PARQUET ? ' (Parquet)' : ''}, 2 threads: ${fromPolicies.seconds.toFixed(1)} s, peak ${fromPolicies.peakMiB.toFixed(0)} MiB (load before ${b1})`);
const b2 = loadAvg();
const fromCohorts = child(RUN(), [cohortScenario]);
console.log(`${PATHS}-path run, 2 threads: policy file ${fromPolicies.seconds.toFixed(1)} s (peak ${fromPolicies.peakMiB.toFixed(0)} MiB; load ${b1}), hand-written cohorts ${fromCohorts.seconds.toFixed(1)} s (peak ${fromCohorts.peakMiB.toFixed(0)} MiB; load ${b2}); difference ${(fromPolicies.seconds - fromCohorts.seconds).toFixed(1)} s`);
console.log(`results identical (all but meta): ${fromPolicies.same === fromCohorts.same}`);
