/**
 * Reverse stress test: the lever value at which a target is first breached, by a grid, then
 * bisection, every run with common random numbers (the same seed and paths: each run differs from the
 * others only by the lever, so the target figure is a step function of the lever on these paths and
 * moves monotonically wherever each path's outcome does).
 *
 * 1. Grid: `grid` values across [low, high] (log-spaced when low > 0 and high/low >= 10). Each path's
 *    value is checked along the grid (its any-overdue indicator; for a ratio target, its ratio or its
 *    below-floor indicator): a path whose value goes against the direction of the search is
 *    non-monotone (counted, first ones listed with the grid step where they turn back, and counted
 *    per grid step), and grid steps where the target figure itself goes back are listed.
 * 2. Bracket: the first grid interval over which the target goes from not breached to breached.
 * 3. Bisection inside it (in log of the lever when low > 0) until the bracket's width is at most
 *    `tolerance` times its breaching end; the answer is that end (the breaching value closest to the
 *    non-breaching side).
 */
import type { Model } from '../model/types.js';
import type { PairedRunner } from './pool.js';
import type { PathFigures } from './figures.js';
import { baseValue, setLever, type LeverKey } from './variants.js';
import { breachSign, breached, checkTarget, needsRatios, targetValue, type Target } from './target.js';
import { perPath } from './paired.js';

export interface ReverseOptions {
  lever: LeverKey;
  target: Target;
  low: number;
  high: number;
  /** Relative width of the final bracket (default 0.01). */
  tolerance?: number;
  /** Grid points for the monotonicity check and the bracket (default 8). */
  grid?: number;
  /** Day index for dated levers. */
  at?: number;
  /** Most bisection runs (default 40). */
  maxBisections?: number;
}

export interface CurvePoint {
  lever: number;
  value: number;
  breached: boolean;
}

export interface ReverseResult {
  lever: string;
  target: string;
  baseLeverValue: number;
  range: [number, number];
  /** 'increasing': breached for large lever values; 'decreasing': for small ones. */
  direction: 'increasing' | 'decreasing' | null;
  /** The breaching lever value closest to the non-breaching side; null when not found. */
  kStar: number | null;
  /** The bracket [non-breaching, breaching] at the end. */
  bracket: [number, number] | null;
  toleranceReached: number | null;
  tolerance: number;
  runs: number;
  found: boolean;
  /** Why not found. */
  note: string | null;
  monotonicity: {
    gridPoints: number;
    nonMonotonePaths: number;
    examplePaths: number[];
    /** For each example path, the first grid step [from, to] where it goes against the search's direction. */
    examples: { path: number; from: number; to: number }[];
    /** Per grid step [from, to]: how many paths go against the search's direction there (steps with none left out). */
    pathsAgainstByStep: { from: number; to: number; paths: number }[];
    /** What each path's monotonicity is judged on. */
    perPathFigure: string;
    /** Grid steps [from, to] where the target figure moves against the search's direction. */
    nonMonotoneSteps: [number, number][];
  };
  curve: CurvePoint[];
  method: string;
}

function gridValues(low: number, high: number, n: number): number[] {
  const log = low > 0 && high / low >= 10;
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1);
    return log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
  });
}

function anyOverdue(f: PathFigures): Float64Array {
  return Float64Array.from(f.firstShortfallDay, (d) => (d >= 0 ? 1 : 0));
}

