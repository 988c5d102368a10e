/**
 * Reads one YAML file into plain JSON values plus the origin of every value (file, line, column and,
 * for scalars, the text as written so amounts can be parsed exactly).
 */
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { InputIssue } from '../errors.js';
import { OriginMap } from './locations.js';
import type { KeyPath, Position } from './locations.js';
import { issueAt, messages } from '../messages/catalogue.js';
import { LIMITS } from './limits.js';

export interface SourceTree {
  readonly value: unknown;
  readonly origins: OriginMap;
}

/**
 * YAML 1.2 reads `18_000_000_000` as a string; a treasurer means a number. Unquoted scalars of
 * digits with underscores between them (and an optional fraction or exponent) are numbers here.
 */
const UNDERSCORED_NUMBER = /^[+-]?\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d+)?$/;

/** Explicit tags a scenario may use: YAML's own core types. Anything else (`!foo`, `!!binary`) is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Keys that would reach JavaScript's object machinery rather than a setting. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses YAML text into a `SourceTree`.
 * @param file the file name to report problems against
 * @returns the tree, or every syntax problem found (with line and column)
 */
export function parseYamlSource(file: string, text: string): { tree?: SourceTree; issues: InputIssue[] } {
  const lineCounter = new LineCounter();
  const at = (line: number | undefined, column: number | undefined) => ({ file, line: line ?? 1, column: column ?? 1 });
  const deep = flowDepthBeyond(text, LIMITS.depth);
  if (deep !== undefined) {
    // Not parsed yet, so the line counter is empty: count lines up to the bracket here.
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    return { issues: [issueAt(at(line, deep - before.lastIndexOf('\n')), [], messages.tooDeep(LIMITS.depth))] };
  }
  let doc: Document.Parsed;
  try {
    // Aliases are not expanded here (that is `toJS`, whose `maxAliasCount` this walk replaces: it
    // follows aliases itself and counts both aliases and the values they expand to).
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    // The YAML parser recurses on flow collections; a stack overflow means too deep.
    if (error instanceof RangeError) return { issues: [issueAt(at(1, 1), [], messages.tooDeep(LIMITS.depth))] };
    throw error;
  }
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  if (problems.length > 0) {
    const issues = problems.slice(0, LIMITS.issues).map((error) => {
      const pos = error.linePos?.[0];
      const detail = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
      if (/Maximum call stack/.test(detail)) return issueAt(at(pos?.line, pos?.col), [], messages.tooDeep(LIMITS.depth));
      if (error.code === 'TAG_RESOLVE_FAILED') return issueAt(at(pos?.line, pos?.col), [], messages.unknownTag(detail.replace(/^Unresolved tag: /, '')));
      return issueAt(at(pos?.line, pos?.col), [], messages.yamlSyntax(detail, error.code));
    });
    if (problems.length > LIMITS.issues) {
      const pos = problems[LIMITS.issues].linePos?.[0];
      issues.push(issueAt(at(pos?.line, pos?.col), [], messages.tooManyProblems(LIMITS.issues, problems.length - LIMITS.issues)));
    }
    return { issues };
  }
  const origins = new OriginMap();
  const issues: InputIssue[] = [];
  const position = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  let aliases = 0;
  let values = 0;
  let stopped = false;

  const convert = (node: unknown, path: KeyPath, keyPos: Position | undefined, depth: number): unknown => {
    if (stopped) return null;
    if (++values > LIMITS.expandedValues) {
      issues.push(issueAt({ file, ...(keyPos ?? { line: 1, column: 1 }) }, path, messages.tooManyAliases(LIMITS.aliases)));
      stopped = true;
      return null;
    }
    if (depth > LIMITS.depth) {
      issues.push(issueAt({ file, ...(keyPos ?? { line: 1, column: 1 }) }, path.slice(0, 6), messages.tooDeep(LIMITS.depth)));
      stopped = true;
      return null;
    }
    if (node === null || node === undefined) {
      if (keyPos !== undefined) origins.set(path, { file, value: keyPos, key: keyPos });
      return null;
    }
    if (isAlias(node)) {
      if (++aliases > LIMITS.aliases) {
        const p = node.range ? position(node.range[0]) : (keyPos ?? { line: 1, column: 1 });
        issues.push(issueAt({ file, ...p }, path, messages.tooManyAliases(LIMITS.aliases)));
        stopped = true;
        return null;
      }
      return convert(node.resolve(doc as Document), path, keyPos, depth);
    }
    const n = node as Node;
    const valuePos = n.range ? position(n.range[0]) : (keyPos ?? { line: 1, column: 1 });
    if (n.tag !== undefined && !CORE_TAGS.has(n.tag)) {
      issues.push(issueAt({ file, ...valuePos }, path, messages.unknownTag(n.tag.replace(/^tag:yaml.org,2002:/, '!!'))));
      return null;
    }
    if (isScalar(n)) {
      let value = n.value;
      if (typeof value === 'string' && n.type === 'PLAIN' && UNDERSCORED_NUMBER.test(value)) {
        value = Number(value.replaceAll('_', ''));
      }
      const source = typeof n.source === 'string' && n.type === 'PLAIN' ? n.source : undefined;
      origins.set(path, { file, value: valuePos, key: keyPos, source });
      return value ?? null;
    }
    origins.set(path, { file, value: valuePos, key: keyPos });
    if (isSeq(n)) {
      return n.items.map((item, i) => convert(item, [...path, i], undefined, depth + 1));
    }
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const kPos = keyNode?.range ? position(keyNode.range[0]) : valuePos;
        if (keyNode !== null && !isScalar(keyNode)) {
          issues.push(issueAt({ file, ...kPos }, path, messages.complexKey()));
          continue;
        }
        const key = String(keyNode?.value ?? '');
        if (FORBIDDEN_KEYS.has(key)) {
          issues.push(issueAt({ file, ...kPos }, [...path, key], messages.forbiddenKey(key)));
          continue;
        }
        out[key] = convert(pair.value, [...path, key], kPos, depth + 1);
      }
      return out;
    }
    return null;
  };

  if (doc.contents === null) {
    // Empty or comments only: nothing to point at but the start.
    return { issues: [issueAt({ file, line: 1, column: 1 }, [], messages.emptyDocument())] };
  }
  const value = convert(doc.contents, [], undefined, 0);
  return issues.length > 0 ? { issues: issues.slice(0, LIMITS.issues + 1) } : { tree: { value, origins }, issues };
}

/**
 * Offset of the first flow bracket (`[` or `{` opening a collection) nested deeper than `limit`, or
 * undefined. The YAML parser's work grows with flow depth on every later line (an unclosed `[` per
 * line makes it quadratic, and deep enough overflows the stack), so this runs before it. Quoted text
 * and comments are skipped; a bracket inside a plain word (`a[1]`) does not open a collection.
 */
export function flowDepthBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let previous = '\n'; // last non-space character, '\n' at a line start
  let opened = false; // whether `previous` was a bracket that opened a collection
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      previous = '\n';
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
      previous = '\n';
      continue;
    }
    if ((c === '"' || c === "'") && (previous === '\n' || ':-,[{?'.includes(previous))) {
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
      previous = c;
      opened = false;
      continue;
    }
    const opens: boolean = (c === '[' || c === '{') && (previous === '\n' || ':-?,'.includes(previous) || (opened && '[{'.includes(previous)));
    if (opens) {
      if (++depth > limit) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    previous = c;
    opened = opens;
  }
  return undefined;
}
