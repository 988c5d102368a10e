/**
 * Hostile and careless input, one test per class (issue 13): each must end in located problems
 * (file:line:col, code, hint) and exit code 2, quickly and in bounded memory, never a crash or hang.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateScenarioFiles, LIMITS } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/model/load.js';
import { decodeText } from '../../src/scenario/limits.js';
import { flowDepthBeyond } from '../../src/scenario/yaml-source.js';
import { MINIMAL, issuesOf, scratchDir } from './helpers.js';

/** Every issue located with a line and column. */
function expectLocated(issues: { location: { line?: number; column?: number } }[]) {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(i.location.line).toBeGreaterThanOrEqual(1);
    expect(i.location.column).toBeGreaterThanOrEqual(1);
  }
}

function cohortsOf(resolved: unknown): unknown[] {
  return (resolved as { liabilities: { cohorts: unknown[] } }).liabilities.cohorts;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe('alias bomb and nesting', () => {
  it('refuses a billion-laughs file quickly (10^9 strings through 90 aliases)', () => {
    const s = scratchDir();
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i'], ['i', 'j']]) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const file = s.write('bomb.yaml', `${lines.join('\n')}\n`);
    const { value: issues, ms } = timed(() => issuesOf(file));
    expect(ms).toBeLessThan(2000);
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe('too-many-aliases');
    expectLocated(issues);
  });

  it('refuses deep flow nesting before the YAML parser recurses (was "Maximum call stack size exceeded")', () => {
    const s = scratchDir();
    const file = s.write('deep.yaml', `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    const issues = issuesOf(file);
    expect(issues.map((i) => i.code)).toEqual(['too-deep']);
    // The 33rd bracket is the first beyond the limit: "a: " is 3 characters, so column 3 + 33.
    expect(issues[0].location).toMatchObject({ line: 1, column: 3 + LIMITS.depth + 1 });
  });

  it('refuses deep block nesting, located at the first level beyond the limit', () => {
    const s = scratchDir();
    let text = '';
    for (let i = 0; i < 200; i++) text += `${' '.repeat(i)}k:\n`;
    const issues = issuesOf(s.write('deep.yaml', text));
    expect(issues.map((i) => i.code)).toEqual(['too-deep']);
    // Level 33 (depth index 33 below the root mapping) is the key on line 33, indented 32 spaces.
    expect(issues[0].location).toMatchObject({ line: LIMITS.depth + 1, column: LIMITS.depth + 1 });
  });

  it('flow brackets inside words and quotes do not count as nesting', () => {
    expect(flowDepthBeyond(`a: x${'['.repeat(50)}\nb: "${'{'.repeat(50)}"\nc: 1 #${'['.repeat(50)}\n`, 32)).toBeUndefined();
    expect(flowDepthBeyond(`a: ${'['.repeat(33)}`, 32)).toBe(3 + 32);
  });
});

describe('size limits', () => {
  it('refuses a scenario file above the size limit without parsing it', () => {
    const s = scratchDir();
    const file = s.write('big.yaml', `${MINIMAL}description: "${'x'.repeat(LIMITS.scenarioBytes)}"\n`);
    const { value: issues, ms } = timed(() => issuesOf(file));
    expect(ms).toBeLessThan(1000);
    expect(issues.map((i) => i.code)).toEqual(['file-too-large']);
    expectLocated(issues);
  });

  it('stops after LIMITS.issues problems and counts the rest', () => {
    const s = scratchDir();
    // 250 unknown top-level keys: 250 problems, of which 100 are listed and 150 counted.
    const junk = Array.from({ length: 250 }, (_, i) => `junk_${i}: 1`).join('\n');
    const issues = issuesOf(s.write('junk.yaml', `${MINIMAL}${junk}\n`));
    expect(issues).toHaveLength(LIMITS.issues + 1);
    const last = issues[issues.length - 1];
    expect(last.code).toBe('too-many-problems');
    expect(last.message).toContain(`and ${250 - LIMITS.issues} more problems`);
    expectLocated(issues);
  });

  it('caps YAML syntax errors too, and unclosed brackets on every line end fast (were 41 s and 2.8 GB)', () => {
    const s = scratchDir();
    const junk = Array.from({ length: 20000 }, (_, i) => (i % 2 ? `k${i}: [a, {b: ]` : `  - x: ${i}`)).join('\n');
    const { value: issues, ms } = timed(() => issuesOf(s.write('junk.yaml', junk)));
    expect(ms).toBeLessThan(2000);
    expect(issues.length).toBeLessThanOrEqual(LIMITS.issues + 1);
    expectLocated(issues);
  });

  it.each([
    ['funding:\n  policy:\n    lookahead_days: 3000000000\n', 'funding.policy.lookahead_days'],
    ['funding:\n  credit_lines:\n    - { bank: B, limit: 1, notice_days: 3000000000 }\n', 'funding.credit_lines[0].notice_days'],
    ['funding:\n  assets:\n    - { name: A, amount: 1, settlement_days: 3000000000 }\n', 'funding.assets[0].settlement_days'],
    ['overdue_grace_days: 3661\n', 'overdue_grace_days'],
  ])('bounds day counts (%#: was a crash or a hang)', (extra, key) => {
    const s = scratchDir();
    const base = s.write('base.yaml', MINIMAL);
    const file = s.write('child.yaml', `extends: ${path.basename(base)}\n${extra}`);
    const { value: issues, ms } = timed(() => issuesOf(file));
    expect(ms).toBeLessThan(2000);
    expect(issues.map((i) => [i.code, i.path.join('.').replace(/\.(\d+)/g, '[$1]')])).toEqual([['out-of-range', key]]);
    expect(issues[0].expected).toBe(`an integer from 0 to ${LIMITS.days}`);
  });

  it('bounds claim-lag day keys and retry_after_days', () => {
    const s = scratchDir();
    const text = MINIMAL.replace(
      '      base_surrender_rate: 0.05\n',
      '      base_surrender_rate: 0.05\n      claim_lag: { day0: 0.5, after_days: { 3000000000: 0.5 } }\n      account_failure: { rate: 0.1, retry_after_days: 3000000000 }\n',
    );
    const issues = issuesOf(s.write('lag.yaml', text));
    expect(issues.map((i) => i.code).sort()).toEqual(['invalid-key', 'out-of-range']);
    expectLocated(issues);
  });

  it('reads at most maxCsvRows rows of a cohort CSV and stops there', () => {
    const s = scratchDir();
    const rows = Array.from({ length: 30 }, () => 'savings,2020-01-10,100,1,0.04').join('\n');
    s.write('c.csv', `product,maturity_date,value,count,guaranteed_yield\n${rows}\n`);
    const file = s.write('s.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: c.csv\n  cohorts:\n'));
    expect(cohortsOf(loadScenario(file, { maxCsvRows: 30 }).resolved)).toHaveLength(31);
    const issues = validateScenarioFiles([file], { maxCsvRows: 29 })[0].issues;
    expect(issues.map((i) => i.code)).toEqual(['csv-too-many-rows']);
    // Header on line 1, data rows on lines 2..31: row 30 (line 31) is the first beyond 29.
    expect(issues[0].location).toMatchObject({ file: path.join(s.dir, 'c.csv'), line: 31, column: 1 });
  });
});

describe('YAML content', () => {
  it('refuses unknown tags with their location', () => {
    const s = scratchDir();
    const issues = issuesOf(s.write('t.yaml', `${MINIMAL}description: !foo bar\n`));
    expect(issues.map((i) => i.code)).toEqual(['unknown-tag']);
    expect(issues[0].location).toMatchObject({ line: 16, column: 14 });
  });

  it('refuses !!binary (a known YAML 1.1 tag, not a scenario value)', () => {
    const s = scratchDir();
    const issues = issuesOf(s.write('t.yaml', `${MINIMAL}description: !!binary aGk=\n`));
    expect(issues.map((i) => i.code)).toEqual(['unknown-tag']);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a `%s` key with its location', (key) => {
    const s = scratchDir();
    const issues = issuesOf(s.write('p.yaml', `${MINIMAL}funding2: 1\n`.replace('funding:\n', `funding:\n  ${key}: { cash: 1 }\n`)));
    const forbidden = issues.filter((i) => i.code === 'forbidden-key');
    expect(forbidden).toHaveLength(1);
    expect(forbidden[0].location).toMatchObject({ line: 12, column: 3 });
  });

  it.each([
    ['empty', ''],
    ['comment-only', '# nothing here\n\n'],
  ])('reports an %s file at 1:1', (_what, text) => {
    const s = scratchDir();
    const issues = issuesOf(s.write('e.yaml', text));
    expect(issues.map((i) => [i.code, i.location.line, i.location.column])).toEqual([['empty-document', 1, 1]]);
  });

  it('no message says NaN (an out-of-range beta mean used to print "= NaN")', () => {
    const s = scratchDir();
    const text = MINIMAL.replace('      base_surrender_rate: 0.05\n', '      base_surrender_rate: 0.05\n      rollover_share: { dist: beta, mean: 1.5, sd: 0.1 }\n');
    const issues = issuesOf(s.write('b.yaml', text));
    expect(issues.length).toBeGreaterThan(0);
    expect(JSON.stringify(issues)).not.toMatch(/NaN/);
  });
});

describe('encodings', () => {
  it('accepts a UTF-8 BOM and CRLF line endings, with lines and columns unchanged', () => {
    const s = scratchDir();
    const text = `\ufeff${MINIMAL}horizon_daysx: 1\n`.replace(/\n/g, '\r\n');
    const issues = issuesOf(s.write('crlf.yaml', text));
    // The key is on line 16, column 1 (the BOM takes no column).
    expect(issues.map((i) => [i.code, i.location.line, i.location.column])).toEqual([['unknown-key', 16, 1]]);
    const ok = s.write('ok.yaml', `\ufeff${MINIMAL}`.replace(/\n/g, '\r\n'));
    expect(loadScenario(ok).model.name).toBe('Minimal');
  });

  it('refuses UTF-16 with a BOM', () => {
    const s = scratchDir();
    const file = path.join(s.dir, 'u16.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')]));
    const issues = issuesOf(file);
    expect(issues.map((i) => i.code)).toEqual(['encoding']);
    expect(issues[0].message).toContain('UTF-16');
    expectLocated(issues);
  });

  it('refuses UTF-16 without a BOM', () => {
    const s = scratchDir();
    const file = path.join(s.dir, 'u16.yaml');
    writeFileSync(file, Buffer.from(MINIMAL, 'utf16le'));
    const issues = issuesOf(file);
    expect(issues.map((i) => i.code)).toEqual(['encoding']);
    expect(issues[0].message).toContain('UTF-16');
  });

  it('refuses Latin-1 bytes at the first bad byte', () => {
    const s = scratchDir();
    const file = path.join(s.dir, 'l1.yaml');
    writeFileSync(file, Buffer.from(MINIMAL.replace('name: Minimal', 'name: Caf\u00e9 \u00e9'), 'latin1'));
    const issues = issuesOf(file);
    expect(issues.map((i) => [i.code, i.location.line, i.location.column])).toEqual([['encoding', 1, 10]]);
    expect(issues[0].message).toContain('Latin-1');
  });

  it('decodeText counts columns in characters of the valid UTF-8 before the bad byte', () => {
    // "é" is 2 bytes but 1 column: "aé" then 0xff -> column 3.
    const result = decodeText(Buffer.concat([Buffer.from('a\u00e9', 'utf8'), Buffer.from([0xff])]));
    expect(result).toMatchObject({ code: 'encoding', line: 1, column: 3 });
  });
});

