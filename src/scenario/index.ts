/**
 * The scenario layer's public API: read a scenario file (with `extends` and CSV cohorts), validate it
 * with located messages, and compile it into the engine's `Model`.
 *
 * - `loadScenario`: one file to a model, or a `LiqsimError` listing every problem found
 * - `validateScenarioFiles`: check files without running them (`liqsim validate`)
 * - `scenarioJsonSchema`: the format as JSON Schema for editors (`liqsim schema`)
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as z from 'zod';
import type { InputIssue } from '../errors.js';
import { LiqsimError } from '../errors.js';
import { exactAmountValue } from './amounts.js';
import { readCohortsCsv } from './cohorts-csv.js';
import { parseIsoDate } from '../dates.js';
import { parseAmount } from './amounts.js';
import { cohortMappings, readPolicies } from './policies.js';
import type { PolicyBook } from './policies.js';
import { describeReplacedList, loadExtendsChain, readText, relativeTo } from './extends.js';
import { extendingFileSchema } from './json-schema-extends.js';
import type { ReplacedList } from './extends.js';
import { LIMITS, pathRefusal } from './limits.js';
import type { ReadPolicy } from './limits.js';
import { locateIssues, sortByLocation } from './issues.js';
import { isPlainObject } from './locations.js';
import type { KeyPath, OriginMap } from './locations.js';
import { errorOf, issueAt, messages } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { AMOUNT_KEYS, amount, crossCheckIssues, scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';

export type { Scenario } from './schema.js';
export type { PolicyBook } from './policies.js';
export { LIMITS } from './limits.js';

/** How scenario inputs are read. */
export interface ScenarioOptions extends ReadPolicy {
  /** Most data rows read from a cohort CSV file (default `LIMITS.csvRows`). */
  readonly maxCsvRows?: number;
  /**
   * The rejects file for `liabilities.policies`, in place of `liabilities.policies_rejects` (the CLI's
   * `--rejects`): a path as given, relative to the working directory (not the scenario's folder).
   */
  readonly policiesRejects?: string;
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
  /** With `liabilities.policies`: the files' hashes, counts, totals and book figures (never the rows). */
  policies?: PolicyBook;
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
    throw errorOf(runMessages.scenarioProblems(file, n), read.issues);
  }
  const valid: ValidScenario = { file, resolved: read.resolved, sha256: scenarioHash(read.resolved), scenario: read.scenario, notices: read.notices };
  if (read.policies !== undefined) valid.policies = read.policies;
  return valid;
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

/**
 * The scenario format as a JSON Schema (draft 2020-12) describing what may be written in a file: a
 * whole scenario (`$defs.scenario`), or with `extends:` only what differs from the file it extends,
 * where a list may be `{ append: [...] }` or `{ replace: [...] }` (`$defs.extending`); `if` / `then`
 * / `else` picks one by the `extends` key, as the loader does.
 */
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
  const whole = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema'));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/liqsim/liqsim/scenario.schema.json',
    title: 'liqsim scenario',
    description: 'A liquidity stress scenario for liqsim. Amounts are in currency units (whole cents); dates are ISO YYYY-MM-DD.',
    if: { required: ['extends'] },
    then: { $ref: '#/$defs/extending' },
    else: { $ref: '#/$defs/scenario' },
    $defs: { scenario: whole, extending: extendingFileSchema(whole) },
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
export function readScenario(
  file: string,
  options: ScenarioOptions = {},
): { scenario?: Scenario; resolved: unknown; issues: InputIssue[]; notices: InputIssue[]; policies?: PolicyBook } {
  const chain = loadExtendsChain(file, options);
  if (chain.tree === undefined) return { resolved: undefined, issues: capIssues(sortByLocation(chain.issues)), notices: [] };
  const { origins } = chain.tree;
  let value = exactAmounts(chain.tree.value, [], origins);
  const issues = inlineCohortsCsv(value, origins, file, options);
  // Policy files: the compressed cohorts join the value parsed; the resolved scenario keeps the
  // files' hashes and counts in their place, never the rows (nor the cohorts: they follow from the files).
  const policies = inlinePolicies(value, origins, file, options);
  issues.push(...policies.issues);
  const resolved = value;
  if (policies.parse !== undefined) value = policies.parse;
  const parsed = scenarioSchema.safeParse(value);
  // After a failed parse, the cross-checks zod skipped run on the raw value: one pass finds everything.
  if (!parsed.success) issues.push(...locateIssues([...parsed.error.issues, ...crossCheckIssues(value)], { schema: scenarioSchema, value, origins, file }));
  const notices = [...replacedNotices(chain.replaced, value), ...policies.notices];
  if (issues.length > 0) return { resolved, issues: capIssues(sortByLocation(issues), policies.more ?? 0), notices };
  return { scenario: parsed.data, resolved, issues, notices, ...(policies.book === undefined ? {} : { policies: policies.book }) };
}

