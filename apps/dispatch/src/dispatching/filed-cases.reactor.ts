import type { CaseFiledV1, CaseReopenedV1, CaseEnvelope } from '@cityloop/contracts';
import { deterministicUuid } from '@cityloop/event-store';
import { EventConsumers, reactionTo, SERVICE_CONFIG, type ServiceConfig } from '@cityloop/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DispatchStream } from '../cases/dispatch-stream';
import { FiledCases } from '../cases/filed-cases';
import { decide } from '../domain/dispatch.decide';
import { DispatchPlanner } from './dispatch-plan';

/**
 * On intake's CaseFiled: remember the case, and dispatch it at once to the responsible
 * department (自动派遣) unless AUTO_DISPATCH=off. Business time is the filing time, from the event.
 * Ids derive from the consumed event's id, so a replay appends nothing new.
 */
@Injectable()
export class FiledCasesReactor {
  private readonly automatic: boolean;

  constructor(
    consumers: EventConsumers,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly stream: DispatchStream,
    private readonly filedCases: FiledCases,
    private readonly planner: DispatchPlanner,
  ) {
    this.automatic = config.autoDispatch;
    consumers.register({
      group: 'cityloop-dispatch.filed-cases',
      from: ['intake'],
      handlers: {
        CaseFiled: (event, manager) => this.caseFiled(event as CaseEnvelope<CaseFiledV1>, manager),
        CaseReopened: (event, manager) => this.caseReopened(event as CaseEnvelope<CaseReopenedV1>, manager),
      },
    });
  }

  /**
   * 重办: an unsatisfied caller reopened the case; it goes back, with a fresh deadline from the
   * moment of reopening, to the department that had it last (or the responsible one).
   */
  private async caseReopened(event: CaseEnvelope<CaseReopenedV1>, manager: EntityManager): Promise<void> {
    const reopened = event.payload;
    const { state, version } = await this.stream.load(event.caseId, manager);
    const reopenedAt = new Date(reopened.reopenedAt);
    const lastDepartment = state.status === 'dispatched' ? state.departmentId : undefined;
    const events = decide(
      {
        kind: 'DispatchCase',
        caseId: event.caseId,
        orderId: deterministicUuid(`dispatch:order:${event.eventId}`),
        filedCase: {
          categoryCode: reopened.categoryCode,
          streetId: reopened.streetId,
          gridCellCode: reopened.gridCellCode,
        },
        plan: this.planner.plan(
          reopened.categoryCode,
          reopened.streetId,
          reopened.urgency,
          reopenedAt,
          lastDepartment,
        ),
        dispatchedAt: reopenedAt,
        automatic: true,
        reopened: true,
      },
      state,
    );
    await this.stream.append(
      event.caseId,
      events,
      version,
      reactionTo(event, reopenedAt, 'dispatch'),
      manager,
    );
  }

  private async caseFiled(event: CaseEnvelope<CaseFiledV1>, manager: EntityManager): Promise<void> {
    const filed = event.payload;
    if (this.automatic) {
      const { state, version } = await this.stream.load(event.caseId, manager);
      if (state.status === 'undispatched') {
        const filedAt = new Date(filed.filedAt);
        const plan = this.planner.plan(filed.categoryCode, filed.streetId, filed.urgency, filedAt);
        const events = decide(
          {
            kind: 'DispatchCase',
            caseId: event.caseId,
            orderId: deterministicUuid(`dispatch:order:${event.eventId}`),
            filedCase: {
              categoryCode: filed.categoryCode,
              streetId: filed.streetId,
              gridCellCode: filed.gridCellCode,
            },
            plan,
            dispatchedAt: filedAt,
            automatic: true,
          },
          state,
        );
        await this.stream.append(
          event.caseId,
          events,
          version,
          reactionTo(event, filedAt, 'dispatch'),
          manager,
        );
      }
    }
    await this.filedCases.record(manager, event.caseId, filed);
  }
}
