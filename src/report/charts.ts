/**
 * The report's six charts as Vega-Lite specs, built from results.json alone.
 *
 * Specs are plain data: they are written next to the report (`charts/<name>.vl.json`) so anyone can
 * re-render or restyle them; tests/report/specs.test.ts asserts what each must show. Scenario-derived
 * strings (bank names, scenario names) only ever appear as data values or titles, never as field
 * names or expressions, so they cannot be interpreted by Vega. Dates are UTC days: a date's mark spans [date, date + 1 day).
 */
import type { TopLevelSpec } from 'vega-lite';
import { addDays } from '../dates.js';
import { CAUSES, PAYOUT_TYPES, type Results } from '../results/types.js';
import { creditLineBanks } from '../results/columns.js';
import { messages, type Messages, type ReportLang } from './i18n.js';
import { chartUnit, formatPercent, type MoneyUnit } from './money.js';

export const CHART_NAMES = [
  'shortfall-probability',
  'headroom',
  'requests-capacity',
  'funding-used',
  'backlog-overdue',
  'first-shortfall',
] as const;

export interface ChartSpec {
  name: string;
  title: string;
  /** One sentence saying what to read from the chart. */
  caption: string;
  spec: TopLevelSpec;
}

const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const DAY_MS = 86_400_000;
const WIDTH = 680;
const HEIGHT = 230;

/** Fonts installed on office machines and Linux; no web fonts (the report makes no requests). */
const CHART_FONT = 'Arial, "Liberation Sans", Helvetica, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/**
 * Categories use the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies);
 * risk is red, headroom bands are shades of one blue so their order reads in greyscale print.
 */
const COLORS = {
  maturity: '#0072B2',
  surrender: '#D55E00',
  other: '#999999',
  funding: '#D55E00',
  channel: '#CC79A7',
  processing: '#009E73',
  risk: '#C0392B',
  windowFill: '#F4A6A0',
  band1: '#C6DBEF',
  band5: '#6BAED6',
  median: '#08306B',
  cash: '#0072B2',
  assets: '#009E73',
  ink: '#111827',
  backlog: '#7F8FA6',
  weekend: '#F1F2F4',
  holiday: '#DCDFE4',
} as const;
const CREDIT_LINE_COLORS = ['#E69F00', '#56B4E9', '#CC79A7', '#F0E442', '#882255', '#44AA99'];

const CONFIG = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', color: COLORS.ink, subtitleFontSize: 12, subtitleColor: '#4B5563', offset: 12 },
  axisY: { minExtent: 48 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'bold',
    labelColor: '#374151',
    titleColor: COLORS.ink,
    gridColor: '#E5E7EB',
    domainColor: '#9CA3AF',
    tickColor: '#9CA3AF',
  },
  legend: { orient: 'top', direction: 'horizontal', labelFontSize: 11, titleFontSize: 11, symbolStrokeWidth: 2, labelLimit: 260 },
} as const;

/** `{year, month, date}` of an ISO date, as a Vega-Lite UTC DateTime. */
function dateTime(iso: string) {
  const [year, month, date] = iso.split('-').map(Number);
  return { year, month, date, utc: true };
}

/** Tick spacing that keeps ISO date labels apart at the chart width. */
function dateTicks(days: number) {
  if (days <= 10) return { interval: 'day', step: 1 } as const;
  if (days <= 21) return { interval: 'day', step: 2 } as const;
  if (days <= 62) return { interval: 'week', step: 1 } as const;
  if (days <= 130) return { interval: 'week', step: 2 } as const;
  if (days <= 400) return { interval: 'month', step: 1 } as const;
  if (days <= 1100) return { interval: 'month', step: 3 } as const;
  return { interval: 'year', step: 1 } as const;
}

/** The simulated dates: first date and the day after the last, so a 1-day horizon is 1 day wide. */
interface Frame {
  start: string;
  endNext: string;
  days: number;
}

function frameOf(results: Results): Frame {
  const first = results.daily[0]?.date ?? results.meta.run.startDate;
  const last = results.daily[results.daily.length - 1]?.date ?? results.meta.run.endDate;
  return { start: first, endNext: addDays(last, 1), days: results.daily.length };
}

/**
 * The shared date axis. `field` holds ISO dates; lines put their point mid-day, bars span the day.
 * Layers that only decorate (window shading and labels) leave the domain to the data layers:
 * Vega-Lite would otherwise see two spellings of one domain and warn.
 */
