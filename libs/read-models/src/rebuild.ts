import { rows, START_OF_STORE, type EventStore, type GlobalPosition } from '@cityloop/event-store';
import type { DataSource } from 'typeorm';
import { inLanes } from './lanes';
import { buildSetAsideIndexes, setAsideIndexes } from './set-aside-indexes';
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
 * Batches written at once, each on a connection of its own. A batch is mostly Postgres's work, on
 * one backend: one lane left a core of this 2-core machine idle (docs/PERFORMANCE.md, session 14).
 */
const LANES = 2;

/**
 * Drops the read models and rebuilds them from every event of the given stores, in three steps of
 * one transaction per batch, two batches at a time (LANES): every event kept (the timelines, the
 * patrol passes), then every case folded once from its whole timeline, then every closed case's
 * first rebound. The timelines' and the cases' indexes are set aside while those tables are
 * written, and built again before the next step reads them (setAsideIndexes). Folding each case once, not once per event batch that touches it, is what makes a
 * rebuild fast: replayed store by store, a case was folded and written again for each of the four
 * stores. The live consumer may run meanwhile: the projection is a function of the set of events,
 * so what it adds twice or in another order changes nothing, and it folds the cases of what it
 * adds itself. One rebuild at a time (an advisory lock). Returns the events kept.
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
    return await rebuildUnderLock(projections, stores, projection, onProgress);
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', ['cityloop.projections.rebuild'])
      .catch(() => undefined);
    await lock.release();
  }
}

/** The rebuild itself, once its lock is held (only then are the indexes set aside its own). */
async function rebuildUnderLock(
  projections: DataSource,
  stores: readonly EventStore[],
  projection: CaseProjection,
  onProgress: (progress: RebuildProgress) => void,
): Promise<number> {
  try {
    await projections.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    // What a rebuild killed before it ended left set aside, on the tables now empty.
    await buildSetAsideIndexes(projections, LANES);
    await setAsideIndexes(projections, 'case_timeline');
    const events = await keepEvents(projections, stores, projection, onProgress);
    await buildSetAsideIndexes(projections, LANES);
    // Statistics of the timelines as they now are, for the cases' listing and reads.
    await projections.query('ANALYZE case_timeline');
    await setAsideIndexes(projections, 'cases');
    await foldCases(projections, projection, onProgress);
    await buildSetAsideIndexes(projections, LANES);
    // Fresh statistics first: the look-ups of the rebounds are planned on them. And `cases`
    // vacuumed: its pages then all visible, the look-ups read their indexes only.
    await projections.query(`VACUUM ANALYZE cases`);
    await projections.query(`ANALYZE ${READ_MODEL_TABLES.filter((t) => t !== 'cases').join(', ')}`);
    await addRebounds(projections, projection, onProgress);
    return events;
  } catch (error) {
    // The live tables not left without their indexes until the next rebuild: built again now if
    // the database lets us (else the next rebuild does, from their record), and the failure thrown.
    await buildSetAsideIndexes(projections, LANES).catch(() => undefined);
    throw error;
  }
}

/** Every event of the stores kept, a store a lane (the largest first), a batch a transaction. */
async function keepEvents(
  projections: DataSource,
  stores: readonly EventStore[],
  projection: CaseProjection,
  onProgress: (progress: RebuildProgress) => void,
): Promise<number> {
  const counted = await Promise.all(stores.map(async (store) => ({ store, count: await store.count() })));
  const progress: RebuildProgress = {
    step: 'events',
    done: 0,
    total: counted.reduce((sum, { count }) => sum + count, 0),
  };
  onProgress(progress);
  const largestFirst = counted.sort((a, b) => b.count - a.count).map(({ store }) => store);
  await inLanes(largestFirst, LANES, async (store, stopped) => {
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
    while (!stopped()) {
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
  });
  return progress.done;
}

/** Each case of the timelines folded once, a batch of cases a transaction (cases lock only their own). */
async function foldCases(
  projections: DataSource,
  projection: CaseProjection,
  onProgress: (progress: RebuildProgress) => void,
): Promise<void> {
  const ids = (
    await projections.query<{ caseId: string }[]>(
      'SELECT DISTINCT case_id AS "caseId" FROM case_timeline ORDER BY 1',
    )
  ).map((c) => c.caseId);
  const progress: RebuildProgress = { step: 'cases', done: 0, total: ids.length };
  onProgress(progress);
  await inLanes(batchesOf(ids), LANES, async (batch) => {
    await projections.transaction((manager) => projection.foldCases(batch, manager, { deferRebounds: true }));
    progress.done += batch.length;
    onProgress(progress);
  });
}

/**
 * Each closed case's first rebound, now that every case is in: a category a lane (the largest
 * first), a batch of its cases a transaction. A look-up locks its cases' categories (against the
 * live consumer's refresh), so two lanes on one category would take turns.
 */
async function addRebounds(
  projections: DataSource,
  projection: CaseProjection,
  onProgress: (progress: RebuildProgress) => void,
): Promise<void> {
  const categories = await projections.query<{ categoryCode: string; ids: string[] }[]>(
    `SELECT category_code AS "categoryCode", array_agg(case_id ORDER BY case_id) AS ids
       FROM cases WHERE category_code IS NOT NULL GROUP BY category_code ORDER BY count(*) DESC`,
  );
  const progress: RebuildProgress = {
    step: 'rebounds',
    done: 0,
    total: categories.reduce((sum, { ids }) => sum + ids.length, 0),
  };
  onProgress(progress);
  await inLanes(categories, LANES, async ({ categoryCode, ids }, stopped) => {
    for (const batch of batchesOf(ids)) {
      if (stopped()) return;
      await projections.transaction((manager) =>
        projection.addRebounds(
          batch.map((caseId) => ({ caseId, categoryCode })),
          manager,
        ),
      );
      progress.done += batch.length;
      onProgress(progress);
    }
  });
}

function batchesOf<T>(items: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) =>
    items.slice(i * BATCH, (i + 1) * BATCH),
  );
}
