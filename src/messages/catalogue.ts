/**
 * The one catalogue of what liqsim can say is wrong. `ISSUE_CATALOGUE` gives every code of the
 * union in errors.ts (`IssueFields`) its English meaning and, where the convention asks for one,
 * a generic hint; the factories in `messages` return a `Problem` (a code with its typed fields, and
 * the text: what and why, no location), and `issueAt` pins it to a file, line, column and key path.
 * Keeping the wording here makes messages consistent and lets tests assert on them.
 */
import { LiqsimError, type CodeFields, type InputIssue, type IssueCode, type SourceLocation } from '../errors.js';

/** A catalogued code with its fields, and the text of one occurrence. */
export type Problem = CodeFields & {
  readonly message: string;
  readonly expected?: string;
  readonly found?: string;
  readonly hint?: string;
};

export function issueAt(location: SourceLocation, path: readonly (string | number)[], problem: Problem): InputIssue {
  const { code, message, expected, found, hint, ...fields } = problem;
  const issue = { code, location, path: [...path], message, ...fields } as InputIssue;
  if (expected !== undefined) issue.expected = expected;
  if (found !== undefined) issue.found = found;
  if (hint !== undefined) issue.hint = hint;
  return issue;
}

/**
 * The error for a problem: its message, with the hint on a line of its own as the CLI prints it,
 * and its code and fields; with `issues`, the problem is their summary (`3 problem(s) found`) and
 * each issue is listed with its place. The one place a `LiqsimError` is made
 * (tests/scenario/codes.test.ts checks), so every error's text comes from this catalogue.
 */
export function errorOf(problem: Problem, issues?: InputIssue[]): LiqsimError {
  const { message, expected: _expected, found: _found, hint, ...detail } = problem;
  const options = issues === undefined ? (detail as CodeFields) : { ...(detail as CodeFields), issues };
  return new LiqsimError(hint === undefined ? message : `${message}\n  hint: ${hint}`, options);
}

/**
 * Where a code is raised: `input` (a value in a file the user wrote, located by file, line, column
 * and key), `document` (a file liqsim wrote and reads back: results, baseline, partial) or `run`
 * (the command line, the output folder, merging). Convention: `document` and `run` codes carry a
 * generic `hint` (what to do), since they often have no key or line to point at; an `input` code's
 * hint, where it has one, comes from its factory, which knows the value.
 */
export type IssueKind = 'input' | 'document' | 'run';

export interface CatalogueEntry {
  readonly kind: IssueKind;
  /** What the code means, in English (one line). */
  readonly en: string;
  readonly hint?: string;
}

