import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { instantiateKernel } from '../../src/engine/wasm.js';

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
