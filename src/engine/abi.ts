/**
 * The kernel interface: the ONE declaration of what the TypeScript side (./kernel.ts) hands the
 * WebAssembly day loop (./assembly/kernel.ts) and of the numbers both sides use to index shared
 * tables. Both sides are derived from it, so they cannot disagree:
 *
 *  - `npm run build` runs scripts/gen-abi.mjs after tsc and before asc; it reads this file (as
 *    dist/engine/abi.js) and writes src/engine/assembly/abi.generated.ts (not committed): one
 *    global per slot, `readSlots`, which reads slot i into the global of slot i's name, and the
 *    constants below as AssemblyScript constants;
 *  - the TypeScript side gives each slot's value BY NAME (`packSlots`, typed so a missing or
 *    unknown name is a tsc error) and packs them in this order.
 *
 * Adding a slot: add one line to SLOTS (name, type, what it is), give its value by name in
 * PathSimulator's constructor (./kernel.ts), and import its name in ./assembly/kernel.ts where the
 * day loop uses it. Order does not matter to correctness (both sides follow this list); keep like
 * with like for readers. Types: 'i32' (a count, day or flag, passed as a double, truncated),
 * 'f64' (an amount or rate) and 'ptr' (a table's byte offset in the module's memory, from `alloc`).
 * tests/engine/abi.test.ts checks, name by name, that the module's global of each slot holds the
 * value the TypeScript side gave that name.
 */
import type { ConservationTotals, PathLedger } from './ledger.js';

export type SlotType = 'i32' | 'f64' | 'ptr';
export interface Slot {
  readonly name: string;
  readonly type: SlotType;
  /** What it holds (copied into the generated AssemblyScript as a comment). */
  readonly doc: string;
}

