/**
 * An HTML table from escaped cells: one helper for the report's sections (html.ts, regulatory.ts).
 */
import { escapeHtml as e } from './escape.js';

/** A table with a header row (headers escaped here; cells are HTML already); `num` columns align right. */
export function tableHtml(headers: { text: string; num?: boolean }[], rows: string[][], className = ''): string {
  const head = headers.map((h) => `<th scope="col"${h.num ? ' class="num"' : ''}>${e(h.text)}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((c, i) => (headers[i]?.num ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
