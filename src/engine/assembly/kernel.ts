/**
 * The per-path day loop, in AssemblyScript, compiled to WebAssembly (`npm run build` writes
 * dist/engine/kernel.wasm). The TypeScript side (../kernel.ts) owns the model and the random draws:
 * it lays out the model's tables in this module's memory, calls `configure` once, then for each path
 * writes the path's draws and calls `runPath`.
 *
 * Why WebAssembly: the loop is a long chain of dependent roundings to the cent in doubles; compiled
 * ahead of time to wasm it runs about 1.7x faster than the same code JIT-compiled from JavaScript
 * (docs/performance.md), and wasm's float arithmetic is IEEE 754 with no fused or reordered operations,
 * so the bytes of every result are the same on every machine.
 *
 * The daily order of events is stated once, in ../../model/daily-order.ts, and executed readably by
 * ../reference/reference.ts; tests/engine/differential.test.ts holds this loop equal to that reference to
 * the bit on generated models, so every operation on money is the reference's, in the same order.
 * Step 2 never depends on cash or payments, so `liabilities` works it out for the whole horizon
 * first, for two paths at once in the two lanes of 128-bit SIMD vectors (each lane the same bits as
 * the path run alone; about 20% off a path-day), and `runPath` then runs steps 1 and 3-5 day by day
 * for one lane, reading each day's requests.
 *
 * Memory: the TypeScript side allocates every table with `alloc` before the first path and never
 * again, so its typed-array views stay valid. Tables are addressed by their byte offset, held in
 * globals; the hottest steps copy the ones they use into `p_` locals first, since a call inside a
 * loop makes the engine reload every global it reads (about 5% of the time of requestPayouts).
 */

// The kernel interface (../abi.ts, generated into ./abi.generated.ts by `npm run build`): one global
// per slot, read by `readSlots`, and the constants both sides index by. Re-exported, so the
// module's exports let tests/engine/abi.test.ts check each slot by name.
import {
  H, FPD, C, G, L, A, NC, NW, ND, NT, NBIZ, claimWidth, lookahead, prefundSurrenders, graceDays, graceBusiness,
  minimumCash, openingCash, baseProcessingCapacity, bookAveragePolicy, contagionDecay,
  contagionStrength, mitigationFrom, mitigationScale, lapseDay, lapseOnDay, hasNoise, annualRates,
  retrySize, knownSize, queueSize, businessDay, nextBusinessDay, businessDaysBefore, businessDays,
  inflows, otherOutflows, cumOther, runRateDays, lineWindowClosed, graceLastDue, shockExcessByDay,
  growth, maturingValueShare, maturingCountShare, cumScheduled, baseInForce, fundingGroupsStart,
  fundingGroups, initialValue, initialPolicies, baseDailyHazard, baseAnnualRate, surrenderCharge,
  lateClaimDailyRate, accountFailureRate, accountRetryDays, unclaimedShare, lagStart, lagDays,
  lagShare, waterfall, lineLimit, lineFrom, lineUntil, lineNotice, lineDailyCap, lineLastDraw, assetAmount,
  assetSettlement, assetDailyCapacity, channelDaily, channelPerTransfer, channelTransfers, datedDay,
  datedLimits, triggeredBacklogAbove, triggeredAfterDays, triggeredLimits, fundingOnlyDaily, fundingOnlyPerTransfer,
  fundingOnlyTransfers, fundingOnlyProcessing, fundingOnlyDays, activeShocks0,
  activeShocks1, lineFailed0, lineFailed1, assetKeep0, assetKeep1, rollShare0, rollShare1,
  triggerAgrees0, triggerAgrees1, noise, headroomOut, headroomCells, cellColumns, sketchBins,
  sketchMax, sketchFirstBin, sketchUpper, sketchSlotShift, sketchExponentBias, ledger, ledgerByAsset, ledgerByLine, out,
  NV, bandLimits, transfersMaturity, transfersSurrender,
  SLOT_COUNT, readSlots, MATURITY, SURRENDER, OTHER, CAUSE_NONE, CAUSE_FUNDING, CAUSE_CHANNEL,
  CAUSE_PROCESSING, SOURCE_CREDIT, F_ASSETS_SOLD, F_BACKLOG, F_CAPACITY_CHANNEL, F_CAPACITY_FUNDING,
  F_CAPACITY_PROCESSING, F_CAUSE_CHANNEL, F_CAUSE_FUNDING, F_CAUSE_PROCESSING, F_CLOSING_CASH,
  F_CREDIT_DRAWN, F_CREDIT_DRAWN_BY_LINE, F_OVERDUE, F_OVERDUE_SQ, F_PAID_MATURITY, F_PAID_OTHER,
  F_PAID_SURRENDER, F_REQUEST_MATURITY, F_REQUEST_OTHER, F_REQUEST_SURRENDER, F_SHORTFALL_PATHS,
  LEDGER_ASSET_SALES, LEDGER_BACKLOG, LEDGER_CAUSE, LEDGER_CLOSING_CASH, LEDGER_CREDIT_DRAWS,
  LEDGER_INFLOWS, LEDGER_OPENING_CASH, LEDGER_OVERDUE, LEDGER_PAID_MATURITY, LEDGER_PAID_OTHER,
  LEDGER_PAID_SURRENDER, LEDGER_REQUEST_MATURITY, LEDGER_REQUEST_SURRENDER, LEDGER_REQUEST_OTHER, LEDGER_REACHABLE, OUT_ACCRUED, OUT_AWAITING_CLAIM, OUT_BACKLOG, OUT_INITIAL_VALUE,
  OUT_IN_FORCE, OUT_OTHER_BACKLOG, OUT_OTHER_PAID, OUT_OTHER_REQUESTED, OUT_PAID, OUT_ROLLED_OVER,
  OUT_SURRENDER_CHARGES, OUT_UNCLAIMED, NACT, actionBase, NS, deferAction, deferUntil, suspensionFrom,
  suspensionField, NLN, loanAmount, loanDay, loanBacklogAbove, loanNotice, loanField, loanGranted0,
  loanGranted1, NX, cancelAmounts, cumCancel, cancelFrom, cancelHeadroomBelow, cancelField, NO,
  outreachScale, outreachLate, lateRateByDay, outreachFrom, outreachField, LEDGER_DEFERRED,
  LEDGER_ACTION_INFLOWS, NE, horizonEnds, horizonOut, HORIZON_INFLOWS, HORIZON_ASSET_SALES,
  HORIZON_CREDIT_DRAWS, HORIZON_PAID_MATURITY, HORIZON_PAID_SURRENDER, HORIZON_PAID_OTHER,
  HORIZON_REQUEST_MATURITY, HORIZON_REQUEST_SURRENDER, HORIZON_REQUEST_OTHER, HORIZON_CLOSING_CASH,
  HORIZON_OVERDUE, HORIZON_BACKLOG, HORIZON_REACHABLE, HORIZON_FIXED,
} from './abi.generated';
export * from './abi.generated';

// ---------------------------------------------------------------------------------------------
// memory helpers

@inline function f(base: usize, i: i32): f64 {
  return load<f64>(base + ((<usize>i) << 3));
}
@inline function setF(base: usize, i: i32, v: f64): void {
  store<f64>(base + ((<usize>i) << 3), v);
}
@inline function addF(base: usize, i: i32, v: f64): void {
  const p = base + ((<usize>i) << 3);
  store<f64>(p, load<f64>(p) + v);
}
@inline function n(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}
@inline function setN(base: usize, i: i32, v: i32): void {
  store<i32>(base + ((<usize>i) << 2), v);
}
/** Sets `count` doubles to +0 (all bits 0) with wasm's bulk memory.fill. */
@inline function zero(base: usize, count: i32): void {
  memory.fill(base, 0, (<usize>count) << 3);
}

/** Bump allocation of tables (8-byte aligned); memory grows as needed. Called before any view is made. */
let heapTop: usize = 0;
export function alloc(bytes: i32): usize {
  if (heapTop == 0) heapTop = (__heap_base + 15) & ~(<usize>15);
  const p = heapTop;
  heapTop = (heapTop + <usize>bytes + 15) & ~(<usize>15);
  const needPages = <i32>((heapTop + 0xffff) >> 16);
  const have = memory.size();
  if (needPages > have) memory.grow(needPages - have);
  return p;
}

/**
 * Math.round(x) for 0 <= x < 2^52 without V8's or wasm's nearest-even: floor(x + 0.5) is exact for
 * 0.5 <= x < 2^52, and below 0.5 the answer is 0 (where x + 0.5 itself could round up to 1).
 */
@inline function roundHalfUp(x: f64): f64 {
  return x < 0.5 ? 0 : Math.floor(x + 0.5);
}

/** Math.round(x) up to the sign of zero, for |x| < 2^52. */
@inline function roundSigned(x: f64): f64 {
  return x < 0.5 && x > -0.5 ? 0 : Math.floor(x + 0.5);
}

// ---------------------------------------------------------------------------------------------
// the model and the path's draws: one global per slot of the kernel interface, declared in
// ../abi.ts and generated into ./abi.generated.ts (imported above); `configure` sets them.
// `runPath(lane)` points the unsuffixed names at the lane it runs.
let lineFailed: usize = 0;
let assetKeep: usize = 0;
let rollShare: usize = 0;
let triggerAgrees: usize = 0;
let loanGranted: usize = 0;
let lane: i32 = 0;
/** Per-transfer limit values counted per band in the run: NV, or 0 (the average rule) in the funding-only run. */
let bands: i32 = 0;

// ---------------------------------------------------------------------------------------------
// per-path state

