/**
 * Shards: one run's paths split over several machines, and the partial results merged back.
 *
 * Shard K of N (K counts from 1) simulates a contiguous range of the run's fixed 256-path blocks:
 * blocks [floor((K-1) B / N), floor(K B / N)) of B. Its partial result holds the exact block totals
 * (aggregate.ts), so merging the partials of every shard gives the same totals, and the same
 * results.json, as one run over all paths. A partial also records what it is a part of (scenario
 * hash, seed, paths, threshold, tool version) so parts of different runs are never mixed.
 *
 * Here: simulating a shard and writing its partial-K-of-N.json, reading and checking parts, and
 * combining them into one run's totals. results/merge.ts turns those totals into the run's results
 * (`mergeShards`); the CLI (`liqsim run --shard`, `liqsim merge`) only parses flags and prints.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LiqsimError } from '../errors.js';
import { errorOf } from '../messages/catalogue.js';
import { partialDefects, runMessages, type PartialDefect } from '../messages/run.js';
import { writeFileAtomicSync } from '../io/atomic.js';
import { checkOutputTargets, claimOutputDir, scenarioDirName } from '../io/output.js';
import { loadScenario, withOverrides, type LoadedScenario, type ModelOverrides } from '../model/load.js';
import type { Model } from '../model/types.js';
import { TOOL_VERSION } from '../version.js';
import { BLOCK_SIZE, RunTotals, runTotalsSchema } from './aggregate.js';
import { FIELD } from './kernel.js';
import { defaultThreads, simulateBlocksParallel } from './parallel.js';
import type { ProgressFactory, SimulateOptions } from './run.js';
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
  if (!m) throw errorOf(runMessages.shardSyntax(text));
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index >= 1 && index <= count && Number.isSafeInteger(count))) {
    throw errorOf(runMessages.shardOutOfRange(text));
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
    throw errorOf(runMessages.tooManyShards(shard.index, shard.count, paths, blocks, BLOCK_SIZE));
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

/** Builds a shard's partial result from its totals. */
export function partialResult(identity: PartialRunIdentity, shard: ShardSpec, totals: RunTotals): PartialResult {
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
const identitySchema = z.object({
  tool: z.object({ name: z.literal('liqsim'), version: z.string().max(100) }),
  scenario: z.object({ file: z.string().min(1).max(4096), name: z.string().max(1000), sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits') }),
  run: z.object({
    seed: z.string().max(1000),
    paths: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
    shortfallThreshold: z.number().gt(0).lte(1),
    blockSize: z.literal(BLOCK_SIZE),
    blocks: z.int().min(1),
  }),
});
/** The partial-K-of-N.json schema: the file's type is inferred from it. */
const partialSchema = identitySchema.extend({
  format: z.literal(PARTIAL_FORMAT),
  version: z.literal(PARTIAL_VERSION),
  shard: z.object({ index: z.int().min(1), count: z.int().min(1), firstBlock: count, endBlock: count, firstPath: count, endPath: count }),
  totals: runTotalsSchema,
});

/** The run a partial result is a part of: every part of one run must agree on all of it. */
export type PartialRunIdentity = z.infer<typeof identitySchema>;
/** One shard's partial result (partial-K-of-N.json). */
export type PartialResult = z.infer<typeof partialSchema>;

const TWO32 = 4294967296n;
/** Fields whose per-day totals are amounts or counts that cannot be negative. */
const NON_NEGATIVE_FIELDS: readonly [string, number][] = [
  ['overdue', FIELD.overdue],
  ['backlog', FIELD.backlog],
  ['requestMaturity', FIELD.requestMaturity],
  ['requestSurrender', FIELD.requestSurrender],
  ['requestOther', FIELD.requestOther],
  ['paidMaturity', FIELD.paidMaturity],
  ['paidSurrender', FIELD.paidSurrender],
  ['paidOther', FIELD.paidOther],
  ['causeFunding', FIELD.causeFunding],
  ['causeChannel', FIELD.causeChannel],
  ['causeProcessing', FIELD.causeProcessing],
  ['creditDrawn', FIELD.creditDrawn],
];

/**
 * Whether sums of n values could be these: a sum of squares is never below sum^2 / n
 * (Cauchy-Schwarz). Each block's sums were rounded to whole cents (half a cent each at most), so
 * a little slack is allowed: 1e-6 relative, plus what `blocks` roundings of the sum can move sum^2.
 */
function plausibleSquares(sum: bigint, sq: bigint, n: number, blocks: number): boolean {
  if (sq < 0n) return false;
  if (n === 0) return sum === 0n && sq === 0n;
  const abs = sum < 0n ? -sum : sum;
  const b = BigInt(blocks);
  const nn = BigInt(n);
  return sum * sum <= nn * sq + (nn * sq) / 1_000_000n + 2n * abs * b + b * b + 1n;
}

/** Total number of values counted in sketch `s` of a set's JSON. */
function sketchCount(sketch: { zero: number; positive: number[]; negative: number[] }): number {
  let total = sketch.zero;
  for (const pairs of [sketch.positive, sketch.negative]) for (let i = 1; i < pairs.length; i += 2) total += pairs[i];
  return total;
}

/**
 * Checks a parsed partial-result file and rebuilds its totals. Besides the schema, everything
 * that holds for any honest part: path counts match the blocks, shortfall counts are at most the
 * paths, sums of squares fit their sums, sketches count every path, the worst path is one of the
 * part's paths. A part that fails is refused: a tampered or damaged file must not become results.
 * @param name the file name, for messages
 * @throws LiqsimError (exit 2) naming the file and the field
 */
export function readPartial(data: unknown, name: string): { partial: PartialResult; totals: RunTotals } {
  const parsed = partialSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw errorOf(runMessages.notAPartial(name, issue.path.join('.'), issue.message));
  }
  const partial = parsed.data;
  const { run, shard, totals: t } = partial;
  const bad = (defect: PartialDefect): never => {
    throw errorOf(runMessages.damagedPartial(name, defect));
  };
  const cells = t.days * t.fields;
  if (t.hi.length !== cells) bad(partialDefects.cells('totals.hi', t.hi.length, cells));
  if (t.lo.length !== cells) bad(partialDefects.cells('totals.lo', t.lo.length, cells));
  if (t.overdueSq.length !== t.days) bad(partialDefects.entries('totals.overdueSq', t.overdueSq.length, 'values', t.days, 'days'));
  if (t.firstShortfall.length !== t.days) bad(partialDefects.entries('totals.firstShortfall', t.firstShortfall.length, 'values', t.days, 'days'));
  if (run.blocks !== Math.ceil(run.paths / run.blockSize)) bad(partialDefects.blocks(run.paths, run.blocks));
  if (shard.index > shard.count) bad(partialDefects.shardIndex(shard.index, shard.count));
  let expectedBlocks: [number, number] = [-1, -1];
  try {
    expectedBlocks = shardBlocks(run.paths, shard);
  } catch {
    bad(partialDefects.shardCount(run.paths, shard.count));
  }
  if (shard.firstBlock !== expectedBlocks[0] || shard.endBlock !== expectedBlocks[1]) bad(partialDefects.shardBlocks(shard, expectedBlocks));
  const [firstPath, endPath] = blocksToPaths(run.paths, shard.firstBlock, shard.endBlock);
  if (shard.firstPath !== firstPath || shard.endPath !== endPath) bad(partialDefects.shardPaths());
  const n = endPath - firstPath;
  const blocks = shard.endBlock - shard.firstBlock;
  if (t.paths !== n) bad(partialDefects.paths(t.paths, n));
  if (t.pathsWithShortfall > n) bad(partialDefects.pathsWithShortfall(t.pathsWithShortfall, n));
  const firstSum = t.firstShortfall.reduce((a, b) => a + b, 0);
  if (firstSum !== t.pathsWithShortfall) bad(partialDefects.firstShortfallSum(firstSum, t.pathsWithShortfall));
  const cell = (d: number, f: number): bigint => {
    const i = d * t.fields + f;
    if (t.lo[i] < 0 || t.lo[i] >= 2 ** 52) bad(partialDefects.lowWord(i, t.lo[i]));
    return BigInt(t.hi[i]) * TWO32 + BigInt(t.lo[i]);
  };
  for (let d = 0; d < t.days; d++) {
    const k = cell(d, FIELD.shortfallPaths);
    if (k < 0n || k > BigInt(t.pathsWithShortfall)) bad(partialDefects.dayShortfallPaths(d, k, t.pathsWithShortfall, n));
    for (const [field, f] of NON_NEGATIVE_FIELDS) if (cell(d, f) < 0n) bad(partialDefects.negative({ day: d, cell: field }, cell(d, f)));
    for (let f = FIELD.creditDrawnByLine; f < t.fields; f++) if (cell(d, f) < 0n) bad(partialDefects.negative({ day: d, creditLine: f - FIELD.creditDrawnByLine + 1 }));
    if (!plausibleSquares(cell(d, FIELD.overdue), BigInt(t.overdueSq[d]), n, blocks)) {
      bad(partialDefects.sumOfSquares(`totals.overdueSq[${d}]`, t.overdueSq[d], n, 'overdue amounts', cell(d, FIELD.overdue)));
    }
  }
  if (t.peakLo < 0) bad(partialDefects.negative('totals.peakLo'));
  const peakTotal = BigInt(t.peakHi) * TWO32 + BigInt(t.peakLo);
  if (peakTotal < 0n) bad(partialDefects.peakTotalNegative());
  if (!plausibleSquares(peakTotal, BigInt(t.peakSq), n, blocks)) bad(partialDefects.sumOfSquares('totals.peakSq', t.peakSq, n, 'peaks', peakTotal));
  if ((t.worst === null) !== (n === 0)) bad(partialDefects.worstPresence(n));
  if (t.worst !== null) {
    if (!(t.worst.path >= firstPath && t.worst.path < endPath)) bad(partialDefects.worstPath(t.worst.path, firstPath, endPath));
    // A peak is at most the sum of all peaks (peaks are >= 0); each block's sum was rounded.
    if (t.worst.peakOverdue > Number(peakTotal) + blocks) bad(partialDefects.worstPeak(t.worst.peakOverdue, peakTotal));
  }
  if (t.headroom.sketches.length !== t.days) bad(partialDefects.entries('totals.headroom', t.headroom.sketches.length, 'sketches', t.days, 'days'));
  t.headroom.sketches.forEach((sk, d) => {
    if (sketchCount(sk) !== n) bad(partialDefects.sketchCount(`totals.headroom.sketches[${d}]`, sketchCount(sk), n));
  });
  if (t.peak.sketches.length !== 1) bad(partialDefects.peakSketches(t.peak.sketches.length));
  if (sketchCount(t.peak.sketches[0]) !== n) bad(partialDefects.sketchCount('totals.peak.sketches[0]', sketchCount(t.peak.sketches[0]), n));
  if (t.statMin.length !== t.statSums.length || t.statMax.length !== t.statSums.length) bad(partialDefects.statBounds());
  if (t.stats.sketches.length !== t.statSums.length) bad(partialDefects.entries('totals.stats', t.stats.sketches.length, 'sketches', t.statSums.length, 'path statistics'));
  t.stats.sketches.forEach((sk, k) => {
    if (sketchCount(sk) !== n) bad(partialDefects.sketchCount(`totals.stats.sketches[${k}]`, sketchCount(sk), n));
  });
  let totals: RunTotals;
  try {
    totals = RunTotals.fromJSON(t);
  } catch (error) {
    if (error instanceof LiqsimError) return bad(partialDefects.totals(error.message));
    throw error;
  }
  return { partial, totals };
}

/** The first field of the run identity in which two parts differ, described for a person, or null. */
function identityDifference(a: PartialRunIdentity, b: PartialRunIdentity): string | null {
  const checks: [string, unknown, unknown][] = [
    ['scenario (sha256)', a.scenario.sha256, b.scenario.sha256],
    ['seed', a.run.seed, b.run.seed],
    ['paths', a.run.paths, b.run.paths],
    ['shortfall threshold', a.run.shortfallThreshold, b.run.shortfallThreshold],
    ['liqsim version', a.tool.version, b.tool.version],
    ['block size', a.run.blockSize, b.run.blockSize],
    ['scenario name', a.scenario.name, b.scenario.name],
  ];
  for (const [what, x, y] of checks) if (x !== y) return `${what}: ${String(x)} vs ${String(y)}`;
  return null;
}

/**
 * Checks that parts belong to one run and cover each of its blocks exactly once, and merges their
 * totals (exact: any order gives the same bytes).
 * @throws LiqsimError naming the files when parts are of different runs, overlap or leave gaps
 */
export function combinePartials(parts: readonly { name: string; partial: PartialResult; totals: RunTotals }[]): { identity: PartialRunIdentity; totals: RunTotals } {
  if (parts.length === 0) throw errorOf(runMessages.noPartials());
  const first = parts[0];
  for (const p of parts.slice(1)) {
    const diff = identityDifference(first.partial, p.partial);
    if (diff !== null) throw errorOf(runMessages.differentRuns(first.name, p.name, diff));
  }
  for (const p of parts.slice(1)) {
    const [a, b] = [first.partial.totals, p.partial.totals];
    if (a.days !== b.days || a.fields !== b.fields || a.statSums.length !== b.statSums.length) {
      throw errorOf(runMessages.differentTotals(first.name, p.name, a.days, a.fields, b.days, b.fields));
    }
  }
  const { run } = first.partial;
  const sorted = [...parts].sort((a, b) => a.partial.shard.firstBlock - b.partial.shard.firstBlock || a.partial.shard.endBlock - b.partial.shard.endBlock);
  const range = (from: number, to: number): [number, number, number, number] => [...blocksToPaths(run.paths, from, to), from, to];
  const missing = (from: number, to: number): never => {
    const counts = new Set(parts.map((p) => p.partial.shard.count));
    let absent: string[] = [];
    if (counts.size === 1) {
      const n = parts[0].partial.shard.count;
      const present = new Set(parts.map((p) => p.partial.shard.index));
      absent = Array.from({ length: n }, (_, i) => i + 1)
        .filter((k) => !present.has(k))
        .map((k) => `${k}/${n}`);
    }
    throw errorOf(runMessages.partsLeaveGap(...range(from, to), absent));
  };
  let covered = 0;
  let previous: (typeof sorted)[number] | null = null;
  for (const p of sorted) {
    const { firstBlock, endBlock } = p.partial.shard;
    if (firstBlock === endBlock) continue;
    if (firstBlock > covered) missing(covered, firstBlock);
    if (firstBlock < covered && previous) {
      const shardOf = (q: typeof p) => `${q.partial.shard.index}/${q.partial.shard.count}`;
      throw errorOf(runMessages.partsOverlap(previous.name, shardOf(previous), p.name, shardOf(p), range(firstBlock, Math.min(covered, endBlock))));
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

/**
 * Simulates one shard of a loaded scenario (with overrides already applied to `model`).
 * @returns the partial result to write with `writePartial`
 */
export async function simulateShard(
  loaded: LoadedScenario,
  model: Model,
  shard: ShardSpec,
  options: SimulateOptions = {},
): Promise<PartialResult> {
  const [firstBlock, endBlock] = shardBlocks(model.paths, shard);
  const [firstPath, endPath] = blocksToPaths(model.paths, firstBlock, endBlock);
  const progress = options.onProgress;
  const totals = await simulateBlocksParallel(model, firstBlock, endBlock, {
    threads: options.threads ?? defaultThreads(model, endPath - firstPath),
    onProgress: progress ? (done) => progress(done, endPath - firstPath) : undefined,
  });
  return partialResult(
    {
      tool: { name: 'liqsim', version: TOOL_VERSION },
      scenario: { file: loaded.file, name: model.name, sha256: loaded.sha256 },
      run: { seed: model.seed, paths: model.paths, shortfallThreshold: model.shortfallThreshold, blockSize: BLOCK_SIZE, blocks: blockCount(model.paths) },
    },
    shard,
    totals,
  );
}

/** Loads a scenario file, applies overrides and simulates one shard of it. */
export async function runShard(file: string, shard: ShardSpec, options: ModelOverrides & SimulateOptions = {}): Promise<PartialResult> {
  const loaded = loadScenario(file);
  return simulateShard(loaded, withOverrides(loaded.model, options), shard, options);
}

/**
 * Writes `dir/partial-K-of-N.json` (atomically: never half-written). Other shards' files in the
 * same directory are left alone. The folder becomes liqsim's (marker file), or must be already.
 * @returns the file written
 * @throws LiqsimError when `dir` is a folder liqsim did not write
 */
export function writePartial(dir: string, partial: PartialResult): string {
  claimOutputDir(dir);
  const file = join(dir, partialFileName(partial.shard));
  writeFileAtomicSync(file, `${JSON.stringify(partial)}\n`);
  return file;
}

const PARTIAL_FILE = /^partial-\d+-of-\d+\.json$/;

/** The partial-K-of-N.json files directly in `dir`, sorted. */
function partialsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => PARTIAL_FILE.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Partial-result files named by the user: files as given, directories as their partial-K-of-N.json
 * files. A directory without any is taken as the `--out` of the shards, which write to
 * OUT/<scenario>/: its one subdirectory holding parts is used (several are refused, named).
 */
export function partialFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw errorOf(runMessages.partialPathNotFound(p));
    if (!statSync(p).isDirectory()) {
      files.push(p);
      continue;
    }
    let inside = partialsIn(p);
    if (inside.length === 0) {
      const runs = readdirSync(p, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => join(p, e.name))
        .sort()
        .map((dir) => ({ dir, parts: partialsIn(dir) }))
        .filter((run) => run.parts.length > 0);
      if (runs.length > 1) {
        throw errorOf(runMessages.severalRunsInFolder(p, runs.map((run) => run.dir)));
      }
      if (runs.length === 0) {
        throw errorOf(runMessages.noPartialFiles(p));
      }
      inside = runs[0].parts;
    }
    files.push(...inside);
  }
  return [...new Set(files)];
}

export function readPartialFile(file: string): { name: string; partial: PartialResult; totals: RunTotals } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw errorOf(runMessages.partialNotReadable(file, (error as Error).message));
  }
  return { name: file, ...readPartial(data, file) };
}

/**
 * `liqsim run SCENARIO --shard K/N --out DIR`: loads the scenario, checks DIR, simulates the shard
 * and writes DIR/<scenario>/partial-K-of-N.json for `liqsim merge` (no report: that is made at the merge).
 * @returns the loaded scenario, the model run, the partial result and the file written
 * @throws LiqsimError (exit 2) for an invalid scenario, override or output folder, before simulating
 */
export async function runShardToFolder(
  file: string,
  shard: ShardSpec,
  options: ModelOverrides & { out: unknown; threads?: number; progress?: ProgressFactory },
): Promise<{ loaded: LoadedScenario; model: Model; partial: PartialResult; file: string }> {
  const loaded = loadScenario(file);
  const model = withOverrides(loaded.model, options);
  const name = scenarioDirName(loaded.file);
  const out = checkOutputTargets(options.out, [name]);
  const progress = options.progress?.(`${loaded.file} shard ${shard.index}/${shard.count}`, model.paths);
  const partial = await simulateShard(loaded, model, shard, { threads: options.threads, onProgress: progress?.update });
  progress?.finish();
  return { loaded, model, partial, file: writePartial(join(out, name), partial) };
}
