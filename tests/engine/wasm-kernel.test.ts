import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { errorFunction, mean, sampleKurtosis, sampleSkewness, variance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { CauseCode, FIELD, LEDGER_ORDER, PathSimulator, PayoutKind, TOTALS_ORDER } from '../../src/engine/kernel.js';
import { instantiateKernel, type KernelExports } from '../../src/engine/wasm.js';
import { SKETCH_BINS_PER_SIGN, SKETCH_GAMMA, SKETCH_MAX_MAGNITUDE, sketchCell } from '../../src/engine/sketch.js';
import { busyModel } from './busy-model.js';

// The day loop's fast roundings (in the WebAssembly module) must give Math.round's answer (up to the
// sign of zero) wherever the kernel uses them: amounts of at most 2^52 cents in magnitude.
const kernel = instantiateKernel();
const roundHalfUp = (x: number) => kernel.roundHalfUpCents(x);
const roundSigned = (x: number) => kernel.roundSignedCents(x);
const LIMIT = 2 ** 52;
const same = (a: number, b: number) => a === b; // -0 === 0: the sign of zero is not kept

describe('kernel rounding', () => {
  it('roundHalfUp equals Math.round on [0, 2^52)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: LIMIT, maxExcluded: true, noNaN: true }), (x) => same(roundHalfUp(x), Math.round(x))),
      { numRuns: 20000 },
    );
  });

  it('roundSigned equals Math.round on (-2^52, 2^52)', () => {
    fc.assert(
      fc.property(fc.double({ min: -LIMIT, max: LIMIT, minExcluded: true, maxExcluded: true, noNaN: true }), (x) =>
        same(roundSigned(x), Math.round(x)),
      ),
      { numRuns: 20000 },
    );
  });

  it('handles the values where floor(x + 0.5) alone goes wrong', () => {
    const justBelowHalf = 0.49999999999999994; // x + 0.5 rounds up to 1
    for (const x of [justBelowHalf, -justBelowHalf, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 2 ** 52 - 0.5, -(2 ** 52) + 0.5, 0, -0]) {
      expect(roundSigned(x), String(x)).toBe(Math.round(x) + 0); // + 0 turns -0 into 0
      if (x >= 0) expect(roundHalfUp(x), String(x)).toBe(Math.round(x) + 0);
    }
  });
});

describe('the daily noise stream', () => {
  it('continues seedrandom Alea streams number for number', () => {
    const count = 1000;
    const dest = kernel.alloc(count * 8);
    for (const seed of ['2020Q1/path/0', 'x/path/99999', '']) {
      const u = seedrandom.alea(seed, { state: true });
      for (let i = 0; i < 17; i++) u(); // the path-level draws come first
      const { s0, s1, s2, c } = u.state();
      kernel.aleaUniforms(s0, s1, s2, c, count, dest);
      const continued = Array.from(new Float64Array(kernel.memory.buffer, dest, count));
      expect(continued).toEqual(Array.from({ length: count }, () => u()));
    }
  });
});

describe('the daily noise normals (ziggurat)', () => {
  // 2,000,000 normals from a fixed stream: deterministic, so these checks pass or fail the same way on
  // every run; each bound is the 99.9% level of its statistic for a true standard normal. The
  // wedges and the tail are about 1% of draws, so a mistake there moves only a little mass: the
  // chi-square test over 256 equiprobable bins is the one that sees it.
  const count = 2_000_000;
  const dest = kernel.alloc(count * 8);
  const { s0, s1, s2, c } = seedrandom.alea('ziggurat-test', { state: true }).state();
  kernel.normals(s0, s1, s2, c, count, dest);
  const z = Array.from(new Float64Array(kernel.memory.buffer, dest, count));
  const phi = (x: number) => 0.5 * (1 + errorFunction(x / Math.SQRT2));

  it('has mean 0, variance 1, no skew and normal kurtosis', () => {
    expect(Math.abs(mean(z))).toBeLessThan(3.29 / Math.sqrt(count));
    expect(Math.abs(variance(z) - 1)).toBeLessThan(3.29 * Math.sqrt(2 / count));
    expect(Math.abs(sampleSkewness(z))).toBeLessThan(3.29 * Math.sqrt(6 / count));
    expect(Math.abs(sampleKurtosis(z))).toBeLessThan(3.29 * Math.sqrt(24 / count));
  });

  it('fills 256 bins of equal normal probability evenly (chi-square)', () => {
    const bins = 256;
    const counts = new Array<number>(bins).fill(0);
    for (const x of z) counts[Math.min(bins - 1, Math.floor(phi(x) * bins))]++;
    const expected = count / bins;
    const chi2 = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 99.9% point of chi-square with 255 degrees of freedom (Wilson-Hilferty): about 330
    const k = bins - 1;
    const limit = k * (1 - 2 / (9 * k) + 3.09 * Math.sqrt(2 / (9 * k))) ** 3;
    expect(chi2).toBeLessThan(limit);
  });

  it('reaches the tail beyond the base layer (|z| > 3.4426) as often as the normal does', () => {
    const tail = z.filter((x) => Math.abs(x) > 3.442619855899).length;
    const p = 2 * (1 - phi(3.442619855899));
    expect(Math.abs(tail - count * p)).toBeLessThan(3.29 * Math.sqrt(count * p * (1 - p)));
    const far = z.filter((x) => Math.abs(x) > 4.5).length; // about 14 expected
    expect(far).toBeGreaterThan(2);
    expect(far).toBeLessThan(35);
  });
});

