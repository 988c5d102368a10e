/**
 * Parquet policy files: the same book as a Parquet file and as CSV gives the same cohorts and the
 * same results (all but the file's hash, size and name in meta); every data-quality class is located
 * at file:row N:column name; values are read exactly (DECIMAL, DOUBLE, FLOAT, DATE, strings); a
 * corrupt or truncated file is a located error, never a stack trace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/errors.js';
import { runScenario } from '../../src/results/run.js';
import { loadScenario } from '../../src/model/load.js';
import { readCsvRows } from '../../src/scenario/policy-reader.js';
import { decimalText, floatText, isParquetFile, snappyChecked } from '../../src/scenario/policy-parquet.js';
import { issuesOf, policyScenario as head, scratchDir } from './helpers.js';
import { bookColumns, parquetBytes, retype, types, withRow, zstdStored } from './parquet-book.js';

// BOOK of policies.test.ts, as CSV (the Parquet book holds the same policies)
const CSV = `policy_id,product,issue_date,maturity_date,account_value,maturity_value,surrender_charge,account_status,bank,segment
P1,savings,2015-01-01,2020-01-07,1000000,1000000,,ok,ICBC,retail
P2,savings,2015-01-01,2020-01-07,9000000,9000000,,ok,ICBC,retail
P3,savings,2016-03-01,2020-01-07,2000000,2000000,,ok,ICBC,retail
P4,savings,2016-03-01,2020-01-08,6000000,6000000,,known_bad,BOC,retail
P5,annuity,2010-05-05,2020-03-31,500.50,520.00,0.02,,BOC,private
`;


/** meta.policies without what names the file (its name, hash and size differ between the two formats). */
function bookWithoutFiles(book: unknown): unknown {
  const b = book as { files: { rows: number }[] };
  return { ...b, files: b.files.map((f) => f.rows) };
}

