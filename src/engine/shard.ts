/**
 * Shards: one run's paths split over several machines, and the partial results merged back.
 *
 * Shard K of N (K counts from 1) simulates a contiguous range of the run's fixed 256-path blocks:
 * blocks [floor((K-1) B / N), floor(K B / N)) of B. Its partial result holds the exact block totals
 * (aggregate.ts), so merging the partials of every shard gives the same totals, and the same
 * results.json, as one run over all paths. A partial also records what it is a part of (scenario
 * hash, seed, paths, threshold, tool version) so parts of different runs are never mixed.
 */
import { z } from 'zod';
import { LiqsimError } from '../errors.js';
import { BLOCK_SIZE, RunTotals, type RunTotalsJSON } from './aggregate.js';
import { blockCount, blockRange } from './simulate.js';

/** Shard K of N, K in 1..N. */
export interface ShardSpec {
  index: number;
  count: number;
}

/**
 * Reads `K/N` (K from 1 to N).
 * @throws LiqsimError for anything else, with a hint for 0-based array indexes
 * @example parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const hint = 'K counts from 1 to N; a 0-based array index such as JOB_COMPLETION_INDEX needs +1: --shard $((JOB_COMPLETION_INDEX + 1))/N';
  if (!m) throw new LiqsimError(`--shard must be K/N, for example 2/4 (found '${text}'); ${hint}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index >= 1 && index <= count && Number.isSafeInteger(count))) {
    throw new LiqsimError(`--shard ${text}: K must be from 1 to N and N at least 1; ${hint}`);
  }
  return { index, count };
}

/**
 * Block range [first, end) of a shard: a contiguous, near-equal split by block index.
 * @throws LiqsimError when there are fewer blocks than shards (some shards would be empty)
 */
export function shardBlocks(paths: number, shard: ShardSpec): [number, number] {
  const blocks = blockCount(paths);
  if (shard.count > blocks) {
    throw new LiqsimError(
      `--shard ${shard.index}/${shard.count}: ${paths} paths make only ${blocks} block(s) of ${BLOCK_SIZE} paths, ` +
        `so at most ${blocks} shard(s); use fewer shards or more paths`,
    );
  }
  return [Math.floor(((shard.index - 1) * blocks) / shard.count), Math.floor((shard.index * blocks) / shard.count)];
}

/** Path range [first, end) of blocks [firstBlock, endBlock). */
export function blocksToPaths(paths: number, firstBlock: number, endBlock: number): [number, number] {
  if (endBlock <= firstBlock) return [0, 0];
  return [blockRange(paths, firstBlock)[0], blockRange(paths, endBlock - 1)[1]];
}

export const PARTIAL_FORMAT = 'liqsim/partial';
export const PARTIAL_VERSION = 1;

/** File name of a shard's partial result inside the scenario's output directory. */
export function partialFileName(shard: ShardSpec): string {
  return `partial-${shard.index}-of-${shard.count}.json`;
}

/** What a partial result is a part of: every part of one run must agree on all of it. */
export interface RunIdentity {
  tool: { name: 'liqsim'; version: string };
  scenario: { file: string; name: string; sha256: string };
  run: { seed: string; paths: number; shortfallThreshold: number; blockSize: number; blocks: number };
}

/** One shard's partial result (partial-K-of-N.json). */
export interface PartialResult extends RunIdentity {
  format: typeof PARTIAL_FORMAT;
  version: typeof PARTIAL_VERSION;
  shard: { index: number; count: number; firstBlock: number; endBlock: number; firstPath: number; endPath: number };
  totals: RunTotalsJSON;
}

/** Builds a shard's partial result from its totals. */
export function partialResult(identity: RunIdentity, shard: ShardSpec, totals: RunTotals): PartialResult {
  const [firstBlock, endBlock] = shardBlocks(identity.run.paths, shard);
  const [firstPath, endPath] = blocksToPaths(identity.run.paths, firstBlock, endBlock);
  return {
    format: PARTIAL_FORMAT,
    version: PARTIAL_VERSION,
    ...identity,
    shard: { index: shard.index, count: shard.count, firstBlock, endBlock, firstPath, endPath },
    totals: totals.toJSON(),
  };
}

