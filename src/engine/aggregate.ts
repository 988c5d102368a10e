/**
 * Reduction of path results into run totals that never depend on the thread count or the order in
 * which blocks finish.
 *
 * Paths are cut into fixed blocks by path index. Inside a block, paths are summed in index order
 * (deterministic). Each block's sums are then rounded to integers and added into exact integer
 * accumulators: a double-double split `hi * 2^32 + lo` for the money fields and BigInt for the sums
 * of squares. Integer addition is associative, so any merge order — threads, shards — gives the
 * same bytes. Quantile sketches hold integer counts and merge exactly too.
 */
import type { Model } from '../model/types.js';
import { z } from 'zod';
import { SketchSet, sketchCell, sketchSetSchema } from './sketch.js';
import { actionFieldsStart, assetFieldStart, FIELD, fieldsPerDay, type DaySink, type PathOutcome } from './kernel.js';
import { pathStatCount } from './path-stats.js';

/** Rounded mean in cents of an exact total over n paths. */
export function meanCents(total: bigint, n: number): number {
  if (n === 0) return 0;
  const N = BigInt(n);
  const q = total / N;
  const r = total % N;
  // round half away from zero
  const twice = (r < 0n ? -r : r) * 2n;
  const adj = twice >= N ? (total < 0n ? -1n : 1n) : 0n;
  return Number(q + adj);
}

/** Paths per block: fixed, so the reduction tree is part of the method, not of the machine. */
export const BLOCK_SIZE = 256;

const TWO32 = 2 ** 32;

/** Per-block sums, filled by the kernel through the DaySink interface. */
export class BlockSums implements DaySink {
  readonly acc: Float64Array;
  readonly headroom: SketchSet;
  readonly peak: SketchSet;
  readonly firstShortfall: Float64Array;
  /**
   * The block's headroom, binned (`sketchCell`), [day * BLOCK_SIZE + path in block]: counted into
   * the day sketches at the end of the block, day by day, so one day's sketch stays in cache while
   * its cells go in, instead of every path-day touching a different sketch of the 13 MB set.
   */
  readonly headroomCells: Int32Array;
  peakSum = 0;
  peakSumSq = 0;
  pathsWithShortfall = 0;
  paths = 0;
  worst: WorstPath | null = null;
  /**
   * Per-path statistics (./path-stats.ts): their sums split hi * 2^32 + lo (whole
   * numbers, exact in doubles over a block) and their sketch set (shared like `headroom`).
   */
  readonly statHi: Float64Array;
  readonly statLo: Float64Array;
  /** Smallest and largest value of each statistic (quantiles are clamped to them). */
  readonly statMin: Float64Array;
  readonly statMax: Float64Array;
  readonly stats: SketchSet;

  /**
   * @param acc where the days x fields sums live: the simulator's own array
   *   (`PathSimulator.accumulator()`), so the kernel adds to it in place
   * @param headroomCells days x BLOCK_SIZE cells: the simulator's own (`headroomCells()` of a
   *   simulator made with headroomColumns BLOCK_SIZE), so the kernel bins the headroom in place
   */
  constructor(
    readonly days: number,
    readonly fields: number,
    headroom: SketchSet,
    peak: SketchSet,
    acc: Float64Array,
    headroomCells: Int32Array,
    stats: SketchSet = new SketchSet(0),
  ) {
    this.stats = stats;
    this.statHi = new Float64Array(stats.size);
    this.statLo = new Float64Array(stats.size);
    this.statMin = new Float64Array(stats.size).fill(Infinity);
    this.statMax = new Float64Array(stats.size).fill(-Infinity);
    if (acc.length !== days * fields) throw new RangeError(`block sums need ${days * fields} cells, got ${acc.length}`);
    if (headroomCells.length !== days * BLOCK_SIZE) throw new RangeError(`block headroom needs ${days * BLOCK_SIZE} cells, got ${headroomCells.length}`);
    this.acc = acc;
    this.headroomCells = headroomCells;
    this.headroom = headroom;
    this.peak = peak;
    this.firstShortfall = new Float64Array(days);
  }

