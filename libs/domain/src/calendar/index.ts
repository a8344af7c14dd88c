export type { TimeLimit, WorkingCalendar } from './working-calendar';
export { localDateOf, wallClockOf, localDateTimeOf, instantOf, type LocalDateTime } from './zoned-time';
export { isWorkingDay } from './working-day';
export { addWorkingTime } from './deadline';
export { workingTimeBetween, workingDayLength } from './working-time';
export {
  trafficLight,
  orderProgress,
  shareOfLimitUsed,
  type TrafficLight,
  type OrderClock,
} from './traffic-light';
export { validateCalendar } from './calendar-validation';
export {
  periodBetween,
  namedPeriod,
  previousQuarter,
  isQuarterName,
  type ReportingPeriod,
} from './reporting-period';
