#!/usr/bin/env node
/**
 * Mutation check (`npm run mutants`): injects known faults into the model, one at a time, and shows
 * the tests catch each one. A mutant is an exact search/replace on one source file; a pattern that
 * is not found exactly once is an error, so a mutant cannot silently vanish when the code changes.
 *
 * Everything happens in a scratch copy of the repository (tracked and untracked files, with
 * node_modules symlinked), never in the working tree: the copy is built and tested once unmutated
 * (it must pass), then for each mutant the file is edited, rebuilt (only the kernel when the edit
 * is in src/engine/assembly and dist/ holds no mutated JavaScript), tested, and restored. A mutant
 * is killed when the build or a test fails, survived when everything passes.
 *
 *   npm run mutants                     all mutants, tests: npx vitest run tests/engine
 *   npm run mutants -- --only M03,X02   some of them
 *   npm run mutants -- --full           tests: the whole suite (npx vitest run)
 *   npm run mutants -- --exclude tests/engine/differential.test.ts   leave a test file out
 *   npm run mutants -- --list           print the mutants and exit
 *
 * Exit 0 when every mutant is killed, 1 when some survive, 2 on a usage or setup error.
 * M01-M17 are the faults of the code review's probe (section 4.4); X01-X09 more of the model's rules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KERNEL = 'src/engine/assembly/kernel.ts';
const TS_KERNEL = 'src/engine/kernel.ts';

/** id, what the fault is, file, exact text, replacement. */
export const MUTANTS = [
  ['M01', 'contagion off', KERNEL, 'if (contagionStrength > 0) {', 'if (false) {'],
  ['M02', 'mitigation off', KERNEL, 'if (<f64>d >= mitigationFrom) shockExcess = f64x2.mul(shockExcess, mitigation);', ''],
  ['M03', 'daily noise off', KERNEL, 'if (hasNoise) relative = f64x2.mul(relative, v(noise, d));', ''],
  ['M04', 'triggered limit changes never apply', KERNEL, 'if (n(triggerActivation, t) == d) applyLimits(triggeredLimits, t);', ''],
  ['M05', 'triggered change ignores after_days', KERNEL, 'setN(triggerActivation, t, d + max(1, n(triggeredAfterDays, t)));', 'setN(triggerActivation, t, d + 1);'],
  ['M06', 'funding need: surrender run-rate term dropped', KERNEL, 'need += surrenderRunRate * f(runRateDays, d);', ''],
  ['M07', 'funding need: known later claims dropped', KERNEL, 'need += knownToday;', ''],
  ['M08', 'late claims of unclaimed money off', KERNEL, 'if (lateRate > 0) {', 'if (false) {'],
  ['M09', 'minimum-cash buffer ignored when paying', KERNEL, 'let fundsLeft = Math.max(0, cash - minimumCash);', 'let fundsLeft = Math.max(0, cash);'],
  ['M10', 'bank refusal of a credit line ignored', KERNEL, 'if (n(lineFailed, l) != 0 || f(lineRemaining, l) <= 0) continue;', 'if (f(lineRemaining, l) <= 0) continue;'],
  ['M11', 'credit-line availability window ignored', KERNEL, 'if (<f64>arrival < f(lineFrom, l) || <f64>arrival > f(lineUntil, l) || arrival >= C) continue;', 'if (arrival >= C) continue;'],
  ['M12', 'daily draw cap ignored', KERNEL, 'const draw = Math.min(Math.min(gap, f(lineRemaining, l)), f(lineDailyCap, l));', 'const draw = Math.min(gap, f(lineRemaining, l));'],
  ['M13', 'waterfall order ignored', KERNEL, 'if (n(waterfall, w) == SOURCE_CREDIT) {', 'if (n(waterfall, w) != SOURCE_CREDIT) {'],
  ['M14', 'processing shortfall booked as channel', KERNEL, 'if (c == CAUSE_PROCESSING) odProcessing += x;', 'if (c == CAUSE_PROCESSING) odChannel += x;'],
  ['M15', 'surrender run-rate averaged over 3 days, not 7', KERNEL, 'f64x2.div(f64x2.sub(requestS, runRate), f64x2.splat(7))', 'f64x2.div(f64x2.sub(requestS, runRate), f64x2.splat(3))'],
  ['M16', 'path-level surrender level ignored', TS_KERNEL, 'const level = stress.levelSd > 0 ?', 'const level = false ?'],
  // The review's M17 swapped two adjacent positional slots; slots are now given by name (src/engine/abi.ts),
  // so the nearest fault left is the two contagion values given to each other's name.
  [
    'M17',
    'contagion decay and strength given to each other\'s slot',
    TS_KERNEL,
    'contagionDecay: model.derived.contagionWeight,\n      contagionStrength: stress.contagion ? stress.contagion.strength : 0,',
    'contagionDecay: stress.contagion ? stress.contagion.strength : 0,\n      contagionStrength: model.derived.contagionWeight,',
  ],
  ['X01', 'overdue grace days ignored (calendar days)', KERNEL, ': d - graceDays;', ': d;'],
  ['X02', 'due dates not rolled to the next business day', KERNEL, 'requestPayouts(d, n(nextBusinessDay, d),', 'requestPayouts(d, d,'],
  ['X03', 'rollover share ignored', KERNEL, 'const rolled = roundHalfUp2(f64x2.mul(matured, roll));', 'const rolled = roundHalfUp2(f64x2.mul(matured, ZERO));'],
  ['X04', 'late claims doubled', KERNEL, 'late = only(roundHalfUp2(f64x2.mul(left, rate)), some);', 'late = only(roundHalfUp2(f64x2.mul(left, f64x2.add(rate, rate))), some);'],
  ['X05', 'per-transfer limit ignored in payments', KERNEL, '      const perTransfer = f(p_chanPerTransfer, c);\n      // One transfer per payout', '      const perTransfer: f64 = 0;\n      // One transfer per payout'],
  ['X06', 'asset haircut ignored', KERNEL, 'const keep = f(assetKeep, a);', 'const keep: f64 = f(assetKeep, a) > 0 ? 1 : 0;'],
  ['X07', 'mass lapse off', KERNEL, 'if (lapseShare > 0) h = ', 'if (false) h = '],
  ['X08', 'bad accounts off', KERNEL, 'if (failRate > 0) {', 'if (false) {'],
  ['X09', 'surrender charge ignored', KERNEL, 'f64x2.mul(gross, f64x2.splat(f(p_surrenderCharge, g)))', 'f64x2.mul(gross, ZERO)'],
].map(([id, fault, file, search, replace]) => ({ id, fault, file, search, replace }));

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
  console.error(`mutants: ${message}\nusage: npm run mutants -- [--only M01,M02] [--full] [--exclude <test file>] [--timeout <s>] [--list]`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { only: null, full: false, exclude: [], timeout: 600, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--only') o.only = value().split(',').map((s) => s.trim().toUpperCase());
    else if (a === '--full') o.full = true;
    else if (a === '--exclude') o.exclude.push(value());
    else if (a === '--timeout') o.timeout = Number(value());
    else if (a === '--list') o.list = true;
    else usage(`unknown option ${a}`);
  }
  if (o.only) for (const id of o.only) if (!MUTANTS.some((m) => m.id === id)) usage(`no mutant ${id} (see --list)`);
  return o;
}

