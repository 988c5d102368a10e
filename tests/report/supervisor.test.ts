/**
 * The report a supervisor signs off (issue 14, parts 2 and 3): assumptions table, limitations,
 * ranked verdict with levers and horizon cut-off, the two window amounts with their definitions,
 * approximate quantiles rounded to their accuracy, closed-day shading, the carried backlog in the
 * requests chart, and no leftover English in zh-CN. Targeted assertions, each against a value
 * worked out by hand in the comment next to it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results, ShortfallWindow, WindowLever } from '../../src/results/types.js';
import { LIMITATIONS } from '../../src/model/limitations.js';
import { WORST_PATH_CRITERION } from '../../src/results/build.js';
import { QUANTILE_METHOD } from '../../src/engine/sketch.js';
import { INTERVAL_METHOD } from '../../src/results/stats.js';
import { accuracyStep, formatApproxMoney } from '../../src/report/approx.js';
import { assumptionGroups, assumptionMoney, percentNumber } from '../../src/report/assumptions.js';
import { buildChartSpecs, closedRanges } from '../../src/report/charts.js';
import { messages } from '../../src/report/i18n.js';
import { renderReport } from '../../src/report/index.js';
import { formatMoney } from '../../src/report/money.js';
import { rankWindows, windowFacts } from '../../src/report/windows.js';
import { FIXTURE_LEVERS, makeResults } from './fixture.js';
import { sectionOf, tableRows, textOf } from './html.js';

const en = messages('en');
const zh = messages('zh-CN');
const opts = { lang: 'en' as const, commandLine: 'liqsim run q1.yaml', runDate: '2026-12-02' };

/** A window with the given amounts (everything else fixed). */
function win(start: string, end: string, peak: number, meanAll: number, meanShortfall: number): ShortfallWindow {
  return {
    start,
    end,
    days: 1,
    peakProbability: peak,
    peakDate: start,
    maxExpectedShortfall: meanAll,
    maxExpectedShortfallDate: start,
    dominantCause: 'funding',
    maxMeanOverdueOnShortfallPaths: meanShortfall,
    maxMeanOverdueOnShortfallPathsDate: start,
  };
}

