/**
 * Flags and usage errors of the built CLI: every user error exits 2 with a clear message before any
 * simulation (no output directory appears), and flags that override a scenario key take exactly the
 * key's range from src/scenario/schema.ts.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkOverrideFlags, rangeText } from '../../src/cli/options.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');

function liqsim(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('flags that override scenario keys', () => {
  it('read their ranges from the scenario schema', () => {
    // schema.ts: paths z.int().min(1).max(10_000_000); shortfall_threshold z.number().gt(0).max(1).
    expect(rangeText('paths')).toBe('a whole number from 1 to 10,000,000');
    expect(rangeText('shortfall_threshold')).toBe('a number above 0 and at most 1');
  });

  it.each([
    [['--paths', '1e12'], /--paths must be a whole number from 1 to 10,000,000, the same as the scenario key 'paths' \(found 1000000000000\)/],
    [['--paths', '10000001'], /--paths must be a whole number from 1 to 10,000,000/],
    [['--paths', '0'], /--paths must be/],
    [['--paths', '2.5'], /--paths must be/],
    [['--paths', 'abc'], /found not a number/],
    [['--paths', '5', '--paths', '6'], /--paths was given 2 times \(5, 6\); give it once/],
    [['--threshold', '0'], /--threshold must be a number above 0 and at most 1, the same as the scenario key 'shortfall_threshold' \(found 0\)/],
    [['--threshold', '1.5'], /--threshold must be/],
    [['--seed', ''], /--seed must be a whole number or non-empty text.*found '' \(empty\)/],
    [['--threads', '0'], /--threads must be a whole number from 1 to 1,024/],
    [['--fail-above', '2'], /--fail-above must be a probability in \[0, 1\]/],
  ])('run %j is refused with exit 2 before simulating', (flags, message) => {
    const out = join(mkdtempSync(join(tmpdir(), 'liqsim-flags-')), 'out');
    const r = liqsim(['run', 'scenarios/base.yaml', '--out', out, '--no-report', ...flags]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('accept the edges of the range (library API)', () => {
    expect(checkOverrideFlags({ paths: 10_000_000, threshold: 1, seed: '0' })).toEqual({ paths: 10_000_000, threshold: 1, seed: '0' });
    expect(checkOverrideFlags({ paths: 1, threshold: 1e-9 })).toEqual({ paths: 1, threshold: 1e-9 });
  });

  it('check refuses bad --k, --window-days, --false-alarm-seeds with exit 2', () => {
    for (const flags of [['--k', '0'], ['--window-days', '-1'], ['--false-alarm-seeds', '0'], ['--rel-tolerance', '-0.1']]) {
      const r = liqsim(['check', 'scenarios/base.yaml', ...flags]);
      expect(r.stderr).toMatch(new RegExp(`${flags[0]} must be`));
      expect(r.code).toBe(2);
    }
  });
});

describe('usage errors', () => {
  it('an unknown command is called one, with the list of commands and a suggestion', () => {
    const r = liqsim(['foo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown command 'foo'.");
    expect(r.stderr).toContain('Commands: run, validate, schema, report, check, merge, suite, sensitivity, reverse.');
    expect(r.stderr).not.toContain('Unknown argument');
    expect(liqsim(['rnu']).stderr).toContain("Did you mean 'run'?");
    expect(liqsim(['scenarios/base.yaml']).stderr).toContain('To simulate it: liqsim run scenarios/base.yaml');
  });

  it('run without a file is a plain usage error, not yargs wording', () => {
    const r = liqsim(['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: 'liqsim run' needs at least one scenario file, e.g. liqsim run scenarios/base.yaml.\nRun 'liqsim run --help' for usage.\n");
    expect(liqsim(['merge']).stderr).toContain("'liqsim merge' needs");
  });

  it('check --help lists --false-alarm-seeds', () => {
    expect(liqsim(['check', '--help']).stdout).toContain('--false-alarm-seeds');
  });

  it('shows escape sequences in an unknown command as text', () => {
    const r = liqsim(['\x1b[31mred']);
    expect(r.stderr).toContain("unknown command '\\x1b[31mred'");
    expect(r.stderr).not.toContain('\x1b');
  });
});

describe('terminal output of user strings', () => {
  it('validate shows escape sequences in file names and keys as text', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-esc-'));
    const file = join(dir, 'evil\x1b[2K\r.yaml');
    writeFileSync(file, 'name: x\n"k\\u001b]0;pwned\\u0007": 1\n');
    const r = liqsim(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('evil\\x1b[2K\\r.yaml');
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
  });
});

describe('check output files are checked before any scenario runs', () => {
  it('--junit into a missing folder, --summary at a folder: exit 2 at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-junit-'));
    const a = liqsim(['check', 'scenarios/base.yaml', '--junit', join(dir, 'missing', 'x.xml')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--junit .*missing\/x\.xml: the folder .*missing does not exist; create it first/);
    expect(a.stdout).toBe(''); // nothing ran: the check log was not printed
    const b = liqsim(['check', 'scenarios/base.yaml', '--summary', dir]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('is a folder; give a file name');
  });

  it('a yargs message keeps its line breaks', () => {
    const r = liqsim(['run', 'scenarios/base.yaml', '--lang', 'xx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid values:\n');
    expect(r.stderr).not.toContain('\\n');
  });
});
