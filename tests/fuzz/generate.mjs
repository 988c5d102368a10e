/**
 * Seeded mutation fuzzer for liqsim's scenario input: the case generator.
 *
 * A case is the bundled scenarios folder (scenarios/*.yaml and data/*.csv) with one file of an entry
 * scenario's chain mutated 1-3 times, at the text level (lines, numbers, scalars, anchors, tags,
 * unicode, indentation, file references, encodings, ...) or at the parsed-value level (keys dropped,
 * wrong types, out-of-range values). The same (seed, index) always gives the same case, so a failing
 * case is reproduced with `npm run fuzz -- --seed S --only N`.
 *
 * Plain JavaScript (no build step): the vitest file and the opt-in runner (run.mjs) both import it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Classes of hostile input that issue 13 assigns to the input-hardening work (branch wt/input). A case
 * carries the classes it touches, so a run can report them separately or skip them until they are fixed.
 */
export const OPEN_CLASSES = {
  'alias-bomb': 'YAML alias expansion without a limit (billion laughs)',
  'deep-nesting': 'deeply nested flow collections (stack overflow)',
  'big-input': 'large files (size limit)',
  encoding: 'non-UTF-8 encodings (UTF-16, Latin-1)',
  tag: 'unknown or exotic YAML tags',
  proto: '__proto__ / constructor keys',
  'outside-path': 'extends / cohorts_csv outside the scenario folder (absolute, ../, /etc, /proc)',
  'special-file': '/dev/zero and FIFOs as file references (hang)',
  'huge-days': 'day counts and horizons of 3e9 and beyond (crash or hang)',
  'empty-file': 'empty or comment-only files (reported without line:col)',
  'number-as-date': 'a date key given as a number (the one-pass cross-checks read it as a day number: a wrong "before the start" message, or exit 3 for -1e308)',
};
const DATE_KEY = /(^|\.)(date|on|from|until|maturity_date|start)$/;

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers: xmur3 string hash seeding sfc32.

