#!/usr/bin/env node
/**
 * The dependency rule of src/: the folders are the data flow. Run by `npm test`
 * (tests/design/dependency-rule.test.ts) and by hand: `node scripts/dependency-rule.mjs [dir]`
 * prints each violation as file:line and exits 1 when there is one.
 *
 * RULE below is the one table of allowed imports (README, "Design", says it in words):
 * - a file may import files of its own group, of any EARLIER stage, and leaf helpers;
 * - never a later stage (an upward import against the flow), nor a sibling stage of the same rank
 *   (report and check do not import each other);
 * - leaf helpers import only leaf helpers;
 * - no circle of imports between files, whatever their groups (type-only imports count too:
 *   they tie the files as much as any other);
 * - every .ts file of src/ belongs to a group: a new folder is placed here first.
 *
 * No dependency: the import statements are found by a small tokenizer that skips comments,
 * strings, template literals and regular expressions (TypeScript 7 has no compiler API, and
 * dependency-cruiser needs one for .ts files).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The allowed-edges table. Folders end in '/', files do not; paths are relative to src/. */
export const RULE = {
  /** Imported from anywhere; they import only each other. */
  // regulatory/config.ts (asset classes, presets) and regulatory/formulas.ts (the ratios as pure
  // functions of their line items) import only dates.ts and each other: the scenario schema, the
  // model and the engine's per-path statistics all read them.
  leaves: ['errors.ts', 'messages/', 'dates.ts', 'version.ts', 'io/', 'escape/', 'regulatory/config.ts', 'regulatory/formulas.ts'],
  /** In flow order: each stage may import the stages before it. Groups in one row are siblings. */
  stages: [
    ['scenario/'], // YAML, schema, located issues: the Scenario
    ['model/'], // compile: Scenario -> Model (and loadScenario, which does both)
    ['engine/'], // reference model, kernel, threads, shards: Model -> RunTotals
    ['regulatory/'], // RunTotals (per-path statistics) + the regulatory path -> the ratio pack (issue 14)
    ['results/'], // RunTotals -> Results; run and merge
    ['analysis/'], // figures computed from results and re-runs (issues 14, 15)
    ['report/', 'check/'], // Results -> HTML / SVG; Results -> baselines and comparisons
    ['index.ts', 'cli/'], // the library's public barrel; the command-line shell
  ],
};

// ---------------------------------------------------------------------------------------------
// finding imports

const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Tokens of TypeScript text: identifiers and strings (with their line) and single punctuation
 * characters; comments, template text and regular expressions are skipped (a template's `${...}`
 * code is tokenized).
 */
export function tokenize(text) {
  const tokens = [];
  const templateDepth = []; // brace depth at which each open template's `${` resumes
  let depth = 0;
  let line = 1;
  let i = 0;
  const n = text.length;
  const regexAllowed = () => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.type === 'word') return REGEX_AFTER_WORD.has(prev.value);
    if (prev.type === 'string' || prev.type === 'number') return false;
    return !(prev.value === ')' || prev.value === ']' || prev.value === '}');
  };
  const skipTemplate = () => {
    // at the character after ` or after the } that closes a `${`
    while (i < n) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '`') {
        i++;
        tokens.push({ type: 'string', value: null, line });
        return;
      }
      if (c === '$' && text[i + 1] === '{') {
        i += 2;
        templateDepth.push(depth);
        depth++;
        return;
      }
      i++;
    }
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
    } else if (c === "'" || c === '"') {
      const start = line;
      let value = '';
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\') {
          value += text[i + 1];
          i += 2;
        } else {
          if (text[i] === '\n') line++;
          value += text[i++];
        }
      }
      i++;
      tokens.push({ type: 'string', value, line: start });
    } else if (c === '`') {
      i++;
      skipTemplate();
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      while (i < n && text[i] !== '\n') {
        if (text[i] === '\\') i += 2;
        else if (text[i] === '[') inClass = true, i++;
        else if (text[i] === ']') inClass = false, i++;
        else if (text[i] === '/' && !inClass) break;
        else i++;
      }
      i++;
      while (i < n && /[a-z]/i.test(text[i])) i++;
      tokens.push({ type: 'regex', value: null, line });
    } else if (/[A-Za-z_$]/.test(c)) {
      const start = i;
      while (i < n && /[\w$]/.test(text[i])) i++;
      tokens.push({ type: 'word', value: text.slice(start, i), line });
    } else if (/[0-9]/.test(c)) {
      while (i < n && /[\w.]/.test(text[i])) i++;
      tokens.push({ type: 'number', value: null, line });
    } else {
      i++;
      if (c === '{') depth++;
      if (c === '}') {
        depth--;
        if (templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === depth) {
          templateDepth.pop();
          skipTemplate();
          continue;
        }
      }
      tokens.push({ type: 'punct', value: c, line });
    }
  }
  return tokens;
}

const CLAUSE_PUNCT = new Set(['{', '}', ',', '*']);

