/**
 * Checks of command-line flag values, run before any scenario is simulated. Flags that override a
 * scenario key (--paths, --seed, --threshold) are checked by the library against that key's own
 * schema (../scenario/overrides.ts); this adds the flags of the commands themselves.
 */
import {
  checkAgainstKey,
  checkOverrideFlags,
  grouped,
  OVERRIDE_KEYS,
  shown,
  single,
  type OverrideFlags,
} from '../scenario/overrides.js';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LiqsimError } from '../errors.js';
import { errorOf, messages } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';

export { checkOverrideFlags, rangeText } from '../scenario/overrides.js';

/** A whole number >= `min` (e.g. --threads, --false-alarm-seeds). */
export function checkWholeFlag(flag: string, value: number | number[] | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const v = single(flag, value);
  if (!(Number.isInteger(v) && v >= min && v <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${grouped(min)} to ${grouped(max)}`;
    throw errorOf(messages.optionValue(flag, `a whole number ${range}`, shown(v)));
  }
  return v;
}

/** A finite number in [min, max] (e.g. --fail-above, --k). */
export function checkNumberFlag(flag: string, value: number | number[] | undefined, min: number, max: number, what = 'a number'): number | undefined {
  if (value === undefined) return undefined;
  const v = single(flag, value);
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max)) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw errorOf(messages.optionValue(flag, `${what} ${range}`, shown(v)));
  }
  return v;
}

/**
 * `--run-date` (run, merge, report): the run date the report states, an ISO date; default today's
 * date (UTC). It never enters results.json, so the results' bytes stay those of scenario and seed.
 */
export function checkRunDateFlag(value: string | string[] | undefined, today: Date = new Date()): string {
  if (value === undefined) return today.toISOString().slice(0, 10);
  const v = single('run-date', value);
  const time = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : NaN;
  const ok = Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === v;
  if (!ok) throw errorOf(messages.optionValue('run-date', 'an ISO date YYYY-MM-DD', shown(v)));
  return v;
}

/** The `--run-date` option of the commands that write a report. */
export const RUN_DATE_OPTION = {
  type: 'string',
  describe: 'run date stated in the report (ISO date; default: today, UTC); not written to results.json',
} as const;

/** Threads beyond this are a typo, not a machine: each one is a worker with its own WebAssembly memory. */
export const MAX_THREADS = 1024;

/** `liqsim run`'s flags: the overrides plus --threads and --fail-above. */
export function checkRunFlags(args: OverrideFlags & { threads?: number | number[]; 'fail-above'?: number | number[]; out?: string | string[] }): {
  paths?: number;
  seed?: string;
  threshold?: number;
  threads?: number;
  'fail-above'?: number;
} {
  const checked = {
    ...checkOverrideFlags(args),
    threads: checkWholeFlag('threads', args.threads, 1, MAX_THREADS),
    'fail-above': checkNumberFlag('fail-above', args['fail-above'], 0, 1, 'a probability'),
  };
  if (args.out !== undefined) single('out', args.out);
  return checked;
}

/** `liqsim check`'s flags. */
export function checkCheckFlags(args: {
  threads?: number | number[];
  k?: number | number[];
  'window-days'?: number | number[];
  'rel-tolerance'?: number | number[];
  'false-alarm-seeds'?: number | number[];
  'false-alarm-paths'?: number | number[];
  junit?: string | string[];
  summary?: string | string[];
}): void {
  checkOutputFileFlag('junit', args.junit);
  checkOutputFileFlag('summary', args.summary);
  checkWholeFlag('threads', args.threads, 1, MAX_THREADS);
  // --k, --window-days and --rel-tolerance: checked by checkScenarios (src/check/index.ts) before it runs anything.
  checkWholeFlag('false-alarm-seeds', args['false-alarm-seeds'], 1);
  if (args['false-alarm-paths'] !== undefined) {
    const paths = single('false-alarm-paths', args['false-alarm-paths']);
    checkAgainstKey('false-alarm-paths', OVERRIDE_KEYS.paths, paths);
  }
}

/**
 * `--rejects FILE` (run, validate): one scenario at a time (two would write the same file), and a
 * file liqsim can write, checked like --junit before anything is read.
 * @returns the file, or undefined when the flag is not given
 */
export function checkRejectsFlag(value: string | string[] | undefined, scenarios: number): string | undefined {
  if (value === undefined) return undefined;
  checkOutputFileFlag('rejects', value);
  if (scenarios !== 1) {
    throw errorOf(runMessages.rejectsOneScenario(scenarios));
  }
  return single('rejects', value);
}

/**
 * A file flag written after the work (--junit, --summary): its folder must exist and it must not be
 * a folder, checked before anything is simulated so a typo does not cost a whole run.
 */
export function checkOutputFileFlag(flag: string, value: string | string[] | undefined): void {
  if (value === undefined) return;
  const file = single(flag, value);
  if (file === '') throw errorOf(runMessages.fileOptionEmpty(flag));
  const dir = dirname(resolve(file));
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    throw errorOf(runMessages.fileOptionNoFolder(flag, file, dir));
  }
  if (!dirStat.isDirectory()) throw errorOf(runMessages.fileOptionNotInFolder(flag, file, dir));
  try {
    if (statSync(file).isDirectory()) throw errorOf(runMessages.fileOptionIsFolder(flag, file));
  } catch (error) {
    if (error instanceof LiqsimError) throw error;
    // Not there yet: it is created.
  }
}
