/**
 * Property tests of the cohort CSV reader (src/scenario/cohorts-csv.ts), with fast-check: any rows
 * written as RFC 4180 CSV (cells with commas, quotes, line breaks, spaces, any Unicode; \n or \r\n line
 * ends; with or without a byte-order mark) read back to the same cells, each located at the line and
 * column where the writer put it; cohorts written as CSV read back to the same values; and a
 * malformed row (a wrong cell count, an unclosed quote, text after a closing quote) is reported at
 * its own line and column, whatever comes before it.
 *
 * The writer here is independent of the reader: it quotes a cell when it must (or always), and
 * records the UTF-16 offset of each cell's first character; lines and columns are counted from the
 * written text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRows, readCohortsCsv } from '../../src/scenario/cohorts-csv.js';
import { OriginMap } from '../../src/scenario/locations.js';

const RUNS = 300;

/** A cell's text: anything, with the characters CSV cares about made common. */
const cellText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', '\r', '\t', '#', '.', '-', '保', '险', 'é', '😀'), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

/** Rows of 2-6 cells (a row of one empty cell is a blank line, which the reader skips by design). */
const rowsArb = fc.array(fc.array(cellText, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 8 });

/** Whether a cell must be quoted to read back as written (unquoted cells are trimmed; `#` starts a comment line). */
function mustQuote(text: string, first: boolean): boolean {
  return /[",\n\r]/.test(text) || text !== text.trim() || text === '' || (first && text.startsWith('#'));
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** CSV text of the rows, and the offset in it of each cell's first character. */
function writeCsv(rows: string[][], options: { alwaysQuote: boolean; crlf: boolean; bom: boolean }): { text: string; offsets: number[][] } {
  let text = options.bom ? '\ufeff' : '';
  const offsets: number[][] = [];
  rows.forEach((row) => {
    const rowOffsets: number[] = [];
    row.forEach((cell, i) => {
      if (i > 0) text += ',';
      rowOffsets.push(text.length);
      text += options.alwaysQuote || mustQuote(cell, i === 0) ? quote(cell) : cell;
    });
    offsets.push(rowOffsets);
    text += options.crlf ? '\r\n' : '\n';
  });
  return { text, offsets };
}

/** Line and column (1-based, in UTF-16 units, a byte-order mark not counted) of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const bom = lineStart === 0 && text.startsWith('\ufeff') ? 1 : 0;
  return { line, column: offset - lineStart - bom + 1 };
}

describe('CSV rows: round trip', () => {
  it('any rows, quoted where needed, read back to the same cells at the written positions', () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), fc.boolean(), fc.boolean(), (rows, alwaysQuote, crlf, bom) => {
        const { text, offsets } = writeCsv(rows, { alwaysQuote, crlf, bom });
        const parsed = parseCsvRows(text);
        expect(parsed.error).toBeUndefined();
        expect(parsed.rows.map((r) => r.cells.map((c) => c.text))).toEqual(rows);
        parsed.rows.forEach((r, i) => {
          r.cells.forEach((c, j) => expect(c.at).toEqual(position(text, offsets[i][j])));
          expect(r.line).toBe(position(text, offsets[i][0]).line);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('blank lines and # comment lines between rows are skipped and do not shift positions', () => {
    fc.assert(
      fc.property(rowsArb, fc.array(fc.constantFrom('', '   ', '# a comment, with "quotes"'), { minLength: 1, maxLength: 3 }), (rows, fillers) => {
        const { text, offsets } = writeCsv(rows, { alwaysQuote: false, crlf: false, bom: false });
        // one filler line before each row
        const lines = text.split(/(?<=\n)/);
        let rebuilt = '';
        const shift: number[] = [];
        let rowIndex = 0;
        let consumed = 0;
        for (const piece of lines) {
          // a new row starts where the writer's next row offset is
          if (rowIndex < offsets.length && consumed === offsets[rowIndex][0]) {
            rebuilt += `${fillers[rowIndex % fillers.length]}\n`;
            shift[rowIndex] = rebuilt.length - consumed;
            rowIndex++;
          }
          rebuilt += piece;
          consumed += piece.length;
        }
        const parsed = parseCsvRows(rebuilt);
        expect(parsed.rows.map((r) => r.cells.map((c) => c.text))).toEqual(rows);
        parsed.rows.forEach((r, i) => expect(r.cells[0].at).toEqual(position(rebuilt, offsets[i][0] + shift[i])));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('cohort CSV: round trip', () => {
  const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const amount = fc.tuple(fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 99 })).map(([u, c]) => `${u}.${String(c).padStart(2, '0')}`);
  const cohort = fc.record({
    product: fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', '年', '金', '😀', '-'), minLength: 1, maxLength: 10 }).filter((s) => s.trim() === s && s !== ''),
    maturity_date: isoDate,
    value: amount,
    count: fc.integer({ min: 1, max: 1_000_000 }),
    guaranteed_yield: fc.integer({ min: 0, max: 600 }).map((bp) => bp / 10_000),
  });

  it('cohorts written as CSV read back to the same values, each cell located', () => {
    fc.assert(
      fc.property(fc.array(cohort, { minLength: 1, maxLength: 6 }), (cohorts) => {
        const columns = ['product', 'maturity_date', 'value', 'count', 'guaranteed_yield'] as const;
        const rows = [[...columns], ...cohorts.map((c) => columns.map((k) => String(c[k])))];
        const { text, offsets } = writeCsv(rows, { alwaysQuote: false, crlf: false, bom: false });
        const origins = new OriginMap();
        const read = readCohortsCsv('c.csv', text, ['liabilities', 'cohorts'], 3, origins);
        expect(read.issues).toEqual([]);
        expect(read.cohorts).toHaveLength(cohorts.length);
        read.cohorts.forEach((got, i) => {
          const want = cohorts[i];
          expect(got.product).toBe(want.product);
          expect(got.maturity_date).toBe(want.maturity_date);
          // amounts exact: the same decimal, trailing zeros aside (a number only where that loses nothing)
          expect(String(got.value)).toBe(want.value.replace(/\.?0+$/, ''));
          expect(got.count).toBe(want.count);
          expect(got.guaranteed_yield).toBe(want.guaranteed_yield);
          columns.forEach((k, j) => {
            const origin = origins.get(['liabilities', 'cohorts', 3 + i, k]);
            expect(origin?.value).toEqual(position(text, offsets[i + 1][j]));
          });
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('cohort CSV: malformed rows are located', () => {
  const HEADER = 'product,maturity_date,value,count,guaranteed_yield';
  const goodRow = fc.tuple(fc.constantFrom('A', '"B, with comma"', '"C ""quoted"""', '"年金\nline"'), fc.integer({ min: 1, max: 99 })).map(([p, n]) => `${p},2021-0${(n % 9) + 1}-01,${n}000.00,${n},0.03`);

  /** Line of the text's end (where a row appended next starts), 1-based. */
  const nextLine = (text: string) => text.split('\n').length;

  it('a row with the wrong number of cells: at its first cell, with the expected count', () => {
    fc.assert(
      fc.property(fc.array(goodRow, { maxLength: 5 }), fc.integer({ min: 1, max: 9 }).filter((n) => n !== 5), fc.array(goodRow, { maxLength: 3 }), (before, cells, after) => {
        const head = `${[HEADER, ...before].join('\n')}\n`;
        const bad = Array.from({ length: cells }, (_, i) => (i === 0 ? 'X' : String(i))).join(',');
        const text = `${head}${bad}\n${after.join('\n')}\n`;
        const read = readCohortsCsv('c.csv', text, ['liabilities', 'cohorts'], 0, new OriginMap());
        expect(read.issues).toHaveLength(1);
        expect(read.issues[0]).toMatchObject({ code: 'csv-syntax', location: { file: 'c.csv', line: nextLine(head), column: 1 }, found: String(cells) });
        // the good rows still read
        expect(read.cohorts).toHaveLength(before.length + after.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('an unclosed quote: at the cell where it opens', () => {
    fc.assert(
      fc.property(fc.array(goodRow, { maxLength: 5 }), fc.integer({ min: 0, max: 4 }), fc.string({ unit: fc.constantFrom('a', ',', '\n', ' '), maxLength: 10 }), (before, cell, tail) => {
        const head = `${[HEADER, ...before].join('\n')}\n`;
        const cells = ['P', '2021-01-01', '1.00', '1', '0.01'];
        const prefix = cells.slice(0, cell).map((c) => `${c},`).join('');
        const text = `${head}${prefix}"${tail.replace(/"/g, '')}`;
        const read = readCohortsCsv('c.csv', text, ['liabilities', 'cohorts'], 0, new OriginMap());
        expect(read.issues).toHaveLength(1);
        expect(read.issues[0]).toMatchObject({ code: 'csv-syntax', location: { line: nextLine(head), column: prefix.length + 1 } });
        expect(read.issues[0].message).toContain('not closed');
      }),
      { numRuns: RUNS },
    );
  });

  it('text after a closing quote: at that text', () => {
    fc.assert(
      fc.property(fc.array(goodRow, { maxLength: 5 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('x', 'é', '1'), (before, cell, junk) => {
        const head = `${[HEADER, ...before].join('\n')}\n`;
        const cells = ['P', '2021-01-01', '1.00', '1', '0.01'];
        const prefix = cells.slice(0, cell).map((c) => `${c},`).join('');
        const quoted = `"${cells[cell]}" ${junk}`;
        const text = `${head}${prefix}${quoted},${cells.slice(cell + 1).join(',')}\n`;
        const read = readCohortsCsv('c.csv', text, ['liabilities', 'cohorts'], 0, new OriginMap());
        expect(read.issues).toHaveLength(1);
        expect(read.issues[0]).toMatchObject({ code: 'csv-syntax', location: { line: nextLine(head), column: prefix.length + cells[cell].length + 4 } });
        expect(read.issues[0].message).toContain('after a closing quote');
      }),
      { numRuns: RUNS },
    );
  });
});
