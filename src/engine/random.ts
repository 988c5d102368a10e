/**
 * Reproducible random streams. Every path has its own stream derived from (seed, path index) alone,
 * so a path's result never depends on how many paths run, in which order, or on which thread.
 * seedrandom's Alea is used: fast (no ARC4), 32-bit resolution per draw, which is ample for the
 * path-level and daily draws the model makes. The path-level draws come first, here; the day loop's
 * WebAssembly module then continues the same stream for the daily noise, with ziggurat normals
 * (assembly/kernel.ts).
 */
import seedrandom from 'seedrandom';
import type { ShareDistribution } from '../model/types.js';

/** The generator and the normal method of the daily noise: part of the engine identity that `liqsim check` compares. */
export const GENERATOR = 'seedrandom.alea 3.0.5; daily normals: ziggurat';
export const PATH_STREAM = 'alea(`${seed}/path/${pathIndex}`)';

export type Uniform = () => number;

/** The path's stream; `state()` hands it on to the day loop's module, which continues it for the daily noise. */
export function pathStream(seed: string, pathIndex: number): seedrandom.StatefulPRNG<seedrandom.State.Alea> {
  return seedrandom.alea(`${seed}/path/${pathIndex}`, { state: true });
}

/**
 * The path's stream for management actions' draws (whether a parent agrees to a loan), separate from
 * `pathStream` so adding an action changes no other draw (paired runs with and without actions).
 */
export function actionStream(seed: string, pathIndex: number): Uniform {
  return seedrandom.alea(`${seed}/path/${pathIndex}/actions`);
}

/** Uniform in (0, 1]: safe for logarithms. */
function open01(u: Uniform): number {
  return 1 - u();
}

/** Standard normal by Box-Muller (one of the pair; the other is dropped to keep streams simple). */
export function standardNormal(u: Uniform): number {
  const r = Math.sqrt(-2 * Math.log(open01(u)));
  return r * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 via the boost u^(1/shape). */
export function gamma(shape: number, u: Uniform): number {
  if (shape < 1) return gamma(shape + 1, u) * Math.pow(open01(u), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = open01(u);
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function drawShare(dist: ShareDistribution, u: Uniform): number {
  switch (dist.kind) {
    case 'fixed':
      return dist.value;
    case 'uniform':
      return dist.low + (dist.high - dist.low) * u();
    case 'beta': {
      const x = gamma(dist.alpha, u);
      const y = gamma(dist.beta, u);
      return x + y === 0 ? dist.mean : x / (x + y);
    }
  }
}
