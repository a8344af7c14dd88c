import { rows, START_OF_STORE, type EventStore, type GlobalPosition } from '@cityloop/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseProjection } from './case-projection';

/** The read models a rebuild drops; the evaluation's own records are not among them. */
export const READ_MODEL_TABLES = ['cases', 'case_timeline', 'patrol_passes', 'rebounds'] as const;

/**
 * Where a rebuild is: `events`, the stores' events kept; `cases`, each case folded once;
 * `rebounds`, each closed case's first rebound found.
 */
export interface RebuildProgress {
  step: 'events' | 'cases' | 'rebounds';
  done: number;
  total: number;
}

const BATCH = 2_000;

/**
 * Drops the read models and rebuilds them from every event of the given stores, in three steps of
 * one transaction per batch: every event kept (the timelines, the patrol passes), then every case
 * folded once from its whole timeline, then every closed case's first rebound. Folding each case
 * once, not once per event batch that touches it, is what makes a rebuild fast: replayed store by
 * store, a case was folded and written again for each of the four stores. The live consumer may
 * run meanwhile: the projection is a function of the set of events, so what it adds twice or in
 * another order changes nothing, and it folds the cases of what it adds itself.
 * One rebuild at a time (an advisory lock). Returns the events kept.
 */
export async function rebuildReadModels(
  projections: DataSource,
  stores: readonly EventStore[],
  projection: CaseProjection,
  onProgress: (progress: RebuildProgress) => void,
): Promise<number> {
  const lock = projections.createQueryRunner();
  await lock.connect();
  try {
    const [{ locked }] = await rows<{ locked: boolean }>(
      lock,
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      ['cityloop.projections.rebuild'],
    );
    if (!locked) throw new Error('another rebuild of the projections is running');
    await projections.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    const events = await keepEvents(projections, stores, projection, onProgress);
    // Statistics of the timelines as they now are, for the cases' listing and reads.
    await projections.query('ANALYZE case_timeline');
    await inBatches(
      'cases',
      projections,
      'SELECT count(DISTINCT case_id)::int AS total FROM case_timeline',
      (after) => casesAfter(projections, 'case_timeline', after),
      (cases, manager) =>
        projection.foldCases(
          cases.map((c) => c.caseId),
          manager,
          { deferRebounds: true },
        ),
      onProgress,
    );
    // Fresh statistics first: the look-ups of the rebounds are planned on them. And `cases`
    // vacuumed: its pages then all visible, the look-ups read their indexes only.
    await projections.query(`VACUUM ANALYZE cases`);
    await projections.query(`ANALYZE ${READ_MODEL_TABLES.filter((t) => t !== 'cases').join(', ')}`);
    // The rebounds last, each case once as the closed case, now that every case is in.
    await inBatches(
      'rebounds',
      projections,
      'SELECT count(*)::int AS total FROM cases',
      (after) => casesAfter(projections, 'cases', after),
      (cases, manager) => projection.addRebounds(cases, manager),
      onProgress,
    );
    return events;
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', ['cityloop.projections.rebuild'])
      .catch(() => undefined);
    await lock.release();
  }
}

/** Every event of the stores kept, in their global order, a batch a transaction. */
async function keepEvents(
  projections: DataSource,
  stores: readonly EventStore[],
  projection: CaseProjection,
  onProgress: (progress: RebuildProgress) => void,
): Promise<number> {
  let total = 0;
  for (const store of stores) total += await store.count();
  const progress: RebuildProgress = { step: 'events', done: 0, total };
  onProgress(progress);
  for (const store of stores) {
    // The next batch is read while this one is written: the store's reads and the projection's
    // writes are on connections of their own, and each waited for the other. A read that fails
    // meanwhile is handled at once (else the process dies of an unhandled rejection) and thrown
    // where it is awaited. Events committed while the rebuild runs may fall after its last batch:
    // the live consumer folds those.
    const readAfter = (position: GlobalPosition) => {
      const read = store.readAll(position, BATCH);
      read.catch(() => undefined);
      return read;
    };
    let next = readAfter(START_OF_STORE);
    for (;;) {
      const batch = await next;
      if (batch.length === 0) break;
      next = readAfter(batch.at(-1)!.position);
      await projections.transaction((manager) =>
        projection.keepAll(
          batch.map((e) => e.envelope),
          manager,
        ),
      );
      progress.done += batch.length;
      onProgress(progress);
    }
  }
  return progress.done;
}

type CaseBatch = { caseId: string; categoryCode: string | null }[];

/** The next batch of the cases of `table` (case_timeline or cases), in the order of their ids. */
async function casesAfter(
  projections: DataSource,
  table: 'case_timeline' | 'cases',
  after: string | null,
): Promise<CaseBatch> {
  const category = table === 'cases' ? 'category_code' : 'NULL::text';
  return projections.query(
    `SELECT DISTINCT case_id AS "caseId", ${category} AS "categoryCode" FROM ${table}
      WHERE $1::uuid IS NULL OR case_id > $1 ORDER BY case_id LIMIT ${BATCH}`,
    [after],
  );
}

/** A step over the cases, a batch a transaction, from `next(after)`: the batch after the last one's last id. */
async function inBatches(
  step: 'cases' | 'rebounds',
  projections: DataSource,
  countSql: string,
  next: (after: string | null) => Promise<CaseBatch>,
  apply: (cases: CaseBatch, manager: EntityManager) => Promise<unknown>,
  onProgress: (progress: RebuildProgress) => void,
): Promise<void> {
  const [{ total }] = await projections.query<{ total: number }[]>(countSql);
  const progress: RebuildProgress = { step, done: 0, total };
  onProgress(progress);
  for (let after: string | null = null; ;) {
    const cases = await next(after);
    if (cases.length === 0) break;
    await projections.transaction((manager) => apply(cases, manager));
    after = cases.at(-1)!.caseId;
    progress.done += cases.length;
    onProgress(progress);
  }
}
