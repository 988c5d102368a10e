/**
 * The numerical kernel's TypeScript side: `PathSimulator` runs one path at a time. The day loop itself
 * is in ./assembly/kernel.ts, compiled to WebAssembly; this side lays the model's tables out in the
 * wasm module's memory once, makes each path's path-level draws (from the path's own seedrandom
 * stream, which the module then continues for the daily noise) and reads the results back.
 *
 * One `PathSimulator` per thread is reused for every path it runs: all state lives in the wasm
 * module's memory, allocated once, so the loop allocates nothing per path-day. Money is integer
 * cents in doubles; every amount that comes from a product of a rate and a balance is rounded to the
 * cent where it leaves a balance, so every ledger reconciles exactly.
 *
 * The daily order of events is stated once, in ../model/daily-order.ts (README and docs/model.md are
 * generated from it), and executed readably by ./reference/reference.ts, which
 * tests/engine/differential.test.ts holds this kernel equal to, to the bit.
 */
import type seedrandom from 'seedrandom';
import type { Cents, Model } from '../model/types.js';
import { actionTables, hasActions } from '../model/actions.js';
import { fundingOnlyPayments } from '../model/payments.js';
import { SKETCH_BINNING, SKETCH_BINS_PER_SIGN, SKETCH_MAX_MAGNITUDE } from './sketch.js';
import { actionStream, drawShare, pathStream, standardNormal } from './random.js';
import type { PathDraws } from './reference/draws.js';
import { assetFieldStart, FIELD, HORIZON_ORDER, LEDGER_ORDER, OUT_TOTALS_START, packSlots, SOURCE, TOTALS_ORDER, type SlotName } from './abi.js';
import { instantiateKernel, type KernelExports } from './wasm.js';
import { allocLedger, type PathLedger, type PathOutcome } from './ledger.js';

// The kernel interface's constants live in ./abi.ts, the one declaration both sides are derived from.
export { assetFieldStart, CauseCode, FIELD, LEDGER_ORDER, PayoutKind, TOTALS_ORDER } from './abi.js';
export { allocLedger, type ConservationTotals, type PathLedger, type PathOutcome } from './ledger.js';

export function fieldsPerDay(model: Model): number {
  const actions = hasActions(model.actions) ? 2 + 2 * model.actions.order.length : 0;
  return actionFieldsStart(model) + actions;
}

/**
 * The first per-day field of management actions (after the credit lines' and the assets'): deferred
 * balance, loan money arrived, then per action in scenario order its activations and its amount (see
 * ../model/actions.ts); there are none without actions.
 */
export function actionFieldsStart(model: Model): number {
  return assetFieldStart(model.funding.creditLines.length) + model.funding.assets.length;
}

/** Where a path's daily metrics go. */
export interface DaySink {
  /** days * fieldsPerDay block sums. */
  readonly acc: Float64Array;
  /** Headroom per day (cents). */
  addHeadroom(day: number, value: number): void;
  /**
   * When this is the simulator's own `headroomCells()`, the kernel writes each day's headroom,
   * binned for the day sketches (`sketchCell`), at [day * columns + cellColumn] instead of calling
   * addHeadroom.
   */
  readonly headroomCells?: Int32Array;
  readonly cellColumn?: number;
}

/** A path's ledger rows without the totals and the cause (what the per-path statistics read). */
export type LedgerView = { readonly [K in Exclude<(typeof LEDGER_ORDER)[number], 'cause'>]: ArrayLike<number> } & {
  readonly assetSalesByAsset: readonly ArrayLike<number>[];
  readonly creditDrawsByLine: readonly ArrayLike<number>[];
};

const LEDGER_ROWS = LEDGER_ORDER.length;

/** Doubles in one horizon record: HORIZON_ORDER, then one sum per asset, then one per credit line. */
export function horizonRecordSize(model: Model): number {
  return HORIZON_ORDER.length + model.funding.assets.length + model.funding.creditLines.length;
}

type DatedChange = Extract<Model['payments']['changes'][number], { kind: 'dated' }>;
type TriggeredChange = Extract<Model['payments']['changes'][number], { kind: 'triggered' }>;

/** A limit change as the day loop reads it: [channel, daily limit, per-transfer limit, transfers, processing], NaN = unchanged. */
function limitRow(c: DatedChange | TriggeredChange): number[] {
  const keep = (x: number | undefined) => (x === undefined ? NaN : x);
  return [c.channel, keep(c.limits.dailyLimit), keep(c.limits.perTransferLimit), keep(c.limits.dailyTransfers), keep(c.processingCapacity)];
}

/**
 * The model's tables, flattened for the day loop: per-group terms are [d * G + g] for days (a day's
 * terms of every group share a cache line) and [g] for scalars. Everything here depends on the
 * model only, never on the path. This lays data out (transposes, prefix sums, index lists, memory
 * sizes); the model's formulas are in ../model/compile.ts (`Model.derived`), read here as they are.
 */
