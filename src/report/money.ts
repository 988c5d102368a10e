/**
 * Exact money and percentage formatting for reports.
 *
 * results.json writes amounts as JSON numbers built from integer cents, so the shortest decimal form
 * of each number (what `new Decimal(number)` reads) is the exact amount (true up to 2^46, about
 * 7×10^13 currency units, where a double's spacing reaches a cent). All arithmetic and
 * rounding here is decimal, never binary floating point: a formatted figure is the figure.
 *
 * English reports show the ISO currency code and thousands separators (`CNY 1,234,567.89`).
 * Chinese reports show amounts in 万 (10^4) or 亿 (10^8) of the currency unit (`12.35亿元`).
 */
import { Decimal as DecimalBase } from 'decimal.js';
import type { ReportLang } from './i18n.js';

/** Enough significant digits for any amount up to 10^20 with cents: no silent rounding in sums. */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** The exact decimal value of an amount read from results.json. */
export function toDecimal(amount: number | Decimal): Decimal {
  if (typeof amount === 'number' && !Number.isFinite(amount)) {
    throw new RangeError(`not a finite amount: ${amount}`);
  }
  return new Decimal(amount);
}

/** Exact sum of amounts. */
export function sumExact(amounts: readonly (number | Decimal)[]): Decimal {
  return amounts.reduce<Decimal>((total, a) => total.plus(toDecimal(a)), new Decimal(0));
}

/** A unit amounts are shown in: `divisor` currency units, printed with `decimals` decimals. */
export interface MoneyUnit {
  divisor: number;
  decimals: number;
  /** Unit label for a column or axis header, e.g. `CNY`, `CNY million`, `万元`, `亿元`. */
  label: string;
}

/** Chinese name of the currency unit, as used after 万 / 亿 (万元, 万美元). */
function chineseCurrencyUnit(currency: string): string {
  const names: Record<string, string> = {
    CNY: '元',
    RMB: '元',
    USD: '美元',
    HKD: '港元',
    EUR: '欧元',
    GBP: '英镑',
    JPY: '日元',
    MOP: '澳门元',
    TWD: '新台币',
  };
  return names[currency.toUpperCase()] ?? ` ${currency}`;
}

function zhUnit(power: 4 | 8, currency: string, decimals: number): MoneyUnit {
  return { divisor: 10 ** power, decimals, label: `${power === 4 ? '万' : '亿'}${chineseCurrencyUnit(currency)}` };
}

/** Digits with thousands separators: `1234567.891` -> `1,234,567.891`. */
function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [whole, fraction] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An amount expressed in `unit`, rounded half-up to the unit's decimals, with separators; no unit label. */
export function formatInUnit(amount: number | Decimal, unit: MoneyUnit): string {
  const value = toDecimal(amount).dividedBy(unit.divisor).toFixed(unit.decimals);
  // toFixed keeps a "-0.00" for tiny negatives; a regulator should not read a negative zero.
  return groupThousands(/^-0(\.0*)?$/.test(value) ? value.slice(1) : value);
}

/**
 * The unit of a ledger: exact to the cent. English: the currency itself with two decimals;
 * Chinese: 万元 with six decimals (1 cent = 0.000001 万元), so every figure is still exact.
 */
export function ledgerUnit(currency: string, lang: ReportLang): MoneyUnit {
  return lang === 'zh-CN' ? zhUnit(4, currency, 6) : { divisor: 1, decimals: 2, label: currency };
}

/**
 * The unit of a chart axis, chosen from the largest magnitude plotted so tick labels stay short:
 * English thousand / million / billion; Chinese 万 or 亿.
 */
export function chartUnit(maxAbs: number, currency: string, lang: ReportLang): MoneyUnit {
  const m = Math.abs(maxAbs);
  if (lang === 'zh-CN') return m >= 1e8 ? zhUnit(8, currency, 2) : zhUnit(4, currency, 2);
  if (m >= 1e9) return { divisor: 1e9, decimals: 2, label: `${currency} billion` };
  if (m >= 1e6) return { divisor: 1e6, decimals: 2, label: `${currency} million` };
  if (m >= 1e3) return { divisor: 1e3, decimals: 2, label: `${currency} thousand` };
  return { divisor: 1, decimals: 2, label: currency };
}

/**
 * A money amount for running text and summary tables.
 * - `exact`: to the cent (`CNY 1,234,567.89`; zh-CN `123.456789万元`);
 * - `rounded`: whole currency units in English (`CNY 1,234,568`); in Chinese 亿 with two decimals
 *   from 1亿 up, else 万 with two decimals (`12.35亿元`, `1,234.57万元`).
 */
export function formatMoney(
  amount: number | Decimal,
  currency: string,
  lang: ReportLang,
  style: 'exact' | 'rounded' = 'rounded',
): string {
  const value = toDecimal(amount);
  if (lang === 'zh-CN') {
    const unit = style === 'exact' ? zhUnit(4, currency, 6) : value.abs().gte(1e8) ? zhUnit(8, currency, 2) : zhUnit(4, currency, 2);
    return `${formatInUnit(value, unit)}${unit.label}`;
  }
  return `${currency} ${formatInUnit(value, { divisor: 1, decimals: style === 'exact' ? 2 : 0, label: currency })}`;
}

/**
 * A probability as a percentage: one decimal from 1% up (`35.2%`), two significant digits below
 * (`0.052%`), and `0%` for exactly zero, so small but non-zero risks never print as zero.
 */
export function formatPercent(probability: number): string {
  const pct = new Decimal(probability).times(100);
  if (pct.isZero()) return '0%';
  if (pct.abs().gte(1)) return `${pct.toFixed(1)}%`;
  return `${pct.toSignificantDigits(2).toString()}%`;
}

/** A ratio such as a coverage ratio, two decimals with a multiplication sign (`1.35×`). */
export function formatRatio(ratio: number): string {
  return `${groupThousands(new Decimal(ratio).toFixed(2))}×`;
}

/** A count with thousands separators (`20,000`). */
export function formatCount(count: number): string {
  return groupThousands(new Decimal(count).toFixed(0));
}
