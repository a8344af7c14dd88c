import type { EventEnvelope } from '@cityloop/contracts';
import { rows, runnerOf } from '@cityloop/event-store';
import type { EntityManager } from 'typeorm';
import { lockInOrder } from './advisory-locks';
import type { TimelineEntry } from './timeline-entry';

/**
 * A table of case events as a fold needs them (event_id, case_id, type, occurred_at, source,
 * stream_version, details): projections' case_timeline, intake's case_progress_events. An event is
 * kept once by its id; a case's events are read under a per-case lock held to the end of the
 * transaction, so two transactions adding events of one case are serialised: the later reads the
 * earlier's event once it has committed, and the fold of the last one sees them all.
 */
export class CaseEventTable {
  /**
   * @param table the table's name (in the search path's schema)
   * @param lockScope names the per-case advisory locks of this table's folds
   */
  constructor(
    private readonly table: string,
    private readonly lockScope: string,
  ) {}

  /** Keeps case events in one statement; the ids of those not kept before. */
  async keepAll(
    events: readonly (EventEnvelope & { caseId: string })[],
    manager: EntityManager,
  ): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const inserted = await rows<{ event_id: string }>(
      runnerOf(manager),
      `INSERT INTO ${this.table} (event_id, case_id, type, occurred_at, source, stream_version, details)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::int[], $7::jsonb[])
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.caseId),
        events.map((e) => e.type),
        events.map((e) => e.occurredAt),
        events.map((e) => e.source),
        events.map((e) => e.streamVersion),
        events.map((e) => JSON.stringify(e.payload)),
      ],
    );
    return new Set(inserted.map((r) => r.event_id));
  }

  /**
   * The events kept so far of each case, once every case's lock is held (lockInOrder: two
   * transactions locking several cases cannot deadlock).
   */
  async lockedTimelines(
    caseIds: readonly string[],
    manager: EntityManager,
  ): Promise<Map<string, TimelineEntry[]>> {
    const ids = [...new Set(caseIds)];
    await lockInOrder(
      manager,
      ids.map((caseId) => `${this.lockScope}:${caseId}`),
    );
    const found = await rows<{
      case_id: string;
      event_id: string;
      type: string;
      occurred_at: Date;
      source: string;
      stream_version: number;
      details: Record<string, unknown>;
    }>(
      runnerOf(manager),
      `SELECT case_id, event_id, type, occurred_at, source, stream_version, details
         FROM ${this.table} WHERE case_id = ANY ($1::uuid[])`,
      [ids],
    );
    const timelines = new Map<string, TimelineEntry[]>(ids.map((id) => [id, []]));
    for (const t of found) {
      timelines.get(t.case_id)!.push({
        eventId: t.event_id,
        type: t.type,
        occurredAt: t.occurred_at,
        source: t.source,
        streamVersion: t.stream_version,
        payload: t.details,
      });
    }
    return timelines;
  }
}
