/**
 * Mergeable quantile sketches for signed amounts (DDSketch-style log buckets), many per set.
 *
 * Why: per-day headroom quantiles over 100k+ paths must not need every path's value in memory, and
 * shards and worker threads must combine to exactly the same answer in any order. Counts are
 * integers in fixed bins, so merging is plain addition: any merge order gives identical bytes.
 *
 * Accuracy: with gamma = (1 + alpha) / (1 - alpha), a value v with |v| >= 1 lands in bin
 * i = ceil(ln|v| / ln(gamma)), which holds (gamma^(i-1), gamma^i]; the bin reports
 * 2 gamma^i / (gamma + 1), within alpha = 0.005 of every value in it. A returned quantile is
 * therefore within 0.5% of the exact lower-rank quantile. Values with |v| < 1 (under a cent) are
 * counted exactly as zero. Memory: about 35 KB per sketch (12.8 MB for 365 days), whatever the
 * number of paths. Described in docs/statistics.md.
 */

import { z } from 'zod';
import { errorOf, type Problem } from '../messages/catalogue.js';
import { sketchDefects } from '../messages/run.js';

/**
 * `floor(x)` that forgives a product landing a few ulps below an integer, as `0.57 * 100`
 * (56.99999999999999) does: ranks must follow the decimal q a person wrote, not its binary rounding.
 */
function floorForgiving(x: number): number {
  return Math.floor(x * (1 + 4 * Number.EPSILON));
}

/** @throws RangeError naming `what` when q is not a probability in [0, 1] */
export function checkProbability(q: number, what: string): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`${what} must be in [0, 1], got ${q}`);
}

/**
 * The lower-rank quantile rule used everywhere in liqsim: the q-quantile of n sorted values is the
 * value at 0-based position floor(q * (n - 1)). It always returns an observed value (no
 * interpolation), so it is exact for integer cents and identical for the sketch and for exact data.
 *
 * @param q quantile level in [0, 1]
 * @param n number of values, at least 1
 * @returns the 0-based rank in [0, n - 1]
 * @throws RangeError when q is outside [0, 1] or n < 1
 * @example lowerRank(0.5, 10) // 4
 */
export function lowerRank(q: number, n: number): number {
  checkProbability(q, 'quantile level');
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`need at least one value, got n = ${n}`);
  return Math.min(n - 1, floorForgiving(q * (n - 1)));
}

/**
 * How many of n values form the tail above level q for tail means (CVaR): the worst (1 - q) share,
 * rounded up, at least one. For q = 0.95 and n = 100 that is the worst 5 paths.
 *
 * @throws RangeError when q is outside [0, 1] or n < 1
 * @example tailCount(0.95, 100) // 5
 */
export function tailCount(q: number, n: number): number {
  checkProbability(q, 'tail level');
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`need at least one value, got n = ${n}`);
  return Math.max(1, n - floorForgiving(q * n));
}

/**
 * Exact lower-rank quantile of already sorted (ascending) values; the reference the sketch is
 * measured against, and usable directly where keeping every value is cheap.
 *
 * @throws RangeError when the array is empty or q is outside [0, 1]
 * @example lowerQuantileSorted([1, 2, 3, 4], 0.5) // 2
 */
export function lowerQuantileSorted(sorted: ArrayLike<number>, q: number): number {
  return sorted[lowerRank(q, sorted.length)];
}

/** Stated relative accuracy alpha of every sketch quantile: |q' - q| <= alpha |q|. */
export const SKETCH_RELATIVE_ACCURACY = 0.005;

/** Written into results metadata (`meta.statistics.quantileMethod`) and the regulator report. */
export const QUANTILE_METHOD =
  'lower rank: the value at 0-based position floor(q(n-1)) of the n path values sorted ascending, ' +
  'read from a DDSketch-style log-bucket sketch with relative accuracy 0.005 (values under 1 cent in magnitude count as exactly 0)';

/**
 * Bins are sized for a hair less than alpha so that floating-point rounding at a bin edge can never
 * push a reported value past the stated accuracy.
 */
