/**
 * The report's text catalogue, with both languages side by side: each entry is
 * `{ en: ..., 'zh-CN': ... }`, so a translation is read next to its source and a missing one is a
 * type error. Nothing user-visible is written inline elsewhere in src/report: the regulatory and
 * actions sections and the analysis pages keep their own tables, in the same form, next to their
 * code; the assumptions table (./assumptions.ts) and the policy-book section (./book.ts) keep one
 * table per language, in TypeScript.
 *
 * Plain texts are data, templates are code. Each table has two parts:
 * - its plain entries (strings, string lists, optional strings, maps keyed by data) in a JSON file,
 *   ./texts/report.json for this one (regulatory.json, actions.json, analysis.json for the others),
 *   grouped as the table's type is, each entry `{ "en": "...", "zh-CN": "..." }` (null for a text a
 *   language does not have): translators edit these files, not TypeScript;
 * - its message functions, here in the same grouping: they take already-formatted values (amounts,
 *   percentages and dates arrive formatted; they are HTML-escaped by the caller, never here) and many
 *   hold logic (plurals, conditions, lists), and entries made from code constants.
 * `catalogue<T>()(json, code)` joins the two, and its types make `tsc` fail on a missing entry or
 * translation, a stray key in the JSON file, a wrong kind of value, or an entry given in both parts.
 * Templates stay functions even with one placeholder: a `{name}` string in JSON would need the
 * placeholder names again in code to fill it from the call's arguments, its placeholders would be
 * checked by a test only (TypeScript reads a JSON string as `string`), and the numbers and flags some
 * take (`days: number`, `growing: boolean`) would lose their types; the two-line function is simpler.
 *
 * To add an entry: its type to `Messages`, then its texts to the JSON file, or a function below. To
 * add a language: `ReportLang`, `REPORT_LANGS` and a key of `Both`, then its text in every entry of
 * every table, JSON and code (tsc lists each one missing); the CLI's `--lang` choices and the places
 * that branch on the language (`grep -rn "'zh-CN'" src`: number formats, the assumptions table) follow.
 */
import { DAILY_ORDER } from '../model/daily-order.js';
import type { Cause, PayoutType } from '../results/types.js';
import TEXTS from './texts/report.json' with { type: 'json' };

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

/** An entry: an object whose keys are exactly the report languages (in any order); any other object is a group. */
function isBoth(node: unknown): node is Both<unknown> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  const keys = Object.keys(node);
  return keys.length === REPORT_LANGS.length && REPORT_LANGS.every((lang) => keys.includes(lang));
}

/** The table of each language, taken once from a side-by-side table. */
function byLanguage<T>(table: Bilingual<T>): Record<ReportLang, T> {
  const pick = (node: object, lang: ReportLang): unknown =>
    isBoth(node) ? node[lang] : Object.fromEntries(Object.entries(node).map(([key, child]) => [key, pick(child as object, lang)]));
  return Object.fromEntries(REPORT_LANGS.map((lang) => [lang, pick(table, lang)])) as Record<ReportLang, T>;
}

/** An entry as a JSON file holds it: JSON has no undefined, so an optional text absent in a language is null there. */
type JsonEntry<V> = Both<undefined extends V ? Exclude<V, undefined> | null : V>;

/** The JSON part of a side-by-side table `B`: any of its groups and entries, each entry whole (both languages). */
export type JsonPart<B> = { readonly [K in keyof B]?: B[K] extends Both<infer V> ? JsonEntry<V> : JsonPart<B[K]> };

/** `J` with `never` at every key that the table `B` does not have, at any depth: a stray key in a JSON file is a type error. */
export type OnlyKeysOf<B, J> = { readonly [K in keyof J]: K extends keyof B ? (B[K] extends Both<unknown> ? unknown : OnlyKeysOf<B[K], J[K]>) : never };

/**
 * The code part of a side-by-side table `B` whose JSON part is `J`: exactly the entries `J` lacks, in
 * their groups. A missing entry is a type error, and so is one given in both parts (an excess property).
 */
export type CodePart<B, J> = {
  readonly [K in keyof B as K extends keyof J ? (B[K] extends Both<unknown> ? never : keyof CodePart<B[K], J[K]> extends never ? never : K) : K]: K extends keyof J
    ? CodePart<B[K], J[K]>
    : B[K];
};

