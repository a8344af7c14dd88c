import { DomainError } from '../domain-error';

/**
 * Local dates ("YYYY-MM-DD", a day on the district's wall calendar) as plain strings. The day
 * arithmetic runs on UTC midnights, where every day is 24 hours long, so it never trips on DST.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a local date, or undefined when the text is not a real calendar date. */
export function epochDayOf(localDate: string): number | undefined {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move years 0-99 into the 1900s.
  utc.setUTCFullYear(year, month - 1, day);
  // The Date rolls 2026-02-30 over to March: a changed month or day means no such date.
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    return undefined;
  }
  return Math.round(utc.getTime() / DAY_MS);
}

export function isLocalDate(text: string): boolean {
  return epochDayOf(text) !== undefined;
}

export function localDateOfEpochDay(epochDay: number): string {
  const utc = new Date(epochDay * DAY_MS);
  const year = String(utc.getUTCFullYear()).padStart(4, '0');
  const month = String(utc.getUTCMonth() + 1).padStart(2, '0');
  const day = String(utc.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** 0 Sunday ... 6 Saturday, the numbering of WorkingCalendar.weekendDays. */
export function dayOfWeek(localDate: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((requireEpochDay(localDate) + 4) % 7) + 7) % 7;
}

export function addDays(localDate: string, days: number): string {
  return localDateOfEpochDay(requireEpochDay(localDate) + days);
}

function requireEpochDay(localDate: string): number {
  const epochDay = epochDayOf(localDate);
  if (epochDay === undefined) throw badLocalDate(localDate);
  return epochDay;
}

export function badLocalDate(text: string): DomainError {
  return new DomainError('CALENDAR.BAD_LOCAL_DATE', `"${text}" is not a local date (YYYY-MM-DD)`);
}
