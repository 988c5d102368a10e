/**
 * The compression's grouping key (src/scenario/policies.ts): two policies share a cohort (model
 * point) exactly when product, maturity date, payout-size band, surrender charge (as written),
 * account status, bank and segment are all equal. The key is numbers (each text numbered as first
 * seen) found through a hash and then compared whole, so neither texts that would run together in a
 * joined key nor a hash collision can merge two different policies.
 */
import { describe, expect, it } from 'vitest';
import { CohortTable, readPolicies } from '../../src/scenario/policies.js';
import { scratchDir } from './helpers.js';

const HEADER = 'policy_id,product,issue_date,maturity_date,account_value,maturity_value,surrender_charge,account_status,bank,segment';
const TERMS = {
  products: new Map([
    ['a', 0],
    ['a,b', 0],
    ['savings', 0.01],
  ]),
  start: 18267, // 2020-01-06
  bandLimits: [500_000_000], // 5 m
};

/** The cohorts of a policy file with these rows (after the header). */
function cohortsOf(rows: string[]) {
  const dir = scratchDir();
  const file = dir.write('book.csv', `${HEADER}\n${rows.join('\n')}\n`);
  const read = readPolicies([{ named: 'book.csv', path: file }], TERMS, ['liabilities', 'policies'], 100);
  expect(read.issues).toEqual([]);
  return read.cohorts;
}

// One policy; each case below changes one grouping attribute of it.
const BASE = 'savings,2015-01-01,2020-02-03,1000000,1000000,,ok,ICBC,retail';

describe('policy cohort key', () => {
  it('puts policies equal in every grouping attribute in one cohort, with exact sums', () => {
    // 1 m and 4,999,999.99: both one transfer under the 5 m limit, at maturity and on surrender
    const cohorts = cohortsOf([`P1,${BASE}`, 'P2,savings,2016-07-01,2020-02-03,4999999.99,4999999.99,,ok,ICBC,retail']);
    expect(cohorts).toHaveLength(1);
    expect(cohorts[0]).toMatchObject({ count: 2, value: 599_999_999, due: 599_999_999, maturityTransfers: [1], surrenderTransfers: [1] });
  });

  it.each([
    ['product', 'a,2015-01-01,2020-02-03,1000000,1000000,,ok,ICBC,retail'],
    ['maturity date', 'savings,2015-01-01,2020-02-04,1000000,1000000,,ok,ICBC,retail'],
    ['maturity band', 'savings,2015-01-01,2020-02-03,1000000,5000000.01,,ok,ICBC,retail'],
    ['surrender band', 'savings,2015-01-01,2020-02-03,6000000,1000000,,ok,ICBC,retail'],
    ['surrender charge', 'savings,2015-01-01,2020-02-03,1000000,1000000,0.01,ok,ICBC,retail'],
    ['surrender charge as written (0.010 and 0.01)', 'savings,2015-01-01,2020-02-03,1000000,1000000,0.010,ok,ICBC,retail'],
    ['account status', 'savings,2015-01-01,2020-02-03,1000000,1000000,,known_bad,ICBC,retail'],
    ['bank', 'savings,2015-01-01,2020-02-03,1000000,1000000,,ok,BOC,retail'],
    ['segment', 'savings,2015-01-01,2020-02-03,1000000,1000000,,ok,ICBC,private'],
  ])('keeps policies apart that differ only in %s', (_, other) => {
    const base = _.startsWith('surrender charge as') ? BASE.replace(',,ok', ',0.01,ok') : BASE;
    const cohorts = cohortsOf([`P1,${base}`, `P2,${other}`]);
    expect(cohorts).toHaveLength(2);
    expect(cohorts.map((c) => c.count)).toEqual([1, 1]);
  });

  it('keeps apart texts that would run together in a joined key', () => {
    // product "a,b" + bank "c" against product "a" + bank "b,c": joined with commas both read "a,b,c";
    // bank "x" + segment "" against bank "" + segment "x": joined without a separator both read "x"
    const cohorts = cohortsOf([
      'P1,"a,b",2015-01-01,2020-02-03,100,100,,ok,c,retail',
      'P2,a,2015-01-01,2020-02-03,100,100,,ok,"b,c",retail',
      'P3,a,2015-01-01,2020-02-03,100,100,,ok,x,',
      'P4,a,2015-01-01,2020-02-03,100,100,,ok,,x',
    ]);
    // (in the compression's order: product, ..., bank, segment; an empty bank first)
    expect(cohorts.map((c) => [c.product, c.bank, c.segment, c.count])).toEqual([
      ['a', undefined, 'x', 1],
      ['a', 'b,c', 'retail', 1],
      ['a', 'x', undefined, 1],
      ['a,b', 'c', 'retail', 1],
    ]);
  });

  it('tells keys apart when every key has the same hash', () => {
    const table = new CohortTable(3, () => 7);
    const key = (...xs: number[]) => Float64Array.from(xs);
    expect(table.numberOf(key(0, 18_300, 1))).toBe(0);
    expect(table.numberOf(key(0, 18_300, 2))).toBe(1);
    expect(table.numberOf(key(1, 18_300, 1))).toBe(2);
    expect(table.numberOf(key(0, 18_301, 1))).toBe(3);
    // equal keys find their cohort, also after the table has grown (at most half full: 4,096 slots)
    for (let i = 0; i < 3000; i++) table.numberOf(key(2, i, 0));
    expect(table.numberOf(key(0, 18_300, 2))).toBe(1);
    expect(table.numberOf(key(2, 2999, 0))).toBe(3003);
    expect(table.size).toBe(3004);
  });

  it('tells apart numbers beyond 32 bits (large band counts)', () => {
    const table = new CohortTable(1);
    // 2^32 + 1 and 1 share their low 32 bits
    expect(table.numberOf(Float64Array.of(2 ** 32 + 1))).toBe(0);
    expect(table.numberOf(Float64Array.of(1))).toBe(1);
    expect(table.numberOf(Float64Array.of(2 ** 32 + 1))).toBe(0);
  });
});
