/**
 * Policy files (`liabilities.policies`): one row per policy, checked row by row and compressed to
 * cohorts (model points) as they are read, so memory holds the groups, not the rows
 * (docs/model.md, "Policy files and compression"). Each cohort gathers the policies with the same
 * product, maturity date, payout-size band (the transfers a maturity and a surrender payout need
 * under every per-transfer limit value), surrender charge, account status, bank and segment; its
 * counts and sums are exact (integer cents). Bad rows are located (file:row:column, column name);
 * with a rejects file they are quarantined there (the row as written plus the reason) and the run
 * goes on with the rest.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import * as z from 'zod';
import { formatLocation } from '../errors.js';
import type { InputIssue, SourceLocation } from '../errors.js';
import { transfersFor } from './transfers.js';
import { IMPLIED_YIELD_MAX, IMPLIED_YIELD_MIN } from './schema.js';
import { isoDate as formatIsoDate, parseIsoDate } from '../dates.js';
import type { EpochDay } from '../dates.js';
import { formatCents, grownAtYield, parseAmount, plainCents, MAX_CENTS } from './amounts.js';
import type { KeyPath } from './locations.js';
import { issueAt, messages } from '../messages/catalogue.js';
import { csvCell, fieldsReader } from './policy-reader.js';
import type { CsvFields, CsvRow } from './policy-reader.js';
import { policyRowSource } from './policy-source.js';
import type { RowLocation } from './policy-source.js';

/** The columns of a policy file, by header name (docs/scenario-format.md, "Policy files"). */
export const POLICY_COLUMNS = [
  'policy_id',
  'product',
  'issue_date',
  'maturity_date',
  'account_value',
  'maturity_value',
  'guaranteed_yield',
  'surrender_charge',
  'account_status',
  'bank',
  'segment',
  'notified',
] as const;
type Column = (typeof POLICY_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['policy_id', 'product', 'issue_date', 'maturity_date', 'account_value'];

/** Why a row was rejected: one code per data-quality class. */
export type RejectReason =
  | 'missing-field'
  | 'negative-value'
  | 'unparsable-number'
  | 'unknown-product'
  | 'unparsable-date'
  | 'maturity-before-issue'
  | 'matured-before-start'
  | 'duplicate-policy-id'
  | 'invalid-value'
  | 'cell-count';

/** What the compression needs from the scenario. */
export interface PolicyTerms {
  /** Surrender charge of each product (a policy's own charge, when given, wins). */
  readonly products: ReadonlyMap<string, number>;
  readonly start: EpochDay;
  /** Per-transfer limit values (cents), ascending: the band edges are their multiples. */
  readonly bandLimits: readonly number[];
}

/** One compressed cohort: exact sums in cents. */
export interface PolicyCohort {
  readonly product: string;
  readonly maturityDay: EpochDay;
  /** Transfers one maturity / surrender payout needs under each limit value (the band). */
  readonly maturityTransfers: readonly number[];
  readonly surrenderTransfers: readonly number[];
  readonly surrenderCharge: number | undefined;
  readonly knownBad: boolean;
  readonly bank: string | undefined;
  readonly segment: string | undefined;
  count: number;
  value: number;
  due: number;
  notified: number;
}

/** What the results carry about the policy files (never the rows): see docs/results.md. */
export const policyBookSchema = z.object({
  files: z.array(z.object({ file: z.string(), sha256: z.string(), bytes: z.number().int().nonnegative(), rows: z.number().int().nonnegative() })),
  /** Rows read (headers excluded), accepted into cohorts and rejected; amounts are account values, currency units. */
  rows: z.number().int().nonnegative(),
  accepted: z.object({ policies: z.number().int().nonnegative(), accountValue: z.number(), maturityValue: z.number() }),
  rejected: z.object({ policies: z.number().int().nonnegative(), accountValue: z.number(), byReason: z.record(z.string(), z.number()), file: z.string().optional() }),
  cohorts: z.number().int().nonnegative(),
  /** Per-transfer limit values (currency units) the bands are cut at. */
  bandLimits: z.array(z.number()),
  byProductMonth: z.array(z.object({ product: z.string(), month: z.string(), policies: z.number().int(), accountValue: z.number(), maturityValue: z.number() })),
  /** Maturity payouts by size band: transfers one payout needs under each limit value. */
  bySize: z.array(z.object({ transfers: z.array(z.number().int()), policies: z.number().int(), maturityValue: z.number() })),
  knownBad: z.object({ policies: z.number().int().nonnegative(), accountValue: z.number() }),
  byBank: z.array(z.object({ bank: z.string(), policies: z.number().int(), accountValue: z.number() })),
  notified: z.number().int().nonnegative(),
});
export type PolicyBook = z.infer<typeof policyBookSchema>;

export interface PolicyRead {
  cohorts: PolicyCohort[];
  book: PolicyBook;
  issues: InputIssue[];
  /** Rejected-row notices (with a rejects file). */
  notices: InputIssue[];
  /** Bad rows found beyond the `maxIssues` listed (counted in the "and K more" line). */
  more: number;
}

interface Problem {
  reason: RejectReason;
  column: Column | undefined;
  message: string;
}

/**
 * Reads and compresses policy files. Without `rejectsFile` every bad row is a problem (the first
 * `maxIssues` located, then "and K more"); with it bad rows go there and the rest runs.
 * @param files the files as named (shown in messages) and their paths
 */
export function readPolicies(
  files: readonly { named: string; path: string }[],
  terms: PolicyTerms,
  at: KeyPath,
  maxIssues: number,
  rejectsFile?: { named: string; path: string },
): PolicyRead {
  const ids = new IdSet();
  // rows whose id's fingerprint was seen before: a duplicate, or (rarely) another id with the same fingerprint
  const held: { file: number; row: CsvRow }[] = [];
  const issues: InputIssue[] = [];
  let moreIssues = 0;
  const rejected = { policies: 0, accountValue: 0, byReason: {} as Record<string, number> };
  const book: PolicyBook = {
    files: [],
    rows: 0,
    accepted: { policies: 0, accountValue: 0, maturityValue: 0 },
    rejected,
    cohorts: 0,
    bandLimits: terms.bandLimits.map((l) => l / 100),
    byProductMonth: [],
    bySize: [],
    knownBad: { policies: 0, accountValue: 0 },
    byBank: [],
    notified: 0,
  };
  let rejectsFd: number | undefined;
  let rejectsHeader: string | undefined;
  let rejectsFailed = false;
  // Writes to the rejects file, opened (emptied) on first use; a header line before the rows of each header.
  const writeRejects = (headerText: string, line?: string) => {
    if (rejectsFile === undefined || rejectsFailed) return;
    try {
      if (rejectsFd === undefined) rejectsFd = openSync(rejectsFile.path, 'w');
      if (rejectsHeader !== headerText) {
        rejectsHeader = headerText;
        writeSync(rejectsFd, `${headerText},reject_reason\n`);
      }
      if (line !== undefined) writeSync(rejectsFd, line);
    } catch (error) {
      rejectsFailed = true;
      const reason = error instanceof Error ? error.message : String(error);
      issues.push(issueAt({ file: rejectsFile.named, line: 1, column: 1 }, at, messages.rejectsUnusable(rejectsFile.named, reason, 'file-not-found')));
    }
  };
  const context = rowContext(terms, ids, book);
  const states: { header: string[]; index: Positions; headerText: string }[] = [];
  // CSV or Parquet, told by the first bytes; both give rows of cells, located in their own way
  const sources = files.map((f) => policyRowSource(f.path));
  const located = (file: number, where: RowLocation): SourceLocation => ({ file: files[file].named, ...where });
  const reject = (file: number, row: CsvRow, problem: Problem) => {
    const { index, headerText } = states[file];
    rejected.policies++;
    rejected.byReason[problem.reason] = (rejected.byReason[problem.reason] ?? 0) + 1;
    const value = parseAmount(index.account_value < 0 ? '' : (row.cells[index.account_value] ?? ''));
    if (value.ok) rejected.accountValue += value.cents;
    const where = located(file, sources[file].locate(row, problem.column === undefined ? -1 : Math.max(0, index[problem.column])));
    if (rejectsFile !== undefined) {
      writeRejects(headerText, `${row.text},${csvCell(`${formatLocation(where)}: ${problem.message}`)}\n`);
    } else if (issues.length < maxIssues) {
      issues.push(issueAt(where, at, messages.policyRow(`policy-${problem.reason}` as const, problem.column, problem.message)));
    } else {
      moreIssues++;
    }
  };
  try {
    files.forEach((f, file) => {
      let rows = 0;
      const read = sources[file].read((fields) => {
        const state = states[file];
        if (state === undefined) {
          const row = fields.row();
          const problems = checkHeader(row.cells);
          for (const p of problems) issues.push(issueAt(located(file, sources[file].locate(row, p.cell)), at, p.problem));
          states[file] = { header: row.cells, index: positions(row.cells), headerText: row.text };
          return problems.length === 0;
        }
        rows++;
        const problem = checkRow(fields, state.header.length, state.index, context);
        if (problem === HELD) held.push({ file, row: fields.row() });
        else if (problem !== undefined) reject(file, fields.row(), problem);
      });
      if (read.error !== undefined) issues.push(issueAt(located(file, read.error.at), at, read.error.problem));
      // a Parquet file that could not be read has no header to speak of; a CSV file without rows has none
      if (states[file] === undefined && (read.error === undefined || sources[file].format === 'csv')) issues.push(issueAt(located(file, { line: 1, column: 1 }), at, messages.csvEmpty()));
      book.files.push({ file: f.named, sha256: read.sha256, bytes: read.bytes, rows });
      book.rows += rows;
    });
    // Exact duplicates: a second pass finds where each held id first appears (only the held ids
    // are kept); a held row is a duplicate when its id appeared before it, else it is a policy.
    if (held.length > 0) {
      const wanted = new Set(held.map((h) => h.row.cells[states[h.file].index.policy_id]));
      // the held ids' fingerprints: only a row whose id matches one makes a string of its id
      const candidates = new IdSet();
      for (const id of wanted) candidates.add(id, 0, id.length);
      const first = new Map<string, { file: number; line: number }>();
      files.forEach((_, file) => {
        if (states[file] === undefined) return;
        const { index } = states[file];
        let header = true;
        sources[file].read((row) => {
          if (header) return void (header = false);
          const k = index.policy_id;
          if (k >= row.count || !candidates.has(row.source, row.starts[k], row.ends[k])) return;
          const id = row.source.slice(row.starts[k], row.ends[k]);
          if (wanted.has(id) && !first.has(id)) first.set(id, { file, line: row.line });
        });
      });
      const asFields = fieldsReader();
      for (const { file, row } of held) {
        const { index, header } = states[file];
        const id = row.cells[index.policy_id];
        const seen = first.get(id);
        if (seen !== undefined && (seen.file < file || (seen.file === file && seen.line < row.line))) {
          const firstAt = formatLocation({ file: files[seen.file].named, line: seen.line, ...(sources[seen.file].format === 'parquet' ? { columnName: 'policy_id' } : {}) });
          reject(file, row, bad('duplicate-policy-id', 'policy_id', `policy id ${JSON.stringify(id)} appears again (first at ${firstAt})`));
        } else {
          const problem = checkRow(asFields(row), header.length, index, context, true);
          if (problem !== undefined && problem !== HELD) reject(file, row, problem);
        }
      }
    }
    // no bad row: the rejects file is still written (the header alone), so none from an earlier run stays
    if (rejectsFd === undefined && states[0] !== undefined && issues.length === 0) writeRejects(states[0].headerText);
  } finally {
    if (rejectsFd !== undefined) closeSync(rejectsFd);
  }
  const list = sortedCohorts(context);
  if (book.accepted.accountValue > MAX_CENTS || book.accepted.maturityValue > MAX_CENTS) {
    issues.push(issueAt({ file: files[0].named, line: 1, column: 1 }, at, messages.amountTooLarge('the sum of the policy file')));
  }
  summarise(book, list);
  book.rejected.accountValue = rejected.accountValue / 100;
  if (rejectsFile !== undefined) book.rejected.file = rejectsFile.named;
  const notices: InputIssue[] =
    rejectsFile !== undefined && rejected.policies > 0
      ? [issueAt({ file: files[0].named, line: 1, column: 1 }, at, messages.policiesRejected(rejected.policies, rejectsFile.named))]
      : [];
  return { cohorts: list, book, issues, notices, more: moreIssues };
}


function checkHeader(cells: readonly string[]): { cell: number; problem: ReturnType<typeof messages.csvMissingColumn> }[] {
  const out: { cell: number; problem: ReturnType<typeof messages.csvMissingColumn> }[] = [];
  cells.forEach((c, i) => {
    if (!(POLICY_COLUMNS as readonly string[]).includes(c)) out.push({ cell: i, problem: messages.csvUnknownColumn(c, POLICY_COLUMNS) });
    else if (cells.indexOf(c) !== i) out.push({ cell: i, problem: messages.csvDuplicateColumn(c) });
  });
  for (const r of REQUIRED) if (!cells.includes(r)) out.push({ cell: 0, problem: messages.csvMissingColumn(r) });
  if (!cells.includes('maturity_value') && !cells.includes('guaranteed_yield')) out.push({ cell: 0, problem: messages.csvMissingColumn('maturity_value` or `guaranteed_yield') });
  return out;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** checkRow's answer for a row whose id's fingerprint was seen before (readPolicies decides). */
const HELD = Symbol('held');

/**
 * The policy ids seen, as 64-bit fingerprints (two 32-bit hashes of the id's characters) in an
 * open-addressing table: 16 bytes a slot at most half full, so 6M ids take about 200 MB where a
 * Set of the strings took several times that. A fingerprint seen before is only a candidate: the
 * caller confirms duplicates exactly (readPolicies' second pass). Ids are read in place (a range
 * of the text read), so no string is made per row.
 */
class IdSet {
  /** Slot i: the fingerprint's two halves at 2i and 2i + 1 (one cache line for both). */
  private slots = new Uint32Array(2 << 16);
  private used = 0;
  private h1 = 0;
  private h2 = 0;

  /** Adds the fingerprint of the id `text.slice(start, end)`; false when it was there already. */
  add(text: string, start: number, end: number): boolean {
    this.fingerprint(text, start, end);
    if (this.used * 4 >= this.slots.length) this.grow();
    return this.insert(this.h1, this.h2);
  }

  /** True when the fingerprint of the id `text.slice(start, end)` is in the set. */
  has(text: string, start: number, end: number): boolean {
    this.fingerprint(text, start, end);
    const { h1, h2, slots } = this;
    const mask = (slots.length >>> 1) - 1;
    for (let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask; slots[2 * i + 1] !== 0; i = (i + 1) & mask) {
      if (slots[2 * i + 1] === h2 && slots[2 * i] === h1) return true;
    }
    return false;
  }

  private fingerprint(text: string, start: number, end: number): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    this.h1 = (h1 ^ (end - start)) >>> 0;
    this.h2 = (h2 | 1) >>> 0; // never 0: 0 marks an empty slot
  }

  private insert(h1: number, h2: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    for (let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (slots[2 * i + 1] === 0) {
        slots[2 * i] = h1;
        slots[2 * i + 1] = h2;
        this.used++;
        return true;
      }
      if (slots[2 * i + 1] === h2 && slots[2 * i] === h1) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.used = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.insert(old[i], old[i + 1]);
  }
}

/**
 * The distinct texts of one column (products, surrender charges, banks, segments), numbered as
 * first seen, each with what it means (`meaning`, worked out once per text). A cell is matched in
 * place (no string made per row): a few of its characters pick the text it last matched, which is
 * then compared whole; otherwise the texts known are searched (while few; then a Map of the text).
 */
class ColumnTexts<T> {
  readonly texts: string[] = [];
  readonly meanings: T[] = [];
  private readonly numbers = new Map<string, number>();
  /** The number of the text last matched by a cell with this signature (-1: none). */
  private readonly bySignature = new Int32Array(256).fill(-1);

  constructor(private readonly meaning: (text: string) => T) {}

  /** The number of the text `source.slice(start, end)`. */
  numberOf(source: string, start: number, end: number): number {
    const length = end - start;
    const signature =
      length === 0
        ? 0
        : (length * 7 + source.charCodeAt(start) * 3 + source.charCodeAt(end - 1) * 5 + source.charCodeAt(start + (length >> 1)) + source.charCodeAt(end - (length > 1 ? 2 : 1)) * 11) & 255;
    const last = this.bySignature[signature];
    if (last >= 0 && isText(source, start, end, this.texts[last])) return last;
    const k = this.find(source, start, end);
    this.bySignature[signature] = k;
    return k;
  }

  private find(source: string, start: number, end: number): number {
    const texts = this.texts;
    if (texts.length <= 16) {
      for (let k = 0; k < texts.length; k++) if (isText(source, start, end, texts[k])) return k;
      return this.add(source.slice(start, end));
    }
    const text = source.slice(start, end);
    return this.numbers.get(text) ?? this.add(text);
  }

  private add(text: string): number {
    this.texts.push(text);
    this.meanings.push(this.meaning(text));
    this.numbers.set(text, this.texts.length - 1);
    return this.texts.length - 1;
  }
}

/**
 * The cohorts' numbers by grouping key: the policy's grouping attributes as numbers (`KEY` below).
 * A hash of the key finds the candidates (open addressing) and the key is then compared whole, so
 * two policies share a cohort exactly when every attribute is equal, whatever the hash gives (a
 * collision costs time only).
 */
export class CohortTable {
  /** Cohort number + 1 in each slot (0: empty); at most half the slots are used. */
  private slots = new Int32Array(1 << 12);
  /** The keys, cohort after cohort (`width` numbers each). */
  private keys: Float64Array;
  private count = 0;

  /**
   * @param width numbers in a key
   * @param hashOf any function of the key to an integer (tests give a constant one: everything collides)
   */
  constructor(
    private readonly width: number,
    private readonly hashOf: (key: Float64Array) => number = keyHash,
  ) {
    this.keys = new Float64Array(width * 1024);
  }

  get size(): number {
    return this.count;
  }

  /** The number of the cohort of `key` (equal in every element), new when no key was equal (0, 1, 2, ...). */
  numberOf(key: Float64Array): number {
    const { slots, keys, width } = this;
    const mask = slots.length - 1;
    let i = this.hashOf(key) & mask;
    for (; slots[i] !== 0; i = (i + 1) & mask) {
      const at = (slots[i] - 1) * width;
      let k = 0;
      while (k < width && keys[at + k] === key[k]) k++;
      if (k === width) return slots[i] - 1;
    }
    const n = this.count++;
    if ((n + 1) * width > keys.length) {
      this.keys = new Float64Array(keys.length * 2);
      this.keys.set(keys);
    }
    this.keys.set(key, n * width);
    slots[i] = n + 1;
    if (this.count * 2 > slots.length) this.grow();
    return n;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let n = 0; n < this.count; n++) {
      let i = this.hashOf(this.keys.subarray(n * this.width, (n + 1) * this.width)) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = n + 1;
    }
  }
}

/** A hash of a key's numbers (whole numbers: their low 32 bits, and the high ones when there are any). */
function keyHash(key: Float64Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    const x = key[i];
    const low = x | 0;
    h = Math.imul(h ^ low, 0x01000193);
    if (low !== x) h = Math.imul(h ^ ((x / 4294967296) | 0), 0x01000193);
  }
  return h ^ (h >>> 15);
}

