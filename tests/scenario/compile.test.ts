/**
 * The compiled model, pinned by hand-computed cases: accrual and maturity profiles of a group,
 * calendar rolls, scheduled cash flows, and the funding, payment and stress terms the kernel reads.
 */
import { describe, it, expect } from 'vitest';
import { OPEN_ENDED_DAY, NO_COUNT_LIMIT } from '../../src/model/compile.js';
import { parseIsoDate } from '../../src/dates.js';
import { loadScenario } from '../../src/model/load.js';
import { scratchDir } from './helpers.js';

const TAIL = `funding:
  cash: 5000
payments:
  channels:
    - { bank: Bank A, daily_limit: 10000 }
`;

function compile(text: string) {
  return loadScenario(scratchDir().write('s.yaml', text)).model;
}

describe('liability groups', () => {
  const model = compile(`name: Two cohorts
currency: CNY
start: 2020-01-06
horizon_days: 8
seed: 20200225
liabilities:
  products:
    savings:
      base_surrender_rate: 0.06
      surrender_charge: 0.01
      rollover_share: { dist: beta, mean: 0.2, sd: 0.1 }
      claim_lag: { day0: 0.7, after_days: { 30: 0.07, 7: 0.2 } }
      unclaimed_late_claim_rate: 0.02
      account_failure: { rate: 0.02, retry_after_days: 5 }
    annuity:
      base_surrender_rate: 0
    unused:
      base_surrender_rate: 0.5
  cohorts:
    - { product: savings, maturity_date: 2020-01-08, value: 1000, count: 10, guaranteed_yield: 0.10 }
    - { product: savings, maturity_date: 2020-01-10, value: 2000, count: 30, maturity_value: 2000 }
    - { product: annuity, maturity_date: 2030-01-01, value: 500.50, count: 1, guaranteed_yield: 0 }
${TAIL}`);
  const [annuity, savings] = model.groups;
  // Cohort 1: 1000.00 at 10% a year, matures on day 2. Cohort 2: 2000.00 maturing at 2000.00 on day 4,
  // so its implied yield is 0 and its value stays 200000 cents. g = one day's accrual of cohort 1.
  const g = Math.pow(1.1, 1 / 365);

  it('makes one group per product that has cohorts, in product-name order', () => {
    expect(model.groups.map((x) => x.product)).toEqual(['annuity', 'savings']);
    expect(savings).toMatchObject({ cohortCount: 2, initialValue: 300_000, initialPolicies: 40, surrenderCharge: 0.01 });
    expect(annuity).toMatchObject({ cohortCount: 1, initialValue: 50_050, initialPolicies: 1 });
  });

  it('grows the in-force book by the value-weighted yield of the cohorts still in force', () => {
    expect(g).toBeCloseTo(1.000261157876, 12);
    expect(savings.growth[0]).toBe(1);
    expect(savings.growth[1]).toBeCloseTo((1e5 * g + 2e5) / 3e5, 15);
    expect(savings.growth[1]).toBeCloseTo(1.0000870526, 10);
    expect(savings.growth[2]).toBeCloseTo((1e5 * g * g + 2e5) / (1e5 * g + 2e5), 15);
    // From day 3 only the zero-yield cohort is left; after day 4 none is.
    expect(Array.from(savings.growth.slice(3))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(annuity.growth)).toEqual(new Array(8).fill(1));
  });

  it('gives the maturing shares of value and policies, exactly 1 when the last cohort matures', () => {
    const value = Array.from(savings.maturingValueShare);
    expect(value[2]).toBeCloseTo((1e5 * g * g) / (1e5 * g * g + 2e5), 15);
    expect(value[4]).toBe(1);
    expect(value.filter((_, d) => d !== 2 && d !== 4)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(savings.maturingCountShare)).toEqual([0, 0, 0.25, 0, 1, 0, 0, 0]);
    // What is due is in whole cents: the value grown at the yield, rounded once.
    expect(savings.scheduledMaturities[2]).toBe(Math.round(1e5 * g * g));
    expect(savings.scheduledMaturities[4]).toBe(200_000);
    expect(savings.scheduledMaturities.length).toBe(8);
  });

  it('converts product terms: daily hazards, beta shape, sorted claim lags', () => {
    expect(savings.baseDailyHazard).toBeCloseTo(1 - Math.pow(0.94, 1 / 365), 15);
    expect(savings.baseDailyHazard).toBeCloseTo(0.00016951, 8);
    // k = mean (1 - mean) / sd^2 - 1 = 0.16 / 0.01 - 1 = 15: alpha = 0.2 k = 3, beta = 0.8 k = 12.
    expect(savings.rollover.kind).toBe('beta');
    if (savings.rollover.kind === 'beta') {
      expect(savings.rollover.alpha).toBeCloseTo(3, 12);
      expect(savings.rollover.beta).toBeCloseTo(12, 12);
    }
    expect(savings.claimLag).toEqual([
      { lagDays: 0, share: 0.7 },
      { lagDays: 7, share: 0.2 },
      { lagDays: 30, share: 0.07 },
    ]);
    expect(savings.lateClaimDailyRate).toBeCloseTo(1 - Math.pow(0.98, 1 / 30), 15);
    expect(savings.accountFailureRate).toBe(0.02);
    expect(savings.accountRetryDays).toBe(5);
    // Defaults: no rollover, everything claimed on the due date, no bad accounts.
    expect(annuity).toMatchObject({ baseDailyHazard: 0, rollover: { kind: 'fixed', value: 0 }, claimLag: [{ lagDays: 0, share: 1 }], lateClaimDailyRate: 0, accountFailureRate: 0 });
  });

  it('implies the yield from a maturity value', () => {
    const m = compile(`name: Implied
currency: CNY
start: 2020-01-01
horizon_days: 400
liabilities:
  products: { p: { base_surrender_rate: 0 } }
  cohorts:
    - { product: p, maturity_date: 2020-12-31, value: 1000, count: 1, maturity_value: 1100 }
${TAIL}`);
    // 365 days to maturity: the yield is 10% and the value due at maturity is 1100.00.
    expect(m.groups[0].growth[1]).toBeCloseTo(Math.pow(1.1, 1 / 365), 14);
    expect(m.groups[0].scheduledMaturities[365]).toBeCloseTo(110_000, 6);
    expect(m.groups[0].maturingValueShare[365]).toBe(1);
  });

  it('carries the run settings', () => {
    expect(model).toMatchObject({
      name: 'Two cohorts',
      description: '',
      currency: 'CNY',
      startDay: parseIsoDate('2020-01-06'),
      horizonDays: 8,
      calendarTail: 60,
      seed: '20200225',
      paths: 1000,
      shortfallThreshold: 0.01,
      overdueGraceDays: 0,
    });
  });
});

