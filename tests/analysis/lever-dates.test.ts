/**
 * Lever dates (`--at`, a lever's own date) are parsed by the one strict ISO parser (src/dates.ts):
 * Date.parse took 2020-02-30 for 1 March and the analysis ran on a date nobody wrote.
 */
import { describe, expect, it } from 'vitest';
import { surrenderModel } from './fixtures.js';
import { dayOf } from '../../src/analysis/variants.js';
import { isoDate } from '../../src/dates.js';

describe('lever dates', () => {
  const model = surrenderModel({ C: 1e9, V: 10e9, r: 0.06, T: 400 });
  const start = isoDate(model.startDay);

  it('gives the model day of a valid date', () => {
    expect(dayOf(model, start)).toBe(0);
    expect(dayOf(model, isoDate(model.startDay + 59))).toBe(59);
  });

  it('refuses an impossible date instead of rolling it into the next month', () => {
    const year = start.slice(0, 4);
    for (const bad of [`${year}-02-30`, `${year}-04-31`, `${year}-13-01`, `${year}-2-01`]) {
      expect(() => dayOf(model, bad), bad).toThrow(/is not a calendar date YYYY-MM-DD/);
    }
  });

  it('refuses a date outside the horizon', () => {
    expect(() => dayOf(model, isoDate(model.startDay - 1))).toThrow(/outside the scenario's horizon/);
  });
});
