import { newYork, shanghai2026 } from './calendar.fixture';
import { validateCalendar } from './calendar-validation';
import type { WorkingCalendar } from './working-calendar';

const withChanges = (changes: Partial<WorkingCalendar>): WorkingCalendar => ({ ...shanghai2026, ...changes });

describe('validateCalendar', () => {
  it('finds nothing wrong with sound calendars', () => {
    expect(validateCalendar(shanghai2026)).toEqual([]);
    expect(validateCalendar(newYork)).toEqual([]);
    // A period may run to midnight, and periods may touch.
    expect(
      validateCalendar(
        withChanges({
          workingHours: [
            { start: '00:00', end: '12:00' },
            { start: '12:00', end: '24:00' },
          ],
          weekendDays: [],
          makeUpWorkdays: [],
        }),
      ),
    ).toEqual([]);
  });

  it('names a period that ends before it starts, or has no length', () => {
    const calendar = withChanges({
      workingHours: [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '12:00' },
        { start: '18:00', end: '18:00' },
      ],
    });
    expect(validateCalendar(calendar)).toEqual([
      'workingHours[1]: 13:30-12:00 ends before it starts',
      'workingHours[2]: 18:00-18:00 is empty',
    ]);
  });

  it('names overlapping and out-of-order periods', () => {
    expect(
      validateCalendar(
        withChanges({
          workingHours: [
            { start: '08:30', end: '12:00' },
            { start: '11:00', end: '14:00' },
          ],
        }),
      ),
    ).toEqual(['workingHours[1]: 11:00-14:00 overlaps workingHours[0] (08:30-12:00)']);
    expect(
      validateCalendar(
        withChanges({
          workingHours: [
            { start: '13:30', end: '17:30' },
            { start: '08:30', end: '12:00' },
          ],
        }),
      ),
    ).toEqual([
      'workingHours[1]: 08:30-12:00 comes before workingHours[0] (13:30-17:30); periods must be in ascending order',
    ]);
  });

  it('names a bound that is not HH:MM', () => {
    expect(
      validateCalendar(
        withChanges({
          workingHours: [
            { start: '8:30', end: '12:00' },
            { start: '13:30', end: '25:00' },
            { start: '24:00', end: '24:00' },
          ],
        }),
      ),
    ).toEqual([
      'workingHours[0].start: "8:30" is not HH:MM',
      'workingHours[1].end: "25:00" is not HH:MM',
      'workingHours[2].start: "24:00" is not HH:MM', // 24:00 may only end a period
    ]);
  });

  it('requires at least one working period', () => {
    expect(validateCalendar(withChanges({ workingHours: [] }))).toEqual([
      'workingHours: no working period at all',
    ]);
  });

  it('names an unknown time zone', () => {
    expect(validateCalendar(withChanges({ timeZone: 'Asia/Beijing' }))).toEqual([
      'timeZone: "Asia/Beijing" is not a known IANA time zone', // China's zone is Asia/Shanghai
    ]);
  });

  it('names weekend days outside 0..6, twice listed, or covering the whole week', () => {
    expect(validateCalendar(withChanges({ weekendDays: [0, 7, 6, 6, 1.5] }))).toEqual([
      'weekendDays[1]: 7 is not a day of the week (0 Sunday ... 6 Saturday)',
      'weekendDays[3]: 6 (Saturday) is listed twice',
      'weekendDays[4]: 1.5 is not a day of the week (0 Sunday ... 6 Saturday)',
    ]);
    expect(validateCalendar(withChanges({ weekendDays: [0, 1, 2, 3, 4, 5, 6], makeUpWorkdays: [] }))).toEqual(
      ['weekendDays: every day of the week is a weekend day'],
    );
  });

  it('names bad and repeated dates', () => {
    expect(
      validateCalendar(withChanges({ holidays: ['2026-10-01', '2026-02-30', '2026-10-1', '2026-10-01'] })),
    ).toEqual([
      'holidays[1]: "2026-02-30" is not a date (YYYY-MM-DD)',
      'holidays[2]: "2026-10-1" is not a date (YYYY-MM-DD)',
      'holidays[3]: 2026-10-01 is listed twice',
    ]);
  });

  it('names a date that is both a holiday and a make-up day, and a make-up day on a weekday', () => {
    expect(
      validateCalendar(withChanges({ makeUpWorkdays: ['2026-09-27', '2026-10-03', '2026-09-28'] })),
    ).toEqual([
      // 2026-10-03 is a Saturday inside the National Day holiday (holidays[2]).
      'makeUpWorkdays[1]: 2026-10-03 is also a holiday (holidays[2]); it cannot be both',
      // 2026-09-28 is a Monday, a working day already.
      'makeUpWorkdays[2]: 2026-09-28 is a Monday, already a working day; make-up days fall on the weekend',
    ]);
  });

  it('lists every problem at once', () => {
    const calendar: WorkingCalendar = {
      timeZone: 'Mars/Olympus_Mons',
      workingHours: [{ start: '17:30', end: '08:30' }],
      weekendDays: [-1],
      holidays: ['tomorrow'],
      makeUpWorkdays: [],
    };
    expect(validateCalendar(calendar)).toEqual([
      'timeZone: "Mars/Olympus_Mons" is not a known IANA time zone',
      'workingHours[0]: 17:30-08:30 ends before it starts',
      'weekendDays[0]: -1 is not a day of the week (0 Sunday ... 6 Saturday)',
      'holidays[0]: "tomorrow" is not a date (YYYY-MM-DD)',
    ]);
  });
});
