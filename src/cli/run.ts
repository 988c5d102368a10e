import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { parseShard, runShardToFolder } from '../engine/shard.js';
import { runToFolder } from '../report/outputs.js';
import type { ReportLang } from '../report/i18n.js';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { commandLine, failedAbove, printSummary } from './format.js';
import { progressReporter } from './progress.js';
import { formatIssueForTerminal } from './io.js';
import { checkRejectsFlag, checkRunDateFlag, checkRunFlags, RUN_DATE_OPTION } from './options.js';
import { terminalText } from '../escape/terminal.js';

export interface RunArgs {
  scenarios: string[];
  out: string | string[];
  paths?: number;
  seed?: string;
  threshold?: number;
  threads?: number;
  shard?: string;
  lang: string;
  report: boolean;
  quiet?: boolean;
  'fail-above'?: number;
  'run-date'?: string;
  levers: boolean;
  rejects?: string;
}

export function runCommand(setExit: (code: number) => void): CommandModule<object, RunArgs> {
  return {
    command: 'run <scenarios..>',
    describe: 'Simulate scenarios and write results.json, daily.csv and report.html for each',
    builder: (y: Argv) =>
      y
        .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario YAML files' })
        .option('out', { type: 'string', default: 'reports', describe: 'output directory (one sub-directory per scenario)' })
        .option('paths', { type: 'number', describe: 'override the number of Monte Carlo paths' })
        .option('seed', { type: 'string', describe: 'override the random seed' })
        .option('threshold', { type: 'number', describe: 'shortfall probability that puts a date in a window (default: scenario, else 0.01)' })
        .option('threads', { type: 'number', describe: 'threads, this one and N - 1 workers (default: all cores, fewer for small runs); results do not depend on it' })
        .option('shard', {
          type: 'string',
          describe: 'simulate only shard K of N (K = 1..N) of one scenario and write OUT/<scenario>/partial-K-of-N.json; combine with `liqsim merge`',
        })
        .option('lang', { type: 'string', choices: ['en', 'zh-CN'], default: 'en', describe: 'report language' })
        .option('report', { type: 'boolean', default: true, describe: 'write report.html and charts (--no-report to skip)' })
        .option('run-date', RUN_DATE_OPTION)
        .option('levers', { type: 'boolean', default: true, describe: "search each shortfall window's lever (required funding, channel limit or processing capacity; --no-levers to skip)" })
        .option('fail-above', { type: 'number', describe: 'exit 1 when any scenario has P(any shortfall) above this' })
        .option('rejects', { type: 'string', describe: 'policy files: quarantine bad rows in this CSV (row + reason) and run on the rest (sets liabilities.policies_rejects; one scenario)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress output on stderr (outside a terminal: a line every 10 s of a long run)' })
        .option('allow-outside', { type: 'boolean', default: false, describe: "accept `extends`/`cohorts_csv` paths that are absolute or leave the scenario's folder" }) as unknown as Argv<RunArgs>,
    handler: async (args) => {
      // Every flag is checked before any scenario is read or simulated (exit 2).
      Object.assign(args, checkRunFlags(args));
      const runDate = checkRunDateFlag(args['run-date']);
      const rejects = checkRejectsFlag(args.rejects, args.scenarios.length);
      const progress = (label: string, paths: number) => progressReporter(label, paths, { quiet: args.quiet === true });
      const overrides = { paths: args.paths, seed: args.seed, threshold: args.threshold };
      if (args.shard !== undefined) {
        const shard = parseShard(args.shard);
        if (args.scenarios.length !== 1) {
          throw errorOf(runMessages.shardOneScenario(args.scenarios.length));
        }
        if (args['fail-above'] !== undefined) throw errorOf(runMessages.failAboveNeedsWholeRun());
        if (rejects !== undefined) throw errorOf(runMessages.rejectsWithShard());
        const { loaded, model, partial, file } = await runShardToFolder(args.scenarios[0], shard, { ...overrides, out: args.out, threads: args.threads, progress });
        const s = partial.shard;
        process.stdout.write(
          `Shard ${s.index}/${s.count} of ${terminalText(loaded.file)}: paths ${s.firstPath}..${s.endPath - 1} of ${model.paths}, written to ${terminalText(file)}\n`,
        );
        return;
      }
      const { out, runs } = await runToFolder(args.scenarios, {
        ...overrides,
        out: args.out,
        report: args.report,
        levers: args.levers,
        lang: args.lang as ReportLang,
        commandLine: commandLine(),
        runDate,
        threads: args.threads,
        progress,
        ...(rejects === undefined ? {} : { scenarioOptions: { policiesRejects: rejects } }),
        onNotice: (notice) => process.stderr.write(`notice: ${formatIssueForTerminal(notice)}\n`),
      });
      for (const run of runs) printSummary(run.results, join(out, run.dirName));
      if (args.report && runs.length > 1) process.stdout.write(`Comparison: ${terminalText(join(out, 'index.html'))}\n`);
      if (failedAbove(runs, args['fail-above'])) setExit(1);
    },
  };
}
