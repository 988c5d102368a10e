/**
 * The report of a real simulation of the bundled Q1-2020 scenario (few paths, so it runs in
 * seconds): the page matches results.json and the engine's worst-path ledger reconciles to the cent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Results } from '../../src/results/types.js';
import { runScenario } from '../../src/results/run.js';
import { CHART_NAMES } from '../../src/report/charts.js';
import { checkLedger } from '../../src/report/ledger.js';
import { formatPercent } from '../../src/report/money.js';
import { compileSpec } from '../../src/report/render.js';
import { parseResults, renderReport, type RenderedChart } from '../../src/report/index.js';
import { expectSelfContained, sectionOf, tableRows, textOf } from './html.js';

const scenario = resolve(import.meta.dirname, '../../scenarios/maturity-peak-2020q1.yaml');

describe('report of a real run (scenarios/maturity-peak-2020q1.yaml, 300 paths)', () => {
  let results: Results;
  let html: string;
  let charts: RenderedChart[];
  beforeAll(async () => {
    ({ results } = await runScenario(scenario, { paths: 300, threads: 1 }));
    ({ html, charts } = await renderReport(results, { lang: 'en', commandLine: `liqsim run ${scenario} --paths 300` }));
  }, 120_000);

  it('results.json passes the report loader’s checks', () => {
    expect(() => parseResults(JSON.parse(JSON.stringify(results)), 'results.json')).not.toThrow();
  });

  it('the worst-path ledger reconciles to the cent and the page says so', () => {
    const checks = checkLedger(results.worstPath.ledger);
    expect(results.worstPath.ledger.filter((_, i) => !checks[i].ok).map((r) => r.date)).toEqual([]);
    expect(tableRows(html, 'ledger')).toHaveLength(results.worstPath.ledger.length);
    if (results.worstPath.ledger.length > 0) {
      expect(textOf(sectionOf(html, 'ledger'))).toContain(`Reconciled to the cent on all ${results.worstPath.ledger.length} days`);
    }
  });

  it('windows table matches results.summary.windows', () => {
    const windows = results.summary.windows;
    if (windows.length === 0) {
      expect(textOf(sectionOf(html, 'windows'))).toContain('there is no shortfall window');
      return;
    }
    const rows = tableRows(html, 'windows');
    // The end cell may carry the horizon flag after the date.
    expect(rows.map((r) => [r[1], r[2].slice(0, 10), r[3], r[4], r[5]])).toEqual(
      windows.map((w) => [w.start, w.end, String(w.days), formatPercent(w.peakProbability), w.peakDate]),
    );
  });

  it('each window’s mean overdue on shortfall paths is the all-path mean over P(shortfall), from exact totals', () => {
    const n = results.meta.run.paths;
    for (const w of results.summary.windows) {
      const d = results.daily.find((x) => x.date === w.maxMeanOverdueOnShortfallPathsDate)!;
      expect(d).toBeDefined();
      // k paths in shortfall; the total overdue is k × (mean on them) = n × (mean on all), each
      // rounded to the cent from the same integer total: they agree within half a cent per path.
      const k = Math.round(d.pShortfall * n);
      expect(Math.abs(w.maxMeanOverdueOnShortfallPaths! * k - d.expectedShortfall * n)).toBeLessThanOrEqual(0.005 * (k + n));
      // and it is the largest such ratio over the window's dates
      for (const x of results.daily.filter((y) => y.date >= w.start && y.date <= w.end && y.pShortfall > 0)) {
        expect(x.expectedShortfall / x.pShortfall).toBeLessThanOrEqual(w.maxMeanOverdueOnShortfallPaths! * (1 + 1e-3));
      }
    }
  });

  it('six charts that compile cleanly, and a self-contained page', () => {
    expect(charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
    for (const c of charts) expect(compileSpec(c.spec as never).warnings).toEqual([]);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(6);
    expectSelfContained(html);
    expect(textOf(sectionOf(html, 'reproducibility'))).toContain(results.meta.run.reproduce);
  });
});
