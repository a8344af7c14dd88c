import type { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

/** How a group commit's writes are done: a group in one transaction, and one item on its own. */
export interface GroupWrites<T, R> {
  /** Writes several items in the caller's transaction; a result per item, in order. */
  together(items: readonly T[], manager: EntityManager): Promise<R[]>;
  /** Writes one item in the caller's transaction: the path that tells every outcome apart. */
  alone(item: T, manager: EntityManager): Promise<R>;
}

export interface GroupCommitOptions {
  /** The most items one transaction takes. */
  maxGroup?: number;
  /** The most transactions in flight at once; the items arriving meanwhile form the next group. */
  maxInFlight?: number;
  /** Told when a group's transaction failed and its items are written again one by one. */
  onGroupFailed?: (error: unknown, size: number) => void;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while earlier transactions are committing wait and go together in
 * the next transaction. No item waits for a timer: with fewer than `maxInFlight` transactions
 * running, an item starts one at once, alone, so a quiet service answers as fast as before, and
 * a busy one pays one transaction (its BEGIN, COMMIT, flush and statements) for many items.
 *
 * A group is all or nothing. If its transaction fails, each of its items is written again alone,
 * in a transaction of its own: an item is never failed for another's fault, and what one item
 * alone would answer (a conflict, a repeat) is what it answers. Except when the database cannot be
 * reached (isDatabaseUnavailable): that is no item's fault, and every item of the group fails with
 * it at once rather than each waiting for the pool in turn.
 */
export class GroupCommit<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private inFlight = 0;
  private readonly maxGroup: number;
  private readonly maxInFlight: number;
  private readonly onGroupFailed: NonNullable<GroupCommitOptions['onGroupFailed']>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: GroupWrites<T, R>,
    { maxGroup = 100, maxInFlight = 2, onGroupFailed = () => undefined }: GroupCommitOptions = {},
  ) {
    this.maxGroup = maxGroup;
    this.maxInFlight = maxInFlight;
    this.onGroupFailed = onGroupFailed;
  }

  /** Resolves with the item's result once the transaction holding it has committed. */
  commit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startNext();
    });
  }

  private startNext(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      this.inFlight++;
      void this.write(group).finally(() => {
        this.inFlight--;
        this.startNext();
      });
    }
  }

  private async write(group: Waiting<T, R>[]): Promise<void> {
    if (group.length > 1) {
      try {
        const results = await this.dataSource.transaction((manager) =>
          this.writes.together(
            group.map((w) => w.item),
            manager,
          ),
        );
        group.forEach((w, i) => w.resolve(results[i]));
        return;
      } catch (error) {
        if (isDatabaseUnavailable(error)) return group.forEach((w) => w.reject(error));
        // Rolled back as a whole: each item alone below, where its own outcome is told apart.
        this.onGroupFailed(error, group.length);
      }
    }
    for (const [i, waiting] of group.entries()) {
      try {
        waiting.resolve(
          await this.dataSource.transaction((manager) => this.writes.alone(waiting.item, manager)),
        );
      } catch (error) {
        waiting.reject(error);
        if (isDatabaseUnavailable(error)) return group.slice(i + 1).forEach((w) => w.reject(error));
      }
    }
  }
}
