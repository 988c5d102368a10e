/**
 * Comparing a new run with a baseline. Two modes, chosen from the run identity:
 * - exact: same seed, paths, engine and tool version, so the deterministic engine must reproduce
 *   every figure to the last digit; any difference is a change of behaviour;
 * - statistical: otherwise; a figure passes when its difference is within k combined standard
 *   errors, or within a tolerance (hand-set per figure, or the default relative tolerance for
 *   figures without a standard error); windows may move by a few days or within noise.
 */
import { isoDate, isoToEpochDay } from '../dates.js';
import type { IsoDate, Results } from '../results/types.js';
import {
  type Baseline,
  type BaselineWindow,
  type DateFigure,
  type Figure,
  type HeadlineKey,
  type Tolerance,
  HEADLINE_KEYS,
  baselineFromResults,
  dateAtShare,
  dailyFigures,
} from './baseline.js';

export type FigureGroup = 'headline' | 'windows' | 'coverage' | 'daily';
export const FIGURE_GROUPS: readonly FigureGroup[] = ['headline', 'windows', 'coverage', 'daily'];

/** How a figure's value reads: decides formatting only. */
export type Unit = 'probability' | 'money' | 'ratio' | 'date' | 'window';

export interface FigureCheck {
  group: FigureGroup;
  /** The figure id tolerances use ('pAnyShortfall', 'coverage.30d', 'daily.pShortfall'); 'window' for a window. */
  id: string;
  /** The date of a daily figure. */
  date?: IsoDate;
  unit: Unit;
  /** Values as stored: numbers, ISO dates, or 'start..end' for windows; null when undefined. */
  baseline: number | string | null;
  now: number | string | null;
  /** now - baseline in the figure's unit (days for dates and windows); null when not comparable. */
  difference: number | null;
  /** The largest difference allowed and where that allowance comes from ('4 SE', 'rel 10%', ...). */
  allowed: number | null;
  basis: string;
  /** difference / combined standard error, for figures that have one. */
  z: number | null;
  moved: boolean;
  passed: boolean;
  /** Why it passed or failed when the numbers alone do not say it. */
  note?: string;
}

export type Mode = 'exact' | 'statistical';

export interface Comparison {
  mode: Mode;
  /** Why this mode: what matches (exact) or what differs (statistical). */
  modeReason: string;
  scenarioChanged: boolean;
  figures: FigureCheck[];
  notes: string[];
  passed: boolean;
}

export interface CompareOptions {
  /** Allowed difference in combined standard errors. */
  k: number;
  /** Days a window boundary (or a first-shortfall date quantile) may move. */
  windowDays: number;
  /** Relative tolerance for figures without a standard error (the coverage ratios). */
  relTolerance: number;
}

/** Compares one run with its baseline. `file` is the scenario file the results came from. */
export function compareWithBaseline(
  baseline: Baseline,
  results: Results,
  file: string,
  options: CompareOptions,
): Comparison {
  const now = baselineFromResults(results, file);
  const { mode, reason } = chooseMode(baseline, now);
  const notes: string[] = [];
  const scenarioChanged = baseline.scenario.sha256 !== now.scenario.sha256;
  if (scenarioChanged) {
    notes.push(
      `scenario changed since the baseline (sha256 ${baseline.scenario.sha256.slice(0, 12)}… -> ${now.scenario.sha256.slice(0, 12)}…)`,
    );
  }
  let figures: FigureCheck[];
  if (mode === 'exact') {
    figures = compareExact(baseline, now, results);
    if (figures.some((f) => !f.passed)) {
      // How far beyond noise the differences are: z-scores from a statistical comparison.
      const statistical = compareStatistical(baseline, now, results, options);
      const zOf = new Map(statistical.map((f) => [`${f.id} ${f.date ?? ''}`, f.z]));
      figures = figures.map((f) => (f.passed ? f : { ...f, z: zOf.get(`${f.id} ${f.date ?? ''}`) ?? null }));
      notes.push(
        statistical.every((f) => f.passed)
          ? 'the differences are within Monte Carlo noise (statistical mode would pass): if the random streams changed on purpose, run liqsim check --update'
          : 'the differences are beyond Monte Carlo noise as well (statistical mode would also fail)',
      );
    }
  } else {
    figures = compareStatistical(baseline, now, results, options);
  }
  return { mode, modeReason: reason, scenarioChanged, figures, notes, passed: figures.every((f) => f.passed) };
}

