/**
 * Overrides of scenario keys given on the command line or to the library (`withOverrides`:
 * --paths, --seed, --threshold). Each is checked against the key's own schema, so an override can
 * never take a value the scenario file could not: the ranges live in one place, ./schema.ts.
 */
import type * as z from 'zod';
import { scenarioSchema } from './schema.js';
import { errorOf, messages } from '../messages/catalogue.js';

/** The scenario key each overriding flag stands for. */
export const OVERRIDE_KEYS = { paths: 'paths', seed: 'seed', threshold: 'shortfall_threshold' } as const;

type NumberSchema = z.ZodType & { minValue: number | null; maxValue: number | null; isInt?: boolean };

/** The number schema inside a key's schema (under `.default(...)`), or null for non-numbers. */
function numberSchema(key: keyof typeof scenarioSchema.shape): NumberSchema | null {
  let s = scenarioSchema.shape[key] as unknown as { unwrap?: () => unknown; minValue?: unknown };
  while (s.minValue === undefined && typeof s.unwrap === 'function') s = s.unwrap() as typeof s;
  return s.minValue === undefined ? null : (s as unknown as NumberSchema);
}

export const grouped = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 20 });

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
export function single<T>(flag: string, value: T | T[]): T {
  if (Array.isArray(value)) {
    throw errorOf(messages.optionRepeated(flag, value));
  }
  return value;
}

/** What the user typed, for messages: yargs turns `--paths abc` into NaN, which says nothing. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value === '' ? "'' (empty)" : `'${value}'`;
  if (typeof value === 'number' && Number.isNaN(value)) return 'not a number';
  return String(value);
}

export function checkAgainstKey(flag: string, key: keyof typeof scenarioSchema.shape, value: unknown): void {
  const schema = scenarioSchema.shape[key] as unknown as z.ZodType;
  if (schema.safeParse(value).success) return;
  const expected = key === 'seed' ? 'a whole number or non-empty text' : rangeText(key);
  throw errorOf(messages.optionValue(flag, `${expected}, the same as the scenario key '${key}'`, shown(value)));
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

