import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import {
  QUANTILE_METHOD,
  SKETCH_BINS_PER_SIGN,
  SKETCH_MAX_MAGNITUDE,
  SKETCH_RELATIVE_ACCURACY,
  SketchSet,
  sketchCell,
  lowerQuantileSorted,
  tailCount,
} from '../../src/engine/sketch.js';
import { LiqsimError } from '../../src/errors.js';

const ALPHA = SKETCH_RELATIVE_ACCURACY;

/** Integer cents with magnitudes log-uniform in 1e2..1e14, 30% negative, 5% zero. */
function mixedValues(seed: string, n: number): number[] {
  const random = seedrandom.alea(seed);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = random();
    if (u < 0.05) values.push(0);
    else values.push((u < 0.35 ? -1 : 1) * Math.round(10 ** (2 + 12 * random())));
  }
  return values;
}

function sketchOf(values: readonly number[]): SketchSet {
  const set = new SketchSet(1);
  for (const v of values) set.add(0, v);
  return set;
}

function expectWithinAccuracy(approx: number, exact: number, what: string): void {
  const error = Math.abs(approx - exact);
  if (!(error <= ALPHA * Math.abs(exact))) {
    throw new Error(`${what}: sketch ${approx} vs exact ${exact}, relative error ${error / Math.abs(exact)} > ${ALPHA}`);
  }
}

describe('SketchSet accuracy', () => {
  const values = mixedValues('x', 10_000);
  const sorted = [...values].sort((a, b) => a - b);
  const set = sketchOf(values);

  it('counts every value', () => {
    expect(set.count(0)).toBe(10_000);
  });

  it('gives every quantile 0.01..0.99 (and 0, 1) within alpha of the exact lower-rank quantile', () => {
    for (let percent = 0; percent <= 100; percent++) {
      const q = percent / 100;
      expectWithinAccuracy(set.quantile(0, q), lowerQuantileSorted(sorted, q), `q = ${q}`);
    }
  });

  it('gives tail means within alpha of the exact mean of the worst (1 - q) share', () => {
    for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      const tail = sorted.slice(sorted.length - tailCount(q, sorted.length));
      const exact = tail.reduce((a, b) => a + b, 0) / tail.length;
      const meanMagnitude = tail.reduce((a, b) => a + Math.abs(b), 0) / tail.length;
      const approx = set.meanAbove(0, q);
      expect(Math.abs(approx - exact)).toBeLessThanOrEqual(ALPHA * meanMagnitude);
    }
  });

  it('puts every value of the whole range in a bin within alpha of it', () => {
    const random = seedrandom.alea('range');
    const probes: number[] = [];
    for (let v = 1; v <= 2000; v++) probes.push(v);
    for (let e = 0; e <= 62; e++) probes.push(2 ** e, 2 ** e + 1, 2 ** e * 1.5);
    for (let e = 2; e <= 18; e++) probes.push(10 ** e, 10 ** e - 1);
    for (let i = 0; i < 2000; i++) probes.push(2 ** (63 * random()));
    probes.push(2 ** 53 - 1, 1e16, 2 ** 63, SKETCH_MAX_MAGNITUDE);
    const sorted = [...probes, ...probes.map((v) => -v)].sort((a, b) => a - b);
    const set = sketchOf(sorted);
    // q = r / (n - 1) reads exactly rank r, so every value is checked against its own bin.
    for (let r = 0; r < sorted.length; r++) expectWithinAccuracy(set.quantile(0, r / (sorted.length - 1)), sorted[r], `rank ${r}`);
  });

  it('keeps values under a cent in an exact zero bucket, and +-1 out of it', () => {
    const set = sketchOf([0, -0, 0.4, -0.99, 0.999]);
    expect(Object.is(set.quantile(0, 0), 0)).toBe(true);
    expect(Object.is(set.quantile(0, 1), 0)).toBe(true);
    expect(set.meanAbove(0, 0)).toBe(0);
    const edges = sketchOf([-1, 0, 1]);
    expectWithinAccuracy(edges.quantile(0, 0), -1, 'minus one cent');
    expect(edges.quantile(0, 0.5)).toBe(0);
    expectWithinAccuracy(edges.quantile(0, 1), 1, 'one cent');
    // Bins are sized a hair inside alpha so rounding at a bin edge cannot reach it.
    expect(Math.abs(edges.quantile(0, 1) - 1)).toBeLessThan(ALPHA);
    expect(Math.abs(edges.quantile(0, 1) - 1)).toBeGreaterThan(ALPHA * 0.999);
  });

  it('follows the lower rank rule floor(q (n - 1)) on a small example', () => {
    const set = sketchOf([500, 100, 300, 200, 400]);
    // n = 5: q = 0.5 -> rank 2 (300); q = 0.74 -> floor(2.96) = 2 (300); q = 0.75 -> rank 3 (400).
    expectWithinAccuracy(set.quantile(0, 0.5), 300, 'median');
    expectWithinAccuracy(set.quantile(0, 0.74), 300, 'q 0.74');
    expectWithinAccuracy(set.quantile(0, 0.75), 400, 'q 0.75');
    // Negative values come back negative, in ascending order.
    const negative = sketchOf([-500, -100, -300]);
    expectWithinAccuracy(negative.quantile(0, 0), -500, 'minimum');
    expectWithinAccuracy(negative.quantile(0, 1), -100, 'maximum');
  });

  it('keeps sketches of one set apart', () => {
    const set = new SketchSet(3);
    set.add(0, 1000);
    set.add(2, -1000);
    set.add(2, -1000);
    expect([set.count(0), set.count(1), set.count(2)]).toEqual([1, 0, 2]);
    expectWithinAccuracy(set.quantile(2, 0.5), -1000, 'sketch 2');
  });
});

