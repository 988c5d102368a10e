/**
 * The library's main job: scenario file in, results out (load and compile, simulate, build the
 * results document). The CLI, `liqsim check` and the tests call this.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import type { Model } from '../model/types.js';
import { loadScenario, withOverrides, type LoadedScenario, type ModelOverrides } from '../model/load.js';
import { simulatePathLedger } from '../engine/simulate.js';
import { simulateModel, type SimulateOptions } from '../engine/run.js';
import type { RunTotals } from '../engine/aggregate.js';
import { shellQuote } from '../escape/shell.js';
import { TOOL_COMMIT, TOOL_VERSION } from '../version.js';
import { buildRegulatory, type BaseScenario } from '../regulatory/pack.js';
import { NO_BASE_SCENARIO } from '../regulatory/types.js';
import { buildResults } from './build.js';
import type { Results } from './types.js';

/** A run's options: overrides of the scenario's paths, seed and threshold; threads and progress. */
export interface RunOptions extends ModelOverrides, SimulateOptions {}

/** The command line that reproduces a run of `file` with this model's seed, paths and threshold. */
export function reproduceCommand(file: string, model: Model): string {
  const q = shellQuote;
  return `liqsim run ${q(file)} --seed ${q(model.seed)} --paths ${model.paths} --threshold ${model.shortfallThreshold}`;
}

/**
 * The base scenario of the C-ROSS LCR1 (`regulatory.cross2.base`, relative to the scenario's folder),
 * compiled; or why LCR1 is not computed.
 */
export function baseScenarioOf(loaded: LoadedScenario, model: Model): BaseScenario {
  const file = model.regulatory?.cross2.base ?? null;
  if (file === null) {
    return { file: null, missing: NO_BASE_SCENARIO };
  }
  return { file, model: loadScenario(resolvePath(dirname(loaded.file), file)).model };
}

/** Builds the results document from finished totals (re-simulating the worst path for its ledger). */
export function resultsFromTotals(loaded: LoadedScenario, model: Model, totals: RunTotals): Results {
  const worst = totals.worst ? simulatePathLedger(model, totals.worst.path).ledger : null;
  const regulatory = buildRegulatory(model, totals, baseScenarioOf(loaded, model));
  const results = buildResults({
    regulatory,
    model,
    scenario: { file: loaded.file, sha256: loaded.sha256, resolved: loaded.resolved },
    totals,
    worstLedger: worst,
    toolVersion: TOOL_VERSION,
    toolCommit: TOOL_COMMIT,
    reproduce: reproduceCommand(loaded.file, model),
  });
  if (loaded.policies !== undefined) results.meta.policies = loaded.policies;
  return results;
}

/** Loads a scenario file, applies the overrides, simulates it and builds its results. */
export async function runScenario(file: string, options: RunOptions = {}): Promise<{ loaded: LoadedScenario; model: Model; results: Results }> {
  const loaded = loadScenario(file);
  const model = withOverrides(loaded.model, options);
  const totals = await simulateModel(model, options);
  return { loaded, model, results: resultsFromTotals(loaded, model, totals) };
}
