/**
 * `liqsim merge`: the partial results of every shard of one run become that run's results, the
 * same results.json bytes as one run over all paths (the parts' totals are exact; engine/shard.ts
 * reads and combines them).
 */
import { existsSync } from 'node:fs';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { loadScenario, withOverrides, type LoadedScenario } from '../model/load.js';
import type { Model } from '../model/types.js';
import { fieldsPerDay } from '../engine/kernel.js';
import { pathStatCount } from '../engine/path-stats.js';
import { combinePartials, partialFiles, readPartialFile } from '../engine/shard.js';
import { TOOL_VERSION } from '../version.js';
import { resultsFromTotals } from './run.js';
import type { Results } from './types.js';

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
    throw errorOf(runMessages.otherToolVersion(identity.tool.version, TOOL_VERSION));
  }
  const scenarioFile = options.scenario ?? identity.scenario.file;
  if (!existsSync(scenarioFile)) {
    throw errorOf(runMessages.shardsScenarioNotFound(scenarioFile, options.scenario !== undefined));
  }
  const loaded = loadScenario(scenarioFile);
  if (loaded.sha256 !== identity.scenario.sha256) {
    throw errorOf(runMessages.scenarioChanged(scenarioFile, identity.scenario.sha256, loaded.sha256));
  }
  const { run } = identity;
  const model = withOverrides(loaded.model, { paths: run.paths, seed: run.seed, threshold: run.shortfallThreshold });
  // Same scenario bytes, so the same horizon and credit lines: a mismatch means edited parts.
  if (totals.days !== model.horizonDays || totals.fields !== fieldsPerDay(model) || totals.statCount !== pathStatCount(model)) {
    throw errorOf(runMessages.partialDoesNotFitScenario(files[0], totals.days, totals.fields, model.horizonDays, fieldsPerDay(model)));
  }
  const asRun: LoadedScenario = { ...loaded, file: identity.scenario.file };
  return { loaded: asRun, model, results: resultsFromTotals(asRun, model, totals), files };
}
