/**
 * The reference model: one path of liqsim's model, day by day, in plain TypeScript. It is the
 * executable specification of docs/model.md ("Daily order of events"): one function per step, named
 * after it, whose doc comment gives the formula. It is not the fast path: the WebAssembly kernel
 * (../assembly/kernel.ts, driven by ../kernel.ts) runs the same model with precomputed tables and
 * SIMD, and tests/engine/differential.test.ts holds the two to the same numbers, to the bit, on
 * generated models.
 *
 * Conventions. Money is integer cents in doubles: every amount made from a rate times a balance is
 * rounded half up to the cent (`cents`) where it leaves a balance, so every balance stays an exact
 * integer. Policy counts are not rounded. The floating-point operations are written in the order the
 * kernel does them (a different order of the same formula can change the last bit of a count or a
 * need, and so a cent): where that order is not the obvious one, a comment says so.
 *
 * Inputs: the compiled `Model` and the path's draws (`PathDraws`, ./draws.ts). Outputs
 * (`ReferencePath`): the per-day fields the kernel adds to its block sums (FIELD in ../kernel.ts), the
 * headroom per day, the path's ledger and conservation totals and its outcome.
 *
 * docs/model.md ("Rules in detail") states the hazard cap, what contagion reacts to, the retry delay,
 * `after_days: 0`, `prefund_surrenders`, the need's lookahead window, the cause of a request not
 * tried, bad-account counts and the headroom and capacity rules: each rule here is one it states.
 */
import type { Cents, ChannelLimits, Model } from '../../model/types.js';
import { NEVER_DAY, hasActions } from '../../model/actions.js';
import { fundingOnlyModel } from '../../model/compile.js';
import { actionFieldsStart, allocLedger, assetFieldStart, CauseCode, FIELD, PayoutKind, fieldsPerDay, type PathLedger, type PathOutcome } from '../kernel.js';
import { kernelPow, type PathDraws } from './draws.js';

export interface ReferencePath {
  /** days x fieldsPerDay(model): this path's values of the kernel's per-day fields. */
  readonly fields: Float64Array;
  /** Headroom at the end of each day (cents). */
  readonly headroom: Float64Array;
  readonly ledger: PathLedger;
  readonly outcome: PathOutcome;
}

// ------------------------------------------------------------------------------------------------
// the path: the five steps, day by day

/** Runs one path of `model` with `draws`, following docs/model.md's daily order of events. */
export function runReference(model: Model, draws: PathDraws): ReferencePath {
  const H = model.horizonDays;
  const F = fieldsPerDay(model);
  const fields = new Float64Array(H * F);
  const headroomByDay = new Float64Array(H);
  const ledger = allocLedger(H, model.funding.assets.length, model.funding.creditLines.length);
  const s = initialState(model, draws);
  // dated changes before the start apply before day 0, in date order
  model.payments.changes
    .filter((c): c is Extract<LimitChange, { kind: 'dated' }> => c.kind === 'dated' && c.day < 0)
    .sort((a, b) => a.day - b.day)
    .forEach((c) => applyLimits(s, c));
  let paidCustomer = 0;
  let otherRequested = 0;
  let otherPaid = 0;
  let peakOverdue = 0;
  let firstShortfallDay = -1;
  let minHeadroom = Infinity;
  for (let d = 0; d < H; d++) {
    const row = (field: number, x: number) => (fields[d * F + field] += x);
    const opening = s.cash;
    // 1. arrivals
    const { inflow } = arrivals(s, d);
    loanArrivals(s, d);
    // 2. liabilities
    const requested = liabilities(s, d);
    otherRequested += requested.other;
    // 3. funding and 4. payments, on business days
    const business = model.calendar.businessDay[d] === 1;
    let pay: Payments = { paid: [0, 0, 0], capacity: [0, 0, 0] };
    if (business) {
      raiseFunding(s, d, fundingNeed(s, d));
      pay = payQueue(s);
      paidCustomer += pay.paid[PayoutKind.Maturity] + pay.paid[PayoutKind.Surrender];
      otherPaid += pay.paid[PayoutKind.Other];
    }
    // 5. metrics
    const od = overdue(s, d);
    if (od.total > 0) {
      if (firstShortfallDay < 0) firstShortfallDay = d;
      if (od.total > peakOverdue) peakOverdue = od.total;
    }
    const backlog = s.backlog;
    triggeredChanges(s, d, backlog);
    const reach = reachable(s, d);
    const hr = headroom(s, reach);
    if (hr < minHeadroom) minHeadroom = hr;
    headroomByDay[d] = hr;
    actionTriggers(s, d, backlog, hr);
    actionMetrics(s, d, row);
    metrics(row, {
      od,
      requested,
      pay,
      business,
      closing: s.cash,
      backlog,
      assetsSold: s.assetArrivals[d],
      assetsSoldByAsset: s.assetArrivalsByAsset.map((x) => x[d]),
      credit: s.creditIn,
      creditByLine: s.creditInByLine,
      assetField: assetFieldStart(model.funding.creditLines.length),
    });
    ledger.openingCash[d] = opening;
    ledger.inflows[d] = inflow;
    ledger.assetSales[d] = s.assetArrivals[d];
    ledger.creditDraws[d] = s.creditIn;
    ledger.paidMaturity[d] = pay.paid[PayoutKind.Maturity];
    ledger.paidSurrender[d] = pay.paid[PayoutKind.Surrender];
    ledger.paidOther[d] = pay.paid[PayoutKind.Other];
    ledger.closingCash[d] = s.cash;
    ledger.backlog[d] = backlog;
    ledger.overdue[d] = od.total;
    ledger.cause[d] = largestCause(od.byCause);
    ledger.requestMaturity[d] = requested.maturity;
    ledger.requestSurrender[d] = requested.surrender;
    ledger.requestOther[d] = requested.other;
    ledger.reachable[d] = reach;
    ledger.assetSalesByAsset.forEach((row, a) => (row[d] = s.assetArrivalsByAsset[a][d]));
    ledger.creditDrawsByLine.forEach((row, l) => (row[d] = s.creditInByLine[l]));
    ledger.deferred[d] = s.deferredBalance;
    ledger.actionInflows[d] = s.actionIn;
  }
  ledger.totals = conservationTotals(s, { paidCustomer, otherRequested, otherPaid });
  return { fields, headroom: headroomByDay, ledger, outcome: { peakOverdue, firstShortfallDay, minHeadroom: minHeadroom === Infinity ? 0 : minHeadroom } };
}

/**
 * The path's funding-only run (docs/model.md, "Funding-only shortfall"): a replay of the same path,
 * its own draws (so the same surrender level, shocks, daily noise and payout requests every day),
 * through the funding-only model: every payment-channel and processing limit lifted and no limit
 * changes, so only funding binds. The triggered changes' agreements the path drew go unused.
 */
export function runFundingOnly(model: Model, draws: PathDraws): ReferencePath {
  return runReference(fundingOnlyModel(model), { ...draws, triggerAgrees: [] });
}

