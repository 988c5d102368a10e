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
 *     account-fix delay; re-submissions of earlier bad-account payouts join the queue today;
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

/** Simulates paths of one model; create one per thread and call `run` for each path index. */
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
  /** Per group: cumulative scheduled maturities (prefix sums) and the no-surrender in-force book. */
  private readonly cumScheduled: Float64Array[];
  private readonly baseInForce: Float64Array[];
  private readonly cumOther: Float64Array;
  private readonly bookAveragePolicy: number;
  private readonly maxClaimLag: number;
  /** Width of the per-group claim schedule: horizon + longest claim lag + 1. */
  private readonly claimWidth: number;
  private readonly datedChanges: Extract<Model['payments']['changes'][number], { kind: 'dated' }>[];
  private readonly triggeredChanges: Extract<Model['payments']['changes'][number], { kind: 'triggered' }>[];

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
  private readonly retryCount: Float64Array;
  private readonly creditArrivals: Float64Array; // [day * nLines + line]
  private readonly assetArrivals: Float64Array;
  private readonly lineFailed: Uint8Array;
  private readonly lineRemaining: Float64Array;
  private readonly haircut: Float64Array;
  private readonly assetRemaining: Float64Array;
  private readonly shockOn: Uint8Array;
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

  constructor(model: Model) {
    this.m = model;
    this.H = model.horizonDays;
    this.F = fieldsPerDay(model);
    this.C = model.calendar.businessDay.length;
    this.nGroups = model.groups.length;
    this.nLines = model.funding.creditLines.length;
    this.nAssets = model.funding.assets.length;
    this.nChannels = model.payments.channels.length;
    const biz: number[] = [];
    for (let d = 0; d < this.C; d++) if (model.calendar.businessDay[d]) biz.push(d);
    this.businessDays = Int32Array.from(biz);

    this.cumScheduled = model.groups.map((g) => {
      const c = new Float64Array(this.H + 1);
      for (let d = 0; d < this.H; d++) c[d + 1] = c[d] + g.scheduledMaturities[d];
      return c;
    });
    this.baseInForce = model.groups.map((g) => {
      const b = new Float64Array(this.H);
      let v = g.initialValue;
      for (let d = 0; d < this.H; d++) {
        v = v * g.growth[d] * (1 - g.maturingValueShare[d]);
        b[d] = v;
      }
      return b;
    });
    this.cumOther = new Float64Array(this.H + 1);
    for (let d = 0; d < this.H; d++) this.cumOther[d + 1] = this.cumOther[d] + model.otherOutflows[d];
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
    this.maxClaimLag = maxLag;
    this.datedChanges = model.payments.changes
      .filter((c): c is Extract<typeof c, { kind: 'dated' }> => c.kind === 'dated')
      .sort((a, b) => a.day - b.day);
    this.triggeredChanges = model.payments.changes.filter(
      (c): c is Extract<typeof c, { kind: 'triggered' }> => c.kind === 'triggered',
    );

    const G = this.nGroups;
    this.inForce = new Float64Array(G);
    this.inForceCount = new Float64Array(G);
    this.unclaimed = new Float64Array(G);
    this.unclaimedCount = new Float64Array(G);
    this.rollShare = new Float64Array(G);
    this.claimWidth = this.H + maxLag + 1;
    this.claimAmount = new Float64Array(G * this.claimWidth);
    this.claimCount = new Float64Array(G * this.claimWidth);
    this.retryAmount = new Float64Array((this.C + maxLag + 1) * 2);
    this.retryCount = new Float64Array((this.C + maxLag + 1) * 2);
    this.creditArrivals = new Float64Array(this.C * Math.max(1, this.nLines));
    this.assetArrivals = new Float64Array(this.C);
    this.lineFailed = new Uint8Array(this.nLines);
    this.lineRemaining = new Float64Array(this.nLines);
    this.haircut = new Float64Array(this.nAssets);
    this.assetRemaining = new Float64Array(this.nAssets);
    this.shockOn = new Uint8Array(model.stress.shocks.length);
    this.chanDaily = new Float64Array(this.nChannels);
    this.chanPerTransfer = new Float64Array(this.nChannels);
    this.chanTransfers = new Float64Array(this.nChannels);
    this.chanAmountLeft = new Float64Array(this.nChannels);
    this.chanTransfersLeft = new Float64Array(this.nChannels);
    this.triggerAgrees = new Uint8Array(this.triggeredChanges.length);
    this.triggerFired = new Uint8Array(this.triggeredChanges.length);
    this.triggerActivation = new Int32Array(this.triggeredChanges.length);
    this.noise = new Float64Array(this.H);
    // Per day at most: two re-submissions, maturity and surrender per group, other outflows.
    const Q = this.H * (2 * G + 3) + 16;
    this.qDue = new Int32Array(Q);
    this.qKind = new Uint8Array(Q);
    this.qCause = new Int8Array(Q);
    this.qAmount = new Float64Array(Q);
    this.qCount = new Float64Array(Q);
  }

  /** Business day reached `n` business days after day `d` (n = 0: the first business day >= d). */
  private afterBusinessDays(d: number, n: number): number {
    const cal = this.m.calendar;
    if (d >= this.C) return this.C;
    // businessDaysBefore[d] is the index (in the business-day list) of the first business day >= d.
    const i = cal.businessDaysBefore[d] + n;
    return i < this.businessDays.length ? this.businessDays[i] : this.C;
  }

  private enqueue(due: number, kind: PayoutKind, amount: number, count: number): void {
    if (amount <= 0) return;
    const t = this.qTail++;
    this.qDue[t] = due;
    this.qKind[t] = kind;
    this.qCause[t] = CauseCode.None;
    this.qAmount[t] = amount;
    this.qCount[t] = count;
  }

  /**
   * Runs path `pathIndex`. Adds its daily metrics to `sink` (if given) and records its ledger (if
   * `ledger` is true). Returns the path's scalar outcome.
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
    const NC = this.nChannels;
    const cal = m.calendar;
    const stress = m.stress;
    const funding = m.funding;
    const grace = m.overdueGraceDays;
    const u = pathStream(m.seed, pathIndex);
    const led = recordLedger ? allocLedger(H) : null;

    // ---- path-level draws, in a fixed order ----
    const level = stress.levelSd > 0 ? Math.exp(stress.levelSd * standardNormal(u) - 0.5 * stress.levelSd * stress.levelSd) : 1;
    for (let s = 0; s < stress.shocks.length; s++) this.shockOn[s] = u() < stress.shocks[s].probability ? 1 : 0;
    for (let l = 0; l < L; l++) {
      const line = funding.creditLines[l];
      this.lineFailed[l] = u() < line.failProbability ? 1 : 0;
      this.lineRemaining[l] = line.limit;
    }
    for (let a = 0; a < A; a++) {
      this.haircut[a] = drawShare(funding.assets[a].haircut, u);
      this.assetRemaining[a] = funding.assets[a].amount;
    }
    for (let g = 0; g < G; g++) this.rollShare[g] = drawShare(m.groups[g].rollover, u);
    for (let t = 0; t < this.triggeredChanges.length; t++) {
      this.triggerAgrees[t] = u() < this.triggeredChanges[t].probability ? 1 : 0;
      this.triggerFired[t] = 0;
      this.triggerActivation[t] = -1;
    }
    if (stress.dailyNoiseSd > 0) {
      const sd = stress.dailyNoiseSd;
      for (let d = 0; d < H; d++) this.noise[d] = Math.exp(sd * standardNormal(u) - 0.5 * sd * sd);
    }

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
    this.retryCount.fill(0);
    this.creditArrivals.fill(0);
    this.assetArrivals.fill(0);
    for (let c = 0; c < NC; c++) {
      const ch = m.payments.channels[c];
      this.chanDaily[c] = ch.dailyLimit;
      this.chanPerTransfer[c] = ch.perTransferLimit;
      this.chanTransfers[c] = ch.dailyTransfers;
    }
    let processingCapacity = m.payments.processingCapacity;
    let datedIdx = 0;
    const applyLimits = (c: { channel: number; limits: { dailyLimit?: number; perTransferLimit?: number; dailyTransfers?: number }; processingCapacity?: number }) => {
      if (c.channel >= 0) {
        if (c.limits.dailyLimit !== undefined) this.chanDaily[c.channel] = c.limits.dailyLimit;
        if (c.limits.perTransferLimit !== undefined) this.chanPerTransfer[c.channel] = c.limits.perTransferLimit;
        if (c.limits.dailyTransfers !== undefined) this.chanTransfers[c.channel] = c.limits.dailyTransfers;
      }
      if (c.processingCapacity !== undefined) processingCapacity = c.processingCapacity;
    };
    while (datedIdx < this.datedChanges.length && this.datedChanges[datedIdx].day < 0) applyLimits(this.datedChanges[datedIdx++]);
    this.qHead = 0;
    this.qTail = 0;

    let cash = funding.openingCash;
    let inTransit = 0;
    let backlog = 0; // all unpaid requests (customer + other), cents
    let contagionState = 0;
    const contagionDecay = stress.contagion ? Math.exp(-1 / stress.contagion.decayDays) : 0;
    const contagionStrength = stress.contagion ? stress.contagion.strength : 0;
    let accrued = 0;
    let rolledOver = 0;
    let charges = 0;
    let paidCustomer = 0;
    let otherRequested = 0;
    let otherPaid = 0;
    let lastCause: number = CauseCode.None;

    let peakOverdue = 0;
    let firstShortfallDay = -1;
    let minHeadroom = Infinity;
    const acc = sink ? sink.acc : null;

    for (let d = 0; d < H; d++) {
      const base = d * F;
      const isBusiness = cal.businessDay[d] === 1;
      const dueToday = cal.nextBusinessDay[d];

      // ---- 1. arrivals and limit changes ----
      const opening = cash;
      const inflow = funding.inflows[d];
      let creditIn = 0;
      for (let l = 0; l < L; l++) {
        const x = this.creditArrivals[d * L + l];
        if (x > 0) {
          creditIn += x;
          if (acc) acc[base + FIELD.creditDrawnByLine + l] += x;
        }
      }
      const assetsIn = this.assetArrivals[d];
      cash += inflow + creditIn + assetsIn;
      inTransit -= creditIn + assetsIn;
      while (datedIdx < this.datedChanges.length && this.datedChanges[datedIdx].day <= d) applyLimits(this.datedChanges[datedIdx++]);
      for (let t = 0; t < this.triggeredChanges.length; t++) {
        if (this.triggerActivation[t] === d) applyLimits(this.triggeredChanges[t]);
      }

      // ---- 2. liabilities: new payout requests ----
      let shockExcess = 0;
      for (let s = 0; s < this.shockOn.length; s++) {
        if (this.shockOn[s] === 0) continue;
        const sh = stress.shocks[s];
        if (d < sh.day) continue;
        shockExcess += (sh.peakMultiplier - 1) * Math.exp((LN_HALF * (d - sh.day)) / sh.halfLifeDays);
      }
      if (stress.mitigation && d >= stress.mitigation.fromDay) {
        shockExcess *= 1 - stress.mitigation.notifiedShare * stress.mitigation.damping;
      }
      let relative = (1 + shockExcess) * (1 + contagionStrength * contagionState);
      if (stress.dailyNoiseSd > 0) relative *= this.noise[d];
      const hazardMultiplier = level * relative;
      if (contagionStrength > 0) {
        // The state is a moving average of 1 - 1/m over recent days (m = today's surrender
        // intensity relative to normal), so it stays in [0, 1): contagion amplifies a wave by at
        // most 1 + strength and can never run away.
        contagionState = contagionState * contagionDecay + (relative > 1 ? 1 - 1 / relative : 0) * (1 - contagionDecay);
      }
      const lapseShare = stress.massLapse && stress.massLapse.day === d ? stress.massLapse.share : 0;

      // Re-submitted bad-account payouts first: they were requested earlier.
      for (let k = PayoutKind.Maturity; k <= PayoutKind.Surrender; k++) {
        this.enqueue(dueToday, k, this.retryAmount[d * 2 + k], this.retryCount[d * 2 + k]);
      }
      let requestMaturity = 0;
      let requestSurrender = 0;
      for (let g = 0; g < G; g++) {
        const grp = m.groups[g];
        let v = this.inForce[g];
        let n = this.inForceCount[g];
        const cw = g * this.claimWidth;
        let maturity = this.claimAmount[cw + d];
        let maturityCount = this.claimCount[cw + d];
        let surrender = 0;
        let surrenderCount = 0;
        // accrual
        const grown = Math.round(v * grp.growth[d]);
        accrued += grown - v;
        v = grown;
        // surrenders (stressed hazard, then mass lapse)
        let h = grp.baseDailyHazard * hazardMultiplier;
        if (h > 1) h = 1;
        if (lapseShare > 0) h = h + (1 - h) * lapseShare;
        if (h > 0) {
          const gross = Math.round(v * h);
          const charge = Math.round(gross * grp.surrenderCharge);
          charges += charge;
          surrender = gross - charge;
          surrenderCount = n * h;
          v -= gross;
          n -= n * h;
        }
        // maturities, rollover, claim lags
        const share = grp.maturingValueShare[d];
        if (share > 0) {
          const matured = share >= 1 ? v : Math.round(v * share);
          const maturedCount = share >= 1 ? n : n * grp.maturingCountShare[d];
          v -= matured;
          n -= maturedCount;
          const rolled = Math.round(matured * this.rollShare[g]);
          rolledOver += rolled;
          const payable = matured - rolled;
          const payableCount = maturedCount * (1 - this.rollShare[g]);
          let claimed = 0;
          for (const p of grp.claimLag) {
            const x = Math.round(payable * p.share);
            const xc = payableCount * p.share;
            claimed += x;
            if (p.lagDays === 0) {
              maturity += x;
              maturityCount += xc;
            } else {
              this.claimAmount[cw + d + p.lagDays] += x;
              this.claimCount[cw + d + p.lagDays] += xc;
            }
          }
          const left = payable - claimed;
          this.unclaimed[g] += left;
          let claimedShare = 0;
          for (const p of grp.claimLag) claimedShare += p.share;
          this.unclaimedCount[g] += payableCount * (1 - claimedShare);
        }
        this.inForce[g] = v;
        this.inForceCount[g] = n;
        // late claims of unclaimed money
        if (grp.lateClaimDailyRate > 0 && this.unclaimed[g] > 0) {
          const x = Math.round(this.unclaimed[g] * grp.lateClaimDailyRate);
          const xc = this.unclaimedCount[g] * grp.lateClaimDailyRate;
          this.unclaimed[g] -= x;
          this.unclaimedCount[g] -= xc;
          maturity += x;
          maturityCount += xc;
        }
        requestMaturity += maturity;
        requestSurrender += surrender;
        this.enqueueCustomer(grp, dueToday, PayoutKind.Maturity, maturity, maturityCount);
        this.enqueueCustomer(grp, dueToday, PayoutKind.Surrender, surrender, surrenderCount);
      }
      const other = m.otherOutflows[d];
      this.enqueue(dueToday, PayoutKind.Other, other, 1);
      otherRequested += other;
      backlog += requestMaturity + requestSurrender + other;

      // ---- 3. funding actions ----
      let capFunding = 0;
      let capChannel = 0;
      let capProcessing = 0;
      let paidM = 0;
      let paidS = 0;
      let paidO = 0;
      if (isBusiness) {
        let need = backlog;
        const end = Math.min(H, d + 1 + funding.lookaheadDays);
        for (let g = 0; g < G; g++) {
          const baseBook = this.baseInForce[g][d];
          if (baseBook <= 0) continue;
          const survival = this.inForce[g] / baseBook;
          need += survival * (this.cumScheduled[g][end] - this.cumScheduled[g][d + 1]) * (1 - this.rollShare[g]);
        }
        need += this.cumOther[end] - this.cumOther[d + 1];
        let gap = Math.ceil(need - (cash - funding.minimumCash) - inTransit);
        for (let w = 0; w < funding.waterfall.length && gap > 0; w++) {
          if (funding.waterfall[w] === 'credit') {
            for (let l = 0; l < L && gap > 0; l++) {
              if (this.lineFailed[l] || this.lineRemaining[l] <= 0) continue;
              const line = funding.creditLines[l];
              const arrival = this.afterBusinessDays(d, line.noticeDays);
              if (arrival < line.fromDay || arrival > line.untilDay || arrival >= this.C) continue;
              const draw = Math.min(gap, this.lineRemaining[l], line.dailyDrawCap);
              if (draw <= 0) continue;
              this.lineRemaining[l] -= draw;
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
              const keep = 1 - this.haircut[a];
              if (keep <= 0 || this.assetRemaining[a] <= 0) continue;
              const asset = funding.assets[a];
              const arrival = this.afterBusinessDays(d, asset.settlementDays);
              if (arrival >= this.C) continue;
              const sold = Math.min(Math.ceil(gap / keep), this.assetRemaining[a], asset.dailyCapacity);
              if (sold <= 0) continue;
              const proceeds = Math.round(sold * keep);
              this.assetRemaining[a] -= sold;
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

        // ---- 4. payments, oldest due first ----
        let fundsLeft = Math.max(0, cash - funding.minimumCash);
        capFunding = fundsLeft;
        let procLeft = processingCapacity;
        let readyAmount = 0;
        let readyCount = 0;
        for (let c = 0; c < NC; c++) {
          this.chanAmountLeft[c] = this.chanDaily[c];
          this.chanTransfersLeft[c] = this.chanTransfers[c];
          capChannel += this.chanDaily[c];
        }
        let stopCause: number = CauseCode.None;
        for (let i = this.qHead; i < this.qTail; i++) {
          let amount = this.qAmount[i];
          if (amount <= 0) continue;
          const kind = this.qKind[i];
          if (kind === PayoutKind.Other) {
            const pay = Math.min(amount, Math.floor(fundsLeft));
            if (pay > 0) {
              amount -= pay;
              fundsLeft -= pay;
              paidO += pay;
            }
            if (amount > 0) this.qCause[i] = stopCause = CauseCode.Funding;
            this.qAmount[i] = amount;
            continue;
          }
          readyAmount += amount;
          readyCount += this.qCount[i];
          let count = this.qCount[i];
          const avg = count > 0 ? amount / count : amount;
          for (let c = 0; c < NC && amount > 0; c++) {
            if (fundsLeft < 1 || procLeft * avg < 1) break;
            const perTransfer = this.chanPerTransfer[c];
            const transfersPerPayout = perTransfer > 0 ? Math.max(1, Math.ceil(avg / perTransfer)) : 1;
            const byCount = (this.chanTransfersLeft[c] / transfersPerPayout) * avg;
            const pay = Math.floor(Math.min(amount, this.chanAmountLeft[c], byCount, procLeft * avg, fundsLeft));
            if (pay <= 0) continue;
            const paidCount = pay === amount ? count : pay / avg;
            amount -= pay;
            count = amount > 0 ? count - paidCount : 0;
            fundsLeft -= pay;
            procLeft -= paidCount;
            this.chanAmountLeft[c] -= pay;
            this.chanTransfersLeft[c] -= paidCount * transfersPerPayout;
            if (kind === PayoutKind.Maturity) paidM += pay;
            else paidS += pay;
          }
          if (amount > 0) {
            let cause: number;
            if (fundsLeft < 1) cause = CauseCode.Funding;
            else if (procLeft * avg < 1) cause = CauseCode.Processing;
            else cause = CauseCode.Channel;
            this.qCause[i] = cause;
            if (stopCause === CauseCode.None) stopCause = cause;
          }
          this.qAmount[i] = amount;
          this.qCount[i] = count;
        }
        if (stopCause !== CauseCode.None) lastCause = stopCause;
        const avgSize = readyCount > 0 ? readyAmount / readyCount : this.bookAveragePolicy;
        capProcessing = processingCapacity * avgSize;
        const paidTotal = paidM + paidS + paidO;
        cash -= paidTotal;
        backlog -= paidTotal;
        paidCustomer += paidM + paidS;
        otherPaid += paidO;
        while (this.qHead < this.qTail && this.qAmount[this.qHead] <= 0) this.qHead++;
      }

      // ---- 5. metrics ----
      let overdue = 0;
      let odFunding = 0;
      let odChannel = 0;
      let odProcessing = 0;
      const overdueBefore = d - grace; // unpaid with due <= this day is overdue
      for (let i = this.qHead; i < this.qTail; i++) {
        if (this.qDue[i] > overdueBefore) break; // the queue is in due order
        const x = this.qAmount[i];
        if (x <= 0) continue;
        overdue += x;
        const c = this.qCause[i] === CauseCode.None ? lastCause : this.qCause[i];
        if (c === CauseCode.Processing) odProcessing += x;
        else if (c === CauseCode.Channel) odChannel += x;
        else odFunding += x;
      }
      if (overdue > 0) {
        if (firstShortfallDay < 0) firstShortfallDay = d;
        if (overdue > peakOverdue) peakOverdue = overdue;
      }
      for (let t = 0; t < this.triggeredChanges.length; t++) {
        const tc = this.triggeredChanges[t];
        if (this.triggerFired[t] === 0 && backlog > tc.backlogAbove) {
          this.triggerFired[t] = 1;
          if (this.triggerAgrees[t]) this.triggerActivation[t] = d + Math.max(1, tc.afterDays);
        }
      }
      let reachable = 0;
      for (let l = 0; l < L; l++) {
        if (!this.lineFailed[l] && funding.creditLines[l].untilDay >= d) reachable += this.lineRemaining[l];
      }
      for (let a = 0; a < A; a++) reachable += this.assetRemaining[a] * (1 - this.haircut[a]);
      const headroom = Math.round(cash - funding.minimumCash + inTransit + reachable - backlog);
      if (headroom < minHeadroom) minHeadroom = headroom;

      if (acc && sink) {
        if (overdue > 0) acc[base + FIELD.shortfallPaths] += 1;
        acc[base + FIELD.overdue] += overdue;
        acc[base + FIELD.overdueSq] += overdue * overdue;
        acc[base + FIELD.backlog] += backlog;
        acc[base + FIELD.requestMaturity] += requestMaturity;
        acc[base + FIELD.requestSurrender] += requestSurrender;
        acc[base + FIELD.requestOther] += other;
        acc[base + FIELD.paidMaturity] += paidM;
        acc[base + FIELD.paidSurrender] += paidS;
        acc[base + FIELD.paidOther] += paidO;
        acc[base + FIELD.capacityFunding] += capFunding;
        acc[base + FIELD.capacityChannel] += capChannel;
        acc[base + FIELD.capacityProcessing] += capProcessing;
        acc[base + FIELD.assetsSold] += this.assetArrivals[d];
        acc[base + FIELD.closingCash] += cash;
        acc[base + FIELD.causeFunding] += odFunding;
        acc[base + FIELD.causeChannel] += odChannel;
        acc[base + FIELD.causeProcessing] += odProcessing;
        acc[base + FIELD.creditDrawn] += creditIn;
        sink.addHeadroom(d, headroom);
      }
      if (led) {
        led.openingCash[d] = opening;
        led.inflows[d] = inflow;
        led.assetSales[d] = this.assetArrivals[d];
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
      let inForce = 0;
      let unclaimed = 0;
      for (let g = 0; g < G; g++) {
        inForce += this.inForce[g];
        unclaimed += this.unclaimed[g];
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
      t.accrued = accrued;
      t.paid = paidCustomer;
      t.backlog = backlog - otherBacklog;
      t.unclaimed = unclaimed;
      t.awaitingClaim = awaiting;
      t.rolledOver = rolledOver;
      t.surrenderCharges = charges;
      t.inForce = inForce;
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

  /**
   * Enqueues a customer payout request due on `due`. The bad-account share is held back and
   * re-submitted the product's `accountRetryDays` later (see the retry schedule), due on that day.
   */
  private enqueueCustomer(grp: LiabilityGroup, due: number, kind: PayoutKind, amount: number, count: number): void {
    if (amount <= 0) return;
    const rate = grp.accountFailureRate;
    const bad = rate > 0 ? Math.round(amount * rate) : 0;
    const badCount = count * rate;
    this.enqueue(due, kind, amount - bad, count - badCount);
    if (bad > 0) {
      const at = (due + grp.accountRetryDays) * 2 + kind;
      this.retryAmount[at] += bad;
      this.retryCount[at] += badCount;
    }
  }
}
