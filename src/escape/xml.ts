/**
 * XML 1.0 escaping, for JUnit reports (`liqsim check --junit`). Markup characters become entities;
 * characters XML 1.0 does not allow at all (C0 controls other than tab/newline/CR, lone UTF-16
 * surrogates, U+FFFE/U+FFFF) would make the whole file unreadable to a CI server, so they are shown
 * as visible escapes (`\x1b`) instead. Quotes are escaped too, so the result is safe in attributes.
 */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(value: unknown): string {
  return String(value)
    .replace(INVALID_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * For attribute values: also tab, newline and CR as character references, which an XML parser would
 * otherwise normalise to spaces.
 */
export function xmlAttribute(value: unknown): string {
  return xmlText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
