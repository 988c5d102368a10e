/**
 * `liqsim suite`: members run with common random numbers (the same seed and paths: path i of every
 * member draws from the same stream), per member the usual results, and per figure the paired delta
 * against the base with its paired standard error (./paired.ts).
 *
 * A member's scenario is loaded as by `liqsim run`; `overrides` (a partial scenario, merged key by
 * key, lists replaced) are applied to the resolved scenario, which is then validated and compiled
 * again; `presets` (./variants.ts) are applied to the compiled model, and recorded in the member's
 * results under `meta.scenario.resolved.suite_presets` (its sha256 is that of the recorded document).
 * A member with neither is exactly `liqsim run FILE --seed S --paths N`: the same bytes.
 *
 * Besides the four shortfall figures, the regulatory ratios (sensitivity's defaults, or `--ratio`)
 * are compared as sensitivity compares them: each ratio's mean and P(below floor), paired deltas by
 * ./paired.ts. A member runs with totals, so its per-path ratios come from the engine's path
 * statistics, which only a scenario with a `regulatory:` key computes: a member without one has null
 * ratio figures (as its results.json has no ratio distributions), and no ratio deltas.
 */
import { parseIsoDate } from '../dates.js';
import { compileModel } from '../model/compile.js';
import type { Model } from '../model/types.js';
import { loadScenario, withOverrides, type LoadedScenario } from '../model/load.js';
import { scenarioHash } from '../scenario/index.js';
import { scenarioSchema } from '../scenario/schema.js';
import { OriginMap, isPlainObject } from '../scenario/locations.js';
import { locateIssues } from '../scenario/issues.js';
import { resultsFromTotals } from '../results/run.js';
import type { Results, ShortfallWindow } from '../results/types.js';
import { LiqsimError } from '../errors.js';
import { errorOf, issueAt } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import { pathStatCount } from '../engine/path-stats.js';
import type { PathFigures } from './figures.js';
import {
  FIGURE_KEYS,
  FIGURE_LABELS,
  FIGURE_UNITS,
  RATIO_METHOD,
  dailyOverdueProbability,
  dailyPairedDeltas,
  digitsOf,
  figure,
  figureLabel,
  figureUnit,
  overdueInWindow,
  pairedDelta,
  pairedOfSeries,
  ratioFigureKeys,
  ratioOf,
  round,
  roundedDelta,
  type AnyFigureKey,
  type FigureKey,
  type FigureUnit,
  type PairedDelta,
  type RatioFigureKey,
  type RatioKey,
} from './paired.js';
import { ratioFigures } from './ratio-figures.js';
import { ratiosOption } from './sensitivity.js';
import type { PairedRunner } from './pool.js';
import type { SuiteMember, SuiteSpec } from './suite-file.js';
import { applyPreset } from './variants.js';
import { resultsWithLevers } from './levers.js';

export interface MemberRun {
  member: SuiteMember;
  loaded: LoadedScenario;
  model: Model;
  results: Results;
  figures: PathFigures;
}

/** Deep merge of `over` into `base`: mappings merged key by key, anything else replaced. */
export function mergeOverrides(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeOverrides(base[k], v) : v;
  return out;
}

/** The member's scenario (overrides applied) and model (seed, paths and presets applied). */
export function memberModel(member: SuiteMember, loaded: LoadedScenario, common: { seed?: string; paths?: number }, suiteFile?: string): { loaded: LoadedScenario; model: Model } {
  let l = loaded;
  let model = loaded.model;
  if (member.overrides !== undefined) {
    const resolved = mergeOverrides(loaded.resolved, member.overrides);
    const parsed = scenarioSchema.safeParse(resolved);
    if (!parsed.success) {
      // Located in the suite file: at the override that caused the problem, else at `overrides:`.
      const origins = member.overridesOrigins ?? new OriginMap();
      const issues = locateIssues(parsed.error.issues, { schema: scenarioSchema, value: resolved, origins, file: suiteFile ?? loaded.file }).map((i) => ({
        ...i,
        path: [...member.path, 'overrides', ...i.path],
        message: runMessages.memberOverrideIssue(member.name, i.message).message,
      }));
      throw errorOf(runMessages.memberOverridesInvalid(member.name), issues);
    }
    model = compileModel(parsed.data);
    l = { ...loaded, resolved, sha256: scenarioHash(resolved), model };
  }
  model = withOverrides(model, common);
  if (member.presets.length > 0) {
    for (const p of member.presets) model = applyPreset(model, p);
    const resolved = isPlainObject(l.resolved) ? { ...l.resolved, suite_presets: member.presets } : l.resolved;
    l = { ...l, resolved, sha256: scenarioHash(resolved), model };
  }
  return { loaded: l, model };
}

