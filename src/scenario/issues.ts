/**
 * Turns zod's validation issues into located `InputIssue`s: each is pinned to the file, line and
 * column that supplied the value (through `extends` and CSV files), says what was expected and what
 * was found, and suggests the intended key for a typo.
 */
import type * as z from 'zod';
import type { InputIssue } from '../errors.js';
import type { KeyPath, OriginMap } from './locations.js';
import { isPlainObject } from './locations.js';
import { issueAt, messages } from '../messages/catalogue.js';
import type { Problem } from '../messages/catalogue.js';
import { expectedTextOf } from './schema.js';

type Schema = z.core.$ZodType;
type ZodIssue = z.core.$ZodIssue;
// zod's definitions are a union of many shapes; these helpers read the few fields they need.
type AnyDef = Record<string, any>;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function defOf(schema: Schema): AnyDef {
  return schema._zod.def as AnyDef;
}

/** The concrete alternatives a schema accepts at its position (wrappers, pipes and unions opened). */
function alternatives(schema: Schema): Schema[] {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return alternatives(def.innerType);
  if (def.type === 'lazy') return alternatives(def.getter());
  if (def.type === 'pipe') return alternatives(def.in);
  if (def.type === 'union') return (def.options as Schema[]).flatMap(alternatives);
  return [schema];
}

/** Every schema that may describe the value at `path` below `root`. */
export function schemasAt(root: Schema, path: KeyPath): Schema[] {
  let current: Schema[] = [root];
  for (const segment of path) {
    const next: Schema[] = [];
    for (const schema of current.flatMap(alternatives)) {
      const def = defOf(schema);
      if (def.type === 'object' && typeof segment === 'string' && Object.hasOwn(def.shape, segment)) next.push(def.shape[segment]);
      else if (def.type === 'record' && typeof segment === 'string') next.push(def.valueType);
      else if (def.type === 'array' && typeof segment === 'number') next.push(def.element);
      else if (def.type === 'tuple' && typeof segment === 'number' && segment < def.items.length) next.push(def.items[segment]);
    }
    current = next;
  }
  return current;
}

/** Keys a mapping at `path` may have (empty when the position is not a fixed-key mapping). */
export function allowedKeysAt(root: Schema, path: KeyPath): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt(root, path).flatMap(alternatives)) {
    const def = defOf(schema);
    if (def.type === 'object') for (const key of Object.keys(def.shape)) keys.add(key);
  }
  return [...keys];
}

function numberText(def: AnyDef): string {
  const checks = [def, ...((def.checks ?? []) as Schema[]).map((c) => defOf(c))];
  const isInt = checks.some((c) => c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32'));
  let low: { value: number; inclusive: boolean } | undefined;
  let high: { value: number; inclusive: boolean } | undefined;
  for (const c of checks) {
    if (c.check === 'greater_than') low = { value: c.value, inclusive: c.inclusive };
    if (c.check === 'less_than') high = { value: c.value, inclusive: c.inclusive };
  }
  const base = isInt ? 'an integer' : 'a number';
  if (low?.inclusive && high?.inclusive) return `${base} from ${low.value} to ${high.value}`;
  const parts: string[] = [];
  if (low !== undefined) parts.push(`${low.inclusive ? '>=' : '>'} ${low.value}`);
  if (high !== undefined) parts.push(`${high.inclusive ? '<=' : '<'} ${high.value}`);
  return parts.length === 0 ? base : `${base} ${parts.join(' and ')}`;
}

/** What a schema accepts, in words. */
export function describeSchema(schema: Schema): string {
  const registered = expectedTextOf(schema as z.ZodType);
  if (registered !== undefined) return registered;
  const def = defOf(schema);
  switch (def.type) {
    case 'pipe':
      return describeSchema(def.in);
    case 'lazy':
      return describeSchema(def.getter());
    case 'union':
      return [...new Set((def.options as Schema[]).map(describeSchema))].join(' or ');
    case 'number':
      return numberText(def);
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'tuple':
      return `a list of ${def.items.length} items`;
    case 'enum':
      return `one of ${Object.values(def.entries as Record<string, string>).map((v) => `\`${v}\``).join(', ')}`;
    case 'literal':
      return (def.values as unknown[]).map((v) => `\`${String(v)}\``).join(' or ');
    default:
      if (WRAPPERS.has(def.type)) return describeSchema(def.innerType);
      return 'a valid value';
  }
}

