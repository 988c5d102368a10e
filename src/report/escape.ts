/**
 * HTML escaping. Every string that reaches the report from a scenario or a results file passes
 * through `escapeHtml` before it is written into markup, so a scenario named
 * `<script>alert(1)</script>` prints as text.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
