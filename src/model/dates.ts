/**
 * Calendar dates as whole days. Scenario files speak ISO `YYYY-MM-DD`; the model speaks `EpochDay`
 * (days since 1970-01-01, UTC) and `DayIndex` (days since the scenario start). Everything is UTC so a
 * run gives the same dates in every time zone.
 */
import type { EpochDay } from './types.js';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a strict ISO calendar date (`2020-01-24`); rejects impossible dates such as `2020-02-30`.
 * @returns the epoch day, or null when `s` is not a valid date between years 1000 and 9999
 * @example parseIsoDate('1970-01-02') // 1
 */
export function parseIsoDate(s: string): EpochDay | null {
  const m = ISO_DATE.exec(s);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * Formats an epoch day as `YYYY-MM-DD`.
 * @example isoDate(18263) // '2020-01-01'
 */
export function isoDate(day: EpochDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Year, month (1-12) and day of month of an epoch day. */
export function calendarParts(day: EpochDay): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Epoch day of a year, month (1-12) and day of month (not checked: Date.UTC rolls over). */
export function epochDayOf(year: number, month: number, day: number): EpochDay {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Number of days in a month (1-12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for Saturdays and Sundays (1970-01-01 was a Thursday). */
export function isWeekend(day: EpochDay): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}
