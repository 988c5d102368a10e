/**
 * The per-path regulatory statistics read the kernel's horizon records (sums to each horizon's end,
 * written in the day loop) instead of each path's whole ledger, and the funding-only peak comes from
 * a run cut at its horizon. Both must give the bits the ledger gives: the figures did not change when
 * the reduction moved into the kernel, and results.json stays the same.
 */
import { describe, expect, it } from 'vitest';
import { RunTotals } from '../../src/engine/aggregate.js';
import { LEDGER_ORDER, PathSimulator } from '../../src/engine/kernel.js';
import { PathStats, peakWithin, shortfallHorizon } from '../../src/engine/path-stats.js';
import { drawPath } from '../../src/engine/reference/draws.js';
import { runFundingOnly, runReference } from '../../src/engine/reference/reference.js';
import { BlockRunner, blockCount } from '../../src/engine/simulate.js';
import { loadScenario } from '../../src/model/load.js';
import type { Model } from '../../src/model/types.js';
import { generateModel } from './model-generator.js';

/** Index and values of the first element that differs as bits (Object.is: -0 is not +0), or null. */
function firstBitDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `at ${i}: ${a[i]} and ${b[i]}`;
  return null;
}

/** Runs `paths` paths of the model both ways; returns the first difference, or null. */
function compareRecords(model: Model, paths: number, where: string): string | null {
  const stats = new PathStats(model);
  const fast = new PathSimulator(model, { horizonEnds: stats.ends });
  const slow = new PathSimulator(model);
  for (let p = 0; p < paths; p++) {
    const outcome = fast.run(p, null);
    const { ledger, ...slowOutcome } = slow.run(p, null, true);
    // the records change nothing else the path gives
    expect(outcome).toEqual(slowOutcome);
    const records = Float64Array.from(fast.horizonRecords());
    const diff = firstBitDifference(records, stats.horizonRecords(ledger));
    if (diff) return `${where}, path ${p}, horizon records ${diff} (ends ${stats.ends.join(', ')})`;
    const fromKernel = Float64Array.from(stats.fromRecords(records, model.funding.openingCash, 0));
    const statsDiff = firstBitDifference(fromKernel, stats.values(ledger, 0));
    if (statsDiff) return `${where}, path ${p}, statistic ${statsDiff}`;
  }
  return null;
}

describe('horizon records: the kernel reduces each path to what the statistics read', () => {
  it('the same bits as the ledger on generated models (horizons cut by short scenarios, actions, bands, grace)', () => {
    for (let i = 0; i < 60; i++) {
      const { model } = generateModel(`horizon-records-${i}`);
      expect(compareRecords({ ...model, paths: 6 }, 6, `model ${i}`)).toBeNull();
    }
  });

  it('the same bits as the ledger on the bundled regulatory scenario (365 days, 3 horizons, assets by class)', () => {
    const model = { ...loadScenario('scenarios/maturity-peak-2020q1.yaml').model, paths: 40 };
    expect(new PathStats(model).ends.length).toBeGreaterThan(2);
    expect(compareRecords(model, 40, 'maturity-peak-2020q1')).toBeNull();
  });

  it('refuses horizon ends outside the horizon or out of order', () => {
    const { model } = generateModel('horizon-records-ends');
    expect(() => new PathSimulator(model, { horizonEnds: [model.horizonDays + 1] })).toThrow(RangeError);
    expect(() => new PathSimulator(model, { horizonEnds: [5, 5] })).toThrow(RangeError);
    expect(() => new PathSimulator(model, { horizonEnds: [0] })).toThrow(RangeError);
  });
});

