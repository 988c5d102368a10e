/**
 * Management actions (docs/model.md, "Management actions"; research note 8.5, tests 1-4): hand-computed
 * ledgers, one path, no randomness, the expected figures derived in the comments. Each case runs in
 * the kernel and in the reference model (they must agree; the differential test checks that on
 * generated models too). Then conservation: with actions every path's cash ledger still reconciles
 * to the cent (loan money is a cash inflow) and the liabilities are conserved (deferred surrenders
 * are owed, outside the backlog).
 */
import { describe, expect, it } from 'vitest';
import { PathSimulator, actionFieldsStart, fieldsPerDay, type PathLedger } from '../../src/engine/kernel.js';
import { drawPath } from '../../src/engine/reference/draws.js';
import { runReference } from '../../src/engine/reference/reference.js';
import type { ActionType, ManagementActions } from '../../src/model/actions.js';
import { deriveModel } from '../../src/model/compile.js';
import type { Model } from '../../src/model/types.js';
import { buildModel, c, type ModelSpec } from './model-builder.js';
import { generateModel } from './model-generator.js';

type Parts = Partial<Omit<ManagementActions, 'order'>>;

/** The actions in the order suspensions, loans, cancellations, outreach. */
function actions(parts: Parts): ManagementActions {
  const a = { suspensions: [], loans: [], cancellations: [], outreach: [], ...parts };
  const order: { name: string; type: ActionType; index: number }[] = [];
  a.suspensions.forEach((x, index) => order.push({ name: x.name, type: 'suspend_surrenders', index }));
  a.loans.forEach((x, index) => order.push({ name: x.name, type: 'intragroup_loan', index }));
  a.cancellations.forEach((x, index) => order.push({ name: x.name, type: 'cancel_outflow', index }));
  a.outreach.forEach((x, index) => order.push({ name: x.name, type: 'outreach', index }));
  return { ...a, order };
}

function withActions(spec: ModelSpec, parts: Parts): Model {
  return deriveModel({ ...buildModel(spec), actions: actions(parts) });
}

/** Runs path 0 in the kernel and the reference; checks they agree on the ledger; returns it and the day fields. */
function run(model: Model): { ledger: PathLedger; fields: Float64Array } {
  const H = model.horizonDays;
  const acc = new Float64Array(H * fieldsPerDay(model));
  const k = new PathSimulator(model).run(0, { acc, addHeadroom: () => {} }, true);
  const ref = runReference(model, drawPath(model, 0));
  for (const row of ['closingCash', 'overdue', 'backlog', 'deferred', 'actionInflows', 'paidSurrender', 'paidOther'] as const) {
    expect(Array.from(k.ledger[row]), row).toEqual(Array.from(ref.ledger[row]));
  }
  expect(Array.from(acc)).toEqual(Array.from(ref.fields));
  return { ledger: k.ledger, fields: acc };
}

