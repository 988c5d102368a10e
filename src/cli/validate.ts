import type { CommandModule } from 'yargs';
import { formatIssueForTerminal } from './io.js';
import { terminalText } from '../escape/terminal.js';
import { validateScenarioFiles } from '../scenario/index.js';
import { checkRejectsFlag } from './options.js';

/**
 * `liqsim validate FILE...`: checks scenario files without running them. Prints `ok FILE` for each
 * valid file and every problem of the others (file:line:col, key path, expected, found, hint);
 * exits 2 when any file is invalid. With `--rejects FILE` bad policy rows go to FILE instead (a
 * notice says how many), as `liqsim run --rejects` would run.
 */
export function validateCommand(setExit: (code: number) => void): CommandModule<object, { files: string[]; rejects?: string }> {
  return {
    command: 'validate <files..>',
    describe: 'Check scenario files (syntax, schema, extends, CSV cohorts) without running them',
    builder: (y) =>
      y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scenario YAML files' })
        .option('allow-outside', { type: 'boolean', default: false, describe: "accept `extends`/`cohorts_csv` paths that are absolute or leave the scenario's folder" })
        .option('rejects', { type: 'string', describe: 'policy files: write bad rows to this CSV (row + reason) instead of listing them (sets liabilities.policies_rejects; one file)' }),
    handler: (argv) => {
      const rejects = checkRejectsFlag(argv.rejects, argv.files.length);
      const results = validateScenarioFiles(argv.files, rejects === undefined ? {} : { policiesRejects: rejects });
      let problems = 0;
      for (const result of results) {
        for (const notice of result.notices) process.stderr.write(`notice: ${formatIssueForTerminal(notice)}\n`);
        if (result.ok) {
          process.stdout.write(`ok ${terminalText(result.file)}\n`);
          continue;
        }
        problems += result.issues.length;
        for (const issue of result.issues) process.stderr.write(`error: ${formatIssueForTerminal(issue)}\n`);
      }
      const bad = results.filter((r) => !r.ok).length;
      if (bad > 0) {
        process.stderr.write(`${problems} problem${problems === 1 ? '' : 's'} in ${bad} of ${results.length} file${results.length === 1 ? '' : 's'}\n`);
        setExit(2);
      }
    },
  };
}