function modelTables(model: Model) {
  const H = model.horizonDays;
  const C = model.calendar.businessDay.length;
  const G = model.groups.length;
  const derived = model.derived;
  const biz: number[] = [];
  for (let d = 0; d < C; d++) if (model.calendar.businessDay[d]) biz.push(d);
  const businessDays = Int32Array.from(biz);

  const growth = new Float64Array(G * H);
  const maturingValueShare = new Float64Array(G * H);
  const maturingCountShare = new Float64Array(G * H);
  /** Cumulative scheduled maturities (prefix sums, [g * (H + 1) + d]) and the no-surrender in-force book. */
  const cumScheduled = new Float64Array(G * (H + 1));
  const baseInForce = new Float64Array(G * H);
  const lagStart = new Int32Array(G + 1);
  const lagDays: number[] = [];
  const lagShare: number[] = [];
  model.groups.forEach((g, k) => {
    for (let d = 0; d < H; d++) {
      growth[d * G + k] = g.growth[d];
      maturingValueShare[d * G + k] = g.maturingValueShare[d];
      maturingCountShare[d * G + k] = g.maturingCountShare[d];
      baseInForce[d * G + k] = derived.noSurrenderBook[k][d];
    }
    const cum = k * (H + 1);
    for (let d = 0; d < H; d++) cumScheduled[cum + d + 1] = cumScheduled[cum + d] + g.scheduledMaturities[d];
    for (const p of g.claimLag) {
      lagDays.push(p.lagDays);
      lagShare.push(p.share);
    }
    lagStart[k + 1] = lagDays.length;
  });
  // Per day, the groups whose term in the funding need is not 0: maturities scheduled in the
  // lookahead window (d, d + lookahead] and a book to scale them by (the kernel's test, made once
  // here: a test in the day loop on each group mispredicted about as often as it skipped),
  // [fundingGroupsStart[d], fundingGroupsStart[d + 1]).
  const fundingGroupsStart = new Int32Array(H + 1);
  const fundingGroups: number[] = [];
  for (let d = 0; d < H; d++) {
    const end = Math.min(H, d + 1 + model.funding.lookaheadDays);
    for (let k = 0; k < G; k++) {
      const scheduled = cumScheduled[k * (H + 1) + end] - cumScheduled[k * (H + 1) + d + 1];
      if (!(scheduled == 0) && !(baseInForce[d * G + k] <= 0)) fundingGroups.push(k);
    }
    fundingGroupsStart[d + 1] = fundingGroups.length;
  }
  const cumOther = new Float64Array(H + 1);
  for (let d = 0; d < H; d++) cumOther[d + 1] = cumOther[d] + model.otherOutflows[d];
  // The shocks' decay curves do not depend on the path: excess hazard of shock s on day d if it
  // happens on the path (0 before it hits), [s * H + d].
  const shockExcessByDay = new Float64Array(derived.shockExcess.length * H);
  derived.shockExcess.forEach((excess, s) => shockExcessByDay.set(excess, s * H));
  let maxLag = 0;
  for (const g of model.groups) {
    for (const p of g.claimLag) maxLag = Math.max(maxLag, p.lagDays);
    maxLag = Math.max(maxLag, g.accountRetryDays);
  }
  // Per line, its last useful draw day (`Model.derived.lastDrawDay`): after that day's funding the
  // line's undrawn limit is no longer headroom. lineWindowClosed is 1 on that day, so the kernel
  // re-sums what is reachable at its end.
  const lineWindowClosed = new Int32Array(H);
  for (const last of derived.lastDrawDay) if (last >= 0 && last < H) lineWindowClosed[last] = 1;
  // The kernel reads the latest overdue due day from the table under business-day grace only
  // (d - graceDays otherwise), so the table is empty under calendar days.
  const graceLastDue = model.overdueGraceCalendar === 'business' ? derived.lastOverdueDue : new Int32Array(0);
  const changes = model.payments.changes;
  const dated = changes.filter((c): c is DatedChange => c.kind === 'dated').sort((a, b) => a.day - b.day);
  const triggered = changes.filter((c): c is TriggeredChange => c.kind === 'triggered');
  const lines = model.funding.creditLines;
  const assets = model.funding.assets;
  const channelTables = (payments: Model['payments']) => ({
    daily: Float64Array.from(payments.channels, (c) => c.dailyLimit),
    perTransfer: Float64Array.from(payments.channels, (c) => c.perTransferLimit),
    transfers: Float64Array.from(payments.channels, (c) => c.dailyTransfers),
    processing: payments.processingCapacity,
  });
  return {
    businessDays,
    growth,
    maturingValueShare,
    maturingCountShare,
    cumScheduled,
    baseInForce,
    fundingGroupsStart,
    fundingGroups: Int32Array.from(fundingGroups),
    lagStart,
    lagDays: Int32Array.from(lagDays),
    lagShare: Float64Array.from(lagShare),
    unclaimedShare: Float64Array.from(derived.unclaimedShare),
    cumOther,
    shockExcessByDay,
    runRateDays: derived.runRateDays,
    lineWindowClosed,
    graceLastDue,
    bookAveragePolicy: derived.bookAveragePolicy,
    /** Width of the per-group claim schedule: horizon + longest claim lag + 1. */
    claimWidth: H + maxLag + 1,
    retrySize: (C + maxLag + 1) * 2,
    knownSize: C + maxLag + model.funding.lookaheadDays + 2,
    dated,
    triggered,
    datedDay: Int32Array.from(dated, (c) => c.day),
    datedLimits: Float64Array.from(dated.flatMap(limitRow)),
    triggeredBacklogAbove: Float64Array.from(triggered, (c) => c.backlogAbove),
    triggeredAfterDays: Int32Array.from(triggered, (c) => c.afterDays),
    triggeredLimits: Float64Array.from(triggered.flatMap(limitRow)),
    waterfall: Int32Array.from(model.funding.waterfall, (s) => SOURCE[s]),
    lineLimit: Float64Array.from(lines, (l) => l.limit),
    lineFrom: Float64Array.from(lines, (l) => l.fromDay),
    lineUntil: Float64Array.from(lines, (l) => l.untilDay),
    lineNotice: Int32Array.from(lines, (l) => l.noticeDays),
    lineDailyCap: Float64Array.from(lines, (l) => l.dailyDrawCap),
    lineLastDraw: Float64Array.from(derived.lastDrawDay),
    assetAmount: Float64Array.from(assets, (a) => a.amount),
    assetSettlement: Int32Array.from(assets, (a) => a.settlementDays),
    assetDailyCapacity: Float64Array.from(assets, (a) => a.dailyCapacity),
    channels: channelTables(model.payments),
    /** The funding-only run's: limits lifted (../model/payments.ts `fundingOnlyPayments`). */
    fundingOnly: channelTables(fundingOnlyPayments(model.payments)),
  };
}

