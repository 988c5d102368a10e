/**
 * Reading a saved results.json for `liqsim report`. Anything wrong with the file is the user's to
 * fix (wrong path, not JSON, another schema or version, a hand-edited field), so it is a
 * `LiqsimError` that names the file, the position or key path, and what was expected.
 *
 * The check covers every field the report reads; the document itself is returned unchanged.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LiqsimError, type InputIssue } from '../errors.js';
import { CAUSES, PAYOUT_TYPES, RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, type Results } from '../results/types.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD');
const amount = z.number();
const probability = z.number().min(0).max(1);
const interval = z.tuple([probability, probability]);
const byPayoutType = z.object(Object.fromEntries(PAYOUT_TYPES.map((t) => [t, amount])) as Record<(typeof PAYOUT_TYPES)[number], typeof amount>);
const cause = z.enum(CAUSES as [string, ...string[]]);

const resultsShape = z.object({
  schema: z.literal(RESULTS_SCHEMA),
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  meta: z.object({
    tool: z.object({ name: z.string(), version: z.string(), commit: z.string().nullable().optional() }),
    scenario: z.object({
      name: z.string(),
      description: z.string(),
      file: z.string(),
      sha256: z.string(),
      currency: z.string().min(1),
      resolved: z.unknown(),
    }),
    run: z.object({
      seed: z.string(),
      paths: z.number().int().positive(),
      startDate: isoDate,
      endDate: isoDate,
      horizonDays: z.number().int().positive(),
      shortfallThreshold: probability,
      overdueGraceDays: z.number().int().nonnegative(),
      overdueGraceCalendar: z.literal('business').optional(),
      generator: z.string(),
      pathStream: z.string(),
      blockSize: z.number(),
      reproduce: z.string(),
    }),
    statistics: z.object({ quantileMethod: z.string(), sketchRelativeAccuracy: z.number(), intervalMethod: z.string() }),
  }),
  summary: z.object({
    pAnyShortfall: z.object({ estimate: probability, standardError: z.number(), ci95: interval }),
    shortfall: z.object({
      expectedPeak: z.object({ mean: amount, standardError: amount }),
      p95Peak: amount,
      p99Peak: amount,
      tailMean95: amount,
    }),
    firstShortfall: z.object({
      paths: z.number().int().nonnegative(),
      earliest: isoDate.nullable(),
      quantiles: z.object({ p5: isoDate, p50: isoDate, p95: isoDate }).nullable(),
      distribution: z.array(z.object({ date: isoDate, paths: z.number().int(), probability })),
    }),
    windows: z.array(
      z.object({
        start: isoDate,
        end: isoDate,
        days: z.number().int().positive(),
        peakProbability: probability,
        peakDate: isoDate,
        maxExpectedShortfall: amount,
        maxExpectedShortfallDate: isoDate,
        dominantCause: cause,
      }),
    ),
    coverage: z.array(
      z.object({
        horizonDays: z.number().int(),
        coveredDays: z.number().int(),
        sources: amount,
        needs: amount,
        ratio: z.number().nullable(),
        sourcesBreakdown: z.object({ cash: amount, inflows: amount, credit: amount, assets: amount }),
      }),
    ),
    actions: z
      .array(
        z.object({
          name: z.string(),
          type: z.enum(['suspend_surrenders', 'intragroup_loan', 'cancel_outflow', 'outreach']),
          activationProbability: probability,
          activation: z.object({ earliest: isoDate, p5: isoDate, p50: isoDate, p95: isoDate }).nullable(),
          amountKind: z.enum(['provided', 'deferred', 'cancelled']).nullable(),
          meanAmount: amount,
          meanAmountWhenActivated: amount.nullable(),
        }),
      )
      .optional(),
  }),
  daily: z
    .array(
      z.object({
        date: isoDate,
        businessDay: z.boolean(),
        pShortfall: probability,
        pShortfallCi95: interval,
        headroom: z.object({ p1: amount, p5: amount, p50: amount, p95: amount, p99: amount }),
        expectedShortfall: amount,
        expectedShortfallSE: amount,
        expectedBacklog: amount,
        requests: byPayoutType,
        paid: byPayoutType,
        capacity: z.object({ funding: amount, channel: amount, processing: amount }),
        creditDrawn: amount,
        creditDrawnByLine: z.array(amount),
        assetsSold: amount,
        closingCash: amount,
        causeShares: z.object(Object.fromEntries(CAUSES.map((c) => [c, z.number()])) as Record<string, z.ZodNumber>),
        deferred: amount.optional(),
        actionInflows: amount.optional(),
      }),
    )
    .min(1),
  worstPath: z.object({
    path: z.number().int(),
    criterion: z.string(),
    ledger: z.array(
      z.object({
        date: isoDate,
        openingCash: amount,
        inflows: amount,
        assetSales: amount,
        creditDraws: amount,
        payouts: byPayoutType,
        closingCash: amount,
        backlog: amount,
        overdue: amount,
        cause: cause.nullable(),
        deferred: amount.optional(),
        actionInflows: amount.optional(),
      }),
    ),
  }),
});

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
  const parsed = resultsShape.safeParse(document);
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.slice(0, 10).map((issue) => ({
      code: 'invalid-results',
      location: { file },
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: issue.message,
      found: describe(valueAt(document, issue.path)),
      hint,
    }));
    throw new LiqsimError(`${parsed.error.issues.length} problem(s) in the results file; nothing was written.`, { issues });
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
      issues: [{ code: 'json-syntax', location, path: [], message: `not valid JSON: ${message}`, hint: 'results.json must be the file written by `liqsim run`, unmodified.' }],
    });
  }
  return parseResults(document, file);
}
