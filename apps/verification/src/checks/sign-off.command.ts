import type { Actor } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';
import type { ResultRecorded } from './record-result.command';

/** 值班长审核结案: the duty chief closes a passed check's case, or sends it back for rework. */
export class SignOffCommand extends Command<ResultRecorded> {
  constructor(
    readonly verificationId: string,
    readonly approve: boolean,
    readonly reason: string | undefined,
    readonly actor: Actor,
    readonly correlationId: string,
    readonly occurredAt: Date,
  ) {
    super();
  }
}