export async function reverseStress(base: Model, runner: PairedRunner, options: ReverseOptions): Promise<ReverseResult> {
  const { lever, target } = options;
  checkTarget(target, base);
  const ratios = needsRatios(target);
  // +1: the target is breached by large values of its figure; the checks below read s * value.
  const s = breachSign(target);
  // A path's own value along the grid: its any-overdue indicator, or for a ratio target its ratio (or below-floor indicator).
  const pathValues = (f: PathFigures) => (ratios ? perPath(f, target.figure as Exclude<Target['figure'], 'maxDailyPOverdue'>)! : anyOverdue(f));
  const tolerance = options.tolerance ?? 0.01;
  const at = options.at ?? 0;
  const [low, high] = [Math.min(options.low, options.high), Math.max(options.low, options.high)];
  const curve: CurvePoint[] = [];
  let runs = 0;
  const evaluate = async (k: number) => {
    const { figures } = await runner.run(setLever(base, lever, k, at), false, ratios);
    runs++;
    const value = targetValue(figures, target.figure);
    const point = { lever: k, value, breached: breached(target, value) };
    curve.push(point);
    return { point, figures };
  };

  const grid = gridValues(low, high, Math.max(2, options.grid ?? 8));
  const gridRuns: { point: CurvePoint; path: Float64Array }[] = [];
  for (const k of grid) {
    const { point, figures } = await evaluate(k);
    gridRuns.push({ point, path: pathValues(figures) });
  }
  const first = gridRuns[0].point;
  const last = gridRuns[gridRuns.length - 1].point;
  const direction = first.breached === last.breached ? (s * last.value >= s * first.value ? 'increasing' : 'decreasing') : last.breached ? 'increasing' : 'decreasing';

  // Monotonicity along the grid, per path and for the target figure: going up the grid in the
  // search's direction, s * value should never fall.
  const against = (a: number, b: number) => (direction === 'increasing' ? s * b < s * a : s * b > s * a);
  let nonMonotone = 0;
  const examples: { path: number; from: number; to: number }[] = [];
  const byStep = new Array<number>(grid.length).fill(0);
  const n = gridRuns[0].path.length;
  for (let i = 0; i < n; i++) {
    let firstBad = -1;
    for (let j = 1; j < gridRuns.length; j++) {
      if (!against(gridRuns[j - 1].path[i], gridRuns[j].path[i])) continue;
      byStep[j]++;
      if (firstBad < 0) firstBad = j;
    }
    if (firstBad >= 0) {
      nonMonotone++;
      if (examples.length < 10) examples.push({ path: i, from: grid[firstBad - 1], to: grid[firstBad] });
    }
  }
  const steps: [number, number][] = [];
  for (let j = 1; j < gridRuns.length; j++) {
    if (against(gridRuns[j - 1].point.value, gridRuns[j].point.value)) steps.push([grid[j - 1], grid[j]]);
  }
  const monotonicity = {
    gridPoints: grid.length,
    nonMonotonePaths: nonMonotone,
    examplePaths: examples.map((e) => e.path),
    examples,
    pathsAgainstByStep: byStep.flatMap((paths, j) => (paths > 0 ? [{ from: grid[j - 1], to: grid[j], paths }] : [])),
    perPathFigure: ratios ? target.figure : 'any overdue payout (0 or 1)',
    nonMonotoneSteps: steps,
  };

  const result = (kStar: number | null, bracket: [number, number] | null, note: string | null): ReverseResult => ({
    lever: lever.text,
    target: target.text,
    baseLeverValue: baseValue(base, lever, at),
    range: [low, high],
    direction: first.breached === last.breached ? null : direction,
    kStar,
    bracket,
    toleranceReached: bracket ? Math.abs(bracket[1] - bracket[0]) / Math.max(Math.abs(bracket[1]), Number.MIN_VALUE) : null,
    tolerance,
    runs,
    found: kStar !== null,
    note,
    monotonicity,
    curve: [...curve].sort((a, b) => a.lever - b.lever),
    method: `grid of ${grid.length}, then bisection${low > 0 ? ' in log of the lever' : ''} with common random numbers (seed ${base.seed}, ${base.paths} paths), relative tolerance ${tolerance}`,
  });

  if (first.breached && last.breached) return result(direction === 'increasing' ? low : high, null, 'the target is breached over the whole range');
  if (!first.breached && !last.breached) return result(null, null, 'the target is not breached anywhere in the range');

  // The first grid step from not breached to breached, in the search's direction.
  const ordered = direction === 'increasing' ? gridRuns : [...gridRuns].reverse();
  let j = 1;
  while (j < ordered.length && !(ordered[j].point.breached && !ordered[j - 1].point.breached)) j++;
  let ok = ordered[j - 1].point.lever;
  let bad = ordered[j].point.lever;
  const logScale = low > 0;
  const width = () => Math.abs(bad - ok) / Math.max(Math.abs(bad), Number.MIN_VALUE);
  const maxBisections = options.maxBisections ?? 40;
  for (let i = 0; i < maxBisections && width() > tolerance; i++) {
    const mid = logScale ? Math.sqrt(ok * bad) : (ok + bad) / 2;
    const { point } = await evaluate(mid);
    if (point.breached) bad = mid;
    else ok = mid;
  }
  return result(bad, [ok, bad], null);
}
