/**
 * Regulatory ratios as analysis figures: per-path LCR2/LCR3/Basel-style ratios read through the
 * BlockRunner's per-path hook, their paired deltas in a sensitivity and a ratio floor as a reverse
 * stress target, against hand-computed answers.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../engine/model-builder.js';
import { hazard, surrenderModel } from './fixtures.js';
import { PairedRunner } from '../../src/analysis/pool.js';
import { figuresInProcess } from '../../src/analysis/figures.js';
import { figure } from '../../src/analysis/paired.js';
import { parseVary, sensitivity } from '../../src/analysis/sensitivity.js';
import { reverseStress } from '../../src/analysis/reverse.js';
import { parseLeverKey } from '../../src/analysis/variants.js';
import { checkTarget, parseTarget } from '../../src/analysis/target.js';
import { LiqsimError } from '../../src/errors.js';
import { readSuite } from '../../src/analysis/suite-file.js';
import { runSuite, suiteJson } from '../../src/analysis/suite.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const fixtures = join(resolve(import.meta.dirname), 'fixtures');

/**
 * Cash 100, a maturity of 150 due on day 10, nothing else, a 20-day horizon (every horizon covers
 * those 20 days). Over the horizon: inflows 0, outflows 150, no assets, so
 *   LCR3 = LCR2 = (0 + 100) / 150 = 0.666667 (floors 0.5 and 1),
 *   Basel-style = HQLA / net outflows = (100 − 0 buffer) / (150 − min(0, 0.75 · 150)) = 0.666667 (floor 1).
 * Cash 70: LCR3 = 70 / 150 = 0.466667, below its floor 0.5. Cash 120: 120 / 150 = 0.8.
 */
const maturityModel = () => buildModel({ horizon: 20, cash: 100, paths: 8, cohorts: [{ value: 150, maturityDay: 10 }] });