/** Lays typed arrays out in the kernel's memory: allocate everything first, then make the views. */
class WasmLayout {
  private readonly pending: { ptr: number; data: Float64Array | Int32Array | Uint16Array }[] = [];

  constructor(private readonly k: KernelExports) {}

  /** Allocates a copy of `data` (written by `copyAll`); returns its byte offset. */
  table(data: Float64Array | Int32Array | Uint16Array | Uint8Array): number {
    const copy = data instanceof Uint8Array ? Int32Array.from(data) : data;
    const ptr = this.k.alloc(Math.max(8, copy.byteLength));
    this.pending.push({ ptr, data: copy });
    return ptr;
  }

  /** Allocates `length` elements for the path's draws or the outputs. */
  space(length: number, bytesPer: 4 | 8): number {
    return this.k.alloc(Math.max(8, length * bytesPer));
  }

  /** Copies the tables in; call after the last allocation (growing memory detaches views). */
  copyAll(): void {
    const buffer = this.k.memory.buffer;
    for (const { ptr, data } of this.pending) {
      if (data instanceof Float64Array) new Float64Array(buffer, ptr, data.length).set(data);
      else if (data instanceof Uint16Array) new Uint16Array(buffer, ptr, data.length).set(data);
      else new Int32Array(buffer, ptr, data.length).set(data);
    }
  }
}

/** One lane's path-level draws, views into the kernel's memory. */
interface LaneDraws {
  activeShocks: Int32Array;
  lineFailed: Int32Array;
  assetKeep: Float64Array;
  rollShare: Float64Array;
  triggerAgrees: Int32Array;
  loanGranted: Int32Array;
}

/**
 * Simulates paths of one model; create one per thread and call `run` for each path index.
 *
 * Speed notes (measured, see docs/performance.md): the day loop runs paths x days times, in
 * WebAssembly, with the model's terms in flat tables; the liabilities of two consecutive paths run
 * side by side in SIMD lanes (see `run`); the shocks' decay curves do not depend on the path, so
 * they are tabulated once; the day's customer requests are pooled into one queue entry per
 * type (part of the model, docs/model.md); terms that are 0 on most days are skipped. The path-level
 * draws are made here, from the path's seedrandom stream; the module continues that stream for the
 * daily noise (ziggurat normals, its own compiled-in Math.exp), so every number is the same on every
 * machine.
 */
export class PathSimulator {
  private readonly m: Model;
  private readonly H: number;
  private readonly F: number;
  private readonly k: KernelExports;
  private readonly triggered: readonly TriggeredChange[];
  // --- the draws of the two paths whose liabilities run side by side, in the kernel's memory ---
  private readonly lanes: readonly [LaneDraws, LaneDraws];
  /** The paths whose liabilities lane 0 and lane 1 hold (-1: none of a path index's). */
  private readonly lanePaths: [number, number] = [-1, -1];
  // --- outputs ---
  private readonly headroom: Float64Array;
  private readonly ledgerRows: Float64Array;
  private readonly ledgerByAsset: Float64Array;
  private readonly ledgerByLine: Float64Array;
  private readonly out: Float64Array;
  /** Block sums in the kernel's memory (see `accumulator`), and scratch sums for other sinks. */
  private readonly acc: Float64Array;
  private readonly accPtr: number;
  private readonly scratch: Float64Array;
  private readonly scratchPtr: number;
  /** Binned headroom, days x headroomColumns (see `headroomCells`). */
  private readonly cells: Int32Array;
  /** The kernel interface's slots as given, by name (tests/engine/abi.test.ts reads them back from the module). */
  private readonly slotValues: Readonly<Record<SlotName, number>>;
  /** The daily noise of both lanes, [d * 2 + lane]. */
  private readonly noise: Float64Array;
  /** Each `run` path's horizon records (see `horizonRecords`), when horizon ends were given. */
  private readonly horizons: Float64Array;
  /** Days of the funding-only peak that `run` also records (see `peakOverdueWithin`). */
  private readonly fundingOnlyDays: number;
  /** The last path `run` (not its funding-only run): its index, first day a limit stopped a payment (-1: none), peak over fundingOnlyDays. */
  private readonly lastRun = { path: -1, limitStopDay: -1, peakWithin: 0 };

