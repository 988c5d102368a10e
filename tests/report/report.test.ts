/**
 * Content of the rendered report against the synthetic fixture (tests/report/fixture.ts): what a
 * regulator reads must match results.json exactly, and the page must be safe and self-contained.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Results } from '../../src/results/types.js';
import { LiqsimError } from '../../src/errors.js';
import { CHART_NAMES } from '../../src/report/charts.js';
import { checkLedger } from '../../src/report/ledger.js';
import { formatInUnit, formatMoney, formatPercent, ledgerUnit } from '../../src/report/money.js';
import { messages } from '../../src/report/i18n.js';
import {
  loadResults,
  renderIndex,
  renderReport,
  reportFromResultsFile,
  writeIndex,
  writeReport,
  type RenderedChart,
} from '../../src/report/index.js';
import { makeResults } from './fixture.js';
import { expectSelfContained, sectionOf, tableRows, textOf } from './html.js';

const en = messages('en');
const zh = messages('zh-CN');
const tmp = () => mkdtempSync(join(tmpdir(), 'liqsim-report-'));

describe('report for the default fixture (two windows, two credit lines)', () => {
  let results: Results;
  let html: string;
  let charts: RenderedChart[];
  beforeAll(async () => {
    results = makeResults();
    ({ html, charts } = await renderReport(results, { lang: 'en', commandLine: 'liqsim run scenarios/q1.yaml --out reports' }));
  });

  it('the fixture is what the tests assume: two windows and a reconciling ledger', () => {
    expect(results.summary.windows).toHaveLength(2);
    expect(results.daily).toHaveLength(120);
    expect(checkLedger(results.worstPath.ledger).every((c) => c.ok)).toBe(true);
  });

  it('is a self-contained page with a restrictive CSP and no URL of any kind', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expectSelfContained(html);
    // Only in-page anchors.
    for (const href of html.matchAll(/href="([^"]*)"/g)) expect(href[1].startsWith('#')).toBe(true);
  });

  it('has every section, in order', () => {
    const ids = [...html.matchAll(/<section id="([a-z]+)"/g)].map((x) => x[1]);
    expect(ids).toEqual(['summary', 'regulatory', 'windows', 'charts', 'ledger', 'assumptions', 'limitations', 'methodology', 'reproducibility', 'appendix']);
  });

  it('windows table rows match results.summary.windows', () => {
    const rows = tableRows(html, 'windows');
    expect(rows).toHaveLength(results.summary.windows.length);
    results.summary.windows.forEach((w, i) => {
      expect(rows[i]).toEqual([
        `W${i + 1}`,
        w.start,
        w.end,
        String(w.days),
        formatPercent(w.peakProbability),
        w.peakDate,
        formatMoney(w.maxExpectedShortfall, 'CNY', 'en'),
        w.maxExpectedShortfallDate,
        formatMoney(w.maxMeanOverdueOnShortfallPaths!, 'CNY', 'en'),
        w.maxMeanOverdueOnShortfallPathsDate,
        en.causes[w.dominantCause],
      ]);
    });
    // Hand check of the first window from the fixture's daily series.
    expect(rows[0].slice(0, 4)).toEqual(['W1', '2020-01-26', '2020-02-13', '19']);
  });

  it('executive summary: probability with its interval, worst window, amounts, coverage and a verdict', () => {
    const summary = textOf(sectionOf(html, 'summary'));
    const p = results.summary.pAnyShortfall;
    expect(summary).toContain(`${formatPercent(p.estimate)} (95% interval ${formatPercent(p.ci95[0])} – ${formatPercent(p.ci95[1])})`);
    expect(summary).toContain('W1: 2020-01-26 – 2020-02-13 (19 days), peak probability 32.0% on 2020-02-04');
    expect(summary).toContain(formatMoney(results.summary.shortfall.expectedPeak.mean, 'CNY', 'en'));
    // Sketch figures are approximate: rounded to their accuracy, never to the yuan.
    expect(summary).not.toContain(formatMoney(results.summary.shortfall.tailMean95, 'CNY', 'en'));
    expect(summary).toContain('mean of the worst 5% of paths ≈ CNY');
    expect(summary).toContain('Payouts are at risk');
    expect(summary).toContain(en.leverNotComputed);
    expect(sectionOf(html, 'summary')).toContain('verdict-bad');
  });

  it('regulatory ratios before the windows: named ratios, line items, pass/fail, horizons labelled by the days covered', () => {
    const section = sectionOf(html, 'regulatory');
    expect(html.indexOf('id="regulatory"')).toBeLessThan(html.indexOf('id="windows"'));
    const rows = tableRows(html, 'regulatory cross2');
    expect(rows.map((r) => r[0])).toEqual([
      'LCR2 (stress, with asset realisation)',
      'LCR3 (stress, no asset realisation)',
      'LCR2 (stress, with asset realisation)',
      'LCR3 (stress, no asset realisation)',
    ]);
    expect(rows[0].slice(1, 3)).toEqual(['next 3 months', '91']);
    // the 12-month horizon is cut to the fixture's 120 days and says so
    expect(rows[2][2]).toBe('120 of 366 (scenario horizon)');
    expect(rows[0][7]).toBe(formatPercent(23.7 / 71));
    expect(rows[0][9]).toBe('fail');
    expect(textOf(section)).toContain('LCR1 is not computed: no base scenario: set regulatory.cross2.base');
    expect(textOf(section)).toContain('High-quality liquid assets (HQLA)');
    expect(textOf(section)).toContain('over 120 days (the scenario horizon, shorter than one year)');
    expect(textOf(section)).not.toContain('365d');
    expect(tableRows(html, 'regulatory sources-uses').map((r) => r[0])).toEqual(['Sources: scheduled inflows', 'asset: government bonds', 'Sources used, total']);
  });

  it('a run without per-path statistics or the funding-only shortfall says so and how to ask for them, in both languages', async () => {
    expect(textOf(sectionOf(html, 'regulatory'))).not.toContain('Not computed for this run');
    expect(textOf(sectionOf(html, 'regulatory'))).not.toContain('Regulatory path only');
    const results = makeResults();
    results.summary.regulatory!.fundingShortfall = null;
    for (const h of results.summary.sourcesUses!) for (const l of h.lines) Object.assign(l, { mean: null, p5: null, p50: null, p95: null });
    const en = textOf(sectionOf((await renderReport(results, { lang: 'en', commandLine: 'x' })).html, 'regulatory'));
    expect(en).toContain('Funding-only shortfall');
    expect(en).toContain("Not computed for this run: it re-runs every path's cash, funding and payments with the limits lifted, which a scenario asks for with a regulatory key (regulatory: {} for the defaults)");
    const zh = textOf(sectionOf((await renderReport(results, { lang: 'zh-CN', commandLine: 'x' })).html, 'regulatory'));
    expect(zh).toContain('本次未计算');
    expect(zh).toContain('regulatory: {}');
    expect(zh).toContain('仅监管路径');
    // the regulatory path's column stays; the columns over paths are dashes
    const rows = tableRows((await renderReport(results, { lang: 'en', commandLine: 'x' })).html, 'regulatory sources-uses');
    expect(rows[0].slice(2)).toEqual(['—', '—', '—', '—']);
    expect(rows[0][1]).not.toBe('—');
    expect(en).toContain('Regulatory path only: the mean and quantiles over the Monte Carlo paths were not computed for this run');
  });

  it('six charts, each with its title, caption and an inline SVG', () => {
    expect(charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
    const figures = [...html.matchAll(/<figure class="chart" id="chart-([a-z-]+)" aria-label="([^"]*)">([\s\S]*?)<\/figure>/g)];
    expect(figures.map((f) => f[1])).toEqual([...CHART_NAMES]);
    figures.forEach((f, i) => {
      expect(textOf(f[2])).toBe(charts[i].title);
      expect(charts[i].title.length).toBeGreaterThan(10);
      expect(f[3]).toMatch(/<svg role="img" aria-label="[^"]+"/);
      expect(f[3]).not.toContain('xmlns');
      expect(textOf(f[3])).toContain(charts[i].title); // title drawn in the SVG itself
      expect(f[3]).toContain(`<figcaption><span class="fig-no">Figure ${i + 1}.</span>`);
    });
    // The headline chart labels its windows with their date ranges.
    expect(textOf(figures[0][3])).toContain('W1: 2020-01-26 – 2020-02-13');
    expect(textOf(figures[0][3])).toContain('W2: 2020-03-09 – 2020-03-17');
    expect(textOf(figures[0][3])).toContain('threshold 1.0%');
    // Credit lines are named after their banks.
    expect(textOf(figures[3][3])).toContain('credit drawn: Bank A');
    expect(textOf(figures[3][3])).toContain('credit drawn: Bank B');
    // Axis titles carry units.
    expect(textOf(figures[1][3])).toMatch(/Amount \(CNY (billion|million)\)/);
    expect(textOf(figures[0][3])).toContain('Probability of shortfall');
  });

  it('SVG ids are unique across the page (no clip-path clashes between charts)', () => {
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((x) => x[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });

  it('ledger: one row per day, amounts to the cent, reconciled line and check column', () => {
    const ledger = results.worstPath.ledger;
    const rows = tableRows(html, 'ledger');
    expect(rows).toHaveLength(ledger.length);
    const unit = ledgerUnit('CNY', 'en');
    ledger.forEach((r, i) => {
      expect(rows[i][0]).toBe(r.date);
      expect(rows[i][1]).toBe(formatInUnit(r.openingCash, unit));
      expect(rows[i][8]).toBe(formatInUnit(r.closingCash, unit));
      expect(rows[i][12]).toBe('✓');
    });
    expect(textOf(sectionOf(html, 'ledger'))).toContain('Reconciled to the cent on all 120 days');
    expect(rows[0][1]).toBe('18,000,000,000.00');
  });

  it('assumptions with the SHA-256; the resolved scenario as YAML in the appendix, not in the assumptions', () => {
    const section = sectionOf(html, 'assumptions');
    expect(section).toContain(results.meta.scenario.sha256);
    expect(section).not.toContain('<pre');
    const appendix = sectionOf(html, 'appendix');
    const yaml = textOf(appendix.slice(appendix.indexOf('<pre class="resolved-scenario">')));
    expect(yaml).toContain('credit_lines:');
    expect(yaml).toContain('bank: Bank A');
    expect(yaml).toContain('limit: "30000000000"');
  });

  it('methodology and reproducibility: order of events, Monte Carlo error, seed, paths, commands', () => {
    const method = textOf(sectionOf(html, 'methodology'));
    expect(method).toContain('Arrivals:');
    expect(method).toContain('Wilson score');
    expect(method).toContain('DDSketch');
    const repro = textOf(sectionOf(html, 'reproducibility'));
    expect(repro).toContain('liqsim 0.1.0');
    expect(repro).toContain('20200225');
    expect(repro).toContain('20,000');
    expect(repro).toContain(results.meta.run.reproduce);
    expect(repro).toContain('liqsim run scenarios/q1.yaml --out reports');
    expect(repro).toContain(results.meta.scenario.file);
  });

  it('is deterministic: the same results give the same bytes', async () => {
    const again = await renderReport(results, { lang: 'en', commandLine: 'liqsim run scenarios/q1.yaml --out reports' });
    expect(again.html).toBe(html);
  });
});

describe('a ledger that does not reconcile is flagged', () => {
  it('marks the day and says so', async () => {
    const results = makeResults({ horizonDays: 10 });
    results.worstPath.ledger[3].closingCash += 0.01;
    const { html } = await renderReport(results, { lang: 'en', commandLine: 'x' });
    const checks = checkLedger(results.worstPath.ledger);
    // Day 3 is off by a cent, and day 4 no longer opens with day 3's closing cash.
    expect(checks.map((c) => c.ok)).toEqual([true, true, true, false, false, true, true, true, true, true]);
    expect(checks[3].difference.toString()).toBe('-0.01');
    expect(checks[4].carryDifference.toString()).toBe('-0.01');
    expect(textOf(sectionOf(html, 'ledger'))).toContain('2 of 10 days do NOT reconcile');
    expect(html.match(/<tr class="mismatch">/g)).toHaveLength(2);
  });
});

describe('escaping of scenario-derived text', () => {
  it('a hostile scenario name, description, bank and command line render as text', async () => {
    const results = makeResults({
      name: '<script>alert(1)</script>',
      description: '"><img src=x onerror=alert(1)> & more',
      firstBank: '<b onmouseover="alert(2)">Bank & Co</b>',
      horizonDays: 30,
    });
    const { html, charts } = await renderReport(results, { lang: 'en', commandLine: "liqsim run '<script>x</script>.yaml'" });
    expectSelfContained(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; more');
    // In the chart legend (SVG text) and in the YAML.
    expect(html).toContain('credit drawn: &lt;b onmouseover=&quot;alert(2)&quot;&gt;Bank &amp; Co&lt;/b&gt;');
    expect(textOf(html)).toContain('bank: <b onmouseover="alert(2)">Bank & Co</b>');
    expect(html).toContain('<title>Liquidity stress test report — &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    // Standalone SVG files escape too.
    expect(charts[3].svg).not.toContain('<b ');
    expect(charts[3].svg).toContain('&lt;b');
  });
});

describe('edge cases still render all six charts', () => {
  it('no shortfall at all: green verdict, no windows, notes in the charts', async () => {
    const results = makeResults({ shortfall: 'none' });
    expect(results.summary.pAnyShortfall.estimate).toBe(0);
    const { html, charts } = await renderReport(results, { lang: 'en', commandLine: 'x' });
    expect(charts).toHaveLength(6);
    expect(sectionOf(html, 'summary')).toContain('verdict-ok');
    expect(textOf(sectionOf(html, 'summary'))).toContain('No simulated path had an overdue payout within the horizon (20,000 paths)');
    expect(textOf(sectionOf(html, 'windows'))).toContain('there is no shortfall window');
    expect(html).not.toContain('<table class="windows"');
    for (const name of ['shortfall-probability', 'backlog-overdue', 'first-shortfall']) {
      expect(textOf(charts.find((c) => c.name === name)!.svg)).toContain(en.chartNoShortfall);
    }
    expectSelfContained(html);
  });

  it('shortfalls below the threshold: amber verdict and no windows', async () => {
    const results = makeResults({ shortfall: 'below-threshold' });
    expect(results.summary.windows).toHaveLength(0);
    expect(results.summary.pAnyShortfall.estimate).toBeGreaterThan(0);
    const { html } = await renderReport(results, { lang: 'en', commandLine: 'x' });
    expect(sectionOf(html, 'summary')).toContain('verdict-warn');
    expect(textOf(sectionOf(html, 'summary'))).toContain('on no date did the probability reach the 1.0% threshold');
  });

  it('a 1-day horizon', async () => {
    const results = makeResults({ horizonDays: 1 });
    const { html, charts } = await renderReport(results, { lang: 'en', commandLine: 'x' });
    expect(charts).toHaveLength(6);
    expect(tableRows(html, 'ledger')).toHaveLength(1);
    expect(textOf(html)).toContain('2020-01-02 to 2020-01-02 (1 day)');
    for (const c of charts) expect(c.svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});

describe('zh-CN report', () => {
  let html: string;
  let results: Results;
  beforeAll(async () => {
    results = makeResults();
    ({ html } = await renderReport(results, { lang: 'zh-CN', commandLine: 'liqsim run q1.yaml --lang zh-CN' }));
  });

  it('uses Chinese labels and 万元 / 亿元 amounts, ISO dates', () => {
    expect(html).toContain('<html lang="zh-CN">');
    expectSelfContained(html);
    const summary = textOf(sectionOf(html, 'summary'));
    expect(summary).toContain(zh.sections.summary);
    expect(summary).toContain('16.50亿元'); // expected peak overdue amount 1,650,000,000.37
    expect(summary).not.toMatch(/CNY \d/);
    expect(textOf(html)).not.toContain('Executive summary');
    const windows = tableRows(html, 'windows');
    expect(windows[0]).toEqual(['W1', '2020-01-26', '2020-02-13', '19', '32.0%', '2020-02-04', '7.01亿元', '2020-02-04', '26.24亿元', '2020-01-29', '支付通道限额']);
    expect(textOf(sectionOf(html, 'ledger'))).toContain('金额单位：万元');
    expect(tableRows(html, 'ledger')[0][1]).toBe('1,800,000.000000');
  });

  it('chart axes and legends are in Chinese with currency units', () => {
    const charts = textOf(sectionOf(html, 'charts'));
    expect(charts).toContain('逐日逾期给付概率');
    expect(charts).toMatch(/金额（(亿元|万元)）/);
    expect(charts).toContain('授信提款：Bank A');
    expect(charts).toContain('日期');
    expect(charts).toContain('2020-02-04'.slice(0, 4)); // ISO date ticks
    expect(charts).not.toContain('Amount (');
  });
});

describe('writeReport / writeIndex', () => {
  it('writes report.html and charts/<name>.vl.json + .svg, no temp files left', async () => {
    const dir = join(tmp(), 'q1');
    const results = makeResults({ horizonDays: 30 });
    await writeReport(dir, results, { lang: 'en', commandLine: 'x' });
    const files = readdirSync(join(dir, 'charts')).sort();
    expect(files).toEqual(CHART_NAMES.flatMap((n) => [`${n}.svg`, `${n}.vl.json`]).sort());
    expect(readdirSync(dir).sort()).toEqual(['charts', 'report.html']);
    const spec = JSON.parse(readFileSync(join(dir, 'charts', 'shortfall-probability.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    const svg = readFileSync(join(dir, 'charts', 'headroom.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/); // standalone SVG keeps its namespace
    expectSelfContained(readFileSync(join(dir, 'report.html'), 'utf8'));
  });

  it('index.html: one row per scenario with a link to its report, and an overlay chart', async () => {
    const out = tmp();
    const entries = [
      { dirName: 'maturity-peak', results: makeResults() },
      { dirName: 'mild', results: makeResults({ shortfall: 'below-threshold', name: 'Mild <stress>' }) },
      { dirName: 'calm', results: makeResults({ shortfall: 'none', name: 'Calm' }) },
    ];
    await writeIndex(out, entries, { lang: 'en', commandLine: 'liqsim run a.yaml b.yaml c.yaml' });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expectSelfContained(html);
    const rows = tableRows(html, 'scenarios');
    expect(rows.map((r) => r[0])).toEqual(['Maturity peak, Q1 2020', 'Mild <stress>', 'Calm']);
    expect(rows[0][1]).toContain(formatPercent(entries[0].results.summary.pAnyShortfall.estimate));
    expect(rows[0][2]).toBe('2020-01-26 – 2020-02-13 (32.0%)');
    expect(rows[2][2]).toBe('none');
    expect(rows[0][3]).toBe(formatMoney(entries[0].results.summary.shortfall.expectedPeak.mean, 'CNY', 'en'));
    expect(rows[0][4]).toBe(formatPercent(24 / 17)); // the Basel-style 30-day ratio of the regulatory path
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((x) => x[1]);
    expect(hrefs).toEqual(['maturity-peak/report.html', 'mild/report.html', 'calm/report.html']);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(textOf(svg)).toContain('Mild <stress>');
    expect(textOf(svg)).toContain('threshold 1.0%');
  });

  it('index labels repeat names with their directory so legends stay distinct', async () => {
    const { chart } = await renderIndex(
      [
        { dirName: 'a', results: makeResults({ horizonDays: 20 }) },
        { dirName: 'b', results: makeResults({ horizonDays: 20 }) },
      ],
      { lang: 'en', commandLine: 'x' },
    );
    expect(textOf(chart.svg)).toContain('Maturity peak, Q1 2020 (a)');
    expect(textOf(chart.svg)).toContain('Maturity peak, Q1 2020 (b)');
  });
});

describe('liqsim report: re-rendering from results.json', () => {
  it('writes report.html and charts next to the results file, or into --out; another language beside it', async () => {
    const dir = tmp();
    const file = join(dir, 'results.json');
    writeFileSync(file, `${JSON.stringify(makeResults({ horizonDays: 20 }), null, 2)}\n`);
    expect(await reportFromResultsFile(file, { lang: 'en', commandLine: 'en' })).toBe(join(dir, 'report.html'));
    const english = readFileSync(join(dir, 'report.html'), 'utf8');
    // zh-CN goes to report.zh-CN.html and charts.zh-CN/: the English page is left as it was.
    expect(await reportFromResultsFile(file, { lang: 'zh-CN', commandLine: `liqsim report ${file} --lang zh-CN` })).toBe(join(dir, 'report.zh-CN.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(english);
    const html = readFileSync(join(dir, 'report.zh-CN.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`liqsim report ${file} --lang zh-CN`);
    expect(existsSync(join(dir, 'charts.zh-CN', 'first-shortfall.vl.json'))).toBe(true);
    expect(existsSync(join(dir, 'charts', 'first-shortfall.vl.json'))).toBe(true);
    const out = join(dir, 'elsewhere');
    await reportFromResultsFile(file, { lang: 'en', out, commandLine: 'x' });
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  async function rejection(file: string): Promise<LiqsimError> {
    const error = await loadResults(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LiqsimError);
    return error as LiqsimError;
  }

  it('a missing file is a user error (exit 2) naming the file', async () => {
    const file = join(tmp(), 'nope', 'results.json');
    const error = await rejection(file);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('nothing was written');
    expect(error.issues[0].location.file).toBe(file);
    expect(error.issues[0].message).toContain('no such file');
    expect(error.issues[0].hint).toContain('liqsim run');
  });

  it('invalid JSON reports line and column', async () => {
    const file = join(tmp(), 'results.json');
    writeFileSync(file, '{\n  "schema": "liqsim/results"\n  "daily": []\n}\n');
    const error = await rejection(file);
    expect(error.issues[0].message).toContain('not valid JSON');
    expect(error.issues[0].location).toMatchObject({ file, line: 3 });
  });

  it('another schema or version is refused with what was expected', async () => {
    const file = join(tmp(), 'results.json');
    writeFileSync(file, JSON.stringify({ ...makeResults({ horizonDays: 2 }), schemaVersion: 99 }));
    const error = await rejection(file);
    expect(error.issues[0]).toMatchObject({ path: ['schemaVersion'], found: 'version 99' });
    expect(error.issues[0].expected).toContain('version 3');
    // A 0.2.0 file (schema version 1, with the removed summary.coverage) is refused the same way.
    writeFileSync(file, JSON.stringify({ ...makeResults({ horizonDays: 2 }), schemaVersion: 1 }));
    expect((await rejection(file)).issues[0]).toMatchObject({ path: ['schemaVersion'], found: 'version 1' });
    writeFileSync(file, JSON.stringify({ ...makeResults({ horizonDays: 2 }), schemaVersion: 2 }));
    expect((await rejection(file)).issues[0]).toMatchObject({ path: ['schemaVersion'], found: 'version 2' });
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    expect((await rejection(file)).issues[0]).toMatchObject({ path: ['schema'], found: 'schema nothing' });
  });

  it('a damaged field is reported with its key path', async () => {
    const file = join(tmp(), 'results.json');
    const results = makeResults({ horizonDays: 5 }) as unknown as { daily: Record<string, unknown>[]; summary: { windows: unknown[] } };
    results.daily[3].pShortfall = 'high';
    writeFileSync(file, JSON.stringify(results));
    const error = await rejection(file);
    expect(error.issues[0].path).toEqual(['daily', 3, 'pShortfall']);
    expect(error.issues[0].found).toBe('"high"');
  });
});
