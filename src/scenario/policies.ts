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
import { formatCents, parseAmount, MAX_CENTS } from './amounts.js';
import type { KeyPath } from './locations.js';
import { issueAt, messages } from '../messages/catalogue.js';
import { csvCell } from './policy-reader.js';
import type { CsvRow } from './policy-reader.js';
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
  const cohorts = new Map<string, PolicyCohort>();
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
  const dates = new Map<string, EpochDay | null>();
  const dateOf = (text: string) => {
    let d = dates.get(text);
    if (d === undefined) {
      d = parseIsoDate(text);
      if (dates.size < 100_000) dates.set(text, d);
    }
    return d;
  };
  const context: RowContext = { terms, ids, dateOf, cohorts, book };
  const states: { header: string[]; index: Positions; headerText: string }[] = [];
  // CSV or Parquet, told by the first bytes; both give rows of cells, located in their own way
  const sources = files.map((f) => policyRowSource(f.path));
  const located = (file: number, at: RowLocation): SourceLocation => ({ file: files[file].named, ...at });
  const reject = (file: number, row: CsvRow, problem: Problem) => {
    const { index, headerText } = states[file];
    rejected.policies++;
    rejected.byReason[problem.reason] = (rejected.byReason[problem.reason] ?? 0) + 1;
    const value = parseAmount(index.account_value < 0 ? '' : (row.cells[index.account_value] ?? ''));
    if (value.ok) rejected.accountValue += value.cents;
    const where = located(file, sources[file].locate(row, problem.column === undefined ? -1 : Math.max(0, index[problem.column])));
    if (rejectsFile !== undefined) {
      if (rejectsFd === undefined) rejectsFd = openSync(rejectsFile.path, 'w');
      if (rejectsHeader !== headerText) {
        rejectsHeader = headerText;
        writeSync(rejectsFd, `${headerText},reject_reason\n`);
      }
      writeSync(rejectsFd, `${row.text},${csvCell(`${formatLocation(where)}: ${problem.message}`)}\n`);
    } else if (issues.length < maxIssues) {
      issues.push(issueAt(where, at, messages.policyRow(`policy-${problem.reason}` as const, problem.column, problem.message)));
    } else {
      moreIssues++;
    }
  };
  try {
    files.forEach((f, file) => {
      let rows = 0;
      const read = sources[file].read((row) => {
        const state = states[file];
        if (state === undefined) {
          const problems = checkHeader(row.cells);
          for (const p of problems) issues.push(issueAt(located(file, sources[file].locate(row, p.cell)), at, p.problem));
          states[file] = { header: row.cells, index: positions(row.cells), headerText: row.text };
          return problems.length === 0;
        }
        rows++;
        const problem = checkRow(row.cells, state.header.length, state.index, context);
        if (problem === HELD) held.push({ file, row });
        else if (problem !== undefined) reject(file, row, problem);
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
      const first = new Map<string, { file: number; line: number }>();
      files.forEach((_, file) => {
        if (states[file] === undefined) return;
        const { index } = states[file];
        let header = true;
        sources[file].read((row) => {
          if (header) return void (header = false);
          const id = row.cells[index.policy_id];
          if (id !== undefined && wanted.has(id) && !first.has(id)) first.set(id, { file, line: row.line });
        });
      });
      for (const { file, row } of held) {
        const { index, header } = states[file];
        const id = row.cells[index.policy_id];
        const seen = first.get(id);
        if (seen !== undefined && (seen.file < file || (seen.file === file && seen.line < row.line))) {
          const firstAt = formatLocation({ file: files[seen.file].named, line: seen.line, ...(sources[seen.file].format === 'parquet' ? { columnName: 'policy_id' } : {}) });
          reject(file, row, bad('duplicate-policy-id', 'policy_id', `policy id ${JSON.stringify(id)} appears again (first at ${firstAt})`));
        } else {
          const problem = checkRow(row.cells, header.length, index, context, true);
          if (problem !== undefined && problem !== HELD) reject(file, row, problem);
        }
      }
    }
  } finally {
    if (rejectsFd !== undefined) closeSync(rejectsFd);
  }
  const list = [...cohorts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
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
const PLAIN_CENTS = /^\d{1,13}(?:\.\d{1,2})?$/; // below 10^15 cents: exact in a double

/** Cents of an amount cell: the common plain form fast, the rest through parseAmount. */
function cents(text: string): { ok: true; cents: number } | { ok: false; problem: string } {
  if (PLAIN_CENTS.test(text)) {
    const dot = text.indexOf('.');
    if (dot < 0) return { ok: true, cents: Number(text) * 100 };
    const frac = text.slice(dot + 1);
    return { ok: true, cents: Number(text.slice(0, dot)) * 100 + Number(frac.length === 1 ? `${frac}0` : frac) };
  }
  const r = parseAmount(text);
  return r.ok ? r : { ok: false, problem: r.problem };
}

/** checkRow's answer for a row whose id's fingerprint was seen before (readPolicies decides). */
const HELD = Symbol('held');

/**
 * The policy ids seen, as 64-bit fingerprints (two 32-bit hashes of the id's characters) in an
 * open-addressing table: 16 bytes a slot at most half full, so 6M ids take about 200 MB where a
 * Set of the strings took several times that. A fingerprint seen before is only a candidate: the
 * caller confirms duplicates exactly (readPolicies' second pass).
 */
class IdSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private used = 0;

  /** Adds the id's fingerprint; false when it was there already. */
  add(id: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    h1 = (h1 ^ id.length) >>> 0;
    h2 = (h2 | 1) >>> 0; // never 0: 0 marks an empty slot
    if (this.used * 2 >= this.lo.length) this.grow();
    return this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.lo.length - 1;
    for (let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (this.lo[i] === 0) {
        this.hi[i] = h1;
        this.lo[i] = h2;
        this.used++;
        return true;
      }
      if (this.lo[i] === h2 && this.hi[i] === h1) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(lo.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.used = 0;
    for (let i = 0; i < lo.length; i++) if (lo[i] !== 0) this.insert(hi[i], lo[i]);
  }
}

/** Column positions of one file's header (-1: absent), so a row's cells are read by number. */
type Positions = Record<Column, number>;

function positions(header: readonly string[]): Positions {
  return Object.fromEntries(POLICY_COLUMNS.map((c) => [c, header.indexOf(c)])) as Positions;
}

/** What checking a row needs besides the row: the terms, the ids seen, a date cache and the cohorts. */
interface RowContext {
  readonly terms: PolicyTerms;
  readonly ids: IdSet;
  readonly dateOf: (text: string) => EpochDay | null;
  readonly cohorts: Map<string, PolicyCohort>;
  readonly book: PolicyBook;
}

function bad(reason: RejectReason, column: Column | undefined, message: string): Problem {
  return { reason, column, message };
}

function amountProblem(text: string, column: Column, problem: string): Problem {
  if (problem === 'negative') return bad('negative-value', column, `\`${column}\` ${text} is negative`);
  return bad('unparsable-number', column, `\`${column}\` ${JSON.stringify(text)} is not an amount (currency units, at most 2 decimals)`);
}

/**
 * Checks a row and, when it is good, adds its policy to its cohort; returns the first problem found
 * otherwise (checks in the order below). Written for speed: it runs once per policy.
 */
function checkRow(cells: readonly string[], width: number, at: Positions, x: RowContext, idChecked = false): Problem | typeof HELD | undefined {
  if (cells.length !== width) return bad('cell-count', undefined, `${cells.length} cells where the header has ${width}`);
  const get = (i: number) => (i < 0 ? '' : cells[i]);
  for (const c of REQUIRED) if (cells[at[c]] === '') return bad('missing-field', c, `\`${c}\` is empty`);
  const id = cells[at.policy_id];
  const product = cells[at.product];
  const productCharge = x.terms.products.get(product);
  if (productCharge === undefined) return bad('unknown-product', 'product', `unknown product ${JSON.stringify(product)}: not in liabilities.products`);
  const issueText = cells[at.issue_date];
  const issue = x.dateOf(issueText);
  if (issue === null) return bad('unparsable-date', 'issue_date', `\`issue_date\` ${JSON.stringify(issueText)} is not a date YYYY-MM-DD`);
  const maturityText = cells[at.maturity_date];
  const maturity = x.dateOf(maturityText);
  if (maturity === null) return bad('unparsable-date', 'maturity_date', `\`maturity_date\` ${JSON.stringify(maturityText)} is not a date YYYY-MM-DD`);
  const start = x.terms.start;
  if (maturity < issue) return bad('maturity-before-issue', 'maturity_date', `matures ${formatIsoDate(maturity)}, before its issue date ${formatIsoDate(issue)}`);
  if (maturity < start) return bad('matured-before-start', 'maturity_date', `matured ${formatIsoDate(maturity)}, before the scenario start ${formatIsoDate(start)}: not in force`);
  const valueText = cells[at.account_value];
  const v = cents(valueText);
  if (!v.ok) return amountProblem(valueText, 'account_value', v.problem);
  let value = v.cents;
  if (value === 0) return bad('invalid-value', 'account_value', '`account_value` is 0: nothing in force (and no yield can be implied)');
  let due: number;
  const mv = get(at.maturity_value);
  const gy = get(at.guaranteed_yield);
  if (mv !== '') {
    const m = cents(mv);
    if (!m.ok) return amountProblem(mv, 'maturity_value', m.problem);
    due = m.cents;
  } else if (gy !== '') {
    if (!NUMBER.test(gy) || !(Number(gy) > -1)) return bad('unparsable-number', 'guaranteed_yield', `\`guaranteed_yield\` ${JSON.stringify(gy)} is not a yield above -1`);
    // the bounds of a cohort's yield (scenario/schema.ts); 1e21 reached the kernel (fuzz seed 2)
    if (!(Number(gy) >= IMPLIED_YIELD_MIN && Number(gy) <= IMPLIED_YIELD_MAX)) return bad('invalid-value', 'guaranteed_yield', `\`guaranteed_yield\` ${gy} is outside ${IMPLIED_YIELD_MIN} to ${IMPLIED_YIELD_MAX} a year`);
    due = Math.round(value * Math.exp((Math.log1p(Number(gy)) / 365) * (maturity - start)));
    if (!(due <= MAX_CENTS)) return bad('invalid-value', 'guaranteed_yield', `the maturity amount, \`account_value\` grown at \`guaranteed_yield\` ${gy} to ${formatIsoDate(maturity)}, is beyond 90 trillion`);
  } else {
    return bad('missing-field', at.maturity_value >= 0 ? 'maturity_value' : 'guaranteed_yield', 'neither `maturity_value` nor `guaranteed_yield` is given');
  }
  let charge: number | undefined;
  const sc = get(at.surrender_charge);
  if (sc !== '') {
    if (!NUMBER.test(sc)) return bad('unparsable-number', 'surrender_charge', `\`surrender_charge\` ${JSON.stringify(sc)} is not a number`);
    charge = Number(sc);
    if (charge < 0) return bad('negative-value', 'surrender_charge', `\`surrender_charge\` ${sc} is negative`);
    if (charge > 1) return bad('invalid-value', 'surrender_charge', `\`surrender_charge\` ${sc} is above 1 (a share: 0.02 = 2%)`);
  }
  const status = get(at.account_status);
  if (status !== '' && status !== 'ok' && status !== 'known_bad') return bad('invalid-value', 'account_status', `\`account_status\` ${JSON.stringify(status)} is not ok or known_bad`);
  const notified = get(at.notified);
  if (notified !== '' && notified !== 'yes' && notified !== 'no') return bad('invalid-value', 'notified', `\`notified\` ${JSON.stringify(notified)} is not yes or no`);
  // last: only good rows' ids count; a fingerprint seen before holds the row for the exact check
  if (!x.ids.add(id) && !idChecked) return HELD;
  // Maturing on the start date: what is due that day is the maturity value, carried as the value
  // (at yield 0: no yield can be implied over 0 days).
  if (maturity === start) value = due;
  const knownBad = status === 'known_bad';
  const limits = x.terms.bandLimits;
  const factor = 1 - (charge ?? productCharge);
  let bands = '';
  for (let i = 0; i < limits.length; i++) bands += `${transfersOne(due, 1, limits[i])},`;
  bands += '/';
  for (let i = 0; i < limits.length; i++) bands += `${transfersOne(value, factor, limits[i])},`;
  const bank = get(at.bank);
  const segment = get(at.segment);
  // dates are strict YYYY-MM-DD, so their text is the key; names cannot hold a NUL
  const key = `${product}\u0000${maturityText}\u0000${bands}\u0000${sc}\u0000${knownBad ? 1 : 0}\u0000${bank}\u0000${segment}`;
  let c = x.cohorts.get(key);
  if (c === undefined) {
    const [m, s] = bands.split('/');
    const ks = (t: string) => t.split(',').slice(0, -1).map(Number);
    c = {
      product,
      maturityDay: maturity,
      maturityTransfers: ks(m),
      surrenderTransfers: ks(s),
      surrenderCharge: charge,
      knownBad,
      bank: bank || undefined,
      segment: segment || undefined,
      count: 0,
      value: 0,
      due: 0,
      notified: 0,
    };
    x.cohorts.set(key, c);
  }
  c.count++;
  c.value += value;
  c.due += due;
  if (notified === 'yes') c.notified++;
  const accepted = x.book.accepted;
  accepted.policies++;
  accepted.accountValue += value;
  accepted.maturityValue += due;
  return undefined;
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
