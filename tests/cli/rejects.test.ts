/**
 * `--rejects FILE` of the built CLI (`liqsim run`, `liqsim validate`): bad policy rows go to FILE
 * (the row as written plus its reason), the run uses the rest and results.json counts what was
 * rejected; the flag takes the place of `liabilities.policies_rejects`; a bad path is refused with
 * exit 2 before anything is read or written.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { policyScenario as scenario } from '../scenario/helpers.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');

function liqsim(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^liqsim: .*: \d+\/\d+ paths (\(\d+%\),|done) .*\n/gm, '') };
}

const BOOK = `policy_id,product,issue_date,maturity_date,account_value,maturity_value
P1,savings,2015-01-01,2020-01-07,1000000,1000000
P2,savngs,2015-01-01,2020-01-07,9000000.25,9000000
P3,savings,2015-01-01,2020-01-08,2000000,2000000
P4,savings,2015-01-01,2020-01-09,-5,100
`;


/** A folder with the book and a scenario naming it (and `extra` liabilities keys). */
function folder(extra = '') {
  const dir = mkdtempSync(join(tmpdir(), 'liqsim-rejects-'));
  writeFileSync(join(dir, 'book.csv'), BOOK);
  writeFileSync(join(dir, 'p.yaml'), scenario(`  policies: book.csv\n${extra}`));
  return dir;
}

describe('liqsim run --rejects', () => {
  it('quarantines the bad rows in the file, runs on the rest and counts them in results.json', () => {
    const dir = folder();
    const r = liqsim(['run', 'p.yaml', '--rejects', 'bad.csv', '--out', 'out', '--no-report'], dir);
    expect(r.stderr).toContain('notice: book.csv:1:1: liabilities.policies: 2 policy rows rejected, written to bad.csv');
    expect(r.code).toBe(0);
    // the header plus `reject_reason`; each bad row as written, then file:row:column: message
    expect(readFileSync(join(dir, 'bad.csv'), 'utf8')).toBe(
      `policy_id,product,issue_date,maturity_date,account_value,maturity_value,reject_reason
P2,savngs,2015-01-01,2020-01-07,9000000.25,9000000,"book.csv:3:4: unknown product ""savngs"": not in liabilities.products"
P4,savings,2015-01-01,2020-01-09,-5,100,book.csv:5:34: \`account_value\` -5 is negative
`,
    );
    const results = JSON.parse(readFileSync(join(dir, 'out', 'p', 'results.json'), 'utf8'));
    // P2's 9,000,000.25 counts; P4's -5 is not an amount, so it adds nothing
    expect(results.meta.policies.rejected).toEqual({ policies: 2, accountValue: 9_000_000.25, byReason: { 'unknown-product': 1, 'negative-value': 1 }, file: 'bad.csv' });
    expect(results.meta.policies.accepted).toEqual({ policies: 2, accountValue: 3_000_000, maturityValue: 3_000_000 });
  });

  it('takes the place of liabilities.policies_rejects', () => {
    const dir = folder('  policies_rejects: from-scenario.csv\n');
    const r = liqsim(['run', 'p.yaml', '--rejects', 'from-flag.csv', '--out', 'out', '--no-report'], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'from-scenario.csv'))).toBe(false);
    expect(readFileSync(join(dir, 'from-flag.csv'), 'utf8').split('\n')).toHaveLength(4); // header, 2 rows, final newline
    const results = JSON.parse(readFileSync(join(dir, 'out', 'p', 'results.json'), 'utf8'));
    expect(results.meta.policies.rejected.file).toBe('from-flag.csv');
  });

  it('is a path from the working directory, and the file is rewritten (the header alone when no row is bad)', () => {
    const dir = folder();
    mkdirSync(join(dir, 'q'));
    writeFileSync(join(dir, 'book.csv'), BOOK.split('\n').slice(0, 2).join('\n') + '\n'); // P1 only
    writeFileSync(join(dir, 'q', 'bad.csv'), 'left from an earlier run\n');
    const r = liqsim(['validate', 'p.yaml', '--rejects', join('q', 'bad.csv')], dir);
    expect(r.stdout).toBe('ok p.yaml\n');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'q', 'bad.csv'), 'utf8')).toBe('policy_id,product,issue_date,maturity_date,account_value,maturity_value,reject_reason\n');
  });

  it.each([
    [['--rejects', 'missing/bad.csv'], /--rejects missing\/bad\.csv: the folder .*missing does not exist; create it first/],
    [['--rejects', '.'], /--rejects \. is a folder; give a file name/],
    [['--rejects', ''], /--rejects needs a file name/],
    [['--rejects', 'a.csv', '--rejects', 'b.csv'], /--rejects was given 2 times/],
    [['--rejects', 'bad.csv', '--shard', '1/1'], /--rejects is not taken with --shard/],
  ])('run %j is refused with exit 2, nothing read or written', (flags, message) => {
    const dir = folder();
    const r = liqsim(['run', 'p.yaml', '--out', 'out', '--no-report', ...flags], dir);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'bad.csv'))).toBe(false);
  });

  it('refuses two scenarios (they would write one file)', () => {
    const dir = folder();
    writeFileSync(join(dir, 'q.yaml'), readFileSync(join(dir, 'p.yaml')));
    const r = liqsim(['validate', 'p.yaml', 'q.yaml', '--rejects', 'bad.csv'], dir);
    expect(r.stderr).toMatch(/--rejects quarantines the bad policy rows of one scenario \(found 2 scenarios\)/);
    expect(r.code).toBe(2);
  });

  it('refuses the policy file itself, located at liabilities.policies, and leaves it as it was', () => {
    const dir = folder();
    const r = liqsim(['run', 'p.yaml', '--rejects', 'book.csv', '--out', 'out', '--no-report'], dir);
    // p.yaml line 11 is `  policies: book.csv`; the value starts at column 13
    expect(r.stderr).toContain('error: p.yaml:11:13: liabilities.policies: cannot write the rejects file `book.csv`: it is the policy file `book.csv`');
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'book.csv'), 'utf8')).toBe(BOOK);
  });

  it('refuses a scenario without policy files, located at liabilities', () => {
    const dir = folder();
    writeFileSync(join(dir, 'c.yaml'), scenario('  cohorts:\n    - { product: savings, maturity_date: 2020-01-10, value: 1000, count: 1, maturity_value: 1000 }\n'));
    const r = liqsim(['validate', 'c.yaml', '--rejects', 'bad.csv'], dir);
    // c.yaml line 7 is `liabilities:`; its value starts on line 8, column 3
    expect(r.stderr).toContain('error: c.yaml:8:3: liabilities: a rejects file (`bad.csv`) is given but the scenario has no liabilities.policies');
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'bad.csv'))).toBe(false);
  });
});
