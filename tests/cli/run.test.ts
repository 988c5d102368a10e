/**
 * End-to-end tests of the built CLI (`npm test` builds first): what a user sees, exit codes, and
 * that a failed run writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');

function liqsim(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  // A run that takes over 10 s on a loaded machine prints progress lines outside a terminal
  // (src/cli/progress.ts): they are not errors, so assertions on stderr do not see them.
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^liqsim: .*: \d+\/\d+ paths (\(\d+%\),|done) .*\n/gm, '') };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'liqsim-cli-'));

describe('liqsim run', () => {
  it('runs a bundled scenario and writes results.json, daily.csv and a summary', () => {
    const out = tmp();
    const r = liqsim(['run', 'scenarios/maturity-peak-2020q1.yaml', '--out', out, '--paths', '300', '--no-report']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/P\(any overdue payout\): [\d.]+%/);
    expect(r.stdout).toContain(join(out, 'maturity-peak-2020q1'));
    const results = JSON.parse(readFileSync(join(out, 'maturity-peak-2020q1', 'results.json'), 'utf8'));
    expect(results.schema).toBe('liqsim/results');
    expect(results.meta.run.paths).toBe(300);
    expect(results.daily.length).toBe(results.meta.run.horizonDays);
    const csv = readFileSync(join(out, 'maturity-peak-2020q1', 'daily.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(results.daily.length + 1);
    expect(csv[0].startsWith('date,business_day,p_shortfall')).toBe(true);
  });

  it('gives byte-identical results.json for the same seed and different ones for another seed', () => {
    const a = tmp();
    const b = tmp();
    const c = tmp();
    const args = ['run', 'scenarios/maturity-peak-2020q1.yaml', '--paths', '300', '--no-report'];
    expect(liqsim([...args, '--out', a]).code).toBe(0);
    expect(liqsim([...args, '--out', b]).code).toBe(0);
    expect(liqsim([...args, '--out', c, '--seed', 'other']).code).toBe(0);
    const read = (d: string) => readFileSync(join(d, 'maturity-peak-2020q1', 'results.json'), 'utf8');
    expect(read(a)).toBe(read(b));
    expect(read(c)).not.toBe(read(a));
  });

  it('--fail-above exits 1 when P(any shortfall) is above the bar, 0 when not', () => {
    const out = tmp();
    const base = ['run', 'scenarios/maturity-peak-2020q1.yaml', '--out', out, '--paths', '200', '--no-report'];
    const results = () => JSON.parse(readFileSync(join(out, 'maturity-peak-2020q1', 'results.json'), 'utf8'));
    expect(liqsim([...base, '--fail-above', '1']).code).toBe(0);
    const p = results().summary.pAnyShortfall.estimate;
    expect(p).toBeGreaterThan(0);
    const r = liqsim([...base, '--fail-above', String(p / 2)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('above --fail-above');
  });

  it('rejects a bad scenario with file:line:col, key and hint, exit 2, no stack trace and no output', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(good, `extends: ${join(root, 'scenarios/base.yaml')}\npaths: 50\n`);
    writeFileSync(bad, `extends: ${join(root, 'scenarios/base.yaml')}\npaths: 50\nfunding:\n  credit_line: []\n`);
    const r = liqsim(['run', good, bad, '--out', out, '--allow-outside']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:3`);
    expect(r.stderr).toContain('credit_line');
    expect(r.stderr).toContain('credit_lines');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects bad arguments with exit 2 and a usage hint', () => {
    const r = liqsim(['run', 'scenarios/base.yaml', '--paths', '0', '--out', join(tmp(), 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--paths');
    expect(liqsim(['frobnicate']).code).toBe(2);
    expect(liqsim(['run', 'does-not-exist.yaml']).code).toBe(2);
  });
});

describe('bundled scenarios', () => {
  const files = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));
  it('are all present', () => {
    expect(files).toEqual(
      expect.arrayContaining(['base.yaml', 'maturity-peak-2020q1.yaml', 'bank-refuses-line.yaml', 'mass-lapse-40.yaml', 'limits-not-relaxed.yaml']),
    );
  });
  it('all validate', () => {
    const r = liqsim(['validate', ...files.map((f) => join('scenarios', f))]);
    // Only notices (inherited lists a child replaces on purpose), no errors.
    expect(r.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('notice: '))).toEqual([]);
    expect(r.code).toBe(0);
  });
});
