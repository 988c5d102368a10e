/** The `liqsim sensitivity` page: a table of paired effects and a tornado chart per figure. */
import { figureUnit, round, type AnyFigureKey, type FigureUnit, type PairedDelta } from '../analysis/paired.js';
import type { SensitivityResult } from '../analysis/sensitivity.js';
import { chartHtml, esc, fmt, page, table, VEGA_LITE_SCHEMA } from './analysis-html.js';

/** A tornado chart of one figure (Vega-Lite): a bar per lever from 0 to Δ_low and to Δ_high. */
export function tornadoSpec(res: SensitivityResult, k: AnyFigureKey) {
  const unit = figureUnit(k);
  const label = res.figures.find((f) => f.key === k)?.label ?? k;
  const order = res.ranking[k];
  const values = res.bars.flatMap((b) =>
    (['low', 'high'] as const).map((side) => ({
      lever: b.lever,
      bump: `${side} (${side === 'low' ? b.low : b.high})`,
      side,
      delta: b.effects[k][side].delta ?? 0,
      se: b.effects[k][side].se ?? 0,
      noise: b.effects[k].withinNoise ? 'within noise' : 'significant',
    })),
  );
  const unitText = unit === 'probability' ? 'probability' : unit === 'amount' ? 'currency units' : unit === 'ratio' ? 'ratio (1 = 100%)' : 'days';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `Tornado: ${label}`, anchor: 'start' as const },
    width: 640,
    height: Math.max(60, 28 * order.length),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' as const },
        encoding: {
          y: { field: 'lever', type: 'nominal' as const, sort: order, title: null },
          x: { field: 'delta', type: 'quantitative' as const, title: `change in ${label} from base, ${unitText}` },
          color: { field: 'side', type: 'nominal' as const, scale: { domain: ['low', 'high'], range: ['#4c78a8', '#e45756'] }, title: 'bump' },
          opacity: { field: 'noise', type: 'nominal' as const, scale: { domain: ['significant', 'within noise'], range: [1, 0.3] }, title: null },
        },
      },
      {
        mark: { type: 'rule' as const, color: 'black' },
        encoding: { x: { datum: 0 } },
      },
    ],
  };
}

export async function sensitivityHtml(res: SensitivityResult, tool: string, commandLine: string): Promise<string> {
  const charts: string[] = [];
  for (const f of res.figures) {
    const id = `tornado-${f.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    charts.push(await chartHtml(id, `Tornado: ${f.label}`, tornadoSpec(res, f.key) as never, `Bars: change from the base value ${fmt(res.base[f.key], f.unit)}; faded bars are within noise (2 paired SE).`));
  }
  // One row per lever and figure: with the regulatory ratios, a row per lever would be 20 columns wide.
  const head = ['lever', 'base value', 'low', 'high', 'figure', 'at base', 'at low', 'at high', 'Δ low ± paired SE', 'Δ high ± paired SE'];
  const cell = (d: PairedDelta, unit: FigureUnit) =>
    `<span class="${d.significant ? 'significant' : 'noise'}">${esc(fmt(d.delta, unit))} ± ${esc(fmt(d.se, unit))}${d.significant ? ' *' : ''}</span>`;
  const rows = res.bars.flatMap((b) =>
    res.figures.map((f) => {
      const e = b.effects[f.key];
      return [
        esc(b.lever),
        esc(String(round(b.base, 6))),
        esc(String(round(b.low, 6))),
        esc(String(round(b.high, 6))),
        esc(f.label),
        esc(fmt(res.base[f.key], f.unit)),
        esc(fmt(e.atLow, f.unit)),
        esc(fmt(e.atHigh, f.unit)),
        cell(e.low, f.unit),
        cell(e.high, f.unit),
      ];
    }),
  );
  const body = `<header class="report-header"><h1>Sensitivity: ${esc(res.scenario)}</h1>
<p>${res.bars.length} levers, ${res.runs} runs of ${res.paths} paths (seed ${esc(res.seed)}) with common random numbers. * marks an effect larger than twice its paired standard error; grey and faded bars are within noise.</p></header>
<main>
<section id="table">${table(head, rows, 'sensitivity')}</section>
${charts.map((c) => `<section>${c}</section>`).join('\n')}
<section id="method"><h2>Method</h2><p>${esc(res.method)}</p></section>
<section id="reproducibility"><h3>Command</h3><pre class="command">${esc(commandLine)}</pre></section>
</main><footer>${esc(tool)}</footer>`;
  return page(`Sensitivity: ${res.scenario}`, body, tool);
}