  /** The column of the path being run: the one `addOutcome` will count next. */
  get cellColumn(): number {
    return this.paths;
  }

  /** For a simulator that does not bin in place: the path being run's headroom on `day`. */
  addHeadroom(day: number, value: number): void {
    this.headroomCells[day * BLOCK_SIZE + this.paths] = sketchCell(value);
  }

  /** Counts the block's headroom into the day sketches (RunTotals.addBlock calls it). */
  flushHeadroom(): void {
    for (let d = 0; d < this.days; d++) this.headroom.addCells(d, this.headroomCells, d * BLOCK_SIZE, this.paths);
  }

  addOutcome(pathIndex: number, o: PathOutcome): void {
    if (this.paths === BLOCK_SIZE) throw new RangeError(`a block holds at most ${BLOCK_SIZE} paths`);
    this.paths++;
    this.peakSum += o.peakOverdue;
    this.peakSumSq += o.peakOverdue * o.peakOverdue;
    this.peak.add(0, o.peakOverdue);
    if (o.firstShortfallDay >= 0) {
      this.pathsWithShortfall++;
      this.firstShortfall[o.firstShortfallDay]++;
    }
    const candidate: WorstPath = { path: pathIndex, peakOverdue: o.peakOverdue, minHeadroom: o.minHeadroom };
    if (this.worst === null || worse(candidate, this.worst)) this.worst = candidate;
  }

  /** Counts one path's statistics (whole numbers) into the block's sums and the sketches. */
  addStats(values: ArrayLike<number>): void {
    for (let k = 0; k < values.length; k++) {
      const x = values[k];
      const h = Math.floor(x / TWO32);
      this.statHi[k] += h;
      this.statLo[k] += x - h * TWO32;
      if (x < this.statMin[k]) this.statMin[k] = x;
      if (x > this.statMax[k]) this.statMax[k] = x;
      this.stats.add(k, x);
    }
  }

  reset(): void {
    this.statHi.fill(0);
    this.statLo.fill(0);
    this.statMin.fill(Infinity);
    this.statMax.fill(-Infinity);
    this.acc.fill(0);
    this.firstShortfall.fill(0);
    this.peakSum = 0;
    this.peakSumSq = 0;
    this.pathsWithShortfall = 0;
    this.paths = 0;
    this.worst = null;
  }
}

export interface WorstPath {
  path: number;
  peakOverdue: number;
  minHeadroom: number;
}

/** Worst = largest peak overdue, then lowest minimum headroom, then lowest path index. */
export function worse(a: WorstPath, b: WorstPath): boolean {
  if (a.peakOverdue !== b.peakOverdue) return a.peakOverdue > b.peakOverdue;
  if (a.minHeadroom !== b.minHeadroom) return a.minHeadroom < b.minHeadroom;
  return a.path < b.path;
}

/** Exact, order-independent run totals. Serializable for shards. */
export class RunTotals {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  /** Sum of squares of daily overdue amounts, per day (BigInt, exact). */
  readonly overdueSq: bigint[];
  readonly firstShortfall: Float64Array;
  peakHi = 0;
  peakLo = 0;
  peakSq = 0n;
  pathsWithShortfall = 0;
  paths = 0;
  worst: WorstPath | null = null;
  headroom: SketchSet;
  peak: SketchSet;
  /** Exact sums of the per-path statistics (./path-stats.ts), and their sketches. */
  readonly statSums: bigint[];
  /** Smallest and largest value of each statistic over the paths (+-Infinity before any path). */
  readonly statMin: Float64Array;
  readonly statMax: Float64Array;
  stats: SketchSet;