export const ISSUE_CATALOGUE: { readonly [C in IssueCode]: CatalogueEntry } = {
  'file-not-found': { kind: 'input', en: 'a file named on the command line or in a scenario cannot be opened' },
  'not-a-file': { kind: 'input', en: 'the path names a directory, device, pipe or system file, not a regular file' },
  'file-too-large': { kind: 'input', en: 'the file is larger than the input limit' },
  encoding: { kind: 'input', en: 'the file is not UTF-8 text' },
  'file-not-readable': { kind: 'document', en: 'a file liqsim wrote (results, baseline, partial) cannot be read', hint: 'give the path of a file written by liqsim' },
  'path-refused': { kind: 'input', en: 'a path leaves the scenario folder and --allow-outside was not given' },
  'json-syntax': { kind: 'document', en: 'a JSON file liqsim wrote is not valid JSON', hint: 'use the file as liqsim wrote it, unmodified, or write it again' },
  'yaml-syntax': { kind: 'input', en: 'the YAML cannot be parsed' },
  'too-deep': { kind: 'input', en: 'the YAML nests deeper than the limit' },
  'too-many-aliases': { kind: 'input', en: 'the YAML uses or expands too many aliases' },
  'unknown-tag': { kind: 'input', en: 'a YAML tag liqsim does not read' },
  'forbidden-key': { kind: 'input', en: 'a key name no scenario may use (such as `__proto__`)' },
  'empty-document': { kind: 'input', en: 'the file holds no settings' },
  'too-many-problems': { kind: 'input', en: 'more problems than are listed; the rest are counted' },
  'extends-too-deep': { kind: 'input', en: 'an `extends` chain is longer than the limit' },
  'extends-cycle': { kind: 'input', en: 'files extend each other in a cycle' },
  'list-replaced': { kind: 'input', en: 'notice: a list given in an `extends` file is replaced, not merged' },
  'csv-too-many-rows': { kind: 'input', en: 'a cohort CSV file has more rows than the limit' },
  'csv-syntax': { kind: 'input', en: 'a cohort CSV file cannot be parsed' },
  'parquet-unreadable': { kind: 'input', en: 'a Parquet policy file cannot be read: corrupt, truncated, an unsupported compression or encoding, or a column of a type liqsim does not take' },
  'unknown-key': { kind: 'input', en: 'a key (or CSV column, or tolerance) that is not known at its place' },
  'missing-key': { kind: 'input', en: 'a required key (or CSV column) is missing' },
  'invalid-key': { kind: 'input', en: 'a key that is not plain text or not valid at its place' },
  'invalid-type': { kind: 'input', en: 'a value of the wrong type' },
  'invalid-format': { kind: 'input', en: 'a text value not in the expected format' },
  'invalid-value': { kind: 'input', en: 'a value that is not allowed at its place' },
  'out-of-range': { kind: 'input', en: 'a number, date or list length outside its allowed range' },
  'implausible-yield': { kind: 'input', en: "a cohort's value and maturity value imply an implausible annual yield" },
  'invalid-amount': { kind: 'input', en: 'not an amount of money' },
  'negative-amount': { kind: 'input', en: 'a negative amount of money' },
  'sub-cent-amount': { kind: 'input', en: 'an amount with fractions of a cent' },
  'amount-too-large': { kind: 'input', en: 'an amount too large to count exactly in cents' },
  'invalid-date': { kind: 'input', en: 'not a valid ISO date or date range' },
  'end-before-start': { kind: 'input', en: 'a date range that ends before it starts' },
  'impossible-distribution': { kind: 'input', en: 'no distribution of the kind has the given parameters' },
  'unknown-reference': { kind: 'input', en: 'a name that refers to nothing defined in the scenario' },
  'duplicate-name': { kind: 'input', en: 'a name defined more than once' },
  'conflicting-keys': { kind: 'input', en: 'keys that cannot be used together, or one without the key it needs' },
  'invalid-scenario': { kind: 'input', en: 'a scenario file has problems (each is listed as its own issue)' },
  'policy-missing-field': { kind: 'input', en: 'a policy row leaves a required column empty' },
  'policy-negative-value': { kind: 'input', en: 'a policy row has a negative amount or count' },
  'policy-unparsable-number': { kind: 'input', en: 'a policy row has a cell that is not a number' },
  'policy-unknown-product': { kind: 'input', en: 'a policy row names a product the scenario does not define' },
  'policy-unparsable-date': { kind: 'input', en: 'a policy row has a cell that is not an ISO date' },
  'policy-maturity-before-issue': { kind: 'input', en: 'a policy row matures before it is issued' },
  'policy-matured-before-start': { kind: 'input', en: 'a policy row matured before the run starts' },
  'policy-duplicate-policy-id': { kind: 'input', en: 'a policy id appears more than once in the policy files' },
  'policy-invalid-value': { kind: 'input', en: 'a policy row has a value not allowed in its column' },
  'policy-cell-count': { kind: 'input', en: 'a policy row has more or fewer cells than the header' },
  'policies-rejected': { kind: 'input', en: 'notice: bad policy rows were written to the rejects file and the run uses the rest' },
  'invalid-results': { kind: 'document', en: 'a results.json that is not one this version of liqsim writes', hint: 'results.json is written by `liqsim run`; re-run the scenario to get a fresh one' },
  'invalid-baseline': { kind: 'document', en: 'a baseline file that does not follow the baseline schema', hint: 'fix the named key, or rewrite the baseline with `liqsim check --update`' },
  'invalid-partial': { kind: 'document', en: 'a partial result (one shard of a run) that is damaged, edited or not a partial result', hint: 're-run that shard' },
  usage: { kind: 'run', en: 'an unknown command, or a command without what it needs', hint: "run 'liqsim --help' or 'liqsim COMMAND --help'" },
  'invalid-option': { kind: 'run', en: 'a command-line option with a value it does not take', hint: "see 'liqsim COMMAND --help' for the option's values" },
  'output-refused': { kind: 'run', en: 'the output folder cannot be used, or holds something liqsim did not write', hint: 'choose another --out, or move that folder away yourself' },
  'output-clash': { kind: 'run', en: 'two scenarios would write to the same output folder or baseline', hint: 'rename one of the scenario files' },
  'write-failed': { kind: 'run', en: 'a file could not be written', hint: 'check the folder exists and you can write to it' },
  'no-scenarios': { kind: 'run', en: 'no scenario files were named or found', hint: 'name scenario files, or run where a scenarios/ folder holds them' },
  'kernel-missing': { kind: 'run', en: 'the simulation kernel is missing or cannot be compiled on this machine', hint: 'run `npm run build`; the kernel needs WebAssembly SIMD' },
  'merge-mismatch': { kind: 'run', en: 'the partial results to merge belong to different runs, tool versions or scenario versions', hint: 'merge only the shards of one run, with the version and scenario that ran them' },
  'merge-incomplete': { kind: 'run', en: 'the partial results to merge leave paths uncovered or cover some twice', hint: 'give each shard of the run exactly once' },
  'invalid-suite': { kind: 'input', en: 'a suite file that does not follow the suite format (each problem is listed as its own issue)', hint: 'see docs/analysis.md, "Suite files"' },
  'unknown-lever': { kind: 'run', en: 'a lever name (in --vary, --lever or a suite) that liqsim does not know', hint: 'see docs/analysis.md for the levers' },
};

