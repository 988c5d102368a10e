/**
 * A cohort's maturity_value implies its yield; an implausible one is refused where it is written
 * (the YAML key or the CSV cell), never simulated as a silently wrong book.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/errors.js';
import { loadScenario } from '../../src/model/load.js';
import { impliedAnnualYield } from '../../src/scenario/schema.js';
import { MINIMAL, issuesOf, scratchDir } from './helpers.js';

// MINIMAL starts on 2020-01-06; its cohort line is line 10.
const COHORT = '    - { product: savings, maturity_date: 2020-01-10, value: 1000.00, count: 10, guaranteed_yield: 0.04 }\n';
const withCohort = (line: string) => MINIMAL.replace(COHORT, line);

describe('implied yield of maturity_value', () => {
  it('refuses 100 m growing to 1 bn in one day, at the maturity_value key', () => {
    // (1e9 / 1e8)^(365 / 1) - 1 = 10^365 - 1: beyond any double, so the old code compounded Infinity
    // and paid about the starting value.
    const s = scratchDir();
    const line = '    - { product: savings, maturity_date: 2020-01-07, value: 100_000_000, count: 10, maturity_value: 1_000_000_000 }\n';
    const file = s.write('y.yaml', withCohort(line));
    const [issue] = issuesOf(file);
    // "    - { product: savings, maturity_date: 2020-01-07, value: 100_000_000, count: 10, maturity_value: " is 100 characters
    expect(issue).toMatchObject({
      code: 'implausible-yield',
      path: ['liabilities', 'cohorts', 0, 'maturity_value'],
      location: { file, line: 10, column: 101 },
      message: 'the implied annual yield is implausible',
      found: 'an implied yield too large to compute (maturity_value / value = 10 over 1 day)',
    });
    expect(formatIssue(issue)).toContain(`${file}:10:101: liabilities.cohorts[0].maturity_value: the implied annual yield is implausible (expected maturity_value / value implying an annual yield from -50% to 100%`);
    expect(issue.hint).toMatch(/same unit/);
  });

  it('refuses a yield just above 100% and one below -50%, accepts the bounds', () => {
    // 2020-01-06 to 2021-01-05 is 365 days, so the implied yield is maturity_value / value - 1.
    const at = (mv: string) => withCohort(`    - { product: savings, maturity_date: 2021-01-05, value: 1000.00, count: 10, maturity_value: ${mv} }\n`);
    const s = scratchDir();
    expect(issuesOf(s.write('high.yaml', at('2000.01')))[0]).toMatchObject({ code: 'implausible-yield', found: 'an implied yield of 100% a year (maturity_value / value = 2.00001 over 365 days)' });
    expect(issuesOf(s.write('low.yaml', at('499.99')))[0]).toMatchObject({ code: 'implausible-yield', found: 'an implied yield of -50% a year (maturity_value / value = 0.49999 over 365 days)' });
    expect(issuesOf(s.write('zero.yaml', at('0')))[0]).toMatchObject({ code: 'implausible-yield', found: 'an implied yield of -100% a year (maturity_value / value = 0 over 365 days)' });
    expect(() => loadScenario(s.write('top.yaml', at('2000.00')))).not.toThrow();
    expect(() => loadScenario(s.write('bottom.yaml', at('500.00')))).not.toThrow();
    expect(impliedAnnualYield(100_000, 200_000, 365)).toBeCloseTo(1, 12);
  });

  it('locates a CSV cohort at its maturity_value cell', () => {
    const s = scratchDir();
    const csv = s.write('data/cohorts.csv', 'product,maturity_date,value,count,maturity_value\nsavings,2020-01-07,100000000,10,1000000000\n');
    const file = s.write('csv.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: data/cohorts.csv\n  cohorts:\n'));
    const [issue] = issuesOf(file);
    // line 2 of the CSV; "savings,2020-01-07,100000000,10," is 32 characters, so the cell starts at column 33
    expect(issue).toMatchObject({ code: 'implausible-yield', path: ['liabilities', 'cohorts', 1, 'maturity_value'], location: { file: csv, line: 2, column: 33 } });
  });
});

describe('guaranteed_yield and the size of the book (fuzz seed 2, case 250: guaranteed_yield 1e21 reached the kernel)', () => {
  it('bounds guaranteed_yield as the implied yield is bounded, at the key', () => {
    const s = scratchDir();
    const at = (y: string) => withCohort(`    - { product: savings, maturity_date: 2021-01-05, value: 1000.00, count: 10, guaranteed_yield: ${y} }\n`);
    const [issue] = issuesOf(s.write('huge.yaml', at('1e21')));
    expect(issue).toMatchObject({ code: 'out-of-range', path: ['liabilities', 'cohorts', 0, 'guaranteed_yield'], location: { line: 10 } });
    expect(issuesOf(s.write('high.yaml', at('1.0001')))[0]).toMatchObject({ code: 'out-of-range' });
    expect(issuesOf(s.write('low.yaml', at('-0.5001')))[0]).toMatchObject({ code: 'out-of-range' });
    expect(() => loadScenario(s.write('top.yaml', at('1')))).not.toThrow();
    expect(() => loadScenario(s.write('bottom.yaml', at('-0.5')))).not.toThrow();
  });

  it('refuses a maturity amount beyond exact cents, at the value key', () => {
    // 10^13 currency units = 10^15 cents, doubling every year for 4 years: 1.6 x 10^16 > 2^53 = 9.007 x 10^15
    const s = scratchDir();
    const line = '    - { product: savings, maturity_date: 2024-01-06, value: 10_000_000_000_000, count: 10, guaranteed_yield: 1 }\n';
    const [issue] = issuesOf(s.write('due.yaml', withCohort(line)));
    expect(issue).toMatchObject({ code: 'amount-too-large', path: ['liabilities', 'cohorts', 0, 'value'], location: { line: 10 } });
    expect(issue.message).toMatch(/maturity amount/);
    expect(issue.found).toMatch(/^about 1\.6\de\+14 in currency units$/);
    // three years instead of four: 8 x 10^15 cents, within
    expect(() => loadScenario(s.write('ok.yaml', withCohort(line.replace('2024-01-06', '2023-01-06'))))).not.toThrow();
  });

  it("refuses a book whose cohorts together pass exact cents, at the cohorts' list", () => {
    const s = scratchDir();
    const big = '    - { product: savings, maturity_date: 2020-01-10, value: 50_000_000_000_000, count: 10, guaranteed_yield: 0 }\n';
    const [issue] = issuesOf(s.write('book.yaml', withCohort(big + big)));
    expect(issue).toMatchObject({ code: 'amount-too-large', path: ['liabilities', 'cohorts'] });
    expect(issue.message).toMatch(/total maturity amount/);
    expect(() => loadScenario(s.write('one.yaml', withCohort(big)))).not.toThrow();
  });
});