function describeAt(root: Schema, path: KeyPath): string {
  const schemas = schemasAt(root, path);
  return schemas.length === 0 ? 'nothing here' : [...new Set(schemas.map(describeSchema))].join(' or ');
}

function valueAt(value: unknown, path: KeyPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && typeof segment === 'string' && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

export interface IssueContext {
  /** The schema the value was checked against. */
  readonly schema: Schema;
  /** The value that was checked (plain JSON, before parsing). */
  readonly value: unknown;
  readonly origins: OriginMap;
  /** Reported when no better location is known. */
  readonly file: string;
}

/** Converts zod issues into located input issues, sorted by file and position. */
export function locateIssues(issues: readonly ZodIssue[], context: IssueContext): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) collect(issue, [], context, out);
  // A value of the wrong type or format gets that one complaint: a cross-check reading the same
  // value (a number where a date belongs, taken as an epoch day) would only add a misleading second.
  const mistyped = new Set(out.filter((i) => i.code === 'invalid-type' || i.code === 'invalid-format').map((i) => JSON.stringify(i.path)));
  const seen = new Set<string>();
  const unique = out.filter((i) => {
    if (i.code !== 'invalid-type' && i.code !== 'invalid-format' && mistyped.has(JSON.stringify(i.path))) return false;
    const key = JSON.stringify([i.location, i.path, i.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return sortByLocation(unique);
}

/** Issues in reading order: by file, then line, then column (stable for equal positions). */
export function sortByLocation(issues: InputIssue[]): InputIssue[] {
  return [...issues].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}

function collect(issue: ZodIssue, prefix: KeyPath, context: IssueContext, out: InputIssue[]): void {
  const path: (string | number)[] = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  const value = valueAt(context.value, path);
  const emit = (problem: Problem, at: KeyPath = path, atKey = false) =>
    out.push(issueAt(context.origins.locate(at, context.file, atKey), at, problem));
  const expected = () => describeAt(context.schema, path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(context.schema, path);
      for (const key of issue.keys) emit(messages.unknownKey(key, allowed), [...path, key], true);
      return;
    }
    case 'invalid_type': {
      const last = path[path.length - 1];
      if (value === undefined && typeof last === 'string') emit(messages.missingKey(last, expected()));
      else if (issue.expected === 'int' && typeof value === 'number') emit(messages.notWhole(expected(), value));
      else emit(messages.invalidType(expected(), value));
      return;
    }
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'array') {
        const count = Array.isArray(value) ? value.length : 0;
        emit(issue.code === 'too_small' ? messages.tooFewItems(Number(issue.minimum), count) : messages.tooManyItems(Number(issue.maximum), count));
      } else if (issue.origin === 'string') {
        emit(messages.emptyText(expected()));
      } else {
        emit(messages.outOfRange(expected(), value));
      }
      return;
    }
    case 'invalid_value':
      emit(messages.notOneOf(issue.values.map(String), value));
      return;
    case 'invalid_format':
      emit(messages.badFormat(expected(), value));
      return;
    case 'invalid_key': {
      const key = path[path.length - 1];
      const record = schemasAt(context.schema, path.slice(0, -1)).flatMap(alternatives).find((s) => defOf(s).type === 'record');
      const keyText = record === undefined ? 'a valid key' : describeSchema(defOf(record).keyType);
      emit(messages.invalidKey(String(key), keyText), path, true);
      return;
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      if (discriminator !== undefined && issue.errors.length === 0) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        if (value === undefined) emit(messages.missingKey(String(path[path.length - 1] ?? discriminator), `one of ${options.map((o) => `\`${o}\``).join(', ')}`));
        else emit(messages.notOneOf(options, value));
        return;
      }
      // Keep the alternatives that got past the type check: those say what is wrong inside the value.
      const plausible = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (plausible.length === 1) {
        for (const inner of plausible[0]) collect(inner as ZodIssue, path, context, out);
      } else if (value === undefined && typeof path[path.length - 1] === 'string') {
        emit(messages.missingKey(String(path[path.length - 1]), expected()));
      } else {
        emit(messages.invalidType(expected(), value));
      }
      return;
    }
    case 'custom': {
      const problem = (issue.params as { problem?: Problem } | undefined)?.problem;
      emit(problem ?? messages.invalidValue(issue.message, expected(), value));
      return;
    }
    default:
      emit(messages.invalidValue(issue.message, expected(), value));
  }
}
