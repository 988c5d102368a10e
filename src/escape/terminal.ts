/**
 * Terminal escaping. A scenario name, key or file name is user input: printed raw, an escape
 * sequence in it could recolour, hide or rewrite earlier lines of a CI log (`\x1b[2K`, `\r`), set
 * the window title or forge a "PASS" line (`\n`). Every user-provided string printed to stdout or
 * stderr passes through `terminalText` (one field) or `terminalLines` (a whole message).
 */

/**
 * C0 controls, DEL, C1 controls (0x80-0x9f, which some terminals read as CSI), and the Unicode
 * bidirectional overrides and isolates that reorder what is shown ("Trojan Source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function visible(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One field on one line: every control character shown as a visible escape (`\x1b`, `\n`). */
export function terminalText(value: unknown): string {
  return String(value).replace(UNSAFE, visible);
}

/**
 * A whole message of several lines written by liqsim itself: newlines and tabs stay, every other
 * control character (a user string that reached it unescaped) is shown as a visible escape.
 */
export function terminalLines(value: unknown): string {
  return String(value).replace(UNSAFE_KEEP_LINES, visible);
}