/**
 * Each cohort's count and sums (cents; exact while below 2^53) in typed arrays, one slot a cohort:
 * adding a policy writes numbers in place (an object's number field would box every new sum).
 */
class CohortSums {
  count = new Float64Array(1024);
  value = new Float64Array(1024);
  due = new Float64Array(1024);
  notified = new Float64Array(1024);

  add(n: number, value: number, due: number, notified: boolean): void {
    if (n >= this.count.length) this.grow();
    this.count[n]++;
    this.value[n] += value;
    this.due[n] += due;
    if (notified) this.notified[n]++;
  }

  private grow(): void {
    const larger = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.count = larger(this.count);
    this.value = larger(this.value);
    this.due = larger(this.due);
    this.notified = larger(this.notified);
  }
}

/**
 * Where each grouping attribute sits in a cohort key; the transfer counts of the bands follow
 * (maturity payout under each limit value, then surrender payout under each).
 */
const KEY = { product: 0, maturityDay: 1, charge: 2, knownBad: 3, bank: 4, segment: 5, bands: 6 } as const;

/** Column positions of one file's header (-1: absent), so a row's cells are read by number. */
type Positions = Record<Column, number>;

function positions(header: readonly string[]): Positions {
  return Object.fromEntries(POLICY_COLUMNS.map((c) => [c, header.indexOf(c)])) as Positions;
}

