import { addDays, dayOfWeek, isLocalDate } from './local-date';

describe('local dates', () => {
  it('knows real calendar dates from lookalikes', () => {
    expect(isLocalDate('2026-10-01')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true); // 2028 is a leap year
    expect(isLocalDate('2026-02-29')).toBe(false); // 2026 is not
    expect(isLocalDate('2026-09-31')).toBe(false); // September has 30 days
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-9-1')).toBe(false); // the format is YYYY-MM-DD
    expect(isLocalDate('2026/09/01')).toBe(false);
  });

  it('names the day of the week, 0 Sunday ... 6 Saturday', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4); // a Thursday, the epoch
    expect(dayOfWeek('1969-12-31')).toBe(3); // the day before: Wednesday, on the negative side
    expect(dayOfWeek('2026-10-01')).toBe(4); // National Day 2026 is a Thursday
    expect(dayOfWeek('2026-09-27')).toBe(0); // four days earlier: Sunday
    expect(dayOfWeek('2026-10-10')).toBe(6); // nine days later: Saturday
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-09-30', 8)).toBe('2026-10-08');
  });

  it('refuses a malformed date', () => {
    expect(() => dayOfWeek('2026-02-30')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_LOCAL_DATE' }),
    );
  });
});
