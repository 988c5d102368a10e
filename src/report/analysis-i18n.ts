/**
 * The text of the analysis pages (suite comparison, sensitivity tornado, reverse stress test), one
 * catalogue per language, made as ./i18n.ts's is for the main report (kept apart: the analysis pages
 * share no text with it): the plain texts in ./texts/analysis.json, the message functions here, with
 * the entries made from code (the English figure names are the analysis' own `FIGURE_LABELS`) and
 * the amount suffixes with their scales (numbers). Values arrive formatted; the callers HTML-escape them.
 */
import { catalogue, type ReportLang } from './i18n.js';
import TEXTS from './texts/analysis.json' with { type: 'json' };
import type { AnyFigureKey, FigureUnit, RatioKey } from '../analysis/paired.js';
import { FIGURE_LABELS, ratioOf } from '../analysis/paired.js';

export interface AnalysisMessages {
  notAvailable: string;
  /** The unit of a difference of two percentages: "pp" (percentage points), 个百分点. */
  percentagePoints: string;
  /** Amount suffixes: billions and millions (en), 亿 and 万 (zh-CN). */
  amountUnits: [number, string][];
  unitText: Record<FigureUnit, string>;
  coreFigure: Record<'pAnyShortfall' | 'expectedPeak' | 'p99Peak' | 'firstShortfallP5', string>;
  /** A ratio's name: "LCR3 3m", "LCR3（3个月）", "Basel-style 30-day ratio". */
  ratioName: (variant: 'lcr2' | 'lcr3' | 'basel', horizon: number) => string;
  ratioMean: (name: string) => string;
  ratioBelow: (name: string, floor: string) => string;
  method: string;
  command: string;
  bump: { low: string; high: string };
  noise: { significant: string; within: string };

  sensitivityTitle: (scenario: string) => string;
  sensitivityIntro: (levers: number, runs: number, paths: number, seed: string) => string;
  tornadoTitle: (figure: string) => string;
  tornadoAxis: (figure: string, unit: string) => string;
  tornadoCaption: (base: string) => string;
  sensitivityHead: string[];
  /** The methods' text; absent (English): the result's own `method`, written by src/analysis. */
  sensitivityMethod?: (withRatios: boolean) => string;

  reverseTitle: (scenario: string) => string;
  reverseFound: (target: string, lever: string, kStar: string, base: string) => string;
  reverseBracket: (low: string, high: string, width: string, tolerance: string) => string;
  reverseRuns: (runs: number) => string;
  reverseNotFound: (note: string, low: string, high: string, runs: number) => string;
  /** Keyed by the search's own (English) notes (src/analysis/reverse.ts): English shows them as they are. */
  reverseNotes: Record<string, string>;
  breachCurve: string;
  breachCurveTitle: (figure: string, lever: string) => string;
  breachCaption: (paths: number, seed: string) => string;
  monotonicity: string;
  monotone: (grid: number, perPath: string) => string;
  notMonotone: (paths: number, grid: number, perPath: string, examples: string, steps: string) => string;
  examplePath: (path: number, from: string, to: string) => string;
  noGridPoints: string;
  between: (a: string, b: string) => string;
  anyOverdue: string;
  monotonicityHead: (lever: string) => string[];
  runsTitle: string;
  runsHead: (lever: string, figure: string) => string[];
  breached: string;
  notBreached: string;
  reverseMethod?: (grid: number, log: boolean, seed: string, paths: number, tolerance: number) => string;

  suiteTitle: (suite: string) => string;
  suiteIntro: (members: number, base: string, paths: number, seed: string) => string;
  overlay: string;
  overlayTitle: string;
  overlayAxis: { date: string; p: string; member: string };
  overlayCaption: (paths: number, seed: string) => string;
  membersTitle: string;
  suiteHead: (figures: string[]) => string[];
  reportLink: string;
  memberWindowsTitle: string;
  memberWindowsHead: string[];
  baseWindowsTitle: string;
  baseWindowsText: string;
  baseWindowsHead: string[];
  role: Record<'base' | 'stress', string>;
  suiteMethod?: string;
  ratiosTitle: string;
  /** `without`: the members without a regulatory: key, listed (empty when none). */
  ratiosText: (without: string) => string;
  ratiosHead: string[];
  indexLink: string;
}