const arr = (a: ArrayLike<number>) => Array.from(a);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('surrender suspension (moratorium), research note 8.5 test 1', () => {
  // One product, 100,000.00 in force (10,000,000 cents), daily hazard 1%, no maturity in the
  // horizon, every day a business day. Day d's surrender is cents(V_d x 0.01), V_{d+1} = V_d - it:
  //   day 0: 1,000.00 (V 99,000.00)   day 1: 990.00 (98,010.00)   day 2: 980.10 (97,029.90)
  //   day 3: 970.30 (96,059.60)        day 4: 960.60 (95,099.00)   day 5: 950.99 (94,148.01)
  //   day 6: 941.48 (93,206.53)        day 7: 932.07 (92,274.46)   day 8: 922.74 (91,351.72)
  //   day 9: 913.52 (90,438.20)        day 10: 904.38 (89,533.82)
  // The suspension covers days [5, 10): requests of days 5..9 are deferred,
  //   950.99 + 941.48 + 932.07 + 922.74 + 913.52 = 4,660.80,
  // and fall due on day 10 with day 10's own 904.38.
  const surrendered = [1000, 990, 980.1, 970.3, 960.6, 950.99, 941.48, 932.07, 922.74, 913.52, 904.38].map(c);
  const deferredByDay = [0, 0, 0, 0, 0, 950.99, 1892.47, 2824.54, 3747.28, 4660.8].map(c);
  const spec = (cash: number): ModelSpec => ({
    horizon: 12,
    cash,
    cohorts: [{ value: 100_000, maturityDay: 500, policies: 1000, product: { baseDailyHazard: 0.01 } }],
  });
  const suspension = { name: 'moratorium', fromDay: 5, untilDay: 10, groups: [0] };

  it('with cash: earlier requests paid as usual, deferred ones paid 0 until the end, then all at once', () => {
    const { ledger, fields } = run(withActions(spec(1_000_000), { suspensions: [suspension] }));
    // requests filed before `from` are unaffected (Eurovita rule): paid on their day
    expect(arr(ledger.paidSurrender.slice(0, 5))).toEqual(surrendered.slice(0, 5));
    expect(arr(ledger.paidSurrender.slice(5, 10))).toEqual([0, 0, 0, 0, 0]);
    // day 10: the deferred 4,660.80 plus day 10's 904.38 = 5,565.18
    expect(ledger.paidSurrender[10]).toBe(c(5565.18));
    expect(arr(ledger.deferred.slice(0, 10))).toEqual(deferredByDay);
    expect(ledger.deferred[10]).toBe(0);
    expect(arr(ledger.overdue)).toEqual(new Array(12).fill(0));
    // the action's fields: activation 1 on day 5, amounts deferred by day summing to 4,660.80
    const F = fieldsPerDay(ledgerModel());
    const base = actionFieldsStart(ledgerModel());
    expect(range(0, 12).map((d) => fields[d * F + base + 2])).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(range(0, 12).reduce((s, d) => s + fields[d * F + base + 3], 0)).toBe(c(4660.8));
    expect(range(0, 12).map((d) => fields[d * F + base])).toEqual([...deferredByDay, 0, 0]);
  });

  it('without cash: deferred requests are never overdue while suspended; earlier ones are', () => {
    const { ledger } = run(withActions(spec(0), { suspensions: [suspension] }));
    // Days 0..4 nothing can be paid: overdue on day d = the requests of days 0..d.
    // Days 5..9: the overdue amount stays at days 0..4's 4,901.00 while the deferred ones grow.
    let overdue = 0;
    for (let d = 0; d < 5; d++) {
      overdue += surrendered[d];
      expect(ledger.overdue[d]).toBe(overdue);
    }
    expect(overdue).toBe(c(4901));
    for (let d = 5; d < 10; d++) expect(ledger.overdue[d]).toBe(c(4901));
    expect(arr(ledger.deferred.slice(5, 10))).toEqual(deferredByDay.slice(5));
    // day 10: the deferred requests fall due with day 10's: 4,901.00 + 4,660.80 + 904.38 = 10,466.18
    expect(ledger.overdue[10]).toBe(c(10466.18));
  });

  it('a product not covered is not suspended', () => {
    const { ledger } = run(withActions(spec(1_000_000), { suspensions: [{ ...suspension, groups: [] }] }));
    expect(arr(ledger.paidSurrender.slice(0, 11))).toEqual(surrendered);
    expect(arr(ledger.deferred)).toEqual(new Array(12).fill(0));
  });

  /** The model of these cases (for its field layout). */
  function ledgerModel(): Model {
    return withActions(spec(0), { suspensions: [suspension] });
  }
});

