/** The `liqsim suite` page: the members' daily P(overdue) overlaid, paired deltas against the base, windows (English or Chinese). */
import { isoDate, parseIsoDate } from '../dates.js';
import { FIGURE_UNITS, type FigureUnit, type RatioFigureKey, type RatioKey } from '../analysis/paired.js';
import type { MemberSummary, SuiteJson } from '../analysis/suite.js';
import type { ReportLang } from './i18n.js';
import { messages } from './i18n.js';
import { analysisMessages, fmtIn, ratioNameIn, type AnalysisMessages } from './analysis-i18n.js';
import { chartHtml, deltaCell, esc, page, table, VEGA_LITE_SCHEMA } from './analysis-html.js';

/** The overlay of daily P(overdue) per member (Vega-Lite). */
export function overlaySpec(json: SuiteJson, isoOf: (m: MemberSummary, d: number) => string, lang: ReportLang = 'en') {
  const m = analysisMessages(lang);
  const values = json.members.flatMap((x) => x.daily.pOverdue.map((p, d) => ({ member: x.name, date: isoOf(x, d), p })));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: m.overlayTitle, anchor: 'start' as const },
    width: 720,
    height: 300,
    data: { values },
    mark: { type: 'line' as const, interpolate: 'step-after' as const },
    encoding: {
      x: { field: 'date', type: 'temporal' as const, title: m.overlayAxis.date },
      y: { field: 'p', type: 'quantitative' as const, title: m.overlayAxis.p, axis: { format: '.0%' } },
      color: { field: 'member', type: 'nominal' as const, title: m.overlayAxis.member, sort: json.members.map((x) => x.name) },
    },
  };
}

/**
 * The ratios' table: a row per ratio and member, its mean and P(below floor), each with the paired
 * delta against the base ('' when the suite compares no ratio).
 */
function ratiosSection(json: SuiteJson, m: AnalysisMessages, f$: (x: number | null, unit: FigureUnit) => string): string {
  const means = json.ratioFigures.filter((f) => f.unit === 'ratio');
  if (means.length === 0) return '';
  const na = esc(m.notAvailable);
  const rows = means.flatMap((f) => {
    const ratio = f.key as RatioKey;
    const below: RatioFigureKey = `pBelowFloor(${ratio})`;
    return json.members.map((x) => {
      const cells = (k: RatioFigureKey, unit: FigureUnit) => {
        const d = x.ratioDeltas?.[k];
        return [x.ratioFigures ? esc(f$(x.ratioFigures[k], unit)) : na, d ? deltaCell(d, unit, m) : x.role === 'base' ? '—' : na];
      };
      return [esc(ratioNameIn(m, ratio)), esc(f$(f.floor, 'ratio')), esc(x.name), ...cells(ratio, 'ratio'), ...cells(below, 'probability')];
    });
  });
  const without = json.members.filter((x) => x.ratioFigures === null).map((x) => x.name);
  return `<section id="ratios"><h2>${esc(m.ratiosTitle)}</h2><p>${esc(m.ratiosText(without.join(', ')))}</p>
${table(m.ratiosHead, rows, 'suite-ratios')}
</section>`;
}

export async function suiteHtml(json: SuiteJson, tool: string, commandLine: string, lang: ReportLang = 'en'): Promise<string> {
  const m = analysisMessages(lang);
  const f$ = (x: number | null, unit: FigureUnit) => fmtIn(m, x, unit);
  const isoOf = (x: MemberSummary, d: number) => isoDate(parseIsoDate(x.startDate)! + d);
  const chart = await chartHtml('overlay', m.overlay, overlaySpec(json, isoOf, lang) as never, m.overlayCaption(json.paths, json.seed));
  const head = m.suiteHead(json.figures.map((f) => m.coreFigure[f.key]));
  const rows = json.members.map((x) => [
    esc(x.name),
    esc(m.role[x.role]),
    ...json.figures.flatMap((f) => {
      const unit = FIGURE_UNITS[f.key];
      const d = x.deltas?.[f.key];
      return [esc(f$(x.figures[f.key], unit)), d ? deltaCell(d, unit, m) : '—'];
    }),
    esc(String(x.windows.length)),
    `<a href="${esc(encodeURIComponent(x.dir))}/report.html">${esc(m.reportLink)}</a>`,
  ]);
  const windowRows = json.members.flatMap((x) =>
    (x.baseWindows ?? []).map((w) => [esc(x.name), esc(`${w.start}..${w.end}`), esc(f$(w.base, 'probability')), esc(f$(w.member, 'probability')), deltaCell(w.delta, 'probability', m)]),
  );
  const causes: Record<string, string> = messages(lang).causesShort;
  const memberWindows = json.members.flatMap((x) => x.windows.map((w) => [esc(x.name), esc(`${w.start} .. ${w.end}`), esc(f$(w.peakProbability, 'probability')), esc(causes[w.dominantCause] ?? w.dominantCause)]));
  const body = `<header class="report-header">
<h1>${esc(json.suite)}</h1>
<p>${esc(json.description)}</p>
<p>${esc(m.suiteIntro(json.members.length, json.base, json.paths, json.seed))}</p>
</header>
<main>
<section id="overlay">${chart}</section>
<section id="deltas"><h2>${esc(m.membersTitle)}</h2>
${table(head, rows, 'suite-deltas')}
</section>
${ratiosSection(json, m, f$)}
<section id="member-windows"><h2>${esc(m.memberWindowsTitle)}</h2>
${table(m.memberWindowsHead, memberWindows, 'member-windows')}
</section>
${windowRows.length > 0 ? `<section id="windows"><h2>${esc(m.baseWindowsTitle)}</h2><p>${esc(m.baseWindowsText)}</p>\n${table(m.baseWindowsHead, windowRows, 'suite-windows')}</section>` : ''}
<section id="method"><h2>${esc(m.method)}</h2><p>${esc(m.suiteMethod ?? json.method)}</p></section>
<section id="reproducibility"><h3>${esc(m.command)}</h3><pre class="command">${esc(commandLine)}</pre></section>
</main>
<footer>${esc(tool)}</footer>`;
  return page(m.suiteTitle(json.suite), body, tool, lang);
}