describe('ratio figures', () => {
  it('reads each path\'s ratios: LCR2 = LCR3 = Basel-style = 100 / 150, the same with totals as without', () => {
    const model = maturityModel();
    for (const withTotals of [false, true]) {
      const { figures } = figuresInProcess(model, withTotals, true);
      expect(figures.ratioFigures.map((f) => f.key)).toEqual(['lcr2_3m', 'lcr3_3m', 'lcr2_12m', 'lcr3_12m', 'basel30d']);
      for (const k of ['lcr2_3m', 'lcr3_3m', 'basel30d'] as const) expect(figure(figures, k)).toBeCloseTo(0.666667, 12);
      expect(figure(figures, 'pBelowFloor(lcr3_3m)')).toBe(0);
      expect(figure(figures, 'pBelowFloor(lcr2_3m)')).toBe(1);
      expect(figure(figures, 'pBelowFloor(basel30d)')).toBe(1);
    }
    // Without ratios asked, none are kept (and asking a ratio figure of such a run is an error).
    const plain = figuresInProcess(model, false).figures;
    expect(plain.ratios.length).toBe(0);
    expect(() => figure(plain, 'lcr3_3m')).toThrow(/kept no ratio lcr3_3m/);
  });

  it('gives the same bits read from a path\'s own sums (no totals) as from the engine\'s path statistics (with totals)', () => {
    const model = surrenderModel({ C: 1e9, V: 10e9, r: 0.06, T: 120, sigma: 0.35, paths: 300, seed: 'bits' });
    const a = figuresInProcess(model, false, true).figures.ratios;
    const b = figuresInProcess(model, true, true).figures.ratios;
    expect(a.length).toBe(300 * 5);
    expect(new Set(a).size).toBeGreaterThan(300);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('sensitivity: cash 70 / 120 moves LCR3 by −0.2 / +0.133333 exactly (SE 0) and P(LCR3 < 0.5) by +1 / 0', async () => {
    const model = maturityModel();
    const res = await sensitivity(model, [parseVary('funding.cash=70..120', model)], new PairedRunner(1), { scenario: 't', file: 't' });
    expect(res.figures.map((f) => f.key)).toEqual([
      'pAnyShortfall',
      'expectedPeak',
      'p99Peak',
      'firstShortfallP5',
      'lcr2_3m',
      'pBelowFloor(lcr2_3m)',
      'lcr3_3m',
      'pBelowFloor(lcr3_3m)',
      'basel30d',
      'pBelowFloor(basel30d)',
    ]);
    expect(res.base.lcr3_3m).toBe(0.666667);
    const e = res.bars[0].effects;
    // In millionths: 466667 − 666667 = −200000; 800000 − 666667 = 133333.
    expect([e.lcr3_3m.atLow, e.lcr3_3m.atHigh]).toEqual([0.466667, 0.8]);
    expect(e.lcr3_3m.low).toEqual({ delta: -0.2, se: 0, unpairedSe: 0, significant: true });
    expect(e.lcr3_3m.high).toEqual({ delta: 0.133333, se: 0, unpairedSe: 0, significant: true });
    expect(e['pBelowFloor(lcr3_3m)'].low.delta).toBe(1);
    expect(e['pBelowFloor(lcr3_3m)'].high.delta).toBe(0);
    // The Basel-style ratio counts the same cash above a zero buffer.
    expect(e.basel30d.high.delta).toBe(0.133333);
    expect(res.ranking.lcr3_3m).toEqual(['funding.cash']);
  });

  it('sensitivity without ratios: the four shortfall figures only', async () => {
    const model = maturityModel();
    const res = await sensitivity(model, [parseVary('funding.cash=70..120', model)], new PairedRunner(1), { scenario: 't', file: 't' }, 0, []);
    expect(res.figures.map((f) => f.key)).toEqual(['pAnyShortfall', 'expectedPeak', 'p99Peak', 'firstShortfallP5']);
  });
});

/**
 * The same case as a suite (fixtures/ratio-suite.yaml on fixtures/maturity-150.yaml, the comment there
 * works it by hand): every member runs with totals, so the ratios come from the engine's path
 * statistics; the deltas are those of the sensitivity above.
 */
describe('ratio deltas in a suite', async () => {
  const run = async (ratios?: string[]) => {
    const spec = { ...readSuite(join(fixtures, 'ratio-suite.yaml')), ratios };
    return suiteJson(spec, await runSuite(spec, new PairedRunner(1), undefined, { levers: false }));
  };
  const json = await run();
  const by = (name: string) => json.members.find((m) => m.name === name)!;

  it('by hand: cash 70 / 120 against 100 moves LCR3 by −0.2 / +0.133333 exactly (SE 0) and P(LCR3 < 0.5) by +1 / 0', () => {
    // sensitivity's defaults: LCR2 and LCR3 at the first C-ROSS horizon, the Basel-style ratio
    expect(json.ratioFigures.map((f) => [f.key, f.unit, f.floor])).toEqual([
      ['lcr2_3m', 'ratio', 1],
      ['pBelowFloor(lcr2_3m)', 'probability', 1],
      ['lcr3_3m', 'ratio', 0.5],
      ['pBelowFloor(lcr3_3m)', 'probability', 0.5],
      ['basel30d', 'ratio', 1],
      ['pBelowFloor(basel30d)', 'probability', 1],
    ]);
    expect(by('base').ratioFigures).toEqual({ lcr2_3m: 0.666667, 'pBelowFloor(lcr2_3m)': 1, lcr3_3m: 0.666667, 'pBelowFloor(lcr3_3m)': 0, basel30d: 0.666667, 'pBelowFloor(basel30d)': 1 });
    expect(by('base').ratioDeltas).toBeNull();
    const low = by('cash-70').ratioDeltas!;
    const high = by('cash-120').ratioDeltas!;
    expect(by('cash-70').ratioFigures!.lcr3_3m).toBe(0.466667);
    expect(by('cash-120').ratioFigures!.lcr3_3m).toBe(0.8);
    expect(low.lcr3_3m).toEqual({ delta: -0.2, se: 0, unpairedSe: 0, significant: true });
    expect(high.lcr3_3m).toEqual({ delta: 0.133333, se: 0, unpairedSe: 0, significant: true });
    expect(low['pBelowFloor(lcr3_3m)']).toEqual({ delta: 1, se: 0, unpairedSe: 0, significant: true });
    expect(high['pBelowFloor(lcr3_3m)']).toEqual({ delta: 0, se: 0, unpairedSe: 0, significant: false });
    // LCR2 (no HQLA but cash here) and the Basel-style ratio move with the same cash; both stay below 1.
    expect([low.lcr2_3m.delta, low.basel30d.delta, high.basel30d.delta]).toEqual([-0.2, -0.2, 0.133333]);
    expect([low['pBelowFloor(lcr2_3m)'].delta, high['pBelowFloor(basel30d)'].delta]).toEqual([0, 0]);
  });

  it('a member without a regulatory: key has null ratio figures and no ratio deltas (its shortfall figures as usual)', () => {
    const plain = by('no-regulatory-key');
    expect(plain.ratioFigures).toBeNull();
    expect(plain.ratioDeltas).toBeNull();
    expect(plain.figures).toEqual(by('base').figures);
    expect(plain.deltas!.expectedPeak).toEqual({ delta: 0, se: 0, unpairedSe: 0, significant: false });
  });

  it('--ratio picks the ratios (lcr3_12m), none gives none, an unknown one is refused naming the allowed', async () => {
    const twelve = await run(['lcr3_12m']);
    expect(twelve.ratioFigures.map((f) => f.key)).toEqual(['lcr3_12m', 'pBelowFloor(lcr3_12m)']);
    expect(twelve.members.find((m) => m.name === 'cash-70')!.ratioDeltas!.lcr3_12m.delta).toBe(-0.2);
    const none = await run(['none']);
    expect(none.ratioFigures).toEqual([]);
    expect(none.members.every((m) => m.ratioFigures === null && m.ratioDeltas === null)).toBe(true);
    await expect(run(['lcr3_6m'])).rejects.toThrow(/--ratio 'lcr3_6m' is not a ratio of this scenario; ratios: lcr2_3m, lcr3_3m, lcr2_12m, lcr3_12m, basel30d/);
  });

  it('the suite file\'s ratios: key picks them too (none: none); one the base does not compute is reported at its line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-ratio-suite-'));
    const write = (ratios: string) => {
      const file = join(dir, `s${ratios.length}.yaml`);
      const base = JSON.stringify(join(fixtures, 'maturity-150.yaml'));
      writeFileSync(file, `suite: S\nbase: ${base}\nmembers:\n  - { name: base }\n  - { name: cash-70, overrides: { funding: { cash: 70_000_000 } } }\nratios: ${ratios}\n`);
      return readSuite(file);
    };
    const twelve = write('[lcr3_12m]');
    expect(twelve.ratios).toEqual(['lcr3_12m']);
    const json = suiteJson(twelve, await runSuite(twelve, new PairedRunner(1), undefined, { levers: false }));
    expect(json.ratioFigures.map((f) => f.key)).toEqual(['lcr3_12m', 'pBelowFloor(lcr3_12m)']);
    expect(json.members[1].ratioDeltas!.lcr3_12m.delta).toBe(-0.2);
    const none = write('none');
    expect(suiteJson(none, await runSuite(none, new PairedRunner(1), undefined, { levers: false })).ratioFigures).toEqual([]);
    const bad = write('[lcr3_12m, lcr3_6m]');
    try {
      await runSuite(bad, new PairedRunner(1), undefined, { levers: false });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LiqsimError);
      const issues = (error as LiqsimError).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0].location).toEqual({ file: bad.file, line: 6, column: 20 });
      expect(issues[0].path).toEqual(['ratios', 1]);
      expect(issues[0].message).toMatch(/'lcr3_6m' is not a ratio of the base's scenario; ratios: lcr2_3m, lcr3_3m, lcr2_12m, lcr3_12m, basel30d, or 'none'/);
    }
  });
});

