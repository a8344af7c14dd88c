import type {
  CaseClosedV1,
  CaseDispatchedV1,
  CaseFiledV1,
  CaseRejectedV1,
  CaseReportedV1,
  CaseResumedV1,
  EventEnvelope,
  ExtensionApprovedV1,
  CaseEnvelope,
} from '@cityloop/contracts';
import type { EventHandler } from '@cityloop/messaging';
import { EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REFRESH_STATUS_SQL, STATUS_TABLE } from './case-status';

type Envelope<P> = CaseEnvelope<P>;

/**
 * Folds case events into `cases` and `case_timeline`. Each handler runs in the consumer's
 * transaction (with the consumed-event record), and each writes only the columns its event owns,
 * so the result does not depend on the order in which different services' events arrive.
 */
@Injectable()
export class CaseTimelineProjector {
  constructor(consumers: EventConsumers) {
    consumers.register({
      group: 'cityloop-projections.case-timeline',
      from: ['intake', 'dispatch', 'disposal', 'verification'],
      handlers: this.handlers,
    });
  }

  private readonly handlers: Record<string, EventHandler> = {
    CaseReported: (event, manager) => this.caseReported(event as Envelope<CaseReportedV1>, manager),
    ReportAttached: (event, manager) =>
      this.step(event, manager, ['reportId', 'source', 'distanceMetres', 'gridCellCode']),
    FollowUpRecorded: (event, manager) => this.step(event, manager, ['satisfaction', 'notes']),
    CaseReopened: (event, manager) => this.step(event, manager, ['reason']),
    CaseFiled: (event, manager) => this.caseFiled(event as Envelope<CaseFiledV1>, manager),
    CaseRejected: (event, manager) => this.caseRejected(event as Envelope<CaseRejectedV1>, manager),
    CaseDispatched: (event, manager) => this.caseDispatched(event as Envelope<CaseDispatchedV1>, manager),
    OrderSigned: (event, manager) => this.step(event, manager, ['orderId', 'departmentId']),
    OrderReturned: (event, manager) =>
      this.step(event, manager, ['orderId', 'departmentId', 'reason', 'note']),
    ExtensionRequested: (event, manager) =>
      this.step(event, manager, ['orderId', 'requestId', 'hours', 'reason']),
    DisposalReported: (event, manager) =>
      this.step(event, manager, ['orderId', 'departmentId', 'notes', 'evidenceIds']),
    VerificationOpened: (event, manager) => this.step(event, manager, ['verificationId', 'orderId']),
    VerificationPassed: (event, manager) =>
      this.step(event, manager, ['verificationId', 'notes', 'evidenceIds']),
    VerificationFailed: (event, manager) =>
      this.step(event, manager, ['verificationId', 'notes', 'evidenceIds']),
    OrderSentBackForRework: (event, manager) => this.step(event, manager, ['orderId', 'departmentId']),
    CaseClosed: (event, manager) => this.closed(event as Envelope<CaseClosedV1>, manager),
    ReturnApproved: (event, manager) => this.step(event, manager, ['orderId', 'departmentId', 'reason']),
    ReturnRejected: (event, manager) => this.step(event, manager, ['orderId', 'departmentId', 'reason']),
    OrderReinstated: (event, manager) => this.step(event, manager, ['orderId', 'departmentId', 'status']),
    CasePostponed: (event, manager) => this.step(event, manager, ['orderId', 'reason']),
    CaseResumed: (event, manager) => this.resumed(event as Envelope<CaseResumedV1>, manager),
    DeadlineReminderRaised: (event, manager) =>
      this.step(event, manager, ['orderId', 'departmentId', 'deadlineAt']),
    OrderEscalated: (event, manager) => this.step(event, manager, ['orderId', 'departmentId', 'deadlineAt']),
    ExtensionDenied: (event, manager) => this.step(event, manager, ['orderId', 'requestId', 'reason']),
    ExtensionApproved: (event, manager) => this.extended(event as Envelope<ExtensionApprovedV1>, manager),
  };

  /** The end of a postponement moves the current order's deadline. */
  private async resumed(event: Envelope<CaseResumedV1>, manager: EntityManager): Promise<void> {
    await this.ensureCase(event, manager);
    await manager.query('UPDATE cases SET deadline_at = $2 WHERE case_id = $1 AND order_id = $3', [
      event.caseId,
      event.payload.deadlineAt,
      event.payload.orderId,
    ]);
    await this.step(event, manager, ['orderId', 'deadlineAt']);
  }

