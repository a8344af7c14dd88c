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
    await this.dispatchAutomatically(event, event.payload, new Date(event.payload.reopenedAt), manager, true);
  }

  private async caseFiled(event: CaseEnvelope<CaseFiledV1>, manager: EntityManager): Promise<void> {
    const filed = event.payload;
    if (this.automatic)
      await this.dispatchAutomatically(event, filed, new Date(filed.filedAt), manager, false);
    await this.filedCases.record(manager, event.caseId, filed);
  }

  /**
   * 自动派遣 at the cause's own business time, with ids derived from the cause. A first dispatch
   * goes to the responsible department; a re-handling (reopened) to the one that had it last.
   */
  private async dispatchAutomatically(
    cause: CaseEnvelope,
    filed: {
      categoryCode: string;
      streetId: string;
      gridCellCode: string;
      urgency: string;
      departmentId?: string;
    },
    at: Date,
    manager: EntityManager,
    reopened: boolean,
  ): Promise<void> {
    const { state, version } = await this.stream.load(cause.caseId, manager);
    if (!reopened && state.status !== 'undispatched') return;
    // Reopened: back to the department that had it; filed: to the one named at filing, if any.
    const department = reopened
      ? state.status === 'dispatched'
        ? state.departmentId
        : undefined
      : filed.departmentId;
    const events = decide(
      {
        kind: 'DispatchCase',
        caseId: cause.caseId,
        orderId: deterministicUuid(`dispatch:order:${cause.eventId}`),
        filedCase: {
          categoryCode: filed.categoryCode,
          streetId: filed.streetId,
          gridCellCode: filed.gridCellCode,
        },
        plan: this.planner.plan(filed.categoryCode, filed.streetId, filed.urgency, at, department),
        dispatchedAt: at,
        automatic: true,
        reopened,
      },
      state,
    );
    await this.stream.append(cause.caseId, events, version, reactionTo(cause, at, 'dispatch'), manager);
  }
}
