/**
 * The Vega-Lite specs: what each chart must show, asserted on the spec (not the SVG, whose text
 * metrics vary by machine): the shortfall windows as shaded date ranges, the threshold rule, the
 * series present with their fields and values (read back from results.json's figures), axis titles
 * and units, and the date domain. One whole-spec snapshot is kept, of the headline chart, where the
 * whole spec (layer order, label placement, styling shared by every chart) matters; every spec of
 * every report variant also compiles without a Vega-Lite warning.
 */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildChartSpecs, buildOverlaySpec, CHART_NAMES, type ChartSpec } from '../../src/report/charts.js';
import { messages } from '../../src/report/i18n.js';
import { compileSpec, estimateTextWidth, inlineSvg } from '../../src/report/render.js';
import type { Results } from '../../src/results/types.js';
import { makeResults, type FixtureOptions } from './fixture.js';

/** A layer of a spec, as plain data (the specs are plain JSON). */
interface Layer {
  data?: { values: Record<string, unknown>[] };
  mark: string | { type: string; [k: string]: unknown };
  encoding?: Record<string, Record<string, unknown>>;
  title?: { text: string };
  [k: string]: unknown;
}

/** Every unit (mark-carrying) view of a spec, with the data it reads (its own or its parent's). */
function units(spec: object): Layer[] {
  const out: Layer[] = [];
  const walk = (view: Layer, data: Layer['data']) => {
    const own = view.data ?? data;
    if (view.mark !== undefined) out.push({ ...view, data: own });
    for (const key of ['layer', 'vconcat', 'hconcat'] as const) {
      const children = view[key] as Layer[] | undefined;
      children?.forEach((child) => walk(child, own));
    }
  };
  walk(spec as Layer, undefined);
  return out;
}

const markType = (l: Layer) => (typeof l.mark === 'string' ? l.mark : l.mark.type);
const field = (l: Layer, channel: string) => l.encoding?.[channel]?.field;

/**
 * The background rects shading weekends and holidays (every date chart draws them first; their
 * ranges are tested in supervisor.test.ts): rects whose rows are bare [start, endNext) ranges.
 */
const isClosedDays = (l: Layer) =>
  markType(l) === 'rect' && (l.data?.values ?? []).every((v) => Object.keys(v).sort().join() === 'endNext,start');

/** The unit views with this mark whose `channel` encodes `name` (the closed-day background left out). */
function find(spec: object, mark: string, channel?: string, name?: string): Layer[] {
  return units(spec).filter((l) => !isClosedDays(l) && markType(l) === mark && (channel === undefined || field(l, channel) === name));
}

/** The single such view (fails when there is none or several). */
function one(spec: object, mark: string, channel?: string, name?: string): Layer {
  const found = find(spec, mark, channel, name);
  expect(found, `one ${mark} layer with ${channel} = ${name}`).toHaveLength(1);
  return found[0];
}

const chart = (charts: ChartSpec[], name: string) => {
  const c = charts.find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c;
};

const utcDay = (iso: string) => {
  const [year, month, date] = iso.split('-').map(Number);
  return { year, month, date, utc: true };
};

/** The x domain every date axis of the default fixture must span: 120 days from 2020-01-02, so up to 2020-05-01 exclusive. */
const DATE_DOMAIN = [utcDay('2020-01-02'), utcDay('2020-05-01')];

/** A value in chart units read back to currency units, compared to 6 decimals of the unit as the specs keep. */
function expectInUnit(chartValue: unknown, amount: number, divisor: number) {
  expect(Math.abs((chartValue as number) - amount / divisor)).toBeLessThanOrEqual(5e-7);
}

const results = makeResults();
const en = buildChartSpecs(results, 'en');
const m = messages('en');

describe('the six charts', () => {
  it('are built in reading order', () => {
    expect(en.map((c) => c.name)).toEqual([...CHART_NAMES]);
  });

  it('every date axis spans the simulated dates, first date to the day after the last', () => {
    for (const c of en) {
      const scaled = units(c.spec).filter((l) => (l.encoding?.x?.scale as { domain?: unknown } | undefined)?.domain !== undefined);
      expect(scaled.length, c.name).toBeGreaterThan(0);
      for (const l of scaled) {
        expect(l.encoding!.x.type, c.name).toBe('temporal');
        expect((l.encoding!.x.scale as { domain: unknown }).domain, c.name).toEqual(DATE_DOMAIN);
      }
    }
  });
});

