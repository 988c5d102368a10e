/**
 * Window levers (required liquidity). Hand-computed: cash 100 and a maturity of 150 due on day 10,
 * nothing else: every path is 50 short from day 10 to the end, one window (funding). Extra cash of
 * 50 arriving on day 10 pays it in full; 49.99 leaves it overdue. The search's answer is the upper
 * end of a bracket of relative width <= 1%, rounded up to a whole unit: between 50 and 51.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildModel } from '../engine/model-builder.js';
import { resultsWithLevers, windowLever } from '../../src/analysis/levers.js';
import { runScenario } from '../../src/results/run.js';
import { runToFolder } from '../../src/report/outputs.js';
import type { ShortfallWindow } from '../../src/results/types.js';

const window = (start: string, end: string, cause: ShortfallWindow['dominantCause']): ShortfallWindow => ({
  start,
  end,
  days: 10,
  peakProbability: 1,
  peakDate: start,
  maxExpectedShortfall: 50,
  maxExpectedShortfallDate: start,
  dominantCause: cause,
});

describe('window levers', () => {
  it('funding: 50 of extra cash on the window start clears a 50 shortfall (answer in [50, 51])', () => {
    const model = buildModel({ horizon: 20, cash: 100, paths: 4, cohorts: [{ value: 150, maturityDay: 10 }] });
    // model-builder starts on 2020-01-02 (epoch day 18263): day 10 is 2020-01-12.
    const lever = windowLever(model, window('2020-01-12', '2020-01-21', 'funding'));
    expect(lever.kind).toBe('funding');
    expect(lever.byDate).toBe('2020-01-12');
    expect(lever.found).toBe(true);
    expect(lever.amount).toBeGreaterThanOrEqual(50);
    expect(lever.amount).toBeLessThanOrEqual(51);
    expect(lever.achievedProbability).toBe(0);
    expect(lever.method).toMatch(/common random numbers on the first 4 of 4 paths/);
  });

  it('channel: a daily limit of 150 from the window start pays the maturity (limit 60 before)', () => {
    const model = buildModel({ horizon: 20, cash: 1000, paths: 2, cohorts: [{ value: 150, maturityDay: 10 }], channels: [{ bank: 'A', dailyLimit: 6000 }] });
    const lever = windowLever(model, window('2020-01-12', '2020-01-13', 'channel'));
    expect(lever).toMatchObject({ kind: 'channel', channel: 'A', found: true, achievedProbability: 0 });
    expect(lever.amount).toBeGreaterThanOrEqual(150);
    expect(lever.amount).toBeLessThanOrEqual(150 * 1.01 + 1);
  });

  it('a run with levers differs from one without only by the windows\' lever fields', async () => {
    const file = join(resolve(import.meta.dirname), '../check/fixtures/payout-wave.yaml');
    // The results stage (runScenario) does not search levers: analysis/ comes after results/.
    const { model, results: b } = await runScenario(file, { paths: 200 });
    const a = resultsWithLevers(model, b);
    expect(b.summary.windows.every((w) => w.lever === undefined)).toBe(true);
    expect(a.summary.windows.length).toBeGreaterThan(0);
    for (const w of a.summary.windows) expect(w.lever?.amount).toBeGreaterThan(0);
    expect(resultsWithLevers(model, b, { levers: false })).toBe(b);
    const stripped = { ...a, summary: { ...a.summary, windows: a.summary.windows.map(({ lever: _, ...w }) => w) } };
    expect(JSON.stringify(stripped)).toBe(JSON.stringify(b));
  });

  it('runToFolder (liqsim run) writes the levers by default and none with levers: false', async () => {
    const file = join(resolve(import.meta.dirname), '../check/fixtures/payout-wave.yaml');
    const base = { report: false, lang: 'en' as const, commandLine: 'test', paths: 200 };
    const withLevers = await runToFolder([file], { ...base, out: mkdtempSync(join(tmpdir(), 'liqsim-levers-')) });
    const without = await runToFolder([file], { ...base, out: mkdtempSync(join(tmpdir(), 'liqsim-levers-')), levers: false });
    const written = (r: typeof withLevers) => JSON.parse(readFileSync(join(r.out, r.runs[0].dirName, 'results.json'), 'utf8')) as { summary: { windows: { lever?: unknown }[] } };
    expect(written(withLevers).summary.windows.length).toBeGreaterThan(0);
    expect(written(withLevers).summary.windows.every((w) => w.lever !== undefined)).toBe(true);
    expect(written(without).summary.windows.every((w) => w.lever === undefined)).toBe(true);
  });
});