describe('file references', () => {
  it('refuses absolute paths and paths leaving the folder, unless allowOutside', () => {
    const s = scratchDir();
    s.write('base.yaml', MINIMAL);
    const inner = s.write('sub/child.yaml', 'extends: ../base.yaml\nname: Child\n');
    const abs = s.write('abs.yaml', `extends: ${path.join(s.dir, 'base.yaml')}\n`);
    expect(issuesOf(inner).map((i) => [i.code, i.location.line, i.location.column])).toEqual([['path-refused', 1, 10]]);
    expect(issuesOf(abs).map((i) => i.code)).toEqual(['path-refused']);
    expect(loadScenario(inner, { allowOutside: true }).model.name).toBe('Child');
    expect(loadScenario(abs, { allowOutside: true }).model.name).toBe('Minimal');
  });

  it('accepts a path into a subfolder, resolved relative to the file that names it', () => {
    const s = scratchDir();
    s.write('lib/base.yaml', MINIMAL);
    s.write('lib/c.csv', 'product,maturity_date,value,count,guaranteed_yield\nsavings,2020-01-10,100,1,0.04\n');
    s.write('lib/mid.yaml', 'extends: base.yaml\nliabilities:\n  cohorts_csv: c.csv\n');
    const child = s.write('child.yaml', 'extends: lib/mid.yaml\n');
    expect(cohortsOf(loadScenario(child).resolved)).toHaveLength(2);
  });

  it('never echoes a file that is not a scenario: /etc/passwd as extends, environ as CSV', () => {
    const s = scratchDir();
    const a = s.write('a.yaml', 'extends: /etc/passwd\n');
    const issues = issuesOf(a);
    expect(issues.map((i) => i.code)).toEqual(['path-refused']);
    const allowed = validateScenarioFiles([a], { allowOutside: true })[0].issues;
    expect(JSON.stringify(allowed)).not.toMatch(/root:/);
    const b = s.write('b.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: /proc/self/environ\n  cohorts:\n'));
    const viaProc = validateScenarioFiles([b], { allowOutside: true })[0].issues;
    expect(viaProc.map((i) => i.code)).toEqual(['not-a-file']);
    expect(JSON.stringify(viaProc)).not.toMatch(/PATH=|HOME=/);
  });

  it('does not quote a CSV file that has no cohort header', () => {
    const s = scratchDir();
    s.write('secret.csv', 'API_KEY=abc123,TOKEN=xyz\n');
    const file = s.write('s.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: secret.csv\n  cohorts:\n'));
    const issues = issuesOf(file);
    expect(issues.map((i) => i.code)).toEqual(['csv-syntax']);
    expect(JSON.stringify(issues)).not.toContain('abc123');
  });

  it('refuses devices and FIFOs without reading or blocking', () => {
    const s = scratchDir();
    const dev = s.write('dev.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: /dev/zero\n  cohorts:\n'));
    expect(validateScenarioFiles([dev], { allowOutside: true })[0].issues.map((i) => i.code)).toEqual(['not-a-file']);
    const fifo = path.join(s.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const viaFifo = s.write('fifo.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts_csv: pipe.csv\n  cohorts:\n'));
    const { value: issues, ms } = timed(() => issuesOf(viaFifo));
    expect(ms).toBeLessThan(2000);
    expect(issues.map((i) => [i.code, i.location.line])).toEqual([['not-a-file', 9]]);
  });
});

