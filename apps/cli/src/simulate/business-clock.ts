import {
  addWorkingTime,
  instantOf,
  isWorkingDay,
  workingDayLength,
  type TimeLimit,
  type WorkingCalendar,
} from '@cityloop/domain';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local dates (YYYY-MM-DD) as plain calendar arithmetic: no time zone involved. */
export function addLocalDays(date: string, days: number): string {
  return new Date(epochMsOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day after `quarters` quarters from `from` (the period is [from, end) in local dates). */
export function addQuarters(date: string, quarters: number): string {
  const [, y, m, d] = LOCAL_DATE.exec(date)!.map(Number);
  return new Date(Date.UTC(y, m - 1 + 3 * quarters, d)).toISOString().slice(0, 10);
}

export function isLocalDate(text: string): boolean {
  const match = LOCAL_DATE.exec(text);
  return match !== null && new Date(epochMsOf(text)).toISOString().slice(0, 10) === text;
}

/** Every local date from `from` up to, not including, `until`. */
export function localDatesBetween(from: string, until: string): string[] {
  const dates: string[] = [];
  for (let date = from; date < until; date = addLocalDays(date, 1)) dates.push(date);
  return dates;
}

function epochMsOf(date: string): number {
  const [, y, m, d] = LOCAL_DATE.exec(date)!.map(Number);
  return Date.UTC(y, m - 1, d);
}

/** Which clock a case's small delays run on: safety cases round the clock, the rest in working time. */
export type Clock = 'working' | 'calendar';

/**
 * Business time on the district's calendar, in whole seconds (tidy timelines): local instants,
 * working-time arithmetic and the length of a time limit in hours.
 */
export class BusinessClock {
  readonly workingDayHours: number;

  constructor(readonly calendar: WorkingCalendar) {
    this.workingDayHours = workingDayLength(calendar) / HOUR_MS;
  }

  get timeZone(): string {
    return this.calendar.timeZone;
  }

  isWorkingDay(date: string): boolean {
    return isWorkingDay(date, this.calendar);
  }

  /** The instant a local date's wall clock shows `secondOfDay` seconds after midnight. */
  at(date: string, secondOfDay: number): Date {
    const s = Math.floor(secondOfDay);
    const wall = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
      .map((n) => String(n).padStart(2, '0'))
      .join(':');
    return instantOf(date, wall, this.timeZone);
  }

  /** `hours` after `from` on the clock: working hours skip nights, weekends and holidays. */
  later(from: Date, hours: number, clock: Clock): Date {
    const at =
      clock === 'calendar'
        ? new Date(from.getTime() + hours * HOUR_MS)
        : addWorkingTime(from, { amount: hours, unit: 'workingHours' }, this.calendar);
    return wholeSecond(at);
  }

  /** The deadline of a time limit started at `from` (as dispatch computes it). */
  deadline(from: Date, limit: TimeLimit): Date {
    return addWorkingTime(from, limit, this.calendar);
  }

  /** A time limit's length in hours of its own kind (working or calendar). */
  hoursOf(limit: TimeLimit): number {
    return limit.unit === 'workingDays' ? limit.amount * this.workingDayHours : limit.amount;
  }
}

export const clockOf = (limit: TimeLimit): Clock => (limit.unit === 'calendarHours' ? 'calendar' : 'working');

export const wholeSecond = (at: Date): Date => new Date(Math.ceil(at.getTime() / 1000) * 1000);
