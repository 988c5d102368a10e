/**
 * Checks of command-line flag values, run before any scenario is simulated. Flags that override a
 * scenario key (--paths, --seed, --threshold) are checked against that key's own schema, so a flag
 * can never take a value the scenario file could not: the ranges live in one place,
 * src/scenario/schema.ts.
 */
import type * as z from 'zod';
import { scenarioSchema } from '../scenario/schema.js';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LiqsimError } from '../errors.js';
import { terminalText } from '../escape/terminal.js';

/** The scenario key each overriding flag stands for. */
export const OVERRIDE_KEYS = { paths: 'paths', seed: 'seed', threshold: 'shortfall_threshold' } as const;

type NumberSchema = z.ZodType & { minValue: number | null; maxValue: number | null; isInt?: boolean };

/** The number schema inside a key's schema (under `.default(...)`), or null for non-numbers. */
function numberSchema(key: keyof typeof scenarioSchema.shape): NumberSchema | null {
  let s = scenarioSchema.shape[key] as unknown as { unwrap?: () => unknown; minValue?: unknown };
  while (s.minValue === undefined && typeof s.unwrap === 'function') s = s.unwrap() as typeof s;
  return s.minValue === undefined ? null : (s as unknown as NumberSchema);
}

const grouped = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 20 });

/** "a whole number from 1 to 10,000,000" / "a number above 0 and at most 1", read from the schema. */
export function rangeText(key: keyof typeof scenarioSchema.shape): string {
  const s = numberSchema(key);
  if (s === null) return 'a valid value';
  const whole = s.isInt === true;
  const noun = whole ? 'a whole number' : 'a number';
  const lo = s.minValue !== null && Number.isFinite(s.minValue) ? s.minValue : null;
  const hi = s.maxValue !== null && Number.isFinite(s.maxValue) ? s.maxValue : null;
  const loIn = lo !== null && s.safeParse(lo).success;
  const hiIn = hi !== null && s.safeParse(hi).success;
  if (lo !== null && hi !== null && loIn && hiIn) return `${noun} from ${grouped(lo)} to ${grouped(hi)}`;
  const parts: string[] = [];
  if (lo !== null) parts.push(loIn ? `at least ${grouped(lo)}` : `above ${grouped(lo)}`);
  if (hi !== null) parts.push(hiIn ? `at most ${grouped(hi)}` : `below ${grouped(hi)}`);
  return parts.length === 0 ? noun : `${noun} ${parts.join(' and ')}`;
}

/** yargs hands an array when a flag is given twice: refuse rather than silently pick one. */
function single<T>(flag: string, value: T | T[]): T {
  if (Array.isArray(value)) {
    throw new LiqsimError(`--${flag} was given ${value.length} times (${value.map(String).join(', ')}); give it once`);
  }
  return value;
}

/** What the user typed, for messages: yargs turns `--paths abc` into NaN, which says nothing. */
function shown(value: unknown): string {
  if (typeof value === 'string') return value === '' ? "'' (empty)" : `'${value}'`;
  if (typeof value === 'number' && Number.isNaN(value)) return 'not a number';
  return String(value);
}

function checkAgainstKey(flag: string, key: keyof typeof scenarioSchema.shape, value: unknown): void {
  const schema = scenarioSchema.shape[key] as unknown as z.ZodType;
  if (schema.safeParse(value).success) return;
  const expected = key === 'seed' ? 'a whole number or non-empty text' : rangeText(key);
  throw new LiqsimError(
    `--${flag} must be ${expected}, the same as the scenario key '${key}' (found ${shown(value)})`,
  );
}

export interface OverrideFlags {
  paths?: number | number[];
  seed?: string | string[];
  threshold?: number | number[];
}

/** Checks --paths, --seed and --threshold; returns them as single values. Throws LiqsimError (exit 2). */
export function checkOverrideFlags(args: OverrideFlags): { paths?: number; seed?: string; threshold?: number } {
  const out: { paths?: number; seed?: string; threshold?: number } = {};
  if (args.paths !== undefined) {
    const paths = single('paths', args.paths);
    checkAgainstKey('paths', OVERRIDE_KEYS.paths, paths);
    out.paths = paths;
  }
  if (args.seed !== undefined) {
    const seed = single('seed', args.seed);
    checkAgainstKey('seed', OVERRIDE_KEYS.seed, String(seed));
    out.seed = String(seed);
  }
  if (args.threshold !== undefined) {
    const threshold = single('threshold', args.threshold);
    checkAgainstKey('threshold', OVERRIDE_KEYS.threshold, threshold);
    out.threshold = threshold;
  }
  return out;
}

/** A whole number >= `min` (e.g. --threads, --false-alarm-seeds). */
export function checkWholeFlag(flag: string, value: number | number[] | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const v = single(flag, value);
  if (!(Number.isInteger(v) && v >= min && v <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${grouped(min)} to ${grouped(max)}`;
    throw new LiqsimError(`--${flag} must be a whole number ${range} (found ${shown(v)})`);
  }
  return v;
}

/** A finite number in [min, max] (e.g. --fail-above, --k). */
export function checkNumberFlag(flag: string, value: number | number[] | undefined, min: number, max: number, what = 'a number'): number | undefined {
  if (value === undefined) return undefined;
  const v = single(flag, value);
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max)) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new LiqsimError(`--${flag} must be ${what} ${range} (found ${shown(v)})`);
  }
  return v;
}

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
 * A file flag written after the work (--junit, --summary): its folder must exist and it must not be
 * a folder, checked before anything is simulated so a typo does not cost a whole run.
 */
export function checkOutputFileFlag(flag: string, value: string | string[] | undefined): void {
  if (value === undefined) return;
  const file = single(flag, value);
  if (file === '') throw new LiqsimError(`--${flag} needs a file name`);
  const dir = dirname(resolve(file));
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    throw new LiqsimError(`--${flag} ${terminalText(file)}: the folder ${terminalText(dir)} does not exist; create it first`);
  }
  if (!dirStat.isDirectory()) throw new LiqsimError(`--${flag} ${terminalText(file)}: ${terminalText(dir)} is not a folder`);
  try {
    if (statSync(file).isDirectory()) throw new LiqsimError(`--${flag} ${terminalText(file)} is a folder; give a file name`);
  } catch (error) {
    if (error instanceof LiqsimError) throw error;
    // Not there yet: it is created.
  }
}
