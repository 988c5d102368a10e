/**
 * daily.csv column names for the credit lines: named after each line's bank as the report does
 * ("Bank A" -> `credit_drawn_bank_a`), so a spreadsheet user need not count lines in the YAML.
 * Bank names are user input: they are reduced to [a-z0-9_] (nothing a spreadsheet could read as a
 * formula, no commas or quotes) and made unique, in scenario order.
 */
import type { Results } from './types.js';

/** `Bank A` -> `bank_a`; letters of any script are kept only as ASCII, anything else becomes `_`. */
export function columnSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents dropped: "Crédit" -> "credit"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
}

/**
 * One column name per credit line, in scenario order: `credit_drawn_<bank>`; `credit_drawn_line_N`
 * when the bank name has no ASCII letters or digits; `_2`, `_3`, ... appended when two lines would
 * share a name (two lines from one bank).
 */
export function creditLineColumns(banks: readonly (string | undefined)[]): string[] {
  const used = new Set<string>();
  return banks.map((bank, i) => {
    const slug = bank === undefined ? '' : columnSlug(bank);
    const base = `credit_drawn_${slug === '' ? `line_${i + 1}` : slug}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

/**
 * The banks of a results document's credit lines, in scenario order (undefined for a line without
 * a bank name): the names the results carry (`meta.funding.creditLines`), or, in results files
 * written before they did, the resolved scenario's `funding.credit_lines`. The one reader of these
 * names for daily.csv and the report's charts.
 */
export function creditLineBanks(meta: Results['meta']): (string | undefined)[] {
  // `meta.funding` is typed once results/types.ts declares it (issue 17); read structurally until then.
  const carried = (meta as { funding?: { creditLines?: unknown } }).funding?.creditLines;
  const resolved = (meta.scenario.resolved as { funding?: { credit_lines?: unknown } } | null | undefined)?.funding?.credit_lines;
  const lines = Array.isArray(carried) ? carried : Array.isArray(resolved) ? resolved : [];
  return lines.map((line: unknown) => {
    const bank = (line as { bank?: unknown } | null | undefined)?.bank;
    return typeof bank === 'string' ? bank : undefined;
  });
}
