import type {
  DisposalReportedV1,
  ExtensionRequestedV1,
  OrderReturnedV1,
  OrderSentBackForReworkV1,
  CaseEnvelope,
} from '@cityloop/contracts';
import { OrderTimers } from '../timers/order-timers';
import { EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { PendingRequests } from './pending-requests';

/**
 * A department's return (退单) or extension request (延期申请) joins the dispatcher's queue; its
 * disposal report stops the order's timers, a rework starts them again.
 */
@Injectable()
export class DepartmentRequestsReactor {
  constructor(consumers: EventConsumers, pending: PendingRequests, timers: OrderTimers) {
    consumers.register({
      group: 'cityloop-dispatch.department-requests',
      from: ['disposal'],
      handlers: {
        OrderReturned: (event, manager) =>
          pending.addReturn(manager, event.caseId, (event as CaseEnvelope<OrderReturnedV1>).payload),
        // The department's part is done: its timers stop; rework starts them again.
        DisposalReported: (event, manager) =>
          timers.cancel(manager, (event as CaseEnvelope<DisposalReportedV1>).payload.orderId),
        OrderSentBackForRework: (event, manager) =>
          timers.resume(manager, (event as CaseEnvelope<OrderSentBackForReworkV1>).payload.orderId),
        ExtensionRequested: (event, manager) =>
          pending.addExtension(manager, event.caseId, (event as CaseEnvelope<ExtensionRequestedV1>).payload),
      },
    });
  }
}
