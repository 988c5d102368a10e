/**
 * The report's "Regulatory ratios" section (before the shortfall windows): the C-ROSS II LCR1-3 and
 * the Basel-style ratio with their line items and pass/fail on the deterministic regulatory path,
 * beside their Monte Carlo distribution, the funding-only shortfall quantile, and a sources-and-uses
 * table per horizon. Labels in each framework's own terms, English and Chinese side by side in the
 * form of the main catalogue ./i18n.ts: the plain texts in ./texts/regulatory.json, the message
 * functions here.
 */
import type { Results } from '../results/types.js';
import { NO_BASE_SCENARIO, type Cross2Ratio, type HorizonCover, type SourcesUsesLine } from '../regulatory/types.js';
import { escapeHtml as e } from './escape.js';
import { tableHtml } from './table.js';
import { catalogue, type ReportLang } from './i18n.js';
import TEXTS from './texts/regulatory.json' with { type: 'json' };
import { chartUnit, formatCount, formatInUnit, formatPercent, type MoneyUnit } from './money.js';

/** The C-ROSS II table's columns, in order; all but the named text columns hold figures (right-aligned). */
const CROSS2_COLUMNS = ['indicator', 'horizon', 'days', 'inflows', 'cash', 'hqla', 'outflows', 'ratio', 'floor', 'result', 'pBelow', 'p5'] as const;
const CROSS2_TEXT_COLUMNS: ReadonlySet<string> = new Set(['indicator', 'horizon', 'result']);

interface Labels {
  title: string;
  intro: (path: string) => string;
  path: (quantile: string, level: string, shocks: boolean, refused: string, haircut: string) => string;
  noRefused: string;
  haircuts: Record<'high' | 'mean' | 'low', string>;
  amountsIn: (unit: string) => string;
  cross2Title: string;
  cross2Intro: string;
  variant: Record<Cross2Ratio['variant'], string>;
  months: (n: number) => string;
  covered: (c: HorizonCover) => string;
  cols: Record<(typeof CROSS2_COLUMNS)[number], string>;
  outflowKinds: string;
  pass: string;
  fail: string;
  na: string;
  lcr1Missing: (why: string) => string;
  baselTitle: (days: string) => string;
  baselIntro: string;
  baselLines: Record<string, string>;
  shortfallTitle: string;
  shortfall: (q: string, amount: string, days: string, truncated: boolean, pAny: string) => string;
  /** Why the funding-only shortfall is missing (the scenario did not ask for its second run). */
  shortfallOff: string;
  suTitle: string;
  suIntro: string;
  suHorizon: (c: HorizonCover) => string;
  suCols: { line: string; path: string; mean: string; p5: string; p50: string; p95: string };
  suLines: Record<string, string>;
  suAsset: (name: string) => string;
  suClass: (c: string) => string;
  suLine: (bank: string) => string;
  mcNote: string;
  /** Why the columns over paths are empty (the scenario did not ask for per-path statistics). */
  noPathStats: string;
}