function xmur3(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

export function rngFor(seed) {
  const next = xmur3(String(seed));
  let a = next(), b = next(), c = next(), d = next();
  const u32 = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  const float = () => u32() / 4294967296;
  return {
    float,
    int: (n) => Math.floor(float() * n),
    pick: (list) => list[Math.floor(float() * list.length)],
    chance: (p) => float() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// The bundled scenarios.

const SCENARIO_DIR = join(REPO, 'scenarios');

/** Every bundled file as { relative path: text }: scenarios/*.yaml and scenarios/data/*.csv. */
export function bundledFiles() {
  const files = {};
  for (const name of readdirSync(SCENARIO_DIR)) if (name.endsWith('.yaml')) files[name] = readFileSync(join(SCENARIO_DIR, name), 'utf8');
  for (const name of readdirSync(join(SCENARIO_DIR, 'data'))) files[`data/${name}`] = readFileSync(join(SCENARIO_DIR, 'data', name), 'utf8');
  return files;
}

/** The files a scenario reads: itself, the files it extends, and the CSV they name. */
function chainOf(files, entry) {
  const chain = [];
  let current = entry;
  while (current !== undefined && files[current] !== undefined && !chain.includes(current)) {
    chain.push(current);
    const text = files[current];
    const csv = /^\s+cohorts_csv:\s*(\S+)/m.exec(text);
    if (csv && files[csv[1]] !== undefined && !chain.includes(csv[1])) chain.push(csv[1]);
    const parent = /^extends:\s*(\S+)/m.exec(text);
    current = parent ? parent[1] : undefined;
  }
  return chain;
}

// ---------------------------------------------------------------------------------------------
// Text-level mutations of YAML. Each takes (text, r, ctx) and returns { text, op, classes? }.

const EXTREME = ['0', '-1', '1e308', '-1e308', '.nan', 'NaN', '3e9', "''", '""', '.inf', '-.inf', '-0', '1e-320', '9007199254740993', '0x1F', '1_000_000_000_000_000_000', '2.5', '0.0000001', '99999999999999999999999', '1e21'];
const HUGE = new Set(['1e308', '3e9', '.inf', '9007199254740993', '1_000_000_000_000_000_000', '99999999999999999999999', '1e21']);
const COLLECTIONS = ['[]', '{}', '[1, 2]', '{ a: 1 }', 'null', '~', '[[[]]]', '{ "": "" }', 'true', '- x', '"text"', '!!null ""'];
const TAGS = ['!!binary', '!!set', '!!omap', '!!pairs', '!!timestamp', '!custom', '!!js/function', '!!float', '!!str', '!!int', '!!map', '!!seq', '!<tag:example.com,2000:x>', '!', '!!bool'];
const UNICODE = ['\u0000', '\u0007', '\u001b[31mred\u001b[0m', '\u202e', '\ufeff', '\ud800', 'é', '中文', '\t', '\r', '\u2028', '\u0085', '😀', '\u00a0', '\u200b', '\\', '"', "'", '#', ': ', '- ', '&', '*', '!', '|', '>', '%', '@', '`'];
const JUNK = [': :', '- - -', '? complex key', '{', '[', '"unterminated', '%YAML 1.1', '---', '...', '<<: *nope', 'key: *undefined_alias', '  - orphan item', '\t\tkey: tab', 'a: b: c', '[1, 2', '{a: 1', '&anchor', '*', '- { product: savings-3y }'];
const DATES = ['2020-02-30', '2019-12-31', '9999-12-31', '2020-13-01', '0000-00-00', '2020-1-1', '1970-01-01', '2020-01-02T10:00:00Z', '20200102', '2100-01-01', '2020-02-29', '2020-01-24..2019-01-30', '2020-01-24..', '..2020-01-30'];
/** File references for `extends` / `cohorts_csv`: [path, classes] (classes empty = ordinary). */
const REFERENCES = [
  ['base.yaml', []], ['missing.yaml', []], ['maturity-peak-2020q1.yaml', []], ['data/maturity-peak-2020q1.csv', []], ['data', []], ['.', []], ['', []], ['"  "', []],
  ['SELF', []], ['data/missing.csv', []], ['base.yaml\u0000x', []], ['[base.yaml]', []], ['{ a: 1 }', []], ['bank-refuses-line.yaml', []],
  ['../scenarios/base.yaml', ['outside-path']], ['/etc/passwd', ['outside-path']], ['/proc/self/environ', ['outside-path']], ['/dev/null', ['outside-path']],
  ['/', ['outside-path']], ['../../../../../../etc/hostname', ['outside-path']],
  ['/dev/zero', ['special-file', 'outside-path']], ['pipe.yaml', ['special-file']],
];

function lines(text) {
  return text.split('\n');
}

/** Line indexes holding a `key: value` pair (not comments, not blank). */
function pairLines(ls) {
  const out = [];
  ls.forEach((l, i) => {
    if (/^\s*(- )?[A-Za-z_][\w-]*:/.test(l)) out.push(i);
  });
  return out;
}

/** The classes a number replacement touches: huge values on day counts are an open class. */
function hugeClasses(line, value) {
  return HUGE.has(value) && /days|horizon|after_days|claim_lag|\b\d+:/.test(line) ? ['huge-days'] : [];
}

const TEXT_OPS = {
  deleteLine(text, r) {
    const ls = lines(text);
    const i = r.int(ls.length);
    ls.splice(i, 1);
    return { text: ls.join('\n'), op: `delete line ${i + 1}` };
  },
  deleteBlock(text, r) {
    const ls = lines(text);
    const i = r.int(ls.length);
    const n = 1 + r.int(8);
    ls.splice(i, n);
    return { text: ls.join('\n'), op: `delete lines ${i + 1}..${i + n}` };
  },
  duplicateLine(text, r) {
    const ls = lines(text);
    const i = r.int(ls.length);
    const j = r.chance(0.7) ? i : r.int(ls.length);
    ls.splice(j, 0, ls[i]);
    return { text: ls.join('\n'), op: `copy line ${i + 1} before line ${j + 1}` };
  },
  swapLines(text, r) {
    const ls = lines(text);
    const i = r.int(ls.length);
    const j = r.chance(0.5) ? Math.min(ls.length - 1, i + 1) : r.int(ls.length);
    [ls[i], ls[j]] = [ls[j], ls[i]];
    return { text: ls.join('\n'), op: `swap lines ${i + 1} and ${j + 1}` };
  },
  extremeNumber(text, r) {
    const re = /(?<![\w.\-:])-?\d[\d_]*(\.\d+)?([eE][+-]?\d+)?(?![\w\-.:])/g;
    const hits = [...text.matchAll(re)];
    if (hits.length === 0) return TEXT_OPS.deleteLine(text, r);
    const hit = r.pick(hits);
    const value = r.pick(EXTREME);
    const start = text.lastIndexOf('\n', hit.index) + 1;
    const end = text.indexOf('\n', hit.index);
    const line = text.slice(start, end < 0 ? undefined : end);
    return {
      text: text.slice(0, hit.index) + value + text.slice(hit.index + hit[0].length),
      op: `number ${hit[0]} -> ${value} on line ${text.slice(0, hit.index).split('\n').length}`,
      classes: hugeClasses(line, value),
    };
  },
  hugeDays(text, r) {
    // day counts (notice, settlement, lookahead, retry, horizon, claim lag keys) set to huge values
    const hits = [...text.matchAll(/\b(\w*days|horizon_days|\d+)(:\s*)(\d+)/g)].filter((m) => /days|^\d+$/.test(m[1]));
    if (hits.length === 0) return TEXT_OPS.extremeNumber(text, r);
    const hit = r.pick(hits);
    const value = r.pick(['3e9', '1e308', '9007199254740993', '100000', '2147483648', '-1', '0.5']);
    const at = hit.index + hit[1].length + hit[2].length;
    return {
      text: text.slice(0, at) + value + text.slice(at + hit[3].length),
      op: `${hit[1]}: ${hit[3]} -> ${value}`,
      classes: ['3e9', '1e308', '9007199254740993', '2147483648'].includes(value) ? ['huge-days'] : [],
    };
  },
  badDate(text, r) {
    const hits = [...text.matchAll(/\d{4}-\d{2}-\d{2}/g)];
    if (hits.length === 0) return TEXT_OPS.deleteLine(text, r);
    const hit = r.pick(hits);
    const value = r.pick(DATES);
    return { text: text.slice(0, hit.index) + value + text.slice(hit.index + hit[0].length), op: `date ${hit[0]} -> ${value}`, classes: /^\d+$/.test(value) ? ['number-as-date'] : [] };
  },
  scalarToCollection(text, r) {
    const ls = lines(text);
    const cands = pairLines(ls);
    if (cands.length === 0) return TEXT_OPS.deleteLine(text, r);
    const i = r.pick(cands);
    const value = r.pick(COLLECTIONS);
    ls[i] = ls[i].replace(/:\s*(.*)$/, `: ${value}`);
    return { text: ls.join('\n'), op: `value on line ${i + 1} -> ${value}` };
  },
  injectAnchorAlias(text, r) {
    const ls = lines(text);
    const cands = pairLines(ls);
    if (cands.length < 2) return TEXT_OPS.deleteLine(text, r);
    const kind = r.int(4);
    if (kind === 0) {
      // an anchor on one value, an alias in place of another
      const a = r.pick(cands);
      const b = r.pick(cands);
      ls[a] = ls[a].replace(/:\s*/, ': &fz ');
      ls[b] = ls[b].replace(/:\s*(.*)$/, ': *fz');
      return { text: ls.join('\n'), op: `anchor on line ${a + 1}, alias on line ${b + 1}` };
    }
    if (kind === 1) {
      const b = r.pick(cands);
      ls[b] = ls[b].replace(/:\s*(.*)$/, ': *missing_anchor');
      return { text: ls.join('\n'), op: `undefined alias on line ${b + 1}` };
    }
    if (kind === 2) {
      // merge key from an anchored mapping
      return { text: `defaults: &d { base_surrender_rate: 0.5 }\n${text}\nextra: { <<: *d }\n`, op: 'merge key <<' };
    }
    // billion laughs: `depth` levels each repeating the previous `width` times
    const depth = 3 + r.int(7);
    const width = 4 + r.int(6);
    const bomb = ['fz0: &fz0 [lol, lol]'];
    for (let d = 1; d <= depth; d++) bomb.push(`fz${d}: &fz${d} [${Array(width).fill(`*fz${d - 1}`).join(', ')}]`);
    return {
      text: `${bomb.join('\n')}\n${text}`,
      op: `alias bomb depth ${depth} width ${width} (${width}^${depth} nodes)`,
      classes: width ** depth > 10_000 ? ['alias-bomb'] : [],
    };
  },
  injectTag(text, r) {
    const ls = lines(text);
    const cands = pairLines(ls);
    if (cands.length === 0) return TEXT_OPS.deleteLine(text, r);
    const i = r.pick(cands);
    const tag = r.pick(TAGS);
    ls[i] = ls[i].replace(/:\s*/, `: ${tag} `);
    return { text: ls.join('\n'), op: `tag ${tag} on line ${i + 1}`, classes: ['tag'] };
  },
  unicode(text, r) {
    const at = r.int(text.length + 1);
    const ch = r.pick(UNICODE);
    return { text: text.slice(0, at) + ch + text.slice(at), op: `insert ${JSON.stringify(ch)} at offset ${at}` };
  },
  truncate(text, r) {
    const at = r.int(text.length);
    return { text: text.slice(0, at), op: `truncate at offset ${at}` };
  },
  indentation(text, r) {
    const ls = lines(text);
    const i = r.int(ls.length);
    const kind = r.int(3);
    if (kind === 0) ls[i] = ` ${ls[i]}`;
    else if (kind === 1) ls[i] = ls[i].replace(/^ {1,2}/, '');
    else ls[i] = ls[i].replace(/^ +/, (s) => '\t'.repeat(Math.max(1, s.length >> 1)));
    return { text: ls.join('\n'), op: `indentation of line ${i + 1} (${['+1 space', '-2 spaces', 'tabs'][kind]})` };
  },
  duplicateKey(text, r) {
    const ls = lines(text);
    const cands = pairLines(ls).filter((i) => !/^\s*- /.test(ls[i]));
    if (cands.length === 0) return TEXT_OPS.deleteLine(text, r);
    const i = r.pick(cands);
    const key = /^(\s*)([\w-]+):/.exec(ls[i]);
    ls.splice(i + 1, 0, `${key[1]}${key[2]}: 1`);
    return { text: ls.join('\n'), op: `duplicate key ${key[2]} after line ${i + 1}` };
  },
  junkLine(text, r) {
    const ls = lines(text);
    const i = r.int(ls.length + 1);
    const junk = r.pick(JUNK);
    ls.splice(i, 0, junk);
    return { text: ls.join('\n'), op: `insert ${JSON.stringify(junk)} before line ${i + 1}` };
  },
  fileReference(text, r, ctx) {
    const [ref, classes] = r.pick(REFERENCES);
    const named = ref === 'SELF' ? ctx.file : ref;
    const key = r.chance(0.5) ? 'extends' : 'cohorts_csv';
    let out;
    if (key === 'extends') out = /^extends:.*$/m.test(text) ? text.replace(/^extends:.*$/m, `extends: ${named}`) : `extends: ${named}\n${text}`;
    else if (/^\s+cohorts_csv:.*$/m.test(text)) out = text.replace(/^(\s+)cohorts_csv:.*$/m, `$1cohorts_csv: ${named}`);
    else if (/^liabilities:\s*$/m.test(text)) out = text.replace(/^liabilities:\s*$/m, `liabilities:\n  cohorts_csv: ${named}`);
    else out = `${text}\nliabilities:\n  cohorts_csv: ${named}\n`;
    return { text: out, op: `${key}: ${JSON.stringify(named)}`, classes, fifo: ref === 'pipe.yaml' };
  },
  protoKey(text, r) {
    const ls = lines(text);
    const cands = pairLines(ls);
    const i = cands.length ? r.pick(cands) : 0;
    const indent = /^(\s*(- )?)/.exec(ls[i] ?? '')[1].replace('- ', '  ');
    const key = r.pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']);
    ls.splice(i + 1, 0, `${indent}${key}: { polluted: 1 }`);
    return { text: ls.join('\n'), op: `key ${key} after line ${i + 1}`, classes: key === '__proto__' || key === 'constructor' ? ['proto'] : [] };
  },
  deepNesting(text, r) {
    if (text.length > 100_000) return TEXT_OPS.deleteLine(text, r);
    const n = r.pick([50, 500, 5000, 50000]);
    const open = r.chance(0.5) ? '[' : '{a: ';
    const close = open === '[' ? ']' : '}';
    return { text: `${text}\nnested: ${open.repeat(n)}${close.repeat(n)}\n`, op: `nesting depth ${n}`, classes: n > 500 ? ['deep-nesting'] : [] };
  },
  bigInput(text, r) {
    // never grow an already big text again: two stacked x1000 repeats would need gigabytes here
    if (text.length > 100_000) return TEXT_OPS.deleteLine(text, r);
    const times = r.pick([10, 100, 1000]);
    const kind = r.int(2);
    const body = kind === 0 ? `${text}\n`.repeat(times) : `${text}\n# ${'x'.repeat(1000)}\n`.repeat(times);
    return { text: body, op: `repeat file ${times} times${kind ? ' with long comments' : ''}`, classes: body.length > 1_000_000 ? ['big-input'] : [] };
  },
  encoding(text, r) {
    const kind = r.int(5);
    if (kind === 0) return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), op: 'UTF-16LE with BOM', classes: ['encoding'] };
    if (kind === 1) return { bytes: Buffer.from(text.replace('Illustrative', 'Illustratïve'), 'latin1'), op: 'Latin-1 with a non-ASCII byte', classes: ['encoding'] };
    if (kind === 2) return { text: `\ufeff${text}`, op: 'UTF-8 BOM' };
    if (kind === 3) return { text: text.replace(/\n/g, '\r\n'), op: 'CRLF line ends' };
    return { bytes: Buffer.concat([Buffer.from(text.slice(0, 40)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(text.slice(40))]), op: 'invalid UTF-8 bytes at offset 40', classes: ['encoding'] };
  },
  emptyish(text, r) {
    const kind = r.int(4);
    return { text: ['', '# only a comment\n', '\n\n   \n', '---\n...\n'][kind], op: ['empty file', 'comment-only file', 'blank lines only', 'empty document markers'][kind] };
  },
};

/** Relative weights: common, cheap mutations dominate; the expensive hostile ones are rarer. */
const TEXT_WEIGHTS = {
  deleteLine: 8, deleteBlock: 4, duplicateLine: 6, swapLines: 5, extremeNumber: 14, hugeDays: 2, badDate: 5, scalarToCollection: 8,
  injectAnchorAlias: 4, injectTag: 3, unicode: 6, truncate: 4, indentation: 6, duplicateKey: 4, junkLine: 5,
  fileReference: 5, protoKey: 2, deepNesting: 1.5, bigInput: 1, encoding: 2, emptyish: 1,
};

// ---------------------------------------------------------------------------------------------
// CSV mutations.

const CSV_OPS = {
  deleteLine: TEXT_OPS.deleteLine,
  duplicateLine: TEXT_OPS.duplicateLine,
  swapLines: TEXT_OPS.swapLines,
  extremeNumber: TEXT_OPS.extremeNumber,
  badDate: TEXT_OPS.badDate,
  unicode: TEXT_OPS.unicode,
  truncate: TEXT_OPS.truncate,
  encoding: TEXT_OPS.encoding,
  swapColumns(text, r) {
    const ls = lines(text);
    const h = ls.findIndex((l) => l.startsWith('product'));
    if (h < 0) return TEXT_OPS.deleteLine(text, r);
    const cols = ls[h].split(',');
    const i = r.int(cols.length);
    const j = r.int(cols.length);
    [cols[i], cols[j]] = [cols[j], cols[i]];
    ls[h] = r.chance(0.3) ? cols.slice(0, -1).join(',') : r.chance(0.3) ? `${cols.join(',')},extra` : cols.join(',');
    return { text: ls.join('\n'), op: `header -> ${ls[h]}` };
  },
  field(text, r) {
    const ls = lines(text);
    const rows = ls.map((l, i) => i).filter((i) => /^[a-z].*,/.test(ls[i]) && !ls[i].startsWith('product'));
    if (rows.length === 0) return TEXT_OPS.deleteLine(text, r);
    const i = r.pick(rows);
    const cells = ls[i].split(',');
    const c = r.int(cells.length);
    const value = r.pick(['', '"', '"a,b"', '""', ' 1 ', 'x', '-5', '1e400', 'NaN', 'savings-3y', 'unknown-product', '1,2', '=cmd|\' /C calc\'!A0', '\u0000']);
    cells[c] = value;
    ls[i] = r.chance(0.2) ? cells.slice(0, -1).join(',') : cells.join(',');
    return { text: ls.join('\n'), op: `CSV line ${i + 1} field ${c + 1} -> ${JSON.stringify(value)}` };
  },
  manyRows(text, r) {
    if (text.length > 100_000) return TEXT_OPS.deleteLine(text, r);
    const ls = lines(text);
    const row = ls.find((l) => /^[a-z].*,\d/.test(l) && !l.startsWith('product')) ?? 'x';
    const n = r.pick([100, 1000, 20000]);
    return { text: `${text}\n${Array(n).fill(row).join('\n')}\n`, op: `append ${n} rows`, classes: n > 10000 ? ['big-input'] : [] };
  },
};
const CSV_WEIGHTS = { deleteLine: 4, duplicateLine: 3, swapLines: 3, extremeNumber: 8, badDate: 3, unicode: 3, truncate: 2, encoding: 1, swapColumns: 3, field: 8, manyRows: 1 };

// ---------------------------------------------------------------------------------------------
// Parsed-value mutations: parse the YAML, change the tree, write it back (comments are lost).

function allPaths(value, path = [], out = []) {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...path, k], out);
  return out;
}
/**
 * Deeper than this, a parsed tree is changed as text. yaml's `stringify` overflowed the stack on
 * 5000 levels (seed 5, case 142) and, before the JIT had warmed up, on 500 (seed 1, case 1816 run
 * alone); the bundled scenarios are under 10 levels deep, so only an injected nesting is this deep.
 */
