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
 * LIQSIM_DIFF_MODELS sets the number of models (default 300; `npm run test:diff` runs 5000);
 * LIQSIM_DIFF_SEED replays one generator seed, e.g. LIQSIM_DIFF_SEED=diff/17.
 */
import { describe, expect, it } from 'vitest';
import { FIELD, LEDGER_ORDER, PathSimulator, TOTALS_ORDER, fieldsPerDay, type PathLedger } from '../../src/engine/kernel.js';
import { drawPath } from '../../src/engine/reference/draws.js';
import { runReference } from '../../src/engine/reference/reference.js';
import type { Model } from '../../src/model/types.js';
import { generateModel } from './model-generator.js';

const MODELS = Number(process.env.LIQSIM_DIFF_MODELS ?? 300);
const ONLY_SEED = process.env.LIQSIM_DIFF_SEED;
const FIELD_NAMES = Object.entries(FIELD).sort((a, b) => a[1] - b[1]).map(([k]) => k);

function fieldName(model: Model, f: number): string {
  if (f < FIELD.creditDrawnByLine) return FIELD_NAMES[f];
  return `creditDrawnByLine[${f - FIELD.creditDrawnByLine}] (${model.funding.creditLines[f - FIELD.creditDrawnByLine].bank})`;
}

/** Equal as doubles (+0 and -0 equal: the kernel's block sums skip adding zeros). */
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Compares one model's paths; returns the first difference, described, or null. */
function compareModel(seed: string, model: Model): string | null {
  const H = model.horizonDays;
  const F = fieldsPerDay(model);
  const kernel = new PathSimulator(model);
  for (let p = 0; p < model.paths; p++) {
    const acc = new Float64Array(H * F);
    const kernelHeadroom = new Float64Array(H);
    const k = kernel.run(p, { acc, addHeadroom: (d, x) => (kernelHeadroom[d] = x) }, true);
    const ref = runReference(model, drawPath(model, p));
    const where = `seed ${seed}, path ${p}`;
    for (let d = 0; d < H; d++) {
      for (let f = 0; f < F; f++) {
        const a = ref.fields[d * F + f];
        const b = acc[d * F + f];
        if (!same(a, b)) return `${where}, day ${d}, field ${fieldName(model, f)}: reference ${a}, kernel ${b}`;
      }
      if (!same(ref.headroom[d], kernelHeadroom[d])) return `${where}, day ${d}, headroom: reference ${ref.headroom[d]}, kernel ${kernelHeadroom[d]}`;
      for (const row of LEDGER_ORDER) {
        const a = ref.ledger[row][d];
        const b = k.ledger[row][d];
        if (!same(a, b)) return `${where}, day ${d}, ledger ${row}: reference ${a}, kernel ${b}`;
      }
    }
    for (const key of TOTALS_ORDER) {
      const a = ref.ledger.totals[key];
      const b = k.ledger.totals[key];
      if (!same(a, b)) return `${where}, total ${key}: reference ${a}, kernel ${b}`;
    }
    for (const key of ['peakOverdue', 'firstShortfallDay', 'minHeadroom'] as const) {
      if (!same(ref.outcome[key], k[key])) return `${where}, outcome ${key}: reference ${ref.outcome[key]}, kernel ${k[key]}`;
    }
  }
  return null;
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
      'dated change before start', 'triggered changes', 'after_days 0', 'grace days',
    ];
    const rare = expected.filter((name) => (features.get(name) ?? 0) < Math.min(3, seeds.length / 100));
    expect(rare, 'features generated fewer than 3 times').toEqual([]);
    const happened = [...outcomes.keys()];
    expect(happened.sort()).toEqual(
      ['overdue by funding', 'overdue by channel', 'overdue by processing', 'credit drawn', 'assets sold', 'other paid', 'surrenders', 'maturities paid', 'unclaimed left', 'awaiting claim', 'rolled over', 'backlog at the end'].sort(),
    );
    expect(paths).toBeGreaterThan(seeds.length * 2);
  });
});
