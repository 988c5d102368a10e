/**
 * The report's "Regulatory ratios" section (before the shortfall windows): the C-ROSS II LCR1-3 and
 * the Basel-style ratio with their line items and pass/fail on the deterministic regulatory path,
 * beside their Monte Carlo distribution, the funding-only shortfall quantile, and a sources-and-uses
 * table per horizon. Labels in each framework's own terms, English and Chinese side by side (kept
 * here, next to the section, in the form of the main catalogue ./i18n.ts).
 */
import type { Results } from '../results/types.js';
import { NO_BASE_SCENARIO, type Cross2Ratio, type HorizonCover, type SourcesUsesLine } from '../regulatory/types.js';
import { escapeHtml as e } from './escape.js';
import { tableHtml } from './table.js';
import { byLanguage, type ReportLang } from './i18n.js';
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

const LABELS = byLanguage<Labels>({
  title: { en: 'Regulatory ratios', 'zh-CN': '监管指标' },
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
  noRefused: { en: 'none', 'zh-CN': '无' },
  haircuts: {
    high: { en: 'high end of their range', 'zh-CN': '区间上限' },
    mean: { en: 'mean of their range', 'zh-CN': '区间均值' },
    low: { en: 'low end of their range', 'zh-CN': '区间下限' },
  },
  amountsIn: { en: (unit) => `Amounts in ${unit}.`, 'zh-CN': (unit) => `金额单位：${unit}。` },
  cross2Title: { en: 'C-ROSS II liquidity coverage ratios (流动性覆盖率)', 'zh-CN': '偿二代二期流动性覆盖率' },
  cross2Intro: {
    en: 'LCR1 = (base-scenario inflows + opening cash) / base-scenario outflows; LCR2 = (stress inflows + opening cash + high-quality liquid assets after the realisation discount) / stress outflows; LCR3 = (stress inflows + opening cash) / stress outflows. Horizons in calendar months from the start. Floors 100% / 100% / 50%.',
    'zh-CN': 'LCR1 =（基本情景现金流入 + 期初现金）/ 基本情景现金流出；LCR2 =（压力情景现金流入 + 期初现金 + 优质流动资产变现折扣后价值）/ 压力情景现金流出；LCR3 =（压力情景现金流入 + 期初现金）/ 压力情景现金流出。期限按自起始日起的自然月计算。监管下限 100% / 100% / 50%。',
  },
  variant: {
    lcr1: { en: 'LCR1 (base scenario)', 'zh-CN': 'LCR1（基本情景）' },
    lcr2: { en: 'LCR2 (stress, with asset realisation)', 'zh-CN': 'LCR2（压力情景，考虑资产变现）' },
    lcr3: { en: 'LCR3 (stress, no asset realisation)', 'zh-CN': 'LCR3（压力情景，不考虑资产变现）' },
  },
  months: { en: (n) => `next ${n} months`, 'zh-CN': (n) => `未来${n}个月` },
  covered: {
    en: (c) => (c.truncated ? `${formatCount(c.coveredDays)} of ${formatCount(c.horizonDays)} (scenario horizon)` : formatCount(c.coveredDays)),
    'zh-CN': (c) => (c.truncated ? `${formatCount(c.coveredDays)} / ${formatCount(c.horizonDays)}（情景期限）` : formatCount(c.coveredDays)),
  },
  cols: {
    indicator: { en: 'Indicator', 'zh-CN': '指标' },
    horizon: { en: 'Horizon', 'zh-CN': '期限' },
    days: { en: 'Days covered', 'zh-CN': '覆盖天数' },
    inflows: { en: 'Inflows', 'zh-CN': '现金流入' },
    cash: { en: 'Opening cash', 'zh-CN': '期初现金' },
    hqla: { en: 'HQLA after discount', 'zh-CN': '优质流动资产（折扣后）' },
    outflows: { en: 'Outflows (maturity / surrender / other)', 'zh-CN': '现金流出（满期 / 退保 / 其他）' },
    ratio: { en: 'Ratio', 'zh-CN': '比率' },
    floor: { en: 'Floor', 'zh-CN': '下限' },
    result: { en: 'Result', 'zh-CN': '结果' },
    pBelow: { en: 'P(below floor)', 'zh-CN': '低于下限的概率' },
    p5: { en: 'P5 over paths', 'zh-CN': '路径 P5' },
  },
  outflowKinds: { en: 'maturity / surrender / other', 'zh-CN': '满期 / 退保 / 其他' },
  pass: { en: 'pass', 'zh-CN': '达标' },
  fail: { en: 'fail', 'zh-CN': '未达标' },
  na: { en: 'n/a', 'zh-CN': '不适用' },
  lcr1Missing: {
    en: (why) => `LCR1 is not computed: ${why}.`,
    'zh-CN': (why) =>
      `未计算 LCR1：${why === NO_BASE_SCENARIO ? '未指定基本情景。LCR1 为基本情景指标，本情景为压力情景；请在 regulatory.cross2.base 中指定基本情景文件' : why}。`,
  },
  baselTitle: { en: (days) => `Basel III-style liquidity coverage ratio (${days} days)`, 'zh-CN': (days) => `巴塞尔协议 III 式流动性覆盖率（${days}天）` },
  baselIntro: {
    en: 'HQLA after the Level haircuts (L1 0%, L2A 15%, L2B RMBS 25%, other L2B 50%) and the 40% / 15% caps through the adjustment formulas; net outflows = outflows − min(inflows, 75% of outflows); committed credit lines received count at 0% unless the scenario says otherwise. Cash above the buffer counts as Level 1. Floor 100%.',
    'zh-CN': '合格优质流动性资产按层级折扣（一级 0%、二级A 15%、二级B 住房抵押证券 25%、其他二级B 50%），并通过调整公式适用 40% / 15% 上限；净现金流出 = 现金流出 − min(现金流入, 现金流出的 75%)；承诺授信额度默认按 0% 计入流入。超出最低现金的现金计入一级资产。下限 100%。',
  },
  baselLines: {
    en: {
      cash: 'Level 1: cash above the buffer',
      level1Assets: 'Level 1: assets',
      level2a: 'Level 2A after haircut',
      level2b: 'Level 2B after haircut',
      adjustment15: 'Adjustment for the 15% Level 2B cap',
      adjustment40: 'Adjustment for the 40% Level 2 cap',
      total: 'High-quality liquid assets (HQLA)',
      level2Share: 'Level 2 share of HQLA',
      outMaturity: 'Outflows: maturities',
      outSurrender: 'Outflows: surrenders',
      outOther: 'Outflows: other',
      outTotal: 'Outflows: total',
      inScheduled: 'Inflows: scheduled',
      inFacilities: 'Inflows: committed facilities',
      inCounted: 'Inflows counted (capped at 75% of outflows)',
      net: 'Net cash outflows',
      ratio: 'Ratio (HQLA / net outflows)',
      result: 'Result (floor 100%)',
      pBelow: 'P(below 100%) over paths',
      p5: 'P5 over paths',
    },
    'zh-CN': {
      cash: '一级资产：超出最低现金的现金',
      level1Assets: '一级资产：证券',
      level2a: '二级A资产（折扣后）',
      level2b: '二级B资产（折扣后）',
      adjustment15: '二级B 15% 上限调整',
      adjustment40: '二级 40% 上限调整',
      total: '合格优质流动性资产',
      level2Share: '二级资产占比',
      outMaturity: '现金流出：满期给付',
      outSurrender: '现金流出：退保',
      outOther: '现金流出：其他',
      outTotal: '现金流出：合计',
      inScheduled: '现金流入：计划流入',
      inFacilities: '现金流入：承诺授信额度',
      inCounted: '计入的现金流入（不超过现金流出的 75%）',
      net: '净现金流出',
      ratio: '比率（优质流动性资产 / 净现金流出）',
      result: '结果（下限 100%）',
      pBelow: '路径中低于 100% 的概率',
      p5: '路径 P5',
    },
  },
  shortfallTitle: { en: 'Funding-only shortfall', 'zh-CN': '纯资金缺口' },
  shortfall: {
    en: (q, amount, days, truncated, pAny) =>
      `The ${q} quantile over paths of the peak funding shortfall, with payment-channel and processing limits lifted (only funding binds), over ${days} days${truncated ? ' (the scenario horizon, shorter than one year)' : ''}: ${amount}. Share of paths with any funding shortfall: ${pAny}.`,
    'zh-CN': (q, amount, days, truncated, pAny) =>
      `取消支付渠道与处理能力限制（仅资金约束）后，各路径资金缺口峰值的 ${q} 分位数，期限 ${days} 天${truncated ? '（情景期限，短于一年）' : ''}：${amount}。出现资金缺口的路径占比：${pAny}。`,
  },
  shortfallOff: {
    en: 'Not computed for this run: it re-runs every path\'s cash, funding and payments with the limits lifted, which a scenario asks for with a regulatory key (regulatory: {} for the defaults) and shortfall_quantile not false.',
    'zh-CN': '本次未计算：纯资金缺口需在取消限制后重新计算每条路径的现金、融资与支付；情景含 regulatory 键（默认设置可写 regulatory: {}）且 shortfall_quantile 不为 false 时计算。',
  },
  suTitle: { en: 'Sources and uses of liquidity', 'zh-CN': '流动性来源与运用' },
  suIntro: {
    en: 'NAIC LST-style, per horizon: sources used (scheduled inflows, asset-sale proceeds by asset and by class, credit drawn by line), cash drawn from the opening balance, uses paid by type, what is unmet (overdue and not yet due) and what was available but unused (unsold assets after haircut and undrawn lines still reachable). Sources used + cash drawn = uses paid, to the cent, on every path.',
    'zh-CN': '参照 NAIC 流动性压力测试，按期限列示：已使用的来源（计划流入、按资产及类别的资产变现所得、按银行的授信提款）、动用的期初现金、按类型的已付运用、未满足部分（逾期与未到期）以及可用未用部分（折扣后未出售资产与仍可提取的授信）。每条路径上：已用来源 + 动用现金 = 已付运用，精确到分。',
  },
  suHorizon: {
    en: (c) => (c.truncated ? `${formatCount(c.horizonDays)} days: the scenario's ${formatCount(c.coveredDays)} days only (${c.from} .. ${c.to})` : `Next ${formatCount(c.horizonDays)} days (${c.from} .. ${c.to})`),
    'zh-CN': (c) => (c.truncated ? `${formatCount(c.horizonDays)}天：仅情景内 ${formatCount(c.coveredDays)} 天（${c.from} 至 ${c.to}）` : `未来${formatCount(c.horizonDays)}天（${c.from} 至 ${c.to}）`),
  },
  suCols: {
    line: { en: 'Line', 'zh-CN': '项目' },
    path: { en: 'Regulatory path', 'zh-CN': '监管路径' },
    mean: { en: 'Mean', 'zh-CN': '均值' },
    p5: { en: 'P5', 'zh-CN': 'P5' },
    p50: { en: 'P50', 'zh-CN': 'P50' },
    p95: { en: 'P95', 'zh-CN': 'P95' },
  },
  suLines: {
    en: {
      inflows: 'Sources: scheduled inflows',
      assetSales: 'Sources: asset sales (proceeds)',
      creditDraws: 'Sources: credit drawn',
      sourcesUsed: 'Sources used, total',
      cashDrawn: 'Cash drawn from the opening balance',
      'paid:maturity': 'Uses paid: maturities',
      'paid:surrender': 'Uses paid: surrenders',
      'paid:other': 'Uses paid: other',
      usesPaid: 'Uses paid, total',
      overdue: 'Unmet: overdue',
      backlogNotDue: 'Unmet: requested, not yet due',
      unmet: 'Unmet, total',
      availableUnused: 'Available but unused',
      closingCash: 'Closing cash',
    },
    'zh-CN': {
      inflows: '来源：计划现金流入',
      assetSales: '来源：资产变现所得',
      creditDraws: '来源：授信提款',
      sourcesUsed: '已使用来源合计',
      cashDrawn: '动用的期初现金',
      'paid:maturity': '已付：满期给付',
      'paid:surrender': '已付：退保',
      'paid:other': '已付：其他',
      usesPaid: '已付运用合计',
      overdue: '未满足：逾期',
      backlogNotDue: '未满足：已申请未到期',
      unmet: '未满足合计',
      availableUnused: '可用未用',
      closingCash: '期末现金',
    },
  },
  suAsset: { en: (name) => `  asset: ${name}`, 'zh-CN': (name) => `  资产：${name}` },
  suClass: { en: (c) => `  class ${c}`, 'zh-CN': (c) => `  类别 ${c}` },
  suLine: { en: (bank) => `  line: ${bank}`, 'zh-CN': (bank) => `  授信：${bank}` },
  mcNote: {
    en: 'Means are exact; quantiles are lower-rank quantiles from sketches (relative accuracy 0.5%), each line on its own (they do not add up).',
    'zh-CN': '均值为精确值；分位数为草图下秩分位数（相对精度 0.5%），各行单独计算（不可相加）。',
  },
  noPathStats: {
    en: 'Regulatory path only: the mean and quantiles over the Monte Carlo paths were not computed for this run; a scenario asks for them (and for the distributions of the ratios) with a regulatory key (regulatory: {} for the defaults).',
    'zh-CN': '仅监管路径：本次未计算蒙特卡洛路径上的均值与分位数；情景含 regulatory 键（默认设置可写 regulatory: {}）时计算（比率的分布亦然）。',
  },
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
