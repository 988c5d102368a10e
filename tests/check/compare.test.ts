import { describe, expect, it } from 'vitest';
import { baselineFromResults, serializeBaseline } from '../../src/check/baseline.js';
import { type CompareOptions, type FigureCheck, compareWithBaseline, tailStandardErrors } from '../../src/check/compare.js';
import type { Results } from '../../src/results/types.js';
import { syntheticResults, withShortfallProbabilities } from './fixture.js';

const options: CompareOptions = { k: 4, windowDays: 3, relTolerance: 0.1 };
const FILE = 'scenarios/synthetic.yaml';
const reference = syntheticResults({ seed: '1', paths: 2000 });
const baseline = baselineFromResults(reference, FILE);

const failed = (figures: FigureCheck[]) => figures.filter((f) => !f.passed);

describe('mode selection', () => {
  it('is exact for the same seed, paths, engine and tool version, and every figure then matches', () => {
    const c = compareWithBaseline(baseline, syntheticResults({ seed: '1', paths: 2000 }), FILE, options);
    expect(c.mode).toBe('exact');
    expect(c.modeReason).toBe('same seed 1, 2000 paths, engine synthetic/seedrandom(seed)/block 2000, liqsim 0.1.0');
    expect(c.passed).toBe(true);
    expect(c.figures.some((f) => f.moved)).toBe(false);
    expect(c.scenarioChanged).toBe(false);
  });

  it('is statistical when the seed differs, and noise passes', () => {
    const c = compareWithBaseline(baseline, syntheticResults({ seed: '2', paths: 2000 }), FILE, options);
    expect(c.mode).toBe('statistical');
    expect(c.modeReason).toBe('seed 2 (baseline 1)');
    expect(failed(c.figures)).toEqual([]);
    expect(c.figures.filter((f) => f.moved).length).toBeGreaterThan(10);
  });

  it('is statistical when the tool version differs, even with the same seed', () => {
    const c = compareWithBaseline(baseline, syntheticResults({ seed: '1', paths: 2000, toolVersion: '0.2.0' }), FILE, options);
    expect(c.mode).toBe('statistical');
    expect(c.modeReason).toBe('liqsim 0.2.0 (baseline 0.1.0)');
  });

  it('says when the scenario changed, and still compares', () => {
    const c = compareWithBaseline(baseline, syntheticResults({ seed: '1', paths: 2000, sha256: 'other' }), FILE, options);
    expect(c.scenarioChanged).toBe(true);
    expect(c.notes[0]).toMatch(/^scenario changed since the baseline/);
    expect(c.mode).toBe('exact');
    expect(c.passed).toBe(true);
  });
});

describe('exact mode', () => {
  it('does not depend on the key order a baseline file was written in', () => {
    const fromFile = JSON.parse(serializeBaseline(baseline));
    expect(Object.keys(fromFile.headline.pAnyShortfall)).toEqual(['se', 'value']);
    expect(compareWithBaseline(fromFile, reference, FILE, options).passed).toBe(true);
  });

  it('fails on a one-cent change and says whether it is within noise', () => {
    const changed = structuredClone(reference);
    const row = changed.daily.find((r) => r.date === baseline.daily[4].date)!;
    row.expectedShortfall += 0.01;
    const c = compareWithBaseline(baseline, changed, FILE, options);
    expect(c.mode).toBe('exact');
    expect(failed(c.figures).map((f) => `${f.id} ${f.date}`)).toEqual([`daily.expectedShortfall ${row.date}`]);
    expect(failed(c.figures)[0].difference).toBeCloseTo(0.01, 9);
    expect(c.notes.join('\n')).toMatch(/within Monte Carlo noise \(statistical mode would pass\)/);
  });
});

