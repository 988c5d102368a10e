#!/usr/bin/env node
/**
 * The `liqsim` command line: a thin shell over the library API. Each verb lives in its own module;
 * user errors (LiqsimError) print a clear message and exit with their code (2), never a stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';
import { schemaCommand } from './schema.js';
import { reportCommand } from './report.js';
import { checkCommand } from './check.js';
import { mergeCommand } from './merge.js';
import { suiteCommand } from './suite.js';
import { sensitivityCommand } from './sensitivity.js';
import { reverseCommand } from './reverse.js';
import { reportCliError } from './io.js';
import { COMMANDS, checkCommandName, usageError, versionText } from './usage.js';
import { LiqsimError } from '../errors.js';
import { setDefaultScenarioOptions } from '../scenario/index.js';

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  try {
    checkCommandName(argv);
    await yargs(argv)
      .scriptName('liqsim')
      .usage('$0 <command> [options]')
      .command(runCommand(setExit))
      .command(validateCommand(setExit))
      .command(schemaCommand(setExit))
      .command(reportCommand(setExit))
      .command(checkCommand(setExit))
      .command(mergeCommand(setExit))
      .command(suiteCommand(setExit))
      .command(sensitivityCommand(setExit))
      .command(reverseCommand(setExit))
      // --allow-outside (run, validate, check) applies to every scenario those commands load.
      .middleware((argv) => setDefaultScenarioOptions({ allowOutside: argv['allow-outside'] === true }))
      .demandCommand(1, `Name a command: ${COMMANDS.join(', ')}.`)
      .strict()
      .help()
      // The package's own version: yargs' default reads the package.json nearest the working directory.
      .version(versionText())
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .fail((message, error) => {
        if (error) throw error;
        // Throwing stops yargs before any handler runs: a bad option never half-runs a command.
        throw usageError(message, argv);
      })
      .parseAsync();
  } catch (error) {
    return reportCliError(error);
  }
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = reportCliError(error);
  },
);
