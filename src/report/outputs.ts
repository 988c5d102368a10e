/**
 * What a run leaves in `--out`, written as one set: each scenario's results.json and daily.csv, its
 * report (unless turned off) and, for several scenarios, the comparison index.html. All of it is
 * staged and renamed in together (io/output.ts), so a failure leaves the previous set. The library
 * side of `liqsim run` and `liqsim merge`; the CLI parses flags and prints summaries.
 */
import { copyFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LiqsimError, type InputIssue } from '../errors.js';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { assertReplaceable, checkOutDir, checkOutputTargets, OutputSet, scenarioDirName } from '../io/output.js';
import { loadScenario, withOverrides, type LoadedScenario, type ModelOverrides } from '../model/load.js';
import type { Model } from '../model/types.js';
import type { ScenarioOptions } from '../scenario/index.js';
import { simulateModel, type ProgressFactory } from '../engine/run.js';
import { mergeShards, type MergeOptions } from '../results/merge.js';
import { resultsFromTotals } from '../results/run.js';
import type { Results } from '../results/types.js';
import { resultsWithLevers } from '../analysis/levers.js';
import { writeResultsFiles } from '../results/write.js';
import type { ReportLang } from './i18n.js';

/** How the outputs are written. */
export interface OutputOptions {
  /** The `--out` value as given (checked here: once, a folder liqsim may write). */
  out: unknown;
  /** Write report.html and its charts (and index.html for several scenarios). */
  report: boolean;
  lang: ReportLang;
  /** The command line recorded in the reports. */
  commandLine: string;
  /** The run date the reports state (ISO; `--run-date`, default today); never in results.json. */
  runDate?: string;
  /** Search each shortfall window's lever (`window.lever`, analysis/levers.ts); default true. */
  levers?: boolean;
}

/** One scenario's outputs: its folder name in `--out` and its results. */
export interface RunOutput {
  dirName: string;
  results: Results;
}

type ReportModule = typeof import('./index.js');

/** The report module, only when a report is written: Vega and Vega-Lite take ~0.16 s to load. */
async function reportModule(options: OutputOptions): Promise<ReportModule | null> {
  return options.report ? import('./index.js') : null;
}

/** Stages one scenario's folder: parts to keep, results.json, daily.csv and the report. */
async function stageScenario(outputs: OutputSet, run: RunOutput, report: ReportModule | null, options: OutputOptions, keep: readonly string[] = []): Promise<void> {
  const staged = outputs.stageDir(run.dirName);
  for (const file of keep) copyFileSync(file, join(staged, basename(file)));
  writeResultsFiles(staged, run.results);
  if (report) await report.writeReport(staged, run.results, { lang: options.lang, commandLine: options.commandLine, runDate: options.runDate });
}

/** Runs `write` on a new output set of `out` and commits it; on any error the set is discarded. */
async function asOneSet(out: string, write: (outputs: OutputSet) => Promise<void>): Promise<void> {
  const outputs = new OutputSet(out);
  try {
    await write(outputs);
    outputs.commit();
  } catch (error) {
    outputs.discard();
    throw error;
  }
}

/**
 * `liqsim run`: validates every scenario and the output folders before simulating anything, then
 * simulates each scenario in turn and writes all outputs as one set.
 * @param onNotice called with each notice (not an error) while the scenarios are read
 * @returns the checked `--out` folder and each scenario's outputs, in the order given
 * @throws LiqsimError (exit 2) with every problem of every scenario, or for a clash of output names
 *   or an unusable `--out`: nothing is simulated or written then
 */
export async function runToFolder(
  files: readonly string[],
  options: OutputOptions & ModelOverrides & { threads?: number; progress?: ProgressFactory; onNotice?: (notice: InputIssue) => void; scenarioOptions?: ScenarioOptions },
): Promise<{ out: string; runs: RunOutput[] }> {
  const loaded: { scenario: LoadedScenario; model: Model }[] = [];
  const issues: InputIssue[] = [];
  for (const file of files) {
    try {
      const scenario = loadScenario(file, options.scenarioOptions);
      for (const notice of scenario.notices) options.onNotice?.(notice);
      loaded.push({ scenario, model: withOverrides(scenario.model, options) });
    } catch (error) {
      if (error instanceof LiqsimError && error.issues.length > 0) issues.push(...error.issues);
      else throw error;
    }
  }
  if (issues.length > 0) {
    throw errorOf(runMessages.scenariosNotRun(issues.length), issues);
  }
  const names = loaded.map((l) => scenarioDirName(l.scenario.file));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw errorOf(runMessages.scenarioFolderClash(join(String(options.out), dup)));
  // --out and every scenario folder in it are checked before simulating anything.
  const out = checkOutputTargets(options.out, names, '--out', options.report && names.length > 1 ? ['index.html'] : []);
  const report = await reportModule(options);
  const runs: RunOutput[] = [];
  await asOneSet(out, async (outputs) => {
    for (const [i, { scenario, model }] of loaded.entries()) {
      const progress = options.progress?.(scenario.file, model.paths);
      const totals = await simulateModel(model, { threads: options.threads, onProgress: progress?.update });
      progress?.finish();
      const run = { dirName: names[i], results: resultsWithLevers(model, resultsFromTotals(scenario, model, totals), options) };
      await stageScenario(outputs, run, report, options);
      runs.push(run);
    }
    if (report && runs.length > 1) await outputs.stageFile('index.html', (await report.renderIndex(runs, { lang: options.lang, commandLine: options.commandLine, runDate: options.runDate })).html);
  });
  return { out, runs };
}

/**
 * `liqsim merge`: merges the partial results of every shard of one run (results/merge.ts) and
 * writes the run's outputs to OUT/<scenario>/, as one `liqsim run` would have. Parts kept in that
 * folder stay in it (the folder is replaced as a whole).
 * @returns the folder written and the run's outputs
 * @throws LiqsimError (exit 2) for an unusable `--out`, parts that do not make one run, or a
 *   scenario that changed since the shards ran
 */
export async function mergeToFolder(parts: readonly string[], options: OutputOptions & MergeOptions): Promise<{ dir: string; run: RunOutput }> {
  const out = checkOutDir(options.out);
  const { loaded, model, results, files } = mergeShards(parts, { scenario: options.scenario });
  const run = { dirName: scenarioDirName(loaded.file), results: resultsWithLevers(model, results, options) };
  const dir = join(out, run.dirName);
  assertReplaceable(dir);
  const report = await reportModule(options);
  const keep = files.filter((file) => resolve(dirname(file)) === resolve(dir));
  await asOneSet(out, (outputs) => stageScenario(outputs, run, report, options, keep));
  return { dir, run };
}