// the liabilities of two paths, lane by lane: every f64 below is a pair, [i * 2 + lane]
let inForce: usize = 0; // pairs[G]
let inForceCount: usize = 0;
let survival: usize = 0; // pairs[G]: product of (1 - the day's hazard) so far, the share not surrendered
let unclaimed: usize = 0;
let unclaimedCount: usize = 0;
let claimAmount: usize = 0; // pairs[claimWidth * G]: [day * G + g]
let claimCount: usize = 0;
let retryAmount: usize = 0; // pairs[retrySize]: [day * 2 + kind]
let retryCount: usize = 0;
let knownLater: usize = 0; // pairs[knownSize]
let creditArrivals: usize = 0; // f64[C * max(1, L)]
let assetArrivals: usize = 0; // f64[C]
let assetArrivalsByAsset: usize = 0; // f64[C * max(1, A)]: [day * A + a]
let lineRemaining: usize = 0; // f64[L]
let assetRemaining: usize = 0; // f64[A]
let chanDaily: usize = 0; // f64[NC]
let chanPerTransfer: usize = 0;
let chanTransfers: usize = 0;
let chanAmountLeft: usize = 0;
let chanTransfersLeft: usize = 0;
let triggerFired: usize = 0; // i32[NT]
let triggerActivation: usize = 0; // i32[NT]
// payout queue: requests in creation order (due days non-decreasing)
let qDue: usize = 0; // i32[queueSize]
let qKind: usize = 0; // i32[queueSize]
let qCause: usize = 0; // i32[queueSize]
let qAmount: usize = 0; // f64[queueSize]
let qCount: usize = 0; // f64[queueSize]
let qHead: i32 = 0;
let qTail: i32 = 0;
// per-band transfer counting (NV > 0; docs/model.md, "Payout-size bands")
let retryTransfers: usize = 0; // pairs[retrySize * NV]: [(day * 2 + kind) * NV + v]
let dayTransfers: usize = 0; // pairs[H * 2 * NV]: the day's pools' transfers, [(d * 2 + kind) * NV + v]
let qPerPayout: usize = 0; // f64[queueSize * NV]: a request's transfers per payout under value v
let readyTransfers: usize = 0; // f64[NV]
// the liabilities pass's results, pairs: [(d * Day.Count + Day.x) * 2 + lane]
let liabilityDays: usize = 0;
let inForceByDay: usize = 0; // pairs[H * G]: the book in force at each day's end
// and each lane's totals for the ledger: pairs[Lane.Count]
let laneTotals: usize = 0;
/** A day's results of the liabilities pass, in order, each a pair. */
enum Day { PoolMaturity, PoolMaturityCount, PoolSurrender, PoolSurrenderCount, RequestMaturity, RequestSurrender, KnownInLookahead, SurrenderRunRate, Count }
/** A day's bytes in liabilityDays: Day.Count pairs. */
const DAY_BYTES: usize = Day.Count << 4;
/** A lane's totals of the liabilities pass, for the ledger's conservation totals. */
enum Lane { Accrued, RolledOver, Charges, Count }

let cash: f64 = 0;
let inTransit: f64 = 0;
let backlog: f64 = 0;
let processingCapacity: f64 = 0;
/** The first day on which a channel or processing limit stopped a payment in the run, or -1. */
let limitStopDay: i32 = -1;
/** Whether payQueue works out the day's capacities (only the per-day sums read them). */
let withCapacities: bool = true;
// the liabilities pass's running totals, lane by lane
let accrued: v128 = f64x2.splat(0);
let rolledOver: v128 = f64x2.splat(0);
let charges: v128 = f64x2.splat(0);
let knownInLookahead: v128 = f64x2.splat(0);
// what funding reads of them on the day
let knownToday: f64 = 0;
let surrenderRunRate: f64 = 0;
let reachableStale: bool = true;
// the day's results of each step
let creditIn: f64 = 0;
let paidMaturity: f64 = 0;
let paidSurrender: f64 = 0;
let paidOther: f64 = 0;
let capFunding: f64 = 0;
let capChannel: f64 = 0;
let capProcessing: f64 = 0;
let overdueFunding: f64 = 0;
let overdueChannel: f64 = 0;
let overdueProcessing: f64 = 0;

// the per-path statistics' running sums: f64[HORIZON_FIXED + A + L], a horizon record in the making
let horizonRun: usize = 0;

/** Reads the slots (../abi.ts, packed by ../kernel.ts) and allocates the path state. */
export function configure(slots: usize): void {
  readSlots(slots);

  inForce = alloc(G << 4);
  inForceCount = alloc(G << 4);
  survival = alloc(G << 4);
  unclaimed = alloc(G << 4);
  unclaimedCount = alloc(G << 4);
  claimAmount = alloc((G * claimWidth) << 4);
  claimCount = alloc((G * claimWidth) << 4);
  retryAmount = alloc(retrySize << 4);
  retryCount = alloc(retrySize << 4);
  knownLater = alloc(knownSize << 4);
  laneTotals = alloc(Lane.Count << 4);
  creditArrivals = alloc((C * max(1, L)) << 3);
  assetArrivals = alloc(C << 3);
  assetArrivalsByAsset = alloc((C * max(1, A)) << 3);
  lineRemaining = alloc(L << 3);
  assetRemaining = alloc(A << 3);
  chanDaily = alloc(NC << 3);
  chanPerTransfer = alloc(NC << 3);
  chanTransfers = alloc(NC << 3);
  chanAmountLeft = alloc(NC << 3);
  chanTransfersLeft = alloc(NC << 3);
  triggerFired = alloc(NT << 2);
  triggerActivation = alloc(NT << 2);
  qDue = alloc(queueSize << 2);
  qKind = alloc(queueSize << 2);
  qCause = alloc(queueSize << 2);
  qAmount = alloc(queueSize << 3);
  qCount = alloc(queueSize << 3);
  liabilityDays = alloc(H * <i32>DAY_BYTES);
  retryTransfers = alloc((retrySize * NV) << 4);
  dayTransfers = alloc((H * 2 * NV) << 4);
  qPerPayout = alloc((queueSize * NV) << 3);
  readyTransfers = alloc(NV << 3);
  inForceByDay = alloc((H * G) << 4);
  horizonRun = alloc((HORIZON_FIXED + A + L) << 3);
  configureActions();
  zigSetup();
  // ../kernel.ts checks the count against its own
  setF(out, 15, <f64>SLOT_COUNT);
}

/** Business day reached `steps` business days after day `d` (0: the first business day >= d). */
@inline function afterBusinessDays(d: i32, steps: i32): i32 {
  if (d >= C) return C;
  const i = n(businessDaysBefore, d) + steps;
  return i < NBIZ ? n(businessDays, i) : C;
}

/** Applies limit change `i` of a table of [channel, dailyLimit, perTransfer, transfers, processing]. */
function applyLimits(table: usize, i: i32): void {
  const base = i * 5;
  const channel = <i32>f(table, base);
  if (channel >= 0) {
    const daily = f(table, base + 1);
    const perTransfer = f(table, base + 2);
    const transfers = f(table, base + 3);
    if (!isNaN(daily)) setF(chanDaily, channel, daily);
    if (!isNaN(perTransfer)) setF(chanPerTransfer, channel, perTransfer);
    if (!isNaN(transfers)) setF(chanTransfers, channel, transfers);
  }
  const processing = f(table, base + 4);
  if (!isNaN(processing)) processingCapacity = processing;
}

/**
 * The cell of a headroom in its day's sketch: `sketchCell` of ../sketch.ts, step for step
 * (a test holds the two to the same cells); -1 for a value the sketch rejects. Binned here, inside
 * the day loop, its table look-ups overlap the day's other work.
 */
@inline function sketchCell(x: f64): i32 {
  const magnitude = Math.abs(x);
  if (magnitude < 1) return 2 * sketchBins;
  if (!(magnitude <= sketchMax)) return -1;
  const slot = <i32>(<u32>(reinterpret<u64>(magnitude) >> 32) >>> sketchSlotShift) - sketchExponentBias;
  let key = <i32>load<u16>(sketchFirstBin + ((<usize>slot) << 1));
  if (magnitude > f(sketchUpper, key)) key++;
  return x < 0 ? sketchBins + key : key;
}

/** The sketch cells of `count` values, for the test that holds `sketchCell` to the sketch's. */
export function sketchCells(values: usize, count: i32, dest: usize): void {
  for (let i = 0; i < count; i++) setN(dest, i, sketchCell(f(values, i)));
}

/** Per band: request `t`'s transfers per payout under each limit value, the pool's transfers over its count (1 with none). */
function bandRequest(t: i32, d: i32, kind: i32, count: f64): void {
  for (let x = 0; x < NV; x++) {
    const transfers = laneOf(dayTransfers, (d * 2 + kind) * NV + x, lane);
    setF(qPerPayout, t * NV + x, count > 0 ? transfers / count : 1);
  }
}

/** Per band: the index of per-transfer limit value `limit` in bandLimits. */
function bandIndex(limit: f64): i32 {
  for (let x = 0; x < NV; x++) if (f(bandLimits, x) == limit) return x;
  return 0;
}

/** Appends a payout request to the queue (amount > 0). */
@inline function enqueue(due: i32, kind: i32, amount: f64, count: f64): void {
  const t = qTail++;
  setN(qDue, t, due);
  setN(qKind, t, kind);
  setN(qCause, t, CAUSE_NONE);
  setF(qAmount, t, amount);
  setF(qCount, t, count);
}

/** Pairs: the pair at index i of a table of pairs. */
@inline function v(base: usize, i: i32): v128 {
  return v128.load(base + ((<usize>i) << 4));
}
@inline function setV(base: usize, i: i32, x: v128): void {
  v128.store(base + ((<usize>i) << 4), x);
}
@inline function addV(base: usize, i: i32, x: v128): void {
  const p = base + ((<usize>i) << 4);
  v128.store(p, f64x2.add(v128.load(p), x));
}
/** One lane of a pair. */
@inline function laneOf(base: usize, i: i32, which: i32): f64 {
  return load<f64>(base + ((<usize>i) << 4) + ((<usize>which) << 3));
}
/** The pair (x0, x1). */
@inline function pair(x0: f64, x1: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(x0), 1, x1);
}
const HALF: v128 = f64x2.splat(0.5);
const ONE: v128 = f64x2.splat(1);
const ZERO: v128 = f64x2.splat(0);
/** roundHalfUp lane by lane: the same bits as the scalar one in each lane. */
@inline function roundHalfUp2(x: v128): v128 {
  return v128.andnot(f64x2.floor(f64x2.add(x, HALF)), f64x2.lt(x, HALF));
}
/** x where `mask` is set, +0 elsewhere: adding it changes a sum only where the mask is set. */
@inline function only(x: v128, mask: v128): v128 {
  return v128.and(x, mask);
}

/**
 * The liabilities pass (step 2 for every day of the horizon) for two paths at once, lane 0 and
 * lane 1, with each lane's draws already written: `runPath(0)` and `runPath(1)` then run the rest.
 *
 * Each lane does exactly the scalar model's operations in the same order: where the model tests a
 * value ("if any surrenders, then ..."), both outcomes are worked out and the untaken one adds +0,
 * which changes no sum (the sums are never -0). The lanes only share tests on the model's own
 * tables (maturity days, products' rates), so each lane's results are the same bits as that path
 * run alone.
 */
