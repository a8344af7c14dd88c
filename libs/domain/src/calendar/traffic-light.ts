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
  if (requireInstant(clock.now) > requireInstant(clock.deadlineAt)) return 'red';
  return lightOf(clock, usedAndLimit(clock, calendar));
}

/** Where an open order stands: its light and the share of its limit used, counted once (the board). */
export function orderProgress(
  clock: OrderClock,
  calendar: WorkingCalendar,
): { light: TrafficLight; share: number } {
  const [used, limit] = usedAndLimit(clock, calendar);
  return { light: lightOf(clock, [used, limit]), share: limit > 0 ? used / limit : 1 };
}

/** The share of the limit used so far (0 at the start, 1 at the deadline, above 1 past it), as trafficLight counts it. */
export function shareOfLimitUsed(clock: OrderClock, calendar: WorkingCalendar): number {
  return orderProgress(clock, calendar).share;
}

function lightOf(clock: OrderClock, [used, limit]: [number, number]): TrafficLight {
  if (requireInstant(clock.now) > requireInstant(clock.deadlineAt)) return 'red';
  // used / limit >= 0.8 in whole milliseconds, free of floating-point rounding at the threshold.
  return used * 5 >= limit * 4 ? 'yellow' : 'green';
}

/** Milliseconds of the limit used and of the whole limit: working time, or elapsed for calendar hours. */
function usedAndLimit(clock: OrderClock, calendar: WorkingCalendar): [number, number] {
  const [startedAt, deadlineAt, now] = [clock.startedAt, clock.deadlineAt, clock.now].map(requireInstant);
  return clock.unit === 'calendarHours'
    ? [Math.max(0, now - startedAt), Math.max(0, deadlineAt - startedAt)]
    : [
        workingTimeBetween(clock.startedAt, clock.now, calendar),
        workingTimeBetween(clock.startedAt, clock.deadlineAt, calendar),
      ];
}