function xDate(frame: Frame, m: Messages, options: { field?: string; axis?: boolean; scale?: boolean } = {}) {
  const withAxis = options.axis ?? true;
  return {
    field: options.field ?? 'date',
    type: 'temporal' as const,
    timeUnit: 'utcyearmonthdate' as const,
    title: withAxis ? m.axisDate : null,
    ...(options.scale === false ? {} : { scale: { domain: [dateTime(frame.start), dateTime(frame.endNext)] } }),
    axis: withAxis
      ? { format: '%Y-%m-%d', labelAngle: 0, labelOverlap: true, labelSeparation: 6, tickCount: dateTicks(frame.days), grid: false }
      : { labels: false, ticks: false, title: null, grid: false },
  };
}

/** A run of days without payments, as drawn: [start, endNext). */
export interface ClosedRange {
  start: string;
  endNext: string;
  kind: 'weekend' | 'holiday';
}

/** The scenario's holiday dates (resolved calendar.holidays: dates and A..B ranges), as a test. */
function holidayTest(results: Results): (iso: string) => boolean {
  const resolved = results.meta.scenario.resolved as { calendar?: { holidays?: unknown } } | null | undefined;
  const ranges = (Array.isArray(resolved?.calendar?.holidays) ? resolved.calendar.holidays : [])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => {
      const [a, b] = x.split('..').map((d) => d.trim());
      return [a, b ?? a] as const;
    });
  return (iso) => ranges.some(([a, b]) => iso >= a && iso <= b);
}

/**
 * The simulated days that are not business days, merged into runs of one kind: a holiday when the
 * scenario's calendar lists the date as a holiday (or it is a closed Monday-to-Friday), else a weekend.
 */
export function closedRanges(results: Results): ClosedRange[] {
  const isHoliday = holidayTest(results);
  const out: ClosedRange[] = [];
  for (const d of results.daily) {
    if (d.businessDay) continue;
    const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
    const kind = isHoliday(d.date) || (weekday !== 0 && weekday !== 6) ? 'holiday' : 'weekend';
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind && last.endNext === d.date) last.endNext = addDays(d.date, 1);
    else out.push({ start: d.date, endNext: addDays(d.date, 1), kind });
  }
  return out;
}

/** Background layers shading weekends and holidays (drawn first, behind the data; no legend: the caption says it). */
function closedDayLayers(results: Results, frame: Frame, m: Messages): object[] {
  const ranges = closedRanges(results);
  return (['weekend', 'holiday'] as const)
    .map((kind) => ranges.filter((r) => r.kind === kind).map((r) => ({ start: r.start, endNext: r.endNext })))
    .map((values, i) => ({ values, color: i === 0 ? COLORS.weekend : COLORS.holiday }))
    .filter((x) => x.values.length > 0)
    .map((x) => ({
      data: { values: x.values },
      mark: { type: 'rect', color: x.color },
      encoding: { x: xDate(frame, m, { field: 'start', scale: false }), x2: { field: 'endNext' } },
    }));
}

function midDay(x: ReturnType<typeof xDate>) {
  return { ...x, bandPosition: 0.5 };
}

/**
 * An area over the dates, or, for a 1-day horizon (where an area has no width), a bar spanning
 * the day. Returns the mark and the x encoding that goes with it.
 */
function spanning(frame: Frame, x: ReturnType<typeof xDate>, mark: { type: 'area'; interpolate?: string; line?: object } & Record<string, unknown>) {
  if (frame.days > 1) return { mark, x: midDay(x) };
  const { interpolate: _interpolate, line: _line, ...rest } = mark;
  return { mark: { ...rest, type: 'bar' }, x };
}

/** Line marks show their points when there are few dates, so a 1-day line is still visible. */
function linePoint(frame: Frame, color?: string) {
  return frame.days <= 31 ? (color === undefined ? true : { color }) : false;
}

function yAmount(field: string, unit: MoneyUnit, m: Messages, extra: Record<string, unknown> = {}) {
  return { field, type: 'quantitative', title: m.axisAmount(unit.label), axis: { format: ',.4~r' }, ...extra } as const;
}

/** A value in chart units, trimmed so specs stay readable (charts need no more than 6 decimals). */
function inUnit(amount: number, unit: MoneyUnit): number {
  return Number((amount / unit.divisor).toFixed(6));
}