// prettier-ignore
export const SLOTS = [
  // sizes
  { name: 'H', type: 'i32', doc: 'horizon days' },
  { name: 'FPD', type: 'i32', doc: 'per-day accumulator fields (FIELD)' },
  { name: 'C', type: 'i32', doc: 'calendar days (horizon + tail)' },
  { name: 'G', type: 'i32', doc: 'liability groups (products)' },
  { name: 'L', type: 'i32', doc: 'credit lines' },
  { name: 'A', type: 'i32', doc: 'asset classes' },
  { name: 'NC', type: 'i32', doc: 'payment channels' },
  { name: 'NW', type: 'i32', doc: 'waterfall steps' },
  { name: 'ND', type: 'i32', doc: 'dated limit changes (sorted by day)' },
  { name: 'NT', type: 'i32', doc: 'triggered limit changes' },
  { name: 'NBIZ', type: 'i32', doc: 'business days in the calendar' },
  { name: 'claimWidth', type: 'i32', doc: 'per-group claim schedule width: horizon + longest lag + 1' },
  // model scalars
  { name: 'lookahead', type: 'i32', doc: 'funding lookahead days' },
  { name: 'prefundSurrenders', type: 'i32', doc: '1: the funding need adds the surrender run-rate (raiseFunding)' },
  { name: 'graceDays', type: 'i32', doc: 'overdue grace days' },
  { name: 'graceBusiness', type: 'i32', doc: '1: grace days are business days (graceLastDue)' },
  { name: 'minimumCash', type: 'f64', doc: 'cash buffer never paid out (cents)' },
  { name: 'openingCash', type: 'f64', doc: 'cash at the start (cents)' },
  { name: 'baseProcessingCapacity', type: 'f64', doc: 'payouts processed per business day' },
  { name: 'bookAveragePolicy', type: 'f64', doc: 'initial value / initial policies over all groups' },
  { name: 'contagionDecay', type: 'f64', doc: 'exp(-1 / decay days), 0 without contagion' },
  { name: 'contagionStrength', type: 'f64', doc: 'contagion strength, 0 without contagion' },
  { name: 'mitigationFrom', type: 'f64', doc: 'first mitigated day, +Infinity without mitigation' },
  { name: 'mitigationScale', type: 'f64', doc: '1 - notified share x damping, 1 without mitigation' },
  { name: 'lapseDay', type: 'i32', doc: 'mass lapse day, -1 without' },
  { name: 'lapseOnDay', type: 'f64', doc: 'mass lapse share, 0 without' },
  { name: 'hasNoise', type: 'i32', doc: '1: daily noise multiplies the hazard' },
  { name: 'annualRates', type: 'i32', doc: '1: the stress multiplier scales the annual surrender rate (see requestPayouts)' },
  { name: 'retrySize', type: 'i32', doc: 'bad-account retry schedule length (pairs)' },
  { name: 'knownSize', type: 'i32', doc: 'known-later payouts schedule length (pairs)' },
  { name: 'queueSize', type: 'i32', doc: 'payout queue capacity' },
  // calendar
  { name: 'businessDay', type: 'ptr', doc: 'i32[C]' },
  { name: 'nextBusinessDay', type: 'ptr', doc: 'i32[C]' },
  { name: 'businessDaysBefore', type: 'ptr', doc: 'i32[C]' },
  { name: 'businessDays', type: 'ptr', doc: 'i32[NBIZ]' },
  { name: 'inflows', type: 'ptr', doc: 'f64[H]' },
  { name: 'otherOutflows', type: 'ptr', doc: 'f64[H]' },
  { name: 'cumOther', type: 'ptr', doc: 'f64[H + 1]' },
  { name: 'runRateDays', type: 'ptr', doc: 'f64[H]' },
  { name: 'lineWindowClosed', type: 'ptr', doc: 'i32[H]' },
  { name: 'graceLastDue', type: 'ptr', doc: 'i32[H] under business-day grace: the latest due date overdue at day d\'s end' },
  { name: 'shockExcessByDay', type: 'ptr', doc: 'f64[shocks * H]' },
  // groups
  { name: 'growth', type: 'ptr', doc: 'f64[H * G], day-major: [d * G + g], so a day\'s terms share a cache line' },
  { name: 'maturingValueShare', type: 'ptr', doc: 'f64[H * G]' },
  { name: 'maturingCountShare', type: 'ptr', doc: 'f64[H * G]' },
  { name: 'cumScheduled', type: 'ptr', doc: 'f64[G * (H + 1)]' },
  { name: 'baseInForce', type: 'ptr', doc: 'f64[H * G]' },
  { name: 'fundingGroupsStart', type: 'ptr', doc: 'i32[H + 1]: day d\'s groups with a funding-need term are' },
  { name: 'fundingGroups', type: 'ptr', doc: 'i32[]: fundingGroups[fundingGroupsStart[d] .. fundingGroupsStart[d + 1])' },
  { name: 'initialValue', type: 'ptr', doc: 'f64[G]' },
  { name: 'initialPolicies', type: 'ptr', doc: 'f64[G]' },
  { name: 'baseDailyHazard', type: 'ptr', doc: 'f64[G]' },
  { name: 'baseAnnualRate', type: 'ptr', doc: 'f64[G]' },
  { name: 'surrenderCharge', type: 'ptr', doc: 'f64[G]' },
  { name: 'lateClaimDailyRate', type: 'ptr', doc: 'f64[G]' },
  { name: 'accountFailureRate', type: 'ptr', doc: 'f64[G]' },
  { name: 'accountRetryDays', type: 'ptr', doc: 'i32[G]' },
  { name: 'unclaimedShare', type: 'ptr', doc: 'f64[G]' },
  { name: 'lagStart', type: 'ptr', doc: 'i32[G + 1]' },
  { name: 'lagDays', type: 'ptr', doc: 'i32[lags]' },
  { name: 'lagShare', type: 'ptr', doc: 'f64[lags]' },
  // funding
  { name: 'waterfall', type: 'ptr', doc: 'i32[NW] of SOURCE_*' },
  { name: 'lineLimit', type: 'ptr', doc: 'f64[L]' },
  { name: 'lineFrom', type: 'ptr', doc: 'f64[L]' },
  { name: 'lineUntil', type: 'ptr', doc: 'f64[L]' },
  { name: 'lineNotice', type: 'ptr', doc: 'i32[L]' },
  { name: 'lineDailyCap', type: 'ptr', doc: 'f64[L]' },
  { name: 'lineLastDraw', type: 'ptr', doc: 'f64[L]: last business day a draw still arrives in the window and calendar, or -1' },
  { name: 'assetAmount', type: 'ptr', doc: 'f64[A]' },
  { name: 'assetSettlement', type: 'ptr', doc: 'i32[A]' },
  { name: 'assetDailyCapacity', type: 'ptr', doc: 'f64[A]' },
  // payments: channel limits; limit changes as [channel, dailyLimit, perTransfer, transfers,
  // processing] with NaN for "unchanged"; dated changes' days; triggered changes' backlogAbove and afterDays
  { name: 'channelDaily', type: 'ptr', doc: 'f64[NC]' },
  { name: 'channelPerTransfer', type: 'ptr', doc: 'f64[NC]' },
  { name: 'channelTransfers', type: 'ptr', doc: 'f64[NC]' },
  { name: 'datedDay', type: 'ptr', doc: 'i32[ND]' },
  { name: 'datedLimits', type: 'ptr', doc: 'f64[ND * 5]' },
  { name: 'triggeredBacklogAbove', type: 'ptr', doc: 'f64[NT]' },
  { name: 'triggeredAfterDays', type: 'ptr', doc: 'i32[NT]' },
  { name: 'triggeredLimits', type: 'ptr', doc: 'f64[NT * 5]' },
  // the funding-only run's limits (../model/payments.ts fundingOnlyPayments: lifted, no changes, no bands)
  { name: 'fundingOnlyDaily', type: 'ptr', doc: 'f64[NC]' },
  { name: 'fundingOnlyPerTransfer', type: 'ptr', doc: 'f64[NC]' },
  { name: 'fundingOnlyTransfers', type: 'ptr', doc: 'f64[NC]' },
  { name: 'fundingOnlyProcessing', type: 'f64', doc: 'payouts processed per business day' },
  { name: 'fundingOnlyDays', type: 'i32', doc: 'days of the funding-only peak (out[17])' },
  // the path's draws, written by ./kernel.ts before each path: lane 0's and lane 1's (two paths'
  // liabilities run side by side in the lanes of a 128-bit vector); the noise interleaved [d * 2 + lane]
  { name: 'activeShocks0', type: 'ptr', doc: 'i32[shocks]' },
  { name: 'activeShocks1', type: 'ptr', doc: 'i32[shocks]' },
  { name: 'lineFailed0', type: 'ptr', doc: 'i32[L]' },
  { name: 'lineFailed1', type: 'ptr', doc: 'i32[L]' },
  { name: 'assetKeep0', type: 'ptr', doc: 'f64[A]' },
  { name: 'assetKeep1', type: 'ptr', doc: 'f64[A]' },
  { name: 'rollShare0', type: 'ptr', doc: 'f64[G]' },
  { name: 'rollShare1', type: 'ptr', doc: 'f64[G]' },
  { name: 'triggerAgrees0', type: 'ptr', doc: 'i32[NT]' },
  { name: 'triggerAgrees1', type: 'ptr', doc: 'i32[NT]' },
  { name: 'noise', type: 'ptr', doc: 'f64[H * 2]' },
  // outputs
  { name: 'headroomOut', type: 'ptr', doc: 'f64[H]' },
  // headroom binned for the day sketches (./sketch.ts): cells [d * cellColumns + column]
  { name: 'headroomCells', type: 'ptr', doc: 'i32[H * cellColumns]' },
  { name: 'cellColumns', type: 'i32', doc: 'paths whose binned headroom the cells hold at once' },
  { name: 'sketchBins', type: 'i32', doc: 'bins per sign' },
  { name: 'sketchMax', type: 'f64', doc: 'largest magnitude with a bin' },
  { name: 'sketchFirstBin', type: 'ptr', doc: 'u16[]: first bin of each slot' },
  { name: 'sketchUpper', type: 'ptr', doc: 'f64[sketchBins]: upper edge of each bin' },
  { name: 'sketchSlotShift', type: 'i32', doc: '' },
  { name: 'sketchExponentBias', type: 'i32', doc: '' },
  { name: 'ledger', type: 'ptr', doc: 'f64[LEDGER_ORDER.length * H]: see LEDGER_*' },
  { name: 'ledgerByAsset', type: 'ptr', doc: 'f64[A * H]: asset-sale proceeds settling per asset and day, [a * H + d] (with the ledger)' },
  { name: 'ledgerByLine', type: 'ptr', doc: 'f64[L * H]: credit arriving per line and day, [l * H + d] (with the ledger)' },
  { name: 'out', type: 'ptr', doc: 'f64[18]: outcome [0..2], conservation totals [OUT_TOTALS_START..], slots read [15], first day a limit stopped a payment [16] (-1: none), peak overdue over fundingOnlyDays days [17]' },
  // per-path regulatory statistics (../path-stats.ts): the path's horizon records, written instead
  // of a whole ledger; NE = 0: none
  { name: 'NE', type: 'i32', doc: 'horizon ends (covered days, ascending, distinct) the per-path statistics read' },
  { name: 'horizonEnds', type: 'ptr', doc: 'i32[NE]' },
  { name: 'horizonOut', type: 'ptr', doc: 'f64[NE * (HORIZON_FIXED + A + L)]: per end, HORIZON_ORDER, then sums by asset, then by line' },
  // per-band transfer counting (docs/model.md, "Payout-size bands"); NV = 0: the average rule
  { name: 'NV', type: 'i32', doc: 'per-transfer limit values counted per band (0: the average rule)' },
  { name: 'bandLimits', type: 'ptr', doc: 'f64[NV]: the limit values, ascending' },
  { name: 'transfersMaturity', type: 'ptr', doc: 'f64[G * NV]: transfers per maturity payout of group g under value v, [g * NV + v]' },
  { name: 'transfersSurrender', type: 'ptr', doc: 'f64[G * NV]: the same for surrender payouts' },
  // management actions (../model/actions.ts): all counts 0 without them. Per-day fields from
  // actionBase: deferred balance, loan money arrived, then per action (scenario order) activation, amount
  { name: 'NACT', type: 'i32', doc: 'management actions (0: none, no action fields)' },
  { name: 'actionBase', type: 'i32', doc: 'first action field: FIELD.creditDrawnByLine + L + A (after the per-asset fields)' },
  { name: 'NS', type: 'i32', doc: 'surrender suspensions' },
  { name: 'deferAction', type: 'ptr', doc: 'i32[H * G]: suspension covering group g on day d ([d * G + g]), or -1' },
  { name: 'deferUntil', type: 'ptr', doc: 'i32[H * G]: the day its deferred requests fall due' },
  { name: 'suspensionFrom', type: 'ptr', doc: 'i32[NS]: activation day, max(0, from)' },
  { name: 'suspensionField', type: 'ptr', doc: 'i32[NS]: action index (scenario order)' },
  { name: 'NLN', type: 'i32', doc: 'intra-group loans' },
  { name: 'loanAmount', type: 'ptr', doc: 'f64[NLN]' },
  { name: 'loanDay', type: 'ptr', doc: 'i32[NLN]: request day of a dated loan, NEVER_DAY for a triggered one' },
  { name: 'loanBacklogAbove', type: 'ptr', doc: 'f64[NLN]: trigger threshold, +Infinity for a dated loan' },
  { name: 'loanNotice', type: 'ptr', doc: 'i32[NLN]: business days from request to arrival' },
  { name: 'loanField', type: 'ptr', doc: 'i32[NLN]: action index' },
  { name: 'loanGranted0', type: 'ptr', doc: 'i32[NLN]: lane 0 path: the parent agrees' },
  { name: 'loanGranted1', type: 'ptr', doc: 'i32[NLN]: lane 1 path' },
  { name: 'NX', type: 'i32', doc: 'outflow cancellations' },
  { name: 'cancelAmounts', type: 'ptr', doc: 'f64[NX * H]: the cancelled outflow by day' },
  { name: 'cumCancel', type: 'ptr', doc: 'f64[NX * (H + 1)]: its prefix sums' },
  { name: 'cancelFrom', type: 'ptr', doc: 'i32[NX]: first day of a dated cancellation, NEVER_DAY for a triggered one' },
  { name: 'cancelHeadroomBelow', type: 'ptr', doc: 'f64[NX]: trigger threshold, -Infinity for a dated one' },
  { name: 'cancelField', type: 'ptr', doc: 'i32[NX]: action index' },
  { name: 'NO', type: 'i32', doc: 'outreach campaigns' },
  { name: 'outreachScale', type: 'ptr', doc: 'f64[H]: factor on the shock excess (outreachExcessScale)' },
  { name: 'outreachLate', type: 'i32', doc: '1: late-claim rates by day from lateRateByDay' },
  { name: 'lateRateByDay', type: 'ptr', doc: 'f64[H * G]: outreachLateRate, [d * G + g]' },
  { name: 'outreachFrom', type: 'ptr', doc: 'i32[NO]: activation day, max(0, from)' },
  { name: 'outreachField', type: 'ptr', doc: 'i32[NO]: action index' },
] as const satisfies readonly Slot[];

