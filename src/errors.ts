/**
 * User-facing errors. Anything the user can fix (bad scenario, bad arguments, missing file or
 * baseline) is a `LiqsimError`: the CLI prints its message (no stack trace) and exits with its code.
 */

/** Where in which file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** One problem found in a user input, e.g. a scenario file. */
export interface InputIssue {
  /** Stable machine-readable code: 'yaml-syntax', 'unknown-key', 'invalid-type', 'out-of-range', ... */
  code: string;
  location: SourceLocation;
  /** Key path inside the document, e.g. ['funding', 'credit_lines', 0, 'limit']. */
  path: (string | number)[];
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

export class LiqsimError extends Error {
  readonly exitCode: number;
  readonly issues: InputIssue[];
  constructor(message: string, options: { exitCode?: number; issues?: InputIssue[] } = {}) {
    super(message);
    this.name = 'LiqsimError';
    this.exitCode = options.exitCode ?? 2;
    this.issues = options.issues ?? [];
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
  const loc = issue.location;
  let where = loc.file;
  if (loc.line !== undefined) where += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) where += `:${loc.column}`;
  let text = `${where}: ${formatKeyPath(issue.path)}: ${issue.message}`;
  if (issue.expected !== undefined || issue.found !== undefined) {
    const parts: string[] = [];
    if (issue.expected !== undefined) parts.push(`expected ${issue.expected}`);
    if (issue.found !== undefined) parts.push(`found ${issue.found}`);
    text += ` (${parts.join(', ')})`;
  }
  if (issue.hint !== undefined) text += `\n  hint: ${issue.hint}`;
  return text;
}
