/** `liqsim sensitivity SCENARIO --vary KEY=LOW..HIGH ...`: tornado with common random numbers (src/analysis/sensitivity.ts). */
import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { terminalText } from '../escape/terminal.js';
import { jobOptions, scenarioJobOptions, type ScenarioJobArgs } from './analysis-options.js';

interface SensitivityArgs extends ScenarioJobArgs {
  vary: string[];
  ratio?: string[];
}

export function sensitivityCommand(_setExit: (code: number) => void): CommandModule<object, SensitivityArgs> {
  return {
    command: 'sensitivity <scenario>',
    describe: 'One-at-a-time bumps with common random numbers, ranked by effect (sensitivity.json, tornado charts in sensitivity.html)',
    builder: (y: Argv) =>
      scenarioJobOptions(y, 'sensitivity')
        .option('vary', {
          type: 'string',
          array: true,
          demandOption: 'name at least one --vary KEY=LOW..HIGH',
          describe: 'lever and bumps, e.g. funding.cash=-20%..+20%, channel[Bank A].daily_limit=x0.5..x1.5, shock.peak_multiplier=4..12',
        })
        .option('ratio', {
          type: 'string',
          array: true,
          describe: "regulatory ratios to rank, each as its mean and P(below floor): lcr2_3m, lcr3_12m, basel30d, ...; 'none' for none (default: LCR2 and LCR3 at the first C-ROSS horizon and the Basel-style ratio)",
        }) as unknown as Argv<SensitivityArgs>,
    handler: async (args) => {
      // Loaded here: the analysis pages load the chart renderer, which other commands do not need.
      const { sensitivityJob } = await import('../report/analysis-jobs.js');
      const { dir, result } = await sensitivityJob(args.scenario, args.vary, jobOptions(args), args.ratio);
      process.stdout.write(`Ranked by effect on P(any shortfall): ${result.ranking.pAnyShortfall.map(terminalText).join(' > ')}\n`);
      process.stdout.write(`Sensitivity: ${terminalText(join(dir, 'sensitivity.json'))} (${result.runs} runs)\n`);
    },
  };
}
