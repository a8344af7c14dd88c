import { DomainError } from '@cityloop/domain';
import type { Principal } from './principal';

/** How far ahead of the service clock a supplied business time may be (clock skew between systems). */
const ALLOWED_SKEW_MS = 60_000;

/**
 * The business time of a command: the service clock, or, for the importer role only (historical
 * import, simulation), the time it supplies. A time in the future is refused.
 */
export function businessTime(
  caller: Principal,
  supplied: string | null | undefined,
  now: Date = new Date(),
): Date {
  if (supplied === undefined || supplied === null) return now;
  if (caller.role !== 'importer') {
    throw new DomainError(
      'AUTH.BUSINESS_TIME_FORBIDDEN',
      'only the importer role may supply occurredAt',
      403,
    );
  }
  const at = new Date(supplied);
  if (at.getTime() > now.getTime() + ALLOWED_SKEW_MS) {
    throw new DomainError('REQUEST.INVALID', 'occurredAt is in the future', 400, [
      { field: 'occurredAt', problems: ['must not be in the future'] },
    ]);
  }
  return at;
}
