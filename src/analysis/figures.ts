/**
 * Per-path figures for paired comparisons (common random numbers).
 *
 * Every path draws from its own stream, derived from the seed and the path index only
 * (src/engine/random.ts), so two models run with the same seed give path i the same draws: the
 * difference X_i^m - X_i^base of any per-path figure is a paired difference, and its mean's standard
 * error is sd_i(X_i^m - X_i^base) / sqrt(n). This module runs a model's blocks of paths and keeps,
 * per path, the figures those comparisons need: whether it has any overdue payout, its peak overdue
 * amount, its first shortfall day, per date whether a payout is overdue at the end of the date and,
 * when asked, its regulatory ratios (./ratio-figures.ts).
 *
 * `FiguresBlockRunner` runs a block through the engine's own BlockRunner when totals are wanted (so
 * totals built alongside are the same bytes as a plain run's: a suite's base member is
 * byte-identical to `liqsim run`), reading each path's figures from its per-path hook.
 */
import type { Model } from '../model/types.js';
import { RunTotals, shortfallPathsIn } from '../engine/aggregate.js';
import { PathSimulator, fieldsPerDay, type DaySink } from '../engine/kernel.js';
import { BlockRunner, blockCount, blockRange } from '../engine/simulate.js';
import { PathStats } from '../engine/path-stats.js';
import { RatioReader, ratioFigures, ratioStatIndices, type RatioFigure } from './ratio-figures.js';

/** Per-path figures of one run, indexed by path. */
export interface PathFigures {
  paths: number;
  days: number;
  /** Peak end-of-day overdue amount (cents). */
  peakOverdue: Float64Array;
  /** First day with an overdue payout, -1 when none. */
  firstShortfallDay: Int32Array;
  /** 1 when a payout is overdue at the end of day d: [path * days + d]. */
  overdueOnDay: Uint8Array;
  /** The ratio figures kept (none unless asked). */
  ratioFigures: RatioFigure[];
  /** Each path's ratios in millionths: [path * ratioFigures.length + r]. */
  ratios: Float64Array;
}

export function allocFigures(paths: number, days: number, ratios: RatioFigure[] = []): PathFigures {
  return {
    paths,
    days,
    peakOverdue: new Float64Array(paths),
    firstShortfallDay: new Int32Array(paths).fill(-1),
    overdueOnDay: new Uint8Array(paths * days),
    ratioFigures: ratios,
    ratios: new Float64Array(paths * ratios.length),
  };
}

/** A block's figures, path `start` first. */
export interface BlockFigures {
  start: number;
  peakOverdue: Float64Array;
  firstShortfallDay: Int32Array;
  overdueOnDay: Uint8Array;
  ratios: Float64Array;
}

/** Copies a block's figures into the run's. */
export function placeBlock(into: PathFigures, b: BlockFigures): void {
  into.peakOverdue.set(b.peakOverdue, b.start);
  into.firstShortfallDay.set(b.firstShortfallDay, b.start);
  into.overdueOnDay.set(b.overdueOnDay, b.start * into.days);
  into.ratios.set(b.ratios, b.start * into.ratioFigures.length);
}

/** A sink that keeps one path's daily sums only (no headroom): figures without totals. */
class PathSink implements DaySink {
  readonly acc: Float64Array;
  constructor(size: number) {
    this.acc = new Float64Array(size);
  }
  addHeadroom(): void {}
}

/**
 * Runs whole blocks of one model's paths in this thread and returns each block's per-path figures;
 * with `totals`, also adds each block to them exactly as the engine's BlockRunner does. With
 * `ratios`, also each path's regulatory ratios: with totals from the engine's path statistics,
 * without from the path's own per-day sums (./ratio-figures.ts; asked only when ratios are shown).
 */
