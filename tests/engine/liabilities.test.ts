/**
 * The liabilities pass, pinned by hand: amounts due at maturity, late claims of unclaimed money,
 * the surrender-stress conventions and grace days. Scenarios go through the scenario layer and the
 * compiler, so each case is what a user's file gives; every expected figure is derived in the
 * comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { PathSimulator } from '../../src/engine/kernel.js';
import { messages } from '../../src/report/i18n.js';
import { loadScenario } from '../../src/model/load.js';
import { scratchDir } from '../scenario/helpers.js';
import { buildModel, c } from './model-builder.js';

function modelOf(text: string) {
  return loadScenario(scratchDir().write('s.yaml', text)).model;
}

function ledgerOf(text: string) {
  return new PathSimulator(modelOf(text)).run(0, null, true).ledger;
}

/** Ample cash and no payment limit, so every request is paid on its due date. */
const AMPLE = `funding:
  cash: 10_000_000_000
payments:
  channels:
    - { bank: Bank A, daily_limit: 10_000_000_000 }
`;

/** 2020-01-01 is a Wednesday; 2029-12-28 (day 3649) is a Friday, a business day. */
const TEN_YEARS = (rate: number) => `name: Ten years
currency: CNY
start: 2020-01-01
horizon_days: 3650
paths: 1
liabilities:
  products:
    savings:
      base_surrender_rate: ${rate}
  cohorts:
    - { product: savings, maturity_date: 2029-12-28, value: 700_000_000.00, count: 1000, maturity_value: 1_111_111_111.11 }
${AMPLE}`;

describe('amount due at maturity', () => {
  const MATURITY_DAY = 3649;

  it('equals the stated maturity_value to the cent when nothing is surrendered', () => {
    // The book accrues 700,000,000.00 at the implied yield for 3649 days, rounded to the cent each
    // day; what is due on the maturity date is the stated 1,111,111,111.11 = 111,111,111,111 cents,
    // not the daily-rounded book (which drifted to 1,111,111,110.99 before the fix).
    const l = ledgerOf(TEN_YEARS(0));
    expect(l.paidMaturity[MATURITY_DAY]).toBe(111_111_111_111);
    expect(l.totals.inForce).toBe(0);
    // The drift of the rounded book is booked as accrual, so the liabilities still reconcile.
    expect(l.totals.initialValue + l.totals.accrued).toBe(l.totals.paid + l.totals.inForce + l.totals.unclaimed);
  });

  it('equals the stated value times the survival, rounded once, when some was surrendered', () => {
    // Base rate r = 5% a year: daily hazard h = 1 - (1 - r)^(1/365) (level 1, no shock), applied on
    // days 0..3649 (the maturity day's surrenders come first), so the survival is (1 - h)^3650, as
    // the kernel multiplies it, day by day. Due: round(111,111,111,111 x survival).
    const h = 1 - Math.pow(1 - 0.05, 1 / 365);
    let survival = 1;
    for (let d = 0; d <= MATURITY_DAY; d++) survival *= 1 - h;
    const l = ledgerOf(TEN_YEARS(0.05));
    expect(l.paidMaturity[MATURITY_DAY]).toBe(Math.round(111_111_111_111 * survival));
    expect(l.totals.inForce).toBe(0);
    expect(l.totals.initialValue + l.totals.accrued).toBe(l.totals.paid + l.totals.inForce + l.totals.unclaimed);
  });
});

describe('amount due at maturity, several cohorts of one product', () => {
  // Two cohorts share the product's book: A (2024-12-31, day 1826, a Tuesday) and B (2029-12-28,
  // day 3649). With nothing surrendered each pays its own stated amount to the cent; A's maturity
  // resets the book left in force to B's no-surrender value, so B's drift does not carry A's.
  // A third cohort with a guaranteed yield of 4.5% matures with B and pays
  // round(2,000,000.00 x 1.045^(3649/365)) = round(200,000,000 cents x 1.045^(3649 / 365)).
  const text = `name: Three cohorts
currency: CNY
start: 2020-01-01
horizon_days: 3650
paths: 1
liabilities:
  products:
    savings:
      base_surrender_rate: 0
  cohorts:
    - { product: savings, maturity_date: 2024-12-31, value: 333_333_333.33, count: 100, maturity_value: 444_444_444.44 }
    - { product: savings, maturity_date: 2029-12-28, value: 700_000_000.00, count: 1000, maturity_value: 1_111_111_111.11 }
    - { product: savings, maturity_date: 2029-12-28, value: 2_000_000.00, count: 10, guaranteed_yield: 0.045 }
${AMPLE}`;
  it('pays each stated amount to the cent', () => {
    const l = ledgerOf(text);
    expect(l.paidMaturity[1826]).toBe(44_444_444_444);
    const grown = Math.round(200_000_000 * Math.exp((Math.log1p(0.045) / 365) * 3649));
    expect(grown).toBe(Math.round(200_000_000 * Math.pow(1.045, 3649 / 365)));
    expect(l.paidMaturity[3649]).toBe(111_111_111_111 + grown);
    expect(l.totals.inForce).toBe(0);
    expect(l.totals.initialValue + l.totals.accrued).toBe(l.totals.paid);
  });
});