function round6(x: number): number {
  return Number(x.toFixed(6));
}

function maxAbs(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}

function noteLayer(text: string) {
  return {
    data: { values: [{}] },
    mark: { type: 'text', fontSize: 13, color: '#4B5563', fontStyle: 'italic' },
    encoding: { x: { value: WIDTH / 2 }, y: { value: HEIGHT / 2 }, text: { value: text } },
  };
}

function base(title: string, subtitle?: string) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? { text: title } : { text: title, subtitle },
    config: CONFIG,
  };
}

/**
 * A chart of stacked layers at the report's size: its name, title and caption, and the spec. Date
 * charts put `closedDayLayers` first, so weekends and holidays are shaded under the data.
 */
function layeredChart(name: string, title: string, caption: string, layers: object[], more: { subtitle?: string; resolve?: object } = {}): ChartSpec {
  return {
    name,
    title,
    caption,
    spec: {
      ...base(title, more.subtitle),
      width: WIDTH,
      height: HEIGHT,
      layer: layers,
      ...(more.resolve === undefined ? {} : { resolve: more.resolve }),
    } as TopLevelSpec,
  };
}

/** Chart 1, the headline: daily P(shortfall) with the windows shaded and labelled. */
function shortfallProbabilityChart(results: Results, m: Messages): ChartSpec {
  const frame = frameOf(results);
  const threshold = results.meta.run.shortfallThreshold;
  const thresholdText = formatPercent(threshold);
  const daily = results.daily.map((d) => ({
    date: d.date,
    probability: d.pShortfall,
    low: d.pShortfallCi95[0],
    high: d.pShortfallCi95[1],
  }));
  const yMax = Math.min(1, 1.25 * Math.max(threshold * 2, ...daily.map((d) => d.high)));
  const y = {
    field: 'probability',
    type: 'quantitative',
    title: m.axisProbability,
    scale: { domain: [0, round6(yMax)], nice: false },
    axis: { format: '.2~%' },
  } as const;
  const x = xDate(frame, m);
  const ciBand = spanning(frame, x, { type: 'area', color: COLORS.risk, opacity: 0.18 });
  const windows = results.summary.windows;
  const layers: object[] = closedDayLayers(results, frame, m);
  if (windows.length > 0) {
    layers.push({
      data: { values: windows.map((w, i) => ({ window: m.windowLabel(i + 1), start: w.start, endNext: addDays(w.end, 1) })) },
      mark: { type: 'rect', color: COLORS.windowFill, opacity: 0.45 },
      encoding: { x: xDate(frame, m, { field: 'start', scale: false }), x2: { field: 'endNext' } },
    });
  }
  layers.push(
    {
      data: { values: daily },
      mark: ciBand.mark,
      encoding: { x: ciBand.x, y: { ...y, field: 'low' }, y2: { field: 'high' } },
    },
    {
      data: { values: daily },
      mark: { type: 'line', color: COLORS.risk, strokeWidth: 2, point: linePoint(frame, COLORS.risk) },
      encoding: { x: midDay(x), y },
    },
    {
      data: { values: [{ threshold, label: m.series.threshold(thresholdText) }] },
      mark: { type: 'rule', color: COLORS.ink, strokeDash: [6, 4], strokeWidth: 1.2 },
      encoding: { y: { field: 'threshold', type: 'quantitative' } },
    },
    {
      data: { values: [{ threshold, label: m.series.threshold(thresholdText) }] },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 11, color: COLORS.ink },
      encoding: { y: { field: 'threshold', type: 'quantitative' }, x: { value: WIDTH - 4 }, text: { field: 'label' } },
    },
  );
  // One text layer per window: labels alternate between two rows and flip to right-aligned in
  // the right half of the horizon, so neighbouring labels do not collide or leave the chart.
  windows.forEach((w, i) => {
    const rightHalf = Date.parse(w.start) - Date.parse(frame.start) > ((Date.parse(frame.endNext) - Date.parse(frame.start)) * 3) / 5;
    const cutOff = w.end === results.daily[results.daily.length - 1]?.date;
    const label = `${m.windowLabel(i + 1)}: ${m.dateRange(w.start, w.end)}${cutOff ? ` (${m.horizonFlag(false)})` : ''}`;
    layers.push({
      data: { values: [{ label, start: w.start, endNext: addDays(w.end, 1) }] },
      mark: {
        type: 'text',
        align: rightHalf ? 'right' : 'left',
        baseline: 'top',
        dx: rightHalf ? -3 : 3,
        dy: 3 + (i % 2) * 15,
        fontSize: 11,
        fontWeight: 'bold',
        color: '#7F1D1D',
      },
      encoding: { x: xDate(frame, m, { field: rightHalf ? 'endNext' : 'start', scale: false }), y: { value: 0 }, text: { field: 'label' } },
    });
  });
  if (results.summary.pAnyShortfall.estimate === 0) layers.push(noteLayer(m.chartNoShortfall));
  const c = m.charts.shortfallProbability;
  return layeredChart('shortfall-probability', c.title, windows.length > 0 ? c.caption(thresholdText) : c.captionNoWindows(thresholdText), layers);
}

