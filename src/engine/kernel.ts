/**
 * The per-path day loop: the numerical kernel.
 *
 * One `PathSimulator` per thread is reused for every path it runs: all state lives in typed arrays
 * allocated once, so the loop allocates nothing per path-day. Money is integer cents in doubles;
 * every amount that comes from a product of a rate and a balance is rounded to the cent where it
 * leaves a balance, so every ledger reconciles exactly.
 *
 * Order of events within a day (the README's "daily order of events" follows this code):
 *  1. arrivals: scheduled inflows, credit drawdowns and asset-sale settlements land in cash; dated and
 *     triggered limit changes take effect;
 *  2. liabilities: accrual, surrenders (stressed hazard), mass lapse, maturities less rollover, claim
 *     lags and late claims of unclaimed money, other outflows: new payout requests. A share of customer
 *     payouts goes to bad accounts: it is requested now but re-submitted (and due) only after the
 *     account-fix delay; re-submissions of earlier bad-account payouts are requested today. The
 *     day's customer requests of one type, over all products, form one request in the queue;
 *  3. funding (business days): if backlog + known payouts in the lookahead exceed cash above the
 *     buffer plus money in transit, draw credit lines and sell assets in waterfall order, subject to
 *     availability windows, notice days, settlement lags and daily caps;
 *  4. payments (business days): oldest due first, limited by cash above the buffer, channel amount
 *     and transfer-count limits and processing capacity; each stopped payout records its binding cause;
 *  5. metrics: overdue amounts (due + grace days passed, unpaid) by cause, backlog, headroom.
 */
import type { Cents, LiabilityGroup, Model } from '../model/types.js';
import { drawShare, pathStream, standardNormal } from './random.js';

/** Per-day accumulator fields (block sums over paths). */
export const FIELD = {
  shortfallPaths: 0,
  overdue: 1,
  overdueSq: 2,
  backlog: 3,
  requestMaturity: 4,
  requestSurrender: 5,
  requestOther: 6,
  paidMaturity: 7,
  paidSurrender: 8,
  paidOther: 9,
  capacityFunding: 10,
  capacityChannel: 11,
  capacityProcessing: 12,
  assetsSold: 13,
  closingCash: 14,
  causeFunding: 15,
  causeChannel: 16,
  causeProcessing: 17,
  creditDrawn: 18,
  /** Followed by one field per credit line. */
  creditDrawnByLine: 19,
} as const;

export function fieldsPerDay(model: Model): number {
  return FIELD.creditDrawnByLine + model.funding.creditLines.length;
}

export const enum PayoutKind {
  Maturity = 0,
  Surrender = 1,
  Other = 2,
}

/** Binding causes, in the order used to break ties and to index cause fields. */
export const enum CauseCode {
  None = -1,
  Funding = 0,
  Channel = 1,
  Processing = 2,
}

/** Where a path's daily metrics go. */
export interface DaySink {
  /** days * fieldsPerDay block sums. */
  readonly acc: Float64Array;
  /** Headroom per day (cents). */
  addHeadroom(day: number, value: number): void;
}

/** A path's scalar outcome. */
export interface PathOutcome {
  /** Largest end-of-day overdue amount (cents). */
  peakOverdue: Cents;
  /** First day with an overdue payout, or -1. */
  firstShortfallDay: number;
  minHeadroom: Cents;
}

/** Day-by-day cash ledger of one path (recorded on request, e.g. for the worst path and tests). */
export interface PathLedger {
  openingCash: Float64Array;
  inflows: Float64Array;
  assetSales: Float64Array;
  creditDraws: Float64Array;
  paidMaturity: Float64Array;
  paidSurrender: Float64Array;
  paidOther: Float64Array;
  closingCash: Float64Array;
  backlog: Float64Array;
  overdue: Float64Array;
  /** CauseCode of the largest overdue part, or -1. */
  cause: Int8Array;
  /** End-of-run stocks and flows for the conservation identity (cents). */
  totals: ConservationTotals;
}

export interface ConservationTotals {
  initialValue: Cents;
  accrued: Cents;
  /** Customer payouts (maturity + surrender) paid, and still unpaid (backlog, incl. bad accounts). */
  paid: Cents;
  backlog: Cents;
  unclaimed: Cents;
  /** Matured money whose claim date lies after the horizon's end (claim lag). */
  awaitingClaim: Cents;
  rolledOver: Cents;
  surrenderCharges: Cents;
  inForce: Cents;
  otherRequested: Cents;
  otherPaid: Cents;
  otherBacklog: Cents;
}

function allocLedger(days: number): PathLedger {
  const f = () => new Float64Array(days);
  return {
    openingCash: f(),
    inflows: f(),
    assetSales: f(),
    creditDraws: f(),
    paidMaturity: f(),
    paidSurrender: f(),
    paidOther: f(),
    closingCash: f(),
    backlog: f(),
    overdue: f(),
    cause: new Int8Array(days).fill(-1),
    totals: {
      initialValue: 0,
      accrued: 0,
      paid: 0,
      backlog: 0,
      unclaimed: 0,
      awaitingClaim: 0,
      rolledOver: 0,
      surrenderCharges: 0,
      inForce: 0,
      otherRequested: 0,
      otherPaid: 0,
      otherBacklog: 0,
    },
  };
}

const LN_HALF = Math.log(0.5);

/**
 * Math.round(x) for 0 <= x < 2^52, several times faster in V8 (whose Math.round is a slow path):
 * floor(x + 0.5) is exact for 0.5 <= x < 2^52 (x + 0.5 can only round to a neighbouring double,
 * never across an integer), and below 0.5 the answer is 0 (where x + 0.5 itself could round up
 * to 1: x = 0.5 - 2^-54). The test does not wait for the floor, so it does not lengthen the chain
 * of dependent roundings. Every amount the kernel rounds to the cent is in range.
 */
export function roundHalfUp(x: number): number {
  return x < 0.5 ? 0 : Math.floor(x + 0.5);
}

/**
 * Math.round(x) up to the sign of zero, for |x| < 2^52 (headroom can be negative): outside
 * (-0.5, 0.5) floor(x + 0.5) is exact (x + 0.5 is representable there), inside it the answer is 0.
 */
export function roundSigned(x: number): number {
  return x < 0.5 && x > -0.5 ? 0 : Math.floor(x + 0.5);
}

/** Waterfall steps as small integers, so the funding loop compares numbers, not strings. */
const SOURCE_CREDIT = 0;
const SOURCE_ASSETS = 1;

type DatedChange = Extract<Model['payments']['changes'][number], { kind: 'dated' }>;
type TriggeredChange = Extract<Model['payments']['changes'][number], { kind: 'triggered' }>;