/** Applies a mutant to a file's text; throws unless its search text occurs exactly once. */
export function applyMutant(m, text) {
  const first = text.indexOf(m.search);
  if (first < 0) throw new Error(`${m.id}: pattern not found in ${m.file}: ${JSON.stringify(m.search)}`);
  if (text.indexOf(m.search, first + 1) >= 0) throw new Error(`${m.id}: pattern found more than once in ${m.file}: ${JSON.stringify(m.search)}`);
  return text.slice(0, first) + m.replace + text.slice(first + m.search.length);
}

function run(cmd, args, cwd, timeoutS) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 << 20, env: { ...process.env, FORCE_COLOR: '0' } });
  return { ok: r.status === 0, timedOut: r.error?.code === 'ETIMEDOUT', out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Runs the tests; returns the failing tests' names (empty when all pass). */
function runTests(dir, o) {
  const report = join(dir, '.mutants-report.json');
  rmSync(report, { force: true });
  const args = ['vitest', 'run', ...(o.full ? [] : ['tests/engine']), ...o.exclude.flatMap((e) => ['--exclude', e]), '--reporter=json', `--outputFile=${report}`];
  const r = run('npx', args, dir, o.timeout);
  if (r.timedOut) return { failed: [`(timed out after ${o.timeout} s)`] };
  if (r.ok) return { failed: [] };
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    const failed = [];
    for (const file of json.testResults) {
      const rel = file.name.startsWith(dir) ? file.name.slice(dir.length + 1) : file.name;
      for (const t of file.assertionResults) if (t.status === 'failed') failed.push(`${rel} > ${t.fullName ?? t.title}`);
      if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) failed.push(`${rel} (${(file.message || 'failed to run').split('\n')[0]})`);
    }
    return { failed: failed.length > 0 ? failed : ['(tests failed; no failing test in the report)'], out: r.out };
  } catch {
    return { failed: ['(tests failed; no report)'], out: r.out };
  }
}

