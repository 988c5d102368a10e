/**
 * Differential test: the reference model (src/engine/reference, plain TypeScript, the executable
 * specification of docs/model.md) and the WebAssembly kernel (src/engine/kernel.ts + assembly) must
 * give the same numbers, to the bit, on every per-day field, headroom, ledger row, conservation total
 * and outcome of every day of every path, on randomly generated models covering every feature
 * (tests/engine/model-generator.ts).
 *
 * The kernel runs its paths as it does in production (two paths' liabilities side by side in SIMD
 * lanes, its own draws and noise); the reference gets its draws from `drawPath`, so the draws' order
 * is checked too.
 *
 * LIQSIM_DIFF_MODELS sets the number of models (default 300 in `npm test`, 5000 in `npm run test:diff`);
 * LIQSIM_DIFF_SEED replays one generator seed, e.g. LIQSIM_DIFF_SEED=diff/17.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { assetFieldStart, FIELD, LEDGER_ORDER, PathSimulator, TOTALS_ORDER, actionFieldsStart, fieldsPerDay, type PathLedger, type PathOutcome } from '../../src/engine/kernel.js';
import { drawPath, type PathDraws } from '../../src/engine/reference/draws.js';
import { runFundingOnly, runReference, type ReferencePath } from '../../src/engine/reference/reference.js';
import type { Model } from '../../src/model/types.js';
import { loadScenario } from '../../src/model/load.js';
import { generateModel } from './model-generator.js';

const MODELS = Number(process.env.LIQSIM_DIFF_MODELS ?? (process.env.npm_lifecycle_event === 'test:diff' ? 5000 : 300));
const ONLY_SEED = process.env.LIQSIM_DIFF_SEED;
const FIELD_NAMES = Object.entries(FIELD).sort((a, b) => a[1] - b[1]).map(([k]) => k);

function fieldName(model: Model, f: number): string {
  if (f < FIELD.creditDrawnByLine) return FIELD_NAMES[f];
  const actions = actionFieldsStart(model);
  if (f >= actions) return `action field ${f - actions} (deferred, actionInflows, then activation and amount per action)`;
  const assets = assetFieldStart(model.funding.creditLines.length);
  if (f >= assets) return `assetsSoldByAsset[${f - assets}] (${model.funding.assets[f - assets].name})`;
  return `creditDrawnByLine[${f - FIELD.creditDrawnByLine}] (${model.funding.creditLines[f - FIELD.creditDrawnByLine].bank})`;
}

/** Equal as doubles (+0 and -0 equal: the kernel's block sums skip adding zeros). */
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** The first difference between the reference's and the kernel's results of one path, or null. */
function firstDifference(model: Model, where: string, ref: ReferencePath, k: PathOutcome & { ledger: PathLedger }, acc: Float64Array, headroom: Float64Array): string | null {
  const H = model.horizonDays;
  const F = fieldsPerDay(model);
  for (let d = 0; d < H; d++) {
    for (let f = 0; f < F; f++) {
      const a = ref.fields[d * F + f];
      const b = acc[d * F + f];
      if (!same(a, b)) return `${where}, day ${d}, field ${fieldName(model, f)}: reference ${a}, kernel ${b}`;
    }
    if (!same(ref.headroom[d], headroom[d])) return `${where}, day ${d}, headroom: reference ${ref.headroom[d]}, kernel ${headroom[d]}`;
    for (const row of LEDGER_ORDER) {
      const a = ref.ledger[row][d];
      const b = k.ledger[row][d];
      if (!same(a, b)) return `${where}, day ${d}, ledger ${row}: reference ${a}, kernel ${b}`;
    }
    for (const rows of ['assetSalesByAsset', 'creditDrawsByLine'] as const) {
      for (let i = 0; i < ref.ledger[rows].length; i++) {
        const a = ref.ledger[rows][i][d];
        const b = k.ledger[rows][i][d];
        if (!same(a, b)) return `${where}, day ${d}, ledger ${rows}[${i}]: reference ${a}, kernel ${b}`;
      }
    }
  }
  if (ref.ledger.assetSalesByAsset.length !== model.funding.assets.length || k.ledger.creditDrawsByLine.length !== model.funding.creditLines.length) {
    return `${where}: ledger by asset / by line has the wrong number of rows`;
  }
  for (const key of TOTALS_ORDER) {
    const a = ref.ledger.totals[key];
    const b = k.ledger.totals[key];
    if (!same(a, b)) return `${where}, total ${key}: reference ${a}, kernel ${b}`;
  }
  for (const key of ['peakOverdue', 'firstShortfallDay', 'minHeadroom'] as const) {
    if (!same(ref.outcome[key], k[key])) return `${where}, outcome ${key}: reference ${ref.outcome[key]}, kernel ${k[key]}`;
  }
  return null;
}

