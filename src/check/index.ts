/**
 * `liqsim check`: run scenarios and compare each with its committed baseline, or (`update`) write
 * the baselines. The library entry point; the CLI only parses arguments and prints the renderers'
 * output (see render.ts).
 */
import { access, mkdir, readFile, readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LiqsimError, formatIssue } from '../errors.js';
import { errorOf, messages } from '../messages/catalogue.js';
import { noBaseline, runMessages } from '../messages/run.js';
import { writeUserFile } from '../io/atomic.js';
import { runScenario } from '../results/run.js';
import {
  type Baseline,
  baselineFromResults,
  readBaseline,
  serializeBaseline,
} from './baseline.js';
import { compareWithBaseline } from './compare.js';
import { compareSuite, isSuiteFile, readSuiteBaseline, runSuiteBaseline, serializeSuiteBaseline, suiteBaselinePath } from './suite.js';
import type { CheckOptions, CheckReport, ScenarioCheck, ScenarioRunner } from './types.js';

export { baselineFromResults, parseBaseline, serializeBaseline } from './baseline.js';
export type { Baseline, Figure, DateFigure, Tolerance } from './baseline.js';
export { compareWithBaseline, chooseMode } from './compare.js';
export type { Comparison, FigureCheck, FigureGroup, Mode, CompareOptions } from './compare.js';
export { renderJUnit, renderMarkdown, renderTerminal } from './render.js';
export type { CheckOptions, CheckReport, ScenarioCheck, ScenarioRunner } from './types.js';

export const DEFAULT_BASELINES_DIR = 'reports/baselines';
export const DEFAULT_SCENARIOS_DIR = 'scenarios';
export const DEFAULT_K = 4;
export const DEFAULT_WINDOW_DAYS = 3;
/** For figures without a standard error (the coverage ratios); see docs/check.md. */
export const DEFAULT_REL_TOLERANCE = 0.1;

/** Runs one scenario with the engine (the default `ScenarioRunner`). */
export const engineRunner: ScenarioRunner = async (file, options) => (await runScenario(file, options)).results;

/** Every scenario file in a directory (default `scenarios/`), sorted by name. */
export async function defaultScenarioFiles(dir: string = DEFAULT_SCENARIOS_DIR): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw errorOf(runMessages.noScenariosFolder(dir));
  }
  const files = names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(dir, n));
  if (files.length === 0) throw errorOf(runMessages.noScenariosIn(dir));
  return files;
}

/** `maturity-peak.yaml` -> `DIR/maturity-peak.json`. */
export function baselinePath(baselinesDir: string, scenarioFile: string): string {
  return join(baselinesDir, `${basename(scenarioFile, extname(scenarioFile))}.json`);
}

/** Checks (or with `update`, rewrites the baselines of) each scenario. Never throws for one bad scenario. */
export async function checkScenarios(files: string[], options: CheckOptions): Promise<CheckReport> {
  validateOptions(options);
  const relTolerance = options.relTolerance ?? DEFAULT_REL_TOLERANCE;
  const compareOptions = { k: options.k, windowDays: options.windowDays, relTolerance };
  const run = options.run ?? engineRunner;

  const byBaseline = new Map<string, string>();
  // A suite file (top-level `suite:` and `members:`) is checked as a suite, against DIR/suites/.
  const suites = new Set(files.filter((f) => isSuiteFile(f)));
  const baselineOf = (file: string) => (suites.has(file) ? suiteBaselinePath(options.baselinesDir, file) : baselinePath(options.baselinesDir, file));
  for (const file of files) {
    const target = baselineOf(file);
    const other = byBaseline.get(target);
    if (other !== undefined && other !== file) {
      throw errorOf(runMessages.baselineClash(other, file, target));
    }
    byBaseline.set(target, file);
  }
  if (options.update) await mkdir(options.baselinesDir, { recursive: true });

  const scenarios: ScenarioCheck[] = [];
  for (const file of [...new Set(files)]) {
    const baselineFile = baselineOf(file);
    try {
      // Before the baseline: "no baseline, run --update" would be the wrong advice for a missing file.
      await access(file).catch(() => {
        throw errorOf(runMessages.scenarioFileMissing(file));
      });
      if (suites.has(file)) {
        scenarios.push({ ...(await checkSuiteOne(file, baselineFile, options.update, options.threads, compareOptions)), suite: true });
        continue;
      }
      scenarios.push(
        options.update
          ? await updateOne(file, baselineFile, run, options.threads, compareOptions)
          : await checkOne(file, baselineFile, run, options.threads, compareOptions),
      );
    } catch (error) {
      if (!(error instanceof LiqsimError)) throw error;
      scenarios.push({ file, baselineFile, status: 'error', comparison: null, error: { message: errorText(error) }, ...(suites.has(file) ? { suite: true as const } : {}) });
    }
  }
  const exitCode = scenarios.some((s) => s.status === 'error') ? 2 : scenarios.some((s) => s.status === 'fail') ? 1 : 0;
  return {
    scenarios,
    baselinesDir: options.baselinesDir,
    update: options.update,
    k: options.k,
    windowDays: options.windowDays,
    relTolerance,
    exitCode,
  };
}