/** A surrender charge cell's meaning: the charge, or why it is bad (the same for every row with that text). */
type ChargeMeaning = { charge: number } | { problem: Problem };

/** What checking a row needs besides the row: the terms, the ids seen, the texts and dates seen, the cohorts. */
interface RowContext {
  readonly terms: PolicyTerms;
  readonly ids: IdSet;
  readonly days: DayCache;
  /** Products, with their surrender charge (undefined: not in liabilities.products). */
  readonly products: ColumnTexts<number | undefined>;
  readonly charges: ColumnTexts<ChargeMeaning>;
  readonly banks: ColumnTexts<null>;
  readonly segments: ColumnTexts<null>;
  /** The key of the row being checked (filled in place). */
  readonly key: Float64Array;
  readonly cohorts: CohortTable;
  /** The cohorts by number (their sums are in `sums` until the end). */
  readonly list: PolicyCohort[];
  readonly sums: CohortSums;
  /** The surrender charge of each cohort as written ('' when the cell is empty), for the order. */
  readonly chargeTexts: string[];
  readonly book: PolicyBook;
}

function rowContext(terms: PolicyTerms, ids: IdSet, book: PolicyBook): RowContext {
  const none = () => null;
  return {
    terms,
    ids,
    days: new DayCache(),
    products: new ColumnTexts((text) => terms.products.get(text)),
    charges: new ColumnTexts(chargeMeaning),
    banks: new ColumnTexts(none),
    segments: new ColumnTexts(none),
    key: new Float64Array(KEY.bands + 2 * terms.bandLimits.length),
    cohorts: new CohortTable(KEY.bands + 2 * terms.bandLimits.length),
    list: [],
    sums: new CohortSums(),
    chargeTexts: [],
    book,
  };
}