const count = z.int().min(0);
const integer = z.number().refine(Number.isInteger, 'a whole number');
const partialSchema = z.object({
  format: z.literal(PARTIAL_FORMAT),
  version: z.literal(PARTIAL_VERSION),
  tool: z.object({ name: z.literal('liqsim'), version: z.string() }),
  scenario: z.object({ file: z.string(), name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  run: z.object({ seed: z.string(), paths: z.int().min(1), shortfallThreshold: z.number(), blockSize: z.int().min(1), blocks: z.int().min(1) }),
  shard: z.object({ index: z.int().min(1), count: z.int().min(1), firstBlock: count, endBlock: count, firstPath: count, endPath: count }),
  totals: z.object({
    days: z.int().min(1),
    fields: z.int().min(1),
    hi: z.array(integer),
    lo: z.array(integer),
    overdueSq: z.array(z.string().regex(/^-?\d+$/)),
    firstShortfall: z.array(count),
    peakHi: integer,
    peakLo: integer,
    peakSq: z.string().regex(/^-?\d+$/),
    pathsWithShortfall: count,
    paths: count,
    worst: z.object({ path: count, peakOverdue: z.number(), minHeadroom: z.number() }).nullable(),
    headroom: z.unknown(),
    peak: z.unknown(),
  }),
});

/**
 * Checks a parsed partial-result file and rebuilds its totals.
 * @param name the file name, for messages
 * @throws LiqsimError when it is not a liqsim partial result or is inconsistent in itself
 */
export function readPartial(data: unknown, name: string): { partial: PartialResult; totals: RunTotals } {
  const parsed = partialSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LiqsimError(`${name}: not a liqsim partial result (${issue.path.join('.') || 'document'}: ${issue.message})`);
  }
  const partial = parsed.data as PartialResult;
  const { run, shard, totals: t } = partial;
  const bad = (why: string): never => {
    throw new LiqsimError(`${name}: damaged partial result: ${why}`);
  };
  if (t.hi.length !== t.days * t.fields || t.lo.length !== t.days * t.fields) bad('daily totals have the wrong length');
  if (t.overdueSq.length !== t.days || t.firstShortfall.length !== t.days) bad('per-day arrays have the wrong length');
  if (run.blocks !== Math.ceil(run.paths / run.blockSize)) bad(`${run.paths} paths do not make ${run.blocks} blocks`);
  if (!(shard.index <= shard.count && shard.firstBlock <= shard.endBlock && shard.endBlock <= run.blocks)) bad('shard block range out of bounds');
  const expected = run.blockSize === BLOCK_SIZE ? blocksToPaths(run.paths, shard.firstBlock, shard.endBlock) : null;
  if (expected && (shard.firstPath !== expected[0] || shard.endPath !== expected[1])) bad('shard path range does not match its blocks');
  if (t.paths !== shard.endPath - shard.firstPath) bad(`it holds ${t.paths} paths, its range ${shard.endPath - shard.firstPath}`);
  let totals: RunTotals;
  try {
    totals = RunTotals.fromJSON(t);
  } catch (error) {
    if (error instanceof LiqsimError) bad(error.message);
    throw error;
  }
  if (totals.headroom.size !== t.days || totals.peak.size !== 1) bad('sketches have the wrong size');
  return { partial, totals };
}

/** The first field of the run identity in which two parts differ, described for a person, or null. */
function identityDifference(a: RunIdentity, b: RunIdentity): string | null {
  const checks: [string, unknown, unknown][] = [
    ['scenario (sha256)', a.scenario.sha256, b.scenario.sha256],
    ['seed', a.run.seed, b.run.seed],
    ['paths', a.run.paths, b.run.paths],
    ['shortfall threshold', a.run.shortfallThreshold, b.run.shortfallThreshold],
    ['liqsim version', a.tool.version, b.tool.version],
    ['block size', a.run.blockSize, b.run.blockSize],
  ];
  for (const [what, x, y] of checks) if (x !== y) return `${what}: ${String(x)} vs ${String(y)}`;
  return null;
}

/**
 * Checks that parts belong to one run and cover each of its blocks exactly once, and merges their
 * totals (exact: any order gives the same bytes).
 * @throws LiqsimError naming the files when parts are of different runs, overlap or leave gaps
 */
export function combinePartials(parts: readonly { name: string; partial: PartialResult; totals: RunTotals }[]): { identity: RunIdentity; totals: RunTotals } {
  if (parts.length === 0) throw new LiqsimError('no partial results to merge');
  const first = parts[0];
  for (const p of parts.slice(1)) {
    const diff = identityDifference(first.partial, p.partial);
    if (diff !== null) throw new LiqsimError(`${first.name} and ${p.name} are parts of different runs (${diff}); merge only the shards of one run`);
  }
  const { run } = first.partial;
  const sorted = [...parts].sort((a, b) => a.partial.shard.firstBlock - b.partial.shard.firstBlock || a.partial.shard.endBlock - b.partial.shard.endBlock);
  const paths = (from: number, to: number) => {
    const [a, b] = blocksToPaths(run.paths, from, to);
    return `paths ${a}..${b - 1} (blocks ${from}..${to - 1})`;
  };
  const missing = (from: number, to: number): never => {
    const counts = new Set(parts.map((p) => p.partial.shard.count));
    let hint = '';
    if (counts.size === 1) {
      const n = parts[0].partial.shard.count;
      const present = new Set(parts.map((p) => p.partial.shard.index));
      const absent = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !present.has(k));
      if (absent.length > 0) hint = `; missing shard(s) ${absent.map((k) => `${k}/${n}`).join(', ')}`;
    }
    throw new LiqsimError(`the parts do not cover ${paths(from, to)}${hint}`);
  };
  let covered = 0;
  let previous: (typeof sorted)[number] | null = null;
  for (const p of sorted) {
    const { firstBlock, endBlock } = p.partial.shard;
    if (firstBlock === endBlock) continue;
    if (firstBlock > covered) missing(covered, firstBlock);
    if (firstBlock < covered && previous) {
      throw new LiqsimError(
        `${previous.name} (shard ${previous.partial.shard.index}/${previous.partial.shard.count}) and ${p.name} ` +
          `(shard ${p.partial.shard.index}/${p.partial.shard.count}) both cover ${paths(firstBlock, Math.min(covered, endBlock))}; give each shard once`,
      );
    }
    covered = endBlock;
    previous = p;
  }
  if (covered < run.blocks) missing(covered, run.blocks);
  const totals = RunTotals.fromJSON(sorted[0].partial.totals);
  for (const p of sorted.slice(1)) totals.merge(p.totals);
  // The part with the first paths names the run (its scenario path, should the parts have been
  // run from different directories), so the result does not depend on the order parts are given.
  const { tool, scenario } = sorted[0].partial;
  return { identity: { tool, scenario, run }, totals };
}
