/**
 * `liqsim check` of the bundled scenarios inside `npm test`: the library's `checkScenarios` runs every
 * scenario in scenarios/ and compares it with its committed baseline in reports/baselines, as
 * `.ci/run` does with the CLI. Same scenario, seed and paths, so the comparison is exact: any change to
 * the model, the random streams or the statistics moves a figure and fails here first (a legitimate
 * change refreshes the baselines in its own commit: docs/check.md).
 *
 * One thread: `npm test` already runs test files side by side; results never depend on the thread count.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASELINES_DIR, DEFAULT_K, DEFAULT_WINDOW_DAYS, defaultScenarioFiles } from '../../src/check/index.js';
import { checkScenarios } from '../../src/index.js';
import { renderTerminal } from '../../src/check/render.js';

describe('liqsim check of the bundled scenarios', () => {
  it('every figure of every bundled scenario equals its committed baseline', async () => {
    const files = await defaultScenarioFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const report = await checkScenarios(files, { baselinesDir: DEFAULT_BASELINES_DIR, update: false, k: DEFAULT_K, windowDays: DEFAULT_WINDOW_DAYS, threads: 1 });
    for (const s of report.scenarios) {
      expect({ file: s.file, status: s.status, error: s.error }).toEqual({ file: s.file, status: 'pass', error: undefined });
      expect(s.comparison?.mode, s.file).toBe('exact');
      const moved = s.comparison!.figures.filter((f) => !f.passed || f.moved).map((f) => `${f.id}${f.date ? ` ${f.date}` : ''}: ${f.baseline} -> ${f.now}`);
      expect(moved, s.file).toEqual([]);
      expect(s.comparison!.figures.length, s.file).toBeGreaterThan(50);
    }
    expect(report.exitCode).toBe(0);
  }, 120_000);

  it('the bundled suite\'s figures and paired deltas equal its committed baseline (reports/baselines/suites/bundled.json)', async () => {
    const report = await checkScenarios(['suites/bundled.yaml'], { baselinesDir: DEFAULT_BASELINES_DIR, update: false, k: DEFAULT_K, windowDays: DEFAULT_WINDOW_DAYS, threads: 1 });
    const s = report.scenarios[0];
    expect({ status: s.status, error: s.error }).toEqual({ status: 'pass', error: undefined });
    expect(s.baselineFile).toBe('reports/baselines/suites/bundled.json');
    expect(s.comparison?.mode).toBe('exact');
    expect(s.comparison!.figures.filter((f) => f.moved).map((f) => `${f.id}: ${f.baseline} -> ${f.now}`)).toEqual([]);
    // 7 members: 4 figures, and 4 deltas with their SEs and the windows for each of them; the 6 with a
    // regulatory: key (all but going-concern-base): 6 ratio figures (LCR2 3m, LCR3 3m, Basel-style
    // 30-day: mean and P(below floor)) and their deltas with SEs.
    expect(s.comparison!.figures).toHaveLength(7 * (4 + 1) + 7 * 4 * 2 + 6 * (6 + 6 * 2));
    expect(s.comparison!.figures.map((f) => f.id)).toContain('mass-lapse-40.Δlcr3_3m');
    // counted as a suite, not a scenario, in the summary line
    expect(renderTerminal(report).trimEnd().split('\n').at(-1)).toBe('1 suite: 1 passed, 0 failed, 0 errors');
    expect(renderTerminal({ ...report, scenarios: [...report.scenarios, { ...s, suite: undefined }] }).trimEnd().split('\n').at(-1)).toBe('1 scenario and 1 suite: 2 passed, 0 failed, 0 errors');
  }, 120_000);
});
