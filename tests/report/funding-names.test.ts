/**
 * The report names credit lines from results.json's meta.funding (issue 17: names carried in
 * Results, not read back from the scenario YAML), and falls back to the resolved scenario only for
 * files written before meta.funding existed.
 */
import { describe, expect, it } from 'vitest';
import { buildChartSpecs } from '../../src/report/charts.js';
import { dailyCsv } from '../../src/results/write.js';
import { makeResults } from './fixture.js';

/** The series of the funding chart's line layer (the layer whose rows carry a `series`). */
function fundingSeries(results: ReturnType<typeof makeResults>): string[] {
  type Layer = { data?: { values: { series?: string }[] }; layer?: Layer[] };
  const spec = buildChartSpecs(results, 'en').find((c) => c.name === 'funding-used')!.spec as Layer;
  const lines = [spec, ...(spec.layer ?? [])].filter((l) => l.data?.values.some((v) => v.series !== undefined));
  expect(lines).toHaveLength(1);
  return [...new Set(lines[0].data!.values.map((v) => v.series))] as string[];
}

describe('credit-line names in the report and daily.csv', () => {
  it('come from meta.funding when the file has it, not from the resolved scenario', () => {
    const results = makeResults();
    // The resolved scenario says Bank A and Bank B; meta.funding (what the run compiled) wins.
    results.meta.funding = { creditLines: [{ bank: 'North Bank' }, { bank: 'South Bank' }], assets: [], channels: [] };
    expect(fundingSeries(results)).toEqual(['closing cash', 'credit drawn: North Bank', 'credit drawn: South Bank', 'asset sales (cumulative)']);
    expect(dailyCsv(results).split('\n')[0]).toContain('credit_drawn_north_bank,credit_drawn_south_bank');
  });

  it('come from the resolved scenario in a file without meta.funding', () => {
    const results = makeResults();
    delete results.meta.funding;
    expect(fundingSeries(results)).toEqual(['closing cash', 'credit drawn: Bank A', 'credit drawn: Bank B', 'asset sales (cumulative)']);
  });

  it('are "line n" where neither names the line, and two lines of one bank stay two series', () => {
    const results = makeResults();
    results.meta.funding = { creditLines: [{ bank: 'Bank A' }, { bank: 'Bank A' }], assets: [], channels: [] };
    expect(fundingSeries(results)).toEqual(['closing cash', 'credit drawn: Bank A', 'credit drawn: Bank A (2)', 'asset sales (cumulative)']);
    results.meta.funding = { creditLines: [], assets: [], channels: [] };
    expect(fundingSeries(results)).toEqual(['closing cash', 'credit drawn: line 1', 'credit drawn: line 2', 'asset sales (cumulative)']);
  });
});
