/**
 * `liqsim merge PARTS... --out DIR`: combine the partial results of every shard of one run
 * (`liqsim run SCENARIO --shard K/N`) into results.json, daily.csv and the report, exactly as one
 * `liqsim run` over all paths would have written them.
 */
import type { Argv, CommandModule } from 'yargs';
import { mergeToFolder } from '../report/outputs.js';
import { REPORT_LANGS, type ReportLang } from '../report/i18n.js';
import { commandLine, failedAbove, printSummary } from './format.js';
import { checkNumberFlag, checkRunDateFlag, RUN_DATE_OPTION } from './options.js';

interface MergeArgs {
  parts: string[];
  out: string | string[];
  scenario?: string;
  lang: string;
  report: boolean;
  'fail-above'?: number;
  'run-date'?: string;
}

export function mergeCommand(setExit: (code: number) => void): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <parts..>',
    describe: 'Combine the partial results of all shards of a run (run --shard K/N) into its results and report',
    builder: (y: Argv) =>
      y
        .positional('parts', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'partial-K-of-N.json files, or directories holding them (or the shards\' --out directory)',
        })
        .option('out', { type: 'string', default: 'reports', describe: 'output directory (results go to OUT/<scenario>/)' })
        .option('scenario', { type: 'string', describe: 'scenario file, when not at the path the shards recorded (must be unchanged)' })
        .option('lang', { type: 'string', choices: [...REPORT_LANGS], default: 'en', describe: 'report language' })
        .option('report', { type: 'boolean', default: true, describe: 'write report.html and charts (--no-report to skip)' })
        .option('run-date', RUN_DATE_OPTION)
        .option('fail-above', { type: 'number', describe: 'exit 1 when P(any shortfall) is above this' }) as unknown as Argv<MergeArgs>,
    handler: async (args) => {
      const failAbove = checkNumberFlag('fail-above', args['fail-above'], 0, 1, 'a probability');
      const runDate = checkRunDateFlag(args['run-date']);
      const { dir, run } = await mergeToFolder(args.parts, {
        out: args.out,
        scenario: args.scenario,
        report: args.report,
        lang: args.lang as ReportLang,
        commandLine: commandLine(),
        runDate,
      });
      printSummary(run.results, dir);
      if (failedAbove([run], failAbove)) setExit(1);
    },
  };
}
