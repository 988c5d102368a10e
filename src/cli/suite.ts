/** `liqsim suite FILE`: members with common random numbers and paired deltas (src/report/suite-job.ts). */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { commandLine } from './format.js';
import { terminalText } from '../escape/terminal.js';
import { checkPaths, checkThreads } from './analysis-options.js';
import type { ReportLang } from '../report/i18n.js';
import { unsignedZero } from '../report/analysis-i18n.js';
import type { PairedDelta } from '../analysis/paired.js';
import type { MemberSummary, SuiteJson } from '../analysis/suite.js';

interface SuiteArgs {
  suite: string;
  out: string;
  threads?: number;
  paths?: number;
  report: boolean;
  levers: boolean;
  quiet?: boolean;
  lang: string;
  ratio?: string[];
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
const deltaText = (d: PairedDelta) => `Δ ${d.delta === null ? 'n/a' : unsignedZero((d.delta * 100).toFixed(2))} pp ± ${d.se === null ? 'n/a' : (d.se * 100).toFixed(2)}${d.significant ? ' *' : ''}`;

/** The member's ratio lines of the summary: each ratio's mean and P(below floor), with their deltas. */
function ratioLines(json: SuiteJson, m: MemberSummary): string[] {
  if (json.ratioFigures.length === 0) return [];
  if (m.ratioFigures === null) return ['  ratios: n/a (no regulatory: key, so no per-path ratios)'];
  return json.ratioFigures
    .filter((f) => f.unit === 'ratio')
    .map((f) => {
      const below = json.ratioFigures.find((x) => x.key === `pBelowFloor(${f.key})`)!;
      const part = (k: typeof f.key) => `${pct(m.ratioFigures![k])}${m.ratioDeltas ? `  ${deltaText(m.ratioDeltas[k])}` : ''}`;
      return `  ${f.key} ${part(f.key)};  P(below ${Number((f.floor * 100).toPrecision(12))}%) ${part(below.key)}`;
    });
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
        .option('lang', { type: 'string', choices: ['en', 'zh-CN'], default: 'en', describe: 'language of the HTML pages' })
        .option('ratio', {
          type: 'string',
          array: true,
          describe: "regulatory ratios compared, each as its mean and P(below floor): lcr2_3m, lcr3_12m, basel30d, ...; 'none' for none (default: LCR2 and LCR3 at the first C-ROSS horizon and the Basel-style ratio)",
        }) as unknown as Argv<SuiteArgs>,
    handler: async (args) => {
      // Loaded here: the analysis pages load the chart renderer, which other commands do not need.
      const { suiteJob } = await import('../report/suite-job.js');
      const threads = checkThreads(args.threads);
      const paths = checkPaths(args.paths);
      const { dir, json } = await suiteJob(args.suite, {
        out: args.out,
        threads,
        paths,
        ratios: args.ratio,
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
        const delta = d ? `  ${deltaText(d)}` : '  (base)';
        process.stdout.write(`${terminalText(m.name)}: P(any shortfall) ${((m.figures.pAnyShortfall ?? 0) * 100).toFixed(2)}%${delta}\n`);
        for (const line of ratioLines(json, m)) process.stdout.write(`${line}\n`);
      }
      process.stdout.write(`Suite: ${terminalText(join(dir, 'suite.json'))}${args.report ? `, ${terminalText(join(dir, 'suite.html'))}` : ''}\n`);
    },
  };
}
