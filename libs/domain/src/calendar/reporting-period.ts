import { DomainError } from '../domain-error';
import { addDays, dayOfWeek, epochDayOf, localDateOfEpochDay } from './local-date';
import { instantOf } from './zoned-time';

/**
 * A reporting period: local dates `from` to `to`, both inclusive, on the district's wall calendar,
 * and the instants that bound it: start <= instant < end (docs/METRICS.md, "Ground rules").
 */
export interface ReportingPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The period between two local dates, both inclusive, cut in the time zone. */
export function periodBetween(from: string, to: string, timeZone: string): ReportingPeriod {
  const [first, last] = [epochDayOf(from), epochDayOf(to)];
  if (first === undefined || last === undefined)
    throw new DomainError('PERIOD.INVALID', 'from and to must be dates (YYYY-MM-DD)', 400, [
      { field: first === undefined ? 'from' : 'to', problems: ['expected YYYY-MM-DD'] },
    ]);
  if (last < first) throw new DomainError('PERIOD.INVALID', 'to is before from', 400, [{ field: 'to' }]);
  return {
    from,
    to,
    start: instantOf(from, '00:00', timeZone),
    end: instantOf(addDays(to, 1), '00:00', timeZone),
  };
}

/**
 * A named period: a day (2026-07-15), an ISO week (2026-W29, Monday to Sunday), a month (2026-07)
 * or a quarter (2026-Q3).
 */
export function namedPeriod(name: string, timeZone: string): ReportingPeriod {
  const [from, to] = datesOf(name);
  return periodBetween(from, to, timeZone);
}

/** The quarter before a quarter's name: 2026-Q1 -> 2025-Q4. */
export function previousQuarter(quarter: string): string {
  const match = QUARTER.exec(quarter);
  if (!match) throw badPeriod(quarter);
  const [year, q] = [Number(match[1]), Number(match[2])];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

export function isQuarterName(text: string): boolean {
  return QUARTER.test(text);
}

function datesOf(name: string): [string, string] {
  if (DAY.test(name)) return [name, name];
  const month = MONTH.exec(name);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12)
    return monthSpan(month[1], Number(month[2]), 1);
  const quarter = QUARTER.exec(name);
  if (quarter) return monthSpan(quarter[1], Number(quarter[2]) * 3 - 2, 3);
  const week = WEEK.exec(name);
  if (week) {
    // ISO 8601: week 1 holds the year's first Thursday; weeks start on Monday.
    const jan4 = `${week[1]}-01-04`;
    const monday1 = addDays(jan4, -((dayOfWeek(jan4) + 6) % 7));
    const monday = addDays(monday1, (Number(week[2]) - 1) * 7);
    // A week belongs to the year of its Thursday: week 53 exists only in some years.
    if (Number(week[2]) >= 1 && addDays(monday, 3).startsWith(week[1])) return [monday, addDays(monday, 6)];
  }
  throw badPeriod(name);
}

function monthSpan(year: string, firstMonth: number, months: number): [string, string] {
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const endYear = firstMonth + months > 12 ? Number(year) + 1 : Number(year);
  const endMonth = ((firstMonth + months - 1) % 12) + 1;
  const next = epochDayOf(`${endYear}-${String(endMonth).padStart(2, '0')}-01`)!;
  return [from, localDateOfEpochDay(next - 1)];
}

function badPeriod(name: string): DomainError {
  return new DomainError(
    'PERIOD.INVALID',
    `"${name}" is not a period (2026-07-15, 2026-W29, 2026-07, 2026-Q3)`,
    400,
    [{ field: 'period', problems: ['expected YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY-Qn'] }],
  );
}
