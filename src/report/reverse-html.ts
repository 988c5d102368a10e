/** The reverse stress test's page: the answer, the breach curve (Vega-Lite), the monotonicity check (English or Chinese). */
import type { ReverseResult } from '../analysis/reverse.js';
import { round } from '../analysis/paired.js';
import type { ReportLang } from './i18n.js';
import { analysisMessages } from './analysis-i18n.js';
import { chartHtml, esc, page, table, VEGA_LITE_SCHEMA } from './analysis-html.js';

/** The target's figure: the target text up to its comparison ("pBelowFloor(lcr3_3m)"). */
const figureOf = (res: ReverseResult) => res.target.split(' ')[0];

export function breachCurveSpec(res: ReverseResult, targetValue: number, lang: ReportLang = 'en') {
  const m = analysisMessages(lang);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: m.breachCurveTitle(figureOf(res), res.lever), anchor: 'start' as const },
    width: 640,
    height: 300,
    layer: [
      {
        data: { values: res.curve.map((p) => ({ lever: p.lever, value: p.value, breached: p.breached ? m.breached : m.notBreached })) },
        mark: { type: 'line' as const, point: true },
        encoding: {
          x: { field: 'lever', type: 'quantitative' as const, title: res.lever, scale: { type: res.range[0] > 0 && res.range[1] / res.range[0] >= 10 ? ('log' as const) : ('linear' as const) } },
          y: { field: 'value', type: 'quantitative' as const, title: figureOf(res) },
        },
      },
      { data: { values: [{ y: targetValue }] }, mark: { type: 'rule' as const, color: '#e45756', strokeDash: [4, 4] }, encoding: { y: { field: 'y', type: 'quantitative' as const } } },
      ...(res.kStar === null ? [] : [{ data: { values: [{ x: res.kStar }] }, mark: { type: 'rule' as const, color: 'black' }, encoding: { x: { field: 'x', type: 'quantitative' as const } } }]),
    ],
  };
}

export async function reverseHtml(res: ReverseResult & { scenario: string; seed: string; paths: number }, tool: string, commandLine: string, lang: ReportLang = 'en'): Promise<string> {
  const m = analysisMessages(lang);
  const r6 = (x: number | null) => String(round(x, 6));
  const targetValue = Number(res.target.split(' ').pop());
  const chart = await chartHtml('breach-curve', m.breachCurve, breachCurveSpec(res, targetValue, lang) as never, m.breachCaption(res.paths, res.seed));
  const answer = res.found
    ? esc(m.reverseFound(res.target, res.lever, r6(res.kStar), r6(res.baseLeverValue))) +
      (res.bracket ? esc(m.reverseBracket(r6(res.bracket[0]), r6(res.bracket[1]), r6(res.toleranceReached), String(res.tolerance))) : '') +
      esc(m.reverseRuns(res.runs))
    : esc(m.reverseNotFound(m.reverseNotes[res.note ?? ''] ?? res.note ?? '', String(res.range[0]), String(res.range[1]), res.runs));
  const mono = res.monotonicity;
  const perPath = mono.perPathFigure === 'any overdue payout (0 or 1)' ? m.anyOverdue : mono.perPathFigure;
  const monoText =
    mono.nonMonotonePaths === 0 && mono.nonMonotoneSteps.length === 0
      ? m.monotone(mono.gridPoints, perPath)
      : m.notMonotone(
          mono.nonMonotonePaths,
          mono.gridPoints,
          perPath,
          mono.examples.map((e) => m.examplePath(e.path, r6(e.from), r6(e.to))).join(', '),
          mono.nonMonotoneSteps.map(([a, b]) => m.between(r6(a), r6(b))).join('; ') || m.noGridPoints,
        );
  // Where it fails: the grid steps at which paths turn back, with how many.
  const monoRows = mono.pathsAgainstByStep.map((x) => [esc(r6(x.from)), esc(r6(x.to)), esc(String(x.paths))]);
  const monoTable = monoRows.length === 0 ? '' : table(m.monotonicityHead(res.lever), monoRows, 'reverse-monotonicity');
  const rows = res.curve.map((p) => [esc(r6(p.lever)), esc(r6(p.value)), p.breached ? `<span class="significant">${esc(m.breached)}</span>` : esc(m.notBreached)]);
  // The bisection runs in log of the lever when the range is positive (src/analysis/reverse.ts).
  const method = m.reverseMethod?.(mono.gridPoints, res.range[0] > 0, res.seed, res.paths, res.tolerance) ?? res.method;
  const body = `<header class="report-header"><h1>${esc(m.reverseTitle(res.scenario))}</h1><p>${answer}</p></header>
<main>
<section id="curve">${chart}</section>
<section id="monotonicity"><h2>${esc(m.monotonicity)}</h2><p>${esc(monoText)}</p>${monoTable}</section>
<section id="runs"><h2>${esc(m.runsTitle)}</h2>${table(m.runsHead(res.lever, figureOf(res)), rows, 'reverse-runs')}</section>
<section id="method"><h2>${esc(m.method)}</h2><p>${esc(method)}</p></section>
<section id="reproducibility"><h3>${esc(m.command)}</h3><pre class="command">${esc(commandLine)}</pre></section>
</main><footer>${esc(tool)}</footer>`;
  return page(m.reverseTitle(res.scenario), body, tool, lang);
}
