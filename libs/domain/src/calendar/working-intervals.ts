import type { CalendarRules } from './calendar-rules';
import { addDays } from './local-date';
import { isWorkingDayUnder } from './working-day';
import { instantAtLocalMillis, localDateOf } from './zoned-time';

/** A stretch of working time between two instants, in epoch milliseconds, start inclusive. */
export interface WorkingInterval {
  start: number;
  end: number;
}

/**
 * The working intervals at or after an instant, in order, without end: the working periods of each
 * working day, the first one cut to begin at `from` when `from` falls inside it. Periods are placed
 * on the real time line, so one that spans a DST change is an hour longer or shorter.
 *
 * A validated calendar always has another working day within (holidays + 7) days, so consumers
 * that stop once they have counted enough always terminate.
 */
export function* workingIntervalsFrom(from: number, rules: CalendarRules): Generator<WorkingInterval> {
  for (let date = localDateOf(new Date(from), rules.timeZone); ; date = addDays(date, 1)) {
    for (const interval of intervalsOfDay(date, rules)) {
      if (interval.end <= from) continue;
      yield { start: Math.max(from, interval.start), end: interval.end };
    }
  }
}

// Placing a day's periods on the time line costs several Intl calls, and a board of open orders
// asks for the same few weeks of days over and over. Keyed by the rules object, which is replaced
// whenever the calendar changes, so an entry never outlives the calendar it was computed from.
const dayCache = new WeakMap<CalendarRules, Map<string, readonly WorkingInterval[]>>();
const DAYS_KEPT_PER_CALENDAR = 5000;

function intervalsOfDay(date: string, rules: CalendarRules): readonly WorkingInterval[] {
  let days = dayCache.get(rules);
  if (!days) dayCache.set(rules, (days = new Map<string, readonly WorkingInterval[]>()));
  let intervals = days.get(date);
  if (!intervals) {
    intervals = isWorkingDayUnder(date, rules)
      ? rules.periods
          .map((period) => ({
            start: instantAtLocalMillis(date, period.start * 60_000, rules.timeZone),
            end: instantAtLocalMillis(date, period.end * 60_000, rules.timeZone),
          }))
          // A period that DST leaves empty (wholly inside a skipped hour) holds no working time.
          .filter(({ start, end }) => start < end)
      : [];
    // Crude but bounded: a long-running process forgets everything once rather than grow forever.
    if (days.size >= DAYS_KEPT_PER_CALENDAR) days.clear();
    days.set(date, intervals);
  }
  return intervals;
}
