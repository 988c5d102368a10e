/**
 * `liqsim report` through the built CLI (`npm test` builds first): exit codes and messages a user
 * sees. The rendering itself is tested through the library in report.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeResults } from './fixture.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');

function liqsim(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function resultsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'liqsim-report-cli-'));
  const file = join(dir, 'results.json');
  writeFileSync(file, `${JSON.stringify(makeResults({ horizonDays: 15 }), null, 2)}\n`);
  return file;
}

describe('liqsim report', () => {
  it('re-renders report.html and charts/ next to results.json, with the command line in the page', () => {
    const file = resultsFile();
    const r = liqsim(['report', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = resolve(file, '..');
    expect(r.stdout).toContain(join(dir, 'report.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`liqsim report ${file}`);
    expect(existsSync(join(dir, 'charts', 'shortfall-probability.svg'))).toBe(true);
  });

  it('--lang zh-CN writes report.zh-CN.html and charts.zh-CN/ beside the English report, which stays', () => {
    const file = resultsFile();
    const dir = resolve(file, '..');
    expect(liqsim(['report', file]).code).toBe(0);
    const english = readFileSync(join(dir, 'report.html'), 'utf8');
    const r = liqsim(['report', file, '--lang', 'zh-CN']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(dir, 'report.zh-CN.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(english);
    const html = readFileSync(join(dir, 'report.zh-CN.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`liqsim report ${file} --lang zh-CN`);
    expect(existsSync(join(dir, 'charts.zh-CN', 'shortfall-probability.svg'))).toBe(true);
  });

  it('--out writes elsewhere', () => {
    const file = resultsFile();
    const out = join(resolve(file, '..'), 'out');
    expect(liqsim(['report', file, '--out', out]).code).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('a missing or invalid results file: exit 2, a clear message, no stack trace, nothing written', () => {
    const missing = join(tmpdir(), 'liqsim-no-such-dir', 'results.json');
    const r = liqsim(['report', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toContain('no such file');
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const bad = resultsFile();
    writeFileSync(bad, '{"schema": "liqsim/results", "schemaVersion": 3}');
    const b = liqsim(['report', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/results\.json: meta: /);
    expect(existsSync(join(resolve(bad, '..'), 'report.html'))).toBe(false);
  });

  it('an unknown language is refused with exit 2', () => {
    const r = liqsim(['report', resultsFile(), '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('zh-CN');
  });
});