  /**
   * @param options.headroomColumns paths whose binned headroom `headroomCells()` holds at once (a
   *   block's worth for BlockSums); 0 for none
   * @param options.horizonEnds covered days (ascending, distinct, each 1..horizon) at which every
   *   path run writes its horizon record (`horizonRecords`), what the per-path statistics read
   * @param options.fundingOnlyDays days of the funding-only peak (`peakOverdueWithin` with
   *   `fundingOnly`), 1..horizon; the horizon by default
   */
  constructor(model: Model, options: { headroomColumns?: number; horizonEnds?: readonly number[]; fundingOnlyDays?: number } = {}) {
    const columns = options.headroomColumns ?? 0;
    const fundingOnlyDays = (this.fundingOnlyDays = options.fundingOnlyDays ?? model.horizonDays);
    if (!(Number.isInteger(fundingOnlyDays) && fundingOnlyDays >= 1 && fundingOnlyDays <= model.horizonDays)) {
      throw new RangeError(`funding-only days ${fundingOnlyDays} outside 1..${model.horizonDays}`);
    }
    const ends = options.horizonEnds ?? [];
    ends.forEach((e, i) => {
      if (!(Number.isInteger(e) && e >= 1 && e <= model.horizonDays && (i === 0 || e > ends[i - 1]))) throw new RangeError(`horizon ends must ascend within 1..${model.horizonDays}: ${ends.join(', ')}`);
    });
    this.m = model;
    const H = (this.H = model.horizonDays);
    const F = (this.F = fieldsPerDay(model));
    const k = (this.k = instantiateKernel());
    const t = modelTables(model);
    this.triggered = t.triggered;
    const C = model.calendar.businessDay.length;
    const G = model.groups.length;
    const L = model.funding.creditLines.length;
    const A = model.funding.assets.length;
    const NT = t.triggered.length;
    const stress = model.stress;
    const mem = new WasmLayout(k);
    const at = actionTables(model);
    const perGroup = (pick: (g: Model['groups'][number]) => number) => Float64Array.from(model.groups, pick);
    const laneSpace = () => ({
      activeShocks: mem.space(stress.shocks.length, 4),
      lineFailed: mem.space(L, 4),
      assetKeep: mem.space(A, 8),
      rollShare: mem.space(G, 8),
      triggerAgrees: mem.space(NT, 4),
      loanGranted: mem.space(at.NLN, 4),
    });
    const lane0 = laneSpace();
    const lane1 = laneSpace();
    const draws = {
      noise: mem.space(2 * H, 8),
      headroom: mem.space(H, 8),
      cells: mem.space(H * columns, 4),
      ledger: mem.space(LEDGER_ROWS * H, 8),
      ledgerByAsset: mem.space(A * H, 8),
      ledgerByLine: mem.space(L * H, 8),
      out: mem.space(18, 8),
      horizonOut: mem.space(ends.length * horizonRecordSize(model), 8),
    };
    this.accPtr = mem.space(H * F, 8);
    this.scratchPtr = mem.space(H * F, 8);
    // Each slot's value by name (./abi.ts declares the slots and their order; `packSlots` puts them in
    // it, and the kernel's globals are generated from the same list).
    const values: Record<SlotName, number> = {
      H,
      FPD: F,
      C,
      G,
      L,
      A,
      NC: model.payments.channels.length,
      NW: t.waterfall.length,
      ND: t.dated.length,
      NT,
      NBIZ: t.businessDays.length,
      claimWidth: t.claimWidth,
      lookahead: model.funding.lookaheadDays,
      prefundSurrenders: model.funding.prefundSurrenders ? 1 : 0,
      graceDays: model.overdueGraceDays,
      graceBusiness: model.overdueGraceCalendar === 'business' ? 1 : 0,
      minimumCash: model.funding.minimumCash,
      openingCash: model.funding.openingCash,
      baseProcessingCapacity: t.channels.processing,
      bookAveragePolicy: t.bookAveragePolicy,
      contagionDecay: model.derived.contagionWeight,
      contagionStrength: stress.contagion ? stress.contagion.strength : 0,
      mitigationFrom: stress.mitigation ? stress.mitigation.fromDay : Infinity,
      mitigationScale: model.derived.mitigationScale,
      lapseDay: stress.massLapse ? stress.massLapse.day : -1,
      lapseOnDay: stress.massLapse ? stress.massLapse.share : 0,
      hasNoise: stress.dailyNoiseSd > 0 ? 1 : 0,
      annualRates: stress.multiplierAppliesTo === 'annual_rate' ? 1 : 0,
      retrySize: t.retrySize,
      knownSize: t.knownSize,
      // Per day at most one maturity, one surrender and one other-outflow request.
      queueSize: H * 3 + 16,
      businessDay: mem.table(model.calendar.businessDay),
      nextBusinessDay: mem.table(model.calendar.nextBusinessDay),
      businessDaysBefore: mem.table(model.calendar.businessDaysBefore),
      businessDays: mem.table(t.businessDays),
      inflows: mem.table(model.funding.inflows),
      otherOutflows: mem.table(model.otherOutflows),
      cumOther: mem.table(t.cumOther),
      runRateDays: mem.table(t.runRateDays),
      lineWindowClosed: mem.table(t.lineWindowClosed),
      graceLastDue: mem.table(t.graceLastDue),
      shockExcessByDay: mem.table(t.shockExcessByDay),
      growth: mem.table(t.growth),
      maturingValueShare: mem.table(t.maturingValueShare),
      maturingCountShare: mem.table(t.maturingCountShare),
      cumScheduled: mem.table(t.cumScheduled),
      baseInForce: mem.table(t.baseInForce),
      fundingGroupsStart: mem.table(t.fundingGroupsStart),
      fundingGroups: mem.table(t.fundingGroups),
      initialValue: mem.table(perGroup((g) => g.initialValue)),
      initialPolicies: mem.table(perGroup((g) => g.initialPolicies)),
      baseDailyHazard: mem.table(perGroup((g) => g.baseDailyHazard)),
      baseAnnualRate: mem.table(perGroup((g) => g.baseAnnualRate)),
      surrenderCharge: mem.table(perGroup((g) => g.surrenderCharge)),
      lateClaimDailyRate: mem.table(perGroup((g) => g.lateClaimDailyRate)),
      accountFailureRate: mem.table(perGroup((g) => g.accountFailureRate)),
      accountRetryDays: mem.table(Int32Array.from(model.groups, (g) => g.accountRetryDays)),
      unclaimedShare: mem.table(t.unclaimedShare),
      lagStart: mem.table(t.lagStart),
      lagDays: mem.table(t.lagDays),
      lagShare: mem.table(t.lagShare),
      waterfall: mem.table(t.waterfall),
      lineLimit: mem.table(t.lineLimit),
      lineFrom: mem.table(t.lineFrom),
      lineUntil: mem.table(t.lineUntil),
      lineNotice: mem.table(t.lineNotice),
      lineDailyCap: mem.table(t.lineDailyCap),
      lineLastDraw: mem.table(t.lineLastDraw),
      assetAmount: mem.table(t.assetAmount),
      assetSettlement: mem.table(t.assetSettlement),
      assetDailyCapacity: mem.table(t.assetDailyCapacity),
      channelDaily: mem.table(t.channels.daily),
      channelPerTransfer: mem.table(t.channels.perTransfer),
      channelTransfers: mem.table(t.channels.transfers),
      datedDay: mem.table(t.datedDay),
      datedLimits: mem.table(t.datedLimits),
      triggeredBacklogAbove: mem.table(t.triggeredBacklogAbove),
      triggeredAfterDays: mem.table(t.triggeredAfterDays),
      triggeredLimits: mem.table(t.triggeredLimits),
      fundingOnlyDaily: mem.table(t.fundingOnly.daily),
      fundingOnlyPerTransfer: mem.table(t.fundingOnly.perTransfer),
      fundingOnlyTransfers: mem.table(t.fundingOnly.transfers),
      fundingOnlyProcessing: t.fundingOnly.processing,
      fundingOnlyDays,
      activeShocks0: lane0.activeShocks,
      activeShocks1: lane1.activeShocks,
      lineFailed0: lane0.lineFailed,
      lineFailed1: lane1.lineFailed,
      assetKeep0: lane0.assetKeep,
      assetKeep1: lane1.assetKeep,
      rollShare0: lane0.rollShare,
      rollShare1: lane1.rollShare,
      triggerAgrees0: lane0.triggerAgrees,
      triggerAgrees1: lane1.triggerAgrees,
      noise: draws.noise,
      headroomOut: draws.headroom,
      headroomCells: draws.cells,
      cellColumns: columns,
      sketchBins: SKETCH_BINS_PER_SIGN,
      sketchMax: SKETCH_MAX_MAGNITUDE,
      sketchFirstBin: mem.table(SKETCH_BINNING.firstBin),
      sketchUpper: mem.table(SKETCH_BINNING.upper),
      sketchSlotShift: SKETCH_BINNING.slotShift,
      sketchExponentBias: SKETCH_BINNING.exponentBias,
      ledger: draws.ledger,
      ledgerByAsset: draws.ledgerByAsset,
      ledgerByLine: draws.ledgerByLine,
      out: draws.out,
      NE: ends.length,
      horizonEnds: mem.table(Int32Array.from(ends)),
      horizonOut: draws.horizonOut,
      NV: model.payments.bandLimits?.length ?? 0,
      bandLimits: mem.table(Float64Array.from(model.payments.bandLimits ?? [])),
      transfersMaturity: mem.table(Float64Array.from(model.groups.flatMap((g) => g.transfersPerPayout?.maturity ?? []))),
      transfersSurrender: mem.table(Float64Array.from(model.groups.flatMap((g) => g.transfersPerPayout?.surrender ?? []))),
      NACT: at.NACT,
      actionBase: actionFieldsStart(model),
      NS: at.NS,
      deferAction: mem.table(at.deferAction),
      deferUntil: mem.table(at.deferUntil),
      suspensionFrom: mem.table(at.suspensionFrom),
      suspensionField: mem.table(at.suspensionField),
      NLN: at.NLN,
      loanAmount: mem.table(at.loanAmount),
      loanDay: mem.table(at.loanDay),
      loanBacklogAbove: mem.table(at.loanBacklogAbove),
      loanNotice: mem.table(at.loanNotice),
      loanField: mem.table(at.loanField),
      loanGranted0: lane0.loanGranted,
      loanGranted1: lane1.loanGranted,
      NX: at.NX,
      cancelAmounts: mem.table(at.cancelAmounts),
      cumCancel: mem.table(at.cumCancel),
      cancelFrom: mem.table(at.cancelFrom),
      cancelHeadroomBelow: mem.table(at.cancelHeadroomBelow),
      cancelField: mem.table(at.cancelField),
      NO: at.NO,
      outreachScale: mem.table(at.outreachScale),
      outreachLate: at.outreachLate,
      lateRateByDay: mem.table(at.lateRateByDay),
      outreachFrom: mem.table(at.outreachFrom),
      outreachField: mem.table(at.outreachField),
    };
    const slots = packSlots(values);
    this.slotValues = values;
    const slotsPtr = mem.space(slots.length, 8);
    new Float64Array(k.memory.buffer, slotsPtr, slots.length).set(slots);
    k.configure(slotsPtr);
    mem.copyAll();
    const buffer = k.memory.buffer;
    this.out = new Float64Array(buffer, draws.out, 18);
    if (this.out[15] !== slots.length) throw new Error(`kernel read ${this.out[15]} model slots, ${slots.length} written`);
    const views = (at: typeof lane0): LaneDraws => ({
      activeShocks: new Int32Array(buffer, at.activeShocks, stress.shocks.length),
      lineFailed: new Int32Array(buffer, at.lineFailed, L),
      assetKeep: new Float64Array(buffer, at.assetKeep, A),
      rollShare: new Float64Array(buffer, at.rollShare, G),
      triggerAgrees: new Int32Array(buffer, at.triggerAgrees, NT),
      loanGranted: new Int32Array(buffer, at.loanGranted, this.m.actions?.loans.length ?? 0),
    });
    this.lanes = [views(lane0), views(lane1)];
    this.headroom = new Float64Array(buffer, draws.headroom, H);
    this.ledgerRows = new Float64Array(buffer, draws.ledger, LEDGER_ROWS * H);
    this.ledgerByAsset = new Float64Array(buffer, draws.ledgerByAsset, A * H);
    this.ledgerByLine = new Float64Array(buffer, draws.ledgerByLine, L * H);
    this.acc = new Float64Array(buffer, this.accPtr, H * F);
    this.scratch = new Float64Array(buffer, this.scratchPtr, H * F);
    this.cells = new Int32Array(buffer, draws.cells, H * columns);
    this.noise = new Float64Array(buffer, draws.noise, 2 * H);
    this.horizons = new Float64Array(buffer, draws.horizonOut, ends.length * horizonRecordSize(model));
  }

