/**
 * Hand-computed cases: one path, no randomness. Every expected figure is worked out in the comment
 * beside it from the model's daily order of events (README, "Daily order of events").
 */
import { describe, expect, it } from 'vitest';
import { PathSimulator, CauseCode } from '../../src/engine/kernel.js';
import { buildModel, c, type ModelSpec } from './model-builder.js';

function runLedger(spec: ModelSpec) {
  const model = buildModel(spec);
  return new PathSimulator(model).run(0, null, true);
}

const arr = (a: ArrayLike<number>) => Array.from(a);

describe('funding shortfall', () => {
  // Cash 100, one maturity of 150 due on day 10, a credit line of 30 available from day 5 with
  // 2 notice days. With a 10-day lookahead the need is seen on day 0; the first drawdown whose funds
  // can arrive inside the window is requested on day 3 (arrives day 5). Day 10: 130 paid, 20 overdue.
  const spec: ModelSpec = {
    cash: 100,
    cohorts: [{ value: 150, maturityDay: 10 }],
    creditLines: [{ limit: c(30), fromDay: 5, noticeDays: 2 }],
    lookaheadDays: 10,
  };
  it('leaves exactly 20 overdue from day 10, caused by funding', () => {
    const r = runLedger(spec);
    expect(arr(r.ledger.creditDraws).indexOf(c(30))).toBe(5);
    expect(r.ledger.overdue[9]).toBe(0);
    for (let d = 10; d < 20; d++) {
      expect(r.ledger.overdue[d]).toBe(c(20));
      expect(r.ledger.cause[d]).toBe(CauseCode.Funding);
    }
    expect(r.ledger.paidMaturity[10]).toBe(c(130));
    expect(r.firstShortfallDay).toBe(10);
    expect(r.peakOverdue).toBe(c(20));
  });

  it('without lookahead the notice period shows: 50 overdue on days 10-11, 20 from day 12', () => {
    // Day 10: need 150, cash 100; the draw of 30 requested that day arrives on day 12.
    const r = runLedger({ ...spec, lookaheadDays: 0 });
    expect(r.ledger.overdue[10]).toBe(c(50));
    expect(r.ledger.overdue[11]).toBe(c(50));
    expect(r.ledger.creditDraws[12]).toBe(c(30));
    expect(r.ledger.overdue[12]).toBe(c(20));
  });
});

describe('payment channel limit', () => {
  // Ample cash, 150 due on day 10, channel pays at most 50 per day: 50 paid on days 10, 11, 12.
  it('builds a backlog that clears over the following days, caused by the channel limit', () => {
    const r = runLedger({ cash: 1000, cohorts: [{ value: 150, maturityDay: 10 }], channels: [{ dailyLimit: c(50) }] });
    expect(arr(r.ledger.paidMaturity).slice(9, 14)).toEqual([0, c(50), c(50), c(50), 0]);
    expect(arr(r.ledger.overdue).slice(9, 14)).toEqual([0, c(100), c(50), 0, 0]);
    expect(r.ledger.cause[10]).toBe(CauseCode.Channel);
    expect(r.ledger.cause[11]).toBe(CauseCode.Channel);
  });

  it('a dated relaxation takes effect on its day', () => {
    const r = runLedger({
      cash: 1000,
      cohorts: [{ value: 150, maturityDay: 10 }],
      channels: [{ dailyLimit: c(50) }],
      changes: [{ kind: 'dated', day: 11, channel: 0, limits: { dailyLimit: c(100) } }],
    });
    expect(arr(r.ledger.paidMaturity).slice(10, 13)).toEqual([c(50), c(100), 0]);
  });

  it('per-transfer limits multiply the transfers a payout needs', () => {
    // 10 policies of 15 each; transfers of at most 10 need 2 per payout; 6 transfers a day = 3 payouts = 45.
    const r = runLedger({
      cash: 1000,
      cohorts: [{ value: 150, maturityDay: 10, policies: 10 }],
      channels: [{ perTransferLimit: c(10), dailyTransfers: 6 }],
    });
    expect(arr(r.ledger.paidMaturity).slice(10, 14)).toEqual([c(45), c(45), c(45), c(15)]);
  });
});

describe('processing capacity', () => {
  it('pays at most the capacity in payouts per day, cause processing', () => {
    // 3 policies of 50; one payout processed per day.
    const r = runLedger({ cash: 1000, cohorts: [{ value: 150, maturityDay: 2, policies: 3 }], processingCapacity: 1 });
    expect(arr(r.ledger.paidMaturity).slice(2, 6)).toEqual([c(50), c(50), c(50), 0]);
    expect(r.ledger.cause[2]).toBe(CauseCode.Processing);
  });
});

describe('calendar', () => {
  it('rolls a payout due on a holiday to the next business day, without counting it overdue', () => {
    // Due day 10; days 10 and 11 are holidays: paid on day 12, never overdue.
    const r = runLedger({ cash: 1000, cohorts: [{ value: 150, maturityDay: 10 }], holidays: [10, 11] });
    expect(r.ledger.paidMaturity[12]).toBe(c(150));
    expect(arr(r.ledger.overdue).every((x) => x === 0)).toBe(true);
  });

  it('counts a late payout overdue on holidays too', () => {
    // Due day 9 with a channel limit of 100: 50 left after day 9; days 10-11 are holidays; paid day 12.
    const r = runLedger({
      cash: 1000,
      cohorts: [{ value: 150, maturityDay: 9 }],
      holidays: [10, 11],
      channels: [{ dailyLimit: c(100) }],
    });
    expect(arr(r.ledger.overdue).slice(9, 13)).toEqual([c(50), c(50), c(50), 0]);
  });

  it('grace days delay the overdue count', () => {
    const r = runLedger({ cash: 1000, cohorts: [{ value: 150, maturityDay: 10 }], channels: [{ dailyLimit: c(50) }], grace: 1 });
    // Unpaid 100 after day 10 is not overdue until the end of day 11, when 50 is still unpaid.
    expect(arr(r.ledger.overdue).slice(10, 13)).toEqual([0, c(50), 0]);
  });
});

