/**
 * Suite files (YAML): a base and members run with common random numbers.
 *
 * ```yaml
 * suite: Q1 2020 regulatory set
 * seed: 20200102          # optional: every member runs with it (default: the base's)
 * paths: 4000             # optional: ditto
 * base: ../scenarios/maturity-peak-2020q1.yaml   # optional default file of members
 * members:
 *   - { name: base, role: base }                  # file: the suite's base
 *   - { name: surrender-x2, presets: [ { annual_lapse_multiplier: 2, cap: 1 } ] }
 *   - { name: bank-a-refuses, presets: [ { line_refused: Bank A } ] }
 *   - { name: cash-less, overrides: { funding: { cash: 6e9 } } }
 *   - { name: base-yaml, file: ../scenarios/base.yaml }
 * ratios: [lcr3_12m, basel30d]   # optional: the regulatory ratios compared (default: sensitivity's; none: none)
 * ```
 * Files are relative to the suite file. Problems are reported at file:line:column.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, isAbsolute } from 'node:path';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import * as z from 'zod';
import type { InputIssue, SourceLocation } from '../errors.js';
import { errorOf, issueAt as catalogueIssueAt, type Problem } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import type { Preset } from './variants.js';
import { OriginMap, type KeyPath } from '../scenario/locations.js';

const presetSchema = z.union([
  z.strictObject({ annual_lapse_multiplier: z.number().min(0), cap: z.number().gt(0).max(1).optional() }),
  z.strictObject({ surrender_multiplier: z.number().min(0) }),
  z.strictObject({
    mass_lapse: z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), share: z.number().min(0).max(1).optional() }),
  }),
  z.strictObject({ line_refused: z.string().min(1) }),
  z.strictObject({ limits_never_relaxed: z.literal(true) }),
  z.strictObject({ premium_multiplier: z.number().min(0) }),
]);

const memberSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a name of letters, digits, ".", "_" or "-" (it names the member\'s folder)'),
  file: z.string().min(1).optional(),
  role: z.enum(['base', 'stress']).optional(),
  presets: z.array(presetSchema).default([]),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

const suiteSchema = z.strictObject({
  suite: z.string().min(1),
  description: z.string().default(''),
  seed: z.union([z.int(), z.string().min(1)]).optional(),
  paths: z.int().min(2).max(10_000_000).optional(),
  base: z.string().min(1).optional(),
  common_random_numbers: z.literal(true).default(true),
  members: z.array(memberSchema).min(1),
  ratios: z.union([z.literal('none'), z.array(z.string().min(1)).min(1)]).optional(),
});

export interface SuiteMember {
  name: string;
  /** Scenario file, as resolved against the suite's folder. */
  file: string;
  role: 'base' | 'stress';
  presets: Preset[];
  overrides?: Record<string, unknown>;
  /**
   * Where each value of `overrides` is written in the suite file, by its path in the scenario (the
   * root, [], at the `overrides` key): problems the overrides cause are reported there.
   */
  overridesOrigins?: OriginMap;
  /** The member's key path in the suite file (`members[i]`). */
  path: KeyPath;
}

export interface SuiteSpec {
  file: string;
  name: string;
  description: string;
  seed?: string;
  paths?: number;
  members: SuiteMember[];
  /** Index of the base member. */
  base: number;
  /**
   * The regulatory ratios compared besides the shortfall figures, from the suite file's `ratios` or
   * `--ratio` (undefined: sensitivity's defaults; ['none']: none); checked against the base member's model.
   */
  ratios?: readonly string[];
  /** Where each of `ratios` is written in the suite file (absent when they come from `--ratio`). */
  ratioLocations?: SourceLocation[];
}

