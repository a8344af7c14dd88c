/**
 * kafkajs 2.2.4 keeps every idle connection in a 1 ms timer loop: its request queue schedules the
 * next check of pending requests even when nothing is pending, with a negative delay
 * (tulios/kafkajs#1556, #1704; the fix in #1667 was never released, and kafkajs has had no
 * release since). On this machine each service woke about 1,600 times a second doing nothing.
 *
 * The check exists for requests held back by the broker's throttling; requests held back by the
 * in-flight limit are sent as earlier ones complete. So a check is scheduled only while requests
 * are pending: when the throttle ends, or 10 ms on (kafkajs' own interval) if it has ended.
 * The replacement is installed once, for the one kafkajs version whose code it was written
 * against; `idleLoopFixed` says whether it is (a test keeps an upgrade from skipping it silently).
 */
const FIXED_VERSION = '2.2.4';
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

function install(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== FIXED_VERSION) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as {
    prototype: RequestQueueInternals;
  };
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
    );
  };
  return true;
}

export const idleLoopFixed = install();