describe('statistical mode', () => {
  it('fails a real change (less capacity, as with a smaller credit line) and names the moved figures', () => {
    const smaller = syntheticResults({ seed: '2', paths: 2000, capacity: 800_000 });
    const c = compareWithBaseline(baseline, smaller, FILE, options);
    expect(c.passed).toBe(false);
    const ids = new Set(failed(c.figures).map((f) => f.id));
    for (const id of ['pAnyShortfall', 'expectedPeak', 'daily.pShortfall', 'daily.expectedShortfall']) {
      expect(ids.has(id), id).toBe(true);
    }
    const p = c.figures.find((f) => f.id === 'pAnyShortfall')!;
    expect(p.z).toBeGreaterThan(4);
    expect(p.basis).toBe('4 SE');
    const combined = Math.hypot(baseline.headline.pAnyShortfall.se!, smaller.summary.pAnyShortfall.standardError);
    expect(p.allowed).toBeCloseTo(4 * combined, 12);
    expect(p.z).toBeCloseTo((smaller.summary.pAnyShortfall.estimate - baseline.headline.pAnyShortfall.value!) / combined, 9);
  });

  it('lets a hand-set tolerance pass a figure, naming the tolerance', () => {
    const tolerant = { ...baseline, tolerances: { pAnyShortfall: { abs: 0.5 } } };
    const c = compareWithBaseline(tolerant, syntheticResults({ seed: '2', paths: 2000, capacity: 800_000 }), FILE, options);
    const p = c.figures.find((f) => f.id === 'pAnyShortfall')!;
    expect(p.passed).toBe(true);
    expect(p.basis).toBe('abs tolerance');
    expect(p.allowed).toBe(0.5);
  });

  it('judges a coverage ratio by an assumed per-path CV of 1, or the relative tolerance if larger', () => {
    const changed = structuredClone(syntheticResults({ seed: '2', paths: 2000 }));
    const base30 = baseline.coverage['30d'].value!;
    const coverage30 = (ratio: number, relTolerance = 0.1) => {
      changed.summary.regulatory!.basel.ratio = ratio;
      return compareWithBaseline(baseline, changed, FILE, { ...options, relTolerance }).figures.find((f) => f.id === 'coverage.30d')!;
    };
    // 2000 paths on each side: 4 * sqrt(1/2000 + 1/2000) = 12.65% of the baseline value.
    expect(coverage30(base30 * 1.12)).toMatchObject({ passed: true, basis: '4 SE, approx.', z: null });
    expect(coverage30(base30 * 1.12).allowed).toBeCloseTo(base30 * 4 * Math.sqrt(2 / 2000), 9);
    expect(coverage30(base30 * 1.13).passed).toBe(false);
    expect(coverage30(base30 * 1.19, 0.2)).toMatchObject({ passed: true, basis: 'rel 20%, no SE' });
  });

  it('lets a first-shortfall date quantile move by the window days', () => {
    const changed = structuredClone(syntheticResults({ seed: '2', paths: 2000 }));
    const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
    const base = baseline.headline.firstShortfallP50!.value;
    changed.summary.firstShortfall.quantiles!.p50 = shift(base, 3);
    changed.summary.firstShortfall.distribution = [{ date: shift(base, 3), paths: 1000, probability: 0.5 }];
    const ok = compareWithBaseline(baseline, changed, FILE, options).figures.find((f) => f.id === 'firstShortfallP50')!;
    expect(ok).toMatchObject({ passed: true, difference: 3 });
    changed.summary.firstShortfall.quantiles!.p50 = shift(base, 4);
    changed.summary.firstShortfall.distribution = [{ date: shift(base, 4), paths: 1000, probability: 0.5 }];
    const bad = compareWithBaseline(baseline, changed, FILE, options).figures.find((f) => f.id === 'firstShortfallP50')!;
    expect(bad).toMatchObject({ passed: false, difference: 4 });
  });
});

