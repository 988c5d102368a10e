/**
 * Money at the boundary: amounts in scenario files are read exactly (decimal.js, from the source text,
 * never through a float) and become integer cents, the unit the model and the kernel count in.
 */
import { Decimal as DecimalBase } from 'decimal.js';

/** Integer number of cents (hundredths of the scenario currency): what every amount becomes. */
export type Cents = number;

/** Plenty of digits: arithmetic on an amount never rounds, so a sub-cent digit cannot hide. */
const Decimal = DecimalBase.clone({ precision: 1000 });

/** Largest amount in cents that a JS number still holds exactly (2^53 - 1). */
export const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/** Plain decimal notation: digits (underscores allowed between them), optional fraction and exponent. */
const DECIMAL_TEXT = /^[+-]?\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d+)?$/;

export type AmountProblem = 'not-a-number' | 'negative' | 'sub-cent' | 'too-large';

export type AmountResult = { ok: true; cents: Cents } | { ok: false; problem: AmountProblem };

/**
 * Reads an amount in currency units as exact integer cents.
 * @param text decimal text as written in the file (`18_000_000_000`, `60e9`, `"1.5e9"`, `12.34`); a JS
 *   number is read through its shortest round-trip representation
 * @returns the cents, or the reason the text is not a valid amount (negative, finer than a cent, above
 *   2^53 - 1 cents, or not decimal notation)
 * @example parseAmount('1.5e9') // { ok: true, cents: 150000000000 }
 */
export function parseAmount(text: string | number): AmountResult {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return { ok: false, problem: 'not-a-number' };
    text = String(text);
  }
  const trimmed = text.trim();
  const plain = plainCents(trimmed, 0, trimmed.length); // the common form, without a Decimal
  if (plain >= 0) return { ok: true, cents: plain };
  if (!DECIMAL_TEXT.test(trimmed)) return { ok: false, problem: 'not-a-number' };
  const exponent = /[eE]([+-]?\d+)$/.exec(trimmed);
  // An absurd exponent would make decimal.js build a huge number; it is out of range either way.
  if (exponent !== null && Math.abs(Number(exponent[1])) > 1000) {
    return { ok: false, problem: Number(exponent[1]) > 0 ? 'too-large' : 'sub-cent' };
  }
  const value = new Decimal(trimmed.replaceAll('_', ''));
  if (value.isNegative() && !value.isZero()) return { ok: false, problem: 'negative' };
  if (value.decimalPlaces() > 2) return { ok: false, problem: 'sub-cent' };
  const cents = value.times(100);
  if (cents.greaterThan(MAX_CENTS)) return { ok: false, problem: 'too-large' };
  return { ok: true, cents: cents.abs().toNumber() };
}

/**
 * Cents of the plain amount `text.slice(start, end)` (1 to 13 digits, then optionally a point and
 * 1 or 2 decimals: below 10^15 cents, exact in a double), read in place; -1 for any other text
 * (`parseAmount` reads that).
 */
export function plainCents(text: string, start: number, end: number): number {
  let units = 0;
  let i = start;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    units = units * 10 + d;
  }
  if (i === start || i - start > 13) return -1;
  if (i === end) return units * 100;
  const decimals = end - i - 1;
  if (text.charCodeAt(i) !== 46 || decimals < 1 || decimals > 2) return -1;
  const tenths = text.charCodeAt(i + 1) - 48;
  const hundredths = decimals === 2 ? text.charCodeAt(i + 2) - 48 : 0;
  if (tenths < 0 || tenths > 9 || hundredths < 0 || hundredths > 9) return -1;
  return units * 100 + tenths * 10 + hundredths;
}

/**
 * Formats integer cents as a plain decimal string in currency units (`12345` -> `"123.45"`).
 * @throws RangeError when `cents` is not a non-negative safe integer
 */
/**
 * An amount in cents grown at an annual yield for `days` days, compounded daily, rounded once: what a
 * cohort or policy with a guaranteed yield pays at maturity (docs/model.md). Used by the compile step
 * and by the checks that keep that amount within exact cents.
 */
export function grownAtYield(cents: Cents, annualYield: number, days: number): Cents {
  return Math.round(cents * Math.exp((Math.log1p(annualYield) / 365) * days));
}

export function formatCents(cents: Cents): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`not a cent amount: ${cents}`);
  const units = Math.floor(cents / 100);
  const rest = cents % 100;
  return `${units}.${rest < 10 ? '0' : ''}${rest}`;
}

/**
 * The exact value of a decimal text, normalised (`18_000_000_000` and `18e9` both give `18000000000`),
 * or null when it is not plain decimal notation. Used to keep amounts exact in the resolved scenario.
 */
export function normaliseDecimalText(text: string): string | null {
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) return null;
  const exponent = /[eE]([+-]?\d+)$/.exec(trimmed);
  if (exponent !== null && Math.abs(Number(exponent[1])) > 1000) return null;
  return new Decimal(trimmed.replaceAll('_', '')).toFixed();
}

/**
 * The JSON value that keeps an amount exact: a number when its shortest form is the same decimal,
 * else the normalised decimal text (amounts may be strings); text that is not a decimal is kept as is
 * for validation to reject.
 * @example exactAmountValue('18_000_000_000') // 18000000000
 */
export function exactAmountValue(text: string): number | string {
  const exact = normaliseDecimalText(text);
  if (exact === null) return text;
  const asNumber = Number(exact);
  return normaliseDecimalText(String(asNumber)) === exact ? asNumber : exact;
}