export type SlotName = (typeof SLOTS)[number]['name'];

/** The slots' values in declaration order, from values given by name (every name, no other). */
export function packSlots(values: Readonly<Record<SlotName, number>>): Float64Array {
  const packed = new Float64Array(SLOTS.length);
  SLOTS.forEach((s, i) => (packed[i] = values[s.name]));
  return packed;
}

// ---------------------------------------------------------------------------------------------
// constants both sides index by (the generated AssemblyScript names are derived by rule, see
// scripts/gen-abi.mjs: F_ + SNAKE_CASE, LEDGER_ + SNAKE_CASE, OUT_ + SNAKE_CASE, ...)

/** Per-day accumulator fields (block sums over paths); AssemblyScript F_*. */
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
  /** Followed by one field per credit line, then one field per asset (sale proceeds settling): see `assetFieldStart`. */
  creditDrawnByLine: 19,
} as const;

/** The first per-asset field (asset-sale proceeds settling, by asset): after the credit lines' fields. */
export function assetFieldStart(creditLines: number): number {
  return FIELD.creditDrawnByLine + creditLines;
}

/** Payout kinds; AssemblyScript MATURITY, SURRENDER, OTHER. */
export enum PayoutKind {
  Maturity = 0,
  Surrender = 1,
  Other = 2,
}

