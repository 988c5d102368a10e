/**
 * An analysis worker thread (started by pool.ts): it stays up between runs; for each job it claims
 * blocks from the job's shared counter, runs them (figures, and totals when asked) and replies once.
 */
import { parentPort } from 'node:worker_threads';
import { RunTotals } from '../engine/aggregate.js';
import { FiguresBlockRunner, type BlockFigures } from './figures.js';
import type { JobMessage, WorkerReply } from './pool.js';

if (parentPort === null) throw new Error('analysis/worker.js must be started as a worker thread (see PairedRunner)');
const port = parentPort;

port.on('message', (job: JobMessage) => {
  try {
    const totals = job.withTotals ? RunTotals.forModel(job.model) : null;
    const runner = new FiguresBlockRunner(job.model, totals, job.ratios);
    const blocks: BlockFigures[] = [];
    for (let b = Atomics.add(job.nextBlock, 0, 1); b < job.endBlock; b = Atomics.add(job.nextBlock, 0, 1)) blocks.push(runner.run(b));
    const buffers = blocks.flatMap((b) => [b.peakOverdue.buffer, b.firstShortfallDay.buffer, b.overdueOnDay.buffer, b.ratios.buffer] as ArrayBuffer[]);
    if (totals) {
      const [packed, more] = totals.toTransfer();
      port.postMessage({ type: 'done', id: job.id, blocks, totals: packed } satisfies WorkerReply, [...buffers, ...more]);
    } else port.postMessage({ type: 'done', id: job.id, blocks, totals: null } satisfies WorkerReply, buffers);
  } catch (error) {
    port.postMessage({ type: 'error', id: job.id, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  }
});
