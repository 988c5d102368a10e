/**
 * The report pages as HTML strings: one self-contained file each, inline CSS and inline SVG only,
 * no script and no URL, with a CSP that forbids loading anything. Every value taken from the
 * results (and so from the scenario) goes through `escapeHtml`; text from the message catalogue is
 * escaped too, so a translation can never break the markup.
 */
import { isMap, isSeq, parseDocument, stringify, visit } from 'yaml';
import { LIMITATIONS } from '../model/limitations.js';
import { PAYOUT_TYPES, type Results, type WindowLever } from '../results/types.js';
import { formatApproxMoney } from './approx.js';
import { assumptionGroups } from './assumptions.js';
import { bookSection } from './book.js';
import { escapeHtml as e } from './escape.js';
import { messages, ORDER_OF_EVENTS, type Messages, type ReportLang } from './i18n.js';
import { checkLedger } from './ledger.js';
import { actionLedgerColumns, actionsSection } from './actions.js';
import { chartUnit, formatCount, formatInUnit, formatMoney, formatPercent, formatRatio, ledgerUnit, toDecimal } from './money.js';
import { inlineSvg } from './render.js';
import { pageNumberCss, REPORT_CSS } from './style.js';
import { regulatorySection } from './regulatory.js';
import { tableHtml } from './table.js';
import type { RenderedChart, ReportOptions } from './types.js';
import { rankWindows, type WindowFacts } from './windows.js';

/** Loads nothing, runs nothing: inline styles are the only thing the page may use. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Escaped text in which ISO dates do not break across lines at their hyphens. */
function t(text: string): string {
  return e(text).replace(/\d{4}-\d{2}-\d{2}/g, '<span class="date">$&</span>');
}

