import { rulesOf, type CalendarRules } from './calendar-rules';
import { dayOfWeek } from './local-date';
import type { WorkingCalendar } from './working-calendar';

/**
 * Whether a local date (YYYY-MM-DD) is a working day: a holiday never is; a weekend day is only
 * when it is a make-up working day (调休上班); any other day is.
 */
export function isWorkingDay(localDate: string, calendar: WorkingCalendar): boolean {
  return isWorkingDayUnder(localDate, rulesOf(calendar));
}

export function isWorkingDayUnder(localDate: string, rules: CalendarRules): boolean {
  // dayOfWeek first: it refuses a malformed date even when the lists would not mention it.
  const weekend = rules.weekendDays.has(dayOfWeek(localDate));
  if (rules.holidays.has(localDate)) return false;
  return !weekend || rules.makeUpWorkdays.has(localDate);
}