describe('late claims of unclaimed money', () => {
  it('start the day after maturity', () => {
    // 1,000 matures on day 2; half is claimed on the due date, half stays unclaimed and is claimed
    // later at a daily rate of 10%. Day 2: 500 (no late claim yet: the money only became unclaimed
    // that day). Day 3: round(500 x 0.1) = 50. Day 4: round(450 x 0.1) = 45. Day 5: 40.50.
    const model = buildModel({
      cash: 10_000,
      cohorts: [{ value: 1000, maturityDay: 2, product: { claimLag: [{ lagDays: 0, share: 0.5 }], lateClaimDailyRate: 0.1 } }],
    });
    const l = new PathSimulator(model).run(0, null, true).ledger;
    expect(Array.from(l.paidMaturity.slice(1, 6))).toEqual([0, c(500), c(50), c(45), c(40.5)]);
  });
});

describe('surrender stress convention', () => {
  // One product at 30% a year, no maturity within the horizon (2021-06-30), zero yield and no
  // surrender charge, so what has left the book after 365 days (2020-01-01 .. 2020-12-30) is the
  // year's surrender share. The stress multiplier M is a shock of peak `m` on day 0 whose half-life
  // (1e9 days, the largest allowed) keeps it within 2.6e-7 x (m - 1) of m over the year; that fade
  // moves the year's share by at most 1e-7 (x3: keep 0.1 x 3 x 2.5e-7 = 7.6e-8), so shares are
  // compared to 6 decimals.
  const book = (m: number, convention?: string) => `name: Stress convention
currency: CNY
start: 2020-01-01
horizon_days: 365
paths: 1
liabilities:
  products:
    savings:
      base_surrender_rate: 0.30
  cohorts:
    - { product: savings, maturity_date: 2021-06-30, value: 1_000_000_000, count: 10_000, guaranteed_yield: 0 }
surrender_stress:
  shocks:
    - { name: stress, date: 2020-01-01, peak_multiplier: ${m}, half_life_days: 1e9 }
${convention === undefined ? '' : `  multiplier_applies_to: ${convention}\n`}${AMPLE}`;
  const yearShare = (text: string) => {
    const l = ledgerOf(text);
    return 1 - l.totals.inForce / l.totals.initialValue;
  };

  it('annual_rate: x2 on 30% a year surrenders 60% of the book in the year', () => {
    // Each day h = 1 - (1 - min(1, 0.30 x 2))^(1/365) = 1 - 0.4^(1/365); after 365 days the book
    // keeps (1 - h)^365 = 0.4: 60% surrendered (to the cents the book is rounded to each day).
    expect(yearShare(book(2, 'annual_rate'))).toBeCloseTo(0.6, 6);
  });

  it('daily_hazard (the default): x2 on the daily hazard of 30% a year surrenders about 51%', () => {
    // h = 2 x (1 - 0.7^(1/365)) each day; the year keeps (1 - h)^365, so 1 - (1 - h)^365 = 51.0% leaves.
    const h = 2 * (1 - Math.pow(0.7, 1 / 365));
    const expected = 1 - Math.pow(1 - h, 365);
    expect(expected).toBeCloseTo(0.51, 2);
    expect(yearShare(book(2))).toBeCloseTo(expected, 7);
    expect(yearShare(book(2, 'daily_hazard'))).toBeCloseTo(expected, 7);
  });

  it('annual_rate caps the stressed rate at 100% on each day: x4 on 30% surrenders the whole book on day 0', () => {
    // 0.30 x 4 = 1.2, capped at 1: the day's hazard is 1 - (1 - 1)^(1/365) = 1, so all of the
    // 1,000,000,000 is requested on day 0 (a Wednesday) and paid that day.
    const l = ledgerOf(book(4, 'annual_rate'));
    expect(l.paidSurrender[0]).toBe(100_000_000_000);
    expect(l.totals.inForce).toBe(0);
    // just below the cap: x3 gives 90% a year
    expect(yearShare(book(3, 'annual_rate'))).toBeCloseTo(0.9, 6);
  });

  it('each SIMD lane is the same bits as its path alone under the annual convention', () => {
    // Paths 0 and 1 share a liabilities pass; run path 1 alone (first) and after path 0.
    const text = book(2, 'annual_rate')
      .replace('paths: 1', 'paths: 2')
      .replace('surrender_stress:\n', 'surrender_stress:\n  level: { dist: lognormal, sd: 0.3 }\n  daily_noise_sd: 0.2\n');
    const model = modelOf(text);
    const together = new PathSimulator(model);
    together.run(0, null, true);
    const second = together.run(1, null, true).ledger;
    const alone = new PathSimulator(model).run(1, null, true).ledger;
    expect(Array.from(second.paidSurrender)).toEqual(Array.from(alone.paidSurrender));
    expect(second.totals).toEqual(alone.totals);
  });
});

