/**
 * Reads a Parquet policy file row by row, synchronously, one row group at a time: the footer is
 * decoded by hyparquet's `parquetMetadata`, then for each row group the policy columns' chunks are
 * read from the file (readSync) and decoded by hyparquet's column decoder (`readColumn`, synchronous;
 * hyparquet's documented entry points are asynchronous, this one is exported as
 * `hyparquet/src/column.js` and the version is pinned). Memory holds one row group's decoded
 * columns (the writer chooses its size: 122,880 rows for DuckDB, 100,000 for hyparquet-writer, up to
 * about a million for Arrow), never the whole file's. Each value becomes the text a CSV file would
 * hold, so the rows go through the same checks as a CSV file's: amounts exactly (a DECIMAL's
 * unscaled integer with its point placed, a DOUBLE's shortest round-trip decimal, so 0.1 is "0.1"),
 * dates as YYYY-MM-DD.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { parquetMetadata, parquetSchema, snappyUncompress } from 'hyparquet';
import type { Compressors, DecodedArray, FileMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import { parquetHeader, readColumn } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { isoDate } from '../dates.js';
import { csvCell } from './policy-reader.js';
import type { CsvRow } from './policy-reader.js';

/** The four bytes a Parquet file starts (and ends) with. */
const MAGIC = 'PAR1';
const CHUNK = 1 << 20;

/** A value kind as liqsim reads it (from the Parquet physical type and its logical annotation). */
export type ParquetKind = 'string' | 'integer' | 'float' | 'double' | 'decimal' | 'date' | 'boolean';

const AMOUNT: readonly ParquetKind[] = ['decimal', 'double', 'float', 'integer', 'string'];
const SHARE: readonly ParquetKind[] = ['decimal', 'double', 'float', 'integer', 'string'];
/** The kinds each policy column takes (a column not named here is refused by its name). */
const KINDS: Readonly<Record<string, readonly ParquetKind[]>> = {
  policy_id: ['string', 'integer'],
  product: ['string'],
  issue_date: ['date', 'string'],
  maturity_date: ['date', 'string'],
  account_value: AMOUNT,
  maturity_value: AMOUNT,
  guaranteed_yield: SHARE,
  surrender_charge: SHARE,
  account_status: ['string'],
  bank: ['string'],
  segment: ['string'],
  notified: ['string', 'boolean'],
};

/** Why a Parquet file could not be read: where (row, column name) when known, and what. */
export interface ParquetProblem {
  /** Row as counted for a CSV file with a header: the first data row is row 2. */
  readonly row?: number;
  readonly column?: { readonly name: string; readonly position: number };
  readonly detail: string;
  readonly hint?: string;
}

/** True when the file starts with the Parquet magic bytes (the extension is not trusted). */
export function isParquetFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * hyparquet's snappy decoder, after a walk of the stream that refuses what would make it loop or
 * write out of place: a literal whose 4-byte length reads as negative sends its position backwards
 * for ever. Linear, and cheap beside the decoding.
 */
export function snappyChecked(input: Uint8Array, outputLength: number): Uint8Array {
  const bad = (what: string) => new Error(`damaged snappy page: ${what}`);
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw bad('no length header');
    const b = input[pos++];
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  if (length !== outputLength) throw bad(`${length} bytes where the page header says ${outputLength}`);
  let out = 0;
  while (pos < input.length) {
    const tag = input[pos++];
    const kind = tag & 3;
    let len: number;
    if (kind === 0) {
      len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (pos + extra > input.length) throw bad('a literal length runs past the end');
        // little-endian, unsigned (hyparquet's signed reading of 4 bytes is what could go negative)
        len = (input[pos] | (extra > 1 ? input[pos + 1] << 8 : 0) | (extra > 2 ? input[pos + 2] << 16 : 0) | (extra > 3 ? input[pos + 3] << 24 : 0)) >>> 0;
        len += 1;
        pos += extra;
      }
      if (pos + len > input.length) throw bad('a literal runs past the end');
      pos += len;
    } else {
      const extra = kind === 1 ? 1 : kind === 2 ? 2 : 4;
      if (pos + extra > input.length) throw bad('a copy runs past the end');
      len = kind === 1 ? ((tag >>> 2) & 7) + 4 : (tag >>> 2) + 1;
      const offset =
        kind === 1 ? ((tag >>> 5) << 8) | input[pos] : kind === 2 ? input[pos] | (input[pos + 1] << 8) : (input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16) | (input[pos + 3] << 24)) >>> 0;
      pos += extra;
      if (offset === 0 || offset > out) throw bad('a copy from before the start');
    }
    out += len;
    if (out > outputLength) throw bad('more bytes than the page header says');
  }
  if (out !== outputLength) throw bad('fewer bytes than the page header says');
  const output = new Uint8Array(outputLength);
  snappyUncompress(input, output);
  return output;
}