const MAX_VALUE_DEPTH = 100;
/**
 * True when a parsed tree cannot be walked and written back: a node contains itself (an injected
 * alias inside its own anchor) or it is nested deeper than MAX_VALUE_DEPTH (an injected deep flow
 * collection the YAML parser took).
 */
function unwalkable(value, above = new Set()) {
  if (value === null || typeof value !== 'object') return false;
  if (above.has(value) || above.size >= MAX_VALUE_DEPTH) return true;
  above.add(value);
  const found = Object.values(value).some((v) => unwalkable(v, above));
  above.delete(value);
  return found;
}
function getAt(value, path) {
  return path.reduce((v, k) => (v == null ? undefined : v[k]), value);
}
function setAt(value, path, next) {
  if (path.length === 0) return next;
  const parent = getAt(value, path.slice(0, -1));
  const key = path[path.length - 1];
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(key, 1);
    else delete parent[key];
  } else parent[key] = next;
  return value;
}
const WRONG = [null, true, 'text', '', [], {}, [1], { x: 1 }, 0, -1, 1.5, '2020-01-02', 1e308, -1e308, 3e9, 2 ** 53 + 2];

function valueOp(text, r) {
  if (text.length > 100_000) return TEXT_OPS.deleteLine(text, r);
  let tree;
  try {
    tree = parse(text, { maxAliasCount: 20, logLevel: 'silent' }); // a bomb throws here instead of expanding in stringify
  } catch {
    return TEXT_OPS.deleteLine(text, r);
  }
  // a cyclic tree (seed 2, case 648) would never finish allPaths or stringify, a very deep one
  // overflows the stack in stringify (seed 5, case 142): a text op instead
  if (tree === null || typeof tree !== 'object' || unwalkable(tree)) return TEXT_OPS.deleteLine(text, r);
  const paths = allPaths(tree).filter((p) => p.length > 0);
  const path = r.pick(paths);
  const where = path.join('.');
  const kind = r.int(4);
  let op;
  const classes = [];
  if (kind === 0) {
    setAt(tree, path, undefined);
    op = `drop ${where}`;
  } else if (kind === 1) {
    const v = r.pick(WRONG);
    setAt(tree, path, structuredClone(v));
    op = `${where} -> ${JSON.stringify(v)}`;
    if (typeof v === 'number' && DATE_KEY.test(where)) classes.push('number-as-date');
    if (typeof v === 'number' && Math.abs(v) >= 3e9 && /days|horizon|claim_lag/.test(where)) classes.push('huge-days');
  } else if (kind === 2) {
    const old = getAt(tree, path);
    const v = typeof old === 'number' ? r.pick([-old, old * 1000, old + 1, -1e-9, 1.0000001, old * 1e12, 0]) : r.pick(WRONG);
    setAt(tree, path, v);
    op = `${where}: ${JSON.stringify(old)} -> ${JSON.stringify(v)}`;
    if (typeof v === 'number' && DATE_KEY.test(where)) classes.push('number-as-date');
    if (typeof v === 'number' && Math.abs(v) >= 3e9 && /days|horizon|claim_lag/.test(where)) classes.push('huge-days');
  } else {
    const parent = path.length > 1 ? getAt(tree, path.slice(0, -1)) : tree;
    if (Array.isArray(parent)) parent.push(structuredClone(parent[0]));
    else if (parent && typeof parent === 'object') parent[r.pick(['unknown_key', 'base_surrender_rte', 'Cash', 'probabilty'])] = 1;
    op = `add an item or unknown key at ${path.slice(0, -1).join('.') || '(top)'}`;
  }
  return { text: stringify(tree, { aliasDuplicateObjects: false }), op, classes };
}