export function liabilities(level0: f64, nShocks0: i32, level1: f64, nShocks1: i32): void {
  for (let g = 0; g < G; g++) {
    setV(inForce, g, f64x2.splat(f(initialValue, g)));
    setV(inForceCount, g, f64x2.splat(f(initialPolicies, g)));
    setV(survival, g, ONE);
    setV(unclaimed, g, ZERO);
    setV(unclaimedCount, g, ZERO);
  }
  zero(claimAmount, 2 * G * claimWidth);
  zero(claimCount, 2 * G * claimWidth);
  zero(retryAmount, 2 * retrySize);
  zero(retryCount, 2 * retrySize);
  zero(retryTransfers, 2 * retrySize * NV);
  zero(knownLater, 2 * knownSize);
  if (NS > 0) {
    zero(deferAmount, 2 * H);
    zero(deferCount, 2 * H);
    if (NV > 0) zero(deferTransfers, 2 * H * NV);
    zero(deferDays, 4 * H);
    zero(deferByAction, 2 * H * NS);
  }
  knownInLookahead = ZERO;
  accrued = ZERO;
  rolledOver = ZERO;
  charges = ZERO;
  const level = pair(level0, level1);
  let contagionState = ZERO;
  let runRate = ZERO;
  const decay = f64x2.splat(contagionDecay);
  const keep = f64x2.splat(1 - contagionDecay);
  const strength = f64x2.splat(contagionStrength);
  const mitigation = f64x2.splat(mitigationScale);
  for (let d = 0; d < H; d++) {
    let excess0: f64 = 0;
    for (let k = 0; k < nShocks0; k++) excess0 += f(shockExcessByDay, n(activeShocks0, k) * H + d);
    let excess1: f64 = 0;
    for (let k = 0; k < nShocks1; k++) excess1 += f(shockExcessByDay, n(activeShocks1, k) * H + d);
    let shockExcess = pair(excess0, excess1);
    if (<f64>d >= mitigationFrom) shockExcess = f64x2.mul(shockExcess, mitigation);
    if (NO > 0) shockExcess = f64x2.mul(shockExcess, f64x2.splat(f(outreachScale, d)));
    let relative = f64x2.mul(f64x2.add(ONE, shockExcess), f64x2.add(ONE, f64x2.mul(strength, contagionState)));
    if (hasNoise) relative = f64x2.mul(relative, v(noise, d));
    const hazardMultiplier = f64x2.mul(level, relative);
    if (contagionStrength > 0) {
      // The state is a moving average of 1 - 1/m over recent days (m = today's surrender intensity
      // relative to normal), so it stays in [0, 1): contagion amplifies a wave by at most
      // 1 + strength and can never run away.
      const pressure = only(f64x2.sub(ONE, f64x2.div(ONE, relative)), f64x2.gt(relative, ONE));
      contagionState = f64x2.add(f64x2.mul(contagionState, decay), f64x2.mul(pressure, keep));
    }
    // The lookahead window moves to (d, d + L]: today's known payouts leave it, day d + L enters.
    knownInLookahead = f64x2.add(knownInLookahead, f64x2.sub(v(knownLater, d + lookahead), v(knownLater, d)));
    const day = liabilityDays + (<usize>d) * DAY_BYTES;
    const requestS = requestPayouts(d, n(nextBusinessDay, d), hazardMultiplier, d == lapseDay ? lapseOnDay : 0, day);
    // the run-rate of surrenders: today's on the first day, then a 7-day moving average
    runRate = d == 0 ? requestS : f64x2.add(runRate, f64x2.div(f64x2.sub(requestS, runRate), f64x2.splat(7)));
    v128.store(day, knownInLookahead, Day.KnownInLookahead << 4);
    v128.store(day, runRate, Day.SurrenderRunRate << 4);
  }
  v128.store(laneTotals, accrued, Lane.Accrued << 4);
  v128.store(laneTotals, rolledOver, Lane.RolledOver << 4);
  v128.store(laneTotals, charges, Lane.Charges << 4);
}

/**
 * Runs the rest of the path in `runLane` after `liabilities`. `acc` (days x fields block sums) gets
 * the path's daily metrics added when non-zero; `withHeadroom` writes each day's headroom to
 * headroomOut; a `cellColumn` >= 0 writes its sketch cell to that column of headroomCells;
 * `withLedger` records the day-by-day ledger and the conservation totals; `withHorizons` writes the
 * path's horizon records (horizonOut: sums to each of horizonEnds, what the per-path statistics
 * read). The day loop stops after `days` days (H for all; fewer only without a ledger, for the
 * funding-only peak over its horizon). `fundingOnly` runs the path's funding-only run instead: the
 * same liabilities, with the channel and processing limits of the funding-only model (lifted), no
 * limit changes and the average transfer rule. Steps 1 and 3-5 change nothing the liabilities pass
 * wrote, so a lane can be run both ways, in either order.
 * Writes peak overdue, first shortfall day and minimum headroom (over those days) to out[0..2];
 * the first day a channel or processing limit stopped a payment (-1: none) to out[16], and the peak
 * overdue over the first fundingOnlyDays days to out[17]. Until a limit stops a payment the path's
 * run and its funding-only run take the same steps, so where none did within fundingOnlyDays days
 * the funding-only peak is out[17] (../kernel.ts `peakOverdueWithin`; tested on generated models).
 */