  /** An approved extension (延期) moves the current order's deadline. */
  private async extended(event: Envelope<ExtensionApprovedV1>, manager: EntityManager): Promise<void> {
    await this.ensureCase(event, manager);
    await manager.query('UPDATE cases SET deadline_at = $2 WHERE case_id = $1 AND order_id = $3', [
      event.caseId,
      event.payload.deadlineAt,
      event.payload.orderId,
    ]);
    await this.step(event, manager, ['orderId', 'requestId', 'deadlineAt']);
  }

  /** A step of the loop that changes no column of its own: the timeline (and the status it implies). */
  private async step(event: EventEnvelope, manager: EntityManager, fields: string[]): Promise<void> {
    await this.ensureCase(event, manager);
    const payload = event.payload as Record<string, unknown>;
    const details = Object.fromEntries(
      fields.filter((f) => payload[f] !== undefined).map((f) => [f, payload[f]]),
    );
    await this.addToTimeline(event, manager, details);
  }

  private async closed(event: Envelope<CaseClosedV1>, manager: EntityManager): Promise<void> {
    await this.ensureCase(event, manager);
    await manager.query('UPDATE cases SET closed_at = $2 WHERE case_id = $1', [
      event.caseId,
      event.payload.closedAt,
    ]);
    await this.addToTimeline(event, manager, { verificationId: event.payload.verificationId });
  }

  /** A row for a case whose first report has not arrived yet (events of other services came first). */
  private async ensureCase(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO cases (case_id, status, updated_at) VALUES ($1, 'reported', $2) ON CONFLICT (case_id) DO NOTHING`,
      [event.caseId, event.occurredAt],
    );
  }

  private async caseFiled(event: Envelope<CaseFiledV1>, manager: EntityManager): Promise<void> {
    await this.ensureCase(event, manager);
    await manager.query(`UPDATE cases SET filed_at = $2 WHERE case_id = $1`, [
      event.caseId,
      event.payload.filedAt,
    ]);
    await this.addToTimeline(event, manager, {
      automatic: event.payload.automatic,
      ...(event.payload.note && { note: event.payload.note }),
    });
  }

  private async caseRejected(event: Envelope<CaseRejectedV1>, manager: EntityManager): Promise<void> {
    await this.ensureCase(event, manager);
    await this.addToTimeline(event, manager, { reason: event.payload.reason });
  }

  private async caseDispatched(event: Envelope<CaseDispatchedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await this.ensureCase(event, manager);
    // The current order is the latest dispatch in business time (a re-dispatch replaces it).
    await manager.query(
      `UPDATE cases SET department_id = $2, deadline_at = $3, order_id = $4, dispatched_at = $5
        WHERE case_id = $1 AND (dispatched_at IS NULL OR dispatched_at <= $5)`,
      [event.caseId, p.departmentId, p.deadlineAt, p.orderId, p.dispatchedAt],
    );
    await this.addToTimeline(event, manager, {
      orderId: p.orderId,
      departmentId: p.departmentId,
      deadlineAt: p.deadlineAt,
      automatic: p.automatic,
    });
  }

  private async caseReported(event: Envelope<CaseReportedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await manager.query(
      `INSERT INTO cases (case_id, status, category_code, source, urgency, location, reported_at, onset_at, updated_at,
                          street_id, community_id, grid_cell_code)
       VALUES ($1, 'reported', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (case_id) DO UPDATE SET
         category_code = EXCLUDED.category_code, source = EXCLUDED.source, urgency = EXCLUDED.urgency,
         location = EXCLUDED.location, reported_at = EXCLUDED.reported_at, onset_at = EXCLUDED.onset_at,
         street_id = EXCLUDED.street_id, community_id = EXCLUDED.community_id,
         grid_cell_code = EXCLUDED.grid_cell_code`,
      [
        event.caseId,
        p.categoryCode,
        p.source,
        p.urgency,
        JSON.stringify(p.location),
        p.reportedAt,
        p.onsetAt ?? null,
        event.occurredAt,
        p.streetId,
        p.communityId,
        p.gridCellCode,
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
    await manager.query(REFRESH_STATUS_SQL, [event.caseId, STATUS_TABLE]);
  }
}
