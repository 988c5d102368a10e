/**
 * Shared helpers for the parallel tests. Worker threads cannot start from TypeScript sources, so
 * these tests drive the built code in dist/ (`npm test` builds first) and the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'dist/cli/main.js');
export const fixture = join('tests', 'parallel', 'fixtures', 'stressed.yaml');

if (!existsSync(join(root, 'dist/engine/worker.js'))) {
  throw new Error('dist/engine/worker.js is missing: run `npm run build` first (npm test does)');
}

export function liqsim(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  // A run that takes over 10 s on a loaded machine prints progress lines outside a terminal
  // (src/cli/progress.ts): they are not errors, so assertions on stderr do not see them.
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^liqsim: .*: \d+\/\d+ paths (\(\d+%\),|done) .*\n/gm, '') };
}

export const tmp = () => mkdtempSync(join(tmpdir(), 'liqsim-parallel-'));