export function runPath(runLane: i32, acc: usize, withHeadroom: bool, cellColumn: i32, withLedger: bool, withHorizons: bool, days: i32, fundingOnly: bool): void {
  lane = runLane;
  lineFailed = lane == 0 ? lineFailed0 : lineFailed1;
  assetKeep = lane == 0 ? assetKeep0 : assetKeep1;
  rollShare = lane == 0 ? rollShare0 : rollShare1;
  triggerAgrees = lane == 0 ? triggerAgrees0 : triggerAgrees1;
  loanGranted = lane == 0 ? loanGranted0 : loanGranted1;
  resetActions();
  // ---- reset state (knownToday and surrenderRunRate are read from the liabilities pass each day) ----
  zero(creditArrivals, C * max(1, L));
  zero(assetArrivals, C);
  zero(assetArrivalsByAsset, C * max(1, A));
  for (let l = 0; l < L; l++) setF(lineRemaining, l, f(lineLimit, l));
  for (let a = 0; a < A; a++) setF(assetRemaining, a, f(assetAmount, a));
  const daily = fundingOnly ? fundingOnlyDaily : channelDaily;
  const perTransfer = fundingOnly ? fundingOnlyPerTransfer : channelPerTransfer;
  const transfers = fundingOnly ? fundingOnlyTransfers : channelTransfers;
  for (let c = 0; c < NC; c++) {
    setF(chanDaily, c, f(daily, c));
    setF(chanPerTransfer, c, f(perTransfer, c));
    setF(chanTransfers, c, f(transfers, c));
  }
  // the limit changes of the run: none in the funding-only run
  const nd = fundingOnly ? 0 : ND;
  const nt = fundingOnly ? 0 : NT;
  bands = fundingOnly ? 0 : NV;
  for (let t = 0; t < nt; t++) {
    setN(triggerFired, t, 0);
    setN(triggerActivation, t, -1);
  }
  processingCapacity = fundingOnly ? fundingOnlyProcessing : baseProcessingCapacity;
  let datedIdx = 0;
  while (datedIdx < nd && n(datedDay, datedIdx) < 0) applyLimits(datedLimits, datedIdx++);
  qHead = 0;
  qTail = 0;
  cash = openingCash;
  inTransit = 0;
  backlog = 0;
  limitStopDay = -1;

  let reachable: f64 = 0;
  reachableStale = true;
  let paidCustomer: f64 = 0;
  let otherRequested: f64 = 0;
  let otherPaid: f64 = 0;
  let peakOverdue: f64 = 0;
  let peakWithin: f64 = -1;
  let firstShortfallDay: i32 = -1;
  let minHeadroom: f64 = Infinity;
  const hasAcc = acc != 0;
  withCapacities = hasAcc;
  // Headroom is an output, and what cancellations trigger on; a run for its peak alone (the
  // funding-only peak) skips it unless the model has cancellations (out[2] is then 0).
  const withHeadroomFigures = hasAcc || withHeadroom || cellColumn >= 0 || withLedger || withHorizons || NX > 0;
  const laneOffset = (<usize>lane) << 3;
  const record = HORIZON_FIXED + A + L;
  let endIndex: i32 = 0;
  let nextEnd: i32 = -1;
  let lastEnd: i32 = 0;
  // the running sums of a horizon record, in locals (by asset and line: horizonRun, at the ends)
  let sumInflows: f64 = 0;
  let sumAssetSales: f64 = 0;
  let sumCreditDraws: f64 = 0;
  let sumPaidM: f64 = 0;
  let sumPaidS: f64 = 0;
  let sumPaidO: f64 = 0;
  let sumRequestM: f64 = 0;
  let sumRequestS: f64 = 0;
  let sumRequestO: f64 = 0;
  if (withHorizons) {
    zero(horizonRun, record);
    if (NE > 0) nextEnd = n(horizonEnds, 0);
  }
  const lastDay = withLedger ? H : min(H, days);

  // ---- pass 2: cash, funding and payments, day by day ----
  for (let d = 0; d < lastDay; d++) {
    const base = d * FPD;
    const isBusiness = n(businessDay, d) == 1;
    const dueToday = n(nextBusinessDay, d);

    // ---- 1. arrivals and limit changes ----
    const opening = cash;
    const inflow = f(inflows, d);
    let creditInToday: f64 = 0;
    for (let l = 0; l < L; l++) {
      const x = f(creditArrivals, d * L + l);
      if (x > 0) {
        creditInToday += x;
        if (hasAcc) addF(acc, base + F_CREDIT_DRAWN_BY_LINE + l, x);
      }
    }
    const assetsIn = f(assetArrivals, d);
    cash += inflow + creditInToday + assetsIn;
    inTransit -= creditInToday + assetsIn;
    creditIn = creditInToday;
    while (datedIdx < nd && n(datedDay, datedIdx) <= d) applyLimits(datedLimits, datedIdx++);
    for (let t = 0; t < nt; t++) {
      if (n(triggerActivation, t) == d) applyLimits(triggeredLimits, t);
    }
    if (NLN > 0) loanArrivals(d);

    // ---- 2. liabilities: the day's requests, from the liabilities pass ----
    const day = liabilityDays + (<usize>d) * DAY_BYTES + laneOffset;
    const poolM = load<f64>(day, Day.PoolMaturity << 4);
    if (poolM > 0) {
      const countM = load<f64>(day, Day.PoolMaturityCount << 4);
      if (bands > 0) bandRequest(qTail, d, MATURITY, countM);
      enqueue(dueToday, MATURITY, poolM, countM);
    }
    const poolS = load<f64>(day, Day.PoolSurrender << 4);
    if (poolS > 0) {
      const countS = load<f64>(day, Day.PoolSurrenderCount << 4);
      if (bands > 0) bandRequest(qTail, d, SURRENDER, countS);
      enqueue(dueToday, SURRENDER, poolS, countS);
    }
    const requestMaturity = load<f64>(day, Day.RequestMaturity << 4);
    const requestSurrender = load<f64>(day, Day.RequestSurrender << 4);
    knownToday = load<f64>(day, Day.KnownInLookahead << 4);
    surrenderRunRate = load<f64>(day, Day.SurrenderRunRate << 4);
    const other = NX > 0 ? otherOutflowsOn(d) : f(otherOutflows, d);
    if (other > 0) enqueue(dueToday, OTHER, other, 1);
    otherRequested += other;
    backlog += requestMaturity + requestSurrender + other;
    if (NACT > 0) {
      const deferredIn = load<f64>(deferDays + ((<usize>(d * 2)) << 4) + laneOffset);
      const released = load<f64>(deferDays + ((<usize>(d * 2 + 1)) << 4) + laneOffset);
      backlog += released - deferredIn;
      deferredBalance += deferredIn - released;
    }

    // ---- 3. funding actions and 4. payments (business days) ----
    let capF: f64 = 0;
    let capC: f64 = 0;
    let capP: f64 = 0;
    let paidM: f64 = 0;
    let paidS: f64 = 0;
    let paidO: f64 = 0;
    if (isBusiness) {
      raiseFunding(d, acc, base);
      payQueue(d);
      capF = capFunding;
      capC = capChannel;
      capP = capProcessing;
      paidM = paidMaturity;
      paidS = paidSurrender;
      paidO = paidOther;
      paidCustomer += paidM + paidS;
      otherPaid += paidO;
    }
    const creditToday = creditIn;
    const closing = cash;
    const backlogToday = backlog;

    // ---- 5. metrics ----
    const overdue = overdueOn(d);
    if (overdue > 0) {
      if (firstShortfallDay < 0) firstShortfallDay = d;
      if (overdue > peakOverdue) peakOverdue = overdue;
    }
    if (d + 1 == fundingOnlyDays) peakWithin = peakOverdue;
    for (let t = 0; t < nt; t++) {
      if (n(triggerFired, t) == 0 && backlogToday > f(triggeredBacklogAbove, t)) {
        setN(triggerFired, t, 1);
        if (n(triggerAgrees, t) != 0) setN(triggerActivation, t, d + max(1, n(triggeredAfterDays, t)));
      }
    }
    // Funding still reachable changes only when money is raised or a line's last useful draw day
    // passes: after it, nothing more of the line can arrive in its window, so it is not headroom.
    let headroom: f64 = 0;
    if (withHeadroomFigures) {
      if (reachableStale || n(lineWindowClosed, d) == 1) {
        let sum: f64 = 0;
        for (let l = 0; l < L; l++) {
          if (n(lineFailed, l) == 0 && f(lineLastDraw, l) > <f64>d) sum += f(lineRemaining, l);
        }
        for (let a = 0; a < A; a++) sum += f(assetRemaining, a) * f(assetKeep, a);
        reachable = sum;
        reachableStale = false;
      }
      headroom = roundSigned(closing - minimumCash + inTransit + reachable - backlogToday);
      if (headroom < minHeadroom) minHeadroom = headroom;
    }
    if (NACT > 0) {
      actionTriggers(d, backlogToday, headroom);
      if (hasAcc) actionMetrics(d, acc, base);
    }

    if (hasAcc) {
      // Adding 0 changes no sum (they start at +0), so the fields that are mostly 0 are skipped.
      if (overdue > 0) {
        addF(acc, base + F_SHORTFALL_PATHS, 1);
        addF(acc, base + F_OVERDUE, overdue);
        addF(acc, base + F_OVERDUE_SQ, overdue * overdue);
        addF(acc, base + F_CAUSE_FUNDING, overdueFunding);
        addF(acc, base + F_CAUSE_CHANNEL, overdueChannel);
        addF(acc, base + F_CAUSE_PROCESSING, overdueProcessing);
      }
      addF(acc, base + F_BACKLOG, backlogToday);
      addF(acc, base + F_REQUEST_MATURITY, requestMaturity);
      addF(acc, base + F_REQUEST_SURRENDER, requestSurrender);
      if (other > 0) addF(acc, base + F_REQUEST_OTHER, other);
      if (isBusiness) {
        addF(acc, base + F_PAID_MATURITY, paidM);
        addF(acc, base + F_PAID_SURRENDER, paidS);
        if (paidO > 0) addF(acc, base + F_PAID_OTHER, paidO);
        addF(acc, base + F_CAPACITY_FUNDING, capF);
        addF(acc, base + F_CAPACITY_CHANNEL, capC);
        addF(acc, base + F_CAPACITY_PROCESSING, capP);
      }
      if (f(assetArrivals, d) > 0) {
        addF(acc, base + F_ASSETS_SOLD, f(assetArrivals, d));
        // by asset, in the fields after the credit lines' (assetFieldStart in ../abi.ts)
        for (let a = 0; a < A; a++) {
          const x = f(assetArrivalsByAsset, d * A + a);
          if (x > 0) addF(acc, base + F_CREDIT_DRAWN_BY_LINE + L + a, x);
        }
      }
      addF(acc, base + F_CLOSING_CASH, closing);
      if (creditToday > 0) addF(acc, base + F_CREDIT_DRAWN, creditToday);
    }
    if (withHeadroom) setF(headroomOut, d, headroom);
    if (cellColumn >= 0) setN(headroomCells, d * cellColumns + cellColumn, sketchCell(headroom));
    if (withHorizons) {
      // The same values the ledger rows hold, added in day order from +0 as a sum over the rows would.
      sumInflows += inflow;
      sumAssetSales += f(assetArrivals, d);
      sumCreditDraws += creditToday;
      sumPaidM += paidM;
      sumPaidS += paidS;
      sumPaidO += paidO;
      sumRequestM += requestMaturity;
      sumRequestS += requestSurrender;
      sumRequestO += other;
      if (d + 1 == nextEnd) {
        const run = horizonRun;
        // By asset and by line: the arrivals of days up to today are final (money raised today
        // arrives today or later), so they are summed here, still in day order.
        for (let t = lastEnd; t <= d; t++) {
          for (let a = 0; a < A; a++) addF(run, HORIZON_FIXED + a, f(assetArrivalsByAsset, t * A + a));
          for (let l = 0; l < L; l++) addF(run, HORIZON_FIXED + A + l, f(creditArrivals, t * L + l));
        }
        lastEnd = d + 1;
        setF(run, HORIZON_INFLOWS, sumInflows);
        setF(run, HORIZON_ASSET_SALES, sumAssetSales);
        setF(run, HORIZON_CREDIT_DRAWS, sumCreditDraws);
        setF(run, HORIZON_PAID_MATURITY, sumPaidM);
        setF(run, HORIZON_PAID_SURRENDER, sumPaidS);
        setF(run, HORIZON_PAID_OTHER, sumPaidO);
        setF(run, HORIZON_REQUEST_MATURITY, sumRequestM);
        setF(run, HORIZON_REQUEST_SURRENDER, sumRequestS);
        setF(run, HORIZON_REQUEST_OTHER, sumRequestO);
        setF(run, HORIZON_CLOSING_CASH, closing);
        setF(run, HORIZON_OVERDUE, overdue);
        setF(run, HORIZON_BACKLOG, backlogToday);
        setF(run, HORIZON_REACHABLE, reachable);
        memory.copy(horizonOut + ((<usize>(endIndex * record)) << 3), run, (<usize>record) << 3);
        endIndex++;
        nextEnd = endIndex < NE ? n(horizonEnds, endIndex) : -1;
      }
    }
    if (withLedger) {
      setF(ledger, LEDGER_OPENING_CASH * H + d, opening);
      setF(ledger, LEDGER_INFLOWS * H + d, inflow);
      setF(ledger, LEDGER_ASSET_SALES * H + d, f(assetArrivals, d));
      setF(ledger, LEDGER_CREDIT_DRAWS * H + d, creditToday);
      setF(ledger, LEDGER_PAID_MATURITY * H + d, paidM);
      setF(ledger, LEDGER_PAID_SURRENDER * H + d, paidS);
      setF(ledger, LEDGER_PAID_OTHER * H + d, paidO);
      setF(ledger, LEDGER_CLOSING_CASH * H + d, closing);
      setF(ledger, LEDGER_BACKLOG * H + d, backlogToday);
      setF(ledger, LEDGER_OVERDUE * H + d, overdue);
      setF(ledger, LEDGER_REQUEST_MATURITY * H + d, requestMaturity);
      setF(ledger, LEDGER_REQUEST_SURRENDER * H + d, requestSurrender);
      setF(ledger, LEDGER_REQUEST_OTHER * H + d, other);
      setF(ledger, LEDGER_REACHABLE * H + d, reachable);
      for (let a = 0; a < A; a++) setF(ledgerByAsset, a * H + d, f(assetArrivalsByAsset, d * A + a));
      for (let l = 0; l < L; l++) setF(ledgerByLine, l * H + d, f(creditArrivals, d * L + l));
      // the cause of the largest overdue part (ties: funding, channel, processing), or -1
      let best: f64 = 0;
      let cause: i32 = -1;
      if (overdueFunding > best) {
        best = overdueFunding;
        cause = CAUSE_FUNDING;
      }
      if (overdueChannel > best) {
        best = overdueChannel;
        cause = CAUSE_CHANNEL;
      }
      if (overdueProcessing > best) cause = CAUSE_PROCESSING;
      setF(ledger, LEDGER_CAUSE * H + d, <f64>cause);
      setF(ledger, LEDGER_DEFERRED * H + d, deferredBalance);
      setF(ledger, LEDGER_ACTION_INFLOWS * H + d, actionInToday);
    }
  }

  setF(out, 0, peakOverdue);
  setF(out, 1, <f64>firstShortfallDay);
  setF(out, 2, minHeadroom == Infinity ? 0 : minHeadroom);
  setF(out, 16, <f64>limitStopDay);
  setF(out, 17, peakWithin);
  if (withLedger) {
    let inForceTotal: f64 = 0;
    let unclaimedTotal: f64 = 0;
    for (let g = 0; g < G; g++) {
      inForceTotal += laneOf(inForce, g, lane);
      unclaimedTotal += laneOf(unclaimed, g, lane);
    }
    let awaiting: f64 = 0;
    for (let g = 0; g < G; g++) {
      for (let d = H; d < claimWidth; d++) awaiting += laneOf(claimAmount, d * G + g, lane);
    }
    // Bad-account payouts re-submitted after the horizon are still in the backlog total.
    let otherBacklog: f64 = 0;
    for (let i = qHead; i < qTail; i++) if (n(qKind, i) == OTHER) otherBacklog += f(qAmount, i);
    let totalInitial: f64 = 0;
    for (let g = 0; g < G; g++) totalInitial += f(initialValue, g);
    setF(out, OUT_INITIAL_VALUE, totalInitial);
    setF(out, OUT_ACCRUED, laneOf(laneTotals, Lane.Accrued, lane));
    setF(out, OUT_PAID, paidCustomer);
    setF(out, OUT_BACKLOG, backlog - otherBacklog);
    setF(out, OUT_UNCLAIMED, unclaimedTotal);
    setF(out, OUT_AWAITING_CLAIM, awaiting);
    setF(out, OUT_ROLLED_OVER, laneOf(laneTotals, Lane.RolledOver, lane));
    setF(out, OUT_SURRENDER_CHARGES, laneOf(laneTotals, Lane.Charges, lane));
    setF(out, OUT_IN_FORCE, inForceTotal);
    setF(out, OUT_OTHER_REQUESTED, otherRequested);
    setF(out, OUT_OTHER_PAID, otherPaid);
    setF(out, OUT_OTHER_BACKLOG, otherBacklog);
  }
}

