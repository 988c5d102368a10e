/**
 * `liqsim check SUITE.yaml`: a suite's figures and paired deltas against a committed suite baseline.
 * Exact mode (same seed, paths, version, scenarios): any change fails. Statistical mode: a delta may
 * move by k combined paired SEs; hand-computed below.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkScenarios } from '../../src/check/index.js';
import { compareSuite, isSuiteFile, suiteBaselinePath, type SuiteBaseline } from '../../src/check/suite.js';

const suite = resolve(import.meta.dirname, '../analysis/fixtures/suite.yaml');
const options = { k: 4, windowDays: 3, relTolerance: 0.1 };

describe('suite check', () => {
  it('tells suite files from scenarios', () => {
    expect(isSuiteFile(suite)).toBe(true);
    expect(isSuiteFile(resolve(import.meta.dirname, 'fixtures/payout-wave.yaml'))).toBe(false);
  });

  it('writes a suite baseline, passes against it exactly, and fails when a paired delta in it differs', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-suite-check-'));
    const created = await checkScenarios([suite], { baselinesDir: dir, update: true, ...options, threads: 1 });
    expect(created.exitCode).toBe(0);
    const file = suiteBaselinePath(dir, suite);
    expect(file).toBe(join(dir, 'suites', 'suite.json'));
    expect(created.scenarios[0].update?.outcome).toBe('created');
    const b = JSON.parse(readFileSync(file, 'utf8')) as SuiteBaseline;
    expect(b.members.map((m) => m.name)).toEqual(['base', 'same', 'cash-less', 'lapse-x2', 'refuses']);
    // The identical member: every delta 0 with SE 0 (common random numbers).
    expect(Object.values(b.members[1].deltas!)).toEqual([
      { delta: 0, se: 0 },
      { delta: 0, se: 0 },
      { delta: 0, se: 0 },
      { delta: 0, se: 0 },
    ]);

    const again = await checkScenarios([suite], { baselinesDir: dir, update: false, ...options, threads: 1 });
    expect(again.exitCode).toBe(0);
    expect(again.scenarios[0].comparison?.mode).toBe('exact');
    expect(again.scenarios[0].comparison?.figures.every((f) => !f.moved)).toBe(true);

    // A delta in the baseline one unit of the last digit off: exact mode names it.
    b.members[2].deltas!.pAnyShortfall.delta = (b.members[2].deltas!.pAnyShortfall.delta ?? 0) + 1e-6;
    writeFileSync(file, JSON.stringify(b));
    const moved = await checkScenarios([suite], { baselinesDir: dir, update: false, ...options, threads: 1 });
    expect(moved.exitCode).toBe(1);
    expect(moved.scenarios[0].comparison!.figures.filter((f) => !f.passed).map((f) => f.id)).toEqual(['cash-less.ΔpAnyShortfall']);
  });

  it('statistical mode (another seed): a delta may move by k combined paired SEs: 0.1 ± 0.01 against 0.15 ± 0.01 passes, 0.2 fails (z = 7.07)', () => {
    const member = (delta: number, se: number) => ({
      name: 'stress',
      sha256: 'a',
      figures: { pAnyShortfall: 0.5, expectedPeak: 100, p99Peak: 200, firstShortfallP5: 10 },
      deltas: { pAnyShortfall: { delta, se }, expectedPeak: { delta: 0, se: 0 }, p99Peak: { delta: 0, se: 0 }, firstShortfallP5: { delta: 0, se: 0 } },
      windows: [],
    });
    const doc = (seed: string, delta: number): SuiteBaseline => ({ schema: 'liqsim/suite-baseline', suite: 's', seed, paths: 100, liqsim: '0', base: 'base', members: [member(delta, 0.01)] });
    const near = compareSuite(doc('1', 0.1), doc('2', 0.15), options);
    expect(near.mode).toBe('statistical');
    expect(near.modeReason).toBe('seed 1 -> 2');
    const d = near.figures.find((f) => f.id === 'stress.ΔpAnyShortfall')!;
    // allowed = 4 · √(0.01² + 0.01²) = 0.056569
    expect(d.allowed).toBeCloseTo(0.0565685, 6);
    expect(d.passed).toBe(true);
    const far = compareSuite(doc('1', 0.1), doc('2', 0.2), options);
    const f = far.figures.find((x) => x.id === 'stress.ΔpAnyShortfall')!;
    expect(f.passed).toBe(false);
    expect(f.z).toBeCloseTo(7.0711, 4);
    expect(far.passed).toBe(false);
    // A member gone from the suite fails by name.
    const gone = compareSuite(doc('1', 0.1), { ...doc('1', 0.1), members: [] }, options);
    expect(gone.figures).toEqual([expect.objectContaining({ id: 'stress', passed: false, note: 'member no longer in the suite' })]);
  });

  it('compares the regulatory ratio figures and their paired deltas; a baseline without them is passed with a note', () => {
    const member = (lcr3: number, delta: number) => ({
      name: 'stress',
      sha256: 'a',
      figures: { pAnyShortfall: 0.5, expectedPeak: 100, p99Peak: 200, firstShortfallP5: 10 },
      deltas: { pAnyShortfall: { delta: 0.1, se: 0.01 }, expectedPeak: { delta: 0, se: 0 }, p99Peak: { delta: 0, se: 0 }, firstShortfallP5: { delta: 0, se: 0 } },
      ratioFigures: { lcr3_3m: lcr3, 'pBelowFloor(lcr3_3m)': 0.25 },
      ratioDeltas: { lcr3_3m: { delta, se: 0.002 }, 'pBelowFloor(lcr3_3m)': { delta: 0.05, se: 0.01 } },
      windows: [],
    });
    const doc = (seed: string, lcr3: number, delta: number): SuiteBaseline => ({ schema: 'liqsim/suite-baseline', suite: 's', seed, paths: 100, liqsim: '0', base: 'base', members: [member(lcr3, delta)] });
    const same = compareSuite(doc('1', 0.6, -0.1), doc('1', 0.6, -0.1), options);
    expect(same.mode).toBe('exact');
    expect(same.figures.filter((f) => f.id.includes('lcr3')).map((f) => [f.id, f.unit])).toEqual([
      ['stress.lcr3_3m', 'ratio'],
      ['stress.pBelowFloor(lcr3_3m)', 'probability'],
      ['stress.Δlcr3_3m', 'ratio'],
      ['stress.Δlcr3_3m.se', 'ratio'],
      ['stress.ΔpBelowFloor(lcr3_3m)', 'probability'],
      ['stress.ΔpBelowFloor(lcr3_3m).se', 'probability'],
    ]);
    expect(same.passed).toBe(true);
    // exact: a ratio delta off by 1e-6 fails by its id
    const moved = compareSuite(doc('1', 0.6, -0.1), doc('1', 0.6, -0.100001), options);
    expect(moved.figures.filter((f) => !f.passed).map((f) => f.id)).toEqual(['stress.Δlcr3_3m']);
    // statistical: within 4 · √(0.002² + 0.002²) = 0.011314 of the baseline's delta
    expect(compareSuite(doc('1', 0.6, -0.1), doc('2', 0.6, -0.11), options).passed).toBe(true);
    expect(compareSuite(doc('1', 0.6, -0.1), doc('2', 0.6, -0.112), options).figures.find((f) => f.id === 'stress.Δlcr3_3m')!.passed).toBe(false);
    // a baseline written before the ratios were compared: not compared, said so
    const old = doc('1', 0.6, -0.1);
    delete (old.members[0] as Partial<SuiteBaseline['members'][number]>).ratioFigures;
    delete (old.members[0] as Partial<SuiteBaseline['members'][number]>).ratioDeltas;
    const before = compareSuite(old, doc('1', 0.6, -0.1), options);
    expect(before.passed).toBe(true);
    expect(before.figures.some((f) => f.id.includes('lcr3'))).toBe(false);
    expect(before.notes).toContain('regulatory ratios not compared for stress: the baseline predates them (liqsim check --update writes them)');
    // a member whose ratios are gone (null: its regulatory: key removed) fails
    const gone = compareSuite(doc('1', 0.6, -0.1), { ...doc('1', 0.6, -0.1), members: [{ ...member(0.6, -0.1), ratioFigures: null, ratioDeltas: null }] }, options);
    expect(gone.figures.filter((f) => !f.passed).map((f) => f.id)).toContain('stress.lcr3_3m');
  });

  it('says how to create a missing suite baseline (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-suite-check-'));
    const r = await checkScenarios([suite], { baselinesDir: dir, update: false, ...options, threads: 1 });
    expect(r.exitCode).toBe(2);
    expect(r.scenarios[0].error?.hint).toBe(`liqsim check --update ${suite}`);
    expect(existsSync(join(dir, 'suites'))).toBe(false);
  });
});
