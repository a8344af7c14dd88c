import type { CaseClosedV1, CaseEnvelope } from '@cityloop/contracts';
import { EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OpenCases } from '../duplicates/open-cases';
import { FollowUpQueue } from '../follow-ups/follow-up-queue';
import { CaseStream } from './case-stream';

/**
 * A case closed by verification (结案) takes no more duplicate reports; a hotline case joins the
 * operators' follow-up queue (回访).
 */
@Injectable()
export class ClosedCasesReactor {
  constructor(
    consumers: EventConsumers,
    private readonly cases: CaseStream,
    private readonly openCases: OpenCases,
    private readonly followUps: FollowUpQueue,
  ) {
    consumers.register({
      group: 'cityloop-intake.closed-cases',
      from: ['verification'],
      handlers: {
        CaseClosed: (event, manager) => this.closed(event as CaseEnvelope<CaseClosedV1>, manager),
      },
    });
  }

  private async closed(event: CaseEnvelope<CaseClosedV1>, manager: EntityManager): Promise<void> {
    await this.openCases.close(manager, event.caseId);
    const { state } = await this.cases.load(event.caseId);
    if (state.status !== 'none' && state.report.source === 'hotline') {
      await this.followUps.add(manager, event.caseId, state.report, event.payload.closedAt);
    }
  }
}
