import { describe, expect, it } from 'vitest';
import {
  baselineFromResults,
  firstShortfallQuantile,
  parseBaseline,
  serializeBaseline,
} from '../../src/check/baseline.js';
import { LiqsimError } from '../../src/errors.js';
import { syntheticResults } from './fixture.js';

const results = syntheticResults({ seed: '1', paths: 1000 });
const baseline = baselineFromResults(results, 'scenarios/synthetic.yaml');

describe('baselineFromResults', () => {
  it('keeps the run identity the comparison mode depends on', () => {
    expect(baseline.run).toMatchObject({
      seed: '1',
      paths: 1000,
      toolVersion: '0.1.0',
      resultsSchemaVersion: 3,
      engine: { generator: 'synthetic', pathStream: 'seedrandom(seed)', blockSize: 1000 },
    });
    expect(baseline.scenario).toEqual({ file: 'synthetic.yaml', name: 'Synthetic', sha256: 'sha-capacity-1000000', currency: 'CNY' });
  });

  it('gives pAnyShortfall and expectedPeak their standard errors, and the daily proportion its binomial SE', () => {
    expect(baseline.headline.pAnyShortfall).toEqual({
      value: results.summary.pAnyShortfall.estimate,
      se: results.summary.pAnyShortfall.standardError,
    });
    expect(baseline.headline.expectedPeak.se).toBe(results.summary.shortfall.expectedPeak.standardError);
    const day = baseline.daily.find((d) => (d.pShortfall.value ?? 0) > 0)!;
    const p = day.pShortfall.value!;
    // Binomial SE sqrt(p (1 - p) / n), rounded to 1e-6.
    expect(day.pShortfall.se).toBeCloseTo(Math.sqrt((p * (1 - p)) / 1000), 6);
    const row = results.daily.find((r) => r.date === day.date)!;
    expect(day.expectedShortfall).toEqual({ value: row.expectedShortfall, se: row.expectedShortfallSE });
  });

  it('samples every 7th day, the last day and each window start, peak and end', () => {
    const dates = new Set(baseline.daily.map((d) => d.date));
    results.daily.forEach((row, i) => {
      if (i % 7 === 0 || i === results.daily.length - 1) expect(dates.has(row.date)).toBe(true);
    });
    expect(results.summary.windows.length).toBeGreaterThan(0);
    for (const w of results.summary.windows) {
      expect(dates.has(w.start) && dates.has(w.peakDate) && dates.has(w.end)).toBe(true);
    }
    expect(baseline.daily.length).toBeLessThan(results.daily.length / 3);
  });
});

describe('firstShortfallQuantile', () => {
  it('brackets the quantile by the dates at ranks q ± sqrt(q(1-q)/n)', () => {
    // 100 paths, 25 on each of four days. q = 0.5: spread = sqrt(0.25 / 100) = 0.05, so ranks 45
    // and 55 fall on the 2nd and 3rd day: one day apart, half a day each side.
    const distribution = ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04'].map((date) => ({ date, paths: 25 }));
    expect(firstShortfallQuantile('2020-01-02', 0.5, distribution)).toEqual({ value: '2020-01-02', seDays: 0.5 });
    // All paths on one day: no spread.
    expect(firstShortfallQuantile('2020-01-01', 0.5, [{ date: '2020-01-01', paths: 40 }])).toEqual({ value: '2020-01-01', seDays: 0 });
  });
});

describe('serializeBaseline', () => {
  const text = serializeBaseline(baseline);

  it('round-trips through parseBaseline', () => {
    expect(parseBaseline(text, 'x.json')).toEqual(JSON.parse(text));
    expect(serializeBaseline(parseBaseline(text, 'x.json'))).toBe(text);
  });

  it('sorts keys, indents by two spaces, keeps figures on one line and ends with a newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    const topKeys = [...text.matchAll(/^ {2}"(\w+)":/gm)].map((m) => m[1]);
    expect(topKeys).toEqual([...topKeys].sort());
    expect(topKeys).toEqual(['coverage', 'daily', 'headline', 'run', 'scenario', 'schema', 'version', 'windows']);
    expect(text).toMatch(/^ {4}"pAnyShortfall": \{ "se": [\d.e-]+, "value": [\d.e-]+ \},?$/m);
  });

  it('rounds probabilities to 1e-6 and money to the cent', () => {
    const parsed = JSON.parse(text);
    for (const day of parsed.daily) {
      expect(Math.round(day.pShortfall.value * 1e6) / 1e6).toBe(day.pShortfall.value);
      expect(Math.round(day.expectedShortfall.value * 100) / 100).toBe(day.expectedShortfall.value);
    }
  });
});

describe('parseBaseline', () => {
  const valid = JSON.parse(serializeBaseline(baseline));

  function issueOf(data: unknown): { message: string; path: (string | number)[]; found?: string } {
    try {
      parseBaseline(typeof data === 'string' ? data : JSON.stringify(data), 'b.json');
    } catch (error) {
      expect(error).toBeInstanceOf(LiqsimError);
      const e = error as LiqsimError;
      expect(e.exitCode).toBe(2);
      return e.issues[0] ?? { message: e.message, path: [] };
    }
    throw new Error('expected parseBaseline to fail');
  }

  it('accepts hand-set tolerances for known figures', () => {
    const withTolerances = { ...valid, tolerances: { pAnyShortfall: { abs: 0.01 }, 'coverage.30d': { rel: 0.02 }, 'daily.expectedShortfall': { abs: 5, rel: 0.1 } } };
    expect(parseBaseline(JSON.stringify(withTolerances), 'b.json').tolerances).toEqual(withTolerances.tolerances);
  });

  it('names a misspelt tolerance figure', () => {
    const issue = issueOf({ ...valid, tolerances: { pAnyShortfal: { abs: 0.01 } } });
    expect(issue.path).toEqual(['tolerances', 'pAnyShortfal']);
    expect(issue.found).toBe('pAnyShortfal');
  });

  it('names the key path of a wrong type', () => {
    const broken = structuredClone(valid);
    broken.headline.expectedPeak.value = 'lots';
    expect(issueOf(broken).path).toEqual(['headline', 'expectedPeak', 'value']);
  });

  it('rejects text that is not JSON', () => {
    expect(issueOf('{ "schema": ').message).toMatch(/b\.json: not valid JSON/);
  });
});
