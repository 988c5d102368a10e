/**
 * Runs fuzz cases against liqsim and classifies each outcome:
 *   ok        accepted (exit 0)
 *   user      rejected as a user error (exit 2), every message located
 *   crash     exit 3, any other exit code or a signal (including out of memory), or a stack trace printed
 *   hang      no answer within the time limit
 *   unlocated rejected, but a message lacks file:line:col
 *   leak      printed the content of a file that is not the scenario's YAML/CSV (environment, /etc/passwd)
 *   wrote     `run` failed but created or changed its --out directory
 *
 * Three ways in: the library API in a worker thread (fast: no process start per case; used by
 * `npm test`), `liqsim validate` in batches of files (the opt-in runner), and `liqsim run --paths 200`.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO } from './generate.mjs';

export const CLI = join(REPO, 'dist', 'cli', 'main.js');
/** A value put in the child's environment: finding it in any output means the environment leaked. */
const SECRET = 'liqsim-fuzz-canary-7f3a9c';
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$|FATAL ERROR|Last few GCs|JavaScript heap out of memory|^\s*\d+: 0x[0-9a-f]+ /m;
const LOCATED = /^error: (.+?):(\d+):(\d+): /;

/** Writes a case's files into `dir` (created); a FIFO `pipe.yaml` when the case names one. */
export function materialize(testCase, dir) {
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(testCase.files)) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  if (testCase.fifo && !existsSync(join(dir, 'pipe.yaml'))) {
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    } catch {
      /* no mkfifo: the reference is then a missing file */
    }
  }
  return join(dir, testCase.entry);
}

/** Problems in the text a command printed, whatever its exit code. */
function outputProblems(out, err) {
  const all = `${out}\n${err}`;
  if (STACK.test(all)) return 'crash';
  if (all.includes(SECRET) || /root:x?:0:0:/.test(all)) return 'leak';
  return undefined;
}

/** Error lines that lack a file:line:col location (the summary lines `N problems in ...` are not errors). */
function unlocatedLines(err) {
  return err
    .split('\n')
    .filter((l) => l.startsWith('error: ') || l.startsWith('internal error'))
    .filter((l) => {
      const m = LOCATED.exec(l);
      return !m || Number(m[2]) < 1 || Number(m[3]) < 1;
    });
}

