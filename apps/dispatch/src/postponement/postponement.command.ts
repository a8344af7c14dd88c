import type { Actor } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';

export interface PostponementChanged {
  caseId: string;
  postponed: boolean;
  deadlineAt?: string;
}

/** 缓办 (postpone: reason given) or its end (resume: reason undefined). */
export class ChangePostponementCommand extends Command<PostponementChanged> {
  constructor(
    readonly caseId: string,
    readonly postpone: boolean,
    readonly reason: string | undefined,
    readonly actor: Actor,
    readonly correlationId: string,
    readonly occurredAt: Date,
  ) {
    super();
  }
}
