import type { Actor } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';

export interface FilingDecided {
  caseId: string;
  status: 'filed' | 'rejected';
}

export class DecideFilingCommand extends Command<FilingDecided> {
  constructor(
    readonly caseId: string,
    readonly decision: 'file' | 'reject',
    readonly reason: string | undefined,
    readonly actor: Actor,
    readonly correlationId: string,
    readonly occurredAt: Date,
    readonly departmentId?: string,
  ) {
    super();
  }
}
