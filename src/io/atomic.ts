/**
 * The one home of liqsim's atomic writes: a file is written to a hidden sibling temp file and renamed
 * over its target, so readers see the old file or the whole new one, never half a file. Temp files
 * and staging folders are tracked and removed on error and on SIGINT/SIGTERM (then the process
 * exits 130/143, as a shell would report the signal).
 *
 * Everything here creates files and folders with the default modes, so the user's umask applies.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';

const temps = new Set<string>();
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
let handlersInstalled = false;

function onSignal(signal: keyof typeof SIGNAL_EXIT): void {
  removeTrackedTemps();
  process.exit(SIGNAL_EXIT[signal]);
}

/** Removes every tracked temp file or folder now (signal handlers and tests). */
export function removeTrackedTemps(): void {
  for (const path of temps) rmSync(path, { recursive: true, force: true });
  temps.clear();
}

/**
 * Tracks a temp file or folder: removed on SIGINT/SIGTERM until `untrackTemp`. The handlers are
 * installed with the first temp and then stay (they exit 130/143 as Node's default would): a
 * signal that arrives while the main thread is busy is handled only later, and must still stop
 * the process then.
 */
export function trackTemp(path: string): void {
  temps.add(path);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}

export function untrackTemp(path: string): void {
  temps.delete(path);
}

/** Whether anything is tracked (for tests). */
export function trackedTemps(): string[] {
  return [...temps];
}

/** A hidden sibling name for a temp copy of `target`: `.NAME.<tag>-<random>`. */
export function siblingTempName(target: string, tag = 'tmp'): string {
  return join(dirname(target), `.${basename(target)}.${tag}-${randomBytes(6).toString('hex')}`);
}

/**
 * Creates a new, empty, hidden folder next to `target` (`.NAME.tmp-<random>`), tracked for
 * cleanup. Unlike mkdtemp (always 0700), its mode follows the umask like any other folder.
 */
export function makeTempDirNear(target: string): string {
  mkdirSync(dirname(target), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const path = siblingTempName(target);
    try {
      mkdirSync(path);
      trackTemp(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 10) throw error;
    }
  }
}

/** Writes `data` to `file` atomically (temp file + rename). Synchronous. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = siblingTempName(file);
  trackTemp(temp);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    untrackTemp(temp);
  }
}

/** Writes `data` to `file` atomically (temp file + rename). */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = siblingTempName(file);
  trackTemp(temp);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    untrackTemp(temp);
  }
}

/**
 * `writeFileAtomic` for a file the user named (a baseline, `--junit`, `--summary`): a failure is a
 * user error (LiqsimError, exit 2) naming the file, not a stack trace.
 */
export async function writeUserFile(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw errorOf(runMessages.writeFailed(file, (error as Error).message));
  }
}
