/**
 * Baselines: the small, committed summary of one scenario's results that `liqsim check` compares
 * new runs with. A baseline keeps only what a reviewer reads in a pull request (headline figures,
 * windows, coverage ratios and a sampled daily series), each with its Monte Carlo standard error
 * where it has one, plus the run identity that decides between exact and statistical comparison.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { errorOf, issueAt } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { isoToEpochDay } from '../dates.js';
import { isoDateSchema, type DailyRow, type IsoDate, type Results } from '../results/types.js';

export const BASELINE_SCHEMA = 'liqsim/baseline';
export const BASELINE_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// The document: one zod schema per part, the types inferred from it (the schema is the source of
// truth; parseBaseline validates with it). Objects are strict: a baseline is hand-edited
// (tolerances), so a misspelt key must be an error, not ignored.

/** An estimate and, where it has one, its Monte Carlo standard error (same unit as the value); value is null only for a coverage ratio whose needs are zero. */
const figureSchema = z.strictObject({ value: z.number().nullable(), se: z.number().nonnegative().optional() });
export type Figure = z.infer<typeof figureSchema>;

/** A date estimate (a quantile of the first shortfall date) with its standard error in days. */
const dateFigureSchema = z.strictObject({ value: isoDateSchema, seDays: z.number().nonnegative().optional() });
export type DateFigure = z.infer<typeof dateFigureSchema>;

/**
 * Per-figure tolerance a user may add by hand; a figure passes when within either bound. `abs`:
 * absolute difference allowed (currency units, probability, ratio, or days for dates); `rel`:
 * difference allowed relative to the baseline value (0.05 = 5%).
 */
const toleranceSchema = z
  .strictObject({ abs: z.number().nonnegative().optional(), rel: z.number().nonnegative().optional() })
  .refine((t) => t.abs !== undefined || t.rel !== undefined, 'a tolerance needs "abs", "rel" or both');
export type Tolerance = z.infer<typeof toleranceSchema>;

const baselineWindowSchema = z.strictObject({ start: isoDateSchema, end: isoDateSchema, peakDate: isoDateSchema, peakProbability: figureSchema });
export type BaselineWindow = z.infer<typeof baselineWindowSchema>;

const baselineDaySchema = z.strictObject({ date: isoDateSchema, pShortfall: figureSchema, expectedShortfall: figureSchema });
export type BaselineDay = z.infer<typeof baselineDaySchema>;

/** Everything that decides whether two runs must agree to the last digit. */
const runIdentitySchema = z.strictObject({
  seed: z.string(),
  paths: z.number().int().positive(),
  toolVersion: z.string(),
  resultsSchemaVersion: z.number().int(),
  engine: z.strictObject({ generator: z.string(), pathStream: z.string(), blockSize: z.number().int() }),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  shortfallThreshold: z.number().min(0).max(1),
});
export type RunIdentity = z.infer<typeof runIdentitySchema>;

export const baselineSchema = z.strictObject({
  schema: z.literal(BASELINE_SCHEMA),
  version: z.literal(BASELINE_VERSION),
  scenario: z.strictObject({ file: z.string(), name: z.string(), sha256: z.string(), currency: z.string() }),
  run: runIdentitySchema,
  headline: z.strictObject({
    pAnyShortfall: figureSchema,
    expectedPeak: figureSchema,
    p95Peak: figureSchema,
    p99Peak: figureSchema,
    tailMean95: figureSchema,
    /** Quantiles of the first shortfall date; null when no path has a shortfall. */
    firstShortfallP5: dateFigureSchema.nullable(),
    firstShortfallP50: dateFigureSchema.nullable(),
    firstShortfallP95: dateFigureSchema.nullable(),
  }),
  /** Coverage ratio (sources / needs) by requested horizon, keyed "30d", "90d", "365d". */
  coverage: z.record(z.string().regex(/^\d+d$/, 'a horizon such as "30d"'), figureSchema),
  windows: z.array(baselineWindowSchema),
  daily: z.array(baselineDaySchema),
  /** Hand-set tolerances by figure id (see `FIGURE_IDS`); kept by `--update`. */
  tolerances: z.record(z.string(), toleranceSchema).optional(),
});
export type Baseline = z.infer<typeof baselineSchema>;

export type HeadlineKey = keyof Baseline['headline'];
export const HEADLINE_KEYS: readonly HeadlineKey[] = [
  'pAnyShortfall',
  'expectedPeak',
  'p95Peak',
  'p99Peak',
  'tailMean95',
  'firstShortfallP5',
  'firstShortfallP50',
  'firstShortfallP95',
];

