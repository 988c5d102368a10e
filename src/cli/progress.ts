/**
 * Progress of a run on stderr, so stdout stays the results summary:
 * - on a terminal (not CI, not TERM=dumb): a redrawn bar, once a run has taken more than a second;
 * - anywhere else (a pipe, a CI log, a file): one plain line every LINE_MS, so a long run in a batch
 *   job is not silent for minutes; a run shorter than LINE_MS prints nothing;
 * - nothing at all with `--quiet`.
 */
import type { ProgressSink } from '../engine/run.js';
import { terminalText } from '../escape/terminal.js';

/** The progress line is the library's progress display (`ProgressSink`, engine/run.ts). */
export type Progress = ProgressSink;

/** Where the line goes and what decides whether to draw it; injectable for tests. */
export interface ProgressContext {
  stream: { isTTY?: boolean; columns?: number; write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Milliseconds. */
  now: () => number;
  /** `--quiet`: no progress output of either kind. */
  quiet: boolean;
}

/** CI services set CI (GitHub, GitLab, CircleCI, Travis, Buildkite, ...); Jenkins, Azure Pipelines and TeamCity set their own variables. */
export function inCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return true;
  return Boolean(env.JENKINS_URL || env.TF_BUILD || env.TEAMCITY_VERSION);
}

/** Minimum time between redraws, so a fast run does not flood the terminal. */
const REDRAW_MS = 100;
const DELAY_MS = 1000;
/** Outside a terminal: first line after this long, then one line per this long. */
export const LINE_MS = 10_000;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export function progressReporter(label: string, total: number, context: Partial<ProgressContext> = {}): Progress {
  const stream = context.stream ?? process.stderr;
  const env = context.env ?? process.env;
  const now = context.now ?? Date.now;
  const quiet = context.quiet ?? false;
  const safeLabel = terminalText(label);
  const mode = quiet ? 'off' : stream.isTTY === true && env.TERM !== 'dumb' && !inCi(env) ? 'bar' : 'lines';
  const started = now();
  let shown = false;
  let last = 0;
  let lastDone = 0;
  if (mode === 'lines') {
    return {
      update(done: number, of: number = total) {
        lastDone = done;
        const t = now();
        if (t - started < LINE_MS || t - last < LINE_MS) return;
        last = t;
        shown = true;
        const frac = of > 0 ? Math.min(1, done / of) : 1;
        const left = frac > 0 ? ((t - started) / frac) * (1 - frac) : 0;
        stream.write(
          `liqsim: ${safeLabel}: ${done}/${of} paths (${Math.floor(frac * 100)}%), ${seconds(t - started)} elapsed, about ${seconds(left)} left\n`,
        );
      },
      finish() {
        // Only a run that printed progress says it is done: a short run's log stays clean.
        if (shown) stream.write(`liqsim: ${safeLabel}: ${lastDone}/${total} paths done in ${seconds(now() - started)}\n`);
      },
    };
  }
  return {
    update(done: number, of: number = total) {
      if (mode === 'off') return;
      const t = now();
      const elapsed = (t - started) / 1000;
      if (t - started < DELAY_MS || (t - last < REDRAW_MS && done < of)) return;
      last = t;
      shown = true;
      const width = 30;
      const frac = of > 0 ? Math.min(1, done / of) : 1;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      const left = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
      let line = `${safeLabel} [${bar}] ${done}/${of} paths, ${left.toFixed(0)} s left`;
      // Never wider than the terminal: a wrapped line cannot be redrawn with \r. A terminal that
      // reports 0 columns (some pseudo-terminals do) is taken as 80 wide.
      const columns = stream.columns || 80;
      if (line.length > columns - 1) line = line.slice(line.length - (columns - 1));
      stream.write(`\r\x1b[2K${line}`);
    },
    finish() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