// ---------------------------------------------------------------------------------------------
// management actions (../../model/actions.ts; the reference's "management actions" section states
// each rule): none of this runs without actions (their counts are 0)

// the liabilities pass's, pairs: deferred requests falling due on day t (amount, count), the day's
// [deferred, released] ([d * 2 + 0 | 1]) and deferred per suspension ([d * NS + k])
let deferAmount: usize = 0;
let deferTransfers: usize = 0; // pairs[H * NV]: per band, the transfers of the surrenders deferred to day d, [d * NV + v]
let deferCount: usize = 0;
let deferDays: usize = 0;
let deferByAction: usize = 0;
// the path's
let loanAt: usize = 0; // i32[NLN]: request day
let loanArrivalsByDay: usize = 0; // f64[NLN * C]
let loanInToday: usize = 0; // f64[NLN]
let cancelAt: usize = 0; // i32[NX]: first day in effect
let cancelledToday: usize = 0; // f64[NX]
let deferredBalance: f64 = 0;
let actionInToday: f64 = 0;
const NEVER_DAY: i32 = 1 << 30;

function configureActions(): void {
  deferAmount = alloc(H << 4);
  deferCount = alloc(H << 4);
  deferTransfers = alloc((H * max(1, NV)) << 4);
  deferDays = alloc(H << 5);
  deferByAction = alloc((H * max(1, NS)) << 4);
  loanAt = alloc(max(1, NLN) << 2);
  loanArrivalsByDay = alloc((max(1, NLN) * C) << 3);
  loanInToday = alloc(max(1, NLN) << 3);
  cancelAt = alloc(max(1, NX) << 2);
  cancelledToday = alloc(max(1, NX) << 3);
}

/** The path's action state at its start. */
function resetActions(): void {
  deferredBalance = 0;
  actionInToday = 0;
  for (let i = 0; i < NLN; i++) setN(loanAt, i, n(loanDay, i));
  if (NLN > 0) zero(loanArrivalsByDay, NLN * C);
  for (let x = 0; x < NX; x++) setN(cancelAt, x, n(cancelFrom, x));
}

/** Step 2 (liabilities pass), a suspended group's surrender request of day d: deferred to `until`. */
function deferSurrenders(d: i32, g: i32, k: i32, until: i32, amount: v128, count: v128): void {
  addV(deferDays, d * 2, amount);
  addV(deferByAction, d * NS + k, amount);
  if (until < H) {
    addV(deferAmount, until, amount);
    addV(deferCount, until, count);
    // per band: their transfers, so they count when released (as the group's surrenders would)
    const some = f64x2.gt(amount, ZERO);
    for (let x = 0; x < NV; x++) addV(deferTransfers, until * NV + x, only(f64x2.mul(count, f64x2.splat(f(transfersSurrender, g * NV + x))), some));
  }
  if (until < H + lookahead) {
    addV(knownLater, until, amount);
    if (until - d <= lookahead) knownInLookahead = f64x2.add(knownInLookahead, amount);
  }
}

/** Step 1, loans: money arriving today, then loans requested today (agreed on the path). */
function loanArrivals(d: i32): void {
  let total: f64 = 0;
  for (let i = 0; i < NLN; i++) {
    const x = f(loanArrivalsByDay, i * C + d);
    setF(loanInToday, i, 0);
    if (x > 0) {
      cash += x;
      inTransit -= x;
      total += x;
      setF(loanInToday, i, x);
    }
  }
  for (let i = 0; i < NLN; i++) {
    if (n(loanAt, i) != d || n(loanGranted, i) == 0) continue;
    const arrival = afterBusinessDays(d, n(loanNotice, i));
    if (arrival >= C) continue;
    const amount = f(loanAmount, i);
    if (arrival == d) {
      cash += amount;
      total += amount;
      addF(loanInToday, i, amount);
    } else {
      addF(loanArrivalsByDay, i * C + arrival, amount);
      inTransit += amount;
    }
  }
  actionInToday = total;
}

/** Step 2, other outflows of day d less the cancelled ones in effect. */
function otherOutflowsOn(d: i32): f64 {
  let other = f(otherOutflows, d);
  for (let x = 0; x < NX; x++) {
    setF(cancelledToday, x, 0);
    if (d < n(cancelAt, x)) continue;
    const c = f(cancelAmounts, x * H + d);
    other -= c;
    setF(cancelledToday, x, c);
  }
  return other;
}

/** Step 3, the cancelled outflows in days [from, to) the funding need leaves out. */
function cancelledIn(from: i32, to: i32): f64 {
  let total: f64 = 0;
  for (let x = 0; x < NX; x++) {
    const first = max(from, n(cancelAt, x));
    if (first < to) total += f(cumCancel, x * (H + 1) + to) - f(cumCancel, x * (H + 1) + first);
  }
  return total;
}

/** Step 5, triggers at the day's end: loans on the backlog, cancellations on the headroom. */
function actionTriggers(d: i32, backlogToday: f64, headroom: f64): void {
  for (let i = 0; i < NLN; i++) {
    if (n(loanAt, i) == NEVER_DAY && backlogToday > f(loanBacklogAbove, i)) setN(loanAt, i, d + 1);
  }
  for (let x = 0; x < NX; x++) {
    if (n(cancelAt, x) == NEVER_DAY && headroom < f(cancelHeadroomBelow, x)) setN(cancelAt, x, d + 1);
  }
}

/** Step 5, the actions' per-day fields (the reference's `actionMetrics`). */
function actionMetrics(d: i32, acc: usize, base: i32): void {
  const at = base + actionBase;
  if (deferredBalance != 0) addF(acc, at, deferredBalance);
  if (actionInToday != 0) addF(acc, at + 1, actionInToday);
  for (let k = 0; k < NS; k++) {
    const field = at + 2 + 2 * n(suspensionField, k);
    if (n(suspensionFrom, k) == d) addF(acc, field, 1);
    const x = load<f64>(deferByAction + ((<usize>(d * NS + k)) << 4) + ((<usize>lane) << 3));
    if (x != 0) addF(acc, field + 1, x);
  }
  for (let o = 0; o < NO; o++) {
    if (n(outreachFrom, o) == d) addF(acc, at + 2 + 2 * n(outreachField, o), 1);
  }
  for (let i = 0; i < NLN; i++) {
    const field = at + 2 + 2 * n(loanField, i);
    if (n(loanAt, i) == d && n(loanGranted, i) != 0) addF(acc, field, 1);
    const x = f(loanInToday, i);
    if (x != 0) addF(acc, field + 1, x);
  }
  for (let x = 0; x < NX; x++) {
    const field = at + 2 + 2 * n(cancelField, x);
    if (n(cancelAt, x) == d) addF(acc, field, 1);
    const c = f(cancelledToday, x);
    if (c != 0) addF(acc, field + 1, c);
  }
}

/**
 * Step 2, liabilities, on day d for both lanes: re-submitted bad-account payouts, then per group
 * accrual, surrenders (the stressed hazard, then mass lapse), maturities less rollover over the claim
 * lags, late claims of unclaimed money; customer requests are pooled into the day's requests (written
 * to `day`), their bad-account share is scheduled for re-submission. Returns the day's surrenders.
 */
