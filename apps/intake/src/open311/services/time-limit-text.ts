import type { TimeLimit } from '@cityloop/domain';

const UNITS: Record<string, [string, string]> = {
  workingHours: ['working hour', 'working hours'],
  workingDays: ['working day', 'working days'],
  calendarHours: ['hour (round the clock)', 'hours (round the clock)'],
};

/** A disposal time limit in words: "4 working hours", "6 hours (round the clock)". */
export function timeLimitText({ amount, unit }: TimeLimit): string {
  const [one, many] = UNITS[unit] ?? [unit, unit];
  return `${amount} ${amount === 1 ? one : many}`;
}
