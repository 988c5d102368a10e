/**
 * Reads a policy file row by row, synchronously, in bounded memory: 1 MiB chunks (gunzipped on
 * the way when the file starts with the gzip magic bytes), split into CSV rows. Only the current
 * chunk and the row being read are held; the file's SHA-256 (of its bytes as stored) is computed
 * on the way. The scenario layer is synchronous (loadScenario), so this is too.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import * as zlib from 'node:zlib';

const CHUNK = 1 << 20;

/** One CSV row: its 1-based line number, its text as stored (for the rejects file) and its cells. */
export interface CsvRow {
  readonly line: number;
  readonly text: string;
  readonly cells: string[];
  /** Where the cells start in `text` (1 past a byte-order mark on the first line). */
  readonly from: number;
}

/** 1-based column (character) of each cell's first character in the row's first line (worked out again: only bad rows need it). */
export function cellColumns(row: CsvRow): number[] {
  const split = splitRow(row.text, row.from, true);
  return 'cells' in split ? split.columns : [];
}

/** A row the reader could not split (an unclosed quote, text after a closing quote). */
export interface CsvSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly detail: string;
}

/** Incremental gunzip, synchronous: the zlib stream's own synchronous chunk step (what gunzipSync runs). */
interface SyncInflater {
  _processChunk(chunk: Buffer, flush: number): Buffer;
  /** null once the stream's end was reached (zlib closes it). */
  _handle: unknown;
}

/**
 * Calls `onRow` for every row (the header included) of a CSV file, plain or gzip. Blank lines are
 * skipped; a quoted cell may hold commas, `""` and line breaks.
 * @returns the file's SHA-256 (hex) and size in bytes, and a syntax error if a row could not be split
 */
export function readCsvRows(file: string, onRow: (row: CsvRow) => boolean | void): { sha256: string; bytes: number; error?: CsvSyntaxError } {
  return readCsv(file, onRow, undefined);
}

/**
 * One row read in place: its cells are ranges of `source` (trimmed), so reading it makes no string.
 * The object is reused for the next row: copy what must outlive the callback, or call `row()`.
 */
export interface CsvFields {
  readonly line: number;
  /** The text the cells are ranges of (the chunk being read, or the cells joined for a row read the slow way). */
  readonly source: string;
  readonly count: number;
  /** Cell k is `source.slice(starts[k], ends[k])`. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The row as `readCsvRows` gives it (text as stored, cells as strings): made on demand, for bad rows. */
  row(): CsvRow;
}

/**
 * `readCsvRows` without a string per row or cell: the common row (no quote, no space or
 * non-ASCII character at a cell's edge) is split in place by one scan of the text read; any other
 * row is read the `readCsvRows` way, so both give the same rows and cells (and errors).
 */
export function readCsvFields(file: string, onRow: (row: CsvFields) => boolean | void): { sha256: string; bytes: number; error?: CsvSyntaxError } {
  const view = new FieldsView();
  return readCsv(
    file,
    (row) => {
      view.fromRow(row);
      return onRow(view);
    },
    { view, onRow },
  );
}

/** Rows given as strings (a Parquet file's, a held row) seen as fields, through one view reused for each row. */
export function fieldsReader(): (row: CsvRow) => CsvFields {
  const view = new FieldsView();
  return (row) => {
    view.fromRow(row);
    return view;
  };
}

class FieldsView implements CsvFields {
  line = 0;
  source = '';
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  private rowStart = 0;
  private rowEnd = 0;
  private made: CsvRow | undefined;

  /** Starts a row read in place at `start` of `source`. */
  begin(source: string, line: number, start: number): void {
    this.source = source;
    this.line = line;
    this.rowStart = start;
    this.rowEnd = start;
    this.count = 0;
    this.made = undefined;
  }

  /** Where the row read in place ends (its line end excluded). */
  finish(end: number): void {
    this.rowEnd = end;
  }

