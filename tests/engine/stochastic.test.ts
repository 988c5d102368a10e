/**
 * Stochastic runs: every path's cash ledger reconciles to the cent and its liabilities are
 * conserved; a statistic with a closed form is met within Monte Carlo error; results are
 * deterministic in (seed, path index).
 */
import { describe, expect, it } from 'vitest';
import { cumulativeStdNormalProbability } from 'simple-statistics';
import { LEDGER_ORDER, PathSimulator, TOTALS_ORDER, type PathLedger } from '../../src/engine/kernel.js';
import { simulateInProcess } from '../../src/engine/simulate.js';
import { buildModel } from './model-builder.js';
import { busyModel } from './busy-model.js';

describe('every path reconciles to the cent', () => {
  const model = busyModel();
  const H = model.horizonDays;
  const sim = new PathSimulator(model);
  let anyShortfall = 0;
  for (let p = 0; p < model.paths; p++) {
    it(`path ${p}`, () => {
      const { ledger: l, peakOverdue } = sim.run(p, null, true);
      if (peakOverdue > 0) anyShortfall++;
      let cash = model.funding.openingCash;
      for (let d = 0; d < H; d++) {
        expect(l.openingCash[d]).toBe(cash);
        const closing = l.openingCash[d] + l.inflows[d] + l.assetSales[d] + l.creditDraws[d] - l.paidMaturity[d] - l.paidSurrender[d] - l.paidOther[d];
        expect(l.closingCash[d]).toBe(closing);
        expect(Number.isInteger(l.closingCash[d])).toBe(true);
        expect(l.closingCash[d]).toBeGreaterThanOrEqual(Math.min(l.openingCash[d], model.funding.minimumCash));
        cash = l.closingCash[d];
      }
      const t = l.totals;
      // Liabilities: initial value + accrued = paid + backlog + unclaimed + awaiting claim + rolled over + charges + in force.
      expect(t.initialValue + t.accrued).toBe(
        t.paid + t.backlog + t.unclaimed + t.awaitingClaim + t.rolledOver + t.surrenderCharges + t.inForce,
      );
      expect(t.otherRequested).toBe(t.otherPaid + t.otherBacklog);
      expect(t.accrued).toBeGreaterThan(0);
    });
  }
  it('the world is stressed enough for the reconciliation to mean something', () => {
    expect(anyShortfall).toBeGreaterThan(0);
    expect(anyShortfall).toBeLessThan(model.paths);
  });
});

describe('closed forms', () => {
  it('a lognormal surrender level against a fixed cash buffer gives a normal-CDF shortfall probability', () => {
    // One day, in force V with daily hazard h0 and level L = exp(sigma Z - sigma^2/2):
    // surrenders S = V h0 L are due today; shortfall iff S > cash K, so
    // P = 1 - Phi((ln(K / (V h0)) + sigma^2/2) / sigma).
    const V = 100_000_000;
    const h0 = 0.01;
    const sigma = 0.5;
    const K = 1_100_000;
    const paths = 4000;
    const model = buildModel({
      horizon: 1,
      paths,
      seed: 'closed-form',
      cash: K,
      cohorts: [{ value: V, maturityDay: 500, policies: 1e5, product: { baseDailyHazard: h0 } }],
      stress: { levelSd: sigma },
    });
    const totals = simulateInProcess(model);
    const p = 1 - cumulativeStdNormalProbability((Math.log(K / (V * h0)) + (sigma * sigma) / 2) / sigma);
    const observed = totals.pathsWithShortfall / paths;
    const se = Math.sqrt((p * (1 - p)) / paths);
    expect(p).toBeGreaterThan(0.2);
    expect(Math.abs(observed - p)).toBeLessThan(3 * se);
  });

  it('the probability a shock happens is met by the share of paths that see it', () => {
    // Shock with probability 0.3 and a peak large enough to exhaust cash: P(shortfall) = 0.3.
    const paths = 3000;
    const model = buildModel({
      horizon: 3,
      paths,
      seed: 'shock-probability',
      // Without the shock 3 x 10,000 is surrendered; with it day 1 alone asks about 100,000.
      cash: 100_000,
      cohorts: [{ value: 10_000_000, maturityDay: 500, policies: 1e4, product: { baseDailyHazard: 0.001 } }],
      stress: { shocks: [{ name: 's', day: 1, probability: 0.3, peakMultiplier: 10, halfLifeDays: 5 }] },
    });
    const k = simulateInProcess(model).pathsWithShortfall;
    const se = Math.sqrt((0.3 * 0.7) / paths);
    expect(Math.abs(k / paths - 0.3)).toBeLessThan(3 * se);
  });
});

describe('determinism', () => {
  const model = busyModel(300);
  it('same seed gives identical totals; another seed differs', () => {
    const a = JSON.stringify(simulateInProcess(model).toJSON());
    const b = JSON.stringify(simulateInProcess(model).toJSON());
    const other = JSON.stringify(simulateInProcess({ ...model, seed: 'another' }).toJSON());
    expect(a).toBe(b);
    expect(other).not.toBe(a);
  });

  it("a path's result depends only on (seed, path index), not on the number of paths", () => {
    const few = new PathSimulator({ ...model, paths: 10 });
    const many = new PathSimulator({ ...model, paths: 10_000 });
    for (const p of [0, 7, 9]) {
      many.run(p + 1, null); // interleave another path: no state may leak between paths
      expect(few.run(p, null, true).ledger.closingCash).toEqual(many.run(p, null, true).ledger.closingCash);
    }
  });

  it("a path's bits do not depend on the path whose liabilities share its pass, or on its lane", () => {
    // The kernel runs the liabilities of paths p and p + 1 side by side (lane 0 and lane 1). Path q
    // is run here in lane 0 next to q + 1, in lane 1 next to q - 1, and alone (next to itself).
    const bits = (o: ReturnType<PathSimulator['run']> & { ledger: PathLedger }) => {
      const { totals, ...days } = o.ledger;
      const numbers = [o.peakOverdue, o.firstShortfallDay, o.minHeadroom, ...TOTALS_ORDER.map((k) => totals[k])];
      for (const key of LEDGER_ORDER) numbers.push(...days[key]);
      return Buffer.from(Float64Array.from(numbers).buffer).toString('base64');
    };
    const paths = 40;
    const inLane0 = new PathSimulator({ ...model, paths });
    const inLane1 = new PathSimulator({ ...model, paths });
    let compared = 0;
    for (let q = 1; q + 1 < paths; q += 2) {
      const a = bits(inLane0.run(q, null, true)); // lane 0, with q + 1
      inLane1.run(q - 1, null); // lane 0, with q in lane 1
      const b = bits(inLane1.run(q, null, true)); // lane 1, with q - 1
      const alone = bits(new PathSimulator({ ...model, paths: q + 1 }).run(q, null, true)); // the last path: with itself
      expect(b).toBe(a);
      expect(alone).toBe(a);
      compared++;
    }
    expect(compared).toBe(19);
  });
});
