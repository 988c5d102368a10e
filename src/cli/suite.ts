/** `liqsim suite FILE`: members with common random numbers and paired deltas (src/report/suite-job.ts). */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { commandLine } from './format.js';
import { terminalText } from '../escape/terminal.js';
import { checkPaths, checkThreads } from './analysis-options.js';
import type { ReportLang } from '../report/i18n.js';

interface SuiteArgs {
  suite: string;
  out: string;
  threads?: number;
  paths?: number;
  report: boolean;
  levers: boolean;
  quiet?: boolean;
  lang: string;
}

export function suiteCommand(_setExit: (code: number) => void): CommandModule<object, SuiteArgs> {
  return {
    command: 'suite <suite>',
    describe: 'Run a suite of scenarios with common random numbers: per member results, paired deltas against the base (suite.json, suite.html)',
    builder: (y: Argv) =>
      y
        .positional('suite', { type: 'string', demandOption: true, describe: 'suite YAML file (see docs/analysis.md)' })
        .option('out', { type: 'string', default: 'reports', describe: 'output directory (the suite writes OUT/<suite file name>/)' })
        .option('threads', { type: 'number', describe: 'threads (default: all cores, fewer for small runs); results do not depend on it' })
        .option('paths', { type: 'number', describe: "paths of every member (overrides the suite file's paths)" })
        .option('report', { type: 'boolean', default: true, describe: 'write the reports, suite.html and index.html (--no-report to skip)' })
        .option('levers', { type: 'boolean', default: true, describe: "search each member's window levers, as liqsim run does (--no-levers to skip)" })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress output on stderr' })
        .option('lang', { type: 'string', choices: ['en', 'zh-CN'], default: 'en', describe: 'language of the HTML pages' }) as unknown as Argv<SuiteArgs>,
    handler: async (args) => {
      // Loaded here: the analysis pages load the chart renderer, which other commands do not need.
      const { suiteJob } = await import('../report/suite-job.js');
      const threads = checkThreads(args.threads);
      const paths = checkPaths(args.paths);
      const { dir, json } = await suiteJob(args.suite, {
        out: args.out,
        threads,
        paths,
        report: args.report,
        levers: args.levers,
        lang: args.lang as ReportLang,
        commandLine: commandLine(),
        onMember: (name) => {
          if (!args.quiet) process.stderr.write(`member ${terminalText(name)}\n`);
        },
      });
      for (const m of json.members) {
        const d = m.deltas?.pAnyShortfall;
        const delta = d ? `  Δ ${(d.delta! * 100).toFixed(2)} pp ± ${(d.se! * 100).toFixed(2)}${d.significant ? ' *' : ''}` : '  (base)';
        process.stdout.write(`${terminalText(m.name)}: P(any shortfall) ${((m.figures.pAnyShortfall ?? 0) * 100).toFixed(2)}%${delta}\n`);
      }
      process.stdout.write(`Suite: ${terminalText(join(dir, 'suite.json'))}${args.report ? `, ${terminalText(join(dir, 'suite.html'))}` : ''}\n`);
    },
  };
}
