/**
 * The scenario layer's public API: read a scenario file (with `extends` and CSV cohorts), validate it
 * with located messages, and compile it into the engine's `Model`.
 *
 * - `loadScenario`: one file to a model, or a `LiqsimError` listing every problem found
 * - `validateScenarioFiles`: check files without running them (`liqsim validate`)
 * - `scenarioJsonSchema`: the format as JSON Schema for editors (`liqsim schema`)
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { InputIssue } from '../errors.js';
import { LiqsimError } from '../errors.js';
import { compileModel } from '../model/compile.js';
import type { Model } from '../model/types.js';
import { exactAmountValue } from './amounts.js';
import { readCohortsCsv } from './cohorts-csv.js';
import { loadExtendsChain, readText, relativeTo } from './extends.js';
import { locateIssues, sortByLocation } from './issues.js';
import { isPlainObject } from './locations.js';
import type { KeyPath, OriginMap } from './locations.js';
import { issueAt, messages } from './messages.js';
import { AMOUNT_KEYS, amount, scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';

export type { Scenario } from './schema.js';

export interface LoadedScenario {
  /** Path as given by the user. */
  file: string;
  /** The resolved scenario as plain JSON: `extends` applied and removed, CSV cohorts inlined. */
  resolved: unknown;
  /** Hex SHA-256 of the canonical JSON (sorted keys, no whitespace) of `resolved`. */
  sha256: string;
  model: Model;
}

/**
 * Reads, validates and compiles a scenario file.
 * @param file path to a scenario YAML file
 * @throws LiqsimError (exit code 2) carrying every problem found, each with file, line and column
 * @example const { model, sha256 } = loadScenario('scenarios/base.yaml');
 */
export function loadScenario(file: string): LoadedScenario {
  const read = readScenario(file);
  if (read.scenario === undefined) {
    const n = read.issues.length;
    throw new LiqsimError(`${file}: ${n} problem${n === 1 ? '' : 's'} found`, { exitCode: 2, issues: read.issues });
  }
  return { file, resolved: read.resolved, sha256: scenarioHash(read.resolved), model: compileModel(read.scenario) };
}

/**
 * Checks scenario files without running them.
 * @returns one entry per file, in order: ok, or every problem found
 */
export function validateScenarioFiles(files: string[]): { file: string; ok: boolean; issues: InputIssue[] }[] {
  return files.map((file) => {
    try {
      loadScenario(file);
      return { file, ok: true, issues: [] };
    } catch (error) {
      if (error instanceof LiqsimError) return { file, ok: false, issues: error.issues };
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
 * Problems from all stages that could run are collected.
 */
export function readScenario(file: string): { scenario?: Scenario; resolved: unknown; issues: InputIssue[] } {
  const chain = loadExtendsChain(file);
  if (chain.tree === undefined) return { resolved: undefined, issues: chain.issues };
  const { origins } = chain.tree;
  const value = exactAmounts(chain.tree.value, [], origins);
  const issues = inlineCohortsCsv(value, origins, file);
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) issues.push(...locateIssues(parsed.error.issues, { schema: scenarioSchema, value, origins, file }));
  if (issues.length > 0) return { resolved: value, issues: sortByLocation(issues) };
  return { scenario: parsed.data, resolved: value, issues };
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
function inlineCohortsCsv(value: unknown, origins: OriginMap, file: string): InputIssue[] {
  const liabilities = isPlainObject(value) ? value.liabilities : undefined;
  if (!isPlainObject(liabilities) || typeof liabilities.cohorts_csv !== 'string') return [];
  const at = ['liabilities', 'cohorts_csv'];
  const declaredIn = origins.get(at)?.file ?? file;
  const csvFile = relativeTo(declaredIn, liabilities.cohorts_csv);
  delete liabilities.cohorts_csv;
  const read = readText(csvFile);
  if ('reason' in read) return [issueAt(origins.locate(at, file), at, messages.fileNotFound('cohort CSV file', csvFile, read.reason, true))];
  const inline = liabilities.cohorts ?? [];
  if (!Array.isArray(inline)) return [];
  const { cohorts, issues } = readCohortsCsv(csvFile, read.text, ['liabilities', 'cohorts'], inline.length, origins);
  liabilities.cohorts = [...inline, ...cohorts];
  return issues;
}
