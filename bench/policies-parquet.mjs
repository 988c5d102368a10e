/**
 * The benchmark's policy book as Parquet (`node bench/policies.mjs --parquet`): the CSV book is read
 * row by row (liqsim's reader, from dist/) and written by hyparquet-writer (a devDependency) one row
 * group at a time, with the types an export would have: DATE dates, DECIMAL(18,2) amounts (their
 * cents as INT64), a DOUBLE surrender charge, strings for the rest; snappy pages (hyparquet-writer's
 * default, as DuckDB's, Arrow's and Spark's). The CSV is only read.
 */
import { join } from 'node:path';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';

const STRING = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' };
const DATE = { type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' };
const CENTS = { type: 'INT64', converted_type: 'DECIMAL', precision: 18, scale: 2, repetition_type: 'OPTIONAL' };
const DOUBLE = { type: 'DOUBLE', repetition_type: 'OPTIONAL' };
const TYPES = {
  issue_date: DATE,
  maturity_date: DATE,
  account_value: CENTS,
  maturity_value: CENTS,
  surrender_charge: DOUBLE,
  guaranteed_yield: DOUBLE,
};
const DAY = 86_400_000;

/** A cell as its typed value (an empty cell: null). */
function typed(element, text) {
  if (text === '') return null;
  if (element === DATE) return Date.parse(`${text}T00:00:00Z`) / DAY;
  if (element === CENTS) {
    const [units, frac = ''] = text.split('.');
    return BigInt(units) * 100n + BigInt(frac.padEnd(2, '0'));
  }
  if (element === DOUBLE) return Number(text);
  return text;
}

/**
 * Writes `parquet` from the policy CSV `csv`, `groupRows` rows a row group.
 * @returns the rows written
 */
export async function writeParquetBook(root, csv, parquet, groupRows = 122_880) {
  const { readCsvRows } = await import(join(root, 'dist/scenario/policy-reader.js'));
  let header;
  let elements;
  let columns;
  let writer;
  let rows = 0;
  // hyparquet-writer writes synchronously when no compressor is asynchronous (snappy is not)
  const flush = () => {
    if (columns[0].length === 0) return;
    const r = writer.write({ columnData: header.map((name, j) => ({ name, data: columns[j] })), rowGroupSize: groupRows });
    if (r !== undefined) throw new Error('hyparquet-writer wrote asynchronously');
    columns = header.map(() => []);
  };
  readCsvRows(csv, (row) => {
    if (header === undefined) {
      header = row.cells;
      elements = header.map((name) => TYPES[name] ?? STRING);
      columns = header.map(() => []);
      writer = new ParquetWriter({ writer: fileWriter(parquet), schema: [{ name: 'root', num_children: header.length }, ...header.map((name, j) => ({ name, ...elements[j] }))] });
      return;
    }
    for (let j = 0; j < header.length; j++) columns[j].push(typed(elements[j], row.cells[j]));
    rows++;
    if (columns[0].length === groupRows) flush();
  });
  flush();
  await writer.finish();
  return rows;
}
