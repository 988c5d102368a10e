/**
 * Calendar dates as whole days: liqsim's one date helper (a leaf: every stage may import it).
 * Scenario files, results and baselines speak ISO `YYYY-MM-DD`; the model speaks `EpochDay` (days
 * since 1970-01-01, UTC) and `DayIndex` (days since the scenario start). Everything is UTC so a run
 * gives the same dates in every time zone.
 */

/** Days since 1970-01-01 (UTC). */
export type EpochDay = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The shape of an ISO date, `YYYY-MM-DD` (for schemas of documents liqsim writes; not a validity check). */
export const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

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
/** The days `parseIsoDate` can give: 1000-01-01 to 9999-12-31. */
export const FIRST_DAY: EpochDay = Date.UTC(1000, 0, 1) / MS_PER_DAY;
export const LAST_DAY: EpochDay = Date.UTC(9999, 11, 31) / MS_PER_DAY;

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

/**
 * The epoch day of an ISO date liqsim wrote itself (results, baselines): `Date.parse` arithmetic,
 * NaN for text that is not a date. Input from people goes through `parseIsoDate`.
 * @example isoToEpochDay('1970-01-02') // 1
 */
export function isoToEpochDay(date: string): EpochDay {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/**
 * The ISO date `days` days after `iso`.
 * @example addDays('2020-02-28', 2) // '2020-03-01'
 */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