describe('shortfall-probability (headline)', () => {
  const spec = chart(en, 'shortfall-probability').spec;
  const windows = results.summary.windows;

  it('the fixture has two windows (else the assertions below test little)', () => {
    expect(windows.length).toBe(2);
  });

  it('shades each shortfall window as a date range [start, end + 1 day)', () => {
    const rect = one(spec, 'rect');
    expect(field(rect, 'x')).toBe('start');
    expect(field(rect, 'x2')).toBe('endNext');
    const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(rect.data!.values).toEqual(windows.map((w, i) => ({ window: m.windowLabel(i + 1), start: w.start, endNext: nextDay(w.end) })));
  });

  it('labels each window with its name and dates', () => {
    const labels = find(spec, 'text', 'text', 'label').flatMap((l) => l.data!.values.map((v) => v.label));
    windows.forEach((w, i) => expect(labels).toContain(`${m.windowLabel(i + 1)}: ${m.dateRange(w.start, w.end)}`));
  });

  it('draws the threshold as a horizontal rule at the run threshold, labelled with it', () => {
    const rule = one(spec, 'rule');
    expect(field(rule, 'y')).toBe('threshold');
    expect(rule.encoding!.x).toBeUndefined();
    expect(rule.data!.values).toEqual([{ threshold: 0.01, label: m.series.threshold('1.0%') }]);
    expect(find(spec, 'text', 'y', 'threshold')[0].data!.values[0].label).toBe('threshold 1.0%');
  });

  it('plots the daily probability with its 95% interval as a band', () => {
    const line = one(spec, 'line');
    expect(field(line, 'y')).toBe('probability');
    expect(line.data!.values.map((v) => [v.date, v.probability])).toEqual(results.daily.map((d) => [d.date, d.pShortfall]));
    const band = one(spec, 'area');
    expect([field(band, 'y'), field(band, 'y2')]).toEqual(['low', 'high']);
    expect(band.data!.values.map((v) => [v.low, v.high])).toEqual(results.daily.map((d) => d.pShortfallCi95));
  });

  it('a probability axis in percent, from 0 to above both the highest interval and twice the threshold', () => {
    const y = one(spec, 'line').encoding!.y;
    expect(y.title).toBe(m.axisProbability);
    expect((y.axis as { format: string }).format).toBe('.2~%');
    const [low, high] = (y.scale as { domain: [number, number] }).domain;
    expect(low).toBe(0);
    expect(high).toBeGreaterThanOrEqual(Math.max(...results.daily.map((d) => d.pShortfallCi95[1])));
    expect(high).toBeGreaterThanOrEqual(0.02);
    expect(high).toBeLessThanOrEqual(1);
  });

  it('without windows: no shading; with no short path at all: the "no shortfall" note', () => {
    const below = chart(buildChartSpecs(makeResults({ shortfall: 'below-threshold' }), 'en'), 'shortfall-probability').spec;
    expect(find(below, 'rect')).toEqual([]);
    expect(find(below, 'rule')).toHaveLength(1);
    const none = chart(buildChartSpecs(makeResults({ shortfall: 'none' }), 'en'), 'shortfall-probability').spec;
    expect(units(none).some((l) => l.encoding?.text?.value === m.chartNoShortfall)).toBe(true);
    expect(units(spec).some((l) => l.encoding?.text?.value === m.chartNoShortfall)).toBe(false);
  });

  it('whole spec (snapshot: layer order, label placement and the styling every chart shares)', async () => {
    await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/en/shortfall-probability.vl.json');
  });
});

describe('headroom', () => {
  const spec = chart(en, 'headroom').spec;
  const divisor = 1e9; // the fixture's headroom reaches tens of billions: CNY billion

  it('bands P1-P99 and P5-P95 and the median line, in CNY billion', () => {
    const bands = find(spec, 'area');
    expect(bands.map((b) => [field(b, 'y'), field(b, 'y2')])).toEqual([
      ['p1', 'p99'],
      ['p5', 'p95'],
    ]);
    const median = one(spec, 'line');
    expect(field(median, 'y')).toBe('p50');
    expect(median.encoding!.y.title).toBe('Amount (CNY billion)');
    const legend = [m.series.band1to99, m.series.band5to95, m.series.median];
    expect([...bands, median].map((l) => l.encoding!.color.datum)).toEqual(legend);
    const rows = median.data!.values;
    expect(rows).toHaveLength(results.daily.length);
    results.daily.forEach((d, i) => {
      for (const q of ['p1', 'p5', 'p50', 'p95', 'p99'] as const) expectInUnit(rows[i][q], d.headroom[q], divisor);
    });
  });

  it('marks zero headroom with a rule', () => {
    const rule = one(spec, 'rule');
    expect(rule.data!.values).toEqual([{ zero: 0 }]);
    expect(field(rule, 'y')).toBe('zero');
  });
});

