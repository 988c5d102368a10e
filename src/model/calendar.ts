/**
 * The business-day calendar: which days payments, settlements and bank operations happen on, and
 * where something due on a closed day rolls to.
 */
import { isWeekend } from '../dates.js';
import type { Calendar, DayIndex, EpochDay } from './types.js';

export interface CalendarRules {
  /** Epoch day of day index 0. */
  readonly startDay: EpochDay;
  /** Number of days covered (horizon plus tail). */
  readonly length: number;
  /** True when Saturdays and Sundays are closed. */
  readonly weekends: boolean;
  /** Closed days; they win over `extraBusinessDays`. */
  readonly holidays: ReadonlySet<EpochDay>;
  /** Weekend days that are working days (make-up days around long holidays). */
  readonly extraBusinessDays: ReadonlySet<EpochDay>;
}

/**
 * Builds the day-indexed calendar arrays.
 * @returns businessDay (1 = open), nextBusinessDay (first open day >= d, or `length` when none is
 *   left in the array) and businessDaysBefore (open days in [0, d), one entry longer)
 * @example buildCalendar({ startDay: 18263, length: 7, weekends: true, holidays: new Set(), extraBusinessDays: new Set() })
 */
export function buildCalendar(rules: CalendarRules): Calendar {
  const n = rules.length;
  const businessDay = new Uint8Array(n);
  for (let d = 0; d < n; d++) {
    const day = rules.startDay + d;
    let open = !(rules.weekends && isWeekend(day)) || rules.extraBusinessDays.has(day);
    if (rules.holidays.has(day)) open = false;
    businessDay[d] = open ? 1 : 0;
  }
  const nextBusinessDay = new Int32Array(n);
  let next = n;
  for (let d = n - 1; d >= 0; d--) {
    if (businessDay[d] === 1) next = d;
    nextBusinessDay[d] = next;
  }
  const businessDaysBefore = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) businessDaysBefore[d + 1] = businessDaysBefore[d] + businessDay[d];
  return { businessDay, nextBusinessDay, businessDaysBefore };
}

/** The first business day on or after `d` (the array length when there is none left). */
export function rollForward(calendar: Calendar, d: DayIndex): DayIndex {
  if (d < 0) d = 0;
  const n = calendar.nextBusinessDay.length;
  return d >= n ? n : calendar.nextBusinessDay[d];
}
