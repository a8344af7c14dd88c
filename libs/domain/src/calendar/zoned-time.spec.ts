import { instantOf, localDateOf, localDateTimeOf, wallClockOf } from './zoned-time';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

describe('zoned time in Asia/Shanghai (UTC+8, no DST)', () => {
  it('reads the local date and wall clock of an instant', () => {
    // 15:59:59Z + 8 h = 23:59:59 the same day; one second later it is midnight of the next day.
    expect(localDateOf(new Date('2026-09-15T15:59:59Z'), SHANGHAI)).toBe('2026-09-15');
    expect(wallClockOf(new Date('2026-09-15T15:59:59Z'), SHANGHAI)).toBe('23:59:59');
    expect(localDateTimeOf(new Date('2026-09-15T16:00:00Z'), SHANGHAI)).toEqual({
      date: '2026-09-16',
      wallClock: '00:00:00',
    });
    // New Year arrives in Shanghai at 16:00Z on 31 December.
    expect(localDateOf(new Date('2026-12-31T16:00:00Z'), SHANGHAI)).toBe('2027-01-01');
  });

  it('finds the instant of a local date and time', () => {
    // 08:30 at +08:00 is 00:30Z.
    expect(instantOf('2026-09-15', '08:30', SHANGHAI)).toEqual(new Date('2026-09-15T00:30:00Z'));
    expect(instantOf('2026-09-15', '08:30:15.250', SHANGHAI)).toEqual(new Date('2026-09-15T00:30:15.250Z'));
    // Before 08:00 local the UTC date is the day before.
    expect(instantOf('2026-09-15', '07:00', SHANGHAI)).toEqual(new Date('2026-09-14T23:00:00Z'));
    expect(instantOf('2028-02-29', '12:00:00', SHANGHAI)).toEqual(new Date('2028-02-29T04:00:00Z'));
  });
});

describe('zoned time in America/New_York (EST -5, EDT -4)', () => {
  it('moves the offset when the clocks change', () => {
    // Fri 2026-03-06 is EST: 09:00 + 5 h. Mon 03-09 is EDT (changed Sun 03-08): 09:00 + 4 h.
    expect(instantOf('2026-03-06', '09:00', NEW_YORK)).toEqual(new Date('2026-03-06T14:00:00Z'));
    expect(instantOf('2026-03-09', '09:00', NEW_YORK)).toEqual(new Date('2026-03-09T13:00:00Z'));
    // Back to EST after Sun 11-01.
    expect(instantOf('2026-11-02', '09:00', NEW_YORK)).toEqual(new Date('2026-11-02T14:00:00Z'));
  });

  it('reads a time the clocks skip with the offset before the jump', () => {
    // 02:00 EST jumps to 03:00 EDT on 2026-03-08: 02:30 read as EST is 07:30Z, shown as 03:30 EDT.
    const skipped = instantOf('2026-03-08', '02:30', NEW_YORK);
    expect(skipped).toEqual(new Date('2026-03-08T07:30:00Z'));
    expect(wallClockOf(skipped, NEW_YORK)).toBe('03:30:00');
  });

  it('takes the first of a time that happens twice', () => {
    // 02:00 EDT falls back to 01:00 EST on 2026-11-01: 01:30 EDT is 05:30Z, 01:30 EST is 06:30Z.
    expect(instantOf('2026-11-01', '01:30', NEW_YORK)).toEqual(new Date('2026-11-01T05:30:00Z'));
    expect(wallClockOf(new Date('2026-11-01T05:30:00Z'), NEW_YORK)).toBe('01:30:00');
    expect(wallClockOf(new Date('2026-11-01T06:30:00Z'), NEW_YORK)).toBe('01:30:00');
  });

  it('reads the local date before midnight EST', () => {
    // 04:59:59Z on 03-08 is 23:59:59 EST on 03-07.
    expect(localDateTimeOf(new Date('2026-03-08T04:59:59Z'), NEW_YORK)).toEqual({
      date: '2026-03-07',
      wallClock: '23:59:59',
    });
  });
});

describe('zoned time refusals', () => {
  it('refuses an unknown zone, a malformed date or time, an invalid instant', () => {
    expect(() => localDateOf(new Date('2026-09-15T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.UNKNOWN_TIME_ZONE' }),
    );
    expect(() => instantOf('2026-02-30', '08:30', SHANGHAI)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_LOCAL_DATE' }),
    );
    expect(() => instantOf('2026-09-15', '8:30', SHANGHAI)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_WALL_CLOCK' }),
    );
    expect(() => instantOf('2026-09-15', '24:00', SHANGHAI)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_WALL_CLOCK' }),
    );
    expect(() => localDateOf(new Date(Number.NaN), SHANGHAI)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_INSTANT' }),
    );
  });
});
