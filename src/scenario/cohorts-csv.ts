/**
 * Cohorts (model points) from a CSV file next to the scenario, the usual export of an actuarial
 * system. Rows become cohort mappings, each cell keeping its CSV line and column so a bad cell is
 * reported where it is.
 */
import type { InputIssue } from '../errors.js';
import { exactAmountValue } from './amounts.js';
import type { KeyPath, OriginMap, Position } from './locations.js';
import { issueAt, messages } from '../messages/catalogue.js';
import { splitRow } from './policy-reader.js';

export const CSV_COLUMNS = ['product', 'maturity_date', 'value', 'count', 'guaranteed_yield', 'maturity_value', 'surrender_charge', 'account_status', 'bank', 'segment'] as const;
const REQUIRED_COLUMNS = ['product', 'maturity_date', 'value', 'count'];
const AMOUNT_COLUMNS = new Set(['value', 'maturity_value']);
const NUMBER_COLUMNS = new Set(['count', 'guaranteed_yield', 'surrender_charge']);
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

interface Cell {
  readonly text: string;
  readonly at: Position;
}

interface Row {
  readonly line: number;
  readonly cells: Cell[];
}

/**
 * Splits CSV text (RFC 4180: commas, double quotes with "" escapes, quoted line breaks) into rows.
 * Blank lines and lines starting with `#` are skipped; cells are trimmed. The cells of a row are
 * read by the policy-file reader's `splitRow`, so cohort and policy files share one CSV dialect;
 * here a row is cut at the line end where its quotes close, and every cell is located.
 */
export function parseCsvRows(text: string, maxRows = Infinity): { rows: Row[]; error?: { at: Position; detail: string }; truncatedAt?: Position } {
  const rows: Row[] = [];
  // Without the byte-order mark, columns count from the first character a user sees.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  let line = 1;
  while (start < body.length) {
    const rowLine = line;
    let end = lineEnd(body, start);
    if (body[start] === '#') {
      start = end + 1;
      line++;
      continue;
    }
    let rowText = body.slice(start, end);
    let split = splitRow(withoutCr(rowText));
    // A quote still open at the line end: the row goes on to the next line.
    while ('detail' in split && end < body.length && oddQuotes(rowText)) {
      end = lineEnd(body, end + 1);
      rowText = body.slice(start, end);
      split = splitRow(withoutCr(rowText));
    }
    start = end + 1;
    line += countNewlines(rowText) + 1;
    if ('detail' in split) {
      // Still open at the end of the text: located at the quote that opens the cell (closing it finds it).
      const closed = end >= body.length && oddQuotes(rowText) ? splitRow(`${rowText}"`) : undefined;
      if (closed !== undefined && 'cells' in closed) return { rows, error: { at: cellPositions(rowLine, closed).at(-1)!, detail: split.detail } };
      return { rows, error: { at: { line: rowLine + split.lineOffset, column: split.column }, detail: split.detail } };
    }
    const at = cellPositions(rowLine, split);
    const cells = split.cells.map((cell, i) => ({ text: cell, at: at[i] }));
    if (cells.length === 1 && cells[0].text === '') continue;
    // The header plus maxRows data rows; one more row means too many: stop reading there.
    if (rows.length > maxRows) return { rows, truncatedAt: cells[0].at };
    rows.push({ line: rowLine, cells });
  }
  return { rows };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function withoutCr(row: string): string {
  return row.endsWith('\r') ? row.slice(0, -1) : row;
}

function oddQuotes(text: string): boolean {
  return (text.split('"').length - 1) % 2 === 1;
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}

/** Line and column of each cell: a cell after a quoted line break is on a later line than the row's first. */
function cellPositions(rowLine: number, split: { cells: string[]; columns: number[] }): Position[] {
  let line = rowLine;
  return split.cells.map((cell, i) => {
    const at = { line, column: split.columns[i] };
    line += countNewlines(cell);
    return at;
  });
}

/**
 * Reads cohort rows from CSV text and records each cell's origin.
 * @param file the CSV file name as shown in messages
 * @param at key path of the cohort list in the scenario; rows get indices from `firstIndex`
 * @returns cohort mappings (amount cells kept exact, numeric cells as numbers), or every problem found
 */
export function readCohortsCsv(
  file: string,
  text: string,
  at: KeyPath,
  firstIndex: number,
  origins: OriginMap,
  maxRows = Infinity,
): { cohorts: Record<string, unknown>[]; issues: InputIssue[] } {
  const { rows, error, truncatedAt } = parseCsvRows(text, maxRows);
  const issues: InputIssue[] = [];
  const located = (pos: Position) => ({ file, line: pos.line, column: pos.column });
  if (error !== undefined) return { cohorts: [], issues: [issueAt(located(error.at), at, messages.csvMalformed(error.detail))] };
  if (truncatedAt !== undefined) return { cohorts: [], issues: [issueAt(located(truncatedAt), at, messages.csvTooManyRows(maxRows))] };
  if (rows.length === 0) return { cohorts: [], issues: [issueAt({ file, line: 1, column: 1 }, at, messages.csvEmpty())] };

  const [header, ...data] = rows;
  const columns = header.cells.map((c) => c.text);
  // A file that is not a cohort CSV at all (a wrong path, a secrets file) is not quoted back.
  if (!columns.some((c) => (CSV_COLUMNS as readonly string[]).includes(c))) {
    return { cohorts: [], issues: [issueAt(located(header.cells[0].at), at, messages.csvNotCohorts())] };
  }
  header.cells.forEach((cell, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(cell.text)) issues.push(issueAt(located(cell.at), at, messages.csvUnknownColumn(cell.text, CSV_COLUMNS)));
    else if (columns.indexOf(cell.text) !== i) issues.push(issueAt(located(cell.at), at, messages.csvDuplicateColumn(cell.text)));
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) issues.push(issueAt(located(header.cells[0].at), at, messages.csvMissingColumn(required)));
  }
  if (!columns.includes('guaranteed_yield') && !columns.includes('maturity_value')) {
    issues.push(issueAt(located(header.cells[0].at), at, messages.csvMissingColumn('guaranteed_yield` or `maturity_value')));
  }
  if (issues.length > 0) return { cohorts: [], issues };

  const cohorts: Record<string, unknown>[] = [];
  for (const row of data) {
    if (row.cells.length !== columns.length) {
      issues.push(issueAt(located(row.cells[0].at), at, messages.csvCellCount(columns.length, row.cells.length)));
      continue;
    }
    const path = [...at, firstIndex + cohorts.length];
    origins.set(path, { file, value: row.cells[0].at });
    const cohort: Record<string, unknown> = {};
    row.cells.forEach((cell, i) => {
      const column = columns[i];
      origins.set([...path, column], { file, value: cell.at, source: cell.text });
      if (cell.text === '') return;
      cohort[column] = cellValue(column, cell.text);
    });
    cohorts.push(cohort);
  }
  return { cohorts, issues };
}

/** Numbers where the column holds numbers; amounts exact (a number only when that loses nothing). */
function cellValue(column: string, text: string): unknown {
  if (AMOUNT_COLUMNS.has(column)) return exactAmountValue(text);
  if (NUMBER_COLUMNS.has(column) && NUMBER_TEXT.test(text)) return Number(text);
  return text;
}
