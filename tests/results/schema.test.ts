/**
 * The results schema (src/results/types.ts) is the one description of results.json: what
 * buildResults writes must pass it, its keys must come in the order the writer writes them (so
 * the schema can be read as the file's layout), and meta.funding names the scenario's credit
 * lines, assets and channels in scenario order.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runScenario } from '../../src/results/run.js';
import { resultsSchema, type Results } from '../../src/results/types.js';
import { resultsJson } from '../../src/results/write.js';
import { parseResults } from '../../src/report/load.js';

/** Every object key path of `value` with the keys in the order found ("meta.run.seed", ...). */
function keyOrder(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keyOrder(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [`${prefix}${k}`, ...keyOrder(v, `${prefix}${k}.`)]);
}

/** The same for a schema: the keys of each z.object shape in declaration order, optional ones included. */
function schemaKeyOrder(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> } }).def;
  if (def.type === 'optional' || def.type === 'nullable') return schemaKeyOrder(def.innerType!, prefix);
  if (def.type === 'array') return schemaKeyOrder(def.element!, `${prefix}[]`);
  if (def.type !== 'object') return [];
  return Object.entries(def.shape!).flatMap(([k, v]) => [`${prefix}${k}`, ...schemaKeyOrder(v, `${prefix}${k}.`)]);
}

describe('the results schema', async () => {
  // Two credit lines, four assets and payment channels; 40 paths are enough for the shape.
  const { results } = await runScenario('scenarios/maturity-peak-2020q1.yaml', { paths: 40, threads: 1 });
  const written = JSON.parse(resultsJson(results)) as Results;

  it('accepts what the writer writes, and the loader returns it unchanged', () => {
    expect(resultsSchema.safeParse(written).success).toBe(true);
    expect(parseResults(written, 'results.json')).toBe(written);
  });

  it('lists the keys in the order results.json has them', () => {
    // Skipping `resolved` (the scenario as the user wrote it) and keys the schema marks optional
    // but this run does not write: what is left must be the written order exactly.
    // Also skipping the keys of records (by asset class: which classes appear is data, not schema).
    const inFile = keyOrder(written).filter((k) => !k.startsWith('meta.scenario.resolved.') && !/ByClass\./.test(k));
    const declared = schemaKeyOrder(resultsSchema).filter((k) => inFile.includes(k));
    expect(declared).toEqual(inFile);
  });

  it('names the credit lines, assets and channels in meta.funding, in scenario order', () => {
    const resolved = written.meta.scenario.resolved as {
      funding: { credit_lines: { bank: string }[]; assets?: { name: string; class?: string }[] };
      payments?: { channels?: { bank: string }[] };
    };
    expect(written.meta.funding).toEqual({
      creditLines: resolved.funding.credit_lines.map((l) => ({ bank: l.bank })),
      // `class` only on assets that have one (CONTRACTS 3)
      assets: (resolved.funding.assets ?? []).map((a) => (a.class ? { name: a.name, class: a.class } : { name: a.name })),
      channels: (resolved.payments?.channels ?? []).map((c) => ({ bank: c.bank })),
    });
    // The bundled scenario's own names, read from its YAML and base.yaml by eye.
    expect(written.meta.funding?.creditLines.map((l) => l.bank)).toEqual(['Bank A', 'Bank B']);
    expect(written.meta.funding?.assets.map((a) => a.name)).toEqual(['government bonds', 'policy bank bonds', 'corporate bonds', 'equity funds']);
    expect(written.meta.funding?.assets.map((a) => a.class)).toEqual(['L1', 'L2A', 'L2B', 'L2B']);
    expect(written.meta.funding?.channels.map((c) => c.bank)).toEqual(['Bank A', 'Bank C']);
    expect(written.daily[0].creditDrawnByLine).toHaveLength(2);
  });

  it('still loads a file written before meta.funding existed', () => {
    const old = JSON.parse(resultsJson(results)) as Results;
    delete old.meta.funding;
    expect(resultsSchema.safeParse(old).success).toBe(true);
  });

  it("takes a window's optional lever as CONTRACTS item 1 gives it, and checks it", () => {
    const withLever = JSON.parse(resultsJson(results)) as Results;
    const window = { start: '2020-01-20', end: '2020-01-21', days: 2, peakProbability: 0.2, peakDate: '2020-01-20', maxExpectedShortfall: 5, maxExpectedShortfallDate: '2020-01-20', dominantCause: 'channel' as const };
    const lever = { kind: 'channel' as const, amount: 1e9, byDate: '2020-01-20', channel: 'Bank A', achievedProbability: 0.009, found: true, method: 'bisection' };
    withLever.summary.windows = [window, { ...window, lever }];
    expect(resultsSchema.safeParse(withLever).success).toBe(true);
    withLever.summary.windows = [{ ...window, lever: { ...lever, kind: 'luck' as 'channel' } }];
    expect(resultsSchema.safeParse(withLever).success).toBe(false);
  });

  it('rejects a meta.funding of the wrong shape, naming the key', () => {
    const bad = JSON.parse(resultsJson(results)) as { meta: { funding: unknown } };
    bad.meta.funding = { creditLines: [{ bank: 3 }], assets: [], channels: [] };
    expect(() => parseResults(bad, 'results.json')).toThrow(/problem/);
    try {
      parseResults(bad, 'results.json');
    } catch (error) {
      expect((error as { issues: { path: unknown[] }[] }).issues[0].path).toEqual(['meta', 'funding', 'creditLines', 0, 'bank']);
    }
  });
});