  cell(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** A row read the slow way: its cells joined are the source. */
  fromRow(row: CsvRow): void {
    this.begin(row.cells.join(''), row.line, 0);
    let at = 0;
    for (const c of row.cells) {
      this.cell(at, at + c.length);
      at += c.length;
    }
    this.made = row;
  }

  row(): CsvRow {
    if (this.made === undefined) {
      const text = this.source.slice(this.rowStart, this.rowEnd);
      const split = splitRow(text, 0, false);
      this.made = { line: this.line, text, cells: 'cells' in split ? split.cells : [], from: 0 };
    }
    return this.made;
  }
}

/**
 * The reading loop of both readers: 1 MiB chunks, hashed, gunzipped when gzip, decoded, cut into
 * rows. With `inPlace`, rows without a quote are split by a scan of the text (cells as ranges,
 * checked to need no trimming) and the rest go to `onRow` as strings.
 */
function readCsv(
  file: string,
  onRow: (row: CsvRow) => boolean | void,
  inPlace: { view: FieldsView; onRow: (row: CsvFields) => boolean | void } | undefined,
): { sha256: string; bytes: number; error?: CsvSyntaxError } {
  const fd = openSync(file, 'r');
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK);
  const decoder = new StringDecoder('utf8');
  let inflater: SyncInflater | undefined;
  let first = true;
  let bytes = 0;
  let pending = '';
  let line = 1;
  let error: CsvSyntaxError | undefined;
  let stopped = false;
  // Rows are cut at line ends outside quotes; `pending` holds the unfinished tail of the text read.
  const consume = (text: string, last: boolean): void => {
    const data = pending + text;
    let start = 0;
    let quoteAt = -1; // the next double quote at or after `start` (data.length: none)
    for (;;) {
      if (stopped || error !== undefined) {
        pending = '';
        return;
      }
      if (inPlace !== undefined && line > 1) {
        // the common row, split in place (a row with a quote, or one that needs trimming, is
        // read the general way below)
        const end = data.indexOf('\n', start);
        if (end < 0) break;
        if (quoteAt < start) quoteAt = nextQuote(data, start);
        if (quoteAt > end && scanRow(data, start, end, line, inPlace.view)) {
          line++;
          start = end + 1;
          if (inPlace.view.count > 0 && inPlace.onRow(inPlace.view) === false) stopped = true;
          continue;
        }
      }
      let end = data.indexOf('\n', start);
      if (end < 0) break;
      let rowText = data.slice(start, end);
      const rowLine = line;
      if (rowText.indexOf('"') >= 0) {
        // a quoted line break: keep taking lines until the quotes balance
        while (quotesOpen(rowText)) {
          const next = data.indexOf('\n', end + 1);
          if (next < 0) break;
          end = next;
          rowText = data.slice(start, end);
        }
        if (quotesOpen(rowText)) break;
        line += countLines(rowText);
      }
      line++;
      start = end + 1;
      emit(rowText, rowLine);
    }
    pending = data.slice(start);
    if (last && pending.length > 0 && !quotesOpen(pending) && !stopped && error === undefined) {
      const rest = pending;
      pending = '';
      emit(rest, line);
    }
  };
  const emit = (raw: string, rowLine: number): boolean => {
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return true;
    const from = rowLine === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const split = splitRow(text, from, false);
    if ('detail' in split) {
      error = { line: rowLine + split.lineOffset, column: split.column, detail: split.detail };
      return false;
    }
    if (onRow({ line: rowLine, text, cells: split.cells, from }) === false) stopped = true;
    return !stopped;
  };
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      bytes += n;
      if (first) {
        first = false;
        if (n >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) inflater = zlib.createGunzip() as unknown as SyncInflater;
      }
      if (inflater !== undefined && inflater._handle === null) continue; // the gzip stream ended: the rest is only hashed
      const plain = inflater === undefined ? chunk : inflater._processChunk(Buffer.from(chunk), zlib.constants.Z_NO_FLUSH);
      if (!stopped && error === undefined) consume(decoder.write(plain), false);
    }
    const tail = inflater === undefined || inflater._handle === null ? Buffer.alloc(0) : inflater._processChunk(Buffer.alloc(0), zlib.constants.Z_FINISH);
    if (!stopped && error === undefined) consume(decoder.write(tail) + decoder.end(), true);
    if (!stopped && error === undefined && quotesOpen(pending)) error = { line, column: 1, detail: 'a quoted cell is not closed' };
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes, ...(error === undefined ? {} : { error }) };
}

