/**
 * Reading a saved results.json for `liqsim report`. Anything wrong with the file is the user's to
 * fix (wrong path, not JSON, another schema or version, a hand-edited field), so it is a
 * `LiqsimError` that names the file, the position or key path, and what was expected.
 *
 * The check is the document's one schema (results/types.ts); the document itself is returned
 * unchanged, so keys a newer writer added survive.
 */
import { readFile } from 'node:fs/promises';
import { LiqsimError, type InputIssue } from '../errors.js';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, resultsSchema, type Results } from '../results/types.js';

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = document;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Validates a parsed results document; `file` is only used in messages. */
export function parseResults(document: unknown, file: string): Results {
  const hint = 'results.json is written by `liqsim run`; re-run the scenario to get a fresh one.';
  const schema = (document as { schema?: unknown } | null)?.schema;
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (schema !== RESULTS_SCHEMA || version !== RESULTS_SCHEMA_VERSION) {
    const found = schema === RESULTS_SCHEMA ? `version ${describe(version)}` : `schema ${describe(schema)}`;
    throw new LiqsimError('not a liqsim results file this version can read; nothing was written.', {
      code: 'invalid-results',
      issues: [
        {
          code: 'invalid-results',
          location: { file },
          path: schema === RESULTS_SCHEMA ? ['schemaVersion'] : ['schema'],
          message: 'unsupported results document',
          expected: `schema "${RESULTS_SCHEMA}" version ${RESULTS_SCHEMA_VERSION}`,
          found,
          hint,
        },
      ],
    });
  }
  const parsed = resultsSchema.safeParse(document);
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.slice(0, 10).map((issue) => ({
      code: 'invalid-results',
      location: { file },
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: issue.message,
      found: describe(valueAt(document, issue.path)),
      hint,
    }));
    throw new LiqsimError(`${parsed.error.issues.length} problem(s) in the results file; nothing was written.`, { code: 'invalid-results', issues });
  }
  return document as Results;
}

/** Reads and validates a results.json file. */
export async function loadResults(file: string): Promise<Results> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new LiqsimError('cannot read the results file; nothing was written.', {
      code: 'file-not-readable',
      issues: [
        {
          code: 'file-not-readable',
          location: { file },
          path: [],
          message: `cannot read the results file (${reason})`,
          hint: 'give the path of a results.json written by `liqsim run`, e.g. out/my-scenario/results.json',
        },
      ],
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const location = at ? { file, ...lineColumn(text, Number(at[1])) } : { file };
    throw new LiqsimError('the results file is not valid JSON; nothing was written.', {
      code: 'json-syntax',
      issues: [{ code: 'json-syntax', location, path: [], message: `not valid JSON: ${message}`, hint: 'results.json must be the file written by `liqsim run`, unmodified.' }],
    });
  }
  return parseResults(document, file);
}
