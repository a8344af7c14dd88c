import type { Actor } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';
import type { ReportCaseRequest } from './report-case.request';
import type { ReportCaseResponse } from './report-case.response';

export class ReportCaseCommand extends Command<ReportCaseResponse> {
  constructor(
    readonly request: ReportCaseRequest,
    readonly actor: Actor,
    readonly correlationId: string,
    readonly occurredAt: Date,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