const BY_LANGUAGE = catalogue<AnalysisMessages>()(TEXTS, {
  amountUnits: {
    en: [
      [1e9, ' bn'],
      [1e6, ' m'],
    ],
    'zh-CN': [
      [1e8, '亿'],
      [1e4, '万'],
    ],
  },
  coreFigure: {
    pAnyShortfall: { en: FIGURE_LABELS.pAnyShortfall, 'zh-CN': '任一短缺概率' },
    expectedPeak: { en: FIGURE_LABELS.expectedPeak, 'zh-CN': '期望峰值逾期金额' },
    p99Peak: { en: FIGURE_LABELS.p99Peak, 'zh-CN': '峰值逾期金额P99' },
    firstShortfallP5: { en: FIGURE_LABELS.firstShortfallP5, 'zh-CN': '首次短缺日P5' },
  },
  ratioName: {
    en: (v, h) => (v === 'basel' ? `Basel-style ${h}-day ratio` : `${v.toUpperCase()} ${h}m`),
    'zh-CN': (v, h) => (v === 'basel' ? `巴塞尔式${h}天比率` : `${v.toUpperCase()}（${h}个月）`),
  },
  ratioMean: { en: (name) => `${name} (mean)`, 'zh-CN': (name) => `${name}（均值）` },
  ratioBelow: { en: (name, floor) => `P(${name} < ${floor})`, 'zh-CN': (name, floor) => `P(${name} < ${floor})` },
  sensitivityTitle: { en: (s) => `Sensitivity: ${s}`, 'zh-CN': (s) => `敏感性分析：${s}` },
  sensitivityIntro: {
    en: (levers, runs, paths, seed) =>
      `${levers} levers, ${runs} runs of ${paths} paths (seed ${seed}) with common random numbers. * marks an effect larger than twice its paired standard error; grey and faded bars are within noise.`,
    'zh-CN': (levers, runs, paths, seed) =>
      `${levers}个参数，共${runs}次运行，每次${paths}条路径（种子${seed}），使用共同随机数。* 表示效应超过两倍配对标准误；灰色和淡色条形在噪声范围内。`,
  },
  tornadoTitle: { en: (f) => `Tornado: ${f}`, 'zh-CN': (f) => `龙卷风图：${f}` },
  tornadoAxis: { en: (f, unit) => `change in ${f} from base, ${unit}`, 'zh-CN': (f, unit) => `${f}相对基准的变化（${unit}）` },
  tornadoCaption: {
    en: (base) => `Bars: change from the base value ${base}; faded bars are within noise (2 paired SE).`,
    'zh-CN': (base) => `条形：相对基准值${base}的变化；淡色条形在噪声范围内（2倍配对标准误）。`,
  },
  sensitivityMethod: {
    en: undefined,
    'zh-CN': (withRatios) =>
      '逐一调整参数，使用共同随机数共运行2m + 1次；差值 = mean_i(X_i^调整 − X_i^基准)，配对标准误 = sd_i(…)/√n（分位数指标：20组批均值）；在噪声范围内：两次调整与基准之差均不超过2倍配对标准误' +
      (withRatios ? '；比率指标为各路径比率的均值（某路径在期限内无流出时按上限1,000,000计），pBelowFloor为比率低于下限的路径占比' : ''),
  },
  reverseTitle: { en: (s) => `Reverse stress test: ${s}`, 'zh-CN': (s) => `反向压力测试：${s}` },
  reverseFound: {
    en: (target, lever, k, base) => `The target ${target} is first breached at ${lever} = ${k} (the scenario's value: ${base})`,
    'zh-CN': (target, lever, k, base) => `目标 ${target} 在 ${lever} = ${k} 时首次被突破（情景取值：${base}）`,
  },
  reverseBracket: {
    en: (lo, hi, w, tol) => `, bracket [${lo}, ${hi}], relative width ${w} (tolerance ${tol})`,
    'zh-CN': (lo, hi, w, tol) => `，区间 [${lo}, ${hi}]，相对宽度 ${w}（容差 ${tol}）`,
  },
  reverseRuns: { en: (runs) => `; ${runs} runs.`, 'zh-CN': (runs) => `；共${runs}次运行。` },
  reverseNotFound: {
    en: (note, lo, hi, runs) => `Not found: ${note} (range ${lo}..${hi}; ${runs} runs).`,
    'zh-CN': (note, lo, hi, runs) => `未找到：${note}（范围 ${lo}..${hi}；共${runs}次运行）。`,
  },
  breachCurveTitle: {
    en: (f, lever) => `Breach curve: ${f} against ${lever}`,
    'zh-CN': (f, lever) => `突破曲线：${f} 随 ${lever} 的变化`,
  },
  breachCaption: {
    en: (paths, seed) => `Each point is one run of ${paths} paths (seed ${seed}, common random numbers); dashed: the target; black: the breaking value found.`,
    'zh-CN': (paths, seed) => `每个点为一次${paths}条路径的运行（种子${seed}，共同随机数）；虚线：目标；黑线：找到的突破值。`,
  },
  monotone: {
    en: (grid, perPath) => `Monotone on the ${grid}-point grid: no path's ${perPath} goes against the search's direction.`,
    'zh-CN': (grid, perPath) => `在${grid}点网格上单调：没有路径的${perPath}与搜索方向相反。`,
  },
  notMonotone: {
    en: (paths, grid, perPath, examples, steps) =>
      `Not monotone: ${paths} path(s) go against the search's direction on the ${grid}-point grid (judged on each path's ${perPath}; e.g. ${examples}); target figure steps backwards between ${steps}.`,
    'zh-CN': (paths, grid, perPath, examples, steps) =>
      `不单调：在${grid}点网格上有${paths}条路径与搜索方向相反（按各路径的${perPath}判断；例如 ${examples}）；目标指标在 ${steps} 之间回退。`,
  },
  examplePath: {
    en: (p, from, to) => `path ${p} between ${from} and ${to}`,
    'zh-CN': (p, from, to) => `路径 ${p} 在 ${from} 与 ${to} 之间`,
  },
  between: { en: (a, b) => `${a} and ${b}`, 'zh-CN': (a, b) => `${a} 与 ${b}` },
  monotonicityHead: {
    en: (lever) => [`${lever} from`, 'to', 'paths going against the direction'],
    'zh-CN': (lever) => [`${lever} 从`, '到', '与方向相反的路径数'],
  },
  runsHead: { en: (lever, f) => [lever, f, 'target breached'], 'zh-CN': (lever, f) => [lever, f, '目标是否突破'] },
  reverseMethod: {
    en: undefined,
    'zh-CN': (grid, log, seed, paths, tol) => `${grid}点网格，然后${log ? '在参数的对数尺度上' : ''}二分查找，使用共同随机数（种子${seed}，${paths}条路径），相对容差 ${tol}`,
  },
  suiteTitle: { en: (s) => `${s}: suite comparison`, 'zh-CN': (s) => `${s}：情景组比较` },
  suiteIntro: {
    en: (members, base, paths, seed) =>
      `${members} members, base ${base}, ${paths} paths each with seed ${seed}: common random numbers, so each delta is a paired difference over the same paths. * marks a delta larger than twice its paired standard error (grey: within noise).`,
    'zh-CN': (members, base, paths, seed) =>
      `${members}个成员，基准为${base}，每个成员${paths}条路径，种子${seed}：使用共同随机数，每个差值都是同一批路径上的配对差。* 表示差值超过两倍配对标准误（灰色：在噪声范围内）。`,
  },
  overlayCaption: {
    en: (paths, seed) => `Share of the ${paths} paths (seed ${seed}, the same for every member) with an overdue payout at the end of each date.`,
    'zh-CN': (paths, seed) => `${paths}条路径（种子${seed}，各成员相同）中每日末有逾期付款的路径占比。`,
  },
  suiteHead: {
    en: (figures) => ['member', 'role', ...figures.flatMap((f) => [f, 'Δ ± paired SE']), 'windows', 'report'],
    'zh-CN': (figures) => ['成员', '角色', ...figures.flatMap((f) => [f, 'Δ ± 配对标准误']), '窗口数', '报告'],
  },
  ratiosText: {
    en: (without) =>
      `Each path's ratio (1 = 100%): its mean over paths and the share of paths below the floor, with the paired delta against the base (common random numbers). ${without ? `No per-path ratios (n/a) for ${without}: a scenario needs a regulatory: key for them.` : ''}`,
    'zh-CN': (without) =>
      `各路径的比率（1 = 100%）：路径均值及低于下限的路径占比，以及与基准的配对差值（共同随机数）。${without ? `${without}没有逐路径比率（无）：情景需设置 regulatory: 键。` : ''}`,
  },
});

