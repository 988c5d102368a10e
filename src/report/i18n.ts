/**
 * Every piece of report text, in one catalogue with both languages side by side: each entry is
 * `{ en: ..., 'zh-CN': ... }`, so a translation is read next to its source and a missing one is a
 * type error. Nothing user-visible is written inline elsewhere in src/report (the regulatory and
 * actions sections keep their own tables, in the same form, next to their code): a translation or
 * wording fix happens here only.
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

/** One text in every report language. */
export interface Both<T> {
  readonly en: T;
  readonly 'zh-CN': T;
}

/**
 * A text table with the languages side by side: each string, list or message function of `T` becomes
 * `{ en, 'zh-CN' }` (an optional text: undefined in a language that has none); groups of texts stay groups. A map keyed by data (`Record<string, string>`)
 * is one entry, so each language lists its own keys.
 */
export type Bilingual<T> = {
  readonly [K in keyof T]-?: T[K] extends string | undefined | readonly unknown[] | ((...args: never[]) => unknown) ? Both<T[K]> : string extends keyof T[K] ? Both<T[K]> : Bilingual<T[K]>;
};

function isBoth(node: object): node is Both<unknown> {
  const keys = Object.keys(node);
  return keys.length === 2 && keys[0] === 'en' && keys[1] === 'zh-CN';
}

/** The table of each language, taken once from a side-by-side table. */
export function byLanguage<T>(table: Bilingual<T>): Record<ReportLang, T> {
  const pick = (node: object, lang: ReportLang): unknown =>
    isBoth(node) ? node[lang] : Object.fromEntries(Object.entries(node).map(([key, child]) => [key, pick(child as object, lang)]));
  return { en: pick(table, 'en') as T, 'zh-CN': pick(table, 'zh-CN') as T };
}

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

