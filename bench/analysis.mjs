#!/usr/bin/env node
/**
 * Benchmark of the analysis commands (part of `npm run bench`; alone: `node bench/analysis.mjs`):
 * a reverse stress search on the bundled maturity-peak scenario at 4,000 paths (target: under 30 s
 * on the 2-core reference machine), on 1 and 2 threads. The runs reuse the compiled model's
 * variants and one pool of worker threads that stays up across runs (src/analysis/pool.ts).
 * Also the same search on a ratio target (per-path regulatory ratios read in every run) and the cost
 * of the window levers `liqsim run` searches by default.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => new URL(`file://${join(root, 'dist', p)}`).href;
const { loadScenario, withOverrides } = await import(dist('model/load.js'));
const { runScenario } = await import(dist('results/run.js'));
const { PairedRunner } = await import(dist('analysis/pool.js'));
const { reverseStress } = await import(dist('analysis/reverse.js'));
const { parseLeverKey } = await import(dist('analysis/variants.js'));
const { parseTarget } = await import(dist('analysis/target.js'));
const { withWindowLevers } = await import(dist('analysis/levers.js'));

const file = join(root, 'scenarios/maturity-peak-2020q1.yaml');
const model = withOverrides(loadScenario(file).model, { paths: 4000 });
process.stdout.write(`\nanalysis: reverse stress search, ${file.slice(root.length + 1)}, 4,000 paths x ${model.horizonDays} days\n`);
process.stdout.write('  lever surrender.level in 0.5..20, target pAnyShortfall >= 0.6, tolerance 1%\n');
let answer = null;
for (const threads of [1, 2]) {
  const started = performance.now();
  const runner = new PairedRunner(threads);
  const r = await reverseStress(model, runner, { lever: parseLeverKey('surrender.level'), target: parseTarget('pAnyShortfall >= 0.6'), low: 0.5, high: 20 });
  await runner.close();
  const s = (performance.now() - started) / 1000;
  if (answer !== null && answer !== r.kStar) throw new Error(`different answers on 1 and 2 threads: ${answer} and ${r.kStar}`);
  answer = r.kStar;
  process.stdout.write(`  ${threads} thread(s): ${s.toFixed(2)} s, ${r.runs} runs (${(s / r.runs).toFixed(2)} s a run), k* = ${r.kStar.toFixed(4)}  (target < 30 s)\n`);
}

{
  // A ratio target: each run also reads every path's regulatory ratios (the ledger kept and summed).
  const started = performance.now();
  const runner = new PairedRunner(1);
  const r = await reverseStress(model, runner, { lever: parseLeverKey('surrender.level'), target: parseTarget('pBelowFloor(basel30d) >= 0.05'), low: 0.5, high: 20 });
  await runner.close();
  const s = (performance.now() - started) / 1000;
  process.stdout.write(`  ratio target pBelowFloor(basel30d) >= 0.05, 1 thread: ${s.toFixed(2)} s, ${r.runs} runs (${(s / r.runs).toFixed(2)} s a run), k* = ${r.kStar?.toFixed(4)}\n`);
}

const { model: m, results } = await runScenario(file, { threads: 1, levers: false });
const started = performance.now();
const windows = withWindowLevers(m, results.summary.windows);
const s = (performance.now() - started) / 1000;
process.stdout.write(`  window levers of a default run (${windows.length} windows, first 1,000 paths): ${s.toFixed(2)} s\n`);
