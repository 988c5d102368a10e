import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import { errorFunction, sampleStandardDeviation } from 'simple-statistics';
import {
  INTERVAL_METHOD,
  Z_95,
  meanEstimate,
  proportionEstimate,
  quantileOfHistogram,
  shortfallWindows,
  wilsonInterval,
  type ShortfallWindowInput,
} from '../../src/results/stats.js';
import { lowerQuantileSorted, lowerRank, tailCount } from '../../src/engine/sketch.js';
import { CAUSES, type Cause } from '../../src/results/types.js';

describe('wilsonInterval', () => {
  it('matches R and Newcombe (1998)', () => {
    // R 4.x: prop.test(10, 100, correct = FALSE)$conf.int -> 0.05522914 0.17436566
    const [lo, hi] = wilsonInterval(10, 100);
    expect(lo).toBeCloseTo(0.05522914, 7);
    expect(hi).toBeCloseTo(0.17436566, 7);
    // Newcombe RG (1998), Two-sided confidence intervals for the single proportion, Statistics in
    // Medicine 17:857-872, Table I, method 3 (score interval without continuity correction).
    const newcombe: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
      [29, 29, 0.883, 1],
    ];
    for (const [successes, n, lower, upper] of newcombe) {
      const [l, u] = wilsonInterval(successes, n);
      expect(l, `${successes}/${n} lower`).toBeCloseTo(lower, 4);
      expect(u, `${successes}/${n} upper`).toBeCloseTo(upper, 4);
    }
  });

  it('is exactly 0 / 1 at the ends, [0, 1] for no paths, and widens with z', () => {
    expect(wilsonInterval(0, 1000)[0]).toBe(0);
    expect(wilsonInterval(1000, 1000)[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    const [l99, u99] = wilsonInterval(10, 100, 2.5758293035489);
    const [l95, u95] = wilsonInterval(10, 100);
    expect(l99).toBeLessThan(l95);
    expect(u99).toBeGreaterThan(u95);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(0, -1)).toThrow(RangeError);
  });

  it('uses the exact 97.5% normal quantile', () => {
    // erf(z / sqrt 2) = 0.95 for the two-sided 95% level (simple-statistics' erf is good to ~1e-7).
    expect(errorFunction(Z_95 / Math.SQRT2)).toBeCloseTo(0.95, 6);
    expect(INTERVAL_METHOD).toContain('Wilson');
    expect(INTERVAL_METHOD).toContain(String(Z_95));
  });
});

describe('proportionEstimate', () => {
  it('gives estimate, binomial standard error and the Wilson interval', () => {
    const e = proportionEstimate(10, 100);
    expect(e.estimate).toBe(0.1);
    expect(e.standardError).toBeCloseTo(0.03, 12); // sqrt(0.1 * 0.9 / 100)
    expect(e.ci95).toEqual(wilsonInterval(10, 100));
  });

  it('handles no paths', () => {
    expect(proportionEstimate(0, 0)).toEqual({ estimate: 0, standardError: 0, ci95: [0, 1] });
  });
});

describe('meanEstimate', () => {
  it('matches the sample standard deviation over sqrt(n)', () => {
    const random = seedrandom.alea('mean');
    const values = Array.from({ length: 1000 }, () => Math.round(1e6 * random()));
    const sum = values.reduce((a, b) => a + b, 0);
    const sumSquares = values.reduce((a, b) => a + b * b, 0);
    const e = meanEstimate(sum, sumSquares, values.length);
    expect(e.mean).toBeCloseTo(sum / 1000, 9);
    expect(e.standardError).toBeCloseTo(sampleStandardDeviation(values) / Math.sqrt(1000), 6);
  });

  it('hand example, and no standard error below two paths', () => {
    // 1, 2, 3: mean 2, s = 1, SE = 1 / sqrt 3
    expect(meanEstimate(6, 14, 3).standardError).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(meanEstimate(5, 25, 1)).toEqual({ mean: 5, standardError: 0 });
    expect(meanEstimate(0, 0, 0)).toEqual({ mean: 0, standardError: 0 });
    // All equal: rounding may make the variance slightly negative; it must come out 0, not NaN.
    expect(meanEstimate(3 * 0.1, 3 * 0.1 * 0.1, 3).standardError).toBe(0);
  });
});

describe('ranks and histogram quantiles', () => {
  it('uses floor(q (n - 1)), forgiving binary rounding of decimal q', () => {
    expect(lowerRank(0.5, 10)).toBe(4);
    expect(lowerRank(0.57, 101)).toBe(57); // 0.57 * 100 = 56.99999999999999 in binary
    expect(lowerRank(0.99, 10_000)).toBe(9899);
    expect(lowerRank(0, 7)).toBe(0);
    expect(lowerRank(1, 7)).toBe(6);
    expect(lowerRank(0.3, 1)).toBe(0);
    expect(() => lowerRank(1.5, 7)).toThrow(RangeError);
    expect(() => lowerRank(0.5, 0)).toThrow(RangeError);
    expect(lowerQuantileSorted([10, 20, 30, 40], 0.5)).toBe(20);
  });

  it('counts the worst (1 - q) share, rounded up, at least one', () => {
    expect(tailCount(0.95, 100)).toBe(5); // (1 - 0.95) * 100 is 5.000000000000004 in binary
    expect(tailCount(0.95, 10)).toBe(1);
    expect(tailCount(0.5, 3)).toBe(2);
    expect(tailCount(1, 50)).toBe(1);
    expect(tailCount(0, 50)).toBe(50);
  });

  it('finds the bucket of the lower-rank quantile', () => {
    // 4 paths with first shortfall on days 1, 1, 1, 3: ranks 0..2 are day 1, rank 3 is day 3.
    expect(quantileOfHistogram([0, 3, 0, 1], 0)).toBe(1);
    expect(quantileOfHistogram([0, 3, 0, 1], 0.5)).toBe(1); // floor(1.5) = 1
    expect(quantileOfHistogram([0, 3, 0, 1], 0.99)).toBe(1); // floor(2.97) = 2
    expect(quantileOfHistogram([0, 3, 0, 1], 1)).toBe(3);
    // Days 0, 0, 2, 2: q = 0.34 -> rank 1 (day 0); q = 0.67 -> rank 2 (day 2).
    expect(quantileOfHistogram(new Int32Array([2, 0, 2]), 0.34)).toBe(0);
    expect(quantileOfHistogram(new Int32Array([2, 0, 2]), 0.67)).toBe(2);
  });

  it('rejects empty or invalid histograms', () => {
    expect(() => quantileOfHistogram([0, 0], 0.5)).toThrow(RangeError);
    expect(() => quantileOfHistogram([], 0.5)).toThrow(RangeError);
    expect(() => quantileOfHistogram([1, -1, 2], 0.5)).toThrow(RangeError);
  });
});

