import { ArrivalWait } from './arrival-wait';

/** An effect that arrives `afterMs` from now; counts how often it was looked for. */
function effectArriving(afterMs: number) {
  const at = Date.now() + afterMs;
  const looks: number[] = [];
  return {
    looks,
    attempt: async () => {
      looks.push(Date.now());
      return Date.now() >= at ? 'arrived' : undefined;
    },
  };
}

describe('ArrivalWait', () => {
  it('looks first after most of the typical arrival time it has learned', async () => {
    const wait = new ArrivalWait(5_000);
    const first = effectArriving(300);
    const started = Date.now();
    await expect(wait.until('the first', first.attempt)).resolves.toBe('arrived');
    // Nothing learned yet: it looks at once and then backs off (20, 40, 80, 160 ms...).
    expect(first.looks[0] - started).toBeLessThan(50);
    expect(first.looks.length).toBeGreaterThanOrEqual(4);
    expect(wait.typical).toBeGreaterThanOrEqual(300);

    const second = effectArriving(300);
    const again = Date.now();
    await expect(wait.until('the second', second.attempt)).resolves.toBe('arrived');
    expect(second.looks[0] - again).toBeGreaterThanOrEqual(0.8 * 300 - 5);
    expect(second.looks.length).toBeLessThan(first.looks.length);
  });

  it('learns faster from an effect already there at the first look (it cannot measure below it)', async () => {
    const wait = new ArrivalWait(5_000);
    await wait.until('a slow first arrival', effectArriving(400).attempt);
    const before = wait.typical;
    const there = effectArriving(0);
    await wait.until('an effect already there', there.attempt);
    expect(there.looks).toHaveLength(1);
    expect(wait.typical).toBeLessThan(0.9 * before);
  });

  it('still gives up at its timeout', async () => {
    const wait = new ArrivalWait(150);
    await expect(wait.until('an effect that never comes', async () => undefined)).rejects.toThrow(
      /timed out after \d+ ms waiting for an effect that never comes/,
    );
  });
});