// ------------------------------------------------------------------------------------------------
// small formulas

/** Rounds a non-negative amount to the cent, half up: 0 below 1/2, else floor(x + 1/2). */
export function cents(x: number): Cents {
  return x < 0.5 ? 0 : Math.floor(x + 0.5);
}

/** Rounds a signed amount to the cent, halves up (toward +infinity), 0 for |x| < 1/2. */
export function signedCents(x: number): Cents {
  return x < 0.5 && x > -0.5 ? 0 : Math.floor(x + 0.5);
}

/** Days in the model's calendar (the horizon plus its tail). */
function calendarDays(m: Model): number {
  return m.calendar.businessDay.length;
}

/**
 * The business day `n` business days after day d (n = 0: the first business day on or after d), or
 * the calendar's length when it falls outside the calendar.
 */
export function afterBusinessDays(m: Model, d: number, n: number): number {
  const C = calendarDays(m);
  for (let t = d; t < C; t++) {
    if (m.calendar.businessDay[t] === 1) {
      if (n === 0) return t;
      n--;
    }
  }
  return C;
}

/** Σ_{t < n} series[t], added in day order: the cumulative amount before day n. */
function cumulative(series: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let t = 0; t < n; t++) sum += series[t];
  return sum;
}

/**
 * The amount of a schedule falling in days [from, to): cumulative(to) − cumulative(from). (Taken as a
 * difference of cumulative sums, as the kernel reads it from a prefix-sum table, so the same bits.)
 */
function scheduledIn(series: ArrayLike<number>, from: number, to: number): number {
  return cumulative(series, to) - cumulative(series, from);
}

// ------------------------------------------------------------------------------------------------
// the path's state

/** A payout request in the queue: one day's customer payouts of one kind, or one other outflow. */
interface Request {
  readonly due: number;
  readonly kind: PayoutKind;
  amount: Cents;
  /** Number of payouts (non-integer: an expectation), for the average payout size. */
  count: number;
  /** The limit that last stopped it, or None if never stopped. */
  cause: CauseCode;
  /**
   * Per-band counting: transfers per payout under each per-transfer limit value (`bandLimits[v]`),
   * the request's transfers over its payouts; paying it pro rata keeps the ratio. null: the average rule.
   */
  readonly perPayout: readonly number[] | null;
}

/** One liability group (a product): its in-force book and its matured money not yet claimed. */
interface Book {
  value: Cents;
  count: number;
  /** Π (1 − h) over the days so far: the share of the book not surrendered (exactly 1 while h = 0). */
  survival: number;
  unclaimed: Cents;
  unclaimedCount: number;
}

interface Channel {
  dailyLimit: Cents;
  perTransferLimit: Cents;
  dailyTransfers: number;
}

interface State {
  readonly m: Model;
  readonly draws: PathDraws;
  readonly books: Book[];
  /** claims[g][t]: matured money of group g claimed on day t (and its count), by the claim lags. */
  readonly claimAmount: Float64Array[];
  readonly claimCount: Float64Array[];
  /** Bad-account payouts re-submitted on day t: [t][kind] (maturity, surrender). */
  readonly retryAmount: Float64Array[];
  readonly retryCount: Float64Array[];
  /** Per-band counting: their transfers, [t][kind · V + v] under limit value v (V values). */
  readonly retryTransfers: Float64Array[];
  /** Payouts already known on day t for day t' > t (later claim-lag instalments, re-submissions). */
  readonly knownLater: Float64Array;
  /** C(t), the contagion state entering the day. */
  contagionState: number;
  /** The 7-day moving average of requested surrenders. */
  surrenderRunRate: number;
  accrued: Cents;
  rolledOver: Cents;
  surrenderCharges: Cents;
  // cash side
  cash: Cents;
  inTransit: Cents;
  backlog: Cents;
  readonly creditArrivals: Float64Array[];
  readonly assetArrivals: Float64Array;
  /** Per asset: proceeds settling per day (they sum to `assetArrivals`). */
  readonly assetArrivalsByAsset: Float64Array[];
  readonly lineRemaining: number[];
  /** Per line, its last useful draw day (`Model.derived.lastDrawDay`). */
  readonly lineLastDraw: number[];
  readonly assetRemaining: number[];
  readonly channels: Channel[];
  processingCapacity: number;
  readonly queue: Request[];
  readonly triggerFired: boolean[];
  /** Day a triggered change takes effect, or -1. */
  readonly triggerActivation: number[];
  /** The day's credit that arrived or was drawn with no notice (per line and in total). */
  creditIn: Cents;
  readonly creditInByLine: Float64Array;
  // management actions (all empty or 0 without them)
  /** Deferred surrenders falling due on day t (amount and count), t < horizon. */
  readonly deferAmount: Float64Array;
  readonly deferCount: Float64Array;
  /** Per band: the transfers of the surrenders deferred to day d, [d][v]. */
  readonly deferTransfers: Float64Array[];
  /** Deferred surrenders not yet fallen due, at the day's end. */
  deferredBalance: Cents;
  /** The day's deferred requests and released ones, and deferred per suspension. */
  deferredIn: Cents;
  released: Cents;
  readonly deferredBy: Float64Array;
  /** Per loan, the day it is requested (NEVER_DAY: not, or not yet). */
  readonly loanDay: number[];
  /** Loan money arriving on day t, and the day's arrivals (in total and per loan). */
  readonly loanArrivalsByDay: Float64Array[];
  actionIn: Cents;
  readonly actionInByLoan: Float64Array;
  /** Per cancellation, the first day its outflow is not requested (NEVER_DAY: not yet). */
  readonly cancelFrom: number[];
  readonly cancelledToday: Float64Array;
}

/** Longest claim lag or account-retry delay of any product, in days. */
function longestLag(m: Model): number {
  let maxLag = 0;
  for (const g of m.groups) {
    for (const p of g.claimLag) maxLag = Math.max(maxLag, p.lagDays);
    maxLag = Math.max(maxLag, g.accountRetryDays);
  }
  return maxLag;
}

