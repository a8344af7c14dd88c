import { namedPeriod, periodBetween, previousQuarter } from './reporting-period';

const TZ = 'Asia/Shanghai';

describe('reporting periods', () => {
  it('cuts a quarter at local midnight, not UTC', () => {
    const q3 = namedPeriod('2026-Q3', TZ);
    expect(q3).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    expect(q3.start.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(q3.end.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(namedPeriod('2026-Q4', TZ).to).toBe('2026-12-31');
  });

  it('names days, ISO weeks and months', () => {
    expect(namedPeriod('2026-07-15', TZ)).toMatchObject({ from: '2026-07-15', to: '2026-07-15' });
    expect(namedPeriod('2026-W29', TZ)).toMatchObject({ from: '2026-07-13', to: '2026-07-19' });
    expect(namedPeriod('2026-W01', TZ)).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });
    expect(namedPeriod('2026-W53', TZ)).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(() => namedPeriod('2027-W53', TZ)).toThrow(/not a period/);
    expect(namedPeriod('2026-02', TZ)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(namedPeriod('2028-02', TZ).to).toBe('2028-02-29');
  });

  it('takes both ends inclusive and refuses nonsense with PERIOD.INVALID', () => {
    const p = periodBetween('2026-07-01', '2026-07-01', TZ);
    expect(p.end.getTime() - p.start.getTime()).toBe(86_400_000);
    expect(() => periodBetween('2026-07-02', '2026-07-01', TZ)).toThrow(
      expect.objectContaining({ code: 'PERIOD.INVALID' }),
    );
    expect(() => periodBetween('2026-13-01', '2026-07-01', TZ)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => namedPeriod('2026-Q5', TZ)).toThrow(expect.objectContaining({ code: 'PERIOD.INVALID' }));
  });

  it('knows the quarter before', () => {
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
  });
});
