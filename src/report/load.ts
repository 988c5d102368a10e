/**
 * Reading a saved results.json for `liqsim report`. Anything wrong with the file is the user's to
 * fix (wrong path, not JSON, another schema or version, a hand-edited field), so it is a
 * `LiqsimError` that names the file, the position or key path, and what was expected.
 *
 * The check is the document's one schema (results/types.ts); the document itself is returned
 * unchanged, so keys a newer writer added survive.
 */
import { readFile } from 'node:fs/promises';
import type { InputIssue } from '../errors.js';
import { errorOf, issueAt } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
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
  const schema = (document as { schema?: unknown } | null)?.schema;
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (schema !== RESULTS_SCHEMA || version !== RESULTS_SCHEMA_VERSION) {
    const found = schema === RESULTS_SCHEMA ? `version ${describe(version)}` : `schema ${describe(schema)}`;
    const path = schema === RESULTS_SCHEMA ? ['schemaVersion'] : ['schema'];
    const issue = issueAt({ file }, path, runMessages.resultsUnsupportedIssue(`schema "${RESULTS_SCHEMA}" version ${RESULTS_SCHEMA_VERSION}`, found));
    throw errorOf(runMessages.resultsUnsupported(), [issue]);
  }
  const parsed = resultsSchema.safeParse(document);
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.slice(0, 10).map((issue) =>
      issueAt(
        { file },
        issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
        runMessages.resultsIssue(issue.message, describe(valueAt(document, issue.path))),
      ),
    );
    throw errorOf(runMessages.resultsProblems(parsed.error.issues.length), issues);
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
    throw errorOf(runMessages.resultsNotReadable(), [issueAt({ file }, [], runMessages.resultsNotReadableIssue(reason))]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const location = at ? { file, ...lineColumn(text, Number(at[1])) } : { file };
    throw errorOf(runMessages.resultsNotJson(), [issueAt(location, [], runMessages.resultsNotJsonIssue(message))]);
  }
  return parseResults(document, file);
}
