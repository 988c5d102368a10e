/**
 * Every piece of report text, one catalogue per language. Nothing user-visible is written inline
 * elsewhere in src/report: a translation or wording fix happens here only.
 *
 * Messages are plain strings or functions of already-formatted values (amounts, percentages and
 * dates arrive formatted; they are HTML-escaped by the caller, never here).
 */
import { DAILY_ORDER } from '../model/daily-order.js';
import type { Cause, PayoutType } from '../results/types.js';
import { QUANTILE_METHOD } from '../engine/sketch.js';
import { INTERVAL_METHOD } from '../results/stats.js';
import { WORST_PATH_CRITERION } from '../results/build.js';

export type ReportLang = 'en' | 'zh-CN';
export const REPORT_LANGS: readonly ReportLang[] = ['en', 'zh-CN'];

/**
 * The model's daily order of events, as the methodology section states it: generated from the one
 * statement of it, ../model/daily-order.ts (also the source of README.md's and docs/model.md's lists).
 */
export const ORDER_OF_EVENTS: Record<ReportLang, readonly string[]> = {
  en: DAILY_ORDER.map((s) => `${s.title}: ${s.text}`),
  'zh-CN': DAILY_ORDER.map((s) => `${s.titleZh}：${s.textZh}`),
};

export interface Messages {
  htmlLang: string;
  reportTitle: string;
  indexTitle: string;
  contents: string;
  /** The printed page number: a CSS `content` value (quoted text and counter(page) / counter(pages)). */
  pageNumber: string;
  generatedBy: (tool: string) => string;
  scenarioLabel: string;
  pathsCount: (paths: string) => string;
  periodLabel: (start: string, end: string, days: number) => string;
  dateRange: (start: string, end: string) => string;
  /** A 95% interval, e.g. `43.0% – 44.4%`. */
  interval: (low: string, high: string) => string;

  sections: {
    summary: string;
    windows: string;
    charts: string;
    ledger: string;
    assumptions: string;
    limitations: string;
    methodology: string;
    reproducibility: string;
    appendix: string;
  };

  // executive summary
  verdictTitle: string;
  verdictNone: (paths: string, upper: string) => string;
  verdictBelowThreshold: (p: string, threshold: string) => string;
  verdictWindows: (count: number, threshold: string, window: string, meanAll: string, meanShortfall: string, peak: string, cause: string) => string;
  verdictCutOff: (window: string, end: string, growing: boolean) => string;
  verdictRankTitle: string;
  rankColumns: { rank: string; window: string; meanAll: string; meanShortfall: string; peak: string; cause: string; lever: string };
  leverFunding: (amount: string, date: string) => string;
  leverChannel: (amount: string, bank: string, date: string) => string;
  leverProcessing: (payouts: string, date: string) => string;
  leverAchieved: (p: string) => string;
  leverNotFound: (lever: string, p: string) => string;
  leverNotComputed: string;
  leverMethod: (method: string) => string;
  horizonFlag: (growing: boolean) => string;
  keyFigures: string;
  pAnyShortfall: string;
  pAnyShortfallValue: (estimate: string, low: string, high: string) => string;
  worstWindow: string;
  worstWindowValue: (range: string, days: number, peak: string, peakDate: string) => string;
  noWindow: string;
  expectedPeakShortfall: string;
  expectedPeakShortfallValue: (mean: string, se: string) => string;
  tailShortfall: string;
  tailShortfallValue: (p95: string, p99: string, cvar: string, accuracy: string) => string;
  firstShortfall: string;
  firstShortfallValue: (earliest: string, p5: string, p50: string, p95: string, paths: string) => string;
  firstShortfallNone: string;
  amountsIn: (unit: string) => string;

  // windows
  windowsIntro: (threshold: string, grace: string) => string;
  windowsNone: (threshold: string) => string;
  windowColumns: {
    id: string;
    start: string;
    end: string;
    days: string;
    peakProbability: string;
    peakDate: string;
    maxExpectedShortfall: string;
    maxExpectedShortfallDate: string;
    maxMeanOnShortfallPaths: string;
    maxMeanOnShortfallPathsDate: string;
    dominantCause: string;
  };
  windowLabel: (index: number) => string;

  causes: Record<Cause, string>;
  /** Cause names short enough for a ledger column. */
  causesShort: Record<Cause, string>;
  payoutTypes: Record<PayoutType, string>;

  // charts
  figure: (n: number) => string;
  axisDate: string;
  axisProbability: string;
  axisAmount: (unit: string) => string;
  axisShareOfPaths: string;
  chartNoShortfall: string;
  /** Added to the caption of every date chart: what the grey bands are. */
  closedDaysNote: string;
  charts: {
    shortfallProbability: { title: string; caption: (threshold: string) => string; captionNoWindows: (threshold: string) => string };
    headroom: { title: string; caption: string };
    requestsCapacity: { title: string; caption: string; capacityCut: string };
    fundingUsed: { title: string; caption: string };
    backlogOverdue: { title: string; backlogTitle: string; overdueTitle: string; caption: string };
    firstShortfall: { title: string; caption: string; captionNone: string };
  };
  series: {
    pShortfall: string;
    ci95: string;
    threshold: (threshold: string) => string;
    band1to99: string;
    band5to95: string;
    median: string;
    zero: string;
    capacityFunding: string;
    capacityChannel: string;
    capacityProcessing: string;
    closingCash: string;
    creditLine: (name: string) => string;
    creditLineDefault: (n: number) => string;
    assetSales: string;
    backlog: string;
    carriedBacklog: string;
  };

