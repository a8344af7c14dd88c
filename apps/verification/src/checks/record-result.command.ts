import type { Principal } from '@cityloop/service-kit';
import { Command } from '@nestjs/cqrs';

export interface ResultRecorded {
  verificationId: string;
  caseId: string;
  /** closed: the case is closed; passed: it awaits the chief's sign-off; failed: back for rework. */
  status: 'closed' | 'passed' | 'failed';
}

/** A patroller's on-site result for a check. */
export class RecordResultCommand extends Command<ResultRecorded> {
  constructor(
    readonly verificationId: string,
    readonly passed: boolean,
    readonly notes: string | undefined,
    readonly evidenceIds: string[],
    readonly caller: Principal,
    readonly correlationId: string,
    readonly occurredAt: Date,
  ) {
    super();
  }
}
