/**
 * A path's random draws as one typed value, `PathDraws`, and how they are drawn (docs/model.md,
 * "Monte Carlo and reproducibility"): every path has its own stream, `seedrandom.alea("<seed>/path/<i>")`;
 * the path-level draws come first, in a fixed order (level, shock occurrences, credit-line refusals,
 * asset haircuts, rollover shares, triggered-change agreements), then one daily noise multiplier per day.
 *
 * The kernel (../kernel.ts `PathSimulator.drawPath`) makes the same draws in the same order for its own
 * paths; the differential test (tests/engine/differential.test.ts) holds the two to the same results,
 * which they only give if every draw is the same.
 */
import type { Model } from '../../model/types.js';
import { actionStream, drawShare, pathStream, standardNormal } from '../random.js';
import { instantiateKernel, type KernelExports } from '../wasm.js';

/** Everything random about one path: the model's inputs that are not in the `Model`. */
export interface PathDraws {
  /** L: the path's surrender level, lognormal with mean 1 (1 when `level.sd` is 0). */
  readonly level: number;
  /** Per shock of `model.stress.shocks`: whether it happens on this path. */
  readonly shockHappens: readonly boolean[];
  /** Per credit line: whether the bank refuses to honour it on this path. */
  readonly lineRefused: readonly boolean[];
  /** Per asset: the share of market value a sale keeps, 1 - haircut. */
  readonly assetKeep: readonly number[];
  /** Per liability group: the share of maturing value rolled over. */
  readonly rollShare: readonly number[];
  /** Per triggered limit change (in `model.payments.changes` order, triggered ones only): whether the bank agrees when it fires. */
  readonly triggerAgrees: readonly boolean[];
  /** N(t): the daily noise multiplier of the hazard per day (mean 1), or null when `daily_noise_sd` is 0. */
  readonly noise: Float64Array | null;
  /**
   * Per intra-group loan (management actions): whether the parent agrees on this path; drawn from the
   * path's own actions stream (`actionStream`), so adding actions leaves every other draw unchanged.
   * Absent: all agree.
   */
  readonly loanGranted?: readonly boolean[];
}

/**
 * Draws path `pathIndex` of `model`: the path-level draws with seedrandom's Alea and Box-Muller
 * (../random.ts), then the daily noise continuing the same stream.
 */
export function drawPath(model: Model, pathIndex: number): PathDraws {
  const u = pathStream(model.seed, pathIndex);
  const sd = model.stress.levelSd;
  // L = exp(sd Z - sd^2 / 2), so E[L] = 1
  const level = sd > 0 ? Math.exp(sd * standardNormal(u) - 0.5 * sd * sd) : 1;
  const shockHappens = model.stress.shocks.map((s) => u() < s.probability);
  const lineRefused = model.funding.creditLines.map((l) => u() < l.failProbability);
  const assetKeep = model.funding.assets.map((a) => 1 - drawShare(a.haircut, u));
  const rollShare = model.groups.map((g) => drawShare(g.rollover, u));
  const triggerAgrees = model.payments.changes.flatMap((c) => (c.kind === 'triggered' ? [u() < c.probability] : []));
  const noise = model.stress.dailyNoiseSd > 0 ? dailyNoise(u.state(), model.stress.dailyNoiseSd, model.horizonDays) : null;
  const loans = model.actions?.loans ?? [];
  if (loans.length === 0) return { level, shockHappens, lineRefused, assetKeep, rollShare, triggerAgrees, noise };
  const v = actionStream(model.seed, pathIndex);
  const loanGranted = loans.map((l) => v() < l.probability);
  return { level, shockHappens, lineRefused, assetKeep, rollShare, triggerAgrees, noise, loanGranted };
}

/** The state of a seedrandom Alea stream. */
export interface AleaState {
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
  readonly c: number;
}

let noiseKernel: { k: KernelExports; dest: number; capacity: number } | null = null;

/** The WebAssembly module whose math the reference shares (see `dailyNoise` and `kernelPow`). */
function kernelMath(): KernelExports {
  return (noiseKernel ??= { k: instantiateKernel(), dest: 0, capacity: 0 }).k;
}

/**
 * x^y with the kernel's own Math.pow (AssemblyScript's port of musl), which differs from V8's in the
 * last bit for about 0.15% of the (1 − rate)^(1/365) the annual-rate hazard takes (measured on 10^6
 * rates): with V8's, the reference would differ from the kernel in a policy count's last bit on most
 * paths of an annual-rate model.
 */
export function kernelPow(x: number, y: number): number {
  return kernelMath().pow(x, y);
}

/**
 * N(t) = exp(sd Z_t - sd^2 / 2) for t = 0 .. days - 1, Z_t standard normals by the ziggurat
 * (Marsaglia and Tsang, 2000) continuing the path's stream.
 *
 * Taken from the WebAssembly module's own generator (its `noiseMultipliers` export) rather than a
 * TypeScript port: the module's Math.exp and Math.log are AssemblyScript's ports of musl, which give a
 * different last bit from V8's for about 9% of arguments (measured: 187,860 of 2,000,000 for exp), so
 * a port would differ from the kernel's noise on most paths and no reference could match the kernel
 * to the bit. The noise is an input of the model, like the other draws; `noiseMultipliers` is tested
 * to be what the kernel's two-lane `drawNoise` gives each path (the differential test runs paths in
 * lane 0 and lane 1 of the kernel against this).
 */
export function dailyNoise(state: AleaState, sd: number, days: number): Float64Array {
  if (noiseKernel === null || noiseKernel.capacity < days) {
    const k = kernelMath();
    const capacity = Math.max(days, 512);
    noiseKernel = { k, dest: k.alloc(capacity * 8), capacity };
  }
  const { k, dest } = noiseKernel;
  k.noiseMultipliers(state.s0, state.s1, state.s2, state.c, sd, days, dest);
  return new Float64Array(k.memory.buffer, dest, days).slice();
}
