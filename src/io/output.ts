/**
 * Output folders: liqsim only ever replaces folders it made itself, and writes a run's outputs as
 * one set.
 *
 * - Folder names that come from file or scenario names are sanitised: never `.`, `..` or empty, no
 *   path separators, no control characters, no leading dot (hidden names are liqsim's temp folders).
 * - Every scenario folder liqsim writes holds a marker file, `.liqsim-output` (a small JSON). A
 *   folder is replaced only when it carries the marker, is empty, or holds nothing but the files
 *   liqsim writes (folders from liqsim versions before the marker). Anything else is refused, exit 2.
 * - `--out` is checked before any simulation: given once, not a file, not in /proc, /sys or /dev
 *   (or another kernel file system), and writable.
 * - `OutputSet`: every folder and file of a run is staged in hidden temp folders/files inside
 *   `--out`, then renamed in together at the end; if any rename fails the folders already swapped
 *   are put back, so a failed run never leaves a mixed set. Temp folders are removed on error and
 *   on SIGINT/SIGTERM (io/atomic.ts).
 */
import { closeSync, lstatSync, openSync, readSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { errorOf } from '../messages/catalogue.js';
import { replaceRefusals, runMessages } from '../messages/run.js';
import { makeTempDirNear, siblingTempName, trackTemp, untrackTemp } from './atomic.js';
import { onKernelFileSystem } from './kernel-fs.js';

/** The marker file in every output folder liqsim owns. */
export const OUTPUT_MARKER = '.liqsim-output';

/** The marker's content: what wrote the folder, and what that means for the user. */
export function markerText(): string {
  return `${JSON.stringify({
    tool: 'liqsim',
    kind: 'output-folder',
    version: 1,
    note: 'written by liqsim; the next run into this folder replaces it as a whole',
  })}\n`;
}

// Control characters, path separators and the characters Windows refuses in names.
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g;

/**
 * A safe folder name made from a file or scenario name: unsafe characters become `_`, leading dots
 * and trailing dots/spaces go, at most 100 characters; `scenario` when nothing is left.
 * @example outputDirName('..') // 'scenario'
 * @example outputDirName('a/b') // 'a_b'
 */
export function outputDirName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(UNSAFE_NAME_CHARS, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 100)
    .replace(/[.\s]+$/, '');
  return cleaned === '' ? 'scenario' : cleaned;
}

/**
 * Output folder name of a scenario file: its file name without `.yaml`/`.yml`, sanitised
 * (`outputDirName`): `..yaml` gives `scenario`, never `.` or `..`.
 */
export function scenarioDirName(file: string): string {
  const base = basename(file);
  const ext = extname(base);
  return outputDirName(ext === '.yaml' || ext === '.yml' ? base.slice(0, -ext.length) : base);
}

const LEGACY_FILES = /^(results\.json|daily\.csv|report(\.[A-Za-z-]+)?\.html|partial-\d+-of-\d+\.json|\.liqsim-output)$/;
const LEGACY_CHART_DIR = /^charts(\.[A-Za-z-]+)?$/;
const LEGACY_CHART_FILES = /\.(vl\.json|svg)$/;

/** Whether a folder holds only what liqsim writes (a folder from a version before the marker). */
function onlyLiqsimFiles(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && LEGACY_FILES.test(entry.name)) continue;
    if (entry.isDirectory() && LEGACY_CHART_DIR.test(entry.name)) {
      const inner = readdirSync(join(dir, entry.name), { withFileTypes: true });
      if (inner.every((f) => f.isFile() && LEGACY_CHART_FILES.test(f.name))) continue;
    }
    return false;
  }
  return true;
}

function hasMarker(dir: string): boolean {
  try {
    const data: unknown = JSON.parse(readFileSync(join(dir, OUTPUT_MARKER), 'utf8'));
    return typeof data === 'object' && data !== null && (data as { tool?: unknown }).tool === 'liqsim';
  } catch {
    return false;
  }
}

/**
 * Why liqsim may not replace `target`, or null when it may (absent, empty, marked, or holding only
 * liqsim's own files). Symbolic links are never followed.
 */