/** Exact when seed, paths, engine identity, tool version and results schema all match. */
export function chooseMode(baseline: Baseline, now: Baseline): { mode: Mode; reason: string } {
  const b = baseline.run;
  const n = now.run;
  const engine = (r: typeof b) => `${r.engine.generator}/${r.engine.pathStream}/block ${r.engine.blockSize}`;
  const differences: string[] = [];
  if (b.seed !== n.seed) differences.push(`seed ${n.seed} (baseline ${b.seed})`);
  if (b.paths !== n.paths) differences.push(`${n.paths} paths (baseline ${b.paths})`);
  if (engine(b) !== engine(n)) differences.push(`engine ${engine(n)} (baseline ${engine(b)})`);
  if (b.toolVersion !== n.toolVersion) differences.push(`liqsim ${n.toolVersion} (baseline ${b.toolVersion})`);
  if (b.resultsSchemaVersion !== n.resultsSchemaVersion) {
    differences.push(`results schema ${n.resultsSchemaVersion} (baseline ${b.resultsSchemaVersion})`);
  }
  if (differences.length === 0) {
    return {
      mode: 'exact',
      reason: `same seed ${n.seed}, ${n.paths} paths, engine ${engine(n)}, liqsim ${n.toolVersion}`,
    };
  }
  return { mode: 'statistical', reason: differences.join('; ') };
}

// ---------------------------------------------------------------------------------------------
// Exact mode

