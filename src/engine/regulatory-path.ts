/**
 * The deterministic "regulatory mode" path: every path-level draw of `PathDraws`
 * (../engine/reference/draws.ts) pinned by the scenario's `regulatory.deterministic` settings instead
 * of drawn, then run by the same day loop as the Monte Carlo paths (`PathSimulator.runWithDraws`, held
 * to the reference model by the differential test).
 */
import type { Model, ShareDistribution } from '../model/types.js';
import type { PathDraws } from './reference/draws.js';
import { PathSimulator, type PathLedger, type PathOutcome } from './kernel.js';
import { DEFAULT_REGULATORY, type DeterministicPath } from '../regulatory/config.js';
import { normalQuantile } from '../regulatory/formulas.js';

/** A share distribution's mean. */
function mean(d: ShareDistribution): number {
  return d.kind === 'fixed' ? d.value : d.kind === 'beta' ? d.mean : (d.low + d.high) / 2;
}

/** The haircut a setting takes: the high or low end of the range, or its mean. */
export function pinnedHaircut(d: ShareDistribution, which: DeterministicPath['haircut']): number {
  if (d.kind === 'fixed') return d.value;
  if (d.kind === 'uniform') return which === 'high' ? d.high : which === 'low' ? d.low : (d.low + d.high) / 2;
  // a beta haircut has no stated range: its mean (not produced by the scenario format today)
  return d.mean;
}

/**
 * The surrender level at quantile q of its lognormal distribution with mean 1:
 * L_q = exp(σ Φ⁻¹(q) − σ²/2) (1 when σ = 0).
 */
export function levelAtQuantile(sd: number, q: number): number {
  return sd > 0 ? Math.exp(sd * normalQuantile(q) - 0.5 * sd * sd) : 1;
}

/**
 * The pinned draws: level at its quantile; every shock happens (or none); the listed lines refused,
 * the others honoured; each asset at its pinned haircut; rollover shares at their means; a triggered
 * limit change agreed only when its probability is 1; daily noise at its mean, 1.
 */
export function regulatoryDraws(model: Model, settings: DeterministicPath = (model.regulatory ?? DEFAULT_REGULATORY).deterministic): PathDraws {
  const refused = new Set(settings.refusedLines);
  return {
    level: levelAtQuantile(model.stress.levelSd, settings.levelQuantile),
    shockHappens: model.stress.shocks.map(() => settings.shocks === 'occur'),
    lineRefused: model.funding.creditLines.map((_, i) => refused.has(i)),
    assetKeep: model.funding.assets.map((a) => 1 - pinnedHaircut(a.haircut, settings.haircut)),
    rollShare: model.groups.map((g) => mean(g.rollover)),
    triggerAgrees: model.payments.changes.flatMap((c) => (c.kind === 'triggered' ? [c.probability >= 1] : [])),
    noise: model.stress.dailyNoiseSd > 0 ? new Float64Array(model.horizonDays).fill(1) : null,
  };
}

/** Runs the regulatory path of `model`: its outcome and day-by-day ledger. */
export function runRegulatoryPath(model: Model, draws: PathDraws = regulatoryDraws(model)): PathOutcome & { ledger: PathLedger; draws: PathDraws } {
  return { ...new PathSimulator(model).runWithDraws(draws, null, true), draws };
}