/** Chart 2: headroom quantile bands over paths. */
function headroomChart(results: Results, lang: ReportLang, m: Messages): ChartSpec {
  const frame = frameOf(results);
  const currency = results.meta.scenario.currency;
  const unit = chartUnit(maxAbs(results.daily.flatMap((d) => [d.headroom.p1, d.headroom.p99])), currency, lang);
  const values = results.daily.map((d) => ({
    date: d.date,
    p1: inUnit(d.headroom.p1, unit),
    p5: inUnit(d.headroom.p5, unit),
    p50: inUnit(d.headroom.p50, unit),
    p95: inUnit(d.headroom.p95, unit),
    p99: inUnit(d.headroom.p99, unit),
  }));
  const x = midDay(xDate(frame, m));
  const band = spanning(frame, xDate(frame, m), { type: 'area', opacity: 0.9 });
  const colorScale = {
    domain: [m.series.band1to99, m.series.band5to95, m.series.median],
    range: [COLORS.band1, COLORS.band5, COLORS.median],
  };
  const color = (label: string) => ({ datum: label, type: 'nominal', scale: colorScale, legend: { title: null } });
  const c = m.charts.headroom;
  return layeredChart('headroom', c.title, c.caption, [
    ...closedDayLayers(results, frame, m),
    { data: { values }, mark: band.mark, encoding: { x: band.x, y: yAmount('p1', unit, m), y2: { field: 'p99' }, color: color(m.series.band1to99) } },
    { data: { values }, mark: band.mark, encoding: { x: band.x, y: yAmount('p5', unit, m), y2: { field: 'p95' }, color: color(m.series.band5to95) } },
    { data: { values }, mark: { type: 'line', strokeWidth: 2, point: linePoint(frame) }, encoding: { x, y: yAmount('p50', unit, m), color: color(m.series.median) } },
    {
      data: { values: [{ zero: 0 }] },
      mark: { type: 'rule', color: COLORS.risk, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'zero', type: 'quantitative' } },
    },
    {
      data: { values: [{ zero: 0, label: m.series.zero }] },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -3, fontSize: 11, color: COLORS.risk },
      encoding: { y: { field: 'zero', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
    },
  ]);
}

