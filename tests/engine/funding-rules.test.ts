/**
 * Hand-computed cases for the funding, headroom and capacity rules of docs/model.md ("Rules in
 * detail"): one path, no randomness, every expected figure derived in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { PathSimulator, FIELD, fieldsPerDay, type DaySink } from '../../src/engine/kernel.js';
import type { DailyRow } from '../../src/results/types.js';
import { buildModel, c, type ModelSpec } from './model-builder.js';

function runLedger(spec: ModelSpec) {
  return new PathSimulator(buildModel(spec)).run(0, null, true);
}
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
const arr = (a: ArrayLike<number>) => Array.from(a);

describe('funding.policy.prefund_surrenders', () => {
  // In force 1,000,000 (no maturity in the horizon, no base hazard), a 10% mass lapse on day 0:
  // 100,000 surrendered on day 0 and nothing after. Cash 0, one credit line with no notice, so the
  // slowest source takes 0 business days. Days 1 and 2 are a weekend.
  //
  // Run-rate on day 0 = that day's surrenders = 100,000; the multiplier on day 0 is the calendar days
  // from day 0 to the business day after money raised today arrives (arrival day 0, next business
  // day 3): 3. So with prefunding the need on day 0 is 100,000 backlog + 100,000 x 3 = 400,000, all
  // drawn on day 0; 100,000 is paid and 300,000 stays in cash. Later days: the run-rate decays by
  // 6/7 a day (no new surrenders), e.g. day 3: 100,000 x (6/7)^3 = 62,973.76 x 1 day < 300,000 in
  // cash, so nothing more is drawn. Without prefunding the need is the backlog only: 100,000.
  // The difference, 300,000, is exactly the pre-funded run-rate of day 0.
  const spec: ModelSpec = {
    horizon: 10,
    holidays: [1, 2],
    cash: 0,
    cohorts: [{ value: 1_000_000, maturityDay: 100 }],
    creditLines: [{ limit: c(10_000_000) }],
    stress: { massLapse: { day: 0, share: 0.1 } },
  };
  it('true (the default): draws the backlog plus run-rate x days, 400,000 on day 0', () => {
    const r = runLedger({ ...spec, prefundSurrenders: true });
    expect(r.ledger.paidSurrender[0]).toBe(c(100_000));
    expect(arr(r.ledger.creditDraws)).toEqual([c(400_000), 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.ledger.closingCash[9]).toBe(c(300_000));
  });
  it('false: surrenders are funded as they arrive, 100,000 drawn; 300,000 less than with true', () => {
    const r = runLedger({ ...spec, prefundSurrenders: false });
    expect(arr(r.ledger.creditDraws)).toEqual([c(100_000), 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.ledger.closingCash[9]).toBe(0);
    const withPrefund = runLedger({ ...spec, prefundSurrenders: true });
    expect(sum(withPrefund.ledger.creditDraws) - sum(r.ledger.creditDraws)).toBe(c(300_000));
  });
});

describe('bad-account payouts in the funding need', () => {
  // 1,000,000,000 maturing on day 2; 10% goes to bad accounts and is re-submitted 5 days after the
  // due date (day 7). Cash 0, one credit line with no notice, lookahead 10 days.
  // Day 0: the lookahead sees the scheduled 1.0 bn on day 2 -> 1.0 bn drawn, arriving at once.
  // Day 2: 1.0 bn requested (backlog 1.0 bn, of which 0.1 bn held for re-submission on day 7);
  //        need = backlog 1.0 bn, cash 1.0 bn: nothing drawn; 0.9 bn paid, 0.1 bn stays in cash.
  // Day 7: the 0.1 bn re-submission is paid from that cash.
  // Total drawn: exactly 1.0 bn, all on day 0. (Before the fix the held 0.1 bn was also counted as
  // a known later payout on day 2, so 0.1 bn more was drawn that day: 1.1 bn.)
  it('counts each unpaid payout once: 1.0 bn drawn for a 1.0 bn maturity', () => {
    const r = runLedger({
      horizon: 12,
      cash: 0,
      cohorts: [{ value: 1e9, maturityDay: 2, product: { accountFailureRate: 0.1, accountRetryDays: 5 } }],
      creditLines: [{ limit: c(5e9) }],
      lookaheadDays: 10,
    });
    expect(arr(r.ledger.creditDraws)).toEqual([c(1e9), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.ledger.paidMaturity[2]).toBe(c(9e8));
    expect(r.ledger.paidMaturity[7]).toBe(c(1e8));
    expect(r.ledger.closingCash[11]).toBe(0);
    expect(arr(r.ledger.overdue).every((x) => x === 0)).toBe(true);
  });
});

/** Each day's headroom of one path (cents). */
function headroomByDay(spec: ModelSpec): number[] {
  const model = buildModel(spec);
  const out: number[] = new Array(model.horizonDays).fill(NaN);
  const sink: DaySink = {
    acc: new Float64Array(model.horizonDays * fieldsPerDay(model)),
    addHeadroom: (day, value) => {
      out[day] = value;
    },
  };
  new PathSimulator(model).run(0, sink);
  return out;
}

