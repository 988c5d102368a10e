/**
 * One union of codes, one catalogue (issue 17): every code liqsim writes anywhere in src/ is in
 * ISSUE_CATALOGUE (src/messages/catalogue.ts) and every catalogued code has a factory there or in
 * src/messages/run.ts that writes its text; each entry has its English text, and `document`/`run`
 * codes a hint (the catalogue's convention); no error is made, with its text, outside
 * src/messages/. The type system already rejects an uncatalogued literal at a `code:` typed by the
 * union; this scan also catches a code built from text or added to a type the union does not reach.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiqsimError } from '../../src/errors.js';
import { ISSUE_CATALOGUE } from '../../src/messages/catalogue.js';
import { checkWholeFlag } from '../../src/cli/options.js';
import { MINIMAL, issuesOf, scratchDir } from './helpers.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'assembly' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const CATALOGUE_DIR = join('src', 'messages');

/** Codes written as `code: 'x'` (an issue, problem, error or read result), and the other members of a `code: 'x' | 'y'` type. */
function emittedCodes(files = sourceFiles('src')): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    for (const [n, line] of readFileSync(file, 'utf8').split('\n').entries()) {
      if (line.includes('addIssue(')) continue; // zod's own issue codes ('custom'), not liqsim's
      for (const m of line.matchAll(/\bcode(?:\?)?:\s*((?:'[^']*'\s*\|?\s*)+)/g)) {
        for (const code of m[1].matchAll(/'([^']*)'/g)) found.set(code[1], `${file}:${n + 1}`);
      }
      for (const m of line.matchAll(/\bcode(?::[^=]+)?=\s*'([^']*)'/g)) found.set(m[1], `${file}:${n + 1}`);
    }
  }
  return found;
}

describe('the issue catalogue', () => {
  const catalogued = new Set(Object.keys(ISSUE_CATALOGUE));
  const emitted = emittedCodes();

  it('holds every code written in src/', () => {
    const missing = [...emitted].filter(([code]) => !catalogued.has(code)).map(([code, where]) => `${code} (${where})`);
    expect(missing).toEqual([]);
    // The scan works: it sees codes from the scenario layer, the report loader and the CLI.
    for (const code of ['unknown-key', 'encoding', 'invalid-results', 'invalid-option', 'merge-mismatch']) expect(emitted.has(code)).toBe(true);
  });

  it('has no code that nothing writes', () => {
    expect([...catalogued].filter((code) => !emitted.has(code))).toEqual([]);
  });

  it('has a factory for every code: its text is written in src/messages/, not where it is raised', () => {
    const files = sourceFiles(CATALOGUE_DIR);
    expect(files.map((f) => f.split(sep).join('/')).sort()).toEqual(['src/messages/catalogue.ts', 'src/messages/run.ts']);
    const written = emittedCodes(files);
    expect([...catalogued].filter((code) => !written.has(code))).toEqual([]);
  });

  it('makes every error in the catalogue: no `new LiqsimError(` outside src/messages/', () => {
    const made = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, n) => (/\bnew LiqsimError\(/.test(line) ? [`${file}:${n + 1}`] : []));
    const outside = sourceFiles('src').filter((f) => !f.startsWith(CATALOGUE_DIR + sep)).flatMap(made);
    expect(outside).toEqual([]);
    // The scan works: it sees the one place an error is made (errorOf).
    expect(sourceFiles(CATALOGUE_DIR).flatMap(made)).toHaveLength(1);
  });

  it('gives every code its English text, and document and run codes a hint', () => {
    for (const [code, entry] of Object.entries(ISSUE_CATALOGUE)) {
      expect(entry.en.trim(), code).not.toBe('');
      if (entry.kind !== 'input') expect(entry.hint?.trim() ?? '', code).not.toBe('');
    }
  });
});

describe('docs/results.md', () => {
  it('lists every code with its meaning ("Error codes")', () => {
    const doc = readFileSync('docs/results.md', 'utf8');
    for (const [code, entry] of Object.entries(ISSUE_CATALOGUE)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, code).toBeDefined();
      expect(row, code).toContain(`| ${entry.kind} |`);
      expect(row, code).toContain(entry.en.replace(/\|/g, '\\|'));
    }
  });
});

describe('typed fields', () => {
  it('an unknown key carries the key and the allowed keys, not only prose', () => {
    const file = scratchDir().write('typo.yaml', MINIMAL.replace('  cash: 5000\n', '  cash: 5000\n  credit_line: []\n'));
    const [issue] = issuesOf(file);
    if (issue.code !== 'unknown-key') throw new Error(`expected unknown-key, got ${issue.code}`);
    expect(issue.key).toBe('credit_line');
    // funding's keys in schema order, as the message lists them (tests/scenario/errors.test.ts).
    expect(issue.allowed).toEqual(['cash', 'minimum_cash', 'assets', 'credit_lines', 'inflows', 'policy']);
  });

  it('a missing key names the key', () => {
    const file = scratchDir().write('missing.yaml', MINIMAL.replace('{ bank: Bank A, daily_limit: 10000 }', '{ bank: Bank A }'));
    const issue = issuesOf(file).find((i) => i.code === 'missing-key');
    expect(issue).toMatchObject({ code: 'missing-key', keys: ['daily_limit'] });
  });

  it('a command-line error has a code and the flag', () => {
    let error: unknown;
    try {
      checkWholeFlag('threads', 0, 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LiqsimError);
    expect((error as LiqsimError).detail).toEqual({ code: 'invalid-option', flag: 'threads' });
    expect((error as LiqsimError).message).toBe('--threads must be a whole number >= 1 (found 0)');
  });
});
