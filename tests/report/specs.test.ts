/**
 * The Vega-Lite specs: snapshot-tested as JSON (not SVG, whose text metrics vary by machine), and
 * every spec of every report variant compiles without a Vega-Lite warning.
 */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildChartSpecs, buildOverlaySpec, CHART_NAMES } from '../../src/report/charts.js';
import { compileSpec, estimateTextWidth, inlineSvg } from '../../src/report/render.js';
import { makeResults, type FixtureOptions } from './fixture.js';

describe('Vega-Lite spec snapshots', () => {
  it('six charts of the default fixture (en)', async () => {
    const charts = buildChartSpecs(makeResults(), 'en');
    expect(charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
    for (const chart of charts) {
      await expect(`${JSON.stringify(chart.spec, null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/en/${chart.name}.vl.json`);
    }
  });

  it('Chinese labels and units (zh-CN), on the charts with the most text', async () => {
    const charts = buildChartSpecs(makeResults(), 'zh-CN').filter((c) => ['shortfall-probability', 'funding-used'].includes(c.name));
    for (const chart of charts) {
      await expect(`${JSON.stringify(chart.spec, null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/zh-CN/${chart.name}.vl.json`);
    }
  });

  it('scenario overlay of the index page', async () => {
    const spec = buildOverlaySpec(
      [
        { label: 'Maturity peak', results: makeResults({ horizonDays: 60 }) },
        { label: 'Mild', results: makeResults({ horizonDays: 60, shortfall: 'below-threshold' }) },
      ],
      'en',
    ).spec;
    await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/en/index-overlay.vl.json');
  });
});

describe('specs compile cleanly', () => {
  const variants: [string, FixtureOptions][] = [
    ['two windows', {}],
    ['no shortfall', { shortfall: 'none' }],
    ['below threshold', { shortfall: 'below-threshold' }],
    ['1-day horizon', { horizonDays: 1 }],
    ['2-day horizon', { horizonDays: 2 }],
    ['400-day horizon', { horizonDays: 400 }],
  ];
  for (const [label, options] of variants) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${label} (${lang})`, () => {
        for (const chart of buildChartSpecs(makeResults(options), lang)) {
          expect({ chart: chart.name, warnings: compileSpec(chart.spec).warnings }).toEqual({ chart: chart.name, warnings: [] });
        }
      });
    }
  }

  it('the overlay compiles cleanly', () => {
    const spec = buildOverlaySpec([{ label: 'a', results: makeResults({ horizonDays: 10 }) }], 'en').spec;
    expect(compileSpec(spec).warnings).toEqual([]);
  });

  it('a compiler warning is caught (the check can fail)', () => {
    // A shape channel on a bar mark is dropped with a warning.
    const bad = { data: { values: [] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'b', type: 'nominal' } } };
    expect(compileSpec(bad as unknown as TopLevelSpec).warnings.length).toBeGreaterThan(0);
  });
});

describe('rendering helpers', () => {
  it('text widths: CJK characters are full-width, Latin narrower, bold wider', () => {
    expect(estimateTextWidth('日期', 10)).toBe(20);
    expect(estimateTextWidth('ab', 10)).toBeCloseTo(11.4);
    expect(estimateTextWidth('AB', 10)).toBeCloseTo(13.6);
    expect(estimateTextWidth('ab', 10, true)).toBeGreaterThan(estimateTextWidth('ab', 10));
  });

  it('inline SVG drops namespaces and prefixes ids and their references', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="marks"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>';
    expect(inlineSvg(svg, 'c3', 'A "title" & <more>')).toBe(
      '<svg role="img" aria-label="A &#34;title&#34; &#38; &#60;more&#62;" class="marks"><clipPath id="c3-clip1"/><g clip-path="url(#c3-clip1)"/></svg>',
    );
  });
});