/** Runs every member with the same seed and paths (the suite's, else the base's). */
export async function runSuite(spec: SuiteSpec, runner: PairedRunner, onMember?: (m: SuiteMember) => void, options: { levers?: boolean } = {}): Promise<MemberRun[]> {
  const cache = new Map<string, LoadedScenario>();
  const load = (file: string) => {
    let l = cache.get(file);
    if (!l) cache.set(file, (l = loadScenario(file)));
    return l;
  };
  // Load and check every member before simulating any.
  const baseLoaded = load(spec.members[spec.base].file);
  const common = { seed: spec.seed ?? baseLoaded.model.seed, paths: spec.paths ?? baseLoaded.model.paths };
  // Every member's override problems at once, each at its place in the suite file.
  const problems: LiqsimError[] = [];
  const prepared = spec.members.flatMap((member) => {
    try {
      return [{ member, ...memberModel(member, load(member.file), common, spec.file) }];
    } catch (error) {
      if (!(error instanceof LiqsimError) || error.code !== 'invalid-scenario' || member.overrides === undefined) throw error;
      problems.push(error);
      return [];
    }
  });
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    throw errorOf(runMessages.membersOverridesInvalid(problems.length), problems.flatMap((e) => e.issues));
  }
  const ratios = suiteRatios(spec, prepared[spec.base].model);
  const out: MemberRun[] = [];
  for (const p of prepared) {
    onMember?.(p.member);
    // With totals the ratios come from the path statistics: none without a regulatory: key.
    const withRatios = ratios.length > 0 && pathStatCount(p.model) > 0;
    const { figures, totals } = await runner.run(p.model, true, withRatios);
    out.push({ ...p, results: resultsWithLevers(p.model, resultsFromTotals(p.loaded, p.model, totals!), options), figures });
  }
  return out;
}

/**
 * The ratios a suite compares (`spec.ratios`, else sensitivity's defaults), checked against the base
 * member's model: one from the suite file that is not a ratio of it is reported at its place there.
 */
export function suiteRatios(spec: SuiteSpec, baseModel: Model): RatioKey[] {
  const at = spec.ratioLocations;
  if (spec.ratios !== undefined && at !== undefined) {
    const allowed = ratioFigures(baseModel).map((f) => f.key);
    const wrong = spec.ratios.flatMap((k, i) => (k === 'none' || allowed.includes(k) ? [] : [issueAt(at[i], ['ratios', i], runMessages.suiteRatioUnknown(k, allowed))]));
    if (wrong.length > 0) throw errorOf(runMessages.suiteProblems(spec.file, wrong.length), wrong);
  }
  return ratiosOption(baseModel, spec.ratios);
}

export interface MemberSummary {
  name: string;
  role: 'base' | 'stress';
  file: string;
  presets: unknown[];
  overrides: unknown;
  /** Folder of the member's results and report, relative to suite.json. */
  dir: string;
  scenario: string;
  startDate: string;
  horizonDays: number;
  figures: Record<FigureKey, number | null>;
  windows: ShortfallWindow[];
  /** Paired deltas against the base (absent for the base itself). */
  deltas: Record<FigureKey, PairedDelta> | null;
  /** Per window of the base: P(overdue on a date of the window), member against base. */
  baseWindows: { start: string; end: string; member: number; base: number; delta: PairedDelta }[] | null;
  /** Daily P(overdue), and the paired delta and SE against the base (null when the calendars differ). */
  daily: { pOverdue: number[]; delta: number[] | null; se: number[] | null };
  /**
   * The ratio figures (the suite's `ratioFigures`); null when the member's scenario has no
   * `regulatory:` key (per-path ratios need its path statistics). A figure is null when the member
   * does not compute that ratio (other horizons).
   */
  ratioFigures: Record<RatioFigureKey, number | null> | null;
  /** Paired deltas of the ratio figures against the base: null for the base, and when the member's or the base's ratio figures are. */
  ratioDeltas: Record<RatioFigureKey, PairedDelta> | null;
}

export interface SuiteJson {
  schema: 'liqsim/suite';
  suite: string;
  description: string;
  file: string;
  seed: string;
  paths: number;
  commonRandomNumbers: true;
  base: string;
  method: string;
  figures: { key: FigureKey; label: string; unit: string }[];
  /** The regulatory ratio figures compared: each ratio's mean and P(below floor), with the floor ([] with `--ratio none`). */
  ratioFigures: { key: RatioFigureKey; label: string; unit: FigureUnit; floor: number }[];
  members: MemberSummary[];
}

const NO_DELTA: PairedDelta = { delta: null, se: null, unpairedSe: null, significant: false };

