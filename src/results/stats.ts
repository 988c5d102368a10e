/**
 * Small statistics helpers that turn per-path tallies into reported figures: proportions with
 * Wilson intervals, means with Monte Carlo standard errors, quantiles of histograms (by the
 * lower-rank rule of engine/sketch.ts), and shortfall windows. Methods are described in
 * docs/statistics.md.
 */

import { checkProbability, lowerRank } from '../engine/sketch.js';
import { CAUSES, type Cause, type IsoDate, type MeanEstimate, type ProportionEstimate, type ShortfallWindow } from './types.js';

/** R's qnorm(0.975). Fixed rather than computed: simple-statistics' probit(0.975) gives 1.9572. */
export const Z_95 = 1.959963984540054;

/** Written into results metadata (`meta.statistics.intervalMethod`) and the regulator report. */
export const INTERVAL_METHOD =
  'Wilson score interval without continuity correction, 95% (z = 1.959963984540054); ' +
  'standard errors sqrt(p(1-p)/n) for proportions and s/sqrt(n) with the n-1 sample standard deviation for means';

/**
 * The 0-based index whose bucket holds the lower-rank q-quantile of a histogram of counts, e.g. the
 * day index of the median first shortfall date from per-day path counts.
 *
 * @param counts non-negative counts per bucket, in bucket order
 * @throws RangeError when the histogram is empty (total 0) or q is outside [0, 1]
 * @example quantileOfHistogram([0, 3, 0, 1], 0.5) // 1
 */
export function quantileOfHistogram(counts: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`histogram count ${i} must be a non-negative integer, got ${c}`);
    total += c;
  }
  if (total === 0) throw new RangeError('quantile of an empty histogram');
  const rank = lowerRank(q, total);
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    below += counts[i];
    if (below > rank) return i;
  }
  throw new Error('unreachable: rank beyond histogram total');
}

function checkTally(successes: number, n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`successes must be an integer in [0, ${n}], got ${successes}`);
  }
}

/**
 * Wilson score interval for a binomial proportion (no continuity correction). Unlike the normal
 * approximation it stays inside [0, 1] and is not degenerate at 0 or n successes, which matters
 * for rare shortfalls. With n = 0 nothing is known: [0, 1].
 *
 * @param successes paths with the event
 * @param n paths
 * @param z normal quantile for the confidence level (default 95%)
 * @returns [lower, upper]
 * @throws RangeError when the counts are not integers with 0 <= successes <= n
 * @example wilsonInterval(10, 100) // [0.05523, 0.17437]
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): [number, number] {
  checkTally(successes, n);
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1 in exact arithmetic; do not report 1e-17.
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return [lower, upper];
}

/**
 * A proportion of paths with its binomial standard error and 95% Wilson interval.
 * With n = 0: estimate 0, standard error 0, interval [0, 1]. Not rounded: the results writer rounds.
 *
 * @throws RangeError when the counts are not integers with 0 <= successes <= n
 * @example proportionEstimate(10, 100) // { estimate: 0.1, standardError: 0.03, ci95: [0.0552, 0.1744] }
 */
export function proportionEstimate(successes: number, n: number): ProportionEstimate {
  checkTally(successes, n);
  if (n === 0) return { estimate: 0, standardError: 0, ci95: [0, 1] };
  const p = successes / n;
  return { estimate: p, standardError: Math.sqrt((p * (1 - p)) / n), ci95: wilsonInterval(successes, n) };
}

/**
 * Mean over paths and its Monte Carlo standard error s / sqrt(n) from running sums, with the n - 1
 * sample standard deviation. n = 0 gives mean 0; n < 2 gives standard error 0. The sums are
 * plain doubles: when the mean is very large against the spread, sumSquares - sum^2/n cancels and
 * loses digits; a negative variance from that rounding is taken as 0.
 *
 * @param sum sum of the per-path values
 * @param sumSquares sum of their squares
 * @param n number of paths
 * @example meanEstimate(6, 14, 3) // { mean: 2, standardError: 0.57735 }
 */
