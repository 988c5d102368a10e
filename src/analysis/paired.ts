/**
 * Figures of a run computed from per-path values, and their paired differences between two runs
 * made with common random numbers.
 *
 * For a figure that is a mean over paths of X_i (a probability is the mean of an indicator), the
 * paired delta of member m against the base is mean_i(X_i^m - X_i^base) and its standard error
 * sd_i(X_i^m - X_i^base) / sqrt(n) (sd with n - 1). For a quantile figure (P99 peak overdue, P5
 * first shortfall day) the delta is the difference of the two quantiles and its standard error is
 * from batch means: the paths are cut into 20 batches by index, the quantile difference is taken in
 * each batch, and SE = sd(batch differences) / sqrt(20). Both are exactly 0 for identical runs.
 */
import { lowerQuantileSorted } from '../engine/sketch.js';
import { RATIO_SCALE } from '../engine/path-stats.js';
import type { PathFigures } from './figures.js';

export const QUANTILE_BATCHES = 20;

export type FigureKey = 'pAnyShortfall' | 'expectedPeak' | 'p99Peak' | 'firstShortfallP5';

/** A regulatory ratio's mean over paths (`lcr3_3m`), or its share of paths below the floor. */
export type RatioKey = `lcr2_${number}m` | `lcr3_${number}m` | `basel${number}d`;
export type RatioFigureKey = RatioKey | `pBelowFloor(${RatioKey})`;
/** Any figure of a paired comparison: the four above, or a ratio's (./ratio-figures.ts). */
export type AnyFigureKey = FigureKey | RatioFigureKey;
export type FigureUnit = 'probability' | 'amount' | 'days' | 'ratio';

export const FIGURE_KEYS: readonly FigureKey[] = ['pAnyShortfall', 'expectedPeak', 'p99Peak', 'firstShortfallP5'];

export const FIGURE_LABELS: Record<FigureKey, string> = {
  pAnyShortfall: 'P(any shortfall)',
  expectedPeak: 'expected peak overdue',
  p99Peak: 'peak overdue P99',
  firstShortfallP5: 'first shortfall day P5',
};

export const FIGURE_UNITS: Record<FigureKey, 'probability' | 'amount' | 'days'> = {
  pAnyShortfall: 'probability',
  expectedPeak: 'amount',
  p99Peak: 'amount',
  firstShortfallP5: 'days',
};

const BELOW = /^pBelowFloor\((.+)\)$/;

/** The ratio of a ratio figure and whether the figure is its share below the floor; null for the four core figures. */
export function ratioOf(key: AnyFigureKey): { ratio: RatioKey; below: boolean } | null {
  if ((FIGURE_KEYS as readonly string[]).includes(key)) return null;
  const m = BELOW.exec(key);
  return m ? { ratio: m[1] as RatioKey, below: true } : { ratio: key as RatioKey, below: false };
}

export function figureUnit(key: AnyFigureKey): FigureUnit {
  const r = ratioOf(key);
  return r === null ? FIGURE_UNITS[key as FigureKey] : r.below ? 'probability' : 'ratio';
}

/** The two figures of each ratio, in order: its mean (`lcr3_3m`) and its share below the floor (`pBelowFloor(lcr3_3m)`). */
export function ratioFigureKeys(ratios: readonly RatioKey[]): RatioFigureKey[] {
  return ratios.flatMap((k): RatioFigureKey[] => [k, `pBelowFloor(${k})`]);
}

/** What a ratio figure is, for the analysis files' `method`. */
export const RATIO_METHOD = "a ratio figure is the mean over paths of the path's ratio (capped at 1,000,000 on a path without outflows in the horizon), pBelowFloor the share of paths below the floor";