function spawnCli(args, { timeoutMs, cwd, memMb = 1024 }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${memMb}`, CLI, ...args], {
      cwd,
      env: { ...process.env, LIQSIM_DEBUG: '', FORCE_COLOR: '0', LIQSIM_FUZZ_CANARY: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    // Keep the first 200 kB of each stream, cut at a line end so no message is judged half-printed.
    const cap = (s, chunk) => {
      if (s.length > 200_000) return s;
      const next = s + chunk;
      return next.length > 200_000 ? next.slice(0, next.lastIndexOf('\n', 200_000) + 1) : next;
    };
    child.stdout.on('data', (c) => (out = cap(out, c.toString())));
    child.stderr.on('data', (c) => (err = cap(err, c.toString())));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, timedOut, ms: Date.now() - started });
    });
  });
}

/** Classification of one CLI answer about a single file. */
export function classifyCli(res) {
  if (res.timedOut) return { outcome: 'hang' };
  const printed = outputProblems(res.out, res.err);
  if (res.signal || ![0, 1, 2].includes(res.code)) return { outcome: 'crash', detail: res.signal ?? `exit ${res.code}` };
  if (printed) return { outcome: printed };
  if (res.code === 0) return { outcome: 'ok' };
  const bad = unlocatedLines(res.err);
  if (bad.length > 0 || !/^error: /m.test(res.err)) return { outcome: 'unlocated', detail: bad[0] ?? res.err.split('\n')[0] };
  return { outcome: 'user' };
}

/**
 * `liqsim validate` over cases, `batch` files per process; a batch that crashes or hangs is re-run
 * one file per process so each case gets its own outcome.
 * @param prepared [{ testCase, file }] with the case files already written
 */
export async function validateViaCli(prepared, { batch = 20, timeoutMs = 10_000, onResult, extraArgs = [], isolateOpen = false }) {
  const results = [];
  const single = async (p) => {
    const res = await spawnCli(['validate', ...extraArgs, p.file], { timeoutMs });
    const c = classifyCli(res);
    const r = { ...c, testCase: p.testCase, file: p.file, ms: res.ms, command: `node dist/cli/main.js validate ${[...extraArgs, p.file].join(' ')}`, stderr: res.err.slice(0, 2000) };
    results.push(r);
    onResult?.(r);
  };
  // isolateOpen: cases in the hostile classes (bombs, special files, ...) go alone, as one hang would
  // stall a batch (worth it while they hang; once fixed, batching them is much faster).
  if (isolateOpen) for (const p of prepared.filter((q) => q.testCase.classes.length > 0)) await single(p);
  const ordinary = isolateOpen ? prepared.filter((q) => q.testCase.classes.length === 0) : prepared;
  for (let i = 0; i < ordinary.length; i += batch) {
    const group = ordinary.slice(i, i + batch);
    if (group.length === 1) {
      await single(group[0]);
      continue;
    }
    // A batch gets more time than one file (a loaded machine stretches 20 files past 20 s); a real
    // hang still ends the batch, and its files are then timed one by one.
    const res = await spawnCli(['validate', ...extraArgs, ...group.map((p) => p.file)], { timeoutMs: Math.max(timeoutMs * 2, (timeoutMs * group.length) / 4) });
    const whole = classifyCli(res);
    if (whole.outcome === 'crash' || whole.outcome === 'hang' || whole.outcome === 'leak') {
      for (const p of group) await single(p);
      continue;
    }
    // Split the batch's answer by file: `ok FILE` lines and `error: FILE:...` lines.
    const okFiles = new Set(res.out.split('\n').filter((l) => l.startsWith('ok ')).map((l) => l.slice(3)));
    const errLines = res.err.split('\n').filter((l) => l.startsWith('error: '));
    const dirs = group.map((p) => `error: ${dirname(p.file)}/`);
    if (errLines.some((l) => !dirs.some((d) => l.startsWith(d)))) {
      // a line outside every case folder (a file named by absolute path, or no location): ask each alone
      for (const p of group) await single(p);
      continue;
    }
    for (const p of group) {
      let r;
      if (okFiles.has(p.file)) r = { outcome: 'ok' };
      else {
        // a file's errors may be located in the files it reads (parent, CSV) in the same case folder
        const dir = dirname(p.file);
        const mine = errLines.filter((l) => l.startsWith(`error: ${dir}/`));
        const bad = unlocatedLines(mine.join('\n'));
        r = mine.length === 0 ? { outcome: 'unlocated', detail: 'no error line names this file or its folder' } : bad.length ? { outcome: 'unlocated', detail: bad[0] } : { outcome: 'user' };
        if (r.outcome === 'unlocated') {
          // unattributable line (e.g. a file outside the case folder): ask again alone to be sure
          await single(p);
          continue;
        }
      }
      const full = { ...r, testCase: p.testCase, file: p.file, ms: res.ms / group.length, command: `node dist/cli/main.js validate ${[...extraArgs, p.file].join(' ')}` };
      results.push(full);
      onResult?.(full);
    }
  }
  return results;
}

/**
 * `liqsim run FILE --paths 200 --no-report --out DIR` for one case: on failure DIR must not exist.
 */
export async function runViaCli(p, { timeoutMs = 30_000, outDir, extraArgs = [] }) {
  rmSync(outDir, { recursive: true, force: true });
  const args = ['run', p.file, '--paths', '200', '--threads', '1', '--no-report', '--out', outDir, ...extraArgs];
  const res = await spawnCli(args, { timeoutMs });
  let c = classifyCli(res);
  if (c.outcome !== 'hang' && c.outcome !== 'crash' && res.code !== 0 && existsSync(outDir)) c = { outcome: 'wrote', detail: readdirSync(outDir).join(',') };
  if (c.outcome === 'ok' && !existsSync(join(outDir, p.testCase.entry.replace(/\.yaml$/, ''), 'results.json'))) c = { outcome: 'crash', detail: 'exit 0 without results.json' };
  rmSync(outDir, { recursive: true, force: true });
  return { ...c, testCase: p.testCase, file: p.file, ms: res.ms, command: `node dist/cli/main.js ${args.join(' ')}`, stderr: res.err.slice(0, 2000) };
}

/**
 * The library API (`validateScenarioFiles` + `formatIssue` from dist/index.js, what `liqsim validate`
 * calls) in a worker thread with a heap limit; a case that takes longer than `timeoutMs` terminates
 * the worker (and counts as a hang) and a fresh one takes the next case.
 */
/**
 * Cases the library mode cannot contain: a read of a FIFO or /dev/zero blocks (or grows) inside one
 * system call, which no worker termination interrupts. They go through the CLI, in a process.
 */
export const LIBRARY_UNSAFE_CLASSES = ['special-file'];

export class LibraryRunner {
  constructor({ timeoutMs = 10_000, heapMb = 512 } = {}) {
    this.timeoutMs = timeoutMs;
    this.heapMb = heapMb;
    this.worker = undefined;
  }
  start() {
    this.worker = new Worker(new URL('./lib-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    this.worker.unref();
  }
  async validate(p) {
    if (!this.worker) this.start();
    const worker = this.worker;
    const started = Date.now();
    const answer = await new Promise((resolve) => {
      const done = (value) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(value);
      };
      const onMessage = (m) => done(m);
      const onError = (e) => done({ crash: `${e.code ?? ''} ${e.message}` });
      const onExit = (code) => done({ crash: `worker exit ${code}` });
      const timer = setTimeout(() => done({ hang: true }), this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ file: p.file });
    });
    if (answer.hang || answer.crash) {
      // not awaited: a thread blocked in a read (a FIFO) never finishes terminating; it is unref'd
      worker.terminate().catch(() => {});
      this.worker = undefined;
    }
    let c;
    if (answer.hang) c = { outcome: 'hang' };
    else if (answer.crash) c = { outcome: 'crash', detail: answer.crash };
    else {
      const printed = outputProblems('', answer.text);
      if (printed) c = { outcome: printed, detail: answer.text.slice(0, 300) };
      else if (answer.ok) c = { outcome: 'ok' };
      else {
        const bad = unlocatedLines(answer.text);
        c = bad.length > 0 || !/^error: /m.test(answer.text) ? { outcome: 'unlocated', detail: bad[0] ?? answer.text.slice(0, 200) } : { outcome: 'user' };
      }
    }
    return { ...c, testCase: p.testCase, file: p.file, ms: Date.now() - started, command: `node dist/cli/main.js validate ${p.file}`, stderr: answer.text?.slice(0, 2000) };
  }
  async close() {
    if (this.worker) this.worker.terminate().catch(() => {});
    this.worker = undefined;
  }
}

export const OUTCOMES = ['ok', 'user', 'crash', 'hang', 'unlocated', 'leak', 'wrote'];

export function tally(results) {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
  for (const r of results) counts[r.outcome]++;
  return counts;
}
