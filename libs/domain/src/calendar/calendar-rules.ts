import { DomainError } from '../domain-error';
import { validateCalendar } from './calendar-validation';
import { minutesOfWallClock } from './wall-clock';
import type { WorkingCalendar } from './working-calendar';

/** A working calendar checked once and kept in the form that the working-time sums read fast. */
export interface CalendarRules {
  timeZone: string;
  /** Working periods in minutes after local midnight, ascending. */
  periods: readonly { start: number; end: number }[];
  weekendDays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
  /** Nominal length of one working day: the sum of its periods, in milliseconds. */
  workingDayMs: number;
}

// Keyed by the calendar object, and checked against its content, so that a calendar edited after
// first use (a holiday added in place) is seen afresh instead of through a stale copy.
const compiled = new WeakMap<WorkingCalendar, { content: string; rules: CalendarRules }>();

/**
 * The rules of a calendar, refusing one that validateCalendar finds fault with: a deadline
 * computed on a broken calendar would be silently wrong, or never found.
 */
export function rulesOf(calendar: WorkingCalendar): CalendarRules {
  const content = JSON.stringify(calendar);
  const cached = compiled.get(calendar);
  if (cached?.content === content) return cached.rules;
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new DomainError(
      'CALENDAR.INVALID',
      `the working calendar is invalid: ${problems.join('; ')}`,
      500,
      { problems },
    );
  }
  const periods = calendar.workingHours.map(({ start, end }) => ({
    start: minutesOfWallClock(start) as number,
    end: minutesOfWallClock(end, true) as number,
  }));
  const rules: CalendarRules = {
    timeZone: calendar.timeZone,
    periods,
    weekendDays: new Set(calendar.weekendDays),
    holidays: new Set(calendar.holidays),
    makeUpWorkdays: new Set(calendar.makeUpWorkdays),
    workingDayMs: periods.reduce((sum, { start, end }) => sum + (end - start) * 60_000, 0),
  };
  compiled.set(calendar, { content, rules });
  return rules;
}