/** A self-contained page in the report's style (also the analysis pages', src/analysis/html.ts). */
export function page(lang: ReportLang, title: string, body: string, tool: string): string {
  const m = messages(lang);
  return `<!DOCTYPE html>
<html lang="${e(m.htmlLang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${e(tool)}">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${REPORT_CSS}${pageNumberCss(m.pageNumber)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The window a reader should look at first: the first of `rankWindows` (largest expected overdue amount, then the tail). */
function worstWindow(results: Results): { window: Results['summary']['windows'][number]; index: number } | null {
  const first = rankWindows(results)[0];
  return first === undefined ? null : { window: first.window, index: first.number - 1 };
}

/**
 * The resolved scenario as YAML for the appendix, one line per list item of plain values (cohorts,
 * assets, credit lines, channels: `- { product: ..., value: ... }`), so a book of many cohorts
 * takes a line each rather than six.
 */
export function compactYaml(resolved: unknown): string {
  const doc = parseDocument(stringify(resolved, { lineWidth: 0 }));
  visit(doc, {
    Map(_, node) {
      if (node.items.every((pair) => !isMap(pair.value) && !isSeq(pair.value) || (isSeq(pair.value) && pair.value.items.every((x) => !isMap(x) && !isSeq(x))))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

type VerdictKind = 'windows' | 'below-threshold' | 'none';

function verdictKind(results: Results): VerdictKind {
  if (results.summary.windows.length > 0) return 'windows';
  return results.summary.pAnyShortfall.estimate > 0 ? 'below-threshold' : 'none';
}

class ReportWriter {
  readonly m: Messages;
  readonly currency: string;
  constructor(
    readonly results: Results,
    readonly options: ReportOptions,
  ) {
    this.m = messages(options.lang);
    this.currency = results.meta.scenario.currency;
  }

  money(amount: number): string {
    return formatMoney(amount, this.currency, this.options.lang, 'rounded');
  }

  /** The page header; `toc` lists the sections of `main` (tocOf). */
  header(toc: string): string {
    const { m, results } = this;
    const s = results.meta.scenario;
    const run = results.meta.run;
    const provenance = [
      `${m.reproRows.asOf}: ${s.asOf ?? m.asOfNone}`,
      `${m.reproRows.runDate}: ${this.options.runDate ?? m.runDateNone}`,
    ].join(' · ');
    return `<header class="report-header">
<h1>${e(m.reportTitle)}</h1>
<p class="scenario"><span class="label">${e(m.scenarioLabel)}</span> ${e(s.name)}</p>
${s.description ? `<p class="description">${e(s.description)}</p>` : ''}
<p class="meta">${t(m.periodLabel(run.startDate, run.endDate, run.horizonDays))} · ${e(m.pathsCount(formatCount(run.paths)))} · ${e(m.generatedBy(this.toolIdentity()))}</p>
<p class="meta provenance">${t(provenance)}</p>
<nav class="toc" aria-label="${e(m.contents)}"><strong>${e(m.contents)}</strong><ol>${toc}</ol></nav>
</header>`;
  }

  /** `liqsim 0.2.0 (abc1234)`: version and build commit, short. */
  toolIdentity(): string {
    const tool = this.results.meta.tool;
    return `${tool.name} ${tool.version}${tool.commit ? ` (${tool.commit.slice(0, 12)})` : ''}`;
  }

  /** An approximate (sketch) amount, rounded to its stated accuracy. */
  approx(amount: number): string {
    return formatApproxMoney(amount, this.results.meta.statistics.sketchRelativeAccuracy, this.currency, this.options.lang);
  }

  /** The window's lever in words, with its amount; "lever not computed" when absent. */
  leverText(lever: WindowLever | null): string {
    const { m } = this;
    if (lever === null) return m.leverNotComputed;
    const what =
      lever.kind === 'funding'
        ? m.leverFunding(this.money(lever.amount), lever.byDate)
        : lever.kind === 'channel'
          ? m.leverChannel(this.money(lever.amount), lever.channel ?? '', lever.byDate)
          : m.leverProcessing(formatCount(lever.amount), lever.byDate);
    return lever.found ? `${what} ${m.leverAchieved(formatPercent(lever.achievedProbability))}` : m.leverNotFound(what, formatPercent(lever.achievedProbability));
  }

  windowName(f: WindowFacts): string {
    return `${this.m.windowLabel(f.number)} (${this.m.dateRange(f.window.start, f.window.end)})`;
  }

  summary(): string {
    const { m, results } = this;
    const sum = results.summary;
    const run = results.meta.run;
    const threshold = formatPercent(run.shortfallThreshold);
    const ranked = rankWindows(results);
    const kind = verdictKind(results);
    let verdict: string;
    let cls: string;
    if (kind === 'windows' && ranked.length > 0) {
      const f = ranked[0];
      const w = f.window;
      const cutOff = ranked
        .filter((x) => x.cutOff)
        .map((x) => `<p class="cut-off">${t(m.verdictCutOff(this.windowName(x), x.window.end, x.growing))}</p>`)
        .join('\n');
      verdict = `<p>${t(m.verdictWindows(sum.windows.length, threshold, this.windowName(f), this.money(f.meanAllPaths), this.money(f.meanShortfallPaths), formatPercent(w.peakProbability), m.causes[w.dominantCause]))}</p>
${cutOff}
${this.rankTable(ranked)}`;
      cls = 'verdict-bad';
    } else if (kind === 'below-threshold') {
      verdict = `<p>${e(m.verdictBelowThreshold(formatPercent(sum.pAnyShortfall.estimate), threshold))}</p>`;
      cls = 'verdict-warn';
    } else {
      verdict = `<p>${e(m.verdictNone(formatCount(run.paths), formatPercent(sum.pAnyShortfall.ci95[1])))}</p>`;
      cls = 'verdict-ok';
    }
    const p = sum.pAnyShortfall;
    const fs = sum.firstShortfall;
    const worst = ranked[0];
    const accuracy = formatPercent(results.meta.statistics.sketchRelativeAccuracy);
    const figures: [string, string][] = [
      [m.pAnyShortfall, m.pAnyShortfallValue(formatPercent(p.estimate), formatPercent(p.ci95[0]), formatPercent(p.ci95[1]))],
      [
        m.worstWindow,
        worst
          ? `${m.windowLabel(worst.number)}: ${m.worstWindowValue(m.dateRange(worst.window.start, worst.window.end), worst.window.days, formatPercent(worst.window.peakProbability), worst.window.peakDate)}`
          : m.noWindow,
      ],
      [m.expectedPeakShortfall, m.expectedPeakShortfallValue(this.money(sum.shortfall.expectedPeak.mean), this.money(sum.shortfall.expectedPeak.standardError))],
      [m.tailShortfall, m.tailShortfallValue(this.approx(sum.shortfall.p95Peak), this.approx(sum.shortfall.p99Peak), this.approx(sum.shortfall.tailMean95), accuracy)],
      [
        m.firstShortfall,
        fs.earliest && fs.quantiles ? m.firstShortfallValue(fs.earliest, fs.quantiles.p5, fs.quantiles.p50, fs.quantiles.p95, formatCount(fs.paths)) : m.firstShortfallNone,
      ],
    ];
    const figureRows = figures.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${t(v)}</td></tr>`).join('\n');
    return `<section id="summary">
<h2>${e(m.sections.summary)}</h2>
<div class="verdict ${cls}"><h3>${e(m.verdictTitle)}</h3>
${verdict}</div>
<h3>${e(m.keyFigures)}</h3>
<table class="figures"><tbody>
${figureRows}
</tbody></table>
</section>`;
  }

  /** Every window, ranked, with both amounts and its lever. */
  rankTable(ranked: readonly WindowFacts[]): string {
    const { m } = this;
    const c = m.rankColumns;
    const rows = ranked.map((f, i) => [
      e(formatCount(i + 1)),
      `${t(this.windowName(f))}${f.cutOff ? `<br><span class="flag-bad horizon-flag">${e(m.horizonFlag(f.growing))}</span>` : ''}`,
      e(this.money(f.meanAllPaths)),
      e(this.money(f.meanShortfallPaths)),
      e(formatPercent(f.window.peakProbability)),
      e(m.causes[f.window.dominantCause] ?? f.window.dominantCause),
      `<span class="${f.lever === null ? 'lever-none' : 'lever'}">${t(this.leverText(f.lever))}</span>`,
    ]);
    const methods = [...new Set(ranked.flatMap((f) => (f.lever === null ? [] : [f.lever.method])))];
    return `<h4>${e(m.verdictRankTitle)}</h4>
${tableHtml(
  [
    { text: c.rank, num: true },
    { text: c.window },
    { text: c.meanAll, num: true },
    { text: c.meanShortfall, num: true },
    { text: c.peak, num: true },
    { text: c.cause },
    { text: c.lever },
  ],
  rows,
  'ranked-windows',
)}
${methods.map((x) => `<p class="unit lever-method">${e(m.leverMethod(x))}</p>`).join('\n')}`;
  }

  windows(): string {
    const { m, results } = this;
    const run = results.meta.run;
    const threshold = formatPercent(run.shortfallThreshold);
    const intro = `<p>${e(m.windowsIntro(threshold, m.overdueRule(formatCount(run.overdueGraceDays), run.overdueGraceCalendar === 'business')))}</p>`;
    const ws = results.summary.windows;
    if (ws.length === 0) {
      return `<section id="windows">
<h2>${e(m.sections.windows)}</h2>
${intro}
<p class="no-windows"><strong>${e(m.windowsNone(threshold))}</strong></p>
</section>`;
    }
    const c = m.windowColumns;
    const facts = new Map(rankWindows(results).map((f) => [f.number, f]));
    const rows = ws.map((w, i) => {
      const f = facts.get(i + 1)!;
      return [
        e(m.windowLabel(i + 1)),
        t(w.start),
        `${t(w.end)}${f.cutOff ? `<br><span class="flag-bad horizon-flag">${e(m.horizonFlag(f.growing))}</span>` : ''}`,
        e(formatCount(w.days)),
        e(formatPercent(w.peakProbability)),
        t(w.peakDate),
        e(this.money(f.meanAllPaths)),
        t(f.meanAllPathsDate),
        e(this.money(f.meanShortfallPaths)),
        t(f.meanShortfallPathsDate),
        e(m.causes[w.dominantCause] ?? w.dominantCause),
      ];
    });
    return `<section id="windows">
<h2>${e(m.sections.windows)}</h2>
${intro}
${tableHtml(
  [
    { text: c.id },
    { text: c.start },
    { text: c.end },
    { text: c.days, num: true },
    { text: c.peakProbability, num: true },
    { text: c.peakDate },
    { text: c.maxExpectedShortfall, num: true },
    { text: c.maxExpectedShortfallDate },
    { text: c.maxMeanOnShortfallPaths, num: true },
    { text: c.maxMeanOnShortfallPathsDate },
    { text: c.dominantCause },
  ],
  rows,
  'windows',
)}
<ul class="definitions">
<li>${e(m.definitionMeanAllPaths)}</li>
<li>${e(m.definitionMeanShortfallPaths)}</li>
</ul>
</section>`;
  }

  charts(charts: readonly RenderedChart[]): string {
    const { m } = this;
    const figures = charts
      .map(
        (chart, i) => `<figure class="chart" id="chart-${e(chart.name)}" aria-label="${e(chart.title)}">
${inlineSvg(chart.svg, `c${i + 1}`, chart.title)}
<figcaption><span class="fig-no">${e(m.figure(i + 1))}.</span> ${e(chart.caption)}</figcaption>
</figure>`,
      )
      .join('\n');
    return `<section id="charts">
<h2>${e(m.sections.charts)}</h2>
${figures}
</section>`;
  }

  ledger(): string {
    const { m, results } = this;
    const wp = results.worstPath;
    const rows = wp.ledger;
    const head = `<h2>${e(m.sections.ledger)}</h2>`;
    if (rows.length === 0) {
      return `<section id="ledger" class="ledger-section">${head}<p>${e(m.ledgerEmpty)}</p></section>`;
    }
    const checks = checkLedger(rows);
    const bad = checks.filter((c) => !c.ok).length;
    const status =
      bad === 0
        ? `<p class="reconciliation flag-ok">${e(m.ledgerReconciled(formatCount(rows.length)))}</p>`
        : `<p class="reconciliation flag-bad">${e(m.ledgerNotReconciled(formatCount(bad), formatCount(rows.length)))}</p>`;
    const unit = ledgerUnit(this.currency, this.options.lang);
    const amount = (x: number) => e(formatInUnit(x, unit));
    const c = m.ledgerColumns;
    // with management actions: loan money (a cash inflow) and deferred surrenders (owed, not due)
    const actionColumns = rows[0].actionInflows === undefined ? null : actionLedgerColumns(this.options.lang);
    const headers = [
      { text: c.date },
      { text: c.openingCash, num: true },
      { text: c.inflows, num: true },
      { text: c.assetSales, num: true },
      { text: c.creditDraws, num: true },
      ...(actionColumns ? [{ text: actionColumns.actionInflows, num: true }] : []),
      ...PAYOUT_TYPES.map((t) => ({ text: c.payouts(m.payoutTypes[t]), num: true })),
      { text: c.closingCash, num: true },
      { text: c.backlog, num: true },
      ...(actionColumns ? [{ text: actionColumns.deferred, num: true }] : []),
      { text: c.overdue, num: true },
      { text: c.cause },
      { text: c.check, num: true },
    ];
    const head2 = headers.map((h) => `<th scope="col"${h.num ? ' class="num"' : ''}>${e(h.text)}</th>`).join('');
    const body = rows
      .map((r, i) => {
        const check = checks[i];
        const checkText = check.ok
          ? e(m.ledgerCheckOk)
          : e([check.difference, check.carryDifference].map((d) => formatInUnit(d, unit)).join(' / '));
        const cls = !check.ok ? ' class="mismatch"' : toDecimal(r.overdue).gt(0) ? ' class="overdue"' : '';
        const cells = [
          e(r.date),
          amount(r.openingCash),
          amount(r.inflows),
          amount(r.assetSales),
          amount(r.creditDraws),
          ...(actionColumns ? [amount(r.actionInflows ?? 0)] : []),
          ...PAYOUT_TYPES.map((t) => amount(r.payouts[t])),
          amount(r.closingCash),
          amount(r.backlog),
          ...(actionColumns ? [amount(r.deferred ?? 0)] : []),
          amount(r.overdue),
          r.cause === null ? '' : e(m.causesShort[r.cause] ?? r.cause),
          `<span class="${check.ok ? 'flag-ok' : 'flag-bad'}">${checkText}</span>`,
        ];
        return `<tr${cls}>${cells.map((cell, j) => (headers[j].num ? `<td class="num">${cell}</td>` : `<td>${cell}</td>`)).join('')}</tr>`;
      })
      .join('\n');
    return `<section id="ledger" class="ledger-section">
${head}
<p>${e(m.ledgerIntro(formatCount(wp.path), this.known(wp.criterion)))}</p>
${status}
<p class="unit">${e(m.amountsIn(unit.label))} ${e(m.ledgerCheckFormula)}</p>
<div class="ledger-scroll"><table class="ledger"><thead><tr>${head2}</tr></thead><tbody>
${body}
</tbody></table></div>
</section>`;
  }

  assumptions(): string {
    const { m, results } = this;
    const c = m.assumptionColumns;
    const groups = assumptionGroups(results, this.options.lang)
      .map(
        (g) => `<h3>${e(g.title)}</h3>
${tableHtml(
  [{ text: c.parameter }, { text: c.value, num: true }, { text: c.unit }],
  g.rows.map((r) => [e(r.parameter), r.parameter === m.sha256 ? `<code class="sha256">${e(r.value)}</code>` : t(r.value), e(r.unit)]),
  `assumptions assumptions-${g.id}`,
)}`,
      )
      .join('\n');
    return `<section id="assumptions">
<h2>${e(m.sections.assumptions)}</h2>
<p>${e(m.assumptionsIntro)}</p>
${groups}
</section>`;
  }

  limitations(): string {
    const { m } = this;
    const zh = this.options.lang === 'zh-CN';
    const items = LIMITATIONS.map((l) => `<li><strong>${e(zh ? l.titleZh : l.title)}${zh ? '。' : '.'}</strong> ${e(zh ? l.textZh : l.text)}</li>`).join('\n');
    return `<section id="limitations">
<h2>${e(m.sections.limitations)}</h2>
<p>${e(m.limitationsIntro)}</p>
<ul class="limitations">
${items}
</ul>
</section>`;
  }

  appendix(): string {
    const { m, results } = this;
    const s = results.meta.scenario;
    const yaml = s.resolved === undefined || s.resolved === null ? m.notAvailable : compactYaml(s.resolved);
    return `<section id="appendix">
<h2>${e(m.sections.appendix)}</h2>
<p>${e(m.appendixIntro)}</p>
<h3>${e(m.resolvedScenario)}</h3>
<pre class="resolved-scenario">${e(yaml)}</pre>
</section>`;
  }

  /** A method text of results.json, in this language when the catalogue knows it. */
  known(text: string): string {
    return this.m.knownText[text] ?? text;
  }

  methodology(): string {
    const { m, results } = this;
    const run = results.meta.run;
    const st = results.meta.statistics;
    const p = results.summary.pAnyShortfall;
    const events = ORDER_OF_EVENTS[this.options.lang].map((x) => `<li>${e(x)}</li>`).join('\n');
    return `<section id="methodology">
<h2>${e(m.sections.methodology)}</h2>
<h3>${e(m.orderOfEventsTitle)}</h3>
<ol class="events">
${events}
</ol>
<h3>${e(m.monteCarloTitle)}</h3>
<p>${e(m.monteCarloText(formatCount(run.paths), formatPercent(p.standardError), this.money(results.summary.shortfall.expectedPeak.standardError)))}</p>
<table class="figures"><tbody>
<tr><th scope="row">${e(m.statisticsRows.intervals)}</th><td>${e(this.known(st.intervalMethod))}</td></tr>
<tr><th scope="row">${e(m.statisticsRows.quantiles)}</th><td>${e(this.known(st.quantileMethod))}</td></tr>
<tr><th scope="row">${e(m.statisticsRows.accuracy)}</th><td>${e(String(st.sketchRelativeAccuracy))}</td></tr>
</tbody></table>
<h3>${e(m.definitionsTitle)}</h3>
<ul class="definitions">
<li>${e(m.definitionShortfall(m.overdueRule(formatCount(run.overdueGraceDays), run.overdueGraceCalendar === 'business')))}</li>
<li>${e(m.definitionWindow(formatPercent(run.shortfallThreshold)))}</li>
<li>${e(m.definitionHeadroom)}</li>
<li>${e(m.definitionCoverage)}</li>
<li>${e(m.definitionMeanAllPaths)}</li>
<li>${e(m.definitionMeanShortfallPaths)}</li>
<li>${e(m.definitionApproximate(formatPercent(st.sketchRelativeAccuracy)))}</li>
</ul>
</section>`;
  }

  reproducibility(): string {
    const { m, results } = this;
    const meta = results.meta;
    const r = m.reproRows;
    const rows: [string, string][] = [
      [r.tool, `${meta.tool.name} ${meta.tool.version}`],
      [r.commit, meta.tool.commit ?? m.commitUnknown],
      [r.asOf, meta.scenario.asOf ?? m.asOfNone],
      [r.runDate, this.options.runDate === undefined ? m.runDateNone : m.runDateValue(this.options.runDate)],
      [r.schema, `${results.schema} v${results.schemaVersion}`],
      [r.scenarioFile, meta.scenario.file],
      [r.sha256, meta.scenario.sha256],
      [r.seed, meta.run.seed],
      [r.paths, formatCount(meta.run.paths)],
      [r.period, m.periodLabel(meta.run.startDate, meta.run.endDate, meta.run.horizonDays)],
      [r.generator, meta.run.generator],
      [r.pathStream, meta.run.pathStream],
      [r.blockSize, formatCount(meta.run.blockSize)],
    ];
    return `<section id="reproducibility">
<h2>${e(m.sections.reproducibility)}</h2>
<p>${e(m.reproIntro)}</p>
<table class="figures"><tbody>
${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${k === r.runDate || v === m.asOfNone || v === m.commitUnknown ? t(v) : `<code>${e(v)}</code>`}</td></tr>`).join('\n')}
</tbody></table>
<h3>${e(m.reproduceCommand)}</h3>
<pre class="command reproduce">${e(meta.run.reproduce)}</pre>
<h3>${e(m.reportCommand)}</h3>
<pre class="command report-command">${e(this.options.commandLine)}</pre>
</section>`;
  }
}

/** The full report page of one scenario. `charts` come from renderCharts, in order. */
export function reportHtml(results: Results, charts: readonly RenderedChart[], options: ReportOptions): string {
  const w = new ReportWriter(results, options);
  const tool = w.toolIdentity();
  const main = `${w.summary()}