const LABELS = catalogue<Labels>()(TEXTS, {
  intro: {
    en: (path) =>
      `Each ratio is computed on the deterministic regulatory path (${path}) and, where it varies from path to path, over the Monte Carlo paths: the share of paths below the floor and the 5% quantile (lower rank, sketch accuracy 0.5%). Every line item is shown so it can be checked against the rule text.`,
    'zh-CN': (path) =>
      `各指标按确定性监管路径计算（${path}）；随路径变化的指标另按蒙特卡洛路径给出：低于下限的路径占比及 5% 分位数（下秩，草图相对精度 0.5%）。逐项列示分子分母，便于对照规则原文核对。`,
  },
  path: {
    en: (q, level, shocks, refused, haircut) => `surrender level at its ${q} quantile, ${level}; ${shocks ? 'every shock occurs' : 'no shock occurs'}; credit lines refused: ${refused}; haircuts at the ${haircut}`,
    'zh-CN': (q, level, shocks, refused, haircut) => `退保水平取 ${q} 分位数 ${level}；${shocks ? '所有冲击均发生' : '不发生冲击'}；拒绝履约的授信：${refused}；折价取${haircut}`,
  },
  amountsIn: { en: (unit) => `Amounts in ${unit}.`, 'zh-CN': (unit) => `金额单位：${unit}。` },
  months: { en: (n) => `next ${n} months`, 'zh-CN': (n) => `未来${n}个月` },
  covered: {
    en: (c) => (c.truncated ? `${formatCount(c.coveredDays)} of ${formatCount(c.horizonDays)} (scenario horizon)` : formatCount(c.coveredDays)),
    'zh-CN': (c) => (c.truncated ? `${formatCount(c.coveredDays)} / ${formatCount(c.horizonDays)}（情景期限）` : formatCount(c.coveredDays)),
  },
  lcr1Missing: {
    en: (why) => `LCR1 is not computed: ${why}.`,
    'zh-CN': (why) =>
      `未计算 LCR1：${why === NO_BASE_SCENARIO ? '未指定基本情景。LCR1 为基本情景指标，本情景为压力情景；请在 regulatory.cross2.base 中指定基本情景文件' : why}。`,
  },
  baselTitle: { en: (days) => `Basel III-style liquidity coverage ratio (${days} days)`, 'zh-CN': (days) => `巴塞尔协议 III 式流动性覆盖率（${days}天）` },
  shortfall: {
    en: (q, amount, days, truncated, pAny) =>
      `The ${q} quantile over paths of the peak funding shortfall, each path replayed (its own payout requests) with payment-channel and processing limits lifted (only funding binds), over ${days} days${truncated ? ' (the scenario horizon, shorter than one year)' : ''}: ${amount}. Share of paths with any funding shortfall: ${pAny}.`,
    'zh-CN': (q, amount, days, truncated, pAny) =>
      `各路径以其自身给付申请重放、取消支付渠道与处理能力限制（仅资金约束）后，资金缺口峰值的 ${q} 分位数，期限 ${days} 天${truncated ? '（情景期限，短于一年）' : ''}：${amount}。出现资金缺口的路径占比：${pAny}。`,
  },
  suHorizon: {
    en: (c) => (c.truncated ? `${formatCount(c.horizonDays)} days: the scenario's ${formatCount(c.coveredDays)} days only (${c.from} .. ${c.to})` : `Next ${formatCount(c.horizonDays)} days (${c.from} .. ${c.to})`),
    'zh-CN': (c) => (c.truncated ? `${formatCount(c.horizonDays)}天：仅情景内 ${formatCount(c.coveredDays)} 天（${c.from} 至 ${c.to}）` : `未来${formatCount(c.horizonDays)}天（${c.from} 至 ${c.to}）`),
  },
  suAsset: { en: (name) => `  asset: ${name}`, 'zh-CN': (name) => `  资产：${name}` },
  suClass: { en: (c) => `  class ${c}`, 'zh-CN': (c) => `  类别 ${c}` },
  suLine: { en: (bank) => `  line: ${bank}`, 'zh-CN': (bank) => `  授信：${bank}` },
});

