/**
 * The scenario layer's public API: read a scenario file (with `extends` and CSV cohorts), validate it
 * with located messages, and compile it into the engine's `Model`.
 *
 * - `loadScenario`: one file to a model, or a `LiqsimError` listing every problem found
 * - `validateScenarioFiles`: check files without running them (`liqsim validate`)
 * - `scenarioJsonSchema`: the format as JSON Schema for editors (`liqsim schema`)
 */
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import * as z from 'zod';
import type { InputIssue } from '../errors.js';
import { LiqsimError } from '../errors.js';
import { exactAmountValue } from './amounts.js';
import { readCohortsCsv } from './cohorts-csv.js';
import { describeReplacedList, loadExtendsChain, readText, relativeTo } from './extends.js';
import type { ReplacedList } from './extends.js';
import { LIMITS, pathRefusal } from './limits.js';
import type { ReadPolicy } from './limits.js';
import { locateIssues, sortByLocation } from './issues.js';
import { isPlainObject } from './locations.js';
import type { KeyPath, OriginMap } from './locations.js';
import { issueAt, messages } from './messages.js';
import { AMOUNT_KEYS, amount, crossCheckIssues, scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';

export type { Scenario } from './schema.js';
export { LIMITS } from './limits.js';

/** How scenario inputs are read. */
export interface ScenarioOptions extends ReadPolicy {
  /** Most data rows read from a cohort CSV file (default `LIMITS.csvRows`). */
  readonly maxCsvRows?: number;
}

/** A scenario file read and validated (model/load.ts compiles it: `loadScenario`). */
export interface ValidScenario {
  /** Path as given by the user. */
  file: string;
  /** The resolved scenario as plain JSON: `extends` applied and removed, CSV cohorts inlined. */
  resolved: unknown;
  /** Hex SHA-256 of the canonical JSON (sorted keys, no whitespace) of `resolved`. */
  sha256: string;
  /** The validated scenario (snake_case keys, amounts in cents, dates as epoch days). */
  scenario: Scenario;
  /**
   * Things worth knowing that are not errors: each inherited list a child file replaced through
   * `extends` (code `list-replaced`). The CLI prints them as `notice:` lines on stderr.
   */
  notices: InputIssue[];
}

let defaultOptions: ScenarioOptions = {};

/**
 * Options used when a call passes none (the CLI sets `--allow-outside` here once, so every command
 * that loads scenarios, including `check` and shards, honours it).
 */
export function setDefaultScenarioOptions(options: ScenarioOptions): void {
  defaultOptions = { ...options };
}

/**
 * Reads and validates a scenario file (`loadScenario` of model/load.ts also compiles it).
 * @param file path to a scenario YAML file
 * @throws LiqsimError (exit code 2) carrying every problem found, each with file, line and column
 * @example const { scenario, sha256 } = validateScenario('scenarios/base.yaml');
 */
export function validateScenario(file: string, options: ScenarioOptions = {}): ValidScenario {
  const read = readScenario(file, { ...defaultOptions, ...options });
  if (read.scenario === undefined) {
    const n = read.issues.length;
    throw new LiqsimError(`${file}: ${n} problem${n === 1 ? '' : 's'} found`, { code: 'invalid-scenario', exitCode: 2, issues: read.issues });
  }
  return { file, resolved: read.resolved, sha256: scenarioHash(read.resolved), scenario: read.scenario, notices: read.notices };
}

/**
 * Checks scenario files without running them.
 * @returns one entry per file, in order: ok, or every problem found
 */
export function validateScenarioFiles(files: string[], options: ScenarioOptions = {}): { file: string; ok: boolean; issues: InputIssue[]; notices: InputIssue[] }[] {
  return files.map((file) => {
    try {
      const { notices } = validateScenario(file, options);
      return { file, ok: true, issues: [], notices };
    } catch (error) {
      if (error instanceof LiqsimError) return { file, ok: false, issues: error.issues, notices: [] };
      throw error;
    }
  });
}

/** The scenario format as a JSON Schema (draft 2020-12) describing what may be written in a file. */
export function scenarioJsonSchema(): object {
  const schema = z.toJSONSchema(scenarioSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === amount.def.in) {
        delete jsonSchema.type;
        jsonSchema.anyOf = [
          { type: 'number', minimum: 0 },
          { type: 'string', pattern: '^\\+?\\d(_?\\d)*(\\.(\\d(_?\\d)*)?)?([eE][+-]?\\d+)?$' },
        ];
      }
    },
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/liqsim/liqsim/scenario.schema.json',
    title: 'liqsim scenario',
    description: 'A liquidity stress scenario for liqsim. Amounts are in currency units (whole cents); dates are ISO YYYY-MM-DD.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** Hex SHA-256 of the canonical JSON of a resolved scenario: the same for any key order or layout. */
export function scenarioHash(resolved: unknown): string {
  return createHash('sha256').update(canonicalJson(resolved)).digest('hex');
}

/** JSON with mapping keys sorted and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Every stage up to a validated scenario: YAML and `extends`, exact amounts, CSV cohorts, schema.
 * Problems from all stages that could run are collected, at most `LIMITS.issues` of them (then one
 * "and K more").
 */
export function readScenario(file: string, options: ScenarioOptions = {}): { scenario?: Scenario; resolved: unknown; issues: InputIssue[]; notices: InputIssue[] } {
  const chain = loadExtendsChain(file, options);
  if (chain.tree === undefined) return { resolved: undefined, issues: capIssues(sortByLocation(chain.issues)), notices: [] };
  const { origins } = chain.tree;
  const value = exactAmounts(chain.tree.value, [], origins);
  const issues = inlineCohortsCsv(value, origins, file, options);
  const parsed = scenarioSchema.safeParse(value);
  // After a failed parse, the cross-checks zod skipped run on the raw value: one pass finds everything.
  if (!parsed.success) issues.push(...locateIssues([...parsed.error.issues, ...crossCheckIssues(value)], { schema: scenarioSchema, value, origins, file }));
  const notices = replacedNotices(chain.replaced, value);
  if (issues.length > 0) return { resolved: value, issues: capIssues(sortByLocation(issues)), notices };
  return { scenario: parsed.data, resolved: value, issues, notices };
}

/** The first `LIMITS.issues` problems and, when there are more, one that counts the rest. */
function capIssues(issues: InputIssue[]): InputIssue[] {
  if (issues.length <= LIMITS.issues) return issues;
  const more = issues.length - LIMITS.issues;
  return [...issues.slice(0, LIMITS.issues), issueAt(issues[LIMITS.issues].location, [], messages.tooManyProblems(LIMITS.issues, more))];
}

function replacedNotices(replaced: readonly ReplacedList[], value: unknown): InputIssue[] {
  const currency = isPlainObject(value) && typeof value.currency === 'string' ? value.currency : undefined;
  return replaced.map((list) => issueAt(list.location, list.path, { code: 'list-replaced', message: describeReplacedList(list, currency) }));
}

/**
 * Replaces amounts by their exact value (`exactAmountValue`): numbers are re-read from the source text,
 * so no amount passes through a float that could round it, and every notation of the same amount
 * (`18e9`, `18_000_000_000`, `"18000000000.00"`) resolves to the same JSON.
 */
function exactAmounts(value: unknown, path: KeyPath, origins: OriginMap): unknown {
  if (Array.isArray(value)) return value.map((v, i) => exactAmounts(v, [...path, i], origins));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const text = !AMOUNT_KEYS.has(key) ? undefined : typeof v === 'string' ? v : typeof v === 'number' ? origins.get([...path, key])?.source : undefined;
    out[key] = text === undefined ? exactAmounts(v, [...path, key], origins) : exactAmountValue(text);
  }
  return out;
}

