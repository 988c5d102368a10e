/** Every scenario shipped in scenarios/ validates and compiles, and says what the story needs. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { isoDate } from '../../src/dates.js';
import { scenarioJsonSchema, validateScenarioFiles } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/model/load.js';
import { AMOUNT_KEYS } from '../../src/scenario/schema.js';
import { scratchDir } from './helpers.js';

const dir = path.resolve(__dirname, '../../scenarios');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => path.join(dir, f));

describe('bundled scenarios', () => {
  it('are all there', () => {
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      'bank-refuses-line.yaml',
      'base.yaml',
      'limits-not-relaxed.yaml',
      'mass-lapse-40.yaml',
      'maturity-peak-2020q1.yaml',
      'maturity-peak-with-actions.yaml',
    ]);
  });

  it.each(files)('%s validates and compiles into a consistent model', (file) => {
    expect(validateScenarioFiles([file])).toMatchObject([{ file, ok: true, issues: [] }]);
    const { model, sha256 } = loadScenario(file);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.currency).toBe('CNY');
    expect(model.description).toMatch(/illustrative/i);
    expect(model.groups.length).toBeGreaterThan(0);
    for (const g of model.groups) {
      expect(g.growth.length).toBe(model.horizonDays);
      for (const share of g.maturingValueShare) expect(share >= 0 && share <= 1).toBe(true);
    }
    expect(model.calendar.businessDay.length).toBe(model.horizonDays + model.calendarTail);
    for (const amount of [model.funding.openingCash, ...model.funding.inflows, ...model.otherOutflows]) {
      expect(Number.isSafeInteger(amount)).toBe(true);
    }
    // A few seconds per scenario: paths x days x groups within what the kernel does in that time.
    expect(model.paths * model.horizonDays * model.groups.length).toBeLessThanOrEqual(5_000_000);
  });

  it('base is a year of 2020 with a ~100 bn CNY book', () => {
    const { model } = loadScenario(path.join(dir, 'base.yaml'));
    expect(isoDate(model.startDay)).toBe('2020-01-02');
    expect(model.horizonDays).toBe(365);
    const book = model.groups.reduce((sum, g) => sum + g.initialValue, 0) / 100;
    expect(book).toBeGreaterThan(90e9);
    expect(book).toBeLessThan(110e9);
  });

  it('the maturity peak has the Spring Festival closure, the make-up Sunday and the story’s levers', () => {
    const { model } = loadScenario(path.join(dir, 'maturity-peak-2020q1.yaml'));
    const day = (iso: string) => Date.parse(iso) / 86_400_000 - model.startDay;
    for (let d = day('2020-01-24'); d <= day('2020-02-02'); d++) expect(model.calendar.businessDay[d]).toBe(0);
    expect(model.calendar.businessDay[day('2020-01-19')]).toBe(1);
    expect(model.calendar.businessDay[day('2020-02-03')]).toBe(1);
    const peak = model.groups.find((g) => g.product === 'invest-nonlife-3y')!;
    expect(peak.cohortCount).toBeGreaterThanOrEqual(30);
    const q1 = peak.scheduledMaturities.slice(0, day('2020-04-01')).reduce((a, b) => a + b, 0) / 100;
    expect(q1).toBeGreaterThan(20e9);
    expect(model.funding.creditLines.map((l) => [l.bank, l.fromDay])).toEqual([
      ['Bank A', day('2020-01-10')],
      ['Bank B', day('2020-02-01')],
    ]);
    expect(model.payments.changes.some((c) => c.kind === 'dated' && c.day === day('2020-02-17'))).toBe(true);
    expect(model.payments.changes.some((c) => c.kind === 'triggered')).toBe(true);
    expect(model.stress.mitigation?.notifiedShare).toBe(0.9);
    expect(model.stress.shocks[0].day).toBe(day('2020-01-20'));
    expect(model.stress.contagion).not.toBeNull();
  });

  it('the variants change only what they say', () => {
    const peak = loadScenario(path.join(dir, 'maturity-peak-2020q1.yaml')).model;
    const refused = loadScenario(path.join(dir, 'bank-refuses-line.yaml')).model;
    const lapse = loadScenario(path.join(dir, 'mass-lapse-40.yaml')).model;
    const unrelaxed = loadScenario(path.join(dir, 'limits-not-relaxed.yaml')).model;
    expect(refused.funding.creditLines.map((l) => l.failProbability)).toEqual([1, peak.funding.creditLines[1].failProbability]);
    expect(lapse.stress.massLapse).toMatchObject({ share: 0.4 });
    expect(peak.stress.massLapse).toBeNull();
    expect(unrelaxed.payments.changes).toEqual([]);
    expect(unrelaxed.groups).toEqual(peak.groups);
  });
});

describe('JSON Schema', () => {
  const printed = scenarioJsonSchema() as { $schema: string; $defs: Record<string, any> };
  // A whole scenario; a file with `extends` has its own schema (tests/scenario/json-schema-extends.test.ts).
  const schema = printed.$defs.scenario as { properties: Record<string, any>; required: string[] };

  it('describes every top-level key, for editors', () => {
    expect(printed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual([
      'name', 'description', 'extends', 'currency', 'start', 'as_of', 'horizon_days', 'seed', 'paths', 'shortfall_threshold',
      'overdue_grace_days', 'overdue_grace_calendar', 'calendar', 'liabilities', 'surrender_stress', 'funding', 'payments', 'regulatory',
      'management_actions',
    ]);
    expect(schema.required).toEqual(['name', 'currency', 'start', 'horizon_days', 'liabilities', 'funding', 'payments']);
    expect(schema.properties.funding.additionalProperties).toBe(false);
    expect(schema.properties.funding.properties.cash.anyOf).toEqual([
      { type: 'number', minimum: 0 },
      { type: 'string', pattern: expect.any(String) },
    ]);
  });

  it('marks exactly the AMOUNT_KEYS fields as amounts', () => {
    const found = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, { anyOf?: unknown[] }> }).properties ?? {};
      for (const [key, value] of Object.entries(properties)) {
        if (JSON.stringify(value.anyOf ?? null).includes('"minimum":0},{"type":"string","pattern"')) found.add(key);
      }
      Object.values(node).forEach(walk);
    };
    walk(schema);
    expect([...found].sort()).toEqual([...AMOUNT_KEYS].sort());
  });
});

describe('docs/scenario-format.md', () => {
  it('its complete scenarios are valid', () => {
    const text = readFileSync(path.resolve(__dirname, '../../docs/scenario-format.md'), 'utf8');
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => /^name:/m.test(b) && /^payments:/m.test(b) && !/^extends:/m.test(b));
    expect(blocks.length).toBe(2);
    const s = scratchDir();
    blocks.forEach((block, i) => {
      const file = s.write(`doc-${i}.yaml`, block);
      expect(validateScenarioFiles([file])[0].issues).toEqual([]);
    });
  });
});
