/** The `liqsim sensitivity` page: a table of paired effects and a tornado chart per figure (English or Chinese). */
import { figureUnit, round, type AnyFigureKey, type FigureUnit } from '../analysis/paired.js';
import type { SensitivityResult } from '../analysis/sensitivity.js';
import type { ReportLang } from './i18n.js';
import { analysisMessages, figureLabelIn, fmtIn, type AnalysisMessages } from './analysis-i18n.js';
import { chartHtml, deltaCell, esc, page, table, VEGA_LITE_SCHEMA } from './analysis-html.js';

/** A figure's label on the page: the result's own (English) or the catalogue's. */
function labelOf(res: SensitivityResult, k: AnyFigureKey, m: AnalysisMessages, lang: ReportLang): string {
  const f = res.figures.find((x) => x.key === k);
  return lang === 'en' && f ? f.label : figureLabelIn(m, k, f?.floor);
}

/** A tornado chart of one figure (Vega-Lite): a bar per lever from 0 to Δ_low and to Δ_high. */
export function tornadoSpec(res: SensitivityResult, k: AnyFigureKey, lang: ReportLang = 'en') {
  const m = analysisMessages(lang);
  const unit = figureUnit(k);
  const label = labelOf(res, k, m, lang);
  const order = res.ranking[k];
  const values = res.bars.flatMap((b) =>
    (['low', 'high'] as const).map((side) => ({
      lever: b.lever,
      bump: `${m.bump[side]} (${side === 'low' ? b.low : b.high})`,
      side: m.bump[side],
      delta: b.effects[k][side].delta ?? 0,
      se: b.effects[k][side].se ?? 0,
      noise: b.effects[k].withinNoise ? m.noise.within : m.noise.significant,
    })),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: m.tornadoTitle(label), anchor: 'start' as const },
    width: 640,
    height: Math.max(60, 28 * order.length),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' as const },
        encoding: {
          y: { field: 'lever', type: 'nominal' as const, sort: order, title: null },
          x: { field: 'delta', type: 'quantitative' as const, title: m.tornadoAxis(label, m.unitText[unit]) },
          color: { field: 'side', type: 'nominal' as const, scale: { domain: [m.bump.low, m.bump.high], range: ['#4c78a8', '#e45756'] }, title: null },
          opacity: { field: 'noise', type: 'nominal' as const, scale: { domain: [m.noise.significant, m.noise.within], range: [1, 0.3] }, title: null },
        },
      },
      {
        mark: { type: 'rule' as const, color: 'black' },
        encoding: { x: { datum: 0 } },
      },
    ],
  };
}

export async function sensitivityHtml(res: SensitivityResult, tool: string, commandLine: string, lang: ReportLang = 'en'): Promise<string> {
  const m = analysisMessages(lang);
  const f$ = (x: number | null, unit: FigureUnit) => fmtIn(m, x, unit);
  const charts: string[] = [];
  for (const f of res.figures) {
    const id = `tornado-${f.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const label = labelOf(res, f.key, m, lang);
    charts.push(await chartHtml(id, m.tornadoTitle(label), tornadoSpec(res, f.key, lang) as never, m.tornadoCaption(f$(res.base[f.key], f.unit))));
  }
  // One row per lever and figure: with the regulatory ratios, a row per lever would be 20 columns wide.
  const rows = res.bars.flatMap((b) =>
    res.figures.map((f) => {
      const e = b.effects[f.key];
      return [
        esc(b.lever),
        esc(String(round(b.base, 6))),
        esc(String(round(b.low, 6))),
        esc(String(round(b.high, 6))),
        esc(labelOf(res, f.key, m, lang)),
        esc(f$(res.base[f.key], f.unit)),
        esc(f$(e.atLow, f.unit)),
        esc(f$(e.atHigh, f.unit)),
        deltaCell(e.low, f.unit, m),
        deltaCell(e.high, f.unit, m),
      ];
    }),
  );
  const withRatios = res.figures.length > 4;
  const method = m.sensitivityMethod?.(withRatios) ?? res.method;
  const body = `<header class="report-header"><h1>${esc(m.sensitivityTitle(res.scenario))}</h1>
<p>${esc(m.sensitivityIntro(res.bars.length, res.runs, res.paths, res.seed))}</p></header>
<main>
<section id="table">${table(m.sensitivityHead, rows, 'sensitivity')}</section>
${charts.map((c) => `<section>${c}</section>`).join('\n')}
<section id="method"><h2>${esc(m.method)}</h2><p>${esc(method)}</p></section>
<section id="reproducibility"><h3>${esc(m.command)}</h3><pre class="command">${esc(commandLine)}</pre></section>
</main><footer>${esc(tool)}</footer>`;
  return page(m.sensitivityTitle(res.scenario), body, tool, lang);
}
