import type { EventStore } from '@cityloop/event-store';
import { EVENT_STORE } from '@cityloop/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { LogPatrolCommand, type PatrolLogged } from './log-patrol.command';

/** Appends the pass as its own stream (`patrol-<id>`): an event about cells, not about a case. */
@CommandHandler(LogPatrolCommand)
export class LogPatrolHandler implements ICommandHandler<LogPatrolCommand, PatrolLogged> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(command: LogPatrolCommand): Promise<PatrolLogged> {
    const patrolId = randomUUID();
    const passedAt = command.passedAt.toISOString();
    await this.store.append(
      `patrol-${patrolId}`,
      [
        {
          eventId: randomUUID(),
          type: 'PatrolPassLogged',
          schemaVersion: 1,
          caseId: null,
          occurredAt: command.passedAt,
          correlationId: command.correlationId,
          actor: command.actor,
          payload: { patrolId, patrollerId: command.actor.id, cellCodes: command.cellCodes, passedAt },
        },
      ],
      0,
    );
    return { patrolId, cellCodes: command.cellCodes, passedAt };
  }
}