export function replaceRefusal(target: string): string | null {
  let st;
  try {
    st = lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return replaceRefusals.cannotInspect((error as Error).message);
  }
  if (st.isSymbolicLink()) return replaceRefusals.symbolicLink;
  if (!st.isDirectory()) return replaceRefusals.notAFolder;
  if (hasMarker(target)) return null;
  try {
    if (onlyLiqsimFiles(target)) return null;
  } catch (error) {
    return replaceRefusals.cannotRead((error as Error).message);
  }
  return replaceRefusals.notWrittenByLiqsim(OUTPUT_MARKER);
}

/** @throws LiqsimError (exit 2) naming the folder when liqsim may not replace it */
export function assertReplaceable(target: string): void {
  const why = replaceRefusal(target);
  if (why !== null) {
    throw errorOf(runMessages.refuseToReplace(target, why));
  }
}

/**
 * Whether liqsim may overwrite the file `target` (index.html in --out): absent, or a page liqsim
 * generated (its `<meta name="generator" content="liqsim ...">`), never a user's own file.
 * @throws LiqsimError (exit 2) naming the file
 */
export function assertFileReplaceable(target: string): void {
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return;
  }
  let ours = false;
  if (st.isFile()) {
    const fd = openSync(target, 'r');
    try {
      const head = Buffer.alloc(4096);
      const n = readSync(fd, head, 0, head.length, 0);
      ours = head.subarray(0, n).toString('utf8').includes('<meta name="generator" content="liqsim');
    } finally {
      closeSync(fd);
    }
  }
  if (!ours) {
    throw errorOf(runMessages.refuseToReplacePage(target));
  }
}

/**
 * Checks an output folder option before any work: one value, a folder (or creatable), not on a
 * kernel file system, and writable (probed by creating and removing a folder).
 * @param value the option's value as yargs gives it (an array when the option is repeated)
 * @returns the folder path
 * @throws LiqsimError (exit 2) with the folder and a hint
 */
