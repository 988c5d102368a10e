/**
 * A progress line on stderr: only when stderr is a terminal, not in CI, and once a run has taken
 * more than a second. Nothing is printed when piped, so logs and captured output stay clean.
 */
export interface Progress {
  update: (done: number, total: number) => void;
  finish: () => void;
}

export function progressReporter(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = Boolean(stream.isTTY) && !process.env.CI;
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(done: number) {
      if (!enabled) return;
      const now = Date.now();
      const elapsed = (now - started) / 1000;
      if (elapsed < 1 || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      const width = 30;
      const frac = total > 0 ? done / total : 1;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      const left = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
      stream.write(`\r${label} [${bar}] ${done}/${total} paths, ${left.toFixed(0)} s left `);
    },
    finish() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