describe('first-shortfall date quantiles in separate waves', () => {
  // First shortfalls in two waves a month apart (a maturity wave, then the next), 1,600 shortfall
  // paths. In the baseline 96% fall in the first wave, now 94%: a difference of 2.6 standard errors
  // of rank, ordinary noise, but the 95th percentile moves from the first wave into the second. Each
  // run's own order-statistic interval stays inside its wave, so in days the move looks like many
  // standard errors.
  const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
  const start = reference.meta.run.startDate;
  const withWaves = (seed: string, firstDay: number, perDayFirst: number, secondDay: number, perDaySecond: number): Results => {
    const r = structuredClone(syntheticResults({ seed, paths: 4000 }));
    const distribution: Results['summary']['firstShortfall']['distribution'] = [];
    for (let d = 0; d < 16; d++) distribution.push({ date: shift(start, firstDay + d), paths: perDayFirst, probability: perDayFirst / 4000 });
    for (let d = 0; d < 8; d++) distribution.push({ date: shift(start, secondDay + d), paths: perDaySecond, probability: perDaySecond / 4000 });
    const n = distribution.reduce((sum, x) => sum + x.paths, 0);
    let cumulative = 0;
    const quantile = (q: number) => distribution.find((x) => (cumulative += x.paths) >= q * n)!.date;
    r.summary.pAnyShortfall.estimate = n / 4000;
    r.summary.firstShortfall.paths = n;
    r.summary.firstShortfall.distribution = distribution;
    cumulative = 0;
    const p95 = quantile(0.95);
    r.summary.firstShortfall.quantiles = { p5: distribution[0].date, p50: distribution[8].date, p95 };
    return r;
  };
  const wavesBaseline = baselineFromResults(withWaves('1', 10, 96, 42, 8), FILE); // 1536 + 64 paths
  const p95 = (r: Results) => compareWithBaseline(wavesBaseline, r, FILE, options).figures.find((f) => f.id === 'firstShortfallP95')!;

  it('passes a jump of the 95th percentile across the gap when the ranks agree', () => {
    expect(wavesBaseline.headline.firstShortfallP95).toEqual({ value: shift(start, 25), seDays: 0 });
    const check = p95(withWaves('2', 10, 94, 42, 12)); // 1504 + 96 paths
    expect(check.now).toBe(shift(start, 43));
    expect(check).toMatchObject({ passed: true, difference: 18, basis: '4 SE in rank' });
    expect(check.z!).toBeGreaterThan(1);
    expect(check.z!).toBeLessThan(1.5);
  });

  it('fails when the waves themselves move', () => {
    const check = p95(withWaves('2', 50, 94, 82, 12));
    expect(check).toMatchObject({ passed: false, difference: 58 });
    expect(check.z!).toBeGreaterThan(4);
  });
});

describe('tail amounts', () => {
  it('get approximate standard errors from an exponential tail fitted to p95 and p99', () => {
    // p99 - p95 = s ln 5 with s = 10; n = 100: SE(p95) = sqrt(0.95 * 0.05 / 100) * s / 0.05.
    const headline = {
      ...baseline.headline,
      pAnyShortfall: { value: 0.5, se: 0.05 },
      p95Peak: { value: 100 },
      p99Peak: { value: 100 + 10 * Math.log(5) },
      tailMean95: { value: 110 },
    };
    // Each widened by the margin of 1.5.
    const se = tailStandardErrors(headline, 100);
    expect(se.p95Peak).toBeCloseTo(1.5 * Math.sqrt(0.0475 / 100) * 200, 9);
    expect(se.p99Peak).toBeCloseTo(1.5 * Math.sqrt(0.0099 / 100) * 1000, 9);
    expect(se.tailMean95).toBeCloseTo(1.5 * Math.sqrt((100 + 0.95 * 100) / 5), 9);
    // At most 5% of paths short: the tail mean is expectedPeak / 0.05 (no margin: that is exact).
    const rare = { ...headline, pAnyShortfall: { value: 0.04, se: 0.01 }, expectedPeak: { value: 3, se: 0.5 } };
    expect(tailStandardErrors(rare, 100).tailMean95).toBeCloseTo(10, 9);
  });

  it('are not failed when pAnyShortfall is within noise of the tail share', () => {
    const edge = (p95: number, pAny: number): Results => {
      const r = structuredClone(reference);
      r.summary.pAnyShortfall = { estimate: pAny, standardError: Math.sqrt((pAny * (1 - pAny)) / 2000), ci95: [0, 1] };
      r.summary.shortfall.p95Peak = p95;
      r.summary.shortfall.p99Peak = 50_000;
      return r;
    };
    const base = baselineFromResults(edge(0, 0.049), FILE);
    const jumped = { ...edge(30_000, 0.051), meta: { ...reference.meta, run: { ...reference.meta.run, seed: '2' } } };
    const check = compareWithBaseline(base, jumped, FILE, options).figures.find((f) => f.id === 'p95Peak')!;
    expect(check.passed).toBe(true);
    expect(check.note).toMatch(/within noise of 5%/);
    // Clearly fewer than 5% of paths short on both sides: the 95th percentile must stay zero.
    const rareBase = baselineFromResults(edge(0, 0.02), FILE);
    const rareJump = { ...edge(30_000, 0.021), meta: jumped.meta };
    expect(compareWithBaseline(rareBase, rareJump, FILE, options).figures.find((f) => f.id === 'p95Peak')!.passed).toBe(false);
  });
});