function initialState(m: Model, draws: PathDraws): State {
  const C = calendarDays(m);
  const width = C + longestLag(m) + m.funding.lookaheadDays + 2;
  return {
    m,
    draws,
    books: m.groups.map((g) => ({ value: g.initialValue, count: g.initialPolicies, survival: 1, unclaimed: 0, unclaimedCount: 0 })),
    claimAmount: m.groups.map(() => new Float64Array(width)),
    claimCount: m.groups.map(() => new Float64Array(width)),
    retryAmount: Array.from({ length: width }, () => new Float64Array(2)),
    retryCount: Array.from({ length: width }, () => new Float64Array(2)),
    retryTransfers: Array.from({ length: width }, () => new Float64Array(2 * (m.payments.bandLimits?.length ?? 0))),
    knownLater: new Float64Array(width),
    contagionState: 0,
    surrenderRunRate: 0,
    accrued: 0,
    rolledOver: 0,
    surrenderCharges: 0,
    cash: m.funding.openingCash,
    inTransit: 0,
    backlog: 0,
    creditArrivals: m.funding.creditLines.map(() => new Float64Array(C)),
    assetArrivals: new Float64Array(C),
    assetArrivalsByAsset: m.funding.assets.map(() => new Float64Array(C)),
    lineRemaining: m.funding.creditLines.map((l) => l.limit),
    lineLastDraw: [...m.derived.lastDrawDay],
    assetRemaining: m.funding.assets.map((a) => a.amount),
    channels: m.payments.channels.map((c) => ({ ...c })),
    processingCapacity: m.payments.processingCapacity,
    queue: [],
    triggerFired: triggeredList(m).map(() => false),
    triggerActivation: triggeredList(m).map(() => -1),
    creditIn: 0,
    creditInByLine: new Float64Array(m.funding.creditLines.length),
    deferAmount: new Float64Array(m.horizonDays),
    deferCount: new Float64Array(m.horizonDays),
    deferTransfers: Array.from({ length: m.horizonDays }, () => new Float64Array(m.payments.bandLimits?.length ?? 0)),
    deferredBalance: 0,
    deferredIn: 0,
    released: 0,
    deferredBy: new Float64Array(m.actions?.suspensions.length ?? 0),
    loanDay: (m.actions?.loans ?? []).map((l) => l.requestDay ?? NEVER_DAY),
    loanArrivalsByDay: (m.actions?.loans ?? []).map(() => new Float64Array(C)),
    actionIn: 0,
    actionInByLoan: new Float64Array(m.actions?.loans.length ?? 0),
    cancelFrom: (m.actions?.cancellations ?? []).map((c) => c.fromDay ?? NEVER_DAY),
    cancelledToday: new Float64Array(m.actions?.cancellations.length ?? 0),
  };
}

type LimitChange = Model['payments']['changes'][number];
type TriggeredChange = Extract<LimitChange, { kind: 'triggered' }>;

function triggeredList(m: Model): TriggeredChange[] {
  return m.payments.changes.filter((c): c is TriggeredChange => c.kind === 'triggered');
}

/** Dated changes on day d (those dated before the start take effect before day 0, in date order). */
function datedChangesOn(m: Model, d: number): LimitChange[] {
  return m.payments.changes.filter((c) => c.kind === 'dated' && c.day === d);
}

/** A limit change: the channel's given limits (others unchanged) and the processing capacity, if given. */
function applyLimits(s: State, change: { channel: number; limits: ChannelLimits; processingCapacity?: number }): void {
  if (change.channel >= 0) {
    const ch = s.channels[change.channel];
    if (change.limits.dailyLimit !== undefined) ch.dailyLimit = change.limits.dailyLimit;
    if (change.limits.perTransferLimit !== undefined) ch.perTransferLimit = change.limits.perTransferLimit;
    if (change.limits.dailyTransfers !== undefined) ch.dailyTransfers = change.limits.dailyTransfers;
  }
  if (change.processingCapacity !== undefined) s.processingCapacity = change.processingCapacity;
}

// ------------------------------------------------------------------------------------------------
// step 1: arrivals

/**
 * Step 1, arrivals: cash(d) = cash(d−1) + inflow(d) + credit arriving(d) + asset proceeds settling(d);
 * what arrives leaves "in transit". Then the limit changes dated today, and the triggered changes
 * whose delay ends today, take effect (`limitChanges`).
 */
export function arrivals(s: State, d: number): { inflow: Cents } {
  const inflow = s.m.funding.inflows[d];
  let credit = 0;
  s.creditInByLine.fill(0);
  s.creditArrivals.forEach((arriving, l) => {
    if (arriving[d] > 0) {
      credit += arriving[d];
      s.creditInByLine[l] += arriving[d];
    }
  });
  const assets = s.assetArrivals[d];
  s.cash += inflow + credit + assets;
  s.inTransit -= credit + assets;
  s.creditIn = credit;
  limitChanges(s, d);
  return { inflow };
}

/** Step 1, limit changes: dated changes of day d, then triggered changes activated for day d. */
export function limitChanges(s: State, d: number): void {
  for (const c of datedChangesOn(s.m, d)) applyLimits(s, c as Extract<LimitChange, { kind: 'dated' }>);
  triggeredList(s.m).forEach((c, t) => {
    if (s.triggerActivation[t] === d) applyLimits(s, c);
  });
}

// ------------------------------------------------------------------------------------------------
// step 2: liabilities

/**
 * S(t), the excess hazard of the shocks that happen on this path: S(t) = Σ_happening S_s(t), each
 * shock's (peak − 1) · 0.5^((t − date) / half_life) for t ≥ date (0 before, `Model.derived.shockExcess`);
 * from the mitigation date, S(t) · (1 − notified_share · damping) (`mitigationScale`).
 */
export function shockExcess(m: Model, draws: PathDraws, t: number): number {
  let excess = 0;
  m.derived.shockExcess.forEach((byDay, i) => {
    if (draws.shockHappens[i]) excess += byDay[t];
  });
  const mit = m.stress.mitigation;
  if (mit !== null && t >= mit.fromDay) excess *= m.derived.mitigationScale;
  // outreach campaigns (../../model/actions.ts): × Π (1 − reach · damping)
  if (m.derived.outreachScale.length > 0) excess *= m.derived.outreachScale[t];
  return excess;
}

/**
 * The day's relative surrender intensity m(t) = (1 + S(t)) · (1 + strength · C(t)) · N(t): the
 * stress on the hazard before the path's level L.
 */
export function relativeIntensity(s: State, t: number): number {
  const strength = s.m.stress.contagion?.strength ?? 0;
  let relative = (1 + shockExcess(s.m, s.draws, t)) * (1 + strength * s.contagionState);
  // N(t) = 1 without daily noise (draws.noise is null then)
  if (s.m.stress.dailyNoiseSd > 0) relative *= s.draws.noise![t];
  return relative;
}

/**
 * Contagion: C(t + 1) = C(t) · w + max(0, 1 − 1/m(t)) · (1 − w), w = exp(−1 / decay_days): a moving
 * average of 1 − 1/m over the previous days, in [0, 1). It reacts to the daily noise (in m) but not to
 * the path's level L.
 */
export function contagion(s: State, relative: number): void {
  const c = s.m.stress.contagion;
  if (c === null || !(c.strength > 0)) return;
  const w = s.m.derived.contagionWeight;
  const pressure = relative > 1 ? 1 - 1 / relative : 0;
  s.contagionState = s.contagionState * w + pressure * (1 - w);
}

/**
 * Accrual: value(d) = cents(value(d − 1) · growth(d)), growth(d) the group's guaranteed-yield factor
 * of the cohorts still in force. Returns the accrued cents.
 */
export function accrue(book: Book, growth: number): Cents {
  const grown = cents(book.value * growth);
  const accrued = grown - book.value;
  book.value = grown;
  return accrued;
}

