import { LiqsimError, formatIssue } from '../errors.js';

/** Prints an error for a person and returns the exit code: 2 for user errors, 3 for internal ones. */
export function reportCliError(error: unknown): number {
  if (error instanceof LiqsimError) {
    if (error.issues.length > 0) {
      for (const issue of error.issues) process.stderr.write(`error: ${formatIssue(issue)}\n`);
      if (error.message) process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`error: ${error.message}\n`);
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${message}\n(this is a bug in liqsim; set LIQSIM_DEBUG=1 for a stack trace)\n`);
  if (process.env.LIQSIM_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 3;
}
