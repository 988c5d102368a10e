/**
 * Running blocks of paths on worker threads.
 *
 * Why the answer never depends on the thread count: the work is cut into the same fixed blocks of
 * paths as a single-threaded run (aggregate.ts), each block is summed in path order wherever it
 * runs, and block sums are added into exact integer totals. Workers claim block indices from a
 * shared counter (whoever is free takes the next block), so which worker ran a block is a matter of
 * timing, and it does not matter: integer addition gives the same totals in any order.
 *
 * The model is copied to each worker once (structured clone of its typed arrays); each worker sends
 * back its totals once, with the large arrays transferred rather than copied.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import { RunTotals, type TotalsTransfer } from './aggregate.js';
import { BlockRunner, blockCount, simulateBlocks } from './simulate.js';

/** Messages from a worker to the main thread. */
export type WorkerMessage = { type: 'block'; paths: number } | { type: 'done'; totals: TotalsTransfer };

/** What a worker is started with. */
export interface WorkerInput {
  model: Model;
  /** Int32Array over a SharedArrayBuffer: [0] is the next block index to claim. */
  nextBlock: Int32Array;
  endBlock: number;
}

/**
 * The compiled worker script next to this module, or null when this module runs from TypeScript
 * sources (vitest): Node cannot start a worker from a .ts file, and the in-process engine gives the
 * same bytes.
 */
export function compiledWorkerScript(): URL | null {
  return import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : null;
}

/**
 * Path-days a thread should have before another one pays off: a worker starts in 50 to 100 ms
 * (loading its modules, compiling the WebAssembly day loop; the longer next to a busy thread) and
 * then warms up (measured on the 2-core reference machine, simulation only, best of 5: two threads
 * lose to one at 3,000 paths x 365 days, 0.31 against 0.27 s, and win at 5,000, 0.37 against
 * 0.42 s; docs/performance.md). Two threads from 4,110 paths of 365 days.
 */
export const PATH_DAYS_PER_WORKER = 750_000;

/**
 * Threads to use when the user did not say: every core, but not more than the run can keep busy
 * (small runs, such as the many short runs of a false-alarm check, stay in this thread).
 */
export function defaultThreads(model: Model, paths: number = model.paths): number {
  const byWork = Math.floor((paths * model.horizonDays) / PATH_DAYS_PER_WORKER);
  return Math.max(1, Math.min(availableParallelism(), byWork));
}

export interface ParallelOptions {
  /** Worker threads to start (at most one per block). */
  threads: number;
  /** Called on the main thread with the number of paths done so far, after each block. */
  onProgress?: (pathsDone: number) => void;
  /** Worker script (default: `compiledWorkerScript()`). */
  workerScript?: URL;
}

/**
 * Simulates blocks [firstBlock, endBlock) of the model's paths on `threads` threads, this one and
 * threads - 1 workers, and returns their exact totals: the same bytes as
 * `simulateBlocks(model, firstBlock, endBlock)` in this thread. This thread claims blocks from the
 * same counter as the workers (one worker fewer to start), and lets the workers'
 * messages through between its blocks. With one thread, one block, or no compiled worker script,
 * it runs in this thread only.
 *
 * @throws Error when a worker fails (its message; the worker's own error is the `cause`); the
 *   other workers are stopped, nothing hangs
 */
export async function simulateBlocksParallel(model: Model, firstBlock: number, endBlock: number, options: ParallelOptions): Promise<RunTotals> {
  const blocks = Math.max(0, endBlock - firstBlock);
  const threads = Math.min(Math.max(1, Math.floor(options.threads)), blocks);
  const script = options.workerScript ?? compiledWorkerScript();
  if (threads <= 1 || script === null) return simulateBlocks(model, firstBlock, endBlock, options.onProgress);

  const nextBlock = new Int32Array(new SharedArrayBuffer(4));
  nextBlock[0] = firstBlock;
  const input: WorkerInput = { model, nextBlock, endBlock };
  const workers: Worker[] = [];
  const parts: RunTotals[] = [];
  let done = 0;
  let failure: Error | null = null;
  /** Wakes this thread when it waits for the workers (a worker finished or failed). */
  let wake: (() => void) | null = null;
  const progress = (paths: number) => {
    done += paths;
    options.onProgress?.(done);
  };
  const fail = (error: Error) => {
    if (failure !== null) return;
    failure = error;
    for (const w of workers) void w.terminate();
    wake?.();
  };
  for (let i = 0; i < threads - 1; i++) {
    const worker = new Worker(script, { workerData: input });
    let finished = false;
    worker.on('message', (message: WorkerMessage) => {
      if (failure !== null) return;
      if (message.type === 'block') return progress(message.paths);
      finished = true;
      parts.push(RunTotals.fromTransfer(message.totals));
      wake?.();
    });
    worker.on('error', (error) => fail(new Error(`simulation worker failed: ${error.message}`, { cause: error })));
    worker.on('messageerror', (error) => fail(new Error(`simulation worker sent an unreadable message: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!finished) fail(new Error(`simulation worker stopped before finishing its blocks (exit code ${code})`));
    });
    workers.push(worker);
  }

  const totals = RunTotals.forModel(model);
  try {
    // This thread's share: blocks claimed like a worker's, a turn of the event loop after each.
    const claim = () => Atomics.add(nextBlock, 0, 1);
    const ownBlocks = new BlockRunner(model, totals);
    for (let b = claim(); b < endBlock && failure === null; b = claim()) {
      progress(ownBlocks.run(b));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while (failure === null && parts.length < workers.length) await new Promise<void>((resolve) => (wake = resolve));
  } catch (error) {
    fail(error instanceof Error ? error : new Error(String(error)));
  }
  if (failure !== null) throw failure;
  for (const part of parts) totals.merge(part);
  return totals;
}

/** Simulates every path of the model on `threads` threads (see simulateBlocksParallel). */
export function simulateParallel(model: Model, options: ParallelOptions): Promise<RunTotals> {
  return simulateBlocksParallel(model, 0, blockCount(model.paths), options);
}
