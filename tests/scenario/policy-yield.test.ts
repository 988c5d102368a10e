/**
 * A policy's guaranteed_yield has the bounds of a cohort's (fuzz seed 2, case 250: 1e21 reached the
 * kernel), and the maturity amount it implies must stay within exact cents; each located at the cell.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/model/load.js';
import { issuesOf, scratchDir } from './helpers.js';

const SCENARIO = `name: Policy yields
currency: CNY
start: 2020-01-06
horizon_days: 30
liabilities:
  products:
    savings: { base_surrender_rate: 0.05 }
  policies: book.csv
funding:
  cash: 10000000
payments:
  channels:
    - { bank: A, daily_limit: 100000000 }
`;
const HEADER = 'policy_id,product,issue_date,maturity_date,account_value,guaranteed_yield\n';

function withRow(row: string) {
  const dir = scratchDir();
  dir.write('book.csv', `${HEADER}P1,savings,2015-01-01,2020-03-02,1000,0.03\n${row}\n`);
  return dir.write('p.yaml', SCENARIO);
}

describe('policy guaranteed_yield', () => {
  it('refuses a yield outside -0.5 to 1 at its cell', () => {
    // "P2,savings,2015-01-01,2029-01-08,1000," is 38 characters: the yield starts at column 39
    const [issue] = issuesOf(withRow('P2,savings,2015-01-01,2029-01-08,1000,1e21'));
    expect(issue).toMatchObject({ code: 'policy-invalid-value', location: { line: 3, column: 39 } });
    expect(issue.message).toContain('`guaranteed_yield` 1e21 is outside -0.5 to 1 a year');
    expect(issuesOf(withRow('P2,savings,2015-01-01,2029-01-08,1000,-0.51'))[0]).toMatchObject({ code: 'policy-invalid-value' });
    expect(() => loadScenario(withRow('P2,savings,2015-01-01,2029-01-08,1000,1'))).not.toThrow();
    expect(() => loadScenario(withRow('P2,savings,2015-01-01,2029-01-08,1000,-0.5'))).not.toThrow();
  });

  it('refuses a maturity amount beyond exact cents at the yield cell', () => {
    // 1,000 x 2^180 years: far beyond 2^53 cents
    const [issue] = issuesOf(withRow('P2,savings,2015-01-01,2200-01-08,1000,1'));
    expect(issue).toMatchObject({ code: 'policy-invalid-value', location: { line: 3, column: 39 } });
    expect(issue.message).toMatch(/maturity amount.*beyond 90 trillion/);
  });
});