function requestPayouts(d: i32, dueToday: i32, hazardMultiplier: v128, lapseShare: f64, day: usize): v128 {
  const p_inForce = inForce;
  const p_inForceCount = inForceCount;
  const p_survival = survival;
  const p_inForceByDay = inForceByDay;
  const p_growth = growth;
  const p_baseDailyHazard = baseDailyHazard;
  const p_surrenderCharge = surrenderCharge;
  const p_maturingValueShare = maturingValueShare;
  const p_claimAmount = claimAmount;
  const p_claimCount = claimCount;
  const p_lateClaimDailyRate = lateClaimDailyRate;
  const p_unclaimed = unclaimed;
  const p_unclaimedCount = unclaimedCount;
  const p_accountFailureRate = accountFailureRate;
  const p_accountRetryDays = accountRetryDays;
  const p_retryCount = retryCount;
  const p_retryAmount = retryAmount;
  // Today's customer requests are pooled into one maturity and one surrender request (re-submitted
  // bad-account payouts, requested earlier, counted first).
  let poolMaturity = v(p_retryAmount, d * 2 + MATURITY);
  let poolMaturityCount = v(p_retryCount, d * 2 + MATURITY);
  let poolSurrender = v(p_retryAmount, d * 2 + SURRENDER);
  let poolSurrenderCount = v(p_retryCount, d * 2 + SURRENDER);
  if (NS > 0) {
    // deferred surrenders falling due today join the pool after the re-submissions
    const released = v(deferAmount, d);
    poolSurrender = f64x2.add(poolSurrender, released);
    poolSurrenderCount = f64x2.add(poolSurrenderCount, only(v(deferCount, d), f64x2.gt(released, ZERO)));
    setV(deferDays, d * 2 + 1, released);
  }
  let requestM = ZERO;
  let requestS = ZERO;
  // per band: the pools' transfers start from the re-submitted payouts' (bandPool)
  const poolT = dayTransfers + ((<usize>(d * 2 * NV)) << 4);
  for (let x = 0; x < 2 * NV; x++) setV(poolT, x, v(retryTransfers, d * 2 * NV + x));
  if (NS > 0) {
    // per band: the released deferred surrenders' transfers, after the re-submissions' (releaseDeferred)
    const releasing = f64x2.gt(v(deferAmount, d), ZERO);
    for (let x = 0; x < NV; x++) addV(poolT, SURRENDER * NV + x, only(v(deferTransfers, d * NV + x), releasing));
  }
  // Bad-account payouts held back today for re-submission on heldDay (see holdRetries).
  let heldDay: i32 = -1;
  let heldAmountM = ZERO;
  let heldCountM = ZERO;
  let heldAmountS = ZERO;
  let heldCountS = ZERO;
  let accruedToday = accrued;
  let chargesToday = charges;
  const lapse = f64x2.splat(lapseShare);
  for (let g = 0; g < G; g++) {
    const gd = d * G + g;
    let value = v(p_inForce, g);
    let count = v(p_inForceCount, g);
    // accrual
    const grown = roundHalfUp2(f64x2.mul(value, f64x2.splat(f(p_growth, gd))));
    accruedToday = f64x2.add(accruedToday, f64x2.sub(grown, value));
    value = grown;
    // surrenders (stressed hazard, then mass lapse); with a hazard of 0 every term below is +0
    let h: v128;
    if (annualRates) {
      // The multiplier scales the annual rate, capped at 100% day by day, then turned into the
      // day's hazard; lane by lane, so each lane is the same bits as its path alone.
      const r = f(baseAnnualRate, g);
      h = pair(
        dailyFromAnnual(r * f64x2.extract_lane(hazardMultiplier, 0)),
        dailyFromAnnual(r * f64x2.extract_lane(hazardMultiplier, 1)),
      );
    } else {
      h = f64x2.mul(f64x2.splat(f(p_baseDailyHazard, g)), hazardMultiplier);
      h = v128.bitselect(ONE, h, f64x2.gt(h, ONE));
    }
    if (lapseShare > 0) h = f64x2.add(h, f64x2.mul(f64x2.sub(ONE, h), lapse));
    const gross = roundHalfUp2(f64x2.mul(value, h));
    const charge = roundHalfUp2(f64x2.mul(gross, f64x2.splat(f(p_surrenderCharge, g))));
    chargesToday = f64x2.add(chargesToday, charge);
    const filed = f64x2.sub(gross, charge);
    const filedCount = f64x2.mul(count, h);
    value = f64x2.sub(value, gross);
    count = f64x2.sub(count, filedCount);
    setV(p_inForce, g, value);
    setV(p_inForceCount, g, count);
    // exactly 1 while nothing has been surrendered (h = 0 leaves it bit for bit)
    setV(p_survival, g, f64x2.mul(v(p_survival, g), f64x2.sub(ONE, h)));
    // late claims of money left unclaimed before today (in the lanes with some): claimed from the
    // day after its maturity, so they come before today's maturities add to it
    let late = ZERO;
    let lateCount = ZERO;
    const lateRate = outreachLate != 0 ? f(lateRateByDay, gd) : f(p_lateClaimDailyRate, g);
    if (lateRate > 0) {
      const left = v(p_unclaimed, g);
      const some = f64x2.gt(left, ZERO);
      if (v128.any_true(some)) {
        const rate = f64x2.splat(lateRate);
        late = only(roundHalfUp2(f64x2.mul(left, rate)), some);
        lateCount = only(f64x2.mul(v(p_unclaimedCount, g), rate), some);
        setV(p_unclaimed, g, f64x2.sub(left, late));
        setV(p_unclaimedCount, g, f64x2.sub(v(p_unclaimedCount, g), lateCount));
      }
    }
    // maturities (on few days); the rounded book's drift from the exact amounts is accrual
    if (f(p_maturingValueShare, gd) > 0) {
      accruedToday = f64x2.add(accruedToday, mature(g, d));
      value = v(p_inForce, g);
    }
    // the book at the day's end, for the funding need's expected maturities
    setV(p_inForceByDay, gd, value);
    const maturity = f64x2.add(v(p_claimAmount, gd), late);
    const maturityCount = f64x2.add(v(p_claimCount, gd), lateCount);
    requestM = f64x2.add(requestM, maturity);
    requestS = f64x2.add(requestS, filed);
    let surrender = filed;
    let surrenderCount = filedCount;
    if (NS > 0) {
      const k = n(deferAction, gd);
      if (k >= 0) {
        deferSurrenders(d, g, k, n(deferUntil, gd), filed, filedCount);
        surrender = ZERO;
        surrenderCount = ZERO;
      }
    }
    // Customer requests: the bad-account share is held back and re-submitted the product's
    // accountRetryDays later (due on that day).
    const failRate = f(p_accountFailureRate, g);
    if (failRate > 0) {
      const retryDay = dueToday + n(p_accountRetryDays, g);
      if (retryDay != heldDay) {
        // Products usually share the retry delay: the day's re-submissions are summed in
        // registers and written once (the counts keep their order of additions, so their bits).
        if (heldDay >= 0) holdRetries(heldDay, heldAmountM, heldCountM, heldAmountS, heldCountS);
        heldDay = retryDay;
        heldAmountM = ZERO;
        heldAmountS = ZERO;
        heldCountM = v(p_retryCount, retryDay * 2);
        heldCountS = v(p_retryCount, retryDay * 2 + 1);
      }
      const rate = f64x2.splat(failRate);
      // bad > 0 only where the request is > 0, and the rest is > 0 only there too
      const badM = roundHalfUp2(f64x2.mul(maturity, rate));
      const restM = f64x2.sub(maturity, badM);
      const goodM = f64x2.gt(restM, ZERO);
      const heldM = f64x2.gt(badM, ZERO);
      const badCountM = f64x2.mul(maturityCount, rate);
      poolMaturity = f64x2.add(poolMaturity, only(restM, goodM));
      poolMaturityCount = f64x2.add(poolMaturityCount, only(f64x2.sub(maturityCount, badCountM), goodM));
      heldAmountM = f64x2.add(heldAmountM, only(badM, heldM));
      heldCountM = f64x2.add(heldCountM, only(badCountM, heldM));
      const badS = roundHalfUp2(f64x2.mul(surrender, rate));
      const restS = f64x2.sub(surrender, badS);
      const goodS = f64x2.gt(restS, ZERO);
      const heldS = f64x2.gt(badS, ZERO);
      const badCountS = f64x2.mul(surrenderCount, rate);
      poolSurrender = f64x2.add(poolSurrender, only(restS, goodS));
      poolSurrenderCount = f64x2.add(poolSurrenderCount, only(f64x2.sub(surrenderCount, badCountS), goodS));
      heldAmountS = f64x2.add(heldAmountS, only(badS, heldS));
      heldCountS = f64x2.add(heldCountS, only(badCountS, heldS));
      if (NV > 0) {
        bandPool(poolT, MATURITY, transfersMaturity, g, f64x2.sub(maturityCount, badCountM), goodM);
        bandRetry(retryDay, MATURITY, transfersMaturity, g, badCountM, heldM);
        bandPool(poolT, SURRENDER, transfersSurrender, g, f64x2.sub(surrenderCount, badCountS), goodS);
        bandRetry(retryDay, SURRENDER, transfersSurrender, g, badCountS, heldS);
      }
    } else {
      const someM = f64x2.gt(maturity, ZERO);
      poolMaturity = f64x2.add(poolMaturity, only(maturity, someM));
      poolMaturityCount = f64x2.add(poolMaturityCount, only(maturityCount, someM));
      const someS = f64x2.gt(surrender, ZERO);
      poolSurrender = f64x2.add(poolSurrender, only(surrender, someS));
      poolSurrenderCount = f64x2.add(poolSurrenderCount, only(surrenderCount, someS));
      if (NV > 0) {
        bandPool(poolT, MATURITY, transfersMaturity, g, maturityCount, someM);
        bandPool(poolT, SURRENDER, transfersSurrender, g, surrenderCount, someS);
      }
    }
  }
  if (heldDay >= 0) holdRetries(heldDay, heldAmountM, heldCountM, heldAmountS, heldCountS);
  v128.store(day, poolMaturity, Day.PoolMaturity << 4);
  v128.store(day, poolMaturityCount, Day.PoolMaturityCount << 4);
  v128.store(day, poolSurrender, Day.PoolSurrender << 4);
  v128.store(day, poolSurrenderCount, Day.PoolSurrenderCount << 4);
  v128.store(day, requestM, Day.RequestMaturity << 4);
  v128.store(day, requestS, Day.RequestSurrender << 4);
  accrued = accruedToday;
  charges = chargesToday;
  return requestS;
}

/**
 * Per band: adds a group's payouts of one kind joining the day's pool (`count` where `mask`) times
 * its transfers per payout under each limit value to the pool's transfers (../reference, badAccounts).
 */
@inline function bandPool(poolT: usize, kind: i32, table: usize, g: i32, count: v128, mask: v128): void {
  for (let x = 0; x < NV; x++) addV(poolT, kind * NV + x, only(f64x2.mul(count, f64x2.splat(f(table, g * NV + x))), mask));
}

/** Per band: the same for bad-account payouts held back for re-submission on `day`. */
@inline function bandRetry(day: i32, kind: i32, table: usize, g: i32, count: v128, mask: v128): void {
  for (let x = 0; x < NV; x++) addV(retryTransfers, (day * 2 + kind) * NV + x, only(f64x2.mul(count, f64x2.splat(f(table, g * NV + x))), mask));
}

/** The day's hazard of a stressed annual rate: 1 - (1 - min(1, rate))^(1/365); 0 for a rate of 0. */
@inline function dailyFromAnnual(rate: f64): f64 {
  return rate >= 1 ? 1 : 1 - Math.pow(1 - rate, 1.0 / 365);
}

/**
 * Schedules bad-account payouts held back today for re-submission on `day`: amounts are added
 * (whole cents, so in any order), counts are the running values started from the day's count.
 */
function holdRetries(day: i32, amountM: v128, countM: v128, amountS: v128, countS: v128): void {
  addV(retryAmount, day * 2, amountM);
  setV(retryCount, day * 2, v128.bitselect(countM, v(retryCount, day * 2), f64x2.gt(amountM, ZERO)));
  addV(retryAmount, day * 2 + 1, amountS);
  setV(retryCount, day * 2 + 1, v128.bitselect(countS, v(retryCount, day * 2 + 1), f64x2.gt(amountS, ZERO)));
  // Not a known later payout for the funding need: it was requested today, so it is in the backlog
  // until paid; counting it here too would fund it twice.
}

/**
 * Maturities of group g on day d, both lanes: cohorts maturing today leave the book, the rollover
 * share is reinvested, the rest is spread over the claim lags (today's share is added to today's
 * claims) and the remainder stays unclaimed.
 *
 * The amount due is exact: what the cohorts would pay with nothing surrendered (their stated
 * maturity_value in whole cents) times the lane's survival, rounded once, so it is the stated value
 * to the cent while nothing was surrendered. The book left in force is reset the same way, from the
 * later cohorts' no-surrender value. The book, rounded to the cent every day, drifts a few cents
 * from these exact amounts over the years; that difference is returned, to be booked as accrual.
 */
function mature(g: i32, d: i32): v128 {
  const gd = d * G + g;
  const share = f(maturingValueShare, gd);
  const roll = pair(f(rollShare0, g), f(rollShare1, g));
  const before = v(inForce, g);
  let count = v(inForceCount, g);
  const s = v(survival, g);
  const cum = g * (H + 1) + d;
  const scheduled = f64x2.splat(f(cumScheduled, cum + 1) - f(cumScheduled, cum));
  const matured = roundHalfUp2(f64x2.mul(scheduled, s));
  const value = share >= 1 ? ZERO : roundHalfUp2(f64x2.mul(f64x2.splat(f(baseInForce, gd)), s));
  const trueUp = f64x2.sub(f64x2.add(matured, value), before);
  const maturedCount = share >= 1 ? count : f64x2.mul(count, f64x2.splat(f(maturingCountShare, gd)));
  count = f64x2.sub(count, maturedCount);
  const rolled = roundHalfUp2(f64x2.mul(matured, roll));
  rolledOver = f64x2.add(rolledOver, rolled);
  const payable = f64x2.sub(matured, rolled);
  const payableCount = f64x2.mul(maturedCount, f64x2.sub(ONE, roll));
  let claimed = ZERO;
  const end = n(lagStart, g + 1);
  for (let p = n(lagStart, g); p < end; p++) {
    const lag = n(lagDays, p);
    const lagPart = f64x2.splat(f(lagShare, p));
    const x = roundHalfUp2(f64x2.mul(payable, lagPart));
    const xc = f64x2.mul(payableCount, lagPart);
    claimed = f64x2.add(claimed, x);
    addV(claimAmount, gd + lag * G, x);
    addV(claimCount, gd + lag * G, xc);
    if (lag > 0) {
      addV(knownLater, d + lag, x);
      if (lag <= lookahead) knownInLookahead = f64x2.add(knownInLookahead, x);
    }
  }
  setV(unclaimed, g, f64x2.add(v(unclaimed, g), f64x2.sub(payable, claimed)));
  setV(unclaimedCount, g, f64x2.add(v(unclaimedCount, g), f64x2.mul(payableCount, f64x2.splat(f(unclaimedShare, g)))));
  setV(inForce, g, value);
  setV(inForceCount, g, count);
  return trueUp;
}