/**
 * The daily hazard of a group with the path's multiplier M(t) = L · m(t), by the stress convention:
 * - daily_hazard: h = min(1, base · M), base = 1 − (1 − r)^(1/365) the daily hazard of the annual rate r;
 * - annual_rate: h = 1 − (1 − min(1, r · M))^(1/365), the annual rate stressed and capped day by day
 *   (Solvency II lapse-up, C-ROSS). The power is the kernel's own (`kernelPow`, see ./draws.ts).
 */
export function hazard(m: Model, grp: Model['groups'][number], level: number, relative: number): number {
  const multiplier = level * relative;
  if (m.stress.multiplierAppliesTo === 'annual_rate') {
    const rate = grp.baseAnnualRate * multiplier;
    return rate >= 1 ? 1 : 1 - kernelPow(1 - rate, 1.0 / 365);
  }
  const h = grp.baseDailyHazard * multiplier;
  return h > 1 ? 1 : h;
}

/** Mass lapse on its day: h' = h + (1 − h) · share (the share surrenders on top of the day's hazard). */
export function massLapse(h: number, share: number): number {
  return h + (1 - h) * share;
}

/**
 * Surrenders: gross = cents(value · h), the charge = cents(gross · surrender_charge) stays with the
 * insurer, surrender = gross − charge is requested; count · h policies leave; survival ← survival · (1 − h).
 */
export function surrenders(book: Book, h: number, charge: number): { gross: Cents; charge: Cents; amount: Cents; count: number } {
  const gross = cents(book.value * h);
  const kept = cents(gross * charge);
  const count = book.count * h;
  book.value -= gross;
  book.count -= count;
  book.survival *= 1 - h;
  return { gross, charge: kept, amount: gross - kept, count };
}

/**
 * Maturities of group g on day d: matured = cents(scheduled(d) · survival), the amount due with nothing
 * surrendered (the stated maturity values) times the path's survival, so exactly the stated amount
 * while nothing was surrendered; the book left is cents(noSurrenderBook(d) · survival) (0 when the last
 * cohorts mature), and the rounded book's drift from these, matured + left − book, is booked as
 * accrual. rolled = cents(matured · rollover) is reinvested, payable = matured − rolled is claimed over
 * the claim lags, cents(payable · share_k) on day d + k, and payable − Σ claimed stays unclaimed.
 * Instalments after today are known payouts from now on (`knownLater`).
 */
export function maturities(s: State, g: number, d: number): void {
  const grp = s.m.groups[g];
  const book = s.books[g];
  const share = grp.maturingValueShare[d];
  const roll = s.draws.rollShare[g];
  const matured = cents(scheduledIn(grp.scheduledMaturities, d, d + 1) * book.survival);
  const left = share >= 1 ? 0 : cents(s.m.derived.noSurrenderBook[g][d] * book.survival);
  s.accrued += matured + left - book.value;
  const maturedCount = share >= 1 ? book.count : book.count * grp.maturingCountShare[d];
  book.value = left;
  book.count -= maturedCount;
  const rolled = cents(matured * roll);
  s.rolledOver += rolled;
  const payable = matured - rolled;
  const payableCount = maturedCount * (1 - roll);
  let claimed = 0;
  for (const { lagDays, share: part } of grp.claimLag) {
    const x = cents(payable * part);
    claimed += x;
    s.claimAmount[g][d + lagDays] += x;
    s.claimCount[g][d + lagDays] += payableCount * part;
    if (lagDays > 0) s.knownLater[d + lagDays] += x;
  }
  book.unclaimed += payable - claimed;
  book.unclaimedCount += payableCount * s.m.derived.unclaimedShare[g];
}

/**
 * Late claims of group g: cents(unclaimed · late_rate) of the money left unclaimed before today
 * (late_rate the daily rate from the monthly one), so from the day after its maturity.
 */
export function lateClaims(s: State, g: number, d: number): { amount: Cents; count: number } {
  const rate = lateClaimRate(s.m, g, d);
  const book = s.books[g];
  if (!(rate > 0 && book.unclaimed > 0)) return { amount: 0, count: 0 };
  const x = cents(book.unclaimed * rate);
  const xc = book.unclaimedCount * rate;
  book.unclaimed -= x;
  book.unclaimedCount -= xc;
  return { amount: x, count: xc };
}

/**
 * The daily late-claim rate of group g on day d: the product's, or with outreach campaigns that set a
 * late-claim rate q, r ← r + reach(d) · (q − r) per campaign (`Model.derived.outreachLateRate`).
 */
export function lateClaimRate(m: Model, g: number, d: number): number {
  const byDay = m.derived.outreachLateRate;
  return byDay.length > 0 ? byDay[d * m.groups.length + g] : m.groups[g].lateClaimDailyRate;
}

/** Claims of group g on day d: the claim-lag instalments due today plus the day's late claims. */
export function claims(s: State, g: number, d: number, late: { amount: Cents; count: number }): { amount: Cents; count: number } {
  return { amount: s.claimAmount[g][d] + late.amount, count: s.claimCount[g][d] + late.count };
}

/** The day's pooled customer requests of one kind: amount and number of payouts (per band: and their transfers by limit value). */
interface Pool {
  amount: Cents;
  count: number;
  transfers: number[];
}

/**
 * Bad accounts: bad = cents(request · failure_rate) of a customer request goes to an invalid account;
 * it is re-submitted `retry_after_days` after the request's due day and is due then (its count with
 * it). The rest joins today's pool. A request that is all bad, or has no bad part, keeps its count
 * whole in one place.
 */
export function badAccounts(s: State, g: number, kind: PayoutKind.Maturity | PayoutKind.Surrender, due: number, request: { amount: Cents; count: number }, pool: Pool): void {
  const grp = s.m.groups[g];
  const rate = grp.accountFailureRate;
  // per band: the group's transfers per payout of this kind under each limit value
  const k = grp.transfersPerPayout === undefined ? [] : kind === PayoutKind.Maturity ? grp.transfersPerPayout.maturity : grp.transfersPerPayout.surrender;
  if (!(rate > 0)) {
    if (request.amount > 0) {
      pool.amount += request.amount;
      pool.count += request.count;
      k.forEach((kv, v) => (pool.transfers[v] += request.count * kv));
    }
    return;
  }
  const bad = cents(request.amount * rate);
  const rest = request.amount - bad;
  const badCount = request.count * rate;
  if (rest > 0) {
    pool.amount += rest;
    pool.count += request.count - badCount;
    k.forEach((kv, v) => (pool.transfers[v] += (request.count - badCount) * kv));
  }
  // The bad part is requested today (in the backlog until paid), so it is not also a known later payout.
  if (bad > 0) {
    const retryDay = due + grp.accountRetryDays;
    s.retryAmount[retryDay][kind] += bad;
    s.retryCount[retryDay][kind] += badCount;
    k.forEach((kv, v) => (s.retryTransfers[retryDay][kind * k.length + v] += badCount * kv));
  }
}

