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
 * The credit lines a results document lists, in scenario order: `meta.funding.creditLines`, or for
 * a file written before that existed, the resolved scenario's `funding.credit_lines` (raw YAML).
 */
function listedCreditLines(meta: Pick<Results['meta'], 'funding' | 'scenario'>): readonly unknown[] {
  if (meta.funding !== undefined) return meta.funding.creditLines;
  const lines = (meta.scenario.resolved as { funding?: { credit_lines?: unknown } } | null)?.funding?.credit_lines;
  return Array.isArray(lines) ? lines : [];
}

/**
 * The banks of a results document's first `count` credit lines (all it lists when `count` is
 * omitted), in scenario order; undefined where a line has no bank name.
 */
export function creditLineBanks(meta: Pick<Results['meta'], 'funding' | 'scenario'>, count?: number): (string | undefined)[] {
  const lines = listedCreditLines(meta);
  return Array.from({ length: count ?? lines.length }, (_, i) => {
    const bank = (lines[i] as { bank?: unknown } | undefined)?.bank;
    return typeof bank === 'string' ? bank : undefined;
  });
}
