import type { WorkingCalendar } from '@cityloop/domain';
import { yearsOutsideCalendar } from './calendar-coverage';
import type { ImportCase } from './import-row';

const calendar: WorkingCalendar = {
  timeZone: 'Asia/Shanghai',
  workingHours: [{ start: '09:00', end: '17:00' }],
  weekendDays: [0, 6],
  holidays: ['2025-10-01', '2026-01-01'],
  makeUpWorkdays: [],
};

const record = (createdAt: string, closedAt?: string) =>
  ({ createdAt: new Date(createdAt), closedAt: closedAt ? new Date(closedAt) : undefined }) as ImportCase;

describe('the years an import needs of the calendar', () => {
  it('names the years of created and closed times that list no holiday, in the local zone', () => {
    const records = [
      record('2024-12-31T15:59:59Z'), // 23:59:59 on 31 December 2024 in Shanghai
      record('2025-03-01T00:00:00Z', '2027-01-01T00:00:00Z'),
      record('2026-12-31T16:00:00Z'), // already 2027 in Shanghai
    ];
    expect(yearsOutsideCalendar(records, calendar)).toEqual(['2024', '2027']);
  });

  it('names none when every year is listed', () => {
    expect(yearsOutsideCalendar([record('2025-06-01T00:00:00Z', '2026-02-01T00:00:00Z')], calendar)).toEqual(
      [],
    );
  });
});