/** Re-submissions of bad-account payouts reaching day d: they start the day's pool of their kind. */
export function badAccountRetries(s: State, d: number, kind: PayoutKind.Maturity | PayoutKind.Surrender): Pool {
  const V = s.m.payments.bandLimits?.length ?? 0;
  return { amount: s.retryAmount[d][kind], count: s.retryCount[d][kind], transfers: Array.from(s.retryTransfers[d].subarray(kind * V, kind * V + V)) };
}

/** Per band, a pool's transfers per payout under each limit value (1 with no count); null under the average rule. */
function perPayoutOf(m: Model, pool: Pool): number[] | null {
  if (m.payments.bandLimits === null) return null;
  return pool.transfers.map((t) => (pool.count > 0 ? t / pool.count : 1));
}

/**
 * Step 2, liabilities on day d: the stressed hazard and contagion, then per group accrual, surrenders
 * (hazard, mass lapse), maturities, claims and bad accounts. One day's customer requests of one kind,
 * over all groups, form one request in the queue, due on the next business day; other outflows dated
 * today form another. Returns the requested amounts (bad-account parts included: they are requested
 * now and paid when re-submitted).
 */
export function liabilities(s: State, d: number): { maturity: Cents; surrender: Cents; other: Cents } {
  const m = s.m;
  const due = m.calendar.nextBusinessDay[d];
  const relative = relativeIntensity(s, d);
  contagion(s, relative);
  const maturityPool = badAccountRetries(s, d, PayoutKind.Maturity);
  const surrenderPool = badAccountRetries(s, d, PayoutKind.Surrender);
  releaseDeferred(s, d, surrenderPool);
  let requestMaturity = 0;
  let requestSurrender = 0;
  m.groups.forEach((grp, g) => {
    const book = s.books[g];
    s.accrued += accrue(book, grp.growth[d]);
    let h = hazard(m, grp, s.draws.level, relative);
    const lapse = m.stress.massLapse;
    if (lapse !== null && d === lapse.day && lapse.share > 0) h = massLapse(h, lapse.share);
    const surrendered = surrenders(book, h, grp.surrenderCharge);
    s.surrenderCharges += surrendered.charge;
    const late = lateClaims(s, g, d);
    if (grp.maturingValueShare[d] > 0) maturities(s, g, d);
    const claimed = claims(s, g, d, late);
    requestMaturity += claimed.amount;
    requestSurrender += surrendered.amount;
    badAccounts(s, g, PayoutKind.Maturity, due, claimed, maturityPool);
    if (!deferSurrenders(s, g, d, surrendered)) badAccounts(s, g, PayoutKind.Surrender, due, { amount: surrendered.amount, count: surrendered.count }, surrenderPool);
  });
  // the surrender run-rate: today's on the first day, then a 7-day moving average
  s.surrenderRunRate = d === 0 ? requestSurrender : s.surrenderRunRate + (requestSurrender - s.surrenderRunRate) / 7;
  if (maturityPool.amount > 0) {
    s.queue.push({ due, kind: PayoutKind.Maturity, amount: maturityPool.amount, count: maturityPool.count, cause: CauseCode.None, perPayout: perPayoutOf(m, maturityPool) });
  }
  if (surrenderPool.amount > 0) {
    s.queue.push({ due, kind: PayoutKind.Surrender, amount: surrenderPool.amount, count: surrenderPool.count, cause: CauseCode.None, perPayout: perPayoutOf(m, surrenderPool) });
  }
  const other = otherOutflowsOn(s, d);
  if (other > 0) s.queue.push({ due, kind: PayoutKind.Other, amount: other, count: 1, cause: CauseCode.None, perPayout: null });
  s.backlog += requestMaturity + requestSurrender + other;
  if (hasActions(m.actions)) {
    s.backlog += s.released - s.deferredIn;
    s.deferredBalance += s.deferredIn - s.released;
  }
  return { maturity: requestMaturity, surrender: requestSurrender, other };
}

// ------------------------------------------------------------------------------------------------
// management actions (../../model/actions.ts; docs/model.md "Management actions")

/**
 * Step 2, deferred surrenders falling due: those deferred to day d (a suspension's `until`) join the
 * day's surrender pool after the re-submitted bad-account payouts (due the next business day, so paid
 * after older requests and before today's); they are requested again, so they re-enter the backlog.
 */
export function releaseDeferred(s: State, d: number, pool: Pool): void {
  s.deferredIn = 0;
  s.released = 0;
  s.deferredBy.fill(0);
  if (!hasActions(s.m.actions) || !(s.deferAmount[d] > 0)) return;
  pool.amount += s.deferAmount[d];
  pool.count += s.deferCount[d];
  s.deferTransfers[d].forEach((t, v) => (pool.transfers[v] += t));
  s.released = s.deferAmount[d];
}

/**
 * Step 2, surrender suspension: a surrender request of group g filed on a day d a suspension covers
 * (from <= d < until) is deferred whole (no bad-account split): it is owed but not in the backlog,
 * so never overdue, and falls due on `until` (`releaseDeferred`); till then it is a known later payout
 * of the funding need. Returns true when deferred.
 */
export function deferSurrenders(s: State, g: number, d: number, surrendered: { amount: Cents; count: number }): boolean {
  const a = s.m.actions;
  if (a === undefined || a.suspensions.length === 0) return false;
  const k = s.m.derived.suspensionCovering[d * s.m.groups.length + g];
  if (k < 0) return false;
  const until = a.suspensions[k].untilDay;
  s.deferredIn += surrendered.amount;
  s.deferredBy[k] += surrendered.amount;
  if (until < s.m.horizonDays) {
    s.deferAmount[until] += surrendered.amount;
    s.deferCount[until] += surrendered.count;
    // per band: their transfers, counted when released as the group's surrenders would be
    const perPayout = s.m.groups[g].transfersPerPayout?.surrender ?? [];
    if (surrendered.amount > 0) perPayout.forEach((kv, v) => (s.deferTransfers[until][v] += surrendered.count * kv));
  }
  if (until < s.m.horizonDays + s.m.funding.lookaheadDays) s.knownLater[until] += surrendered.amount;
  return true;
}

/**
 * Step 2, other outflows of day d: the scheduled amount less that of each cancelled outflow whose
 * cancellation has taken effect (d >= its first day).
 */
export function otherOutflowsOn(s: State, d: number): Cents {
  let other = s.m.otherOutflows[d];
  s.cancelledToday.fill(0);
  s.m.actions?.cancellations.forEach((c, x) => {
    if (d < s.cancelFrom[x]) return;
    other -= c.amounts[d];
    s.cancelledToday[x] = c.amounts[d];
  });
  return other;
}

/**
 * Step 3, the cancelled outflows in days [from, to) the funding need leaves out: Σ over cancellations
 * in effect or dated of their amounts on days >= max(from, first day), taken as differences of
 * cumulative sums, in order.
 */