/**
 * Reads `liabilities.policies` (one file or a list, relative to the file that names them) and
 * compresses them to cohorts (./policies.ts). Returns the value to parse (the cohorts appended)
 * and replaces the key in `value` by what identifies the files: name, SHA-256, bytes and rows.
 */
function inlinePolicies(
  value: unknown,
  origins: OriginMap,
  file: string,
  options: ScenarioOptions,
): { parse?: unknown; issues: InputIssue[]; notices: InputIssue[]; book?: PolicyBook; more?: number } {
  const liabilities = isPlainObject(value) ? value.liabilities : undefined;
  if (!isPlainObject(liabilities) || liabilities.policies === undefined) {
    if (options.policiesRejects === undefined) return { issues: [], notices: [] };
    return { issues: [issueAt(origins.locate(['liabilities'], file), ['liabilities'], messages.rejectsWithoutPolicies(options.policiesRejects))], notices: [] };
  }
  const at = ['liabilities', 'policies'];
  const listed = typeof liabilities.policies === 'string' ? [liabilities.policies] : liabilities.policies;
  if (!Array.isArray(listed) || listed.length === 0 || !listed.every((x) => typeof x === 'string')) return { issues: [], notices: [] };
  const root = nodePath.dirname(nodePath.resolve(file));
  const issues: InputIssue[] = [];
  const resolveNamed = (named: string, keyPath: KeyPath, what: string) => {
    const declaredIn = origins.get(keyPath)?.file ?? origins.get(at)?.file ?? file;
    const path = relativeTo(declaredIn, named);
    const refused = pathRefusal(named, path, root, options);
    if (refused !== undefined) issues.push(issueAt(origins.locate(keyPath, file), keyPath, messages.pathRefused(what, named, refused)));
    return { named, path };
  };
  const files = listed.map((named: string, i: number) => resolveNamed(named, typeof liabilities.policies === 'string' ? at : [...at, i], 'policy file'));
  // the rejects file: the option's (as given, from the working directory) or the key's
  const rejectsAt: KeyPath = options.policiesRejects === undefined ? ['liabilities', 'policies_rejects'] : at;
  const rejectsNamed = options.policiesRejects ?? (typeof liabilities.policies_rejects === 'string' ? liabilities.policies_rejects : undefined);
  const rejects =
    rejectsNamed === undefined
      ? undefined
      : options.policiesRejects === undefined
        ? resolveNamed(rejectsNamed, rejectsAt, 'rejects file')
        : { named: rejectsNamed, path: rejectsNamed };
  if (options.policiesRejects !== undefined) liabilities.policies_rejects = options.policiesRejects;
  if (rejects !== undefined && issues.length === 0) {
    const unusable = rejectsProblem(rejects, files);
    if (unusable !== undefined) issues.push(issueAt(origins.locate(rejectsAt, file), rejectsAt, unusable));
  }
  if (issues.length > 0) return { issues, notices: [] };
  for (const f of files) {
    const read = readText(f.path, 0);
    if ('reason' in read && read.code !== 'file-too-large') {
      issues.push(issueAt(origins.locate(at, file), at, messages.unreadable('policy file', f.path, read.reason, read.hint, read.code)));
    }
  }
  if (issues.length > 0) return { issues, notices: [] };
  const terms = policyTerms(value as Record<string, unknown>);
  const read = readPolicies(files, terms, at, LIMITS.issues, rejects);
  const where = origins.get(at);
  const inline = Array.isArray(liabilities.cohorts) ? liabilities.cohorts : [];
  const mapped = cohortMappings(read.cohorts, terms.start);
  if (where !== undefined) mapped.forEach((_, i) => origins.set(['liabilities', 'cohorts', inline.length + i], where));
  const parse = { ...(value as Record<string, unknown>), liabilities: { ...liabilities, cohorts: [...inline, ...mapped] } };
  liabilities.policies = {
    files: read.book.files,
    ...(rejects === undefined ? {} : { rejects: rejects.named }),
  };
  return { parse, issues: read.issues, notices: read.notices, book: read.book, more: read.more };
}