describe('the funding-only peak over its horizon', () => {
  it('a run cut after `days` days gives the peak of those days of the whole run, on every path', () => {
    for (let i = 0; i < 30; i++) {
      const { model: generated } = generateModel(`funding-only-peak-${i}`);
      const model = { ...generated, paths: 5 };
      const cut = new PathSimulator(model);
      const whole = new PathSimulator(model);
      const H = model.horizonDays;
      for (let p = 0; p < model.paths; p++) {
        // as BlockRunner does: the path's run, then its funding-only run on the same liabilities pass
        cut.run(p, null);
        const { ledger } = whole.run(p, null, true, true);
        // alternate the cut between a day inside the horizon and the horizon itself
        const days = p % 2 === 0 ? 1 + ((i * 7 + p) % H) : H;
        expect(cut.peakOverdueWithin(p, days, true), `model ${i}, path ${p}, ${days} days`).toBe(peakWithin(ledger.overdue, days));
      }
    }
  });

  // The funding-only run is skipped on a path whose run saw no channel or processing limit stop a
  // payment within the funding-only days (PathSimulator.peakOverdueWithin): the two runs take the
  // same steps up to such a stop. Held here on generated models, row by row of both ledgers.
  it('a path and its funding-only run keep the same ledger until a channel or processing limit stops a payment', () => {
    let stopped = 0;
    let never = 0;
    let daysCompared = 0;
    for (let i = 0; i < 150; i++) {
      const { model } = generateModel(`funding-only-same-steps-${i}`);
      const sim = new PathSimulator(model);
      const H = model.horizonDays;
      for (let p = 0; p < model.paths; p++) {
        const path = sim.run(p, null, true);
        const stop = sim.limitStopDay();
        const lifted = sim.run(p, null, true, true);
        const until = stop < 0 ? H : stop;
        if (stop < 0) never++;
        else stopped++;
        for (let d = 0; d < until; d++) {
          for (const row of LEDGER_ORDER) {
            expect(lifted.ledger[row][d], `model ${i}, path ${p}, day ${d} (limits first stop a payment on day ${stop}), ${row}`).toBe(path.ledger[row][d]);
          }
          for (const rows of ['assetSalesByAsset', 'creditDrawsByLine'] as const) {
            path.ledger[rows].forEach((x, k) => expect(lifted.ledger[rows][k][d], `model ${i}, path ${p}, day ${d}, ${rows}[${k}]`).toBe(x[d]));
          }
        }
        daysCompared += until;
      }
    }
    // both kinds of path, and many days compared
    expect(stopped).toBeGreaterThan(50);
    expect(never).toBeGreaterThan(50);
    expect(daysCompared).toBeGreaterThan(10_000);
  });

  /** Each path's funding-only peak as the runs' per-path statistics hold it (BlockRunner, as `liqsim run` makes them). */
  function statisticPeaks(model: Model): number[] {
    const k = new PathStats(model).index('shortfall.peak');
    const runner = new BlockRunner(model, RunTotals.forModel(model));
    const peaks: number[] = [];
    for (let b = 0; b < blockCount(model.paths); b++) runner.run(b, (p, _, stats) => (peaks[p] = stats![k]));
    return peaks;
  }

  // The funding-only run replays its path (docs/model.md, "Funding-only shortfall"): the path's own
  // draws, so the same requests every day, with only cash, funding and payments re-run with the limits
  // lifted. Before 0.5.0 it drew its own path from the same seed, without the triggered changes'
  // agreements, so its daily noise (and requests) differed wherever the scenario has both.
  it('is the peak of the path replayed with the limits lifted: its own draws and requests (triggered changes with daily noise)', () => {
    const bundled = { ...loadScenario('scenarios/maturity-peak-2020q1.yaml').model, paths: 300 };
    const generated = Array.from({ length: 40 }, (_, i) => generateModel(`funding-only-replay-${i}`))
      .filter(({ features }) => features.has('triggered changes') && features.has('daily noise'))
      .map(({ model }) => ({ ...model, paths: 6 }));
    expect(generated.length).toBeGreaterThan(3);
    let replayed = 0;
    let skipped = 0;
    for (const model of [bundled, ...generated]) {
      const peaks = statisticPeaks(model);
      const days = shortfallHorizon(model).covered;
      const sim = new PathSimulator(model);
      for (let p = 0; p < model.paths; p++) {
        sim.run(p, null);
        // no limit stopped a payment within the days: BlockRunner took the path's own peak
        if (sim.limitStopDay() < 0 || sim.limitStopDay() >= days) skipped++;
        const draws = drawPath(model, p);
        const { ledger } = runFundingOnly(model, draws);
        expect(ledger.requestSurrender, `path ${p}: the same surrender requests as the path`).toEqual(runReference(model, draws).ledger.requestSurrender);
        expect(peaks[p], `path ${p}, funding-only peak`).toBe(peakWithin(ledger.overdue, days));
        if (peaks[p] > 0) replayed++;
      }
    }
    // not vacuous: paths with a funding-only shortfall, where the draws of the run decide the peak,
    // and paths of both kinds (funding-only run made, and skipped)
    expect(replayed).toBeGreaterThan(10);
    expect(skipped).toBeGreaterThan(100);
    expect(skipped).toBeLessThan(bundled.paths + generated.length * 6 - 50);
  });
});
