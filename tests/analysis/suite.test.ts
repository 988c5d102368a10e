/**
 * Suites with common random numbers (research note 8.2 tests 1-3): the base member is the same bytes
 * as a standalone run, a member identical to the base has every delta and SE exactly 0, pairing
 * shrinks the standard error, and the annual-rate preset converts after multiplying.
 */
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { readSuite } from '../../src/analysis/suite-file.js';
import { runSuite, suiteJson } from '../../src/analysis/suite.js';
import { PairedRunner } from '../../src/analysis/pool.js';
import { applyPreset } from '../../src/analysis/variants.js';
import { runScenario } from '../../src/results/run.js';
import { resultsWithLevers } from '../../src/analysis/levers.js';
import { resultsJson } from '../../src/results/write.js';
import { FIGURE_KEYS, pairedDelta } from '../../src/analysis/paired.js';
import { LiqsimError } from '../../src/errors.js';
import { buildModel } from '../engine/model-builder.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const suiteFile = join(resolve(import.meta.dirname), 'fixtures/suite.yaml');

describe('liqsim suite', async () => {
  const spec = readSuite(suiteFile);
  const runs = await runSuite(spec, new PairedRunner(1));
  const json = suiteJson(spec, runs);
  const by = (name: string) => json.members.find((m) => m.name === name)!;

  it('the base member is byte-identical to a standalone run with the same seed and paths', async () => {
    // As `liqsim run` writes it: the results stage, then the window levers (report/outputs.ts).
    const { model, results } = await runScenario(spec.members[0].file, { seed: '7', paths: 300 });
    expect(resultsJson(runs[0].results)).toBe(resultsJson(resultsWithLevers(model, results)));
  });

  it('a member identical to the base has every delta 0 and every SE 0, exactly', () => {
    const same = by('same');
    for (const k of FIGURE_KEYS) {
      const d = same.deltas![k];
      // firstShortfallP5 and p99Peak are quantiles: their delta is 0 too, SE from batch means 0.
      expect(d.delta === 0 || d.delta === null).toBe(true);
      expect(d.se === 0 || d.se === null).toBe(true);
      expect(d.significant).toBe(false);
    }
    expect(same.daily.delta!.every((x) => x === 0)).toBe(true);
    expect(same.daily.se!.every((x) => x === 0)).toBe(true);
    expect(same.baseWindows!.every((w) => w.delta.delta === 0 && w.delta.se === 0)).toBe(true);
  });

  it('pairing: for cash -10% the paired SE is at most the unpaired one, and the delta is >= 0 on every path', () => {
    const base = runs[0].figures;
    const less = runs.find((r) => r.member.name === 'cash-less')!.figures;
    for (const k of ['pAnyShortfall', 'expectedPeak'] as const) {
      const d = pairedDelta(less, base, k);
      expect(d.delta!).toBeGreaterThan(0);
      expect(d.se!).toBeGreaterThan(0);
      expect(d.se!).toBeLessThanOrEqual(d.unpairedSe!);
    }
    // Less cash never helps a path here (the same draws, less money).
    for (let i = 0; i < base.paths; i++) expect(less.peakOverdue[i]).toBeGreaterThanOrEqual(base.peakOverdue[i]);
  });

  it('records presets in the member results and keeps the base resolved scenario for the others', () => {
    const lapse = runs.find((r) => r.member.name === 'lapse-x2')!;
    expect((lapse.results.meta.scenario.resolved as Record<string, unknown>).suite_presets).toEqual([{ annual_lapse_multiplier: 2, cap: 1 }]);
    expect(lapse.results.meta.scenario.sha256).not.toBe(runs[0].results.meta.scenario.sha256);
    expect(by('refuses').figures.pAnyShortfall!).toBeGreaterThanOrEqual(by('base').figures.pAnyShortfall!);
  });

  it('reports suite file problems at file:line:column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-suite-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'suite: x\nmembers:\n  - { name: a, file: a.yaml, presets: [ { premium_multiplier: -1 } ] }\n');
    try {
      readSuite(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LiqsimError);
      const issue = (error as LiqsimError).issues[0];
      expect(issue.location.file).toBe(bad);
      expect(issue.location.line).toBe(3);
      expect(issue.path.slice(0, 4)).toEqual(['members', 0, 'presets', 0]);
    }
  });
});

