#!/usr/bin/env node
/**
 * Writes dist/build-info.json at build time: the package version and the git commit the build was
 * made from (with "-dirty" when the worktree had uncommitted changes), or null outside a git
 * checkout (e.g. building from an unpacked tarball). Read once per run by src/version.ts and recorded
 * in results.json as meta.tool.commit, so a results file names the exact build that produced it,
 * and results stay byte-identical for a given build (the commit is fixed when the build is made,
 * not read at run time).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function git(args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

let commit = null;
try {
  // Only when the package root is the top of a git worktree (not a folder inside someone else's repo).
  if (git(['rev-parse', '--show-toplevel']) === git(['-C', root, 'rev-parse', '--show-toplevel']) && git(['rev-parse', '--show-prefix']) === '') {
    commit = git(['rev-parse', 'HEAD']);
    // Tracked files only: untracked files (reports/, scratch) do not change the build.
    if (git(['status', '--porcelain', '--untracked-files=no']) !== '') commit += '-dirty';
  }
} catch {
  commit = null; // no git, or not a checkout
}

mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'build-info.json'), `${JSON.stringify({ version, commit }, null, 2)}\n`);
process.stdout.write(`dist/build-info.json: liqsim ${version}, commit ${commit ?? 'unknown (not a git checkout)'}\n`);
