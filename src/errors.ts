/**
 * User-facing errors. Anything the user can fix (bad scenario, bad arguments, missing file or
 * baseline) is a `LiqsimError`: the CLI prints its message (no stack trace) and exits with its code.
 */

/** Where in which file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /**
   * A Parquet policy file has rows, not lines: `line` is then the row (the header counted as row 1,
   * as in a CSV file), `column` the column's 1-based position and this its name, shown as
   * `file:row N:name`.
   */
  columnName?: string;
}

/** `file:line:col`, or `file:row N:name` in a Parquet file; just the file when there is no line. */
export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  if (loc.columnName !== undefined) return `${loc.file}:row ${loc.line}:${loc.columnName}`;
  return loc.column === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}

/**
 * Every code liqsim reports, with the fields specific to it (`{}` when it has none): the issues and
 * errors form one discriminated union on `code`, as zod's issues do, so a tool can read
 * `issue.allowed` of an `unknown-key` rather than parse the prose. The English wording of each
 * code, its generic hint and every message's text are in the one catalogue, src/messages/
 * (`ISSUE_CATALOGUE` in catalogue.ts, which must list every code here; the factories `messages`
 * for inputs and `runMessages` in run.ts for the command line, documents and runs);
 * tests/scenario/codes.test.ts checks that every code written in src/ is catalogued, has a factory,
 * and that no error is made outside src/messages/.
 *
 * Adding a code: a line here (with its fields), an entry in `ISSUE_CATALOGUE`, and a factory that
 * writes its text; a throw site reads `throw errorOf(runMessages.someProblem(fields))`.
 */
export interface IssueFields {
  // -- reading an input file (scenario, extends, CSV, results, baseline, partial)
  'file-not-found': {};
  'not-a-file': {};
  'file-too-large': {};
  'encoding': {};
  'file-not-readable': {};
  'path-refused': {};
  'json-syntax': {};
  // -- YAML
  'yaml-syntax': { yamlCode: string };
  'too-deep': { limit: number };
  'too-many-aliases': { limit: number };
  'unknown-tag': { tag: string };
  'forbidden-key': { key: string };
  'empty-document': {};
  'too-many-problems': { shown: number; more: number };
  // -- extends and CSV cohorts
  'extends-too-deep': { limit: number };
  'extends-cycle': { cycle: string[] };
  'list-replaced': {};
  'csv-too-many-rows': { limit: number };
  'csv-syntax': {};
  'parquet-unreadable': {};
  // -- scenario values
  'unknown-key': { key: string; allowed: string[] };
  'missing-key': { keys: string[] };
  'invalid-key': {};
  'invalid-type': {};
  'invalid-format': {};
  'invalid-value': {};
  'out-of-range': {};
  'implausible-yield': { ratio: number; days: number; low: number; high: number };
  'invalid-amount': {};
  'negative-amount': {};
  'sub-cent-amount': {};
  'amount-too-large': {};
  'invalid-date': {};
  'end-before-start': { start: string; end: string };
  'impossible-distribution': { mean: number; sd: number };
  'unknown-reference': { name: string; known: string[] };
  'duplicate-name': { name: string };
  'conflicting-keys': { keys: string[] };
  'invalid-scenario': {};
  // -- policy files (liabilities.policies): one code per data-quality class of a bad row
  'policy-missing-field': {};
  'policy-negative-value': {};
  'policy-unparsable-number': {};
  'policy-unknown-product': {};
  'policy-unparsable-date': {};
  'policy-maturity-before-issue': {};
  'policy-matured-before-start': {};
  'policy-duplicate-policy-id': {};
  'policy-invalid-value': {};
  'policy-cell-count': {};
  'policies-rejected': {};
  // -- documents liqsim wrote
  'invalid-results': {};
  'invalid-baseline': {};
  'invalid-partial': {};
  // -- the command line and the run
  'usage': {};
  'invalid-option': { flag: string };
  'output-refused': {};
  'output-clash': {};
  'write-failed': {};
  'no-scenarios': {};
  'kernel-missing': {};
  'merge-mismatch': {};
  'merge-incomplete': {};
  // -- analysis (suites, sensitivity, reverse stress)
  'invalid-suite': {};
  'unknown-lever': { lever: string };
}

export type IssueCode = keyof IssueFields;

/** A code with its own fields: one member of the union for each code. */
export type CodeFields = { [C in IssueCode]: { readonly code: C } & IssueFields[C] }[IssueCode];

/** What every issue has besides its code's fields. */
export interface IssueBase {
  location: SourceLocation;
  /** Key path inside the document, e.g. ['funding', 'credit_lines', 0, 'limit']. */
  path: (string | number)[];
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

/** One problem found in a user input, e.g. a scenario file: a code, its fields, where, and the text. */
export type InputIssue = IssueBase & CodeFields;

export class LiqsimError extends Error {
  readonly exitCode: number;
  readonly issues: InputIssue[];
  /** The catalogued code of the error and its fields; with issues, a summary code such as `invalid-scenario`. */
  readonly detail: CodeFields;
  constructor(message: string, options: CodeFields & { exitCode?: number; issues?: InputIssue[] }) {
    super(message);
    this.name = 'LiqsimError';
    const { exitCode, issues, ...detail } = options;
    this.exitCode = exitCode ?? 2;
    this.issues = issues ?? [];
    this.detail = detail as CodeFields;
  }

  get code(): IssueCode {
    return this.detail.code;
  }
}

/** `a.b[0].c` style rendering of a key path. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(document)' : out;
}

/** `file:line:col: key: message (expected X, found Y) hint: ...` — one line per issue. */
export function formatIssue(issue: InputIssue): string {
  let text = `${formatLocation(issue.location)}: ${formatKeyPath(issue.path)}: ${issue.message}`;
  if (issue.expected !== undefined || issue.found !== undefined) {
    const parts: string[] = [];
    if (issue.expected !== undefined) parts.push(`expected ${issue.expected}`);
    if (issue.found !== undefined) parts.push(`found ${issue.found}`);
    text += ` (${parts.join(', ')})`;
  }
  if (issue.hint !== undefined) text += `\n  hint: ${issue.hint}`;
  return text;
}