describe('extends: replaced and appended lists', () => {
  const BASE = MINIMAL.replace(
    '    - { product: savings, maturity_date: 2020-01-10, value: 1000.00, count: 10, guaranteed_yield: 0.04 }\n',
    '    - { product: savings, maturity_date: 2020-01-10, value: 1000.00, count: 10, guaranteed_yield: 0.04 }\n' +
      '    - { product: savings, maturity_date: 2020-01-15, value: 3000000000, count: 10, guaranteed_yield: 0.04 }\n',
  );
  const NEW = '    - { product: savings, maturity_date: 2020-01-20, value: 500000000, count: 5, guaranteed_yield: 0.03 }\n';

  it('a replaced inherited list is a notice with counts and amounts', () => {
    const s = scratchDir();
    s.write('base.yaml', BASE);
    const child = s.write('child.yaml', `extends: base.yaml\nliabilities:\n  cohorts:\n${NEW}`);
    const loaded = loadScenario(child);
    expect(cohortsOf(loaded.resolved)).toHaveLength(1);
    expect(loaded.notices).toHaveLength(1);
    const notice = loaded.notices[0];
    expect(notice).toMatchObject({ code: 'list-replaced', path: ['liabilities', 'cohorts'], location: { line: 4, column: 5 } });
    // Inherited: 1,000.00 + 3,000,000,000 = CNY 3.0 bn (rounded to 0.1 bn); new: 500,000,000 = 500.0 m.
    expect(notice.message).toContain('2 items with 1 (CNY 3 bn -> 500 m)');
    expect(notice.message).toContain('cohorts: { append: [...] }');
  });

  it('`{ append: [...] }` adds to the inherited list, located in the child', () => {
    const s = scratchDir();
    s.write('base.yaml', BASE);
    const child = s.write('child.yaml', `extends: base.yaml\nliabilities:\n  cohorts:\n    append:\n${NEW.replace('    -', '      -').replace('count: 5', 'count: 0')}`);
    const issues = issuesOf(child);
    // The appended cohort is index 2 (after the two inherited) and its bad count is on line 5 of child.yaml.
    expect(issues.map((i) => [i.path.join('.'), i.location.file, i.location.line])).toEqual([['liabilities.cohorts.2.count', child, 5]]);
    const good = s.write('good.yaml', `extends: base.yaml\nliabilities:\n  cohorts:\n    append:\n${NEW.replace('    -', '      -')}`);
    const loaded = loadScenario(good);
    expect(loaded.notices).toEqual([]);
    expect(cohortsOf(loaded.resolved)).toHaveLength(3);
  });

  it('`{ replace: [...] }` and `[]` replace without a notice; a grandparent\'s replacement is noticed only for its own child', () => {
    const s = scratchDir();
    s.write('base.yaml', BASE);
    const replaced = s.write('r.yaml', `extends: base.yaml\nliabilities:\n  cohorts:\n    replace:\n${NEW.replace('    -', '      -')}`);
    const loaded = loadScenario(replaced);
    expect(loaded.notices).toEqual([]);
    expect(cohortsOf(loaded.resolved)).toHaveLength(1);
    const mid = s.write('mid.yaml', `extends: base.yaml\nliabilities:\n  cohorts:\n${NEW}`);
    const leaf = s.write('leaf.yaml', `extends: ${path.basename(mid)}\nfunding:\n  credit_lines: []\n`);
    expect(loadScenario(mid).notices).toHaveLength(1);
    expect(loadScenario(leaf).notices).toEqual([]);
  });

  it('`append` with nothing inherited is an error', () => {
    const s = scratchDir();
    const file = s.write('a.yaml', MINIMAL.replace('  cohorts:\n', '  cohorts:\n    append:\n').replace('    - { product', '      - { product'));
    expect(issuesOf(file).map((i) => i.code)).toEqual(['invalid-value']);
  });
});

