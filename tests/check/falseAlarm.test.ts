import { describe, expect, it } from 'vitest';
import { measureFalseAlarms, renderFalseAlarm, twoSidedNormalTail } from '../../src/check/falseAlarm.js';
import { syntheticResults } from './fixture.js';

describe('twoSidedNormalTail', () => {
  it('matches normal tables', () => {
    // P(|Z| > 1.959964) = 0.05; P(|Z| > 3) = 0.0026998; P(|Z| > 4) = 6.3342e-5 (Abramowitz & Stegun 26.2).
    expect(twoSidedNormalTail(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedNormalTail(3)).toBeCloseTo(0.0026998, 6);
    expect(twoSidedNormalTail(4) / 6.3342e-5).toBeCloseTo(1, 4);
  });
});

describe('measureFalseAlarms', () => {
  it('compares runs at other seeds with one baseline and counts the failed runs', async () => {
    const seeds: string[] = [];
    const report = await measureFalseAlarms('synthetic.yaml', {
      seeds: 5,
      k: 4,
      windowDays: 3,
      relTolerance: 0.1,
      run: async (_file, options) => {
        seeds.push(options.seed ?? 'scenario seed');
        return syntheticResults({ paths: 1000, ...(options.seed === undefined ? {} : { seed: options.seed }) });
      },
    });
    expect(seeds).toEqual(['scenario seed', 'false-alarm-1', 'false-alarm-2', 'false-alarm-3', 'false-alarm-4', 'false-alarm-5']);
    expect(report).toMatchObject({ seeds: 5, failedRuns: 0, rate: 0, paths: 1000, baselineSeed: '1' });
    expect(report.impliedRate).toBeCloseTo(report.figuresWithSE * twoSidedNormalTail(4), 12);
    expect(renderFalseAlarm(report)).toContain('verdict: within the rate k implies');
  });

  it('counts a run as failed when any figure fails (k tiny)', async () => {
    const report = await measureFalseAlarms('synthetic.yaml', {
      seeds: 3,
      k: 0.01,
      windowDays: 0,
      relTolerance: 0,
      run: async (_file, options) => syntheticResults({ paths: 500, ...(options.seed === undefined ? {} : { seed: options.seed }) }),
    });
    expect(report.failedRuns).toBe(3);
    expect(report.failuresByFigure.pAnyShortfall).toBe(3);
    expect(renderFalseAlarm(report)).toMatch(/failed runs: 3 of 3 = 100\.00%/);
  });
});
