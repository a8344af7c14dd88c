import type {
  CaseClosedV1,
  CaseDispatchedV1,
  CaseResumedV1,
  ExtensionApprovedV1,
  ExtensionDeniedV1,
  ReturnRejectedV1,
  VerificationFailedV1,
  CaseEnvelope,
} from '@cityloop/contracts';
import { EventConsumers, reactionTo } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decide, type OrderCommand } from '../domain/order.decide';
import { evolve } from '../domain/order.state';
import { Inbox } from './inbox';
import { OrderStream } from './order-stream';

type Envelope<P> = CaseEnvelope<P>;

/**
 * What other services' events do to orders: a dispatch puts an order in the department's inbox;
 * the dispatcher's refusal of a return gives it back, an approved extension moves its deadline;
 * a failed on-site check sends it back for rework (返工); a closed case closes it. Business times
 * come from the causing events; event ids derive from them, so a replay appends nothing new.
 */
@Injectable()
export class OrderReactor {
  constructor(
    consumers: EventConsumers,
    private readonly orders: OrderStream,
    private readonly inbox: Inbox,
  ) {
    consumers.register({
      group: 'cityloop-disposal.orders',
      from: ['dispatch', 'verification'],
      handlers: {
        CaseDispatched: (event, manager) => this.dispatched(event as Envelope<CaseDispatchedV1>, manager),
        VerificationFailed: (event, manager) => this.failed(event as Envelope<VerificationFailedV1>, manager),
        CaseClosed: (event, manager) => this.closed(event as Envelope<CaseClosedV1>, manager),
        ReturnRejected: (event, manager) => {
          const { orderId, decidedAt } = (event as Envelope<ReturnRejectedV1>).payload;
          const at = new Date(decidedAt);
          return this.apply(event, orderId, at, manager, { kind: 'ReinstateOrder', orderId, at });
        },
        ExtensionApproved: (event, manager) => {
          const { orderId, requestId, decidedAt, deadlineAt } = (event as Envelope<ExtensionApprovedV1>)
            .payload;
          const at = new Date(decidedAt);
          return this.apply(event, orderId, at, manager, {
            kind: 'ExtendDeadline',
            orderId,
            requestId,
            deadlineAt: new Date(deadlineAt),
            at,
          });
        },
        CaseResumed: (event, manager) => {
          const { orderId, resumedAt, deadlineAt } = (event as Envelope<CaseResumedV1>).payload;
          const at = new Date(resumedAt);
          return this.apply(event, orderId, at, manager, {
            kind: 'MoveDeadline',
            orderId,
            deadlineAt: new Date(deadlineAt),
            at,
          });
        },
        ExtensionDenied: (event, manager) => {
          const { orderId, requestId, decidedAt } = (event as Envelope<ExtensionDeniedV1>).payload;
          const at = new Date(decidedAt);
          return this.apply(event, orderId, at, manager, {
            kind: 'CloseExtensionRequest',
            orderId,
            requestId,
            at,
          });
        },
      },
    });
  }

  private dispatched(event: Envelope<CaseDispatchedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    return this.apply(event, p.orderId, new Date(p.dispatchedAt), manager, {
      kind: 'ReceiveOrder',
      order: {
        orderId: p.orderId,
        departmentId: p.departmentId,
        dispatchedAt: p.dispatchedAt,
        deadlineAt: p.deadlineAt,
        timeLimitUnit: p.timeLimitUnit,
        gridCellCode: p.gridCellCode,
        streetId: p.streetId,
        categoryCode: p.categoryCode,
      },
    });
  }

  private failed(event: Envelope<VerificationFailedV1>, manager: EntityManager): Promise<void> {
    const { orderId, verificationId, checkedAt } = event.payload;
    const at = new Date(checkedAt);
    return this.apply(event, orderId, at, manager, {
      kind: 'SendBackForRework',
      orderId,
      verificationId,
      at,
    });
  }

  private closed(event: Envelope<CaseClosedV1>, manager: EntityManager): Promise<void> {
    const at = new Date(event.payload.closedAt);
    return this.apply(event, event.payload.orderId, at, manager, {
      kind: 'CloseOrder',
      orderId: event.payload.orderId,
      at,
    });
  }

  private async apply(
    cause: CaseEnvelope,
    orderId: string,
    at: Date,
    manager: EntityManager,
    command: OrderCommand,
  ): Promise<void> {
    const { state, version } = await this.orders.load(orderId, manager);
    const events = decide(command, state);
    if (events.length === 0) return;
    await this.orders.append(
      orderId,
      cause.caseId,
      events,
      version,
      reactionTo(cause, at, 'disposal'),
      manager,
    );
    await this.inbox.save(manager, cause.caseId, events.reduce(evolve, state), events);
  }
}
