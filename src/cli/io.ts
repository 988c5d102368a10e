import { LiqsimError, formatIssue, type InputIssue } from '../errors.js';
import { terminalLines, terminalText } from '../escape/terminal.js';

/**
 * An issue with every user-provided part (file name, key, found value) made safe for a terminal:
 * control characters and escape sequences are shown as visible escapes, never sent raw.
 */
export function formatIssueForTerminal(issue: InputIssue): string {
  return formatIssue({
    ...issue,
    location: { ...issue.location, file: terminalText(issue.location.file) },
    path: issue.path.map((p) => (typeof p === 'string' ? terminalText(p) : p)),
    message: terminalLines(issue.message),
    ...(issue.expected === undefined ? {} : { expected: terminalText(issue.expected) }),
    ...(issue.found === undefined ? {} : { found: terminalText(issue.found) }),
    ...(issue.hint === undefined ? {} : { hint: terminalLines(issue.hint) }),
  });
}

/** Prints an error for a person and returns the exit code: 2 for user errors, 3 for internal ones. */
export function reportCliError(error: unknown): number {
  if (error instanceof LiqsimError) {
    if (error.issues.length > 0) {
      for (const issue of error.issues) process.stderr.write(`error: ${formatIssueForTerminal(issue)}\n`);
      if (error.message) process.stderr.write(`${terminalLines(error.message)}\n`);
    } else {
      process.stderr.write(`error: ${terminalLines(error.message)}\n`);
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${terminalLines(message)}\n(this is a bug in liqsim; set LIQSIM_DEBUG=1 for a stack trace)\n`);
  if (process.env.LIQSIM_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 3;
}