/**
 * Step 3, funding actions: if the backlog plus the known payouts of the lookahead exceed cash above
 * the buffer plus money in transit, draw credit lines and sell assets in waterfall order.
 * Updates cash, inTransit and creditIn (funds arriving today).
 */
function raiseFunding(d: i32, acc: usize, base: i32): void {
  let need = backlog;
  const end = min(H, d + 1 + lookahead);
  // Most days no cohort of a product matures in the window: only the groups whose term is not 0.
  for (let i = n(fundingGroupsStart, d), last = n(fundingGroupsStart, d + 1); i < last; i++) {
    const g = n(fundingGroups, i);
    const cum = g * (H + 1);
    const scheduled = f(cumScheduled, cum + end) - f(cumScheduled, cum + d + 1);
    const survival = laneOf(inForceByDay, d * G + g, lane) / f(baseInForce, d * G + g);
    need += survival * scheduled * (1 - f(rollShare, g));
  }
  need += f(cumOther, end) - f(cumOther, d + 1);
  if (NX > 0) need -= cancelledIn(d + 1, end);
  // Claim-lag instalments already known (not yet in the backlog), and (policy prefund_surrenders) the surrenders expected
  // until money raised today from the slowest source could arrive (covers weekends and holidays).
  need += knownToday;
  if (prefundSurrenders != 0) need += surrenderRunRate * f(runRateDays, d);
  let gap = Math.ceil(need - (cash - minimumCash) - inTransit);
  for (let w = 0; w < NW && gap > 0; w++) {
    if (n(waterfall, w) == SOURCE_CREDIT) {
      for (let l = 0; l < L && gap > 0; l++) {
        if (n(lineFailed, l) != 0 || f(lineRemaining, l) <= 0) continue;
        const arrival = afterBusinessDays(d, n(lineNotice, l));
        if (<f64>arrival < f(lineFrom, l) || <f64>arrival > f(lineUntil, l) || arrival >= C) continue;
        const draw = Math.min(Math.min(gap, f(lineRemaining, l)), f(lineDailyCap, l));
        if (draw <= 0) continue;
        setF(lineRemaining, l, f(lineRemaining, l) - draw);
        reachableStale = true;
        gap -= draw;
        if (arrival == d) {
          cash += draw;
          creditIn += draw;
          if (acc != 0) addF(acc, base + F_CREDIT_DRAWN_BY_LINE + l, draw);
          // read by the ledger's by-line rows only (today's arrivals were read already)
          addF(creditArrivals, d * L + l, draw);
        } else {
          addF(creditArrivals, arrival * L + l, draw);
          inTransit += draw;
        }
      }
    } else {
      for (let a = 0; a < A && gap > 0; a++) {
        const keep = f(assetKeep, a);
        if (keep <= 0 || f(assetRemaining, a) <= 0) continue;
        const arrival = afterBusinessDays(d, n(assetSettlement, a));
        if (arrival >= C) continue;
        const sold = Math.min(Math.min(Math.ceil(gap / keep), f(assetRemaining, a)), f(assetDailyCapacity, a));
        if (sold <= 0) continue;
        const proceeds = roundHalfUp(sold * keep);
        setF(assetRemaining, a, f(assetRemaining, a) - sold);
        reachableStale = true;
        gap -= proceeds;
        addF(assetArrivalsByAsset, arrival * A + a, proceeds);
        if (arrival == d) {
          cash += proceeds;
          addF(assetArrivals, d, proceeds);
        } else {
          addF(assetArrivals, arrival, proceeds);
          inTransit += proceeds;
        }
      }
    }
  }
}

/**
 * Step 4, payments: the queue is paid oldest due first, limited by cash above the buffer, the
 * channels' amount and transfer-count limits and processing capacity; each request left unpaid
 * records the limit that stopped it. Sets the day's paid amounts and capacities; updates cash,
 * backlog, the queue and (a channel or processing limit stopped one on day d) limitStopDay.
 */
function payQueue(d: i32): void {
  const p_chanDaily = chanDaily;
  const p_chanPerTransfer = chanPerTransfer;
  const p_chanTransfers = chanTransfers;
  const p_chanAmountLeft = chanAmountLeft;
  const p_chanTransfersLeft = chanTransfersLeft;
  const p_qKind = qKind;
  const p_qCause = qCause;
  const p_qAmount = qAmount;
  const p_qCount = qCount;
  let paidM: f64 = 0;
  let paidS: f64 = 0;
  let paidO: f64 = 0;
  let fundsLeft = Math.max(0, cash - minimumCash);
  const capF = fundsLeft;
  let procLeft = processingCapacity;
  let readyAmount: f64 = 0;
  let readyCount: f64 = 0;
  for (let c = 0; c < NC; c++) {
    setF(p_chanAmountLeft, c, f(p_chanDaily, c));
    setF(p_chanTransfersLeft, c, f(p_chanTransfers, c));
  }
  for (let x = 0; x < bands; x++) setF(readyTransfers, x, 0);
  for (let i = qHead; i < qTail; i++) {
    let amount = f(p_qAmount, i);
    if (amount <= 0) continue;
    const kind = n(p_qKind, i);
    if (kind == OTHER) {
      const pay = Math.min(amount, Math.floor(fundsLeft));
      if (pay > 0) {
        amount -= pay;
        fundsLeft -= pay;
        paidO += pay;
      }
      if (amount > 0) setN(p_qCause, i, CAUSE_FUNDING);
      setF(p_qAmount, i, amount);
      continue;
    }
    let count = f(p_qCount, i);
    readyAmount += amount;
    readyCount += count;
    for (let x = 0; x < bands; x++) setF(readyTransfers, x, f(readyTransfers, x) + count * f(qPerPayout, i * NV + x));
    const avg = count > 0 ? amount / count : amount;
    for (let c = 0; c < NC && amount > 0; c++) {
      if (fundsLeft < 1 || procLeft * avg < 1) break;
      const perTransfer = f(p_chanPerTransfer, c);
      // One transfer per payout when the payout fits a transfer: the same numbers without two
      // divisions on the common path. Per band: the request's own transfers per payout.
      const transfersPerPayout =
        bands > 0 ? f(qPerPayout, i * NV + bandIndex(perTransfer)) : perTransfer > 0 && avg > perTransfer ? Math.max(1, Math.ceil(avg / perTransfer)) : 1;
      const byCount = transfersPerPayout == 1 ? f(p_chanTransfersLeft, c) * avg : (f(p_chanTransfersLeft, c) / transfersPerPayout) * avg;
      const pay = Math.floor(Math.min(Math.min(Math.min(Math.min(amount, f(p_chanAmountLeft, c)), byCount), procLeft * avg), fundsLeft));
      if (pay <= 0) continue;
      const paidCount = pay == amount ? count : pay / avg;
      amount -= pay;
      count = amount > 0 ? count - paidCount : 0;
      fundsLeft -= pay;
      procLeft -= paidCount;
      setF(p_chanAmountLeft, c, f(p_chanAmountLeft, c) - pay);
      setF(p_chanTransfersLeft, c, f(p_chanTransfersLeft, c) - paidCount * transfersPerPayout);
      if (kind == MATURITY) paidM += pay;
      else paidS += pay;
    }
    if (amount > 0) {
      let cause: i32;
      if (fundsLeft < 1) cause = CAUSE_FUNDING;
      else if (procLeft * avg < 1) cause = CAUSE_PROCESSING;
      else cause = CAUSE_CHANNEL;
      if (cause != CAUSE_FUNDING && limitStopDay < 0) limitStopDay = d;
      setN(p_qCause, i, cause);
    }
    setF(p_qAmount, i, amount);
    setF(p_qCount, i, count);
  }
  const avgSize = readyCount > 0 ? readyAmount / readyCount : bookAveragePolicy;
  // Channel capacity: what each channel could pay today in payouts of the average size, by its
  // amount limit and by its transfer count (a payout above the per-transfer limit takes
  // ceil(size / limit) transfers), as the payments step counts them.
  let capC: f64 = 0;
  const capacityChannels = withCapacities ? NC : 0;
  for (let c = 0; c < capacityChannels; c++) {
    const daily = f(p_chanDaily, c);
    const perTransfer = f(p_chanPerTransfer, c);
    const transfersPerPayout =
      bands > 0 && readyCount > 0
        ? f(readyTransfers, bandIndex(perTransfer)) / readyCount
        : perTransfer > 0 && avgSize > perTransfer ? Math.max(1, Math.ceil(avgSize / perTransfer)) : 1;
    const byCount = avgSize > 0 ? (f(p_chanTransfers, c) / transfersPerPayout) * avgSize : daily;
    capC += Math.floor(Math.min(daily, byCount));
  }
  const paidTotal = paidM + paidS + paidO;
  cash -= paidTotal;
  backlog -= paidTotal;
  let head = qHead;
  while (head < qTail && f(p_qAmount, head) <= 0) head++;
  qHead = head;
  paidMaturity = paidM;
  paidSurrender = paidS;
  paidOther = paidO;
  capFunding = capF;
  capChannel = capC;
  capProcessing = processingCapacity * avgSize;
}

/**
 * Step 5, overdue amounts on day d: requests unpaid although due on or before d - grace days (under
 * business-day grace: whose grace business days have all passed by d), split
 * by the cause that stopped them (a request never tried takes the day's last cause). Returns the
 * total and sets overdueFunding, overdueChannel and overdueProcessing.
 */
function overdueOn(d: i32): f64 {
  const p_qDue = qDue;
  const p_qCause = qCause;
  const p_qAmount = qAmount;
  let overdue: f64 = 0;
  let odFunding: f64 = 0;
  let odChannel: f64 = 0;
  let odProcessing: f64 = 0;
  // unpaid with due <= this day is overdue
  const overdueBefore = graceBusiness ? n(graceLastDue, d) : d - graceDays;
  for (let i = qHead; i < qTail; i++) {
    if (n(p_qDue, i) > overdueBefore) break; // the queue is in due order
    const x = f(p_qAmount, i);
    if (x <= 0) continue;
    overdue += x;
    // every request due by now was tried by a payments step, which gave it its cause (docs/model.md)
    const c = n(p_qCause, i);
    if (c == CAUSE_PROCESSING) odProcessing += x;
    else if (c == CAUSE_CHANNEL) odChannel += x;
    else odFunding += x;
  }
  overdueFunding = odFunding;
  overdueChannel = odChannel;
  overdueProcessing = odProcessing;
  return overdue;
}

