/**
 * Targets of a reverse stress search ("pAnyShortfall >= 0.05") and the figures they read from a
 * run's per-path figures.
 */
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import type { PathFigures } from './figures.js';
import { dailyOverdueProbability, figure } from './paired.js';

export const TARGET_FIGURES = ['pAnyShortfall', 'maxDailyPOverdue', 'expectedPeak', 'p99Peak'] as const;
export type TargetFigure = (typeof TARGET_FIGURES)[number];

export interface Target {
  figure: TargetFigure;
  op: '>=' | '>';
  value: number;
  text: string;
}

/**
 * Parses "FIGURE >= VALUE" (or >). Figures: pAnyShortfall; maxDailyPOverdue (the largest daily
 * P(overdue): at or above the threshold, a shortfall window exists); expectedPeak and p99Peak
 * (peak overdue amount, currency units).
 */
export function parseTarget(text: string): Target {
  const m = /^\s*([A-Za-z0-9]+)\s*(>=|>)\s*([0-9.eE+-]+)\s*$/.exec(text);
  const fig = m?.[1] as TargetFigure | undefined;
  const value = m ? Number(m[3]) : NaN;
  if (!m || !fig || !(TARGET_FIGURES as readonly string[]).includes(fig) || !Number.isFinite(value)) {
    throw errorOf(runMessages.target(text, TARGET_FIGURES));
  }
  return { figure: fig, op: m[2] as Target['op'], value, text: `${fig} ${m[2]} ${value}` };
}

export function targetValue(f: PathFigures, fig: TargetFigure): number {
  if (fig === 'maxDailyPOverdue') return Math.max(0, ...dailyOverdueProbability(f));
  return figure(f, fig) ?? 0;
}

export function breached(t: Target, x: number): boolean {
  return t.op === '>=' ? x >= t.value : x > t.value;
}