describe('requests-capacity', () => {
  const spec = chart(en, 'requests-capacity').spec;

  it('stacks the backlog carried in under the day\'s requests by payout type; the stack adds up to what the day must meet', () => {
    const bars = one(spec, 'bar');
    expect(bars.encoding!.y.stack).toBe('zero');
    expect((bars.encoding!.fill.scale as { domain: string[] }).domain).toEqual([
      m.series.carriedBacklog,
      m.payoutTypes.maturity,
      m.payoutTypes.surrender,
      m.payoutTypes.other,
    ]);
    const unitLabel = String(bars.encoding!.y.title);
    expect(unitLabel).toBe('Amount (CNY billion)');
    // carried in on day i = the expected backlog at the end of day i - 1 (0 on the first day)
    let carriedSomething = false;
    results.daily.forEach((d, i) => {
      const carried = i > 0 ? results.daily[i - 1].expectedBacklog : 0;
      carriedSomething ||= carried > 0;
      const stack = bars.data!.values.filter((v) => v.date === d.date).reduce((s, v) => s + (v.amount as number), 0);
      expect(Math.abs(stack - (carried + d.requests.maturity + d.requests.surrender + d.requests.other) / 1e9)).toBeLessThan(3e-6);
    });
    expect(carriedSomething).toBe(true);
  });

  it('draws the three capacities as one segment per business day, none on weekends and holidays', () => {
    const rules = one(spec, 'rule');
    expect([field(rules, 'x'), field(rules, 'x2'), field(rules, 'stroke')]).toEqual(['date', 'next', 'capacity']);
    const labels = [m.series.capacityFunding, m.series.capacityChannel, m.series.capacityProcessing];
    expect((rules.encoding!.stroke.scale as { domain: string[] }).domain).toEqual(labels);
    const business = results.daily.filter((d) => d.businessDay);
    expect(business.length).toBeLessThan(results.daily.length);
    expect(rules.data!.values).toHaveLength(3 * business.length);
    const onDate = (date: string, label: string) => rules.data!.values.find((v) => v.date === date && v.capacity === label)!;
    for (const d of business) {
      expectInUnit(onDate(d.date, labels[1]).amount, d.capacity.channel, 1e9);
      expectInUnit(onDate(d.date, labels[2]).amount, d.capacity.processing, 1e9);
    }
    // 2020-01-25 is a Saturday in the Spring Festival holiday: no capacity drawn
    expect(rules.data!.values.some((v) => v.date === '2020-01-25')).toBe(false);
  });
});

describe('funding-used', () => {
  const spec = chart(en, 'funding-used').spec;
  const line = one(spec, 'line');
  const series = [m.series.closingCash, m.series.creditLine('Bank A'), m.series.creditLine('Bank B'), m.series.assetSales];
  const valuesOf = (label: string) => line.data!.values.filter((v) => v.series === label).map((v) => v.amount as number);

  it('one series for closing cash, one per credit line (named by bank) and one for asset sales', () => {
    expect((line.encoding!.color.scale as { domain: string[] }).domain).toEqual(series);
    expect(line.encoding!.y.title).toBe('Amount (CNY billion)');
    for (const s of series) expect(valuesOf(s), s).toHaveLength(results.daily.length);
  });

  it('credit lines and asset sales are cumulative; closing cash is the day\'s', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const lastA = valuesOf(series[1]).at(-1)!;
    expectInUnit(lastA, sum(results.daily.map((d) => d.creditDrawnByLine[0])), 1e9);
    expectInUnit(valuesOf(series[3]).at(-1)!, sum(results.daily.map((d) => d.assetsSold)), 1e9);
    valuesOf(series[0]).forEach((v, i) => expectInUnit(v, results.daily[i].closingCash, 1e9));
    // cumulative: never decreasing
    for (const s of series.slice(1)) valuesOf(s).forEach((v, i, all) => expect(v).toBeGreaterThanOrEqual(i === 0 ? 0 : all[i - 1]));
  });

  it('a bank name is data, not an expression (it is shown as given)', () => {
    const hostile = chart(buildChartSpecs(makeResults({ firstBank: "Bank 'A' + datum.x" }), 'en'), 'funding-used').spec;
    expect((one(hostile, 'line').encoding!.color.scale as { domain: string[] }).domain[1]).toBe(m.series.creditLine("Bank 'A' + datum.x"));
  });
});