/** Figure ids that a tolerance may name, besides `coverage.<N>d`. */
export const FIGURE_IDS: readonly string[] = [...HEADLINE_KEYS, 'daily.pShortfall', 'daily.expectedShortfall'];

export function isKnownFigureId(id: string): boolean {
  return FIGURE_IDS.includes(id) || /^coverage\.\d+d$/.test(id);
}

// ---------------------------------------------------------------------------------------------
// Rounding (dates: ../dates.ts)

/** Probabilities are kept to 1e-6, as in results.json. */
export function roundProbability(x: number): number {
  return roundTo(x, 6);
}

/** Money to the cent. */
export function roundMoney(x: number): number {
  return roundTo(x, 2);
}

/** Ratios and day counts to 6 significant digits. */
export function roundSignificant(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(6));
}

function roundTo(x: number, decimals: number): number {
  const rounded = Number(x.toFixed(decimals));
  return rounded === 0 ? 0 : rounded; // never -0 in a file
}

// ---------------------------------------------------------------------------------------------
// Building a baseline from results

/** Binomial standard error of a proportion estimated from `paths` paths. */
export function proportionSE(p: number, paths: number): number {
  return paths > 0 ? Math.sqrt(Math.max(0, p * (1 - p)) / paths) : 0;
}

function probabilityFigure(value: number, se: number): Figure {
  return { value: roundProbability(value), se: roundProbability(se) };
}

function moneyFigure(value: number, se?: number): Figure {
  return se === undefined ? { value: roundMoney(value) } : { value: roundMoney(value), se: roundMoney(se) };
}

/** One date's figures as a baseline keeps them (also used to read any date of a new run). */
export function dailyFigures(row: DailyRow, paths: number): BaselineDay {
  return {
    date: row.date,
    pShortfall: probabilityFigure(row.pShortfall, proportionSE(row.pShortfall, paths)),
    expectedShortfall: moneyFigure(row.expectedShortfall, row.expectedShortfallSE),
  };
}

/** Sampled days: every `step`-th day from the start, the last day, and each window's start, peak and end. */
export function dailySampleStep(horizonDays: number): number {
  return Math.max(7, Math.ceil(horizonDays / 52));
}

/**
 * A quantile of the first shortfall date with a standard error in days, read from the full
 * distribution of first shortfall dates: the dates at ranks q ± sqrt(q(1-q)/n) bracket the
 * estimate by about one standard error each side (the order-statistic interval).
 */
export function firstShortfallQuantile(
  value: IsoDate,
  q: number,
  distribution: readonly { date: IsoDate; paths: number }[],
): DateFigure {
  const n = distribution.reduce((sum, d) => sum + d.paths, 0);
  if (n === 0) return { value };
  const spread = Math.sqrt((q * (1 - q)) / n);
  const at = (p: number) => dateAtShare(distribution, n, p);
  return { value, seDays: roundSignificant((at(q + spread) - at(q - spread)) / 2) };
}

/**
 * The first date (epoch day) by which a share `p` of the `n` paths in `distribution` (sorted by
 * date, not empty) had their first shortfall; p is clamped to [0, 1].
 */
export function dateAtShare(distribution: readonly { date: IsoDate; paths: number }[], n: number, p: number): number {
  const rank = Math.min(1, Math.max(0, p)) * n;
  let cumulative = 0;
  for (const d of distribution) {
    cumulative += d.paths;
    if (cumulative >= rank && cumulative > 0) return isoToEpochDay(d.date);
  }
  return isoToEpochDay(distribution[distribution.length - 1].date);
}

