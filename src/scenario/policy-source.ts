/**
 * Where policy rows come from: a CSV file (plain or gzip, ./policy-reader.ts) or a Parquet file
 * (./policy-parquet.ts), told apart by the file's first bytes, not its name. Both hand the checks
 * (./policies.ts) the same rows: the header's cells, then each row's cells as text; they differ only
 * in how a cell is located (line and character column in a CSV file; row and column name in Parquet).
 */
import type { SourceLocation } from '../errors.js';
import { messages } from '../messages/catalogue.js';
import type { Problem } from '../messages/catalogue.js';
import { isParquetFile, readParquetRows } from './policy-parquet.js';
import { cellColumns, fieldsReader, readCsvFields } from './policy-reader.js';
import type { CsvFields, CsvRow } from './policy-reader.js';

/** A location inside a policy file (the file's name is added by the caller). */
export type RowLocation = Omit<SourceLocation, 'file'>;

export interface PolicyRowSource {
  readonly format: 'csv' | 'parquet';
  /** Calls `onRow` for the header, then each row (a view reused for the next row); `false` stops. */
  read(onRow: (row: CsvFields) => boolean | void): { sha256: string; bytes: number; error?: { at: RowLocation; problem: Problem } };
  /** Where cell `cell` of `row` is (cell -1: the row itself). */
  locate(row: CsvRow, cell: number): RowLocation;
}

export function policyRowSource(path: string): PolicyRowSource {
  if (isParquetFile(path)) {
    let names: readonly string[] = [];
    return {
      format: 'parquet',
      read(onRow) {
        let header = true;
        const asFields = fieldsReader();
        const r = readParquetRows(path, (row) => {
          if (header) {
            header = false;
            names = row.cells;
          }
          return onRow(asFields(row));
        });
        if (r.error === undefined) return { sha256: r.sha256, bytes: r.bytes };
        const { row, column, detail, hint } = r.error;
        const at: RowLocation = row === undefined ? {} : column === undefined ? { line: row } : { line: row, column: column.position, columnName: column.name };
        return { sha256: r.sha256, bytes: r.bytes, error: { at, problem: messages.parquetUnreadable(detail, hint) } };
      },
      locate(row, cell) {
        return cell < 0 || names[cell] === undefined ? { line: row.line } : { line: row.line, column: cell + 1, columnName: names[cell] };
      },
    };
  }
  return {
    format: 'csv',
    read(onRow) {
      const r = readCsvFields(path, onRow);
      if (r.error === undefined) return { sha256: r.sha256, bytes: r.bytes };
      return { sha256: r.sha256, bytes: r.bytes, error: { at: { line: r.error.line, column: r.error.column }, problem: messages.csvMalformed(r.error.detail) } };
    },
    locate(row, cell) {
      return { line: row.line, column: cell < 0 ? 1 : (cellColumns(row)[cell] ?? 1) };
    },
  };
}