/**
 * Simulates paths of one model; create one per thread and call `run` for each path index.
 *
 * Speed notes (the day loop runs paths x days times; measured, see docs/performance.md): the
 * model's per-group and per-day terms are copied once into flat typed arrays; each step of the day
 * is a small method that works on local copies (small functions compile quickly in every worker
 * and keep their values in registers); the shocks' decay curves do not depend on the path, so they
 * are tabulated once; amounts are rounded with `roundHalfUp`, not V8's slow Math.round; nothing in
 * the day loop allocates or calls through a closure; the day's customer requests are pooled into
 * one queue entry per type (about 2 per path-day instead of 11), and terms that are 0 on most days
 * (maturities, the lookahead's scheduled maturities, empty metrics) are skipped. Apart from the
 * pooling, which is part of the model (docs/model.md), every change keeps results bit-identical.
 */
export class PathSimulator {
  private readonly m: Model;
  private readonly H: number;
  private readonly F: number;
  /** Days in the calendar (horizon + tail). */
  private readonly C: number;
  private readonly businessDays: Int32Array;
  private readonly nGroups: number;
  private readonly nLines: number;
  private readonly nAssets: number;
  private readonly nChannels: number;
  // --- per-group terms, flat: [g * H + d] for days, [g] for scalars ---
  private readonly growth: Float64Array;
  private readonly maturingValueShare: Float64Array;
  private readonly maturingCountShare: Float64Array;
  private readonly baseDailyHazard: Float64Array;
  private readonly surrenderCharge: Float64Array;
  private readonly lateClaimDailyRate: Float64Array;
  private readonly accountFailureRate: Float64Array;
  private readonly accountRetryDays: Int32Array;
  /** Claim-lag points of group g are [lagStart[g], lagStart[g + 1]) in lagDays / lagShare. */
  private readonly lagStart: Int32Array;
  private readonly lagDays: Int32Array;
  private readonly lagShare: Float64Array;
  /** Per group: 1 - the sum of its claim-lag shares (the share left unclaimed). */
  private readonly unclaimedShare: Float64Array;
  /** Per group: cumulative scheduled maturities (prefix sums, [g * (H + 1) + d]) and the no-surrender in-force book. */
  private readonly cumScheduled: Float64Array;
  private readonly baseInForce: Float64Array;
  private readonly cumOther: Float64Array;
  /** Excess hazard of shock s on day d if it happens on the path (0 before it hits): [s * H + d]. */
  private readonly shockExcessByDay: Float64Array;
  private readonly bookAveragePolicy: number;
  /** Width of the per-group claim schedule: horizon + longest claim lag + 1. */
  private readonly claimWidth: number;
  private readonly waterfall: Uint8Array;
  private readonly datedChanges: DatedChange[];
  private readonly triggeredChanges: TriggeredChange[];

  // --- per-path state (reused) ---
  private readonly inForce: Float64Array;
  private readonly inForceCount: Float64Array;
  private readonly unclaimed: Float64Array;
  private readonly unclaimedCount: Float64Array;
  private readonly rollShare: Float64Array;
  /** Maturity claims scheduled by the claim lag: [group * claimWidth + day]. */
  private readonly claimAmount: Float64Array;
  private readonly claimCount: Float64Array;
  /** Bad-account payouts re-submitted on a day: [day * 2 + kind] for maturity and surrender. */
  private readonly retryAmount: Float64Array;
  /**
   * Customer payouts already known for a later day (claims scheduled by the claim lag, bad-account
   * re-submissions), pooled by day, and their running sum over the funding lookahead (d, d + L].
   */
  private readonly knownLater: Float64Array;
  private knownInLookahead = 0;
  /** Moving average of daily surrender requests (7-day EMA): the run-rate the funding policy covers. */
  private surrenderRunRate = 0;
  /** Per day: days until money raised that day from the slowest source could arrive (inclusive). */
  private readonly runRateDays: Float64Array;
  private readonly retryCount: Float64Array;
  private readonly creditArrivals: Float64Array; // [day * nLines + line]
  private readonly assetArrivals: Float64Array;
  private readonly lineFailed: Uint8Array;
  /** Last day of each credit line's availability window. */
  private readonly lineUntil: Float64Array;
  /** 1 on the day after a credit line's availability window ends. */
  private readonly lineWindowClosed: Uint8Array;
  /** Set when money is raised: the reachable-funding sum must be recomputed. */
  private reachableStale = true;
  private readonly lineRemaining: Float64Array;
  /** Share of an asset sale's value that arrives: 1 - the path's haircut. */
  private readonly assetKeep: Float64Array;
  private readonly assetRemaining: Float64Array;
  /** Indices of the shocks that happen on this path, ascending: the first nActiveShocks entries. */
  private readonly activeShocks: Int32Array;
  private nActiveShocks = 0;
  private readonly chanDaily: Float64Array;
  private readonly chanPerTransfer: Float64Array;
  private readonly chanTransfers: Float64Array;
  private readonly chanAmountLeft: Float64Array;
  private readonly chanTransfersLeft: Float64Array;
  private readonly triggerAgrees: Uint8Array;
  private readonly triggerFired: Uint8Array;
  private readonly triggerActivation: Int32Array;
  private readonly noise: Float64Array;
  // payout queue: buckets in creation order (due days non-decreasing)
  private readonly qDue: Int32Array;
  private readonly qKind: Uint8Array;
  private readonly qCause: Int8Array;
  private readonly qAmount: Float64Array;
  private readonly qCount: Float64Array;
  private qHead = 0;
  private qTail = 0;
  // --- per-path scalars shared by the day's steps ---
  private cash = 0;
  /** Credit drawn and asset proceeds on their way (cents). */
  private inTransit = 0;
  /** All unpaid requests (customer + other), cents. */
  private backlog = 0;
  private processingCapacity = 0;
  /** The limit that stopped the last payment, for overdue requests never tried. */
  private lastCause: number = CauseCode.None;
  private accrued = 0;
  private rolledOver = 0;
  private charges = 0;
  // --- the day's results of each step ---
  private creditIn = 0;
  private requestMaturity = 0;
  private requestSurrender = 0;
  private paidMaturity = 0;
  private paidSurrender = 0;
  private paidOther = 0;
  private capFunding = 0;
  private capChannel = 0;
  private capProcessing = 0;
  private overdueFunding = 0;
  private overdueChannel = 0;
  private overdueProcessing = 0;

