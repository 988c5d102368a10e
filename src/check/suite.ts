/**
 * `liqsim check SUITE.yaml`: a suite's regression check. The suite is run as `liqsim suite` runs it
 * (common random numbers, no window levers) and each member's figures, paired deltas against the
 * base (with their paired SEs), its regulatory ratio figures and their paired deltas (the suite's
 * default ratios; none for a member without a regulatory: key) and windows are compared with a
 * committed suite baseline
 * (`<baselines>/suites/<suite>.json`), so a change that moves a stress's effect shows in CI even
 * when each scenario alone stays within its tolerance.
 *
 * Exact mode when the seed, the paths, liqsim's version and every member's scenario are those of the
 * baseline: every number must be identical. Otherwise statistical: a delta may move by k combined
 * paired SEs (k · √(SE_baseline² + SE_now²); when both SEs are 0, the relative tolerance), a member's
 * figure by the relative tolerance; windows are not compared.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { TOOL_VERSION } from '../version.js';
import { isPlainObject } from '../scenario/locations.js';
import { loadScenario } from '../model/load.js';
import { defaultThreads } from '../engine/parallel.js';
import { PairedRunner } from '../analysis/pool.js';
import { readSuite } from '../analysis/suite-file.js';
import { runSuite, suiteJson } from '../analysis/suite.js';
import { FIGURE_KEYS, figureUnit, type AnyFigureKey, type FigureKey } from '../analysis/paired.js';
import { baselineText, parseBaselineDocument, readBaselineText } from './baseline.js';
import type { Comparison, CompareOptions, FigureCheck, Unit } from './compare.js';

export const SUITE_BASELINE_SCHEMA = 'liqsim/suite-baseline';

const figureValues = z.strictObject(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number().nullable()])) as Record<FigureKey, z.ZodNullable<z.ZodNumber>>);
const deltaSchema = z.strictObject({ delta: z.number().nullable(), se: z.number().nullable() });
const suiteBaselineSchema = z.strictObject({
  schema: z.literal(SUITE_BASELINE_SCHEMA),
  suite: z.string(),
  seed: z.string(),
  paths: z.number().int(),
  liqsim: z.string(),
  base: z.string(),
  members: z.array(
    z.strictObject({
      name: z.string(),
      /** SHA-256 of the member's resolved scenario (overrides and presets included). */
      sha256: z.string(),
      figures: figureValues,
      deltas: z.strictObject(Object.fromEntries(FIGURE_KEYS.map((k) => [k, deltaSchema])) as Record<FigureKey, typeof deltaSchema>).nullable(),
      /**
       * The regulatory ratio figures (`lcr3_3m`, `pBelowFloor(lcr3_3m)`, ...) and their paired deltas,
       * null without path statistics (no regulatory: key) or, for the deltas, for the base; absent
       * in a baseline written before liqsim compared them (not compared then).
       */
      ratioFigures: z.record(z.string(), z.number().nullable()).nullable().optional(),
      ratioDeltas: z.record(z.string(), deltaSchema).nullable().optional(),
      /** The member's shortfall windows, `start..end`. */
      windows: z.array(z.string()),
    }),
  ),
});
export type SuiteBaseline = z.infer<typeof suiteBaselineSchema>;

/** Whether a YAML file is a suite file (top-level `suite:` and `members:`), not a scenario. */
export function isSuiteFile(file: string): boolean {
  if (!/\.ya?ml$/i.test(file)) return false;
  try {
    const value: unknown = parseDocument(readFileSync(file, 'utf8')).toJS();
    return isPlainObject(value) && 'suite' in value && 'members' in value;
  } catch {
    return false;
  }
}

/** `suites/bundled.yaml` -> `DIR/suites/bundled.json` (apart from the scenarios' baselines). */
export function suiteBaselinePath(baselinesDir: string, file: string): string {
  return join(baselinesDir, 'suites', `${basename(file, extname(file))}.json`);
}

/** Runs the suite (no window levers) and returns what its baseline holds. */
export async function runSuiteBaseline(file: string, threads?: number): Promise<SuiteBaseline> {
  const spec = readSuite(file);
  const base = loadScenario(spec.members[spec.base].file).model;
  const runner = new PairedRunner(threads ?? defaultThreads(base, spec.paths ?? base.paths));
  try {
    const runs = await runSuite(spec, runner, undefined, { levers: false });
    const json = suiteJson(spec, runs);
    return {
      schema: SUITE_BASELINE_SCHEMA,
      suite: json.suite,
      seed: json.seed,
      paths: json.paths,
      liqsim: TOOL_VERSION,
      base: json.base,
      members: json.members.map((m, i) => ({
        name: m.name,
        sha256: runs[i].results.meta.scenario.sha256,
        figures: m.figures,
        deltas: m.deltas === null ? null : (pairs(m.deltas) as NonNullable<SuiteBaseline['members'][number]['deltas']>),
        ratioFigures: m.ratioFigures,
        ratioDeltas: m.ratioDeltas === null ? null : pairs(m.ratioDeltas),
        windows: m.windows.map((w) => `${w.start}..${w.end}`),
      })),
    };
  } finally {
    await runner.close();
  }
}

/** Each figure's delta and SE, as a baseline keeps them. */
function pairs(deltas: Record<string, { delta: number | null; se: number | null }>): Record<string, { delta: number | null; se: number | null }> {
  return Object.fromEntries(Object.entries(deltas).map(([k, d]) => [k, { delta: d.delta, se: d.se }]));
}

export function serializeSuiteBaseline(b: SuiteBaseline): string {
  return baselineText(b);
}

