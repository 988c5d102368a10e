/** The `liqsim suite` page: the members' daily P(overdue) overlaid, paired deltas against the base, windows. */
import { isoDate } from '../dates.js';
import { FIGURE_UNITS } from '../analysis/paired.js';
import type { MemberSummary, SuiteJson } from '../analysis/suite.js';
import { chartHtml, esc, fmt, page, table, VEGA_LITE_SCHEMA } from './analysis-html.js';

/** The overlay of daily P(overdue) per member (Vega-Lite). */
export function overlaySpec(json: SuiteJson, isoOf: (m: MemberSummary, d: number) => string) {
  const values = json.members.flatMap((m) => m.daily.pOverdue.map((p, d) => ({ member: m.name, date: isoOf(m, d), p })));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Daily probability of an overdue payout, by member', anchor: 'start' as const },
    width: 720,
    height: 300,
    data: { values },
    mark: { type: 'line' as const, interpolate: 'step-after' as const },
    encoding: {
      x: { field: 'date', type: 'temporal' as const, title: 'date' },
      y: { field: 'p', type: 'quantitative' as const, title: 'P(overdue at the end of the date)', axis: { format: '.0%' } },
      color: { field: 'member', type: 'nominal' as const, title: 'member', sort: json.members.map((m) => m.name) },
    },
  };
}

export async function suiteHtml(json: SuiteJson, tool: string, commandLine: string): Promise<string> {
  const isoOf = (m: MemberSummary, d: number) => isoDate(Math.round(Date.parse(`${m.startDate}T00:00:00Z`) / 86_400_000) + d);
  const chart = await chartHtml(
    'overlay',
    'Daily P(overdue) by member',
    overlaySpec(json, isoOf) as never,
    `Share of the ${json.paths} paths (seed ${json.seed}, the same for every member) with an overdue payout at the end of each date.`,
  );
  const head = ['member', 'role', ...json.figures.flatMap((f) => [f.label, `Δ ± paired SE`]), 'windows', 'report'];
  const rows = json.members.map((m) => [
    esc(m.name),
    esc(m.role),
    ...json.figures.flatMap((f) => {
      const unit = FIGURE_UNITS[f.key];
      const d = m.deltas?.[f.key];
      const cell = !d
        ? '—'
        : `<span class="${d.significant ? 'significant' : 'noise'}">${esc(fmt(d.delta, unit))} ± ${esc(fmt(d.se, unit))}${d.significant ? ' *' : ''}</span>`;
      return [esc(fmt(m.figures[f.key], unit)), cell];
    }),
    esc(String(m.windows.length)),
    `<a href="${esc(encodeURIComponent(m.dir))}/report.html">report</a>`,
  ]);
  const windowRows = json.members.flatMap((m) =>
    (m.baseWindows ?? []).map((w) => [
      esc(m.name),
      esc(`${w.start}..${w.end}`),
      esc(fmt(w.base, 'probability')),
      esc(fmt(w.member, 'probability')),
      `<span class="${w.delta.significant ? 'significant' : 'noise'}">${esc(fmt(w.delta.delta, 'probability'))} ± ${esc(fmt(w.delta.se, 'probability'))}${w.delta.significant ? ' *' : ''}</span>`,
    ]),
  );
  const body = `<header class="report-header">
<h1>${esc(json.suite)}</h1>
<p>${esc(json.description)}</p>
<p>${json.members.length} members, base <strong>${esc(json.base)}</strong>, ${json.paths} paths each with seed ${esc(json.seed)}: common random numbers, so each delta is a paired difference over the same paths. * marks a delta larger than twice its paired standard error (grey: within noise).</p>
</header>
<main>
<section id="overlay">${chart}</section>
<section id="deltas"><h2>Members against the base</h2>
${table(head, rows, 'suite-deltas')}
</section>
<section id="member-windows"><h2>Shortfall windows by member</h2>
${table(['member', 'window', 'peak P(overdue)', 'cause'], json.members.flatMap((m) => m.windows.map((w) => [esc(m.name), esc(`${w.start} .. ${w.end}`), esc(fmt(w.peakProbability, 'probability')), esc(w.dominantCause)])), 'member-windows')}
</section>
${windowRows.length > 0 ? `<section id="windows"><h2>The base's shortfall windows under each member</h2><p>P(an overdue payout on some date of the window).</p>\n${table(['member', 'window of the base', 'base', 'member', 'Δ ± paired SE'], windowRows, 'suite-windows')}</section>` : ''}
<section id="method"><h2>Method</h2><p>${esc(json.method)}</p></section>
<section id="reproducibility"><h3>Command</h3><pre class="command">${esc(commandLine)}</pre></section>
</main>
<footer>${esc(tool)}</footer>`;
  return page(`${json.suite}: suite comparison`, body, tool);
}
