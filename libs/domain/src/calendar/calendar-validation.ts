import { dayOfWeek, epochDayOf } from './local-date';
import { minutesOfWallClock } from './wall-clock';
import type { WorkingCalendar } from './working-calendar';
import { isKnownTimeZone } from './zoned-time';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Every problem with a district's working calendar, each naming the item at fault
 * ("workingHours[1]: 13:30-12:00 ends before it starts"); empty when the calendar is usable.
 * Calendars come from configuration that people type, so all problems are listed at once rather
 * than the first one only.
 */
export function validateCalendar(calendar: WorkingCalendar): string[] {
  return [
    ...timeZoneProblems(calendar),
    ...workingHoursProblems(calendar),
    ...weekendProblems(calendar),
    ...dateListProblems(calendar, 'holidays'),
    ...dateListProblems(calendar, 'makeUpWorkdays'),
    ...makeUpWorkdayProblems(calendar),
  ];
}

function timeZoneProblems({ timeZone }: WorkingCalendar): string[] {
  return typeof timeZone === 'string' && isKnownTimeZone(timeZone)
    ? []
    : [`timeZone: ${JSON.stringify(timeZone)} is not a known IANA time zone`];
}

function workingHoursProblems({ workingHours }: WorkingCalendar): string[] {
  if (!Array.isArray(workingHours) || workingHours.length === 0) {
    return ['workingHours: no working period at all'];
  }
  const problems: string[] = [];
  const usable: { index: number; start: number; end: number; text: string }[] = [];
  workingHours.forEach((period, index) => {
    const start = minutesOfWallClock(String(period?.start));
    const end = minutesOfWallClock(String(period?.end), true);
    const text = `${period?.start}-${period?.end}`;
    if (start === undefined) problems.push(`workingHours[${index}].start: "${period?.start}" is not HH:MM`);
    if (end === undefined) problems.push(`workingHours[${index}].end: "${period?.end}" is not HH:MM`);
    if (start === undefined || end === undefined) return;
    if (end < start) problems.push(`workingHours[${index}]: ${text} ends before it starts`);
    else if (end === start) problems.push(`workingHours[${index}]: ${text} is empty`);
    else usable.push({ index, start, end, text });
  });
  usable.forEach((period, i) => {
    const previous = usable[i - 1];
    if (previous && period.start < previous.start) {
      problems.push(
        `workingHours[${period.index}]: ${period.text} comes before workingHours[${previous.index}] (${previous.text}); periods must be in ascending order`,
      );
    }
    for (const earlier of usable.slice(0, i)) {
      if (period.start < earlier.end && earlier.start < period.end) {
        problems.push(
          `workingHours[${period.index}]: ${period.text} overlaps workingHours[${earlier.index}] (${earlier.text})`,
        );
      }
    }
  });
  return problems;
}

function weekendProblems({ weekendDays }: WorkingCalendar): string[] {
  if (!Array.isArray(weekendDays)) return ['weekendDays: not a list of days of the week'];
  const problems: string[] = [];
  weekendDays.forEach((day, index) => {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      problems.push(
        `weekendDays[${index}]: ${JSON.stringify(day)} is not a day of the week (0 Sunday ... 6 Saturday)`,
      );
    } else if (weekendDays.indexOf(day) < index) {
      problems.push(`weekendDays[${index}]: ${day} (${DAY_NAMES[day]}) is listed twice`);
    }
  });
  // With no ordinary working weekday, working days would run out after the last make-up day.
  if (DAY_NAMES.every((_, day) => weekendDays.includes(day))) {
    problems.push('weekendDays: every day of the week is a weekend day');
  }
  return problems;
}

function dateListProblems(calendar: WorkingCalendar, list: 'holidays' | 'makeUpWorkdays'): string[] {
  const dates: unknown = calendar[list];
  if (!Array.isArray(dates)) return [`${list}: not a list of dates`];
  const problems: string[] = [];
  dates.forEach((date: unknown, index) => {
    if (typeof date !== 'string' || epochDayOf(date) === undefined) {
      problems.push(`${list}[${index}]: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
    } else if (dates.indexOf(date) < index) {
      problems.push(`${list}[${index}]: ${date} is listed twice`);
    }
  });
  return problems;
}

function makeUpWorkdayProblems({ makeUpWorkdays, holidays, weekendDays }: WorkingCalendar): string[] {
  if (!Array.isArray(makeUpWorkdays)) return [];
  const problems: string[] = [];
  makeUpWorkdays.forEach((date, index) => {
    if (typeof date !== 'string' || epochDayOf(date) === undefined) return;
    const holiday = Array.isArray(holidays) ? holidays.indexOf(date) : -1;
    if (holiday >= 0) {
      problems.push(
        `makeUpWorkdays[${index}]: ${date} is also a holiday (holidays[${holiday}]); it cannot be both`,
      );
    }
    const day = dayOfWeek(date);
    if (Array.isArray(weekendDays) && !weekendDays.includes(day)) {
      problems.push(
        `makeUpWorkdays[${index}]: ${date} is a ${DAY_NAMES[day]}, already a working day; make-up days fall on the weekend`,
      );
    }
  });
  return problems;
}