  // ledger
  ledgerIntro: (path: string, criterion: string) => string;
  ledgerReconciled: (days: string) => string;
  ledgerNotReconciled: (bad: string, days: string) => string;
  ledgerEmpty: string;
  ledgerColumns: {
    date: string;
    openingCash: string;
    inflows: string;
    assetSales: string;
    creditDraws: string;
    payouts: (type: string) => string;
    closingCash: string;
    backlog: string;
    overdue: string;
    cause: string;
    check: string;
  };
  ledgerCheckOk: string;
  ledgerCheckFormula: string;

  // assumptions
  assumptionsIntro: string;
  keyAssumptions: string;
  assumptionRows: {
    name: string;
    description: string;
    file: string;
    currency: string;
    period: string;
    paths: string;
    seed: string;
    threshold: string;
    grace: string;
  };
  resolvedScenario: string;
  appendixIntro: string;
  assumptionColumns: { parameter: string; value: string; unit: string };
  sha256: string;

  // limitations
  limitationsIntro: string;

  // methodology
  orderOfEventsTitle: string;
  monteCarloTitle: string;
  monteCarloText: (paths: string, se: string, peakSe: string) => string;
  statisticsRows: { intervals: string; quantiles: string; accuracy: string };
  definitionsTitle: string;
  definitionShortfall: (grace: string) => string;
  definitionWindow: (threshold: string) => string;
  definitionHeadroom: string;
  definitionCoverage: string;
  definitionMeanAllPaths: string;
  definitionMeanShortfallPaths: string;
  definitionApproximate: (accuracy: string) => string;
  /** Known method texts of results.json in this language (English ones are shown as they are). */
  knownText: Record<string, string>;
  /** When a payout counts as overdue, given the grace days (already formatted). */
  /** `business`: the grace days are business days. */
  overdueRule: (graceDays: string, business: boolean) => string;

  // reproducibility
  reproIntro: string;
  reproRows: {
    tool: string;
    commit: string;
    asOf: string;
    runDate: string;
    schema: string;
    scenarioFile: string;
    sha256: string;
    seed: string;
    paths: string;
    generator: string;
    pathStream: string;
    blockSize: string;
    period: string;
  };
  reproduceCommand: string;
  reportCommand: string;
  commitUnknown: string;
  asOfNone: string;
  runDateValue: (date: string) => string;
  runDateNone: string;

  // index
  indexIntro: string;
  indexColumns: {
    scenario: string;
    pAnyShortfall: string;
    worstWindow: string;
    expectedPeakShortfall: string;
    coverage30: string;
    report: string;
  };
  indexOpenReport: string;
  indexChartTitle: string;
  indexChartCaption: string;
  notAvailable: string;
}