// ---------------------------------------------------------------------------------------------
// the daily noise: the path's seedrandom Alea stream, continued here

let aleaS0: f64 = 0;
let aleaS1: f64 = 0;
let aleaS2: f64 = 0;
let aleaC: f64 = 0;

const ALEA_MULTIPLIER: v128 = f64x2.splat(2091639);
const ALEA_FRACTION: v128 = f64x2.splat(2.3283064365386963e-10); // 2^-32

/** seedrandom's Alea step (lib/alea.js `next`), the same arithmetic, so the same numbers in [0, 1). */
@inline function uniform(): f64 {
  const t = 2091639 * aleaS0 + aleaC * 2.3283064365386963e-10; // 2^-32
  aleaS0 = aleaS1;
  aleaS1 = aleaS2;
  aleaC = Math.floor(t); // t | 0, as t is in [0, 2091640): one rounding instead of two conversions
  aleaS2 = t - aleaC;
  return aleaS2;
}

// Standard normals by the ziggurat method (Marsaglia and Tsang, 2000), 128 layers of equal area under
// f(x) = exp(-x^2 / 2): about 99% of draws take one uniform, a multiply and a comparison, against a
// logarithm, a square root, a cosine and two uniforms for Box-Muller. One uniform's 32 bits give the
// layer (7 bits), the sign (1) and the position within the layer (24), independently.
const ZIG_LAYERS: i32 = 128;
const ZIG_R: f64 = 3.442619855899; // right edge of the base layer: where the tail starts
const ZIG_V: f64 = 9.91256303526217e-3; // area of each layer
/** Layer i spans [0, zigX[i]] horizontally and [zigF[i], zigF[i + 1]] vertically; zigX[128] = 0. */
let zigX: usize = 0; // f64[129]
let zigF: usize = 0; // f64[129]

/** Builds the layer tables (once; `configure` calls it, before the TypeScript side makes its views). */
function zigSetup(): void {
  if (zigX != 0) return;
  noiseStreams = alloc(64);
  zigX = alloc((ZIG_LAYERS + 1) << 3);
  zigF = alloc((ZIG_LAYERS + 1) << 3);
  // The base layer is the rectangle [0, R] x [0, f(R)] plus the tail beyond R, of area V: as a
  // rectangle of height f(R) its width is V / f(R).
  setF(zigX, 0, ZIG_V / Math.exp(-0.5 * ZIG_R * ZIG_R));
  setF(zigX, 1, ZIG_R);
  for (let i = 1; i < ZIG_LAYERS - 1; i++) {
    const x = f(zigX, i);
    setF(zigX, i + 1, Math.sqrt(-2 * Math.log(ZIG_V / x + Math.exp(-0.5 * x * x))));
  }
  setF(zigX, ZIG_LAYERS, 0);
  for (let i = 0; i <= ZIG_LAYERS; i++) {
    const x = f(zigX, i);
    setF(zigF, i, Math.exp(-0.5 * x * x));
  }
}

/** A standard normal: the fast path inline, the rest (about 1% of draws) in `normalSlow`. */
@inline function standardNormal(): f64 {
  const u = uniform();
  const z = normalFast(u);
  return z == z ? z : normalFrom(u);
}

/** The ziggurat's fast path from uniform u: the normal, or NaN when u falls outside the rectangles. */
@inline function normalFast(u: f64): f64 {
  const bits = <u32>(<i64>(u * 4294967296.0)); // exact: Alea's numbers are multiples of 2^-32
  const layer = <i32>(bits & 127);
  const x = (<f64>(<i32>(bits >> 8)) + 0.5) * 5.9604644775390625e-8 * f(zigX, layer); // (k + 0.5) / 2^24
  // the sign as a select, not a branch: it is a coin flip, so a branch would mispredict half the time
  return x < f(zigX, layer + 1) ? select<f64>(-x, x, (bits & 128) != 0) : NaN;
}

/** The ziggurat's slow path for a uniform u the fast path turned down (the stream continues from u). */
function normalFrom(u: f64): f64 {
  const bits = <u32>(<i64>(u * 4294967296.0));
  const layer = <i32>(bits & 127);
  const x = (<f64>(<i32>(bits >> 8)) + 0.5) * 5.9604644775390625e-8 * f(zigX, layer);
  return normalSlow(layer, x, (bits & 128) != 0);
}

/** The ziggurat's tail and wedges, and its retries. */
function normalSlow(layer: i32, x: f64, negative: bool): f64 {
  while (true) {
    if (layer == 0) {
      // the tail beyond R (Marsaglia, 1964)
      let a: f64;
      let b: f64;
      do {
        a = -Math.log(1 - uniform()) / ZIG_R;
        b = -Math.log(1 - uniform());
      } while (b + b < a * a);
      return select<f64>(-(ZIG_R + a), ZIG_R + a, negative);
    }
    // the wedge between the layer's rectangle and the curve
    const y = f(zigF, layer + 1) + uniform() * (f(zigF, layer) - f(zigF, layer + 1));
    if (y < Math.exp(-0.5 * x * x)) return select<f64>(-x, x, negative);
    // rejected: a new draw
    const bits = <u32>(<i64>(uniform() * 4294967296.0));
    layer = <i32>(bits & 127);
    negative = (bits & 128) != 0;
    x = (<f64>(<i32>(bits >> 8)) + 0.5) * 5.9604644775390625e-8 * f(zigX, layer);
    if (x < f(zigX, layer + 1)) return select<f64>(-x, x, negative);
  }
  return unreachable();
}

/** `count` standard normals continuing a stream, for the tests of the ziggurat. */
export function normals(s0: f64, s1: f64, s2: f64, c: f64, count: i32, dest: usize): void {
  zigSetup();
  aleaS0 = s0;
  aleaS1 = s1;
  aleaS2 = s2;
  aleaC = c;
  for (let i = 0; i < count; i++) setF(dest, i, standardNormal());
}

/** Both lanes' noise streams as pairs s0, s1, s2, c (see drawNoise), for the slow path. */
let noiseStreams: usize = 0;

/** The ziggurat's slow path in one lane of noiseStreams: its draw, its stream stepped on. */
function normalInLane(inLane: i32): f64 {
  const at = noiseStreams + ((<usize>inLane) << 3);
  aleaS0 = load<f64>(at, 0);
  aleaS1 = load<f64>(at, 16);
  aleaS2 = load<f64>(at, 32);
  aleaC = load<f64>(at, 48);
  const z = normalFrom(aleaS2);
  store<f64>(at, aleaS0, 0);
  store<f64>(at, aleaS1, 16);
  store<f64>(at, aleaS2, 32);
  store<f64>(at, aleaC, 48);
  return z;
}

/**
 * Fills both lanes' daily noise (mean-1 lognormal multipliers of the hazard, log-sd `sd`), continuing
 * each lane's path's Alea stream from the given state (seedrandom's `state()` after the path-level
 * draws): a0, a1, a2, ac for lane 0, b0, b1, b2, bc for lane 1.
 * The normals are the ziggurat's (below); Math.exp and Math.log are AssemblyScript's (ports of
 * musl's), compiled into the module, so the noise is the same on every machine.
 */
export function drawNoise(a0: f64, a1: f64, a2: f64, ac: f64, b0: f64, b1: f64, b2: f64, bc: f64, sd: f64): void {
  // Both lanes' streams step together as pairs, so their chains of dependent steps overlap.
  let s0 = pair(a0, b0);
  let s1 = pair(a1, b1);
  let s2 = pair(a2, b2);
  let c = pair(ac, bc);
  const drift = 0.5 * sd * sd;
  for (let d = 0; d < H; d++) {
    // uniform(), lane by lane
    const t = f64x2.add(f64x2.mul(ALEA_MULTIPLIER, s0), f64x2.mul(c, ALEA_FRACTION));
    s0 = s1;
    s1 = s2;
    c = f64x2.floor(t);
    s2 = f64x2.sub(t, c);
    let z0 = normalFast(f64x2.extract_lane(s2, 0));
    let z1 = normalFast(f64x2.extract_lane(s2, 1));
    if (z0 != z0 || z1 != z1) {
      // The slow path (about 1 draw in 100) continues the lane's stream through the scalar state.
      v128.store(noiseStreams, s0, 0);
      v128.store(noiseStreams, s1, 16);
      v128.store(noiseStreams, s2, 32);
      v128.store(noiseStreams, c, 48);
      if (z0 != z0) z0 = normalInLane(0);
      if (z1 != z1) z1 = normalInLane(1);
      s0 = v128.load(noiseStreams, 0);
      s1 = v128.load(noiseStreams, 16);
      s2 = v128.load(noiseStreams, 32);
      c = v128.load(noiseStreams, 48);
    }
    setF(noise, d * 2, Math.exp(sd * z0 - drift));
    setF(noise, d * 2 + 1, Math.exp(sd * z1 - drift));
  }
}

/**
 * One path's daily noise multipliers, exp(sd z - sd^2 / 2) for `count` ziggurat normals z continuing
 * the stream (s0, s1, s2, c): what `drawNoise` writes to that path's lane, computed one path alone.
 * The reference model (../reference/draws.ts) takes its noise from here: the noise's Math.exp and
 * Math.log are this module's, which differ from V8's in the last bit for about 1 argument in 10.
 */
export function noiseMultipliers(s0: f64, s1: f64, s2: f64, c: f64, sd: f64, count: i32, dest: usize): void {
  zigSetup();
  aleaS0 = s0;
  aleaS1 = s1;
  aleaS2 = s2;
  aleaC = c;
  const drift = 0.5 * sd * sd;
  for (let i = 0; i < count; i++) setF(dest, i, Math.exp(sd * standardNormal() - drift));
}

/** This module's Math.pow (a port of musl's), for the reference model's annual-rate hazard (../reference/draws.ts). */
export function pow(x: f64, y: f64): f64 {
  return Math.pow(x, y);
}

/** The next `count` uniforms of a stream, for the test that pins `uniform` to seedrandom. */
export function aleaUniforms(s0: f64, s1: f64, s2: f64, c: f64, count: i32, dest: usize): void {
  aleaS0 = s0;
  aleaS1 = s1;
  aleaS2 = s2;
  aleaC = c;
  for (let i = 0; i < count; i++) setF(dest, i, uniform());
}

/** The kernel's roundings, exported for the tests that pin them to Math.round. */
export function roundHalfUpCents(x: f64): f64 {
  return roundHalfUp(x);
}
export function roundSignedCents(x: f64): f64 {
  return roundSigned(x);
}
