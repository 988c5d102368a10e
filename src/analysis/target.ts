/**
 * Targets of a reverse stress search ("pAnyShortfall >= 0.05", "lcr2_3m < 1",
 * "pBelowFloor(lcr3_3m) >= 0.05") and the figures they read from a run's per-path figures.
 *
 * Grammar: FIGURE OP NUMBER, OP one of >=, >, <=, <; FIGURE one of
 *   pAnyShortfall | maxDailyPOverdue | expectedPeak | p99Peak     (shortfall figures)
 *   RATIO | pBelowFloor(RATIO)                                     (regulatory ratios)
 *   RATIO = lcr2_<months>m | lcr3_<months>m | basel<days>d         (the scenario's horizons)
 * A ratio alone is its mean over paths; pBelowFloor(RATIO) the share of paths below its floor.
 */
import type { Model } from '../model/types.js';
import type { LiqsimError } from '../errors.js';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import type { PathFigures } from './figures.js';
import { dailyOverdueProbability, figure, ratioOf, type AnyFigureKey } from './paired.js';
import { ratioFigures } from './ratio-figures.js';

export const TARGET_FIGURES = ['pAnyShortfall', 'maxDailyPOverdue', 'expectedPeak', 'p99Peak'] as const;
export type TargetFigure = Exclude<AnyFigureKey, 'firstShortfallP5'> | 'maxDailyPOverdue';
export type TargetOp = '>=' | '>' | '<=' | '<';

export interface Target {
  figure: TargetFigure;
  op: TargetOp;
  value: number;
  text: string;
}

const RATIO = /^(?:lcr[23]_\d+m|basel\d+d)$/;
function targetError(text: string, what: string): LiqsimError {
  return errorOf(runMessages.target(text, what));
}

/** Whether a figure name is one a target may name, for any scenario (a ratio's horizon is checked by checkTarget). */
function knownShape(fig: string): boolean {
  if ((TARGET_FIGURES as readonly string[]).includes(fig)) return true;
  const below = /^pBelowFloor\((.+)\)$/.exec(fig);
  return RATIO.test(below ? below[1] : fig);
}

/** Parses a target; the figure's name and column are in the error when it is not one. */
export function parseTarget(text: string): Target {
  const m = /^(\s*)(\S+?)\s*(>=|<=|>|<)\s*(\S+)\s*$/.exec(text);
  if (!m) throw targetError(text, 'no comparison found');
  const fig = m[2];
  const value = Number(m[4].replace(/_/g, ''));
  if (!knownShape(fig)) {
    throw targetError(text, `'${fig}' (column ${m[1].length + 1}) is not a figure: one of ${TARGET_FIGURES.join(', ')}, a ratio (lcr2_3m, lcr3_3m, basel30d, ...) or pBelowFloor(RATIO)`);
  }
  if (!Number.isFinite(value)) throw targetError(text, `'${m[4]}' (column ${text.lastIndexOf(m[4]) + 1}) is not a number`);
  const op = m[3] as TargetOp;
  return { figure: fig as TargetFigure, op, value, text: `${fig} ${op} ${value}` };
}

/** The figures a target may name for this model: the shortfall figures, then each ratio and its pBelowFloor. */
export function targetFigures(model: Model): string[] {
  const ratios = ratioFigures(model).map((f) => f.key);
  return [...TARGET_FIGURES, ...ratios, ...ratios.map((k) => `pBelowFloor(${k})`)];
}

/** Checks a parsed target's ratio against the model's horizons (an error naming the allowed figures). */
export function checkTarget(t: Target, model: Model): void {
  const r = ratioOf(t.figure as AnyFigureKey);
  if (t.figure === 'maxDailyPOverdue' || r === null) return;
  if (!ratioFigures(model).some((f) => f.key === r.ratio)) {
    throw targetError(t.text, `this scenario has no ratio ${r.ratio}; figures: ${targetFigures(model).join(', ')}`);
  }
}

/** Whether the target reads the per-path regulatory ratios. */
export function needsRatios(t: Target): boolean {
  return t.figure !== 'maxDailyPOverdue' && ratioOf(t.figure) !== null;
}

/** +1 when the target is breached by large values of its figure (>=, >), -1 by small ones (<=, <). */
export function breachSign(t: Target): 1 | -1 {
  return t.op === '>=' || t.op === '>' ? 1 : -1;
}

export function targetValue(f: PathFigures, fig: TargetFigure): number {
  if (fig === 'maxDailyPOverdue') return Math.max(0, ...dailyOverdueProbability(f));
  return figure(f, fig) ?? 0;
}

export function breached(t: Target, x: number): boolean {
  switch (t.op) {
    case '>=':
      return x >= t.value;
    case '>':
      return x > t.value;
    case '<=':
      return x <= t.value;
    case '<':
      return x < t.value;
  }
}