/**
 * Pairing of the suite's ratio deltas, on the check fixture (a lognormal surrender level and a shock
 * on about half the paths: each path's outflows, so its ratios, differ) with a regulatory: key.
 */
describe('ratio deltas in a suite are paired', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'liqsim-ratio-suite-'));
  const file = join(dir, 'suite.yaml');
  const wave = join(resolve(import.meta.dirname), '../check/fixtures/payout-wave.yaml');
  writeFileSync(
    file,
    [
      'suite: Paired ratios',
      'paths: 300',
      `base: ${JSON.stringify(wave)}`,
      'members:',
      '  - { name: base, role: base, overrides: { regulatory: {} } }',
      '  - { name: same, overrides: { regulatory: {} } }',
      '  - { name: cash-less, overrides: { regulatory: {}, funding: { cash: 9_450_000_000 } } }',
      '',
    ].join('\n'),
  );
  const spec = readSuite(file);
  const json = suiteJson(spec, await runSuite(spec, new PairedRunner(1), undefined, { levers: false }));
  const by = (name: string) => json.members.find((m) => m.name === name)!;

  it('a member identical to the base has every ratio delta 0 and SE 0, exactly, though the ratios vary over paths', () => {
    for (const f of json.ratioFigures) expect(by('same').ratioDeltas![f.key]).toEqual({ delta: 0, se: 0, unpairedSe: by('same').ratioDeltas![f.key].unpairedSe, significant: false });
    // the paths differ, so an unpaired comparison would see noise
    expect(by('same').ratioDeltas!.lcr3_3m.unpairedSe!).toBeGreaterThan(0.002);
  });

  it('cash −10%: LCR3 falls by 0.092 with a paired SE (0.0002) far below the unpaired one (0.0025)', () => {
    const d = by('cash-less').ratioDeltas!.lcr3_3m;
    expect(d.delta!).toBeLessThan(0);
    expect(d.significant).toBe(true);
    expect(d.se!).toBeGreaterThan(0);
    expect(d.se!).toBeLessThan(d.unpairedSe! / 5);
  });
});

