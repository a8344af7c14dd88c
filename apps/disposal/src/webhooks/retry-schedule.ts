import type { RetrySchedule } from './webhook-settings';

/** Waits are drawn between this share of the nominal wait and the whole of it (jitter). */
export const JITTER_SHARE = 0.2;

/**
 * The wait before attempt `failedAttempt + 1`: base, 2 × base, 4 × base... up to the cap, each
 * shortened by up to 20 % at random so that endpoints recovering from an outage are not hit by
 * every delivery in the same second. `random` is in [0, 1).
 */
export function retryDelayMs(failedAttempt: number, schedule: RetrySchedule, random: number): number {
  const nominal = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.min(failedAttempt - 1, 40));
  return Math.round(nominal * (1 - JITTER_SHARE * random));
}

/** What becomes of a delivery after an attempt. */
export type AfterAttempt =
  { state: 'delivered' } | { state: 'pending'; retryInMs: number } | { state: 'failed' };

/** A 2xx answer delivers; anything else is retried until the attempts are spent. */
export function afterAttempt(
  attempt: number,
  succeeded: boolean,
  schedule: RetrySchedule,
  random: number = Math.random(),
): AfterAttempt {
  if (succeeded) return { state: 'delivered' };
  if (attempt >= schedule.maxAttempts) return { state: 'failed' };
  return { state: 'pending', retryInMs: retryDelayMs(attempt, schedule, random) };
}

/** The nominal waits between the attempts (no jitter): for the documentation and the tests. */
export function nominalWaitsMs(schedule: RetrySchedule): number[] {
  return Array.from({ length: schedule.maxAttempts - 1 }, (_, i) => retryDelayMs(i + 1, schedule, 0));
}