/** Byte-for-byte equality of two sets' bins (vitest's deep equality is slow on large typed arrays). */
function sameBytes(x: SketchSet, y: SketchSet): boolean {
  return x.size === y.size && Buffer.from(x.bins.buffer).equals(Buffer.from(y.bins.buffer));
}

describe('SketchSet.quantiles: several levels in one pass', () => {
  it('gives each level what quantile gives it, in the order asked, repeats included', () => {
    const set = sketchOf(mixedValues('several', 5000));
    const qs = [0.99, 0, 0.5, 0.01, 1, 0.5, 0.05, 0.95];
    expect(set.quantiles(0, qs)).toEqual(qs.map((q) => set.quantile(0, q)));
    const sorted = Float64Array.from(mixedValues('several', 5000)).sort();
    set.quantiles(0, qs).forEach((x, i) => {
      const exact = lowerQuantileSorted(sorted, qs[i]);
      if (Math.abs(exact) < 1) expect(x).toBe(0);
      else expectWithinAccuracy(x, exact, `q = ${qs[i]}`);
    });
  });

  it('counts cells the kernel binned, and rejects the cell of a value out of range', () => {
    const values = mixedValues('cells', 300);
    const cells = Int32Array.from(values, sketchCell);
    const set = new SketchSet(1);
    set.addCells(0, cells, 0, cells.length);
    expect(Array.from(set.bins)).toEqual(Array.from(sketchOf(values).bins));
    expect(() => set.addCells(0, Int32Array.of(-1), 0, 1)).toThrow(RangeError);
    expect(sketchCell(Number.NaN)).toBe(-1);
  });
});

