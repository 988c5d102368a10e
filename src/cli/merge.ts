/**
 * `liqsim merge PARTS... --out DIR`: combine the partial results of every shard of one run
 * (`liqsim run SCENARIO --shard K/N`) into results.json, daily.csv and the report, exactly as one
 * `liqsim run` over all paths would have written them.
 */
import type { Argv, CommandModule } from 'yargs';
import { copyFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { mergeShards } from '../shard.js';
import { scenarioDirName, writeResultsFiles } from '../results/write.js';
import { assertReplaceable, checkOutDir, OutputSet } from '../results/output.js';
import { REPORT_LANGS, type ReportLang } from '../report/i18n.js';
import { commandLine, printSummary } from './format.js';
import { checkNumberFlag, checkRunDateFlag, RUN_DATE_OPTION } from './options.js';
import { terminalText } from '../escape/terminal.js';

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
      const out = checkOutDir(args.out);
      const { loaded, results, files } = mergeShards(args.parts, { scenario: args.scenario });
      const name = scenarioDirName(loaded.file);
      const dir = join(out, name);
      assertReplaceable(dir);
      const outputs = new OutputSet(out);
      try {
        const staged = outputs.stageDir(name);
        // The output directory replaces OUT/<scenario>/ as a whole; parts kept there stay with it.
        for (const file of files) if (resolve(dirname(file)) === resolve(dir)) copyFileSync(file, join(staged, basename(file)));
        writeResultsFiles(staged, results);
        if (args.report) {
          const { writeReport } = await import('../report/index.js');
          await writeReport(staged, results, { lang: args.lang as ReportLang, commandLine: commandLine(), runDate });
        }
        outputs.commit();
      } catch (error) {
        outputs.discard();
        throw error;
      }
      printSummary(results, dir);
      if (failAbove !== undefined && results.summary.pAnyShortfall.estimate > failAbove) {
        process.stderr.write(`FAIL ${terminalText(name)}: P(any shortfall) ${results.summary.pAnyShortfall.estimate} is above --fail-above ${failAbove}\n`);
        setExit(1);
      }
    },
  };
}
