/**
 * The per-day headroom quantiles in results come from mergeable sketches (so memory does not grow
 * with paths and threads/shards merge exactly). Their stated accuracy: within 0.5% (relative) of
 * the exact lower-rank quantile. Checked here against the exact quantiles of a small run, computed
 * by re-running every path with a sink that keeps every value.
 */
import { describe, expect, it } from 'vitest';
import { PathSimulator, fieldsPerDay, type DaySink } from '../../src/engine/kernel.js';
import { simulateInProcess } from '../../src/engine/simulate.js';
import { deriveModel } from '../../src/model/compile.js';
import { SKETCH_RELATIVE_ACCURACY, SketchSet, lowerQuantileSorted } from '../../src/engine/sketch.js';
import { busyModel } from '../engine/busy-model.js';

/** Keeps every path's headroom, per day. */
class RecordingSink implements DaySink {
  readonly acc: Float64Array;
  readonly values: number[][];
  constructor(days: number, fields: number) {
    this.acc = new Float64Array(days * fields);
    this.values = Array.from({ length: days }, () => []);
  }
  addHeadroom(day: number, value: number): void {
    this.values[day].push(value);
  }
}

describe('headroom quantile sketches', () => {
  // The busy model with its assets taken away: headroom goes negative on many paths.
  const busy = busyModel();
  const model = deriveModel({ ...busy, paths: 600, funding: { ...busy.funding, assets: [] } });
  const totals = simulateInProcess(model);
  const sink = new RecordingSink(model.horizonDays, fieldsPerDay(model));
  const sim = new PathSimulator(model);
  const peaks: number[] = [];
  for (let p = 0; p < model.paths; p++) peaks.push(sim.run(p, sink).peakOverdue);
  const exactDays = sink.values.map((v) => Float64Array.from(v).sort());

  it('the run is varied enough to test: headroom spreads over orders of magnitude and signs', () => {
    const all = exactDays.flatMap((v) => Array.from(v));
    expect(Math.min(...all)).toBeLessThan(0);
    expect(Math.max(...all)).toBeGreaterThan(0);
    expect(new Set(all).size).toBeGreaterThan(model.paths);
  });

  it('the kernel bins every headroom into the same cell as SketchSet.add', () => {
    // The run's sketches were filled by the kernel's own binning (in WebAssembly); the same values
    // added one by one in JavaScript must give the same counts in every bin of every day.
    const added = new SketchSet(model.horizonDays);
    sink.values.forEach((values, d) => values.forEach((x) => added.add(d, x)));
    expect(Buffer.from(totals.headroom.bins.buffer).equals(Buffer.from(added.bins.buffer))).toBe(true);
  });

  it.each([0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1])('q = %s: every day within the stated 0.5% of the exact value', (q) => {
    for (let d = 0; d < model.horizonDays; d++) {
      const exact = lowerQuantileSorted(exactDays[d], q);
      const sketch = totals.headroom.quantile(d, q);
      if (Math.abs(exact) < 1) expect(sketch).toBe(0);
      else expect(Math.abs(sketch - exact)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY * Math.abs(exact));
    }
  });

  it('peak overdue quantiles and the CVaR tail mean are within the stated accuracy too', () => {
    const sorted = Float64Array.from(peaks).sort();
    expect(sorted[sorted.length - 1]).toBeGreaterThan(0);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = lowerQuantileSorted(sorted, q);
      expect(Math.abs(totals.peak.quantile(0, q) - exact)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY * Math.abs(exact));
    }
    const tail = Array.from(sorted).slice(Math.floor(0.95 * sorted.length));
    const tailMean = tail.reduce((a, b) => a + b, 0) / tail.length;
    expect(Math.abs(totals.peak.meanAbove(0, 0.95) - tailMean)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY * tailMean);
  });
});