/** Reads `liabilities.cohorts_csv` (relative to the file that names it) into `liabilities.cohorts`. */
function inlineCohortsCsv(value: unknown, origins: OriginMap, file: string, options: ScenarioOptions): InputIssue[] {
  const liabilities = isPlainObject(value) ? value.liabilities : undefined;
  if (!isPlainObject(liabilities) || typeof liabilities.cohorts_csv !== 'string') return [];
  const at = ['liabilities', 'cohorts_csv'];
  const named = liabilities.cohorts_csv;
  const declaredIn = origins.get(at)?.file ?? file;
  const csvFile = relativeTo(declaredIn, named);
  delete liabilities.cohorts_csv;
  const where = origins.locate(at, file);
  const root = nodePath.dirname(nodePath.resolve(file));
  const refused = pathRefusal(named, csvFile, root, options);
  if (refused !== undefined) return [issueAt(where, at, messages.pathRefused('cohort CSV file', named, refused))];
  const read = readText(csvFile, LIMITS.csvBytes);
  if ('reason' in read) {
    const hint = read.hint ?? (read.code === 'file-not-found' ? 'the path is relative to the file that names it' : undefined);
    const problem = messages.unreadable('cohort CSV file', csvFile, read.reason, hint, read.code);
    return [read.line !== undefined ? issueAt({ file: csvFile, line: read.line, column: read.column }, at, problem) : issueAt(where, at, problem)];
  }
  const inline = liabilities.cohorts ?? [];
  if (!Array.isArray(inline)) return [];
  const { cohorts, issues } = readCohortsCsv(csvFile, read.text, ['liabilities', 'cohorts'], inline.length, origins, options.maxCsvRows ?? LIMITS.csvRows);
  liabilities.cohorts = [...inline, ...cohorts];
  return issues;
}
