import { localDateTimeOf } from '@cityloop/domain';

/**
 * Date-times as GeoReport v2 wants them: the W3C profile of ISO 8601, with the zone's offset
 * (2026-07-06T10:00:00+08:00). Given in the district's time zone, as its people read them;
 * fractions of a second only where there are some.
 */
export function w3DateTime(instant: Date, timeZone: string): string {
  const { date, wallClock } = localDateTimeOf(instant, timeZone);
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  const offsetMinutes = Math.round((Date.parse(`${date}T${wallClock}Z`) - wholeSecond) / 60_000);
  const millis = instant.getTime() - wholeSecond;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${date}T${wallClock}${fraction}${offsetText(offsetMinutes)}`;
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** YYYY-MM-DDThh:mm[:ss[.s]] with Z or ±hh:mm: the spec requires the zone. */
const W3_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant a client's W3C date-time names, or undefined when it is not one (or names no zone). */
export function parseW3DateTime(text: string): Date | undefined {
  if (!W3_DATE_TIME.test(text)) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
