/**
 * The fuzz suite's share of `npm test`: a few hundred seeded mutations of the bundled scenarios through
 * the library (in a worker thread, time- and heap-limited), a batch through `liqsim validate`, and a few
 * through `liqsim run --paths 200`. Each must end as accepted or as a located user error: no crash,
 * hang, unlocated message, leaked file content, or output written by a failed run.
 * The opt-in long run is `npm run fuzz -- --cases 3000 --seed 1` (tests/fuzz/run.mjs).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Plain-JS modules shared with the opt-in runner (node runs them without a build step).
// @ts-expect-error no type declarations for the .mjs helpers
import { bundledFiles, generateCase } from './generate.mjs';
// @ts-expect-error no type declarations for the .mjs helpers
import { CLI, LIBRARY_UNSAFE_CLASSES, LibraryRunner, classifyCli, materialize, runViaCli, tally, validateViaCli } from './driver.mjs';

/**
 * Open finding classes left out here until they are fixed (then this list shrinks to []). Every
 * class passes today: the last one, a date key given as a number (`number-as-date`), was fixed in
 * src/scenario/issues.ts (one 'wrong type' error per value). The opt-in runner always includes every
 * class and reports findings by class.
 */
const SKIPPED_OPEN_CLASSES: string[] = [];

const SEED = 'npm-test';
const LIBRARY_CASES = 200;
const CLI_VALIDATE_CASES = 20;
const CLI_RUN_CASES = 3;

type Prepared = { testCase: { index: number; classes: string[]; ops: string[] }; file: string };
type Result = { outcome: string; detail?: string; command: string; testCase: { index: number; ops: string[] } };

function describeFailures(results: Result[]): string {
  return results
    .filter((r) => r.outcome !== 'ok' && r.outcome !== 'user')
    .map((r) => `${r.outcome} case ${r.testCase.index}: ${r.detail ?? ''}\n  ops: ${r.testCase.ops.join(' | ')}\n  repro: npm run fuzz -- --seed ${SEED} --only ${r.testCase.index}`)
    .join('\n');
}

let root: string;
let prepared: Prepared[];

beforeAll(() => {
  expect(existsSync(CLI), 'the fuzz tests need the built CLI: npm run build').toBe(true);
  root = mkdtempSync(join(tmpdir(), 'liqsim-fuzz-test-'));
  const base = bundledFiles();
  prepared = [];
  for (let index = 0; prepared.length < LIBRARY_CASES + CLI_VALIDATE_CASES + CLI_RUN_CASES; index++) {
    const testCase = generateCase(SEED, index, base);
    // FIFOs and /dev/zero block a worker inside a read: never in this in-process test (the CLI runner has them)
    if (testCase.classes.some((c: string) => SKIPPED_OPEN_CLASSES.includes(c) || LIBRARY_UNSAFE_CLASSES.includes(c))) continue;
    prepared.push({ testCase, file: materialize(testCase, join(root, `case-${index}`)) });
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('fuzz: mutated bundled scenarios', () => {
  it('generates the same case for the same seed and index, and different cases otherwise', () => {
    const base = bundledFiles();
    const a = generateCase('s', 7, base);
    expect(generateCase('s', 7, base)).toEqual(a);
    expect(generateCase('s', 8, base).ops).not.toEqual(a.ops);
  });

  it('generates cases whose earlier mutation left a tree too deep to write back (seed 5 case 142, seed 1 case 1816)', () => {
    // A 5,000-level `nested: {a: {a: ...}}` then a parsed-value mutation: the generator's own stack overflowed.
    const base = bundledFiles();
    for (const [seed, index] of [['5', 142], ['1', 1816]] as const) expect(generateCase(seed, index, base).ops.join(' | ')).toMatch(/nesting depth 5000/);
  });

  it('flags what it must flag (so a clean run means something)', () => {
    const base = { out: '', err: '', timedOut: false, signal: null, ms: 1 };
    expect(classifyCli({ ...base, code: 3, err: 'internal error: x\n' }).outcome).toBe('crash');
    expect(classifyCli({ ...base, code: null, signal: 'SIGABRT' }).outcome).toBe('crash');
    expect(classifyCli({ ...base, code: 2, err: 'error: f.yaml:1:1: x\n    at load (file:///a/b.js:10:5)\n' }).outcome).toBe('crash');
    expect(classifyCli({ ...base, code: 2, err: 'error: f.yaml: (document): empty\n' }).outcome).toBe('unlocated');
    expect(classifyCli({ ...base, code: 2, err: 'error: liqsim-fuzz-canary-7f3a9c\n' }).outcome).toBe('leak');
    expect(classifyCli({ ...base, code: 0, timedOut: true }).outcome).toBe('hang');
    expect(classifyCli({ ...base, code: 2, err: 'error: f.yaml:3:7: cash: bad\n1 problem in 1 of 1 file\n' }).outcome).toBe('user');
  });

  it(`${LIBRARY_CASES} cases through the library: accepted or a located user error, within 10 s each`, async () => {
    const lib = new LibraryRunner({ timeoutMs: 10_000, heapMb: 512 });
    const results: Result[] = [];
    try {
      for (const p of prepared.slice(0, LIBRARY_CASES)) results.push(await lib.validate(p));
    } finally {
      await lib.close();
    }
    const counts = tally(results);
    expect(describeFailures(results)).toBe('');
    // The mutations must reach both sides: some still valid, most rejected.
    expect(counts.ok).toBeGreaterThan(LIBRARY_CASES * 0.1);
    expect(counts.user).toBeGreaterThan(LIBRARY_CASES * 0.5);
  }, 120_000);

  it(`${CLI_VALIDATE_CASES} cases through \`liqsim validate\` in one process`, async () => {
    const results: Result[] = await validateViaCli(prepared.slice(LIBRARY_CASES, LIBRARY_CASES + CLI_VALIDATE_CASES), { batch: CLI_VALIDATE_CASES, timeoutMs: 10_000 });
    expect(results).toHaveLength(CLI_VALIDATE_CASES);
    expect(describeFailures(results)).toBe('');
  }, 120_000);

  it(`${CLI_RUN_CASES} cases through \`liqsim run --paths 200\`: a failed run writes nothing`, async () => {
    const results: Result[] = [];
    for (const p of prepared.slice(LIBRARY_CASES + CLI_VALIDATE_CASES)) {
      results.push(await runViaCli(p, { outDir: join(root, `out-${p.testCase.index}`), timeoutMs: 30_000 }));
    }
    expect(describeFailures(results)).toBe('');
  }, 120_000);
});
