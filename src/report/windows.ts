/**
 * What the verdict says about each shortfall window, worked out from results.json alone: the two
 * amounts (mean overdue amount over all paths, and over the paths in shortfall), the ranking, the
 * horizon cut-off and the lever. Pure functions, so tests can pin each rule on its own.
 */
import type { DailyRow, IsoDate, Results, ShortfallWindow, WindowLever } from '../results/types.js';

/** The window's lever, when results.json carries one. */
export function leverOf(w: ShortfallWindow): WindowLever | null {
  return w.lever ?? null;
}

/**
 * Mean overdue amount over the paths in shortfall on a date: the mean over all paths divided by
 * the share of paths in shortfall (exact in principle, since overdue is 0 on the other paths; from
 * the rounded daily figures here, so only for results files written before windows carried it).
 */
export function meanOnShortfallPaths(d: Pick<DailyRow, 'expectedShortfall' | 'pShortfall'>): number {
  return d.pShortfall > 0 ? d.expectedShortfall / d.pShortfall : 0;
}

export interface WindowFacts {
  window: ShortfallWindow;
  /** 1-based position in results.summary.windows (the W-number). */
  number: number;
  /** Largest mean overdue amount over all paths on a date of the window. */
  meanAllPaths: number;
  meanAllPathsDate: IsoDate;
  /** Largest mean overdue amount over the paths in shortfall on a date of the window. */
  meanShortfallPaths: number;
  meanShortfallPathsDate: IsoDate;
  /** The window ends on the last simulated date: it may go on after the horizon. */
  cutOff: boolean;
  /** Cut off and still growing: P(overdue) or the overdue amount on the last date is at least the day before's. */
  growing: boolean;
  lever: WindowLever | null;
}

/** The facts of one window (`index` is its 0-based position in results.summary.windows). */
export function windowFacts(results: Results, index: number): WindowFacts {
  const w = results.summary.windows[index];
  let meanShortfallPaths = w.maxMeanOverdueOnShortfallPaths;
  let meanShortfallPathsDate = w.maxMeanOverdueOnShortfallPathsDate;
  if (meanShortfallPaths === undefined || meanShortfallPathsDate === undefined) {
    meanShortfallPaths = 0;
    meanShortfallPathsDate = w.start;
    for (const d of results.daily) {
      if (d.date < w.start || d.date > w.end) continue;
      const m = meanOnShortfallPaths(d);
      if (m > meanShortfallPaths) {
        meanShortfallPaths = m;
        meanShortfallPathsDate = d.date;
      }
    }
  }
  const last = results.daily[results.daily.length - 1];
  const cutOff = last !== undefined && w.end === last.date;
  const before = results.daily[results.daily.length - 2];
  const growing =
    cutOff && before !== undefined && before.date >= w.start && (last.pShortfall >= before.pShortfall || last.expectedShortfall >= before.expectedShortfall);
  return {
    window: w,
    number: index + 1,
    meanAllPaths: w.maxExpectedShortfall,
    meanAllPathsDate: w.maxExpectedShortfallDate,
    meanShortfallPaths,
    meanShortfallPathsDate,
    cutOff,
    growing: growing || (cutOff && w.days === 1),
    lever: leverOf(w),
  };
}

/**
 * The windows in the order a reader should act on them: largest expected overdue amount (the mean
 * over all paths, which weighs how likely a shortfall is by how large it is) first; then the tail,
 * the mean overdue amount on the paths in shortfall; then peak probability; then the earlier start.
 */
export function rankWindows(results: Results): WindowFacts[] {
  const facts = results.summary.windows.map((_, i) => windowFacts(results, i));
  return facts.sort(
    (a, b) =>
      b.meanAllPaths - a.meanAllPaths ||
      b.meanShortfallPaths - a.meanShortfallPaths ||
      b.window.peakProbability - a.window.peakProbability ||
      (a.window.start < b.window.start ? -1 : a.window.start > b.window.start ? 1 : 0),
  );
}
