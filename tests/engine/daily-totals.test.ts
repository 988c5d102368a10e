/**
 * DailyTotals (src/engine/aggregate.ts): each named accessor reads its own kernel field. The totals
 * hold, on day d in field f, the value 1000 * d + f, so every accessor's answer names the field it
 * read. Layout written out by hand (src/engine/abi.ts FIELD): 0 shortfall paths, 1 overdue,
 * 3 backlog, 4-6 requests, 7-9 paid, 10-12 capacity, 13 assets sold, 14 closing cash, 15-17 causes,
 * 18 credit drawn, 19-20 the 2 credit lines, 21-23 the 3 assets, 24 deferred, 25 action inflows,
 * then per action activations and amount: 26, 27 (action 0) and 28, 29 (action 1).
 */
import { describe, expect, it } from 'vitest';
import { DailyTotals, RunTotals, shortfallPathsIn } from '../../src/engine/aggregate.js';
import type { Model } from '../../src/model/types.js';

const model = {
  funding: { creditLines: [{}, {}], assets: [{}, {}, {}] },
  actions: { order: [{}, {}] },
} as unknown as Model;
const F = 30;
const DAYS = 3;

function totals(): RunTotals {
  const t = new RunTotals(DAYS, F);
  for (let d = 0; d < DAYS; d++) for (let f = 0; f < F; f++) t.lo[d * F + f] = 1000 * d + f;
  return t;
}

describe('DailyTotals', () => {
  it('reads each named total from its own field', () => {
    const day = new DailyTotals(totals(), model);
    const d = 2;
    const got = [
      day.shortfallPaths(d),
      day.overdue(d),
      day.backlog(d),
      day.requested(d, 'maturity'),
      day.requested(d, 'surrender'),
      day.requested(d, 'other'),
      day.paid(d, 'maturity'),
      day.paid(d, 'surrender'),
      day.paid(d, 'other'),
      day.capacity(d, 'funding'),
      day.capacity(d, 'channel'),
      day.capacity(d, 'processing'),
      day.assetsSold(d),
      day.closingCash(d),
      day.cause(d, 'funding'),
      day.cause(d, 'channel'),
      day.cause(d, 'processing'),
      day.creditDrawn(d),
      day.creditDrawnOnLine(d, 0),
      day.creditDrawnOnLine(d, 1),
      day.assetSold(d, 0),
      day.assetSold(d, 1),
      day.assetSold(d, 2),
      day.deferred(d),
      day.actionInflows(d),
      day.actionActivations(d, 0),
      day.actionAmount(d, 0),
      day.actionActivations(d, 1),
      day.actionAmount(d, 1),
    ];
    expect(got.map(Number)).toEqual([2000, 2001, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029]);
  });

  it('returns the exact total, high part included', () => {
    const t = totals();
    t.hi[1 * F + 1] = 3; // day 1 overdue: 3 * 2^32 + 1001 = 12884902889
    expect(new DailyTotals(t, model).overdue(1)).toBe(12884902889n);
  });

  it('reads the shortfall-path count of a raw accumulator', () => {
    const acc = new Float64Array(DAYS * F);
    acc[1 * F + 0] = 7;
    acc[1 * F + 1] = 99;
    expect([0, 1, 2].map((d) => shortfallPathsIn(acc, F, d))).toEqual([0, 7, 0]);
  });
});
