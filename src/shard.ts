/**
 * Sharded runs across machines: `liqsim run SCENARIO --shard K/N` writes a partial result, and
 * `liqsim merge PARTS...` turns the partials of all N shards into the results of one run (the same
 * results.json bytes). The engine side (block ranges, the partial format, exact merging) is in
 * engine/shard.ts; this module adds the scenario and the results around it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomicSync } from './io/atomic.js';
import { claimOutputDir } from './results/output.js';
import { join } from 'node:path';
import type { Model } from './model/types.js';
import { loadScenario, type LoadedScenario } from './scenario/index.js';
import { defaultThreads, simulateBlocksParallel } from './engine/parallel.js';
import { BLOCK_SIZE, type RunTotals } from './engine/aggregate.js';
import { blockCount } from './engine/simulate.js';
import { fieldsPerDay } from './engine/kernel.js';
import { PathStats } from './regulatory/path-stats.js';
import { blocksToPaths, combinePartials, partialFileName, partialResult, readPartial, shardBlocks, type PartialResult, type ShardSpec } from './engine/shard.js';
import { resultsFromTotals, TOOL_VERSION, withOverrides, type RunOptions } from './run.js';
import type { Results } from './results/types.js';
import { LiqsimError } from './errors.js';

export { parseShard, partialFileName, type PartialResult, type ShardSpec } from './engine/shard.js';

/**
 * Simulates one shard of a loaded scenario (with overrides already applied to `model`).
 * @returns the partial result to write with `writePartial`
 */
export async function simulateShard(
  loaded: LoadedScenario,
  model: Model,
  shard: ShardSpec,
  options: Pick<RunOptions, 'threads' | 'onProgress'> = {},
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
export async function runShard(file: string, shard: ShardSpec, options: RunOptions = {}): Promise<PartialResult> {
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
    if (!existsSync(p)) throw new LiqsimError(`${p}: file not found`);
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
        const dirs = runs.map((run) => run.dir);
        throw new LiqsimError(
          `${p}: holds the partial results of ${runs.length} runs (${dirs.join(', ')}); ` +
            `hint: name the directory of one run, e.g. \`liqsim merge ${dirs[0]} --out DIR\``,
        );
      }
      if (runs.length === 0) {
        throw new LiqsimError(
          `${p}: no partial-K-of-N.json files in this directory or its subdirectories; ` +
            'hint: `liqsim run SCENARIO --shard K/N --out DIR` writes them to DIR/<scenario name>/',
        );
      }
      inside = runs[0].parts;
    }
    files.push(...inside);
  }
  return [...new Set(files)];
}

function readPartialFile(file: string): { name: string; partial: PartialResult; totals: RunTotals } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LiqsimError(`${file}: cannot read a partial result (${(error as Error).message})`);
  }
  return { name: file, ...readPartial(data, file) };
}

export interface MergeOptions {
  /**
   * The scenario file to re-load (default: the path recorded in the parts). Its content must be
   * the one the shards ran (same sha256); results still name the recorded path, as one run would.
   */
  scenario?: string;
}

/**
 * Merges the partial results of all shards of one run into that run's results.
 * @param paths partial-result files, or directories holding them
 * @throws LiqsimError (exit 2) when parts are of different runs, overlap or leave gaps, or when the
 *   scenario file is missing or has changed since the shards ran
 */
export function mergeShards(
  paths: readonly string[],
  options: MergeOptions = {},
): { loaded: LoadedScenario; model: Model; results: Results; files: string[] } {
  const files = partialFiles(paths);
  const parts = files.map(readPartialFile);
  const { identity, totals } = combinePartials(parts);
  if (identity.tool.version !== TOOL_VERSION) {
    throw new LiqsimError(`the parts were made by liqsim ${identity.tool.version}, this is ${TOOL_VERSION}; merge with the version that ran the shards`);
  }
  const scenarioFile = options.scenario ?? identity.scenario.file;
  if (!existsSync(scenarioFile)) {
    throw new LiqsimError(
      `the scenario file '${scenarioFile}' the shards ran is not found` +
        (options.scenario === undefined ? '; give its path with --scenario' : ''),
    );
  }
  const loaded = loadScenario(scenarioFile);
  if (loaded.sha256 !== identity.scenario.sha256) {
    throw new LiqsimError(
      `the scenario '${scenarioFile}' has changed since the shards ran (sha256 ${identity.scenario.sha256.slice(0, 12)}... in the parts, ` +
        `${loaded.sha256.slice(0, 12)}... now); merge against the scenario version the shards ran, or re-run the shards`,
    );
  }
  const { run } = identity;
  const model = withOverrides(loaded.model, { paths: run.paths, seed: run.seed, threshold: run.shortfallThreshold });
  // Same scenario bytes, so the same horizon and credit lines: a mismatch means edited parts.
  if (totals.days !== model.horizonDays || totals.fields !== fieldsPerDay(model) || totals.statCount !== new PathStats(model).size) {
    throw new LiqsimError(
      `${files[0]}: damaged or edited partial result: totals.days/fields: ${totals.days} days x ${totals.fields} fields, ` +
        `the scenario has ${model.horizonDays} x ${fieldsPerDay(model)}; hint: re-run the shards`,
    );
  }
  const asRun: LoadedScenario = { ...loaded, file: identity.scenario.file };
  return { loaded: asRun, model, results: resultsFromTotals(asRun, model, totals), files };
}
