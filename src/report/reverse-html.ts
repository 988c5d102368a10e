/** The reverse stress test's page: the answer, the breach curve (Vega-Lite), the monotonicity check. */
import type { ReverseResult } from '../analysis/reverse.js';
import { round } from '../analysis/paired.js';
import { chartHtml, esc, page, table, VEGA_LITE_SCHEMA } from './analysis-html.js';

export function breachCurveSpec(res: ReverseResult, targetValue: number) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `Breach curve: ${res.target.split(' ')[0]} against ${res.lever}`, anchor: 'start' as const },
    width: 640,
    height: 300,
    layer: [
      {
        data: { values: res.curve.map((p) => ({ lever: p.lever, value: p.value, breached: p.breached ? 'breached' : 'not breached' })) },
        mark: { type: 'line' as const, point: true },
        encoding: {
          x: { field: 'lever', type: 'quantitative' as const, title: res.lever, scale: { type: res.range[0] > 0 && res.range[1] / res.range[0] >= 10 ? ('log' as const) : ('linear' as const) } },
          y: { field: 'value', type: 'quantitative' as const, title: res.target.split(' ')[0] },
        },
      },
      { data: { values: [{ y: targetValue }] }, mark: { type: 'rule' as const, color: '#e45756', strokeDash: [4, 4] }, encoding: { y: { field: 'y', type: 'quantitative' as const } } },
      ...(res.kStar === null ? [] : [{ data: { values: [{ x: res.kStar }] }, mark: { type: 'rule' as const, color: 'black' }, encoding: { x: { field: 'x', type: 'quantitative' as const } } }]),
    ],
  };
}

export async function reverseHtml(res: ReverseResult & { scenario: string; seed: string; paths: number }, tool: string, commandLine: string): Promise<string> {
  const targetValue = Number(res.target.split(' ').pop());
  const chart = await chartHtml('breach-curve', 'Breach curve', breachCurveSpec(res, targetValue) as never, `Each point is one run of ${res.paths} paths (seed ${res.seed}, common random numbers); dashed: the target; black: the breaking value found.`);
  const answer = res.found
    ? `The target <strong>${esc(res.target)}</strong> is first breached at <strong>${esc(res.lever)} = ${esc(String(round(res.kStar, 6)))}</strong> (the scenario's value: ${esc(String(round(res.baseLeverValue, 6)))})${res.bracket ? `, bracket [${esc(String(round(res.bracket[0], 6)))}, ${esc(String(round(res.bracket[1], 6)))}], relative width ${esc(String(round(res.toleranceReached, 6)))} (tolerance ${res.tolerance})` : ''}; ${res.runs} runs.`
    : `Not found: ${esc(res.note ?? '')} (range ${res.range[0]}..${res.range[1]}; ${res.runs} runs).`;
  const mono = res.monotonicity;
  const monoText =
    mono.nonMonotonePaths === 0 && mono.nonMonotoneSteps.length === 0
      ? `Monotone on the ${mono.gridPoints}-point grid: no path's ${mono.perPathFigure} goes against the search's direction.`
      : `Not monotone: ${mono.nonMonotonePaths} path(s) go against the search's direction on the ${mono.gridPoints}-point grid (judged on each path's ${mono.perPathFigure}; e.g. ${mono.examples.map((e) => `path ${e.path} between ${round(e.from, 6)} and ${round(e.to, 6)}`).join(', ')}); target figure steps backwards between ${mono.nonMonotoneSteps.map(([a, b]) => `${round(a, 6)} and ${round(b, 6)}`).join('; ') || 'no grid points'}.`;
  // Where it fails: the grid steps at which paths turn back, with how many.
  const monoRows = mono.pathsAgainstByStep.map((x) => [esc(String(round(x.from, 6))), esc(String(round(x.to, 6))), esc(String(x.paths))]);
  const monoTable = monoRows.length === 0 ? '' : table([`${res.lever} from`, 'to', 'paths going against the direction'], monoRows, 'reverse-monotonicity');
  const rows = res.curve.map((p) => [esc(String(round(p.lever, 6))), esc(String(round(p.value, 6))), p.breached ? '<span class="significant">breached</span>' : 'no']);
  const body = `<header class="report-header"><h1>Reverse stress test: ${esc(res.scenario)}</h1><p>${answer}</p></header>
<main>
<section id="curve">${chart}</section>
<section id="monotonicity"><h2>Monotonicity</h2><p>${esc(monoText)}</p>${monoTable}</section>
<section id="runs"><h2>Runs</h2>${table([res.lever, res.target.split(' ')[0], 'target breached'], rows, 'reverse-runs')}</section>
<section id="method"><h2>Method</h2><p>${esc(res.method)}</p></section>
<section id="reproducibility"><h3>Command</h3><pre class="command">${esc(commandLine)}</pre></section>
</main><footer>${esc(tool)}</footer>`;
  return page(`Reverse stress test: ${res.scenario}`, body, tool);
}
