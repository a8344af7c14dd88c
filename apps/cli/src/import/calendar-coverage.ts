import { localDateOf, type WorkingCalendar } from '@cityloop/domain';
import type { ImportCase } from './import-row';

/**
 * The years of the records' times (created, closed; local to the calendar's zone) for which the
 * district's working calendar lists no public holiday. Working time in those years counts every
 * weekday as a working day, so time-to-dispose in working time would be wrong for them: the
 * import says so before it starts, and the district adds those years to its pack's calendar.
 */
export function yearsOutsideCalendar(records: readonly ImportCase[], calendar: WorkingCalendar): string[] {
  const listed = new Set(calendar.holidays.map((date) => date.slice(0, 4)));
  const years = new Set<string>();
  for (const record of records) {
    for (const at of [record.createdAt, record.closedAt]) {
      if (at) years.add(localDateOf(at, calendar.timeZone).slice(0, 4));
    }
  }
  return [...years].filter((year) => !listed.has(year)).sort();
}
