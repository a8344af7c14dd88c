import { requireInstant } from './instant';
import type { TimeLimit, WorkingCalendar } from './working-calendar';
import { workingTimeBetween } from './working-time';

/** The light an open order shows on the command centre's board (红黄绿灯). */
export type TrafficLight = 'green' | 'yellow' | 'red';

/** Where an open order stands against its limit. */
export interface OrderClock {
  /** When the limit started running (dispatched, or signed where the district counts from there). */
  startedAt: Date;
  /** The deadline in force, extensions included: it, not the category's limit, is what binds. */
  deadlineAt: Date;
  now: Date;
  /** The unit of the limit, which decides whether the share used is working or elapsed time. */
  unit: TimeLimit['unit'];
}

/**
 * green while under 80% of the limit is used, yellow from 80% up to and including the deadline,
 * red once the deadline has passed. The share is working time for working-hour and working-day
 * limits (a night or a weekend uses none of it) and elapsed time for calendar hours.
 *
 * Red is decided on the instants themselves: an order whose deadline was 17:30 on Friday is
 * overdue on Saturday, although it has used no more working time than the whole of its limit.
 */
export function trafficLight(clock: OrderClock, calendar: WorkingCalendar): TrafficLight {
  const [startedAt, deadlineAt, now] = [clock.startedAt, clock.deadlineAt, clock.now].map(requireInstant);
  if (now > deadlineAt) return 'red';
  const [used, limit] =
    clock.unit === 'calendarHours'
      ? [Math.max(0, now - startedAt), Math.max(0, deadlineAt - startedAt)]
      : [
          workingTimeBetween(clock.startedAt, clock.now, calendar),
          workingTimeBetween(clock.startedAt, clock.deadlineAt, calendar),
        ];
  // used / limit >= 0.8 in whole milliseconds, free of floating-point rounding at the threshold.
  return used * 5 >= limit * 4 ? 'yellow' : 'green';
}

/** The share of the limit used so far (0 at the start, 1 at the deadline, above 1 past it), as trafficLight counts it. */
export function shareOfLimitUsed(clock: OrderClock, calendar: WorkingCalendar): number {
  const [startedAt, deadlineAt, now] = [clock.startedAt, clock.deadlineAt, clock.now].map(requireInstant);
  const [used, limit] =
    clock.unit === 'calendarHours'
      ? [now - startedAt, deadlineAt - startedAt]
      : [
          workingTimeBetween(clock.startedAt, clock.now, calendar),
          workingTimeBetween(clock.startedAt, clock.deadlineAt, calendar),
        ];
  return limit > 0 ? Math.max(0, used) / limit : 1;
}