/** Binding causes, in the order used to break ties and to index cause fields; AssemblyScript CAUSE_*. */
export enum CauseCode {
  None = -1,
  Funding = 0,
  Channel = 1,
  Processing = 2,
}

/** Waterfall steps as small integers, so the funding loop compares numbers, not strings; AssemblyScript SOURCE_*. */
export const SOURCE = { credit: 0, assets: 1 } as const;

/** Rows of the wasm ledger table, in this order; AssemblyScript LEDGER_* (row index). */
export const LEDGER_ORDER = [
  'openingCash',
  'inflows',
  'assetSales',
  'creditDraws',
  'paidMaturity',
  'paidSurrender',
  'paidOther',
  'closingCash',
  'backlog',
  'overdue',
  'cause',
  'requestMaturity',
  'requestSurrender',
  'requestOther',
  'reachable',
  'deferred',
  'actionInflows',
] as const satisfies readonly Exclude<keyof PathLedger, 'totals' | 'assetSalesByAsset' | 'creditDrawsByLine'>[];

/**
 * A path's record at one horizon end (covered days c): the sums over days [0, c) of the first
 * HORIZON_SUMMED ledger rows, then the end-of-day values of day c - 1 of the others; then (not named
 * here) the sums of asset-sale proceeds by asset and of credit arriving by line. The kernel adds the
 * same values in the same order as a sum over the ledger's rows would (../path-stats.ts `horizonRecord`),
 * so both give the same bits. AssemblyScript HORIZON_* (index in the record).
 */
export const HORIZON_ORDER = [
  'inflows',
  'assetSales',
  'creditDraws',
  'paidMaturity',
  'paidSurrender',
  'paidOther',
  'requestMaturity',
  'requestSurrender',
  'requestOther',
  'closingCash',
  'overdue',
  'backlog',
  'reachable',
] as const satisfies readonly (typeof LEDGER_ORDER)[number][];

/** How many of HORIZON_ORDER are sums over the days (the rest are the last day's values). */
export const HORIZON_SUMMED = 9;

/** Where the conservation totals start in the kernel's out[] table. */
export const OUT_TOTALS_START = 3;

/** The conservation totals in the order the day loop writes them (out[3..14]); AssemblyScript OUT_*. */
export const TOTALS_ORDER = [
  'initialValue',
  'accrued',
  'paid',
  'backlog',
  'unclaimed',
  'awaitingClaim',
  'rolledOver',
  'surrenderCharges',
  'inForce',
  'otherRequested',
  'otherPaid',
  'otherBacklog',
] as const satisfies readonly (keyof ConservationTotals)[];
