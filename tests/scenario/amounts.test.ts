import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_CENTS, exactAmountValue, formatCents, parseAmount } from '../../src/scenario/amounts.js';
import { isoDate, parseIsoDate } from '../../src/dates.js';

describe('parseAmount', () => {
  it('reads the notations a treasurer writes, exactly', () => {
    expect(parseAmount('18_000_000_000')).toEqual({ ok: true, cents: 1_800_000_000_000 });
    expect(parseAmount('60e9')).toEqual({ ok: true, cents: 6_000_000_000_000 });
    expect(parseAmount('1.5e9')).toEqual({ ok: true, cents: 150_000_000_000 });
    expect(parseAmount('1234.56')).toEqual({ ok: true, cents: 123_456 });
    expect(parseAmount('0.1')).toEqual({ ok: true, cents: 10 });
    expect(parseAmount(0.07)).toEqual({ ok: true, cents: 7 });
    expect(parseAmount('-0')).toEqual({ ok: true, cents: 0 });
  });

  it('says why an amount is rejected', () => {
    expect(parseAmount('-5')).toEqual({ ok: false, problem: 'negative' });
    expect(parseAmount('0.001')).toEqual({ ok: false, problem: 'sub-cent' });
    // A float would round this to 100: only the source text shows the sub-cent digit.
    expect(parseAmount('100.0000000000000001')).toEqual({ ok: false, problem: 'sub-cent' });
    expect(parseAmount('90071992547409.92')).toEqual({ ok: false, problem: 'too-large' });
    expect(parseAmount('90071992547409.91')).toEqual({ ok: true, cents: MAX_CENTS });
    for (const text of ['', 'abc', '1,000', '0x1F', '1__0', '_1', '1e', 'Infinity', 'NaN', '1.2.3']) {
      expect(parseAmount(text)).toEqual({ ok: false, problem: 'not-a-number' });
    }
    expect(parseAmount(Number.NaN)).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseAmount('1e100000')).toEqual({ ok: false, problem: 'too-large' });
  });

  it('round-trips any whole-cent amount written as a decimal (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_CENTS }), (cents) => {
        const text = formatCents(cents);
        expect(parseAmount(text)).toEqual({ ok: true, cents });
        // The same amount in cents with an exponent, and with thousands underscores.
        expect(parseAmount(`${cents}e-2`)).toEqual({ ok: true, cents });
        const units = text.split('.')[0].replace(/\B(?=(\d{3})+(?!\d))/g, '_');
        expect(parseAmount(`${units}.${text.split('.')[1]}`)).toEqual({ ok: true, cents });
      }),
    );
  });

  it('rejects amounts finer than a cent and negative amounts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 9 }), (cents, extra) => {
        expect(parseAmount(`${formatCents(cents)}${extra}`)).toEqual({ ok: false, problem: 'sub-cent' });
        expect(parseAmount(`-${formatCents(cents + 1)}`)).toEqual({ ok: false, problem: 'negative' });
      }),
    );
  });

  it('rejects anything that is not decimal notation (property)', () => {
    const decimal = /^[+-]?\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d+)?$/;
    fc.assert(
      fc.property(
        fc.string().filter((s) => !decimal.test(s.trim())),
        (text) => {
          expect(parseAmount(text).ok).toBe(false);
        },
      ),
    );
  });

  it('keeps amounts exact in the resolved scenario', () => {
    expect(exactAmountValue('18_000_000_000')).toBe(18_000_000_000);
    expect(exactAmountValue('60e9')).toBe(60_000_000_000);
    // 17 significant digits do not survive a float: the decimal text is kept instead.
    expect(exactAmountValue('12345678901234.567')).toBe('12345678901234.567');
    expect(exactAmountValue('abc')).toBe('abc');
  });
});

describe('ISO dates', () => {
  it('converts to and from epoch days', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('2020-01-02')).toBe(18263);
    expect(isoDate(18263)).toBe('2020-01-02');
    expect(parseIsoDate('2020-02-29')).toBe(18321);
  });

  it('rejects impossible or badly written dates', () => {
    for (const s of ['2019-02-29', '2020-02-30', '2020-13-01', '2020-00-10', '2020-1-2', '20200102', '2020-01-02T00:00', ' 2020-01-02', '0999-01-01']) {
      expect(parseIsoDate(s)).toBeNull();
    }
  });

  it('round-trips every day from year 1000 to 9999 (property)', () => {
    const first = parseIsoDate('1000-01-01')!;
    const last = parseIsoDate('9999-12-31')!;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        expect(parseIsoDate(isoDate(day))).toBe(day);
      }),
    );
  });
});
