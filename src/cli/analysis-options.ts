/** Flag checks shared by the analysis commands (suite, sensitivity, reverse). */
import { LiqsimError } from '../errors.js';

export function checkThreads(threads: unknown): number | undefined {
  if (threads === undefined) return undefined;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new LiqsimError(`--threads must be a whole number from 1 to 256 (found ${String(threads)})`);
  }
  return threads;
}

/** A whole number of paths, at least 2. */
export function checkPaths(paths: unknown): number | undefined {
  if (paths === undefined) return undefined;
  if (typeof paths !== 'number' || !Number.isInteger(paths) || paths < 2 || paths > 10_000_000) {
    throw new LiqsimError(`--paths must be a whole number from 2 to 10,000,000 (found ${String(paths)})`);
  }
  return paths;
}
