import { LivePace, replay } from './pace';

describe('the pace of a simulation', () => {
  it('replays at once, each step with its planned business time', async () => {
    const at = new Date('2026-05-06T07:08:09.000Z');
    const started = Date.now();
    await replay.until(new Date('2099-01-01T00:00:00Z'));
    expect(Date.now() - started).toBeLessThan(50);
    expect(replay.stamp(at)).toBe('2026-05-06T07:08:09.000Z');
    expect(replay.instant(at)).toBe(at);
  });

  it('plays live: the plan runs `speed` times faster from the real start; steps carry no business time', async () => {
    const planStart = new Date('2026-02-02T00:00:00Z');
    const realStart = new Date(Date.now());
    const pace = new LivePace(planStart, realStart, 3600); // an hour of the plan in a second
    const inHalfAnHour = new Date(planStart.getTime() + 1_800_000);
    expect(pace.instant(inHalfAnHour).getTime()).toBe(realStart.getTime() + 500);
    const before = Date.now();
    await pace.until(inHalfAnHour);
    expect(Date.now()).toBeGreaterThanOrEqual(realStart.getTime() + 500);
    expect(Date.now() - before).toBeLessThan(1500);
    expect(pace.stamp()).toBeUndefined();
  });
});
