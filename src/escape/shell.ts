/**
 * Words for a POSIX shell: the command lines liqsim prints and records (`meta.run.reproduce`, the
 * check report's hints) can be pasted back into a terminal.
 */

/**
 * Quotes a word for a POSIX shell only when it needs it.
 * @example shellQuote('scenarios/base.yaml') // 'scenarios/base.yaml'
 * @example shellQuote("it's") // `'it'\''s'`
 */
export function shellQuote(word: string): string {
  return /^[\w./:=@+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