/**
 * Why an input file cannot be read (the `reason` of `messages.unreadable`) or a path named in a
 * scenario may not be followed (of `messages.pathRefused`), and what to do about it.
 */
export const readReasons = {
  notFound: 'file not found',
  permissionDenied: 'permission denied',
  pathTooLong: 'the path is too long',
  cannotOpen: (errno: string) => `cannot open it (${errno})`,
  directory: 'it is a directory',
  notRegular: 'it is not a regular file (a device, pipe or socket)',
  /** A FIFO found only when reading it would block. */
  notRegularFound: 'it is not a regular file',
  kernelFileSystem: 'it is on a system file system (/proc, /sys or /dev)',
  cannotRead: (errno: string) => `cannot read it (${errno})`,
  /** Sizes already formatted; `size` when it is known to be larger than one byte over the limit. */
  tooLarge: (limit: string, size?: string) => `it is larger than the limit of ${limit}${size === undefined ? '' : ` (${size})`}`,
  tooLargeHint: 'see "Limits" in docs/scenario-format.md',
  utf16ByteOrderMark: 'the file starts with a UTF-16 byte order mark',
  utf16Zeros: 'the file has a zero byte in every other position: it looks like UTF-16',
  zeroByte: 'the file contains a zero byte: it is not a text file',
  notUtf8: (byte: number) => `byte 0x${byte.toString(16).padStart(2, '0')} is not valid UTF-8: the file looks like Latin-1 / Windows-1252 or another legacy encoding`,
  legacyEncoding: 'a legacy 8-bit encoding',
  /** `suspected`: the encoding the bytes look like (`UTF-16`, `legacyEncoding`), when known. */
  encodingHint: (suspected?: string) =>
    `save the file as UTF-8${suspected === undefined ? '' : ` (it seems to be ${suspected})`}, e.g. \`iconv -f ${suspected === 'UTF-16' ? 'UTF-16' : 'LATIN1'} -t UTF-8\``,
  pathLonger: (limit: number) => `the path is longer than ${limit} characters`,
  pathZeroByte: 'the path contains a zero byte',
  absolutePath: 'absolute paths are not accepted',
  leavesFolder: "the path leaves the scenario's folder",
};

