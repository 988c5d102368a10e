/** `liqsim reverse SCENARIO --lever KEY --range LOW..HIGH --target "FIGURE >= VALUE"` (src/analysis/reverse.ts). */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { terminalText } from '../escape/terminal.js';
import { jobOptions, scenarioJobOptions, type ScenarioJobArgs } from './analysis-options.js';

interface ReverseArgs extends ScenarioJobArgs {
  lever: string;
  range: string;
  target: string;
  tolerance?: number;
  grid?: number;
}

export function reverseCommand(setExit: (code: number) => void): CommandModule<object, ReverseArgs> {
  return {
    command: 'reverse <scenario>',
    describe: 'Reverse stress test: the lever value at which a target is first breached (grid, then bisection, common random numbers); reverse.json, breach curve in reverse.html',
    builder: (y: Argv) =>
      scenarioJobOptions(y, 'reverse')
        .option('lever', { type: 'string', demandOption: 'name a --lever, e.g. surrender.level', describe: 'surrender.level | shock.peak_multiplier | mass_lapse.share | credit_line.limit | channel.daily_limit | funding.cash | ... (docs/analysis.md)' })
        .option('range', { type: 'string', demandOption: 'give a --range LOW..HIGH', describe: 'lever values to search, LOW..HIGH' })
        .option('target', { type: 'string', default: 'pAnyShortfall >= 0.05', describe: 'breach condition FIGURE OP VALUE (OP >=, >, <=, <): "pAnyShortfall >= 0.05", "maxDailyPOverdue >= 0.01", "p99Peak >= 1e9", "lcr2_3m < 1", "pBelowFloor(lcr3_3m) >= 0.05"' })
        .option('tolerance', { type: 'number', describe: 'relative width of the final bracket (default 0.01)' })
        .option('grid', { type: 'number', describe: 'grid points for the monotonicity check (default 8)' }) as unknown as Argv<ReverseArgs>,
    handler: async (args) => {
      // Loaded here: the analysis pages load the chart renderer, which other commands do not need.
      const { reverseJob } = await import('../report/analysis-jobs.js');
      const { dir, result } = await reverseJob(args.scenario, { ...jobOptions(args), lever: args.lever, range: args.range, target: args.target, tolerance: args.tolerance, grid: args.grid });
      if (result.found) {
        // digits as reverse.html shows them; the bracket says how far they can be trusted
        const k = (x: number) => String(Number(x.toPrecision(7)));
        const bracket = result.bracket === null || result.toleranceReached === null ? (result.note ?? 'no bracket') : `bracket ${k(result.bracket[0])} to ${k(result.bracket[1])}, relative width ${result.toleranceReached.toPrecision(2)}`;
        process.stdout.write(`${terminalText(result.target)} is first breached at ${terminalText(result.lever)} = ${k(result.kStar!)} (${bracket}; ${result.runs} runs)\n`);
      } else {
        process.stdout.write(`Not found: ${terminalText(result.note ?? '')} (${result.runs} runs)\n`);
        setExit(1);
      }
      const mono = result.monotonicity;
      if (mono.nonMonotonePaths > 0) {
        const where = mono.pathsAgainstByStep.map((x) => `${x.paths} between ${x.from} and ${x.to}`).join('; ');
        process.stdout.write(`warning: ${mono.nonMonotonePaths} path(s) not monotone in the lever (${where}; see reverse.html)\n`);
      }
      process.stdout.write(`Reverse: ${terminalText(join(dir, 'reverse.json'))}\n`);
    },
  };
}