describe('intra-group loan, research note 8.5 test 2', () => {
  // Cash 100, a maturity of 150 due on day 10, no other source: 50 is overdue from day 10.
  const spec: ModelSpec = { horizon: 15, cash: 100, cohorts: [{ value: 150, maturityDay: 10 }] };
  const loan = { name: 'parent', amount: c(30), requestDay: 5, backlogAbove: null, noticeDays: 2, probability: 1 };

  it('without the loan: 50 overdue', () => {
    const { ledger } = run(withActions(spec, {}));
    expect(ledger.overdue[10]).toBe(c(50));
  });

  it('a loan of 30 requested on day 5 with 2 days notice arrives on day 7: exactly 20 overdue', () => {
    const { ledger } = run(withActions(spec, { loans: [loan] }));
    expect(arr(ledger.actionInflows)).toEqual(range(0, 15).map((d) => (d === 7 ? c(30) : 0)));
    // day 7: 100 + 30 = 130 in cash; day 10: 130 paid of 150
    expect(ledger.closingCash[7]).toBe(c(130));
    expect(ledger.paidMaturity[10]).toBe(c(130));
    expect(ledger.overdue[10]).toBe(c(20));
  });

  it('refused by the parent on the path (probability 0): still 50 overdue, nothing arrives', () => {
    const { ledger } = run(withActions(spec, { loans: [{ ...loan, probability: 0 }] }));
    expect(ledger.overdue[10]).toBe(c(50));
    expect(arr(ledger.actionInflows)).toEqual(new Array(15).fill(0));
  });

  it('triggered by the backlog: requested the day after it exceeds 40, no notice: 20 overdue from day 11', () => {
    // Day 10 ends with a backlog of 50 > 40: requested on day 11, arrives on day 11 and pays 30 of the 50.
    const { ledger } = run(withActions(spec, { loans: [{ ...loan, requestDay: null, backlogAbove: c(40), noticeDays: 0 }] }));
    expect(ledger.overdue[10]).toBe(c(50));
    expect(ledger.actionInflows[11]).toBe(c(30));
    expect(ledger.overdue[11]).toBe(c(20));
  });
});

describe('outflow cancellation, research note 8.5 test 3', () => {
  // Cash 100; other outflows of 10 on day 3 and a dividend of 25 on day 8. Cancelling the dividend
  // from day 5 raises the closing cash by exactly 25 on days 8 and later, and changes nothing before.
  const spec: ModelSpec = { horizon: 12, cash: 100, otherOutflows: { 3: 10, 8: 25 } };
  const dividend = new Float64Array(12);
  dividend[8] = c(25);
  const cancel = { name: 'stop dividend', outflow: 'dividend', amounts: dividend, fromDay: 5, headroomBelow: null };

  it('a dated cancellation: +25 on every day from the dividend date', () => {
    const without = run(withActions(spec, {})).ledger;
    const withCancel = run(withActions(spec, { cancellations: [cancel] })).ledger;
    expect(range(0, 12).map((d) => withCancel.closingCash[d] - without.closingCash[d])).toEqual(range(0, 12).map((d) => (d >= 8 ? c(25) : 0)));
    expect(withCancel.paidOther[8]).toBe(0);
  });

  it('a triggered one: takes effect the day after headroom falls below 95 (day 3 ends at 90): the dividend is cancelled', () => {
    const { ledger } = run(withActions(spec, { cancellations: [{ ...cancel, fromDay: null, headroomBelow: c(95) }] }));
    expect(ledger.closingCash[11]).toBe(c(90));
  });

  it('a trigger that fires after the dividend date cancels nothing (headroom never below 50 before day 8)', () => {
    const { ledger } = run(withActions(spec, { cancellations: [{ ...cancel, fromDay: null, headroomBelow: c(50) }] }));
    expect(ledger.closingCash[11]).toBe(c(65));
  });
});