/**
 * Draws no path of the model's streams would give often: a level up to e^3 (so hazards reach their cap
 * of 1), each shock, refusal and agreement a coin flip, haircuts anywhere in [0, 100%], noise with a
 * log-sd of 1.
 */
function extremeDraws(model: Model, seed: string): PathDraws {
  const u = seedrandom.alea(`${seed}/extreme`);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const coin = () => u() < 0.5;
  return {
    level: Math.exp(1.5 * normal()),
    shockHappens: model.stress.shocks.map(coin),
    lineRefused: model.funding.creditLines.map(coin),
    assetKeep: model.funding.assets.map(() => (coin() ? u() : coin() ? 0 : 1)),
    rollShare: model.groups.map(() => (coin() ? u() : 0)),
    triggerAgrees: model.payments.changes.filter((c) => c.kind === 'triggered').map(coin),
    noise: model.stress.dailyNoiseSd > 0 ? Float64Array.from({ length: model.horizonDays }, () => Math.exp(normal() - 0.5)) : null,
    loanGranted: (model.actions?.loans ?? []).map(coin),
  };
}

/**
 * Compares one model: its paths as the kernel runs them in production (in pairs, with its own draws;
 * each path's funding-only run right after it, on the liabilities pass it reuses) against the
 * reference with `drawPath` (`runReference`, `runFundingOnly`), then one path of extreme draws given
 * to both, both ways. Returns the first difference, described, or null.
 */
function compareModel(seed: string, model: Model): string | null {
  const H = model.horizonDays;
  const F = fieldsPerDay(model);
  const kernel = new PathSimulator(model);
  const sink = () => {
    const acc = new Float64Array(H * F);
    const headroom = new Float64Array(H);
    return { acc, headroom, addHeadroom: (d: number, x: number) => (headroom[d] = x) };
  };
  const compare = (where: string, draws: PathDraws, run: (out: ReturnType<typeof sink>, fundingOnly: boolean) => PathOutcome & { ledger: PathLedger }) => {
    for (const fundingOnly of [false, true]) {
      const out = sink();
      const k = run(out, fundingOnly);
      const ref = fundingOnly ? runFundingOnly(model, draws) : runReference(model, draws);
      const diff = firstDifference(model, fundingOnly ? `${where}, funding-only run` : where, ref, k, out.acc, out.headroom);
      if (diff) return diff;
    }
    return null;
  };
  for (let p = 0; p < model.paths; p++) {
    const diff = compare(`seed ${seed}, path ${p}`, drawPath(model, p), (out, fundingOnly) => kernel.run(p, out, true, fundingOnly));
    if (diff) return diff;
  }
  const draws = extremeDraws(model, seed);
  return compare(`seed ${seed}, extreme draws`, draws, (out, fundingOnly) => kernel.runWithDraws(draws, out, true, fundingOnly));
}

/** What happened on the reference's paths, so the test can show it was not vacuous. */
function tally(seen: Map<string, number>, model: Model, ledger: PathLedger, fields: Float64Array): void {
  const F = fieldsPerDay(model);
  const add = (name: string, yes: boolean) => yes && seen.set(name, (seen.get(name) ?? 0) + 1);
  const any = (f: number) => {
    for (let d = 0; d < model.horizonDays; d++) if (fields[d * F + f] > 0) return true;
    return false;
  };
  add('overdue by funding', any(FIELD.causeFunding));
  add('overdue by channel', any(FIELD.causeChannel));
  add('overdue by channel, per band', model.payments.bandLimits !== null && any(FIELD.causeChannel));
  add('overdue by processing', any(FIELD.causeProcessing));
  add('credit drawn', any(FIELD.creditDrawn));
  add('assets sold', any(FIELD.assetsSold));
  add('other paid', any(FIELD.paidOther));
  add('surrenders', any(FIELD.requestSurrender));
  add('maturities paid', any(FIELD.paidMaturity));
  add('unclaimed left', ledger.totals.unclaimed > 0);
  add('awaiting claim', ledger.totals.awaitingClaim > 0);
  add('rolled over', ledger.totals.rolledOver > 0);
  add('backlog at the end', ledger.totals.backlog > 0);
  if (model.actions !== undefined) {
    add('surrenders deferred', ledger.deferred.some((x) => x > 0));
    add('loan money arrived', ledger.actionInflows.some((x) => x > 0));
  }
}