/** Whether a run kept the figure: always for the four shortfall figures; a ratio's when the run read that ratio. */
const kept = (f: PathFigures, k: AnyFigureKey): boolean => {
  const r = ratioOf(k);
  return r === null || f.ratioFigures.some((x) => x.key === r.ratio);
};

/** A run's figures, rounded (null when not kept). */
function valuesOf<K extends AnyFigureKey>(f: PathFigures, keys: readonly K[]): Record<K, number | null> {
  return Object.fromEntries(keys.map((k) => [k, kept(f, k) ? round(figure(f, k), digitsOf(k)) : null])) as Record<K, number | null>;
}

/** Paired deltas of a member's figures against the base's, rounded as the figures. */
function deltasOf<K extends AnyFigureKey>(member: PathFigures, base: PathFigures, keys: readonly K[]): Record<K, PairedDelta> {
  return Object.fromEntries(keys.map((k) => [k, kept(member, k) && kept(base, k) ? roundedDelta(pairedDelta(member, base, k), k) : NO_DELTA])) as Record<K, PairedDelta>;
}

export function suiteJson(spec: SuiteSpec, runs: MemberRun[]): SuiteJson {
  const base = runs[spec.base];
  const sameCalendar = (r: MemberRun) => r.model.startDay === base.model.startDay && r.model.horizonDays === base.model.horizonDays;
  const dayIndex = (iso: string) => parseIsoDate(iso)! - base.model.startDay;
  const ratioKeys = ratioFigureKeys(suiteRatios(spec, base.model));
  const withRatios = (r: MemberRun) => ratioKeys.length > 0 && r.figures.ratioFigures.length > 0;
  const members = runs.map((r, i): MemberSummary => {
    const isBase = i === spec.base;
    const figs = valuesOf(r.figures, FIGURE_KEYS);
    const deltas = isBase ? null : deltasOf(r.figures, base.figures, FIGURE_KEYS);
    const same = sameCalendar(r);
    const baseWindows =
      isBase || !same
        ? null
        : base.results.summary.windows.map((w) => {
            const xm = overdueInWindow(r.figures, dayIndex(w.start), dayIndex(w.end));
            const xb = overdueInWindow(base.figures, dayIndex(w.start), dayIndex(w.end));
            const d = pairedOfSeries(xm, xb);
            return { start: w.start, end: w.end, member: round(d.delta! + mean(xb), 6)!, base: round(mean(xb), 6)!, delta: roundedDelta(d, 'pAnyShortfall') };
          });
    const daily = dailyPairedDeltas(r.figures, base.figures);
    return {
      name: r.member.name,
      role: isBase ? 'base' : 'stress',
      file: r.member.file,
      presets: r.member.presets,
      overrides: r.member.overrides ?? null,
      dir: r.member.name,
      scenario: r.results.meta.scenario.name,
      startDate: r.results.meta.run.startDate,
      horizonDays: r.model.horizonDays,
      figures: figs,
      windows: r.results.summary.windows,
      deltas,
      baseWindows,
      daily: {
        pOverdue: Array.from(dailyOverdueProbability(r.figures), (x) => round(x, 6)!),
        delta: isBase || !same ? null : daily.map((d) => round(d.delta, 6)!),
        se: isBase || !same ? null : daily.map((d) => round(d.se, 6)!),
      },
      ratioFigures: withRatios(r) ? valuesOf(r.figures, ratioKeys) : null,
      ratioDeltas: isBase || !withRatios(r) || !withRatios(base) ? null : deltasOf(r.figures, base.figures, ratioKeys),
    };
  });
  const baseRatios = { ratioFigures: ratioFigures(base.model) };
  return {
    schema: 'liqsim/suite',
    suite: spec.name,
    description: spec.description,
    file: spec.file,
    seed: base.model.seed,
    paths: base.model.paths,
    commonRandomNumbers: true,
    base: base.member.name,
    method:
      'paired differences over paths with common random numbers: delta = mean_i(X_i^member - X_i^base), SE = sd_i(X_i^member - X_i^base)/sqrt(n); quantile figures: difference of the lower-rank quantiles over all paths, SE from 20 batch means; significant: |delta| > 2 SE' +
      (ratioKeys.length > 0 ? `; ${RATIO_METHOD}` : ''),
    figures: FIGURE_KEYS.map((key) => ({ key, label: FIGURE_LABELS[key], unit: FIGURE_UNITS[key] })),
    ratioFigures: ratioKeys.map((key) => ({ key, label: figureLabel(key, baseRatios), unit: figureUnit(key), floor: baseRatios.ratioFigures.find((x) => x.key === ratioOf(key)!.ratio)!.floor })),
    members,
  };
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length === 0 ? 0 : s / x.length;
}
