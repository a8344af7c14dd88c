import { DomainError } from '../domain-error';
import { rulesOf } from './calendar-rules';
import { requireInstant } from './instant';
import type { TimeLimit, WorkingCalendar } from './working-calendar';
import { workingIntervalsFrom } from './working-intervals';

const HOUR_MS = 3_600_000;
// Limits come from category tables in configuration, where a misspelt unit is easy to miss.
const UNITS: readonly string[] = [
  'workingHours',
  'workingDays',
  'calendarHours',
] satisfies TimeLimit['unit'][];

/**
 * The deadline of a time limit that starts running at `start` (处置时限 → 截止时间).
 *
 * - calendarHours: plain elapsed time, round the clock (safety cases).
 * - workingHours: only time inside working periods of working days counts; a start outside working
 *   time begins counting at the next working period. Under 08:30-12:00 / 13:30-17:30, 4 working hours
 *   from 17:00 on a Friday are half an hour that day and 3.5 hours on Monday: due 12:00 Monday.
 * - workingDays: N working days are N times the length of one working day, counted the same way,
 *   so one working day from 10:00 on a Wednesday ends at 10:00 on the next working day.
 *
 * A deadline that uses up a period exactly is that period's end (12:00), not the next period's
 * start: the department is late only after it. Fractions of a unit are allowed (0.5 working days).
 */
export function addWorkingTime(start: Date, limit: TimeLimit, calendar: WorkingCalendar): Date {
  const startMs = requireInstant(start);
  const { amount, unit } = limit;
  if (!Number.isFinite(amount) || amount < 0 || !UNITS.includes(unit)) {
    throw new DomainError(
      'CALENDAR.BAD_TIME_LIMIT',
      `a time limit of ${String(amount)} ${String(unit)} is not possible`,
    );
  }
  // Whole milliseconds, so that the round trip through workingTimeBetween is exact.
  if (unit === 'calendarHours') return new Date(startMs + Math.round(amount * HOUR_MS));
  const rules = rulesOf(calendar);
  const unitMs = unit === 'workingHours' ? HOUR_MS : rules.workingDayMs;
  let remaining = Math.round(amount * unitMs);
  for (const { start: from, end } of workingIntervalsFrom(startMs, rules)) {
    if (remaining <= end - from) return new Date(from + remaining);
    remaining -= end - from;
  }
  // workingIntervalsFrom never ends; this only satisfies the compiler.
  throw new Error('unreachable: the working intervals ran out');
}