  constructor(model: Model) {
    this.m = model;
    const H = (this.H = model.horizonDays);
    this.F = fieldsPerDay(model);
    this.C = model.calendar.businessDay.length;
    const G = (this.nGroups = model.groups.length);
    this.nLines = model.funding.creditLines.length;
    this.nAssets = model.funding.assets.length;
    this.nChannels = model.payments.channels.length;
    const biz: number[] = [];
    for (let d = 0; d < this.C; d++) if (model.calendar.businessDay[d]) biz.push(d);
    this.businessDays = Int32Array.from(biz);

    this.growth = new Float64Array(G * H);
    this.maturingValueShare = new Float64Array(G * H);
    this.maturingCountShare = new Float64Array(G * H);
    this.cumScheduled = new Float64Array(G * (H + 1));
    this.baseInForce = new Float64Array(G * H);
    this.baseDailyHazard = new Float64Array(G);
    this.surrenderCharge = new Float64Array(G);
    this.lateClaimDailyRate = new Float64Array(G);
    this.accountFailureRate = new Float64Array(G);
    this.accountRetryDays = new Int32Array(G);
    this.unclaimedShare = new Float64Array(G);
    this.lagStart = new Int32Array(G + 1);
    const lagDays: number[] = [];
    const lagShare: number[] = [];
    model.groups.forEach((g, k) => {
      this.growth.set(g.growth.subarray(0, H), k * H);
      this.maturingValueShare.set(g.maturingValueShare.subarray(0, H), k * H);
      this.maturingCountShare.set(g.maturingCountShare.subarray(0, H), k * H);
      const cum = k * (H + 1);
      for (let d = 0; d < H; d++) this.cumScheduled[cum + d + 1] = this.cumScheduled[cum + d] + g.scheduledMaturities[d];
      let v = g.initialValue;
      for (let d = 0; d < H; d++) {
        v = v * g.growth[d] * (1 - g.maturingValueShare[d]);
        this.baseInForce[k * H + d] = v;
      }
      this.baseDailyHazard[k] = g.baseDailyHazard;
      this.surrenderCharge[k] = g.surrenderCharge;
      this.lateClaimDailyRate[k] = g.lateClaimDailyRate;
      this.accountFailureRate[k] = g.accountFailureRate;
      this.accountRetryDays[k] = g.accountRetryDays;
      let claimedShare = 0;
      for (const p of g.claimLag) {
        lagDays.push(p.lagDays);
        lagShare.push(p.share);
        claimedShare += p.share;
      }
      this.unclaimedShare[k] = 1 - claimedShare;
      this.lagStart[k + 1] = lagDays.length;
    });
    this.lagDays = Int32Array.from(lagDays);
    this.lagShare = Float64Array.from(lagShare);
    this.cumOther = new Float64Array(H + 1);
    for (let d = 0; d < H; d++) this.cumOther[d + 1] = this.cumOther[d] + model.otherOutflows[d];
    const shocks = model.stress.shocks;
    this.shockExcessByDay = new Float64Array(shocks.length * H);
    shocks.forEach((sh, s) => {
      for (let d = Math.max(0, sh.day); d < H; d++) {
        this.shockExcessByDay[s * H + d] = (sh.peakMultiplier - 1) * Math.exp((LN_HALF * (d - sh.day)) / sh.halfLifeDays);
      }
    });
    let value = 0;
    let count = 0;
    for (const g of model.groups) {
      value += g.initialValue;
      count += g.initialPolicies;
    }
    this.bookAveragePolicy = count > 0 ? value / count : 0;
    let maxLag = 0;
    for (const g of model.groups) {
      for (const p of g.claimLag) maxLag = Math.max(maxLag, p.lagDays);
      maxLag = Math.max(maxLag, g.accountRetryDays);
    }
    this.waterfall = Uint8Array.from(model.funding.waterfall, (s) => (s === 'credit' ? SOURCE_CREDIT : SOURCE_ASSETS));
    this.datedChanges = model.payments.changes.filter((c): c is DatedChange => c.kind === 'dated').sort((a, b) => a.day - b.day);
    this.triggeredChanges = model.payments.changes.filter((c): c is TriggeredChange => c.kind === 'triggered');

    this.inForce = new Float64Array(G);
    this.inForceCount = new Float64Array(G);
    this.unclaimed = new Float64Array(G);
    this.unclaimedCount = new Float64Array(G);
    this.rollShare = new Float64Array(G);
    this.claimWidth = H + maxLag + 1;
    this.claimAmount = new Float64Array(G * this.claimWidth);
    this.claimCount = new Float64Array(G * this.claimWidth);
    this.retryAmount = new Float64Array((this.C + maxLag + 1) * 2);
    this.knownLater = new Float64Array(this.C + maxLag + model.funding.lookaheadDays + 2);
    let slowest = 0;
    for (const line of model.funding.creditLines) slowest = Math.max(slowest, line.noticeDays);
    for (const asset of model.funding.assets) slowest = Math.max(slowest, asset.settlementDays);
    this.runRateDays = new Float64Array(H);
    for (let d = 0; d < H; d++) this.runRateDays[d] = this.afterBusinessDays(d, slowest + 1) - d;
    this.retryCount = new Float64Array((this.C + maxLag + 1) * 2);
    this.creditArrivals = new Float64Array(this.C * Math.max(1, this.nLines));
    this.assetArrivals = new Float64Array(this.C);
    this.lineFailed = new Uint8Array(this.nLines);
    this.lineUntil = Float64Array.from(model.funding.creditLines, (line) => line.untilDay);
    this.lineWindowClosed = new Uint8Array(H);
    for (const line of model.funding.creditLines) {
      if (line.untilDay + 1 >= 0 && line.untilDay + 1 < H) this.lineWindowClosed[line.untilDay + 1] = 1;
    }
    this.lineRemaining = new Float64Array(this.nLines);
    this.assetKeep = new Float64Array(this.nAssets);
    this.assetRemaining = new Float64Array(this.nAssets);
    this.activeShocks = new Int32Array(shocks.length);
    this.chanDaily = new Float64Array(this.nChannels);
    this.chanPerTransfer = new Float64Array(this.nChannels);
    this.chanTransfers = new Float64Array(this.nChannels);
    this.chanAmountLeft = new Float64Array(this.nChannels);
    this.chanTransfersLeft = new Float64Array(this.nChannels);
    this.triggerAgrees = new Uint8Array(this.triggeredChanges.length);
    this.triggerFired = new Uint8Array(this.triggeredChanges.length);
    this.triggerActivation = new Int32Array(this.triggeredChanges.length);
    this.noise = new Float64Array(H);
    // Per day at most one maturity, one surrender and one other-outflow request.
    const Q = H * 3 + 16;
    this.qDue = new Int32Array(Q);
    this.qKind = new Uint8Array(Q);
    this.qCause = new Int8Array(Q);
    this.qAmount = new Float64Array(Q);
    this.qCount = new Float64Array(Q);
  }

  /** Business day reached `n` business days after day `d` (n = 0: the first business day >= d). */
  private afterBusinessDays(d: number, n: number): number {
    if (d >= this.C) return this.C;
    // businessDaysBefore[d] is the index (in the business-day list) of the first business day >= d.
    const i = this.m.calendar.businessDaysBefore[d] + n;
    return i < this.businessDays.length ? this.businessDays[i] : this.C;
  }

