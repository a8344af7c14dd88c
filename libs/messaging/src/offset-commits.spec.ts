import type { TopicPartitionOffset } from 'kafkajs';
import { OffsetCommits } from './offset-commits';

/** A commit that records what it was given and resolves when told. */
function heldCommit() {
  const calls: TopicPartitionOffset[][] = [];
  let release: () => void = () => undefined;
  const commit = (offsets: TopicPartitionOffset[]) => {
    calls.push(offsets);
    return new Promise<void>((resolve) => (release = resolve));
  };
  return { calls, commit, release: () => release() };
}

describe('OffsetCommits', () => {
  it('commits the offset after the last applied event of each partition, once an interval has passed', async () => {
    const offsets = new OffsetCommits(0);
    offsets.applied('a', 0, '4');
    offsets.applied('a', 0, '9');
    offsets.applied('a', 1, '2');
    expect(offsets.due).toBe(true);
    const committed: TopicPartitionOffset[][] = [];
    await offsets.flush(async (o) => void committed.push(o));
    expect(committed).toEqual([
      [
        { topic: 'a', partition: 0, offset: '10' },
        { topic: 'a', partition: 1, offset: '3' },
      ],
    ]);
    expect(offsets.due).toBe(false);
  });

  it('is not due before the interval has passed', () => {
    const offsets = new OffsetCommits(60_000);
    offsets.applied('a', 0, '1');
    expect(offsets.due).toBe(false);
  });

  it('skips a flush while a commit is in flight; an offset applied meanwhile stays pending', async () => {
    const offsets = new OffsetCommits(0);
    const held = heldCommit();
    offsets.applied('a', 0, '1');
    const first = offsets.flush(held.commit);
    offsets.applied('a', 0, '2');
    await offsets.flush(held.commit); // returns at once
    expect(held.calls).toHaveLength(1);
    held.release();
    await first;
    expect(offsets.due).toBe(true);
    const second = offsets.flushAll(held.commit);
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.calls[1]).toEqual([{ topic: 'a', partition: 0, offset: '3' }]);
    held.release();
    await second;
    expect(offsets.due).toBe(false);
  });

  it('keeps the offsets pending when a commit fails', async () => {
    const offsets = new OffsetCommits(0);
    offsets.applied('a', 0, '7');
    await expect(offsets.flush(() => Promise.reject(new Error('rebalancing')))).rejects.toThrow(
      'rebalancing',
    );
    const committed: TopicPartitionOffset[][] = [];
    await offsets.flush(async (o) => void committed.push(o));
    expect(committed).toEqual([[{ topic: 'a', partition: 0, offset: '8' }]]);
  });

  it('forgets the partitions a rebalance took away', async () => {
    const offsets = new OffsetCommits(0);
    offsets.applied('a', 0, '1');
    offsets.applied('a', 1, '1');
    offsets.applied('b', 0, '1');
    offsets.retain({ a: [1] });
    const committed: TopicPartitionOffset[][] = [];
    await offsets.flush(async (o) => void committed.push(o));
    expect(committed).toEqual([[{ topic: 'a', partition: 1, offset: '2' }]]);
  });
});