  constructor(
    readonly days: number,
    readonly fields: number,
    readonly statCount = 0,
  ) {
    this.statSums = new Array<bigint>(statCount).fill(0n);
    this.statMin = new Float64Array(statCount).fill(Infinity);
    this.statMax = new Float64Array(statCount).fill(-Infinity);
    this.stats = new SketchSet(statCount);
    this.hi = new Float64Array(days * fields);
    this.lo = new Float64Array(days * fields);
    this.overdueSq = new Array<bigint>(days).fill(0n);
    this.firstShortfall = new Float64Array(days);
    this.headroom = new SketchSet(days);
    this.peak = new SketchSet(1);
  }

  static forModel(model: Model): RunTotals {
    return new RunTotals(model.horizonDays, fieldsPerDay(model), pathStatCount(model));
  }

  /**
   * Adds one block's sums. Its headroom values go into the block's own sketch set, which must be
   * merged separately: it may be shared per worker (and usually is this totals' own).
   */
  addBlock(b: BlockSums): void {
    b.flushHeadroom();
    const n = this.hi.length;
    const sq = FIELD.overdueSq;
    for (let i = 0; i < n; i++) {
      // Sums of squares exceed 2^53 and go to the BigInt totals below instead.
      if (i % this.fields === sq) continue;
      const x = Math.round(b.acc[i]);
      if (x === 0) continue;
      const h = Math.floor(x / TWO32);
      this.hi[i] += h;
      this.lo[i] += x - h * TWO32;
    }
    for (let d = 0; d < this.days; d++) {
      const x = b.acc[d * this.fields + FIELD.overdueSq];
      if (x !== 0) this.overdueSq[d] += BigInt(Math.round(x));
      this.firstShortfall[d] += b.firstShortfall[d];
    }
    const p = Math.round(b.peakSum);
    const ph = Math.floor(p / TWO32);
    this.peakHi += ph;
    this.peakLo += p - ph * TWO32;
    this.peakSq += BigInt(Math.round(b.peakSumSq));
    this.pathsWithShortfall += b.pathsWithShortfall;
    this.paths += b.paths;
    if (b.worst && (this.worst === null || worse(b.worst, this.worst))) this.worst = { ...b.worst };
    for (let k = 0; k < this.statCount; k++) {
      this.statSums[k] += BigInt(b.statHi[k]) * 4294967296n + BigInt(b.statLo[k]);
      this.statMin[k] = Math.min(this.statMin[k], b.statMin[k]);
      this.statMax[k] = Math.max(this.statMax[k], b.statMax[k]);
    }
  }

  /** Lower-rank quantiles of statistic k (sketch), clamped to its exact smallest and largest value. */
  statQuantiles(k: number, qs: readonly number[]): number[] {
    return this.stats.quantiles(k, qs).map((x) => Math.min(this.statMax[k], Math.max(this.statMin[k], x)));
  }

  merge(o: RunTotals): this {
    for (let i = 0; i < this.hi.length; i++) {
      this.hi[i] += o.hi[i];
      this.lo[i] += o.lo[i];
    }
    for (let d = 0; d < this.days; d++) {
      this.overdueSq[d] += o.overdueSq[d];
      this.firstShortfall[d] += o.firstShortfall[d];
    }
    this.peakHi += o.peakHi;
    this.peakLo += o.peakLo;
    this.peakSq += o.peakSq;
    this.pathsWithShortfall += o.pathsWithShortfall;
    this.paths += o.paths;
    if (o.worst && (this.worst === null || worse(o.worst, this.worst))) this.worst = { ...o.worst };
    this.headroom.merge(o.headroom);
    this.peak.merge(o.peak);
    for (let k = 0; k < this.statCount; k++) {
      this.statSums[k] += o.statSums[k];
      this.statMin[k] = Math.min(this.statMin[k], o.statMin[k]);
      this.statMax[k] = Math.max(this.statMax[k], o.statMax[k]);
    }
    this.stats.merge(o.stats);
    return this;
  }

