import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { loadScenario, type LoadedScenario } from '../scenario/index.js';
import { resultsFromTotals, simulateModel, withOverrides } from '../run.js';
import { scenarioDirName, writeResultsFiles } from '../results/write.js';
import { checkOutputTargets, OutputSet } from '../results/output.js';
import type { ReportLang } from '../report/i18n.js';
import type { Results } from '../results/types.js';
import type { Model } from '../model/types.js';
import { LiqsimError, type InputIssue } from '../errors.js';
import { commandLine, printSummary } from './format.js';
import { progressReporter } from './progress.js';
import { formatIssueForTerminal } from './io.js';
import { runShardCli } from './shard.js';
import { checkRunDateFlag, checkRunFlags, RUN_DATE_OPTION } from './options.js';
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
        .option('fail-above', { type: 'number', describe: 'exit 1 when any scenario has P(any shortfall) above this' })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress output on stderr (outside a terminal: a line every 10 s of a long run)' })
        .option('allow-outside', { type: 'boolean', default: false, describe: "accept `extends`/`cohorts_csv` paths that are absolute or leave the scenario's folder" }) as unknown as Argv<RunArgs>,
    handler: async (args) => {
      // Every flag is checked before any scenario is read or simulated (exit 2).
      Object.assign(args, checkRunFlags(args));
      const failAbove = args['fail-above'];
      const runDate = checkRunDateFlag(args['run-date']);
      if (args.shard !== undefined) return runShardCli(args, args.shard);
      // Validate every scenario before simulating or writing anything.
      const loaded: { scenario: LoadedScenario; model: Model }[] = [];
      const issues: InputIssue[] = [];
      for (const file of args.scenarios) {
        try {
          const scenario = loadScenario(file);
          for (const notice of scenario.notices) process.stderr.write(`notice: ${formatIssueForTerminal(notice)}\n`);
          loaded.push({ scenario, model: withOverrides(scenario.model, args) });
        } catch (error) {
          if (error instanceof LiqsimError && error.issues.length > 0) issues.push(...error.issues);
          else throw error;
        }
      }
      if (issues.length > 0) {
        throw new LiqsimError(`${issues.length} problem(s) found; nothing was simulated or written.`, { issues });
      }
      const names = loaded.map((l) => scenarioDirName(l.scenario.file));
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) throw new LiqsimError(`two scenarios would write to the same directory '${join(String(args.out), dup)}'; rename one file`);
      // --out and every scenario folder in it are checked before simulating anything.
      const out = checkOutputTargets(args.out, names, '--out', args.report && names.length > 1 ? ['index.html'] : []);

      const lang = args.lang as ReportLang;
      // The charts' Vega and Vega-Lite take ~0.16 s to load: only when a report is written.
      const report = args.report ? await import('../report/index.js') : null;
      const cmd = commandLine();
      const done: { dirName: string; results: Results }[] = [];
      // All of the run's outputs are staged, then renamed in together: a failure leaves the old set.
      const outputs = new OutputSet(out);
      try {
        for (const [i, { scenario: l, model }] of loaded.entries()) {
          const progress = progressReporter(`${l.file}`, model.paths, { quiet: args.quiet === true });
          const totals = await simulateModel(model, { threads: args.threads, onProgress: progress.update });
          progress.finish();
          const results = resultsFromTotals(l, model, totals);
          const staged = outputs.stageDir(names[i]);
          writeResultsFiles(staged, results);
          if (report) await report.writeReport(staged, results, { lang, commandLine: cmd, runDate });
          done.push({ dirName: names[i], results });
        }
        if (report && done.length > 1) await outputs.stageFile('index.html', (await report.renderIndex(done, { lang, commandLine: cmd, runDate })).html);
        outputs.commit();
      } catch (error) {
        outputs.discard();
        throw error;
      }
      for (const d of done) printSummary(d.results, join(out, d.dirName));
      if (report && done.length > 1) process.stdout.write(`Comparison: ${terminalText(join(out, "index.html"))}\n`);
      if (failAbove !== undefined) {
        const over = done.filter((d) => d.results.summary.pAnyShortfall.estimate > failAbove);
        for (const d of over) {
          process.stderr.write(
            `FAIL ${terminalText(d.dirName)}: P(any shortfall) ${d.results.summary.pAnyShortfall.estimate} is above --fail-above ${failAbove}\n`,
          );
        }
        if (over.length > 0) setExit(1);
      }
    },
  };
}
