import type { CaseReportedV1, EventEnvelope } from '@cityloop/contracts';
import type { EventHandler } from '@cityloop/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Folds case events into `cases` and `case_timeline`. Each handler runs in the consumer's
 * transaction (with the consumed-event record), and each writes only the columns its event owns,
 * so the result does not depend on the order in which different services' events arrive.
 */
@Injectable()
export class CaseTimelineProjector {
  readonly handlers: Record<string, EventHandler> = {
    CaseReported: (event, manager) =>
      this.caseReported(event as EventEnvelope<'CaseReported', CaseReportedV1>, manager),
  };

  private async caseReported(
    event: EventEnvelope<'CaseReported', CaseReportedV1>,
    manager: EntityManager,
  ): Promise<void> {
    const p = event.payload;
    await manager.query(
      `INSERT INTO cases (case_id, status, category_code, source, urgency, location, reported_at, onset_at, updated_at)
       VALUES ($1, 'reported', $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id) DO UPDATE SET
         category_code = EXCLUDED.category_code, source = EXCLUDED.source, urgency = EXCLUDED.urgency,
         location = EXCLUDED.location, reported_at = EXCLUDED.reported_at, onset_at = EXCLUDED.onset_at,
         updated_at = GREATEST(cases.updated_at, EXCLUDED.updated_at)`,
      [
        event.caseId,
        p.categoryCode,
        p.source,
        p.urgency,
        JSON.stringify(p.location),
        p.reportedAt,
        p.onsetAt ?? null,
        event.occurredAt,
      ],
    );
    await this.addToTimeline(event, manager, {
      reportId: p.reportId,
      source: p.source,
      categoryCode: p.categoryCode,
      urgency: p.urgency,
      ...(p.onsetAt && { onsetAt: p.onsetAt }),
    });
  }

  private async addToTimeline(
    event: EventEnvelope,
    manager: EntityManager,
    details: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO case_timeline (event_id, case_id, type, occurred_at, source, stream_version, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [
        event.eventId,
        event.caseId,
        event.type,
        event.occurredAt,
        event.source,
        event.streamVersion,
        JSON.stringify(details),
      ],
    );
  }
}
