/**
 * Vega-Lite spec -> static SVG, in Node, with no browser and no network.
 *
 * Text widths are estimated by a fixed rule rather than measured with a canvas, so layout (and
 * therefore the SVG) is the same on every machine, with or without the optional `canvas` package.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * A Vega logger (vega-util's LoggerInterface) that collects warnings so tests can insist on none,
 * and turns errors into exceptions. Methods are closures: Vega calls them detached.
 */
function collectingLogger() {
  const warnings: string[] = [];
  let currentLevel = 2;
  const logger = {
    warnings,
    level(value?: number) {
      if (value === undefined) return currentLevel;
      currentLevel = value;
      return logger;
    },
    error(...args: readonly unknown[]): never {
      throw new Error(`chart rendering failed: ${args.map(String).join(' ')}`);
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

const CJK_OR_FULLWIDTH = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const NARROW = /[ .,:;!|'ijlt()[\]\-/]/;

/**
 * Width of `text` in px for a sans-serif font: full-width (CJK) characters 1 em, narrow punctuation
 * 0.3 em, capitals 0.68 em, everything else 0.57 em; bold adds 6%. Errs slightly wide so labels
 * that fit here fit in Arial, Liberation Sans or Helvetica in the browser.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (CJK_OR_FULLWIDTH.test(ch)) em += 1;
    else if (NARROW.test(ch)) em += 0.3;
    else if (ch >= 'A' && ch <= 'Z') em += 0.68;
    else em += 0.57;
  }
  return em * fontSize * (bold ? 1.06 : 1);
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

function installTextMetrics(): void {
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const value = text == null ? '' : String(text).trim();
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    return estimateTextWidth(value, item.fontSize ?? 11, bold);
  };
}

/** Compiles a Vega-Lite spec to Vega, returning the compiler's warnings. */
export function compileSpec(spec: TopLevelSpec): { vega: vega.Spec; warnings: string[] } {
  const logger = collectingLogger();
  const compiled = compile(spec, { logger: logger as never });
  return { vega: compiled.spec, warnings: logger.warnings };
}

/** Renders a Vega-Lite spec to a standalone SVG document (with its xmlns, fit for a .svg file). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const { vega: vegaSpec } = compileSpec(spec);
  const logger = collectingLogger();
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logger: logger as never });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients with a process-wide counter, so the same chart rendered
 * twice gets different ids. Renumber them per SVG, in order of appearance: same input, same bytes.
 */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!ids.has(match[1])) ids.set(match[1], `${match[1].replace(/\d+$/, '')}${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/\bhref="#([^"]+)"/g, (_, id: string) => `href="#${rename(id)}"`);
}

/**
 * The same SVG made fit to sit inside an HTML page next to other charts:
 * - no xmlns attributes (HTML needs none, and the page must not contain any URL at all);
 * - ids (clip paths, gradients) prefixed with the chart name so charts on one page cannot clash;
 * - an accessible name.
 */
export function inlineSvg(svg: string, idPrefix: string, ariaLabel: string): string {
  const prefix = idPrefix.replace(/[^A-Za-z0-9_-]/g, '_');
  const label = ariaLabel.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return svg
    .replace(/\s+xmlns(:[a-z]+)?="[^"]*"/g, '')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/\bhref="#([^"]+)"/g, `href="#${prefix}-$1"`)
    .replace(/^<svg\b/, `<svg role="img" aria-label="${label}"`);
}
