import { RateLimiter } from './rate-limiter';

describe('RateLimiter: a token bucket per caller', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000_000));

  it('lets a burst of the limit through, then says how long to wait', () => {
    const limiter = new RateLimiter(3, now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(20); // one call comes back every 20 s at 3 a minute
    expect(limiter.take('b')).toBe(0); // each caller has a bucket of its own
  });

  it('refills evenly over the minute', () => {
    const limiter = new RateLimiter(60, now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    clock += 1_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('forgets callers whose bucket is full again, past the number it remembers', () => {
    const limiter = new RateLimiter(2, now, 2);
    limiter.take('a');
    limiter.take('b');
    clock += 60_000;
    limiter.take('c'); // three remembered: a and b are full by now and forgotten
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });
});