  /** Exact total of field `f` on day `d`. */
  total(d: number, f: number): bigint {
    const i = d * this.fields + f;
    return BigInt(this.hi[i]) * 4294967296n + BigInt(this.lo[i]);
  }

  peakTotal(): bigint {
    return BigInt(this.peakHi) * 4294967296n + BigInt(this.peakLo);
  }

  /** The JSON form (partial results of shards): exact integers as numbers or decimal text. */
  toJSON(): RunTotalsJSON {
    // Key order is part of the partial file's bytes.
    return {
      days: this.days,
      fields: this.fields,
      hi: Array.from(this.hi),
      lo: Array.from(this.lo),
      overdueSq: this.overdueSq.map(String),
      firstShortfall: Array.from(this.firstShortfall),
      peakHi: this.peakHi,
      peakLo: this.peakLo,
      peakSq: String(this.peakSq),
      pathsWithShortfall: this.pathsWithShortfall,
      paths: this.paths,
      worst: this.worst,
      headroom: this.headroom.toJSON(),
      peak: this.peak.toJSON(),
      statSums: this.statSums.map(String),
      statMin: Array.from(this.statMin, (x) => (Number.isFinite(x) ? x : null)),
      statMax: Array.from(this.statMax, (x) => (Number.isFinite(x) ? x : null)),
      stats: this.stats.toJSON(),
    };
  }

  /** Rebuilds totals from their JSON form (checked against `runTotalsSchema` by the caller). */
  static fromJSON(j: RunTotalsJSON): RunTotals {
    const t = RunTotals.withCounts(j, j.statSums.length);
    j.statSums.forEach((x, k) => (t.statSums[k] = BigInt(x)));
    j.statMin.forEach((x, k) => (t.statMin[k] = x ?? Infinity));
    j.statMax.forEach((x, k) => (t.statMax[k] = x ?? -Infinity));
    t.stats = SketchSet.fromJSON(j.stats);
    t.hi.set(j.hi);
    t.lo.set(j.lo);
    j.overdueSq.forEach((s, d) => (t.overdueSq[d] = BigInt(s)));
    t.firstShortfall.set(j.firstShortfall);
    t.peakSq = BigInt(j.peakSq);
    t.headroom = SketchSet.fromJSON(j.headroom);
    t.peak = SketchSet.fromJSON(j.peak);
    return t;
  }

  /**
   * The thread form, for postMessage: the JSON form's fields with typed arrays and BigInts kept
   * (structured clone copies them exactly) and the sketches as their raw bins. The second element
   * lists the buffers to transfer rather than copy (this totals' arrays become unusable).
   */
  toTransfer(): [TotalsTransfer, ArrayBuffer[]] {
    const packed: TotalsTransfer = {
      ...this.counts(),
      hi: this.hi,
      lo: this.lo,
      overdueSq: this.overdueSq,
      firstShortfall: this.firstShortfall,
      peakSq: this.peakSq,
      headroomBins: this.headroom.bins,
      peakBins: this.peak.bins,
      statSums: this.statSums,
      statMin: this.statMin,
      statMax: this.statMax,
      statBins: this.stats.bins,
    };
    const buffers = [this.hi, this.lo, this.firstShortfall, this.headroom.bins, this.peak.bins, this.stats.bins].map((a) => a.buffer as ArrayBuffer);
    return [packed, buffers];
  }

  static fromTransfer(p: TotalsTransfer): RunTotals {
    const t = RunTotals.withCounts(p, p.statSums.length);
    p.statSums.forEach((x, k) => (t.statSums[k] = x));
    t.statMin.set(p.statMin);
    t.statMax.set(p.statMax);
    t.stats.bins.set(p.statBins);
    t.hi.set(p.hi);
    t.lo.set(p.lo);
    p.overdueSq.forEach((x, d) => (t.overdueSq[d] = x));
    t.firstShortfall.set(p.firstShortfall);
    t.peakSq = p.peakSq;
    t.headroom.bins.set(p.headroomBins);
    t.peak.bins.set(p.peakBins);
    return t;
  }

