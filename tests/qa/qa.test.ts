/**
 * The hand-derived QA cases (tests/qa/README.md), in the style of OpenQuake's qa_tests: one folder per
 * model feature with a scenario (fixed parameters, one path), the expected figures and their
 * derivation by hand. Each case runs through the library (`runScenario`: parse, compile, engine,
 * results) and every figure in expected.json must match exactly: amounts to the cent, probabilities,
 * causes and windows as written.
 *
 * expected.json:
 *   { "ledger": { "<date>": { "<field>": value } },   fields of results.worstPath.ledger (dotted: "payouts.maturity")
 *     "daily":  { "<date>": { "<field>": value } },   fields of results.daily ("requests.surrender", "creditDrawnByLine.0")
 *     "windows": [["<start>", "<end>", "<dominant cause>"], ...],   the shortfall windows, all of them
 *     "actions": { "<name>": { "<field>": value } },   fields of results.summary.actions by action name
 *     "summary": { "<field>": value } }   fields of results.summary ("regulatory.fundingShortfall.mean")
 *                                                        ("activation.earliest", "meanAmount")
 * An amount is written as text with two decimals ("1000300.00") and compared in integer cents; any
 * other value (a probability, a cause, null) is compared as it is.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/index.js';

const QA = import.meta.dirname;
const CASES = readdirSync(QA, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(QA, e.name, 'scenario.yaml')))
  .map((e) => e.name)
  .sort();

type Figures = Record<string, Record<string, string | number | null>>;
interface Expected {
  ledger?: Figures;
  daily?: Figures;
  windows?: [string, string, string][];
  actions?: Figures;
  summary?: Figures[string];
}

const AMOUNT = /^-?\d+\.\d\d$/;

/** "1000300.00" -> 100030000, from the digits (no floating point). */
function centsOf(text: string): number {
  return Number(text.replace('.', ''));
}

/** A results amount in cents; fails when it is not a whole number of cents. */
function centsOfResult(value: unknown, where: string): number {
  expect(typeof value, where).toBe('number');
  const c = Math.round((value as number) * 100);
  expect(Math.abs((value as number) * 100 - c), `${where}: ${value} is not whole cents`).toBeLessThan(1e-6);
  return c;
}

function pick(row: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], row);
}

/** Compares the listed fields of the rows keyed by `key` (a date, or an action's name). */
function compareRows<R>(kind: string, rows: R[], key: (row: R) => string, expected: Figures | undefined): number {
  let compared = 0;
  for (const [id, fields] of Object.entries(expected ?? {})) {
    const row = rows.find((r) => key(r) === id);
    expect(row, `${kind} has a row for ${id}`).toBeDefined();
    for (const [field, want] of Object.entries(fields)) {
      const where = `${kind} ${id} ${field}`;
      const got = pick(row, field);
      expect(got, `${where} exists`).not.toBeUndefined();
      if (typeof want === 'string' && AMOUNT.test(want)) expect(centsOfResult(got, where), where).toBe(centsOf(want));
      else expect(got, where).toBe(want);
      compared++;
    }
  }
  return compared;
}

describe('QA cases: one hand-derived case per model feature', () => {
  it('there are cases, each with scenario.yaml, expected.json and derivation.md', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(31);
    for (const name of CASES) {
      for (const file of ['expected.json', 'derivation.md']) expect(existsSync(join(QA, name, file)), `${name}/${file}`).toBe(true);
    }
  });

  it.each(CASES)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(QA, name, 'expected.json'), 'utf8')) as Expected;
    const { results } = await runScenario(join(QA, name, 'scenario.yaml'), { threads: 1 });
    const byDate = (r: { date: string }) => r.date;
    let compared = compareRows('ledger', results.worstPath.ledger, byDate, expected.ledger);
    compared += compareRows('daily', results.daily, byDate, expected.daily);
    if (expected.actions !== undefined) {
      expect(results.summary.actions, 'summary.actions').toBeDefined();
      compared += compareRows('actions', results.summary.actions ?? [], (a) => a.name, expected.actions);
    }
    if (expected.summary !== undefined) compared += compareRows('summary', [results.summary], () => 'summary', { summary: expected.summary });
    if (expected.windows !== undefined) {
      expect(results.summary.windows.map((w) => [w.start, w.end, w.dominantCause]), 'windows').toEqual(expected.windows);
      compared++;
    }
    expect(compared, 'figures compared').toBeGreaterThan(3);
  });
});