/** A figure's label: "P(LCR3 3m < 0.5)", "LCR3 3m (mean)"; `f` holds the ratios' labels and floors. */
export function figureLabel(key: AnyFigureKey, f?: Pick<PathFigures, 'ratioFigures'>): string {
  const r = ratioOf(key);
  if (r === null) return FIGURE_LABELS[key as FigureKey];
  const rf = f?.ratioFigures.find((x) => x.key === r.ratio);
  const name = rf?.label ?? r.ratio;
  return r.below ? `P(${name} < ${rf?.floor ?? 'floor'})` : `${name} (mean)`;
}

/** Per-path values of a ratio figure (the ratio, or 1 when below its floor); throws when the run did not keep that ratio. */
function ratioSeries(f: PathFigures, key: AnyFigureKey, from: number, to: number): Float64Array {
  const r = ratioOf(key)!;
  const R = f.ratioFigures.length;
  const j = f.ratioFigures.findIndex((x) => x.key === r.ratio);
  if (j < 0) throw new RangeError(`figure ${key}: the run kept no ratio ${r.ratio}`);
  const floor = f.ratioFigures[j].floorScaled;
  const out = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    const x = f.ratios[i * R + j];
    out[i - from] = r.below ? (x < floor ? 1 : 0) : x / RATIO_SCALE;
  }
  return out;
}

/** A figure's value, or null when undefined (no path has a shortfall, for the first-shortfall day). */
export function figure(f: PathFigures, key: AnyFigureKey, from = 0, to = f.paths): number | null {
  const n = to - from;
  if (n <= 0) return null;
  if (ratioOf(key) !== null) return meanSd(ratioSeries(f, key, from, to)).mean;
  switch (key as FigureKey) {
    case 'pAnyShortfall': {
      let k = 0;
      for (let i = from; i < to; i++) if (f.firstShortfallDay[i] >= 0) k++;
      return k / n;
    }
    case 'expectedPeak': {
      let s = 0;
      for (let i = from; i < to; i++) s += f.peakOverdue[i];
      return s / n / 100;
    }
    case 'p99Peak': {
      const sorted = Float64Array.from(f.peakOverdue.subarray(from, to)).sort();
      return lowerQuantileSorted(sorted, 0.99) / 100;
    }
    case 'firstShortfallP5': {
      const days: number[] = [];
      for (let i = from; i < to; i++) if (f.firstShortfallDay[i] >= 0) days.push(f.firstShortfallDay[i]);
      if (days.length === 0) return null;
      return lowerQuantileSorted(Float64Array.from(days).sort(), 0.05);
    }
  }
}

/** Per-path values of a mean figure (null for quantile figures). */
export function perPath(f: PathFigures, key: AnyFigureKey): Float64Array | null {
  if (ratioOf(key) !== null) return ratioSeries(f, key, 0, f.paths);
  if (key === 'pAnyShortfall') return Float64Array.from(f.firstShortfallDay, (d) => (d >= 0 ? 1 : 0));
  if (key === 'expectedPeak') return Float64Array.from(f.peakOverdue, (x) => x / 100);
  return null;
}

export interface PairedDelta {
  /** Member minus base. */
  delta: number | null;
  /** Paired standard error (common random numbers). */
  se: number | null;
  /** Standard error as if the runs were independent: sqrt(var_m / n + var_base / n); mean figures only. */
  unpairedSe: number | null;
  /** |delta| > 2 SE (for SE 0: delta not 0). */
  significant: boolean;
}

