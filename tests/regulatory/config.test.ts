/**
 * The regulatory settings as input: asset classes and the `regulatory:` key are validated with
 * located errors, and compile to the documented defaults.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/model/load.js';
import { DEFAULT_REGULATORY, REGULATORY_WITHOUT_KEY } from '../../src/regulatory/config.js';
import { MINIMAL, issuesOf, scratchDir } from '../scenario/helpers.js';

describe('regulatory settings', () => {
  it('an unknown asset class is one error at the class, listing the classes', () => {
    const s = scratchDir();
    const file = s.write('cls.yaml', MINIMAL.replace('  cash: 5000\n', '  cash: 5000\n  assets:\n    - { name: bonds, amount: 100, class: L3 }\n'));
    const issues = issuesOf(file);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['funding', 'assets', 0, 'class'], location: { file, line: 14, column: 42 } });
    expect(`${issues[0].message} ${issues[0].hint ?? ''} ${issues[0].expected ?? ''}`).toMatch(/L1.*L2A.*L2B_RMBS.*L2B/);
  });

  it('a refused line must be one of the credit lines', () => {
    const s = scratchDir();
    const file = s.write(
      'refused.yaml',
      MINIMAL.replace('  cash: 5000\n', '  cash: 5000\n  credit_lines: [{ bank: Bank A, limit: 100 }]\n') + 'regulatory:\n  deterministic: { refused_lines: [Bank Z] }\n',
    );
    const issues = issuesOf(file);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['regulatory', 'deterministic', 'refused_lines', 0] });
    expect(issues[0].message).toMatch(/Bank Z/);
    expect(issues[0].location?.line).toBeGreaterThan(15);
  });

  it('defaults: no regulatory key gives the presets on the regulatory path only; an empty key all of them; given keys replace them one by one', () => {
    const s = scratchDir();
    const plain = loadScenario(s.write('plain.yaml', MINIMAL)).model.regulatory;
    expect(plain).toEqual(REGULATORY_WITHOUT_KEY);
    expect(plain).toEqual({ ...DEFAULT_REGULATORY, shortfallQuantile: null, perPathStatistics: false });
    expect(loadScenario(s.write('empty.yaml', `${MINIMAL}regulatory: {}\n`)).model.regulatory).toEqual(DEFAULT_REGULATORY);
    expect(DEFAULT_REGULATORY).toMatchObject({ shortfallQuantile: 0.995, perPathStatistics: true });
    const model = loadScenario(s.write('some.yaml', `${MINIMAL}regulatory:\n  basel: { haircuts: { L2B: 0.4 }, facility_inflow_rate: 0.1 }\n  shortfall_quantile: false\n`)).model;
    expect(model.regulatory.basel.haircuts).toEqual({ L1: 0, L2A: 0.15, L2B_RMBS: 0.25, L2B: 0.4 });
    expect(model.regulatory.basel.facilityInflowRate).toBe(0.1);
    expect(model.regulatory.shortfallQuantile).toBeNull();
    expect(model.regulatory.cross2).toEqual(DEFAULT_REGULATORY.cross2);
  });
});
