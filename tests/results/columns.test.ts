/** daily.csv's credit-line columns: named after the banks, sanitised and unique. */
import { describe, expect, it } from 'vitest';
import { columnSlug, creditLineBanks, creditLineColumns } from '../../src/results/columns.js';
import { runScenario } from '../../src/results/run.js';
import { dailyCsv } from '../../src/results/write.js';
import type { Results } from '../../src/results/types.js';

describe('credit-line columns of daily.csv', () => {
  it('are named after the banks', () => {
    expect(creditLineColumns(['Bank A', 'Bank B'])).toEqual(['credit_drawn_bank_a', 'credit_drawn_bank_b']);
  });

  it('are sanitised: nothing a spreadsheet reads as a formula, no separators or quotes', () => {
    expect(columnSlug('=HYPERLINK("http://x","y")')).toBe('hyperlink_http_x_y');
    expect(columnSlug('  Crédit Agricole, S.A.  ')).toBe('credit_agricole_s_a');
    expect(columnSlug('\x1b[31mred\n')).toBe('31mred');
    for (const c of creditLineColumns(['=1+1', 'a,b', '"q"', '@x', '-y'])) expect(c).toMatch(/^credit_drawn_[a-z0-9_]+$/);
  });

  it('fall back to line_N without ASCII letters or digits, and are unique', () => {
    // Line 1 "中国银行" has no ASCII: line_1. Lines 2 and 3 share a bank: _2 on the second.
    // Line 4 would be "bank_a_2" by name: taken by line 3, so it becomes bank_a_2_2.
    expect(creditLineColumns(['中国银行', 'Bank A', 'bank a', 'Bank A 2', undefined])).toEqual([
      'credit_drawn_line_1',
      'credit_drawn_bank_a',
      'credit_drawn_bank_a_2',
      'credit_drawn_bank_a_2_2',
      'credit_drawn_line_5',
    ]);
  });

  it('prefers the names the results carry (meta.funding) to the resolved scenario of older files', () => {
    const resolved = { funding: { credit_lines: [{ bank: 'From YAML' }, {}] } };
    const old = { scenario: { resolved } } as unknown as Results['meta'];
    expect(creditLineBanks(old)).toEqual(['From YAML', undefined]);
    const carried = { scenario: { resolved }, funding: { creditLines: [{ bank: 'Carried A' }, { bank: 'Carried B' }], assets: [], channels: [] } };
    expect(creditLineBanks(carried as unknown as Results['meta'])).toEqual(['Carried A', 'Carried B']);
  });

  it('reads the banks from the resolved scenario in a real run', async () => {
    const { results } = await runScenario('scenarios/maturity-peak-2020q1.yaml', { paths: 20, threads: 1 });
    expect(creditLineBanks(results.meta, 2)).toEqual(['Bank A', 'Bank B']);
    const header = dailyCsv(results).split('\n')[0].split(',');
    expect(header).toContain('credit_drawn_bank_a');
    expect(header).toContain('credit_drawn_bank_b');
    expect(header.some((h) => h.startsWith('credit_drawn_line_'))).toBe(false);
  });
});
