import { DomainError } from '../domain-error';
import { requireInstant } from './instant';
import { addDays, epochDayOf, badLocalDate, localDateOfEpochDay } from './local-date';
import { millisOfWallClock } from './wall-clock';

/**
 * Conversions between instants and the wall calendar of an IANA time zone, through the Intl API
 * alone (no time-zone database of our own to keep up to date).
 */

/** An instant as read on the wall calendar and clock of a time zone. */
export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS (24-hour); milliseconds are dropped. */
  wallClock: string;
}

const DAY_MS = 86_400_000;

// Building a DateTimeFormat is far dearer than using one, and working-time sums convert many
// instants in the same zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new DomainError('CALENDAR.UNKNOWN_TIME_ZONE', `"${timeZone}" is not a known IANA time zone`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallFields {
  epochDay: number;
  /** Milliseconds after local midnight, whole seconds. */
  secondOfDayMs: number;
}

function wallFieldsOf(instantMs: number, timeZone: string): WallFields {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) fields[part.type] = part.value;
  const year = fields.era === 'BC' ? 1 - Number(fields.year) : Number(fields.year);
  const date = `${String(year).padStart(4, '0')}-${fields.month.padStart(2, '0')}-${fields.day.padStart(2, '0')}`;
  // Some engines still print midnight as hour 24 despite hourCycle h23.
  const hour = Number(fields.hour) % 24;
  return {
    epochDay: epochDayOf(date) ?? Number.NaN,
    secondOfDayMs: ((hour * 60 + Number(fields.minute)) * 60 + Number(fields.second)) * 1000,
  };
}

/**
 * How far the zone's wall clock is ahead of UTC at an instant, in milliseconds (+8 h for
 * Asia/Shanghai). Seconds are kept: some historical offsets are not whole minutes.
 */
export function utcOffsetAt(instantMs: number, timeZone: string): number {
  const { epochDay, secondOfDayMs } = wallFieldsOf(instantMs, timeZone);
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return epochDay * DAY_MS + secondOfDayMs - wholeSecond;
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return localDateOfEpochDay(wallFieldsOf(requireInstant(instant), timeZone).epochDay);
}

/** The wall-clock time (HH:MM:SS) of an instant in a time zone. */
export function wallClockOf(instant: Date, timeZone: string): string {
  return localDateTimeOf(instant, timeZone).wallClock;
}

/** The local date and wall-clock time of an instant in a time zone. */
export function localDateTimeOf(instant: Date, timeZone: string): LocalDateTime {
  const { epochDay, secondOfDayMs } = wallFieldsOf(requireInstant(instant), timeZone);
  const seconds = secondOfDayMs / 1000;
  const wallClock = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  return { date: localDateOfEpochDay(epochDay), wallClock };
}

/**
 * The instant at which the wall clock of a time zone shows a local date and time
 * ("HH:MM", "HH:MM:SS" or "HH:MM:SS.mmm").
 *
 * Around DST changes this resolves like Temporal's "compatible" disambiguation: a time that the
 * clocks skip (02:30 when New York springs forward) is read with the offset from before the jump,
 * so it lands as far after the jump (03:30); a time that happens twice (01:30 when New York falls
 * back) is its first occurrence.
 */
export function instantOf(localDate: string, wallClock: string, timeZone: string): Date {
  return new Date(instantAtLocalMillis(localDate, millisOfWallClock(wallClock), timeZone));
}

/**
 * instantOf with the time of day as milliseconds after midnight; a full day (24:00) is the next
 * day's midnight, which working periods ending at "24:00" need.
 */
export function instantAtLocalMillis(localDate: string, millisOfDay: number, timeZone: string): number {
  const epochDay = epochDayOf(localDate);
  if (epochDay === undefined) throw badLocalDate(localDate);
  if (millisOfDay >= DAY_MS) {
    return instantAtLocalMillis(addDays(localDate, 1), millisOfDay - DAY_MS, timeZone);
  }
  // The wall time read as if it were UTC; the real instant is that minus the offset in force.
  const wallAsUtc = epochDay * DAY_MS + millisOfDay;
  // A day either side brackets any single offset change, which happen months apart in practice.
  const offsetBefore = utcOffsetAt(wallAsUtc - DAY_MS, timeZone);
  const offsetAfter = utcOffsetAt(wallAsUtc + DAY_MS, timeZone);
  if (offsetBefore === offsetAfter) return wallAsUtc - offsetBefore;
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter(
    (instant) => instant + utcOffsetAt(instant, timeZone) === wallAsUtc,
  );
  // Two readings: a repeated hour, the first occurrence is the earlier instant. None: a skipped
  // hour, read with the offset from before the change.
  return candidates.length > 0 ? Math.min(...candidates) : wallAsUtc - offsetBefore;
}
