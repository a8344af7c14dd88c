import type { EventEnvelope } from '@cityloop/contracts';
import { metricRulesOf } from '@cityloop/domain';
import { rows, runnerOf } from '@cityloop/event-store';
import { STATUS_AFTER, type FoldContext, type TimelineEntry } from '@cityloop/read-models';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseProgressOf } from './case-progress.fold';
import { CASE_PROGRESS_COLUMNS, type CaseProgressRecord } from './case-progress.record';

interface EventRow {
  event_id: string;
  type: string;
  occurred_at: Date;
  source: string;
  stream_version: number;
  payload: Record<string, unknown>;
}

const FIELDS = Object.keys(CASE_PROGRESS_COLUMNS) as (keyof CaseProgressRecord)[];
const COLUMNS = Object.values(CASE_PROGRESS_COLUMNS);
const UPSERT = `
  INSERT INTO case_progress (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (case_id) DO UPDATE SET
    ${COLUMNS.filter((c) => c !== 'case_id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')}`;

/**
 * Intake's record of how each case is going across the services (case_progress; see its
 * migration): every case event is kept once by its id, and the case's row is recomputed from all
 * of them, so duplicates, redeliveries and any arrival order give the same row.
 */
@Injectable()
export class CaseProgress {
  /** The event types that move a case (those the case status rules know). */
  static readonly TYPES: readonly string[] = Object.keys(STATUS_AFTER);

  private readonly context: FoldContext;

  constructor(district: DistrictReference) {
    this.context = { calendar: district.calendar, rules: metricRulesOf(district.pack) };
  }

  /** Keeps these events (of any service) in the caller's transaction and refreshes the cases they change. */
  async record(manager: EntityManager, events: readonly EventEnvelope[]): Promise<void> {
    const changed = new Set<string>();
    for (const event of events) {
      if (!event.caseId || !CaseProgress.TYPES.includes(event.type)) continue;
      const kept = await rows<{ event_id: string }>(
        runnerOf(manager),
        `INSERT INTO case_progress_events (event_id, case_id, type, occurred_at, source, stream_version, payload)
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
      if (kept.length > 0) changed.add(event.caseId);
    }
    for (const caseId of changed) await this.refresh(manager, caseId);
  }

  /**
   * Recomputes the case's row. The lock serialises two transactions adding events of one case:
   * the later reads the earlier's event once it has committed.
   */
  private async refresh(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cityloop.intake.progress:${caseId}`]);
    const events = await rows<EventRow>(
      runnerOf(manager),
      `SELECT event_id, type, occurred_at, source, stream_version, payload
       FROM case_progress_events WHERE case_id = $1`,
      [caseId],
    );
    const progress = caseProgressOf(
      caseId,
      events.map((e): TimelineEntry => ({
        eventId: e.event_id,
        type: e.type,
        occurredAt: e.occurred_at,
        source: e.source,
        streamVersion: e.stream_version,
        payload: e.payload,
      })),
      this.context,
    );
    await manager.query(
      UPSERT,
      FIELDS.map((field) => progress[field]),
    );
  }
}