describe('windows', () => {
  // 2000 paths and a 1% threshold: one combined standard error near the threshold is about 0.3%.
  const profile = (ranges: [number, number, number][]) => (day: number) =>
    ranges.find(([from, to]) => day >= from && day <= to)?.[2] ?? 0;
  const base = baselineFromResults(withShortfallProbabilities(reference, profile([[20, 30, 0.2]])), FILE);
  const windowChecks = (ranges: [number, number, number][]) =>
    compareWithBaseline(base, withShortfallProbabilities(reference, profile(ranges), '2'), FILE, options).figures.filter(
      (f) => f.group === 'windows',
    );

  it('may move a boundary by the window days', () => {
    const [w] = windowChecks([[20, 32, 0.2]]);
    expect(w).toMatchObject({ baseline: '2020-01-22..2020-02-01', now: '2020-01-22..2020-02-03', difference: 2, passed: true });
    expect(w.note).toBe('end +2 d');
  });

  it('fails a boundary that moved further on dates clearly above the threshold', () => {
    const [w] = windowChecks([[20, 40, 0.2]]);
    expect(w.passed).toBe(false);
    expect(w.note).toMatch(/^end \+10 d; on 2020-02-02 P\(shortfall\) is 20%, beyond noise of the 1% threshold/);
  });

  it('accepts a long move when the moved dates are within noise of the threshold', () => {
    const [w] = windowChecks([
      [20, 30, 0.2],
      [31, 40, 0.011],
    ]);
    expect(w.passed).toBe(true);
    expect(w.note).toBe('end +10 d; the moved dates are within noise of the threshold');
  });

  it('accepts a split whose gap is within noise, and fails one that is not', () => {
    const [split] = windowChecks([
      [20, 24, 0.2],
      [25, 25, 0.009],
      [26, 30, 0.2],
    ]);
    expect(split).toMatchObject({ now: '2020-01-22..2020-01-26, 2020-01-28..2020-02-01', passed: true });
    const [broken] = windowChecks([
      [20, 24, 0.2],
      [26, 30, 0.2],
    ]);
    expect(broken.passed).toBe(false);
  });

  it('accepts a new window whose peak is within noise of the threshold, and fails a real one', () => {
    const noise = windowChecks([
      [20, 30, 0.2],
      [45, 47, 0.012],
    ]);
    expect(noise[1]).toMatchObject({ baseline: null, now: '2020-02-16..2020-02-18', passed: true });
    expect(noise[1].note).toMatch(/^appeared; peak 1.2% is within noise/);
    const real = windowChecks([
      [20, 30, 0.2],
      [45, 47, 0.05],
    ]);
    expect(real[1]).toMatchObject({ passed: false });
  });

  it('fails a window that disappeared', () => {
    const [w] = windowChecks([]);
    expect(w).toMatchObject({ baseline: '2020-01-22..2020-02-01', now: null, passed: false });
    expect(w.note).toMatch(/^disappeared; peak 20% is beyond noise/);
  });

  it('are not comparable when the threshold changed', () => {
    const changed = withShortfallProbabilities(reference, profile([[20, 30, 0.2]]), '2');
    changed.meta.run.shortfallThreshold = 0.05;
    const [w] = compareWithBaseline(base, changed, FILE, options).figures.filter((f) => f.group === 'windows');
    expect(w.passed).toBe(false);
    expect(w.note).toMatch(/threshold changed from 1% to 5%/);
  });
});
