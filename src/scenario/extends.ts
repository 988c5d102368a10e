/**
 * `extends: base.yaml`: a scenario is a small delta of another. Mappings merge key by key; lists and
 * scalars in the child replace the parent's; `null` in the child removes the key (its default applies).
 * Every merged value keeps the origin of the file that supplied it.
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { InputIssue, SourceLocation } from '../errors.js';
import { OriginMap, isPlainObject } from './locations.js';
import type { KeyPath } from './locations.js';
import { issueAt, messages } from './messages.js';
import type { SourceTree } from './yaml-source.js';
import { parseYamlSource } from './yaml-source.js';

/** A path named inside `file`: absolute as written, else relative to the directory of `file`. */
export function relativeTo(file: string, named: string): string {
  return nodePath.isAbsolute(named) ? named : nodePath.join(nodePath.dirname(file), named);
}

/** Reads a text file, or says why it cannot be read. */
export function readText(file: string): { text: string } | { reason: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { reason: 'file not found' };
    if (code === 'EISDIR') return { reason: 'it is a directory' };
    if (code === 'EACCES') return { reason: 'permission denied' };
    return { reason: (error as Error).message };
  }
}

interface Referrer {
  readonly location: SourceLocation;
  readonly path: KeyPath;
}

/**
 * Loads a scenario file and, recursively, the files it extends, and merges them.
 * @param file the path as the user gave it; extended files are named relative to it in messages
 * @returns the merged tree (without `extends`, nulls removed) or every problem found on the way
 */
export function loadExtendsChain(file: string): { tree?: SourceTree; issues: InputIssue[] } {
  const result = load(file, [], undefined);
  if (result.tree === undefined) return result;
  return { tree: { value: withoutNulls(result.tree.value), origins: result.tree.origins }, issues: [] };
}

function load(file: string, chain: readonly { abs: string; shown: string }[], referrer: Referrer | undefined): { tree?: SourceTree; issues: InputIssue[] } {
  const abs = nodePath.resolve(file);
  const cycleAt = chain.findIndex((link) => link.abs === abs);
  if (cycleAt >= 0 && referrer !== undefined) {
    const names = [...chain.slice(cycleAt).map((link) => link.shown), file];
    return { issues: [issueAt(referrer.location, referrer.path, messages.extendsCycle(names))] };
  }
  const read = readText(abs);
  if ('reason' in read) {
    const what = referrer === undefined ? 'scenario' : 'extended scenario';
    return { issues: [issueAt(referrer?.location ?? { file }, referrer?.path ?? [], messages.fileNotFound(what, file, read.reason, referrer !== undefined))] };
  }
  const parsed = parseYamlSource(file, read.text);
  if (parsed.tree === undefined) return parsed;
  const { value, origins } = parsed.tree;
  if (!isPlainObject(value)) {
    return { issues: [issueAt(origins.locate([], file), [], messages.notAMapping(value))] };
  }
  const { extends: parentName, ...own } = value;
  const self = { value: own, origins };
  if (parentName === undefined || parentName === null) return { tree: self, issues: [] };
  const at = { location: origins.locate(['extends'], file), path: ['extends'] };
  if (typeof parentName !== 'string' || parentName.trim() === '') {
    return { issues: [issueAt(at.location, at.path, messages.invalidType('a scenario file name, relative to this file', parentName))] };
  }
  const parentFile = relativeTo(file, parentName);
  const parent = load(parentFile, [...chain, { abs, shown: file }], at);
  if (parent.tree === undefined) return parent;
  const merged = new OriginMap();
  const mergedValue = merge(parent.tree, self, [], merged);
  return { tree: { value: mergedValue, origins: merged }, issues: [] };
}

/** Deep merge of `child` over `parent` at `path`, writing the origin of every resulting value to `out`. */
function merge(parent: SourceTree, child: SourceTree, path: KeyPath, out: OriginMap): unknown {
  const base = valueAt(parent.value, path);
  const over = valueAt(child.value, path);
  if (!isPlainObject(base) || !isPlainObject(over)) {
    out.copySubtree(child.origins, over, path, path);
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
    result[key] = Object.hasOwn(base, key) ? merge(parent, child, [...path, key], out) : value;
    if (!Object.hasOwn(base, key)) out.copySubtree(child.origins, value, [...path, key], [...path, key]);
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