const en: Messages = {
  htmlLang: 'en',
  reportTitle: 'Liquidity stress test report',
  indexTitle: 'Liquidity stress test: scenario comparison',
  contents: 'Contents',
  pageNumber: '"Page " counter(page) " of " counter(pages)',
  generatedBy: (tool) => `Generated by ${tool}`,
  scenarioLabel: 'Scenario:',
  pathsCount: (paths) => `${paths} simulated paths`,
  periodLabel: (start, end, days) => `${start} to ${end} (${days === 1 ? '1 day' : `${days} days`})`,
  dateRange: (start, end) => (start === end ? start : `${start} – ${end}`),
  interval: (low, high) => `95% interval ${low} – ${high}`,

  sections: {
    summary: 'Executive summary',
    windows: 'Shortfall windows',
    charts: 'Charts',
    ledger: 'Worst path: daily cash ledger',
    assumptions: 'Assumptions',
    limitations: 'Limitations',
    methodology: 'Methodology',
    reproducibility: 'Reproducibility',
    appendix: 'Appendix: the resolved scenario',
  },

  verdictTitle: 'Verdict',
  verdictNone: (paths, upper) =>
    `No simulated path had an overdue payout within the horizon (${paths} paths). The probability of any shortfall is below ${upper} at 95% confidence.`,
  verdictBelowThreshold: (p, threshold) =>
    `Some paths had an overdue payout (probability ${p}), but on no date did the probability reach the ${threshold} threshold, so there is no shortfall window.`,
  verdictWindows: (count, threshold, window, meanAll, meanShortfall, peak, cause) =>
    `Payouts are at risk: on ${count === 1 ? 'one date range' : `${count} date ranges`} the probability of an overdue payout is at or above the ${threshold} threshold. Ranked by expected overdue amount, the worst window is ${window}: a mean overdue amount of up to ${meanAll} over all paths and ${meanShortfall} on the paths in shortfall, a peak probability of ${peak}; its dominant cause is ${cause}.`,
  verdictCutOff: (window, end, growing) =>
    `${window} runs to the last simulated date, ${end}${growing ? ', still growing' : ''}: it is cut off by the horizon, so its length and amounts are lower bounds.`,
  verdictRankTitle: 'Windows ranked by expected overdue amount, and what would close each',
  rankColumns: {
    rank: 'Rank',
    window: 'Window',
    meanAll: 'Mean overdue, all paths (max)',
    meanShortfall: 'Mean overdue, paths in shortfall (max)',
    peak: 'Peak probability',
    cause: 'Cause',
    lever: 'Lever',
  },
  leverFunding: (amount, date) => `a further ${amount} of same-day funding by ${date}`,
  leverChannel: (amount, bank, date) => `a channel limit of ${amount} per day on ${bank} by ${date}`,
  leverProcessing: (payouts, date) => `processing capacity of ${payouts} payouts per day by ${date}`,
  leverAchieved: (p) => `(largest probability with it: ${p})`,
  leverNotFound: (lever, p) => `not found: even ${lever} (the search’s upper bound) leaves a probability of ${p}, above the threshold`,
  leverNotComputed: 'lever not computed',
  leverMethod: (method) => `Levers found by ${method}.`,
  horizonFlag: (growing) => (growing ? 'cut off by the horizon, still growing' : 'cut off by the horizon'),
  keyFigures: 'Key figures',
  pAnyShortfall: 'Probability of any shortfall in the horizon',
  pAnyShortfallValue: (estimate, low, high) => `${estimate} (95% interval ${low} – ${high})`,
  worstWindow: 'Worst shortfall window',
  worstWindowValue: (range, days, peak, peakDate) => `${range} (${days === 1 ? '1 day' : `${days} days`}), peak probability ${peak} on ${peakDate}`,
  noWindow: 'none',
  expectedPeakShortfall: 'Peak overdue amount, mean over all paths',
  expectedPeakShortfallValue: (mean, se) => `${mean} (Monte Carlo standard error ${se})`,
  tailShortfall: 'Tail peak overdue amount',
  tailShortfallValue: (p95, p99, cvar, accuracy) =>
    `95th percentile ${p95}; 99th percentile ${p99}; mean of the worst 5% of paths ${cvar} (approximate: quantile sketch, ±${accuracy})`,
  firstShortfall: 'First shortfall date',
  firstShortfallValue: (earliest, p5, p50, p95, paths) =>
    `earliest ${earliest}; among the ${paths} paths with a shortfall: 5% by ${p5}, half by ${p50}, 95% by ${p95}`,
  firstShortfallNone: 'no path had a shortfall',
  amountsIn: (unit) => `Amounts in ${unit}.`,

  windowsIntro: (threshold, grace) =>
    `A shortfall window is a run of consecutive dates on which the probability that some payout is overdue (${grace}) is at or above ${threshold}.`,
  windowsNone: (threshold) => `No date reached the ${threshold} threshold: there is no shortfall window.`,
  windowColumns: {
    id: 'Window',
    start: 'Start',
    end: 'End',
    days: 'Days',
    peakProbability: 'Peak probability',
    peakDate: 'Peak date',
    maxExpectedShortfall: 'Largest mean overdue amount, all paths',
    maxExpectedShortfallDate: 'On',
    maxMeanOnShortfallPaths: 'Largest mean overdue amount, paths in shortfall',
    maxMeanOnShortfallPathsDate: 'On',
    dominantCause: 'Dominant cause',
  },
  windowLabel: (index) => `W${index}`,

  causes: {
    funding: 'funding',
    channel: 'payment-channel limits',
    processing: 'processing capacity',
  },
  causesShort: { funding: 'funding', channel: 'channel', processing: 'processing' },
  payoutTypes: { maturity: 'maturity', surrender: 'surrender', other: 'other' },

  figure: (n) => `Figure ${n}`,
  axisDate: 'Date',
  axisProbability: 'Probability of shortfall',
  axisAmount: (unit) => `Amount (${unit})`,
  axisShareOfPaths: 'Share of paths',
  chartNoShortfall: 'No simulated path had an overdue payout',
  closedDaysNote: 'Grey bands are the days no payment is made: weekends (light) and public holidays (darker).',
  charts: {
    shortfallProbability: {
      title: 'Probability of an overdue payout, by date',
      caption: (threshold) =>
        `Shaded date ranges are the shortfall windows, where the probability that some payout is overdue is at or above the ${threshold} threshold (dashed line); the light band is its 95% interval.`,
      captionNoWindows: (threshold) =>
        `No date reaches the ${threshold} threshold (dashed line), so there is no shortfall window; the light band is the 95% interval of the daily probability.`,
    },
    headroom: {
      title: 'Liquidity headroom across paths',
      caption:
        'Headroom is the liquidity still reachable (cash above the buffer, money in transit, undrawn credit, unsold assets after haircuts) minus unpaid payouts; where a band crosses the zero line, that share of paths has a funding gap on that date.',
    },
    requestsCapacity: {
      title: 'Daily payout requests against payment capacity',
      caption:
        'Each bar is what that day’s payments have to meet: the backlog carried in from earlier days (unpaid requests, grey) plus the mean new payout requests by type. Where a bar reaches a capacity line, that constraint (funding, channel limits or processing) binds and the backlog carries on to the next day.',
      capacityCut: 'Capacity lines above the top of the chart are cut off so the requests stay readable.',
    },
    fundingUsed: {
      title: 'Funding used: cash at hand, credit drawn and assets sold',
      caption:
        'Mean closing cash, with the cumulative amounts drawn on each credit line and raised from asset sales: it shows which lever the stressed paths lean on, and from when.',
    },
    backlogOverdue: {
      title: 'Backlog and overdue payouts by binding cause',
      backlogTitle: 'Mean unpaid payout requests (backlog)',
      overdueTitle: 'Mean overdue amount, by binding cause',
      caption:
        'The backlog is what has been requested but not yet paid; the lower panel is the part of it that is overdue, coloured by the constraint that kept it from being paid.',
    },
    firstShortfall: {
      title: 'When the first shortfall happens',
      caption:
        'Share of all paths whose first overdue payout falls on each date: the earliest bars show how much warning time there is.',
      captionNone: 'No simulated path had an overdue payout, so there is no first shortfall date to show.',
    },
  },
  series: {
    pShortfall: 'P(shortfall)',
    ci95: '95% interval',
    threshold: (threshold) => `threshold ${threshold}`,
    band1to99: 'P1–P99',
    band5to95: 'P5–P95',
    median: 'median',
    zero: 'zero headroom',
    capacityFunding: 'capacity: funding',
    capacityChannel: 'capacity: channel limits',
    capacityProcessing: 'capacity: processing',
    closingCash: 'closing cash',
    creditLine: (name) => `credit drawn: ${name}`,
    creditLineDefault: (n) => `line ${n}`,
    assetSales: 'asset sales (cumulative)',
    backlog: 'backlog',
    carriedBacklog: 'backlog carried in',
  },

  ledgerIntro: (path, criterion) =>
    `The ledger of path ${path}, chosen as the worst path (${criterion}). Each day: opening cash + inflows + asset sales + credit draws − payouts = closing cash.`,
  ledgerReconciled: (days) => `Reconciled to the cent on all ${days} days, and each day opens with the previous day’s closing cash.`,
  ledgerNotReconciled: (bad, days) => `${bad} of ${days} days do NOT reconcile to the cent (marked below).`,
  ledgerEmpty: 'The results hold no worst-path ledger.',
  ledgerColumns: {
    date: 'Date',
    openingCash: 'Opening cash',
    inflows: 'Inflows',
    assetSales: 'Asset sales',
    creditDraws: 'Credit draws',
    payouts: (type) => `Paid: ${type}`,
    closingCash: 'Closing cash',
    backlog: 'Backlog',
    overdue: 'Overdue',
    cause: 'Cause',
    check: 'Check',
  },
  ledgerCheckOk: '✓',
  ledgerCheckFormula: 'Check: opening + inflows + asset sales + credit draws − payouts − closing (0 when it reconciles), and opening = previous closing.',

  assumptionsIntro:
    'Every key parameter of the scenario as simulated (after `extends`, with CSV rows inlined), with its value and unit. The full resolved scenario is in the appendix; its SHA-256 identifies these exact inputs.',
  keyAssumptions: 'Key settings',
  assumptionRows: {
    name: 'Scenario name',
    description: 'Description',
    file: 'Scenario file',
    currency: 'Currency',
    period: 'Simulated period',
    paths: 'Monte Carlo paths',
    seed: 'Seed',
    threshold: 'Shortfall-window threshold',
    grace: 'Overdue grace period',
  },
  resolvedScenario: 'Resolved scenario (YAML)',
  appendixIntro: 'The scenario exactly as simulated and hashed, after `extends` and with CSV rows inlined.',
  assumptionColumns: { parameter: 'Parameter', value: 'Value', unit: 'Unit' },
  sha256: 'SHA-256 of the resolved scenario',

  limitationsIntro: 'What the model leaves out, deliberately. Read every figure in this report with these in mind.',

  orderOfEventsTitle: 'Order of events within a simulated day',
  monteCarloTitle: 'Monte Carlo error',
  monteCarloText: (paths, se, peakSe) =>
    `All figures are estimates from ${paths} independent simulated paths, so they carry Monte Carlo error: the probability of any shortfall has a standard error of ${se} (its 95% interval is shown next to it, and the band around the daily probability in figure 1 is the daily 95% interval); the expected peak overdue amount has a standard error of ${peakSe}. More paths shrink both in proportion to one over the square root of the number of paths.`,
  statisticsRows: {
    intervals: 'Intervals and standard errors',
    quantiles: 'Quantiles (headroom bands, tail amounts, first-shortfall dates)',
    accuracy: 'Quantile sketch relative accuracy',
  },
  definitionsTitle: 'Definitions',
  definitionShortfall: (grace) => `A payout is overdue when it is ${grace}; a path is in shortfall on a date when any payout is overdue at the end of it.`,
  definitionWindow: (threshold) => `A shortfall window is a run of consecutive dates with a probability of shortfall at or above ${threshold}.`,
  definitionHeadroom:
    'Liquidity headroom at the end of a date is cash above the minimum buffer, plus money in transit, the undrawn limits of the credit lines still available on the path and unsold assets after haircuts, minus all unpaid payout requests; negative headroom means the funding gap is already there.',
  definitionCoverage:
    'A liquidity coverage ratio (C-ROSS II LCR1-3, Basel-style LCR) divides the liquid resources of a horizon (inflows, opening cash and, where the framework counts them, high-quality liquid assets after discount) by the outflows due within it, on the deterministic regulatory path and per simulated path; see "Regulatory ratios".',
  definitionMeanAllPaths:
    'Mean overdue amount over all paths (the expected overdue amount): the overdue amount at the end of a date averaged over every simulated path, counting 0 where nothing is overdue; it weighs how likely a shortfall is by how large it is. results.json names it expectedShortfall; it is not the tail risk measure called expected shortfall.',
  definitionMeanShortfallPaths:
    'Mean overdue amount on shortfall paths: the same amount averaged only over the paths with something overdue on that date; as overdue is 0 on the other paths, it is the mean over all paths divided by the probability of shortfall that date. It says how large a shortfall is when there is one.',
  definitionApproximate: (accuracy) =>
    `Figures marked ≈ are quantiles read from a sketch with a relative accuracy of ±${accuracy}, and are rounded to that accuracy.`,
  knownText: {},
  overdueRule: (days, business) =>
    days === '0' ? 'still unpaid at the end of its due date' : `still unpaid ${days} ${business ? 'business ' : ''}days after its due date`,

  reproIntro: 'Everything needed to rerun this analysis and obtain the same results.json byte for byte.',
  reproRows: {
    tool: 'Tool',
    commit: 'Build commit',
    asOf: 'As-of date of the data',
    runDate: 'Run date',
    schema: 'Results schema',
    scenarioFile: 'Scenario file',
    sha256: 'Scenario SHA-256',
    seed: 'Seed',
    paths: 'Paths',
    generator: 'Random generator',
    pathStream: 'Path streams',
    blockSize: 'Block size',
    period: 'Simulated period',
  },
  reproduceCommand: 'Command that reproduces the simulation',
  reportCommand: 'Command that produced this report',
  commitUnknown: 'unknown (built outside git)',
  asOfNone: 'not stated (scenario key as_of)',
  runDateValue: (date) => `${date} (the date this report was produced; not in results.json, so the results’ bytes do not depend on it)`,
  runDateNone: 'not stated',

  indexIntro: 'One row per scenario; open a scenario’s report for its windows, charts, ledger and assumptions.',
  indexColumns: {
    scenario: 'Scenario',
    pAnyShortfall: 'P(any shortfall) and 95% interval',
    worstWindow: 'Worst window',
    expectedPeakShortfall: 'Peak overdue amount, mean over all paths',
    coverage30: 'Basel-style LCR, 30 days',
    report: 'Report',
  },
  indexOpenReport: 'open report',
  indexChartTitle: 'Probability of an overdue payout, by date and scenario',
  indexChartCaption: 'Each line is one scenario’s daily probability that some payout is overdue; dashed lines are the window thresholds.',
  notAvailable: 'n/a',
};

