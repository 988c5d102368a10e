/**
 * The regulator-ready report: a self-contained report.html per scenario (summary, windows table,
 * six charts as inline SVG, the worst path's ledger, assumptions, methodology, reproducibility),
 * the charts as Vega-Lite specs and static SVG files, and an index.html comparing scenarios.
 *
 * Reads only results.json (`Results`): a report can be re-rendered years later without simulating.
 */
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../io/atomic.js';
import { dirname, join } from 'node:path';
import type { Results } from '../results/types.js';
import { buildChartSpecs, buildOverlaySpec } from './charts.js';
import { indexHtml, reportHtml } from './html.js';
import { renderSvg } from './render.js';
import type { RenderedChart, ReportOptions } from './types.js';

export type { ReportLang } from './i18n.js';
export { REPORT_LANGS } from './i18n.js';
export type { RenderedChart, ReportOptions } from './types.js';
import { loadResults } from './load.js';
export { loadResults, parseResults } from './load.js';

/** The six charts of a report: Vega-Lite spec, caption and static SVG, in reading order. */
export async function renderCharts(results: Results, lang: ReportOptions['lang']): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const chart of buildChartSpecs(results, lang)) {
    rendered.push({ name: chart.name, title: chart.title, caption: chart.caption, spec: chart.spec, svg: await renderSvg(chart.spec) });
  }
  return rendered;
}

/** The report page (HTML text) and the charts it embeds. */
export async function renderReport(results: Results, options: ReportOptions): Promise<{ html: string; charts: RenderedChart[] }> {
  const charts = await renderCharts(results, options.lang);
  return { html: reportHtml(results, charts, options), charts };
}

/**
 * File names of a report in `lang`: report.html and charts/ for English (what `run` writes), and
 * report.<lang>.html and charts.<lang>/ for others when re-rendered next to a report, so
 * `liqsim report --lang zh-CN` never overwrites the English page.
 */
export function reportFileNames(lang: ReportOptions['lang']): { html: string; charts: string } {
  return lang === 'en' ? { html: 'report.html', charts: 'charts' } : { html: `report.${lang}.html`, charts: `charts.${lang}` };
}

/** Writes <scenarioDir>/report.html and <scenarioDir>/charts/<name>.vl.json + <name>.svg (atomically: temp then rename). */
export async function writeReport(
  scenarioDir: string,
  results: Results,
  options: ReportOptions,
  names: { html: string; charts: string } = { html: 'report.html', charts: 'charts' },
): Promise<void> {
  const { html, charts } = await renderReport(results, options);
  const chartsDir = join(scenarioDir, names.charts);
  await mkdir(chartsDir, { recursive: true });
  for (const chart of charts) {
    await writeFileAtomic(join(chartsDir, `${chart.name}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
    await writeFileAtomic(join(chartsDir, `${chart.name}.svg`), chart.svg);
  }
  // The page last: a report.html on disk means its charts are there too.
  await writeFileAtomic(join(scenarioDir, names.html), html);
}

/** Scenario labels for the index: the scenario name, with the directory added where names repeat. */
function indexLabels(entries: readonly { dirName: string; results: Results }[]): string[] {
  const names = entries.map((x) => x.results.meta.scenario.name);
  return entries.map((x, i) => (names.indexOf(names[i]) !== names.lastIndexOf(names[i]) ? `${names[i]} (${x.dirName})` : names[i]));
}

/** The comparison page (HTML text) of several scenarios, and its overlay chart. */
export async function renderIndex(
  entries: readonly { dirName: string; results: Results }[],
  options: ReportOptions,
): Promise<{ html: string; chart: RenderedChart }> {
  const labels = indexLabels(entries);
  const overlay = buildOverlaySpec(
    entries.map((x, i) => ({ label: labels[i], results: x.results })),
    options.lang,
  );
  const chart: RenderedChart = { ...overlay, svg: await renderSvg(overlay.spec) };
  const html = indexHtml(
    entries.map((x, i) => ({ dirName: x.dirName, label: labels[i], results: x.results })),
    chart,
    options,
  );
  return { html, chart };
}

/** Writes <outDir>/index.html comparing several scenarios; each entry's report is at <outDir>/<dirName>/report.html. */
export async function writeIndex(outDir: string, entries: { dirName: string; results: Results }[], options: ReportOptions): Promise<void> {
  const { html } = await renderIndex(entries, options);
  await mkdir(outDir, { recursive: true });
  await writeFileAtomic(join(outDir, 'index.html'), html);
}

/**
 * `liqsim report`: re-renders the report from a saved results.json, next to it or into `out`,
 * without simulating: report.html and charts/ in English, report.<lang>.html and charts.<lang>/
 * otherwise (`reportFileNames`). Returns the file written.
 */
export async function reportFromResultsFile(
  resultsFile: string,
  options: ReportOptions & { out?: string },
): Promise<string> {
  const results = await loadResults(resultsFile);
  const dir = options.out ?? dirname(resultsFile);
  const names = reportFileNames(options.lang);
  await writeReport(dir, results, { lang: options.lang, commandLine: options.commandLine, runDate: options.runDate }, names);
  return join(dir, names.html);
}