describe('grace days over holidays', () => {
  // 200 matures on day 9, the channel pays 50 a business day, days 10 and 11 are holidays: 50 paid on
  // each of days 9, 12, 13 and 14, leaving 150, 150, 150, 100, 50, 0 unpaid at the ends of days 9-14.
  const spec = { cash: 1000, cohorts: [{ value: 200, maturityDay: 9 }], holidays: [10, 11], channels: [{ dailyLimit: c(50) }], grace: 2 };

  it('calendar days (the default): overdue from the end of day 9 + 2 = 11', () => {
    const l = new PathSimulator(buildModel(spec)).run(0, null, true).ledger;
    expect(Array.from(l.overdue.slice(9, 16))).toEqual([0, 0, c(150), c(100), c(50), 0, 0]);
  });

  it('business days: overdue from the end of the 2nd business day after day 9, day 13 (10 and 11 are holidays)', () => {
    // Business days 9, 12, 13: days 12 and 13 are the first and second business days after 9, so
    // nothing is overdue before the end of day 13, when 50 is still unpaid.
    const l = new PathSimulator(buildModel({ ...spec, graceCalendar: 'business' })).run(0, null, true).ledger;
    expect(Array.from(l.paidMaturity.slice(9, 16))).toEqual([c(50), 0, 0, c(50), c(50), c(50), 0]);
    expect(Array.from(l.overdue.slice(9, 16))).toEqual([0, 0, 0, 0, c(50), 0, 0]);
  });

  it('business days with no grace: the same as calendar days (due dates are business days)', () => {
    const calendar = new PathSimulator(buildModel({ ...spec, grace: 0 })).run(0, null, true).ledger;
    const business = new PathSimulator(buildModel({ ...spec, grace: 0, graceCalendar: 'business' })).run(0, null, true).ledger;
    expect(Array.from(business.overdue)).toEqual(Array.from(calendar.overdue));
    expect(Array.from(calendar.overdue.slice(9, 15))).toEqual([c(150), c(150), c(150), c(100), c(50), 0]);
  });

  it('reads overdue_grace_calendar from the scenario', () => {
    const text = `name: Grace\ncurrency: CNY\nstart: 2020-01-01\nhorizon_days: 20\noverdue_grace_days: 2\noverdue_grace_calendar: business\nliabilities:\n  products: {}\n${AMPLE}`;
    expect(modelOf(text)).toMatchObject({ overdueGraceDays: 2, overdueGraceCalendar: 'business' });
    expect(modelOf(text.replace('overdue_grace_calendar: business\n', ''))).toMatchObject({ overdueGraceCalendar: 'calendar' });
  });
});

describe('the report states the overdue rule with its kind of days', () => {
  it('says business days when the grace days are business days', () => {
    expect(messages('en').overdueRule('2', true)).toBe('still unpaid 2 business days after its due date');
    expect(messages('en').overdueRule('2', false)).toBe('still unpaid 2 days after its due date');
    expect(messages('zh-CN').overdueRule('2', true)).toBe('到期后 2 个工作日仍未支付');
  });
});