/**
 * Page decompressors, all synchronous: snappy checked first, then hyparquet's; gzip and brotli by
 * Node's zlib; zstd (polars' default) by `fzstd`, pure JavaScript (Node's zlib has zstd only from 22.15).
 */
const COMPRESSORS: Compressors = {
  SNAPPY: snappyChecked,
  GZIP: (input) => zlib.gunzipSync(input),
  BROTLI: (input) => zlib.brotliDecompressSync(input),
  ZSTD: (input) => zstdDecompress(input),
};
const CODEC_HINT = 'write the file with SNAPPY, ZSTD, GZIP, BROTLI or no compression';

/** Dates stay epoch days (Parquet DATE counts days from 1970-01-01, as src/dates.ts does). */
const PARSERS = { ...DEFAULT_PARSERS, dateFromDays: (days: number) => days };

/** A Parquet row handed to the policy checks: its cells as CSV text; `text` (the CSV row) only when asked (the rejects file). */
class ParquetRow implements CsvRow {
  readonly from = 0;
  constructor(
    readonly line: number,
    readonly cells: string[],
  ) {}
  get text(): string {
    return this.cells.map(csvCell).join(',');
  }
}

/** The kind of a column, or why it is not taken. */
function kindOf(tree: SchemaTree): ParquetKind | string {
  const e = tree.element;
  if (tree.children.length > 0 || e.repetition_type === 'REPEATED') return 'a nested or repeated column (a list, map or group)';
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (converted === 'DECIMAL' || logical === 'DECIMAL') return 'decimal';
  if (converted === 'DATE' || logical === 'DATE') return 'date';
  if (converted === 'UTF8' || converted === 'ENUM' || logical === 'STRING' || logical === 'ENUM') return 'string';
  const plainInteger = logical === undefined || logical === 'INTEGER';
  const plainConverted = converted === undefined || /^U?INT_/.test(converted);
  if (!plainInteger || !plainConverted) return `${e.type} ${logical ?? converted}`;
  switch (e.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
      return 'integer';
    case 'FLOAT':
      return 'float';
    case 'DOUBLE':
      return 'double';
    case 'BYTE_ARRAY':
      return 'string';
    default:
      return String(e.type);
  }
}

const KIND_NAMES: Record<ParquetKind, string> = {
  string: 'a string',
  integer: 'an integer',
  float: 'a FLOAT',
  double: 'a DOUBLE',
  decimal: 'a DECIMAL',
  date: 'a DATE',
  boolean: 'a BOOLEAN',
};