  /** The fields both forms hold as they are: shape, path counts, the peak total and the worst path. */
  private counts(): TotalsCounts {
    const { days, fields, peakHi, peakLo, pathsWithShortfall, paths, worst } = this;
    return { days, fields, peakHi, peakLo, pathsWithShortfall, paths, worst };
  }

  private static withCounts(c: TotalsCounts, statCount: number): RunTotals {
    const t = new RunTotals(c.days, c.fields, statCount);
    t.peakHi = c.peakHi;
    t.peakLo = c.peakLo;
    t.pathsWithShortfall = c.pathsWithShortfall;
    t.paths = c.paths;
    t.worst = c.worst;
    return t;
  }
}

const count = z.int().min(0);
/** Whole numbers that doubles hold exactly (the exact accumulators never leave this range). */
const integer = z.number().refine(Number.isSafeInteger, 'a whole number within +-2^53');
const bigintText = z.string().regex(/^-?\d{1,60}$/, 'a whole number as text');

/**
 * Run totals as JSON (in a shard's partial-K-of-N.json): the one schema of their serialised form;
 * `RunTotalsJSON` is inferred from it. The shard reader (shard.ts) checks what holds between the
 * fields (lengths, sums, sketches counting every path).
 */
export const runTotalsSchema = z.object({
  days: z.int().min(1).max(100_000),
  fields: z.int().min(FIELD.creditDrawnByLine).max(10_000),
  hi: z.array(integer),
  lo: z.array(integer),
  overdueSq: z.array(bigintText),
  firstShortfall: z.array(count),
  peakHi: integer,
  peakLo: integer,
  peakSq: bigintText,
  pathsWithShortfall: count,
  paths: count,
  worst: z.object({ path: count, peakOverdue: z.number().min(0), minHeadroom: z.number() }).nullable(),
  headroom: sketchSetSchema,
  peak: sketchSetSchema,
  /** Per-path statistics (./path-stats.ts): exact sums, smallest and largest (null before any path), sketches. */
  statSums: z.array(bigintText).max(100_000),
  statMin: z.array(integer.nullable()).max(100_000),
  statMax: z.array(integer.nullable()).max(100_000),
  stats: sketchSetSchema,
});
export type RunTotalsJSON = z.infer<typeof runTotalsSchema>;

type TotalsCounts = Pick<RunTotalsJSON, 'days' | 'fields' | 'peakHi' | 'peakLo' | 'pathsWithShortfall' | 'paths' | 'worst'>;

/** RunTotals as plain data for postMessage (`toTransfer`): typed arrays and BigInts survive structured clone. */
export type TotalsTransfer = TotalsCounts & {
  hi: Float64Array;
  lo: Float64Array;
  overdueSq: bigint[];
  firstShortfall: Float64Array;
  peakSq: bigint;
  headroomBins: Uint32Array;
  peakBins: Uint32Array;
  statSums: bigint[];
  statMin: Float64Array;
  statMax: Float64Array;
  statBins: Uint32Array;
};

/**
 * The shortfall-path count of `day` in a days x `fields` accumulator being filled (a block's sums,
 * `BlockSums.acc` / `PathSimulator.accumulator()`, or one path's): whole numbers, exact in doubles.
 */
export function shortfallPathsIn(acc: Float64Array, fields: number, day: number): number {
  return acc[day * fields + FIELD.shortfallPaths];
}

/** Payout kinds as the results name them (FIELD.requestMaturity... / FIELD.paidMaturity...). */
export type PayoutName = 'maturity' | 'surrender' | 'other';
/** Binding constraints as the results name them (FIELD.capacityFunding... / FIELD.causeFunding...). */
export type ConstraintName = 'funding' | 'channel' | 'processing';

