import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chartUnit,
  formatCount,
  formatInUnit,
  formatMoney,
  formatPercent,
  formatRatio,
  ledgerUnit,
  sumExact,
} from '../../src/report/money.js';

describe('formatMoney (en)', () => {
  it('prints the currency code, thousands separators and cents', () => {
    expect(formatMoney(1234567.89, 'CNY', 'en', 'exact')).toBe('CNY 1,234,567.89');
    expect(formatMoney(0, 'CNY', 'en', 'exact')).toBe('CNY 0.00');
    expect(formatMoney(999.5, 'USD', 'en', 'exact')).toBe('USD 999.50');
  });

  it('rounds half up to whole units in rounded style, negatives included', () => {
    expect(formatMoney(1234567.5, 'CNY', 'en')).toBe('CNY 1,234,568');
    expect(formatMoney(1234567.49, 'CNY', 'en')).toBe('CNY 1,234,567');
    expect(formatMoney(-1234.5, 'CNY', 'en')).toBe('CNY -1,235');
    // A tiny negative rounds to zero and must not print as "-0".
    expect(formatMoney(-0.4, 'CNY', 'en')).toBe('CNY 0');
  });

  it('is exact where binary floating point is not', () => {
    // 0.1 + 0.2 = 0.30000000000000004 in doubles; the decimal sum is 0.3.
    expect(sumExact([0.1, 0.2]).toString()).toBe('0.3');
    // Thirteen-digit amounts keep their cents (a double resolves cents up to about 7e13 units).
    expect(formatMoney(12345678901234.56, 'CNY', 'en', 'exact')).toBe('CNY 12,345,678,901,234.56');
  });
});

describe('formatMoney (zh-CN)', () => {
  it('uses 亿 from 1亿 up and 万 below, two decimals', () => {
    expect(formatMoney(1_650_000_000.37, 'CNY', 'zh-CN')).toBe('16.50亿元');
    expect(formatMoney(100_000_000, 'CNY', 'zh-CN')).toBe('1.00亿元');
    expect(formatMoney(99_999_999.99, 'CNY', 'zh-CN')).toBe('10,000.00万元');
    expect(formatMoney(12_345_678.9, 'CNY', 'zh-CN')).toBe('1,234.57万元');
    expect(formatMoney(0, 'CNY', 'zh-CN')).toBe('0.00万元');
  });

  it('keeps cents in exact style (6 decimals of 万)', () => {
    expect(formatMoney(123.45, 'CNY', 'zh-CN', 'exact')).toBe('0.012345万元');
    expect(formatMoney(18_000_000_000, 'CNY', 'zh-CN', 'exact')).toBe('1,800,000.000000万元');
  });

  it('names other currencies in Chinese, or by code', () => {
    expect(formatMoney(5e8, 'USD', 'zh-CN')).toBe('5.00亿美元');
    expect(formatMoney(5e4, 'HKD', 'zh-CN')).toBe('5.00万港元');
    expect(formatMoney(5e4, 'SGD', 'zh-CN')).toBe('5.00万 SGD');
  });
});

describe('units', () => {
  it('chooses a chart unit from the largest magnitude', () => {
    expect(chartUnit(2e10, 'CNY', 'en').label).toBe('CNY billion');
    expect(chartUnit(-3e7, 'CNY', 'en').label).toBe('CNY million');
    expect(chartUnit(5e3, 'CNY', 'en').label).toBe('CNY thousand');
    expect(chartUnit(12, 'CNY', 'en').label).toBe('CNY');
    expect(chartUnit(2e10, 'CNY', 'zh-CN').label).toBe('亿元');
    expect(chartUnit(5e6, 'CNY', 'zh-CN').label).toBe('万元');
  });

  it('a ledger unit loses no cent in either language', () => {
    expect(formatInUnit(1234567.89, ledgerUnit('CNY', 'en'))).toBe('1,234,567.89');
    expect(formatInUnit(1234567.89, ledgerUnit('CNY', 'zh-CN'))).toBe('123.456789');
    expect(ledgerUnit('CNY', 'zh-CN').label).toBe('万元');
  });

  it('round-trips any whole number of cents a results.json number can hold (property)', () => {
    // Up to 2^46 units a double's spacing is below one cent, so cents/100 written as a JSON number
    // reads back exactly; results.json amounts are far below that (7e13 units).
    const limit = 2 ** 46 * 100 - 1;
    fc.assert(
      fc.property(fc.integer({ min: -limit, max: limit }), (cents) => {
        const amount = cents / 100;
        const en = formatInUnit(amount, ledgerUnit('CNY', 'en')).replace(/,/g, '');
        const zh = formatInUnit(amount, ledgerUnit('CNY', 'zh-CN')).replace(/,/g, '');
        // Expected text built from the integer itself, with no floating point involved.
        const sign = cents < 0 ? '-' : '';
        const digits = String(Math.abs(cents)).padStart(7, '0');
        const expectedEn = `${sign}${BigInt(digits.slice(0, -2))}.${digits.slice(-2)}`;
        const expectedZh = `${sign}${BigInt(digits.slice(0, -6))}.${digits.slice(-6)}`;
        expect(en).toBe(expectedEn);
        expect(zh).toBe(expectedZh);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatPercent / formatRatio / formatCount', () => {
  it('never prints a small non-zero probability as zero', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0001)).toBe('0.01%');
    expect(formatPercent(0.00052)).toBe('0.052%');
    expect(formatPercent(0.01)).toBe('1.0%');
    expect(formatPercent(0.35)).toBe('35.0%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it('formats ratios and counts', () => {
    expect(formatRatio(1.355)).toBe('1.36×');
    expect(formatRatio(0.5)).toBe('0.50×');
    expect(formatCount(20000)).toBe('20,000');
  });
});