describe('outreach campaign, research note 8.5 test 4', () => {
  // 1,000,000.00 matures on day 0 and nobody claims it then (claim lag: 0% on day 0), the product's
  // late-claim rate is 0. From day 1 a campaign reaches everyone (contacts far above the book's
  // policies, take-up 1) and its late-claim rate is m = 20% a month, q = 1 - 0.8^(1/30) a day.
  // Late claims on day t >= 1 are cents(unclaimed x q): over d = 30 days they total
  // U (1 - (1 - m)^(d/30)) = 1,000,000 x 0.2 = 200,000.00, up to each day's rounding (<= 0.5 cent).
  const U = 1_000_000;
  const m = 0.2;
  const q = 1 - Math.pow(1 - m, 1 / 30);
  const spec: ModelSpec = {
    horizon: 31,
    cash: 10_000_000,
    cohorts: [{ value: U, maturityDay: 0, policies: 100, product: { claimLag: [{ lagDays: 0, share: 0 }] } }],
  };
  const campaign = { name: 'outreach', fromDay: 1, contactsPerDay: 1e6, takeUp: 1, damping: 0, lateClaimDailyRate: q };

  it('take-up 1: late claims over 30 days = U (1 - (1 - m)^(30/30)) = 200,000.00 within 15 cents', () => {
    const { ledger } = run(withActions(spec, { outreach: [campaign] }));
    const claimed = ledger.paidMaturity.slice(1, 31).reduce((s, x) => s + x, 0);
    expect(Math.abs(claimed - c(U * (1 - Math.pow(1 - m, 30 / 30))))).toBeLessThanOrEqual(15);
  });

  it('over 10 days: U (1 - 0.8^(10/30)) = 71,773.32 within 5 cents', () => {
    const { ledger } = run(withActions(spec, { outreach: [campaign] }));
    const claimed = ledger.paidMaturity.slice(1, 11).reduce((s, x) => s + x, 0);
    expect(Math.abs(claimed - c(U * (1 - Math.pow(0.8, 10 / 30))))).toBeLessThanOrEqual(5);
  });

  it('take-up 0.5: half the rate, U (1 - (1 - q/2)^30) within 15 cents', () => {
    const { ledger } = run(withActions(spec, { outreach: [{ ...campaign, takeUp: 0.5 }] }));
    const claimed = ledger.paidMaturity.slice(1, 31).reduce((s, x) => s + x, 0);
    expect(Math.abs(claimed - c(U * (1 - Math.pow(1 - q / 2, 30))))).toBeLessThanOrEqual(15);
  });

  it('damps a shock: excess x (1 - reach x damping); full reach and damping 1 leave the base hazard', () => {
    // A shock of peak 5 (excess 4) from day 0 on a 1% hazard, half-life huge: day 0 surrenders 5% of
    // 100,000 = 5,000.00; with the campaign from day 0 reaching everyone, damping 1: 1% = 1,000.00.
    const shockSpec: ModelSpec = {
      horizon: 2,
      cash: 1_000_000,
      cohorts: [{ value: 100_000, maturityDay: 500, policies: 10, product: { baseDailyHazard: 0.01 } }],
      stress: { shocks: [{ name: 's', day: 0, probability: 1, peakMultiplier: 5, halfLifeDays: 1e9 }] },
    };
    expect(run(withActions(shockSpec, {})).ledger.paidSurrender[0]).toBe(c(5000));
    const damped = run(withActions(shockSpec, { outreach: [{ ...campaign, fromDay: 0, damping: 1, lateClaimDailyRate: null }] }));
    expect(damped.ledger.paidSurrender[0]).toBe(c(1000));
  });
});

describe('conservation with management actions (generated models)', () => {
  const models = Array.from({ length: 200 }, (_, i) => generateModel(`diff/${i}`).model).filter((m) => m.actions !== undefined);
  it(`every path of ${models.length} generated models with actions reconciles to the cent`, () => {
    expect(models.length).toBeGreaterThan(50);
    let deferredSeen = 0;
    let loansSeen = 0;
    for (const model of models) {
      const sim = new PathSimulator(model);
      for (let p = 0; p < model.paths; p++) {
        const l = sim.run(p, null, true).ledger;
        let cash = model.funding.openingCash;
        for (let d = 0; d < model.horizonDays; d++) {
          expect(l.openingCash[d]).toBe(cash);
          // cash: opening + inflows + asset sales + credit draws + loan money - payouts = closing
          const closing = l.openingCash[d] + l.inflows[d] + l.assetSales[d] + l.creditDraws[d] + l.actionInflows[d] - l.paidMaturity[d] - l.paidSurrender[d] - l.paidOther[d];
          expect(l.closingCash[d]).toBe(closing);
          cash = closing;
        }
        const t = l.totals;
        const deferred = l.deferred[model.horizonDays - 1];
        if (deferred > 0) deferredSeen++;
        if (l.actionInflows.some((x) => x > 0)) loansSeen++;
        // liabilities: initial + accrued = paid + backlog + deferred + unclaimed + awaiting + rolled over + charges + in force
        expect(t.initialValue + t.accrued).toBe(t.paid + t.backlog + deferred + t.unclaimed + t.awaitingClaim + t.rolledOver + t.surrenderCharges + t.inForce);
        // cancelled outflows are never requested
        expect(t.otherRequested).toBe(t.otherPaid + t.otherBacklog);
      }
    }
    expect(deferredSeen).toBeGreaterThan(0);
    expect(loansSeen).toBeGreaterThan(0);
  });
});
