/**
 * Results never depend on the thread count: the same bytes for 1, 2 and 3 threads, through the
 * built CLI and through the library; worker failures surface as errors, never as a hang.
 */
import { describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { busyModel } from '../engine/busy-model.js';
import { PATH_DAYS_PER_WORKER, defaultThreads } from '../../src/engine/parallel.js';
import { fixture, liqsim, root, tmp } from './helpers.js';

// Generous: the machine running the tests may be busy; nothing here is timed.
vi.setConfig({ testTimeout: 120_000 });

// The built engine (dist/): its worker script is JavaScript.
const parallel: typeof import('../../src/engine/parallel.js') = await import(pathToFileURL(join(root, 'dist/engine/parallel.js')).href);
const simulate: typeof import('../../src/engine/simulate.js') = await import(pathToFileURL(join(root, 'dist/engine/simulate.js')).href);

describe('liqsim run --threads', () => {
  it('writes byte-identical results.json and daily.csv for 1, 2 and 3 threads', () => {
    const outs = [1, 2, 3].map((threads) => {
      const out = tmp();
      const r = liqsim(['run', fixture, '--out', out, '--threads', String(threads), '--no-report']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const dir = join(out, 'stressed');
      return { json: readFileSync(join(dir, 'results.json'), 'utf8'), csv: readFileSync(join(dir, 'daily.csv'), 'utf8') };
    });
    expect(JSON.parse(outs[0].json).meta.run.paths).toBe(700);
    expect(outs[1].json).toBe(outs[0].json);
    expect(outs[2].json).toBe(outs[0].json);
    expect(outs[1].csv).toBe(outs[0].csv);
    expect(outs[2].csv).toBe(outs[0].csv);
  });

  it('rejects a thread count that is not a whole number >= 1', () => {
    const r = liqsim(['run', fixture, '--out', tmp(), '--threads', '0', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--threads must be a whole number from 1 to 1,024 (found 0)');
  });
});

describe('default thread count', () => {
  it('keeps small runs in one thread and gives large runs every core', () => {
    const model = busyModel(); // 90 days
    const paths = (pathDays: number) => Math.ceil(pathDays / model.horizonDays);
    expect(defaultThreads({ ...model, paths: paths(PATH_DAYS_PER_WORKER) - 1 })).toBe(1);
    expect(defaultThreads({ ...model, paths: paths(2 * PATH_DAYS_PER_WORKER) })).toBe(Math.min(2, availableParallelism()));
    expect(defaultThreads({ ...model, paths: 10_000_000 })).toBe(availableParallelism());
  });
});

describe('simulateBlocksParallel', () => {
  // 3 blocks: 2 full, the last with 17 paths.
  const model = { ...busyModel(), paths: 2 * 256 + 17 };
  const reference = JSON.stringify(simulate.simulateInProcess(model).toJSON());

  it.each([1, 2, 3, 5])('gives the in-process totals exactly with %i thread(s)', async (threads) => {
    const totals = await parallel.simulateParallel(model, { threads });
    expect(totals.paths).toBe(model.paths);
    expect(JSON.stringify(totals.toJSON())).toBe(reference);
  });

  it('runs a block range (a shard) exactly as in-process', async () => {
    const inProcess = JSON.stringify(simulate.simulateBlocks(model, 1, 3).toJSON());
    const threaded = await parallel.simulateBlocksParallel(model, 1, 3, { threads: 2 });
    expect(JSON.stringify(threaded.toJSON())).toBe(inProcess);
  });

  it('reports progress after every block, ending at the number of paths', async () => {
    const seen: number[] = [];
    await parallel.simulateParallel(model, { threads: 2, onProgress: (done) => seen.push(done) });
    expect(seen.length).toBe(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(model.paths);
  });

  it('turns an exception in a worker into a clear error', async () => {
    const script = join(tmp(), 'throws.mjs');
    writeFileSync(script, "throw new Error('kernel exploded');\n");
    await expect(parallel.simulateParallel(model, { threads: 2, workerScript: pathToFileURL(script) })).rejects.toThrow(
      /simulation worker failed: kernel exploded/,
    );
  });

  it('turns a worker that exits without its totals into a clear error', async () => {
    const script = join(tmp(), 'exits.mjs');
    writeFileSync(script, 'process.exit(7);\n');
    await expect(parallel.simulateParallel(model, { threads: 2, workerScript: pathToFileURL(script) })).rejects.toThrow(
      /stopped before finishing its blocks \(exit code 7\)/,
    );
  });
});
