/**
 * Runs many variants of one model with common random numbers, on worker threads that stay up
 * between runs (a reverse stress search makes a dozen runs; starting workers for each would cost
 * 50 to 100 ms a worker a run, and each worker compiles the WebAssembly kernel once, not per run).
 *
 * As in the engine's parallel runner (src/engine/parallel.ts), this thread and the workers claim
 * fixed blocks of paths from a shared counter; per-path figures are placed by path index and block
 * totals are added exactly, so nothing depends on the thread count or on which thread ran a block.
 * With one thread, or from TypeScript sources (vitest: no compiled worker script), everything runs in
 * this thread and gives the same bytes.
 */
import { Worker } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import { RunTotals, type TotalsTransfer } from '../engine/aggregate.js';
import { blockCount } from '../engine/simulate.js';
import { FiguresBlockRunner, allocFigures, placeBlock, type BlockFigures, type PathFigures } from './figures.js';
import { ratioFigures } from './ratio-figures.js';

/** A run request to a worker. */
export interface JobMessage {
  id: number;
  model: Model;
  withTotals: boolean;
  /** Keep each path's regulatory ratios (./ratio-figures.ts). */
  ratios: boolean;
  /** Int32Array over a SharedArrayBuffer: [0] is the next block to claim. */
  nextBlock: Int32Array;
  endBlock: number;
}

/** A worker's answer: the blocks it ran, and its totals when asked. */
export type WorkerReply =
  | { type: 'done'; id: number; blocks: BlockFigures[]; totals: TotalsTransfer | null }
  | { type: 'error'; id: number; message: string };

export interface PairedRun {
  figures: PathFigures;
  /** Exact totals (the same bytes as `simulateModel`), when asked for. */
  totals: RunTotals | null;
}

/** The compiled worker script next to this module, or null from TypeScript sources. */
function compiledScript(): URL | null {
  return import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : null;
}

interface Pending {
  resolve: (reply: Extract<WorkerReply, { type: 'done' }>) => void;
  reject: (error: Error) => void;
}

/**
 * A pool of `threads - 1` workers plus this thread. `run` may be called many times; `close` stops
 * the workers (call it when done, or the process keeps running).
 */
export class PairedRunner {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<Worker, Pending>();
  private nextId = 0;
  private failure: Error | null = null;
  /** Runs made, for reports ("N runs"). */
  runs = 0;

  constructor(readonly threads: number = 1) {
    const script = compiledScript();
    const n = script === null ? 0 : Math.max(0, Math.floor(threads) - 1);
    for (let i = 0; i < n; i++) {
      const worker = new Worker(script!);
      worker.on('message', (reply: WorkerReply) => {
        const p = this.pending.get(worker);
        if (!p) return;
        this.pending.delete(worker);
        if (reply.type === 'error') p.reject(new Error(`analysis worker failed: ${reply.message}`));
        else p.resolve(reply);
      });
      worker.on('error', (error) => this.fail(new Error(`analysis worker failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => {
        if (this.pending.has(worker)) this.fail(new Error(`analysis worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [w, p] of this.pending) {
      this.pending.delete(w);
      p.reject(error);
    }
  }

  /**
   * Runs every path of `model`: per-path figures (with the regulatory ratios when `ratios`), and
   * exact totals when `withTotals`.
   */
  async run(model: Model, withTotals = false, ratios = false): Promise<PairedRun> {
    if (this.failure) throw this.failure;
    this.runs++;
    const endBlock = blockCount(model.paths);
    const figures = allocFigures(model.paths, model.horizonDays, ratios ? ratioFigures(model) : []);
    const totals = withTotals ? RunTotals.forModel(model) : null;
    const nextBlock = new Int32Array(new SharedArrayBuffer(4));
    const helpers = this.workers.slice(0, Math.max(0, endBlock - 1));
    const id = this.nextId++;
    const replies = helpers.map(
      (worker) =>
        new Promise<Extract<WorkerReply, { type: 'done' }>>((resolve, reject) => {
          this.pending.set(worker, { resolve, reject });
          worker.postMessage({ id, model, withTotals, ratios, nextBlock, endBlock } satisfies JobMessage);
        }),
    );
    const own = new FiguresBlockRunner(model, totals, ratios);
    for (let b = Atomics.add(nextBlock, 0, 1); b < endBlock; b = Atomics.add(nextBlock, 0, 1)) {
      placeBlock(figures, own.run(b));
      // Let the workers' messages through between blocks.
      if (helpers.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (const reply of await Promise.all(replies)) {
      for (const block of reply.blocks) placeBlock(figures, block);
      if (totals && reply.totals) totals.merge(RunTotals.fromTransfer(reply.totals));
    }
    return { figures, totals };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
