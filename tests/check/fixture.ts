/**
 * Synthetic results for the check tests: a tiny Monte Carlo (not the liqsim engine) that produces a
 * complete, internally consistent `Results` document with real sampling noise, so exact and
 * statistical comparisons can be tested without running scenarios.
 *
 * Model: each path draws a lognormal demand level L (sd 0.35 in log terms, mean 1) and a daily
 * lognormal noise; day d's payout request is hump(d) * L * noise, where hump peaks mid-horizon.
 * Whatever exceeds the day's capacity is overdue that day (no carry-over).
 */
import seedrandom from 'seedrandom';
import type { DailyRow, Results, ShortfallWindow } from '../../src/results/types.js';

export interface SyntheticOptions {
  seed?: string;
  paths?: number;
  days?: number;
  /** Daily payout capacity; smaller means more shortfall (a smaller credit line, say). */
  capacity?: number;
  /** Peak mean daily request. */
  peakRequest?: number;
  threshold?: number;
  toolVersion?: string;
  sha256?: string;
}

const START_DAY = Date.UTC(2020, 0, 2) / 86_400_000;
const iso = (day: number) => new Date((START_DAY + day) * 86_400_000).toISOString().slice(0, 10);
const cents = (x: number) => Math.round(x * 100) / 100;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function quantile7(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function syntheticResults(options: SyntheticOptions = {}): Results {
  const seed = options.seed ?? '1';
  const n = options.paths ?? 2000;
  const days = options.days ?? 60;
  const capacity = options.capacity ?? 1_000_000;
  const peakRequest = options.peakRequest ?? 800_000;
  const threshold = options.threshold ?? 0.01;
  const rng = seedrandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

  const count = new Array<number>(days).fill(0);
  const sum = new Array<number>(days).fill(0);
  const sumSq = new Array<number>(days).fill(0);
  const requestSum = new Array<number>(days).fill(0);
  const peaks: number[] = [];
  const firstCounts = new Array<number>(days).fill(0);
  for (let path = 0; path < n; path++) {
    const level = Math.exp(0.35 * normal() - 0.35 ** 2 / 2);
    let peak = 0;
    let first = -1;
    for (let d = 0; d < days; d++) {
      const hump = peakRequest * Math.exp(-(((d - days / 2) / (days / 6)) ** 2));
      const request = hump * level * Math.exp(0.1 * normal() - 0.005);
      const overdue = Math.max(0, request - capacity);
      requestSum[d] += request;
      if (overdue > 0) {
        count[d]++;
        if (first < 0) first = d;
      }
      sum[d] += overdue;
      sumSq[d] += overdue * overdue;
      peak = Math.max(peak, overdue);
    }
    peaks.push(peak);
    if (first >= 0) firstCounts[first]++;
  }

  const daily: DailyRow[] = [];
  for (let d = 0; d < days; d++) {
    const p = count[d] / n;
    const mean = sum[d] / n;
    const sd = Math.sqrt(Math.max(0, sumSq[d] / n - mean * mean));
    const se = Math.sqrt((p * (1 - p)) / n);
    daily.push({
      date: iso(d),
      businessDay: true,
      pShortfall: round6(p),
      pShortfallCi95: [round6(Math.max(0, p - 1.96 * se)), round6(Math.min(1, p + 1.96 * se))],
      headroom: { p1: 0, p5: 0, p50: 0, p95: 0, p99: 0 },
      expectedShortfall: cents(mean),
      expectedShortfallSE: cents(sd / Math.sqrt(n)),
      expectedBacklog: 0,
      requests: { maturity: cents(requestSum[d] / n), surrender: 0, other: 0 },
      paid: { maturity: 0, surrender: 0, other: 0 },
      capacity: { funding: capacity, channel: capacity, processing: capacity },
      creditDrawn: 0,
      creditDrawnByLine: [],
      assetsSold: 0,
      closingCash: 0,
      causeShares: { funding: p > 0 ? 1 : 0, channel: 0, processing: 0 },
    });
  }

  const windows = windowsOf(daily, threshold);

  const sortedPeaks = [...peaks].sort((a, b) => a - b);
  const pathsWithShortfall = peaks.filter((x) => x > 0).length;
  const pAny = pathsWithShortfall / n;
  const peakMean = peaks.reduce((a, b) => a + b, 0) / n;
  const peakSd = Math.sqrt(peaks.reduce((a, b) => a + (b - peakMean) ** 2, 0) / n);
  const tail = sortedPeaks.slice(Math.floor(n * 0.95));
  const firstQuantile = (q: number) => {
    let cumulative = 0;
    for (let d = 0; d < days; d++) {
      cumulative += firstCounts[d];
      if (cumulative >= q * pathsWithShortfall) return iso(d);
    }
    return iso(days - 1);
  };
  const totalRequests = (h: number) => requestSum.slice(0, Math.min(h, days)).reduce((a, b) => a + b, 0) / n;
  const coverage = [30, 90, 365].map((h) => {
    const covered = Math.min(h, days);
    const sources = capacity * covered;
    const needs = cents(totalRequests(h));
    return {
      horizonDays: h,
      coveredDays: covered,
      sources,
      needs,
      ratio: needs > 0 ? round6(sources / needs) : null,
      sourcesBreakdown: { cash: sources, inflows: 0, credit: 0, assets: 0 },
    };
  });

  return {
    schema: 'liqsim/results',
    schemaVersion: 3,
    meta: {
      tool: { name: 'liqsim', version: options.toolVersion ?? '0.1.0', commit: null },
      scenario: {
        name: 'Synthetic',
        description: 'synthetic results for tests',
        file: 'synthetic.yaml',
        sha256: options.sha256 ?? `sha-capacity-${capacity}`,
        currency: 'CNY',
        resolved: {},
      },
      run: {
        seed,
        paths: n,
        startDate: iso(0),
        endDate: iso(days - 1),
        horizonDays: days,
        shortfallThreshold: threshold,
        overdueGraceDays: 0,
        generator: 'synthetic',
        pathStream: 'seedrandom(seed)',
        blockSize: n,
        reproduce: '',
      },
      statistics: { quantileMethod: 'type 7', sketchRelativeAccuracy: 0, intervalMethod: 'wald' },
    },
    summary: {
      pAnyShortfall: {
        estimate: round6(pAny),
        standardError: round6(Math.sqrt((pAny * (1 - pAny)) / n)),
        ci95: [0, 1],
      },
      shortfall: {
        expectedPeak: { mean: cents(peakMean), standardError: cents(peakSd / Math.sqrt(n)) },
        p95Peak: cents(quantile7(sortedPeaks, 0.95)),
        p99Peak: cents(quantile7(sortedPeaks, 0.99)),
        tailMean95: cents(tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length)),
      },
      firstShortfall: {
        paths: pathsWithShortfall,
        earliest: pathsWithShortfall > 0 ? iso(firstCounts.findIndex((c) => c > 0)) : null,
        quantiles: pathsWithShortfall > 0 ? { p5: firstQuantile(0.05), p50: firstQuantile(0.5), p95: firstQuantile(0.95) } : null,
        distribution: firstCounts.flatMap((c, d) => (c > 0 ? [{ date: iso(d), paths: c, probability: round6(c / n) }] : [])),
      },
      windows,
      // the check reads the Basel-style ratio only (as coverage.30d): a stub of summary.regulatory
      regulatory: { basel: { cover: { coveredDays: 30 }, ratio: coverage[0].ratio } } as unknown as Results['summary']['regulatory'],
    },
    daily,
    worstPath: { path: 0, criterion: 'synthetic', ledger: [] },
  };
}

