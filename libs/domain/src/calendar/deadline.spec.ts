import { newYork, shanghai, shanghai2026 } from './calendar.fixture';
import { addWorkingTime } from './deadline';

// Fixture: working hours 08:30-12:00 (3.5 h) and 13:30-17:30 (4 h), 7.5 h a day; Saturday and
// Sunday off; National Day 2026-10-01 (Thu) ... 10-07 off; Sun 09-27 and Sat 10-10 worked.
const due = (start: Date, amount: number, unit: 'workingHours' | 'workingDays' | 'calendarHours') =>
  addWorkingTime(start, { amount, unit }, shanghai2026);

describe('addWorkingTime: working hours', () => {
  it('ends within the same period when the limit fits', () => {
    // Tue 09:00 + 2 h, all inside 08:30-12:00.
    expect(due(shanghai('2026-09-15T09:00'), 2, 'workingHours')).toEqual(shanghai('2026-09-15T11:00'));
  });

  it('skips the lunch break', () => {
    // Tue 11:00: 1 h to 12:00, then 1 h from 13:30.
    expect(due(shanghai('2026-09-15T11:00'), 2, 'workingHours')).toEqual(shanghai('2026-09-15T14:30'));
  });

  it('runs across the night into the next morning', () => {
    // Tue 16:00: 1.5 h to 17:30, the other 2.5 h from Wed 08:30.
    expect(due(shanghai('2026-09-15T16:00'), 4, 'workingHours')).toEqual(shanghai('2026-09-16T11:00'));
  });

  it('runs over a weekend: 17:00 on Friday with 4 hours is due at noon on Monday', () => {
    // Fri 09-18 17:00: 0.5 h to 17:30; Sat and Sun off; Mon 08:30 + 3.5 h = 12:00, the end of the
    // morning period exactly, which is the deadline (not 13:30).
    expect(due(shanghai('2026-09-18T17:00'), 4, 'workingHours')).toEqual(shanghai('2026-09-21T12:00'));
  });

  it('runs over the National Day holiday', () => {
    // Wed 09-30 16:00: 1.5 h; 10-01..10-07 off; Thu 10-08: 3.5 h in the morning, 1 h from 13:30.
    expect(due(shanghai('2026-09-30T16:00'), 6, 'workingHours')).toEqual(shanghai('2026-10-08T14:30'));
  });

  it('counts a make-up Sunday as a working day', () => {
    // Sat 09-26 is off: counting starts Sun 09-27 08:30 (make-up day); 3.5 h to 12:00, 0.5 h after 13:30.
    expect(due(shanghai('2026-09-26T10:00'), 4, 'workingHours')).toEqual(shanghai('2026-09-27T14:00'));
  });

  it('counts a make-up Saturday after the holiday', () => {
    // Fri 10-09 17:00: 0.5 h; Sat 10-10 is worked: 08:30 + 1.5 h.
    expect(due(shanghai('2026-10-09T17:00'), 2, 'workingHours')).toEqual(shanghai('2026-10-10T10:00'));
  });

  it('starts counting at the next working period when reported outside working time', () => {
    // Before work: from 08:30. At lunch: from 13:30. In the evening: from 08:30 next day.
    expect(due(shanghai('2026-09-15T07:00'), 1, 'workingHours')).toEqual(shanghai('2026-09-15T09:30'));
    expect(due(shanghai('2026-09-15T12:30'), 1, 'workingHours')).toEqual(shanghai('2026-09-15T14:30'));
    expect(due(shanghai('2026-09-15T20:00'), 1, 'workingHours')).toEqual(shanghai('2026-09-16T09:30'));
    // Sat 09-19 evening is followed by an ordinary Sunday: Monday 08:30 + 1 h.
    expect(due(shanghai('2026-09-19T20:00'), 1, 'workingHours')).toEqual(shanghai('2026-09-21T09:30'));
  });

  it('ends at the close of a period that the limit uses up exactly', () => {
    // Tue 16:30 + 1 h = 17:30: the department is late only after 17:30, not after 08:30 next day.
    expect(due(shanghai('2026-09-15T16:30'), 1, 'workingHours')).toEqual(shanghai('2026-09-15T17:30'));
  });

  it('keeps seconds and fractions of an hour', () => {
    // Tue 09:00:30 + 0.25 h = 09:15:30.
    expect(due(shanghai('2026-09-15T09:00:30'), 0.25, 'workingHours')).toEqual(
      shanghai('2026-09-15T09:15:30'),
    );
  });

  it('gives a zero limit the next working moment', () => {
    expect(due(shanghai('2026-09-15T10:00'), 0, 'workingHours')).toEqual(shanghai('2026-09-15T10:00'));
    expect(due(shanghai('2026-09-15T18:00'), 0, 'workingHours')).toEqual(shanghai('2026-09-16T08:30'));
  });
});

