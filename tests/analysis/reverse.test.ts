/**
 * Reverse stress search against closed forms (research note 8.3), set-up of ./fixtures.ts:
 * C = 1e9 cash, V = 10e9 in force, T = 30 days, r = 0.06, h = 1 - (1 - r)^(1/365).
 *
 * Deterministic: a path breaches iff V (1 - (1 - k h)^T) > C, so
 *   k* = (1 - (1 - C/V)^(1/T)) / h = (1 - 0.9^(1/30)) / 0.000169508 = 20.683.
 * Lognormal level L (mean 1, sd of log sigma): the hazard is k L h, a path breaches iff k L >= k*,
 * P(breach) = P(L >= k* / k), so the lever at which P(any shortfall) = p is
 *   k*(p) = k* exp(sigma^2/2 - sigma z_(1-p));  sigma = 0.35: k*(0.05) = 20.683 * exp(0.06125 - 0.57572) = 12.36.
 */
import { describe, expect, it } from 'vitest';
import { probit } from 'simple-statistics';
import { surrenderModel, hazard } from './fixtures.js';
import { PairedRunner } from '../../src/analysis/pool.js';
import { reverseStress } from '../../src/analysis/reverse.js';
import { parseLeverKey } from '../../src/analysis/variants.js';
import { parseTarget } from '../../src/analysis/target.js';

const kDet = (1 - Math.pow(1 - 1e9 / 10e9, 1 / 30)) / hazard(0.06);

describe('reverse stress search', () => {
  it('closed forms: k* = 20.683, k*(0.05) = 12.36 for sigma 0.35', () => {
    expect(kDet).toBeCloseTo(20.683, 3);
    // z_0.95 = 1.6448536 (simple-statistics' probit is an approximation, fine for the 3-SE bounds below).
    expect(Math.abs(kDet * Math.exp(0.35 ** 2 / 2 - 0.35 * 1.6448536269514722) - 12.36)).toBeLessThan(0.01);
  });

  it('finds the deterministic breaking point within its tolerance, and states runs and tolerance', async () => {
    const model = surrenderModel({ C: 1e9, V: 10e9, r: 0.06, T: 30 });
    const r = await reverseStress(model, new PairedRunner(1), {
      lever: parseLeverKey('surrender.level'),
      target: parseTarget('pAnyShortfall >= 0.05'),
      low: 1,
      high: 100,
      tolerance: 0.001,
    });
    expect(r.found).toBe(true);
    expect(r.direction).toBe('increasing');
    // The bracket [not breached, breached] contains k* and is at most 0.1% wide.
    expect(r.bracket![0]).toBeLessThanOrEqual(kDet);
    expect(r.bracket![1]).toBeGreaterThanOrEqual(kDet * (1 - 1e-6));
    expect(Math.abs(r.kStar! - kDet) / kDet).toBeLessThanOrEqual(0.001);
    expect(r.toleranceReached!).toBeLessThanOrEqual(0.001);
    // 8 grid runs and ceil(log2(ln(100^(1/7)) / ln(1.001))) = 10 bisections.
    expect(r.runs).toBe(8 + 10);
    expect(r.monotonicity.nonMonotonePaths).toBe(0);
  });

  it('lognormal level: the found lever is within 3 SE of k*(0.05) = 12.36', async () => {
    const sigma = 0.35;
    const n = 4000;
    const p = 0.05;
    const model = surrenderModel({ C: 1e9, V: 10e9, r: 0.06, T: 30, sigma, paths: n, seed: 'lognormal' });
    const r = await reverseStress(model, new PairedRunner(1), {
      lever: parseLeverKey('surrender.level'),
      target: parseTarget(`pAnyShortfall >= ${p}`),
      low: 1,
      high: 100,
      tolerance: 0.002,
    });
    // The estimate's error is that of the MC proportion (SE sqrt(p(1-p)/n) = 0.00345) mapped through
    // the closed form: k*(p +- 3 SE) brackets the answer (and the bisection's tolerance on top).
    const se = Math.sqrt((p * (1 - p)) / n);
    const kOf = (q: number) => kDet * Math.exp(sigma ** 2 / 2 - sigma * probit(1 - q));
    expect(r.kStar!).toBeGreaterThanOrEqual(kOf(p - 3 * se) * (1 - 0.002));
    expect(r.kStar!).toBeLessThanOrEqual(kOf(p + 3 * se) * (1 + 0.002));
    expect(r.monotonicity.nonMonotonePaths).toBe(0);
  });
});
