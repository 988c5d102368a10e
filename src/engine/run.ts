/**
 * Running a compiled model's paths: in this thread, or on worker threads. The answer never depends
 * on which (aggregate.ts); shards run a part of the paths (shard.ts).
 */
import type { Model } from '../model/types.js';
import type { RunTotals } from './aggregate.js';
import { simulateInProcess } from './simulate.js';

export interface SimulateOptions {
  /** Worker threads (default: all cores); 1 runs in this thread. Results never depend on it. */
  threads?: number;
  /** Called with (pathsDone, pathsTotal) as blocks complete. */
  onProgress?: (done: number, total: number) => void;
}

/** A progress display for one simulation, made by the caller (the CLI's progress line on stderr). */
export interface ProgressSink {
  /** Paths done out of `total` (the run's, or a shard's). */
  update: (done: number, total: number) => void;
  /** Clears the display if one was drawn. */
  finish: () => void;
}

/** Makes the progress display of one simulation, named by `label` (e.g. the scenario file). */
export type ProgressFactory = (label: string, paths: number) => ProgressSink;

/** Simulates a compiled model: in this thread, or on worker threads when threads > 1. */
export async function simulateModel(model: Model, options: SimulateOptions = {}): Promise<RunTotals> {
  const progress = options.onProgress;
  const onProgress = progress ? (done: number) => progress(done, model.paths) : undefined;
  // Loaded here, not at the top of the file: worker threads are only needed when this runs.
  const { defaultThreads, simulateParallel } = await import('./parallel.js');
  const threads = options.threads ?? defaultThreads(model);
  if (threads <= 1) return simulateInProcess(model, onProgress);
  return simulateParallel(model, { threads, onProgress });
}
