/**
 * End to end: `liqsim run` on a scenario whose policy file is Parquet writes results with the file's
 * hash; `liqsim validate` on a damaged Parquet file exits 2 with a located message, no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { policyScenario, scratchDir } from '../scenario/helpers.js';
import { bookColumns, parquetBytes } from '../scenario/parquet-book.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');

function liqsim(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^liqsim: .*: \d+\/\d+ paths (\(\d+%\),|done) .*\n/gm, '') };
}

describe('liqsim on a Parquet policy file', () => {
  it('runs, and results.json names the file with its SHA-256 and row count', () => {
    const dir = scratchDir();
    const bytes = parquetBytes(bookColumns());
    writeFileSync(join(dir.dir, 'book.parquet'), bytes);
    dir.write('book.yaml', policyScenario('  policies: book.parquet\n'));
    const r = liqsim(['run', 'book.yaml', '--out', 'out', '--paths', '50', '--no-report'], dir.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir.dir, 'out', 'book', 'results.json'), 'utf8'));
    expect(results.meta.policies.files).toEqual([{ file: 'book.parquet', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, rows: 5 }]);
    expect(results.meta.policies.accepted.policies).toBe(5);
  });

  it('validate: a truncated Parquet file exits 2 with file and reason, and no stack trace', () => {
    const dir = scratchDir();
    const bytes = parquetBytes(bookColumns());
    writeFileSync(join(dir.dir, 'book.parquet'), bytes.subarray(0, bytes.length - 100));
    dir.write('book.yaml', policyScenario('  policies: book.parquet\n'));
    const r = liqsim(['validate', 'book.yaml'], dir.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: book\.parquet: liabilities\.policies: Parquet file cannot be read: no Parquet footer at the end of the file\n {2}hint: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
