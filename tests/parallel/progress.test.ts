/**
 * The progress line: stderr only, only on a terminal, never in CI, and only once a run has taken
 * more than a second. The clock is handed in, so nothing here depends on real time.
 */
import { describe, expect, it } from 'vitest';
import { inCi, progressReporter } from '../../src/cli/progress.js';

function harness(opts: { isTTY?: boolean; env?: Record<string, string | undefined> } = {}) {
  const writes: string[] = [];
  let now = 0;
  const stream = { isTTY: opts.isTTY ?? true, columns: 100, write: (t: string) => writes.push(t) };
  const p = progressReporter('scenario.yaml', 1000, { stream, env: opts.env ?? {}, now: () => now });
  return { p, writes, at: (ms: number) => (now = ms) };
}

describe('progress line', () => {
  it('stays silent during the first second, then shows paths done and time left', () => {
    const h = harness();
    h.at(500);
    h.p.update(100, 1000);
    expect(h.writes).toEqual([]);
    h.at(2000);
    h.p.update(400, 1000);
    expect(h.writes.length).toBe(1);
    expect(h.writes[0]).toMatch(/^\r\x1b\[2Kscenario\.yaml \[#{12}\.{18}\] 400\/1000 paths, 3 s left$/);
    h.p.finish();
    expect(h.writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('redraws at most every 100 ms, but always shows the last update', () => {
    const h = harness();
    h.at(1500);
    h.p.update(100, 1000);
    h.at(1550);
    h.p.update(200, 1000);
    expect(h.writes.length).toBe(1);
    h.p.update(1000, 1000);
    expect(h.writes.length).toBe(2);
    expect(h.writes[1]).toContain('1000/1000 paths, 0 s left');
  });

  it('outside a terminal (a pipe, CI, TERM=dumb) prints a plain line every 10 s of a long run, then a done line', () => {
    for (const opts of [{ isTTY: false }, { env: { CI: 'true' } }, { env: { JENKINS_URL: 'http://ci' } }, { env: { TERM: 'dumb' } }]) {
      const h = harness(opts);
      h.at(9_999);
      h.p.update(100, 1000);
      expect(h.writes).toEqual([]); // shorter than LINE_MS: silent
      h.at(10_000);
      h.p.update(250, 1000);
      // 250 of 1000 paths in 10 s: 10 / 0.25 * 0.75 = 30 s left.
      expect(h.writes).toEqual(['liqsim: scenario.yaml: 250/1000 paths (25%), 10 s elapsed, about 30 s left\n']);
      h.at(19_999);
      h.p.update(500, 1000);
      expect(h.writes.length).toBe(1); // not again before another 10 s
      h.at(20_000);
      h.p.update(600, 1000);
      expect(h.writes.length).toBe(2);
      expect(h.writes[1]).toBe('liqsim: scenario.yaml: 600/1000 paths (60%), 20 s elapsed, about 13 s left\n');
      h.at(24_400);
      h.p.update(1000, 1000);
      h.p.finish();
      expect(h.writes.at(-1)).toBe('liqsim: scenario.yaml: 1000/1000 paths done in 24 s\n');
      expect(h.writes.join('')).not.toContain('\x1b');
    }
  });

  it('prints nothing outside a terminal for a run shorter than 10 s, not even the done line', () => {
    const h = harness({ isTTY: false });
    h.at(9_000);
    h.p.update(1000, 1000);
    h.p.finish();
    expect(h.writes).toEqual([]);
  });

  it('prints nothing at all with --quiet, on a terminal or not', () => {
    for (const isTTY of [true, false]) {
      const writes: string[] = [];
      let now = 0;
      const p = progressReporter('s.yaml', 10, { stream: { isTTY, write: (t: string) => writes.push(t) }, env: {}, now: () => now, quiet: true });
      now = 60_000;
      p.update(5, 10);
      p.finish();
      expect(writes).toEqual([]);
    }
  });

  it('shows escape sequences in the label as text, never raw', () => {
    const writes: string[] = [];
    let now = 0;
    const p = progressReporter('evil\x1b]0;pwned\x07\r.yaml', 10, { stream: { isTTY: false, write: (t: string) => writes.push(t) }, env: {}, now: () => now });
    now = 10_000;
    p.update(5, 10);
    expect(writes[0]).toContain('evil\\x1b]0;pwned\\x07\\r.yaml');
    expect(writes[0]).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
  });

  it('treats CI=false or CI=0 as not CI', () => {
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '0' })).toBe(false);
    expect(inCi({})).toBe(false);
    expect(inCi({ CI: 'true' })).toBe(true);
  });

  it('never draws a line wider than the terminal', () => {
    const writes: string[] = [];
    let now = 0;
    const p = progressReporter('a/very/long/path/to/a/scenario/file/that/goes/on/and/on.yaml', 10, {
      stream: { isTTY: true, columns: 40, write: (t: string) => writes.push(t) },
      env: {},
      now: () => now,
    });
    now = 2000;
    p.update(5, 10);
    expect(writes[0].replace('\r\x1b[2K', '').length).toBeLessThanOrEqual(39);
    expect(writes[0]).toContain('5/10 paths');
  });

  it('still draws the line on a terminal that reports 0 columns', () => {
    const writes: string[] = [];
    let now = 0;
    const p = progressReporter('scenario.yaml', 10, { stream: { isTTY: true, columns: 0, write: (t: string) => writes.push(t) }, env: {}, now: () => now });
    now = 2000;
    p.update(5, 10);
    expect(writes[0]).toMatch(/^\r\x1b\[2Kscenario\.yaml \[#{15}\.{15}\] 5\/10 paths, 2 s left$/);
  });
});