describe('calendar and scheduled cash flows', () => {
  // 2020-01-23 is a Thursday. Closed 24 Jan .. 2 Feb; 1 Feb is also listed as a make-up day (the
  // holiday wins); Saturday 8 Feb is a make-up working day.
  const model = compile(`name: Calendar
currency: CNY
start: 2020-01-23
horizon_days: 45
calendar:
  holidays: [2020-01-24..2020-02-02]
  extra_business_days: [2020-02-01, 2020-02-08]
liabilities:
  products: { p: { base_surrender_rate: 0 } }
  other_outflows:
    - { name: due on a Friday, date: 2020-03-06, amount: 1.23 }
    - { name: due on the last day, a Saturday, date: 2020-03-07, amount: 99 }
funding:
  cash: 5000
  inflows:
    - { name: coupon on a holiday Saturday, date: 2020-01-25, amount: 5.00 }
    - { name: month-end premium, monthly: 100, day_of_month: 31 }
payments:
  channels:
    - { bank: Bank A, daily_limit: 10000 }
`);
  const cal = model.calendar;

  it('marks business days: weekdays, minus holidays, plus make-up days', () => {
    expect(cal.businessDay.length).toBe(45 + 60);
    expect(Array.from(cal.businessDay.slice(0, 18))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]);
    expect(cal.nextBusinessDay[1]).toBe(11);
    expect(cal.nextBusinessDay[11]).toBe(11);
    expect(cal.nextBusinessDay[17]).toBe(18);
    expect(cal.businessDaysBefore.length).toBe(45 + 60 + 1);
    expect(cal.businessDaysBefore[0]).toBe(0);
    expect(cal.businessDaysBefore[12]).toBe(2);
    expect(cal.businessDaysBefore[18]).toBe(7);
  });

  it('rolls each dated amount to the next business day, and drops what rolls past the horizon', () => {
    const inflows = Array.from(model.funding.inflows);
    // 25 Jan rolls to 3 Feb (day 11), with the 31 Jan premium; 29 Feb (Saturday) rolls to 2 Mar (day 39).
    expect(inflows[11]).toBe(500 + 10_000);
    expect(inflows[39]).toBe(10_000);
    expect(inflows.reduce((a, b) => a + b, 0)).toBe(20_500);
    const outflows = Array.from(model.otherOutflows);
    expect(outflows[43]).toBe(123);
    expect(outflows.reduce((a, b) => a + b, 0)).toBe(123);
  });

  it('with weekends open, only holidays are closed', () => {
    const open = compile(`name: Open
currency: CNY
start: 2020-01-23
horizon_days: 5
calendar: { weekends: false, holidays: [2020-01-25..2020-12-31] }
liabilities:
  products: { p: { base_surrender_rate: 0 } }
${TAIL}`);
    expect(Array.from(open.calendar.businessDay.slice(0, 5))).toEqual([1, 1, 0, 0, 0]);
    // No business day is left in the calendar: "after the horizon" is the array length.
    expect(open.calendar.nextBusinessDay[2]).toBe(65);
  });

  it('puts monthly amounts on the day of the month, clamped to the month end', () => {
    const m = compile(`name: Monthly
currency: CNY
start: 2021-01-15
horizon_days: 60
calendar: { weekends: false }
liabilities:
  products: { p: { base_surrender_rate: 0 } }
  other_outflows: [{ name: rent, monthly: 7 }, { name: payroll, monthly: 1, day_of_month: 30 }]
${TAIL}`);
    const days = Array.from(m.otherOutflows).flatMap((x, d) => (x > 0 ? [[d, x]] : []));
    // Rent on 1 Feb (day 17) and 1 Mar (day 45); payroll on 30 Jan (day 15) and 28 Feb (day 44).
    expect(days).toEqual([
      [15, 100],
      [17, 700],
      [44, 100],
      [45, 700],
    ]);
  });
});