  /** The first day on which a channel or processing limit stopped a payment in the last path `run` (not a funding-only run), or -1. */
  limitStopDay(): number {
    return this.lastRun.limitStopDay;
  }

  /**
   * The last path run's horizon records, one per horizon end (each `horizonRecordSize` long: HORIZON_ORDER,
   * then sums by asset, then by line), as a view into the kernel's memory (valid until the next path runs).
   */
  horizonRecords(): Float64Array {
    return this.horizons;
  }

  /**
   * Days x fields block sums that `run` adds to in place, without a copy, when a sink uses this array
   * as its `acc` (BlockSums does). Valid as long as the simulator is.
   */
  accumulator(): Float64Array {
    return this.acc;
  }

  /**
   * Days x headroomColumns cells that `run` writes each day's binned headroom to, at column
   * `sink.cellColumn`, when a sink uses this array as its `headroomCells` (BlockSums does).
   */
  headroomCells(): Int32Array {
    return this.cells;
  }

  /**
   * The path-level draws, in a fixed order, from the path's own stream: surrender level, shock
   * occurrences, bank refusals, asset haircuts, rollover shares, triggered-change agreements, daily
   * noise (by the kernel, see `run`). Written to the kernel's memory, in `lane`.
   * @returns the path's surrender level, the number of shocks that happen on the path and the
   *   stream's state after these draws, where the daily noise continues it
   */
  private drawPath(pathIndex: number, lane: 0 | 1): [level: number, activeShocks: number, stream: seedrandom.State.Alea] {
    const m = this.m;
    const draws = this.lanes[lane];
    const stress = m.stress;
    const u = pathStream(m.seed, pathIndex);
    const level = stress.levelSd > 0 ? Math.exp(stress.levelSd * standardNormal(u) - 0.5 * stress.levelSd * stress.levelSd) : 1;
    let active = 0;
    for (let s = 0; s < stress.shocks.length; s++) if (u() < stress.shocks[s].probability) draws.activeShocks[active++] = s;
    const lines = m.funding.creditLines;
    for (let l = 0; l < lines.length; l++) draws.lineFailed[l] = u() < lines[l].failProbability ? 1 : 0;
    const assets = m.funding.assets;
    for (let a = 0; a < assets.length; a++) draws.assetKeep[a] = 1 - drawShare(assets[a].haircut, u);
    for (let g = 0; g < m.groups.length; g++) draws.rollShare[g] = drawShare(m.groups[g].rollover, u);
    for (let t = 0; t < this.triggered.length; t++) draws.triggerAgrees[t] = u() < this.triggered[t].probability ? 1 : 0;
    const loans = m.actions?.loans ?? [];
    if (loans.length > 0) {
      // the path's own actions stream (./random.ts), so actions change no other draw
      const v = actionStream(m.seed, pathIndex);
      for (let i = 0; i < loans.length; i++) draws.loanGranted[i] = v() < loans[i].probability ? 1 : 0;
    }
    return [level, active, u.state()];
  }