describe('suite overrides', () => {
  it('locates a bad override in the suite file: an unknown key and a wrong type, each at its line and column', async () => {
    const file = resolve(import.meta.dirname, 'fixtures/bad-overrides.yaml');
    const spec = readSuite(file);
    try {
      await runSuite(spec, new PairedRunner(1));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LiqsimError);
      const issues = (error as LiqsimError).issues;
      expect(issues.map((i) => [i.location, i.path])).toEqual([
        // `cahs` at its key: line 10, column 18 of `      funding: { cahs: 6e9 }`.
        [{ file, line: 10, column: 18 }, ['members', 1, 'overrides', 'funding', 'cahs']],
        // `plenty` at its value: line 14, column 15 of `        cash: plenty`.
        [{ file, line: 14, column: 15 }, ['members', 2, 'overrides', 'funding', 'cash']],
      ]);
      expect(issues[0].message).toMatch(/^member 'typo': /);
      // The scenario validator's own hint for the misspelt key.
      expect(`${issues[0].message} ${issues[0].hint ?? ''}`).toMatch(/cash/);
      expect(issues[1].message).toMatch(/^member 'wrong-type': /);
    }
  });
});

describe('stress presets', () => {
  const model = (r: number) => buildModel({ cohorts: [{ value: 1e9, maturityDay: 1000, product: { baseDailyHazard: 1 - Math.pow(1 - r, 1 / 365), baseAnnualRate: r } }] });

  it('annual-rate multiplier: r = 0.30, k = 2 gives the daily hazard 1 - 0.4^(1/365) = 0.0025072, not 2 (1 - 0.7^(1/365))', () => {
    const g = applyPreset(model(0.3), { annual_lapse_multiplier: 2 }).groups[0];
    expect(g.baseAnnualRate).toBeCloseTo(0.6, 15);
    expect(g.baseDailyHazard).toBeCloseTo(0.0025072, 7);
    expect(g.baseDailyHazard).not.toBeCloseTo(2 * (1 - Math.pow(0.7, 1 / 365)), 5); // 0.0019534
  });

  it('annual-rate multiplier caps at 1: r = 0.6, k = 2 surrenders everything on the first day (hazard 1)', () => {
    const g = applyPreset(model(0.6), { annual_lapse_multiplier: 2, cap: 1 }).groups[0];
    expect(g.baseAnnualRate).toBe(1);
    expect(g.baseDailyHazard).toBe(1);
  });

  it('a refused line keeps its draw (fail probability 1); limits never relaxed keep triggered draws at probability 0', () => {
    const m = buildModel({ creditLines: [{ bank: 'A', limit: 100 }], changes: [{ kind: 'triggered', backlogAbove: 1, afterDays: 0, probability: 0.7, channel: 0, limits: { dailyLimit: 5 } }, { kind: 'dated', day: 3, channel: 0, limits: { dailyLimit: 5 } }] });
    expect(applyPreset(m, { line_refused: 'A' }).funding.creditLines[0].failProbability).toBe(1);
    const never = applyPreset(m, { limits_never_relaxed: true }).payments.changes;
    expect(never).toEqual([{ kind: 'triggered', backlogAbove: 1, afterDays: 0, probability: 0, channel: 0, limits: { dailyLimit: 5 } }]);
  });
});

describe('mass-lapse preset', () => {
  it('surrender requests on the date = 40% of in-force value x (1 - charge), to the cent: 1,000 x 0.4 x 0.9 = 360.00', async () => {
    const { PathSimulator, FIELD, fieldsPerDay } = await import('../../src/engine/kernel.js');
    const base = buildModel({ horizon: 10, cash: 10_000, cohorts: [{ value: 1000, maturityDay: 1000, product: { surrenderCharge: 0.1 } }] });
    const model = applyPreset(base, { mass_lapse: { date: '2020-01-07', share: 0.4 } }); // day 5 (model-builder starts on 2020-01-02, epoch day 18263)
    const F = fieldsPerDay(model);
    const sink = { acc: new Float64Array(model.horizonDays * F), addHeadroom() {} };
    new PathSimulator(model).run(0, sink);
    const requests = Array.from({ length: model.horizonDays }, (_, d) => sink.acc[d * F + FIELD.requestSurrender]);
    expect(requests).toEqual([0, 0, 0, 0, 0, 36_000, 0, 0, 0, 0]);
  });
});