function weighted(r, weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r.float() * total;
  for (const [name, w] of entries) if ((x -= w) < 0) return name;
  return entries[0][0];
}

// ---------------------------------------------------------------------------------------------

/**
 * Case number `index` of the run seeded with `seed`.
 * @returns { index, entry, target, files: { rel: string | Buffer }, ops: string[], classes: string[], fifo }
 */
export function generateCase(seed, index, base = bundledFiles()) {
  const r = rngFor(`liqsim-fuzz:${seed}:${index}`);
  const entries = Object.keys(base).filter((f) => f.endsWith('.yaml')).sort();
  const entry = r.pick(entries);
  const chain = chainOf(base, entry);
  const target = r.chance(0.7) ? entry : r.pick(chain);
  const isCsv = target.endsWith('.csv');
  const files = { ...base };
  const ops = [];
  const classes = new Set();
  let fifo = false;
  const count = 1 + (r.chance(0.4) ? 1 : 0) + (r.chance(0.15) ? 1 : 0);
  let current = files[target];
  for (let i = 0; i < count && typeof current === 'string'; i++) {
    let result;
    if (isCsv) result = CSV_OPS[weighted(r, CSV_WEIGHTS)](current, r, { file: target });
    else if (r.chance(0.25)) result = valueOp(current, r);
    else result = TEXT_OPS[weighted(r, TEXT_WEIGHTS)](current, r, { file: target.split('/').pop() });
    ops.push(`${target}: ${result.op}`);
    for (const c of result.classes ?? []) classes.add(c);
    if (result.fifo) fifo = true;
    current = result.bytes ?? result.text;
  }
  files[target] = current;
  if (typeof current === 'string' && !isCsv && current.split(/\r?\n/).every((l) => /^\s*(#.*)?$|^(---|\.\.\.)\s*$/.test(l.replace(/^\ufeff/, '')))) classes.add('empty-file');
  return { index, seed, entry, target, files, ops, classes: [...classes].sort(), fifo };
}