const BIN_ACCURACY = SKETCH_RELATIVE_ACCURACY * (1 - 1e-9);
/** Ratio between consecutive bin edges. */
export const SKETCH_GAMMA = (1 + BIN_ACCURACY) / (1 - BIN_ACCURACY);
const INV_LN_GAMMA = 1 / Math.log(SKETCH_GAMMA);

/** Bins per sign: keys 0 (exactly 1) up to the first bin edge at or above 2^63; about 4,400. */
export const SKETCH_BINS_PER_SIGN = Math.ceil(Math.log(2 ** 63) * INV_LN_GAMMA) + 1;
const BINS = SKETCH_BINS_PER_SIGN;

/** Upper edge of each bin, gamma^i: bin i holds magnitudes in (UPPER[i-1], UPPER[i]]. */
const UPPER = new Float64Array(BINS);
for (let i = 0; i < BINS; i++) UPPER[i] = Math.pow(SKETCH_GAMMA, i);

/** Largest magnitude with a bin (the top bin's upper edge, just above 2^63 = 9.2e18 cents). */
export const SKETCH_MAX_MAGNITUDE = UPPER[BINS - 1];

/** Representative magnitude of each bin: 2 gamma^i / (gamma + 1). */
const REPRESENTATIVE = new Float64Array(BINS);
for (let i = 0; i < BINS; i++) REPRESENTATIVE[i] = (2 * UPPER[i]) / (SKETCH_GAMMA + 1);

/*
 * Finding a bin without Math.log (which dominates the cost of `add`): a magnitude's binary exponent
 * and top 8 mantissa bits pick a slot [2^e (1 + j/256), 2^e (1 + (j+1)/256)). A slot is narrower
 * than a bin, so it holds at most one bin edge: the slot's first bin, or the next one if the value
 * is above that bin's upper edge. Exact with respect to UPPER, and about 2.5 times faster.
 */
const MANTISSA_BITS = 8;
const SLOT_SHIFT = 20 - MANTISSA_BITS;
const EXPONENT_BIAS = 1023 << MANTISSA_BITS;
const FIRST_BIN = new Uint16Array(64 << MANTISSA_BITS);
for (let slot = 0, key = 0; slot < FIRST_BIN.length; slot++) {
  const low = 2 ** (slot >> MANTISSA_BITS) * (1 + (slot & ((1 << MANTISSA_BITS) - 1)) / (1 << MANTISSA_BITS));
  while (key < BINS - 1 && UPPER[key] < low) key++;
  FIRST_BIN[slot] = key;
}
const SCRATCH = new Float64Array(1);
const SCRATCH_WORDS = new Uint32Array(SCRATCH.buffer);
/** Index of the word holding sign, exponent and top mantissa bits (1 on little-endian machines). */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Bin key of a magnitude in [1, SKETCH_MAX_MAGNITUDE]. */
function binKey(magnitude: number): number {
  SCRATCH[0] = magnitude;
  const key = FIRST_BIN[(SCRATCH_WORDS[HIGH_WORD] >>> SLOT_SHIFT) - EXPONENT_BIAS];
  return magnitude > UPPER[key] ? key + 1 : key;
}

/**
 * The binning tables and constants, for the simulation kernel: it bins each path-day's headroom
 * itself, in WebAssembly, with exactly `binKey`'s steps (a test holds it to `sketchCell`).
 */
export const SKETCH_BINNING = {
  /** First bin of each slot (exponent and top 8 mantissa bits of the magnitude, less the bias). */
  firstBin: FIRST_BIN,
  /** Upper edge of each bin. */
  upper: UPPER,
  slotShift: SLOT_SHIFT,
  exponentBias: EXPONENT_BIAS,
} as const;

/** Largest count one bin can hold (Uint32). */
const MAX_BIN_COUNT = 0xffffffff;

// Layout of one sketch inside the flat array: positive bins, negative bins (by magnitude), zero.
const NEGATIVE = BINS;
const ZERO = 2 * BINS;
const STRIDE = 2 * BINS + 1;