  /** Applies a limit change to the channel limits and the processing capacity. */
  private applyLimits(c: DatedChange | TriggeredChange): void {
    if (c.channel >= 0) {
      if (c.limits.dailyLimit !== undefined) this.chanDaily[c.channel] = c.limits.dailyLimit;
      if (c.limits.perTransferLimit !== undefined) this.chanPerTransfer[c.channel] = c.limits.perTransferLimit;
      if (c.limits.dailyTransfers !== undefined) this.chanTransfers[c.channel] = c.limits.dailyTransfers;
    }
    if (c.processingCapacity !== undefined) this.processingCapacity = c.processingCapacity;
  }

  /**
   * The path-level draws, in a fixed order, from the path's own stream: surrender level, shock
   * occurrences, bank refusals, asset haircuts, rollover shares, triggered-change agreements, daily
   * noise. Kept out of `run` so that its optimised code does not depend on the stream function.
   * @returns the path's surrender level
   */
  private drawPath(pathIndex: number): number {
    const m = this.m;
    const stress = m.stress;
    const u = pathStream(m.seed, pathIndex);
    const level = stress.levelSd > 0 ? Math.exp(stress.levelSd * standardNormal(u) - 0.5 * stress.levelSd * stress.levelSd) : 1;
    let active = 0;
    for (let s = 0; s < stress.shocks.length; s++) if (u() < stress.shocks[s].probability) this.activeShocks[active++] = s;
    this.nActiveShocks = active;
    const lines = m.funding.creditLines;
    for (let l = 0; l < lines.length; l++) {
      this.lineFailed[l] = u() < lines[l].failProbability ? 1 : 0;
      this.lineRemaining[l] = lines[l].limit;
    }
    const assets = m.funding.assets;
    for (let a = 0; a < assets.length; a++) {
      this.assetKeep[a] = 1 - drawShare(assets[a].haircut, u);
      this.assetRemaining[a] = assets[a].amount;
    }
    for (let g = 0; g < m.groups.length; g++) this.rollShare[g] = drawShare(m.groups[g].rollover, u);
    for (let t = 0; t < this.triggeredChanges.length; t++) {
      this.triggerAgrees[t] = u() < this.triggeredChanges[t].probability ? 1 : 0;
      this.triggerFired[t] = 0;
      this.triggerActivation[t] = -1;
    }
    if (stress.dailyNoiseSd > 0) {
      const sd = stress.dailyNoiseSd;
      for (let d = 0; d < this.H; d++) this.noise[d] = Math.exp(sd * standardNormal(u) - 0.5 * sd * sd);
    }
    return level;
  }

