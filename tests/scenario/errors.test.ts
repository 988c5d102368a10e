/**
 * One test per class of bad input: each asserts the message and the exact location (file, line,
 * column, key path) a person has to fix.
 */
import { describe, it, expect } from 'vitest';
import { formatIssue } from '../../src/errors.js';
import { validateScenarioFiles } from '../../src/scenario/index.js';
import { MINIMAL, issuesOf, scratchDir } from './helpers.js';

describe('bad scenario input', () => {
  it('malformed YAML: reports the syntax error with its line and column', () => {
    const s = scratchDir();
    const file = s.write('bad.yaml', 'name: Broken\nfunding:\n  cash: [1, 2\npaths: 3\n');
    const issues = issuesOf(file);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ code: 'yaml-syntax', location: { file, line: 4, column: 1 } });
    expect(issues[0].message).toMatch(/^YAML syntax error: Flow sequence .* must be sufficiently indented and end with a \]/);
  });

  it('duplicate key: a YAML error at the second occurrence', () => {
    const s = scratchDir();
    const file = s.write('dup.yaml', `${MINIMAL}paths: 10\npaths: 20\n`);
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'yaml-syntax', location: { file, line: 17, column: 1 } });
    expect(issue.message).toBe('YAML syntax error: Map keys must be unique');
    expect(issue.hint).toMatch(/remove or rename/);
  });

  it('unknown key: located at the key, with the closest allowed key suggested', () => {
    const s = scratchDir();
    const file = s.write('typo.yaml', MINIMAL.replace('  cash: 5000\n', '  cash: 5000\n  credit_line: []\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'unknown-key',
      path: ['funding', 'credit_line'],
      location: { file, line: 13, column: 3 },
      message: 'unknown key `credit_line`',
      found: '`credit_line`',
      hint: 'did you mean `credit_lines`?',
    });
    expect(issue.expected).toContain('`credit_lines`');
    expect(formatIssue(issue)).toBe(
      `${file}:13:3: funding.credit_line: unknown key \`credit_line\` (expected one of \`cash\`, \`minimum_cash\`, \`assets\`, \`credit_lines\`, \`inflows\` or \`policy\`, found \`credit_line\`)\n  hint: did you mean \`credit_lines\`?`,
    );
  });

  it('unknown key in camelCase: still finds the snake_case key', () => {
    const s = scratchDir();
    const file = s.write('camel.yaml', MINIMAL.replace('{ bank: Bank A, daily_limit: 10000 }', '{ bank: Bank A, dailyLimit: 10000 }'));
    const issues = issuesOf(file);
    expect(issues.find((i) => i.code === 'unknown-key')).toMatchObject({ path: ['payments', 'channels', 0, 'dailyLimit'], hint: 'did you mean `daily_limit`?', location: { line: 15, column: 23 } });
    expect(issues.find((i) => i.code === 'missing-key')).toMatchObject({ path: ['payments', 'channels', 0, 'daily_limit'], message: 'missing required key `daily_limit`', location: { line: 15, column: 7 } });
  });

  it('wrong type: says what was expected and what was found', () => {
    const s = scratchDir();
    const file = s.write('type.yaml', MINIMAL.replace('horizon_days: 20', 'horizon_days: twenty'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'invalid-type',
      path: ['horizon_days'],
      location: { file, line: 4, column: 15 },
      message: 'wrong type',
      expected: 'an integer from 1 to 3650',
      found: 'text "twenty"',
    });
  });

  it('negative amount', () => {
    const s = scratchDir();
    const file = s.write('neg.yaml', MINIMAL.replace('cash: 5000', 'cash: -5_000'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'negative-amount',
      path: ['funding', 'cash'],
      location: { file, line: 12, column: 9 },
      message: 'amounts cannot be negative',
      expected: 'an amount >= 0',
      found: '-5000',
    });
  });

  it('sub-cent amount, read from the source text rather than a rounded float', () => {
    const s = scratchDir();
    const file = s.write('cent.yaml', MINIMAL.replace('value: 1000.00', 'value: 1000.0000000000000001'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'sub-cent-amount',
      path: ['liabilities', 'cohorts', 0, 'value'],
      location: { file, line: 10, column: 61 },
      message: 'amounts must be whole cents',
      found: 'text "1000.0000000000000001"',
      hint: 'round the amount to the cent',
    });
  });

  it('end before start: a credit line that ends before it opens', () => {
    const s = scratchDir();
    const file = s.write(
      'end.yaml',
      MINIMAL.replace('  cash: 5000\n', '  cash: 5000\n  credit_lines:\n    - { bank: Bank A, limit: 30e9, from: 2020-02-01, until: 2020-01-31 }\n'),
    );
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'end-before-start',
      path: ['funding', 'credit_lines', 0, 'until'],
      location: { file, line: 14, column: 61 },
      message: 'the credit line ends before it starts',
      expected: 'a date on or after 2020-02-01',
      found: '2020-01-31',
    });
  });

  it('end before start: a holiday range written backwards', () => {
    const s = scratchDir();
    const file = s.write('range.yaml', `${MINIMAL}calendar:\n  holidays: [2020-02-02..2020-01-24]\n`);
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'end-before-start', path: ['calendar', 'holidays', 0], location: { line: 17, column: 14 }, message: 'the date range ends before it starts' });
  });

  it('probability out of range', () => {
    const s = scratchDir();
    const file = s.write(
      'prob.yaml',
      MINIMAL.replace('  cash: 5000\n', '  cash: 5000\n  credit_lines:\n    - { bank: Bank A, limit: 30e9, fail_probability: 1.5 }\n'),
    );
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'out-of-range',
      path: ['funding', 'credit_lines', 0, 'fail_probability'],
      location: { file, line: 14, column: 54 },
      message: 'value out of range',
      expected: 'a number from 0 to 1',
      found: '1.5',
    });
  });

  it('missing `extends` file: located at the `extends` key of the file that names it', () => {
    const s = scratchDir();
    const file = s.write('child.yaml', 'name: Child\nextends: nowhere/base.yaml\n');
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'file-not-found', path: ['extends'], location: { file, line: 2, column: 10 } });
    expect(issue.message).toMatch(/^cannot read extended scenario `.*nowhere\/base\.yaml`: file not found$/);
  });

  it('cyclic `extends`: names the cycle', () => {
    const s = scratchDir();
    const a = s.write('a.yaml', 'extends: b.yaml\nname: A\n');
    s.write('b.yaml', 'name: B\nextends: ./a.yaml\n');
    const [issue] = issuesOf(a);
    expect(issue.code).toBe('extends-cycle');
    expect(issue.message).toMatch(/^`extends` forms a cycle: .*a\.yaml -> .*b\.yaml -> .*a\.yaml$/);
    expect(issue.location).toMatchObject({ line: 2, column: 10 });
    expect(issue.location.file).toMatch(/b\.yaml$/);
  });

  it('a scenario that extends itself', () => {
    const s = scratchDir();
    const a = s.write('self.yaml', 'extends: self.yaml\n');
    const [issue] = issuesOf(a);
    expect(issue).toMatchObject({ code: 'extends-cycle', location: { file: a, line: 1, column: 10 } });
  });

  it('missing CSV file: located at `cohorts_csv`', () => {
    const s = scratchDir();
    const file = s.write('csv.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: data/missing.csv\n  cohorts:\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'file-not-found', path: ['liabilities', 'cohorts_csv'], location: { file, line: 9, column: 16 } });
    expect(issue.message).toMatch(/^cannot read cohort CSV file `.*data\/missing\.csv`: file not found$/);
  });

  it('bad CSV cell: located at the CSV file, line and column', () => {
    const s = scratchDir();
    const csv = s.write(
      'data/cohorts.csv',
      '# illustrative\nproduct,maturity_date,value,count,guaranteed_yield\nsavings,2020-01-15,100.00,3,0.04\nsavings, 2020-01-16 ,100.00,many,0.04\n',
    );
    const file = s.write('csv.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: data/cohorts.csv\n  cohorts:\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'invalid-type',
      path: ['liabilities', 'cohorts', 2, 'count'],
      location: { file: csv, line: 4, column: 29 },
      expected: 'an integer >= 1',
      found: 'text "many"',
    });
  });

  it('bad CSV header: unknown column with a suggestion, at the header cell', () => {
    const s = scratchDir();
    const csv = s.write('cohorts.csv', 'product,maturity,value,count,guaranteed_yield\n');
    const file = s.write('csv.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: cohorts.csv\n  cohorts:\n'));
    const issues = issuesOf(file);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: 'missing-key', location: { file: csv, line: 1, column: 1 }, message: 'missing column `maturity_date` in the header' });
    expect(issues[1]).toMatchObject({ code: 'unknown-key', location: { file: csv, line: 1, column: 9 }, message: 'unknown column `maturity`', hint: 'did you mean `maturity_date`?' });
  });

  it('CSV row with too few cells', () => {
    const s = scratchDir();
    const csv = s.write('cohorts.csv', 'product,maturity_date,value,count,guaranteed_yield\r\nsavings,2020-01-15,100.00,3\r\n');
    const file = s.write('csv.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: cohorts.csv\n  cohorts:\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'csv-syntax', location: { file: csv, line: 2, column: 1 }, expected: '5 cells (one per header column)', found: '4' });
  });

  it('beta distribution with an impossible mean and sd', () => {
    const s = scratchDir();
    const file = s.write('beta.yaml', MINIMAL.replace('      base_surrender_rate: 0.05\n', '      base_surrender_rate: 0.05\n      rollover_share: { dist: beta, mean: 0.1, sd: 0.35 }\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({
      code: 'impossible-distribution',
      path: ['liabilities', 'products', 'savings', 'rollover_share', 'sd'],
      location: { file, line: 9, column: 52 },
      message: 'no beta distribution has mean 0.1 and sd 0.35',
      expected: 'sd below sqrt(mean (1 - mean)) = 0.3',
      found: '0.35',
    });
  });

  it('unknown distribution name, with a suggestion', () => {
    const s = scratchDir();
    const file = s.write('dist.yaml', MINIMAL.replace('      base_surrender_rate: 0.05\n', '      base_surrender_rate: 0.05\n      rollover_share: { dist: uniorm, low: 0.1, high: 0.2 }\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'invalid-value', path: ['liabilities', 'products', 'savings', 'rollover_share', 'dist'], location: { line: 9, column: 31 }, hint: 'did you mean `uniform`?' });
  });

  it('references to unknown products and banks suggest the defined names', () => {
    const s = scratchDir();
    const file = s.write(
      'ref.yaml',
      `${MINIMAL.replace('product: savings,', 'product: saving,')}  changes:\n    - { on: 2020-01-13, channel: Bank Z, daily_limit: 5e9 }\n`,
    );
    const issues = issuesOf(file);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: 'unknown-reference', path: ['liabilities', 'cohorts', 0, 'product'], location: { line: 10, column: 18 }, message: 'no product named `saving`', hint: 'did you mean `savings`?' });
    expect(issues[1]).toMatchObject({ code: 'unknown-reference', path: ['payments', 'changes', 0, 'channel'], location: { line: 17, column: 34 }, message: 'no payment channel named `Bank Z`' });
  });

  it('missing required key: located at the mapping that lacks it', () => {
    const s = scratchDir();
    const file = s.write('missing.yaml', MINIMAL.replace('funding:\n  cash: 5000\n', 'funding:\n  minimum_cash: 5000\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'missing-key', path: ['funding', 'cash'], location: { line: 11, column: 1 }, message: 'missing required key `cash`' });
  });

  it('collects every problem at once, from every file of an `extends` chain', () => {
    const s = scratchDir();
    const base = s.write('base.yaml', MINIMAL.replace('  cash: 5000\n', '  cash: 5000\n  credit_lines:\n    - { bank: Bank A, limit: 1e9, fail_probability: 2 }\n'));
    const child = s.write('child.yaml', 'extends: base.yaml\nhorizon_days: 0\nfunding:\n  minimum_cash: 0.005\n  cash: 10\n');
    const issues = issuesOf(child);
    expect(issues.map((i) => [i.location.file, i.location.line, i.code])).toEqual([
      [base, 14, 'out-of-range'],
      [child, 2, 'out-of-range'],
      [child, 4, 'sub-cent-amount'],
    ]);
  });

  it('validateScenarioFiles reports each file separately', () => {
    const s = scratchDir();
    const good = s.write('good.yaml', MINIMAL);
    const bad = s.write('bad.yaml', MINIMAL.replace('currency: CNY', 'currency: yuan'));
    const results = validateScenarioFiles([good, bad]);
    expect(results[0]).toEqual({ file: good, ok: true, issues: [], notices: [] });
    expect(results[1].ok).toBe(false);
    expect(results[1].issues[0]).toMatchObject({ code: 'invalid-format', path: ['currency'], expected: 'a 3-letter ISO currency code such as CNY', found: 'text "yuan"' });
  });

  it('a file that does not exist', () => {
    const [issue] = validateScenarioFiles(['no/such/scenario.yaml'])[0].issues;
    expect(issue).toMatchObject({ code: 'file-not-found', location: { file: 'no/such/scenario.yaml' }, message: 'cannot read scenario `no/such/scenario.yaml`: file not found' });
  });
});

describe('more bad input', () => {
  it('claim-lag keys must be whole numbers of days', () => {
    const s = scratchDir();
    const file = s.write('lag.yaml', MINIMAL.replace('      base_surrender_rate: 0.05\n', '      base_surrender_rate: 0.05\n      claim_lag: { day0: 0.5, after_days: { week: 0.2 } }\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'invalid-key', path: ['liabilities', 'products', 'savings', 'claim_lag', 'after_days', 'week'], message: '`week` is not a valid key here', expected: 'a whole number of days from 1 to 3660', location: { line: 9, column: 45 } });
  });

  it('claim-lag shares above 1 in total', () => {
    const s = scratchDir();
    const file = s.write('lag.yaml', MINIMAL.replace('      base_surrender_rate: 0.05\n', '      base_surrender_rate: 0.05\n      claim_lag: { day0: 0.8, after_days: { 7: 0.3 } }\n'));
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'out-of-range', path: ['liabilities', 'products', 'savings', 'claim_lag'], message: 'claim-lag shares add up to more than 1', found: 'a total of 1.1' });
  });

  it('at least one payment channel, and non-empty names', () => {
    const s = scratchDir();
    const file = s.write('chan.yaml', MINIMAL.replace('  channels:\n    - { bank: Bank A, daily_limit: 10000 }\n', '  channels: []\n').replace('name: Minimal', "name: ''"));
    const issues = issuesOf(file);
    expect(issues.map((i) => [i.path.join('.'), i.message, i.expected])).toEqual([
      ['name', 'must not be empty', 'a non-empty name'],
      ['payments.channels', 'too few items', 'at least 1'],
    ]);
  });

  it('a scenario that is not a mapping', () => {
    const s = scratchDir();
    const file = s.write('list.yaml', '- name: A\n');
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'invalid-type', message: 'a scenario file must be a mapping of settings', found: 'a list of 1', location: { file, line: 1, column: 1 } });
  });

  it('a dated change and a triggered change cannot be mixed', () => {
    const s = scratchDir();
    const file = s.write('mix.yaml', `${MINIMAL}  changes:\n    - { on: 2020-01-13, when_backlog_above: 1e9, channel: Bank A, daily_limit: 5e9 }\n`);
    const [issue] = issuesOf(file);
    expect(issue).toMatchObject({ code: 'conflicting-keys', path: ['payments', 'changes', 0, 'when_backlog_above'], message: '`on` and `when_backlog_above` cannot be used together' });
  });
});
