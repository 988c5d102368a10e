/**
 * Sharding: K shards merged give the results of one run, byte for byte; parts that do not make
 * exactly one whole run are refused with a clear message and exit code 2.
 */
import { describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShard, shardBlocks, combinePartials, partialResult, type PartialRunIdentity } from '../../src/engine/shard.js';
import { RunTotals } from '../../src/engine/aggregate.js';
import { simulateBlocks } from '../../src/engine/simulate.js';
import { busyModel } from '../engine/busy-model.js';
import { runScenario } from '../../src/results/run.js';
import { runShard, writePartial } from '../../src/engine/shard.js';
import { mergeShards } from '../../src/results/merge.js';
import { resultsJson } from '../../src/results/write.js';
import { fixture, liqsim, root, tmp } from './helpers.js';

vi.setConfig({ testTimeout: 120_000 });

describe('liqsim run --shard and liqsim merge', () => {
  const one = tmp();
  const parts = tmp();
  const merged = tmp();
  const r = liqsim(['run', fixture, '--out', one, '--no-report', '--threads', '1']);
  const shards = [1, 2, 3].map((k) => liqsim(['run', fixture, '--out', parts, '--shard', `${k}/3`, '--threads', '2']));
  const partDir = join(parts, 'stressed');

  it('writes one partial file per shard, naming its path range', () => {
    expect(r.code).toBe(0);
    for (const s of shards) {
      expect(s.stderr).toBe('');
      expect(s.code).toBe(0);
    }
    expect(shards[0].stdout).toContain('Shard 1/3 of');
    expect(shards[0].stdout).toContain('paths 0..255 of 700');
    expect(readdirSync(partDir).sort()).toEqual(['.liqsim-output', 'partial-1-of-3.json', 'partial-2-of-3.json', 'partial-3-of-3.json']);
  });

  it('merges into results.json and daily.csv identical to one run', () => {
    const m = liqsim(['merge', join(partDir, 'partial-3-of-3.json'), join(partDir, 'partial-1-of-3.json'), join(partDir, 'partial-2-of-3.json'), '--out', merged, '--no-report']);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('P(any overdue payout)');
    for (const f of ['results.json', 'daily.csv']) {
      expect(readFileSync(join(merged, 'stressed', f), 'utf8')).toBe(readFileSync(join(one, 'stressed', f), 'utf8'));
    }
  });

  it('accepts the directory of parts, and keeps the parts when merging into that directory', () => {
    const m = liqsim(['merge', partDir, '--out', parts, '--no-report']);
    expect(m.code).toBe(0);
    expect(readFileSync(join(partDir, 'results.json'), 'utf8')).toBe(readFileSync(join(one, 'stressed', 'results.json'), 'utf8'));
    expect(readdirSync(partDir).filter((f) => f.startsWith('partial-')).length).toBe(3);
  });

  it("accepts the shards' own --out directory, which holds the parts in <scenario>/", () => {
    const out = tmp();
    const m = liqsim(['merge', parts, '--out', out, '--no-report']);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(readFileSync(join(out, 'stressed', 'results.json'), 'utf8')).toBe(readFileSync(join(one, 'stressed', 'results.json'), 'utf8'));
  });

  it('refuses a directory holding the parts of several runs, naming them, and one holding none, with a hint', () => {
    const several = tmp();
    for (const run of ['a', 'b']) {
      mkdirSync(join(several, run));
      copyFileSync(join(partDir, 'partial-1-of-3.json'), join(several, run, 'partial-1-of-3.json'));
    }
    const m = liqsim(['merge', several, '--out', tmp(), '--no-report']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('holds the partial results of 2 runs');
    expect(m.stderr).toContain(join(several, 'a'));
    expect(m.stderr).toContain(join(several, 'b'));
    const none = liqsim(['merge', tmp(), '--out', tmp(), '--no-report']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no partial-K-of-N.json files in this directory or its subdirectories');
    expect(none.stderr).toContain('hint:');
    expect(none.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a missing shard, naming it', () => {
    const m = liqsim(['merge', join(partDir, 'partial-1-of-3.json'), join(partDir, 'partial-3-of-3.json'), '--out', tmp(), '--no-report']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('do not cover paths 256..511');
    expect(m.stderr).toContain('missing shard(s) 2/3');
  });

  it('refuses a shard given twice', () => {
    const copy = join(tmp(), 'again.json');
    copyFileSync(join(partDir, 'partial-2-of-3.json'), copy);
    const m = liqsim(['merge', partDir, copy, '--out', tmp(), '--no-report']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/partial-2-of-3\.json \(shard 2\/3\) and .*again\.json \(shard 2\/3\) both cover/);
  });

  it('refuses parts of different runs (another seed)', () => {
    const other = tmp();
    expect(liqsim(['run', fixture, '--out', other, '--shard', '2/3', '--seed', 'other']).code).toBe(0);
    const m = liqsim(['merge', join(partDir, 'partial-1-of-3.json'), join(other, 'stressed', 'partial-2-of-3.json'), join(partDir, 'partial-3-of-3.json'), '--out', tmp(), '--no-report']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('are parts of different runs (seed: threads vs other)');
  });

  it('refuses to merge when the scenario file changed since the shards ran', () => {
    const dir = tmp();
    const file = join(dir, 'copy.yaml');
    copyFileSync(join(root, fixture), file);
    const out = tmp();
    for (const k of [1, 2]) expect(liqsim(['run', file, '--out', out, '--shard', `${k}/2`]).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('cash: 6_000_000_000', 'cash: 7_000_000_000'));
    const m = liqsim(['merge', join(out, 'copy'), '--out', tmp(), '--no-report']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('has changed since the shards ran');
  });

  it('refuses a damaged partial file', () => {
    const bad = join(tmp(), 'partial-1-of-1.json');
    const p = JSON.parse(readFileSync(join(partDir, 'partial-1-of-3.json'), 'utf8'));
    p.totals.hi.pop();
    writeFileSync(bad, JSON.stringify(p));
    const m = liqsim(['merge', bad, '--out', tmp()]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('damaged or edited partial result');
  });

  it('refuses a bad --shard, or --shard with several scenarios, with exit code 2', () => {
    const bad = liqsim(['run', fixture, '--out', tmp(), '--shard', '0/3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('K counts from 1');
    const two = liqsim(['run', fixture, fixture, '--out', tmp(), '--shard', '1/2']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('one scenario at a time');
  });
});

describe('library: runShard, writePartial, mergeShards', () => {
  it('gives the results of runScenario, whatever the order of the parts', async () => {
    const options = { paths: 600, seed: 'library', threads: 1 };
    const whole = await runScenario(join(root, fixture), options);
    const dir = tmp();
    const files = [];
    for (const index of [2, 1, 3]) files.push(writePartial(dir, await runShard(join(root, fixture), { index, count: 3 }, options)));
    const merged = mergeShards(files);
    expect(resultsJson(merged.results)).toBe(resultsJson(whole.results));
    expect(resultsJson(mergeShards([dir]).results)).toBe(resultsJson(whole.results));
  });
});

describe('shard arithmetic', () => {
  it('parses K/N with K from 1 to N, and explains 0-based indexes', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 4 / 4 ')).toEqual({ index: 4, count: 4 });
    expect(() => parseShard('2')).toThrow('--shard must be K/N');
    expect(() => parseShard('0/3')).toThrow('JOB_COMPLETION_INDEX + 1');
    expect(() => parseShard('4/3')).toThrow('K must be from 1 to N');
  });

  it('allows at most one shard per block', () => {
    expect(() => shardBlocks(700, { index: 1, count: 4 })).toThrow('make only 3 block(s)');
  });

  it('splits blocks contiguously, every block once', () => {
    const paths = 10 * 256 + 1; // 11 blocks
    for (const n of [1, 2, 3, 4, 11]) {
      let next = 0;
      for (let k = 1; k <= n; k++) {
        const [first, end] = shardBlocks(paths, { index: k, count: n });
        expect(first).toBe(next);
        expect(end).toBeGreaterThan(first);
        next = end;
      }
      expect(next).toBe(11);
    }
  });

  it('merges parts cut with different N when they still cover every block once', () => {
    const model = { ...busyModel(), paths: 4 * 256 };
    const identity: PartialRunIdentity = {
      tool: { name: 'liqsim', version: 'test' },
      scenario: { file: 'busy.yaml', name: 'busy', sha256: '0'.repeat(64) },
      run: { seed: model.seed, paths: model.paths, shortfallThreshold: 0.01, blockSize: 256, blocks: 4 },
    };
    // 1/2 = blocks 0..1, 3/4 = block 2, 4/4 = block 3.
    const specs = [
      { index: 1, count: 2, blocks: [0, 2] },
      { index: 3, count: 4, blocks: [2, 3] },
      { index: 4, count: 4, blocks: [3, 4] },
    ];
    const parts = specs.map((s) => {
      const totals = simulateBlocks(model, s.blocks[0], s.blocks[1]);
      const partial = partialResult(identity, s, totals);
      return { name: `part ${s.index}/${s.count}`, partial, totals: RunTotals.fromJSON(partial.totals) };
    });
    const { totals } = combinePartials(parts);
    expect(JSON.stringify(totals.toJSON())).toBe(JSON.stringify(simulateBlocks(model, 0, 4).toJSON()));
  });
});
