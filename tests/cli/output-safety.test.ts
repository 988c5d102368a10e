/**
 * Output safety, end to end through the built CLI: liqsim never deletes a folder it did not write,
 * checks --out before simulating (exit 2, not exit 3 after the run), writes a run's outputs as one
 * set, cleans up its temp folders on SIGINT, and survives concurrent runs into one --out.
 */
import { describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

vi.setConfig({ testTimeout: 120_000 });

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
// Self-contained (no `extends`), 700 paths: about a second per run.
const fixture = join(root, 'tests/parallel/fixtures/stressed.yaml');

function liqsim(args: string[], cwd = root) {
  // A time limit, so a regression that spins (as --out in /proc did) fails instead of hanging.
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'liqsim-out-'));
const quick = ['--paths', '256', '--no-report', '--threads', '1'];
const hidden = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.') && n !== '.liqsim-output');

describe('output folders never delete what is not liqsim\'s', () => {
  it('a scenario file named ..yaml writes OUT/scenario/, leaving the rest of --out alone', () => {
    const work = tmp();
    const out = join(work, 'out');
    mkdirSync(join(out, 'baselines'), { recursive: true });
    writeFileSync(join(out, 'baselines', 'kept.json'), 'committed');
    copyFileSync(fixture, join(work, '..yaml'));
    const r = liqsim(['run', join(work, '..yaml'), '--out', out, ...quick]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Before the fix the folder name was '.', so all of OUT was removed and replaced.
    expect(readFileSync(join(out, 'baselines', 'kept.json'), 'utf8')).toBe('committed');
    expect(existsSync(join(out, 'scenario', 'results.json'))).toBe(true);
    expect(existsSync(join(out, 'scenario', '.liqsim-output'))).toBe(true);
  });

  it('...yaml with an absolute --out does not touch the folder above it', () => {
    const work = tmp();
    const out = join(work, 'a', 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(work, 'a', 'sibling.txt'), 'mine');
    copyFileSync(fixture, join(out, '...yaml'));
    const r = liqsim(['run', join(out, '...yaml'), '--out', out, ...quick]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(work, 'a', 'sibling.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, '...yaml'))).toBe(true);
    expect(existsSync(join(out, 'scenario', 'results.json'))).toBe(true);
  });

  it('run src.yaml --out . refuses to replace ./src/ (exit 2, before simulating), naming it', () => {
    const work = tmp();
    mkdirSync(join(work, 'src'));
    writeFileSync(join(work, 'src', 'main.ts'), 'code');
    copyFileSync(fixture, join(work, 'src.yaml'));
    const r = liqsim(['run', 'src.yaml', '--out', '.', ...quick], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to replace 'src': it was not written by liqsim/);
    expect(r.stderr).toContain('hint:');
    expect(r.stdout).not.toContain('P(any overdue payout)'); // nothing was simulated
    expect(readdirSync(join(work, 'src'))).toEqual(['main.ts']);
  });

  it('merge of parts from a ..yaml scenario writes OUT/scenario/, not over OUT', () => {
    const work = tmp();
    copyFileSync(fixture, join(work, '..yaml'));
    const parts = join(work, 'parts');
    for (const k of [1, 2]) expect(liqsim(['run', join(work, '..yaml'), '--out', parts, '--shard', `${k}/2`, '--threads', '1']).code).toBe(0);
    const out = join(work, 'merged');
    mkdirSync(out);
    writeFileSync(join(out, 'kept.txt'), 'mine');
    const m = liqsim(['merge', join(parts, 'scenario'), '--out', out, '--no-report']);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(readFileSync(join(out, 'kept.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'scenario', 'results.json'))).toBe(true);
  });

  it('a folder from a liqsim version before the marker (only liqsim files) is still replaced', () => {
    const out = tmp();
    mkdirSync(join(out, 'stressed', 'charts'), { recursive: true });
    writeFileSync(join(out, 'stressed', 'results.json'), '{}');
    writeFileSync(join(out, 'stressed', 'charts', 'headroom.svg'), '<svg/>');
    expect(liqsim(['run', fixture, '--out', out, ...quick]).code).toBe(0);
    expect(readFileSync(join(out, 'stressed', 'results.json'), 'utf8')).toContain('liqsim/results');
    expect(existsSync(join(out, 'stressed', 'charts'))).toBe(false);
  });
});

describe('--out is checked before simulating: exit 2, never exit 3 after the run', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a file', () => { const f = join(tmp(), 'f'); writeFileSync(f, ''); return ['--out', f]; }, /is a file, not a folder/],
    ['under a file', () => { const f = join(tmp(), 'f'); writeFileSync(f, ''); return ['--out', join(f, 'sub')]; }, /is a file, so/],
    ['given twice', () => ['--out', tmp(), '--out', tmp()], /--out was given 2 times/],
    ['in procfs', () => ['--out', '/proc/self/liqsim'], /kernel file system/],
    ['in sysfs', () => ['--out', '/sys/liqsim'], /kernel file system/],
  ];
  for (const [what, args, message] of cases) {
    it(`--out ${what}`, () => {
      const started = Date.now();
      const r = liqsim(['run', fixture, ...args(), ...quick]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stdout).toBe('');
      expect(Date.now() - started).toBeLessThan(20_000); // no spinning in /proc
    });
  }

  it.skipIf(process.getuid?.() === 0)('--out in a read-only folder (root can write anywhere: skipped as root)', () => {
    const dir = tmp();
    spawnSync('chmod', ['0555', dir]);
    const r = liqsim(['run', fixture, '--out', join(dir, 'out'), ...quick]);
    spawnSync('chmod', ['0755', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write in/);
  });

  it('merge and report check their --out too', () => {
    const f = join(tmp(), 'f');
    writeFileSync(f, '');
    const m = liqsim(['merge', tmp(), '--out', f]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/is a file, not a folder/);
  });
});

describe('a run writes its outputs as one set', () => {
  it('when one scenario folder cannot be replaced, none is, and index.html stays (exit 2)', () => {
    const work = tmp();
    copyFileSync(fixture, join(work, 'a.yaml'));
    copyFileSync(fixture, join(work, 'b.yaml'));
    const out = join(work, 'out');
    expect(liqsim(['run', join(work, 'a.yaml'), join(work, 'b.yaml'), '--out', out, '--paths', '256', '--threads', '1']).code).toBe(0);
    const before = readFileSync(join(out, 'a', 'results.json'), 'utf8');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    // b becomes a folder of the user's (no marker, other files): liqsim may not replace it.
    rmSync(join(out, 'b'), { recursive: true });
    mkdirSync(join(out, 'b'));
    writeFileSync(join(out, 'b', 'my-notes.txt'), 'user file');
    const r = liqsim(['run', join(work, 'a.yaml'), join(work, 'b.yaml'), '--out', out, '--paths', '256', '--threads', '1', '--seed', 'other']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`refusing to replace '${join(out, 'b')}'`);
    expect(readFileSync(join(out, 'a', 'results.json'), 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(index);
    expect(readFileSync(join(out, 'b', 'my-notes.txt'), 'utf8')).toBe('user file');
    expect(hidden(out)).toEqual([]);
  });

  it('a user\'s own index.html in --out is not overwritten by the comparison page (exit 2, before simulating)', () => {
    const work = tmp();
    copyFileSync(fixture, join(work, 'a.yaml'));
    copyFileSync(fixture, join(work, 'b.yaml'));
    writeFileSync(join(work, 'index.html'), '<h1>my site</h1>');
    const r = liqsim(['run', 'a.yaml', 'b.yaml', '--out', '.', '--paths', '256', '--threads', '1'], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("refusing to replace 'index.html'");
    expect(readFileSync(join(work, 'index.html'), 'utf8')).toBe('<h1>my site</h1>');
    expect(existsSync(join(work, 'a'))).toBe(false);
  });

  it('folders follow the umask (0775 under umask 002), not 0700', () => {
    const out = tmp();
    const r = spawnSync('sh', ['-c', `umask 002 && exec "${process.execPath}" "${cli}" run "${fixture}" --out "${out}" ${quick.join(' ')}`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(out, 'stressed')).mode & 0o777).toBe(0o775);
  });

  it('SIGINT while outputs are staged removes the temp folders and exits 130', async () => {
    const work = tmp();
    copyFileSync(fixture, join(work, 'a.yaml'));
    copyFileSync(fixture, join(work, 'b.yaml'));
    const out = join(work, 'out');
    mkdirSync(out);
    // a is staged while b is still simulating (10,000 paths: several seconds). Two threads: the
    // main thread waits for the workers, so it handles the signal at once (one thread simulates
    // in the main thread, and a signal waits for the simulation to end).
    const child = spawn(process.execPath, [cli, 'run', join(work, 'a.yaml'), join(work, 'b.yaml'), '--out', out, '--paths', '10000', '--no-report', '--threads', '2'], {
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let sawStaging = false;
    for (let i = 0; i < 600 && !sawStaging; i++) {
      await new Promise((r) => setTimeout(r, 50));
      sawStaging = readdirSync(out).some((n) => n.startsWith('.a.tmp-'));
    }
    expect(sawStaging).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(out)).toEqual([]);
  });

  it('concurrent runs into one --out both succeed; the folder is whole, no temp folders left', async () => {
    const out = tmp();
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [cli, 'run', fixture, '--out', out, ...quick], { env: { ...process.env, CI: 'true' } });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => done({ code, stderr }));
      });
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all([run(), run(), run()]);
      for (const r of results) expect(r.code, r.stderr).toBe(0);
    }
    expect(readdirSync(join(out, 'stressed')).sort()).toEqual(['.liqsim-output', 'daily.csv', 'results.json']);
    expect(hidden(out)).toEqual([]);
  });
});