/** A JSON part with its nulls (texts absent in a language) as undefined, the form of the code part. */
function undefinedForNull(node: object): object {
  if (isBoth(node)) return Object.fromEntries(REPORT_LANGS.map((lang) => [lang, node[lang] ?? undefined]));
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, undefinedForNull(child as object)]));
}

/** Both parts in one table, group by group; an entry in both parts is refused (the types refuse it too). */
function merged(texts: object, code: object, at: string): object {
  const out: Record<string, unknown> = { ...texts };
  for (const [key, child] of Object.entries(code)) {
    const other = out[key];
    if (!Object.hasOwn(out, key)) out[key] = child;
    else if (isBoth(other) || isBoth(child)) throw new Error(`report texts: ${at}${key} is given both in a JSON file and in code`);
    else out[key] = merged(other as object, child as object, `${at}${key}.`);
  }
  return out;
}

/**
 * The catalogue of each language of the text table `T`, from its two parts: `texts`, the plain
 * entries as their JSON file holds them (./texts/*.json, imported `with { type: 'json' }`, whose type
 * TypeScript reads from the file), and `code`, the rest of the table (message functions, and entries
 * made from code constants). Called as `catalogue<T>()(texts, code)`, so that `T` is named and the
 * JSON's type inferred: a missing entry or translation, a stray JSON key or an entry in both parts
 * fails `tsc`.
 */
