/**
 * Required liquidity: per shortfall window, the smallest lever that keeps P(overdue) at or below
 * the run's threshold on every date of the window (CONTRACTS item 1, `ShortfallWindow.lever`).
 *
 * The lever follows the window's dominant cause:
 *  - funding: extra same-day cash arriving on the window's first date (a scheduled inflow that day);
 *  - channel: a daily amount limit, from the window's first date, on the channel with the largest
 *    daily limit (later limit changes on it are kept at least as high);
 *  - processing: payouts processed per business day from the window's first date.
 * Search: the first `LEVER_PATHS` paths of the run (common random numbers: the same draws as the
 * run's paths of those indices), the lever doubled from a start until the window's largest daily
 * P(overdue) is at or below the threshold (at most `MAX_DOUBLINGS` times), then bisection to a
 * relative tolerance `LEVER_TOLERANCE`; the amount is the upper end, rounded up to a whole currency
 * unit (payouts per day for processing). Each window is searched on its own (the others' levers are
 * not applied). Runs in this thread: the same bytes whatever the thread count or shards of the run.
 */
import { parseIsoDate } from '../dates.js';
import type { Model } from '../model/types.js';
import type { Results, ShortfallWindow, WindowLever } from '../results/types.js';
import { figuresInProcess } from './figures.js';
import { setLever, type LeverKey } from './variants.js';

export const LEVER_PATHS = 1000;
export const LEVER_TOLERANCE = 0.01;
export const MAX_DOUBLINGS = 10;
export const STALL_DOUBLINGS = 3;
export const MAX_BISECTIONS = 40;

/** The model's day index of a date of its own results (a valid ISO date). */
function dayIndex(model: Model, iso: string): number {
  return parseIsoDate(iso)! - model.startDay;
}

/** Largest daily P(overdue) over days [from, to] of a run of `model`. */
function windowProbability(model: Model, from: number, to: number): number {
  const { figures: f } = figuresInProcess(model, false);
  let worst = 0;
  for (let d = from; d <= to; d++) {
    let k = 0;
    for (let i = 0; i < f.paths; i++) k += f.overdueOnDay[i * f.days + d];
    worst = Math.max(worst, k / f.paths);
  }
  return worst;
}

