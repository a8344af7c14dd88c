import { rows, START_OF_STORE, type EventStore } from '@cityloop/event-store';
import type { DataSource } from 'typeorm';
import type { CaseProjection } from './case-projection';

/** The read models a rebuild drops; the evaluation's own records are not among them. */
export const READ_MODEL_TABLES = ['cases', 'case_timeline', 'patrol_passes', 'rebounds'] as const;

export interface RebuildProgress {
  done: number;
  total: number;
}

const BATCH = 2_000;

/**
 * Drops the read models and replays every event of the given stores through the projection, in
 * batches of one transaction each, then finds every case's rebound pairs once. The live consumer may run meanwhile: the projection is a
 * function of the set of events, so what it adds twice or in another order changes nothing.
 * One rebuild at a time (an advisory lock).
 */
export async function rebuildReadModels(
  projections: DataSource,
  stores: readonly EventStore[],
  projection: CaseProjection,
  onProgress: (progress: RebuildProgress) => void,
): Promise<RebuildProgress> {
  const lock = projections.createQueryRunner();
  await lock.connect();
  try {
    const [{ locked }] = await rows<{ locked: boolean }>(
      lock,
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      ['cityloop.projections.rebuild'],
    );
    if (!locked) throw new Error('another rebuild of the projections is running');
    let total = 0;
    for (const store of stores) total += await store.count();
    const progress = { done: 0, total };
    onProgress(progress);
    await projections.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    for (const store of stores) {
      for (let after = START_OF_STORE; ;) {
        const batch = await store.readAll(after, BATCH);
        if (batch.length === 0) break;
        await projections.transaction((manager) =>
          projection.applyAll(
            batch.map((e) => e.envelope),
            manager,
            { deferRebounds: true },
          ),
        );
        after = batch.at(-1)!.position;
        progress.done += batch.length;
        onProgress(progress);
      }
    }
    // Fresh statistics first: the look-ups of the rebounds are planned on them.
    await projections.query(`ANALYZE ${READ_MODEL_TABLES.join(', ')}`);
    // The rebounds last, each case once as the closed case, now that every case is in.
    for (let after: string | null = null; ;) {
      const cases: { caseId: string; categoryCode: string | null }[] = await projections.query(
        `SELECT case_id AS "caseId", category_code AS "categoryCode" FROM cases
          WHERE $1::uuid IS NULL OR case_id > $1 ORDER BY case_id LIMIT ${BATCH}`,
        [after],
      );
      if (cases.length === 0) break;
      await projections.transaction((manager) => projection.addRebounds(cases, manager));
      after = cases.at(-1)!.caseId;
    }
    return progress;
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', ['cityloop.projections.rebuild'])
      .catch(() => undefined);
    await lock.release();
  }
}