export function cancelledIn(s: State, from: number, to: number): Cents {
  let total = 0;
  s.m.actions?.cancellations.forEach((c, x) => {
    const first = Math.max(from, s.cancelFrom[x]);
    if (first < to) total += scheduledIn(c.amounts, first, to);
  });
  return total;
}

/**
 * Step 1, intra-group loans: money of loans arriving today goes to cash (out of "in transit"); then
 * each loan requested today, if the parent agrees on the path, arrives `notice` business days later:
 * today (to cash at once), on a later day (in transit till then), or never when after the calendar.
 */
export function loanArrivals(s: State, d: number): void {
  s.actionIn = 0;
  s.actionInByLoan.fill(0);
  const a = s.m.actions;
  if (a === undefined || a.loans.length === 0) return;
  a.loans.forEach((_, i) => {
    const x = s.loanArrivalsByDay[i][d];
    if (x > 0) {
      s.cash += x;
      s.inTransit -= x;
      s.actionIn += x;
      s.actionInByLoan[i] += x;
    }
  });
  a.loans.forEach((loan, i) => {
    if (s.loanDay[i] !== d || !loanGranted(s, i)) return;
    const arrival = afterBusinessDays(s.m, d, loan.noticeDays);
    if (arrival >= calendarDays(s.m)) return;
    if (arrival === d) {
      s.cash += loan.amount;
      s.actionIn += loan.amount;
      s.actionInByLoan[i] += loan.amount;
    } else {
      s.loanArrivalsByDay[i][arrival] += loan.amount;
      s.inTransit += loan.amount;
    }
  });
}

/** Whether the parent agrees to loan i on this path (drawn; agreed when the draws do not say). */
function loanGranted(s: State, i: number): boolean {
  return s.draws.loanGranted?.[i] ?? true;
}

/**
 * Step 5, action triggers at the day's end: a triggered loan not yet requested is requested the next
 * day once the backlog exceeds its threshold; a triggered cancellation takes effect the next day once
 * the headroom is below its threshold.
 */
export function actionTriggers(s: State, d: number, backlog: Cents, headroomToday: Cents): void {
  const a = s.m.actions;
  if (a === undefined) return;
  a.loans.forEach((loan, i) => {
    if (loan.backlogAbove !== null && s.loanDay[i] === NEVER_DAY && backlog > loan.backlogAbove) s.loanDay[i] = d + 1;
  });
  a.cancellations.forEach((c, x) => {
    if (c.headroomBelow !== null && s.cancelFrom[x] === NEVER_DAY && headroomToday < c.headroomBelow) s.cancelFrom[x] = d + 1;
  });
}

/**
 * Step 5, the actions' per-day fields (after FIELD.creditDrawnByLine's, see `actionFieldsStart`):
 * deferred balance, loan money arrived, then per action in scenario order 1 on its activation day
 * (suspension and outreach: `from`; loan: requested and agreed; cancellation: first day in effect) and
 * its amount of the day (deferred, arrived, cancelled; 0 for outreach).
 */
export function actionMetrics(s: State, d: number, row: (field: number, x: number) => void): void {
  const a = s.m.actions;
  if (!hasActions(a)) return;
  const base = actionFieldsStart(s.m);
  row(base, s.deferredBalance);
  row(base + 1, s.actionIn);
  a.order.forEach((act, k) => {
    const f = base + 2 + 2 * k;
    let on = false;
    let amount = 0;
    if (act.type === 'suspend_surrenders') {
      on = Math.max(0, a.suspensions[act.index].fromDay) === d;
      amount = s.deferredBy[act.index];
    } else if (act.type === 'outreach') {
      on = Math.max(0, a.outreach[act.index].fromDay) === d;
    } else if (act.type === 'intragroup_loan') {
      on = s.loanDay[act.index] === d && loanGranted(s, act.index);
      amount = s.actionInByLoan[act.index];
    } else {
      on = s.cancelFrom[act.index] === d;
      amount = s.cancelledToday[act.index];
    }
    row(f, on ? 1 : 0);
    row(f + 1, amount);
  });
}

// ------------------------------------------------------------------------------------------------
// step 3: funding

/**
 * The path's survival of group g to the end of day d as the funding need reads it: its book in force
 * over the book had nothing been surrendered (`Model.derived.noSurrenderBook`).
 */
export function survival(s: State, g: number, d: number): { inForce: Cents; base: number } {
  return { inForce: s.books[g].value, base: s.m.derived.noSurrenderBook[g][d] };
}

/**
 * The funding need on business day d:
 *   need = backlog
 *        + Σ_g survival_g(d) · scheduled maturities_g in (d, d + lookahead] · (1 − rollover_g)
 *        + other outflows in (d, d + lookahead]
 *        + known later payouts in (d, d + lookahead] (claim-lag instalments not yet requested)
 *        + surrender run-rate · runRateDays(d), with `prefund_surrenders` (else surrenders are funded
 *          as they arrive).
 * The first two windows end at the horizon; the known payouts' does not.
 */
export function fundingNeed(s: State, d: number): number {
  const m = s.m;
  const H = m.horizonDays;
  const L = m.funding.lookaheadDays;
  const end = Math.min(H, d + 1 + L);
  let need = s.backlog;
  m.groups.forEach((grp, g) => {
    const scheduled = scheduledIn(grp.scheduledMaturities, d + 1, end);
    const { inForce, base } = survival(s, g, d);
    // no maturities in the window, or no book left to scale them by: no term
    if (scheduled === 0 || base <= 0) return;
    need += (inForce / base) * scheduled * (1 - s.draws.rollShare[g]);
  });
  need += scheduledIn(m.otherOutflows, d + 1, end);
  need -= cancelledIn(s, d + 1, end);
  let known = 0;
  for (let t = d + 1; t <= d + L; t++) known += s.knownLater[t];
  need += known;
  if (m.funding.prefundSurrenders) need += s.surrenderRunRate * m.derived.runRateDays[d];
  return need;
}

/**
 * Step 3, funding actions on business day d: gap = ⌈need − (cash − minimum cash) − in transit⌉; while
 * gap > 0, in waterfall order:
 * - credit lines, in order, not refused on this path, with limit left, whose funds would arrive
 *   (after the notice, in business days) inside their window [from, until] and the calendar:
 *   draw = min(gap, remaining limit, daily draw cap);
 * - assets, in order, with a haircut below 100% and value left, whose proceeds settle inside the
 *   calendar (T + settlement business days): sold = min(⌈gap / keep⌉, remaining, daily capacity),
 *   proceeds = cents(sold · keep).
 * Funds arriving today go to cash at once; later ones are in transit.
 */