/** The lever of one window. */
export function windowLever(model: Model, w: ShortfallWindow, options: { paths?: number } = {}): WindowLever {
  const n = Math.min(model.paths, options.paths ?? LEVER_PATHS);
  const subset: Model = { ...model, paths: n };
  const from = dayIndex(model, w.start);
  const to = dayIndex(model, w.end);
  const threshold = model.shortfallThreshold;
  const kind: WindowLever['kind'] = w.dominantCause;
  let key: LeverKey;
  let start: number;
  let channel: string | undefined;
  if (kind === 'funding') {
    key = { name: 'funding.extra', text: 'funding.extra' };
    start = 0;
  } else if (kind === 'channel') {
    const channels = model.payments.channels;
    const c = channels.reduce((best, ch, i) => (ch.dailyLimit > channels[best].dailyLimit ? i : best), 0);
    channel = channels[c].bank;
    key = { name: 'channel.daily_limit', target: channel, text: `channel[${channel}].daily_limit` };
    start = channels[c].dailyLimit / 100;
  } else {
    key = { name: 'processing.capacity', text: 'processing.capacity' };
    start = Math.min(model.payments.processingCapacity, 1e12);
  }
  const evaluate = (x: number) => windowProbability(setLever(subset, key, x, from), from, to);
  const step = (x: number) => (kind === 'processing' ? Math.max(x * 2, x + 1) : x > 0 ? x * 2 : 0);
  // The first upper end to try: funding, the largest payout request day can't exceed the book; start from 1% of opening cash or 1e6.
  let lo = start;
  let hi = kind === 'funding' ? Math.max(1e6, model.funding.openingCash / 100 / 10) : Math.max(step(start), 1);
  let runs = 0;
  let pHi = evaluate(hi);
  runs++;
  let doublings = 0;
  // Doubling until the threshold is met; given up after MAX_DOUBLINGS, or once the probability has
  // started to fall and then not fallen for STALL_DOUBLINGS doublings (another cause binds).
  let best = pHi;
  let stalled = 0;
  const fell = () => best < 1 && best < evaluateStartOnce();
  let pStart: number | null = null;
  const evaluateStartOnce = () => {
    if (pStart === null) {
      pStart = evaluate(start);
      runs++;
    }
    return pStart;
  };
  while (pHi > threshold && doublings < MAX_DOUBLINGS && stalled < STALL_DOUBLINGS) {
    lo = hi;
    hi = step(hi);
    pHi = evaluate(hi);
    runs++;
    doublings++;
    if (pHi < best) {
      best = pHi;
      stalled = 0;
    } else if (fell()) stalled++;
  }
  const found = pHi <= threshold;
  // Not found: the smallest lever that reaches the floor the lever alone reaches (none: the start).
  const goal = found ? threshold : pHi;
  if (!found) lo = start;
  if (!found && evaluateStartOnce() <= goal) {
    hi = start;
    pHi = evaluateStartOnce();
  }
  for (let i = 0; i < MAX_BISECTIONS && hi > 0 && (hi - lo) / hi > LEVER_TOLERANCE; i++) {
    const mid = (lo + hi) / 2;
    const p = evaluate(mid);
    runs++;
    if (p <= goal) {
      hi = mid;
      pHi = p;
    } else lo = mid;
  }
  const amount = Math.ceil(hi);
  const achieved = amount === hi ? pHi : evaluate(amount);
  const unit = kind === 'funding' ? 'extra cash arriving on the window start' : kind === 'channel' ? `daily limit on ${channel} from the window start` : 'payouts processed per business day from the window start';
  return {
    kind,
    amount,
    byDate: w.start,
    ...(channel === undefined ? {} : { channel }),
    achievedProbability: Math.round(achieved * 1e6) / 1e6,
    found,
    method: `${unit}: ${found ? '' : `not enough alone (P(overdue) stops falling at ${Math.round(pHi * 1e6) / 1e6}: another cause binds); the amount reaches that floor. `}doubling then bisection with common random numbers on the first ${n} of ${model.paths} paths, relative tolerance ${LEVER_TOLERANCE * 100}%, ${runs + (amount === hi ? 0 : 1)} runs; P(overdue) on those paths`,
  };
}

/** Most windows a run searches levers for: those with the highest peak probability (then the earliest). */
export const MAX_LEVER_WINDOWS = 8;

/** The windows with their levers (the `MAX_LEVER_WINDOWS` worst; the others get none: "not computed"). */
export function withWindowLevers(model: Model, windows: readonly ShortfallWindow[], options: { paths?: number } = {}): ShortfallWindow[] {
  const chosen = new Set(
    windows
      .map((w, i) => ({ w, i }))
      .sort((a, b) => b.w.peakProbability - a.w.peakProbability || a.i - b.i)
      .slice(0, MAX_LEVER_WINDOWS)
      .map((x) => x.i),
  );
  return windows.map((w, i) => (chosen.has(i) ? { ...w, lever: windowLever(model, w, options) } : { ...w }));
}

/**
 * The results with each shortfall window's lever, unless `options.levers` is false (then as they
 * are). What `liqsim run`, `merge` and `suite` write (report/outputs.ts); the search runs in this
 * thread on the run's first paths, so the bytes do not depend on threads or shards.
 */
export function resultsWithLevers(model: Model, results: Results, options: { levers?: boolean } = {}): Results {
  if (options.levers === false || results.summary.windows.length === 0) return results;
  return { ...results, summary: { ...results.summary, windows: withWindowLevers(model, results.summary.windows) } };
}
