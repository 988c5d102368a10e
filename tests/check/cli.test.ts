/**
 * The built `liqsim check` command (`npm test` builds first), run in a scratch directory laid out
 * like a scenarios repository: default scenario discovery, exit codes, the --update hint, and the
 * files written for CI.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from './xml.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');

function liqsim(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scenariosRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'liqsim-check-cli-'));
  mkdirSync(join(dir, 'scenarios'));
  copyFileSync(join(import.meta.dirname, 'fixtures', 'payout-wave.yaml'), join(dir, 'scenarios', 'payout-wave.yaml'));
  return dir;
}

describe('liqsim check (built CLI)', () => {
  it('exits 2 with the --update hint when a baseline is missing, then passes after --update', () => {
    const dir = scenariosRepository();
    const missing = liqsim(['--junit', 'junit.xml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('no baseline reports/baselines/payout-wave.json');
    expect(missing.stdout).toContain('hint: liqsim check --update scenarios/payout-wave.yaml');
    const junit = parseXml(readFileSync(join(dir, 'junit.xml'), 'utf8'));
    expect(junit.attributes).toMatchObject({ tests: '1', failures: '0', errors: '1' });

    const update = liqsim(['--update', '--threads', '1'], dir);
    expect(update.stderr).toBe('');
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/^CREATED {3}scenarios\/payout-wave\.yaml -> reports\/baselines\/payout-wave\.json$/m);
    expect(existsSync(join(dir, 'reports', 'baselines', 'payout-wave.json'))).toBe(true);

    const check = liqsim(['--junit', 'junit.xml', '--summary', 'summary.md'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^PASS {2}scenarios\/payout-wave\.yaml {2}exact: /m);
    const passed = parseXml(readFileSync(join(dir, 'junit.xml'), 'utf8'));
    expect(findAll(passed, 'testcase').length).toBe(4);
    expect(findAll(passed, 'failure').length + findAll(passed, 'error').length).toBe(0);

    // --summary appends, as $GITHUB_STEP_SUMMARY expects.
    liqsim(['--summary', 'summary.md'], dir);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary.match(/^## liqsim check: 1 scenario: 1 passed, 0 failed, 0 errors$/gm)?.length).toBe(2);
  }, 60_000);

  it('rejects bad options with exit 2 and no stack trace', () => {
    const dir = scenariosRepository();
    const r = liqsim(['--k', '0'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --k must be a number above 0 (found 0)\n');
  });

  it('reports a missing or invalid scenario with exit 2, naming the file, line and key', () => {
    const dir = scenariosRepository();
    const missing = liqsim(['scenarios/nope.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/^ERROR scenarios\/nope\.yaml\n {6}scenarios\/nope\.yaml: no such scenario file$/m);

    const text = readFileSync(join(dir, 'scenarios', 'payout-wave.yaml'), 'utf8');
    writeFileSync(join(dir, 'scenarios', 'payout-wave.yaml'), text.replace('paths: 400', 'pathz: 400'));
    const invalid = liqsim(['--update'], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toMatch(/^ {6}scenarios\/payout-wave\.yaml:\d+:1: pathz: unknown key/m);
    expect(existsSync(join(dir, 'reports', 'baselines', 'payout-wave.json'))).toBe(false);
  });
});
