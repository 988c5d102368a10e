#!/usr/bin/env node
/**
 * `npm run bench`: the performance benchmark (not a test). Regenerates the benchmark scenario
 * family (bench/generate.mjs), then for each size runs bench/measure.mjs in a child process and
 * prints paths, days, cohorts, threads, wall seconds, throughput in cohort-path-days per second
 * and peak memory, followed by the ratios the performance targets are stated in.
 *
 *   npm run bench                      # the full table (about a minute on a 2-core machine)
 *   npm run bench -- --quick           # 10k paths only
 *   npm run bench -- --numpy           # also time bench/numpy_model.py at each size (needs python3 + numpy;
 *                                      # best of --repeat too; about 20 s per run at 100k paths)
 *   npm run bench -- --repeat 3        # best of 3 per size, thread counts in turns (robust to other work)
 *
 * Wall seconds are the child process's, start to exit: Node start-up, loading and compiling the
 * scenario, simulating, building and writing results.json and daily.csv.
 *
 * Each size runs the 50- and 500-cohort scenarios (no `regulatory:` key: no funding-only run) and
 * the 50-cohort one with `regulatory: {}` (column `reg`: yes), whose funding-only shortfall runs
 * every path a second time: the table always shows what the regulatory figures cost.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const quick = args.has('--quick');
const withNumpy = args.has('--numpy');
const repeatAt = argv.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Math.max(1, Number(argv[repeatAt + 1]) || 1) : 1;

const [small, large, smallRegulatory] = generate().map((f) => relative(root, f));
const pathCounts = quick ? [10_000] : [10_000, 100_000];
const threadCounts = [1, 2];

function measureOnce(scenario, paths, threads) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(here, 'measure.mjs'), scenario, String(paths), String(threads)], {
    cwd: root,
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`bench/measure.mjs ${scenario} ${paths} ${threads} failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout), wallSeconds: wall };
}

/**
 * The fastest of `repeat` runs for each thread count, taken in turns (1, 2, 1, 2, ...): other work
 * on the shared machine only ever makes a run slower, and taking turns spreads a slow spell over
 * both thread counts instead of letting it fall on one (which would skew their ratio).
 */
function measureSize(scenario, paths) {
  const best = new Map();
  for (let i = 0; i < repeat; i++) {
    for (const threads of threadCounts) {
      const m = measureOnce(scenario, paths, threads);
      const b = best.get(threads);
      if (b === undefined || m.wallSeconds < b.wallSeconds) best.set(threads, m);
    }
  }
  return threadCounts.map((threads) => best.get(threads));
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `liqsim benchmark: node ${process.version}, ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM\n` +
    `scenarios: ${small}, ${large}, ${smallRegulatory} (365 days, 5 asset classes, 3 credit lines, 4 channels, contagion on; reg = with a regulatory: key, so the funding-only run too)\n` +
    `load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}${repeat > 1 ? `; best of ${repeat} runs per size, thread counts in turns` : ''}\n\n`,
);
const header = ['paths', 'days', 'cohorts', 'reg', 'threads', 'wall s', 'simulate s', 'cohort-path-days/s', 'peak RSS MiB'];
const widths = [9, 5, 8, 4, 8, 8, 11, 19, 13];
const row = (cells) => `${cells.map((c, i) => String(c).padStart(widths[i])).join(' ')}\n`;
process.stdout.write(row(header));

const runs = [];
for (const paths of pathCounts) {
  for (const scenario of [small, large, smallRegulatory]) {
    const regulatory = scenario === smallRegulatory;
    for (const m of measureSize(scenario, paths)) {
      m.regulatory = regulatory;
      runs.push(m);
      const throughput = (m.cohorts * m.paths * m.days) / m.wallSeconds;
      process.stdout.write(
        row([
          m.paths.toLocaleString('en-US'),
          m.days,
          m.cohorts,
          regulatory ? 'yes' : 'no',
          m.threads,
          m.wallSeconds.toFixed(2),
          m.simulateSeconds.toFixed(2),
          throughput.toExponential(2),
          m.maxRssMiB.toFixed(0),
        ]),
      );
    }
  }
}

