/**
 * Running paths in fixed blocks. `simulateBlocks` is the single-threaded, in-process engine; the
 * multi-threaded runner hands the same block ranges to workers and merges their totals, which gives
 * identical bytes because the reduction is exact (see aggregate.ts).
 */
import type { Model } from '../model/types.js';
import { BLOCK_SIZE, BlockSums, RunTotals } from './aggregate.js';
import { PathSimulator, fieldsPerDay, type PathOutcome } from './kernel.js';
import { PathStats, shortfallHorizon } from './path-stats.js';

export function blockCount(paths: number): number {
  return Math.ceil(paths / BLOCK_SIZE);
}

/** Path index range [start, end) of block `b`. */
export function blockRange(paths: number, b: number): [number, number] {
  return [b * BLOCK_SIZE, Math.min(paths, (b + 1) * BLOCK_SIZE)];
}

/** Runs whole blocks of one model's paths in this thread and adds each block's sums to `totals`. */
export class BlockRunner {
  private readonly sim: PathSimulator;
  private readonly block: BlockSums;
  private readonly stats: PathStats | null;
  /** Days over which the funding-only peak is taken (one year or the horizon). */
  private readonly shortfallDays: number;

  constructor(
    private readonly model: Model,
    private readonly totals: RunTotals,
  ) {
    this.stats = totals.statCount > 0 ? new PathStats(model) : null;
    if (this.stats && this.stats.size !== totals.statCount) throw new RangeError(`totals hold ${totals.statCount} path statistics, the model has ${this.stats.size}`);
    this.shortfallDays = shortfallHorizon(model).covered;
    // With statistics, every path writes its records at the horizons' ends (not its whole ledger).
    this.sim = new PathSimulator(model, { headroomColumns: BLOCK_SIZE, horizonEnds: this.stats?.ends ?? [], fundingOnlyDays: this.shortfallDays });
    const sim = this.sim;
    this.block = new BlockSums(model.horizonDays, fieldsPerDay(model), totals.headroom, totals.peak, sim.accumulator(), sim.headroomCells(), totals.stats);
  }

  /** The block's per-day sums, as they stand after the last path run (fields of FIELD per day). */
  get acc(): Float64Array {
    return this.block.acc;
  }

  /**
   * Simulates block `b` (its paths in index order) and adds it to the totals; returns its path count.
   * `onPath` sees each path's outcome right after it is added to the block, with its regulatory
   * statistics (./path-stats.ts; null when the totals hold none): the analysis module reads per-path
   * figures this way, so a paired run's totals are a plain run's bytes.
   */
  run(b: number, onPath?: (path: number, outcome: PathOutcome, stats: Float64Array | null) => void): number {
    const [start, end] = blockRange(this.model.paths, b);
    const block = this.block;
    block.reset();
    const stats = this.stats;
    for (let p = start; p < end; p++) {
      const outcome = this.sim.run(p, block);
      block.addOutcome(p, outcome);
      if (!stats) {
        onPath?.(p, outcome, null);
        continue;
      }
      // The path's funding-only run (its liabilities pass reused, the limits lifted) needs only its
      // peak over the shortfall horizon: no sink, no ledger.
      const fundingOnlyPeak = stats.withShortfall ? this.sim.peakOverdueWithin(p, this.shortfallDays, true) : 0;
      const values = stats.fromRecords(this.sim.horizonRecords(), this.model.funding.openingCash, fundingOnlyPeak);
      block.addStats(values);
      onPath?.(p, outcome, values);
    }
    this.totals.addBlock(block);
    return end - start;
  }
}

/**
 * Simulates blocks [firstBlock, endBlock) of the model's paths and returns their totals.
 * `onBlock` is called after each block with the number of paths done so far.
 */
export function simulateBlocks(
  model: Model,
  firstBlock: number,
  endBlock: number,
  onBlock?: (pathsDone: number) => void,
): RunTotals {
  const totals = RunTotals.forModel(model);
  const runner = new BlockRunner(model, totals);
  let done = 0;
  for (let b = firstBlock; b < endBlock; b++) {
    done += runner.run(b);
    onBlock?.(done);
  }
  return totals;
}

/** Simulates every path of the model in this thread. */
export function simulateInProcess(model: Model, onBlock?: (pathsDone: number) => void): RunTotals {
  return simulateBlocks(model, 0, blockCount(model.paths), onBlock);
}

/** Re-simulates one path with its day-by-day ledger (e.g. the worst path for the report). */
export function simulatePathLedger(model: Model, pathIndex: number) {
  return new PathSimulator(model).run(pathIndex, null, true);
}

