/**
 * `extends: base.yaml`: a scenario is a small delta of another. Mappings merge key by key; lists and
 * scalars in the child replace the parent's; `null` in the child removes the key (its default applies).
 * Every merged value keeps the origin of the file that supplied it.
 */
import * as nodePath from 'node:path';
import type { InputIssue, SourceLocation } from '../errors.js';
import { parseAmount } from './amounts.js';
import { LIMITS, pathRefusal, readInputFile } from './limits.js';
import type { ReadPolicy, ReadResult } from './limits.js';
import { OriginMap, isPlainObject } from './locations.js';
import type { KeyPath } from './locations.js';
import { issueAt, messages, type Problem } from '../messages/catalogue.js';
import type { SourceTree } from './yaml-source.js';
import { parseYamlSource } from './yaml-source.js';

/** A path named inside `file`: absolute as written, else relative to the directory of `file`. */
export function relativeTo(file: string, named: string): string {
  return nodePath.isAbsolute(named) ? named : nodePath.join(nodePath.dirname(file), named);
}

/** Reads a text file (regular, size-limited, UTF-8), or says why it cannot be read. */
export function readText(file: string, maxBytes: number = LIMITS.scenarioBytes): ReadResult {
  return readInputFile(file, maxBytes);
}

/** An inherited list that a child file replaced: worth saying, as "adding" an item this way drops the rest. */
export interface ReplacedList {
  readonly location: SourceLocation;
  readonly path: KeyPath;
  readonly inherited: readonly unknown[];
  readonly replacement: readonly unknown[];
}

interface Referrer {
  readonly location: SourceLocation;
  readonly path: KeyPath;
}

interface Context {
  /** The folder of the scenario named by the user: referenced files stay inside it. */
  readonly root: string;
  readonly policy: ReadPolicy;
  readonly replaced: ReplacedList[];
  /** The file named by the user (the child end of the chain). */
  readonly top: string;
}

/**
 * Loads a scenario file and, recursively, the files it extends, and merges them.
 * @param file the path as the user gave it; extended files are named relative to it in messages
 * @returns the merged tree (without `extends`, nulls removed) or every problem found on the way, and
 *   the inherited lists a child replaced
 */
export function loadExtendsChain(file: string, policy: ReadPolicy = {}): { tree?: SourceTree; issues: InputIssue[]; replaced: ReplacedList[] } {
  const context: Context = { root: nodePath.dirname(nodePath.resolve(file)), policy, replaced: [], top: file };
  const result = load(file, [], undefined, context);
  if (result.tree === undefined) return { ...result, replaced: [] };
  return { tree: { value: withoutNulls(result.tree.value), origins: result.tree.origins }, issues: [], replaced: context.replaced };
}

function unreadable(what: string, file: string, read: Exclude<ReadResult, { text: string }>, referenced: boolean): { location?: Partial<SourceLocation>; problem: ReturnType<typeof messages.unreadable> } {
  const problem = messages.unreadable(what, file, read.reason, read.hint, read.code, referenced);
  // Encoding problems are inside the file: point there.
  return read.line !== undefined ? { location: { file, line: read.line, column: read.column }, problem } : { problem };
}

function load(file: string, chain: readonly { abs: string; shown: string }[], referrer: Referrer | undefined, context: Context): { tree?: SourceTree; issues: InputIssue[] } {
  const abs = nodePath.resolve(file);
  const cycleAt = chain.findIndex((link) => link.abs === abs);
  if (cycleAt >= 0 && referrer !== undefined) {
    const names = [...chain.slice(cycleAt).map((link) => link.shown), file];
    return { issues: [issueAt(referrer.location, referrer.path, messages.extendsCycle(names))] };
  }
  if (chain.length >= LIMITS.extendsDepth && referrer !== undefined) {
    return { issues: [issueAt(referrer.location, referrer.path, messages.extendsTooDeep(LIMITS.extendsDepth))] };
  }
  const read = readText(abs);
  if ('reason' in read) {
    const what = referrer === undefined ? 'scenario' : 'extended scenario';
    const { location, problem } = unreadable(what, file, read, referrer !== undefined);
    const where = location !== undefined ? { file, ...location } : (referrer?.location ?? { file, line: 1, column: 1 });
    return { issues: [issueAt(where, location !== undefined ? [] : (referrer?.path ?? []), problem)] };
  }
  const parsed = parseYamlSource(file, read.text);
  if (parsed.tree === undefined) return parsed;
  const { value, origins } = parsed.tree;
  if (!isPlainObject(value)) {
    return { issues: [issueAt(locateOrStart(origins, [], file), [], messages.notAMapping(value))] };
  }
  const { extends: parentName, ...own } = value;
  const self = { value: own, origins };
  if (parentName === undefined || parentName === null) {
    const issues = strayAppends(self, [], file);
    return issues.length > 0 ? { issues } : { tree: self, issues: [] };
  }
  const at = { location: origins.locate(['extends'], file), path: ['extends'] };
  if (typeof parentName !== 'string' || parentName.trim() === '') {
    return { issues: [issueAt(at.location, at.path, messages.invalidType('a scenario file name, relative to this file', parentName))] };
  }
  const parentFile = relativeTo(file, parentName);
  const refused = pathRefusal(parentName, parentFile, context.root, context.policy);
  if (refused !== undefined) return { issues: [issueAt(at.location, at.path, messages.pathRefused('`extends` file', parentName, refused))] };
  const parent = load(parentFile, [...chain, { abs, shown: file }], at, context);
  if (parent.tree === undefined) return parent;
  const merged = new OriginMap();
  const issues: InputIssue[] = [];
  const mergedValue = merge(parent.tree, self, [], merged, issues, context, file);
  return issues.length > 0 ? { issues } : { tree: { value: mergedValue, origins: merged }, issues: [] };
}