const zhCN: Messages = {
  htmlLang: 'zh-CN',
  reportTitle: '流动性压力测试报告',
  indexTitle: '流动性压力测试：情景比较',
  contents: '目录',
  pageNumber: '"第 " counter(page) " 页，共 " counter(pages) " 页"',
  generatedBy: (tool) => `由 ${tool} 生成`,
  scenarioLabel: '情景：',
  pathsCount: (paths) => `${paths} 条模拟路径`,
  periodLabel: (start, end, days) => `${start} 至 ${end}（${days} 天）`,
  dateRange: (start, end) => (start === end ? start : `${start} 至 ${end}`),
  interval: (low, high) => `95% 区间 ${low} – ${high}`,

  sections: {
    summary: '摘要',
    windows: '给付缺口时间窗口',
    charts: '图表',
    ledger: '最差路径：逐日现金台账',
    assumptions: '假设',
    limitations: '局限',
    methodology: '方法说明',
    reproducibility: '可复现性',
    appendix: '附录：完整情景',
  },

  verdictTitle: '结论',
  verdictNone: (paths, upper) => `在模拟期内，所有模拟路径（${paths} 条）均未出现逾期给付。在 95% 置信水平下，出现给付缺口的概率低于 ${upper}。`,
  verdictBelowThreshold: (p, threshold) =>
    `部分路径出现逾期给付（概率 ${p}），但没有任何日期的缺口概率达到 ${threshold} 的阈值，因此不存在缺口时间窗口。`,
  verdictWindows: (count, threshold, window, meanAll, meanShortfall, peak, cause) =>
    `给付存在风险：共有 ${count} 个日期区间的逾期给付概率达到或超过 ${threshold} 的阈值。按期望逾期金额排序，最严重的窗口为 ${window}：全部路径的平均逾期金额最高 ${meanAll}，出现缺口路径的平均逾期金额最高 ${meanShortfall}，峰值概率 ${peak}；主要原因为${cause}。`,
  verdictCutOff: (window, end, growing) =>
    `${window} 延续到最后一个模拟日 ${end}${growing ? '且仍在扩大' : ''}：该窗口被模拟期截断，其长度和金额只是下限。`,
  verdictRankTitle: '按期望逾期金额排序的窗口及其应对措施',
  rankColumns: {
    rank: '排序',
    window: '窗口',
    meanAll: '全部路径平均逾期（最高）',
    meanShortfall: '缺口路径平均逾期（最高）',
    peak: '峰值概率',
    cause: '原因',
    lever: '应对措施',
  },
  leverFunding: (amount, date) => `在 ${date} 前额外落实 ${amount} 当日可用资金`,
  leverChannel: (amount, bank, date) => `在 ${date} 前将 ${bank} 通道单日限额提高到 ${amount}`,
  leverProcessing: (payouts, date) => `在 ${date} 前将处理能力提高到每日 ${payouts} 笔给付`,
  leverAchieved: (p) => `（采取后最高概率 ${p}）`,
  leverNotFound: (lever, p) => `未找到：即使${lever}（搜索上限），概率仍为 ${p}，高于阈值`,
  leverNotComputed: '未计算应对措施',
  leverMethod: (method) => `应对措施的求解方法：${method}。`,
  horizonFlag: (growing) => (growing ? '被模拟期截断，仍在扩大' : '被模拟期截断'),
  keyFigures: '关键指标',
  pAnyShortfall: '模拟期内出现给付缺口的概率',
  pAnyShortfallValue: (estimate, low, high) => `${estimate}（95% 区间 ${low} – ${high}）`,
  worstWindow: '最严重的缺口窗口',
  worstWindowValue: (range, days, peak, peakDate) => `${range}（${days} 天），峰值概率 ${peak}（${peakDate}）`,
  noWindow: '无',
  expectedPeakShortfall: '逾期金额峰值（全部路径的均值）',
  expectedPeakShortfallValue: (mean, se) => `${mean}（蒙特卡洛标准误 ${se}）`,
  tailShortfall: '逾期金额峰值的尾部',
  tailShortfallValue: (p95, p99, cvar, accuracy) => `第 95 百分位 ${p95}；第 99 百分位 ${p99}；最差 5% 路径的均值 ${cvar}（近似值：分位数草图，±${accuracy}）`,
  firstShortfall: '首次缺口日期',
  firstShortfallValue: (earliest, p5, p50, p95, paths) =>
    `最早 ${earliest}；在出现缺口的 ${paths} 条路径中：5% 在 ${p5} 前，一半在 ${p50} 前，95% 在 ${p95} 前`,
  firstShortfallNone: '无路径出现缺口',
  amountsIn: (unit) => `金额单位：${unit}。`,

  windowsIntro: (threshold, grace) => `缺口时间窗口是指连续若干日期，在这些日期上出现逾期给付（${grace}）的概率达到或超过 ${threshold}。`,
  windowsNone: (threshold) => `没有任何日期达到 ${threshold} 的阈值：不存在缺口时间窗口。`,
  windowColumns: {
    id: '窗口',
    start: '开始',
    end: '结束',
    days: '天数',
    peakProbability: '峰值概率',
    peakDate: '峰值日期',
    maxExpectedShortfall: '全部路径平均逾期金额（最高）',
    maxExpectedShortfallDate: '日期',
    maxMeanOnShortfallPaths: '缺口路径平均逾期金额（最高）',
    maxMeanOnShortfallPathsDate: '日期',
    dominantCause: '主要原因',
  },
  windowLabel: (index) => `W${index}`,

  causes: {
    funding: '资金不足',
    channel: '支付通道限额',
    processing: '处理能力',
  },
  causesShort: { funding: '资金', channel: '通道', processing: '处理' },
  payoutTypes: { maturity: '满期给付', surrender: '退保', other: '其他' },

  figure: (n) => `图 ${n}`,
  axisDate: '日期',
  axisProbability: '缺口概率',
  axisAmount: (unit) => `金额（${unit}）`,
  axisShareOfPaths: '路径占比',
  chartNoShortfall: '所有模拟路径均未出现逾期给付',
  closedDaysNote: '灰色带为不办理支付的日期：周末（浅灰）和法定节假日（深灰）。',
  charts: {
    shortfallProbability: {
      title: '逐日逾期给付概率',
      caption: (threshold) => `阴影区间为缺口时间窗口，即逾期给付概率达到或超过 ${threshold} 阈值（虚线）的日期；浅色带为其 95% 区间。`,
      captionNoWindows: (threshold) => `没有任何日期达到 ${threshold} 的阈值（虚线），因此不存在缺口时间窗口；浅色带为逐日概率的 95% 区间。`,
    },
    headroom: {
      title: '各路径的流动性余量',
      caption: '流动性余量为仍可动用的流动性（缓冲以上的现金、在途资金、未提用授信、折扣后的未出售资产）减未付给付；分位带跌破零线的日期，相应比例的路径已出现资金缺口。',
    },
    requestsCapacity: {
      title: '逐日给付申请与支付能力',
      caption: '每根柱形为当日支付需要满足的金额：前日结转的积压（未付申请，灰色）加上各类给付的平均每日新增申请。柱形达到某条能力线时，该约束（资金、通道限额或处理能力）起作用，积压结转至次日。',
      capacityCut: '为使申请金额清晰可读，超出图表上沿的能力线部分被截断。',
    },
    fundingUsed: {
      title: '资金使用：现金、银行授信提款与资产出售',
      caption: '平均期末现金，以及各银行授信的累计提款和资产出售的累计所得：显示压力路径依赖哪种资金来源，以及从何时开始。',
    },
    backlogOverdue: {
      title: '积压与逾期给付及其约束原因',
      backlogTitle: '平均未付给付申请（积压）',
      overdueTitle: '平均逾期金额（按约束原因）',
      caption: '积压是已申请但尚未支付的金额；下方为其中已逾期的部分，按导致未能支付的约束着色。',
    },
    firstShortfall: {
      title: '首次缺口发生日期',
      caption: '首次逾期给付落在各日期的路径占全部路径的比例：最早的柱形显示可提前预警的时间。',
      captionNone: '所有模拟路径均未出现逾期给付，因此没有首次缺口日期。',
    },
  },
  series: {
    pShortfall: '缺口概率',
    ci95: '95% 区间',
    threshold: (threshold) => `阈值 ${threshold}`,
    band1to99: 'P1–P99',
    band5to95: 'P5–P95',
    median: '中位数',
    zero: '零余量',
    capacityFunding: '能力：资金',
    capacityChannel: '能力：通道限额',
    capacityProcessing: '能力：处理能力',
    closingCash: '期末现金',
    creditLine: (name) => `授信提款：${name}`,
    creditLineDefault: (n) => `授信 ${n}`,
    assetSales: '资产出售（累计）',
    backlog: '积压',
    carriedBacklog: '前日结转积压',
  },

  ledgerIntro: (path, criterion) =>
    `第 ${path} 条路径的台账，按"${criterion}"选为最差路径。每日：期初现金 + 现金流入 + 资产出售 + 授信提款 − 给付 = 期末现金。`,
  ledgerReconciled: (days) => `全部 ${days} 天均精确到分核对一致，且每日期初现金等于前一日期末现金。`,
  ledgerNotReconciled: (bad, days) => `${days} 天中有 ${bad} 天未能精确到分核对一致（见下表标记）。`,
  ledgerEmpty: '结果中没有最差路径台账。',
  ledgerColumns: {
    date: '日期',
    openingCash: '期初现金',
    inflows: '现金流入',
    assetSales: '资产出售',
    creditDraws: '授信提款',
    payouts: (type) => `已付：${type}`,
    closingCash: '期末现金',
    backlog: '积压',
    overdue: '逾期',
    cause: '原因',
    check: '核对',
  },
  ledgerCheckOk: '✓',
  ledgerCheckFormula: '核对：期初 + 流入 + 资产出售 + 授信提款 − 给付 − 期末（一致时为 0），且期初 = 前一日期末。',

  assumptionsIntro: '实际模拟情景（已合并继承的基础情景，并内嵌 CSV 数据）的各项关键参数及其数值和单位。完整情景见附录；其 SHA-256 唯一标识这些输入。',
  keyAssumptions: '主要设置',
  assumptionRows: {
    name: '情景名称',
    description: '说明',
    file: '情景文件',
    currency: '币种',
    period: '模拟期',
    paths: '蒙特卡洛路径数',
    seed: '随机种子',
    threshold: '缺口窗口阈值',
    grace: '逾期宽限期',
  },
  resolvedScenario: '完整情景（YAML）',
  appendixIntro: '实际模拟并计算哈希值的完整情景（已合并继承的基础情景，并内嵌 CSV 数据）。',
  assumptionColumns: { parameter: '参数', value: '数值', unit: '单位' },
  sha256: '完整情景的 SHA-256',

  limitationsIntro: '模型有意未纳入的内容。阅读本报告的各项数字时请考虑这些局限。',

  orderOfEventsTitle: '模拟日内的事件顺序',
  monteCarloTitle: '蒙特卡洛误差',
  monteCarloText: (paths, se, peakSe) =>
    `所有数字均为 ${paths} 条独立模拟路径的估计值，因此存在蒙特卡洛误差：出现缺口概率的标准误为 ${se}（其 95% 区间列于数值旁，图 1 中逐日概率周围的浅色带为逐日 95% 区间）；逾期金额峰值期望的标准误为 ${peakSe}。增加路径数可使两者按路径数平方根的倒数缩小。`,
  statisticsRows: {
    intervals: '区间与标准误',
    quantiles: '分位数（余量分位带、尾部金额、首次缺口日期）',
    accuracy: '分位数草图的相对精度',
  },
  definitionsTitle: '定义',
  definitionShortfall: (grace) => `给付${grace}即为逾期；若某日日终有任何逾期给付，该路径当日即处于缺口状态。`,
  definitionWindow: (threshold) => `缺口时间窗口是缺口概率连续达到或超过 ${threshold} 的日期区间。`,
  definitionHeadroom: '日终流动性余量为最低现金缓冲以上的现金，加在途资金、该路径上仍可用的银行授信未提用额度和折扣后的未出售资产，减全部未付给付申请；余量为负表示资金缺口已经存在。',
  definitionCoverage: '流动性覆盖率（偿二代二期 LCR1-3、巴塞尔式 LCR）为某期限内的流动性资源（现金流入、期初现金，以及框架所计入的折扣后优质流动资产）除以该期限内到期的现金流出，按确定性监管路径及各模拟路径计算；详见“监管指标”。',
  definitionMeanAllPaths:
    '全部路径的平均逾期金额（期望逾期金额）：某日日终的逾期金额对全部模拟路径求平均，无逾期的路径计为 0；它综合了缺口发生的可能性和规模。results.json 中字段名为 expectedShortfall，但它并非尾部风险度量“预期短缺”。',
  definitionMeanShortfallPaths:
    '缺口路径的平均逾期金额：只对当日有逾期的路径求平均；由于其他路径的逾期金额为 0，它等于全部路径的均值除以当日的缺口概率，表示一旦出现缺口其规模有多大。',
  definitionApproximate: (accuracy) => `标有 ≈ 的数字是从相对精度为 ±${accuracy} 的分位数草图读取的分位数，并按该精度取整。`,
  knownText: {
    [WORST_PATH_CRITERION]: '逾期金额峰值最大，其次流动性余量最小值最低，再次路径编号最小',
    [QUANTILE_METHOD]: '下秩：n 个路径值升序排列后第 floor(q(n-1)) 位（从 0 起）的值，从相对精度为 0.005 的 DDSketch 式对数分桶草图读取（绝对值小于 1 分的值计为 0）',
    [INTERVAL_METHOD]: '不带连续性修正的 Wilson 得分区间，95%（z = 1.959963984540054）；比例的标准误为 sqrt(p(1-p)/n)，均值的标准误为 s/sqrt(n)，s 为 n-1 自由度的样本标准差',
  },
  overdueRule: (days, business) => (days === '0' ? '到期日日终仍未支付' : `到期后 ${days} ${business ? '个工作日' : '天'}仍未支付`),

  reproIntro: '重新运行本分析并得到逐字节相同的 results.json 所需的全部信息。',
  reproRows: {
    tool: '工具',
    commit: '构建版本（提交）',
    asOf: '数据截止日',
    runDate: '运行日期',
    schema: '结果格式',
    scenarioFile: '情景文件',
    sha256: '情景 SHA-256',
    seed: '随机种子',
    paths: '路径数',
    generator: '随机数生成器',
    pathStream: '路径随机流',
    blockSize: '分块大小',
    period: '模拟期',
  },
  reproduceCommand: '复现模拟的命令',
  reportCommand: '生成本报告的命令',
  commitUnknown: '未知（非 git 构建）',
  asOfNone: '未说明（情景键 as_of）',
  runDateValue: (date) => `${date}（本报告的生成日期；不写入 results.json，因此结果文件的字节不受其影响）`,
  runDateNone: '未说明',

  indexIntro: '每个情景一行；打开各情景的报告可查看窗口、图表、台账和假设。',
  indexColumns: {
    scenario: '情景',
    pAnyShortfall: '出现缺口的概率及 95% 区间',
    worstWindow: '最严重的窗口',
    expectedPeakShortfall: '逾期金额峰值（全部路径的均值）',
    coverage30: '巴塞尔式流动性覆盖率（30天）',
    report: '报告',
  },
  indexOpenReport: '打开报告',
  indexChartTitle: '各情景逐日逾期给付概率',
  indexChartCaption: '每条线为一个情景的逐日逾期给付概率；虚线为窗口阈值。',
  notAvailable: '不适用',
};

const catalogues: Record<ReportLang, Messages> = { en, 'zh-CN': zhCN };

/** The message catalogue of a report language. */
export function messages(lang: ReportLang): Messages {
  return catalogues[lang];
}
