/**
 * Variants of a compiled model for paired (common random numbers) comparisons: stress presets and
 * levers, applied to the `Model` after compilation.
 *
 * Each transform keeps the number and order of a path's random draws (src/engine/kernel.ts
 * `drawPath`): a refused line gets fail probability 1 (its draw is still made), limits never relaxed
 * make triggered changes' agreement probability 0 (ditto) and drop dated ones (no draw). So path i
 * of a variant sees the same surrender level, shocks, refusals, haircuts and noise as path i of the
 * base, and differences are paired.
 */
import { parseIsoDate } from '../dates.js';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';
import type { Cents, LimitChange, Model } from '../model/types.js';
import { deriveModel } from '../model/compile.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Stress presets (suite members). */
export type Preset =
  | { annual_lapse_multiplier: number; cap?: number }
  | { mass_lapse: { date?: string; day?: number; share?: number } }
  | { line_refused: string }
  | { limits_never_relaxed: true }
  | { premium_multiplier: number }
  | { surrender_multiplier: number };

const cents = (units: number): Cents => Math.round(units * 100);

/** Daily hazard of an annual rate (compile.ts: 1 - (1 - r)^(1/365)). */
export function dailyHazard(annualRate: number): number {
  return 1 - Math.pow(1 - annualRate, 1 / 365);
}

/** The model's day index of an ISO date. */
export function dayOf(model: Model, iso: string): number {
  // the one strict parser (src/dates.ts): Date.parse would take 2020-02-30 for 1 March
  const epochDay = parseIsoDate(iso);
  if (epochDay === null) throw errorOf(runMessages.leverDateNotIso(iso));
  const day = epochDay - model.startDay;
  if (day < 0 || day >= model.horizonDays) throw errorOf(runMessages.leverDateOutsideHorizon(iso));
  return day;
}

function lineIndex(model: Model, bank: string | undefined): number[] {
  const lines = model.funding.creditLines;
  if (bank === undefined) return lines.map((_, i) => i);
  const i = lines.findIndex((l) => l.bank === bank);
  if (i < 0) throw errorOf(runMessages.noCreditLine(bank, lines.map((l) => l.bank)));
  return [i];
}

function channelIndex(model: Model, bank: string | undefined): number[] {
  const channels = model.payments.channels;
  if (bank === undefined) return channels.map((_, i) => i);
  const i = channels.findIndex((c) => c.bank === bank);
  if (i < 0) throw errorOf(runMessages.noPaymentChannel(bank, channels.map((c) => c.bank)));
  return [i];
}

/** Scales every product's surrender hazard by k (capped at 1), keeping annual and daily rates consistent. */
function scaleHazard(model: Model, k: number): Model {
  const groups = model.groups.map((g) => {
    const h = Math.min(1, k * g.baseDailyHazard);
    return { ...g, baseDailyHazard: h, baseAnnualRate: 1 - Math.pow(1 - h, 365) };
  });
  return { ...model, groups };
}

/**
 * Applies one preset. The model's derived quantities (model/compile.ts `deriveModel`: shock curves,
 * no-surrender book, last draw days, ...) are computed again from the changed terms.
 */
export function applyPreset(model: Model, preset: Preset): Model {
  return deriveModel(presetTerms(model, preset));
}

function presetTerms(model: Model, preset: Preset): Model {
  if ('annual_lapse_multiplier' in preset) {
    // Solvency II lapse-up / C-ROSS: the annual rate is multiplied (capped), then made daily.
    const k = preset.annual_lapse_multiplier;
    const cap = preset.cap ?? 1;
    const groups = model.groups.map((g) => {
      const r = Math.min(k * g.baseAnnualRate, cap);
      return { ...g, baseAnnualRate: r, baseDailyHazard: dailyHazard(r) };
    });
    return { ...model, groups };
  }
  if ('surrender_multiplier' in preset) return scaleHazard(model, preset.surrender_multiplier);
  if ('mass_lapse' in preset) {
    const m = preset.mass_lapse;
    const day = m.day ?? (m.date !== undefined ? dayOf(model, m.date) : model.stress.massLapse?.day);
    if (day === undefined) throw errorOf(runMessages.massLapseWithoutDate());
    return { ...model, stress: { ...model.stress, massLapse: { day, share: m.share ?? 0.4 } } };
  }
  if ('line_refused' in preset) {
    const refused = new Set(lineIndex(model, preset.line_refused));
    const creditLines = model.funding.creditLines.map((l, i) => (refused.has(i) ? { ...l, failProbability: 1 } : l));
    return { ...model, funding: { ...model.funding, creditLines } };
  }
  if ('limits_never_relaxed' in preset) {
    const changes = model.payments.changes.filter((c) => c.kind === 'triggered').map((c) => ({ ...c, probability: 0 }));
    return { ...model, payments: { ...model.payments, changes } };
  }
  if ('premium_multiplier' in preset) {
    const k = preset.premium_multiplier;
    const inflows = model.funding.inflows.map((x) => Math.round(x * k));
    return { ...model, funding: { ...model.funding, inflows } };
  }
  throw errorOf(runMessages.unknownPreset(preset));
}