/** The section's HTML, or '' for results without the regulatory figures (older files). */
export function regulatorySection(results: Results, lang: ReportLang): string {
  const reg = results.summary.regulatory;
  if (!reg) return '';
  const L = LABELS[lang];
  const currency = results.meta.scenario.currency;
  const unitFor = (xs: number[]): MoneyUnit => chartUnit(Math.max(0, ...xs.map(Math.abs)), currency, lang);
  const amount = (u: MoneyUnit) => (x: number) => e(formatInUnit(x, u));
  const pct = (x: number | null) => (x === null ? e(L.na) : e(formatPercent(x)));
  const verdict = (pass: boolean | null) => (pass === null ? e(L.na) : `<span class="${pass ? 'flag-ok' : 'flag-bad'}">${e(pass ? L.pass : L.fail)}</span>`);
  const p = reg.path;
  const pathText = L.path(formatPercent(p.levelQuantile), p.level.toFixed(4), p.shocks === 'occur', p.refusedLines.length ? p.refusedLines.join(', ') : L.noRefused, L.haircuts[p.haircut]);
  const parts: string[] = [`<section id="regulatory">`, `<h2>${e(L.title)}</h2>`, `<p>${e(L.intro(pathText))}</p>`];

  // C-ROSS II
  const c2 = reg.cross2;
  const u2 = unitFor(c2.lcr.flatMap((c) => [c.lines.numerator, c.outflows.total]));
  const a2 = amount(u2);
  const c = L.cols;
  const rows = c2.lcr.map((r) => [
    e(L.variant[r.variant]),
    e(L.months(r.horizonMonths)),
    e(L.covered(r.cover)),
    a2(r.lines.inflows),
    a2(r.lines.openingCash),
    r.variant === 'lcr2'
      ? `${a2(r.lines.hqla)}${Object.keys(r.lines.hqlaByClass).length ? `<br><span class="unit">${Object.entries(r.lines.hqlaByClass).map(([k, v]) => `${e(k)} ${a2(v)}`).join(', ')}</span>` : ''}`
      : '—',
    `${a2(r.outflows.total)}<br><span class="unit">${a2(r.outflows.maturity)} / ${a2(r.outflows.surrender)} / ${a2(r.outflows.other)}</span>`,
    `<strong>${pct(r.ratio)}</strong>`,
    e(formatPercent(r.floor)),
    verdict(r.pass),
    r.distribution ? e(formatPercent(r.distribution.pBelowFloor)) : '—',
    r.distribution ? pct(r.distribution.p5) : '—',
  ]);
  parts.push(
    `<h3>${e(L.cross2Title)}</h3>`,
    `<p>${e(L.cross2Intro)}</p>`,
    c2.lcr1NotComputed ? `<p class="unit">${e(L.lcr1Missing(c2.lcr1NotComputed)).replace('regulatory.cross2.base', '<code>regulatory.cross2.base</code>')}</p>` : '',
    `<p class="unit">${e(L.amountsIn(u2.label))}</p>`,
    tableHtml(
      CROSS2_COLUMNS.map((k) => ({ text: c[k], num: !CROSS2_TEXT_COLUMNS.has(k) })),
      rows,
      'regulatory cross2',
    ),
  );

  // Basel-style
  const b = reg.basel;
  const ub = unitFor([b.hqla.total, b.outflows.total, b.hqla.level1]);
  const ab = amount(ub);
  const bl = L.baselLines;
  const hqlaLines = ['cash', 'level1Assets', 'level2a', 'level2b', 'adjustment15', 'adjustment40'] as const;
  const outLines = [
    ['outMaturity', 'maturity'],
    ['outSurrender', 'surrender'],
    ['outOther', 'other'],
    ['outTotal', 'total'],
  ] as const;
  const inLines = [
    ['inScheduled', 'scheduled'],
    ['inFacilities', 'facilities'],
    ['inCounted', 'counted'],
  ] as const;
  const bRows: [string, string][] = [
    ...hqlaLines.map((k): [string, string] => [bl[k], ab(b.hqla[k])]),
    [bl.total, `<strong>${ab(b.hqla.total)}</strong>`],
    [bl.level2Share, e(formatPercent(b.hqla.level2Share))],
    ...outLines.map(([label, k]): [string, string] => [bl[label], ab(b.outflows[k])]),
    ...inLines.map(([label, k]): [string, string] => [bl[label], ab(b.inflows[k])]),
    [bl.net, `<strong>${ab(b.netOutflows)}</strong>`],
    [bl.ratio, `<strong>${pct(b.ratio)}</strong>`],
    [bl.result, verdict(b.pass)],
    [bl.pBelow, b.distribution ? e(formatPercent(b.distribution.pBelowFloor)) : '—'],
    [bl.p5, b.distribution ? pct(b.distribution.p5) : '—'],
  ];
  parts.push(
    `<h3>${e(L.baselTitle(formatCount(b.cover.coveredDays)))}</h3>`,
    `<p>${e(L.baselIntro)}</p>`,
    `<p class="unit">${e(L.amountsIn(ub.label))}</p>`,
    `<table class="figures regulatory basel"><tbody>\n${bRows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td class="num">${v}</td></tr>`).join('\n')}\n</tbody></table>`,
  );

  // funding-only shortfall
  const fs = reg.fundingShortfall;
  if (fs) {
    const uf = unitFor([fs.amount]);
    parts.push(
      `<h3>${e(L.shortfallTitle)}</h3>`,
      `<p>${e(L.shortfall(formatPercent(fs.quantile), `${formatInUnit(fs.amount, uf)} ${uf.label}`, formatCount(fs.cover.coveredDays), fs.cover.truncated, formatPercent(fs.pAny)))}</p>`,
    );
  } else {
    parts.push(`<h3>${e(L.shortfallTitle)}</h3>`, `<p class="unit">${e(L.shortfallOff).replace('regulatory: {}', '<code>regulatory: {}</code>')}</p>`);
  }

  // sources and uses
  const su = results.summary.sourcesUses ?? [];
  if (su.length > 0) {
    const perPath = su.some((h) => h.lines.some((l) => l.mean !== null));
    parts.push(`<h3>${e(L.suTitle)}</h3>`, `<p>${e(L.suIntro)}</p>`, `<p class="unit">${e(perPath ? L.mcNote : L.noPathStats).replace('regulatory: {}', '<code>regulatory: {}</code>')}</p>`);
    for (const h of su) {
      const uu = unitFor(h.lines.flatMap((l) => [l.mean ?? 0, l.p95 ?? 0, l.regulatoryPath]));
      // the columns over paths are null without per-path statistics (no regulatory: key)
      const au = (x: number | null) => (x === null ? '—' : amount(uu)(x));
      const label = (l: SourcesUsesLine) => {
        const [kind, ...rest] = l.key.split(':');
        const name = rest.join(':');
        if (kind === 'asset') return L.suAsset(name);
        if (kind === 'class') return L.suClass(name);
        if (kind === 'line') return L.suLine(name);
        return L.suLines[l.key] ?? l.key;
      };
      const strong = new Set(['sourcesUsed', 'usesPaid', 'unmet']);
      const suRows = h.lines.map((l) => {
        const name = e(label(l));
        return [strong.has(l.key) ? `<strong>${name}</strong>` : name, au(l.regulatoryPath), au(l.mean), au(l.p5), au(l.p50), au(l.p95)];
      });
      const sc = L.suCols;
      parts.push(
        `<h4>${e(L.suHorizon(h.cover))}</h4>`,
        `<p class="unit">${e(L.amountsIn(uu.label))}</p>`,
        tableHtml(
          [{ text: sc.line }, { text: sc.path, num: true }, { text: sc.mean, num: true }, { text: sc.p5, num: true }, { text: sc.p50, num: true }, { text: sc.p95, num: true }],
          suRows,
          'regulatory sources-uses',
        ),
      );
    }
  }
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}