describe('headroom: a credit line counts only while its funds can still arrive', () => {
  // Cash 100, nothing owed, day 3 a holiday. Line A: limit 1000, window until day 4, 2 business days'
  // notice. A draw on day 1 arrives on day 4 (business days 2, 4), inside the window; a draw on day 2
  // would arrive on day 5 (business days 4, 5), after it. So day 1 is the line's last draw day: from
  // the end of day 1 on nothing more of it can arrive. Line B: limit 500, no notice, open-ended.
  // Headroom = cash 100 + reachable lines: day 0: 100 + 1000 + 500 = 1600; days 1-9: 100 + 500 = 600.
  // (Before the fix line A counted while its window was open, to the end of day 4: 1600 on days 0-4.)
  it('drops the undrawn limit after the last day a draw can still arrive in the window', () => {
    const h = headroomByDay({
      horizon: 10,
      holidays: [3],
      cash: 100,
      creditLines: [
        { limit: c(1000), untilDay: 4, noticeDays: 2 },
        { limit: c(500), noticeDays: 0 },
      ],
    });
    expect(h).toEqual([c(1600), c(600), c(600), c(600), c(600), c(600), c(600), c(600), c(600), c(600)]);
  });
});

describe('capacity.channel: what the channels could pay, by amount and transfer count', () => {
  // 10 policies of 15 each (150) maturing on day 5; ample cash. Channel 1: 1000 a day, transfers of
  // at most 10, 6 transfers a day. Channel 2: 200 a day, no count limit.
  // Average payout 150 / 10 = 15 (the queued requests' amount over their count; on days with nothing
  // queued the book's average policy, also 150 / 10 = 15): each payout needs ceil(15 / 10) = 2
  // transfers, so channel 1 can pay 6 / 2 = 3 payouts = 45; channel 2 min(200, no limit) = 200.
  // capacity.channel = 45 + 200 = 245 every business day (before the fix: 1000 + 200 = 1200).
  // Payments on day 5: 45 through channel 1, then 105 through channel 2: all 150 paid.
  it('is 245 a day, the transfer-count limit binding on channel 1', () => {
    const model = buildModel({
      horizon: 8,
      cash: 10_000,
      cohorts: [{ value: 150, maturityDay: 5, policies: 10 }],
      channels: [{ dailyLimit: c(1000), perTransferLimit: c(10), dailyTransfers: 6 }, { dailyLimit: c(200) }],
    });
    const F = fieldsPerDay(model);
    const acc = new Float64Array(model.horizonDays * F);
    const r = new PathSimulator(model).run(0, { acc, addHeadroom: () => {} }, true);
    const capacity = Array.from({ length: 8 }, (_, d) => acc[d * F + FIELD.capacityChannel]);
    expect(capacity).toEqual(new Array(8).fill(c(245)));
    expect(r.ledger.paidMaturity[5]).toBe(c(150));
  });
});