  /**
   * Runs path `pathIndex`. Adds its daily metrics to `sink` (if given) and records its ledger (if
   * `ledger` is true). Returns the path's scalar outcome.
   *
   * The day's steps 2 to 5 are methods of their own: small functions compile fast and keep their
   * working values in registers. Path state shared by the steps lives in fields.
   */
  run(pathIndex: number, sink: DaySink | null, ledger: true): PathOutcome & { ledger: PathLedger };
  run(pathIndex: number, sink: DaySink | null, ledger?: false): PathOutcome;
  run(pathIndex: number, sink: DaySink | null, recordLedger = false): PathOutcome & { ledger?: PathLedger } {
    const m = this.m;
    const H = this.H;
    const F = this.F;
    const G = this.nGroups;
    const L = this.nLines;
    const A = this.nAssets;
    const stress = m.stress;
    const funding = m.funding;
    const led = recordLedger ? allocLedger(H) : null;
    const businessDay = m.calendar.businessDay;
    const nextBusinessDay = m.calendar.nextBusinessDay;
    const inflows = funding.inflows;
    const otherOutflows = m.otherOutflows;
    const minimumCash = funding.minimumCash;
    const lineUntil = this.lineUntil;
    const lineWindowClosed = this.lineWindowClosed;
    const creditArrivals = this.creditArrivals;
    const assetArrivals = this.assetArrivals;
    const lineFailed = this.lineFailed;
    const lineRemaining = this.lineRemaining;
    const assetKeep = this.assetKeep;
    const assetRemaining = this.assetRemaining;
    const shockExcessByDay = this.shockExcessByDay;
    const activeShocks = this.activeShocks;
    const noise = this.noise;
    const triggeredChanges = this.triggeredChanges;
    const nTriggered = triggeredChanges.length;
    const triggerAgrees = this.triggerAgrees;
    const triggerFired = this.triggerFired;
    const triggerActivation = this.triggerActivation;
    const datedChanges = this.datedChanges;

    const level = this.drawPath(pathIndex);
    const nActiveShocks = this.nActiveShocks;
    const hasNoise = stress.dailyNoiseSd > 0;

    // ---- reset state ----
    let totalInitial = 0;
    for (let g = 0; g < G; g++) {
      this.inForce[g] = m.groups[g].initialValue;
      this.inForceCount[g] = m.groups[g].initialPolicies;
      this.unclaimed[g] = 0;
      this.unclaimedCount[g] = 0;
      totalInitial += m.groups[g].initialValue;
    }
    this.claimAmount.fill(0);
    this.claimCount.fill(0);
    this.retryAmount.fill(0);
    this.knownLater.fill(0);
    this.knownInLookahead = 0;
    this.surrenderRunRate = -1;
    this.retryCount.fill(0);
    creditArrivals.fill(0);
    assetArrivals.fill(0);
    for (let c = 0; c < this.nChannels; c++) {
      const ch = m.payments.channels[c];
      this.chanDaily[c] = ch.dailyLimit;
      this.chanPerTransfer[c] = ch.perTransferLimit;
      this.chanTransfers[c] = ch.dailyTransfers;
    }
    this.processingCapacity = m.payments.processingCapacity;
    let datedIdx = 0;
    while (datedIdx < datedChanges.length && datedChanges[datedIdx].day < 0) this.applyLimits(datedChanges[datedIdx++]);
    this.qHead = 0;
    this.qTail = 0;
    this.cash = funding.openingCash;
    this.inTransit = 0;
    this.backlog = 0;
    this.lastCause = CauseCode.None;
    this.accrued = 0;
    this.rolledOver = 0;
    this.charges = 0;

    let reachable = 0;
    this.reachableStale = true;
    let contagionState = 0;
    const contagionDecay = stress.contagion ? Math.exp(-1 / stress.contagion.decayDays) : 0;
    const contagionStrength = stress.contagion ? stress.contagion.strength : 0;
    const mitigationFrom = stress.mitigation ? stress.mitigation.fromDay : Infinity;
    const mitigationScale = stress.mitigation ? 1 - stress.mitigation.notifiedShare * stress.mitigation.damping : 1;
    const lapseDay = stress.massLapse ? stress.massLapse.day : -1;
    const lapseOnDay = stress.massLapse ? stress.massLapse.share : 0;
    let paidCustomer = 0;
    let otherRequested = 0;
    let otherPaid = 0;
    let peakOverdue = 0;
    let firstShortfallDay = -1;
    let minHeadroom = Infinity;
    const acc = sink ? sink.acc : null;

    for (let d = 0; d < H; d++) {
      const base = d * F;
      const isBusiness = businessDay[d] === 1;
      const dueToday = nextBusinessDay[d];

      // ---- 1. arrivals and limit changes ----
      const opening = this.cash;
      const inflow = inflows[d];
      let creditIn = 0;
      for (let l = 0; l < L; l++) {
        const x = creditArrivals[d * L + l];
        if (x > 0) {
          creditIn += x;
          if (acc) acc[base + FIELD.creditDrawnByLine + l] += x;
        }
      }
      const assetsIn = assetArrivals[d];
      this.cash += inflow + creditIn + assetsIn;
      this.inTransit -= creditIn + assetsIn;
      this.creditIn = creditIn;
      while (datedIdx < datedChanges.length && datedChanges[datedIdx].day <= d) this.applyLimits(datedChanges[datedIdx++]);
      for (let t = 0; t < nTriggered; t++) {
        if (triggerActivation[t] === d) this.applyLimits(triggeredChanges[t]);
      }

      // ---- 2. liabilities: new payout requests ----
      let shockExcess = 0;
      for (let k = 0; k < nActiveShocks; k++) shockExcess += shockExcessByDay[activeShocks[k] * H + d];
      if (d >= mitigationFrom) shockExcess *= mitigationScale;
      let relative = (1 + shockExcess) * (1 + contagionStrength * contagionState);
      if (hasNoise) relative *= noise[d];
      const hazardMultiplier = level * relative;
      if (contagionStrength > 0) {
        // The state is a moving average of 1 - 1/m over recent days (m = today's surrender
        // intensity relative to normal), so it stays in [0, 1): contagion amplifies a wave by at
        // most 1 + strength and can never run away.
        contagionState = contagionState * contagionDecay + (relative > 1 ? 1 - 1 / relative : 0) * (1 - contagionDecay);
      }
      // The lookahead window moves to (d, d + L]: today's known payouts leave it (they are requested
      // today), the day d + L enters.
      this.knownInLookahead += this.knownLater[d + funding.lookaheadDays] - this.knownLater[d];
      this.requestPayouts(d, dueToday, hazardMultiplier, d === lapseDay ? lapseOnDay : 0);
      this.surrenderRunRate =
        this.surrenderRunRate < 0 ? this.requestSurrender : this.surrenderRunRate + (this.requestSurrender - this.surrenderRunRate) / 7;
      const requestMaturity = this.requestMaturity;
      const requestSurrender = this.requestSurrender;
      const other = otherOutflows[d];
      if (other > 0) this.enqueue(dueToday, PayoutKind.Other, other, 1);
      otherRequested += other;
      this.backlog += requestMaturity + requestSurrender + other;

      // ---- 3. funding actions and 4. payments (business days) ----
      let capFunding = 0;
      let capChannel = 0;
      let capProcessing = 0;
      let paidM = 0;
      let paidS = 0;
      let paidO = 0;
      if (isBusiness) {
        this.raiseFunding(d, acc, base);
        this.payQueue();
        capFunding = this.capFunding;
        capChannel = this.capChannel;
        capProcessing = this.capProcessing;
        paidM = this.paidMaturity;
        paidS = this.paidSurrender;
        paidO = this.paidOther;
        paidCustomer += paidM + paidS;
        otherPaid += paidO;
      }
      creditIn = this.creditIn;
      const cash = this.cash;
      const backlog = this.backlog;

      // ---- 5. metrics ----
      const overdue = this.overdueOn(d);
      const odFunding = this.overdueFunding;
      const odChannel = this.overdueChannel;
      const odProcessing = this.overdueProcessing;
      if (overdue > 0) {
        if (firstShortfallDay < 0) firstShortfallDay = d;
        if (overdue > peakOverdue) peakOverdue = overdue;
      }
      for (let t = 0; t < nTriggered; t++) {
        const tc = triggeredChanges[t];
        if (triggerFired[t] === 0 && backlog > tc.backlogAbove) {
          triggerFired[t] = 1;
          if (triggerAgrees[t]) triggerActivation[t] = d + Math.max(1, tc.afterDays);
        }
      }
      // Funding still reachable changes only when money is raised or a line's window closes.
      if (this.reachableStale || lineWindowClosed[d] === 1) {
        let sum = 0;
        for (let l = 0; l < L; l++) {
          if (!lineFailed[l] && lineUntil[l] >= d) sum += lineRemaining[l];
        }
        for (let a = 0; a < A; a++) sum += assetRemaining[a] * assetKeep[a];
        reachable = sum;
        this.reachableStale = false;
      }
      const headroom = roundSigned(cash - minimumCash + this.inTransit + reachable - backlog);
      if (headroom < minHeadroom) minHeadroom = headroom;

      if (acc && sink) {
        // Adding 0 changes no sum (they start at +0), so the fields that are mostly 0 are skipped.
        if (overdue > 0) {
          acc[base + FIELD.shortfallPaths] += 1;
          acc[base + FIELD.overdue] += overdue;
          acc[base + FIELD.overdueSq] += overdue * overdue;
          acc[base + FIELD.causeFunding] += odFunding;
          acc[base + FIELD.causeChannel] += odChannel;
          acc[base + FIELD.causeProcessing] += odProcessing;
        }
        acc[base + FIELD.backlog] += backlog;
        acc[base + FIELD.requestMaturity] += requestMaturity;
        acc[base + FIELD.requestSurrender] += requestSurrender;
        if (other > 0) acc[base + FIELD.requestOther] += other;
        if (isBusiness) {
          acc[base + FIELD.paidMaturity] += paidM;
          acc[base + FIELD.paidSurrender] += paidS;
          if (paidO > 0) acc[base + FIELD.paidOther] += paidO;
          acc[base + FIELD.capacityFunding] += capFunding;
          acc[base + FIELD.capacityChannel] += capChannel;
          acc[base + FIELD.capacityProcessing] += capProcessing;
        }
        if (assetArrivals[d] > 0) acc[base + FIELD.assetsSold] += assetArrivals[d];
        acc[base + FIELD.closingCash] += cash;
        if (creditIn > 0) acc[base + FIELD.creditDrawn] += creditIn;
        sink.addHeadroom(d, headroom);
      }
      if (led) {
        led.openingCash[d] = opening;
        led.inflows[d] = inflow;
        led.assetSales[d] = assetArrivals[d];
        led.creditDraws[d] = creditIn;
        led.paidMaturity[d] = paidM;
        led.paidSurrender[d] = paidS;
        led.paidOther[d] = paidO;
        led.closingCash[d] = cash;
        led.backlog[d] = backlog;
        led.overdue[d] = overdue;
        let best = 0;
        let cause = -1;
        const parts = [odFunding, odChannel, odProcessing];
        for (let k = 0; k < 3; k++) {
          if (parts[k] > best) {
            best = parts[k];
            cause = k;
          }
        }
        led.cause[d] = cause;
      }
    }

    if (led) {
      let inForceTotal = 0;
      let unclaimedTotal = 0;
      for (let g = 0; g < G; g++) {
        inForceTotal += this.inForce[g];
        unclaimedTotal += this.unclaimed[g];
      }
      let awaiting = 0;
      for (let g = 0; g < G; g++) {
        for (let d = H; d < this.claimWidth; d++) awaiting += this.claimAmount[g * this.claimWidth + d];
      }
      // Bad-account payouts re-submitted after the horizon are still in the backlog total.
      let otherBacklog = 0;
      for (let i = this.qHead; i < this.qTail; i++) if (this.qKind[i] === PayoutKind.Other) otherBacklog += this.qAmount[i];
      const t = led.totals;
      t.initialValue = totalInitial;
      t.accrued = this.accrued;
      t.paid = paidCustomer;
      t.backlog = this.backlog - otherBacklog;
      t.unclaimed = unclaimedTotal;
      t.awaitingClaim = awaiting;
      t.rolledOver = this.rolledOver;
      t.surrenderCharges = this.charges;
      t.inForce = inForceTotal;
      t.otherRequested = otherRequested;
      t.otherPaid = otherPaid;
      t.otherBacklog = otherBacklog;
    }
    const outcome: PathOutcome & { ledger?: PathLedger } = {
      peakOverdue,
      firstShortfallDay,
      minHeadroom: minHeadroom === Infinity ? 0 : minHeadroom,
    };
    if (led) outcome.ledger = led;
    return outcome;
  }

