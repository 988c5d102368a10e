/**
 * `liqsim merge` does not trust its inputs: a partial file edited by hand or damaged is refused with
 * exit 2 naming the file and the field, never turned into results (a "probability" of 1,666,666,
 * an SE of 0 from a negative sum of squares, a worst path 1e12) and never an exit 3.
 */
import { describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, liqsim, tmp } from './helpers.js';

vi.setConfig({ testTimeout: 120_000 });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('liqsim merge refuses tampered partial results', () => {
  // 700 paths in 3 blocks, 2 shards: shard 1 holds block 0 (paths 0..255), shard 2 blocks 1..2.
  const parts = tmp();
  const made = [1, 2].map((k) => liqsim(['run', fixture, '--out', parts, '--shard', `${k}/2`, '--threads', '1']));
  const dir = join(parts, 'stressed');
  const original = (k: number): Json => JSON.parse(readFileSync(join(dir, `partial-${k}-of-2.json`), 'utf8'));

  /** Copies both parts, edits part 1 with `edit`, merges; returns the CLI result and the output folder. */
  function mergeEdited(edit: (p: Json) => void) {
    const work = tmp();
    cpSync(dir, work, { recursive: true });
    const p = original(1);
    edit(p);
    writeFileSync(join(work, 'partial-1-of-2.json'), JSON.stringify(p));
    const out = tmp();
    const r = liqsim(['merge', work, '--out', out, '--no-report']);
    return { ...r, file: join(work, 'partial-1-of-2.json'), written: existsSync(join(out, 'stressed')) };
  }

  it('the untouched parts merge (control: the edits below are what is refused)', () => {
    for (const m of made) expect(m.code).toBe(0);
    const r = mergeEdited(() => {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.written).toBe(true);
  });

  // Each case: the edit, and the field the message must name.
  const cases: [string, (p: Json) => void, RegExp][] = [
    // Day 0's shortfall-path count (field 0, its lo word) set to 5e9: P = 5e9 / 700 paths, far above 1.
    ['a shortfall count above the paths', (p) => (p.totals.lo[0] = 4_000_000_000), /shortfall paths/],
    ['a negative sum of squares (SE 0)', (p) => (p.totals.overdueSq[10] = '-5'), /totals\.overdueSq\[10\]/],
    [
      'a sum of squares below sum^2/n',
      // Day 1's overdue total (field 1) is S > 0 on this stressed scenario; a sum of squares of 1 is
      // far below S^2 / 256 for any S above 16 cents.
      (p) => {
        const fields = p.totals.fields;
        const d = p.totals.overdueSq.findIndex((_: string, i: number) => p.totals.lo[i * fields + 1] > 1000);
        p.totals.overdueSq[d] = '1';
      },
      /totals\.overdueSq\[\d+\]/,
    ],
    ['a worst path index of 1e12', (p) => (p.totals.worst.path = 1e12), /totals\.worst\.path/],
    ['a worst peak above the part\'s peak total', (p) => (p.totals.worst.peakOverdue = 1e18), /totals\.worst\.peakOverdue/],
    ['more paths with a shortfall than paths', (p) => (p.totals.pathsWithShortfall = 1e6), /totals\.pathsWithShortfall/],
    ['first-shortfall counts not adding up', (p) => (p.totals.firstShortfall[3] += 7), /totals\.firstShortfall/],
    ['a path count that does not match the blocks', (p) => (p.totals.paths = 300), /totals\.paths/],
    ['a headroom sketch counting other than every path', (p) => (p.totals.headroom.sketches[0].zero += 1), /totals\.headroom\.sketches\[0\]/],
    ['a shard range that is not that shard\'s', (p) => ((p.shard.endBlock = 2), (p.shard.endPath = 512)), /shard\.firstBlock/],
    ['a threshold above 1', (p) => (p.run.shortfallThreshold = 5), /run\.shortfallThreshold/],
    ['a non-hex sha256', (p) => (p.scenario.sha256 = 'x'.repeat(64)), /scenario\.sha256/],
    ['a non-number total', (p) => (p.totals.hi[0] = 'a lot'), /totals\.hi\.0/],
    ['a negative amount', (p) => (p.totals.hi[1] = -1), /day 0, overdue/],
    ['a NaN-like huge total beyond 2^53', (p) => (p.totals.peakHi = 2 ** 60), /totals\.peakHi/],
    ['a different scenario name from the other part', (p) => (p.scenario.name = 'other'), /different runs \(scenario name/],
    ['a different horizon (days) from the scenario', (p) => {
      // One day fewer, consistently cut: passes the per-file checks, not the scenario's horizon.
      const f = p.totals.fields;
      p.totals.days -= 1;
      p.totals.hi = p.totals.hi.slice(0, -f);
      p.totals.lo = p.totals.lo.slice(0, -f);
      p.totals.overdueSq.pop();
      const last = p.totals.firstShortfall.pop();
      p.totals.firstShortfall[0] += last;
      p.totals.headroom.sketches.pop();
    }, /totals\.days/],
  ];

  for (const [what, edit, field] of cases) {
    it(`${what}: exit 2, the file and field named, nothing written`, () => {
      const r = mergeEdited(edit);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(field);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      if (!/different runs/.test(r.stderr)) expect(r.stderr).toContain(r.file);
      expect(r.written).toBe(false);
    });
  }
});