function build(dir, kernelOnly, timeoutS) {
  if (kernelOnly) return run('npm', ['run', 'build:kernel'], dir, timeoutS);
  return run('npm', ['run', 'build'], dir, timeoutS);
}

const o = parseArgs(process.argv.slice(2));
if (o.list) {
  for (const m of MUTANTS) console.log(`${m.id}  ${m.fault}  (${m.file})`);
  process.exit(0);
}
const chosen = o.only ? MUTANTS.filter((m) => o.only.includes(m.id)) : MUTANTS;

// Check every pattern against the working tree first: a vanished mutant is an error, not a pass.
for (const m of MUTANTS) {
  try {
    applyMutant(m, readFileSync(join(root, m.file), 'utf8'));
  } catch (e) {
    console.error(`mutants: ${e.message}`);
    process.exit(2);
  }
}

const started = Date.now();
const seconds = (ms) => (ms / 1000).toFixed(0);
const dir = mkdtempSync(join(tmpdir(), 'liqsim-mutants-'));
let exitCode = 0;
try {
  // The scratch copy: tracked and untracked (not ignored) files, so uncommitted work is included.
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root, 60).out.split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(root, f))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const testsDesc = `${o.full ? 'npx vitest run' : 'npx vitest run tests/engine'}${o.exclude.map((e) => ` --exclude ${e}`).join('')}`;
  console.log(`mutants: ${chosen.length} mutant(s) in ${dir}; tests: ${testsDesc}`);

  // The unmutated copy must build and pass, or every mutant would look killed.
  const b0 = build(dir, false, o.timeout);
  if (!b0.ok) throw new Error(`the unmutated copy does not build:\n${b0.out.slice(-3000)}`);
  const t0 = runTests(dir, o);
  if (t0.failed.length > 0) throw new Error(`the unmutated copy fails its tests:\n  ${t0.failed.join('\n  ')}`);
  console.log(`unmutated: builds and passes (${seconds(Date.now() - started)} s)`);

  const results = [];
  // After a mutant outside the kernel, dist/ holds its compiled JavaScript until a full build.
  let jsStale = false;
  for (const m of chosen) {
    const t = Date.now();
    const path = join(dir, m.file);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, applyMutant(m, original));
    let by;
    try {
      const kernelOnly = m.file.startsWith('src/engine/assembly/') && !jsStale;
      const b = build(dir, kernelOnly, o.timeout);
      jsStale = !m.file.startsWith('src/engine/assembly/');
      if (!b.ok) by = [`(build fails) ${b.out.split('\n').find((l) => /error/i.test(l)) ?? ''}`.trim()];
      else by = runTests(dir, o).failed;
    } finally {
      writeFileSync(path, original);
    }
    const killed = by.length > 0;
    results.push({ ...m, killed, by, s: (Date.now() - t) / 1000 });
    console.log(`${m.id} ${killed ? 'killed  ' : 'SURVIVED'} ${seconds(Date.now() - t).padStart(4)} s  ${m.fault}${killed ? `  <- ${by[0]}${by.length > 1 ? ` (+${by.length - 1} more)` : ''}` : ''}`);
  }

  const killed = results.filter((r) => r.killed).length;
  console.log('\n| id | fault | result | killed by |\n| --- | --- | --- | --- |');
  for (const r of results) console.log(`| ${r.id} | ${r.fault} | ${r.killed ? 'killed' : '**survived**'} | ${r.killed ? r.by[0].replace(/\|/g, '\\|') : ''} |`);
  console.log(`\nscore: ${killed}/${results.length} killed (${((100 * killed) / Math.max(1, results.length)).toFixed(0)}%), ${seconds(Date.now() - started)} s in all`);
  if (killed < results.length) {
    console.log(`survived: ${results.filter((r) => !r.killed).map((r) => r.id).join(', ')}`);
    exitCode = 1;
  }
} catch (e) {
  console.error(`mutants: ${e.message}`);
  exitCode = 2;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