  /** Appends a payout request to the queue (amount > 0). */
  private enqueue(due: number, kind: PayoutKind, amount: number, count: number): void {
    const t = this.qTail++;
    this.qDue[t] = due;
    this.qKind[t] = kind;
    this.qCause[t] = CauseCode.None;
    this.qAmount[t] = amount;
    this.qCount[t] = count;
  }

  /**
   * Step 2, liabilities: re-submitted bad-account payouts, then per group accrual, surrenders (the
   * stressed hazard, then mass lapse), maturities less rollover over the claim lags, late claims of
   * unclaimed money; customer requests join the queue, their bad-account share is scheduled for
   * re-submission. Sets requestMaturity and requestSurrender.
   */
  private requestPayouts(d: number, dueToday: number, hazardMultiplier: number, lapseShare: number): void {
    const H = this.H;
    const G = this.nGroups;
    const growth = this.growth;
    const maturingValueShare = this.maturingValueShare;
    const baseDailyHazard = this.baseDailyHazard;
    const surrenderCharge = this.surrenderCharge;
    const lateClaimDailyRate = this.lateClaimDailyRate;
    const accountFailureRate = this.accountFailureRate;
    const accountRetryDays = this.accountRetryDays;
    const claimWidth = this.claimWidth;
    const inForce = this.inForce;
    const inForceCount = this.inForceCount;
    const unclaimed = this.unclaimed;
    const unclaimedCount = this.unclaimedCount;
    const claimAmount = this.claimAmount;
    const claimCount = this.claimCount;
    const retryAmount = this.retryAmount;
    const retryCount = this.retryCount;
    let accrued = this.accrued;
    let charges = this.charges;

    // Today's customer requests are pooled into one maturity and one surrender request (re-submitted
    // bad-account payouts, requested earlier, counted first).
    let poolMaturity = retryAmount[d * 2 + PayoutKind.Maturity];
    let poolMaturityCount = retryCount[d * 2 + PayoutKind.Maturity];
    let poolSurrender = retryAmount[d * 2 + PayoutKind.Surrender];
    let poolSurrenderCount = retryCount[d * 2 + PayoutKind.Surrender];
    let requestMaturity = 0;
    let requestSurrender = 0;
    // Bad-account payouts held back today for re-submission on heldDay (see holdRetries).
    let heldDay = -1;
    let heldAmountM = 0;
    let heldCountM = 0;
    let heldAmountS = 0;
    let heldCountS = 0;
    for (let g = 0; g < G; g++) {
      const gd = g * H + d;
      let v = inForce[g];
      let n = inForceCount[g];
      let surrender = 0;
      let surrenderCount = 0;
      // accrual
      const grown = roundHalfUp(v * growth[gd]);
      accrued += grown - v;
      v = grown;
      // surrenders (stressed hazard, then mass lapse)
      let h = baseDailyHazard[g] * hazardMultiplier;
      if (h > 1) h = 1;
      if (lapseShare > 0) h = h + (1 - h) * lapseShare;
      if (h > 0) {
        const gross = roundHalfUp(v * h);
        const charge = roundHalfUp(gross * surrenderCharge[g]);
        charges += charge;
        surrender = gross - charge;
        surrenderCount = n * h;
        v -= gross;
        n -= n * h;
      }
      inForce[g] = v;
      inForceCount[g] = n;
      // maturities (on few days: a method of its own keeps this loop small)
      if (maturingValueShare[gd] > 0) {
        this.mature(g, d);
      }
      const cw = g * claimWidth;
      let maturity = claimAmount[cw + d];
      let maturityCount = claimCount[cw + d];
      // late claims of unclaimed money
      const lateRate = lateClaimDailyRate[g];
      if (lateRate > 0 && unclaimed[g] > 0) {
        const x = roundHalfUp(unclaimed[g] * lateRate);
        const xc = unclaimedCount[g] * lateRate;
        unclaimed[g] -= x;
        unclaimedCount[g] -= xc;
        maturity += x;
        maturityCount += xc;
      }
      requestMaturity += maturity;
      requestSurrender += surrender;
      // Customer requests: the bad-account share is held back and re-submitted the product's
      // accountRetryDays later (due on that day).
      const failRate = accountFailureRate[g];
      if (failRate > 0) {
        const retryDay = dueToday + accountRetryDays[g];
        if (retryDay !== heldDay) {
          // Products usually share the retry delay: the day's re-submissions are summed in
          // registers and written once (the counts keep their order of additions, so their bits).
          if (heldDay >= 0) this.holdRetries(d, heldDay, heldAmountM, heldCountM, heldAmountS, heldCountS);
          heldDay = retryDay;
          heldAmountM = 0;
          heldAmountS = 0;
          heldCountM = retryCount[retryDay * 2];
          heldCountS = retryCount[retryDay * 2 + 1];
        }
        if (maturity > 0) {
          const bad = roundHalfUp(maturity * failRate);
          const badCount = maturityCount * failRate;
          if (maturity - bad > 0) {
            poolMaturity += maturity - bad;
            poolMaturityCount += maturityCount - badCount;
          }
          if (bad > 0) {
            heldAmountM += bad;
            heldCountM += badCount;
          }
        }
        if (surrender > 0) {
          const bad = roundHalfUp(surrender * failRate);
          const badCount = surrenderCount * failRate;
          if (surrender - bad > 0) {
            poolSurrender += surrender - bad;
            poolSurrenderCount += surrenderCount - badCount;
          }
          if (bad > 0) {
            heldAmountS += bad;
            heldCountS += badCount;
          }
        }
      } else {
        if (maturity > 0) {
          poolMaturity += maturity;
          poolMaturityCount += maturityCount;
        }
        if (surrender > 0) {
          poolSurrender += surrender;
          poolSurrenderCount += surrenderCount;
        }
      }
    }
    if (heldDay >= 0) this.holdRetries(d, heldDay, heldAmountM, heldCountM, heldAmountS, heldCountS);
    if (poolMaturity > 0) this.enqueue(dueToday, PayoutKind.Maturity, poolMaturity, poolMaturityCount);
    if (poolSurrender > 0) this.enqueue(dueToday, PayoutKind.Surrender, poolSurrender, poolSurrenderCount);
    this.accrued = accrued;
    this.charges = charges;
    this.requestMaturity = requestMaturity;
    this.requestSurrender = requestSurrender;
  }