/**
 * Splits the row from `start` to `end` (its line end) of `data` in place when it needs no trimming:
 * no cell starts or ends with a space, a control or a non-ASCII character (what trimming removes is
 * among those). The caller has checked that it holds no quote. Fills `view` (no cells: a blank line).
 * @returns false when the row must be read the general way
 */
function scanRow(data: string, start: number, end: number, line: number, view: FieldsView): boolean {
  view.begin(data, line, start);
  const last = end > start && data.charCodeAt(end - 1) === 13 ? end - 1 : end;
  if (last === start) return true;
  let cellStart = start;
  for (let comma = data.indexOf(',', start); comma >= 0 && comma < last; comma = data.indexOf(',', cellStart)) {
    if (!plainCell(data, cellStart, comma)) return false;
    view.cell(cellStart, comma);
    cellStart = comma + 1;
  }
  if (!plainCell(data, cellStart, last)) return false;
  view.cell(cellStart, last);
  view.finish(last);
  return true;
}

function nextQuote(data: string, from: number): number {
  const at = data.indexOf('"', from);
  return at < 0 ? data.length : at;
}

/** True when the cell's first and last characters are printable ASCII (nothing to trim). */
function plainCell(data: string, start: number, end: number): boolean {
  if (start === end) return true;
  const a = data.charCodeAt(start);
  const b = data.charCodeAt(end - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/** True when the text has an odd number of double quotes (a quoted cell still open). */
function quotesOpen(text: string): boolean {
  let open = false;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) open = !open;
  return open;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Splits one row (RFC 4180) into trimmed cells and their columns; the fast path (no quote) is a
 * plain split.
 */
export function splitRow(text: string, from = 0, withColumns = true): { cells: string[]; columns: number[] } | { detail: string; column: number; lineOffset: number } {
  const cells: string[] = [];
  const columns: number[] = [];
  if (text.indexOf('"') < 0) {
    // the common row: a native split; columns from the cells' lengths (spaces around a cell are rare)
    const raw = (from === 0 ? text : text.slice(from)).split(',');
    let column = from + 1;
    for (let i = 0; i < raw.length; i++) {
      const cell = raw[i];
      const first = cell.charCodeAt(0);
      const last = cell.charCodeAt(cell.length - 1);
      if (first === 32 || first === 9 || last === 32 || last === 9) {
        const trimmed = cell.trim();
        if (withColumns) columns.push(column + (trimmed === '' ? 0 : cell.indexOf(trimmed[0])));
        raw[i] = trimmed;
      } else if (withColumns) {
        columns.push(column);
      }
      column += cell.length + 1;
    }
    return { cells: raw, columns };
  }
  let i = from;
  let lineOffset = 0;
  let lineStart = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    columns.push(i - lineStart + 1);
    let value = '';
    if (text[i] === '"') {
      const at = i - lineStart + 1;
      i++;
      for (;;) {
        if (i >= text.length) return { detail: 'a quoted cell is not closed', column: at, lineOffset };
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === '\n') {
          lineOffset++;
          lineStart = i + 1;
        }
        value += text[i++];
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') return { detail: 'text after a closing quote', column: i - lineStart + 1, lineOffset };
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(i, end).trim();
      i = end;
    }
    cells.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    return { cells, columns };
  }
}

/** One CSV cell as written: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
