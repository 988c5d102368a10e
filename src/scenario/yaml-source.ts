/**
 * Reads one YAML file into plain JSON values plus the origin of every value (file, line, column and,
 * for scalars, the text as written so amounts can be parsed exactly).
 */
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { InputIssue } from '../errors.js';
import { OriginMap } from './locations.js';
import type { KeyPath, Position } from './locations.js';
import { issueAt, messages } from './messages.js';

export interface SourceTree {
  readonly value: unknown;
  readonly origins: OriginMap;
}

/**
 * YAML 1.2 reads `18_000_000_000` as a string; a treasurer means a number. Unquoted scalars of
 * digits with underscores between them (and an optional fraction or exponent) are numbers here.
 */
const UNDERSCORED_NUMBER = /^[+-]?\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d+)?$/;

/** Aliases may nest; this bounds the work an adversarial file can cause. */
const MAX_DEPTH = 100;

/**
 * Parses YAML text into a `SourceTree`.
 * @param file the file name to report problems against
 * @returns the tree, or every syntax problem found (with line and column)
 */
export function parseYamlSource(file: string, text: string): { tree?: SourceTree; issues: InputIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => {
      const pos = error.linePos?.[0];
      const detail = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
      return issueAt({ file, line: pos?.line, column: pos?.col }, [], messages.yamlSyntax(detail, error.code));
    });
    return { issues };
  }
  const origins = new OriginMap();
  const issues: InputIssue[] = [];
  const position = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  const convert = (node: unknown, path: KeyPath, keyPos: Position | undefined, depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      issues.push(issueAt({ file, ...(keyPos ?? { line: 1, column: 1 }) }, path, messages.tooDeep()));
      return null;
    }
    if (node === null || node === undefined) {
      if (keyPos !== undefined) origins.set(path, { file, value: keyPos, key: keyPos });
      return null;
    }
    if (isAlias(node)) {
      return convert(node.resolve(doc as Document), path, keyPos, depth + 1);
    }
    const n = node as Node;
    const valuePos = n.range ? position(n.range[0]) : (keyPos ?? { line: 1, column: 1 });
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
        out[key] = convert(pair.value, [...path, key], kPos, depth + 1);
      }
      return out;
    }
    return null;
  };

  const value = convert(doc.contents, [], undefined, 0);
  return issues.length > 0 ? { issues } : { tree: { value, origins }, issues };
}
