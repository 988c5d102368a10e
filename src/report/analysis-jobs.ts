/**
 * The `liqsim sensitivity` and `liqsim reverse` jobs: load the scenario, run on one pool of threads
 * that stays up for every run, write OUT/<scenario>-<kind>/ with the JSON and the HTML page.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { defaultThreads } from '../engine/parallel.js';
import { checkOutputTargets, OutputSet, scenarioDirName } from '../io/output.js';
import { TOOL_VERSION } from '../version.js';
import { loadScenario, withOverrides } from '../model/load.js';
import type { Model } from '../model/types.js';
import { errorOf, messages } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { PairedRunner } from '../analysis/pool.js';
import { parseVary, ratiosOption, sensitivity, type SensitivityResult } from '../analysis/sensitivity.js';
import { reverseStress, type ReverseResult } from '../analysis/reverse.js';
import { dayOf, parseLeverKey } from '../analysis/variants.js';
import { parseTarget } from '../analysis/target.js';
import { sensitivityHtml } from './sensitivity-html.js';
import { reverseHtml } from './reverse-html.js';
import type { ReportLang } from './i18n.js';

export interface JobOptions {
  out: string;
  paths?: number;
  seed?: string;
  threads?: number;
  report: boolean;
  commandLine: string;
  /** ISO date for dated levers (extra funding, limits from a date, a mass lapse without a date). */
  at?: string;
  /** Language of the HTML page (default English). */
  lang?: ReportLang;
}

async function withJob<T>(file: string, kind: string, options: JobOptions, work: (model: Model, runner: PairedRunner, at: number) => Promise<T>, pageOf: (x: T, tool: string) => Promise<string>): Promise<{ dir: string; result: T }> {
  const loaded = loadScenario(file);
  const model = withOverrides(loaded.model, { paths: options.paths, seed: options.seed });
  const at = options.at === undefined ? 0 : dayOf(model, options.at);
  const name = `${scenarioDirName(file)}-${kind}`;
  const out = checkOutputTargets(options.out, [name], '--out');
  const runner = new PairedRunner(options.threads ?? defaultThreads(model));
  try {
    const result = await work(model, runner, at);
    const outputs = new OutputSet(out);
    try {
      const staged = outputs.stageDir(name);
      writeFileSync(join(staged, `${kind}.json`), `${JSON.stringify(result, null, 2)}\n`);
      if (options.report) writeFileSync(join(staged, `${kind}.html`), await pageOf(result, `liqsim ${TOOL_VERSION}`));
      outputs.commit();
    } catch (error) {
      outputs.discard();
      throw error;
    }
    return { dir: join(out, name), result };
  } finally {
    await runner.close();
  }
}

/** `ratios`: ratio keys to show (undefined: the defaults; ['none']: none). */
export function sensitivityJob(file: string, vary: string[], options: JobOptions, ratios?: string[]): Promise<{ dir: string; result: SensitivityResult }> {
  return withJob(
    file,
    'sensitivity',
    options,
    (model, runner, at) => {
      const varies = vary.map((v) => parseVary(v, model, at));
      return sensitivity(model, varies, runner, { scenario: model.name, file }, at, ratiosOption(model, ratios));
    },
    (res, tool) => sensitivityHtml(res, tool, options.commandLine, options.lang),
  );
}

export interface ReverseJobOptions extends JobOptions {
  lever: string;
  target: string;
  range: string;
  tolerance?: number;
  grid?: number;
}

export function parseRange(text: string): [number, number] {
  const m = /^\s*([0-9.eE+_-]+)\s*\.\.\s*([0-9.eE+_-]+)\s*$/.exec(text);
  const lo = m ? Number(m[1].replace(/_/g, '')) : NaN;
  const hi = m ? Number(m[2].replace(/_/g, '')) : NaN;
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi) || lo === hi) throw errorOf(runMessages.rangeOption(text));
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

export function reverseJob(file: string, options: ReverseJobOptions): Promise<{ dir: string; result: ReverseResult & { scenario: string; file: string; seed: string; paths: number } }> {
  const lever = parseLeverKey(options.lever);
  const target = parseTarget(options.target);
  const [low, high] = parseRange(options.range);
  if (options.tolerance !== undefined && !(options.tolerance > 0 && options.tolerance < 1)) throw errorOf(messages.optionValue('tolerance', 'above 0 and below 1', String(options.tolerance)));
  if (options.grid !== undefined && !(Number.isInteger(options.grid) && options.grid >= 2 && options.grid <= 50)) throw errorOf(messages.optionValue('grid', 'a whole number from 2 to 50', String(options.grid)));
  return withJob(
    file,
    'reverse',
    options,
    async (model, runner, at) => ({
      scenario: model.name,
      file,
      seed: model.seed,
      paths: model.paths,
      ...(await reverseStress(model, runner, { lever, target, low, high, tolerance: options.tolerance, grid: options.grid, at })),
    }),
    (res, tool) => reverseHtml(res, tool, options.commandLine, options.lang),
  );
}
