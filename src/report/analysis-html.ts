/**
 * HTML pages of the analysis commands (suite comparison, tornado, breach curve): self-contained,
 * the report's style and content security policy, charts as Vega-Lite specs rendered to inline SVG
 * (the spec is kept in the page, as JSON, for anyone who wants to re-render it).
 */
import type { TopLevelSpec } from 'vega-lite';
import { xmlText } from '../escape/xml.js';
import { page as reportPage } from './html.js';
import { inlineSvg, renderSvg } from './render.js';
import type { ReportLang } from './i18n.js';
import type { FigureUnit, PairedDelta } from '../analysis/paired.js';
import { analysisMessages, fmtDeltaIn, fmtIn, type AnalysisMessages } from './analysis-i18n.js';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const esc = xmlText;

/** A chart: its spec, rendered inline, with the spec as JSON in a non-executed script block. */
export async function chartHtml(id: string, title: string, spec: TopLevelSpec, caption: string): Promise<string> {
  const svg = await renderSvg(spec);
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return `<figure class="chart" id="chart-${esc(id)}" aria-label="${esc(title)}">
${inlineSvg(svg, id, title)}
<figcaption>${esc(caption)}</figcaption>
<script type="application/json" class="vega-lite-spec">${json}</script>
</figure>`;
}

/** A table: header cells and rows of HTML cells (already escaped). */
export function table(head: string[], rows: string[][], id: string): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table class="data" id="${esc(id)}"><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

/** A page in the report's style, with the analysis pages' two classes. */
export function page(title: string, body: string, tool: string, lang: ReportLang = 'en'): string {
  return reportPage(lang, title, `<style>.significant{font-weight:bold}.noise{color:#888}</style>\n${body}`, tool);
}

/** A figure for display in English: probabilities as percentages, amounts compact (bn, m), days to 0.1. */
export function fmt(x: number | null, unit: FigureUnit): string {
  return fmtIn(analysisMessages('en'), x, unit);
}

/** A paired delta cell: Δ ± SE (percentage points for probabilities and ratios), bold with * when significant, grey when within noise. */
export function deltaCell(d: PairedDelta, unit: FigureUnit, m: AnalysisMessages): string {
  return `<span class="${d.significant ? 'significant' : 'noise'}">${esc(fmtDeltaIn(m, d.delta, unit))} ± ${esc(fmtDeltaIn(m, d.se, unit))}${d.significant ? ' *' : ''}</span>`;
}