/**
 * The cell of a value within one sketch: positive bins from 0, negative bins from BINS, the zero
 * bucket at 2 BINS; -1 for NaN or a magnitude beyond the range.
 */
export function sketchCell(value: number): number {
  // One code path for both signs: separate branches each calling binKey ran 10x slower on
  // mixed-sign data (measured on Node 20).
  const magnitude = Math.abs(value);
  if (magnitude < 1) return ZERO;
  if (!(magnitude <= SKETCH_MAX_MAGNITUDE)) return -1;
  return (value < 0 ? NEGATIVE : 0) + binKey(magnitude);
}

function rejected(value: number): RangeError {
  return Number.isNaN(value)
    ? new RangeError('cannot add NaN to a sketch')
    : new RangeError(`value ${value} beyond the sketch range (magnitude up to 2^63)`);
}

const binCount = z.int().min(0);
/**
 * The compact, JSON-able form of a SketchSet written into shard partial results: one entry per
 * sketch, the zero bucket's count and, in `positive` and `negative`, flat [key, count, key, count,
 * ...] pairs with keys ascending (empty bins left out). Its type is inferred from this schema;
 * `SketchSet.fromJSON` checks the rest (keys in range and ascending).
 */
export const sketchSetSchema = z.object({
  format: z.literal('liqsim/ddsketch'),
  version: z.literal(1),
  relativeAccuracy: z.number(),
  sketches: z.array(z.object({ zero: binCount, positive: z.array(binCount), negative: z.array(binCount) })),
});
export type SketchSetJSON = z.infer<typeof sketchSetSchema>;

/**
 * `size` quantile sketches (for example one per simulated day) in one flat Uint32Array, so adding
 * a value allocates nothing. Quantiles and tail means are returned unrounded; the caller rounds
 * money to whole cents with Math.round when it writes results (that adds at most half a cent).
 */
export class SketchSet {
  /** Number of sketches in the set. */
  readonly size: number;
  /** All bin counts, sketch after sketch; exposed so tests and callers can compare sets byte for byte. */
  readonly bins: Uint32Array;

  /**
   * @param size number of sketches, e.g. the horizon in days
   * @example new SketchSet(365)
   */
  constructor(size: number) {
    if (!(Number.isInteger(size) && size >= 0)) throw new RangeError(`sketch count must be a non-negative integer, got ${size}`);
    this.size = size;
    this.bins = new Uint32Array(size * STRIDE);
  }

  /**
   * Counts one value into sketch `index`. Called for every path-day, so it costs a table look-up
   * and a comparison, with no allocation.
   *
   * @param index sketch index in [0, size)
   * @param value any finite number with |value| <= SKETCH_MAX_MAGNITUDE (integer cents in liqsim)
   * @throws RangeError for an index outside the set, NaN, infinities or magnitudes beyond the range
   * @example set.add(day, headroomCents)
   */
  add(index: number, value: number): void {
    const sketch = index | 0;
    if (sketch !== index || sketch < 0 || sketch >= this.size) throw new RangeError(`sketch index ${index} outside [0, ${this.size})`);
    const cell = sketchCell(value);
    if (cell < 0) throw rejected(value);
    this.bins[sketch * STRIDE + cell]++;
  }

  /**
   * Counts values already binned (`sketchCell` of each, as the simulation kernel writes them) into
   * sketch `index`: cells[from], cells[from + 1], ... (`count` of them).
   * @throws RangeError for an index outside the set or a cell of -1 (a value the sketch rejects)
   */
  addCells(index: number, cells: Int32Array, from: number, count: number): void {
    const base = this.base(index);
    const bins = this.bins;
    for (let i = from; i < from + count; i++) {
      const cell = cells[i];
      if (!(cell >= 0 && cell < STRIDE)) throw new RangeError(`sketch cell ${cell} of a headroom outside the sketch range (NaN or magnitude beyond 2^63)`);
      bins[base + cell]++;
    }
  }

