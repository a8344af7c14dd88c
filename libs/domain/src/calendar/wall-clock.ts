import { DomainError } from '../domain-error';

/**
 * Wall-clock times ("HH:MM", 24-hour) as read on a clock in the district, with no date or zone.
 */

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const HH_MM_SS = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{3}))?)?$/;

export const MINUTES_PER_DAY = 1440;

/**
 * Minutes after midnight of an "HH:MM" working-period bound, or undefined when malformed. "24:00"
 * is accepted where `endOfDay` allows it, so that a period can run to midnight.
 */
export function minutesOfWallClock(text: string, endOfDay = false): number | undefined {
  if (endOfDay && text === '24:00') return MINUTES_PER_DAY;
  const match = HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Milliseconds after midnight of "HH:MM", "HH:MM:SS" or "HH:MM:SS.mmm". */
export function millisOfWallClock(text: string): number {
  const match = HH_MM_SS.exec(text);
  if (!match) {
    throw new DomainError('CALENDAR.BAD_WALL_CLOCK', `"${text}" is not a wall-clock time (HH:MM[:SS[.mmm]])`);
  }
  const [hours, minutes, seconds, millis] = match.slice(1).map((part) => Number(part ?? 0));
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}