function compareExact(baseline: Baseline, now: Baseline, results: Results): FigureCheck[] {
  const checks: FigureCheck[] = [];
  const exact = (
    group: FigureGroup,
    id: string,
    unit: Unit,
    base: number | string | null,
    current: number | string | null,
    same: boolean,
    date?: IsoDate,
    note?: string,
  ): void => {
    checks.push({
      group,
      id,
      ...(date === undefined ? {} : { date }),
      unit,
      baseline: base,
      now: current,
      difference: numericDifference(unit, base, current),
      allowed: 0,
      basis: 'identical',
      z: null,
      moved: !same,
      passed: same,
      ...(!same && base === current ? { note: note ?? 'standard error differs' } : {}),
    });
  };
  const spread = (f: Figure | DateFigure | null | undefined) => (f == null ? null : 'se' in f ? f.se : 'seDays' in f ? f.seDays : null);
  const figureEqual = (a: Figure | DateFigure | null | undefined, b: Figure | DateFigure | null | undefined) =>
    (a?.value ?? null) === (b?.value ?? null) && spread(a) === spread(b);
  const windowEqual = (a: BaselineWindow | undefined, b: BaselineWindow | undefined) =>
    a !== undefined &&
    b !== undefined &&
    a.start === b.start &&
    a.end === b.end &&
    a.peakDate === b.peakDate &&
    figureEqual(a.peakProbability, b.peakProbability);

  for (const key of HEADLINE_KEYS) {
    const b = baseline.headline[key];
    const n = now.headline[key];
    exact('headline', key, headlineUnit(key), b?.value ?? null, n?.value ?? null, figureEqual(b, n));
  }
  for (const horizon of unionKeys(baseline.coverage, now.coverage)) {
    const b = baseline.coverage[horizon];
    const n = now.coverage[horizon];
    exact('coverage', `coverage.${horizon}`, 'ratio', b?.value ?? null, n?.value ?? null, figureEqual(b, n));
  }
  const windowsOf = (b: Baseline) => b.windows.map(windowText);
  const bw = windowsOf(baseline);
  const nw = windowsOf(now);
  for (let i = 0; i < Math.max(bw.length, nw.length); i++) {
    const same = windowEqual(baseline.windows[i], now.windows[i]);
    exact('windows', 'window', 'window', bw[i] ?? null, nw[i] ?? null, same, undefined, 'peak date or probability differs');
  }
  // The baseline's dates, read from this run's full daily series (a date this run samples and the
  // baseline does not is a window boundary that moved: the windows rows show it).
  const rows = new Map(results.daily.map((row) => [row.date, row]));
  for (const b of baseline.daily) {
    const date = b.date;
    const row = rows.get(date);
    const n = row === undefined ? undefined : dailyFigures(row, now.run.paths);
    exact('daily', 'daily.pShortfall', 'probability', b.pShortfall.value, n?.pShortfall.value ?? null, figureEqual(b.pShortfall, n?.pShortfall), date);
    exact('daily', 'daily.expectedShortfall', 'money', b.expectedShortfall.value, n?.expectedShortfall.value ?? null, figureEqual(b.expectedShortfall, n?.expectedShortfall), date);
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Statistical mode

interface Context {
  options: CompareOptions;
  tolerances: Record<string, Tolerance>;
}

function compareStatistical(baseline: Baseline, now: Baseline, results: Results, options: CompareOptions): FigureCheck[] {
  const context: Context = { options, tolerances: baseline.tolerances ?? {} };
  const checks: FigureCheck[] = [];

  const baseTail = tailStandardErrors(baseline.headline, baseline.run.paths);
  const nowTail = tailStandardErrors(now.headline, now.run.paths);
  const sketchAccuracy = results.meta.statistics.sketchRelativeAccuracy;
  for (const key of HEADLINE_KEYS) {
    if (isDateKey(key)) {
      const rank: RankContext = {
        q: DATE_QUANTILE[key as DateKey],
        baselineShortfallPaths: Math.round((baseline.headline.pAnyShortfall.value ?? 0) * baseline.run.paths),
        firstShortfall: results.summary.firstShortfall,
      };
      checks.push(judgeDate(key, baseline.headline[key] as DateFigure | null, now.headline[key] as DateFigure | null, context, rank));
    } else if (key === 'p95Peak' || key === 'p99Peak' || key === 'tailMean95') {
      const base = baseline.headline[key];
      const check = judge('headline', key, 'money', { ...base, se: baseTail[key] }, { ...now.headline[key], se: nowTail[key] }, context, {
        seLabel: ', approx.',
        allowance: { allowed: 2 * sketchAccuracy * Math.abs(base.value ?? 0), basis: 'sketch accuracy' },
      });
      checks.push(tailEdgeRule(key, check, baseline, now, options.k));
    } else {
      checks.push(judge('headline', key, headlineUnit(key), baseline.headline[key] as Figure, now.headline[key] as Figure, context));
    }
  }

  for (const horizon of unionKeys(baseline.coverage, now.coverage)) {
    const id = `coverage.${horizon}`;
    const b = baseline.coverage[horizon];
    const n = now.coverage[horizon];
    if (b === undefined || n === undefined) {
      checks.push(missing('coverage', id, 'ratio', b?.value ?? null, n?.value ?? null, b === undefined ? 'horizon not in the baseline' : 'horizon not in this run'));
    } else {
      // No standard error in the results: assume a per-path coefficient of variation of COVERAGE_CV.
      const relativeSE = COVERAGE_CV * Math.sqrt(1 / baseline.run.paths + 1 / now.run.paths);
      checks.push(
        judge('coverage', id, 'ratio', b, n, context, {
          allowance: { allowed: options.k * relativeSE * Math.abs(b.value ?? 0), basis: `${options.k} SE, approx.` },
        }),
      );
    }
  }

  checks.push(...compareWindows(baseline, results, options));

  const paths = results.meta.run.paths;
  const rows = new Map(results.daily.map((row) => [row.date, row]));
  for (const day of baseline.daily) {
    const row = rows.get(day.date);
    if (row === undefined) {
      checks.push(missing('daily', 'daily.pShortfall', 'probability', day.pShortfall.value, null, 'date not in this run', day.date));
      checks.push(missing('daily', 'daily.expectedShortfall', 'money', day.expectedShortfall.value, null, 'date not in this run', day.date));
      continue;
    }
    const current = dailyFigures(row, paths);
    checks.push(judge('daily', 'daily.pShortfall', 'probability', day.pShortfall, current.pShortfall, context, { date: day.date }));
    checks.push(judge('daily', 'daily.expectedShortfall', 'money', day.expectedShortfall, current.expectedShortfall, context, { date: day.date }));
  }
  return checks;
}

/** Relative slack for values that went through rounding, so equal-looking numbers never fail. */
function within(difference: number, allowed: number): boolean {
  return Math.abs(difference) <= allowed * (1 + 1e-9) + 1e-12;
}

/** Widening of the approximate tail standard errors, for tails that are not exponential. */
export const TAIL_SE_MARGIN = 1.5;

/**
 * Assumed upper bound of the per-path coefficient of variation of a coverage ratio's parts (both
 * are means over paths); the test fixture, driven by surrender shocks, measures about 0.5.
 */
export const COVERAGE_CV = 1;

/**
 * Approximate standard errors of the tail amounts, which the results give without one. Beyond the
 * 95th percentile the per-path peak is taken to have an exponential tail, whose scale s follows
 * from the two known percentiles: p99 - p95 = s ln 5. Then the quantile function's slope is
 * s / (1 - u), a sample quantile's standard error is sqrt(u (1 - u) / n) times that slope, and the
 * tail mean's is sqrt((s^2 + 0.95 (tailMean95 - p95)^2) / (0.05 n)); each is widened by
 * TAIL_SE_MARGIN. When at most 5% of paths have a shortfall, the tail mean is exactly
 * expectedPeak / 0.05, and so is its standard error.
 */
export function tailStandardErrors(
  headline: Baseline['headline'],
  paths: number,
): { p95Peak: number; p99Peak: number; tailMean95: number } {
  const p95 = headline.p95Peak.value ?? 0;
  const p99 = headline.p99Peak.value ?? 0;
  const tailMean = headline.tailMean95.value ?? 0;
  const scale = Math.max(0, p99 - p95) / Math.log(5);
  const pAny = headline.pAnyShortfall.value ?? 0;
  return {
    p95Peak: (TAIL_SE_MARGIN * Math.sqrt((0.95 * 0.05) / paths) * scale) / 0.05,
    p99Peak: (TAIL_SE_MARGIN * Math.sqrt((0.99 * 0.01) / paths) * scale) / 0.01,
    tailMean95:
      pAny <= 0.05
        ? (headline.expectedPeak.se ?? 0) / 0.05
        : TAIL_SE_MARGIN * Math.sqrt((scale * scale + 0.95 * (tailMean - p95) ** 2) / (0.05 * paths)),
  };
}

function judge(
  group: FigureGroup,
  id: string,
  unit: Unit,
  base: Figure,
  now: Figure,
  context: Context,
  extra: { date?: IsoDate; seLabel?: string; allowance?: { allowed: number; basis: string } } = {},
): FigureCheck {
  const { date } = extra;
  const common = { group, id, ...(date === undefined ? {} : { date }), unit, baseline: base.value, now: now.value };
  if (base.value === null || now.value === null) {
    const same = base.value === now.value;
    return {
      ...common,
      difference: null,
      allowed: null,
      basis: 'defined',
      z: null,
      moved: !same,
      passed: same,
      ...(same ? {} : { note: `undefined (zero needs) ${base.value === null ? 'in the baseline' : 'now'}` }),
    };
  }
  const difference = now.value - base.value;
  const { k, relTolerance } = context.options;
  const allowances: { allowed: number; basis: string }[] = [];
  let z: number | null = null;
  if (base.se !== undefined && now.se !== undefined) {
    const combined = Math.hypot(base.se, now.se);
    z = combined > 0 ? difference / combined : difference === 0 ? 0 : null;
    allowances.push({ allowed: k * combined, basis: `${k} SE${extra.seLabel ?? ''}` });
  } else {
    allowances.push({ allowed: relTolerance * Math.abs(base.value), basis: `rel ${percent(relTolerance)}, no SE` });
  }
  if (extra.allowance !== undefined) allowances.push(extra.allowance);
  const tolerance = context.tolerances[id];
  if (tolerance?.abs !== undefined) allowances.push({ allowed: tolerance.abs, basis: 'abs tolerance' });
  if (tolerance?.rel !== undefined) {
    allowances.push({ allowed: tolerance.rel * Math.abs(base.value), basis: `rel tolerance ${percent(tolerance.rel)}` });
  }
  const best = allowances.reduce((a, b) => (b.allowed > a.allowed ? b : a));
  return {
    ...common,
    difference,
    allowed: best.allowed,
    basis: best.basis,
    z,
    moved: difference !== 0,
    passed: within(difference, best.allowed),
  };
}

type DateKey = 'firstShortfallP5' | 'firstShortfallP50' | 'firstShortfallP95';
const DATE_QUANTILE: Record<DateKey, number> = { firstShortfallP5: 0.05, firstShortfallP50: 0.5, firstShortfallP95: 0.95 };

/** What the rank test of a first-shortfall date quantile needs besides the two figures. */
interface RankContext {
  q: number;
  /** Paths with a shortfall in the baseline run. */
  baselineShortfallPaths: number;
  /** This run's first shortfall dates. */
  firstShortfall: Results['summary']['firstShortfall'];
}

/**
 * The rank test of a date quantile: where the baseline's date falls in this run's distribution of
 * first shortfall dates. With the same distribution, the share of this run's shortfall paths that
 * had their first shortfall by the baseline's date differs from q by sampling noise of both runs,
 * sqrt(q(1-q)(1/n_baseline + 1/n_now)). In days the two runs can be a month apart when the dates
 * come in separate waves and q falls near the gap between them (a maturity wave in April, the next
 * in May), while in rank they are a fraction of a standard error apart; this test is right in both
 * cases. Returns the allowance in days that it implies in the direction of the move (the date of
 * this run at rank q -/+ k standard errors) and the rank z-score (signed like the move), or null
 * when it cannot be applied.
 */
function rankTest(baseDate: IsoDate, nowDate: IsoDate, rank: RankContext, k: number): { allowed: number; z: number } | null {
  const { q, baselineShortfallPaths: nBase, firstShortfall } = rank;
  const nNow = firstShortfall.paths;
  if (nBase <= 0 || nNow <= 0) return null;
  const se = Math.sqrt(q * (1 - q) * (1 / nBase + 1 / nNow));
  const dates = [...firstShortfall.distribution].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const at = (p: number) => dateAtShare(dates, nNow, p);
  const base = isoToEpochDay(baseDate);
  const now = isoToEpochDay(nowDate);
  // Shares of this run's shortfall paths with a first shortfall before, and by, the baseline's date.
  let before = 0;
  let by = 0;
  for (const d of dates) {
    const day = isoToEpochDay(d.date);
    if (day < base) before += d.paths;
    if (day <= base) by += d.paths;
  }
  // A later date now means fewer paths by the baseline's date than q: a positive z, like the move.
  const gap = q < before / nNow ? q - before / nNow : q > by / nNow ? q - by / nNow : 0;
  return { allowed: now >= base ? now - at(q - k * se) : at(q + k * se) - now, z: gap / se };
}

/**
 * A quantile of the first shortfall date passes when it moved by at most `windowDays`, by at most
 * k combined standard errors (in days), by at most what k standard errors in rank allow (see
 * rankAllowance), or within a hand-set absolute tolerance in days. When one side has no shortfall
 * path at all there is no date to compare; pAnyShortfall judges that case.
 */
function judgeDate(key: HeadlineKey, base: DateFigure | null, now: DateFigure | null, context: Context, rank: RankContext): FigureCheck {
  const common = { group: 'headline' as const, id: key, unit: 'date' as const, baseline: base?.value ?? null, now: now?.value ?? null };
  if (base === null || now === null) {
    const same = base === now;
    return {
      ...common,
      difference: null,
      allowed: null,
      basis: 'defined',
      z: null,
      moved: !same,
      passed: true,
      ...(same ? {} : { note: `no path has a shortfall ${base === null ? 'in the baseline' : 'now'}: judged by pAnyShortfall` }),
    };
  }
  const difference = isoToEpochDay(now.value) - isoToEpochDay(base.value);
  const { k, windowDays } = context.options;
  const combined = Math.hypot(base.seDays ?? 0, now.seDays ?? 0);
  const allowances = [
    { allowed: windowDays, basis: 'window days' },
    { allowed: k * combined, basis: `${k} SE` },
  ];
  const byRank = rankTest(base.value, now.value, rank, k);
  if (byRank !== null) allowances.push({ allowed: byRank.allowed, basis: `${k} SE in rank` });
  const tolerance = context.tolerances[key];
  if (tolerance?.abs !== undefined) allowances.push({ allowed: tolerance.abs, basis: 'abs tolerance' });
  const best = allowances.reduce((a, b) => (b.allowed > a.allowed ? b : a));
  const zDays = combined > 0 ? difference / combined : null;
  return {
    ...common,
    difference,
    allowed: best.allowed,
    basis: best.basis,
    z: byRank !== null && (best.basis === `${k} SE in rank` || zDays === null) ? byRank.z : zDays,
    moved: difference !== 0,
    passed: within(difference, best.allowed),
  };
}

/**
 * The 95th and 99th percentiles of the per-path peak shortfall (and the mean beyond the 95th) are
 * zero while fewer than 5% (1%) of paths have a shortfall and jump to a loss amount once more do.
 * When pAnyShortfall is within noise of that share on either side, the jump is noise, not a change:
 * such a figure is not failed (pAnyShortfall itself is still judged with its standard error).
 */
function tailEdgeRule(key: HeadlineKey, check: FigureCheck, baseline: Baseline, now: Baseline, k: number): FigureCheck {
  const tail = key === 'p99Peak' ? 0.01 : key === 'p95Peak' || key === 'tailMean95' ? 0.05 : null;
  if (tail === null || check.passed) return check;
  const b = baseline.headline.pAnyShortfall;
  const n = now.headline.pAnyShortfall;
  if (b.value === null || n.value === null) return check;
  const noise = k * Math.hypot(b.se ?? 0, n.se ?? 0);
  if (Math.abs(b.value - tail) > noise && Math.abs(n.value - tail) > noise) return check;
  return {
    ...check,
    passed: true,
    note: `not judged: pAnyShortfall is within noise of ${percent(tail)}, where this tail figure jumps between zero and a loss`,
  };
}

function missing(
  group: FigureGroup,
  id: string,
  unit: Unit,
  base: number | string | null,
  now: number | string | null,
  note: string,
  date?: IsoDate,
): FigureCheck {
  return {
    group,
    id,
    ...(date === undefined ? {} : { date }),
    unit,
    baseline: base,
    now,
    difference: null,
    allowed: null,
    basis: 'present',
    z: null,
    moved: true,
    passed: false,
    note,
  };
}

// ---------------------------------------------------------------------------------------------
// Windows

interface Span {
  start: number;
  end: number;
  peak: number;
  side: 'baseline' | 'now';
}

/**
 * Windows are matched by overlap (allowing `windowDays` of slack) into clusters. Within a cluster a
 * date that lies in a window on one side only is accepted when it is within `windowDays` of a
 * boundary of the cluster, or when this run's shortfall probability on that date is within k
 * combined standard errors of the threshold: then the baseline's probability there may well be on
 * the other side of the threshold by noise alone. A window with no counterpart (it appeared or
 * disappeared) is accepted only when its peak probability is within noise of the threshold.
 */
function compareWindows(baseline: Baseline, results: Results, options: CompareOptions): FigureCheck[] {
  const { k, windowDays } = options;
  const threshold = baseline.run.shortfallThreshold;
  const nBase = baseline.run.paths;
  const nNow = results.meta.run.paths;
  const checks: FigureCheck[] = [];
  const row = (
    base: string | null,
    now: string | null,
    difference: number | null,
    passed: boolean,
    note: string,
  ): FigureCheck => ({
    group: 'windows',
    id: 'window',
    unit: 'window',
    baseline: base,
    now,
    difference,
    allowed: windowDays,
    basis: 'days or noise',
    z: null,
    moved: base !== now,
    passed,
    ...(note === '' ? {} : { note }),
  });

  if (results.meta.run.shortfallThreshold !== threshold) {
    checks.push({
      ...row(baseline.windows.map(windowText).join(', ') || 'none', results.summary.windows.map(windowText).join(', ') || 'none', null, false, ''),
      note: `shortfall threshold changed from ${percent(threshold)} to ${percent(results.meta.run.shortfallThreshold)}: windows are not comparable`,
    });
    return checks;
  }

  const probability = new Map(results.daily.map((d) => [isoToEpochDay(d.date), d.pShortfall]));
  /** |p_now - threshold| within k combined SE; the baseline side's SE is taken at the threshold. */
  const withinNoise = (day: number): { ok: boolean; p: number | undefined } => {
    const p = probability.get(day);
    if (p === undefined) return { ok: false, p };
    const se = Math.sqrt((p * (1 - p)) / nNow + (threshold * (1 - threshold)) / nBase);
    return { ok: Math.abs(p - threshold) <= k * se + 1e-12, p };
  };
  const peakNearThreshold = (peak: number, nPeak: number, nOther: number): boolean =>
    peak - threshold <= k * Math.sqrt((peak * (1 - peak)) / nPeak + (threshold * (1 - threshold)) / nOther) + 1e-12;

  const spans: Span[] = [
    ...baseline.windows.map((w) => spanOf(w, 'baseline')),
    ...results.summary.windows.map((w) => ({
      start: isoToEpochDay(w.start),
      end: isoToEpochDay(w.end),
      peak: w.peakProbability,
      side: 'now' as const,
    })),
  ];
  const parent = spans.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < spans.length; i++) {
    for (let j = 0; j < spans.length; j++) {
      const a = spans[i];
      const b = spans[j];
      if (a.side === 'baseline' && b.side === 'now' && a.start <= b.end + windowDays && b.start <= a.end + windowDays) {
        parent[find(i)] = find(j);
      }
    }
  }
  const clusters = new Map<number, Span[]>();
  spans.forEach((span, i) => {
    const root = find(i);
    clusters.set(root, [...(clusters.get(root) ?? []), span]);
  });

  const ordered = [...clusters.values()].sort((a, b) => Math.min(...a.map((s) => s.start)) - Math.min(...b.map((s) => s.start)));
  for (const cluster of ordered) {
    const base = cluster.filter((s) => s.side === 'baseline');
    const now = cluster.filter((s) => s.side === 'now');
    if (now.length === 0 || base.length === 0) {
      const [span] = cluster;
      const appeared = base.length === 0;
      const ok = appeared ? peakNearThreshold(span.peak, nNow, nBase) : peakNearThreshold(span.peak, nBase, nNow);
      const text = spanText(span.start, span.end);
      checks.push(
        row(
          appeared ? null : text,
          appeared ? text : null,
          null,
          ok,
          `${appeared ? 'appeared' : 'disappeared'}; peak ${percent(span.peak)} is ${ok ? 'within' : 'beyond'} noise of the ${percent(threshold)} threshold`,
        ),
      );
      continue;
    }
    const bStart = Math.min(...base.map((s) => s.start));
    const bEnd = Math.max(...base.map((s) => s.end));
    const nStart = Math.min(...now.map((s) => s.start));
    const nEnd = Math.max(...now.map((s) => s.end));
    const inAny = (list: Span[], day: number) => list.some((s) => s.start <= day && day <= s.end);
    const problems: string[] = [];
    for (let day = Math.min(bStart, nStart); day <= Math.max(bEnd, nEnd); day++) {
      if (inAny(base, day) === inAny(now, day)) continue;
      const nearStart = day < Math.max(bStart, nStart) && Math.abs(nStart - bStart) <= windowDays;
      const nearEnd = day > Math.min(bEnd, nEnd) && Math.abs(nEnd - bEnd) <= windowDays;
      if (nearStart || nearEnd) continue;
      const noise = withinNoise(day);
      if (!noise.ok) {
        problems.push(
          noise.p === undefined
            ? `${spanText(day, day)} is not in this run`
            : `on ${spanText(day, day)} P(shortfall) is ${percent(noise.p)}, beyond noise of the ${percent(threshold)} threshold`,
        );
      }
    }
    const moves: string[] = [];
    if (nStart !== bStart) moves.push(`start ${signedDays(nStart - bStart)}`);
    if (nEnd !== bEnd) moves.push(`end ${signedDays(nEnd - bEnd)}`);
    if (base.length !== now.length) moves.push(base.length < now.length ? 'split' : 'merged');
    const passed = problems.length === 0;
    const note = [
      moves.join(', '),
      ...(passed && moves.length > 0 && (Math.abs(nStart - bStart) > windowDays || Math.abs(nEnd - bEnd) > windowDays || base.length !== now.length)
        ? ['the moved dates are within noise of the threshold']
        : []),
      ...problems.slice(0, 3),
      ...(problems.length > 3 ? [`and ${problems.length - 3} more dates`] : []),
    ]
      .filter((s) => s !== '')
      .join('; ');
    checks.push(
      row(
        base.map((s) => spanText(s.start, s.end)).join(', '),
        now.map((s) => spanText(s.start, s.end)).join(', '),
        Math.max(Math.abs(nStart - bStart), Math.abs(nEnd - bEnd)),
        passed,
        note,
      ),
    );
  }
  return checks;
}

function spanOf(w: BaselineWindow, side: 'baseline' | 'now'): Span {
  return { start: isoToEpochDay(w.start), end: isoToEpochDay(w.end), peak: w.peakProbability.value ?? 0, side };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function isDateKey(key: HeadlineKey): boolean {
  return key.startsWith('firstShortfall');
}

function headlineUnit(key: HeadlineKey): Unit {
  if (key === 'pAnyShortfall') return 'probability';
  return isDateKey(key) ? 'date' : 'money';
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => parseInt(x, 10) - parseInt(y, 10));
}

function numericDifference(unit: Unit, base: number | string | null, now: number | string | null): number | null {
  if (typeof base === 'number' && typeof now === 'number') return now - base;
  if (unit === 'date' && typeof base === 'string' && typeof now === 'string') return isoToEpochDay(now) - isoToEpochDay(base);
  return null;
}

export function windowText(w: { start: IsoDate; end: IsoDate }): string {
  return `${w.start}..${w.end}`;
}

function spanText(start: number, end: number): string {
  return start === end ? isoDate(start) : `${isoDate(start)}..${isoDate(end)}`;
}

function signedDays(days: number): string {
  return `${days > 0 ? '+' : ''}${days} d`;
}

export function percent(x: number): string {
  return `${Number((x * 100).toPrecision(4))}%`;
}
