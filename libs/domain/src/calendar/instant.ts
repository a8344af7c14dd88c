import { DomainError } from '../domain-error';

/** The epoch milliseconds of an instant, refusing an Invalid Date before it poisons a sum. */
export function requireInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new DomainError('CALENDAR.BAD_INSTANT', 'the instant is not a valid date');
  return ms;
}