const catalogues = byLanguage<Messages>({
  htmlLang: { en: 'en', 'zh-CN': 'zh-CN' },
  reportTitle: { en: 'Liquidity stress test report', 'zh-CN': '流动性压力测试报告' },
  indexTitle: { en: 'Liquidity stress test: scenario comparison', 'zh-CN': '流动性压力测试：情景比较' },
  contents: { en: 'Contents', 'zh-CN': '目录' },
  pageNumber: { en: '"Page " counter(page) " of " counter(pages)', 'zh-CN': '"第 " counter(page) " 页，共 " counter(pages) " 页"' },
  generatedBy: { en: (tool) => `Generated by ${tool}`, 'zh-CN': (tool) => `由 ${tool} 生成` },
  scenarioLabel: { en: 'Scenario:', 'zh-CN': '情景：' },
  pathsCount: { en: (paths) => `${paths} simulated paths`, 'zh-CN': (paths) => `${paths} 条模拟路径` },
  periodLabel: {
    en: (start, end, days) => `${start} to ${end} (${days === 1 ? '1 day' : `${days} days`})`,
    'zh-CN': (start, end, days) => `${start} 至 ${end}（${days} 天）`,
  },
  dateRange: { en: (start, end) => (start === end ? start : `${start} – ${end}`), 'zh-CN': (start, end) => (start === end ? start : `${start} 至 ${end}`) },
  interval: { en: (low, high) => `95% interval ${low} – ${high}`, 'zh-CN': (low, high) => `95% 区间 ${low} – ${high}` },

  sections: {
    summary: { en: 'Executive summary', 'zh-CN': '摘要' },
    windows: { en: 'Shortfall windows', 'zh-CN': '给付缺口时间窗口' },
    charts: { en: 'Charts', 'zh-CN': '图表' },
    ledger: { en: 'Worst path: daily cash ledger', 'zh-CN': '最差路径：逐日现金台账' },
    assumptions: { en: 'Assumptions', 'zh-CN': '假设' },
    limitations: { en: 'Limitations', 'zh-CN': '局限' },
    methodology: { en: 'Methodology', 'zh-CN': '方法说明' },
    reproducibility: { en: 'Reproducibility', 'zh-CN': '可复现性' },
    appendix: { en: 'Appendix: the resolved scenario', 'zh-CN': '附录：完整情景' },
  },

  verdictTitle: { en: 'Verdict', 'zh-CN': '结论' },
  verdictNone: {
    en: (paths, upper) =>
      `No simulated path had an overdue payout within the horizon (${paths} paths). The probability of any shortfall is below ${upper} at 95% confidence.`,
    'zh-CN': (paths, upper) => `在模拟期内，所有模拟路径（${paths} 条）均未出现逾期给付。在 95% 置信水平下，出现给付缺口的概率低于 ${upper}。`,
  },
  verdictBelowThreshold: {
    en: (p, threshold) =>
      `Some paths had an overdue payout (probability ${p}), but on no date did the probability reach the ${threshold} threshold, so there is no shortfall window.`,
    'zh-CN': (p, threshold) =>
      `部分路径出现逾期给付（概率 ${p}），但没有任何日期的缺口概率达到 ${threshold} 的阈值，因此不存在缺口时间窗口。`,
  },
  verdictWindows: {
    en: (count, threshold, window, meanAll, meanShortfall, peak, cause) =>
      `Payouts are at risk: on ${count === 1 ? 'one date range' : `${count} date ranges`} the probability of an overdue payout is at or above the ${threshold} threshold. Ranked by expected overdue amount, the worst window is ${window}: a mean overdue amount of up to ${meanAll} over all paths and ${meanShortfall} on the paths in shortfall, a peak probability of ${peak}; its dominant cause is ${cause}.`,
    'zh-CN': (count, threshold, window, meanAll, meanShortfall, peak, cause) =>
      `给付存在风险：共有 ${count} 个日期区间的逾期给付概率达到或超过 ${threshold} 的阈值。按期望逾期金额排序，最严重的窗口为 ${window}：全部路径的平均逾期金额最高 ${meanAll}，出现缺口路径的平均逾期金额最高 ${meanShortfall}，峰值概率 ${peak}；主要原因为${cause}。`,
  },
  verdictCutOff: {
    en: (window, end, growing) =>
      `${window} runs to the last simulated date, ${end}${growing ? ', still growing' : ''}: it is cut off by the horizon, so its length and amounts are lower bounds.`,
    'zh-CN': (window, end, growing) =>
      `${window} 延续到最后一个模拟日 ${end}${growing ? '且仍在扩大' : ''}：该窗口被模拟期截断，其长度和金额只是下限。`,
  },
  verdictRankTitle: { en: 'Windows ranked by expected overdue amount, and what would close each', 'zh-CN': '按期望逾期金额排序的窗口及其应对措施' },
  rankColumns: {
    rank: { en: 'Rank', 'zh-CN': '排序' },
    window: { en: 'Window', 'zh-CN': '窗口' },
    meanAll: { en: 'Mean overdue, all paths (max)', 'zh-CN': '全部路径平均逾期（最高）' },
    meanShortfall: { en: 'Mean overdue, paths in shortfall (max)', 'zh-CN': '缺口路径平均逾期（最高）' },
    peak: { en: 'Peak probability', 'zh-CN': '峰值概率' },
    cause: { en: 'Cause', 'zh-CN': '原因' },
    lever: { en: 'Lever', 'zh-CN': '应对措施' },
  },
  leverFunding: { en: (amount, date) => `a further ${amount} of same-day funding by ${date}`, 'zh-CN': (amount, date) => `在 ${date} 前额外落实 ${amount} 当日可用资金` },
  leverChannel: {
    en: (amount, bank, date) => `a channel limit of ${amount} per day on ${bank} by ${date}`,
    'zh-CN': (amount, bank, date) => `在 ${date} 前将 ${bank} 通道单日限额提高到 ${amount}`,
  },
  leverProcessing: {
    en: (payouts, date) => `processing capacity of ${payouts} payouts per day by ${date}`,
    'zh-CN': (payouts, date) => `在 ${date} 前将处理能力提高到每日 ${payouts} 笔给付`,
  },
  leverAchieved: { en: (p) => `(largest probability with it: ${p})`, 'zh-CN': (p) => `（采取后最高概率 ${p}）` },
  leverNotFound: {
    en: (lever, p) => `not found: even ${lever} (the search’s upper bound) leaves a probability of ${p}, above the threshold`,
    'zh-CN': (lever, p) => `未找到：即使${lever}（搜索上限），概率仍为 ${p}，高于阈值`,
  },
  leverNotComputed: { en: 'lever not computed', 'zh-CN': '未计算应对措施' },
  leverMethod: { en: (method) => `Levers found by ${method}.`, 'zh-CN': (method) => `应对措施的求解方法：${method}。` },
  horizonFlag: {
    en: (growing) => (growing ? 'cut off by the horizon, still growing' : 'cut off by the horizon'),
    'zh-CN': (growing) => (growing ? '被模拟期截断，仍在扩大' : '被模拟期截断'),
  },
  keyFigures: { en: 'Key figures', 'zh-CN': '关键指标' },
  pAnyShortfall: { en: 'Probability of any shortfall in the horizon', 'zh-CN': '模拟期内出现给付缺口的概率' },
  pAnyShortfallValue: {
    en: (estimate, low, high) => `${estimate} (95% interval ${low} – ${high})`,
    'zh-CN': (estimate, low, high) => `${estimate}（95% 区间 ${low} – ${high}）`,
  },
  worstWindow: { en: 'Worst shortfall window', 'zh-CN': '最严重的缺口窗口' },
  worstWindowValue: {
    en: (range, days, peak, peakDate) => `${range} (${days === 1 ? '1 day' : `${days} days`}), peak probability ${peak} on ${peakDate}`,
    'zh-CN': (range, days, peak, peakDate) => `${range}（${days} 天），峰值概率 ${peak}（${peakDate}）`,
  },
  noWindow: { en: 'none', 'zh-CN': '无' },
  expectedPeakShortfall: { en: 'Peak overdue amount, mean over all paths', 'zh-CN': '逾期金额峰值（全部路径的均值）' },
  expectedPeakShortfallValue: { en: (mean, se) => `${mean} (Monte Carlo standard error ${se})`, 'zh-CN': (mean, se) => `${mean}（蒙特卡洛标准误 ${se}）` },
  tailShortfall: { en: 'Tail peak overdue amount', 'zh-CN': '逾期金额峰值的尾部' },
  tailShortfallValue: {
    en: (p95, p99, cvar, accuracy) =>
      `95th percentile ${p95}; 99th percentile ${p99}; mean of the worst 5% of paths ${cvar} (approximate: quantile sketch, ±${accuracy})`,
    'zh-CN': (p95, p99, cvar, accuracy) => `第 95 百分位 ${p95}；第 99 百分位 ${p99}；最差 5% 路径的均值 ${cvar}（近似值：分位数草图，±${accuracy}）`,
  },
  firstShortfall: { en: 'First shortfall date', 'zh-CN': '首次缺口日期' },
  firstShortfallValue: {
    en: (earliest, p5, p50, p95, paths) =>
      `earliest ${earliest}; among the ${paths} paths with a shortfall: 5% by ${p5}, half by ${p50}, 95% by ${p95}`,
    'zh-CN': (earliest, p5, p50, p95, paths) =>
      `最早 ${earliest}；在出现缺口的 ${paths} 条路径中：5% 在 ${p5} 前，一半在 ${p50} 前，95% 在 ${p95} 前`,
  },
  firstShortfallNone: { en: 'no path had a shortfall', 'zh-CN': '无路径出现缺口' },
  amountsIn: { en: (unit) => `Amounts in ${unit}.`, 'zh-CN': (unit) => `金额单位：${unit}。` },

  windowsIntro: {
    en: (threshold, grace) =>
      `A shortfall window is a run of consecutive dates on which the probability that some payout is overdue (${grace}) is at or above ${threshold}.`,
    'zh-CN': (threshold, grace) => `缺口时间窗口是指连续若干日期，在这些日期上出现逾期给付（${grace}）的概率达到或超过 ${threshold}。`,
  },
  windowsNone: {
    en: (threshold) => `No date reached the ${threshold} threshold: there is no shortfall window.`,
    'zh-CN': (threshold) => `没有任何日期达到 ${threshold} 的阈值：不存在缺口时间窗口。`,
  },
  windowColumns: {
    id: { en: 'Window', 'zh-CN': '窗口' },
    start: { en: 'Start', 'zh-CN': '开始' },
    end: { en: 'End', 'zh-CN': '结束' },
    days: { en: 'Days', 'zh-CN': '天数' },
    peakProbability: { en: 'Peak probability', 'zh-CN': '峰值概率' },
    peakDate: { en: 'Peak date', 'zh-CN': '峰值日期' },
    maxExpectedShortfall: { en: 'Largest mean overdue amount, all paths', 'zh-CN': '全部路径平均逾期金额（最高）' },
    maxExpectedShortfallDate: { en: 'On', 'zh-CN': '日期' },
    maxMeanOnShortfallPaths: { en: 'Largest mean overdue amount, paths in shortfall', 'zh-CN': '缺口路径平均逾期金额（最高）' },
    maxMeanOnShortfallPathsDate: { en: 'On', 'zh-CN': '日期' },
    dominantCause: { en: 'Dominant cause', 'zh-CN': '主要原因' },
  },
  windowLabel: { en: (index) => `W${index}`, 'zh-CN': (index) => `W${index}` },

  causes: {
    funding: { en: 'funding', 'zh-CN': '资金不足' },
    channel: { en: 'payment-channel limits', 'zh-CN': '支付通道限额' },
    processing: { en: 'processing capacity', 'zh-CN': '处理能力' },
  },
  causesShort: {
    funding: { en: 'funding', 'zh-CN': '资金' },
    channel: { en: 'channel', 'zh-CN': '通道' },
    processing: { en: 'processing', 'zh-CN': '处理' },
  },
  payoutTypes: {
    maturity: { en: 'maturity', 'zh-CN': '满期给付' },
    surrender: { en: 'surrender', 'zh-CN': '退保' },
    other: { en: 'other', 'zh-CN': '其他' },
  },

  figure: { en: (n) => `Figure ${n}`, 'zh-CN': (n) => `图 ${n}` },
  axisDate: { en: 'Date', 'zh-CN': '日期' },
  axisProbability: { en: 'Probability of shortfall', 'zh-CN': '缺口概率' },
  axisAmount: { en: (unit) => `Amount (${unit})`, 'zh-CN': (unit) => `金额（${unit}）` },
  axisShareOfPaths: { en: 'Share of paths', 'zh-CN': '路径占比' },
  chartNoShortfall: { en: 'No simulated path had an overdue payout', 'zh-CN': '所有模拟路径均未出现逾期给付' },
  closedDaysNote: {
    en: 'Grey bands are the days no payment is made: weekends (light) and public holidays (darker).',
    'zh-CN': '灰色带为不办理支付的日期：周末（浅灰）和法定节假日（深灰）。',
  },
  charts: {
    shortfallProbability: {
      title: { en: 'Probability of an overdue payout, by date', 'zh-CN': '逐日逾期给付概率' },
      caption: {
        en: (threshold) =>
          `Shaded date ranges are the shortfall windows, where the probability that some payout is overdue is at or above the ${threshold} threshold (dashed line); the light band is its 95% interval.`,
        'zh-CN': (threshold) => `阴影区间为缺口时间窗口，即逾期给付概率达到或超过 ${threshold} 阈值（虚线）的日期；浅色带为其 95% 区间。`,
      },
      captionNoWindows: {
        en: (threshold) =>
          `No date reaches the ${threshold} threshold (dashed line), so there is no shortfall window; the light band is the 95% interval of the daily probability.`,
        'zh-CN': (threshold) => `没有任何日期达到 ${threshold} 的阈值（虚线），因此不存在缺口时间窗口；浅色带为逐日概率的 95% 区间。`,
      },
    },
    headroom: {
      title: { en: 'Liquidity headroom across paths', 'zh-CN': '各路径的流动性余量' },
      caption: {
        en: 'Headroom is the liquidity still reachable (cash above the buffer, money in transit, undrawn credit, unsold assets after haircuts) minus unpaid payouts; where a band crosses the zero line, that share of paths has a funding gap on that date.',
        'zh-CN': '流动性余量为仍可动用的流动性（缓冲以上的现金、在途资金、未提用授信、折扣后的未出售资产）减未付给付；分位带跌破零线的日期，相应比例的路径已出现资金缺口。',
      },
    },
    requestsCapacity: {
      title: { en: 'Daily payout requests against payment capacity', 'zh-CN': '逐日给付申请与支付能力' },
      caption: {
        en: 'Each bar is what that day’s payments have to meet: the backlog carried in from earlier days (unpaid requests, grey) plus the mean new payout requests by type. Where a bar reaches a capacity line, that constraint (funding, channel limits or processing) binds and the backlog carries on to the next day.',
        'zh-CN': '每根柱形为当日支付需要满足的金额：前日结转的积压（未付申请，灰色）加上各类给付的平均每日新增申请。柱形达到某条能力线时，该约束（资金、通道限额或处理能力）起作用，积压结转至次日。',
      },
      capacityCut: { en: 'Capacity lines above the top of the chart are cut off so the requests stay readable.', 'zh-CN': '为使申请金额清晰可读，超出图表上沿的能力线部分被截断。' },
    },
    fundingUsed: {
      title: { en: 'Funding used: cash at hand, credit drawn and assets sold', 'zh-CN': '资金使用：现金、银行授信提款与资产出售' },
      caption: {
        en: 'Mean closing cash, with the cumulative amounts drawn on each credit line and raised from asset sales: it shows which lever the stressed paths lean on, and from when.',
        'zh-CN': '平均期末现金，以及各银行授信的累计提款和资产出售的累计所得：显示压力路径依赖哪种资金来源，以及从何时开始。',
      },
    },
    backlogOverdue: {
      title: { en: 'Backlog and overdue payouts by binding cause', 'zh-CN': '积压与逾期给付及其约束原因' },
      backlogTitle: { en: 'Mean unpaid payout requests (backlog)', 'zh-CN': '平均未付给付申请（积压）' },
      overdueTitle: { en: 'Mean overdue amount, by binding cause', 'zh-CN': '平均逾期金额（按约束原因）' },
      caption: {
        en: 'The backlog is what has been requested but not yet paid; the lower panel is the part of it that is overdue, coloured by the constraint that kept it from being paid.',
        'zh-CN': '积压是已申请但尚未支付的金额；下方为其中已逾期的部分，按导致未能支付的约束着色。',
      },
    },
    firstShortfall: {
      title: { en: 'When the first shortfall happens', 'zh-CN': '首次缺口发生日期' },
      caption: {
        en: 'Share of all paths whose first overdue payout falls on each date: the earliest bars show how much warning time there is.',
        'zh-CN': '首次逾期给付落在各日期的路径占全部路径的比例：最早的柱形显示可提前预警的时间。',
      },
      captionNone: { en: 'No simulated path had an overdue payout, so there is no first shortfall date to show.', 'zh-CN': '所有模拟路径均未出现逾期给付，因此没有首次缺口日期。' },
    },
  },
  series: {
    pShortfall: { en: 'P(shortfall)', 'zh-CN': '缺口概率' },
    ci95: { en: '95% interval', 'zh-CN': '95% 区间' },
    threshold: { en: (threshold) => `threshold ${threshold}`, 'zh-CN': (threshold) => `阈值 ${threshold}` },
    band1to99: { en: 'P1–P99', 'zh-CN': 'P1–P99' },
    band5to95: { en: 'P5–P95', 'zh-CN': 'P5–P95' },
    median: { en: 'median', 'zh-CN': '中位数' },
    zero: { en: 'zero headroom', 'zh-CN': '零余量' },
    capacityFunding: { en: 'capacity: funding', 'zh-CN': '能力：资金' },
    capacityChannel: { en: 'capacity: channel limits', 'zh-CN': '能力：通道限额' },
    capacityProcessing: { en: 'capacity: processing', 'zh-CN': '能力：处理能力' },
    closingCash: { en: 'closing cash', 'zh-CN': '期末现金' },
    creditLine: { en: (name) => `credit drawn: ${name}`, 'zh-CN': (name) => `授信提款：${name}` },
    creditLineDefault: { en: (n) => `line ${n}`, 'zh-CN': (n) => `授信 ${n}` },
    assetSales: { en: 'asset sales (cumulative)', 'zh-CN': '资产出售（累计）' },
    backlog: { en: 'backlog', 'zh-CN': '积压' },
    carriedBacklog: { en: 'backlog carried in', 'zh-CN': '前日结转积压' },
  },

  ledgerIntro: {
    en: (path, criterion) =>
      `The ledger of path ${path}, chosen as the worst path (${criterion}). Each day: opening cash + inflows + asset sales + credit draws − payouts = closing cash.`,
    'zh-CN': (path, criterion) =>
      `第 ${path} 条路径的台账，按"${criterion}"选为最差路径。每日：期初现金 + 现金流入 + 资产出售 + 授信提款 − 给付 = 期末现金。`,
  },
  ledgerReconciled: {
    en: (days) => `Reconciled to the cent on all ${days} days, and each day opens with the previous day’s closing cash.`,
    'zh-CN': (days) => `全部 ${days} 天均精确到分核对一致，且每日期初现金等于前一日期末现金。`,
  },
  ledgerNotReconciled: {
    en: (bad, days) => `${bad} of ${days} days do NOT reconcile to the cent (marked below).`,
    'zh-CN': (bad, days) => `${days} 天中有 ${bad} 天未能精确到分核对一致（见下表标记）。`,
  },
  ledgerEmpty: { en: 'The results hold no worst-path ledger.', 'zh-CN': '结果中没有最差路径台账。' },
  ledgerColumns: {
    date: { en: 'Date', 'zh-CN': '日期' },
    openingCash: { en: 'Opening cash', 'zh-CN': '期初现金' },
    inflows: { en: 'Inflows', 'zh-CN': '现金流入' },
    assetSales: { en: 'Asset sales', 'zh-CN': '资产出售' },
    creditDraws: { en: 'Credit draws', 'zh-CN': '授信提款' },
    payouts: { en: (type) => `Paid: ${type}`, 'zh-CN': (type) => `已付：${type}` },
    closingCash: { en: 'Closing cash', 'zh-CN': '期末现金' },
    backlog: { en: 'Backlog', 'zh-CN': '积压' },
    overdue: { en: 'Overdue', 'zh-CN': '逾期' },
    cause: { en: 'Cause', 'zh-CN': '原因' },
    check: { en: 'Check', 'zh-CN': '核对' },
  },
  ledgerCheckOk: { en: '✓', 'zh-CN': '✓' },
  ledgerCheckFormula: {
    en: 'Check: opening + inflows + asset sales + credit draws − payouts − closing (0 when it reconciles), and opening = previous closing.',
    'zh-CN': '核对：期初 + 流入 + 资产出售 + 授信提款 − 给付 − 期末（一致时为 0），且期初 = 前一日期末。',
  },

  assumptionsIntro: {
    en: 'Every key parameter of the scenario as simulated (after `extends`, with CSV rows inlined), with its value and unit. The full resolved scenario is in the appendix; its SHA-256 identifies these exact inputs.',
    'zh-CN': '实际模拟情景（已合并继承的基础情景，并内嵌 CSV 数据）的各项关键参数及其数值和单位。完整情景见附录；其 SHA-256 唯一标识这些输入。',
  },
  keyAssumptions: { en: 'Key settings', 'zh-CN': '主要设置' },
  assumptionRows: {
    name: { en: 'Scenario name', 'zh-CN': '情景名称' },
    description: { en: 'Description', 'zh-CN': '说明' },
    file: { en: 'Scenario file', 'zh-CN': '情景文件' },
    currency: { en: 'Currency', 'zh-CN': '币种' },
    period: { en: 'Simulated period', 'zh-CN': '模拟期' },
    paths: { en: 'Monte Carlo paths', 'zh-CN': '蒙特卡洛路径数' },
    seed: { en: 'Seed', 'zh-CN': '随机种子' },
    threshold: { en: 'Shortfall-window threshold', 'zh-CN': '缺口窗口阈值' },
    grace: { en: 'Overdue grace period', 'zh-CN': '逾期宽限期' },
  },
  resolvedScenario: { en: 'Resolved scenario (YAML)', 'zh-CN': '完整情景（YAML）' },
  appendixIntro: {
    en: 'The scenario exactly as simulated and hashed, after `extends` and with CSV rows inlined.',
    'zh-CN': '实际模拟并计算哈希值的完整情景（已合并继承的基础情景，并内嵌 CSV 数据）。',
  },
  assumptionColumns: {
    parameter: { en: 'Parameter', 'zh-CN': '参数' },
    value: { en: 'Value', 'zh-CN': '数值' },
    unit: { en: 'Unit', 'zh-CN': '单位' },
  },
  sha256: { en: 'SHA-256 of the resolved scenario', 'zh-CN': '完整情景的 SHA-256' },

  limitationsIntro: {
    en: 'What the model leaves out, deliberately. Read every figure in this report with these in mind.',
    'zh-CN': '模型有意未纳入的内容。阅读本报告的各项数字时请考虑这些局限。',
  },

  orderOfEventsTitle: { en: 'Order of events within a simulated day', 'zh-CN': '模拟日内的事件顺序' },
  monteCarloTitle: { en: 'Monte Carlo error', 'zh-CN': '蒙特卡洛误差' },
  monteCarloText: {
    en: (paths, se, peakSe) =>
      `All figures are estimates from ${paths} independent simulated paths, so they carry Monte Carlo error: the probability of any shortfall has a standard error of ${se} (its 95% interval is shown next to it, and the band around the daily probability in figure 1 is the daily 95% interval); the expected peak overdue amount has a standard error of ${peakSe}. More paths shrink both in proportion to one over the square root of the number of paths.`,
    'zh-CN': (paths, se, peakSe) =>
      `所有数字均为 ${paths} 条独立模拟路径的估计值，因此存在蒙特卡洛误差：出现缺口概率的标准误为 ${se}（其 95% 区间列于数值旁，图 1 中逐日概率周围的浅色带为逐日 95% 区间）；逾期金额峰值期望的标准误为 ${peakSe}。增加路径数可使两者按路径数平方根的倒数缩小。`,
  },
  statisticsRows: {
    intervals: { en: 'Intervals and standard errors', 'zh-CN': '区间与标准误' },
    quantiles: { en: 'Quantiles (headroom bands, tail amounts, first-shortfall dates)', 'zh-CN': '分位数（余量分位带、尾部金额、首次缺口日期）' },
    accuracy: { en: 'Quantile sketch relative accuracy', 'zh-CN': '分位数草图的相对精度' },
  },
  definitionsTitle: { en: 'Definitions', 'zh-CN': '定义' },
  definitionShortfall: {
    en: (grace) => `A payout is overdue when it is ${grace}; a path is in shortfall on a date when any payout is overdue at the end of it.`,
    'zh-CN': (grace) => `给付${grace}即为逾期；若某日日终有任何逾期给付，该路径当日即处于缺口状态。`,
  },
  definitionWindow: {
    en: (threshold) => `A shortfall window is a run of consecutive dates with a probability of shortfall at or above ${threshold}.`,
    'zh-CN': (threshold) => `缺口时间窗口是缺口概率连续达到或超过 ${threshold} 的日期区间。`,
  },
  definitionHeadroom: {
    en: 'Liquidity headroom at the end of a date is cash above the minimum buffer, plus money in transit, the undrawn limits of the credit lines still available on the path and unsold assets after haircuts, minus all unpaid payout requests; negative headroom means the funding gap is already there.',
    'zh-CN': '日终流动性余量为最低现金缓冲以上的现金，加在途资金、该路径上仍可用的银行授信未提用额度和折扣后的未出售资产，减全部未付给付申请；余量为负表示资金缺口已经存在。',
  },
  definitionCoverage: {
    en: 'A liquidity coverage ratio (C-ROSS II LCR1-3, Basel-style LCR) divides the liquid resources of a horizon (inflows, opening cash and, where the framework counts them, high-quality liquid assets after discount) by the outflows due within it, on the deterministic regulatory path and per simulated path; see "Regulatory ratios".',
    'zh-CN': '流动性覆盖率（偿二代二期 LCR1-3、巴塞尔式 LCR）为某期限内的流动性资源（现金流入、期初现金，以及框架所计入的折扣后优质流动资产）除以该期限内到期的现金流出，按确定性监管路径及各模拟路径计算；详见“监管指标”。',
  },
  definitionMeanAllPaths: {
    en: 'Mean overdue amount over all paths (the expected overdue amount): the overdue amount at the end of a date averaged over every simulated path, counting 0 where nothing is overdue; it weighs how likely a shortfall is by how large it is. results.json names it expectedShortfall; it is not the tail risk measure called expected shortfall.',
    'zh-CN': '全部路径的平均逾期金额（期望逾期金额）：某日日终的逾期金额对全部模拟路径求平均，无逾期的路径计为 0；它综合了缺口发生的可能性和规模。results.json 中字段名为 expectedShortfall，但它并非尾部风险度量“预期短缺”。',
  },
  definitionMeanShortfallPaths: {
    en: 'Mean overdue amount on shortfall paths: the same amount averaged only over the paths with something overdue on that date; as overdue is 0 on the other paths, it is the mean over all paths divided by the probability of shortfall that date. It says how large a shortfall is when there is one.',
    'zh-CN': '缺口路径的平均逾期金额：只对当日有逾期的路径求平均；由于其他路径的逾期金额为 0，它等于全部路径的均值除以当日的缺口概率，表示一旦出现缺口其规模有多大。',
  },
  definitionApproximate: {
    en: (accuracy) =>
      `Figures marked ≈ are quantiles read from a sketch with a relative accuracy of ±${accuracy}, and are rounded to that accuracy.`,
    'zh-CN': (accuracy) => `标有 ≈ 的数字是从相对精度为 ±${accuracy} 的分位数草图读取的分位数，并按该精度取整。`,
  },
  knownText: {
    en: {},
    'zh-CN': {
      [WORST_PATH_CRITERION]: '逾期金额峰值最大，其次流动性余量最小值最低，再次路径编号最小',
      [QUANTILE_METHOD]: '下秩：n 个路径值升序排列后第 floor(q(n-1)) 位（从 0 起）的值，从相对精度为 0.005 的 DDSketch 式对数分桶草图读取（绝对值小于 1 分的值计为 0）',
      [INTERVAL_METHOD]: '不带连续性修正的 Wilson 得分区间，95%（z = 1.959963984540054）；比例的标准误为 sqrt(p(1-p)/n)，均值的标准误为 s/sqrt(n)，s 为 n-1 自由度的样本标准差',
    },
  },
  overdueRule: {
    en: (days, business) =>
      days === '0' ? 'still unpaid at the end of its due date' : `still unpaid ${days} ${business ? 'business ' : ''}days after its due date`,
    'zh-CN': (days, business) => (days === '0' ? '到期日日终仍未支付' : `到期后 ${days} ${business ? '个工作日' : '天'}仍未支付`),
  },

  reproIntro: {
    en: 'Everything needed to rerun this analysis and obtain the same results.json byte for byte.',
    'zh-CN': '重新运行本分析并得到逐字节相同的 results.json 所需的全部信息。',
  },
  reproRows: {
    tool: { en: 'Tool', 'zh-CN': '工具' },
    commit: { en: 'Build commit', 'zh-CN': '构建版本（提交）' },
    asOf: { en: 'As-of date of the data', 'zh-CN': '数据截止日' },
    runDate: { en: 'Run date', 'zh-CN': '运行日期' },
    schema: { en: 'Results schema', 'zh-CN': '结果格式' },
    scenarioFile: { en: 'Scenario file', 'zh-CN': '情景文件' },
    sha256: { en: 'Scenario SHA-256', 'zh-CN': '情景 SHA-256' },
    seed: { en: 'Seed', 'zh-CN': '随机种子' },
    paths: { en: 'Paths', 'zh-CN': '路径数' },
    generator: { en: 'Random generator', 'zh-CN': '随机数生成器' },
    pathStream: { en: 'Path streams', 'zh-CN': '路径随机流' },
    blockSize: { en: 'Block size', 'zh-CN': '分块大小' },
    period: { en: 'Simulated period', 'zh-CN': '模拟期' },
  },
  reproduceCommand: { en: 'Command that reproduces the simulation', 'zh-CN': '复现模拟的命令' },
  reportCommand: { en: 'Command that produced this report', 'zh-CN': '生成本报告的命令' },
  commitUnknown: { en: 'unknown (built outside git)', 'zh-CN': '未知（非 git 构建）' },
  asOfNone: { en: 'not stated (scenario key as_of)', 'zh-CN': '未说明（情景键 as_of）' },
  runDateValue: {
    en: (date) => `${date} (the date this report was produced; not in results.json, so the results’ bytes do not depend on it)`,
    'zh-CN': (date) => `${date}（本报告的生成日期；不写入 results.json，因此结果文件的字节不受其影响）`,
  },
  runDateNone: { en: 'not stated', 'zh-CN': '未说明' },

  indexIntro: {
    en: 'One row per scenario; open a scenario’s report for its windows, charts, ledger and assumptions.',
    'zh-CN': '每个情景一行；打开各情景的报告可查看窗口、图表、台账和假设。',
  },
  indexColumns: {
    scenario: { en: 'Scenario', 'zh-CN': '情景' },
    pAnyShortfall: { en: 'P(any shortfall) and 95% interval', 'zh-CN': '出现缺口的概率及 95% 区间' },
    worstWindow: { en: 'Worst window', 'zh-CN': '最严重的窗口' },
    expectedPeakShortfall: { en: 'Peak overdue amount, mean over all paths', 'zh-CN': '逾期金额峰值（全部路径的均值）' },
    coverage30: { en: 'Basel-style LCR, 30 days', 'zh-CN': '巴塞尔式流动性覆盖率（30天）' },
    report: { en: 'Report', 'zh-CN': '报告' },
  },
  indexOpenReport: { en: 'open report', 'zh-CN': '打开报告' },
  indexChartTitle: { en: 'Probability of an overdue payout, by date and scenario', 'zh-CN': '各情景逐日逾期给付概率' },
  indexChartCaption: {
    en: 'Each line is one scenario’s daily probability that some payout is overdue; dashed lines are the window thresholds.',
    'zh-CN': '每条线为一个情景的逐日逾期给付概率；虚线为窗口阈值。',
  },
  notAvailable: { en: 'n/a', 'zh-CN': '不适用' },
});

/** The message catalogue of a report language. */
export function messages(lang: ReportLang): Messages {
  return catalogues[lang];
}
