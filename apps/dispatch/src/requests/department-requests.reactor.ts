import type { EventEnvelope, ExtensionRequestedV1, OrderReturnedV1 } from '@cityloop/contracts';
import { EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { PendingRequests } from './pending-requests';

/** A department's return (退单) or extension request (延期申请) joins the dispatcher's queue. */
@Injectable()
export class DepartmentRequestsReactor {
  constructor(consumers: EventConsumers, pending: PendingRequests) {
    consumers.register({
      group: 'cityloop-dispatch.department-requests',
      from: ['disposal'],
      handlers: {
        OrderReturned: (event, manager) =>
          pending.addReturn(manager, event.caseId, (event as EventEnvelope<string, OrderReturnedV1>).payload),
        ExtensionRequested: (event, manager) =>
          pending.addExtension(
            manager,
            event.caseId,
            (event as EventEnvelope<string, ExtensionRequestedV1>).payload,
          ),
      },
    });
  }
}
