/**
 * `liqsim check` against the real engine, on a small fixture scenario (400 paths, 90 days, about
 * half a second a run): exact round trip, a reseeded run, a real change, and the false-alarm rate.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckOptions, type ScenarioRunner, checkScenarios, engineRunner, renderTerminal } from '../../src/check/index.js';
import { measureFalseAlarms } from '../../src/check/falseAlarm.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'payout-wave.yaml');

/** A private copy of the fixture scenario (so a test may edit it) and an empty baselines directory. */
function workspace(): { scenario: string; options: CheckOptions } {
  const dir = mkdtempSync(join(tmpdir(), 'liqsim-check-engine-'));
  const scenario = join(dir, 'payout-wave.yaml');
  copyFileSync(FIXTURE, scenario);
  return { scenario, options: { baselinesDir: join(dir, 'baselines'), update: false, k: 4, windowDays: 3 } };
}

describe('liqsim check on the engine', () => {
  it('passes an unchanged scenario in exact mode and leaves the baseline unchanged', async () => {
    const { scenario, options } = workspace();
    const written = await checkScenarios([scenario], { ...options, update: true });
    expect(written.scenarios[0].update?.outcome).toBe('created');
    const file = join(options.baselinesDir, 'payout-wave.json');
    const before = readFileSync(file, 'utf8');
    const baseline = JSON.parse(before);
    expect(baseline.run).toMatchObject({ seed: '20200225', paths: 400, engine: { generator: expect.any(String), blockSize: expect.any(Number) } });
    expect(baseline.windows.length).toBeGreaterThan(0);

    const report = await checkScenarios([scenario], options);
    expect(report.exitCode).toBe(0);
    expect(report.scenarios[0].comparison).toMatchObject({ mode: 'exact', passed: true, scenarioChanged: false });
    expect(report.scenarios[0].comparison!.figures.every((f) => !f.moved)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before);
  }, 30_000);

  it('passes a change of seed in statistical mode', async () => {
    const { scenario, options } = workspace();
    await checkScenarios([scenario], { ...options, update: true });
    const reseeded: ScenarioRunner = (file, o) => engineRunner(file, { ...o, seed: '7' });
    const report = await checkScenarios([scenario], { ...options, run: reseeded });
    const comparison = report.scenarios[0].comparison!;
    expect(comparison.mode).toBe('statistical');
    expect(comparison.modeReason).toBe('seed 7 (baseline 20200225)');
    expect(comparison.figures.filter((f) => !f.passed)).toEqual([]);
    expect(report.exitCode).toBe(0);
  }, 30_000);

  it('fails a smaller credit line with exit 1 and names the moved figures', async () => {
    const { scenario, options } = workspace();
    await checkScenarios([scenario], { ...options, update: true });
    const text = readFileSync(scenario, 'utf8');
    const smaller = text.replace('limit: 4_000_000_000', 'limit: 1_000_000_000');
    expect(smaller).not.toBe(text);
    writeFileSync(scenario, smaller);

    const report = await checkScenarios([scenario], options);
    expect(report.exitCode).toBe(1);
    const comparison = report.scenarios[0].comparison!;
    expect(comparison.mode).toBe('exact');
    expect(comparison.scenarioChanged).toBe(true);
    const failedIds = new Set(comparison.figures.filter((f) => !f.passed).map((f) => f.id));
    for (const id of ['pAnyShortfall', 'expectedPeak', 'daily.pShortfall', 'daily.expectedShortfall']) expect(failedIds.has(id), id).toBe(true);
    expect(comparison.notes.join('\n')).toContain('beyond Monte Carlo noise as well');

    const log = renderTerminal(report);
    expect(log).toMatch(/^FAIL {2}.*payout-wave\.yaml {2}exact: same seed 20200225, 400 paths/m);
    expect(log).toContain('scenario changed since the baseline');
    expect(log).toMatch(/^ +pAnyShortfall +\d+\.\d{4}% +\d+\.\d{4}% +\+\d+\.\d{4} pp/m);
  }, 30_000);

  it('raises no false alarm over 10 seeds at k = 4', async () => {
    const report = await measureFalseAlarms(FIXTURE, { seeds: 10, k: 4, windowDays: 3, relTolerance: 0.1 });
    expect(report.paths).toBe(400);
    expect(report.failuresByFigure).toEqual({});
    expect(report.failedRuns).toBe(0);
    expect(report.figuresWithSE).toBeGreaterThan(20);
  }, 60_000);
});