export function catalogue<T>() {
  return <J extends JsonPart<Bilingual<T>>>(texts: J & OnlyKeysOf<Bilingual<T>, J>, code: CodePart<Bilingual<T>, J>): Record<ReportLang, T> =>
    byLanguage<T>(merged(undefinedForNull(texts), code, '') as Bilingual<T>);
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

const catalogues = catalogue<Messages>()(TEXTS, {
  generatedBy: { en: (tool) => `Generated by ${tool}`, 'zh-CN': (tool) => `由 ${tool} 生成` },
  pathsCount: { en: (paths) => `${paths} simulated paths`, 'zh-CN': (paths) => `${paths} 条模拟路径` },
  periodLabel: {
    en: (start, end, days) => `${start} to ${end} (${days === 1 ? '1 day' : `${days} days`})`,
    'zh-CN': (start, end, days) => `${start} 至 ${end}（${days} 天）`,
  },
  dateRange: { en: (start, end) => (start === end ? start : `${start} – ${end}`), 'zh-CN': (start, end) => (start === end ? start : `${start} 至 ${end}`) },
  interval: { en: (low, high) => `95% interval ${low} – ${high}`, 'zh-CN': (low, high) => `95% 区间 ${low} – ${high}` },

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
  leverMethod: { en: (method) => `Levers found by ${method}.`, 'zh-CN': (method) => `应对措施的求解方法：${method}。` },
  horizonFlag: {
    en: (growing) => (growing ? 'cut off by the horizon, still growing' : 'cut off by the horizon'),
    'zh-CN': (growing) => (growing ? '被模拟期截断，仍在扩大' : '被模拟期截断'),
  },
  pAnyShortfallValue: {
    en: (estimate, low, high) => `${estimate} (95% interval ${low} – ${high})`,
    'zh-CN': (estimate, low, high) => `${estimate}（95% 区间 ${low} – ${high}）`,
  },
  worstWindowValue: {
    en: (range, days, peak, peakDate) => `${range} (${days === 1 ? '1 day' : `${days} days`}), peak probability ${peak} on ${peakDate}`,
    'zh-CN': (range, days, peak, peakDate) => `${range}（${days} 天），峰值概率 ${peak}（${peakDate}）`,
  },
  expectedPeakShortfallValue: { en: (mean, se) => `${mean} (Monte Carlo standard error ${se})`, 'zh-CN': (mean, se) => `${mean}（蒙特卡洛标准误 ${se}）` },
  tailShortfallValue: {
    en: (p95, p99, cvar, accuracy) =>
      `95th percentile ${p95}; 99th percentile ${p99}; mean of the worst 5% of paths ${cvar} (approximate: quantile sketch, ±${accuracy})`,
    'zh-CN': (p95, p99, cvar, accuracy) => `第 95 百分位 ${p95}；第 99 百分位 ${p99}；最差 5% 路径的均值 ${cvar}（近似值：分位数草图，±${accuracy}）`,
  },
  firstShortfallValue: {
    en: (earliest, p5, p50, p95, paths) =>
      `earliest ${earliest}; among the ${paths} paths with a shortfall: 5% by ${p5}, half by ${p50}, 95% by ${p95}`,
    'zh-CN': (earliest, p5, p50, p95, paths) =>
      `最早 ${earliest}；在出现缺口的 ${paths} 条路径中：5% 在 ${p5} 前，一半在 ${p50} 前，95% 在 ${p95} 前`,
  },
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
  windowLabel: { en: (index) => `W${index}`, 'zh-CN': (index) => `W${index}` },

  figure: { en: (n) => `Figure ${n}`, 'zh-CN': (n) => `图 ${n}` },
  axisAmount: { en: (unit) => `Amount (${unit})`, 'zh-CN': (unit) => `金额（${unit}）` },
  charts: {
    shortfallProbability: {
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
  },
  series: {
    threshold: { en: (threshold) => `threshold ${threshold}`, 'zh-CN': (threshold) => `阈值 ${threshold}` },
    creditLine: { en: (name) => `credit drawn: ${name}`, 'zh-CN': (name) => `授信提款：${name}` },
    creditLineDefault: { en: (n) => `line ${n}`, 'zh-CN': (n) => `授信 ${n}` },
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
  ledgerColumns: {
    payouts: { en: (type) => `Paid: ${type}`, 'zh-CN': (type) => `已付：${type}` },
  },

  monteCarloText: {
    en: (paths, se, peakSe) =>
      `All figures are estimates from ${paths} independent simulated paths, so they carry Monte Carlo error: the probability of any shortfall has a standard error of ${se} (its 95% interval is shown next to it, and the band around the daily probability in figure 1 is the daily 95% interval); the expected peak overdue amount has a standard error of ${peakSe}. More paths shrink both in proportion to one over the square root of the number of paths.`,
    'zh-CN': (paths, se, peakSe) =>
      `所有数字均为 ${paths} 条独立模拟路径的估计值，因此存在蒙特卡洛误差：出现缺口概率的标准误为 ${se}（其 95% 区间列于数值旁，图 1 中逐日概率周围的浅色带为逐日 95% 区间）；逾期金额峰值期望的标准误为 ${peakSe}。增加路径数可使两者按路径数平方根的倒数缩小。`,
  },
  definitionShortfall: {
    en: (grace) => `A payout is overdue when it is ${grace}; a path is in shortfall on a date when any payout is overdue at the end of it.`,
    'zh-CN': (grace) => `给付${grace}即为逾期；若某日日终有任何逾期给付，该路径当日即处于缺口状态。`,
  },
  definitionWindow: {
    en: (threshold) => `A shortfall window is a run of consecutive dates with a probability of shortfall at or above ${threshold}.`,
    'zh-CN': (threshold) => `缺口时间窗口是缺口概率连续达到或超过 ${threshold} 的日期区间。`,
  },
  definitionApproximate: {
    en: (accuracy) =>
      `Figures marked ≈ are quantiles read from a sketch with a relative accuracy of ±${accuracy}, and are rounded to that accuracy.`,
    'zh-CN': (accuracy) => `标有 ≈ 的数字是从相对精度为 ±${accuracy} 的分位数草图读取的分位数，并按该精度取整。`,
  },
  overdueRule: {
    en: (days, business) =>
      days === '0' ? 'still unpaid at the end of its due date' : `still unpaid ${days} ${business ? 'business ' : ''}days after its due date`,
    'zh-CN': (days, business) => (days === '0' ? '到期日日终仍未支付' : `到期后 ${days} ${business ? '个工作日' : '天'}仍未支付`),
  },

  runDateValue: {
    en: (date) => `${date} (the date this report was produced; not in results.json, so the results’ bytes do not depend on it)`,
    'zh-CN': (date) => `${date}（本报告的生成日期；不写入 results.json，因此结果文件的字节不受其影响）`,
  },

});

/** The message catalogue of a report language. */
export function messages(lang: ReportLang): Messages {
  return catalogues[lang];
}
