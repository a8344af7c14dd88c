import { Command } from '@nestjs/cqrs';
import type { Principal } from '@cityloop/service-kit';
import type { OrderCommand } from '../domain/order.decide';

/** A step a department takes on one of its orders: sign, return, ask for an extension, report disposal. */
export type DepartmentStep =
  | { kind: 'SignOrder' }
  | { kind: 'ReturnOrder'; reason: string; note?: string }
  | { kind: 'RequestExtension'; requestId: string; hours: number; reason: string }
  | { kind: 'ReportDisposal'; notes: string; evidenceIds: string[] };

export interface OrderStepTaken {
  orderId: string;
  status: string;
}

export class TakeOrderStepCommand extends Command<OrderStepTaken> {
  constructor(
    readonly orderId: string,
    readonly step: DepartmentStep,
    readonly caller: Principal,
    readonly correlationId: string,
    readonly occurredAt: Date,
  ) {
    super();
  }

  toDomain(): OrderCommand {
    return { ...this.step, orderId: this.orderId, at: this.occurredAt };
  }
}