describe('stress, funding and payments', () => {
  const model = compile(`name: Terms
currency: CNY
start: 2020-01-06
horizon_days: 30
liabilities:
  products: { p: { base_surrender_rate: 0.1, claim_lag: { day0: 0.5, after_days: { 90: 0.5 } } } }
surrender_stress:
  level: { dist: lognormal, sd: 0.35 }
  shocks: [{ name: news, date: 2020-01-01, probability: 0.6, peak_multiplier: 4, half_life_days: 10 }]
  contagion: { strength: 0.4, decay_days: 7 }
  mitigation: { from: 2020-01-16, notified_share: 0.9, damping: 0.5 }
  mass_lapse: { date: 2020-01-20, share: 0.4 }
funding:
  cash: 18_000_000_000
  minimum_cash: "1e9"
  assets:
    - { name: bonds, amount: 60e9, haircut: [0.01, 0.04], settlement_days: 1, daily_capacity: 5e9 }
    - { name: cash fund, amount: 1e9, haircut: 0.005 }
  credit_lines:
    - { bank: Bank A, limit: 30e9, from: 2020-01-10, until: 2020-12-31, notice_days: 2, daily_draw_cap: 5e9, fail_probability: 0.05 }
    - { bank: Bank B, limit: 20e9 }
  policy: { waterfall: [cash, assets, credit], lookahead_days: 5 }
payments:
  channels:
    - { bank: Bank A, daily_limit: 4e9, per_transfer_limit: 5_000_000, daily_transfers: 60_000 }
    - { bank: Bank C, daily_limit: 2e9 }
  processing_capacity: 80_000
  changes:
    - { on: 2020-01-17, channel: Bank C, daily_limit: 6e9 }
    - { on: 2020-01-20, processing_capacity: 150_000 }
    - { when_backlog_above: 5e9, channel: Bank A, per_transfer_limit: 1e7, after_days: 3, probability: 0.7 }
`);

  it('turns dates into day indices (shocks may be before the start)', () => {
    expect(model.stress).toEqual({
      levelSd: 0.35,
      dailyNoiseSd: 0,
      shocks: [{ name: 'news', day: -5, probability: 0.6, peakMultiplier: 4, halfLifeDays: 10 }],
      contagion: { strength: 0.4, decayDays: 7 },
      mitigation: { fromDay: 10, notifiedShare: 0.9, damping: 0.5 },
      massLapse: { day: 14, share: 0.4 },
      multiplierAppliesTo: 'daily_hazard',
    });
    // A 90-day claim lag lengthens the calendar tail past 60 days.
    expect(model.calendarTail).toBe(120);
  });

  it('compiles funding in integer cents, with defaults filled in', () => {
    expect(model.funding).toMatchObject({
      openingCash: 1_800_000_000_000,
      minimumCash: 100_000_000_000,
      waterfall: ['assets', 'credit'],
      lookaheadDays: 5,
      prefundSurrenders: true,
      assets: [
        { name: 'bonds', amount: 6e12, haircut: { kind: 'uniform', low: 0.01, high: 0.04 }, settlementDays: 1, dailyCapacity: 5e11 },
        { name: 'cash fund', amount: 1e11, haircut: { kind: 'fixed', value: 0.005 }, settlementDays: 0, dailyCapacity: 1e11 },
      ],
      creditLines: [
        { bank: 'Bank A', limit: 3e12, fromDay: 4, untilDay: 360, noticeDays: 2, dailyDrawCap: 5e11, failProbability: 0.05 },
        { bank: 'Bank B', limit: 2e12, fromDay: 0, untilDay: OPEN_ENDED_DAY, noticeDays: 0, dailyDrawCap: 2e12, failProbability: 0 },
      ],
    });
  });

  it('compiles channels and limit changes, with banks as channel indices', () => {
    expect(model.payments).toEqual({
      // the average rule (no policy file, transfer_counting not set): no per-band limit values
      bandLimits: null,
      channels: [
        { bank: 'Bank A', dailyLimit: 4e11, perTransferLimit: 500_000_000, dailyTransfers: 60_000 },
        { bank: 'Bank C', dailyLimit: 2e11, perTransferLimit: 2e11, dailyTransfers: NO_COUNT_LIMIT },
      ],
      processingCapacity: 80_000,
      changes: [
        { kind: 'dated', day: 11, channel: 1, limits: { dailyLimit: 6e11 } },
        { kind: 'dated', day: 14, channel: -1, limits: {}, processingCapacity: 150_000 },
        { kind: 'triggered', backlogAbove: 5e11, afterDays: 3, probability: 0.7, channel: 0, limits: { perTransferLimit: 1e9 } },
      ],
    });
  });
});
