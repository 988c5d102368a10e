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
import type { InputIssue, SourceLocation } from '../errors.js';
import { transfersFor } from '../model/compile.js';
import { isoDate as formatIsoDate, parseIsoDate } from '../model/dates.js';
import type { EpochDay } from '../model/types.js';
import { formatCents, parseAmount, MAX_CENTS } from './amounts.js';
import type { KeyPath } from './locations.js';
import { issueAt, messages } from './messages.js';
import { cellColumns, csvCell, readCsvRows } from './policy-reader.js';

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
export interface PolicyBook {
  files: { file: string; sha256: string; bytes: number; rows: number }[];
  /** Rows read (headers excluded), accepted into cohorts and rejected; amounts are account values, currency units. */
  rows: number;
  accepted: { policies: number; accountValue: number; maturityValue: number };
  rejected: { policies: number; accountValue: number; byReason: Record<string, number>; file?: string };
  cohorts: number;
  /** Per-transfer limit values (currency units) the bands are cut at. */
  bandLimits: number[];
  byProductMonth: { product: string; month: string; policies: number; accountValue: number; maturityValue: number }[];
  /** Maturity payouts by size band: transfers one payout needs under each limit value. */
  bySize: { transfers: number[]; policies: number; maturityValue: number }[];
  knownBad: { policies: number; accountValue: number };
  byBank: { bank: string; policies: number; accountValue: number }[];
  notified: number;
}

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
  const ids = new Set<string>();
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
  try {
    for (const f of files) {
      let header: string[] | undefined;
      let index: Positions = positions([]);
      let headerText = '';
      let rows = 0;
      const located = (line: number, column: number): SourceLocation => ({ file: f.named, line, column });
      const read = readCsvRows(f.path, (row) => {
        if (header === undefined) {
          header = row.cells;
          headerText = row.text;
          const problems = checkHeader(row.cells);
          const columns = cellColumns(row);
          for (const p of problems) issues.push(issueAt(located(row.line, columns[p.cell] ?? 1), at, p.problem));
          index = positions(row.cells);
          return problems.length === 0;
        }
        rows++;
        const problem = checkRow(row.cells, header.length, index, context);
        if (problem !== undefined) {
          rejected.policies++;
          rejected.byReason[problem.reason] = (rejected.byReason[problem.reason] ?? 0) + 1;
          const value = parseAmount(index.account_value < 0 ? '' : (row.cells[index.account_value] ?? ''));
          if (value.ok) rejected.accountValue += value.cents;
          const column = problem.column === undefined ? 1 : (cellColumns(row)[Math.max(0, index[problem.column])] ?? 1);
          const where = located(row.line, column);
          if (rejectsFile !== undefined) {
            if (rejectsFd === undefined) rejectsFd = openSync(rejectsFile.path, 'w');
            if (rejectsHeader !== headerText) {
              rejectsHeader = headerText;
              writeSync(rejectsFd, `${headerText},reject_reason\n`);
            }
            writeSync(rejectsFd, `${row.text},${csvCell(`${f.named}:${row.line}:${column}: ${problem.message}`)}\n`);
          } else if (issues.length < maxIssues) {
            issues.push(issueAt(where, at, messages.policyRow(problem.reason, problem.column, problem.message)));
          } else {
            moreIssues++;
          }
          return;
        }
      });
      if (read.error !== undefined) issues.push(issueAt(located(read.error.line, read.error.column), at, messages.csvMalformed(read.error.detail)));
      if (header === undefined) issues.push(issueAt(located(1, 1), at, messages.csvEmpty()));
      book.files.push({ file: f.named, sha256: read.sha256, bytes: read.bytes, rows });
      book.rows += rows;
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
const PLAIN_CENTS = /^\d{1,15}(?:\.\d{1,2})?$/;

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

/** Column positions of one file's header (-1: absent), so a row's cells are read by number. */
type Positions = Record<Column, number>;

function positions(header: readonly string[]): Positions {
  return Object.fromEntries(POLICY_COLUMNS.map((c) => [c, header.indexOf(c)])) as Positions;
}

/** What checking a row needs besides the row: the terms, the ids seen, a date cache and the cohorts. */
interface RowContext {
  readonly terms: PolicyTerms;
  readonly ids: Set<string>;
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
function checkRow(cells: readonly string[], width: number, at: Positions, x: RowContext): Problem | undefined {
  if (cells.length !== width) return bad('cell-count', undefined, `${cells.length} cells where the header has ${width}`);
  const get = (i: number) => (i < 0 ? '' : cells[i]);
  for (const c of REQUIRED) if (cells[at[c]] === '') return bad('missing-field', c, `\`${c}\` is empty`);
  const id = cells[at.policy_id];
  if (x.ids.has(id)) return bad('duplicate-policy-id', 'policy_id', `policy id ${JSON.stringify(id)} appears again (an earlier row has it)`);
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
    due = Math.round(value * Math.exp((Math.log1p(Number(gy)) / 365) * (maturity - start)));
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
  x.ids.add(id);
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
 * checked against the exact computation (compile.ts `transfersFor`) when it lies near a whole number.
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
