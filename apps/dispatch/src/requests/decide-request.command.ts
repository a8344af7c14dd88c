import type { Actor } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';

export interface RequestDecided {
  caseId: string;
  orderId: string;
  decision: 'approved' | 'rejected';
  /** Approved returns with a department: the new order. Approved extensions: the new deadline. */
  newOrderId?: string;
  deadlineAt?: string;
}

/** The dispatcher decides a department's return (退单审核) or extension request (延期审核). */
export class DecideRequestCommand extends Command<RequestDecided> {
  constructor(
    readonly request: 'return' | 'extension',
    /** The order id for a return, the request id for an extension. */
    readonly id: string,
    readonly approve: boolean,
    readonly departmentId: string | undefined,
    readonly reason: string | undefined,
    readonly actor: Actor,
    readonly correlationId: string,
    readonly occurredAt: Date,
  ) {
    super();
  }
}