describe('Parquet policy files', () => {
  it('give the same cohorts and results as the same book in CSV; meta keeps the Parquet file’s hash', async () => {
    const dir = scratchDir();
    dir.write('book.csv', CSV);
    const bytes = parquetBytes(bookColumns());
    writeFileSync(path.join(dir.dir, 'book.parquet'), bytes);
    const fromCsv = await runScenario(dir.write('c.yaml', head('  policies: book.csv\n')), { threads: 1 });
    const fromParquet = await runScenario(dir.write('p.yaml', head('  policies: book.parquet\n')), { threads: 1 });
    expect(fromParquet.model.groups).toEqual(fromCsv.model.groups);
    expect(fromParquet.model.groups.length).toBe(4);
    expect(JSON.stringify({ ...fromParquet.results, meta: undefined })).toBe(JSON.stringify({ ...fromCsv.results, meta: undefined }));
    const book = fromParquet.results.meta.policies;
    expect(bookWithoutFiles(book)).toEqual(bookWithoutFiles(fromCsv.results.meta.policies));
    expect(book?.files).toEqual([{ file: 'book.parquet', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, rows: 5 }]);
    // 1,000,000 + 9,000,000 + 2,000,000 + 6,000,000 + 500.50; maturity values 18,000,000 + 520
    expect(book?.accepted).toEqual({ policies: 5, accountValue: 18_000_500.5, maturityValue: 18_000_520 });
  });

  it('reads several row groups, gzip and zstd pages, and is told by its first bytes, not its name', () => {
    const dir = scratchDir();
    dir.write('book.csv', CSV);
    // two rows a group: 3 groups; gzip pages (Node's zlib); named .csv but Parquet inside
    writeFileSync(path.join(dir.dir, 'book-parquet.csv'), parquetBytes(bookColumns(), { rowGroupSize: 2, codec: 'GZIP', compressors: { GZIP: (b) => gzipSync(b) } }));
    // zstd pages (fzstd)
    writeFileSync(path.join(dir.dir, 'zstd.parquet'), parquetBytes(bookColumns(), { codec: 'ZSTD', compressors: { ZSTD: zstdStored } }));
    dir.write('book-csv.parquet', CSV);
    expect(isParquetFile(path.join(dir.dir, 'book-parquet.csv'))).toBe(true);
    expect(isParquetFile(path.join(dir.dir, 'book-csv.parquet'))).toBe(false);
    const a = loadScenario(dir.write('a.yaml', head('  policies: book.csv\n'))).model;
    const b = loadScenario(dir.write('b.yaml', head('  policies: book-parquet.csv\n'))).model;
    const c = loadScenario(dir.write('c.yaml', head('  policies: book-csv.parquet\n'))).model;
    expect(b.groups).toEqual(a.groups);
    expect(c.groups).toEqual(a.groups);
    expect(loadScenario(dir.write('d.yaml', head('  policies: zstd.parquet\n'))).model.groups).toEqual(a.groups);
  });

  it('takes amounts as DECIMAL (any scale), DOUBLE, FLOAT, integer or text, exactly to the cent', () => {
    const dir = scratchDir();
    dir.write('book.csv', CSV);
    const a = loadScenario(dir.write('a.yaml', head('  policies: book.csv\n')));
    // account values as DOUBLE (500.5 is 500.50), maturity values as DECIMAL(38,4) in 16 bytes
    // (520.0000), surrender charge as FLOAT (0.02f reads back as "0.02")
    let columns = retype(bookColumns(), 'account_value', types.DOUBLE, (v) => Number(v as bigint) / 100);
    columns = retype(columns, 'maturity_value', { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 4 }, (v) => BigInt(Math.round((v as number) * 10_000)));
    columns = retype(columns, 'surrender_charge', { type: 'FLOAT' });
    writeFileSync(path.join(dir.dir, 'typed.parquet'), parquetBytes(columns));
    const b = loadScenario(dir.write('b.yaml', head('  policies: typed.parquet\n')));
    expect(b.model.groups).toEqual(a.model.groups);
    expect(b.policies?.accepted).toEqual(a.policies?.accepted);
    // dates and amounts as text, ids as integers
    columns = retype(bookColumns(), 'issue_date', types.STRING, (d) => new Date((d as number) * 86_400_000).toISOString().slice(0, 10));
    columns = retype(columns, 'account_value', types.STRING, (v) => (Number(v as bigint) / 100).toFixed(2));
    columns = retype(columns, 'policy_id', { type: 'INT64' }, (id) => BigInt(String(id).slice(1)));
    writeFileSync(path.join(dir.dir, 'text.parquet'), parquetBytes(columns));
    expect(loadScenario(dir.write('c.yaml', head('  policies: text.parquet\n'))).model.groups).toEqual(a.model.groups);
  });

  it('counts notified policies from a BOOLEAN column as from yes/no', () => {
    const dir = scratchDir();
    const notified = [true, false, null, true, false];
    writeFileSync(path.join(dir.dir, 'bool.parquet'), parquetBytes([...bookColumns(), { name: 'notified', element: { type: 'BOOLEAN' }, data: notified }]));
    dir.write('text.csv', CSV.replace('segment\n', 'segment,notified\n').replace(/\n(P\d.*)/g, (_, row: string) => `\n${row},${['yes', 'no', '', 'yes', 'no'][Number(row[1]) - 1]}`));
    const a = loadScenario(dir.write('a.yaml', head('  policies: bool.parquet\n')));
    const b = loadScenario(dir.write('b.yaml', head('  policies: text.csv\n')));
    expect(a.policies?.notified).toBe(2);
    expect(b.policies?.notified).toBe(2);
  });

  it('refuses a compression it cannot read, with a hint', () => {
    const dir = scratchDir();
    // pages that claim LZ4_RAW (stored as they are: the reader never gets that far)
    writeFileSync(path.join(dir.dir, 'lz4.parquet'), parquetBytes(bookColumns(), { codec: 'LZ4_RAW', compressors: { LZ4_RAW: (b) => b } }));
    const issues = issuesOf(dir.write('p.yaml', head('  policies: lz4.parquet\n')));
    expect(issues.map((i) => i.code)).toEqual(['parquet-unreadable']);
    expect(issues[0]).toMatchObject({ location: { file: 'lz4.parquet', line: 2, column: 1, columnName: 'policy_id' } });
    expect(issues[0].message).toContain('compression LZ4_RAW is not supported');
    expect(issues[0].hint).toContain('SNAPPY, ZSTD, GZIP, BROTLI');
  });

  it('writes decimals and floats as exact, shortest text', () => {
    expect(decimalText(15_234_017n, 2)).toBe('152340.17');
    expect(decimalText(5, 2)).toBe('0.05');
    expect(decimalText(-5, 2)).toBe('-0.05');
    expect(decimalText(12, 0)).toBe('12');
    expect(decimalText(2n ** 53n - 1n, 2)).toBe('90071992547409.91');
    expect(decimalText(2n ** 53n + 1n, 2)).toBe('90071992547409.93');
    expect(decimalText(-1_000_001, 6)).toBe('-1.000001');
    expect(decimalText(12, -2)).toBe('1200');
    // big-endian two's complement: 0xff 0x9c = -100
    expect(decimalText(new Uint8Array([0xff, 0x9c]), 2)).toBe('-1.00');
    // 2^63 + 1 cents: more than a double holds, kept digit for digit
    expect(decimalText(new Uint8Array([0, 0x80, 0, 0, 0, 0, 0, 0, 1]), 2)).toBe('92233720368547758.09');
    expect(floatText(Math.fround(0.1))).toBe('0.1');
    expect(floatText(Math.fround(152.17))).toBe('152.17');
    expect(floatText(Math.fround(16_777_217))).toBe('16777216');
  });

  it('refuses a damaged snappy page instead of looping on it', () => {
    // "abcd" as one literal, then the same as a copy of the 4 bytes before it: 8 bytes
    const good = Uint8Array.from([8, 0x0c, 97, 98, 99, 100, 0x01, 4]);
    expect(Buffer.from(snappyChecked(good, 8)).toString()).toBe('abcdabcd');
    // a literal with a 4-byte length whose top bit is set: hyparquet's decoder would step back for ever
    expect(() => snappyChecked(Uint8Array.from([8, 0xfc, 0xff, 0xff, 0xff, 0xff, 97, 98]), 8)).toThrow(/damaged snappy page/);
    expect(() => snappyChecked(Uint8Array.from([8, 0x0c, 97, 98, 99, 100, 0x01, 9]), 8)).toThrow(/copy from before the start/);
    expect(() => snappyChecked(good, 9)).toThrow(/8 bytes where the page header says 9/);
  });
});

