/** Small string helpers to read the generated HTML in tests (no DOM library needed). */
import { expect } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/report/html.js';

export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Visible text of an HTML fragment: tags removed, entities decoded, whitespace collapsed. */
export function textOf(fragment: string): string {
  return decodeEntities(fragment.replace(/<br\s*\/?>/g, ' ').replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The markup of `<section id="...">` up to its closing tag (sections are not nested). */
export function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section #${id}`);
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
}

/** Body rows of the first `<table class="className">`, as cell texts. */
export function tableRows(html: string, className: string): string[][] {
  const start = html.indexOf(`<table class="${className}"`);
  if (start < 0) throw new Error(`no table.${className}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1])),
  );
}

/** Names of all attributes of all tags (quoted values skipped, so escaped text inside them is ignored). */
export function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<[a-zA-Z][\w-]*((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g)) {
    for (const attr of tag[1].matchAll(/\s+([^\s=>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g)) names.push(attr[1]);
  }
  return names;
}

/** Self-containment and safety rules every page must follow. */
export function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(img|iframe|object|embed|link|base|form)\b/i);
  for (const name of attributeNames(html)) {
    expect(name).not.toMatch(/^on/i); // no inline event handlers
    expect(['src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background']).not.toContain(name.toLowerCase());
  }
  expect(html).not.toMatch(/url\((?!#)/i); // only in-document references (clip paths)
  expect(html).not.toMatch(/@import|@font-face/i);
  const csp = html.indexOf(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}">`);
  expect(csp).toBeGreaterThan(0);
  expect(csp).toBeLessThan(html.indexOf('<style>'));
  expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
}
