/**
 * A simulation worker thread (started by parallel.ts). It claims block indices from the shared
 * counter until none are left, sums each block exactly as the single-threaded engine does, reports
 * each finished block for progress, and sends its totals back once at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockSums, RunTotals } from './aggregate.js';
import { PathSimulator, fieldsPerDay } from './kernel.js';
import { packTotals, type WorkerInput, type WorkerMessage } from './parallel.js';
import { blockRange } from './simulate.js';

if (parentPort === null) throw new Error('worker.js must be started as a worker thread (see simulateBlocksParallel)');
const port = parentPort;
const { model, nextBlock, endBlock } = workerData as WorkerInput;

const sim = new PathSimulator(model);
const totals = RunTotals.forModel(model);
const block = new BlockSums(model.horizonDays, fieldsPerDay(model), totals.headroom, totals.peak, sim.accumulator());
for (;;) {
  const b = Atomics.add(nextBlock, 0, 1);
  if (b >= endBlock) break;
  const [start, end] = blockRange(model.paths, b);
  block.reset();
  for (let p = start; p < end; p++) block.addOutcome(p, sim.run(p, block));
  totals.addBlock(block);
  port.postMessage({ type: 'block', paths: end - start } satisfies WorkerMessage);
}
const [packed, buffers] = packTotals(totals);
port.postMessage({ type: 'done', totals: packed } satisfies WorkerMessage, buffers);