function locateOrStart(origins: OriginMap, path: KeyPath, file: string): SourceLocation {
  const at = origins.locate(path, file);
  return at.line === undefined ? { file, line: 1, column: 1 } : at;
}

/**
 * `key: { append: [...] }` adds items (and `key: { replace: [...] }` says a replacement is meant, so
 * no notice is printed) to the list `key` inherited through `extends`. A mapping with
 * the single key `append` where a list is expected cannot be mistaken for a list (and no setting is
 * named `append`), survives any YAML tool, and reads as what it does.
 */
function listForm(value: unknown): { kind: 'append' | 'replace'; items: unknown[] | 'not-a-list' } | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== 'append' && keys[0] !== 'replace')) return undefined;
  const kind = keys[0];
  const items = value[kind];
  return { kind, items: Array.isArray(items) ? items : 'not-a-list' };
}

/** `{ append: [...] }` with nothing inherited to append to (a file without `extends`, or a new key). */
function strayAppends(tree: SourceTree, path: KeyPath, fallback: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const visit = (value: unknown, at: KeyPath) => {
    const form = listForm(value);
    if (form !== undefined) {
      const where = [...at, form.kind];
      issues.push(issueAt(locateOrStart(tree.origins, where, fallback), where, form.items === 'not-a-list' ? messages.appendNotAList(form.kind) : messages.appendNothing(form.kind)));
      return;
    }
    if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) visit(v, [...at, k]);
  };
  visit(valueAt(tree.value, path), path);
  return issues;
}

/** Deep merge of `child` over `parent` at `path`, writing the origin of every resulting value to `out`. */
function merge(parent: SourceTree, child: SourceTree, path: KeyPath, out: OriginMap, issues: InputIssue[], context: Context, file: string): unknown {
  const base = valueAt(parent.value, path);
  const over = valueAt(child.value, path);
  const form = listForm(over);
  if (form !== undefined) {
    const at = [...path, form.kind];
    const items = form.items;
    if (items === 'not-a-list' || !Array.isArray(base)) {
      issues.push(issueAt(locateOrStart(child.origins, at, file), at, items === 'not-a-list' ? messages.appendNotAList(form.kind) : messages.appendNothing(form.kind)));
      return over;
    }
    const kept = form.kind === 'append' ? base : [];
    // Inherited items keep their places and origins; appended ones follow, located in the child.
    out.copySubtree(parent.origins, kept, path, path);
    const origin = child.origins.get(path);
    if (origin !== undefined) out.set(path, origin);
    items.forEach((item, i) => out.copySubtree(child.origins, item, [...at, i], [...path, kept.length + i]));
    return [...kept, ...items];
  }
  if (!isPlainObject(base) || !isPlainObject(over)) {
    // Noticed for the file named by the user only (its parents' show when they are checked), and
    // not for `[]`, which clearly means "none".
    if (Array.isArray(base) && Array.isArray(over) && base.length > 0 && over.length > 0 && file === context.top) {
      context.replaced.push({ location: locateOrStart(child.origins, path, file), path, inherited: base, replacement: over });
    }
    out.copySubtree(child.origins, over, path, path);
    if (isPlainObject(over)) issues.push(...strayAppends(child, path, file));
    return over;
  }
  const origin = child.origins.get(path) ?? parent.origins.get(path);
  if (origin !== undefined) out.set(path, origin);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    if (Object.hasOwn(over, key)) continue;
    result[key] = value;
    out.copySubtree(parent.origins, value, [...path, key], [...path, key]);
  }
  for (const [key, value] of Object.entries(over)) {
    if (value === null) continue;
    if (Object.hasOwn(base, key)) {
      result[key] = merge(parent, child, [...path, key], out, issues, context, file);
    } else {
      result[key] = value;
      out.copySubtree(child.origins, value, [...path, key], [...path, key]);
      issues.push(...strayAppends(child, [...path, key], file));
    }
  }
  return result;
}

function valueAt(value: unknown, path: KeyPath): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string, unknown>)[key as string];
  return current;
}

/** `null` (an empty value) in a mapping means "not set": the key is dropped so its default applies. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null) out[key] = withoutNulls(v);
  return out;
}

/**
 * One line per replaced list: key, inherited count -> new count, and for lists of cohorts (or other
 * items with an amount) the totals, e.g. `liabilities.cohorts: 61 inherited items -> 45 (CNY 211.5 bn -> 113.1 bn)`.
 */
export function describeReplacedList(list: ReplacedList, currency: string | undefined): Problem {
  const total = (items: readonly unknown[]): number | undefined => {
    let cents = 0;
    let any = false;
    for (const item of items) {
      if (!isPlainObject(item)) continue;
      const v = item.value ?? item.amount ?? item.limit;
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      const parsed = parseAmount(v);
      if (!parsed.ok) return undefined;
      cents += parsed.cents;
      any = true;
    }
    return any ? cents / 100 : undefined;
  };
  const a = total(list.inherited);
  const b = total(list.replacement);
  const totals = a !== undefined && b !== undefined ? { currency, inherited: a, replacement: b } : undefined;
  return messages.listReplaced(String(list.path[list.path.length - 1]), list.inherited.length, list.replacement.length, totals);
}