describe('backlog-overdue', () => {
  const spec = chart(en, 'backlog-overdue').spec as unknown as { vconcat: Layer[] };

  it('two panels: the expected backlog above, overdue by binding cause below', () => {
    expect(spec.vconcat).toHaveLength(2);
    const [top, bottom] = spec.vconcat;
    expect(top.title!.text).toBe(m.charts.backlogOverdue.backlogTitle);
    expect(bottom.title!.text).toBe(m.charts.backlogOverdue.overdueTitle);
    const backlog = one(top, 'area');
    backlog.data!.values.forEach((v, i) => expectInUnit(v.amount, results.daily[i].expectedBacklog, 1e9));
    const overdue = one(bottom, 'area');
    expect(field(overdue, 'color')).toBe('cause');
    expect((overdue.encoding!.color.scale as { domain: string[] }).domain).toEqual([m.causes.funding, m.causes.channel, m.causes.processing]);
    expect(overdue.encoding!.y.stack).toBe('zero');
  });

  it('the causes of a day add up to its expected overdue amount', () => {
    const overdue = one(spec.vconcat[1], 'area');
    // the largest expected overdue amount is below a billion: CNY million
    expect(overdue.encoding!.y.title).toBe('Amount (CNY million)');
    const divisor = 1e6;
    let checked = 0;
    for (const d of results.daily.filter((x) => x.expectedShortfall > 0)) {
      const parts = overdue.data!.values.filter((v) => v.date === d.date);
      expect(parts).toHaveLength(3);
      expect(Math.abs(parts.reduce((s, v) => s + (v.amount as number), 0) - d.expectedShortfall / divisor)).toBeLessThan(2e-6);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('with nothing overdue: a fixed 0-1 axis and the "no shortfall" note', () => {
    const none = chart(buildChartSpecs(makeResults({ shortfall: 'none' }), 'en'), 'backlog-overdue').spec as unknown as { vconcat: Layer[] };
    const area = one(none.vconcat[1], 'area');
    expect((area.encoding!.y.scale as { domain: number[] }).domain).toEqual([0, 1]);
    expect(units(none.vconcat[1]).some((l) => l.encoding?.text?.value === m.chartNoShortfall)).toBe(true);
  });
});

describe('first-shortfall', () => {
  const spec = chart(en, 'first-shortfall').spec;

  it('one bar per date on which paths first fall short, its share of paths', () => {
    const bars = one(spec, 'bar');
    expect(field(bars, 'y')).toBe('probability');
    expect(bars.encoding!.y.title).toBe(m.axisShareOfPaths);
    expect(bars.data!.values).toEqual(results.summary.firstShortfall.distribution.map((d) => ({ date: d.date, probability: d.probability, paths: d.paths })));
    expect(bars.data!.values.length).toBeGreaterThan(0);
  });

  it('no short path: no bars and the note', () => {
    const none = chart(buildChartSpecs(makeResults({ shortfall: 'none' }), 'en'), 'first-shortfall');
    expect(one(none.spec, 'bar').data!.values).toEqual([]);
    // the fixture's dates include weekends and holidays, so the caption also explains their shading
    expect(none.caption).toBe(`${m.charts.firstShortfall.captionNone} ${m.closedDaysNote}`);
  });
});

describe('Chinese charts (zh-CN)', () => {
  const zh = buildChartSpecs(results, 'zh-CN');
  const z = messages('zh-CN');

  it('axis titles, window labels and amounts in 亿元', () => {
    const headline = chart(zh, 'shortfall-probability').spec;
    expect(one(headline, 'line').encoding!.x.title).toBe('日期');
    expect(one(headline, 'line').encoding!.y.title).toBe('缺口概率');
    expect(one(headline, 'rect').data!.values.map((v) => v.window)).toEqual(['W1', 'W2']);
    const funding = one(chart(zh, 'funding-used').spec, 'line');
    expect(funding.encoding!.y.title).toBe('金额（亿元）');
    expect((funding.encoding!.color.scale as { domain: string[] }).domain).toEqual([
      z.series.closingCash,
      z.series.creditLine('Bank A'),
      z.series.creditLine('Bank B'),
      z.series.assetSales,
    ]);
    // 亿 = 1e8: the chart's closing cash on day 0 is the results' closing cash / 1e8
    expectInUnit(funding.data!.values[0].amount, results.daily[0].closingCash, 1e8);
  });

  it('titles are the Chinese ones, not the English', () => {
    zh.forEach((c, i) => {
      expect(c.title).not.toBe(en[i].title);
      expect((c.spec as { title: { text: string } }).title.text).toBe(c.title);
    });
  });
});

describe('scenario overlay of the index page', () => {
  const entries = [
    { label: 'Maturity peak', results: makeResults({ horizonDays: 60 }) },
    { label: 'Mild', results: makeResults({ horizonDays: 60, shortfall: 'below-threshold' }) },
  ];
  const spec = buildOverlaySpec(entries, 'en').spec;

  it('one line per scenario, with that scenario\'s daily probabilities', () => {
    const line = one(spec, 'line');
    expect((line.encoding!.color.scale as { domain: string[] }).domain).toEqual(['Maturity peak', 'Mild']);
    for (const e of entries) {
      expect(line.data!.values.filter((v) => v.scenario === e.label).map((v) => v.probability)).toEqual(e.results.daily.map((d) => d.pShortfall));
    }
    expect((line.encoding!.x.scale as { domain: unknown }).domain).toEqual([utcDay('2020-01-02'), utcDay('2020-03-02')]);
  });

  it('one threshold rule per distinct threshold', () => {
    expect(one(spec, 'rule').data!.values.map((v) => v.threshold)).toEqual([0.01]);
    const mixed = buildOverlaySpec([...entries, { label: 'Strict', results: { ...entries[0].results, meta: { ...entries[0].results.meta, run: { ...entries[0].results.meta.run, shortfallThreshold: 0.005 } } } as Results }], 'en').spec;
    expect(one(mixed, 'rule').data!.values.map((v) => v.threshold)).toEqual([0.005, 0.01]);
  });
});

describe('specs compile cleanly', () => {
  const variants: [string, FixtureOptions][] = [
    ['two windows', {}],
    ['no shortfall', { shortfall: 'none' }],
    ['below threshold', { shortfall: 'below-threshold' }],
    ['1-day horizon', { horizonDays: 1 }],
    ['2-day horizon', { horizonDays: 2 }],
    ['400-day horizon', { horizonDays: 400 }],
  ];
  for (const [label, options] of variants) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${label} (${lang})`, () => {
        for (const c of buildChartSpecs(makeResults(options), lang)) {
          expect({ chart: c.name, warnings: compileSpec(c.spec).warnings }).toEqual({ chart: c.name, warnings: [] });
        }
      });
    }
  }

  it('the overlay compiles cleanly', () => {
    const spec = buildOverlaySpec([{ label: 'a', results: makeResults({ horizonDays: 10 }) }], 'en').spec;
    expect(compileSpec(spec).warnings).toEqual([]);
  });

  it('a compiler warning is caught (the check can fail)', () => {
    // A shape channel on a bar mark is dropped with a warning.
    const bad = { data: { values: [] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'b', type: 'nominal' } } };
    expect(compileSpec(bad as unknown as TopLevelSpec).warnings.length).toBeGreaterThan(0);
  });
});

describe('rendering helpers', () => {
  it('text widths: CJK characters are full-width, Latin narrower, bold wider', () => {
    expect(estimateTextWidth('日期', 10)).toBe(20);
    expect(estimateTextWidth('ab', 10)).toBeCloseTo(11.4);
    expect(estimateTextWidth('AB', 10)).toBeCloseTo(13.6);
    expect(estimateTextWidth('ab', 10, true)).toBeGreaterThan(estimateTextWidth('ab', 10));
  });

  it('inline SVG drops namespaces and prefixes ids and their references', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="marks"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>';
    expect(inlineSvg(svg, 'c3', 'A "title" & <more>')).toBe(
      '<svg role="img" aria-label="A &#34;title&#34; &#38; &#60;more&#62;" class="marks"><clipPath id="c3-clip1"/><g clip-path="url(#c3-clip1)"/></svg>',
    );
  });
});
