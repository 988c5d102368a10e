/**
 * Output folders (library): safe names, the ownership rule, and a run's outputs committed as one
 * set or not at all.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_MARKER, OutputSet, checkOutDir, outputDirName, replaceRefusal, scenarioDirName } from '../../src/io/output.js';
import { trackedTemps, writeFileAtomicSync } from '../../src/io/atomic.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'liqsim-output-'));

describe('output folder names', () => {
  it('are never ., .. or empty, and hold no separators or control characters', () => {
    expect(scenarioDirName('/x/..yaml')).toBe('scenario');
    expect(scenarioDirName('/x/...yaml')).toBe('scenario');
    expect(scenarioDirName('/x/.yaml')).toBe('yaml'); // a dot file: no extension, leading dot dropped
    expect(outputDirName('')).toBe('scenario');
    expect(outputDirName('a/b\\c')).toBe('a_b_c');
    expect(outputDirName('\u001b[31mred\u0007')).toBe('_[31mred_');
    expect(outputDirName('.hidden')).toBe('hidden');
    expect(outputDirName('trailing. ')).toBe('trailing');
    expect(outputDirName('x'.repeat(300))).toHaveLength(100);
    // Ordinary names are kept as they are.
    expect(scenarioDirName('scenarios/maturity-peak-2020q1.yaml')).toBe('maturity-peak-2020q1');
    expect(outputDirName('压力 情景')).toBe('压力 情景');
  });
});

describe('which folders liqsim may replace', () => {
  it('absent, empty, marked, or holding only liqsim files: yes; anything else: no', () => {
    const dir = tmp();
    expect(replaceRefusal(join(dir, 'absent'))).toBeNull();
    mkdirSync(join(dir, 'empty'));
    expect(replaceRefusal(join(dir, 'empty'))).toBeNull();
    mkdirSync(join(dir, 'legacy', 'charts'), { recursive: true });
    writeFileSync(join(dir, 'legacy', 'results.json'), '{}');
    writeFileSync(join(dir, 'legacy', 'charts', 'headroom.svg'), '<svg/>');
    expect(replaceRefusal(join(dir, 'legacy'))).toBeNull();
    mkdirSync(join(dir, 'marked'));
    writeFileSync(join(dir, 'marked', OUTPUT_MARKER), '{"tool":"liqsim"}');
    writeFileSync(join(dir, 'marked', 'notes.txt'), 'x');
    expect(replaceRefusal(join(dir, 'marked'))).toBeNull();
    mkdirSync(join(dir, 'user'));
    writeFileSync(join(dir, 'user', 'main.ts'), 'code');
    expect(replaceRefusal(join(dir, 'user'))).toMatch(/not written by liqsim/);
    writeFileSync(join(dir, 'file'), 'x');
    expect(replaceRefusal(join(dir, 'file'))).toMatch(/is a file/);
  });
});

describe('OutputSet', () => {
  it('commits staged folders (with marker) and files together, leaving no temp names', async () => {
    const out = tmp();
    const set = new OutputSet(out);
    writeFileSync(join(set.stageDir('a'), 'results.json'), 'A');
    writeFileSync(join(set.stageDir('b'), 'results.json'), 'B');
    await set.stageFile('index.html', 'I');
    expect(readdirSync(out).every((n) => n.startsWith('.'))).toBe(true);
    set.commit();
    expect(readdirSync(out).sort()).toEqual(['a', 'b', 'index.html']);
    expect(readFileSync(join(out, 'b', 'results.json'), 'utf8')).toBe('B');
    expect(JSON.parse(readFileSync(join(out, 'a', OUTPUT_MARKER), 'utf8')).tool).toBe('liqsim');
    expect(trackedTemps()).toEqual([]);
  });

  it('a failure half way puts the first folder back: no mixed set, no temp folders', () => {
    const out = tmp();
    const first = new OutputSet(out);
    writeFileSync(join(first.stageDir('a'), 'results.json'), 'old A');
    writeFileSync(join(first.stageDir('b'), 'results.json'), 'old B');
    first.commit();
    const second = new OutputSet(out);
    writeFileSync(join(second.stageDir('a'), 'results.json'), 'new A');
    const stagedB = second.stageDir('b');
    // The second folder's staging disappears (disk trouble, another process): its rename fails
    // after 'a' was already swapped in.
    rmSync(stagedB, { recursive: true });
    expect(() => second.commit()).toThrow();
    expect(readFileSync(join(out, 'a', 'results.json'), 'utf8')).toBe('old A');
    expect(readFileSync(join(out, 'b', 'results.json'), 'utf8')).toBe('old B');
    expect(readdirSync(out).sort()).toEqual(['a', 'b']);
    expect(trackedTemps()).toEqual([]);
  });

  it('refuses to replace a folder liqsim did not write, replacing nothing', () => {
    const out = tmp();
    mkdirSync(join(out, 'b'));
    writeFileSync(join(out, 'b', 'mine.txt'), 'user data');
    const set = new OutputSet(out);
    set.stageDir('a');
    set.stageDir('b');
    expect(() => set.commit()).toThrow(/refusing to replace '.*b': it was not written by liqsim/);
    expect(readdirSync(out)).toEqual(['b']);
    expect(readFileSync(join(out, 'b', 'mine.txt'), 'utf8')).toBe('user data');
  });

  it('creates folders with the umask\'s mode, not 0700', () => {
    const out = tmp();
    const set = new OutputSet(out);
    set.stageDir('a');
    set.commit();
    // mkdir's default 0777 minus the umask, as for any folder the user makes.
    const umask = process.umask();
    expect(statSync(join(out, 'a')).mode & 0o777).toBe(0o777 & ~umask);
  });
});

describe('checkOutDir', () => {
  it('accepts a folder or one to be made; refuses files, repeats and kernel file systems', () => {
    const dir = tmp();
    expect(checkOutDir(join(dir, 'new', 'deeper'))).toBe(join(dir, 'new', 'deeper'));
    expect(existsSync(join(dir, 'new'))).toBe(false); // checking makes nothing
    writeFileAtomicSync(join(dir, 'f'), 'x');
    expect(() => checkOutDir(join(dir, 'f'))).toThrow(/is a file, not a folder/);
    expect(() => checkOutDir(join(dir, 'f', 'sub'))).toThrow(/is a file, so/);
    expect(() => checkOutDir(['a', 'b'])).toThrow(/--out was given 2 times \(a, b\)/);
    expect(() => checkOutDir('')).toThrow(/needs a folder path/);
    expect(() => checkOutDir('/proc/self/fd')).toThrow(/kernel file system/);
    expect(() => checkOutDir('/sys/x')).toThrow(/kernel file system/);
    expect(() => checkOutDir('/dev/shm/x')).toThrow(/kernel file system/);
    expect(readdirSync(dir)).toEqual(['f']); // the write probe is gone
  });
});
