/**
 * Sensitivity (tornado): one-at-a-time bumps of named levers, every run with common random numbers
 * (the base's seed and paths), so each bump's effect on a figure is a paired difference with its
 * paired standard error (./paired.ts). 2m + 1 runs for m levers. Bars are ranked by
 * max(|Δ_low|, |Δ_high|); a bump whose effect is within 2 paired SE of 0 is marked "within noise".
 */
import type { Model } from '../model/types.js';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import type { PairedRunner } from './pool.js';
import { FIGURE_KEYS, FIGURE_LABELS, FIGURE_UNITS, figure, pairedDelta, round, type FigureKey, type PairedDelta } from './paired.js';
import { baseValue, parseLeverKey, setLever, type LeverKey } from './variants.js';

export interface Vary {
  key: LeverKey;
  low: number;
  high: number;
  text: string;
}

/**
 * Parses `KEY=LOW..HIGH`. LOW and HIGH: a number (the lever's value), a percentage change of the
 * base value (-20%, +20%) or a factor (x0.5, x1.5).
 */
export function parseVary(text: string, model: Model, at = 0): Vary {
  const m = /^([^=]+)=(.+?)\.\.(.+)$/.exec(text.trim());
  if (!m) throw errorOf(runMessages.varySyntax(text));
  const key = parseLeverKey(m[1]);
  const base = baseValue(model, key, at);
  const value = (s: string): number => {
    const t = s.trim();
    let v: number;
    if (/^[+-]?\d+(\.\d+)?%$/.test(t)) v = base * (1 + Number(t.slice(0, -1)) / 100);
    else if (/^x\d+(\.\d+)?$/.test(t)) v = base * Number(t.slice(1));
    else v = Number(t.replace(/_/g, ''));
    if (!Number.isFinite(v) || t === '') throw errorOf(runMessages.varyBound(text, s));
    return v;
  };
  return { key, low: value(m[2]), high: value(m[3]), text };
}

export interface SensitivityBar {
  lever: string;
  base: number;
  low: number;
  high: number;
  /** Per figure: the figure at the low and high bump, and the paired deltas against the base. */
  effects: Record<FigureKey, { atLow: number | null; atHigh: number | null; low: PairedDelta; high: PairedDelta; size: number; withinNoise: boolean }>;
}

export interface SensitivityResult {
  schema: 'liqsim/sensitivity';
  scenario: string;
  file: string;
  seed: string;
  paths: number;
  runs: number;
  base: Record<FigureKey, number | null>;
  figures: { key: FigureKey; label: string; unit: string }[];
  /** Per figure, lever names ranked by effect size, largest first. */
  ranking: Record<FigureKey, string[]>;
  bars: SensitivityBar[];
  method: string;
}

const digitsOf = (k: FigureKey) => (FIGURE_UNITS[k] === 'amount' ? 2 : 6);
const r = (d: PairedDelta, k: FigureKey): PairedDelta => ({ delta: round(d.delta, digitsOf(k)), se: round(d.se, digitsOf(k)), unpairedSe: round(d.unpairedSe, digitsOf(k)), significant: d.significant });

export async function sensitivity(model: Model, varies: Vary[], runner: PairedRunner, meta: { scenario: string; file: string }, at = 0): Promise<SensitivityResult> {
  if (varies.length === 0) throw errorOf(runMessages.varyMissing());
  const start = runner.runs;
  const base = (await runner.run(model)).figures;
  const bars: SensitivityBar[] = [];
  for (const v of varies) {
    const low = (await runner.run(setLever(model, v.key, v.low, at))).figures;
    const high = (await runner.run(setLever(model, v.key, v.high, at))).figures;
    const effects = Object.fromEntries(
      FIGURE_KEYS.map((k) => {
        const dl = pairedDelta(low, base, k);
        const dh = pairedDelta(high, base, k);
        const size = Math.max(Math.abs(dl.delta ?? 0), Math.abs(dh.delta ?? 0));
        return [k, { atLow: round(figure(low, k), digitsOf(k)), atHigh: round(figure(high, k), digitsOf(k)), low: r(dl, k), high: r(dh, k), size: round(size, digitsOf(k))!, withinNoise: !dl.significant && !dh.significant }];
      }),
    ) as SensitivityBar['effects'];
    bars.push({ lever: v.key.text, base: baseValue(model, v.key, at), low: v.low, high: v.high, effects });
  }
  const ranking = Object.fromEntries(
    FIGURE_KEYS.map((k) => [k, [...bars].sort((a, b) => b.effects[k].size - a.effects[k].size || a.lever.localeCompare(b.lever)).map((b) => b.lever)]),
  ) as Record<FigureKey, string[]>;
  return {
    schema: 'liqsim/sensitivity',
    scenario: meta.scenario,
    file: meta.file,
    seed: model.seed,
    paths: model.paths,
    runs: runner.runs - start,
    base: Object.fromEntries(FIGURE_KEYS.map((k) => [k, round(figure(base, k), digitsOf(k))])) as Record<FigureKey, number | null>,
    figures: FIGURE_KEYS.map((key) => ({ key, label: FIGURE_LABELS[key], unit: FIGURE_UNITS[key] })),
    ranking,
    bars,
    method:
      'one-at-a-time bumps, 2m + 1 runs with common random numbers; delta = mean_i(X_i^bump - X_i^base), paired SE = sd_i(...)/sqrt(n) (quantile figures: 20 batch means); within noise: neither bump differs from the base by more than 2 paired SE',
  };
}