/**
 * The module specifiers a file imports: `import ... from 'x'`, `import 'x'`, `import('x')`,
 * `export ... from 'x'` (type-only forms included).
 * @returns [{ specifier, line }]
 */
export function importsOf(text) {
  const t = tokenize(text);
  const found = [];
  for (let k = 0; k < t.length; k++) {
    const tok = t[k];
    if (tok.type !== 'word' || (tok.value !== 'import' && tok.value !== 'export')) continue;
    if (k > 0 && t[k - 1].type === 'punct' && t[k - 1].value === '.') continue;
    const next = t[k + 1];
    if (!next) break;
    if (tok.value === 'import' && next.type === 'string') {
      found.push({ specifier: next.value, line: tok.line });
      continue;
    }
    if (tok.value === 'import' && next.value === '(' && t[k + 2]?.type === 'string' && t[k + 2].value !== null) {
      found.push({ specifier: t[k + 2].value, line: tok.line });
      continue;
    }
    // import/export clause: words, braces, commas and * up to `from 'x'`
    for (let j = k + 1; j < t.length; j++) {
      const x = t[j];
      if (x.type === 'word' && x.value === 'from' && t[j + 1]?.type === 'string' && j > k + 1) {
        found.push({ specifier: t[j + 1].value, line: tok.line });
        break;
      }
      if (!(x.type === 'word' || (x.type === 'punct' && CLAUSE_PUNCT.has(x.value)))) break;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// the graph

function tsFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

/** The .ts file a relative specifier names, or null (a package, or not a TypeScript file). */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.(m?js)$/, (_, ext) => (ext === 'mjs' ? '.mts' : '.ts')), `${base}.ts`, join(base, 'index.ts')];
  for (const c of candidates) if (c.endsWith('.ts') && existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/**
 * The import graph of the TypeScript files under `root`.
 * @returns { files: string[], edges: { from, to, line }[] } with paths relative to root, '/'-separated
 */
export function importGraph(dir) {
  const root = resolve(dir);
  const rel = (p) => relative(root, p).split(sep).join('/');
  const files = tsFiles(root);
  const edges = [];
  for (const file of files) {
    for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, specifier);
      if (target && target.startsWith(root + sep)) edges.push({ from: rel(file), to: rel(target), line });
    }
  }
  return { files: files.map(rel), edges };
}

// ---------------------------------------------------------------------------------------------
// the rule

/** The group of a file: { name, leaf, rank } or null when the rule does not place it. */
export function groupOf(file, rule = RULE) {
  const matches = (entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry);
  const leaf = rule.leaves.find(matches);
  if (leaf) return { name: leaf, leaf: true, rank: -1 };
  for (const [rank, row] of rule.stages.entries()) {
    const name = row.find(matches);
    if (name) return { name, leaf: false, rank };
  }
  return null;
}

/** Why an import from `a` (group) to `b` (group) breaks the rule, or null when it is allowed. */
function edgeProblem(a, b) {
  if (a.name === b.name || b.leaf) return null;
  if (a.leaf) return `leaf helper ${a.name} imports from stage ${b.name}`;
  if (b.rank > a.rank) return `upward import: ${a.name} comes before ${b.name} in the flow`;
  if (b.rank === a.rank) return `sideways import between sibling stages ${a.name} and ${b.name}`;
  return null;
}

/** Circles of imports (strongly connected components of more than one file, or a self-import). */
export function importCycles(files, edges) {
  const next = new Map(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  // Tarjan's algorithm, iterative
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const cycles = [];
  let counter = 0;
  for (const start of files) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const succ = next.get(v) ?? [];
      if (i < succ.length) {
        frame[1]++;
        const w = succ[i];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v), index.get(w)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(v)));
      }
      if (low.get(v) === index.get(v)) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || succ.includes(v)) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

/**
 * Checks the import graph of `root` against `rule`.
 * @returns violations, each { file, line?, message }, sorted; empty when the rule holds
 */
export function checkDependencies(root, rule = RULE) {
  const { files, edges } = importGraph(resolve(root));
  const problems = [];
  for (const file of files) {
    if (!groupOf(file, rule)) problems.push({ file, message: 'not placed in the dependency rule: add its folder to RULE in scripts/dependency-rule.mjs' });
  }
  for (const e of edges) {
    const a = groupOf(e.from, rule);
    const b = groupOf(e.to, rule);
    if (!a || !b) continue;
    const why = edgeProblem(a, b);
    if (why) problems.push({ file: e.from, line: e.line, message: `imports ${e.to}: ${why}` });
  }
  for (const cycle of importCycles(files, edges)) {
    problems.push({ file: cycle[0], message: `import cycle: ${cycle.join(' <-> ')}` });
  }
  return problems.sort((x, y) => x.file.localeCompare(y.file) || (x.line ?? 1e9) - (y.line ?? 1e9));
}

export function formatProblem(p) {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const problems = checkDependencies(root);
  for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
  process.stdout.write(problems.length === 0 ? 'dependency rule: no violations\n' : `dependency rule: ${problems.length} violation(s)\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