  /**
   * Schedules bad-account payouts held back today for re-submission on `day`: amounts are added
   * (whole cents, so in any order), counts are the running values started from the day's count.
   */
  private holdRetries(d: number, day: number, amountM: number, countM: number, amountS: number, countS: number): void {
    if (amountM > 0) {
      this.retryAmount[day * 2] += amountM;
      this.retryCount[day * 2] = countM;
    }
    if (amountS > 0) {
      this.retryAmount[day * 2 + 1] += amountS;
      this.retryCount[day * 2 + 1] = countS;
    }
    const bad = amountM + amountS;
    if (bad > 0) {
      this.knownLater[day] += bad;
      if (day - d <= this.m.funding.lookaheadDays) this.knownInLookahead += bad;
    }
  }

  /**
   * Maturities of group g on day d: cohorts maturing today leave the book (inForce), the rollover
   * share is reinvested, the rest is spread over the claim lags (today's share is added to today's
   * claims) and the remainder stays unclaimed.
   */
  private mature(g: number, d: number): void {
    const gd = g * this.H + d;
    const share = this.maturingValueShare[gd];
    const lagStart = this.lagStart;
    const lagDays = this.lagDays;
    const lagShare = this.lagShare;
    const claimAmount = this.claimAmount;
    const claimCount = this.claimCount;
    const knownLater = this.knownLater;
    const lookahead = this.m.funding.lookaheadDays;
    const cw = g * this.claimWidth;
    const rollShare = this.rollShare[g];
    let v = this.inForce[g];
    let n = this.inForceCount[g];
    const matured = share >= 1 ? v : roundHalfUp(v * share);
    const maturedCount = share >= 1 ? n : n * this.maturingCountShare[gd];
    v -= matured;
    n -= maturedCount;
    const rolled = roundHalfUp(matured * rollShare);
    this.rolledOver += rolled;
    const payable = matured - rolled;
    const payableCount = maturedCount * (1 - rollShare);
    let claimed = 0;
    for (let p = lagStart[g]; p < lagStart[g + 1]; p++) {
      const x = roundHalfUp(payable * lagShare[p]);
      const xc = payableCount * lagShare[p];
      claimed += x;
      claimAmount[cw + d + lagDays[p]] += x;
      claimCount[cw + d + lagDays[p]] += xc;
      if (lagDays[p] > 0) {
        knownLater[d + lagDays[p]] += x;
        if (lagDays[p] <= lookahead) this.knownInLookahead += x;
      }
    }
    this.unclaimed[g] += payable - claimed;
    this.unclaimedCount[g] += payableCount * this.unclaimedShare[g];
    this.inForce[g] = v;
    this.inForceCount[g] = n;
  }

  /**
   * Step 3, funding actions: if the backlog plus the known payouts of the lookahead exceed cash
   * above the buffer plus money in transit, draw credit lines and sell assets in waterfall order.
   * Updates cash, inTransit and creditIn (funds arriving today).
   */
  private raiseFunding(d: number, acc: Float64Array | null, base: number): void {
    const H = this.H;
    const G = this.nGroups;
    const L = this.nLines;
    const A = this.nAssets;
    const C = this.C;
    const funding = this.m.funding;
    const inForce = this.inForce;
    const rollShare = this.rollShare;
    const cumScheduled = this.cumScheduled;
    const baseInForce = this.baseInForce;
    const lineFailed = this.lineFailed;
    const lineRemaining = this.lineRemaining;
    const assetKeep = this.assetKeep;
    const assetRemaining = this.assetRemaining;
    const waterfall = this.waterfall;
    let cash = this.cash;
    let inTransit = this.inTransit;
    let creditIn = this.creditIn;

    let need = this.backlog;
    const end = Math.min(H, d + 1 + funding.lookaheadDays);
    for (let g = 0; g < G; g++) {
      // Most days no cohort of the product matures in the window: the term is 0, skip the division.
      const cum = g * (H + 1);
      const scheduled = cumScheduled[cum + end] - cumScheduled[cum + d + 1];
      if (scheduled === 0) continue;
      const baseBook = baseInForce[g * H + d];
      if (baseBook <= 0) continue;
      const survival = inForce[g] / baseBook;
      need += survival * scheduled * (1 - rollShare[g]);
    }
    need += this.cumOther[end] - this.cumOther[d + 1];
    // Known later claims and re-submissions, and the surrenders expected until money raised today
    // from the slowest source could arrive (this covers weekends and holidays in between).
    need += this.knownInLookahead;
    need += this.surrenderRunRate * this.runRateDays[d];
    let gap = Math.ceil(need - (cash - funding.minimumCash) - inTransit);
    for (let w = 0; w < waterfall.length && gap > 0; w++) {
      if (waterfall[w] === SOURCE_CREDIT) {
        for (let l = 0; l < L && gap > 0; l++) {
          if (lineFailed[l] || lineRemaining[l] <= 0) continue;
          const line = funding.creditLines[l];
          const arrival = this.afterBusinessDays(d, line.noticeDays);
          if (arrival < line.fromDay || arrival > line.untilDay || arrival >= C) continue;
          const draw = Math.min(gap, lineRemaining[l], line.dailyDrawCap);
          if (draw <= 0) continue;
          lineRemaining[l] -= draw;
          this.reachableStale = true;
          gap -= draw;
          if (arrival === d) {
            cash += draw;
            creditIn += draw;
            if (acc) acc[base + FIELD.creditDrawnByLine + l] += draw;
          } else {
            this.creditArrivals[arrival * L + l] += draw;
            inTransit += draw;
          }
        }
      } else {
        for (let a = 0; a < A && gap > 0; a++) {
          const keep = assetKeep[a];
          if (keep <= 0 || assetRemaining[a] <= 0) continue;
          const asset = funding.assets[a];
          const arrival = this.afterBusinessDays(d, asset.settlementDays);
          if (arrival >= C) continue;
          const sold = Math.min(Math.ceil(gap / keep), assetRemaining[a], asset.dailyCapacity);
          if (sold <= 0) continue;
          const proceeds = roundHalfUp(sold * keep);
          assetRemaining[a] -= sold;
          this.reachableStale = true;
          gap -= proceeds;
          if (arrival === d) {
            cash += proceeds;
            this.assetArrivals[d] += proceeds;
          } else {
            this.assetArrivals[arrival] += proceeds;
            inTransit += proceeds;
          }
        }
      }
    }
    this.cash = cash;
    this.inTransit = inTransit;
    this.creditIn = creditIn;
  }

