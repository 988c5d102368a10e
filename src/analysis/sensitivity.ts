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
import { FIGURE_KEYS, RATIO_METHOD, digitsOf, figure, figureLabel, figureUnit, pairedDelta, ratioFigureKeys, ratioOf, round, roundedDelta, type AnyFigureKey, type FigureUnit, type PairedDelta, type RatioKey } from './paired.js';
import { ratioFigures } from './ratio-figures.js';
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
  effects: Record<AnyFigureKey, { atLow: number | null; atHigh: number | null; low: PairedDelta; high: PairedDelta; size: number; withinNoise: boolean }>;
}

export interface SensitivityResult {
  schema: 'liqsim/sensitivity';
  scenario: string;
  file: string;
  seed: string;
  paths: number;
  runs: number;
  base: Record<AnyFigureKey, number | null>;
  /** `floor`: a ratio figure's floor. */
  figures: { key: AnyFigureKey; label: string; unit: FigureUnit; floor?: number }[];
  /** Per figure, lever names ranked by effect size, largest first. */
  ranking: Record<AnyFigureKey, string[]>;
  bars: SensitivityBar[];
  method: string;
}


/**
 * The ratios a sensitivity shows by default: LCR2 and LCR3 at the first C-ROSS horizon and the
 * Basel-style ratio (`lcr2_3m`, `lcr3_3m`, `basel30d` with the default regulatory settings).
 */
export function defaultRatios(model: Model): RatioKey[] {
  const all = ratioFigures(model);
  const firstHorizon = all.filter((f) => f.key.startsWith('lcr')).slice(0, 2);
  return [...firstHorizon, all[all.length - 1]].map((f) => f.key as RatioKey);
}

/** Checks ratio keys against the model's (an invalid-option error naming the allowed ones). */
export function checkRatios(model: Model, keys: readonly string[], flag: string): RatioKey[] {
  const allowed = ratioFigures(model).map((f) => f.key);
  for (const k of keys) {
    if (!allowed.includes(k)) throw errorOf(runMessages.ratioUnknown(flag, k, allowed));
  }
  return keys as RatioKey[];
}

/**
 * The ratios of a `--ratio` option (repeatable): undefined gives `defaultRatios`, `none` none, else
 * each key checked against the model's ratios (`flag` names the option in the error).
 */
export function ratiosOption(model: Model, option: readonly string[] | undefined, flag = 'ratio'): RatioKey[] {
  if (option === undefined) return defaultRatios(model);
  return option.length === 1 && option[0] === 'none' ? [] : checkRatios(model, option, flag);
}

/**
 * Runs the base and two bumps per lever. `ratios`: the regulatory ratios shown besides the four
 * shortfall figures, each as its mean and its P(below floor) (default: `defaultRatios`; [] for none,
 * which skips the per-path ratio statistics).
 */
export async function sensitivity(model: Model, varies: Vary[], runner: PairedRunner, meta: { scenario: string; file: string }, at = 0, ratios: readonly RatioKey[] = defaultRatios(model)): Promise<SensitivityResult> {
  if (varies.length === 0) throw errorOf(runMessages.varyMissing());
  const keys: AnyFigureKey[] = [...FIGURE_KEYS, ...ratioFigureKeys(ratios)];
  const withRatios = ratios.length > 0;
  const start = runner.runs;
  const base = (await runner.run(model, false, withRatios)).figures;
  const bars: SensitivityBar[] = [];
  for (const v of varies) {
    const low = (await runner.run(setLever(model, v.key, v.low, at), false, withRatios)).figures;
    const high = (await runner.run(setLever(model, v.key, v.high, at), false, withRatios)).figures;
    const effects = Object.fromEntries(
      keys.map((k) => {
        const dl = pairedDelta(low, base, k);
        const dh = pairedDelta(high, base, k);
        const size = Math.max(Math.abs(dl.delta ?? 0), Math.abs(dh.delta ?? 0));
        return [k, { atLow: round(figure(low, k), digitsOf(k)), atHigh: round(figure(high, k), digitsOf(k)), low: roundedDelta(dl, k), high: roundedDelta(dh, k), size: round(size, digitsOf(k))!, withinNoise: !dl.significant && !dh.significant }];
      }),
    ) as SensitivityBar['effects'];
    bars.push({ lever: v.key.text, base: baseValue(model, v.key, at), low: v.low, high: v.high, effects });
  }
  const ranking = Object.fromEntries(
    keys.map((k) => [k, [...bars].sort((a, b) => b.effects[k].size - a.effects[k].size || a.lever.localeCompare(b.lever)).map((b) => b.lever)]),
  ) as Record<AnyFigureKey, string[]>;
  return {
    schema: 'liqsim/sensitivity',
    scenario: meta.scenario,
    file: meta.file,
    seed: model.seed,
    paths: model.paths,
    runs: runner.runs - start,
    base: Object.fromEntries(keys.map((k) => [k, round(figure(base, k), digitsOf(k))])) as Record<AnyFigureKey, number | null>,
    figures: keys.map((key) => ({ key, label: figureLabel(key, base), unit: figureUnit(key), floor: base.ratioFigures.find((x) => x.key === ratioOf(key)?.ratio)?.floor })),
    ranking,
    bars,
    method:
      'one-at-a-time bumps, 2m + 1 runs with common random numbers; delta = mean_i(X_i^bump - X_i^base), paired SE = sd_i(...)/sqrt(n) (quantile figures: 20 batch means); within noise: neither bump differs from the base by more than 2 paired SE' +
      (withRatios ? `; ${RATIO_METHOD}` : ''),
  };
}
