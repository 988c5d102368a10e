/**
 * Measuring how often statistical mode fails when nothing changed but the seed. One baseline (the
 * scenario's own seed) is compared with runs at many other seeds; every failure is a false alarm.
 * The rate that k implies is bounded by the number of figures judged by standard error times the
 * two-sided normal tail beyond k (a union bound: the figures are correlated, so the true rate is lower).
 */
import { wilsonInterval } from '../results/stats.js';
import type { Results } from '../results/types.js';
import { baselineFromResults } from './baseline.js';
import { type CompareOptions, compareWithBaseline } from './compare.js';
import { engineRunner } from './index.js';
import type { ScenarioRunner } from './types.js';

export interface FalseAlarmOptions extends CompareOptions {
  seeds: number;
  /** Paths per run (default: the scenario's). */
  paths?: number;
  threads?: number;
  run?: ScenarioRunner;
}

export interface FalseAlarmReport {
  file: string;
  baselineSeed: string;
  paths: number;
  seeds: number;
  k: number;
  /** Runs with at least one failing figure. */
  failedRuns: number;
  /** failedRuns / seeds, and a 95% Wilson upper bound on the true rate. */
  rate: number;
  rateUpper95: number;
  /** Figures judged by k standard errors in one comparison, and the union bound they imply. */
  figuresWithSE: number;
  impliedRate: number;
  /** Figures judged by a tolerance instead (no standard error) and windows. */
  figuresWithoutSE: number;
  /** Failures per figure id (daily dates pooled). */
  failuresByFigure: Record<string, number>;
}

/** Two-sided standard normal tail P(|Z| > k). */
export function twoSidedNormalTail(k: number): number {
  return erfc(k / Math.SQRT2);
}

/**
 * Complementary error function (Numerical Recipes erfcc, relative error below 1.2e-7). The same
 * polynomial as simple-statistics' `errorFunction`, which returns erf = 1 - erfc: taking 1 - erf
 * back would cancel the digits that matter out in the tail (at k = 8, P(|Z| > k) is about 1e-15, below
 * the spacing of doubles near 1), so the tail is computed directly.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export async function measureFalseAlarms(file: string, options: FalseAlarmOptions): Promise<FalseAlarmReport> {
  const run = options.run ?? engineRunner;
  const runOptions = (seed?: string) => ({
    ...(seed === undefined ? {} : { seed }),
    ...(options.paths === undefined ? {} : { paths: options.paths }),
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  const reference: Results = await run(file, runOptions());
  const baseline = baselineFromResults(reference, file);
  const failuresByFigure: Record<string, number> = {};
  let failedRuns = 0;
  let figuresWithSE = 0;
  let figuresWithoutSE = 0;
  for (let i = 1; i <= options.seeds; i++) {
    const results = await run(file, runOptions(`false-alarm-${i}`));
    const comparison = compareWithBaseline(baseline, results, file, options);
    if (i === 1) {
      figuresWithSE = comparison.figures.filter((f) => f.z !== null).length;
      figuresWithoutSE = comparison.figures.length - figuresWithSE;
    }
    const failed = comparison.figures.filter((f) => !f.passed);
    if (failed.length > 0) failedRuns++;
    for (const f of failed) failuresByFigure[f.id] = (failuresByFigure[f.id] ?? 0) + 1;
  }
  return {
    file,
    baselineSeed: reference.meta.run.seed,
    paths: reference.meta.run.paths,
    seeds: options.seeds,
    k: options.k,
    failedRuns,
    rate: failedRuns / options.seeds,
    rateUpper95: wilsonInterval(failedRuns, options.seeds)[1],
    figuresWithSE,
    impliedRate: Math.min(1, figuresWithSE * twoSidedNormalTail(options.k)),
    figuresWithoutSE,
    failuresByFigure,
  };
}

export function renderFalseAlarm(r: FalseAlarmReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `false-alarm rate of liqsim check (statistical mode), ${r.file}`,
    `  baseline: seed ${r.baselineSeed}, ${r.paths} paths; compared with ${r.seeds} runs at seeds false-alarm-1..${r.seeds}, k = ${r.k}`,
    `  failed runs: ${r.failedRuns} of ${r.seeds} = ${pct(r.rate)} (95% upper bound ${pct(r.rateUpper95)})`,
    `  implied by k: at most ${r.figuresWithSE} figures x P(|Z| > ${r.k}) = ${r.figuresWithSE} x ${twoSidedNormalTail(r.k).toExponential(2)} = ${pct(r.impliedRate)} per run`,
    `  figures judged without a z-score (coverage ratios, windows, dates without spread): ${r.figuresWithoutSE}`,
  ];
  const failures = Object.entries(r.failuresByFigure).sort(([a], [b]) => (a < b ? -1 : 1));
  lines.push(
    failures.length === 0
      ? '  no figure failed'
      : `  failures by figure: ${failures.map(([id, n]) => `${id} ${n}`).join(', ')}`,
  );
  lines.push(`  verdict: ${r.rate <= r.impliedRate ? 'within' : 'ABOVE'} the rate k implies`);
  return `${lines.join('\n')}\n`;
}
