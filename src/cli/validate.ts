import type { CommandModule } from 'yargs';
import { formatIssue } from '../errors.js';
import { validateScenarioFiles } from '../scenario/index.js';

/**
 * `liqsim validate FILE...`: checks scenario files without running them. Prints `ok FILE` for each
 * valid file and every problem of the others (file:line:col, key path, expected, found, hint);
 * exits 2 when any file is invalid.
 */
export function validateCommand(setExit: (code: number) => void): CommandModule<object, { files: string[] }> {
  return {
    command: 'validate <files..>',
    describe: 'Check scenario files (syntax, schema, extends, CSV cohorts) without running them',
    builder: (y) =>
      y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scenario YAML files' })
        .option('allow-outside', { type: 'boolean', default: false, describe: "accept `extends`/`cohorts_csv` paths that are absolute or leave the scenario's folder" }),
    handler: (argv) => {
      const results = validateScenarioFiles(argv.files);
      let problems = 0;
      for (const result of results) {
        for (const notice of result.notices) process.stderr.write(`notice: ${formatIssue(notice)}\n`);
        if (result.ok) {
          process.stdout.write(`ok ${result.file}\n`);
          continue;
        }
        problems += result.issues.length;
        for (const issue of result.issues) process.stderr.write(`error: ${formatIssue(issue)}\n`);
      }
      const bad = results.filter((r) => !r.ok).length;
      if (bad > 0) {
        process.stderr.write(`${problems} problem${problems === 1 ? '' : 's'} in ${bad} of ${results.length} file${results.length === 1 ? '' : 's'}\n`);
        setExit(2);
      }
    },
  };
}