/** Reads a suite baseline, or null when there is none. */
export async function readSuiteBaseline(file: string): Promise<SuiteBaseline | null> {
  const text = await readBaselineText(file);
  return text === null ? null : parseBaselineDocument(suiteBaselineSchema, text, file, 'suite baseline');
}

const UNITS: Record<FigureKey, Unit> = { pAnyShortfall: 'probability', expectedPeak: 'money', p99Peak: 'money', firstShortfallP5: 'date' };
const unitOf = (k: string): Unit => UNITS[k as FigureKey] ?? (figureUnit(k as AnyFigureKey) === 'ratio' ? 'ratio' : 'probability');

type Deltas = Partial<Record<string, { delta: number | null; se: number | null }>> | null;

/** Compares a suite's run with its baseline (see the module comment for the two modes). */
export function compareSuite(baseline: SuiteBaseline, now: SuiteBaseline, options: CompareOptions): Comparison {
  const differs = [
    baseline.seed !== now.seed ? `seed ${baseline.seed} -> ${now.seed}` : null,
    baseline.paths !== now.paths ? `paths ${baseline.paths} -> ${now.paths}` : null,
    baseline.liqsim !== now.liqsim ? `liqsim ${baseline.liqsim} -> ${now.liqsim}` : null,
  ].filter((x): x is string => x !== null);
  const before = new Map(baseline.members.map((m) => [m.name, m]));
  const changedScenarios = now.members.filter((m) => before.has(m.name) && before.get(m.name)!.sha256 !== m.sha256).map((m) => m.name);
  if (changedScenarios.length > 0) differs.push(`scenario of ${changedScenarios.join(', ')} changed`);
  const exact = differs.length === 0;
  const figures: FigureCheck[] = [];
  const notes: string[] = [];
  const ratiosUnchecked: string[] = [];
  const check = (id: string, unit: Unit, b: number | string | null, n: number | string | null, seB?: number | null, seN?: number | null): void => {
    const difference = typeof b === 'number' && typeof n === 'number' ? n - b : null;
    const moved = b !== n;
    if (exact || typeof b !== 'number' || typeof n !== 'number') {
      figures.push({ group: typeof b === 'string' || typeof n === 'string' ? 'windows' : 'headline', id, unit, baseline: b, now: n, difference, allowed: 0, basis: 'identical', z: null, moved, passed: !moved });
      return;
    }
    const combined = seB != null && seN != null ? Math.sqrt(seB * seB + seN * seN) : 0;
    const bySe = combined > 0;
    const allowed = bySe ? options.k * combined : options.relTolerance * Math.abs(b);
    const basis = bySe ? `${options.k} paired SE` : `rel ${Number((options.relTolerance * 100).toPrecision(4))}%`;
    figures.push({ group: 'headline', id, unit, baseline: b, now: n, difference, allowed, basis, z: bySe ? difference! / combined : null, moved, passed: Math.abs(difference!) <= allowed });
  };
  for (const m of baseline.members) {
    if (!now.members.some((x) => x.name === m.name)) figures.push({ group: 'headline', id: `${m.name}`, unit: 'probability', baseline: null, now: null, difference: null, allowed: null, basis: 'member', z: null, moved: true, passed: false, note: 'member no longer in the suite' });
  }
  for (const m of now.members) {
    const b = before.get(m.name);
    if (!b) {
      figures.push({ group: 'headline', id: `${m.name}`, unit: 'probability', baseline: null, now: null, difference: null, allowed: null, basis: 'member', z: null, moved: true, passed: false, note: 'new member: not in the baseline' });
      continue;
    }
    const figuresAndDeltas = (keys: readonly string[], bf: Partial<Record<string, number | null>> | null, nf: Partial<Record<string, number | null>> | null, bd: Deltas, nd: Deltas): void => {
      for (const k of keys) check(`${m.name}.${k}`, unitOf(k), bf?.[k] ?? null, nf?.[k] ?? null);
      for (const k of keys) {
        const db = bd?.[k] ?? null;
        const dn = nd?.[k] ?? null;
        check(`${m.name}.Δ${k}`, unitOf(k), db?.delta ?? null, dn?.delta ?? null, db?.se, dn?.se);
        if (exact) check(`${m.name}.Δ${k}.se`, unitOf(k), db?.se ?? null, dn?.se ?? null);
      }
    };
    figuresAndDeltas(FIGURE_KEYS, b.figures, m.figures, b.deltas, m.deltas);
    if (b.ratioFigures === undefined) ratiosUnchecked.push(m.name);
    else {
      // the ratios of either side: one gone or new fails as a moved figure
      const keys = [...new Set([...Object.keys(b.ratioFigures ?? {}), ...Object.keys(m.ratioFigures ?? {})])];
      figuresAndDeltas(keys, b.ratioFigures, m.ratioFigures ?? null, b.ratioDeltas ?? null, m.ratioDeltas ?? null);
    }
    if (exact) check(`${m.name}.windows`, 'window', b.windows.join(', ') || 'none', m.windows.join(', ') || 'none');
  }
  if (ratiosUnchecked.length > 0) notes.push(`regulatory ratios not compared for ${ratiosUnchecked.join(', ')}: the baseline predates them (liqsim check --update writes them)`);
  if (!exact) notes.push('statistical mode: windows and SEs are not compared, deltas within k combined paired SEs, member figures within the relative tolerance');
  return {
    mode: exact ? 'exact' : 'statistical',
    modeReason: exact ? `same seed ${now.seed}, ${now.paths} paths, liqsim ${now.liqsim}, members' scenarios unchanged` : differs.join('; '),
    scenarioChanged: changedScenarios.length > 0,
    figures,
    notes,
    passed: figures.every((f) => f.passed),
  };
}