  /**
   * Runs path `pathIndex`. Adds its daily metrics to `sink` (if given) and records its ledger (if
   * `ledger` is true). Returns the path's scalar outcome.
   *
   * The liabilities of two paths run side by side in the kernel: `run(p)` works out those of p and
   * p + 1 (the next path of the run, if there is one), and a following `run(p + 1)` only runs the
   * rest of p + 1. Each path's results are the same bits whichever path shares its pass.
   *
   * `fundingOnly`: the path's funding-only run instead (docs/model.md, "Funding-only shortfall"):
   * its liabilities (the same draws, so the same requests), then cash, funding and payments with the
   * channel and processing limits lifted (../model/payments.ts `fundingOnlyPayments`), no limit
   * changes and no horizon records. It reuses the path's liabilities pass when the path was just run.
   */
  run(pathIndex: number, sink: DaySink | null, ledger: true, fundingOnly?: boolean): PathOutcome & { ledger: PathLedger };
  run(pathIndex: number, sink: DaySink | null, ledger?: false, fundingOnly?: boolean): PathOutcome;
  run(pathIndex: number, sink: DaySink | null, recordLedger = false, fundingOnly = false): PathOutcome & { ledger?: PathLedger } {
    return this.finish(this.liabilitiesFor(pathIndex), sink, recordLedger, fundingOnly, pathIndex);
  }