/** A short, quoted rendering of a value found in the input. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (empty)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string' && /[\r\n]/.test(value)) return `text of ${value.length} characters over several lines`;
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `text ${JSON.stringify(text)}`;
  }
  return String(value);
}

/** Lower case without `_`, `-` or spaces, so `dailyLimit`, `daily-limit` and `daily_limit` compare equal. */
function fold(word: string): string {
  return word.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate a typo most likely meant, or undefined when none is close enough: at most about a
 * third of the letters differ, or one is the start of the other (`maturity` -> `maturity_date`).
 * @example closestMatch('credit_line', ['cash', 'credit_lines']) // 'credit_lines'
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const target = fold(word);
  const tolerance = Math.max(1, Math.floor(target.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const folded = fold(candidate);
    const distance = editDistance(target, folded);
    const prefix = Math.min(target.length, folded.length) >= 4 && (folded.startsWith(target) || target.startsWith(folded));
    if ((distance <= tolerance || prefix) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const match = closestMatch(word, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}

function listOf(words: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  const quoted = words.map((w) => `\`${w}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'each key may appear once per mapping; remove or rename one of them',
  BAD_INDENT: 'check the indentation: nested keys need more spaces than their parent, and brackets must be closed',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MISSING_CHAR: 'a bracket, brace or quote is not closed',
  MULTILINE_IMPLICIT_KEY: 'a key and its colon must be on one line; check for a missing colon or quote',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation and that each `key: value` is on its own line',
};

export const messages = {
  yamlSyntax(detail: string, yamlCode: string): Problem {
    return { code: 'yaml-syntax', yamlCode, message: `YAML syntax error: ${detail}`, hint: YAML_HINTS[yamlCode] };
  },
  tooDeep(limit: number): Problem {
    return {
      code: 'too-deep',
      limit,
      message: `the document nests more than ${limit} levels deep`,
      hint: 'a scenario needs about 6 levels; see "Limits" in docs/scenario-format.md',
    };
  },
  tooManyAliases(limit: number): Problem {
    return {
      code: 'too-many-aliases',
      limit,
      message: `the document uses more than ${limit} YAML aliases (\`*name\`) or expands to too many values through them`,
      hint: 'write the values out, or use fewer aliases; see "Limits" in docs/scenario-format.md',
    };
  },
  unknownTag(tag: string): Problem {
    return {
      code: 'unknown-tag',
      tag,
      message: `YAML tag \`${tag}\` is not supported`,
      expected: 'plain values without tags (or the standard `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`)',
      found: `\`${tag}\``,
      hint: 'remove the tag; quote the value if it should be text',
    };
  },
  forbiddenKey(key: string): Problem {
    return { code: 'forbidden-key', key, message: `\`${key}\` cannot be used as a key`, found: `\`${key}\``, hint: 'no scenario key has this name; remove it' };
  },
  emptyDocument(): Problem {
    return {
      code: 'empty-document',
      message: 'the file is empty (or holds only comments)',
      expected: 'a mapping of settings (`key: value` lines)',
      hint: 'start from the smallest scenario in docs/scenario-format.md',
    };
  },
  /** `referenced`: the file is named in another file, so a file not found is most likely a path taken from the wrong folder. */
  unreadable(what: string, file: string, reason: string, hint?: string, code: 'file-not-found' | 'not-a-file' | 'file-too-large' | 'encoding' = 'file-not-found', referenced = false): Problem {
    const relative = referenced && code === 'file-not-found' ? 'the path is relative to the file that names it' : undefined;
    return { code, message: `cannot read ${what} \`${visible(file)}\`: ${reason}`, hint: hint ?? relative };
  },
  pathRefused(what: string, named: string, reason: string): Problem {
    return {
      code: 'path-refused',
      message: `${what} \`${visible(named)}\` is refused: ${reason}`,
      expected: "a path relative to this file, inside the scenario's folder",
      hint: 'move the file next to the scenario, or pass --allow-outside (library: `allowOutside: true`) if you trust it',
    };
  },
  extendsTooDeep(limit: number): Problem {
    return { code: 'extends-too-deep', limit, message: `more than ${limit} files in one \`extends\` chain`, hint: 'see "Limits" in docs/scenario-format.md' };
  },
  tooManyProblems(shown: number, more: number): Problem {
    return {
      code: 'too-many-problems',
      shown,
      more,
      message: `and ${more} more problem${more === 1 ? '' : 's'} (only the first ${shown} are listed)`,
      hint: 'fix these first; is this really a scenario file?',
    };
  },
  /** A list in a file that `extends` another replaces the inherited one; `totals` in currency units where both lists hold amounts. */
  listReplaced(key: string, inherited: number, replacement: number, totals?: { currency: string | undefined; inherited: number; replacement: number }): Problem {
    const currency = totals?.currency ? `${totals.currency} ` : '';
    const amounts = totals === undefined ? '' : ` (${currency}${formatBig(totals.inherited)} -> ${formatBig(totals.replacement)})`;
    return {
      code: 'list-replaced',
      message: `replaces the inherited list of ${inherited} item${inherited === 1 ? '' : 's'} with ${replacement}${amounts}; to add items instead, write \`${key}: { append: [...] }\` (or \`{ replace: [...] }\` to say the replacement is meant)`,
    };
  },
  csvTooManyRows(limit: number): Problem {
    return {
      code: 'csv-too-many-rows',
      limit,
      message: `the CSV file has more than ${limit} data rows; reading stopped here`,
      hint: 'aggregate policies into fewer cohorts (model points); the library API takes a higher limit as `maxCsvRows`',
    };
  },
  csvNotCohorts(): Problem {
    return {
      code: 'csv-syntax',
      message: 'the first line is not a cohort CSV header (no known column); its contents are not shown',
      expected: 'a header such as product,maturity_date,value,count,guaranteed_yield',
    };
  },
  appendNotAList(kind: string): Problem {
    return { code: 'invalid-type', message: `\`${kind}\` must hold a list`, expected: `\`{ ${kind}: [ ... ] }\` with a list of items` };
  },
  appendNothing(kind: string): Problem {
    return {
      code: 'invalid-value',
      message: `\`${kind}\` applies to a list inherited through \`extends\`, but no list is inherited here`,
      hint: 'write the list itself, or check the `extends` file has this key',
    };
  },
  complexKey(): Problem {
    return { code: 'invalid-key', message: 'keys must be plain text', hint: 'write `key: value`' };
  },
  extendsCycle(chain: readonly string[]): Problem {
    return {
      code: 'extends-cycle',
      cycle: [...chain],
      message: `\`extends\` forms a cycle: ${chain.join(' -> ')}`,
      hint: 'a scenario may not extend itself, directly or through other files',
    };
  },
  notAMapping(found: unknown): Problem {
    return {
      code: 'invalid-type',
      message: 'a scenario file must be a mapping of settings',
      expected: 'a mapping (`key: value` lines)',
      // Not quoted: this may be any file named by `extends` (e.g. /etc/passwd with --allow-outside).
      found: typeof found === 'string' ? `text of ${found.length} characters` : describeValue(found),
    };
  },
  unknownKey(key: string, allowed: readonly string[]): Problem {
    return {
      code: 'unknown-key',
      key,
      allowed: [...allowed],
      message: `unknown key \`${key}\``,
      expected: allowed.length > 0 ? `one of ${listOf(allowed)}` : 'no keys here',
      found: `\`${key}\``,
      hint: didYouMean(key, allowed),
    };
  },
  missingKey(key: string, expected: string): Problem {
    return { code: 'missing-key', keys: [key], message: `missing required key \`${key}\``, expected };
  },
  invalidType(expected: string, found: unknown): Problem {
    return { code: 'invalid-type', message: 'wrong type', expected, found: describeValue(found) };
  },
  badFormat(expected: string, found: unknown): Problem {
    return { code: 'invalid-format', message: 'not in the expected format', expected, found: describeValue(found) };
  },
  emptyText(expected: string): Problem {
    return { code: 'invalid-value', message: 'must not be empty', expected, found: 'empty text' };
  },
  tooFewItems(minimum: number, found: number): Problem {
    return { code: 'out-of-range', message: 'too few items', expected: `at least ${minimum}`, found: String(found) };
  },
  tooManyItems(maximum: number, found: number): Problem {
    return { code: 'out-of-range', message: 'too many items', expected: `at most ${maximum}`, found: String(found) };
  },
  invalidKey(key: string, expected: string): Problem {
    return { code: 'invalid-key', message: `\`${key}\` is not a valid key here`, expected, found: `\`${key}\`` };
  },
  invalidValue(detail: string, expected: string, found: unknown): Problem {
    return { code: 'invalid-value', message: detail, expected, found: describeValue(found) };
  },
  notWhole(expected: string, found: unknown): Problem {
    return { code: 'invalid-type', message: 'must be a whole number', expected, found: describeValue(found) };
  },
  outOfRange(expected: string, found: unknown, hint?: string): Problem {
    return { code: 'out-of-range', message: 'value out of range', expected, found: describeValue(found), hint };
  },
  impliedYieldOutOfRange(annualYield: number, ratio: number, days: number, low: number, high: number): Problem {
    const pct = (x: number) => `${Number((x * 100).toPrecision(4))}%`;
    const yieldText = Number.isFinite(annualYield) && Math.abs(annualYield) < 1e6 ? `of ${pct(annualYield)} a year` : 'too large to compute';
    return {
      code: 'implausible-yield',
      ratio,
      days,
      low,
      high,
      message: 'the implied annual yield is implausible',
      expected: `maturity_value / value implying an annual yield from ${pct(low)} to ${pct(high)}: (maturity_value / value)^(365 / days to maturity) − 1`,
      found: `an implied yield ${yieldText} (maturity_value / value = ${Number(ratio.toPrecision(6))} over ${days} day${days === 1 ? '' : 's'})`,
      hint: 'check that value and maturity_value are in the same unit and the maturity date is right; for an unusual product give guaranteed_yield instead',
    };
  },
  notOneOf(allowed: readonly string[], found: unknown): Problem {
    return {
      code: 'invalid-value',
      message: 'not an allowed value',
      expected: `one of ${listOf(allowed)}`,
      found: describeValue(found),
      hint: typeof found === 'string' ? didYouMean(found, allowed) : undefined,
    };
  },
  notAnAmount(found: unknown): Problem {
    return {
      code: 'invalid-amount',
      message: 'not an amount',
      expected: 'an amount in currency units: a number such as 18_000_000_000, 60e9 or 1234.56 (or the same as text)',
      found: describeValue(found),
    };
  },
  negativeAmount(found: unknown): Problem {
    return { code: 'negative-amount', message: 'amounts cannot be negative', expected: 'an amount >= 0', found: describeValue(found) };
  },
  subCentAmount(found: unknown): Problem {
    return {
      code: 'sub-cent-amount',
      message: 'amounts must be whole cents',
      expected: 'at most 2 decimal places',
      found: describeValue(found),
      hint: 'round the amount to the cent',
    };
  },
  /** A sum the scenario implies (not a value it states) beyond exact cents. */
  impliedAmountTooLarge(what: string, cents: number, hint: string): Problem {
    return { code: 'amount-too-large', message: `${what} too large to count exactly in cents`, expected: 'at most 90 trillion (2^53 cents)', found: `about ${(cents / 100).toPrecision(3)} in currency units`, hint };
  },
  amountTooLarge(found: unknown): Problem {
    return { code: 'amount-too-large', message: 'amount too large to count exactly in cents', expected: 'an amount below 90 trillion (2^53 cents)', found: describeValue(found) };
  },
  invalidDate(found: unknown): Problem {
    return { code: 'invalid-date', message: 'not a valid date', expected: 'an ISO date YYYY-MM-DD', found: describeValue(found) };
  },
  invalidDateRange(found: unknown): Problem {
    return {
      code: 'invalid-date',
      message: 'not a valid date or date range',
      expected: 'an ISO date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD',
      found: describeValue(found),
    };
  },
  endBeforeStart(what: string, start: string, end: string): Problem {
    return {
      code: 'end-before-start',
      start,
      end,
      message: `${what} ends before it starts`,
      expected: `a date on or after ${start}`,
      found: end,
    };
  },
  afterScenarioStart(what: string, start: string, found: string, hint?: string): Problem {
    return { code: 'out-of-range', message: `${what} is after the scenario start`, expected: `a date on or before ${start}`, found, hint };
  },
  beforeScenarioStart(what: string, start: string, found: string, hint?: string): Problem {
    return { code: 'out-of-range', message: `${what} is before the scenario start`, expected: `a date on or after ${start}`, found, hint };
  },
  impossibleBeta(mean: number, sd: number): Problem {
    const maxSd = Math.sqrt(mean * (1 - mean));
    return {
      code: 'impossible-distribution',
      mean,
      sd,
      message: `no beta distribution has mean ${mean} and sd ${sd}`,
      expected: `sd below sqrt(mean (1 - mean)) = ${round(maxSd)}`,
      found: String(sd),
      hint: 'lower the sd, or use `{ dist: uniform, low, high }` for a wide range',
    };
  },
  unknownReference(what: string, name: string, known: readonly string[]): Problem {
    return {
      code: 'unknown-reference',
      name,
      known: [...known],
      message: `no ${what} named \`${name}\``,
      expected: known.length > 0 ? `one of ${listOf(known)}` : `a ${what} defined in the scenario`,
      found: `\`${name}\``,
      hint: didYouMean(name, known),
    };
  },
  duplicateName(what: string, name: string): Problem {
    return { code: 'duplicate-name', name, message: `${what} \`${name}\` is defined more than once`, hint: `give each ${what} a distinct name` };
  },
  exactlyOneOf(keys: readonly string[], present: readonly string[]): Problem {
    const expected = `exactly one of ${listOf(keys)}`;
    return present.length === 0
      ? { code: 'missing-key', keys: [...keys], message: `one of ${listOf(keys)} is required`, expected, found: 'none' }
      : { code: 'conflicting-keys', keys: [...present], message: `${listOf(present, 'and')} cannot be used together`, expected, found: listOf(present, 'and') };
  },
  onlyWith(key: string, requires: string): Problem {
    return { code: 'conflicting-keys', keys: [key, requires], message: `\`${key}\` only applies together with \`${requires}\``, hint: `add \`${requires}\` or remove \`${key}\`` };
  },
  sharesAboveOne(total: number): Problem {
    return {
      code: 'out-of-range',
      message: 'claim-lag shares add up to more than 1',
      expected: 'shares summing to at most 1 (the rest stays unclaimed)',
      found: `a total of ${round(total)}`,
    };
  },
  misplacedCash(): Problem {
    return {
      code: 'invalid-value',
      message: '`cash` can only come first in the waterfall',
      hint: 'cash is always used first; list only `credit` and `assets`',
    };
  },
  csvMalformed(detail: string): Problem {
    return { code: 'csv-syntax', message: `CSV syntax error: ${detail}` };
  },
  csvCellCount(expected: number, found: number): Problem {
    return { code: 'csv-syntax', message: 'wrong number of cells in this row', expected: `${expected} cells (one per header column)`, found: `${found}` };
  },
  csvUnknownColumn(column: string, allowed: readonly string[]): Problem {
    return {
      code: 'unknown-key',
      key: column,
      allowed: [...allowed],
      message: `unknown column \`${column}\``,
      expected: `columns ${listOf(allowed)}`,
      found: `\`${column}\``,
      hint: didYouMean(column, allowed),
    };
  },
  csvMissingColumn(column: string): Problem {
    return { code: 'missing-key', keys: [column], message: `missing column \`${column}\` in the header`, expected: 'a header naming every required column' };
  },
  csvDuplicateColumn(column: string): Problem {
    return { code: 'csv-syntax', message: `column \`${column}\` appears twice in the header` };
  },
  policyRow(code: 'policy-missing-field' | 'policy-negative-value' | 'policy-unparsable-number' | 'policy-unknown-product' | 'policy-unparsable-date' | 'policy-maturity-before-issue' | 'policy-matured-before-start' | 'policy-duplicate-policy-id' | 'policy-invalid-value' | 'policy-cell-count', column: string | undefined, detail: string): Problem {
    return {
      code,
      message: column === undefined ? `bad policy row: ${detail}` : `bad policy row, column \`${column}\`: ${detail}`,
      hint: 'fix the row, or set liabilities.policies_rejects to quarantine bad rows and run on the rest',
    };
  },
  parquetUnreadable(detail: string, hint?: string): Problem {
    return { code: 'parquet-unreadable', message: `Parquet file cannot be read: ${detail}`, ...(hint === undefined ? {} : { hint }) };
  },
  rejectsUnusable(file: string, reason: string, code: 'file-not-found' | 'not-a-file' | 'invalid-value'): Problem {
    return { code, message: `cannot write the rejects file \`${visible(file)}\`: ${visible(reason)}`, hint: 'name a file in an existing folder, other than the policy files' };
  },
  rejectsWithoutPolicies(file: string): Problem {
    return {
      code: 'conflicting-keys',
      keys: ['liabilities.policies_rejects', 'liabilities.policies'],
      message: `a rejects file (\`${visible(file)}\`) is given but the scenario has no liabilities.policies`,
      hint: 'the rejects file quarantines bad rows of policy files: name them in liabilities.policies, or drop --rejects',
    };
  },
  policiesRejected(count: number, file: string): Problem {
    return { code: 'policies-rejected', message: `${count} policy row${count === 1 ? '' : 's'} rejected, written to ${file} (row and reason); the run uses the rest` };
  },
  // -- the command line
  optionRepeated(flag: string, values: readonly unknown[]): Problem {
    return { code: 'invalid-option', flag, message: `--${flag} was given ${values.length} times (${values.map(String).join(', ')}); give it once` };
  },
  /** `--flag must be <expected> (found <found>)`; `found` as the user typed it, already quoted where it helps. */
  optionValue(flag: string, expected: string, found: string): Problem {
    return { code: 'invalid-option', flag, message: `--${flag} must be ${expected} (found ${found})`, expected, found };
  },
  csvEmpty(): Problem {
    return { code: 'csv-syntax', message: 'the CSV file has no header line', expected: 'a header such as product,maturity_date,value,count,guaranteed_yield' };
  },
};

/** A name as written, with control characters shown as escapes so they cannot act on a terminal. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `1.2 bn`, `3.4 m`, or the amount to the cent. */
function formatBig(x: number): string {
  if (x >= 1e9) return `${Math.round(x / 1e8) / 10} bn`;
  if (x >= 1e6) return `${Math.round(x / 1e5) / 10} m`;
  return String(Math.round(x * 100) / 100);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
