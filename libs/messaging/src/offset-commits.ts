import type { TopicPartitionOffset } from 'kafkajs';

/** How often a consumer commits its offsets to Kafka while it consumes. */
export const OFFSET_COMMIT_INTERVAL_MS = 1_000;

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * A consumer's offsets, committed to Kafka a second apart rather than after every batch.
 *
 * An offset only says where a consumer resumes: the inbox (consumed_events) is what makes a
 * redelivery change nothing. So committing a second late costs at most a second of redelivered,
 * skipped events after a crash or a rebalance. kafkajs' autoCommit sends an OffsetCommit after
 * every batch: at a few events a second, one per event and consumer group, which was a third of
 * the broker's work and a socket write in every service (docs/PERFORMANCE.md, session 13).
 */
export class OffsetCommits {
  /** The next offset to read, per partition, of the events applied and not yet committed. */
  private readonly pending = new Map<string, TopicPartitionOffset>();
  private lastCommit = Date.now();
  private committing: Promise<void> | null = null;

  constructor(private readonly intervalMs = OFFSET_COMMIT_INTERVAL_MS) {}

  /** The event at `offset` is applied (or skipped for good): the partition resumes after it. */
  applied(topic: string, partition: number, offset: string): void {
    this.pending.set(keyOf(topic, partition), { topic, partition, offset: String(BigInt(offset) + 1n) });
  }

  /** Something is pending and the last commit is an interval old. */
  get due(): boolean {
    return this.pending.size > 0 && Date.now() - this.lastCommit >= this.intervalMs;
  }

  /**
   * Commits what is pending with `commit` (one request for every partition); an offset applied
   * meanwhile stays pending. While a commit is in flight this does nothing, so a batch never waits
   * for a commit the client is retrying (a rebalance, a broker away): the next takes what is
   * pending. Throws what `commit` throws, and the offsets stay pending.
   */
  async flush(commit: (offsets: TopicPartitionOffset[]) => Promise<void>): Promise<void> {
    if (this.committing || this.pending.size === 0) return;
    this.committing = this.commitPending(commit);
    try {
      await this.committing;
    } finally {
      this.committing = null;
    }
  }

  /** Waits for a commit in flight to end, then commits what is pending (a consumer stopping). */
  async flushAll(commit: (offsets: TopicPartitionOffset[]) => Promise<void>): Promise<void> {
    await this.committing?.catch(() => undefined);
    await this.flush(commit);
  }

  /** After a rebalance: offsets of partitions no longer assigned are the new owner's to commit. */
  retain(assignment: Record<string, number[]>): void {
    for (const [key, { topic, partition }] of this.pending)
      if (!assignment[topic]?.includes(partition)) this.pending.delete(key);
  }

  private async commitPending(commit: (offsets: TopicPartitionOffset[]) => Promise<void>): Promise<void> {
    const taken = [...this.pending.entries()];
    this.lastCommit = Date.now();
    await commit(taken.map(([, offset]) => offset));
    for (const [key, offset] of taken) if (this.pending.get(key) === offset) this.pending.delete(key);
  }
}