const REQUEST_FIELD: Record<PayoutName, number> = { maturity: FIELD.requestMaturity, surrender: FIELD.requestSurrender, other: FIELD.requestOther };
const PAID_FIELD: Record<PayoutName, number> = { maturity: FIELD.paidMaturity, surrender: FIELD.paidSurrender, other: FIELD.paidOther };
const CAPACITY_FIELD: Record<ConstraintName, number> = { funding: FIELD.capacityFunding, channel: FIELD.capacityChannel, processing: FIELD.capacityProcessing };
const CAUSE_FIELD: Record<ConstraintName, number> = { funding: FIELD.causeFunding, channel: FIELD.causeChannel, processing: FIELD.causeProcessing };

/**
 * Named access to the exact per-day totals of a run (sums over the paths, integer cents or path
 * counts): the one place outside the kernel interface that knows the field layout (FIELD, the
 * per-line, per-asset and per-action fields of ./kernel.ts), so readers of the totals
 * (results, regulatory, analysis) never index fields. `day` is the day index from the model start.
 */
export class DailyTotals {
  private readonly assetStart: number;
  private readonly actionStart: number;

  constructor(
    readonly totals: RunTotals,
    model: Model,
  ) {
    this.assetStart = assetFieldStart(model.funding.creditLines.length);
    this.actionStart = actionFieldsStart(model);
  }

  /** Paths overdue on the day. */
  shortfallPaths(day: number): bigint {
    return this.totals.total(day, FIELD.shortfallPaths);
  }
  /** Overdue amount. */
  overdue(day: number): bigint {
    return this.totals.total(day, FIELD.overdue);
  }
  /** Requests received but not yet paid. */
  backlog(day: number): bigint {
    return this.totals.total(day, FIELD.backlog);
  }
  /** Amount requested, by payout kind. */
  requested(day: number, kind: PayoutName): bigint {
    return this.totals.total(day, REQUEST_FIELD[kind]);
  }
  /** Amount paid, by payout kind. */
  paid(day: number, kind: PayoutName): bigint {
    return this.totals.total(day, PAID_FIELD[kind]);
  }
  /** Capacity of a constraint. */
  capacity(day: number, constraint: ConstraintName): bigint {
    return this.totals.total(day, CAPACITY_FIELD[constraint]);
  }
  /** Overdue amount attributed to a binding constraint. */
  cause(day: number, constraint: ConstraintName): bigint {
    return this.totals.total(day, CAUSE_FIELD[constraint]);
  }
  /** Credit drawn, all lines. */
  creditDrawn(day: number): bigint {
    return this.totals.total(day, FIELD.creditDrawn);
  }
  /** Credit drawn on line `line` (scenario order). */
  creditDrawnOnLine(day: number, line: number): bigint {
    return this.totals.total(day, FIELD.creditDrawnByLine + line);
  }
  /** Asset-sale proceeds settling, all assets. */
  assetsSold(day: number): bigint {
    return this.totals.total(day, FIELD.assetsSold);
  }
  /** Asset-sale proceeds settling for asset `asset` (scenario order). */
  assetSold(day: number, asset: number): bigint {
    return this.totals.total(day, this.assetStart + asset);
  }
  /** Closing cash. */
  closingCash(day: number): bigint {
    return this.totals.total(day, FIELD.closingCash);
  }
  /** Balance deferred by management actions (models with actions only). */
  deferred(day: number): bigint {
    return this.totals.total(day, this.actionStart);
  }
  /** Money arrived from management actions (intragroup loans; models with actions only). */
  actionInflows(day: number): bigint {
    return this.totals.total(day, this.actionStart + 1);
  }
  /** Paths where action `action` (scenario order) activated on the day. */
  actionActivations(day: number, action: number): bigint {
    return this.totals.total(day, this.actionStart + 2 + 2 * action);
  }
  /** Amount action `action` moved on the day. */
  actionAmount(day: number, action: number): bigint {
    return this.totals.total(day, this.actionStart + 3 + 2 * action);
  }
}