export function readSuite(file: string): SuiteSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw errorOf(runMessages.suiteNotReadable(file, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => (offset === undefined ? { file } : { file, ...lines.linePos(offset), column: lines.linePos(offset).col });
  if (doc.errors.length > 0) {
    const issues: InputIssue[] = doc.errors.map((err) => catalogueIssueAt(tidy(at(err.pos[0])), [], runMessages.suiteYamlSyntax(err.code, err.message.split('\n')[0])));
    throw errorOf(runMessages.suiteNotYaml(file), issues);
  }
  const parsed = suiteSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.map((issue) => {
      // The deepest node of the path that exists in the document.
      let path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      let node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      while (node?.range === undefined && path.length > 0) {
        path = path.slice(0, -1);
        node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      }
      const keyPath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return catalogueIssueAt(tidy(at(node?.range?.[0])), keyPath, runMessages.suiteIssue(issue.message));
    });
    throw errorOf(runMessages.suiteProblems(file, issues.length), issues);
  }
  const s = parsed.data;
  const dir = dirname(file);
  const resolve = (f: string) => (isAbsolute(f) ? f : join(dir, f));
  const problems: InputIssue[] = [];
  const names = new Set<string>();
  const members: SuiteMember[] = s.members.map((m, i) => {
    if (names.has(m.name)) problems.push(issueAt(doc, lines, file, ['members', i, 'name'], runMessages.suiteDuplicateMember(m.name)));
    names.add(m.name);
    const f = m.file ?? s.base;
    if (f === undefined) problems.push(issueAt(doc, lines, file, ['members', i], runMessages.suiteMemberWithoutFile()));
    const overridesOrigins = m.overrides === undefined ? undefined : overrideOrigins(doc, lines, file, ['members', i]);
    return { name: m.name, file: resolve(f ?? ''), role: m.role ?? 'stress', presets: m.presets as Preset[], overrides: m.overrides, overridesOrigins, path: ['members', i] };
  });
  const ratios = s.ratios === undefined ? undefined : s.ratios === 'none' ? ['none'] : s.ratios;
  const ratioLocations = ratios?.map((_, i) => locationAt(doc, lines, file, s.ratios === 'none' ? ['ratios'] : ['ratios', i]));
  const bases = members.flatMap((m, i) => (m.role === 'base' ? [i] : []));
  if (bases.length > 1) problems.push(issueAt(doc, lines, file, ['members', bases[1], 'role'], runMessages.suiteSecondBase()));
  if (problems.length > 0) throw errorOf(runMessages.suiteProblems(file, problems.length), problems);
  return {
    file,
    name: s.suite,
    description: s.description,
    seed: s.seed === undefined ? undefined : String(s.seed),
    paths: s.paths,
    members,
    base: bases[0] ?? 0,
    ...(ratios === undefined ? {} : { ratios, ratioLocations }),
  };
}

/** The origins of a member's `overrides` mapping, by scenario key path (its keys and values, recursively). */
function overrideOrigins(doc: ReturnType<typeof parseDocument>, lines: LineCounter, file: string, member: KeyPath): OriginMap {
  const origins = new OriginMap();
  const pos = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const memberNode = doc.getIn(member, true);
  const pair = isMap(memberNode) ? memberNode.items.find((it) => isScalar(it.key) && it.key.value === 'overrides') : undefined;
  const walk = (node: unknown, path: KeyPath, key?: { line: number; column: number }) => {
    const range = (node as Node | null)?.range;
    if (range) origins.set(path, { file, value: pos(range[0]), ...(key ? { key } : {}) });
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const k = item.key as { value: unknown; range?: [number, number, number] | null };
        walk(item.value, [...path, String(k.value)], k.range ? pos(k.range[0]) : undefined);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
  walk(pair?.value, [], keyRange ? pos(keyRange[0]) : undefined);
  return origins;
}

function tidy(loc: { file: string; line?: number; col?: number; column?: number }) {
  return loc.line === undefined ? { file: loc.file } : { file: loc.file, line: loc.line, column: loc.column };
}

function locationAt(doc: ReturnType<typeof parseDocument>, lines: LineCounter, file: string, path: (string | number)[]): SourceLocation {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const off = node?.range?.[0];
  const pos = off === undefined ? undefined : lines.linePos(off);
  return pos ? { file, line: pos.line, column: pos.col } : { file };
}

function issueAt(doc: ReturnType<typeof parseDocument>, lines: LineCounter, file: string, path: (string | number)[], problem: Problem): InputIssue {
  return catalogueIssueAt(locationAt(doc, lines, file, path), path, problem);
}
