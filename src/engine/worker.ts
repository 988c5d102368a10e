/**
 * A simulation worker thread (started by parallel.ts). It claims block indices from the shared
 * counter until none are left, sums each block exactly as the single-threaded engine does, reports
 * each finished block for progress, and sends its totals back once at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RunTotals } from './aggregate.js';
import type { WorkerInput, WorkerMessage } from './parallel.js';
import { BlockRunner } from './simulate.js';

if (parentPort === null) throw new Error('worker.js must be started as a worker thread (see simulateBlocksParallel)');
const port = parentPort;
const { model, nextBlock, endBlock } = workerData as WorkerInput;

const totals = RunTotals.forModel(model);
const runner = new BlockRunner(model, totals);
for (;;) {
  const b = Atomics.add(nextBlock, 0, 1);
  if (b >= endBlock) break;
  port.postMessage({ type: 'block', paths: runner.run(b) } satisfies WorkerMessage);
}
const [packed, buffers] = totals.toTransfer();
port.postMessage({ type: 'done', totals: packed } satisfies WorkerMessage, buffers);
