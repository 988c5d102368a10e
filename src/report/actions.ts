/**
 * The report's "Actions used" section (docs/report.md): one row per management action of the
 * scenario (results `summary.actions`), in scenario order: how often and when it was activated and
 * what it moved. Absent (empty string) when the run has no actions. Its text is its own table, both
 * report languages side by side as in ./i18n.ts's catalogue: all plain texts, so all of it is data,
 * ./texts/actions.json; every value is escaped.
 */
import type { ActionSummary } from '../results/action-summary.js';
import type { Results } from '../results/types.js';
import { escapeHtml as e } from './escape.js';
import { catalogue, type ReportLang } from './i18n.js';
import ACTION_TEXTS from './texts/actions.json' with { type: 'json' };
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

const TEXTS = catalogue<ActionTexts>()(ACTION_TEXTS, {});

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
