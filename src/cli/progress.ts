/**
 * A progress line on stderr: only when stderr is a terminal, not in CI, and once a run has taken
 * more than a second. Nothing is printed when piped, so logs and captured output stay clean.
 */
export interface Progress {
  /** Paths done out of `total` (the run's, or a shard's). */
  update: (done: number, total: number) => void;
  /** Clears the line if one was drawn. */
  finish: () => void;
}

/** Where the line goes and what decides whether to draw it; injectable for tests. */
export interface ProgressContext {
  stream: { isTTY?: boolean; columns?: number; write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Milliseconds. */
  now: () => number;
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

export function progressReporter(label: string, total: number, context: Partial<ProgressContext> = {}): Progress {
  const stream = context.stream ?? process.stderr;
  const env = context.env ?? process.env;
  const now = context.now ?? Date.now;
  const enabled = stream.isTTY === true && env.TERM !== 'dumb' && !inCi(env);
  const started = now();
  let shown = false;
  let last = 0;
  return {
    update(done: number, of: number = total) {
      if (!enabled) return;
      const t = now();
      const elapsed = (t - started) / 1000;
      if (t - started < DELAY_MS || (t - last < REDRAW_MS && done < of)) return;
      last = t;
      shown = true;
      const width = 30;
      const frac = of > 0 ? Math.min(1, done / of) : 1;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      const left = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
      let line = `${label} [${bar}] ${done}/${of} paths, ${left.toFixed(0)} s left`;
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
