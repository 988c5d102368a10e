/**
 * `liqsim report RESULTS.json [--lang en|zh-CN] [--out DIR]`: re-render a report from saved
 * results without simulating (e.g. in another language, or after a report fix).
 */
import type { Argv, CommandModule } from 'yargs';
import { checkOutDir } from '../io/output.js';
import { REPORT_LANGS, type ReportLang } from '../report/i18n.js';
import { errorOf, messages } from '../messages/catalogue.js';
import { commandLine } from './format.js';
import { terminalText } from '../escape/terminal.js';
import { checkRunDateFlag, RUN_DATE_OPTION } from './options.js';

interface ReportArgs {
  results: string;
  lang: string;
  out?: string;
  'run-date'?: string;
}

export function reportCommand(_setExit: (code: number) => void): CommandModule<object, ReportArgs> {
  return {
    command: 'report <results>',
    describe: 'Re-render the report from a saved results.json (no simulation): report.html, or report.LANG.html for another language',
    builder: (y: Argv) =>
      y
        .positional('results', { type: 'string', demandOption: true, describe: 'results.json written by `liqsim run`' })
        .option('lang', { type: 'string', choices: [...REPORT_LANGS], default: 'en', describe: 'report language' })
        .option('out', { type: 'string', describe: 'directory to write into (default: the results file’s directory)' })
        .option('run-date', RUN_DATE_OPTION) as unknown as Argv<ReportArgs>,
    handler: async (args) => {
      if (!(REPORT_LANGS as readonly string[]).includes(args.lang)) {
        throw errorOf(messages.optionValue('lang', `one of ${REPORT_LANGS.join(', ')}`, String(args.lang)));
      }
      const { reportFromResultsFile } = await import('../report/index.js');
      const out = args.out === undefined ? undefined : checkOutDir(args.out);
      const runDate = checkRunDateFlag(args['run-date']);
      const file = await reportFromResultsFile(args.results, {
        lang: args.lang as ReportLang,
        out,
        commandLine: commandLine(),
        runDate,
      });
      process.stdout.write(`Report: ${terminalText(file)}\n`);
    },
  };
}
