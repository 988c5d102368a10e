/**
 * Limits on what a scenario input may make liqsim do, and the one way input files are read. Scenario
 * files come from many hands (CI, shared folders): a file, a path or a number must never make liqsim
 * hang, exhaust memory or print another file's contents. Each limit is documented in
 * docs/scenario-format.md ("Limits") and enforced before any work that grows with it.
 */
import { closeSync, fstatSync, openSync, readSync, constants as fsConstants, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { onKernelFileSystem } from '../io/kernel-fs.js';
import { readReasons } from '../messages/catalogue.js';

export const LIMITS = {
  /** A scenario YAML file (each file of an `extends` chain). The bundled ones are under 7 KB. */
  scenarioBytes: 1024 * 1024,
  /** Nesting of mappings and lists in a scenario (the format itself needs 6). */
  depth: 32,
  /** Alias nodes (`*name`) in one YAML file. */
  aliases: 100,
  /** Values a YAML file may expand to once aliases are followed ("billion laughs"). */
  expandedValues: 200_000,
  /** A cohort CSV file. */
  csvBytes: 16 * 1024 * 1024,
  /** Data rows in a cohort CSV file (not counting the header and comments). */
  csvRows: 100_000,
  /** Any `*_days` key, and every day count in the scenario (ten years and a leap day or two). */
  days: 3660,
  /** Characters in a path named by `extends` or `cohorts_csv`. */
  pathChars: 1024,
  /** Files in one `extends` chain. */
  extendsDepth: 16,
  /** Problems reported for one file; the rest are counted ("and K more"). */
  issues: 100,
} as const;

export interface ReadPolicy {
  /** Accept absolute paths and paths that leave the scenario's folder tree (`--allow-outside`). */
  readonly allowOutside?: boolean;
}

export type ReadResult =
  | { readonly text: string }
  | { readonly reason: string; readonly code: 'file-not-found' | 'not-a-file' | 'file-too-large' | 'encoding' ; readonly line?: number; readonly column?: number; readonly hint?: string };

/**
 * Reads a text input file: a regular file only (never a FIFO, device or directory), at most
 * `maxBytes` (stops reading there), UTF-8 (a BOM is dropped; UTF-16 and other encodings refused with
 * the position of the first bad byte). Opened non-blocking so a FIFO cannot hang the open.
 */
export function readInputFile(file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: 'file-not-found', reason: readReasons.notFound };
    if (code === 'EACCES' || code === 'EPERM') return { code: 'file-not-found', reason: readReasons.permissionDenied };
    if (code === 'ENAMETOOLONG') return { code: 'file-not-found', reason: readReasons.pathTooLong };
    return { code: 'file-not-found', reason: readReasons.cannotOpen(code ?? 'error') };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { code: 'not-a-file', reason: readReasons.directory };
    if (!stat.isFile()) return { code: 'not-a-file', reason: readReasons.notRegular };
    if (onKernelFileSystem(file)) return { code: 'not-a-file', reason: readReasons.kernelFileSystem };
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
    // Read at most maxBytes + 1: a file that grows while read is still caught.
    // /proc-like files report size 0, so start at 64 KiB at least and grow.
    let grown = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size + 1, 65536)));
    let length = 0;
    for (;;) {
      if (length === grown.length) {
        if (grown.length > maxBytes) break;
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, grown.length * 2));
        grown.copy(bigger, 0, 0, length);
        grown = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, grown, length, grown.length - length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return { code: 'not-a-file', reason: readReasons.notRegularFound };
        return { code: 'file-not-found', reason: readReasons.cannotRead((error as NodeJS.ErrnoException).code ?? 'error') };
      }
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return tooLarge(length, maxBytes);
    return decodeText(grown.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): ReadResult {
  return {
    code: 'file-too-large',
    reason: readReasons.tooLarge(formatBytes(maxBytes), size > maxBytes + 1 ? formatBytes(size) : undefined),
    hint: readReasons.tooLargeHint,
  };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/**
 * UTF-8 text from bytes, or where and why it is not UTF-8. A UTF-8 BOM is dropped so columns on
 * line 1 count from the first visible character.
 */
export function decodeText(bytes: Uint8Array): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return encodingProblem(readReasons.utf16ByteOrderMark, 1, 1, 'UTF-16');
  }
  // UTF-16 without a BOM: text that is mostly ASCII has a zero in every other byte.
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = position(bytes, nul);
    const sample = bytes.subarray(0, Math.min(bytes.length, 256));
    const zeros = sample.filter((b) => b === 0).length;
    return zeros * 3 >= sample.length
      ? encodingProblem(readReasons.utf16Zeros, at.line, at.column, 'UTF-16')
      : encodingProblem(readReasons.zeroByte, at.line, at.column);
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const bad = firstInvalidUtf8(bytes, start);
  if (bad >= 0) {
    const at = position(bytes, bad, start);
    return encodingProblem(readReasons.notUtf8(bytes[bad]), at.line, at.column, readReasons.legacyEncoding);
  }
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8') };
}

function encodingProblem(reason: string, line: number, column: number, suspected?: string): ReadResult {
  return {
    code: 'encoding',
    reason,
    line,
    column,
    hint: readReasons.encodingHint(suspected),
  };
}

/** 1-based line and column (in characters of the valid UTF-8 before it) of byte `offset`. */
function position(bytes: Uint8Array, offset: number, start = 0): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = start; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      column = 1;
    } else if ((bytes[i] & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Why a path named in a scenario may not be followed, or undefined when it may: absolute paths and
 * paths that leave `root` (the folder of the scenario given on the command line) need `allowOutside`.
 * @param named the path as written; @param resolved where it points
 */
export function pathRefusal(named: string, resolved: string, root: string, policy: ReadPolicy): string | undefined {
  if (named.length > LIMITS.pathChars) return readReasons.pathLonger(LIMITS.pathChars);
  if (named.includes('\0')) return readReasons.pathZeroByte;
  if (policy.allowOutside) return undefined;
  if (nodePath.isAbsolute(named)) return readReasons.absolutePath;
  // Compare real paths: a symlink inside the folder may point anywhere.
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return nodePath.resolve(p);
    }
  };
  const rel = nodePath.relative(real(root), real(resolved));
  if (rel === '..' || rel.startsWith(`..${nodePath.sep}`) || nodePath.isAbsolute(rel)) return readReasons.leavesFolder;
  return undefined;
}
