/**
 * Usage errors in words a new user understands, instead of yargs' own ("Unknown argument: foo",
 * "Not enough non-option arguments: got 0, need at least 1").
 */
import type { LiqsimError } from '../errors.js';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { TOOL_COMMIT, TOOL_VERSION } from '../version.js';

export const COMMANDS = ['run', 'validate', 'schema', 'report', 'check', 'merge', 'suite', 'sensitivity', 'reverse'] as const;

/** What each command needs as its first positional argument, with an example. */
const NEEDS: Record<string, string> = {
  run: 'at least one scenario file, e.g. liqsim run scenarios/base.yaml',
  validate: 'at least one scenario file, e.g. liqsim validate scenarios/base.yaml',
  report: 'a results.json written by `liqsim run`, e.g. liqsim report reports/base/results.json',
  suite: 'a suite file, e.g. liqsim suite suites/bundled.yaml',
  sensitivity: 'a scenario file and --vary, e.g. liqsim sensitivity scenarios/maturity-peak-2020q1.yaml --vary funding.cash=-20%..+20%',
  reverse: 'a scenario file, --lever and --target, e.g. liqsim reverse scenarios/maturity-peak-2020q1.yaml --lever surrender.level --range 1..20 --target "pAnyShortfall >= 0.5"',
  merge: "the shards' partial-K-of-N.json files or their --out directory, e.g. liqsim merge shards/",
};

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** Refuses a first word that is not a command (yargs would call it an "unknown argument"). */
export function checkCommandName(argv: readonly string[]): void {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || (COMMANDS as readonly string[]).includes(first)) return;
  const near = COMMANDS.filter((c) => distance(first.toLowerCase(), c) <= 2);
  throw errorOf(runMessages.unknownCommand(first, COMMANDS, near[0]));
}

/** A yargs failure message turned into a usage error naming the command (exit 2). */
export function usageError(message: string, argv: readonly string[]): LiqsimError {
  const command = argv[0];
  const help = command !== undefined && (COMMANDS as readonly string[]).includes(command) ? `liqsim ${command} --help` : 'liqsim --help';
  if (/^Not enough non-option arguments/.test(message) && command !== undefined && NEEDS[command] !== undefined) {
    return errorOf(runMessages.commandNeeds(command, NEEDS[command], help));
  }
  return errorOf(runMessages.usage(message, help));
}

/** `liqsim --version`: the package version, and the git commit of the build when known. */
export function versionText(): string {
  return TOOL_COMMIT === null ? TOOL_VERSION : `${TOOL_VERSION} (commit ${TOOL_COMMIT})`;
}