  /**
   * Makes sure the liabilities of `pathIndex` are in a lane: reused when they are (the day loop
   * after the liabilities pass changes nothing the pass wrote), else worked out with those of the
   * next path. Returns its lane.
   */
  private liabilitiesFor(pathIndex: number): 0 | 1 {
    const held = this.lanePaths.indexOf(pathIndex);
    if (held >= 0) return held as 0 | 1;
    const partner = pathIndex + 1 < this.m.paths ? pathIndex + 1 : pathIndex;
    const [level0, shocks0, a] = this.drawPath(pathIndex, 0);
    const [level1, shocks1, b] = this.drawPath(partner, 1);
    const sd = this.m.stress.dailyNoiseSd;
    // The module continues both streams for the daily noise: 365 normals and exponentials a path
    // are the largest part of the draws, and cost a third as much in WebAssembly.
    if (sd > 0) this.k.drawNoise(a.s0, a.s1, a.s2, a.c, b.s0, b.s1, b.s2, b.c, sd);
    this.k.liabilities(level0, shocks0, level1, shocks1);
    this.lanePaths[0] = pathIndex;
    this.lanePaths[1] = partner;
    return 0;
  }

  /**
   * Path `pathIndex`'s largest overdue amount over its first `days` days (cents), as `run` would
   * give it for a horizon of that many days: only those days are simulated, with no sink, ledger or
   * horizon records. With `fundingOnly`, of its funding-only run (the per-path statistics' funding-only
   * peak, right after the path's `run`, whose liabilities pass it reuses).
   *
   * Until a channel or processing limit stops a payment, a path's run and its funding-only run take
   * the same steps (every request is paid in full or up to the funds left, in both), so when the
   * path's last `run` saw no such stop in its first `days` = fundingOnlyDays days, its peak over them
   * is the funding-only peak, and the funding-only run is not made
   * (tests/engine/horizon-records.test.ts holds the two runs' ledgers equal up to the stop).
   */
  peakOverdueWithin(pathIndex: number, days: number, fundingOnly = false): number {
    const last = this.lastRun;
    if (fundingOnly && last.path === pathIndex && days === this.fundingOnlyDays && (last.limitStopDay < 0 || last.limitStopDay >= days)) return last.peakWithin;
    const lane = this.liabilitiesFor(pathIndex);
    this.k.runPath(lane, 0, false, -1, false, false, days, fundingOnly);
    return this.out[0];
  }