async function checkOne(
  file: string,
  baselineFile: string,
  run: ScenarioRunner,
  threads: number | undefined,
  compareOptions: { k: number; windowDays: number; relTolerance: number },
): Promise<ScenarioCheck> {
  const baseline = await readBaseline(baselineFile);
  if (baseline === null) {
    return {
      file,
      baselineFile,
      status: 'error',
      comparison: null,
      error: noBaseline(baselineFile, file),
    };
  }
  const results = await run(file, threads === undefined ? {} : { threads });
  const comparison = compareWithBaseline(baseline, results, file, compareOptions);
  return { file, baselineFile, status: comparison.passed ? 'pass' : 'fail', comparison };
}

/** Writes the new baseline (keeping hand-set tolerances) and compares it with the old one for the log. */
async function updateOne(
  file: string,
  baselineFile: string,
  run: ScenarioRunner,
  threads: number | undefined,
  compareOptions: { k: number; windowDays: number; relTolerance: number },
): Promise<ScenarioCheck> {
  let previous: Baseline | null = null;
  let note: string | undefined;
  try {
    previous = await readBaseline(baselineFile);
  } catch (error) {
    if (!(error instanceof LiqsimError)) throw error;
    note = 'the previous baseline was not valid and was replaced (any tolerances in it are lost)';
  }
  const results = await run(file, threads === undefined ? {} : { threads });
  const baseline = baselineFromResults(results, file);
  if (previous?.tolerances !== undefined && Object.keys(previous.tolerances).length > 0) {
    baseline.tolerances = previous.tolerances;
  }
  const text = serializeBaseline(baseline);
  const oldText = await readFile(baselineFile, 'utf8').catch(() => null);
  const comparison = previous === null ? null : compareWithBaseline(previous, results, file, compareOptions);
  if (oldText === text) {
    return { file, baselineFile, status: 'pass', comparison, update: { outcome: 'unchanged', baseline } };
  }
  await writeUserFile(baselineFile, text);
  return {
    file,
    baselineFile,
    status: 'pass',
    comparison,
    update: { outcome: oldText === null ? 'created' : 'updated', ...(note === undefined ? {} : { note }), baseline },
  };
}

/** A suite against its baseline, or (update) its baseline rewritten and compared with the previous one. */
async function checkSuiteOne(
  file: string,
  baselineFile: string,
  update: boolean,
  threads: number | undefined,
  compareOptions: { k: number; windowDays: number; relTolerance: number },
): Promise<ScenarioCheck> {
  let previous = null;
  let note: string | undefined;
  try {
    previous = await readSuiteBaseline(baselineFile);
  } catch (error) {
    if (!(error instanceof LiqsimError) || !update) throw error;
    note = 'the previous baseline was not valid and was replaced';
  }
  if (previous === null && !update) {
    return { file, baselineFile, status: 'error', comparison: null, error: { message: `no baseline ${baselineFile}`, hint: `liqsim check --update ${file}` } };
  }
  const now = await runSuiteBaseline(file, threads);
  const comparison = previous === null ? null : compareSuite(previous, now, compareOptions);
  if (!update) return { file, baselineFile, status: comparison!.passed ? 'pass' : 'fail', comparison };
  const text = serializeSuiteBaseline(now);
  const oldText = await readFile(baselineFile, 'utf8').catch(() => null);
  if (oldText === text) return { file, baselineFile, status: 'pass', comparison, update: { outcome: 'unchanged', baseline: now } };
  await mkdir(dirname(baselineFile), { recursive: true });
  await writeUserFile(baselineFile, text);
  return { file, baselineFile, status: 'pass', comparison, update: { outcome: oldText === null ? 'created' : 'updated', ...(note === undefined ? {} : { note }), baseline: now } };
}

function validateOptions(options: CheckOptions): void {
  if (!(Number.isFinite(options.k) && options.k > 0)) {
    throw errorOf(messages.optionValue('k', 'a number above 0', String(options.k)));
  }
  if (!(Number.isInteger(options.windowDays) && options.windowDays >= 0)) {
    throw errorOf(messages.optionValue('window-days', 'a whole number >= 0', String(options.windowDays)));
  }
  const rel = options.relTolerance;
  if (rel !== undefined && !(Number.isFinite(rel) && rel >= 0)) {
    throw errorOf(messages.optionValue('rel-tolerance', 'a number >= 0', String(rel)));
  }
}

function errorText(error: LiqsimError): string {
  return [...error.issues.map(formatIssue), ...(error.message ? [error.message] : [])].join('\n');
}
