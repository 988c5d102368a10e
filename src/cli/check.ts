import type { Argv, CommandModule } from 'yargs';
import { readFile } from 'node:fs/promises';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import {
  DEFAULT_BASELINES_DIR,
  DEFAULT_K,
  DEFAULT_REL_TOLERANCE,
  DEFAULT_WINDOW_DAYS,
  checkScenarios,
  defaultScenarioFiles,
  renderJUnit,
  renderMarkdown,
  renderTerminal,
} from '../check/index.js';
import { writeUserFile } from '../io/atomic.js';
import { measureFalseAlarms, renderFalseAlarm } from '../check/falseAlarm.js';
import { checkCheckFlags } from './options.js';

interface CheckArgs {
  scenarios?: string[];
  baselines: string;
  update: boolean;
  junit?: string;
  summary?: string;
  k: number;
  'window-days': number;
  'rel-tolerance': number;
  threads?: number;
  'false-alarm-seeds'?: number;
  'false-alarm-paths'?: number;
}

export function checkCommand(setExit: (code: number) => void): CommandModule<object, CheckArgs> {
  return {
    command: 'check [scenarios..]',
    describe: 'Run scenarios and compare them with committed baselines (CI regression check)',
    builder: (y: Argv) =>
      y
        .positional('scenarios', { type: 'string', array: true, describe: 'scenario YAML files (default: scenarios/*.yaml), or suite files (checked against BASELINES/suites/)' })
        .option('baselines', { type: 'string', default: DEFAULT_BASELINES_DIR, describe: 'directory of baseline JSON files' })
        .option('update', { type: 'boolean', default: false, describe: 'rewrite the baselines from this run and print what changed' })
        .option('junit', { type: 'string', describe: 'write JUnit XML (one test case per scenario and figure group)' })
        .option('summary', { type: 'string', describe: 'append a Markdown summary, e.g. to $GITHUB_STEP_SUMMARY' })
        .option('k', { type: 'number', default: DEFAULT_K, describe: 'statistical mode: allowed difference in combined standard errors' })
        .option('window-days', { type: 'number', default: DEFAULT_WINDOW_DAYS, describe: 'statistical mode: days a window boundary may move' })
        .option('rel-tolerance', {
          type: 'number',
          default: DEFAULT_REL_TOLERANCE,
          describe: 'statistical mode: relative tolerance for figures without a standard error',
        })
        .option('threads', { type: 'number', describe: 'threads, this one and N - 1 workers (default: all cores); results do not depend on it' })
        .option('false-alarm-seeds', {
          type: 'number',
          describe: 'developer tool: instead of checking, measure statistical mode\'s false-alarm rate over N seeds of one scenario (docs/check.md)',
        })
        .option('false-alarm-paths', { type: 'number', describe: 'paths per seed for --false-alarm-seeds (default: the scenario\'s)' })
        .option('allow-outside', { type: 'boolean', default: false, describe: "accept `extends`/`cohorts_csv` paths that are absolute or leave the scenario's folder" }) as unknown as Argv<CheckArgs>,
    handler: async (args) => {
      checkCheckFlags(args);
      const files = args.scenarios !== undefined && args.scenarios.length > 0 ? args.scenarios : await defaultScenarioFiles();
      const seeds = args['false-alarm-seeds'];
      if (seeds !== undefined) {
        // Developer tool: measures statistical mode's false-alarm rate (docs/check.md).
        if (files.length !== 1 || !(Number.isInteger(seeds) && seeds >= 1)) {
          throw errorOf(runMessages.falseAlarmSeeds());
        }
        const report = await measureFalseAlarms(files[0], {
          seeds,
          k: args.k,
          windowDays: args['window-days'],
          relTolerance: args['rel-tolerance'],
          ...(args['false-alarm-paths'] === undefined ? {} : { paths: args['false-alarm-paths'] }),
          ...(args.threads === undefined ? {} : { threads: args.threads }),
        });
        process.stdout.write(renderFalseAlarm(report));
        setExit(report.rate <= report.impliedRate ? 0 : 1);
        return;
      }
      const report = await checkScenarios(files, {
        baselinesDir: args.baselines,
        update: args.update,
        k: args.k,
        windowDays: args['window-days'],
        relTolerance: args['rel-tolerance'],
        ...(args.threads === undefined ? {} : { threads: args.threads }),
      });
      process.stdout.write(renderTerminal(report));
      if (args.junit !== undefined) await writeUserFile(args.junit, renderJUnit(report));
      if (args.summary !== undefined) {
        const existing = await readFile(args.summary, 'utf8').catch(() => '');
        const separator = existing === '' || existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
        await writeUserFile(args.summary, existing + separator + renderMarkdown(report));
      }
      setExit(report.exitCode);
    },
  };
}