describe('reference model = WebAssembly kernel', () => {
  const seeds = ONLY_SEED ? [ONLY_SEED] : Array.from({ length: MODELS }, (_, i) => `diff/${i}`);

  it(`agrees to the bit on ${seeds.length} generated models`, () => {
    const failures: string[] = [];
    const features = new Map<string, number>();
    const outcomes = new Map<string, number>();
    let paths = 0;
    for (const seed of seeds) {
      const { model, features: f } = generateModel(seed);
      for (const name of f) features.set(name, (features.get(name) ?? 0) + 1);
      const failure = compareModel(seed, model);
      if (failure) failures.push(failure);
      for (let p = 0; p < model.paths; p++) {
        const ref = runReference(model, drawPath(model, p));
        tally(outcomes, model, ref.ledger, ref.fields);
      }
      paths += model.paths;
    }
    expect(failures.slice(0, 10), `${failures.length} of ${seeds.length} models differ`).toEqual([]);
    if (ONLY_SEED) return;
    // Every feature and every outcome appears in several models: the comparison is not vacuous.
    const expected = [
      'holidays', 'weekends', 'short calendar tail', 'maturity_value', 'rollover', 'rollover beta', 'claim lag', 'unclaimed', 'late claims',
      'bad accounts', 'yields', 'surrender charge', 'several products', 'several cohorts', 'shocks', 'shock before start', 'level sd',
      'daily noise', 'contagion', 'mitigation', 'mass lapse', 'assets', 'asset haircut range', 'asset T+n', 'asset capacity', 'credit lines',
      'credit window', 'credit notice', 'credit daily cap', 'credit refusal', 'assets first', 'inflows', 'other outflows', 'minimum cash',
      'lookahead', 'per-transfer limit', 'transfer count limit', 'several channels', 'processing capacity', 'dated changes',
      'dated change before start', 'triggered changes', 'after_days 0', 'grace days', 'business-day grace', 'annual-rate stress', 'no surrender pre-funding',
      'per-band transfers', 'per-band all one transfer',
      'management actions', 'suspension', 'suspension past the horizon', 'suspension by product', 'loans', 'dated loan', 'triggered loan',
      'cancellations', 'dated cancellation', 'triggered cancellation', 'outreach', 'outreach late claims',
    ];
    const rare = expected.filter((name) => (features.get(name) ?? 0) < Math.min(3, seeds.length / 100));
    expect(rare, 'features generated fewer than 3 times').toEqual([]);
    const happened = [...outcomes.keys()];
    expect(happened.sort()).toEqual(
      [
        'overdue by funding', 'overdue by channel', 'overdue by channel, per band', 'overdue by processing', 'credit drawn', 'assets sold', 'other paid', 'surrenders',
        'maturities paid', 'unclaimed left', 'awaiting claim', 'rolled over', 'backlog at the end', 'surrenders deferred', 'loan money arrived',
      ].sort(),
    );
    expect(paths).toBeGreaterThan(seeds.length * 2);
  }, Math.max(60_000, seeds.length * 40));

  // The scenarios users start from, compiled by the scenario layer, over their whole horizon.
  const scenarioDir = path.resolve(__dirname, '../../scenarios');
  const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml'));
  it.each(scenarios)('agrees to the bit on the bundled scenario %s (first 6 paths)', (file) => {
    const { model } = loadScenario(path.join(scenarioDir, file));
    expect(compareModel(file, { ...model, paths: Math.min(model.paths, 6) })).toBeNull();
  });
});
