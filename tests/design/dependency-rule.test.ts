/**
 * The dependency rule (scripts/dependency-rule.mjs, README "Design"): src/ keeps it, and the checker
 * can fail — on an upward import, a sideways one, a leaf that imports a stage, a circle, a file
 * the rule does not place — shown on small fixture trees and on a copy of src/ with one import added.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// @ts-expect-error: a plain ES module without type declarations
import { checkDependencies, formatProblem, importsOf } from '../../scripts/dependency-rule.mjs';

interface Problem {
  file: string;
  line?: number;
  message: string;
}
const check = checkDependencies as (root: string) => Problem[];
const show = (root: string) => check(root).map((p) => (formatProblem as (p: Problem) => string)(p));

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A src-like tree from { 'path.ts': text }. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'liqsim-deps-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A tree that keeps the rule: every stage imports an earlier one and a leaf. */
const CLEAN = {
  'errors.ts': 'export class E {}\n',
  'io/atomic.ts': "import { E } from '../errors.js';\nexport const w = E;\n",
  'scenario/index.ts': "import { E } from '../errors.js';\nexport type S = { e: E };\n",
  'model/compile.ts': "import type { S } from '../scenario/index.js';\nexport const compile = (s: S) => s;\n",
  'engine/block.ts': 'export const BLOCK = 256;\n',
  'engine/run.ts': "import { compile } from '../model/compile.js';\nimport { BLOCK } from './block.js';\nexport const run = [compile, BLOCK];\n",
  'results/build.ts': "import { run } from '../engine/run.js';\nimport { w } from '../io/atomic.js';\nexport const build = [run, w];\n",
  'report/index.ts': "import { build } from '../results/build.js';\nexport const report = build;\n",
  'check/index.ts': "import { build } from '../results/build.js';\nexport const check = build;\n",
  'cli/main.ts': "import { report } from '../report/index.js';\nimport { check } from '../check/index.js';\nexport default [report, check];\n",
};

describe('the dependency rule', () => {
  it('holds for src/ (no upward or sideways import, no cycle, every file placed)', () => {
    expect(show(join(__dirname, '../../src'))).toEqual([]);
  });

  it('accepts a fixture tree that follows the flow', () => {
    expect(show(tree(CLEAN))).toEqual([]);
  });

  it('fails on an upward import, naming the file, the line and the two stages', () => {
    const root = tree({ ...CLEAN, 'scenario/index.ts': "import { E } from '../errors.js';\nimport { BLOCK } from '../engine/block.js';\nexport type S = { e: E; b: typeof BLOCK };\n" });
    expect(show(root)).toEqual(['scenario/index.ts:2: imports engine/block.ts: upward import: scenario/ comes before engine/ in the flow']);
  });

  it('fails on an import cycle between two files of one folder', () => {
    const root = tree({
      ...CLEAN,
      'check/index.ts': "import { build } from '../results/build.js';\nimport { render } from './render.js';\nexport const check = build;\nexport type R = 1;\n",
      'check/render.ts': "import type { R } from './index.js';\nexport const render = (r: R) => r;\n",
    });
    expect(show(root)).toEqual(['check/index.ts: import cycle: check/index.ts <-> check/render.ts']);
  });

  it('fails on a sibling import, a leaf importing a stage, and a file outside the rule', () => {
    const root = tree({
      ...CLEAN,
      'report/index.ts': "import { check } from '../check/index.js';\nexport const report = check;\n",
      'errors.ts': "import type { S } from './scenario/index.js';\nexport class E {}\nexport type X = S;\n",
      'shard.ts': 'export const x = 1;\n',
    });
    expect(show(root)).toEqual([
      'errors.ts:1: imports scenario/index.ts: leaf helper errors.ts imports from stage scenario/',
      // errors.ts <-> scenario/index.ts now tie each other too
      'errors.ts: import cycle: errors.ts <-> scenario/index.ts',
      'report/index.ts:1: imports check/index.ts: sideways import between sibling stages report/ and check/',
      'shard.ts: not placed in the dependency rule: add its folder to RULE in scripts/dependency-rule.mjs',
    ]);
  });

  it('fails on src/ with one upward import added (model/compile.ts -> engine/)', () => {
    const root = mkdtempSync(join(tmpdir(), 'liqsim-deps-src-'));
    temps.push(root);
    cpSync(join(__dirname, '../../src'), root, { recursive: true });
    appendFileSync(join(root, 'model/compile.ts'), "\nimport type { BLOCK_SIZE } from '../engine/aggregate.js';\n");
    const problems = check(root);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe('model/compile.ts');
    expect(problems[0].message).toBe('imports engine/aggregate.ts: upward import: model/ comes before engine/ in the flow');
  });
});

describe('finding imports', () => {
  const specifiers = (text: string) => (importsOf as (t: string) => { specifier: string; line: number }[])(text).map((x) => `${x.line}:${x.specifier}`);

  it('finds every form: static, type-only, multi-line, side-effect, dynamic, re-export', () => {
    const text = [
      "import a from './a.js';", // 1
      "import type { B } from './b.js';", // 2
      'import {', // 3
      '  c,',
      '  type D,',
      "} from './cd.js';",
      "import './side.js';", // 7
      "const e = await import('./e.js');", // 8
      "export { f } from './f.js';", // 9
      "export * from './g.js';", // 10
      "export type * as H from './h.js';", // 11
    ].join('\n');
    expect(specifiers(text)).toEqual(['1:./a.js', '2:./b.js', '3:./cd.js', '7:./side.js', '8:./e.js', '9:./f.js', '10:./g.js', '11:./h.js']);
  });

  it('ignores imports inside comments, strings, templates and regular expressions', () => {
    const text = [
      "// import x from './comment.js';",
      "/* import y from './block.js'; */",
      "const s = \"import z from './string.js'\";",
      "const t = `import w from './template.js' ${f('/')} and ${'`'}`;",
      "const r = /import v from '.\\/regex.js'/;",
      'const meta = import.meta.url;',
      "const o = { from: 'x' }; export const k = 1;",
      "import real from './real.js';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['8:./real.js']);
  });
});