${regulatorySection(results, options.lang)}
${w.windows()}${actionsSection(results, options.lang)}
${bookSection(results, options.lang, (x) => w.money(x))}
${w.charts(charts)}
${w.ledger()}
${w.assumptions()}
${w.limitations()}
${w.methodology()}
${w.reproducibility()}
${w.appendix()}`;
  const body = `${w.header(tocOf(main))}
<main>
${main}
</main>
<footer>${e(w.m.generatedBy(tool))} · ${e(results.meta.scenario.sha256)}</footer>`;
  return page(options.lang, `${w.m.reportTitle} — ${results.meta.scenario.name}`, body, tool);
}

/**
 * The table of contents: every `<section id>` of the page with its `<h2>` (already escaped), in
 * page order, so optional sections (regulatory ratios, actions, book) are listed only when present.
 */
function tocOf(main: string): string {
  return [...main.matchAll(/<section id="([^"]+)"[^>]*>\s*<h2>([\s\S]*?)<\/h2>/g)].map(([, id, title]) => `<li><a href="#${id}">${title}</a></li>`).join('');
}

/** A relative link to a scenario's report, each path segment percent-encoded. */
function reportHref(dirName: string): string {
  return `${dirName.split('/').map(encodeURIComponent).join('/')}/report.html`;
}

/** The comparison page of several scenarios run together. */
export function indexHtml(
  entries: readonly { dirName: string; label: string; results: Results }[],
  overlay: RenderedChart,
  options: ReportOptions,
): string {
  const m = messages(options.lang);
  const money = (r: Results, x: number) => formatMoney(x, r.meta.scenario.currency, options.lang, 'rounded');
  const c = m.indexColumns;
  const rows = entries.map(({ dirName, label, results: r }) => {
    const p = r.summary.pAnyShortfall;
    const worst = worstWindow(r);
    const basel = r.summary.regulatory?.basel;
    return [
      e(label),
      `<strong>${e(formatPercent(p.estimate))}</strong><br><span class="unit">${e(m.interval(formatPercent(p.ci95[0]), formatPercent(p.ci95[1])))}</span>`,
      t(worst ? `${m.dateRange(worst.window.start, worst.window.end)} (${formatPercent(worst.window.peakProbability)})` : m.noWindow),
      e(money(r, r.summary.shortfall.expectedPeak.mean)),
      e(basel === undefined || basel.ratio === null ? m.notAvailable : formatPercent(basel.ratio)),
      `<a href="${e(reportHref(dirName))}">${e(m.indexOpenReport)}</a>`,
    ];
  });
  const tool = entries[0] ? `${entries[0].results.meta.tool.name} ${entries[0].results.meta.tool.version}` : 'liqsim';
  const body = `<header class="report-header">
<h1>${e(m.indexTitle)}</h1>
<p>${e(m.indexIntro)}</p>
</header>
<main>
${tableHtml(
  [
    { text: c.scenario },
    { text: c.pAnyShortfall, num: true },
    { text: c.worstWindow },
    { text: c.expectedPeakShortfall, num: true },
    { text: c.coverage30, num: true },
    { text: c.report },
  ],
  rows,
  'scenarios',
)}
<figure class="chart" id="chart-${e(overlay.name)}" aria-label="${e(overlay.title)}">
${inlineSvg(overlay.svg, 'overlay', overlay.title)}
<figcaption>${e(overlay.caption)}</figcaption>
</figure>
<section id="reproducibility">
<h3>${e(m.reportCommand)}</h3>
<pre class="command report-command">${e(options.commandLine)}</pre>
</section>
</main>
<footer>${e(m.generatedBy(tool))}</footer>`;
  return page(options.lang, m.indexTitle, body, tool);
}
