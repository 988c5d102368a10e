/**
 * End-to-end tests of the built CLI's analysis commands (suite, sensitivity, reverse): files
 * written, exit codes, the base member byte-identical to `liqsim run`, the same bytes on 1 and 2
 * threads, located errors.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');

function liqsim(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'liqsim-analysis-'));
const fixture = 'tests/check/fixtures/payout-wave.yaml';

describe('liqsim suite', () => {
  it('writes member results, suite.json, suite.html and index.html; the base is byte-identical to liqsim run; threads do not matter', { timeout: 180_000 }, () => {
    const out1 = tmp();
    const out2 = tmp();
    // --no-levers on both sides keeps this test quick (the levers have their own tests).
    const r = liqsim(['suite', 'tests/analysis/fixtures/suite.yaml', '--out', out1, '--threads', '1', '--quiet', '--no-levers']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^same: P\(any shortfall\) [\d.]+%  Δ 0\.00 pp ± 0\.00$/m);
    const dir = join(out1, 'suite');
    for (const f of ['suite.json', 'suite.html', 'index.html', 'base/results.json', 'base/report.html', 'cash-less/daily.csv']) expect(existsSync(join(dir, f))).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, 'suite.json'), 'utf8'));
    expect(json.schema).toBe('liqsim/suite');
    expect(json.members.map((m: { name: string }) => m.name)).toEqual(['base', 'same', 'cash-less', 'lapse-x2', 'refuses']);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('href="suite.html"');
    const html = readFileSync(join(dir, 'suite.html'), 'utf8');
    expect(html).toContain('class="vega-lite-spec"');
    expect(html).toContain('<svg');

    const run = liqsim(['run', fixture, '--seed', '7', '--paths', '300', '--out', out2, '--no-report', '--quiet', '--no-levers']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'base/results.json'), 'utf8')).toBe(readFileSync(join(out2, 'payout-wave/results.json'), 'utf8'));

    const two = liqsim(['suite', 'tests/analysis/fixtures/suite.yaml', '--out', out2, '--threads', '2', '--quiet', '--no-report', '--no-levers']);
    expect(two.code).toBe(0);
    expect(readFileSync(join(out2, 'suite/suite.json'), 'utf8')).toBe(readFileSync(join(dir, 'suite.json'), 'utf8'));
  });

  it('locates a bad suite file (exit 2, file:line:column)', () => {
    const r = liqsim(['suite', 'tests/analysis/fixtures/bad-suite.yaml', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-suite\.yaml:6:\d+: members\[0\]\.presets\[0\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('locates bad overrides in the suite file (exit 2, suite file:line:column of each)', () => {
    const r = liqsim(['suite', 'tests/analysis/fixtures/bad-overrides.yaml', '--out', tmp(), '--no-levers']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-overrides\.yaml:10:18: members\[1\]\.overrides\.funding\.cahs: member 'typo': /);
    expect(r.stderr).toMatch(/bad-overrides\.yaml:14:15: members\[2\]\.overrides\.funding\.cash: member 'wrong-type': /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--paths overrides the suite file\'s paths (300 in the fixture) for every member; --paths 1 is refused', () => {
    const out = tmp();
    const r = liqsim(['suite', 'tests/analysis/fixtures/suite.yaml', '--out', out, '--paths', '40', '--quiet', '--no-report', '--no-levers']);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'suite', 'suite.json'), 'utf8')) as { paths: number; members: { dir: string }[] };
    expect(json.paths).toBe(40);
    for (const m of json.members) expect(JSON.parse(readFileSync(join(out, 'suite', m.dir, 'results.json'), 'utf8')).meta.run.paths).toBe(40);
    const bad = liqsim(['suite', 'tests/analysis/fixtures/suite.yaml', '--out', tmp(), '--paths', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--paths must be a whole number from 2');
  });

  it('prints each ratio against the base (--ratio picks them; an unknown one is refused, exit 2); the ratios are the same bytes on 1 and 2 threads', { timeout: 180_000 }, () => {
    const out = tmp();
    const r = liqsim(['suite', 'tests/analysis/fixtures/ratio-suite.yaml', '--out', out, '--ratio', 'lcr3_12m', '--quiet', '--no-report', '--no-levers']);
    expect(r.code).toBe(0);
    // tests/analysis/fixtures/maturity-150.yaml: LCR3 = 100 / 150; cash 70: 70 / 150
    expect(r.stdout).toContain('base: P(any shortfall) 100.00%  (base)\n  lcr3_12m 66.67%;  P(below 50%) 0.00%\n');
    expect(r.stdout).toContain('cash-70: P(any shortfall) 100.00%  Δ 0.00 pp ± 0.00\n  lcr3_12m 46.67%  Δ -20.00 pp ± 0.00 *;  P(below 50%) 100.00%  Δ 100.00 pp ± 0.00 *\n');
    expect(r.stdout).toContain('no-regulatory-key: P(any shortfall) 100.00%  Δ 0.00 pp ± 0.00\n  ratios: n/a (no regulatory: key, so no per-path ratios)\n');
    // --ratio overrides the suite file's ratios: key
    const dir0 = tmp();
    const withKey = join(dir0, 'keyed.yaml');
    writeFileSync(withKey, `${readFileSync(join(root, 'tests/analysis/fixtures/ratio-suite.yaml'), 'utf8').replace('base: maturity-150.yaml', `base: ${JSON.stringify(join(root, 'tests/analysis/fixtures/maturity-150.yaml'))}`).replace(/, file: maturity-150-plain.yaml/, `, file: ${JSON.stringify(join(root, 'tests/analysis/fixtures/maturity-150-plain.yaml'))}`)}ratios: [basel30d]\n`);
    const keyed = liqsim(['suite', withKey, '--out', tmp(), '--quiet', '--no-report', '--no-levers']);
    expect(keyed.stdout).toContain('\n  basel30d 46.67%  Δ -20.00 pp ± 0.00 *;');
    expect(keyed.stdout).not.toContain('lcr3');
    const flag = liqsim(['suite', withKey, '--out', tmp(), '--ratio', 'lcr3_12m', '--quiet', '--no-report', '--no-levers']);
    expect(flag.stdout).toContain('\n  lcr3_12m 46.67%');
    expect(flag.stdout).not.toContain('basel30d');
    const bad = liqsim(['suite', 'tests/analysis/fixtures/ratio-suite.yaml', '--out', tmp(), '--ratio', 'lcr3_6m', '--no-levers']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--ratio 'lcr3_6m' is not a ratio of this scenario; ratios: lcr2_3m, lcr3_3m, lcr2_12m, lcr3_12m, basel30d");
    // 600 paths of the check fixture with a regulatory: key: 3 blocks, shared between the threads
    const dir = tmp();
    const file = join(dir, 'wave.yaml');
    writeFileSync(file, `suite: Wave\npaths: 600\nbase: ${JSON.stringify(join(root, fixture))}\nmembers:\n  - { name: base, overrides: { regulatory: {} } }\n  - { name: less, overrides: { regulatory: {}, funding: { cash: 9_450_000_000 } } }\n`);
    const [one, two] = ['1', '2'].map((threads) => {
      const o = tmp();
      expect(liqsim(['suite', file, '--out', o, '--threads', threads, '--quiet', '--no-report', '--no-levers']).code).toBe(0);
      return readFileSync(join(o, 'wave', 'suite.json'), 'utf8');
    });
    expect(JSON.parse(one).members[1].ratioDeltas.lcr3_3m.se).toBeGreaterThan(0);
    expect(two).toBe(one);
  });
});

describe('liqsim sensitivity', () => {
  it('writes sensitivity.json with paired deltas and a tornado per figure', () => {
    const out = tmp();
    const r = liqsim(['sensitivity', fixture, '--vary', 'funding.cash=-10%..+10%', '--vary', 'shock.peak_multiplier=2..10', '--paths', '200', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Ranked by effect on P\(any shortfall\): /);
    const json = JSON.parse(readFileSync(join(out, 'payout-wave-sensitivity/sensitivity.json'), 'utf8'));
    expect(json.runs).toBe(5);
    expect(json.bars[0].low).toBeCloseTo(10_500_000_000 * 0.9, 0);
    // Less cash: the peak overdue can only grow, path by path (paired, same draws).
    expect(json.bars[0].effects.expectedPeak.low.delta).toBeGreaterThanOrEqual(0);
    const html = readFileSync(join(out, 'payout-wave-sensitivity/sensitivity.html'), 'utf8');
    expect(html).toContain('Tornado: P(any shortfall)');
    expect(html).toContain('change in P(any shortfall) from base');
    // The default ratios: LCR2 and LCR3 at 3 months and the Basel-style ratio, each mean and P(below floor).
    expect(json.figures.map((f: { key: string }) => f.key).slice(4)).toEqual(['lcr2_3m', 'pBelowFloor(lcr2_3m)', 'lcr3_3m', 'pBelowFloor(lcr3_3m)', 'basel30d', 'pBelowFloor(basel30d)']);
    // More cash: LCR3 (opening cash in its numerator) rises on every path.
    expect(json.bars[0].effects.lcr3_3m.high.delta).toBeGreaterThan(0);
    expect(html).toContain('Tornado: LCR3 3m (mean)');
  });

  it('--ratio picks the ratios (or none); an unknown ratio is refused with the scenario\'s ratios', () => {
    const out = tmp();
    const r = liqsim(['sensitivity', fixture, '--vary', 'funding.cash=-10%..+10%', '--ratio', 'lcr3_12m', '--paths', '50', '--out', out, '--no-report']);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'payout-wave-sensitivity/sensitivity.json'), 'utf8'));
    expect(json.figures.map((f: { key: string }) => f.key).slice(4)).toEqual(['lcr3_12m', 'pBelowFloor(lcr3_12m)']);
    const none = liqsim(['sensitivity', fixture, '--vary', 'funding.cash=-10%..+10%', '--ratio', 'none', '--paths', '50', '--out', out, '--no-report']);
    expect(none.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'payout-wave-sensitivity/sensitivity.json'), 'utf8')).figures).toHaveLength(4);
    const bad = liqsim(['sensitivity', fixture, '--vary', 'funding.cash=-10%..+10%', '--ratio', 'lcr2_6m', '--out', tmp()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--ratio 'lcr2_6m' is not a ratio of this scenario; ratios: lcr2_3m, lcr3_3m, lcr2_12m, lcr3_12m, basel30d/);
  });

  it('refuses an unknown lever (exit 2, the list of levers)', () => {
    const r = liqsim(['sensitivity', fixture, '--vary', 'cash=1..2', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown lever 'cash'.*funding\.cash/);
  });
});

describe('liqsim reverse', () => {
  it('finds the surrender level that breaches the target, with runs, tolerance and a breach curve', () => {
    const out = tmp();
    const r = liqsim(['reverse', fixture, '--lever', 'surrender.level', '--range', '0.5..50', '--target', 'pAnyShortfall >= 0.5', '--paths', '200', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'payout-wave-reverse/reverse.json'), 'utf8'));
    expect(json.found).toBe(true);
    expect(json.toleranceReached).toBeLessThanOrEqual(0.01);
    expect(json.bracket[0]).toBeLessThan(json.kStar);
    // The breaching end breaches, the other does not (curve points are the runs made).
    const at = (k: number) => json.curve.find((p: { lever: number }) => p.lever === k);
    expect(at(json.bracket[1]).value).toBeGreaterThanOrEqual(0.5);
    expect(at(json.bracket[0]).value).toBeLessThan(0.5);
    expect(json.runs).toBe(json.curve.length);
    expect(readFileSync(join(out, 'payout-wave-reverse/reverse.html'), 'utf8')).toContain('Breach curve');
  });

  it('searches a ratio floor: pBelowFloor(lcr3_3m) >= 0.5 against the surrender level', () => {
    const out = tmp();
    const r = liqsim(['reverse', fixture, '--lever', 'surrender.level', '--range', '0.5..50', '--target', 'pBelowFloor(lcr3_3m) >= 0.5', '--paths', '100', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pBelowFloor\(lcr3_3m\) >= 0\.5 is first breached at surrender\.level = /);
    // seven significant digits and the bracket that says how far to trust them, never 16 digits
    expect(r.stdout).toMatch(/^[^\n]* = (\d+(\.\d{1,6})?) \((bracket \d[\d.]* to \d[\d.]*, relative width [\d.e-]+|the target is breached over the whole range); \d+ runs\)\n/);
    const json = JSON.parse(readFileSync(join(out, 'payout-wave-reverse/reverse.json'), 'utf8'));
    expect(json.monotonicity.perPathFigure).toBe('pBelowFloor(lcr3_3m)');
    const at = (k: number) => json.curve.find((p: { lever: number }) => p.lever === k);
    expect(at(json.bracket[1]).value).toBeGreaterThanOrEqual(0.5);
    expect(at(json.bracket[0]).value).toBeLessThan(0.5);
    expect(readFileSync(join(out, 'payout-wave-reverse/reverse.html'), 'utf8')).toContain('Breach curve: pBelowFloor(lcr3_3m) against surrender.level');
  });

  it('refuses a bad target, naming the figure, its column and the figures allowed (exit 2)', () => {
    const r = liqsim(['reverse', fixture, '--lever', 'surrender.level', '--range', '1..2', '--target', 'lcr_3m < 1', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'lcr_3m' \(column 1\) is not a figure: one of pAnyShortfall, maxDailyPOverdue, expectedPeak, p99Peak, a ratio/);
    const horizon = liqsim(['reverse', fixture, '--lever', 'surrender.level', '--range', '1..2', '--target', 'lcr3_6m < 0.5', '--out', tmp()]);
    expect(horizon.code).toBe(2);
    expect(horizon.stderr).toMatch(/no ratio lcr3_6m; figures: .*lcr3_3m/);
  });

  it('says where monotonicity fails (the triggered-relaxation fixture)', () => {
    const out = tmp();
    const r = liqsim(['reverse', 'tests/analysis/fixtures/relaxation-wave.yaml', '--lever', 'mass_lapse.share', '--range', '0.001..0.5', '--target', 'pAnyShortfall >= 0.5', '--out', out, '--threads', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning: 4 path\(s\) not monotone in the lever \(4 between 0\.0348\d+ and 0\.0846\d+; see reverse\.html\)$/m);
    expect(readFileSync(join(out, 'relaxation-wave-reverse/reverse.html'), 'utf8')).toContain('paths going against the direction');
    // The same page in Chinese.
    const zh = liqsim(['reverse', 'tests/analysis/fixtures/relaxation-wave.yaml', '--lever', 'mass_lapse.share', '--range', '0.001..0.5', '--target', 'pAnyShortfall >= 0.5', '--out', out, '--lang', 'zh-CN']);
    expect(zh.code).toBe(0);
    const html = readFileSync(join(out, 'relaxation-wave-reverse/reverse.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('与方向相反的路径数');
  });

  it('exits 1 when the target is not breached in the range', () => {
    const r = liqsim(['reverse', fixture, '--lever', 'surrender.level', '--range', '0.1..0.2', '--target', 'pAnyShortfall >= 0.99', '--paths', '100', '--out', tmp(), '--no-report']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Not found: the target is not breached anywhere in the range/);
  });
});

describe('liqsim check of a suite', () => {
  it('writes a suite baseline with --update and passes against it exactly', { timeout: 120_000 }, () => {
    const dir = tmp();
    const up = liqsim(['check', '--update', 'tests/analysis/fixtures/suite.yaml', '--baselines', dir]);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/^CREATED\s+tests\/analysis\/fixtures\/suite\.yaml -> .*suites\/suite\.json$/m);
    expect(existsSync(join(dir, 'suites', 'suite.json'))).toBe(true);
    const r = liqsim(['check', 'tests/analysis/fixtures/suite.yaml', '--baselines', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS\s+tests\/analysis\/fixtures\/suite\.yaml  exact: same seed 7, 300 paths/m);
  });
});