const find = (paths, cohorts, threads, regulatory = false) =>
  runs.find((r) => r.paths === paths && r.cohorts === cohorts && r.threads === threads && r.regulatory === regulatory);
const ratio = (a, b) => (a && b ? (a.wallSeconds / b.wallSeconds).toFixed(2) : 'n/a');
const top = pathCounts.at(-1);
process.stdout.write('\nratios (wall time):\n');
process.stdout.write(`  1 thread / 2 threads, ${top} paths, 50 cohorts:   ${ratio(find(top, 50, 1), find(top, 50, 2))}x  (target >= 1.8)\n`);
if (!quick) {
  process.stdout.write(`  100k / 10k paths, 50 cohorts, 2 threads:          ${ratio(find(100_000, 50, 2), find(10_000, 50, 2))}x  (target <= 10.5)\n`);
}
process.stdout.write(`  500 / 50 cohorts, ${top} paths, 2 threads:        ${ratio(find(top, 500, 2), find(top, 50, 2))}x  (target <= 2)\n`);
for (const threads of threadCounts) {
  const on = find(top, 50, threads, true);
  const off = find(top, 50, threads);
  const sim = on && off ? (on.simulateSeconds / off.simulateSeconds).toFixed(2) : 'n/a';
  process.stdout.write(`  regulatory key / none, ${top} paths, 50 cohorts, ${threads} thread${threads > 1 ? 's' : ''}: ${ratio(on, off)}x wall, ${sim}x simulate (the funding-only run)\n`);
}
const headline = find(100_000, 50, 2);
if (headline) {
  process.stdout.write(
    `  100k paths x 365 days x 50 cohorts, 2 threads:    ${headline.wallSeconds.toFixed(2)} s, ${headline.maxRssMiB.toFixed(0)} MiB  (target <= 5 s, <= 1024 MiB)\n`,
  );
}

// The analysis commands (reverse stress search at 4,000 paths, window levers): bench/analysis.mjs.
const analysis = spawnSync(process.execPath, [join(here, 'analysis.mjs')], { cwd: root, encoding: 'utf8' });
process.stdout.write(analysis.status === 0 ? analysis.stdout : `\nanalysis benchmark failed:\n${analysis.stderr}\n`);

process.stdout.write(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);

if (withNumpy) {
  // At each liqsim size (10k, and 100k unless --quick); the fastest of `repeat` runs, as for liqsim.
  process.stdout.write(`\nNumPy (one thread, vectorised over paths), 365 days x 50 cohorts; ratios of simulation times:\n`);
  for (const paths of pathCounts) {
    let np = null;
    let failed = null;
    for (let i = 0; i < repeat && failed === null; i++) {
      const r = spawnSync('python3', [join(here, 'numpy_model.py'), small, String(paths)], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) failed = r.stderr.trim().split('\n').at(-1);
      else {
        const run = JSON.parse(r.stdout.trim().split('\n').at(-1));
        if (np === null || run.simulateSeconds < np.simulateSeconds) np = run;
      }
    }
    if (failed !== null) {
      process.stdout.write(`  NumPy comparison skipped: ${failed}\n`);
      break;
    }
    const one = find(paths, 50, 1);
    const two = find(paths, 50, 2);
    const rate = (m) => (m.cohorts * m.paths * m.days) / m.simulateSeconds;
    process.stdout.write(
      `  ${paths} paths: NumPy ${np.numpy} ${np.simulateSeconds.toFixed(2)} s = ${rate(np).toExponential(2)} cohort-path-days/s; ` +
        `liqsim 1 thread ${one.simulateSeconds.toFixed(2)} s: ${(rate(one) / rate(np)).toFixed(2)}x per thread; ` +
        `2 threads ${two.simulateSeconds.toFixed(2)} s: ${(rate(two) / rate(np)).toFixed(2)}x with both cores (NumPy uses one)\n` +
        `    P(any shortfall): NumPy ${np.pAnyShortfall.toFixed(4)}, liqsim ${one.pAnyShortfall.toFixed(4)} (different random streams)\n`,
    );
  }
}
