/**
 * The library's main job: scenario file in, results out. The CLI and the tests call this.
 */
import { readFileSync } from 'node:fs';
import type { Model } from './model/types.js';
import { loadScenario, type LoadedScenario } from './scenario/index.js';
import { simulateInProcess, simulatePathLedger } from './engine/simulate.js';
import type { RunTotals } from './engine/aggregate.js';
import { buildResults } from './results/build.js';
import type { Results } from './results/types.js';
import { LiqsimError } from './errors.js';
import { checkOverrideFlags } from './scenario/overrides.js';

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * The git commit this build was made from (dist/build-info.json, written by scripts/build-info.mjs),
 * "-dirty" appended for uncommitted changes; null when unknown (running from src/, or built outside git).
 */
export const TOOL_COMMIT: string | null = (() => {
  try {
    const info = JSON.parse(readFileSync(new URL('./build-info.json', import.meta.url), 'utf8')) as { commit?: unknown };
    return typeof info.commit === 'string' ? info.commit : null;
  } catch {
    return null;
  }
})();

export interface RunOptions {
  /** Override the scenario's number of paths / seed / shortfall threshold. */
  paths?: number;
  seed?: string;
  threshold?: number;
  /** Worker threads (default: all cores); 1 runs in this thread. Results never depend on it. */
  threads?: number;
  /** Called with (pathsDone, pathsTotal) as blocks complete. */
  onProgress?: (done: number, total: number) => void;
}

/** Applies command-line overrides to a compiled model. */
export function withOverrides(model: Model, options: Pick<RunOptions, 'paths' | 'seed' | 'threshold'>): Model {
  const out: { -readonly [K in keyof Model]: Model[K] } = { ...model };
  // The scenario keys' own ranges, as for the CLI flags (src/scenario/overrides.ts).
  const checked = checkOverrideFlags(options);
  if (checked.paths !== undefined) out.paths = checked.paths;
  if (checked.seed !== undefined) out.seed = checked.seed;
  if (checked.threshold !== undefined) out.shortfallThreshold = checked.threshold;
  return out;
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w./:=@+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line that reproduces a run of `file` with this model's seed, paths and threshold. */
export function reproduceCommand(file: string, model: Model): string {
  const q = shellQuote;
  return `liqsim run ${q(file)} --seed ${q(model.seed)} --paths ${model.paths} --threshold ${model.shortfallThreshold}`;
}

/** Simulates a compiled model: in this thread, or on worker threads when threads > 1. */
export async function simulateModel(model: Model, options: Pick<RunOptions, 'threads' | 'onProgress'> = {}): Promise<RunTotals> {
  const progress = options.onProgress;
  const onProgress = progress ? (done: number) => progress(done, model.paths) : undefined;
  // Loaded here, not at the top of the file: this function is the only user.
  const { defaultThreads, simulateParallel } = await import('./engine/parallel.js');
  const threads = options.threads ?? defaultThreads(model);
  if (threads <= 1) return simulateInProcess(model, onProgress);
  return simulateParallel(model, { threads, onProgress });
}

/** Builds the results document from finished totals (re-simulating the worst path for its ledger). */
export function resultsFromTotals(loaded: LoadedScenario, model: Model, totals: RunTotals): Results {
  const worst = totals.worst ? simulatePathLedger(model, totals.worst.path).ledger : null;
  const results = buildResults({
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

export async function runScenario(file: string, options: RunOptions = {}): Promise<{ loaded: LoadedScenario; model: Model; results: Results }> {
  const loaded = loadScenario(file);
  const model = withOverrides(loaded.model, options);
  const totals = await simulateModel(model, options);
  return { loaded, model, results: resultsFromTotals(loaded, model, totals) };
}
