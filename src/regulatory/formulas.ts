/**
 * The regulatory ratios' formulas, as pure functions of their line items (docs/model.md,
 * "Regulatory ratios"; the research note's §2.1, §2.5 and §8.1). Money in integer cents.
 */
import { calendarParts, daysInMonth, epochDayOf } from '../dates.js';
import type { EpochDay } from '../dates.js';
import type { AssetClass } from './config.js';

/**
 * EDATE(start, months): the same day of the month `months` later, or that month's last day when it is
 * shorter (2020-01-31 + 1 month = 2020-02-29).
 */
export function addMonths(start: EpochDay, months: number): EpochDay {
  const { year, month, day } = calendarParts(start);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return epochDayOf(y, m, Math.min(day, daysInMonth(y, m)));
}

/** A ratio numerator / denominator, or null when the denominator is not positive. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** C-ROSS II LCR lines of one horizon (cents): research note §2.1 and §8.1. */
export interface Cross2Lines {
  inflows: number;
  openingCash: number;
  /** Σ_k HQLA_k (1 − d_k), LCR2 only. */
  hqla: number;
  outflows: number;
}

/**
 * LCR1 = (I_base + cash0) / O_base; LCR2 = (I_stress + cash0 + Σ HQLA_k (1 − d_k)) / O_stress;
 * LCR3 = (I_stress + cash0) / O_stress. `lines.hqla` is ignored for LCR1 and LCR3.
 */
export function cross2Ratio(variant: 'lcr1' | 'lcr2' | 'lcr3', lines: Cross2Lines): number | null {
  const numerator = lines.inflows + lines.openingCash + (variant === 'lcr2' ? lines.hqla : 0);
  return ratio(numerator, lines.outflows);
}

/** Basel III HQLA after the Level 2 caps: research note §2.5 (BCBS 238 annex 1). Amounts after haircuts. */
export interface BaselHqla {
  level1: number;
  level2a: number;
  level2b: number;
  /** adj15 = max(L2B − 15/85 (L1 + L2A), L2B − 15/60 L1, 0). */
  adjustment15: number;
  /** adj40 = max(L2A + L2B − adj15 − 2/3 L1, 0). */
  adjustment40: number;
  /** HQLA = L1 + L2A + L2B − adj15 − adj40. */
  total: number;
}

/**
 * HQLA with the caps through the adjustment formulas (general for cap shares c2 = 40%, c2b = 15%):
 * adj15 = max(L2B − c2b/(1 − c2b) (L1 + L2A), L2B − c2b/(1 − c2) L1, 0),
 * adj40 = max(L2A + L2B − adj15 − c2/(1 − c2) L1, 0).
 */
export function baselHqla(level1: number, level2a: number, level2b: number, level2Cap = 0.4, level2bCap = 0.15): BaselHqla {
  const adjustment15 = Math.max(level2b - (level2bCap / (1 - level2bCap)) * (level1 + level2a), level2b - (level2bCap / (1 - level2Cap)) * level1, 0);
  const adjustment40 = Math.max(level2a + level2b - adjustment15 - (level2Cap / (1 - level2Cap)) * level1, 0);
  return { level1, level2a, level2b, adjustment15, adjustment40, total: level1 + level2a + level2b - adjustment15 - adjustment40 };
}

/** Net cash outflows = O − min(I, cap · O) (inflows capped at 75% of outflows in Basel III). */
export function baselNetOutflows(outflows: number, inflows: number, inflowCap = 0.75): number {
  return outflows - Math.min(inflows, inflowCap * outflows);
}

/** Which Basel level a class belongs to. */
export function baselLevel(c: AssetClass): 'level1' | 'level2a' | 'level2b' {
  return c === 'L1' ? 'level1' : c === 'L2A' ? 'level2a' : 'level2b';
}

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error below
 * 1.2e-9), for 0 < p < 1: Φ⁻¹(0.995) = 2.5758293.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}
