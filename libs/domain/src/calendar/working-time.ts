import { rulesOf } from './calendar-rules';
import { requireInstant } from './instant';
import type { WorkingCalendar } from './working-calendar';
import { workingIntervalsFrom } from './working-intervals';

/**
 * Milliseconds of working time between two instants: the parts of [from, to) that fall in working
 * periods of working days. Zero when `to` is not after `from`. The inverse of addWorkingTime:
 * workingTimeBetween(s, addWorkingTime(s, limit)) is the limit in milliseconds.
 */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const [fromMs, toMs] = [requireInstant(from), requireInstant(to)];
  const rules = rulesOf(calendar);
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const { start, end } of workingIntervalsFrom(fromMs, rules)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total;
}

/**
 * The length of one working day in milliseconds (the sum of its working periods by the wall clock;
 * 7.5 h for 08:30-12:00 and 13:30-17:30). A limit in working days is that many of these.
 */
export function workingDayLength(calendar: WorkingCalendar): number {
  return rulesOf(calendar).workingDayMs;
}