export function checkOutDir(value: unknown, flag = '--out'): string {
  if (Array.isArray(value)) {
    throw errorOf(runMessages.folderOptionRepeated(flag, value));
  }
  if (typeof value !== 'string' || value.trim() === '') throw errorOf(runMessages.folderOptionEmpty(flag));
  if (value.includes('\0')) throw errorOf(runMessages.folderOptionNul(flag));
  const abs = resolve(value);
  // The nearest part of the path that exists: the folder itself or the one it would be made in.
  let existing = abs;
  for (;;) {
    try {
      statSync(existing);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw errorOf(runMessages.outFolderUnusable(flag, value, (error as Error).message));
      const parent = dirname(existing);
      if (parent === existing) throw errorOf(runMessages.outFolderNoPart(flag, value));
      existing = parent;
    }
  }
  if (!statSync(existing).isDirectory()) {
    throw errorOf(runMessages.outFolderIsFile(flag, value, existing === abs ? undefined : existing));
  }
  const real = realpathSync(existing);
  const special = onKernelFileSystem(existing) || onKernelFileSystem(abs);
  if (special) {
    throw errorOf(runMessages.outFolderOnKernelFs(flag, value, real));
  }
  const probe = siblingTempName(join(existing, 'liqsim-write-test'));
  try {
    mkdirSync(probe);
    rmdirSync(probe);
  } catch (error) {
    throw errorOf(runMessages.outFolderNotWritable(flag, value, existing, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
  }
  return value;
}

const RETRYABLE = new Set(['EEXIST', 'ENOTEMPTY', 'ENOENT', 'EPERM', 'EBUSY']);

/**
 * Renames the staged folder to `target`, moving the old one aside first (`.NAME.old-*`). Another
 * run may put its own folder there at the same moment: then its folder is moved aside too and the
 * rename retried, so the last run wins and neither fails.
 * @returns the folders moved aside (for rollback and removal)
 */
function swapIn(staged: string, target: string): string[] {
  const aside: string[] = [];
  for (let attempt = 0; ; attempt++) {
    assertReplaceable(target);
    const old = siblingTempName(target, 'old');
    try {
      renameSync(target, old);
      aside.push(old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      renameSync(staged, target);
      return aside;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRYABLE.has(code) || (code === 'ENOENT' && !exists(staged)) || attempt >= 20) {
        restore(target, aside);
        throw error;
      }
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Puts the first folder moved aside (the original) back at `target`; removes the others. */
function restore(target: string, aside: string[]): void {
  if (aside.length === 0) return;
  if (!exists(target)) renameSync(aside[0], target);
  else rmSync(aside[0], { recursive: true, force: true });
  for (const old of aside.slice(1)) rmSync(old, { recursive: true, force: true });
}

/**
 * The outputs of one run inside `outDir`: folders and files staged under hidden temp names, renamed
 * in together by `commit()`, or removed by `discard()`.
 */
export class OutputSet {
  private readonly dirs: { staged: string; target: string }[] = [];
  private readonly files: { staged: string; target: string }[] = [];

  constructor(readonly outDir: string) {}

  /** Stages folder `outDir/name` (with its marker): returns the temp folder to write into. */
  stageDir(name: string): string {
    const target = join(this.outDir, name);
    if (this.dirs.some((d) => d.target === target)) throw new Error(`output folder ${target} staged twice`);
    const staged = makeTempDirNear(target);
    this.dirs.push({ staged, target });
    writeFileSync(join(staged, OUTPUT_MARKER), markerText());
    return staged;
  }

  /** Stages file `outDir/name` with `data`. */
  async stageFile(name: string, data: string): Promise<void> {
    const target = join(this.outDir, name);
    mkdirSync(this.outDir, { recursive: true });
    const staged = siblingTempName(target);
    trackTemp(staged);
    this.files.push({ staged, target });
    await writeFile(staged, data);
  }

  /**
   * Moves everything staged into place. Synchronous, so no signal handler runs half way. On any
   * failure the folders already swapped in are swapped back and the staged ones removed.
   * @throws LiqsimError when a target is not liqsim's; the fs error when a rename fails
   */
  commit(): void {
    try {
      for (const d of this.dirs) assertReplaceable(d.target);
      for (const f of this.files) assertFileReplaceable(f.target);
    } catch (error) {
      this.discard();
      throw error;
    }
    const done: { target: string; aside: string[] }[] = [];
    try {
      for (const d of this.dirs) {
        done.push({ target: d.target, aside: swapIn(d.staged, d.target) });
        untrackTemp(d.staged);
      }
      for (const f of this.files) {
        renameSync(f.staged, f.target);
        untrackTemp(f.staged);
      }
    } catch (error) {
      for (const d of done.reverse()) {
        rmSync(d.target, { recursive: true, force: true });
        restore(d.target, d.aside);
      }
      this.discard();
      throw error;
    }
    for (const d of done) for (const old of d.aside) rmSync(old, { recursive: true, force: true });
  }

  /** Removes everything staged and not committed. */
  discard(): void {
    for (const x of [...this.dirs, ...this.files]) {
      rmSync(x.staged, { recursive: true, force: true });
      untrackTemp(x.staged);
    }
  }
}

/**
 * Makes `dir` (an output folder a shard adds its partial file to) liqsim's: creates it with its
 * marker, or checks that liqsim may write there and adds the marker.
 * @throws LiqsimError when the folder is not liqsim's
 */
export function claimOutputDir(dir: string): void {
  assertReplaceable(dir);
  mkdirSync(dir, { recursive: true });
  if (!hasMarker(dir)) writeFileSync(join(dir, OUTPUT_MARKER), markerText());
}

/**
 * The checks a run makes before simulating: `--out` is usable and each scenario folder in it is
 * liqsim's to replace (or absent).
 * @returns the output folder
 * @throws LiqsimError (exit 2) naming the folder
 */
export function checkOutputTargets(out: unknown, names: readonly string[], flag = '--out', files: readonly string[] = []): string {
  const dir = checkOutDir(out, flag);
  for (const name of names) assertReplaceable(join(dir, name));
  for (const name of files) assertFileReplaceable(join(dir, name));
  return dir;
}