export function analysisMessages(lang: ReportLang): AnalysisMessages {
  return BY_LANGUAGE[lang];
}

/**
 * A figure's label in the page's language. `ratioLabel` is the analysis' English label of the
 * ratio ("LCR3 3m", "Basel-style 30-day ratio"), `floor` its floor, when known.
 */
export function figureLabelIn(m: AnalysisMessages, key: AnyFigureKey, floor?: number): string {
  const r = ratioOf(key);
  if (r === null) return m.coreFigure[key as keyof AnalysisMessages['coreFigure']];
  const name = ratioNameIn(m, r.ratio);
  return r.below ? m.ratioBelow(name, floor === undefined ? 'floor' : String(floor)) : m.ratioMean(name);
}

/** A ratio's name in the page's language: "LCR3 3m", "LCR3（3个月）". */
export function ratioNameIn(m: AnalysisMessages, ratio: RatioKey): string {
  const cross = /^(lcr[23])_(\d+)m$/.exec(ratio);
  const basel = /^basel(\d+)d$/.exec(ratio);
  return cross ? m.ratioName(cross[1] as 'lcr2' | 'lcr3', Number(cross[2])) : m.ratioName('basel', Number(basel![1]));
}

/** A figure for display: probabilities and ratios as percentages, amounts compact, days to 0.1. */
export function fmtIn(m: AnalysisMessages, x: number | null, unit: FigureUnit): string {
  if (x === null) return m.notAvailable;
  if (unit === 'probability' || unit === 'ratio') return unsignedZero(`${(x * 100).toFixed(2)}%`);
  if (unit === 'amount') {
    const a = Math.abs(x);
    const [scale, suffix] = m.amountUnits[0];
    if (a >= scale) return `${(x / scale).toFixed(2)}${suffix}`;
    const [scale2, suffix2] = m.amountUnits[1];
    if (a >= scale2) return `${(x / scale2).toFixed(1)}${suffix2}`;
    return unsignedZero(x.toLocaleString('en-US', { maximumFractionDigits: 0 }));
  }
  return unsignedZero(x.toFixed(1));
}

/**
 * A difference of two figures: of probabilities and ratios in percentage points (`-20.00 pp`, not
 * `-20.00%`, which reads as a relative change); of amounts and days as the figures are shown.
 */
export function fmtDeltaIn(m: AnalysisMessages, x: number | null, unit: FigureUnit): string {
  if (x !== null && (unit === 'probability' || unit === 'ratio')) return `${unsignedZero((x * 100).toFixed(2))} ${m.percentagePoints}`;
  return fmtIn(m, x, unit);
}

/** A tiny negative delta shown at the figure's precision is 0, not "-0.00%" (it reads as a fall). */
export function unsignedZero(text: string): string {
  return /^-0(\.0+)?%?$/.test(text) ? text.slice(1) : text;
}
