/** Flag checks shared by the analysis commands (suite, sensitivity, reverse). */
import type { Argv } from 'yargs';
import { errorOf, messages } from '../messages/catalogue.js';
import { commandLine } from './format.js';
import type { JobOptions } from '../report/analysis-jobs.js';
import type { ReportLang } from '../report/i18n.js';

/** The flags sensitivity and reverse share. */
export interface ScenarioJobArgs {
  scenario: string;
  out: string;
  paths?: number;
  seed?: string;
  threads?: number;
  at?: string;
  report: boolean;
  lang: string;
}

/** Adds the scenario argument and the shared flags; `kind` names the output folder and page. */
export function scenarioJobOptions(y: Argv, kind: 'sensitivity' | 'reverse'): Argv {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
    .option('out', { type: 'string', default: 'reports', describe: `output directory (writes OUT/<scenario>-${kind}/)` })
    .option('paths', { type: 'number', describe: 'override the number of paths' })
    .option('seed', { type: 'string', describe: 'override the random seed' })
    .option('at', { type: 'string', describe: 'ISO date for dated levers (funding.extra, channel/processing limits from a date, a mass lapse without a date)' })
    .option('threads', { type: 'number', describe: 'threads (default: all cores, fewer for small runs); results do not depend on it' })
    .option('report', { type: 'boolean', default: true, describe: `write ${kind}.html (--no-report to skip)` })
    .option('lang', { type: 'string', choices: ['en', 'zh-CN'], default: 'en', describe: 'language of the HTML pages' });
}

/** The shared flags, checked, as job options. */
export function jobOptions(args: ScenarioJobArgs): JobOptions {
  return {
    out: args.out,
    paths: checkPaths(args.paths),
    seed: args.seed,
    threads: checkThreads(args.threads),
    at: args.at,
    report: args.report,
    lang: args.lang as ReportLang,
    commandLine: commandLine(),
  };
}

export function checkThreads(threads: unknown): number | undefined {
  if (threads === undefined) return undefined;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw errorOf(messages.optionValue('threads', 'a whole number from 1 to 256', String(threads)));
  }
  return threads;
}

/** A whole number of paths, at least 2. */
export function checkPaths(paths: unknown): number | undefined {
  if (paths === undefined) return undefined;
  if (typeof paths !== 'number' || !Number.isInteger(paths) || paths < 2 || paths > 10_000_000) {
    throw errorOf(messages.optionValue('paths', 'a whole number from 2 to 10,000,000', String(paths)));
  }
  return paths;
}