  /**
   * Runs one path with the given draws instead of those of a path index's stream: the same day loop
   * (in lane 0), for the tests that hold it to the reference model (../reference) on any draws.
   */
  runWithDraws(draws: PathDraws, sink: DaySink | null, ledger: true, fundingOnly?: boolean): PathOutcome & { ledger: PathLedger };
  runWithDraws(draws: PathDraws, sink: DaySink | null, ledger?: false, fundingOnly?: boolean): PathOutcome;
  runWithDraws(draws: PathDraws, sink: DaySink | null, recordLedger = false, fundingOnly = false): PathOutcome & { ledger?: PathLedger } {
    const m = this.m;
    let active = 0;
    for (const lane of this.lanes) {
      active = 0;
      draws.shockHappens.forEach((yes, s) => yes && (lane.activeShocks[active++] = s));
      lane.lineFailed.set(draws.lineRefused.map(Number));
      lane.assetKeep.set(draws.assetKeep);
      lane.rollShare.set(draws.rollShare);
      lane.triggerAgrees.set(draws.triggerAgrees.map(Number));
      lane.loanGranted.fill(1);
      if (draws.loanGranted) lane.loanGranted.set(draws.loanGranted.map(Number));
    }
    if (m.stress.dailyNoiseSd > 0) {
      if (draws.noise === null || draws.noise.length < this.H) throw new RangeError('the model has daily noise: draws.noise needs one value a day');
      for (let d = 0; d < this.H; d++) this.noise[2 * d] = this.noise[2 * d + 1] = draws.noise[d];
    }
    this.k.liabilities(draws.level, active, draws.level, active);
    this.lanePaths.fill(-1);
    return this.finish(0, sink, recordLedger, fundingOnly, -1);
  }

  /** Runs the rest of the path in `lane` after the liabilities pass (its funding-only run with `fundingOnly`), and reads its results. */
  private finish(lane: 0 | 1, sink: DaySink | null, recordLedger: boolean, fundingOnly: boolean, pathIndex: number): PathOutcome & { ledger?: PathLedger } {
    // A sink summing in this simulator's memory is added to in place; any other gets the path's own
    // values added afterwards (0 + x = x, so the sums are the same bits).
    const own = sink !== null && sink.acc === this.acc;
    if (sink && !own) this.scratch.fill(0);
    const accPtr = sink === null ? 0 : own ? this.accPtr : this.scratchPtr;
    const binned = sink !== null && this.cells.length > 0 && sink.headroomCells === this.cells;
    const column = binned ? (sink.cellColumn ?? -1) : -1;
    if (binned && !(Number.isInteger(column) && column >= 0 && column < this.cells.length / this.H)) {
      throw new RangeError(`headroom cell column ${column} outside [0, ${this.cells.length / this.H})`);
    }
    this.k.runPath(lane, accPtr, sink !== null && !binned, column, recordLedger, !fundingOnly && this.horizons.length > 0, this.H, fundingOnly);
    if (sink) {
      if (!own) {
        const acc = sink.acc;
        const path = this.scratch;
        for (let i = 0; i < path.length; i++) if (path[i] !== 0) acc[i] += path[i];
      }
      if (!binned) {
        const headroom = this.headroom;
        for (let d = 0; d < this.H; d++) sink.addHeadroom(d, headroom[d]);
      }
    }
    const out = this.out;
    if (!fundingOnly) {
      const last = this.lastRun;
      last.path = pathIndex;
      last.limitStopDay = out[16];
      last.peakWithin = out[17];
    }
    const outcome: PathOutcome & { ledger?: PathLedger } = {
      peakOverdue: out[0],
      firstShortfallDay: out[1],
      minHeadroom: out[2],
    };
    if (recordLedger) outcome.ledger = this.readLedger();
    return outcome;
  }

  private readLedger(): PathLedger {
    const H = this.H;
    const led = allocLedger(H, this.m.funding.assets.length, this.m.funding.creditLines.length);
    const row = (r: number) => this.ledgerRows.subarray(r * H, (r + 1) * H);
    LEDGER_ORDER.forEach((key, r) => led[key].set(row(r)));
    led.assetSalesByAsset.forEach((x, a) => x.set(this.ledgerByAsset.subarray(a * H, (a + 1) * H)));
    led.creditDrawsByLine.forEach((x, l) => x.set(this.ledgerByLine.subarray(l * H, (l + 1) * H)));
    TOTALS_ORDER.forEach((key, i) => (led.totals[key] = this.out[OUT_TOTALS_START + i]));
    return led;
  }
}
