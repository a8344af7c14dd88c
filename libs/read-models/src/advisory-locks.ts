import type { EntityManager } from 'typeorm';

/**
 * Takes a transaction-level advisory lock per key, sorted, in one statement (unnest yields the
 * keys, and so takes the locks, in the array's order): two transactions locking overlapping sets
 * of keys cannot deadlock on them.
 */
export async function lockInOrder(manager: EntityManager, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await manager.query('SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest($1::text[]) AS key', [sorted]);
}