export function raiseFunding(s: State, d: number, need: number): void {
  const m = s.m;
  const C = calendarDays(m);
  let gap = Math.ceil(need - (s.cash - m.funding.minimumCash) - s.inTransit);
  for (const source of m.funding.waterfall) {
    if (!(gap > 0)) break;
    if (source === 'credit') {
      m.funding.creditLines.forEach((line, l) => {
        if (!(gap > 0) || s.draws.lineRefused[l] || s.lineRemaining[l] <= 0) return;
        const arrival = afterBusinessDays(m, d, line.noticeDays);
        if (arrival < line.fromDay || arrival > line.untilDay || arrival >= C) return;
        const draw = Math.min(gap, s.lineRemaining[l], line.dailyDrawCap);
        if (draw <= 0) return;
        s.lineRemaining[l] -= draw;
        gap -= draw;
        if (arrival === d) {
          s.cash += draw;
          s.creditIn += draw;
          s.creditInByLine[l] += draw;
        } else {
          s.creditArrivals[l][arrival] += draw;
          s.inTransit += draw;
        }
      });
    } else {
      m.funding.assets.forEach((asset, a) => {
        const keep = s.draws.assetKeep[a];
        if (!(gap > 0) || keep <= 0 || s.assetRemaining[a] <= 0) return;
        const arrival = afterBusinessDays(m, d, asset.settlementDays);
        if (arrival >= C) return;
        const sold = Math.min(Math.ceil(gap / keep), s.assetRemaining[a], asset.dailyCapacity);
        if (sold <= 0) return;
        const proceeds = cents(sold * keep);
        s.assetRemaining[a] -= sold;
        gap -= proceeds;
        s.assetArrivals[arrival] += proceeds;
        s.assetArrivalsByAsset[a][arrival] += proceeds;
        if (arrival === d) s.cash += proceeds;
        else s.inTransit += proceeds;
      });
    }
  }
}

// ------------------------------------------------------------------------------------------------
// step 4: payments

interface Payments {
  paid: [maturity: Cents, surrender: Cents, other: Cents];
  /** Capacities of the day: funding (cash above the buffer), channels (amount), processing (in money). */
  capacity: [funding: Cents, channel: Cents, processing: Cents];
}

/**
 * Step 4, payments on business day d: requests oldest due first. Funds = max(0, cash − minimum cash).
 * - Other outflows need funds only: pay = min(amount, ⌊funds⌋).
 * - A customer request of n payouts and amount A has average payout a = A / n; in each channel, in
 *   order, each payout needs k = ⌈a / per-transfer limit⌉ transfers (1 when it fits), and
 *   pay = ⌊min(A, channel amount left, transfers left / k · a, processing left · a, funds)⌋,
 *   paying pay / a payouts. It stops when funds < 1 cent or processing left · a < 1 cent.
 * A request left unpaid records its cause: funding (funds < 1), else processing, else channel.
 * Capacities: funding = funds at the start, channel = Σ `channelCapacity` at the average payout a,
 * processing = capacity · a; a is the average payout of the requests tried (the book's average policy
 * when none).
 */
export function payQueue(s: State): Payments {
  const m = s.m;
  let funds = Math.max(0, s.cash - m.funding.minimumCash);
  const capacityFunding = funds;
  let capacityChannel = 0;
  let processingLeft = s.processingCapacity;
  let readyAmount = 0;
  let readyCount = 0;
  const amountLeft = s.channels.map((c) => c.dailyLimit);
  const transfersLeft = s.channels.map((c) => c.dailyTransfers);
  const readyTransfers = (m.payments.bandLimits ?? []).map(() => 0);
  const paid: Payments['paid'] = [0, 0, 0];
  for (const r of s.queue) {
    let amount = r.amount;
    if (amount <= 0) continue;
    if (r.kind === PayoutKind.Other) {
      const pay = Math.min(amount, Math.floor(funds));
      if (pay > 0) {
        amount -= pay;
        funds -= pay;
        paid[PayoutKind.Other] += pay;
      }
      if (amount > 0) r.cause = CauseCode.Funding;
      r.amount = amount;
      continue;
    }
    let count = r.count;
    readyAmount += amount;
    readyCount += count;
    r.perPayout?.forEach((k, v) => (readyTransfers[v] += count * k));
    const avg = count > 0 ? amount / count : amount;
    for (let c = 0; c < s.channels.length && amount > 0; c++) {
      if (funds < 1 || processingLeft * avg < 1) break;
      const perTransfer = s.channels[c].perTransferLimit;
      const transfersPerPayout = r.perPayout !== null ? r.perPayout[bandIndex(m, perTransfer)] : averageRule(perTransfer, avg);
      // (t / k) · a, written t · a when k = 1 (the kernel's shortcut; the same number)
      const byCount = transfersPerPayout === 1 ? transfersLeft[c] * avg : (transfersLeft[c] / transfersPerPayout) * avg;
      const pay = Math.floor(Math.min(amount, amountLeft[c], byCount, processingLeft * avg, funds));
      if (pay <= 0) continue;
      const paidCount = pay === amount ? count : pay / avg;
      amount -= pay;
      count = amount > 0 ? count - paidCount : 0;
      funds -= pay;
      processingLeft -= paidCount;
      amountLeft[c] -= pay;
      transfersLeft[c] -= paidCount * transfersPerPayout;
      paid[r.kind] += pay;
    }
    if (amount > 0) r.cause = funds < 1 ? CauseCode.Funding : processingLeft * avg < 1 ? CauseCode.Processing : CauseCode.Channel;
    r.amount = amount;
    r.count = count;
  }
  const averagePayout = readyCount > 0 ? readyAmount / readyCount : m.derived.bookAveragePolicy;
  for (const c of s.channels) {
    // per band: the ready requests' transfers per payout under the channel's limit (none ready: the average rule)
    const k = m.payments.bandLimits !== null && readyCount > 0 ? readyTransfers[bandIndex(m, c.perTransferLimit)] / readyCount : averageRule(c.perTransferLimit, averagePayout);
    capacityChannel += channelCapacity(c, averagePayout, k);
  }
  const total = paid[0] + paid[1] + paid[2];
  s.cash -= total;
  s.backlog -= total;
  // paid requests leave the queue (from its head: the kernel keeps later ones, paid or not, in place)
  while (s.queue.length > 0 && s.queue[0].amount <= 0) s.queue.shift();
  return { paid, capacity: [capacityFunding, capacityChannel, s.processingCapacity * averagePayout] };
}

/**
 * What a channel could pay in a day in payouts of size a: ⌊min(daily limit, transfers / k · a)⌋ with
 * k = ⌈a / per-transfer limit⌉ transfers a payout (1 when it fits; the daily limit when a = 0).
 */
export function channelCapacity(c: Channel, a: number, k = averageRule(c.perTransferLimit, a)): Cents {
  const byCount = a > 0 ? (c.dailyTransfers / k) * a : c.dailyLimit;
  return Math.floor(Math.min(c.dailyLimit, byCount));
}

/** The average rule: a payout of size a takes ⌈a / per-transfer limit⌉ transfers (1 when it fits or there is no limit). */
export function averageRule(perTransfer: number, a: number): number {
  return perTransfer > 0 && a > perTransfer ? Math.max(1, Math.ceil(a / perTransfer)) : 1;
}

