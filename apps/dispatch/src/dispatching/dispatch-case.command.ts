import type { Actor } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';

export interface CaseDispatchedAnswer {
  caseId: string;
  orderId: string;
  departmentId: string;
  deadlineAt: string;
}

/** 人工派遣: a dispatcher sends a filed case to a department of their choice. */
export class DispatchCaseCommand extends Command<CaseDispatchedAnswer> {
  constructor(
    readonly caseId: string,
    readonly departmentId: string,
    readonly actor: Actor,
    readonly correlationId: string,
    readonly occurredAt: Date,
  ) {
    super();
  }
}