/** The baseline of one run. `file` is the scenario file; only its name is kept. */
export function baselineFromResults(results: Results, file: string): Baseline {
  const { meta, summary } = results;
  const paths = meta.run.paths;
  const first = summary.firstShortfall;
  const sortedFirst = [...first.distribution].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const dateQuantile = (key: 'p5' | 'p50' | 'p95', q: number): DateFigure | null =>
    first.quantiles === null ? null : firstShortfallQuantile(first.quantiles[key], q, sortedFirst);

  // The named ratio checked under `coverage.<N>d`: the Basel-style LCR of the regulatory path
  // (deterministic, so compared exactly); results without the regulatory figures have none.
  const coverage: Record<string, Figure> = {};
  const basel = summary.regulatory?.basel;
  if (basel) coverage[`${basel.cover.coveredDays}d`] = { value: basel.ratio === null ? null : roundSignificant(basel.ratio) };

  const windows: BaselineWindow[] = summary.windows.map((w) => ({
    start: w.start,
    end: w.end,
    peakDate: w.peakDate,
    peakProbability: probabilityFigure(w.peakProbability, proportionSE(w.peakProbability, paths)),
  }));

  const step = dailySampleStep(results.daily.length);
  const sampled = new Set<IsoDate>();
  results.daily.forEach((row, i) => {
    if (i % step === 0 || i === results.daily.length - 1) sampled.add(row.date);
  });
  for (const w of windows) {
    sampled.add(w.start);
    sampled.add(w.peakDate);
    sampled.add(w.end);
  }
  const daily: BaselineDay[] = results.daily.filter((row) => sampled.has(row.date)).map((row) => dailyFigures(row, paths));

  return {
    schema: BASELINE_SCHEMA,
    version: BASELINE_VERSION,
    scenario: {
      file: basename(file),
      name: meta.scenario.name,
      sha256: meta.scenario.sha256,
      currency: meta.scenario.currency,
    },
    run: {
      seed: meta.run.seed,
      paths,
      toolVersion: meta.tool.version,
      resultsSchemaVersion: results.schemaVersion,
      engine: { generator: meta.run.generator, pathStream: meta.run.pathStream, blockSize: meta.run.blockSize },
      startDate: meta.run.startDate,
      endDate: meta.run.endDate,
      shortfallThreshold: meta.run.shortfallThreshold,
    },
    headline: {
      pAnyShortfall: probabilityFigure(summary.pAnyShortfall.estimate, summary.pAnyShortfall.standardError),
      expectedPeak: moneyFigure(summary.shortfall.expectedPeak.mean, summary.shortfall.expectedPeak.standardError),
      p95Peak: moneyFigure(summary.shortfall.p95Peak),
      p99Peak: moneyFigure(summary.shortfall.p99Peak),
      tailMean95: moneyFigure(summary.shortfall.tailMean95),
      firstShortfallP5: dateQuantile('p5', 0.05),
      firstShortfallP50: dateQuantile('p50', 0.5),
      firstShortfallP95: dateQuantile('p95', 0.95),
    },
    coverage,
    windows,
    daily,
  };
}

// ---------------------------------------------------------------------------------------------
// Files

/**
 * JSON with sorted keys, 2-space indent and a trailing newline; an object whose values are all
 * plain numbers or strings (a figure, a tolerance, the engine) stays on one line, so a changed
 * figure is a one-line diff.
 */
export function serializeBaseline(baseline: Baseline): string {
  return baselineText(baseline);
}

/** A baseline document's text: sorted keys, 2-space indentation, flat objects on one line, a trailing newline. */
export function baselineText(value: unknown): string {
  return `${stringify(value, '')}\n`;
}

function stringify(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + stringify(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => v === null || typeof v !== 'object')) {
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
  }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** Parses a baseline document's JSON and validates it with `schema`; problems name the file and the key path. */
export function parseBaselineDocument<T>(schema: z.ZodType<T>, text: string, file: string, what = 'baseline'): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw errorOf(runMessages.baselineNotJson(file, (error as Error).message));
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      issueAt(
        { file },
        issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        runMessages.baselineIssue(issue.message),
      ),
    );
    throw errorOf(runMessages.baselineInvalid(what), issues);
  }
  return parsed.data;
}

/** Parses and validates a baseline file's text; problems name the file and the key path. */
export function parseBaseline(text: string, file: string): Baseline {
  const baseline = parseBaselineDocument(baselineSchema, text, file);
  const unknown = Object.keys(baseline.tolerances ?? {}).filter((id) => !isKnownFigureId(id));
  if (unknown.length > 0) {
    const issues = unknown.map((id) => issueAt({ file }, ['tolerances', id], runMessages.baselineUnknownFigure(id, [...FIGURE_IDS, 'coverage.<N>d'])));
    throw errorOf(runMessages.baselineUnknownTolerances(), issues);
  }
  return baseline;
}

/** Reads a baseline, or returns null when the file does not exist. */
export async function readBaseline(file: string): Promise<Baseline | null> {
  const text = await readBaselineText(file);
  return text === null ? null : parseBaseline(text, file);
}

/** A baseline file's text, or null when the file does not exist. */
export async function readBaselineText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw errorOf(runMessages.baselineNotReadable(file, (error as Error).message));
  }
}