export function meanEstimate(sum: number, sumSquares: number, n: number): MeanEstimate {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (n === 0) return { mean: 0, standardError: 0 };
  const mean = sum / n;
  if (n < 2) return { mean, standardError: 0 };
  const variance = Math.max(0, (sumSquares - mean * sum) / (n - 1));
  return { mean, standardError: Math.sqrt(variance / n) };
}

/** Per-date series from which shortfall windows are found; all arrays run parallel to `dates`. */
export interface ShortfallWindowInput {
  dates: readonly IsoDate[];
  /** Fraction of paths with an overdue payout at the end of each date. */
  pShortfall: ArrayLike<number>;
  /** Mean over all paths of the overdue amount at the end of each date. */
  expectedShortfall: ArrayLike<number>;
  /** Mean overdue amount attributed to each cause on each date. */
  causeAmounts: Record<Cause, ArrayLike<number>>;
  /** Mean overdue amount over the paths in shortfall on each date (0 when none); adds `maxMeanOverdueOnShortfallPaths` to each window. */
  meanOverdueOnShortfallPaths?: ArrayLike<number>;
  /** Probability at or above which a date is in a window. */
  threshold: number;
}

/**
 * Shortfall windows: maximal runs of consecutive rows whose shortfall probability is at or above
 * the threshold and above zero (so threshold 0 means "any chance of shortfall", not "every date").
 * `days` counts the rows of the run (one row per calendar date). Peaks report the first date of the
 * maximum. The dominant cause has the largest overdue amount summed over the window; ties go to
 * the first in funding, channel, processing, account order.
 *
 * @throws RangeError when the threshold is outside [0, 1] or the series differ in length
 */
export function shortfallWindows(input: ShortfallWindowInput): ShortfallWindow[] {
  const { dates, pShortfall, expectedShortfall, causeAmounts, threshold, meanOverdueOnShortfallPaths: conditional } = input;
  checkProbability(threshold, 'shortfall threshold');
  const n = dates.length;
  const series: [string, ArrayLike<number>][] = [
    ['pShortfall', pShortfall],
    ['expectedShortfall', expectedShortfall],
    ...CAUSES.map((cause): [string, ArrayLike<number>] => [`causeAmounts.${cause}`, causeAmounts[cause]]),
    ...(conditional === undefined ? [] : [['meanOverdueOnShortfallPaths', conditional] as [string, ArrayLike<number>]]),
  ];
  for (const [name, values] of series) {
    if (values.length !== n) throw new RangeError(`${name} has ${values.length} values for ${n} dates`);
  }

  const windows: ShortfallWindow[] = [];
  let d = 0;
  while (d < n) {
    if (!(pShortfall[d] >= threshold && pShortfall[d] > 0)) {
      d++;
      continue;
    }
    const first = d;
    let peak = first;
    let worst = first;
    let worstConditional = first;
    while (d < n && pShortfall[d] >= threshold && pShortfall[d] > 0) {
      if (pShortfall[d] > pShortfall[peak]) peak = d;
      if (expectedShortfall[d] > expectedShortfall[worst]) worst = d;
      if (conditional !== undefined && conditional[d] > conditional[worstConditional]) worstConditional = d;
      d++;
    }
    const last = d - 1;
    let dominantCause: Cause = CAUSES[0];
    let dominantAmount = -Infinity;
    for (const cause of CAUSES) {
      const amounts = causeAmounts[cause];
      let total = 0;
      for (let i = first; i <= last; i++) total += amounts[i];
      if (total > dominantAmount) {
        dominantCause = cause;
        dominantAmount = total;
      }
    }
    windows.push({
      start: dates[first],
      end: dates[last],
      days: last - first + 1,
      peakProbability: pShortfall[peak],
      peakDate: dates[peak],
      maxExpectedShortfall: expectedShortfall[worst],
      maxExpectedShortfallDate: dates[worst],
      dominantCause,
      ...(conditional === undefined
        ? {}
        : { maxMeanOverdueOnShortfallPaths: conditional[worstConditional], maxMeanOverdueOnShortfallPathsDate: dates[worstConditional] }),
    });
  }
  return windows;
}
