/**
 * Markdown escaping, for `liqsim check --summary` (a CI job summary, e.g. $GITHUB_STEP_SUMMARY,
 * where raw HTML and external images render). A scenario file name, key or error message is user
 * input: outside a code block every character that could start Markdown or HTML syntax is
 * backslash-escaped; inside a fenced block or code span the fence is longer than any backtick run in
 * the text, so the text cannot close it.
 */
import { terminalText } from './terminal.js';

/** Longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * ASCII punctuation that starts inline or block syntax: emphasis, code, links and images (`![`),
 * raw HTML and entities (`<`, `&`), tables (`|`), headings, strikethrough, math (`$`), footnotes (`^`).
 * CommonMark lets any ASCII punctuation be backslash-escaped, so escaping more than needed is harmless.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#!|~&$^]/g;

/** Text on one line outside code: table cells, headings, list items. Control characters made visible. */
export function markdownText(value: unknown): string {
  return terminalText(value).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** A fenced code block whose fence no backtick run in `text` can close. */
export function markdownFence(text: string): string {
  const body = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => terminalText(c));
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}text\n${body}\n${fence}`;
}

/** An inline code span that `text` cannot close (on one line). */
export function markdownCode(value: unknown): string {
  const text = terminalText(value);
  const ticks = '`'.repeat(longestBacktickRun(text) + 1);
  // A space inside the ticks when the text starts or ends with a backtick (CommonMark strips one).
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}
