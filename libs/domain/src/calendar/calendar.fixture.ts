import type { WorkingCalendar } from './working-calendar';

/**
 * Test fixture: a Shanghai district's 2026 calendar around National Day. 7.5 working hours a day;
 * 2026-10-01 (Thursday) to 10-07 off, worked back on Sunday 09-27 and Saturday 10-10.
 */
export const shanghai2026: WorkingCalendar = {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  weekendDays: [0, 6],
  holidays: [
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  makeUpWorkdays: ['2026-09-27', '2026-10-10'],
};

/** A New York office, 09:00-17:00 on weekdays, to see DST at work. */
export const newYork: WorkingCalendar = {
  timeZone: 'America/New_York',
  workingHours: [{ start: '09:00', end: '17:00' }],
  weekendDays: [0, 6],
  holidays: [],
  makeUpWorkdays: [],
};

/**
 * A Shanghai wall time ("2026-09-15T16:00") as an instant. Shanghai has kept +08:00 all year since
 * 1991, so the fixed offset is right and independent of the code under test.
 */
export const shanghai = (wallTime: string): Date => new Date(`${wallTime}+08:00`);

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
