/**
 * The reverse stress test's monotonicity detector (research note 8.x: "a fixture where a
 * backlog-triggered relaxation makes a larger wave clear earlier reports >= 1 non-monotone path").
 * Fixture: tests/analysis/fixtures/relaxation-wave.yaml (its comment computes the cases by hand): a
 * mass lapse of W = share x 100 bn against a channel of 1 bn a day, 2 days of grace, a limit raised
 * to 20 bn a day once the backlog exceeds 5 bn. Over the log grid of mass_lapse.share in 0.001..0.5
 * (8 points: 0.001, 0.00243, 0.00590, 0.01434, 0.03486, 0.08469, 0.20580, 0.5), W = 3.49 bn goes
 * overdue (no trigger), W = 8.47 bn and 20.6 bn trigger the relaxation and clear in time, W = 50 bn
 * is overdue again: every path turns back between 0.03486 and 0.08469.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/model/load.js';
import { PairedRunner } from '../../src/analysis/pool.js';
import { reverseStress } from '../../src/analysis/reverse.js';
import { applyPreset, parseLeverKey } from '../../src/analysis/variants.js';
import { parseTarget } from '../../src/analysis/target.js';
import { reverseHtml } from '../../src/report/reverse-html.js';

const file = join(import.meta.dirname, 'fixtures/relaxation-wave.yaml');
const options = { lever: parseLeverKey('mass_lapse.share'), target: parseTarget('pAnyShortfall >= 0.5'), low: 0.001, high: 0.5 };

describe('monotonicity detector', () => {
  it('reports every path of the triggered-relaxation fixture as non-monotone, and where', async () => {
    const model = loadScenario(file).model;
    const r = await reverseStress(model, new PairedRunner(1), options);
    const grid = r.monotonicity;
    expect(grid.nonMonotonePaths).toBe(model.paths);
    expect(grid.examplePaths).toEqual([0, 1, 2, 3]);
    // The one grid step where paths turn back, and the target figure with them (1 -> 0).
    expect(grid.pathsAgainstByStep).toHaveLength(1);
    expect(grid.pathsAgainstByStep[0].from).toBeCloseTo(0.001 * 500 ** (4 / 7), 12);
    expect(grid.pathsAgainstByStep[0].to).toBeCloseTo(0.001 * 500 ** (5 / 7), 12);
    expect(grid.pathsAgainstByStep[0].paths).toBe(4);
    expect(grid.nonMonotoneSteps).toEqual([[grid.pathsAgainstByStep[0].from, grid.pathsAgainstByStep[0].to]]);
    // The search still brackets the first breach: a wave just above 3 bn (share 0.03).
    expect(r.found).toBe(true);
    expect(r.kStar!).toBeGreaterThan(0.03);
    expect(r.kStar!).toBeLessThanOrEqual(0.03 * 1.01);

    const html = await reverseHtml({ ...r, scenario: 'fixture', seed: model.seed, paths: model.paths }, 'liqsim test', 'liqsim reverse ...');
    expect(html).toContain('Not monotone: 4 path(s) go against the search');
    expect(html).toContain('path 0 between 0.034855 and 0.084691');
    expect(html).toMatch(/<td>0\.034855<\/td>\s*<td>0\.084691<\/td>\s*<td>4<\/td>/);
  });

  it('reports 0 when the relaxation is never agreed (the same fixture, monotone)', async () => {
    const model = applyPreset(loadScenario(file).model, { limits_never_relaxed: true });
    const r = await reverseStress(model, new PairedRunner(1), options);
    expect(r.monotonicity.nonMonotonePaths).toBe(0);
    expect(r.monotonicity.pathsAgainstByStep).toEqual([]);
    expect(r.monotonicity.nonMonotoneSteps).toEqual([]);
    const html = await reverseHtml({ ...r, scenario: 'fixture', seed: model.seed, paths: model.paths }, 'liqsim test', 'liqsim reverse ...');
    expect(html).toContain('Monotone on the 8-point grid');
  });
});