/** Maximal runs of dates with pShortfall >= threshold, as the engine defines windows. */
export function windowsOf(daily: readonly DailyRow[], threshold: number): ShortfallWindow[] {
  const windows: ShortfallWindow[] = [];
  for (let d = 0; d < daily.length; d++) {
    if (daily[d].pShortfall < threshold) continue;
    let e = d;
    while (e + 1 < daily.length && daily[e + 1].pShortfall >= threshold) e++;
    let peakDay = d;
    let esDay = d;
    for (let x = d; x <= e; x++) {
      if (daily[x].pShortfall > daily[peakDay].pShortfall) peakDay = x;
      if (daily[x].expectedShortfall > daily[esDay].expectedShortfall) esDay = x;
    }
    windows.push({
      start: daily[d].date,
      end: daily[e].date,
      days: e - d + 1,
      peakProbability: daily[peakDay].pShortfall,
      peakDate: daily[peakDay].date,
      maxExpectedShortfall: daily[esDay].expectedShortfall,
      maxExpectedShortfallDate: daily[esDay].date,
      dominantCause: 'funding',
    });
    d = e;
  }
  return windows;
}

/** A copy of `results` with the daily shortfall probabilities replaced and the windows recomputed. */
export function withShortfallProbabilities(results: Results, probability: (day: number) => number, seed?: string): Results {
  const copy = structuredClone(results);
  copy.daily.forEach((row, d) => {
    row.pShortfall = probability(d);
  });
  copy.summary.windows = windowsOf(copy.daily, copy.meta.run.shortfallThreshold);
  if (seed !== undefined) copy.meta.run.seed = seed;
  return copy;
}
