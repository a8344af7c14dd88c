import { timestampReader } from './timestamps';

describe("an export's timestamps", () => {
  it('reads a 12-hour US pattern in the mapping’s time zone', () => {
    const read = timestampReader('MM/dd/yyyy hh:mm:ss a', 'Asia/Shanghai');
    expect(read('09/07/2026 02:05:09 PM')?.toISOString()).toBe('2026-09-07T06:05:09.000Z');
    expect(read('09/07/2026 12:00:00 AM')?.toISOString()).toBe('2026-09-06T16:00:00.000Z');
    expect(read('09/07/2026 12:30:00 PM')?.toISOString()).toBe('2026-09-07T04:30:00.000Z');
  });

  it('reads a 24-hour pattern across daylight saving time', () => {
    const read = timestampReader('yyyy-MM-dd HH:mm', 'America/New_York');
    expect(read('2026-07-01 09:00')?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(read('2026-01-15 09:00')?.toISOString()).toBe('2026-01-15T14:00:00.000Z');
  });

  it('refuses what does not match or does not exist', () => {
    const read = timestampReader('MM/dd/yyyy hh:mm:ss a', 'Asia/Shanghai');
    for (const bad of ['13/45/2026 25:61:00 PM', '02/30/2026 01:00:00 AM', '2026-09-07', '', 'soon'])
      expect([bad, read(bad)]).toEqual([bad, null]);
  });

  it('reads ISO 8601 with its own offset, and refuses a pattern without a date', () => {
    const read = timestampReader('iso', 'Asia/Shanghai');
    expect(read('2026-09-07T14:05:09+08:00')?.toISOString()).toBe('2026-09-07T06:05:09.000Z');
    expect(read('2026-09-07 14:05')).toBeNull();
    expect(() => timestampReader('HH:mm', 'UTC')).toThrow(/no yyyy/);
    expect(() => timestampReader('yyyy-MM-dd hh:mm', 'UTC')).toThrow(/AM\/PM/);
  });
});
