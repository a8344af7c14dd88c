import { shanghai2026 } from './calendar.fixture';
import { isWorkingDay } from './working-day';

describe('isWorkingDay', () => {
  it('works on ordinary weekdays and rests on ordinary weekends', () => {
    expect(isWorkingDay('2026-09-15', shanghai2026)).toBe(true); // Tuesday
    expect(isWorkingDay('2026-09-19', shanghai2026)).toBe(false); // Saturday
    expect(isWorkingDay('2026-09-20', shanghai2026)).toBe(false); // Sunday, not a make-up day
  });

  it('rests on public holidays, weekday or not', () => {
    expect(isWorkingDay('2026-10-01', shanghai2026)).toBe(false); // Thursday, National Day
    expect(isWorkingDay('2026-10-07', shanghai2026)).toBe(false); // Wednesday, last day off
    expect(isWorkingDay('2026-10-08', shanghai2026)).toBe(true); // Thursday, back at work
  });

  it('works on make-up days that fall on a weekend', () => {
    expect(isWorkingDay('2026-09-27', shanghai2026)).toBe(true); // Sunday
    expect(isWorkingDay('2026-10-10', shanghai2026)).toBe(true); // Saturday
    expect(isWorkingDay('2026-10-11', shanghai2026)).toBe(false); // the Sunday after: off
  });

  it('sees a holiday added to the calendar after first use', () => {
    const calendar = { ...shanghai2026, holidays: [...shanghai2026.holidays] };
    expect(isWorkingDay('2026-12-31', calendar)).toBe(true);
    calendar.holidays.push('2026-12-31');
    expect(isWorkingDay('2026-12-31', calendar)).toBe(false);
  });

  it('refuses a malformed date', () => {
    expect(() => isWorkingDay('2026-9-15', shanghai2026)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.BAD_LOCAL_DATE' }),
    );
  });
});