describe('SketchSet merging and serialisation', () => {
  const values = mixedValues('merge', 6_000);
  const days = 3;
  const build = (part: readonly number[], offset: number): SketchSet => {
    const set = new SketchSet(days);
    part.forEach((v, i) => set.add((offset + i) % days, v));
    return set;
  };
  const whole = build(values, 0);
  const a = () => build(values.slice(0, 2_000), 0);
  const b = () => build(values.slice(2_000, 3_500), 2_000);
  const c = () => build(values.slice(3_500), 3_500);

  it('merging parts gives exactly the bytes of one set fed everything, in any order', () => {
    expect(sameBytes(a().merge(b()).merge(c()), whole)).toBe(true);
    expect(sameBytes(c().merge(a()).merge(b()), whole)).toBe(true);
    expect(sameBytes(b().merge(c().merge(a())), whole)).toBe(true);
    expect(sameBytes(a().merge(b()), whole)).toBe(false);
  });

  it('round-trips through JSON, and deserialised parts merge to the direct merge', () => {
    const roundTrip = (set: SketchSet) => SketchSet.fromJSON(JSON.parse(JSON.stringify(set.toJSON())));
    expect(sameBytes(roundTrip(whole), whole)).toBe(true);
    expect(sameBytes(roundTrip(a()).merge(roundTrip(b())).merge(roundTrip(c())), whole)).toBe(true);
    expect(sameBytes(roundTrip(new SketchSet(2)), new SketchSet(2))).toBe(true);
  });

  it('writes only non-empty bins, keys ascending', () => {
    const json = sketchOf([5, 5, 1e6, -7, 0, 0, 0]).toJSON();
    expect(json.format).toBe('liqsim/ddsketch');
    expect(json.relativeAccuracy).toBe(ALPHA);
    const [sketch] = json.sketches;
    expect(sketch.zero).toBe(3);
    expect(sketch.positive).toHaveLength(4);
    expect(sketch.positive[1]).toBe(2);
    expect(sketch.positive[0]).toBeLessThan(sketch.positive[2]);
    expect(sketch.negative).toHaveLength(2);
    expect(sketch.negative[1]).toBe(1);
  });

  it('rejects data that is not a liqsim sketch of this accuracy', () => {
    const good = sketchOf([5, 1e6]).toJSON();
    const bad: unknown[] = [
      null,
      { ...good, format: 'other' },
      { ...good, version: 2 },
      { ...good, relativeAccuracy: 0.01 },
      { ...good, sketches: 'x' },
      { ...good, sketches: [{ zero: -1, positive: [], negative: [] }] },
      { ...good, sketches: [{ zero: 0, positive: [1], negative: [] }] },
      { ...good, sketches: [{ zero: 0, positive: [SKETCH_BINS_PER_SIGN, 1], negative: [] }] },
      { ...good, sketches: [{ zero: 0, positive: [5, 1, 5, 1], negative: [] }] },
      { ...good, sketches: [{ zero: 0, positive: [], negative: [3, 1.5] }] },
    ];
    for (const data of bad) expect(() => SketchSet.fromJSON(data), JSON.stringify(data)).toThrow(LiqsimError);
  });

  it('refuses to merge sets of different sizes or to overflow a bin', () => {
    expect(() => new SketchSet(2).merge(new SketchSet(3))).toThrow(RangeError);
    const full = SketchSet.fromJSON({ ...new SketchSet(1).toJSON(), sketches: [{ zero: 0xffffffff, positive: [], negative: [] }] });
    expect(() => full.merge(sketchOf([0]))).toThrow(/overflow/);
  });
});

describe('SketchSet input checks', () => {
  it('rejects NaN, infinities, magnitudes beyond the range and bad indexes', () => {
    const set = new SketchSet(2);
    expect(() => set.add(0, Number.NaN)).toThrow(RangeError);
    expect(() => set.add(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => set.add(0, -Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => set.add(0, 2 ** 64)).toThrow(RangeError);
    expect(() => set.add(2, 1)).toThrow(RangeError);
    expect(() => set.add(-1, 1)).toThrow(RangeError);
    expect(() => set.add(0.5, 1)).toThrow(RangeError);
    expect(set.count(0) + set.count(1)).toBe(0);
  });

  it('has no quantile for an empty sketch and checks q', () => {
    const set = sketchOf([1]);
    expect(() => new SketchSet(1).quantile(0, 0.5)).toThrow(RangeError);
    expect(() => new SketchSet(1).meanAbove(0, 0.5)).toThrow(RangeError);
    expect(() => set.quantile(0, 1.01)).toThrow(RangeError);
    expect(() => set.quantile(0, Number.NaN)).toThrow(RangeError);
    expect(() => set.quantile(1, 0.5)).toThrow(RangeError);
  });

  it('states its method and accuracy', () => {
    expect(ALPHA).toBe(0.005);
    expect(QUANTILE_METHOD).toMatch(/floor\(q\(n-1\)\)/);
    expect(QUANTILE_METHOD).toContain('0.005');
    expect(SKETCH_MAX_MAGNITUDE).toBeGreaterThanOrEqual(2 ** 63);
  });
});