/**
 * Lever keys: a name, optionally a bank or shock in brackets.
 *  - funding.cash: opening cash (currency units)
 *  - funding.extra: extra cash arriving on `at` (currency units; the required-liquidity lever)
 *  - surrender.level: multiplier on every product's daily surrender hazard
 *  - annual_lapse_multiplier: multiplier on the annual surrender rate (capped at 1)
 *  - surrender.level_sd: sd of the per-path lognormal level
 *  - shock.peak_multiplier, shock[NAME].peak_multiplier, shock.probability
 *  - mass_lapse.share (on the scenario's mass-lapse date, or `at`)
 *  - credit_line.limit, credit_line[BANK].limit, credit_line[BANK].fail_probability (limit: each line's, units)
 *  - channel.daily_limit, channel[BANK].daily_limit: daily limit from `at` (default the start), units
 *  - processing.capacity: payouts per business day from `at`
 *  - premium_multiplier: multiplier on scheduled inflows
 */
export interface LeverKey {
  name: string;
  target?: string;
  text: string;
}

export const LEVER_NAMES = [
  'funding.cash',
  'funding.extra',
  'surrender.level',
  'annual_lapse_multiplier',
  'surrender.level_sd',
  'shock.peak_multiplier',
  'shock.probability',
  'mass_lapse.share',
  'credit_line.limit',
  'credit_line.fail_probability',
  'channel.daily_limit',
  'processing.capacity',
  'premium_multiplier',
] as const;

export function parseLeverKey(text: string): LeverKey {
  const m = /^([a-z_]+)(?:\[([^\]]+)\])?(?:\.([a-z_]+))?$/.exec(text.trim());
  const name = m ? (m[3] ? `${m[1]}.${m[3]}` : m[1]) : '';
  if (!m || !(LEVER_NAMES as readonly string[]).includes(name)) {
    throw errorOf(runMessages.unknownLever(text, LEVER_NAMES));
  }
  return { name, target: m[2], text };
}

/** The lever's value in the unmodified model (for relative bumps such as -20% or x0.5). */
export function baseValue(model: Model, key: LeverKey, at?: number): number {
  switch (key.name) {
    case 'funding.cash':
      return model.funding.openingCash / 100;
    case 'funding.extra':
      return 0;
    case 'surrender.level':
    case 'annual_lapse_multiplier':
    case 'premium_multiplier':
      return 1;
    case 'surrender.level_sd':
      return model.stress.levelSd;
    case 'shock.peak_multiplier':
      return shocksOf(model, key.target)[0]?.peakMultiplier ?? 1;
    case 'shock.probability':
      return shocksOf(model, key.target)[0]?.probability ?? 0;
    case 'mass_lapse.share':
      return model.stress.massLapse?.share ?? 0;
    case 'credit_line.limit':
      return (model.funding.creditLines[lineIndex(model, key.target)[0]]?.limit ?? 0) / 100;
    case 'credit_line.fail_probability':
      return model.funding.creditLines[lineIndex(model, key.target)[0]]?.failProbability ?? 0;
    case 'channel.daily_limit':
      return model.payments.channels[channelIndex(model, key.target)[0]].dailyLimit / 100;
    case 'processing.capacity':
      return model.payments.processingCapacity;
    default:
      void at;
      throw errorOf(runMessages.unknownLever(key.text));
  }
}

function shocksOf(model: Model, name: string | undefined) {
  const shocks = model.stress.shocks;
  if (name === undefined) return shocks;
  const found = shocks.filter((s) => s.name === name);
  if (found.length === 0) throw errorOf(runMessages.noSurrenderShock(name, shocks.map((s) => s.name)));
  return found;
}