describe('addWorkingTime: working days', () => {
  it('makes one working day from 10:00 Wednesday due at 10:00 Thursday', () => {
    // 7.5 h: Wed 10:00-12:00 (2 h) + 13:30-17:30 (4 h) = 6 h, then Thu 08:30 + 1.5 h.
    expect(due(shanghai('2026-09-16T10:00'), 1, 'workingDays')).toEqual(shanghai('2026-09-17T10:00'));
  });

  it('skips the weekend', () => {
    // Fri 10:00 + 1 working day: 6 h on Friday, 1.5 h on Monday.
    expect(due(shanghai('2026-09-18T10:00'), 1, 'workingDays')).toEqual(shanghai('2026-09-21T10:00'));
  });

  it('skips National Day and counts the make-up Saturday', () => {
    // From Wed 09-30 10:00, each working day ends at 10:00 on the next working day:
    // 1 → Thu 10-08, 2 → Fri 10-09, 3 → Sat 10-10 (make-up), 4 → Mon 10-12 (Sun 10-11 off).
    expect(due(shanghai('2026-09-30T10:00'), 4, 'workingDays')).toEqual(shanghai('2026-10-12T10:00'));
  });

  it('gives 15 working days for illegal construction three weeks later', () => {
    // From Mon 09-07 08:30 (the start of a working day), 15 working days are the working days
    // 09-07..09-11, 09-14..09-18, 09-21..09-25; the last one closes at 17:30 on Fri 09-25.
    expect(due(shanghai('2026-09-07T08:30'), 15, 'workingDays')).toEqual(shanghai('2026-09-25T17:30'));
  });

  it('takes half a working day as 3.75 hours', () => {
    // Tue 08:30 + 3.5 h = 12:00, the remaining 0.25 h from 13:30.
    expect(due(shanghai('2026-09-15T08:30'), 0.5, 'workingDays')).toEqual(shanghai('2026-09-15T13:45'));
  });
});

describe('addWorkingTime: calendar hours', () => {
  it('runs a safety case round the clock: a missing manhole cover at 22:00 is due at 04:00', () => {
    expect(due(shanghai('2026-09-15T22:00'), 6, 'calendarHours')).toEqual(shanghai('2026-09-16T04:00'));
  });

  it('ignores weekends and holidays', () => {
    // Fri 10-02 (a holiday) 20:00 + 6 h = Sat 02:00.
    expect(due(shanghai('2026-10-02T20:00'), 6, 'calendarHours')).toEqual(shanghai('2026-10-03T02:00'));
  });

  it('counts real elapsed hours across a DST change', () => {
    // New York springs forward at 02:00 on Sun 2026-03-08. Sat 23:00 EST is 04:00Z; 6 hours later
    // is 10:00Z, which the wall clock shows as 06:00 EDT.
    expect(
      addWorkingTime(new Date('2026-03-08T04:00:00Z'), { amount: 6, unit: 'calendarHours' }, newYork),
    ).toEqual(new Date('2026-03-08T10:00:00Z'));
  });
});

describe('addWorkingTime: DST', () => {
  it('follows the wall clock after New York springs forward', () => {
    // Fri 2026-03-06 16:00 EST (21:00Z): 1 h to 17:00; Mon 03-09 09:00 is EDT (13:00Z) + 1 h = 14:00Z.
    expect(
      addWorkingTime(new Date('2026-03-06T21:00:00Z'), { amount: 2, unit: 'workingHours' }, newYork),
    ).toEqual(new Date('2026-03-09T14:00:00Z'));
  });

  it('follows the wall clock after New York falls back', () => {
    // Fri 2026-10-30 10:00 EDT (14:00Z) + 1 working day (8 h): 7 h to 17:00, then Mon 11-02 09:00
    // EST (14:00Z) + 1 h = 15:00Z.
    expect(
      addWorkingTime(new Date('2026-10-30T14:00:00Z'), { amount: 1, unit: 'workingDays' }, newYork),
    ).toEqual(new Date('2026-11-02T15:00:00Z'));
  });
});

describe('addWorkingTime: refusals', () => {
  it('refuses a negative, infinite or unknown limit', () => {
    const start = shanghai('2026-09-15T10:00');
    expect(() => addWorkingTime(start, { amount: -1, unit: 'workingHours' }, shanghai2026)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_TIME_LIMIT' }),
    );
    expect(() => addWorkingTime(start, { amount: Infinity, unit: 'workingDays' }, shanghai2026)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_TIME_LIMIT' }),
    );
    const misspelt = { amount: 4, unit: 'workhours' } as unknown as { amount: number; unit: 'workingHours' };
    expect(() => addWorkingTime(start, misspelt, shanghai2026)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_TIME_LIMIT' }),
    );
  });

  it('refuses an invalid start instant', () => {
    expect(() =>
      addWorkingTime(new Date('not a date'), { amount: 1, unit: 'workingHours' }, shanghai2026),
    ).toThrow(expect.objectContaining({ code: 'CALENDAR.BAD_INSTANT' }));
  });

  it('refuses a calendar that fails validation, naming its problems', () => {
    const broken = { ...shanghai2026, workingHours: [] };
    expect(() =>
      addWorkingTime(shanghai('2026-09-15T10:00'), { amount: 1, unit: 'workingHours' }, broken),
    ).toThrow(
      expect.objectContaining({
        code: 'CALENDAR.INVALID',
        status: 500,
        details: { problems: ['workingHours: no working period at all'] },
      }),
    );
  });
});
