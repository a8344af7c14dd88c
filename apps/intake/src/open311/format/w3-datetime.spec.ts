import { parseW3DateTime, w3DateTime } from './w3-datetime';

describe('W3C date-times (GeoReport v2)', () => {
  it("writes an instant in the district's time zone with its offset", () => {
    expect(w3DateTime(new Date('2026-07-06T02:00:00Z'), 'Asia/Shanghai')).toBe('2026-07-06T10:00:00+08:00');
    expect(w3DateTime(new Date('2026-07-06T02:00:00.250Z'), 'Asia/Shanghai')).toBe(
      '2026-07-06T10:00:00.250+08:00',
    );
    expect(w3DateTime(new Date('2026-01-06T02:00:00Z'), 'America/Los_Angeles')).toBe(
      '2026-01-05T18:00:00-08:00',
    );
    expect(w3DateTime(new Date('2026-01-06T02:00:00Z'), 'UTC')).toBe('2026-01-06T02:00:00Z');
  });

  it('reads back what it writes, and the forms of the spec', () => {
    const instant = new Date('2026-07-06T02:00:00.250Z');
    expect(parseW3DateTime(w3DateTime(instant, 'Asia/Shanghai'))).toEqual(instant);
    expect(parseW3DateTime('2010-05-24T00:00:00Z')).toEqual(new Date('2010-05-24T00:00:00Z'));
    expect(parseW3DateTime('1994-11-05T08:15:30-05:00')).toEqual(new Date('1994-11-05T13:15:30Z'));
    expect(parseW3DateTime('1994-11-05T08:15-05:00')).toEqual(new Date('1994-11-05T13:15:00Z'));
  });

  it('refuses a date-time without its zone, a date alone, and a date that does not exist', () => {
    for (const bad of ['2026-07-06T10:00:00', '2026-07-06', '2026-13-40T10:00:00Z', 'yesterday', '']) {
      expect(parseW3DateTime(bad)).toBeUndefined();
    }
  });
});