export class FiguresBlockRunner {
  /** With totals: the engine's block runner. Without: a bare simulator and a one-path sink. */
  private readonly runner: BlockRunner | null;
  private readonly sim: PathSimulator | null;
  private readonly sink: PathSink | null;
  private readonly F: number;
  private readonly H: number;
  /** Without totals, reads the ratios from the path's own sums (null when ratios are not asked). */
  private readonly reader: RatioReader | null;
  /** With totals, the ratios' indices among the path statistics the engine computes anyway. */
  private readonly ratioAt: number[];
  private readonly R: number;

  constructor(
    private readonly model: Model,
    totals: RunTotals | null,
    ratios = false,
  ) {
    this.H = model.horizonDays;
    this.F = fieldsPerDay(model);
    this.runner = totals ? new BlockRunner(model, totals) : null;
    this.sim = totals ? null : new PathSimulator(model);
    this.sink = totals ? null : new PathSink(this.H * this.F);
    const figs = ratios ? ratioFigures(model) : [];
    this.R = figs.length;
    this.reader = !totals && figs.length > 0 ? new RatioReader(model, figs) : null;
    this.ratioAt = totals && figs.length > 0 ? ratioStatIndices(new PathStats(model), figs) : [];
    // with totals a path's ratios come from the engine's path statistics, which a scenario without a
    // regulatory: key does not compute: no caller asks for both today, so say so here, not per path
    if (totals && figs.length > 0 && totals.statCount === 0) throw new RangeError('ratio figures with totals need a scenario with a regulatory: key (path statistics)');
  }

  run(b: number): BlockFigures {
    const [start, end] = blockRange(this.model.paths, b);
    const n = end - start;
    const { H, F, R, ratioAt } = this;
    const out: BlockFigures = { start, peakOverdue: new Float64Array(n), firstShortfallDay: new Int32Array(n), overdueOnDay: new Uint8Array(n * H), ratios: new Float64Array(n * R) };
    const record = (p: number, outcome: { peakOverdue: number; firstShortfallDay: number }, overdue: (d: number) => boolean, stats: Float64Array | null): void => {
      const i = p - start;
      out.peakOverdue[i] = outcome.peakOverdue;
      out.firstShortfallDay[i] = outcome.firstShortfallDay;
      for (let d = 0; d < H; d++) if (overdue(d)) out.overdueOnDay[i * H + d] = 1;
      if (R > 0 && this.runner) {
        for (let r = 0; r < R; r++) out.ratios[i * R + r] = stats![ratioAt[r]];
      }
    };
    if (this.runner) {
      // In block sums, a path's overdue indicator is the rise of the day's shortfall-path count
      // (whole numbers, exact in doubles); the block starts from zero.
      const runner = this.runner;
      const before = new Float64Array(H);
      runner.run(b, (p, outcome, stats) => {
        const acc = runner.acc;
        record(p, outcome, (d) => shortfallPathsIn(acc, F, d) !== before[d], stats);
        for (let d = 0; d < H; d++) before[d] = shortfallPathsIn(acc, F, d);
      });
      return out;
    }
    const acc = this.sink!.acc;
    for (let p = start; p < end; p++) {
      acc.fill(0);
      const outcome = this.sim!.run(p, this.sink);
      record(p, outcome, (d) => shortfallPathsIn(acc, F, d) !== 0, null);
      this.reader?.read(acc, F, out.ratios, (p - start) * R);
    }
    return out;
  }
}

/** Runs every path of the model in this thread: its figures, and its totals when asked. */
export function figuresInProcess(model: Model, withTotals: boolean, ratios = false): { figures: PathFigures; totals: RunTotals | null } {
  const totals = withTotals ? RunTotals.forModel(model) : null;
  const runner = new FiguresBlockRunner(model, totals, ratios);
  const figures = allocFigures(model.paths, model.horizonDays, ratios ? ratioFigures(model) : []);
  for (let b = 0; b < blockCount(model.paths); b++) placeBlock(figures, runner.run(b));
  return { figures, totals };
}
