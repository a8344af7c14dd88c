import { inLanes } from './lanes';

/** A part that ends when told to, noting when it started and ended. */
function parts(count: number) {
  const log: string[] = [];
  const endings = new Map<number, () => void>();
  const run = (part: number) =>
    new Promise<void>((resolve) => {
      log.push(`start ${part}`);
      endings.set(part, () => {
        log.push(`end ${part}`);
        resolve();
      });
    });
  const end = async (part: number) => {
    endings.get(part)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { list: Array.from({ length: count }, (_, i) => i), log, run, end };
}

describe('inLanes', () => {
  it('runs every part, at most `lanes` at once, each lane taking the next part when its last ends', async () => {
    const { list, log, run, end } = parts(4);
    const all = inLanes(list, 2, run);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start 0', 'start 1']);
    await end(1);
    expect(log).toEqual(['start 0', 'start 1', 'end 1', 'start 2']);
    await end(0);
    await end(2);
    await end(3);
    await all;
    expect(log).toEqual(['start 0', 'start 1', 'end 1', 'start 2', 'end 0', 'start 3', 'end 2', 'end 3']);
  });

  it('takes no part after a failure, and throws it once the parts running have ended', async () => {
    const { list, log, run, end } = parts(4);
    const failing = (part: number) => (part === 0 ? Promise.reject(new Error('part 0 failed')) : run(part));
    let settled = false;
    const all = inLanes(list, 2, failing).finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start 1']);
    expect(settled).toBe(false);
    const rejected = expect(all).rejects.toThrow('part 0 failed');
    await end(1);
    await rejected;
    expect(log).toEqual(['start 1', 'end 1']);
  });

  it('tells a running part once another failed, so that it can end between two batches', async () => {
    const seen: boolean[] = [];
    let fail!: (error: Error) => void;
    let next!: () => void;
    const all = inLanes([0, 1], 2, async (part, stopped) => {
      if (part === 0) return new Promise<void>((_, reject) => (fail = reject));
      seen.push(stopped());
      await new Promise<void>((resolve) => (next = resolve));
      seen.push(stopped());
    });
    await new Promise((resolve) => setImmediate(resolve));
    const rejected = expect(all).rejects.toThrow('part 0 failed');
    fail(new Error('part 0 failed'));
    await new Promise((resolve) => setImmediate(resolve));
    next();
    await rejected;
    expect(seen).toEqual([false, true]);
  });

  it('refuses fewer than one lane', async () => {
    await expect(inLanes([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });

  it('runs nothing for no parts, and one lane a part when there are fewer parts than lanes', async () => {
    await expect(inLanes([], 2, () => Promise.reject(new Error('not run')))).resolves.toBeUndefined();
    const { list, log, run, end } = parts(1);
    const all = inLanes(list, 4, run);
    await new Promise((resolve) => setImmediate(resolve));
    await end(0);
    await all;
    expect(log).toEqual(['start 0', 'end 0']);
  });
});