describe('claims', () => {
  it('spreads a maturity over the claim lag and keeps the rest unclaimed', () => {
    // 70% claimed on the due date, 20% after 7 days, 10% never within the horizon.
    const r = runLedger({
      cash: 1000,
      cohorts: [{ value: 100, maturityDay: 2, product: { claimLag: [{ lagDays: 0, share: 0.7 }, { lagDays: 7, share: 0.2 }] } }],
    });
    expect(r.ledger.paidMaturity[2]).toBe(c(70));
    expect(r.ledger.paidMaturity[9]).toBe(c(20));
    expect(r.ledger.totals.unclaimed).toBe(c(10));
  });

  it('re-submits a payout to a bad account after the fix delay: paid then, not overdue before', () => {
    // 10% of 100 goes to bad accounts and is re-submitted 5 days after the due date (day 2 -> day 7).
    const r = runLedger({
      cash: 1000,
      cohorts: [{ value: 100, maturityDay: 2, product: { accountFailureRate: 0.1, accountRetryDays: 5 } }],
    });
    expect(r.ledger.paidMaturity[2]).toBe(c(90));
    expect(r.ledger.paidMaturity[7]).toBe(c(10));
    expect(arr(r.ledger.overdue).every((x) => x === 0)).toBe(true);
    // Until it is paid, the re-submission is part of the backlog.
    expect(arr(r.ledger.backlog).slice(2, 8)).toEqual([c(10), c(10), c(10), c(10), c(10), 0]);
  });

  it('a re-submission competes for the channel on its new due date, ahead of newer requests', () => {
    // Day 7: the 10 re-submitted (requested on day 2) is paid first, then 90 of the new 100; the
    // channel pays 100 a day, so 10 is overdue on day 7 and paid on day 8.
    const r = runLedger({
      cash: 1000,
      channels: [{ dailyLimit: c(100) }],
      cohorts: [
        { value: 100, maturityDay: 2, product: { accountFailureRate: 0.1, accountRetryDays: 5 } },
        { value: 100, maturityDay: 7 },
      ],
    });
    expect(r.ledger.paidMaturity[2]).toBe(c(90));
    expect(arr(r.ledger.paidMaturity).slice(7, 10)).toEqual([c(100), c(10), 0]);
    expect(arr(r.ledger.overdue).slice(6, 9)).toEqual([0, c(10), 0]);
    expect(r.ledger.cause[7]).toBe(CauseCode.Channel);
  });

  it('rolls over a share of the maturity instead of paying it', () => {
    const r = runLedger({ cash: 1000, cohorts: [{ value: 100, maturityDay: 2, product: { rollover: { kind: 'fixed', value: 0.25 } } }] });
    expect(r.ledger.paidMaturity[2]).toBe(c(75));
    expect(r.ledger.totals.rolledOver).toBe(c(25));
  });
});

describe('surrenders', () => {
  it('a 40% mass lapse pays 40% of in-force value less the surrender charge, and depletes the later maturity', () => {
    // In force 1000 maturing day 15; lapse of 40% on day 3 with a 5% charge: 400 gross, 20 kept, 380 paid.
    const r = runLedger({
      cash: 10_000,
      cohorts: [{ value: 1000, maturityDay: 15, product: { surrenderCharge: 0.05 } }],
      stress: { massLapse: { day: 3, share: 0.4 } },
    });
    expect(r.ledger.paidSurrender[3]).toBe(c(380));
    expect(r.ledger.totals.surrenderCharges).toBe(c(20));
    expect(r.ledger.paidMaturity[15]).toBe(c(600));
  });

  it('a certain shock multiplies the base hazard at its peak and halves the excess each half-life', () => {
    // Hazard 0.001/day on 1,000,000; shock peak x5 on day 0, half-life 1 day:
    // day 0: 0.005 -> 5000; day 1: multiplier 1 + 4/2 = 3 on 995,000 -> 2985.
    const r = runLedger({
      cash: 1e7,
      cohorts: [{ value: 1e6, maturityDay: 100, product: { baseDailyHazard: 0.001 } }],
      stress: { shocks: [{ name: 'news', day: 0, probability: 1, peakMultiplier: 5, halfLifeDays: 1 }] },
    });
    expect(r.ledger.paidSurrender[0]).toBe(c(5000));
    expect(r.ledger.paidSurrender[1]).toBe(c(2985));
  });
});

describe('assets', () => {
  it('sells assets ahead of a known maturity, net of haircut, settling T+2', () => {
    // Need 100 on day 5 seen on day 0 (lookahead 5): sell 111.12 at a 10% haircut -> 100.01 on day 2.
    const r = runLedger({
      cash: 0,
      cohorts: [{ value: 100, maturityDay: 5 }],
      assets: [{ amount: c(1000), haircut: { kind: 'fixed', value: 0.1 }, settlementDays: 2 }],
      lookaheadDays: 5,
    });
    expect(r.ledger.assetSales[2]).toBe(10001);
    expect(r.ledger.paidMaturity[5]).toBe(c(100));
    expect(r.peakOverdue).toBe(0);
  });
});