/** Mean and sample standard deviation (n - 1), two-pass: 0 exactly for constant values. */
export function meanSd(x: ArrayLike<number>): { mean: number; sd: number } {
  const n = x.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

export function significant(delta: number | null, se: number | null): boolean {
  if (delta === null || se === null) return false;
  return se === 0 ? delta !== 0 : Math.abs(delta) > 2 * se;
}

/** Paired delta of a per-path series x^m - x^base (same paths). */
export function pairedOfSeries(member: ArrayLike<number>, base: ArrayLike<number>): PairedDelta {
  const n = base.length;
  if (member.length !== n) throw new RangeError(`paired runs need the same paths (${member.length} against ${n})`);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = member[i] - base[i];
  const { mean, sd } = meanSd(d);
  const a = meanSd(member);
  const b = meanSd(base);
  const se = sd / Math.sqrt(n);
  return { delta: mean, se, unpairedSe: Math.sqrt((a.sd * a.sd + b.sd * b.sd) / n), significant: significant(mean, se) };
}

/** Paired delta of a figure between a member's and the base's figures (same seed and paths). */
export function pairedDelta(member: PathFigures, base: PathFigures, key: AnyFigureKey): PairedDelta {
  if (member.paths !== base.paths) throw new RangeError(`paired runs need the same paths (${member.paths} against ${base.paths})`);
  const xm = perPath(member, key);
  const xb = perPath(base, key);
  if (xm && xb) return pairedOfSeries(xm, xb);
  const whole = [figure(member, key), figure(base, key)];
  const delta = whole[0] === null || whole[1] === null ? null : whole[0] - whole[1];
  const n = base.paths;
  const batches = Math.min(QUANTILE_BATCHES, n);
  const diffs: number[] = [];
  for (let b = 0; b < batches; b++) {
    const from = Math.floor((b * n) / batches);
    const to = Math.floor(((b + 1) * n) / batches);
    const m = figure(member, key, from, to);
    const s = figure(base, key, from, to);
    if (m !== null && s !== null) diffs.push(m - s);
  }
  const se = delta === null || diffs.length < 2 ? null : meanSd(diffs).sd / Math.sqrt(diffs.length);
  return { delta, se, unpairedSe: null, significant: significant(delta, se) };
}

/** Daily P(overdue) of a run: the share of paths with an overdue payout at the end of each date. */
export function dailyOverdueProbability(f: PathFigures): Float64Array {
  const out = new Float64Array(f.days);
  for (let i = 0; i < f.paths; i++) for (let d = 0; d < f.days; d++) out[d] += f.overdueOnDay[i * f.days + d];
  for (let d = 0; d < f.days; d++) out[d] /= f.paths;
  return out;
}

/** Per path: 1 when it has an overdue payout on some date in [from, to] (day indices). */
export function overdueInWindow(f: PathFigures, from: number, to: number): Float64Array {
  const out = new Float64Array(f.paths);
  for (let i = 0; i < f.paths; i++) {
    for (let d = from; d <= to; d++) {
      if (f.overdueOnDay[i * f.days + d]) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}

/** Paired delta of the overdue indicator on each date. */
export function dailyPairedDeltas(member: PathFigures, base: PathFigures): PairedDelta[] {
  const out: PairedDelta[] = [];
  const xm = new Float64Array(base.paths);
  const xb = new Float64Array(base.paths);
  for (let d = 0; d < base.days; d++) {
    for (let i = 0; i < base.paths; i++) {
      xm[i] = member.overdueOnDay[i * base.days + d];
      xb[i] = base.overdueOnDay[i * base.days + d];
    }
    out.push(pairedOfSeries(xm, xb));
  }
  return out;
}

/** Digits a figure and its delta are rounded to in the JSON files: amounts to the cent, others to 1e-6. */
export const digitsOf = (key: AnyFigureKey): number => (figureUnit(key) === 'amount' ? 2 : 6);

/** A paired delta rounded as its figure (`digitsOf`). */
export function roundedDelta(d: PairedDelta, key: AnyFigureKey): PairedDelta {
  const digits = digitsOf(key);
  return { delta: round(d.delta, digits), se: round(d.se, digits), unpairedSe: round(d.unpairedSe, digits), significant: d.significant };
}

/** Rounds for JSON and display: probabilities to 1e-6, amounts to the cent, others to 1e-6. */
export function round(x: number | null, digits = 6): number | null {
  if (x === null || !Number.isFinite(x)) return x === null ? null : x;
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
