/**
 * The text of each page of a PDF printed by Chromium (Skia), for print-layout tests, with no PDF
 * library: pages in document order (/Pages /Kids), each page's Flate content streams, its Type0
 * fonts' ToUnicode maps (bfchar / bfrange), and the hex glyph strings of Tj / TJ. Enough for
 * Chromium's own output; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    let from = start + s + 'stream'.length;
    if (text[from] === '\r') from++;
    if (text[from] === '\n') from++;
    const length = /\/Length (\d+)/.exec(body.slice(0, s));
    const raw = pdf.subarray(from, length ? from + Number(length[1]) : start + body.lastIndexOf('endstream'));
    const dict = body.slice(0, s);
    out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return out;
}

function refs(dict: string, key: string): number[] {
  const m = new RegExp(`/${key}\\s*(\\[[^\\]]*\\]|\\d+ 0 R)`).exec(dict);
  return m ? [...m[1].matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1])) : [];
}

/** glyph id (hex, 4 digits) -> text, from a ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1].toUpperCase().padStart(4, '0'), utf16(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      const base = parseInt(m[3], 16);
      for (let g = lo; g <= hi; g++) map.set(g.toString(16).toUpperCase().padStart(4, '0'), String.fromCharCode(base + g - lo));
    }
  }
  return map;
}

/** Each page's text, in page order; text runs joined by spaces. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const fontMaps = new Map<number, Map<string, string>>();
  const fontMap = (id: number) => {
    if (!fontMaps.has(id)) {
      const cmapRef = refs(objs.get(id)?.dict ?? '', 'ToUnicode')[0];
      const cmap = cmapRef === undefined ? null : objs.get(cmapRef)?.stream;
      fontMaps.set(id, cmap ? toUnicode(cmap.toString('latin1')) : new Map());
    }
    return fontMaps.get(id)!;
  };
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const pages: number[] = [];
  const walk = (id: number) => {
    const o = objs.get(id);
    if (!o) return;
    if (/\/Type\s*\/Pages/.test(o.dict)) for (const kid of refs(o.dict, 'Kids')) walk(kid);
    else if (/\/Type\s*\/Page\b/.test(o.dict)) pages.push(id);
  };
  walk(refs(catalog?.dict ?? '', 'Pages')[0]);
  return pages.map((id) => {
    const dict = objs.get(id)!.dict;
    const fonts = new Map<string, number>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(dict);
    for (const m of (fontDict?.[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) fonts.set(m[1], Number(m[2]));
    const content = refs(dict, 'Contents')
      .map((c) => objs.get(c)?.stream?.toString('latin1') ?? '')
      .join('\n');
    const runs: string[] = [];
    let map = new Map<string, string>();
    for (const m of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\]\s*TJ|<[0-9A-Fa-f]*>\s*Tj)/g)) {
      if (m[1] !== undefined) {
        const font = fonts.get(m[1]);
        map = font === undefined ? new Map() : fontMap(font);
        continue;
      }
      const glyphs = [...m[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]).join('');
      runs.push((glyphs.match(/.{4}/g) ?? []).map((g) => map.get(g.toUpperCase()) ?? '').join(''));
    }
    return runs.join(' ').replace(/\s+/g, ' ').trim();
  });
}

/** The MediaBox [width, height] of each page, in points, in page order. */
export function pdfPageSizes(pdf: Buffer): [number, number][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}
