import type { Actor, Satisfaction } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';

export interface FollowUpDone {
  caseId: string;
  satisfaction: Satisfaction;
  reopened: boolean;
}

export class RecordFollowUpCommand extends Command<FollowUpDone> {
  constructor(
    readonly caseId: string,
    readonly satisfaction: Satisfaction,
    readonly notes: string | undefined,
    readonly actor: Actor,
    readonly correlationId: string,
    readonly occurredAt: Date,
  ) {
    super();
  }
}
