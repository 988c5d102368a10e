/**
 * Sensitivity with common random numbers (research note 8.4 test 1): cash 100, a maturity of 150
 * due on day 10 and no other source of money: peak overdue 150 - 100 = 50 on every path. Cash +20
 * gives 30 and cash -20 gives 70: the deltas are -20 and +20 exactly, with paired SE 0.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../engine/model-builder.js';
import { PairedRunner } from '../../src/analysis/pool.js';
import { parseVary, sensitivity } from '../../src/analysis/sensitivity.js';
import { surrenderModel } from './fixtures.js';

describe('sensitivity', () => {
  it('deterministic ledger: cash 100 against a maturity of 150: peak overdue 50; cash -20/+20 -> 70/30, deltas +20/-20 exactly, SE 0', async () => {
    const model = buildModel({ horizon: 20, cash: 100, paths: 8, cohorts: [{ value: 150, maturityDay: 10 }] });
    const vary = parseVary('funding.cash=-20%..+20%', model);
    expect([vary.low, vary.high]).toEqual([80, 120]);
    const res = await sensitivity(model, [parseVary('funding.cash=80..120', model)], new PairedRunner(1), { scenario: 't', file: 't' });
    expect(res.base.expectedPeak).toBe(50);
    const e = res.bars[0].effects.expectedPeak;
    expect([e.atLow, e.atHigh]).toEqual([70, 30]);
    expect(e.low).toEqual({ delta: 20, se: 0, unpairedSe: 0, significant: true });
    expect(e.high).toEqual({ delta: -20, se: 0, unpairedSe: 0, significant: true });
    expect(res.bars[0].effects.p99Peak.low.delta).toBe(20);
    expect(res.bars[0].effects.p99Peak.high.delta).toBe(-20);
    expect(res.runs).toBe(3);
  });

  it('ranks levers by effect and marks a lever without effect as within noise', async () => {
    // Surrenders drain cash: the level matters; a credit line's fail probability with no line does not exist,
    // premium multiplier with no premiums changes nothing (delta 0, SE 0: within noise).
    const model = surrenderModel({ C: 1e9, V: 10e9, r: 0.06, T: 30, sigma: 0.35, paths: 400, seed: 'rank' });
    const res = await sensitivity(model, [parseVary('premium_multiplier=x0.5..x1.5', model), parseVary('surrender.level=10..30', model)], new PairedRunner(1), { scenario: 't', file: 't' });
    expect(res.ranking.pAnyShortfall).toEqual(['surrender.level', 'premium_multiplier']);
    expect(res.bars[0].effects.pAnyShortfall.withinNoise).toBe(true);
    expect(res.bars[0].effects.pAnyShortfall.low).toEqual({ delta: 0, se: 0, unpairedSe: expect.any(Number), significant: false });
    expect(res.bars[1].effects.pAnyShortfall.withinNoise).toBe(false);
  });
});