/**
 * Reverse stress on a ratio floor (research note 8.3 set-up, ./fixtures.ts): C = 1e9 cash, V = 10e9
 * in force, T = 30 days, r = 0.06, h = 1 − (1 − r)^(1/365), one path, no noise. Surrender requests
 * over the horizon at level k: O(k) = V (1 − (1 − k h)^T); no inflows, no assets, so
 * LCR3 = C / O(k). LCR3 < 0.5 iff O(k) > 2C iff
 *   k* = (1 − (1 − 2C/V)^(1/T)) / h = (1 − 0.8^(1/30)) / 0.000169508 = 43.72;
 * the mean LCR2 (= LCR3 here) below 1 iff O(k) > C: k* = (1 − 0.9^(1/30)) / h = 20.683.
 */
describe('reverse stress on a ratio', () => {
  const kOf = (share: number) => (1 - Math.pow(1 - share, 1 / 30)) / hazard(0.06);

  it('pBelowFloor(lcr3_3m) >= 0.5 is first breached at k* = 43.72, within the 0.1% tolerance', async () => {
    expect(kOf(0.2)).toBeCloseTo(43.72, 2);
    const model = surrenderModel({ C: 1e9, V: 10e9, r: 0.06, T: 30 });
    const r = await reverseStress(model, new PairedRunner(1), { lever: parseLeverKey('surrender.level'), target: parseTarget('pBelowFloor(lcr3_3m) >= 0.5'), low: 1, high: 100, tolerance: 0.001 });
    expect(r.found).toBe(true);
    expect(r.direction).toBe('increasing');
    expect(Math.abs(r.kStar! - kOf(0.2)) / kOf(0.2)).toBeLessThanOrEqual(0.001);
    expect(r.bracket![0]).toBeLessThanOrEqual(kOf(0.2));
    expect(r.monotonicity.nonMonotonePaths).toBe(0);
    expect(r.monotonicity.perPathFigure).toBe('pBelowFloor(lcr3_3m)');
  });

  it('"lcr2_3m < 1" (a mean ratio, breached by small values) is first breached at k* = 20.683', async () => {
    const model = surrenderModel({ C: 1e9, V: 10e9, r: 0.06, T: 30 });
    const r = await reverseStress(model, new PairedRunner(1), { lever: parseLeverKey('surrender.level'), target: parseTarget('lcr2_3m < 1'), low: 1, high: 100, tolerance: 0.001 });
    expect(r.found).toBe(true);
    expect(r.direction).toBe('increasing');
    expect(Math.abs(r.kStar! - kOf(0.1)) / kOf(0.1)).toBeLessThanOrEqual(0.001);
    // The breach curve falls: the ratio at the breaching end is below 1, at the other above.
    const at = (k: number) => r.curve.find((p) => p.lever === k)!.value;
    expect(at(r.bracket![1])).toBeLessThan(1);
    expect(at(r.bracket![0])).toBeGreaterThanOrEqual(1);
    expect(r.monotonicity.nonMonotonePaths).toBe(0);
    expect(r.monotonicity.nonMonotoneSteps).toEqual([]);
  });
});

describe('target grammar', () => {
  it('parses ratio targets and all four comparisons', () => {
    expect(parseTarget('lcr2_3m < 1.0')).toEqual({ figure: 'lcr2_3m', op: '<', value: 1, text: 'lcr2_3m < 1' });
    expect(parseTarget(' pBelowFloor(lcr3_3m)>=0.05').text).toBe('pBelowFloor(lcr3_3m) >= 0.05');
    expect(parseTarget('basel30d <= 1.2').op).toBe('<=');
    expect(parseTarget('pAnyShortfall > 0.1').op).toBe('>');
  });

  it('names the bad figure, its column and the allowed figures', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LiqsimError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err(() => parseTarget('  lcr9_3m < 1'))).toMatch(/'lcr9_3m' \(column 3\) is not a figure: one of pAnyShortfall, maxDailyPOverdue, expectedPeak, p99Peak, a ratio/);
    expect(err(() => parseTarget('pAnyShortfall = 1'))).toMatch(/no comparison found/);
    expect(err(() => parseTarget('lcr2_3m < one'))).toMatch(/'one' \(column 11\) is not a number/);
    // A ratio at a horizon the scenario does not compute: the scenario's figures are listed.
    const model = maturityModel();
    expect(err(() => checkTarget(parseTarget('lcr2_6m < 1'), model))).toMatch(/no ratio lcr2_6m; figures: pAnyShortfall, maxDailyPOverdue, expectedPeak, p99Peak, lcr2_3m, lcr3_3m, lcr2_12m, lcr3_12m, basel30d, pBelowFloor\(lcr2_3m\)/);
  });
});