  /** Number of values of sketch `index` counted as exactly 0 (magnitude under 1). */
  countZero(index: number): number {
    return this.bins[this.base(index) + ZERO];
  }

  /** Number of values added to sketch `index`. */
  count(index: number): number {
    const base = this.base(index);
    const bins = this.bins;
    let n = 0;
    for (let i = base, end = base + STRIDE; i < end; i++) n += bins[i];
    return n;
  }

  /**
   * The lower-rank q-quantile of sketch `index` (see lowerRank): the representative of the bin
   * holding the value at sorted position floor(q(n-1)), signed; exactly 0 for the zero bucket.
   * Within SKETCH_RELATIVE_ACCURACY of the exact value. Unrounded.
   *
   * @throws RangeError for an empty sketch or q outside [0, 1]
   * @example set.quantile(day, 0.05)
   */
  quantile(index: number, q: number): number {
    return this.quantiles(index, [q])[0];
  }

  /**
   * Several lower-rank quantiles of sketch `index` (each as `quantile` gives it) in one pass over
   * its bins: what the results ask of every day's headroom.
   *
   * @throws RangeError for an empty sketch or a q outside [0, 1]
   * @example set.quantiles(day, [0.01, 0.05, 0.5, 0.95, 0.99])
   */
  quantiles(index: number, qs: readonly number[]): number[] {
    const base = this.base(index);
    const n = this.count(index);
    const ranks = qs.map((q) => lowerRank(q, n));
    const order = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b]);
    const out = new Array<number>(qs.length);
    const bins = this.bins;
    // Ascending order: negative bins from the largest magnitude down, then zero, then positive bins
    // up; each quantile takes the value of the bin where the running count passes its rank. Empty
    // bins (most of them) are skipped at the cost of a test.
    let next = 0;
    let below = 0;
    for (let key = BINS - 1; key >= 0 && next < order.length; key--) {
      const count = bins[base + NEGATIVE + key];
      if (count === 0) continue;
      below += count;
      while (next < order.length && below > ranks[order[next]]) out[order[next++]] = -REPRESENTATIVE[key];
    }
    below += bins[base + ZERO];
    while (next < order.length && below > ranks[order[next]]) out[order[next++]] = 0;
    for (let key = 0; key < BINS && next < order.length; key++) {
      const count = bins[base + key];
      if (count === 0) continue;
      below += count;
      while (next < order.length && below > ranks[order[next]]) out[order[next++]] = REPRESENTATIVE[key];
    }
    if (next === order.length) return out;
    throw new Error('unreachable: rank beyond sketch count');
  }

  /**
   * Mean of the largest values of sketch `index`: the worst (1 - q) share, rounded up, at least one
   * value (see tailCount); for peak overdue amounts at q = 0.95 this is CVaR 95%. Each value is
   * taken at its bin's representative, so the result is within SKETCH_RELATIVE_ACCURACY of the
   * mean of the tail's magnitudes. Unrounded.
   *
   * @throws RangeError for an empty sketch or q outside [0, 1]
   * @example set.meanAbove(0, 0.95)
   */
  meanAbove(index: number, q: number): number {
    const base = this.base(index);
    const tail = tailCount(q, this.count(index));
    const bins = this.bins;
    // Descending order: largest positives first, then zero, then negatives nearest zero first.
    let left = tail;
    let sum = 0;
    for (let key = BINS - 1; key >= 0 && left > 0; key--) {
      const take = Math.min(left, bins[base + key]);
      sum += take * REPRESENTATIVE[key];
      left -= take;
    }
    left -= Math.min(left, bins[base + ZERO]);
    for (let key = 0; key < BINS && left > 0; key++) {
      const take = Math.min(left, bins[base + NEGATIVE + key]);
      sum -= take * REPRESENTATIVE[key];
      left -= take;
    }
    return sum / tail;
  }

  /**
   * Adds another set's counts into this one (same size). Integer addition, so the result does not
   * depend on merge order.
   *
   * @throws RangeError when the sizes differ or a bin would exceed 2^32 - 1 values
   * @returns this set
   */
  merge(other: SketchSet): this {
    if (other.size !== this.size) throw new RangeError(`cannot merge a set of ${other.size} sketches into one of ${this.size}`);
    const mine = this.bins;
    const theirs = other.bins;
    for (let i = 0; i < mine.length; i++) {
      const sum = mine[i] + theirs[i];
      if (sum > MAX_BIN_COUNT) throw new RangeError('sketch bin overflow: more than 4,294,967,295 values in one bin');
      mine[i] = sum;
    }
    return this;
  }

  /** Sparse JSON form (only non-empty bins) for shard partial results. */
  toJSON(): SketchSetJSON {
    const sketches: SketchSetJSON['sketches'] = [];
    const bins = this.bins;
    for (let s = 0; s < this.size; s++) {
      const base = s * STRIDE;
      const positive: number[] = [];
      const negative: number[] = [];
      for (let key = 0; key < BINS; key++) {
        if (bins[base + key] !== 0) positive.push(key, bins[base + key]);
        if (bins[base + NEGATIVE + key] !== 0) negative.push(key, bins[base + NEGATIVE + key]);
      }
      sketches.push({ zero: bins[base + ZERO], positive, negative });
    }
    return { format: 'liqsim/ddsketch', version: 1, relativeAccuracy: SKETCH_RELATIVE_ACCURACY, sketches };
  }

  /**
   * Rebuilds a set from `toJSON` output, checking it fully: a shard file is user input.
   *
   * @throws LiqsimError when the data is not a liqsim sketch of this version and accuracy
   */
  static fromJSON(data: unknown): SketchSet {
    const fail = (problem: Problem): never => {
      throw errorOf(problem);
    };
    if (typeof data !== 'object' || data === null) return fail(sketchDefects.notAnObject());
    const json = data as Partial<SketchSetJSON>;
    if (json.format !== 'liqsim/ddsketch') fail(sketchDefects.header('format', 'liqsim/ddsketch', json.format));
    if (json.version !== 1) fail(sketchDefects.header('version', 1, json.version));
    if (json.relativeAccuracy !== SKETCH_RELATIVE_ACCURACY) fail(sketchDefects.header('relative accuracy', SKETCH_RELATIVE_ACCURACY, json.relativeAccuracy));
    if (!Array.isArray(json.sketches)) return fail(sketchDefects.sketchesNotArray());
    const set = new SketchSet(json.sketches.length);
    const isCount = (c: unknown): c is number => Number.isInteger(c) && (c as number) >= 0 && (c as number) <= MAX_BIN_COUNT;
    json.sketches.forEach((sketch: unknown, s) => {
      if (typeof sketch !== 'object' || sketch === null) return fail(sketchDefects.notAnObject(s));
      const { zero, positive, negative } = sketch as Record<string, unknown>;
      if (!isCount(zero)) return fail(sketchDefects.count(s, 'zero', zero));
      set.bins[s * STRIDE + ZERO] = zero;
      for (const [side, pairs, offset] of [
        ['positive', positive, 0],
        ['negative', negative, NEGATIVE],
      ] as const) {
        if (!Array.isArray(pairs) || pairs.length % 2 !== 0) return fail(sketchDefects.pairs(s, side));
        let previous = -1;
        for (let i = 0; i < pairs.length; i += 2) {
          const key: unknown = pairs[i];
          const count: unknown = pairs[i + 1];
          if (!(Number.isInteger(key) && (key as number) > previous && (key as number) < BINS)) return fail(sketchDefects.key(s, side, BINS, key));
          if (!isCount(count)) return fail(sketchDefects.count(s, `${side} count`, count));
          set.bins[s * STRIDE + offset + (key as number)] = count;
          previous = key as number;
        }
      }
    });
    return set;
  }

  private base(index: number): number {
    if (!(Number.isInteger(index) && index >= 0 && index < this.size)) throw new RangeError(`sketch index ${index} outside [0, ${this.size})`);
    return index * STRIDE;
  }
}
