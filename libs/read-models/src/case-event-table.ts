import type { EventEnvelope } from '@cityloop/contracts';
import { rows, runnerOf } from '@cityloop/event-store';
import type { EntityManager } from 'typeorm';
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

  /** Keeps a case's event; false when it was kept already (a redelivery, a replay). */
  async keep(event: EventEnvelope & { caseId: string }, manager: EntityManager): Promise<boolean> {
    const inserted = await rows<{ event_id: string }>(
      runnerOf(manager),
      `INSERT INTO ${this.table} (event_id, case_id, type, occurred_at, source, stream_version, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        event.eventId,
        event.caseId,
        event.type,
        event.occurredAt,
        event.source,
        event.streamVersion,
        JSON.stringify(event.payload),
      ],
    );
    return inserted.length > 0;
  }

  /** All the case's events kept so far, once the case's lock is held. */
  async lockedTimeline(caseId: string, manager: EntityManager): Promise<TimelineEntry[]> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.lockScope}:${caseId}`]);
    const timeline = await rows<{
      event_id: string;
      type: string;
      occurred_at: Date;
      source: string;
      stream_version: number;
      details: Record<string, unknown>;
    }>(
      runnerOf(manager),
      `SELECT event_id, type, occurred_at, source, stream_version, details FROM ${this.table} WHERE case_id = $1`,
      [caseId],
    );
    return timeline.map((t) => ({
      eventId: t.event_id,
      type: t.type,
      occurredAt: t.occurred_at,
      source: t.source,
      streamVersion: t.stream_version,
      payload: t.details,
    }));
  }
}