describe('verdict ranking and horizon cut-off (src/report/windows.ts)', () => {
  it('ranks by mean overdue over all paths, then the tail, then peak probability — not by peak probability alone', () => {
    const results = makeResults();
    // W1: 34% peak but CNY 264 m expected; W2: 9% peak but CNY 675 m expected; W3 ties W2's
    // expected amount with a larger tail (CNY 9 bn on shortfall paths against 8.7 bn).
    results.summary.windows = [
      win('2020-02-03', '2020-02-04', 0.3445, 263_727_440.46, 823_559_296),
      win('2020-03-17', '2020-03-20', 0.091, 675_451_134, 8_733_515_331),
      win('2020-04-01', '2020-04-02', 0.05, 675_451_134, 9_000_000_000),
    ];
    expect(rankWindows(results).map((f) => f.number)).toEqual([3, 2, 1]);
  });

  it('flags a window that ends on the last simulated date, and says whether it is still growing', () => {
    // 72 days from 2020-01-02: the last date is 2020-03-13 (day 71), the top of the fixture's March
    // hump, so W2 (from 2020-03-09) runs into the horizon with P rising: 0.06·e^0 > 0.06·e^-(1/3.5)^2.
    const results = makeResults({ horizonDays: 72 });
    const last = results.daily[71];
    expect(last.date).toBe('2020-03-13');
    const facts = results.summary.windows.map((_, i) => windowFacts(results, i));
    expect(facts.map((f) => [f.cutOff, f.growing])).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('falls back to expectedShortfall / pShortfall for results files without the window field', () => {
    const results = makeResults();
    const w = results.summary.windows[0];
    const stored = w.maxMeanOverdueOnShortfallPaths!;
    delete w.maxMeanOverdueOnShortfallPaths;
    delete w.maxMeanOverdueOnShortfallPathsDate;
    // The fixture stores the same ratio rounded to the cent, so the two agree to a cent.
    expect(Math.abs(windowFacts(results, 0).meanShortfallPaths - stored)).toBeLessThanOrEqual(0.01);
  });
});

describe('verdict in the page: every window with its lever and amount', () => {
  let html: string;
  let results: Results;
  beforeAll(async () => {
    results = makeResults({ levers: true });
    ({ html } = await renderReport(results, opts));
  });

  it('names the lever of each window with its amount and date, in the ranked table', () => {
    const rows = tableRows(html, 'ranked-windows');
    // W1 (channel hump, 0.32 high) has the larger expected overdue amount, so it ranks first.
    expect(rows.map((r) => r[1].slice(0, 2))).toEqual(['W1', 'W2']);
    expect(rows[0][6]).toBe('a channel limit of CNY 7,500,000,000 per day on Bank A by 2020-01-23 (largest probability with it: 0.93%)');
    expect(rows[1][6]).toBe('a further CNY 2,350,000,000 of same-day funding by 2020-03-06 (largest probability with it: 0.98%)');
    expect(textOf(sectionOf(html, 'summary'))).toContain(en.leverMethod(FIXTURE_LEVERS[0].method));
  });

  it('says "lever not computed" when a window has none, and words processing and not-found levers', async () => {
    const bare = await renderReport(makeResults(), opts);
    expect(tableRows(bare.html, 'ranked-windows').map((r) => r[6])).toEqual([en.leverNotComputed, en.leverNotComputed]);
    const r = makeResults({ levers: true });
    const processing: WindowLever = { kind: 'processing', amount: 120_000, byDate: '2020-01-20', achievedProbability: 0.004, found: true, method: 'm' };
    const notFound: WindowLever = { kind: 'funding', amount: 50_000_000_000, byDate: '2020-03-06', achievedProbability: 0.021, found: false, method: 'm' };
    Object.assign(r.summary.windows[0], { lever: processing });
    Object.assign(r.summary.windows[1], { lever: notFound });
    const rows = tableRows((await renderReport(r, opts)).html, 'ranked-windows');
    expect(rows[0][6]).toBe('processing capacity of 120,000 payouts per day by 2020-01-20 (largest probability with it: 0.4%)');
    expect(rows[1][6]).toBe(
      'not found: even a further CNY 50,000,000,000 of same-day funding by 2020-03-06 (the search’s upper bound) leaves a probability of 2.1%, above the threshold',
    );
  });

  it('flags the cut-off window in the verdict, the ranked table and the windows table', async () => {
    const { html: cut } = await renderReport(makeResults({ horizonDays: 72 }), opts);
    const verdict = textOf(sectionOf(cut, 'summary'));
    expect(verdict).toContain('W2 (2020-03-09 – 2020-03-13) runs to the last simulated date, 2020-03-13, still growing: it is cut off by the horizon');
    expect(tableRows(cut, 'ranked-windows')[1][1]).toContain('cut off by the horizon, still growing');
    expect(tableRows(cut, 'windows')[1][2]).toBe('2020-03-13 cut off by the horizon, still growing');
    expect(tableRows(cut, 'windows')[0][2]).toBe('2020-02-13');
  });
});

describe('window amounts: mean over all paths and mean on shortfall paths, defined', () => {
  let html: string;
  let results: Results;
  beforeAll(async () => {
    results = makeResults();
    ({ html } = await renderReport(results, opts));
  });

  it('the windows table shows both, and the mean on shortfall paths is the all-path mean over P(shortfall)', () => {
    const w = results.summary.windows[0];
    const d = results.daily.find((x) => x.date === w.maxMeanOverdueOnShortfallPathsDate)!;
    expect(Math.abs(w.maxMeanOverdueOnShortfallPaths! - d.expectedShortfall / d.pShortfall)).toBeLessThanOrEqual(0.005);
    const row = tableRows(html, 'windows')[0];
    expect(row[6]).toBe(formatMoney(w.maxExpectedShortfall, 'CNY', 'en'));
    expect(row[8]).toBe(formatMoney(w.maxMeanOverdueOnShortfallPaths!, 'CNY', 'en'));
    // On shortfall paths the amount is larger by 1 / P: here more than 3x.
    expect(w.maxMeanOverdueOnShortfallPaths!).toBeGreaterThan(3 * w.maxExpectedShortfall);
  });

  it('defines both terms and never calls the all-path mean "expected shortfall" outside that definition', () => {
    const windows = textOf(sectionOf(html, 'windows'));
    expect(windows).toContain(en.definitionMeanAllPaths);
    expect(windows).toContain(en.definitionMeanShortfallPaths);
    const withoutDefinitions = textOf(html).split(en.definitionMeanAllPaths).join('');
    expect(withoutDefinitions.toLowerCase()).not.toContain('expected shortfall');
  });
});

describe('approximate quantiles are rounded to their stated accuracy', () => {
  it('rounds to the power of ten at or below accuracy × amount (hand-computed)', () => {
    // 0.005 × 13,561,234,567.89 = 67,806,172.8 -> step 10,000,000 -> 13,560,000,000 = 13.56 bn.
    expect(accuracyStep(13_561_234_567.89, 0.005).toString()).toBe('10000000');
    expect(formatApproxMoney(13_561_234_567.89, 0.005, 'CNY', 'en')).toBe('≈ CNY 13.56 bn');
    expect(formatApproxMoney(13_561_234_567.89, 0.005, 'CNY', 'zh-CN')).toBe('≈ 135.6亿元');
    // 0.005 × 431,734,567 = 2,158,672.8 -> step 1,000,000 -> 432,000,000 = 432 m (half-up).
    expect(formatApproxMoney(431_734_567, 0.005, 'CNY', 'en')).toBe('≈ CNY 432 m');
    // Small amounts: the step never goes below one currency unit.
    expect(formatApproxMoney(123.45, 0.005, 'CNY', 'en')).toBe('≈ CNY 123');
    expect(formatApproxMoney(0, 0.005, 'CNY', 'en')).toBe('≈ CNY 0');
  });

  it('the summary prints P95, P99 and the tail mean rounded, never to the yuan', async () => {
    const results = makeResults();
    const { html } = await renderReport(results, opts);
    const summary = textOf(sectionOf(html, 'summary'));
    const s = results.summary.shortfall;
    for (const x of [s.p95Peak, s.p99Peak, s.tailMean95]) {
      expect(summary).not.toContain(formatMoney(x, 'CNY', 'en'));
      expect(summary).toContain(formatApproxMoney(x, 0.005, 'CNY', 'en'));
    }
    expect(textOf(sectionOf(html, 'methodology'))).toContain(en.definitionApproximate('0.5%'));
  });
});

describe('assumptions table, from the results data', () => {
  it('groups book, surrender stress, funding, payments, run, with value and unit', () => {
    const groups = assumptionGroups(makeResults(), 'en');
    expect(groups.map((g) => g.id)).toEqual(['stress', 'funding', 'payments', 'run']); // the fixture has no cohorts or products
    const row = (parameter: string) => groups.flatMap((g) => g.rows).find((r) => r.parameter === parameter);
    expect(row('Credit line Bank A: limit')).toEqual({ parameter: 'Credit line Bank A: limit', value: '30,000,000,000', unit: 'CNY' });
    expect(row('Credit line Bank B: probability the bank refuses')).toMatchObject({ value: '10', unit: '% of paths' });
    expect(row('Credit line Bank A: daily draw cap')).toMatchObject({ value: '5,000,000,000', unit: 'CNY per business day' });
    expect(row('Channel Bank C: per-transfer limit')).toMatchObject({ value: '1,000,000', unit: 'CNY' });
    expect(row('Processing capacity')).toMatchObject({ value: '80,000', unit: 'payouts per business day' });
    expect(row('Opening cash')).toMatchObject({ value: '18,000,000,000', unit: 'CNY' });
    expect(row('Shortfall-window threshold')).toMatchObject({ value: '1', unit: '%' });
  });

  it('covers the book and the stress of the bundled story (cohorts, products, shocks)', () => {
    const results = makeResults();
    const resolved = results.meta.scenario.resolved as Record<string, unknown>;
    resolved.liabilities = {
      products: { 'savings-3y': { base_surrender_rate: 0.04, surrender_charge: 0.01, rollover_share: { dist: 'beta', mean: 0.25, sd: 0.05 } } },
      cohorts: [
        { product: 'savings-3y', maturity_date: '2020-02-20', value: 2_500_000_000, count: 31_000, guaranteed_yield: 0.045 },
        { product: 'savings-3y', maturity_date: '2021-06-17', value: 12_500_000_000.5, count: 156_000, guaranteed_yield: 0.042 },
      ],
    };
    resolved.surrender_stress = { shocks: [{ name: 'takeover', date: '2020-01-20', probability: 0.6, peak_multiplier: 8, half_life_days: 10 }] };
    const rows = assumptionGroups(results, 'en').flatMap((g) => g.rows);
    const value = (p: string) => rows.find((r) => r.parameter === p)?.value;
    expect(value('Policies in force (2 cohorts)')).toBe('187,000'); // 31,000 + 156,000
    expect(value('In-force account value at the start')).toBe('15,000,000,000.50'); // cents shown when there are any
    expect(value('Account value of cohorts maturing within the horizon')).toBe('2,500,000,000'); // only 2020-02-20 is in the 120 days
    expect(value('Guaranteed yields')).toBe('4.2 – 4.5');
    expect(value('savings-3y: rollover share, mean (sd), drawn per path')).toBe('25 (5)');
    expect(value('Shock “takeover”: probability it happens')).toBe('60');
    expect(value('Mass lapse')).toBe('none');
  });

  it('exact amounts in Chinese units: 亿元 for whole 百万, else 万元', () => {
    expect(assumptionMoney(30_000_000_000, 'CNY', 'zh-CN')).toEqual({ value: '300', unit: '亿元' });
    expect(assumptionMoney(1_234_567.89, 'CNY', 'zh-CN')).toEqual({ value: '123.456789', unit: '万元' });
    expect(percentNumber(0.045)).toBe('4.5');
  });

  it('is in the page as tables, with the raw YAML only in the appendix', async () => {
    const { html } = await renderReport(makeResults(), opts);
    const section = sectionOf(html, 'assumptions');
    expect(section).toContain('<table class="assumptions assumptions-funding">');
    expect(section).not.toContain('resolved-scenario');
    expect(sectionOf(html, 'appendix')).toContain('<pre class="resolved-scenario">');
  });
});

describe('limitations, from src/model/limitations.ts', () => {
  it.each(['en', 'zh-CN'] as const)('lists every limitation (%s)', async (lang) => {
    const { html } = await renderReport(makeResults(), { ...opts, lang });
    const text = textOf(sectionOf(html, 'limitations'));
    for (const l of LIMITATIONS) expect(text).toContain(lang === 'en' ? l.text : l.textZh);
    expect(sectionOf(html, 'limitations').match(/<li>/g)).toHaveLength(LIMITATIONS.length);
  });
});

describe('charts: closed days shaded, requests against what the limit meets', () => {
  it('merges the fixture’s closed days into weekend and holiday runs', () => {
    const ranges = closedRanges(makeResults({ horizonDays: 40 }));
    // 2020-01-04/05 is a weekend; the Spring Festival 2020-01-24..02-02 is one holiday run (its
    // weekends are listed holidays); 2020-02-08/09 is a weekend again.
    expect(ranges.slice(0, 4)).toEqual([
      { start: '2020-01-04', endNext: '2020-01-06', kind: 'weekend' },
      { start: '2020-01-11', endNext: '2020-01-13', kind: 'weekend' },
      { start: '2020-01-18', endNext: '2020-01-20', kind: 'weekend' },
      { start: '2020-01-24', endNext: '2020-02-03', kind: 'holiday' },
    ]);
    expect(ranges[4]).toEqual({ start: '2020-02-08', endNext: '2020-02-10', kind: 'weekend' });
  });

  it('every date chart draws the shading behind its data, and says so in the caption', () => {
    const charts = buildChartSpecs(makeResults(), 'en');
    for (const c of charts) {
      expect(JSON.stringify(c.spec), c.name).toContain('"color":"#DCDFE4"');
      expect(c.caption, c.name).toContain(en.closedDaysNote);
    }
  });

  it('the requests chart stacks the backlog carried in (yesterday’s closing backlog) under the new requests', () => {
    const results = makeResults();
    const spec = buildChartSpecs(results, 'en').find((c) => c.name === 'requests-capacity')!.spec as unknown as {
      layer: { data?: { values: { date: string; type?: string; amount: number }[] } }[];
    };
    const bars = spec.layer.find((l) => l.data?.values.some((v) => v.type === en.series.carriedBacklog))!.data!.values;
    const carried = bars.filter((v) => v.type === en.series.carriedBacklog);
    expect(carried).toHaveLength(results.daily.length);
    expect(carried[0].amount).toBe(0);
    // Day 10 carries day 9's closing backlog, in the chart's unit (CNY billion here).
    expect(carried[10].amount).toBeCloseTo(results.daily[9].expectedBacklog / 1e9, 6);
  });
});

describe('zh-CN: no leftover English', () => {
  it('has no English words outside code, YAML and the scenario’s own names', async () => {
    const results = makeResults({ levers: true, asOf: '2019-12-31' });
    // The method texts a real run writes (the fixture's are shortened), which the catalogue translates.
    results.meta.statistics.quantileMethod = QUANTILE_METHOD;
    results.meta.statistics.intervalMethod = INTERVAL_METHOD;
    results.worstPath.criterion = WORST_PATH_CRITERION;
    const { html } = await renderReport(results, { ...opts, lang: 'zh-CN' });
    // Drop what is not prose: code, preformatted text, SVG (charts are checked in report.test.ts).
    let text = textOf(html.replace(/<(code|pre|svg|style)\b[\s\S]*?<\/\1>/g, ' ').replace(/<footer[\s\S]*?<\/footer>/, ' '));
    // Scenario-given names (banks, scenario name, file, products) and levers' method text are data.
    const data = [results.meta.scenario.name, results.meta.scenario.description, results.meta.scenario.file, 'Bank A', 'Bank B', 'Bank C', FIXTURE_LEVERS[0].method];
    for (const d of data) text = text.split(d).join(' ');
    const words = new Set(text.match(/[A-Za-z][A-Za-z_.+-]*/g) ?? []);
    const allowed = /^(W|SHA-|git|P\d+|SHA-256|liqsim|results\.json|expectedShortfall|as_of|prefund_surrenders|after_days|T\+n|DDSketch|Wilson|CSV|YAML|log|sd|n-?|s|p|q|z|sqrt|floor|s\/sqrt|CNY|P)$/;
    expect([...words].filter((w) => !allowed.test(w))).toEqual([]);
    expect(textOf(html)).toContain(zh.leverChannel('75.00亿元', 'Bank A', '2020-01-23'));
  });
});
