import { shanghai, shanghai2026 } from './calendar.fixture';
import { shareOfLimitUsed, trafficLight } from './traffic-light';

// Fixture: 08:30-12:00 and 13:30-17:30, weekends off.
const light = (startedAt: string, deadlineAt: string, now: string, unit: 'workingHours' | 'calendarHours') =>
  trafficLight(
    { startedAt: shanghai(startedAt), deadlineAt: shanghai(deadlineAt), now: shanghai(now), unit },
    shanghai2026,
  );

describe('trafficLight: working hours', () => {
  // 5 working hours from Tue 08:30: 3.5 h to 12:00, 1.5 h from 13:30, due 15:00. 80% is 4 h of
  // working time: 3.5 h to 12:00 and 0.5 h from 13:30, reached at 14:00.
  const [start, deadline] = ['2026-09-15T08:30', '2026-09-15T15:00'];

  it('is green under 80% of the limit', () => {
    expect(light(start, deadline, '2026-09-15T08:30', 'workingHours')).toBe('green');
    expect(light(start, deadline, '2026-09-15T13:59:59.999', 'workingHours')).toBe('green');
  });

  it('does not spend the limit over lunch', () => {
    // At 13:29 only 3.5 h (70%) are used, although 5 h have elapsed.
    expect(light(start, deadline, '2026-09-15T13:29', 'workingHours')).toBe('green');
  });

  it('is yellow from exactly 80% up to and including the deadline', () => {
    expect(light(start, deadline, '2026-09-15T14:00', 'workingHours')).toBe('yellow');
    expect(light(start, deadline, '2026-09-15T15:00', 'workingHours')).toBe('yellow');
  });

  it('is red past 100%', () => {
    expect(light(start, deadline, '2026-09-15T15:00:00.001', 'workingHours')).toBe('red');
  });

  it('is red after a deadline at the end of the day, even overnight when no working time passes', () => {
    // Due Fri 17:30; on Saturday the working time used is still exactly the limit, but it is late.
    expect(light('2026-09-18T13:30', '2026-09-18T17:30', '2026-09-19T10:00', 'workingHours')).toBe('red');
  });

  it('uses working time across a weekend', () => {
    // 4 h from Fri 17:00, due Mon 12:00. On Mon 11:00, 0.5 + 2.5 = 3 h used (75%): green, though
    // 66 of 67 elapsed hours have gone. 80% (3.2 h) is at Mon 08:30 + 2.7 h = 11:12.
    expect(light('2026-09-18T17:00', '2026-09-21T12:00', '2026-09-21T11:00', 'workingHours')).toBe('green');
    expect(light('2026-09-18T17:00', '2026-09-21T12:00', '2026-09-21T11:12', 'workingHours')).toBe('yellow');
  });

  it('is green before the limit starts running', () => {
    expect(light(start, deadline, '2026-09-15T07:00', 'workingHours')).toBe('green');
  });
});

describe('trafficLight: calendar hours', () => {
  // A missing manhole cover: 6 calendar hours from Tue 22:00, due Wed 04:00. 80% is 4.8 h = 4 h 48 min
  // after 22:00: 02:48.
  const [start, deadline] = ['2026-09-15T22:00', '2026-09-16T04:00'];

  it('counts the night in full', () => {
    expect(light(start, deadline, '2026-09-16T02:47:59.999', 'calendarHours')).toBe('green');
    expect(light(start, deadline, '2026-09-16T02:48', 'calendarHours')).toBe('yellow');
    expect(light(start, deadline, '2026-09-16T04:00', 'calendarHours')).toBe('yellow');
    expect(light(start, deadline, '2026-09-16T04:00:00.001', 'calendarHours')).toBe('red');
  });

  it('counts the same order differently by unit', () => {
    // Fri 17:00 to Mon 12:00, seen at Mon 08:30. In working time 0.5 h of 4 h are used (12.5%);
    // in elapsed time 63.5 h of 67 h (about 95%).
    const [friday, monday, now] = ['2026-09-18T17:00', '2026-09-21T12:00', '2026-09-21T08:30'];
    expect(light(friday, monday, now, 'workingHours')).toBe('green');
    expect(light(friday, monday, now, 'calendarHours')).toBe('yellow');
  });
});

describe('shareOfLimitUsed: how far along the board shows an order', () => {
  const share = (now: string, unit: 'workingHours' | 'calendarHours') =>
    shareOfLimitUsed(
      {
        startedAt: shanghai('2026-09-15T08:30'),
        deadlineAt: shanghai('2026-09-15T15:00'),
        now: shanghai(now),
        unit,
      },
      shanghai2026,
    );

  it('counts working time for working-hour limits: the lunch break uses none of it', () => {
    expect(share('2026-09-15T08:30', 'workingHours')).toBe(0);
    expect(share('2026-09-15T12:00', 'workingHours')).toBeCloseTo(3.5 / 5, 12);
    expect(share('2026-09-15T13:30', 'workingHours')).toBeCloseTo(3.5 / 5, 12);
    expect(share('2026-09-15T14:00', 'workingHours')).toBeCloseTo(0.8, 12);
    expect(share('2026-09-15T16:00', 'workingHours')).toBeCloseTo(6 / 5, 12);
  });

  it('counts elapsed time for calendar hours', () => {
    expect(share('2026-09-15T11:45', 'calendarHours')).toBeCloseTo(0.5, 12);
  });
});
