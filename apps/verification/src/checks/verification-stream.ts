import type { AppendResult, EventStore } from '@cityloop/event-store';
import { AggregateStream, EVENT_STORE, type EventContext } from '@cityloop/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { VerificationEvent } from '../domain/verification.events';
import { evolve, initialVerificationState, type VerificationState } from '../domain/verification.state';

/** Verification's check streams (`verification-<id>`); their events are keyed by the case. */
@Injectable()
export class VerificationStream {
  private readonly stream: AggregateStream<VerificationEvent, VerificationState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.stream = new AggregateStream(store, evolve, initialVerificationState);
  }

  load(
    verificationId: string,
    manager?: EntityManager,
  ): Promise<{ state: VerificationState; version: number }> {
    return this.stream.load(`verification-${verificationId}`, manager);
  }

  append(
    verificationId: string,
    caseId: string,
    events: VerificationEvent[],
    expectedVersion: number,
    context: EventContext,
    manager: EntityManager,
  ): Promise<AppendResult> {
    return this.stream.append(
      `verification-${verificationId}`,
      caseId,
      events,
      expectedVersion,
      context,
      manager,
    );
  }
}
