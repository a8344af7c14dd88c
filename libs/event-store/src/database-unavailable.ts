/**
 * SQLSTATEs and socket errors that say the database could not be reached or went away (a restart,
 * a failover, a full connection table), not that the statement was wrong: the same work succeeds
 * once the server is back.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** What node-postgres and TypeORM say, without a code, when a connection is lost under them. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  // TypeORM, when the connection under a transaction was lost (its commit's outcome unknown).
  /query runner (was )?already released/i,
];

/**
 * Whether `error` (or the driver error TypeORM wraps in it) means the database is unavailable for
 * now: an HTTP call answers 503, and a consumer retries the event without spending its attempts.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
