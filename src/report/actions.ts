/**
 * The report's "Actions used" section (docs/report.md): one row per management action of the
 * scenario (results `summary.actions`), in scenario order: how often and when it was activated and
 * what it moved. Absent (empty string) when the run has no actions. Its text is kept here, both
 * report languages side by side as in ./i18n.ts's catalogue, so the section stays one
 * self-contained piece; every value is escaped.
 */
import type { ActionSummary } from '../results/action-summary.js';
import type { Results } from '../results/types.js';
import { escapeHtml as e } from './escape.js';
import { byLanguage, type ReportLang } from './i18n.js';
import { formatMoney, formatPercent } from './money.js';

interface ActionTexts {
  title: string;
  intro: string;
  columns: { name: string; type: string; probability: string; dates: string; amountKind: string; mean: string; meanActivated: string };
  types: Record<ActionSummary['type'], string>;
  kinds: Record<NonNullable<ActionSummary['amountKind']>, string>;
  never: string;
  none: string;
  ledger: { actionInflows: string; deferred: string };
}

const TEXTS = byLanguage<ActionTexts>({
  title: { en: 'Actions used', 'zh-CN': '已采取的管理措施' },
  intro: {
    en: 'Management actions of the scenario, as applied in the daily order of events: the share of paths on which each was activated within the horizon, its activation dates (earliest; 5th percentile, median and 95th percentile over those paths), and what it moved: loan money arrived, surrender requests deferred (owed, never overdue, paid when the suspension ends) or outflows cancelled, as a mean over all paths and over the paths where it was activated.',
    'zh-CN': '情景中的管理措施，按每日事件顺序执行：各措施在模拟期内启动的路径比例、启动日期（最早；在这些路径上的第 5 百分位、中位数和第 95 百分位），以及其作用金额：借款到账、递延的退保申请（仍为应付款，不会逾期，于暂停结束时支付）或取消的支出，分别按全部路径和已启动路径取平均。',
  },
  columns: {
    name: { en: 'Action', 'zh-CN': '措施' },
    type: { en: 'Type', 'zh-CN': '类型' },
    probability: { en: 'Activated on', 'zh-CN': '启动路径比例' },
    dates: { en: 'Activation date (earliest; P5 / median / P95)', 'zh-CN': '启动日期（最早；P5 / 中位数 / P95）' },
    amountKind: { en: 'Amount', 'zh-CN': '金额类别' },
    mean: { en: 'Mean, all paths', 'zh-CN': '平均（全部路径）' },
    meanActivated: { en: 'Mean, when activated', 'zh-CN': '平均（已启动路径）' },
  },
  types: {
    suspend_surrenders: { en: 'surrender suspension', 'zh-CN': '暂停退保' },
    intragroup_loan: { en: 'intra-group loan', 'zh-CN': '集团内借款' },
    cancel_outflow: { en: 'outflow cancellation', 'zh-CN': '取消支出' },
    outreach: { en: 'outreach campaign', 'zh-CN': '客户沟通活动' },
  },
  kinds: {
    provided: { en: 'provided', 'zh-CN': '到账' },
    deferred: { en: 'deferred', 'zh-CN': '递延' },
    cancelled: { en: 'cancelled', 'zh-CN': '取消' },
  },
  never: { en: 'never activated', 'zh-CN': '未启动' },
  none: { en: '—', 'zh-CN': '—' },
  ledger: {
    actionInflows: { en: 'Loan money', 'zh-CN': '借款到账' },
    deferred: { en: 'Deferred surrenders', 'zh-CN': '递延退保' },
  },
});

/** The worst-path ledger's two extra columns with management actions (./html.ts adds them). */
export function actionLedgerColumns(lang: ReportLang): { actionInflows: string; deferred: string } {
  return TEXTS[lang].ledger;
}

/** Escaped text in which ISO dates do not break across lines at their hyphens (as ./html.ts does). */
function t(text: string): string {
  return e(text).replace(/\d{4}-\d{2}-\d{2}/g, '<span class="date">$&</span>');
}

/** The "Actions used" section after a line break, or '' when the results have no actions (the page is then unchanged). */
export function actionsSection(results: Results, lang: ReportLang): string {
  const actions = results.summary.actions;
  if (actions === undefined || actions.length === 0) return '';
  const x = TEXTS[lang];
  const money = (amount: number) => formatMoney(amount, results.meta.scenario.currency, lang, 'rounded');
  const c = x.columns;
  const head = [
    [c.name, false],
    [c.type, false],
    [c.probability, true],
    [c.dates, false],
    [c.amountKind, false],
    [c.mean, true],
    [c.meanActivated, true],
  ] as const;
  const rows = actions.map((a) => {
    const dates = a.activation === null ? e(x.never) : t(`${a.activation.earliest}; ${a.activation.p5} / ${a.activation.p50} / ${a.activation.p95}`);
    const amounts = a.amountKind === null;
    const cells = [
      e(a.name),
      e(x.types[a.type] ?? a.type),
      e(formatPercent(a.activationProbability)),
      dates,
      e(a.amountKind === null ? x.none : x.kinds[a.amountKind]),
      e(amounts ? x.none : money(a.meanAmount)),
      e(amounts || a.meanAmountWhenActivated === null ? x.none : money(a.meanAmountWhenActivated)),
    ];
    return `<tr>${cells.map((cell, i) => (head[i][1] ? `<td class="num">${cell}</td>` : `<td>${cell}</td>`)).join('')}</tr>`;
  });
  const header = head.map(([text, num]) => `<th scope="col"${num ? ' class="num"' : ''}>${e(text)}</th>`).join('');
  return `
<section id="actions">
<h2>${e(x.title)}</h2>
<p>${e(x.intro)}</p>
<table class="actions"><thead><tr>${header}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}
