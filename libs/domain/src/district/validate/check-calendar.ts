import type { WorkingCalendar } from '../../calendar/working-calendar';
import { duplicates, isText } from './shape';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** 0 Sunday ... 6 Saturday for a real calendar date, or null for a malformed or impossible one. */
function dayOfWeek(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day)
    return null;
  return utc.getUTCDay();
}

export function isTimeZone(zone: unknown): boolean {
  if (!isText(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Only what a pack cannot work without: readable times and dates in a sensible order. The calendar
 * library's own validateCalendar goes further; this stays independent of it on purpose.
 */
export function checkCalendar(calendar: WorkingCalendar, districtTimeZone: string): string[] {
  const problems: string[] = [];
  if (!isTimeZone(calendar.timeZone))
    problems.push(`calendar: time zone "${calendar.timeZone}" is not an IANA zone`);
  else if (calendar.timeZone !== districtTimeZone) {
    problems.push(`calendar: time zone ${calendar.timeZone} differs from the district's ${districtTimeZone}`);
  }

  const hours = Array.isArray(calendar.workingHours) ? calendar.workingHours : [];
  if (hours.length === 0)
    problems.push('calendar: no working hours (working-time limits would never run out)');
  let previousEnd = -1;
  hours.forEach((period, i) => {
    const start: unknown = period?.start;
    const end: unknown = period?.end;
    if (typeof start !== 'string' || !TIME.test(start) || typeof end !== 'string' || !TIME.test(end)) {
      problems.push(`calendar: working period ${i + 1} needs start and end as HH:MM`);
      return;
    }
    if (minutes(start) >= minutes(end))
      problems.push(`calendar: working period ${start}-${end} does not start before it ends`);
    else if (minutes(start) < previousEnd)
      problems.push(`calendar: working period ${start}-${end} overlaps or precedes the one before`);
    previousEnd = Math.max(previousEnd, minutes(end));
  });

  const weekend: unknown[] = Array.isArray(calendar.weekendDays) ? calendar.weekendDays : [];
  if (!Array.isArray(calendar.weekendDays)) problems.push('calendar: weekendDays is missing');
  for (const day of weekend) {
    if (!Number.isInteger(day) || (day as number) < 0 || (day as number) > 6) {
      problems.push(`calendar: weekend day ${String(day)} is not 0 (Sunday) to 6 (Saturday)`);
    }
  }
  for (const day of duplicates(weekend)) problems.push(`calendar: weekend day ${day} is listed twice`);

  const lists = { holidays: calendar.holidays, makeUpWorkdays: calendar.makeUpWorkdays };
  for (const [name, list] of Object.entries(lists)) {
    if (!Array.isArray(list)) {
      problems.push(`calendar: ${name} is missing`);
      continue;
    }
    for (const date of list)
      if (dayOfWeek(date) === null)
        problems.push(`calendar: ${name} date "${String(date)}" is not YYYY-MM-DD`);
    for (const date of duplicates(list)) problems.push(`calendar: ${name} date ${date} is listed twice`);
  }
  if (Array.isArray(calendar.holidays) && Array.isArray(calendar.makeUpWorkdays)) {
    const holidays = new Set(calendar.holidays);
    for (const date of calendar.makeUpWorkdays) {
      if (holidays.has(date)) problems.push(`calendar: ${date} is both a holiday and a make-up workday`);
      const day = dayOfWeek(date);
      // A make-up day on a weekday would change nothing: almost certainly a typo in the date.
      if (day !== null && !weekend.includes(day))
        problems.push(`calendar: make-up workday ${date} is not on a weekend`);
    }
  }
  return problems;
}