/** The exact decimal text of a DECIMAL's unscaled integer (number, bigint or big-endian two's-complement bytes). */
export function decimalText(unscaled: unknown, scale: number): string {
  // the common case (cents in an INT64 or INT32) without BigInt: exact for safe integers
  if (scale > 0 && scale <= 15 && (typeof unscaled === 'number' || typeof unscaled === 'bigint')) {
    const x = Number(unscaled);
    if (Number.isSafeInteger(x)) {
      const a = Math.abs(x);
      const f = 10 ** scale;
      const frac = a % f;
      return `${x < 0 ? '-' : ''}${(a - frac) / f}.${String(frac).padStart(scale, '0')}`;
    }
  }
  let n: bigint;
  if (unscaled instanceof Uint8Array) {
    n = 0n;
    for (const byte of unscaled) n = (n << 8n) | BigInt(byte);
    if (unscaled.length > 0 && unscaled[0] >= 0x80) n -= 1n << BigInt(unscaled.length * 8);
  } else {
    n = BigInt(unscaled as number | bigint);
  }
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString();
  if (scale <= 0) return `${negative ? '-' : ''}${digits}${'0'.repeat(-scale)}`;
  digits = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The shortest decimal that reads back as the same 32-bit float (String() would show the double's digits: 0.10000000149011612). */
export function floatText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  for (let p = 1; p < 10; p++) {
    const n = Number(x.toPrecision(p));
    if (Math.fround(n) === x) return String(n);
  }
  return String(x);
}

/** Turns one column's decoded values into cell text; null (a missing value) is the empty cell. */
function textOf(kind: ParquetKind, element: SchemaElement): (v: unknown) => string {
  const dates = new Map<number, string>();
  switch (kind) {
    case 'string':
      return (v) => (v == null ? '' : (v as string));
    case 'integer':
    case 'double':
      // a double's String() is its shortest round-trip decimal: 152340.17 stays "152340.17"
      return (v) => (v == null ? '' : String(v));
    case 'float':
      return (v) => (v == null ? '' : floatText(v as number));
    case 'decimal': {
      const scale = element.scale ?? 0;
      return (v) => (v == null ? '' : decimalText(v, scale));
    }
    case 'date':
      return (v) => {
        if (v == null) return '';
        let t = dates.get(v as number);
        if (t === undefined) {
          // outside years 1 to 9999 the day number itself is shown (and refused as not a date)
          t = (v as number) >= -719_162 && (v as number) <= 2_932_896 ? isoDate(v as number) : String(v);
          if (dates.size < 100_000) dates.set(v as number, t);
        }
        return t;
      };
    case 'boolean':
      return (v) => (v == null ? '' : v ? 'yes' : 'no');
  }
}

/** The most bytes one page may claim to hold once decompressed (a guard against a damaged header). */
const MAX_PAGE = 512 << 20;

/**
 * Walks a column chunk's page headers before it is decoded: sizes inside the chunk, value counts
 * within the row group's rows, level lengths within the page. hyparquet trusts these; a damaged
 * header could make it allocate gigabytes or loop (found by the byte-by-byte test).
 * @returns what is wrong, or undefined
 */
function checkPages(view: DataView, rows: number): string | undefined {
  const reader = { view, offset: 0 };
  let seen = 0;
  while (reader.offset < view.byteLength - 1 && seen < rows) {
    const h = parquetHeader(reader);
    const size = h.compressed_page_size;
    const full = h.uncompressed_page_size;
    if (!Number.isInteger(size) || size < 0 || reader.offset + size > view.byteLength) return `a page claims ${size} bytes, beyond its column chunk`;
    if (!Number.isInteger(full) || full < 0 || full > MAX_PAGE) return `a page claims ${full} bytes once decompressed`;
    const count = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;
    if (h.type === 'DATA_PAGE') {
      const n = h.data_page_header?.num_values;
      if (!count(n, rows - seen)) return `a data page claims ${n} values where ${rows - seen} rows are left in the row group`;
      seen += n as number;
    } else if (h.type === 'DATA_PAGE_V2') {
      const d = h.data_page_header_v2;
      if (d === undefined || !count(d.num_rows, rows - seen) || !count(d.num_values, rows - seen) || !count(d.num_nulls, d.num_values)) return 'a data page (v2) claims more values than the row group has rows';
      const levels = d.definition_levels_byte_length + d.repetition_levels_byte_length;
      if (!count(d.definition_levels_byte_length, size) || !count(d.repetition_levels_byte_length, size) || levels > size || levels > full) return 'a data page (v2) claims levels longer than the page';
      seen += d.num_rows;
    } else if (h.type === 'DICTIONARY_PAGE') {
      const n = h.dictionary_page_header?.num_values;
      if (!count(n, full * 8 + 8)) return `a dictionary page claims ${n} values in ${full} bytes`;
    } else if (h.type !== 'INDEX_PAGE') {
      return `a page of unknown type (${String(h.type)})`;
    }
    reader.offset += size;
  }
  return undefined;
}

function readFully(fd: number, position: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, out, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? out : out.subarray(0, got);
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^parquet /, '');
}

/**
 * Calls `onRow` for the header (row 1: the column names) and then every row of a Parquet file; a
 * `false` from `onRow` stops. Only flat top-level columns are read.
 * @returns the file's SHA-256 (hex) and size in bytes, and why it could not be read, if so
 */