describe('CLI', () => {
  it('validate refuses a path outside unless --allow-outside, and prints replaced lists as notices', () => {
    const s = scratchDir();
    s.write('base.yaml', MINIMAL);
    const inner = s.write('sub/child.yaml', 'extends: ../base.yaml\npayments:\n  channels:\n    - { bank: Bank B, daily_limit: 5 }\n');
    const cli = path.resolve('dist/cli/main.js');
    const refused = spawnSync(process.execPath, [cli, 'validate', inner], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${inner}:1:10: extends: \`extends\` file \`../base.yaml\` is refused`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const allowed = spawnSync(process.execPath, [cli, 'validate', '--allow-outside', inner], { encoding: 'utf8' });
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('ok ');
    expect(allowed.stderr).toContain(`notice: ${inner}:4:5: payments.channels: replaces the inherited list of 1 item with 1`);
  });
});

describe('one pass', () => {
  it('reports cross-checks together with type errors (they used to wait for a second run)', () => {
    const s = scratchDir();
    // A type error (daily_transfers 0.5) next to an unknown product, a date before the start, a
    // duplicate channel and an unknown channel in a change: all five in the first run.
    const text = MINIMAL.replace('product: savings,', 'product: savingz,').replace(
      '    - { bank: Bank A, daily_limit: 10000 }\n',
      '    - { bank: Bank A, daily_limit: 10000, daily_transfers: 0.5 }\n    - { bank: Bank A, daily_limit: 5 }\n  changes:\n    - { on: 2019-01-01, channel: Bank C, daily_limit: 5 }\n',
    );
    const issues = issuesOf(s.write('one.yaml', text));
    expect(issues.map((i) => [i.code, i.location.line])).toEqual([
      ['unknown-reference', 10],
      ['invalid-type', 15],
      ['duplicate-name', 16],
      ['out-of-range', 18],
      ['unknown-reference', 18],
    ]);
  });
  it.each([['5'], ['-1e308'], ['1e308']])('a date given as the number %s is one wrong-type error, never read as a day number', (n) => {
    // Found by the fuzzer: the cross-checks took the number for an epoch day, adding "the mass lapse
    // is before the scenario start (found 1970-01-06)" for 5, and exit 3 "Invalid time value" for -1e308.
    const s = scratchDir();
    const text = MINIMAL.replace('funding:', `surrender_stress:\n  mass_lapse: { date: ${n}, share: 0.4 }\nfunding:`);
    const issues = issuesOf(s.write('date.yaml', text));
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid-type', 'surrender_stress.mass_lapse.date']]);
  });
});

describe('names in messages', () => {
  it('shows control characters in a refused path as escapes', () => {
    const s = scratchDir();
    const issues = issuesOf(s.write('n.yaml', 'extends: "a\\u001b[31mb"\n'));
    expect(issues.map((i) => i.code)).toEqual(['file-not-found']);
    expect(issues[0].message).toContain('a\\u001b[31mb');
    expect(issues[0].message).not.toContain('\u001b');
  });
});
