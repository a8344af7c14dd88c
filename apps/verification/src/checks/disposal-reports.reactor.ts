import type { DisposalReportedV1, CaseEnvelope } from '@cityloop/contracts';
import { deterministicUuid } from '@cityloop/event-store';
import { EventConsumers, reactionTo } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decide } from '../domain/verification.decide';
import { OpenChecks } from './open-checks';
import { VerificationStream } from './verification-stream';

/** A disposal report (处理反馈) opens an on-site check for the patrollers of its grid cell. */
@Injectable()
export class DisposalReportsReactor {
  constructor(
    consumers: EventConsumers,
    private readonly stream: VerificationStream,
    private readonly checks: OpenChecks,
  ) {
    consumers.register({
      group: 'cityloop-verification.disposal-reports',
      from: ['disposal'],
      handlers: {
        DisposalReported: (event, manager) =>
          this.reported(event as CaseEnvelope<DisposalReportedV1>, manager),
      },
    });
  }

  private async reported(event: CaseEnvelope<DisposalReportedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    const verificationId = deterministicUuid(`verification:${event.eventId}`);
    const { state, version } = await this.stream.load(verificationId, manager);
    const check = {
      verificationId,
      orderId: p.orderId,
      departmentId: p.departmentId,
      gridCellCode: p.gridCellCode,
      openedAt: p.reportedAt,
    };
    const events = decide({ kind: 'OpenVerification', check }, state);
    if (events.length === 0) return;
    await this.stream.append(
      verificationId,
      event.caseId,
      events,
      version,
      reactionTo(event, new Date(p.reportedAt), 'verification'),
      manager,
    );
    await this.checks.save(manager, {
      ...check,
      caseId: event.caseId,
      status: 'open',
      disposalNotes: p.notes,
      evidenceIds: p.evidenceIds,
    });
  }
}