/** A dated change that sets a limit from `day` on, and keeps every later change at least as high. */
function limitFrom(model: Model, day: number, channel: number, set: { dailyLimit?: Cents; processingCapacity?: number }): Model {
  const raise = (c: LimitChange): LimitChange => {
    if (set.processingCapacity !== undefined && c.processingCapacity !== undefined && (c.kind === 'triggered' || c.day >= day)) {
      return { ...c, processingCapacity: Math.max(c.processingCapacity, set.processingCapacity) };
    }
    if (set.dailyLimit !== undefined && c.channel === channel && c.limits.dailyLimit !== undefined && (c.kind === 'triggered' || c.day >= day)) {
      return { ...c, limits: { ...c.limits, dailyLimit: Math.max(c.limits.dailyLimit, set.dailyLimit) } };
    }
    return c;
  };
  const changes = model.payments.changes.map(raise);
  if (day <= 0) {
    const channels = model.payments.channels.map((c, i) => (i === channel && set.dailyLimit !== undefined ? { ...c, dailyLimit: set.dailyLimit } : c));
    const processingCapacity = set.processingCapacity ?? model.payments.processingCapacity;
    return { ...model, payments: { ...model.payments, channels, processingCapacity, changes } };
  }
  const added: LimitChange =
    set.processingCapacity !== undefined
      ? { kind: 'dated', day, channel: -1, limits: {}, processingCapacity: set.processingCapacity }
      : { kind: 'dated', day, channel, limits: { dailyLimit: set.dailyLimit } };
  return { ...model, payments: { ...model.payments, changes: [...changes, added] } };
}

/** The model with the lever set to `value` (`at`: day index for dated levers), derived quantities computed again. */
export function setLever(model: Model, key: LeverKey, value: number, at = 0): Model {
  return deriveModel(leverTerms(model, key, value, at));
}

function leverTerms(model: Model, key: LeverKey, value: number, at: number): Model {
  if (!Number.isFinite(value)) throw errorOf(runMessages.leverValueNotFinite(key.text, value));
  const funding = model.funding;
  switch (key.name) {
    case 'funding.cash':
      return { ...model, funding: { ...funding, openingCash: cents(Math.max(0, value)) } };
    case 'funding.extra': {
      const inflows = Float64Array.from(funding.inflows);
      inflows[at] += cents(Math.max(0, value));
      return { ...model, funding: { ...funding, inflows } };
    }
    case 'surrender.level':
      return scaleHazard(model, Math.max(0, value));
    case 'annual_lapse_multiplier':
      return applyPreset(model, { annual_lapse_multiplier: Math.max(0, value) });
    case 'premium_multiplier':
      return applyPreset(model, { premium_multiplier: Math.max(0, value) });
    case 'surrender.level_sd':
      return { ...model, stress: { ...model.stress, levelSd: Math.max(0, value) } };
    case 'shock.peak_multiplier':
    case 'shock.probability': {
      const chosen = new Set(shocksOf(model, key.target));
      const field = key.name === 'shock.peak_multiplier' ? 'peakMultiplier' : 'probability';
      const v = field === 'peakMultiplier' ? Math.max(1, value) : Math.min(1, Math.max(0, value));
      const shocks = model.stress.shocks.map((s) => (chosen.has(s) ? { ...s, [field]: v } : s));
      return { ...model, stress: { ...model.stress, shocks } };
    }
    case 'mass_lapse.share':
      return applyPreset(model, { mass_lapse: { day: model.stress.massLapse?.day ?? at, share: Math.min(1, Math.max(0, value)) } });
    case 'credit_line.limit':
    case 'credit_line.fail_probability': {
      const chosen = new Set(lineIndex(model, key.target));
      const creditLines = funding.creditLines.map((l, i) => {
        if (!chosen.has(i)) return l;
        const out: Mutable<typeof l> = { ...l };
        if (key.name === 'credit_line.limit') {
          out.limit = cents(Math.max(0, value));
          // A draw cap equal to the limit ("default: the limit") follows it.
          out.dailyDrawCap = l.dailyDrawCap >= l.limit ? out.limit : l.dailyDrawCap;
        } else out.failProbability = Math.min(1, Math.max(0, value));
        return out;
      });
      return { ...model, funding: { ...funding, creditLines } };
    }
    case 'channel.daily_limit': {
      let out = model;
      for (const c of channelIndex(model, key.target)) out = limitFrom(out, at, c, { dailyLimit: cents(Math.max(0, value)) });
      return out;
    }
    case 'processing.capacity':
      return limitFrom(model, at, -1, { processingCapacity: Math.max(1, Math.round(value)) });
    default:
      throw errorOf(runMessages.unknownLever(key.text));
  }
}
