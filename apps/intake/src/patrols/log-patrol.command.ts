import type { Actor } from '@cityloop/contracts';
import { Command } from '@nestjs/cqrs';

export interface PatrolLogged {
  patrolId: string;
  cellCodes: string[];
  passedAt: string;
}

/** 巡查: a patroller logs a pass over grid cells. */
export class LogPatrolCommand extends Command<PatrolLogged> {
  constructor(
    readonly cellCodes: string[],
    readonly passedAt: Date,
    readonly actor: Actor,
    readonly correlationId: string,
  ) {
    super();
  }
}
