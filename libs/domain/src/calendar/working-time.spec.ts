import { HOUR, MINUTE, newYork, shanghai, shanghai2026 } from './calendar.fixture';
import { addWorkingTime } from './deadline';
import type { TimeLimit, WorkingCalendar } from './working-calendar';
import { workingDayLength, workingTimeBetween } from './working-time';

// Fixture: 08:30-12:00 and 13:30-17:30 (7.5 h a day), weekends off, 2026-10-01..07 off,
// Sun 09-27 and Sat 10-10 worked.
const between = (from: string, to: string) => workingTimeBetween(shanghai(from), shanghai(to), shanghai2026);

describe('workingTimeBetween', () => {
  it('counts a whole ordinary day as its working periods', () => {
    expect(between('2026-09-15T00:00', '2026-09-16T00:00')).toBe(7.5 * HOUR);
  });

  it('leaves out the lunch break', () => {
    // 11:00-12:00 and 13:30-14:00.
    expect(between('2026-09-15T11:00', '2026-09-15T14:00')).toBe(1.5 * HOUR);
  });

  it('leaves out a weekend, so Friday 17:00 to Monday 12:00 is 4 hours', () => {
    // 0.5 h on Friday, 3.5 h on Monday morning.
    expect(between('2026-09-18T17:00', '2026-09-21T12:00')).toBe(4 * HOUR);
    expect(between('2026-09-19T09:00', '2026-09-20T18:00')).toBe(0);
  });

  it('leaves out National Day', () => {
    // Wed 09-30 17:00-17:30 and Thu 10-08 08:30-09:00.
    expect(between('2026-09-30T17:00', '2026-10-08T09:00')).toBe(1 * HOUR);
  });

  it('counts a make-up Sunday', () => {
    // Sat 09-26 is off, Sun 09-27 is a full working day.
    expect(between('2026-09-26T00:00', '2026-09-28T00:00')).toBe(7.5 * HOUR);
  });

  it('is zero when the end is not after the start', () => {
    expect(between('2026-09-15T10:00', '2026-09-15T10:00')).toBe(0);
    expect(between('2026-09-15T11:00', '2026-09-15T10:00')).toBe(0);
  });

  it('counts real elapsed time, so a working day across a DST change is an hour shorter or longer', () => {
    // Round the clock every day: New York's 2026-03-08 has 23 real hours, 2026-11-01 has 25.
    const roundTheClock: WorkingCalendar = {
      ...newYork,
      workingHours: [{ start: '00:00', end: '24:00' }],
      weekendDays: [],
    };
    expect(
      workingTimeBetween(new Date('2026-03-08T05:00Z'), new Date('2026-03-09T04:00Z'), roundTheClock),
    ).toBe(23 * HOUR);
    expect(
      workingTimeBetween(new Date('2026-11-01T04:00Z'), new Date('2026-11-02T05:00Z'), roundTheClock),
    ).toBe(25 * HOUR);
  });
});

describe('workingDayLength', () => {
  it('is the sum of the working periods', () => {
    expect(workingDayLength(shanghai2026)).toBe(7.5 * HOUR); // 3.5 h + 4 h
    expect(workingDayLength(newYork)).toBe(8 * HOUR);
  });
});

describe('round trip: workingTimeBetween(s, addWorkingTime(s, limit)) is the limit', () => {
  // Starts every 50 minutes from Thu 09-24 to Wed 10-14, so they fall in periods, at lunch, at
  // night, on weekends, make-up days and holidays, at every minute offset of the hour over time.
  const starts = Array.from(
    { length: 600 },
    (_, i) => new Date(shanghai('2026-09-24T00:00').getTime() + i * 50 * MINUTE),
  );
  const limits: [TimeLimit, number][] = [
    [{ amount: 0.5, unit: 'workingHours' }, 0.5 * HOUR],
    [{ amount: 4, unit: 'workingHours' }, 4 * HOUR],
    [{ amount: 13, unit: 'workingHours' }, 13 * HOUR],
    [{ amount: 1, unit: 'workingDays' }, 7.5 * HOUR],
    [{ amount: 4, unit: 'workingDays' }, 30 * HOUR],
  ];

  it.each(limits)('%j is %d ms of working time from every start', (limit, expectedMs) => {
    for (const start of starts) {
      const deadline = addWorkingTime(start, limit, shanghai2026);
      expect({ start, used: workingTimeBetween(start, deadline, shanghai2026) }).toEqual({
        start,
        used: expectedMs,
      });
    }
  });
});
