/**
 * A token bucket per caller: `perMinute` calls at once, refilled evenly over the minute. Kept in
 * the process (each instance counts its own calls); buckets back to full are forgotten.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly remembered = 10_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes a call for `caller`: 0 when it may go ahead, else the whole seconds until it may. */
  take(caller: string): number {
    const now = this.now();
    const bucket = this.buckets.get(caller);
    const tokens = bucket
      ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs)
      : this.perMinute;
    if (tokens < 1) {
      this.buckets.set(caller, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
    }
    this.buckets.set(caller, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.remembered) this.forgetFull(now);
    return 0;
  }

  private forgetFull(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(caller);
    }
  }
}
