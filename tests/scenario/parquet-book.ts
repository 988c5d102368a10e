/**
 * The small policy book of tests/scenario/policies.test.ts written as Parquet (by hyparquet-writer,
 * a devDependency), generated in the test, never committed: typed columns (DATE, DECIMAL, DOUBLE,
 * strings with nulls) so the reader's conversions are exercised.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';

/** A column: its name, its Parquet schema element (without the name) and its values (null: missing). */
export interface BookColumn {
  name: string;
  element: Record<string, unknown>;
  data: unknown[];
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const STRING = { type: 'BYTE_ARRAY', converted_type: 'UTF8' };
const DATE = { type: 'INT32', converted_type: 'DATE' };
const CENTS = { type: 'INT64', converted_type: 'DECIMAL', precision: 18, scale: 2 };
const DOUBLE = { type: 'DOUBLE' };

/**
 * The five policies of BOOK in policies.test.ts (P1..P5): account values as DECIMAL(18,2) cents,
 * maturity values as DOUBLE, dates as DATE, an empty account status as null.
 */
export function bookColumns(): BookColumn[] {
  return [
    { name: 'policy_id', element: STRING, data: ['P1', 'P2', 'P3', 'P4', 'P5'] },
    { name: 'product', element: STRING, data: ['savings', 'savings', 'savings', 'savings', 'annuity'] },
    { name: 'issue_date', element: DATE, data: ['2015-01-01', '2015-01-01', '2016-03-01', '2016-03-01', '2010-05-05'].map(day) },
    { name: 'maturity_date', element: DATE, data: ['2020-01-07', '2020-01-07', '2020-01-07', '2020-01-08', '2020-03-31'].map(day) },
    { name: 'account_value', element: CENTS, data: [100_000_000n, 900_000_000n, 200_000_000n, 600_000_000n, 50_050n] },
    { name: 'maturity_value', element: DOUBLE, data: [1_000_000, 9_000_000, 2_000_000, 6_000_000, 520] },
    { name: 'surrender_charge', element: DOUBLE, data: [null, null, null, null, 0.02] },
    { name: 'account_status', element: STRING, data: ['ok', 'ok', 'ok', 'known_bad', null] },
    { name: 'bank', element: STRING, data: ['ICBC', 'ICBC', 'ICBC', 'BOC', 'BOC'] },
    { name: 'segment', element: STRING, data: ['retail', 'retail', 'retail', 'retail', 'private'] },
  ];
}

/** Appends one row (values by column name; absent: null). */
export function withRow(columns: BookColumn[], row: Record<string, unknown>): BookColumn[] {
  return columns.map((c) => ({ ...c, data: [...c.data, row[c.name] ?? null] }));
}

/** Changes a column's schema element and values. */
export function retype(columns: BookColumn[], name: string, element: Record<string, unknown>, map: (v: unknown) => unknown = (v) => v): BookColumn[] {
  return columns.map((c) => (c.name === name ? { ...c, element, data: c.data.map(map) } : c));
}

export const types = { STRING, DATE, CENTS, DOUBLE, day };

/**
 * A zstd frame that stores `data` as one raw (uncompressed) block: valid zstd (RFC 8878) without a
 * zstd compressor, to exercise the reader's ZSTD pages. Up to 128 KiB.
 */
export function zstdStored(data: Uint8Array): Uint8Array {
  if (data.length > 128 * 1024) throw new RangeError('one raw block holds at most 128 KiB');
  // single segment; the content size in 1 byte (< 256) or 2 bytes (size - 256), then the block header
  const size = data.length < 256 ? [0x20, data.length] : [0x60, (data.length - 256) & 0xff, (data.length - 256) >> 8];
  const block = (data.length << 3) | 1; // last block, raw
  return Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, ...size, block & 0xff, (block >> 8) & 0xff, (block >> 16) & 0xff, ...data]);
}

/** The columns as a Parquet file's bytes (every column nullable). */
export function parquetBytes(columns: BookColumn[], options: { rowGroupSize?: number; codec?: string; compressors?: Record<string, (b: Uint8Array) => Uint8Array> } = {}): Buffer {
  const schema = [{ name: 'root', num_children: columns.length }, ...columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL', ...c.element }))];
  const buffer = parquetWriteBuffer({
    columnData: columns.map((c) => ({ name: c.name, data: c.data })),
    schema,
    ...options,
  } as Parameters<typeof parquetWriteBuffer>[0]);
  return Buffer.from(buffer);
}