describe('the layout the two sides of the kernel share', () => {
  // The day loop (AssemblyScript) and its TypeScript side name the same fields, ledger rows and
  // totals by position; the module exports its positions, so a change on one side only fails here.
  const exported = kernel as unknown as Record<string, { value: number }>;
  const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

  it('per-day sum fields', () => {
    for (const [name, index] of Object.entries(FIELD)) expect(exported[`F_${snake(name)}`]?.value, name).toBe(index);
  });

  it('ledger rows and conservation totals', () => {
    LEDGER_ORDER.forEach((key, row) => expect(exported[`LEDGER_${snake(key)}`]?.value, key).toBe(row));
    TOTALS_ORDER.forEach((key, i) => expect(exported[`OUT_${snake(key)}`]?.value, key).toBe(3 + i));
  });

  it('payout kinds and binding causes', () => {
    expect([exported.MATURITY.value, exported.SURRENDER.value, exported.OTHER.value]).toEqual([PayoutKind.Maturity, PayoutKind.Surrender, PayoutKind.Other]);
    expect([exported.CAUSE_NONE.value, exported.CAUSE_FUNDING.value, exported.CAUSE_CHANNEL.value, exported.CAUSE_PROCESSING.value]).toEqual([
      CauseCode.None,
      CauseCode.Funding,
      CauseCode.Channel,
      CauseCode.Processing,
    ]);
  });
});

describe("the kernel's headroom binning", () => {
  // A configured kernel (the sketch tables come with the model's slots); its views are not used after.
  const sim = new PathSimulator(busyModel(2), { headroomColumns: 4 });
  const k = (sim as unknown as { k: KernelExports }).k;
  const cellsOf = (values: number[]): number[] => {
    const at = k.alloc(values.length * 8);
    const dest = k.alloc(values.length * 4);
    new Float64Array(k.memory.buffer, at, values.length).set(values);
    k.sketchCells(at, values.length, dest);
    return Array.from(new Int32Array(k.memory.buffer, dest, values.length));
  };

  it('puts every value in the cell sketchCell gives, edges of bins included', () => {
    const edges: number[] = [];
    for (let i = 0; i < SKETCH_BINS_PER_SIGN; i += 7) {
      const e = SKETCH_GAMMA ** i;
      edges.push(e, e * (1 + 2 ** -52), e * (1 - 2 ** -53), -e);
    }
    const specials = [0, -0, 0.5, -0.999, 1, -1, 2 ** 53, SKETCH_MAX_MAGNITUDE, -SKETCH_MAX_MAGNITUDE, 2 ** 64, NaN, Infinity, -Infinity];
    const values = [...edges, ...specials];
    expect(cellsOf(values)).toEqual(values.map(sketchCell));
    expect(cellsOf([NaN, 2 ** 64])).toEqual([-1, -1]);
  });

  it('agrees with sketchCell on arbitrary amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: false }), { minLength: 1, maxLength: 200 }), (values) => {
        expect(cellsOf(values)).toEqual(values.map(sketchCell));
      }),
      { numRuns: 200 },
    );
  });
});