function chargeMeaning(sc: string): ChargeMeaning {
  if (!NUMBER.test(sc)) return { problem: bad('unparsable-number', 'surrender_charge', `\`surrender_charge\` ${JSON.stringify(sc)} is not a number`) };
  const charge = Number(sc);
  if (charge < 0) return { problem: bad('negative-value', 'surrender_charge', `\`surrender_charge\` ${sc} is negative`) };
  if (charge > 1) return { problem: bad('invalid-value', 'surrender_charge', `\`surrender_charge\` ${sc} is above 1 (a share: 0.02 = 2%)`) };
  return { charge };
}

function bad(reason: RejectReason, column: Column | undefined, message: string): Problem {
  return { reason, column, message };
}

function amountProblem(text: string, column: Column, problem: string): Problem {
  if (problem === 'negative') return bad('negative-value', column, `\`${column}\` ${text} is negative`);
  return bad('unparsable-number', column, `\`${column}\` ${JSON.stringify(text)} is not an amount (currency units, at most 2 decimals)`);
}

/**
 * Epoch days (NaN: not a date) of the dates met, by the date's digits as a number (YYYYMMDD): a
 * direct-mapped table in front of a Map of the first 100,000 dates (a book has a few thousand).
 */
class DayCache {
  private readonly digits = new Int32Array(1 << 14).fill(-1);
  private readonly days = new Float64Array(1 << 14);
  private readonly all = new Map<number, number>();

