/**
 * Scenario file to compiled model: the first two stages of the flow in one call, and the run
 * overrides (--paths, --seed, --threshold) applied to a model.
 */
import { validateScenario, type ScenarioOptions, type ValidScenario } from '../scenario/index.js';
import { checkOverrideFlags } from '../scenario/overrides.js';
import { compileModel } from './compile.js';
import type { Model } from './types.js';

/** A scenario file read, validated and compiled. */
export interface LoadedScenario extends ValidScenario {
  model: Model;
}

/**
 * Reads, validates and compiles a scenario file.
 * @param file path to a scenario YAML file
 * @throws LiqsimError (exit code 2) carrying every problem found, each with file, line and column
 * @example const { model, sha256 } = loadScenario('scenarios/base.yaml');
 */
export function loadScenario(file: string, options: ScenarioOptions = {}): LoadedScenario {
  const valid = validateScenario(file, options);
  return { ...valid, model: compileModel(valid.scenario) };
}

/** What a run may override in a compiled model (the CLI's --paths, --seed and --threshold). */
export interface ModelOverrides {
  /** Override the scenario's number of paths / seed / shortfall threshold. */
  paths?: number;
  seed?: string;
  threshold?: number;
}

/**
 * Applies run overrides to a compiled model, checked against the scenario keys' own ranges (as
 * the CLI flags are: src/scenario/overrides.ts).
 * @throws LiqsimError (exit 2) for a value outside its key's range
 */
export function withOverrides(model: Model, options: ModelOverrides): Model {
  const out: { -readonly [K in keyof Model]: Model[K] } = { ...model };
  const checked = checkOverrideFlags(options);
  if (checked.paths !== undefined) out.paths = checked.paths;
  if (checked.seed !== undefined) out.seed = checked.seed;
  if (checked.threshold !== undefined) out.shortfallThreshold = checked.threshold;
  return out;
}
