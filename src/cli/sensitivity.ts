/** `liqsim sensitivity SCENARIO --vary KEY=LOW..HIGH ...`: tornado with common random numbers (src/analysis/sensitivity.ts). */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { sensitivityJob } from '../analysis/jobs.js';
import { commandLine } from './format.js';
import { terminalText } from '../escape/terminal.js';
import { checkPaths, checkThreads } from './analysis-options.js';

interface SensitivityArgs {
  scenario: string;
  vary: string[];
  out: string;
  paths?: number;
  seed?: string;
  threads?: number;
  at?: string;
  report: boolean;
}

export function sensitivityCommand(_setExit: (code: number) => void): CommandModule<object, SensitivityArgs> {
  return {
    command: 'sensitivity <scenario>',
    describe: 'One-at-a-time bumps with common random numbers, ranked by effect (sensitivity.json, tornado charts in sensitivity.html)',
    builder: (y: Argv) =>
      y
        .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
        .option('vary', { type: 'string', array: true, demandOption: 'name at least one --vary KEY=LOW..HIGH', describe: 'lever and bumps, e.g. funding.cash=-20%..+20%, channel[Bank A].daily_limit=x0.5..x1.5, shock.peak_multiplier=4..12' })
        .option('out', { type: 'string', default: 'reports', describe: 'output directory (writes OUT/<scenario>-sensitivity/)' })
        .option('paths', { type: 'number', describe: 'override the number of paths' })
        .option('seed', { type: 'string', describe: 'override the random seed' })
        .option('at', { type: 'string', describe: 'ISO date for dated levers (funding.extra, channel/processing limits from a date)' })
        .option('threads', { type: 'number', describe: 'threads (default: all cores, fewer for small runs)' })
        .option('report', { type: 'boolean', default: true, describe: 'write sensitivity.html (--no-report to skip)' }) as unknown as Argv<SensitivityArgs>,
    handler: async (args) => {
      const { dir, result } = await sensitivityJob(args.scenario, args.vary, {
        out: args.out,
        paths: checkPaths(args.paths),
        seed: args.seed,
        threads: checkThreads(args.threads),
        at: args.at,
        report: args.report,
        commandLine: commandLine(),
      });
      process.stdout.write(`Ranked by effect on P(any shortfall): ${result.ranking.pAnyShortfall.map(terminalText).join(' > ')}\n`);
      process.stdout.write(`Sensitivity: ${terminalText(join(dir, 'sensitivity.json'))} (${result.runs} runs)\n`);
    },
  };
}
