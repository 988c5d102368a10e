/**
 * The catalogue of everything the scenario layer can say is wrong with an input. Each factory returns
 * a `Problem` (what and why, no location); `issueAt` pins it to a file, line, column and key path.
 * Keeping the wording here makes messages consistent and lets tests assert on them.
 */
import type { InputIssue, SourceLocation } from '../errors.js';
import type { KeyPath } from './locations.js';

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly found?: string;
  readonly hint?: string;
}

export function issueAt(location: SourceLocation, path: KeyPath, problem: Problem): InputIssue {
  const issue: InputIssue = { code: problem.code, location, path: [...path], message: problem.message };
  if (problem.expected !== undefined) issue.expected = problem.expected;
  if (problem.found !== undefined) issue.found = problem.found;
  if (problem.hint !== undefined) issue.hint = problem.hint;
  return issue;
}

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
    return { code: 'yaml-syntax', message: `YAML syntax error: ${detail}`, hint: YAML_HINTS[yamlCode] };
  },
  tooDeep(limit: number): Problem {
    return {
      code: 'too-deep',
      message: `the document nests more than ${limit} levels deep`,
      hint: 'a scenario needs about 6 levels; see "Limits" in docs/scenario-format.md',
    };
  },
  tooManyAliases(limit: number): Problem {
    return {
      code: 'too-many-aliases',
      message: `the document uses more than ${limit} YAML aliases (\`*name\`) or expands to too many values through them`,
      hint: 'write the values out, or use fewer aliases; see "Limits" in docs/scenario-format.md',
    };
  },
  unknownTag(tag: string): Problem {
    return {
      code: 'unknown-tag',
      message: `YAML tag \`${tag}\` is not supported`,
      expected: 'plain values without tags (or the standard `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`)',
      found: `\`${tag}\``,
      hint: 'remove the tag; quote the value if it should be text',
    };
  },
  forbiddenKey(key: string): Problem {
    return { code: 'forbidden-key', message: `\`${key}\` cannot be used as a key`, found: `\`${key}\``, hint: 'no scenario key has this name; remove it' };
  },
  emptyDocument(): Problem {
    return {
      code: 'empty-document',
      message: 'the file is empty (or holds only comments)',
      expected: 'a mapping of settings (`key: value` lines)',
      hint: 'start from the smallest scenario in docs/scenario-format.md',
    };
  },
  unreadable(what: string, file: string, reason: string, hint?: string, code = 'file-not-found'): Problem {
    return { code, message: `cannot read ${what} \`${visible(file)}\`: ${reason}`, hint };
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
    return { code: 'extends-too-deep', message: `more than ${limit} files in one \`extends\` chain`, hint: 'see "Limits" in docs/scenario-format.md' };
  },
  tooManyProblems(shown: number, more: number): Problem {
    return {
      code: 'too-many-problems',
      message: `and ${more} more problem${more === 1 ? '' : 's'} (only the first ${shown} are listed)`,
      hint: 'fix these first; is this really a scenario file?',
    };
  },
  csvTooManyRows(limit: number): Problem {
    return {
      code: 'csv-too-many-rows',
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
  fileNotFound(what: string, file: string, reason: string, referenced: boolean): Problem {
    return {
      code: 'file-not-found',
      message: `cannot read ${what} \`${file}\`: ${reason}`,
      hint: referenced ? 'the path is relative to the file that names it' : undefined,
    };
  },
  extendsCycle(chain: readonly string[]): Problem {
    return {
      code: 'extends-cycle',
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
      message: `unknown key \`${key}\``,
      expected: allowed.length > 0 ? `one of ${listOf(allowed)}` : 'no keys here',
      found: `\`${key}\``,
      hint: didYouMean(key, allowed),
    };
  },
  missingKey(key: string, expected: string): Problem {
    return { code: 'missing-key', message: `missing required key \`${key}\``, expected };
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
      message: `no beta distribution has mean ${mean} and sd ${sd}`,
      expected: `sd below sqrt(mean (1 - mean)) = ${round(maxSd)}`,
      found: String(sd),
      hint: 'lower the sd, or use `{ dist: uniform, low, high }` for a wide range',
    };
  },
  unknownReference(what: string, name: string, known: readonly string[]): Problem {
    return {
      code: 'unknown-reference',
      message: `no ${what} named \`${name}\``,
      expected: known.length > 0 ? `one of ${listOf(known)}` : `a ${what} defined in the scenario`,
      found: `\`${name}\``,
      hint: didYouMean(name, known),
    };
  },
  duplicateName(what: string, name: string): Problem {
    return { code: 'duplicate-name', message: `${what} \`${name}\` is defined more than once`, hint: `give each ${what} a distinct name` };
  },
  exactlyOneOf(keys: readonly string[], present: readonly string[]): Problem {
    return {
      code: present.length === 0 ? 'missing-key' : 'conflicting-keys',
      message: present.length === 0 ? `one of ${listOf(keys)} is required` : `${listOf(present, 'and')} cannot be used together`,
      expected: `exactly one of ${listOf(keys)}`,
      found: present.length === 0 ? 'none' : listOf(present, 'and'),
    };
  },
  onlyWith(key: string, requires: string): Problem {
    return { code: 'conflicting-keys', message: `\`${key}\` only applies together with \`${requires}\``, hint: `add \`${requires}\` or remove \`${key}\`` };
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
      message: `unknown column \`${column}\``,
      expected: `columns ${listOf(allowed)}`,
      found: `\`${column}\``,
      hint: didYouMean(column, allowed),
    };
  },
  csvMissingColumn(column: string): Problem {
    return { code: 'missing-key', message: `missing column \`${column}\` in the header`, expected: 'a header naming every required column' };
  },
  csvDuplicateColumn(column: string): Problem {
    return { code: 'csv-syntax', message: `column \`${column}\` appears twice in the header` };
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

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