export function readParquetRows(file: string, onRow: (row: CsvRow) => boolean | void): { sha256: string; bytes: number; error?: ParquetProblem } {
  const fd = openSync(file, 'r');
  try {
    const bytes = fstatSync(fd).size;
    // the file's hash first, in 1 MiB reads (the row groups are read by range below)
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let at = 0; at < bytes; ) {
      const n = readSync(fd, buffer, 0, CHUNK, at);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      at += n;
    }
    const sha256 = hash.digest('hex');
    const fail = (error: ParquetProblem) => ({ sha256, bytes, error });
    const truncated = 'the file may have been cut short (copy it again) or is not a Parquet file';
    const damaged = 'the file is damaged (copy it again from its source) or uses a Parquet feature liqsim does not read; a CSV export reads the same';
    if (bytes < 12) return fail({ detail: `${bytes} bytes is too short for a Parquet file`, hint: truncated });
    const tail = readFully(fd, bytes - 8, 8);
    if (tail.toString('latin1', 4, 8) !== MAGIC) return fail({ detail: 'no Parquet footer at the end of the file', hint: truncated });
    const footerLength = tail.readUInt32LE(0);
    if (footerLength + 12 > bytes) return fail({ detail: `the footer length (${footerLength} bytes) exceeds the file`, hint: truncated });
    let metadata: FileMetaData;
    let schema: SchemaTree;
    try {
      metadata = parquetMetadata(readFully(fd, bytes - 8 - footerLength, footerLength + 8));
      schema = parquetSchema(metadata);
      if (!Array.isArray(metadata.row_groups) || schema.children.some((c) => typeof c.element?.name !== 'string')) throw new Error('no row groups or an unnamed column');
    } catch (e) {
      return fail({ detail: `the footer (the file's metadata) cannot be decoded: ${message(e)}`, hint: truncated });
    }
    const columns = schema.children;
    const names = columns.map((c) => c.element.name);
    if (onRow(new ParquetRow(1, names)) === false) return { sha256, bytes };
    const readers: ((v: unknown) => string)[] = [];
    const kinds = columns.map(kindOf);
    for (let j = 0; j < columns.length; j++) {
      const kind = kinds[j];
      const allowed = KINDS[names[j]];
      if (allowed !== undefined && !(allowed as readonly string[]).includes(kind)) {
        const what = kind in KIND_NAMES ? KIND_NAMES[kind as ParquetKind] : kind;
        return fail({ row: 1, column: { name: names[j], position: j + 1 }, detail: `column \`${names[j]}\` is ${what}; it takes ${allowed.map((k) => KIND_NAMES[k]).join(', ')}` });
      }
      readers.push(kind in KIND_NAMES ? textOf(kind as ParquetKind, columns[j].element) : () => '');
    }
    const dataEnd = bytes - 8 - footerLength;
    let groupStart = 0;
    for (let g = 0; g < metadata.row_groups.length; g++) {
      const group = metadata.row_groups[g];
      const rows = Number(group?.num_rows);
      if (!Number.isSafeInteger(rows) || rows < 0) return fail({ row: groupStart + 2, detail: `row group ${g + 1} claims ${String(group?.num_rows)} rows`, hint: damaged });
      const values: DecodedArray[] = [];
      for (let j = 0; j < columns.length; j++) {
        const where = { row: groupStart + 2, column: { name: names[j], position: j + 1 } };
        const at = `row group ${g + 1} (rows ${groupStart + 2} to ${groupStart + rows + 1}), column \`${names[j]}\``;
        // a damaged footer can decode to odd shapes: every field is checked before use
        const chunk = (Array.isArray(group?.columns) ? group.columns : []).find((c) => c?.meta_data?.path_in_schema?.length === 1 && c.meta_data.path_in_schema[0] === names[j]);
        const meta = chunk?.meta_data;
        if (chunk === undefined || meta === undefined) return fail({ ...where, detail: `${at}: no column chunk` });
        if (chunk.file_path !== undefined) return fail({ ...where, detail: `${at}: its data is in another file (${chunk.file_path})` });
        const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
        const length = Number(meta.total_compressed_size);
        if (start < 4 || start + length > dataEnd) return fail({ ...where, detail: `${at}: the column chunk lies outside the file's data`, hint: truncated });
        if (meta.codec !== 'UNCOMPRESSED' && meta.codec !== 'SNAPPY' && COMPRESSORS[meta.codec] === undefined) {
          return fail({ ...where, detail: `${at}: compression ${meta.codec} is not supported`, hint: CODEC_HINT });
        }
        const element = columns[j].element;
        const raw = kinds[j] === 'decimal';
        try {
          const bytesRead = readFully(fd, start, length);
          const view = new DataView(bytesRead.buffer, bytesRead.byteOffset, bytesRead.byteLength);
          const wrong = checkPages(view, rows);
          if (wrong !== undefined) return fail({ ...where, detail: `${at}: ${wrong}`, hint: damaged });
          const decoded = readColumn(
            { view, offset: 0 },
            { groupStart, groupRows: rows, selectStart: 0, selectEnd: rows },
            {
              pathInSchema: meta.path_in_schema,
              // a DECIMAL is read as its unscaled integer (hyparquet would divide it into a double)
              element: raw ? { ...element, converted_type: undefined, logical_type: undefined } : element,
              schemaPath: [schema, columns[j]],
              type: meta.type,
              codec: meta.codec,
              parsers: PARSERS,
              compressors: COMPRESSORS,
              utf8: !raw,
            },
          ).data;
          const all = decoded.length === 1 ? decoded[0] : decoded.flatMap((d) => Array.from(d as ArrayLike<unknown>));
          if (all.length !== rows) return fail({ ...where, detail: `${at}: ${all.length} values where the row group has ${rows} rows`, hint: truncated });
          values.push(all as DecodedArray);
        } catch (e) {
          return fail({ ...where, detail: `${at}: ${message(e)}`, hint: damaged });
        }
      }
      for (let r = 0; r < rows; r++) {
        const cells: string[] = new Array(columns.length);
        for (let j = 0; j < columns.length; j++) cells[j] = readers[j](values[j][r]);
        if (onRow(new ParquetRow(groupStart + r + 2, cells)) === false) return { sha256, bytes };
      }
      groupStart += rows;
    }
    return { sha256, bytes };
  } finally {
    closeSync(fd);
  }
}