/** Chart 3: new payout requests by type (stacked) against the three capacities. */
function requestsCapacityChart(results: Results, lang: ReportLang, m: Messages): ChartSpec {
  const frame = frameOf(results);
  const currency = results.meta.scenario.currency;
  // What a payment day has to meet: the backlog carried in (yesterday's closing unpaid requests)
  // plus today's new requests. On a day a limit binds, this bar reaches the capacity line.
  const carried = results.daily.map((_, i) => (i > 0 ? results.daily[i - 1].expectedBacklog : 0));
  const maxRequests = maxAbs(results.daily.map((d, i) => carried[i] + PAYOUT_TYPES.reduce((s, t) => s + d.requests[t], 0)));
  const maxCapacity = maxAbs(results.daily.flatMap((d) => [d.capacity.funding, d.capacity.channel, d.capacity.processing]));
  // A capacity far above the requests would flatten the bars to nothing: cut the axis at four
  // times the largest day's requests and say so in the subtitle.
  const cut = maxRequests > 0 && maxCapacity > 4 * maxRequests;
  const unit = chartUnit(cut ? 4 * maxRequests : Math.max(maxRequests, maxCapacity), currency, lang);
  const typeLabels = [m.series.carriedBacklog, ...PAYOUT_TYPES.map((t) => m.payoutTypes[t])];
  const requests = results.daily.flatMap((d, day) => [
    { date: d.date, type: typeLabels[0], order: 0, amount: inUnit(carried[day], unit) },
    ...PAYOUT_TYPES.map((t, i) => ({ date: d.date, type: m.payoutTypes[t], order: i + 1, amount: inUnit(d.requests[t], unit) })),
  ]);
  // Payments happen on business days only, so capacity is drawn as one segment per business day
  // (a step line with gaps on weekends and holidays) rather than a line diving to zero.
  const capacityLabels = [m.series.capacityFunding, m.series.capacityChannel, m.series.capacityProcessing];
  const capacity = results.daily
    .filter((d) => d.businessDay)
    .flatMap((d) => {
      const next = addDays(d.date, 1);
      return [
        { date: d.date, next, capacity: capacityLabels[0], amount: inUnit(d.capacity.funding, unit) },
        { date: d.date, next, capacity: capacityLabels[1], amount: inUnit(d.capacity.channel, unit) },
        { date: d.date, next, capacity: capacityLabels[2], amount: inUnit(d.capacity.processing, unit) },
      ];
    });
  const yScale = cut ? { domain: [0, round6((4 * maxRequests) / unit.divisor)], nice: false } : { domainMin: 0 };
  const c = m.charts.requestsCapacity;
  return layeredChart('requests-capacity', c.title, c.caption, [
    ...closedDayLayers(results, frame, m),
    {
      data: { values: requests },
      mark: { type: 'bar' },
      encoding: {
        x: xDate(frame, m),
        y: yAmount('amount', unit, m, { stack: 'zero', scale: yScale }),
        fill: {
          field: 'type',
          type: 'nominal',
          scale: { domain: typeLabels, range: [COLORS.backlog, COLORS.maturity, COLORS.surrender, COLORS.other] },
          legend: { title: null, orient: 'top' },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
    {
      data: { values: capacity },
      mark: { type: 'rule', strokeWidth: 2.2, clip: true },
      encoding: {
        x: xDate(frame, m, { scale: false }),
        x2: { field: 'next' },
        y: yAmount('amount', unit, m),
        stroke: {
          field: 'capacity',
          type: 'nominal',
          scale: { domain: capacityLabels, range: [COLORS.ink, COLORS.channel, COLORS.processing] },
          legend: { title: null, orient: 'bottom', symbolType: 'stroke', symbolStrokeWidth: 2.5 },
        },
      },
    },
  ], { subtitle: cut ? c.capacityCut : undefined, resolve: { legend: { fill: 'independent', stroke: 'independent' } } });
}

/**
 * Names of the credit lines in scenario order: the bank named in `meta.funding` (or, in a file
 * written before it, in the resolved scenario), else "line n".
 */
function creditLineNames(results: Results, m: Messages): string[] {
  const count = Math.max(0, ...results.daily.map((d) => d.creditDrawnByLine.length));
  const banks = creditLineBanks(results.meta, Math.max(count, creditLineBanks(results.meta).length));
  const names: string[] = [];
  banks.forEach((bank, i) => {
    let name = bank !== undefined && bank.trim() !== '' ? bank : m.series.creditLineDefault(i + 1);
    // Two lines from one bank must stay two series.
    if (names.includes(name)) name = `${name} (${i + 1})`;
    names.push(name);
  });
  return names;
}

/** Chart 4: closing cash and the cumulative use of each credit line and of asset sales. */
function fundingUsedChart(results: Results, lang: ReportLang, m: Messages): ChartSpec {
  const frame = frameOf(results);
  const currency = results.meta.scenario.currency;
  const lineNames = creditLineNames(results, m);
  const seriesLabels = [m.series.closingCash, ...lineNames.map((n) => m.series.creditLine(n)), m.series.assetSales];
  // Cumulate in integer cents so the running totals carry no binary rounding drift.
  const cumCredit = lineNames.map(() => 0);
  let cumAssets = 0;
  const rows: { date: string; series: string; order: number; cents: number }[] = [];
  for (const d of results.daily) {
    rows.push({ date: d.date, series: seriesLabels[0], order: 0, cents: Math.round(d.closingCash * 100) });
    lineNames.forEach((_, i) => {
      cumCredit[i] += Math.round((d.creditDrawnByLine[i] ?? 0) * 100);
      rows.push({ date: d.date, series: seriesLabels[i + 1], order: i + 1, cents: cumCredit[i] });
    });
    cumAssets += Math.round(d.assetsSold * 100);
    rows.push({ date: d.date, series: seriesLabels[seriesLabels.length - 1], order: seriesLabels.length - 1, cents: cumAssets });
  }
  const unit = chartUnit(maxAbs(rows.map((r) => r.cents / 100)), currency, lang);
  const values = rows.map((r) => ({ date: r.date, series: r.series, amount: inUnit(r.cents / 100, unit) }));
  const range = [COLORS.cash, ...lineNames.map((_, i) => CREDIT_LINE_COLORS[i % CREDIT_LINE_COLORS.length]), COLORS.assets];
  const c = m.charts.fundingUsed;
  return layeredChart('funding-used', c.title, c.caption, [
    ...closedDayLayers(results, frame, m),
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 2, point: linePoint(frame) },
      encoding: {
        x: midDay(xDate(frame, m)),
        y: yAmount('amount', unit, m),
        color: { field: 'series', type: 'nominal', scale: { domain: seriesLabels, range }, legend: { title: null, columns: 3 } },
        strokeDash: {
          field: 'series',
          type: 'nominal',
          scale: { domain: seriesLabels, range: seriesLabels.map((_, i) => (i === 0 ? [1, 0] : i === seriesLabels.length - 1 ? [2, 2] : [6, 3])) },
          legend: { title: null, columns: 3 },
        },
      },
    },
  ]);
}

/** Chart 5: backlog (upper panel) and overdue amount split by binding cause (lower panel). */
function backlogOverdueChart(results: Results, lang: ReportLang, m: Messages): ChartSpec {
  const frame = frameOf(results);
  const currency = results.meta.scenario.currency;
  const backlogUnit = chartUnit(maxAbs(results.daily.map((d) => d.expectedBacklog)), currency, lang);
  const overdueUnit = chartUnit(maxAbs(results.daily.map((d) => d.expectedShortfall)), currency, lang);
  const backlog = results.daily.map((d) => ({ date: d.date, amount: inUnit(d.expectedBacklog, backlogUnit) }));
  const causeLabels = CAUSES.map((k) => m.causes[k]);
  const overdue = results.daily.flatMap((d) =>
    CAUSES.map((k, i) => ({ date: d.date, cause: m.causes[k], order: i, amount: inUnit(d.expectedShortfall * d.causeShares[k], overdueUnit) })),
  );
  const anyOverdue = results.daily.some((d) => d.expectedShortfall > 0);
  const overdueArea = spanning(frame, xDate(frame, m), { type: 'area', interpolate: 'step' });
  const backlogArea = spanning(frame, xDate(frame, m, { axis: false }), {
    type: 'area',
    interpolate: 'step',
    color: COLORS.backlog,
    opacity: 0.55,
    line: { color: '#3F4B5B', strokeWidth: 1.2 },
  });
  const overdueLayers: object[] = [
    ...closedDayLayers(results, frame, m),
    {
      data: { values: overdue },
      mark: overdueArea.mark,
      encoding: {
        x: overdueArea.x,
        y: yAmount('amount', overdueUnit, m, { stack: 'zero', scale: anyOverdue ? { domainMin: 0 } : { domain: [0, 1] } }),
        color: {
          field: 'cause',
          type: 'nominal',
          scale: { domain: causeLabels, range: CAUSES.map((k) => COLORS[k]) },
          legend: { title: null, orient: 'top' },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  ];
  if (!anyOverdue) overdueLayers.push(noteLayer(m.chartNoShortfall));
  const c = m.charts.backlogOverdue;
  return {
    name: 'backlog-overdue',
    title: c.title,
    caption: c.caption,
    spec: {
      ...base(c.title),
      spacing: 18,
      vconcat: [
        {
          title: { text: c.backlogTitle, fontSize: 12, fontWeight: 'normal', anchor: 'start' },
          width: WIDTH,
          height: 130,
          layer: [
            ...closedDayLayers(results, frame, m),
            {
              data: { values: backlog },
              mark: backlogArea.mark,
              encoding: { x: backlogArea.x, y: yAmount('amount', backlogUnit, m, { scale: { domainMin: 0 } }) },
            },
          ],
        },
        {
          title: { text: c.overdueTitle, fontSize: 12, fontWeight: 'normal', anchor: 'start' },
          width: WIDTH,
          height: HEIGHT,
          layer: overdueLayers,
        },
      ],
    } as TopLevelSpec,
  };
}

/** Chart 6: on which date paths first fall short. */
function firstShortfallChart(results: Results, m: Messages): ChartSpec {
  const frame = frameOf(results);
  const distribution = results.summary.firstShortfall.distribution;
  const values = distribution.map((d) => ({ date: d.date, probability: d.probability, paths: d.paths }));
  const maxP = Math.max(0, ...values.map((v) => v.probability));
  const layers: object[] = [
    ...closedDayLayers(results, frame, m),
    {
      data: { values },
      mark: { type: 'bar', color: COLORS.risk },
      encoding: {
        x: xDate(frame, m),
        y: {
          field: 'probability',
          type: 'quantitative',
          title: m.axisShareOfPaths,
          axis: { format: '.2~%' },
          scale: maxP > 0 ? { domainMin: 0 } : { domain: [0, 0.01] },
        },
      },
    },
  ];
  if (values.length === 0) layers.push(noteLayer(m.chartNoShortfall));
  const c = m.charts.firstShortfall;
  return layeredChart('first-shortfall', c.title, values.length > 0 ? c.caption : c.captionNone, layers);
}

/** The six report charts, in reading order. */
export function buildChartSpecs(results: Results, lang: ReportLang): ChartSpec[] {
  const m = messages(lang);
  const shaded = closedRanges(results).length > 0;
  return [
    shortfallProbabilityChart(results, m),
    headroomChart(results, lang, m),
    requestsCapacityChart(results, lang, m),
    fundingUsedChart(results, lang, m),
    backlogOverdueChart(results, lang, m),
    firstShortfallChart(results, m),
  ].map((c) => (shaded ? { ...c, caption: `${c.caption}${lang === 'zh-CN' ? '' : ' '}${m.closedDaysNote}` } : c));
}

/** The index page's chart: each scenario's daily P(shortfall), overlaid, with their thresholds. */
export function buildOverlaySpec(entries: { label: string; results: Results }[], lang: ReportLang): ChartSpec {
  const m = messages(lang);
  const starts = entries.map((e) => frameOf(e.results).start).sort();
  const ends = entries.map((e) => frameOf(e.results).endNext).sort();
  const frame: Frame = {
    start: starts[0] ?? '1970-01-01',
    endNext: ends[ends.length - 1] ?? '1970-01-02',
    days: 0,
  };
  frame.days = Math.round((Date.parse(frame.endNext) - Date.parse(frame.start)) / DAY_MS);
  const labels = entries.map((e) => e.label);
  const values = entries.flatMap((e) => e.results.daily.map((d) => ({ date: d.date, scenario: e.label, probability: d.pShortfall })));
  const thresholds = [...new Set(entries.map((e) => e.results.meta.run.shortfallThreshold))].sort((a, b) => a - b);
  const yMax = Math.min(1, 1.15 * Math.max(...thresholds.map((t) => 2 * t), ...values.map((v) => v.probability), 0.01));
  const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#882255', '#44AA99', '#999999', '#000000'];
  return layeredChart('scenarios-shortfall-probability', m.indexChartTitle, m.indexChartCaption, [
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 2, point: linePoint(frame) },
      encoding: {
        x: midDay(xDate(frame, m)),
        y: {
          field: 'probability',
          type: 'quantitative',
          title: m.axisProbability,
          scale: { domain: [0, round6(yMax)], nice: false },
          axis: { format: '.2~%' },
        },
        color: {
          field: 'scenario',
          type: 'nominal',
          scale: { domain: labels, range: labels.map((_, i) => palette[i % palette.length]) },
          legend: { title: null, columns: 2 },
        },
      },
    },
    {
      data: { values: thresholds.map((t) => ({ threshold: t, label: m.series.threshold(formatPercent(t)) })) },
      mark: { type: 'rule', color: COLORS.ink, strokeDash: [6, 4], strokeWidth: 1.2 },
      encoding: { y: { field: 'threshold', type: 'quantitative' } },
    },
    {
      data: { values: thresholds.map((t) => ({ threshold: t, label: m.series.threshold(formatPercent(t)) })) },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 11, color: COLORS.ink },
      encoding: { y: { field: 'threshold', type: 'quantitative' }, x: { value: WIDTH - 4 }, text: { field: 'label' } },
    },
  ]);
}