/** Per band, the index of a per-transfer limit value in `bandLimits` (every value a channel can have is there). */
export function bandIndex(m: Model, perTransfer: number): number {
  return m.payments.bandLimits!.indexOf(perTransfer);
}

// ------------------------------------------------------------------------------------------------
// step 5: metrics

/**
 * Overdue on day d: Σ of unpaid requests due on or before the latest overdue due day
 * (`Model.derived.lastOverdueDue`: d − grace days, or counted in business days), split by the cause
 * that stopped each in the latest payments step that tried it.
 */
export function overdue(s: State, d: number): { total: Cents; byCause: [funding: Cents, channel: Cents, processing: Cents] } {
  const last = s.m.derived.lastOverdueDue[d];
  let total = 0;
  const byCause: [number, number, number] = [0, 0, 0];
  for (const r of s.queue) {
    if (r.due > last || r.amount <= 0) continue;
    total += r.amount;
    // Every request due by now was tried by a payments step, which gave it its cause (docs/model.md,
    // "Binding cause"); the reference checks it on every path the tests run, the kernel relies on it.
    const cause = r.cause;
    if (cause === CauseCode.None) throw new Error(`reference model: an overdue request on day ${d} was never tried by a payments step`);
    if (cause === CauseCode.Processing) byCause[CauseCode.Processing] += r.amount;
    else if (cause === CauseCode.Channel) byCause[CauseCode.Channel] += r.amount;
    else byCause[CauseCode.Funding] += r.amount;
  }
  return { total, byCause };
}

/**
 * Triggered limit changes: change t fires the first day the end-of-day backlog exceeds its threshold;
 * if the bank agrees on this path (drawn), the new limits apply on day d + max(1, after_days) (so
 * `after_days: 0` means the next day).
 */
export function triggeredChanges(s: State, d: number, backlog: Cents): void {
  triggeredList(s.m).forEach((c, t) => {
    if (s.triggerFired[t] || !(backlog > c.backlogAbove)) return;
    s.triggerFired[t] = true;
    if (s.draws.triggerAgrees[t]) s.triggerActivation[t] = d + Math.max(1, c.afterDays);
  });
}

/**
 * Funding still reachable at the end of day d = Σ remaining limits of lines not refused whose last
 * useful draw day is after d + Σ unsold assets · keep (lines first, then assets, in scenario order).
 */
export function reachable(s: State, d: number): number {
  const m = s.m;
  let sum = 0;
  m.funding.creditLines.forEach((_, i) => {
    if (!s.draws.lineRefused[i] && s.lineLastDraw[i] > d) sum += s.lineRemaining[i];
  });
  m.funding.assets.forEach((_, a) => (sum += s.assetRemaining[a] * s.draws.assetKeep[a]));
  return sum;
}

/** Headroom at the end of the day = signedCents(cash − minimum cash + in transit + reachable − backlog). */
export function headroom(s: State, reach: number): Cents {
  return signedCents(s.cash - s.m.funding.minimumCash + s.inTransit + reach - s.backlog);
}

/** The cause of the largest overdue part (ties: funding, channel, processing), or None. */
function largestCause(byCause: readonly number[]): CauseCode {
  let best = 0;
  let cause = CauseCode.None;
  for (const c of [CauseCode.Funding, CauseCode.Channel, CauseCode.Processing]) {
    if (byCause[c] > best) {
      best = byCause[c];
      cause = c;
    }
  }
  return cause;
}

/**
 * Metrics of the day, the per-day fields (FIELD in ../kernel.ts): shortfall (1 when overdue > 0),
 * overdue, overdue², its causes, backlog, requests and payments by kind, the capacities (business
 * days), assets sold (proceeds settling, in total and per asset), closing cash, credit drawn (arrived),
 * in total and per line.
 */
export function metrics(
  row: (field: number, x: number) => void,
  day: {
    od: ReturnType<typeof overdue>;
    requested: ReturnType<typeof liabilities>;
    pay: Payments;
    business: boolean;
    closing: Cents;
    backlog: Cents;
    assetsSold: Cents;
    assetsSoldByAsset: readonly Cents[];
    credit: Cents;
    creditByLine: Float64Array;
    /** The first per-asset field (`assetFieldStart`). */
    assetField: number;
  },
): void {
  const { od, requested, pay } = day;
  day.creditByLine.forEach((x, l) => row(FIELD.creditDrawnByLine + l, x));
  day.assetsSoldByAsset.forEach((x, a) => row(day.assetField + a, x));
  if (od.total > 0) {
    row(FIELD.shortfallPaths, 1);
    row(FIELD.overdue, od.total);
    row(FIELD.overdueSq, od.total * od.total);
    row(FIELD.causeFunding, od.byCause[CauseCode.Funding]);
    row(FIELD.causeChannel, od.byCause[CauseCode.Channel]);
    row(FIELD.causeProcessing, od.byCause[CauseCode.Processing]);
  }
  row(FIELD.backlog, day.backlog);
  row(FIELD.requestMaturity, requested.maturity);
  row(FIELD.requestSurrender, requested.surrender);
  row(FIELD.requestOther, requested.other);
  if (day.business) {
    row(FIELD.paidMaturity, pay.paid[PayoutKind.Maturity]);
    row(FIELD.paidSurrender, pay.paid[PayoutKind.Surrender]);
    row(FIELD.paidOther, pay.paid[PayoutKind.Other]);
    row(FIELD.capacityFunding, pay.capacity[0]);
    row(FIELD.capacityChannel, pay.capacity[1]);
    row(FIELD.capacityProcessing, pay.capacity[2]);
  }
  row(FIELD.assetsSold, day.assetsSold);
  row(FIELD.closingCash, day.closing);
  row(FIELD.creditDrawn, day.credit);
}

/**
 * End-of-run stocks and flows: initial value + accrued = paid + backlog (customer) + unclaimed +
 * awaiting claim + rolled over + surrender charges + in force.
 */
function conservationTotals(s: State, run: { paidCustomer: Cents; otherRequested: Cents; otherPaid: Cents }): PathLedger['totals'] {
  const m = s.m;
  const H = m.horizonDays;
  let inForce = 0;
  let unclaimed = 0;
  for (const b of s.books) {
    inForce += b.value;
    unclaimed += b.unclaimed;
  }
  let awaitingClaim = 0;
  for (const claims of s.claimAmount) for (let t = H; t < claims.length; t++) awaitingClaim += claims[t];
  let otherBacklog = 0;
  for (const r of s.queue) if (r.kind === PayoutKind.Other) otherBacklog += r.amount;
  let initialValue = 0;
  for (const g of m.groups) initialValue += g.initialValue;
  return {
    initialValue,
    accrued: s.accrued,
    paid: run.paidCustomer,
    backlog: s.backlog - otherBacklog,
    unclaimed,
    awaitingClaim,
    rolledOver: s.rolledOver,
    surrenderCharges: s.surrenderCharges,
    inForce,
    otherRequested: run.otherRequested,
    otherPaid: run.otherPaid,
    otherBacklog,
  };
}