const DATES = Array.from({ length: 10 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')}`);

function series(p: number[], overrides: Partial<Record<Cause, number[]>> = {}, es?: number[]): ShortfallWindowInput {
  const causeAmounts = Object.fromEntries(CAUSES.map((c) => [c, overrides[c] ?? p.map(() => 0)])) as Record<Cause, number[]>;
  return { dates: DATES.slice(0, p.length), pShortfall: p, expectedShortfall: es ?? p.map((x) => x * 1000), causeAmounts, threshold: 0.05 };
}

describe('shortfallWindows', () => {
  it('finds two separate windows with their peaks', () => {
    const p = [0, 0.06, 0.2, 0.2, 0.01, 0, 0.07, 0.09, 0.08, 0];
    const es = [0, 10, 30, 50, 5, 0, 20, 20, 10, 0];
    const windows = shortfallWindows(series(p, { channel: [0, 1, 1, 1, 0, 0, 0, 0, 0, 0], funding: [0, 0, 0, 0, 0, 0, 2, 2, 2, 0] }, es));
    expect(windows).toEqual([
      {
        start: '2020-01-02',
        end: '2020-01-04',
        days: 3,
        peakProbability: 0.2,
        peakDate: '2020-01-03',
        maxExpectedShortfall: 50,
        maxExpectedShortfallDate: '2020-01-04',
        dominantCause: 'channel',
      },
      {
        start: '2020-01-07',
        end: '2020-01-09',
        days: 3,
        peakProbability: 0.09,
        peakDate: '2020-01-08',
        maxExpectedShortfall: 20,
        maxExpectedShortfallDate: '2020-01-07',
        dominantCause: 'funding',
      },
    ]);
  });

  it('counts a date exactly at the threshold, not one just below', () => {
    const windows = shortfallWindows(series([0.05, 0.049999, 0.05, 0.05, 0, 0, 0, 0, 0, 0]));
    expect(windows.map((w) => [w.start, w.end, w.days])).toEqual([
      ['2020-01-01', '2020-01-01', 1],
      ['2020-01-03', '2020-01-04', 2],
    ]);
  });

  it('lets windows touch the first and last dates', () => {
    const all = shortfallWindows(series([0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3]));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ start: '2020-01-01', end: '2020-01-10', days: 10, peakDate: '2020-01-03' });
    const ends = shortfallWindows(series([0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0.1]));
    expect(ends.map((w) => [w.start, w.end])).toEqual([
      ['2020-01-01', '2020-01-01'],
      ['2020-01-10', '2020-01-10'],
    ]);
  });

  it('with threshold 0 keeps only dates with some shortfall; none gives no windows', () => {
    const input = { ...series([0, 0.001, 0, 0, 0, 0, 0, 0, 0, 0]), threshold: 0 };
    expect(shortfallWindows(input).map((w) => w.start)).toEqual(['2020-01-02']);
    expect(shortfallWindows(series(new Array(10).fill(0.01)))).toEqual([]);
    expect(shortfallWindows(series([]))).toEqual([]);
  });

  it('breaks dominant-cause ties in the order funding, channel, processing', () => {
    const p = [0.1, 0.1, 0, 0, 0, 0, 0, 0, 0, 0];
    const z = new Array(10).fill(0);
    const tieAll = shortfallWindows(series(p, { funding: [1, 2, ...z.slice(2)], channel: [2, 1, ...z.slice(2)], processing: [3, 0, ...z.slice(2)] }));
    expect(tieAll[0].dominantCause).toBe('funding');
    const tieLater = shortfallWindows(series(p, { funding: [1, 0, ...z.slice(2)], channel: [2, 2, ...z.slice(2)], processing: [0, 4, ...z.slice(2)] }));
    expect(tieLater[0].dominantCause).toBe('channel');
    // Amounts outside the window do not count.
    const outside = shortfallWindows(series(p, { funding: [0, 1, 100, ...z.slice(3)], processing: [0, 2, ...z.slice(2)] }));
    expect(outside[0].dominantCause).toBe('processing');
  });

  it('rejects series of different lengths and thresholds outside [0, 1]', () => {
    const input = series([0.1, 0.2]);
    expect(() => shortfallWindows({ ...input, pShortfall: [0.1] })).toThrow(/pShortfall/);
    expect(() => shortfallWindows({ ...input, causeAmounts: { ...input.causeAmounts, channel: [1] } })).toThrow(/channel/);
    expect(() => shortfallWindows({ ...input, threshold: 1.5 })).toThrow(RangeError);
  });
});
