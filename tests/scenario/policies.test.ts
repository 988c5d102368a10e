/**
 * Policy files (liabilities.policies): compression to cohorts is exact (the same results as the
 * equivalent hand-written cohorts, to the cent), the results carry the file's hash and counts but
 * never its rows, and every data-quality class is reported where it is (file:row:column, column).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/results/run.js';
import { LIMITS } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/model/load.js';
import { readCsvRows } from '../../src/scenario/policy-reader.js';
import { issuesOf, policyScenario as head, scratchDir } from './helpers.js';

const HEADER = 'policy_id,product,issue_date,maturity_date,account_value,maturity_value,surrender_charge,account_status,bank,segment';
const BOOK = `${HEADER}
P1,savings,2015-01-01,2020-01-07,1000000,1000000,,ok,ICBC,retail
P2,savings,2015-01-01,2020-01-07,9000000,9000000,,ok,ICBC,retail
P3,savings,2016-03-01,2020-01-07,2000000,2000000,,ok,ICBC,retail
P4,savings,2016-03-01,2020-01-08,6000000,6000000,,known_bad,BOC,retail
P5,annuity,2010-05-05,2020-03-31,500.50,520.00,0.02,,BOC,private
`;


// The same book by hand: P1 and P3 (1 m and 2 m: one transfer each under 5 m) make one cohort;
// P2 (9 m: two transfers) its own; P4 (another date, known bad) and P5 (another product) theirs.
// Sorted as the compression sorts them (product, maturity, band, ...).
const COHORTS = `  cohorts:
    - { product: annuity, maturity_date: 2020-03-31, value: 500.50, count: 1, maturity_value: 520.00, surrender_charge: 0.02, bank: BOC, segment: private }
    - { product: savings, maturity_date: 2020-01-07, value: 3000000, count: 2, maturity_value: 3000000, bank: ICBC, segment: retail }
    - { product: savings, maturity_date: 2020-01-07, value: 9000000, count: 1, maturity_value: 9000000, bank: ICBC, segment: retail }
    - { product: savings, maturity_date: 2020-01-08, value: 6000000, count: 1, maturity_value: 6000000, account_status: known_bad, bank: BOC, segment: retail }
`;

function withoutMeta(results: { meta: unknown }): unknown {
  return { ...results, meta: undefined };
}

describe('policy files', () => {
  it('give the same results as the equivalent hand-written cohorts, to the cent', async () => {
    const dir = scratchDir();
    dir.write('book.csv', BOOK);
    const fromFile = await runScenario(dir.write('p.yaml', head('  policies: book.csv\n')), { threads: 1 });
    const byHand = await runScenario(dir.write('c.yaml', head(COHORTS, '  transfer_counting: per_band\n')), { threads: 1 });
    expect(fromFile.model.groups.length).toBe(4);
    expect(JSON.stringify(withoutMeta(fromFile.results))).toBe(JSON.stringify(withoutMeta(byHand.results)));
    // the run is not trivial: the 9 m payout's second transfer binds the 2-a-day count
    expect(fromFile.results.summary).toBeDefined();
  });

  it('the same cohorts from a cohort CSV (with the new optional columns) give the same model', () => {
    const dir = scratchDir();
    dir.write('book.csv', BOOK);
    dir.write(
      'cohorts.csv',
      `product,maturity_date,value,count,maturity_value,surrender_charge,account_status,bank,segment
annuity,2020-03-31,500.50,1,520.00,0.02,,BOC,private
savings,2020-01-07,3000000,2,3000000,,,ICBC,retail
savings,2020-01-07,9000000,1,9000000,,,ICBC,retail
savings,2020-01-08,6000000,1,6000000,,known_bad,BOC,retail
`,
    );
    const a = loadScenario(dir.write('a.yaml', head('  policies: book.csv\n'))).model;
    const b = loadScenario(dir.write('b.yaml', head('  cohorts_csv: cohorts.csv\n', '  transfer_counting: per_band\n'))).model;
    expect(b.groups).toEqual(a.groups);
  });

  it('reads the file in any row order and gzip to the same cohorts', () => {
    const dir = scratchDir();
    const [header, ...rows] = BOOK.trim().split('\n');
    dir.write('shuffled.csv', `${header}\n${[...rows].reverse().join('\n')}\n`);
    writeFileSync(path.join(dir.dir, 'book.csv.gz'), gzipSync(BOOK));
    const a = loadScenario(dir.write('a.yaml', head('  policies: shuffled.csv\n'))).model;
    const b = loadScenario(dir.write('b.yaml', head('  policies: book.csv.gz\n'))).model;
    expect(a.groups.map((g) => [g.product, g.initialValue, g.initialPolicies])).toEqual(b.groups.map((g) => [g.product, g.initialValue, g.initialPolicies]));
  });

  it("records the file's SHA-256, rows and totals, never the rows; the scenario hash covers the content", () => {
    const dir = scratchDir();
    dir.write('book.csv', BOOK);
    const file = dir.write('p.yaml', head('  policies: book.csv\n'));
    const loaded = loadScenario(file);
    const sha = createHash('sha256').update(BOOK).digest('hex');
    expect(loaded.policies?.files).toEqual([{ file: 'book.csv', sha256: sha, bytes: Buffer.byteLength(BOOK), rows: 5 }]);
    // 1,000,000 + 9,000,000 + 2,000,000 + 6,000,000 + 500.50
    expect(loaded.policies?.accepted).toEqual({ policies: 5, accountValue: 18_000_500.5, maturityValue: 18_000_520 });
    expect(loaded.policies?.knownBad).toEqual({ policies: 1, accountValue: 6_000_000 });
    expect(loaded.policies?.bySize).toEqual([
      { transfers: [1], policies: 3, maturityValue: 3_000_520 },
      { transfers: [2], policies: 2, maturityValue: 15_000_000 },
    ]);
    const text = JSON.stringify(loaded.resolved);
    expect(text).not.toContain('P1');
    expect(text).toContain(sha);
    // one cent changed in the file: another scenario hash
    dir.write('book.csv', BOOK.replace('500.50', '500.51'));
    expect(loadScenario(file).sha256).not.toBe(loaded.sha256);
  });
});

describe('policy data quality', () => {
  const cases: [string, string, string, number, string][] = [
    ['missing field', 'P9,,2015-01-01,2020-02-01,100,100,,,,', 'policy-missing-field', 4, 'column `product`'],
    ['negative value', 'P9,savings,2015-01-01,2020-02-01,-100,100,,,,', 'policy-negative-value', 34, 'column `account_value`'],
    ['unknown product', 'P9,savngs,2015-01-01,2020-02-01,100,100,,,,', 'policy-unknown-product', 4, 'column `product`'],
    ['maturity before issue', 'P9,savings,2021-01-01,2020-02-01,100,100,,,,', 'policy-maturity-before-issue', 23, 'column `maturity_date`'],
    ['duplicate policy id', 'P1,savings,2015-01-01,2020-02-01,100,100,,,,', 'policy-duplicate-policy-id', 1, 'column `policy_id`'],
    ['unparsable date', 'P9,savings,2015-13-01,2020-02-01,100,100,,,,', 'policy-unparsable-date', 12, 'column `issue_date`'],
  ];
  for (const [name, row, code, column, text] of cases) {
    it(`locates a ${name} at file:row:column with the column's name`, () => {
      const dir = scratchDir();
      dir.write('book.csv', `${BOOK}${row}\n`);
      const issues = issuesOf(dir.write('p.yaml', head('  policies: book.csv\n')));
      expect(issues).toHaveLength(1);
      // the bad row is line 7: the header, five good rows, then it; columns counted by hand
      // ("P9," 3 + "savings," 8 + "2015-01-01," 11 + "2020-02-01," 11: product 4, issue 12, maturity 23, value 34)
      expect(issues[0]).toMatchObject({ code, location: { file: 'book.csv', line: 7, column } });
      expect(issues[0].message).toContain(text);
    });
  }

  it('finds a duplicate id across files exactly and says where it first appears', () => {
    const dir = scratchDir();
    dir.write('a.csv', BOOK);
    dir.write('b.csv', `${HEADER}\nP7,savings,2015-01-01,2020-02-01,100,100,,,,\nP3,savings,2015-01-01,2020-02-01,100,100,,,,\n`);
    const issues = issuesOf(dir.write('p.yaml', head('  policies: [a.csv, b.csv]\n')));
    expect(issues).toHaveLength(1);
    // P3 is row 4 of a.csv (header, P1, P2, P3); its repeat is row 3 of b.csv
    expect(issues[0]).toMatchObject({ code: 'policy-duplicate-policy-id', location: { file: 'b.csv', line: 3, column: 1 } });
    expect(issues[0].message).toContain('first at a.csv:4');
  });

  it('lists the first problems, then "and K more"', () => {
    const dir = scratchDir();
    const bad = Array.from({ length: LIMITS.issues + 7 }, (_, i) => `Q${i},nope,2015-01-01,2020-02-01,100,100,,,,`);
    dir.write('book.csv', `${BOOK}${bad.join('\n')}\n`);
    const issues = issuesOf(dir.write('p.yaml', head('  policies: book.csv\n')));
    expect(issues).toHaveLength(LIMITS.issues + 1);
    expect(issues[LIMITS.issues].message).toMatch(/^and 7 more problems/);
  });

  it('quarantines bad rows in the rejects file (row + reason), runs on the rest and counts them; the file round-trips', async () => {
    const dir = scratchDir();
    const badRows = ['P9,savngs,2015-01-01,2020-02-01,100.25,100,,,,', 'P10,savings,2015-01-01,2020-02-01,"1,000",100,,,"Bank, ""A""",'];
    dir.write('book.csv', `${BOOK}${badRows.join('\n')}\n`);
    const file = dir.write('p.yaml', head('  policies: book.csv\n  policies_rejects: rejects.csv\n'));
    const { results } = await runScenario(file, { threads: 1, paths: 4 });
    expect(results.meta.policies?.rejected).toMatchObject({ policies: 2, accountValue: 100.25, file: 'rejects.csv' });
    expect(results.meta.policies?.accepted.policies).toBe(5);
    const read = (f: string) => {
      const rows: string[][] = [];
      readCsvRows(f, (r) => void rows.push(r.cells));
      return rows;
    };
    const rejects = read(path.join(dir.dir, 'rejects.csv'));
    const original = read(path.join(dir.dir, 'book.csv'));
    expect(rejects[0]).toEqual([...original[0], 'reject_reason']);
    expect(rejects.slice(1).map((r) => r.slice(0, -1))).toEqual(original.slice(6));
    expect(rejects[1].at(-1)).toContain('book.csv:7:4');
    expect(rejects[1].at(-1)).toContain('unknown product');
    expect(rejects[2].at(-1)).toContain('`account_value`');
    expect(readFileSync(path.join(dir.dir, 'rejects.csv'), 'utf8').split('\n')[2]).toContain('"Bank, ""A"""');
  });

  it.each([
    ['missing/rejects.csv', 'file-not-found', 'the folder `missing` does not exist'],
    ['.', 'not-a-file', 'it is a folder'],
    ['book.csv', 'invalid-value', 'it is the policy file `book.csv` (writing it would destroy the input)'],
  ])('refuses the rejects file %j before reading a row, at liabilities.policies_rejects', (rejects, code, reason) => {
    const dir = scratchDir();
    dir.write('book.csv', `${BOOK}P9,savngs,2015-01-01,2020-02-01,100,100,,,,\n`);
    const file = dir.write('p.yaml', head(`  policies: book.csv\n  policies_rejects: ${rejects}\n`));
    const issues = issuesOf(file);
    expect(issues).toHaveLength(1);
    // line 12 is `  policies_rejects: ...` (after head's 11 lines and `  policies: book.csv`), its value at column 21
    expect(issues[0]).toMatchObject({ code, location: { file, line: 12, column: 21 } });
    expect(issues[0].message).toBe(`cannot write the rejects file \`${rejects}\`: ${reason}`);
    expect(readFileSync(path.join(dir.dir, 'book.csv'), 'utf8')).toContain('P9,savngs');
  });
});