  /** The epoch day of the date `text.slice(start, end)` whose digits are `digits` (parseIsoDate decides, once per date while it stays). */
  dayOf(digits: number, text: string, start: number, end: number): EpochDay | null {
    const slot = (digits ^ (digits >>> 14)) & ((1 << 14) - 1);
    if (this.digits[slot] !== digits) {
      let day = this.all.get(digits);
      if (day === undefined) {
        day = parseIsoDate(text.slice(start, end)) ?? Number.NaN;
        if (this.all.size < 100_000) this.all.set(digits, day);
      }
      this.digits[slot] = digits;
      this.days[slot] = day;
    }
    const day = this.days[slot];
    return day === day ? day : null;
  }
}

/**
 * The epoch day of the date `text.slice(start, end)`, or null when it is not a date YYYY-MM-DD
 * (parseIsoDate decides, once per date: the days are cached by the date's digits).
 */
function dayOf(text: string, start: number, end: number, days: DayCache): EpochDay | null {
  if (end - start !== 10 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return null;
  let digits = 0;
  for (let i = start; i < end; i++) {
    if (i === start + 4 || i === start + 7) continue;
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    digits = digits * 10 + d;
  }
  return days.dayOf(digits, text, start, end);
}

/**
 * Checks a row and, when it is good, adds its policy to its cohort; returns the first problem found
 * otherwise (checks in the order below). Written for speed: it runs once per policy and reads the
 * cells in place (a string is made only for a message or a text not seen before).
 */
function checkRow(row: CsvFields, width: number, at: Positions, x: RowContext, idChecked = false): Problem | typeof HELD | undefined {
  if (row.count !== width) return bad('cell-count', undefined, `${row.count} cells where the header has ${width}`);
  const { source, starts, ends } = row;
  // REQUIRED, in its order
  const missing = isEmpty(row, at.policy_id)
    ? 'policy_id'
    : isEmpty(row, at.product)
      ? 'product'
      : isEmpty(row, at.issue_date)
        ? 'issue_date'
        : isEmpty(row, at.maturity_date)
          ? 'maturity_date'
          : isEmpty(row, at.account_value)
            ? 'account_value'
            : undefined;
  if (missing !== undefined) return bad('missing-field', missing, `\`${missing}\` is empty`);
  const product = x.products.numberOf(source, starts[at.product], ends[at.product]);
  const productCharge = x.products.meanings[product];
  if (productCharge === undefined) return bad('unknown-product', 'product', `unknown product ${JSON.stringify(cellText(row, at.product))}: not in liabilities.products`);
  const issue = dayOf(source, starts[at.issue_date], ends[at.issue_date], x.days);
  if (issue === null) return bad('unparsable-date', 'issue_date', `\`issue_date\` ${JSON.stringify(cellText(row, at.issue_date))} is not a date YYYY-MM-DD`);
  const maturity = dayOf(source, starts[at.maturity_date], ends[at.maturity_date], x.days);
  if (maturity === null) return bad('unparsable-date', 'maturity_date', `\`maturity_date\` ${JSON.stringify(cellText(row, at.maturity_date))} is not a date YYYY-MM-DD`);
  const start = x.terms.start;
  if (maturity < issue) return bad('maturity-before-issue', 'maturity_date', `matures ${formatIsoDate(maturity)}, before its issue date ${formatIsoDate(issue)}`);
  if (maturity < start) return bad('matured-before-start', 'maturity_date', `matured ${formatIsoDate(maturity)}, before the scenario start ${formatIsoDate(start)}: not in force`);
  let value = plainCents(source, starts[at.account_value], ends[at.account_value]);
  if (value < 0) {
    const v = parseAmount(cellText(row, at.account_value));
    if (!v.ok) return amountProblem(cellText(row, at.account_value), 'account_value', v.problem);
    value = v.cents;
  }
  if (value === 0) return bad('invalid-value', 'account_value', '`account_value` is 0: nothing in force (and no yield can be implied)');
  let due: number;
  if (!isEmpty(row, at.maturity_value)) {
    due = plainCents(source, starts[at.maturity_value], ends[at.maturity_value]);
    if (due < 0) {
      const m = parseAmount(cellText(row, at.maturity_value));
      if (!m.ok) return amountProblem(cellText(row, at.maturity_value), 'maturity_value', m.problem);
      due = m.cents;
    }
  } else if (!isEmpty(row, at.guaranteed_yield)) {
    const gy = cellText(row, at.guaranteed_yield);
    const y = Number(gy);
    if (!NUMBER.test(gy) || !(y > -1)) return bad('unparsable-number', 'guaranteed_yield', `\`guaranteed_yield\` ${JSON.stringify(gy)} is not a yield above -1`);
    // the bounds of a cohort's yield (scenario/schema.ts); 1e21 reached the kernel (fuzz seed 2)
    if (!(y >= IMPLIED_YIELD_MIN && y <= IMPLIED_YIELD_MAX)) return bad('invalid-value', 'guaranteed_yield', `\`guaranteed_yield\` ${gy} is outside ${IMPLIED_YIELD_MIN} to ${IMPLIED_YIELD_MAX} a year`);
    due = grownAtYield(value, y, maturity - start);
    if (!(due <= MAX_CENTS)) return bad('invalid-value', 'guaranteed_yield', `the maturity amount, \`account_value\` grown at \`guaranteed_yield\` ${gy} to ${formatIsoDate(maturity)}, is beyond 90 trillion`);
  } else {
    return bad('missing-field', at.maturity_value >= 0 ? 'maturity_value' : 'guaranteed_yield', 'neither `maturity_value` nor `guaranteed_yield` is given');
  }
  // the charge's text (not its value) is part of the key, as written: -1 when the cell is empty
  let chargeText = -1;
  let charge: number | undefined;
  if (!isEmpty(row, at.surrender_charge)) {
    chargeText = x.charges.numberOf(source, starts[at.surrender_charge], ends[at.surrender_charge]);
    const meaning = x.charges.meanings[chargeText];
    if ('problem' in meaning) return meaning.problem;
    charge = meaning.charge;
  }
  let knownBad = false;
  if (!isEmpty(row, at.account_status)) {
    const k = at.account_status;
    knownBad = isText(source, starts[k], ends[k], 'known_bad');
    if (!knownBad && !isText(source, starts[k], ends[k], 'ok')) return bad('invalid-value', 'account_status', `\`account_status\` ${JSON.stringify(cellText(row, k))} is not ok or known_bad`);
  }
  let notified = false;
  if (!isEmpty(row, at.notified)) {
    const k = at.notified;
    notified = isText(source, starts[k], ends[k], 'yes');
    if (!notified && !isText(source, starts[k], ends[k], 'no')) return bad('invalid-value', 'notified', `\`notified\` ${JSON.stringify(cellText(row, k))} is not yes or no`);
  }
  // last: only good rows' ids count; a fingerprint seen before holds the row for the exact check
  if (!x.ids.add(source, starts[at.policy_id], ends[at.policy_id]) && !idChecked) return HELD;
  // Maturing on the start date: what is due that day is the maturity value, carried as the value
  // (at yield 0: no yield can be implied over 0 days).
  if (maturity === start) value = due;
  const limits = x.terms.bandLimits;
  const factor = 1 - (charge ?? productCharge);
  const key = x.key;
  key[KEY.product] = product;
  key[KEY.maturityDay] = maturity;
  key[KEY.charge] = chargeText;
  key[KEY.knownBad] = knownBad ? 1 : 0;
  // an absent column reads as an empty cell (files may differ in their columns)
  key[KEY.bank] = at.bank < 0 ? x.banks.numberOf('', 0, 0) : x.banks.numberOf(source, starts[at.bank], ends[at.bank]);
  key[KEY.segment] = at.segment < 0 ? x.segments.numberOf('', 0, 0) : x.segments.numberOf(source, starts[at.segment], ends[at.segment]);
  for (let i = 0; i < limits.length; i++) {
    key[KEY.bands + i] = transfersOne(due, 1, limits[i]);
    key[KEY.bands + limits.length + i] = transfersOne(value, factor, limits[i]);
  }
  const n = x.cohorts.numberOf(key);
  if (n === x.list.length) {
    // a new cohort
    const bank = x.banks.texts[key[KEY.bank]];
    const segment = x.segments.texts[key[KEY.segment]];
    x.list.push({
      product: x.products.texts[product],
      maturityDay: maturity,
      maturityTransfers: numbers(key, KEY.bands, KEY.bands + limits.length),
      surrenderTransfers: numbers(key, KEY.bands + limits.length, key.length),
      surrenderCharge: charge,
      knownBad,
      bank: bank || undefined,
      segment: segment || undefined,
      count: 0,
      value: 0,
      due: 0,
      notified: 0,
    });
    x.chargeTexts.push(chargeText < 0 ? '' : x.charges.texts[chargeText]);
  }
  x.sums.add(n, value, due, notified);
  const accepted = x.book.accepted;
  accepted.policies++;
  accepted.accountValue += value;
  accepted.maturityValue += due;
  return undefined;
}

function numbers(from: Float64Array, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(from[i]);
  return out;
}

/** True when cell `k` is empty or its column absent (k < 0). */
function isEmpty(row: CsvFields, k: number): boolean {
  return k < 0 || row.starts[k] === row.ends[k];
}

/** The text of cell `k` ('' for an absent column: k < 0). */
function cellText(row: CsvFields, k: number): string {
  return k < 0 ? '' : row.source.slice(row.starts[k], row.ends[k]);
}

/** True when `source.slice(start, end)` is `text`. */
function isText(source: string, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (source.charCodeAt(start + i) !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * The cohorts in the order of their grouping text (product, maturity date, bands, charge as
 * written, status, bank, segment), the order the model's groups and the results follow.
 */
function sortedCohorts(x: RowContext): PolicyCohort[] {
  const keyed = x.list.map((c, i) => {
    c.count = x.sums.count[i];
    c.value = x.sums.value[i];
    c.due = x.sums.due[i];
    c.notified = x.sums.notified[i];
    const bands = `${c.maturityTransfers.map((k) => `${k},`).join('')}/${c.surrenderTransfers.map((k) => `${k},`).join('')}`;
    const text = `${c.product}\u0000${formatIsoDate(c.maturityDay)}\u0000${bands}\u0000${x.chargeTexts[i]}\u0000${c.knownBad ? 1 : 0}\u0000${c.bank ?? ''}\u0000${c.segment ?? ''}`;
    return { text, c };
  });
  return keyed.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)).map((k) => k.c);
}

/**
 * Transfers one payout of `amount · factor` cents needs under `limit`: the double quotient's ceiling,
 * checked against the exact computation (./transfers.ts `transfersFor`) when it lies near a whole number.
 */
function transfersOne(amount: number, factor: number, limit: number): number {
  if (!(limit > 0) || !(amount > 0)) return 1;
  const q = (amount * factor) / limit;
  const k = Math.ceil(q);
  if (Math.abs(q - Math.round(q)) > 1e-6) return Math.max(1, k);
  return transfersFor(amount, factor, 1, limit);
}

/** The book section's figures from the cohorts (amounts to currency units at the end). */
function summarise(book: PolicyBook, cohorts: readonly PolicyCohort[]): void {
  const month = new Map<string, { product: string; month: string; policies: number; accountValue: number; maturityValue: number }>();
  const size = new Map<string, { transfers: number[]; policies: number; maturityValue: number }>();
  const bank = new Map<string, { bank: string; policies: number; accountValue: number }>();
  for (const c of cohorts) {
    const m = formatIsoDate(c.maturityDay).slice(0, 7);
    const mk = `${c.product}\u0000${m}`;
    const pm = month.get(mk) ?? { product: c.product, month: m, policies: 0, accountValue: 0, maturityValue: 0 };
    pm.policies += c.count;
    pm.accountValue += c.value;
    pm.maturityValue += c.due;
    month.set(mk, pm);
    const sk = c.maturityTransfers.join(',');
    const sb = size.get(sk) ?? { transfers: [...c.maturityTransfers], policies: 0, maturityValue: 0 };
    sb.policies += c.count;
    sb.maturityValue += c.due;
    size.set(sk, sb);
    const bk = c.bank ?? '';
    const b = bank.get(bk) ?? { bank: bk, policies: 0, accountValue: 0 };
    b.policies += c.count;
    b.accountValue += c.value;
    bank.set(bk, b);
    if (c.knownBad) {
      book.knownBad.policies += c.count;
      book.knownBad.accountValue += c.value;
    }
    book.notified += c.notified;
  }
  const units = (x: number) => Number(formatCents(x));
  book.cohorts = cohorts.length;
  book.accepted.accountValue = units(book.accepted.accountValue);
  book.accepted.maturityValue = units(book.accepted.maturityValue);
  book.knownBad.accountValue = units(book.knownBad.accountValue);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  book.byProductMonth = [...month.values()]
    .sort((a, b) => cmp(a.product, b.product) || cmp(a.month, b.month))
    .map((r) => ({ ...r, accountValue: units(r.accountValue), maturityValue: units(r.maturityValue) }));
  book.bySize = [...size.values()]
    .sort((a, b) => {
      for (let i = 0; i < a.transfers.length; i++) if (a.transfers[i] !== b.transfers[i]) return a.transfers[i] - b.transfers[i];
      return 0;
    })
    .map((r) => ({ ...r, maturityValue: units(r.maturityValue) }));
  book.byBank = [...bank.values()].sort((a, b) => cmp(a.bank, b.bank)).map((r) => ({ ...r, accountValue: units(r.accountValue) }));
}

/** The cohorts as scenario cohort mappings (amounts as exact decimal text in currency units). */
export function cohortMappings(cohorts: readonly PolicyCohort[], start: EpochDay): Record<string, unknown>[] {
  return cohorts.map((c) => ({
    product: c.product,
    maturity_date: formatIsoDate(c.maturityDay),
    value: formatCents(c.value),
    count: c.count,
    ...(c.maturityDay === start ? { guaranteed_yield: 0 } : { maturity_value: formatCents(c.due) }),
    ...(c.surrenderCharge === undefined ? {} : { surrender_charge: c.surrenderCharge }),
    ...(c.knownBad ? { account_status: 'known_bad' } : {}),
    ...(c.bank === undefined ? {} : { bank: c.bank }),
    ...(c.segment === undefined ? {} : { segment: c.segment }),
  }));
}