  /**
   * Step 4, payments: the queue is paid oldest due first, limited by cash above the buffer, the
   * channels' amount and transfer-count limits and processing capacity; each request left unpaid
   * records the limit that stopped it. Sets the day's paid amounts and capacities; updates cash,
   * backlog, the queue and lastCause.
   */
  private payQueue(): void {
    const NC = this.nChannels;
    const chanDaily = this.chanDaily;
    const chanPerTransfer = this.chanPerTransfer;
    const chanTransfers = this.chanTransfers;
    const chanAmountLeft = this.chanAmountLeft;
    const chanTransfersLeft = this.chanTransfersLeft;
    const qKind = this.qKind;
    const qCause = this.qCause;
    const qAmount = this.qAmount;
    const qCount = this.qCount;
    const qTail = this.qTail;
    const processingCapacity = this.processingCapacity;
    let paidM = 0;
    let paidS = 0;
    let paidO = 0;
    let fundsLeft = Math.max(0, this.cash - this.m.funding.minimumCash);
    const capFunding = fundsLeft;
    let capChannel = 0;
    let procLeft = processingCapacity;
    let readyAmount = 0;
    let readyCount = 0;
    for (let c = 0; c < NC; c++) {
      chanAmountLeft[c] = chanDaily[c];
      chanTransfersLeft[c] = chanTransfers[c];
      capChannel += chanDaily[c];
    }
    let stopCause: number = CauseCode.None;
    for (let i = this.qHead; i < qTail; i++) {
      let amount = qAmount[i];
      if (amount <= 0) continue;
      const kind = qKind[i];
      if (kind === PayoutKind.Other) {
        const pay = Math.min(amount, Math.floor(fundsLeft));
        if (pay > 0) {
          amount -= pay;
          fundsLeft -= pay;
          paidO += pay;
        }
        if (amount > 0) qCause[i] = stopCause = CauseCode.Funding;
        qAmount[i] = amount;
        continue;
      }
      let count = qCount[i];
      readyAmount += amount;
      readyCount += count;
      const avg = count > 0 ? amount / count : amount;
      for (let c = 0; c < NC && amount > 0; c++) {
        if (fundsLeft < 1 || procLeft * avg < 1) break;
        const perTransfer = chanPerTransfer[c];
        // One transfer per payout when the payout fits a transfer (avg <= perTransfer implies
        // avg / perTransfer <= 1): the same numbers without two divisions on the common path.
        const transfersPerPayout = perTransfer > 0 && avg > perTransfer ? Math.max(1, Math.ceil(avg / perTransfer)) : 1;
        const byCount = transfersPerPayout === 1 ? chanTransfersLeft[c] * avg : (chanTransfersLeft[c] / transfersPerPayout) * avg;
        const pay = Math.floor(Math.min(amount, chanAmountLeft[c], byCount, procLeft * avg, fundsLeft));
        if (pay <= 0) continue;
        const paidCount = pay === amount ? count : pay / avg;
        amount -= pay;
        count = amount > 0 ? count - paidCount : 0;
        fundsLeft -= pay;
        procLeft -= paidCount;
        chanAmountLeft[c] -= pay;
        chanTransfersLeft[c] -= paidCount * transfersPerPayout;
        if (kind === PayoutKind.Maturity) paidM += pay;
        else paidS += pay;
      }
      if (amount > 0) {
        let cause: number;
        if (fundsLeft < 1) cause = CauseCode.Funding;
        else if (procLeft * avg < 1) cause = CauseCode.Processing;
        else cause = CauseCode.Channel;
        qCause[i] = cause;
        if (stopCause === CauseCode.None) stopCause = cause;
      }
      qAmount[i] = amount;
      qCount[i] = count;
    }
    if (stopCause !== CauseCode.None) this.lastCause = stopCause;
    const avgSize = readyCount > 0 ? readyAmount / readyCount : this.bookAveragePolicy;
    const paidTotal = paidM + paidS + paidO;
    this.cash -= paidTotal;
    this.backlog -= paidTotal;
    let qHead = this.qHead;
    while (qHead < qTail && qAmount[qHead] <= 0) qHead++;
    this.qHead = qHead;
    this.paidMaturity = paidM;
    this.paidSurrender = paidS;
    this.paidOther = paidO;
    this.capFunding = capFunding;
    this.capChannel = capChannel;
    this.capProcessing = processingCapacity * avgSize;
  }

  /**
   * Step 5, overdue amounts on day d: requests unpaid although due on or before d - grace days,
   * split by the cause that stopped them (a request never tried takes the day's last cause).
   * Returns the total and sets overdueFunding, overdueChannel and overdueProcessing.
   */
  private overdueOn(d: number): number {
    const qDue = this.qDue;
    const qAmount = this.qAmount;
    const qCause = this.qCause;
    const qTail = this.qTail;
    const lastCause = this.lastCause;
    let overdue = 0;
    let odFunding = 0;
    let odChannel = 0;
    let odProcessing = 0;
    const overdueBefore = d - this.m.overdueGraceDays; // unpaid with due <= this day is overdue
    for (let i = this.qHead; i < qTail; i++) {
      if (qDue[i] > overdueBefore) break; // the queue is in due order
      const x = qAmount[i];
      if (x <= 0) continue;
      overdue += x;
      const c = qCause[i] === CauseCode.None ? lastCause : qCause[i];
      if (c === CauseCode.Processing) odProcessing += x;
      else if (c === CauseCode.Channel) odChannel += x;
      else odFunding += x;
    }
    this.overdueFunding = odFunding;
    this.overdueChannel = odChannel;
    this.overdueProcessing = odProcessing;
    return overdue;
  }
}