/**
 * Why the rejects file cannot be written, checked before any row is read: its folder is missing, it
 * is a folder (or not a regular file), or it is one of the policy files (writing it would destroy
 * the input).
 */
function rejectsProblem(rejects: { named: string; path: string }, files: readonly { named: string; path: string }[]): ReturnType<typeof messages.rejectsUnusable> | undefined {
  const same = (a: string, b: string) => {
    if (nodePath.resolve(a) === nodePath.resolve(b)) return true;
    try {
      const x = statSync(a);
      const y = statSync(b);
      return x.dev === y.dev && x.ino === y.ino;
    } catch {
      return false;
    }
  };
  const input = files.find((f) => same(f.path, rejects.path));
  if (input !== undefined) return messages.rejectsUnusable(rejects.named, `it is the policy file \`${input.named}\` (writing it would destroy the input)`, 'invalid-value');
  const folder = nodePath.dirname(rejects.named); // as named, for the message
  const folderStat = statSync(nodePath.dirname(rejects.path), { throwIfNoEntry: false });
  if (folderStat === undefined) return messages.rejectsUnusable(rejects.named, `the folder \`${folder}\` does not exist`, 'file-not-found');
  if (!folderStat.isDirectory()) return messages.rejectsUnusable(rejects.named, `\`${folder}\` is not a folder`, 'not-a-file');
  const stat = statSync(rejects.path, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isFile()) return messages.rejectsUnusable(rejects.named, stat.isDirectory() ? 'it is a folder' : 'it is not a regular file', 'not-a-file');
  return undefined;
}

/** What the compression needs, from the raw scenario (its problems are reported by the schema). */
function policyTerms(value: Record<string, unknown>): Parameters<typeof readPolicies>[1] {
  const liabilities = value.liabilities as Record<string, unknown>;
  const products = new Map<string, number>();
  if (isPlainObject(liabilities.products)) {
    for (const [name, terms] of Object.entries(liabilities.products)) {
      const charge = isPlainObject(terms) && typeof terms.surrender_charge === 'number' ? terms.surrender_charge : 0;
      products.set(name, charge);
    }
  }
  const start = typeof value.start === 'string' ? (parseIsoDate(value.start) ?? 0) : 0;
  const limits = new Set<number>();
  const centsOf = (x: unknown) => {
    const r = typeof x === 'string' || typeof x === 'number' ? parseAmount(x) : undefined;
    return r?.ok ? r.cents : undefined;
  };
  const payments = isPlainObject(value.payments) ? value.payments : {};
  for (const c of Array.isArray(payments.channels) ? payments.channels : []) {
    if (!isPlainObject(c)) continue;
    const l = centsOf(c.per_transfer_limit ?? c.daily_limit);
    if (l !== undefined) limits.add(l);
  }
  for (const c of Array.isArray(payments.changes) ? payments.changes : []) {
    if (!isPlainObject(c) || c.per_transfer_limit === undefined) continue;
    const l = centsOf(c.per_transfer_limit);
    if (l !== undefined) limits.add(l);
  }
  return { products, start, bandLimits: [...limits].sort((a, b) => a - b) };
}

/** The first `LIMITS.issues` problems and, when there are more (or `uncounted` not listed), one that counts the rest. */
function capIssues(issues: InputIssue[], uncounted = 0): InputIssue[] {
  if (issues.length <= LIMITS.issues && uncounted === 0) return issues;
  const more = Math.max(0, issues.length - LIMITS.issues) + uncounted;
  const last = issues[Math.min(LIMITS.issues, issues.length - 1)];
  return [...issues.slice(0, LIMITS.issues), issueAt(last.location, [], messages.tooManyProblems(LIMITS.issues, more))];
}

function replacedNotices(replaced: readonly ReplacedList[], value: unknown): InputIssue[] {
  const currency = isPlainObject(value) && typeof value.currency === 'string' ? value.currency : undefined;
  return replaced.map((list) => issueAt(list.location, list.path, describeReplacedList(list, currency)));
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
    const problem = messages.unreadable('cohort CSV file', csvFile, read.reason, read.hint, read.code, true);
    return [read.line !== undefined ? issueAt({ file: csvFile, line: read.line, column: read.column }, at, problem) : issueAt(where, at, problem)];
  }
  const inline = liabilities.cohorts ?? [];
  if (!Array.isArray(inline)) return [];
  const { cohorts, issues } = readCohortsCsv(csvFile, read.text, ['liabilities', 'cohorts'], inline.length, origins, options.maxCsvRows ?? LIMITS.csvRows);
  liabilities.cohorts = [...inline, ...cohorts];
  return issues;
}