describe('Parquet policy data quality', () => {
  // a good policy row, changed in one value by each case
  const ROW: Record<string, unknown> = { policy_id: 'P9', product: 'savings', issue_date: types.day('2015-01-01'), maturity_date: types.day('2020-02-01'), account_value: 10_000n, maturity_value: 100 };
  // the bad row is row 7 (the header is row 1, then five good rows); columns by name and position
  const cases: [string, Record<string, unknown>, string, string, number, string][] = [
    ['missing value', { ...ROW, product: null }, 'policy-missing-field', 'product', 2, '`product` is empty'],
    ['negative value', { ...ROW, account_value: -10_000n }, 'policy-negative-value', 'account_value', 5, '-100.00 is negative'],
    ['unknown product', { ...ROW, product: 'savngs' }, 'policy-unknown-product', 'product', 2, 'unknown product "savngs"'],
    ['duplicate policy id', { ...ROW, policy_id: 'P1' }, 'policy-duplicate-policy-id', 'policy_id', 1, 'first at book.parquet:row 2:policy_id'],
    ['maturity before issue', { ...ROW, issue_date: types.day('2021-01-01') }, 'policy-maturity-before-issue', 'maturity_date', 4, 'before its issue date 2021-01-01'],
    ['amount with more than 2 decimals', { ...ROW, maturity_value: 100.005 }, 'policy-unparsable-number', 'maturity_value', 6, '"100.005" is not an amount'],
  ];
  for (const [name, row, code, column, position, text] of cases) {
    it(`locates a ${name} at file:row N:column name`, () => {
      const dir = scratchDir();
      writeFileSync(path.join(dir.dir, 'book.parquet'), parquetBytes(withRow(bookColumns(), row)));
      const issues = issuesOf(dir.write('p.yaml', head('  policies: book.parquet\n')));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code, location: { file: 'book.parquet', line: 7, column: position, columnName: column } });
      expect(issues[0].message).toContain(`column \`${column}\``);
      expect(issues[0].message).toContain(text);
      expect(formatIssue(issues[0])).toMatch(new RegExp(`^book\\.parquet:row 7:${column}: liabilities\\.policies: `));
    });
  }

  it('locates an unparsable date in a text date column', () => {
    const dir = scratchDir();
    const columns = retype(bookColumns(), 'issue_date', types.STRING, (d) => new Date((d as number) * 86_400_000).toISOString().slice(0, 10));
    writeFileSync(path.join(dir.dir, 'book.parquet'), parquetBytes(withRow(columns, { ...ROW, issue_date: '2015-13-01' })));
    const issues = issuesOf(dir.write('p.yaml', head('  policies: book.parquet\n')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'policy-unparsable-date', location: { file: 'book.parquet', line: 7, column: 3, columnName: 'issue_date' } });
    expect(issues[0].message).toContain('"2015-13-01" is not a date');
  });

  it('refuses a DATE outside years 1 to 9999 as an unparsable date', () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir.dir, 'book.parquet'), parquetBytes(withRow(bookColumns(), { ...ROW, maturity_date: 2_932_897 })));
    const issues = issuesOf(dir.write('p.yaml', head('  policies: book.parquet\n')));
    expect(issues.map((i) => [i.code, i.location.line, i.location.columnName])).toEqual([['policy-unparsable-date', 7, 'maturity_date']]);
    expect(issues[0].message).toContain('"2932897" is not a date');
  });

  it('counts rows across row groups: a bad row in the fourth group of two is row 8', () => {
    const dir = scratchDir();
    const columns = withRow(withRow(bookColumns(), { ...ROW, policy_id: 'P6' }), { ...ROW, policy_id: 'P7', product: 'nope' });
    writeFileSync(path.join(dir.dir, 'book.parquet'), parquetBytes(columns, { rowGroupSize: 2 }));
    const issues = issuesOf(dir.write('p.yaml', head('  policies: book.parquet\n')));
    expect(issues.map((i) => [i.code, i.location.line, i.location.columnName])).toEqual([['policy-unknown-product', 8, 'product']]);
  });

  it('quarantines bad rows as CSV with the values as read, and the rejects file reads back', async () => {
    const dir = scratchDir();
    const columns = withRow(bookColumns(), { ...ROW, product: 'savngs', account_value: 10_025n, bank: 'Bank, "A"' });
    writeFileSync(path.join(dir.dir, 'book.parquet'), parquetBytes(columns));
    const file = dir.write('p.yaml', head('  policies: book.parquet\n  policies_rejects: rejects.csv\n'));
    const { results } = await runScenario(file, { threads: 1, paths: 4 });
    expect(results.meta.policies?.rejected).toMatchObject({ policies: 1, accountValue: 100.25, file: 'rejects.csv', byReason: { 'unknown-product': 1 } });
    expect(results.meta.policies?.accepted.policies).toBe(5);
    const rows: string[][] = [];
    readCsvRows(path.join(dir.dir, 'rejects.csv'), (r) => void rows.push(r.cells));
    expect(rows[0]).toEqual([...columns.map((c) => c.name), 'reject_reason']);
    expect(rows[1].slice(0, -1)).toEqual(['P9', 'savngs', '2015-01-01', '2020-02-01', '100.25', '100', '', '', 'Bank, "A"', '']);
    expect(rows[1].at(-1)).toMatch(/^book\.parquet:row 7:product: unknown product "savngs"/);
  });

  it('refuses a column of a type it does not take, at the header', () => {
    const dir = scratchDir();
    const columns = retype(bookColumns(), 'account_value', { type: 'BOOLEAN' }, () => true);
    writeFileSync(path.join(dir.dir, 'book.parquet'), parquetBytes(columns));
    const issues = issuesOf(dir.write('p.yaml', head('  policies: book.parquet\n')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'parquet-unreadable', location: { file: 'book.parquet', line: 1, column: 5, columnName: 'account_value' } });
    expect(issues[0].message).toContain('column `account_value` is a BOOLEAN; it takes a DECIMAL, a DOUBLE');
  });

  it('reports an unknown column by name at row 1, as for CSV', () => {
    const dir = scratchDir();
    const columns = [...bookColumns(), { name: 'colour', element: types.STRING, data: ['a', 'b', 'c', 'd', 'e'] }];
    writeFileSync(path.join(dir.dir, 'book.parquet'), parquetBytes(columns));
    const issues = issuesOf(dir.write('p.yaml', head('  policies: book.parquet\n')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'unknown-key', location: { line: 1, column: 11, columnName: 'colour' } });
  });

  it('gives a located error, never a stack trace, for a truncated or corrupt file', () => {
    const dir = scratchDir();
    const bytes = parquetBytes(bookColumns());
    const cases: [string, Buffer, RegExp][] = [
      ['cut.parquet', bytes.subarray(0, Math.floor(bytes.length / 2)), /^cut\.parquet: liabilities\.policies: Parquet file cannot be read: no Parquet footer/],
      ['tiny.parquet', bytes.subarray(0, 6), /^tiny\.parquet: .*6 bytes is too short/],
      ['footer.parquet', Buffer.concat([bytes.subarray(0, bytes.length - 8), Buffer.from([0xff, 0xff, 0xff, 0x0f]), Buffer.from('PAR1')]), /^footer\.parquet: .*the footer length \(268435455 bytes\) exceeds the file/],
    ];
    // the account_value chunk's bytes garbled: located at its row group and column
    const garbled = Buffer.from(bytes);
    const at = garbled.indexOf(Buffer.from('ICBC'));
    garbled.fill(0xee, 4, at - 200);
    cases.push(['garbled.parquet', garbled, /^garbled\.parquet:row 2:policy_id: liabilities\.policies: Parquet file cannot be read: row group 1 \(rows 2 to 6\), column `policy_id`: /]);
    for (const [name, content, pattern] of cases) {
      writeFileSync(path.join(dir.dir, name), content);
      const issues = issuesOf(dir.write(`${name}.yaml`, head(`  policies: ${name}\n`)));
      expect(issues.map((i) => i.code), name).toEqual(['parquet-unreadable']);
      const text = formatIssue(issues[0]);
      expect(text, name).toMatch(pattern);
      expect(text).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(path.join(dir.dir, 'cut.parquet')).length).toBeLessThan(bytes.length);
  });

  it('never throws on a damaged byte anywhere in the file: it reads, or says why not', () => {
    const dir = scratchDir();
    const bytes = parquetBytes(bookColumns());
    const file = dir.write('p.yaml', head('  policies: book.parquet\n'));
    const outcomes = new Set<string>();
    // every 5th byte set to 0xff (deterministic), each in its own copy of the file
    for (let i = 0; i < bytes.length; i += 5) {
      const damaged = Buffer.from(bytes);
      damaged[i] = damaged[i] === 0xff ? 0 : 0xff;
      writeFileSync(path.join(dir.dir, 'book.parquet'), damaged);
      try {
        loadScenario(file);
        outcomes.add('read');
      } catch (error) {
        const issues = (error as { issues?: { code: string; location: { file: string } }[] }).issues;
        expect(issues, `byte ${i}: ${String(error)}`).toBeDefined();
        // a changed value can also read as good data that the scenario then refuses (located in the YAML)
        for (const issue of issues ?? []) expect(issue.location.file === 'book.parquet' || issue.location.file === file, issue.location.file).toBe(true);
        outcomes.add(issues?.[0].code ?? '');
      }
    }
    expect(outcomes).toContain('parquet-unreadable');
    expect(outcomes).toContain('read');
  });
});
