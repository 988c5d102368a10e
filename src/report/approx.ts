/**
 * Approximate figures (quantiles read from a relative-error sketch, see docs/statistics.md) shown
 * no more precisely than they are known: rounded to the power of ten at or below
 * `relativeAccuracy × |amount|`, so a P99 known to ±0.5% of CNY 13.56 bn prints as `≈ CNY 13.56 bn`,
 * never to the yuan.
 */
import { Decimal, toDecimal } from './money.js';
import type { ReportLang } from './i18n.js';

/**
 * The rounding step of an approximate amount: the largest power of ten not above
 * `relativeAccuracy × |amount|`, and at least one currency unit.
 */
export function accuracyStep(amount: number, relativeAccuracy: number): Decimal {
  const error = Math.abs(amount) * relativeAccuracy;
  if (!(error >= 1)) return new Decimal(1);
  let step = new Decimal(1);
  while (step.times(10).lte(error)) step = step.times(10);
  return step;
}

/** `amount` rounded half-up to a multiple of `step`. */
export function roundToStep(amount: number, step: Decimal): Decimal {
  return toDecimal(amount).dividedBy(step).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(step);
}

/** Digits of a non-negative decimal with thousands separators. */
function grouped(text: string): string {
  const [whole, fraction] = text.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Decimals needed to show a multiple of `step` in units of `divisor` (both powers of ten). */
function decimalsFor(step: Decimal, divisor: number): number {
  return Math.max(0, Math.round(Math.log10(divisor) - Math.log10(step.toNumber())));
}

/**
 * An approximate amount, `≈`-prefixed, rounded to its accuracy (`accuracyStep`) and written in a
 * unit that shows just those digits: English `≈ CNY 13.56 bn`, `≈ CNY 431.2 m`; Chinese
 * `≈ 135.6亿元`, `≈ 4,312万元`.
 */
export function formatApproxMoney(amount: number, relativeAccuracy: number, currency: string, lang: ReportLang): string {
  const step = accuracyStep(amount, relativeAccuracy);
  const value = roundToStep(amount, step);
  const sign = value.isNegative() ? '-' : '';
  const abs = value.abs();
  const units: [number, string][] =
    lang === 'zh-CN'
      ? [
          [1e8, '亿元'],
          [1e4, '万元'],
          [1, '元'],
        ]
      : [
          [1e9, 'bn'],
          [1e6, 'm'],
          [1e3, 'thousand'],
          [1, ''],
        ];
  const [divisor, label] = units.find(([d]) => abs.gte(d)) ?? units[units.length - 1];
  const digits = grouped(abs.dividedBy(divisor).toFixed(decimalsFor(step, divisor)));
  if (lang === 'zh-CN') {
    const unit = currency === 'CNY' || currency === 'RMB' ? label : `${label.replace('元', '')} ${currency}`.trim();
    return `≈ ${sign}${digits}${unit}`;
  }
  return `≈ ${currency} ${sign}${digits}${label === '' ? '' : ` ${label}`}`;
}
