/**
 * A district's working calendar (工作日历): the hours of a working day, the weekend, public
 * holidays and the make-up working days (调休上班) that fall on a weekend. Configurable per district,
 * part of its district pack. Dates are local dates in the district's time zone. validateCalendar
 * lists what is wrong with one; every working-time computation refuses an invalid calendar
 * (DomainError CALENDAR.INVALID) rather than compute a silently wrong deadline.
 */
export interface WorkingCalendar {
  /** IANA time zone, e.g. Asia/Shanghai. Periods and working hours are cut in it. */
  timeZone: string;
  /**
   * Working periods of a working day, local wall-clock "HH:MM", ascending and not overlapping;
   * "24:00" may end a period that runs to midnight.
   */
  workingHours: { start: string; end: string }[];
  /** Days of the week that are not working days unless listed as make-up days: 0 Sunday ... 6 Saturday. */
  weekendDays: number[];
  /** Local dates (YYYY-MM-DD) that are not working days although they fall on a weekday. */
  holidays: string[];
  /** Local dates (YYYY-MM-DD) that are working days although they fall on a weekend. */
  makeUpWorkdays: string[];
}

/** How long a department has to dispose of a case of a category (处置时限). */
export interface TimeLimit {
  amount: number;
  /**
   * workingHours / workingDays run only in working time on the district calendar; calendarHours
   * run round the clock (safety cases such as a missing manhole cover).
   */
  unit: 'workingHours' | 'workingDays' | 'calendarHours';
}
