/**
 * Hand-computed cases for the rules of docs/model.md "Rules in detail" that were undocumented: the
 * hazard cap, the contagion weight, the retry delay counted from the due date, and `after_days: 0`.
 */
import { describe, expect, it } from 'vitest';
import { PathSimulator } from '../../src/engine/kernel.js';
import { buildModel, c, type ModelSpec } from './model-builder.js';

function runLedger(spec: ModelSpec) {
  return new PathSimulator(buildModel(spec)).run(0, null, true);
}
const arr = (a: ArrayLike<number>) => Array.from(a);

describe('hazard cap', () => {
  it('a stressed hazard above 1 surrenders the whole in-force value, no more', () => {
    // Base daily hazard 0.5 x shock peak 5 on day 0 = 2.5, capped at 1: all 1000 surrendered on day 0
    // (uncapped it would request 2500 of a 1000 book).
    const r = runLedger({
      cash: 10_000,
      cohorts: [{ value: 1000, maturityDay: 100, product: { baseDailyHazard: 0.5 } }],
      stress: { shocks: [{ name: 'run', day: 0, probability: 1, peakMultiplier: 5, halfLifeDays: 1 }] },
    });
    expect(r.ledger.paidSurrender[0]).toBe(c(1000));
    expect(r.ledger.totals.inForce).toBe(0);
  });
});

describe('contagion', () => {
  it('feeds on the previous days: C(1) = (1 - w) x (1 - 1/m(0)), w = exp(-1/decay_days)', () => {
    // 1,000,000 in force, base hazard 0.001/day; a shock of peak 3 on day 0 that is gone by day 1
    // (half-life 1e-6 days); contagion strength 1, decay_days 5 -> w = exp(-0.2) = 0.818731.
    // Day 0: C(0) = 0, m(0) = 3, h = 0.003 -> 3000 surrendered; book 997,000.
    // Day 1: C(1) = (1 - 0.818731) x (1 - 1/3) = 0.120846; h = 0.001 x (1 + 0.120846) = 0.00112085
    //        -> 997,000 x 0.00112085 = 1117.4836 -> 1117.48 (without contagion it would be 997.00).
    const r = runLedger({
      cash: 1e7,
      cohorts: [{ value: 1e6, maturityDay: 100, product: { baseDailyHazard: 0.001 } }],
      stress: {
        shocks: [{ name: 'news', day: 0, probability: 1, peakMultiplier: 3, halfLifeDays: 1e-6 }],
        contagion: { strength: 1, decayDays: 5 },
      },
    });
    expect(r.ledger.paidSurrender[0]).toBe(c(3000));
    expect(r.ledger.paidSurrender[1]).toBe(111748);
  });
});

describe('bad accounts: the retry delay runs from the due date', () => {
  it('a payout requested on a holiday is re-submitted retry days after its due date', () => {
    // 100 matures on day 3, a holiday, like day 4: due day 5. 10% to bad accounts, retry 2 days:
    // re-submitted on day 5 + 2 = 7 (not 3 + 2 = 5): 90 paid on day 5, 10 on day 7.
    const r = runLedger({
      cash: 1000,
      holidays: [3, 4],
      cohorts: [{ value: 100, maturityDay: 3, product: { accountFailureRate: 0.1, accountRetryDays: 2 } }],
    });
    expect(arr(r.ledger.paidMaturity).slice(3, 9)).toEqual([0, 0, c(90), 0, c(10), 0]);
  });
});

describe('triggered changes: after_days', () => {
  // 300 due on day 5, the channel pays 50 a day; the backlog of 250 at the end of day 5 exceeds 50,
  // so the change (daily limit 1000, the bank always agrees) fires then.
  const spec = (afterDays: number): ModelSpec => ({
    cash: 10_000,
    cohorts: [{ value: 300, maturityDay: 5 }],
    channels: [{ dailyLimit: c(50) }],
    changes: [{ kind: 'triggered', backlogAbove: c(50), afterDays, probability: 1, channel: 0, limits: { dailyLimit: c(1000) } }],
  });
  it('after_days 0 applies the next day (day 6): 50 then 250', () => {
    expect(arr(runLedger(spec(0)).ledger.paidMaturity).slice(5, 9)).toEqual([c(50), c(250), 0, 0]);
  });
  it('after_days 3 applies on day 8: 50 a day on days 5-7, then the remaining 150', () => {
    expect(arr(runLedger(spec(3)).ledger.paidMaturity).slice(5, 10)).toEqual([c(50), c(50), c(50), c(150), 0]);
  });
});
