import type { AppendResult, EventStore } from '@cityloop/event-store';
import { AggregateStream, EVENT_STORE, type EventContext } from '@cityloop/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DispatchEvent } from '../domain/dispatch.events';
import { evolve, initialDispatchState, type DispatchState } from '../domain/dispatch.state';

/** Dispatch's case streams (`case-<caseId>`) in its event store. */
@Injectable()
export class DispatchStream {
  private readonly stream: AggregateStream<DispatchEvent, DispatchState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.stream = new AggregateStream(store, evolve, initialDispatchState);
  }

  load(caseId: string, manager?: EntityManager): Promise<{ state: DispatchState; version: number }> {
    return this.stream.load(`case-${caseId}`, manager);
  }

  append(
    caseId: string,
    events: DispatchEvent[],
    expectedVersion: number,
    context: EventContext,
    manager: EntityManager,
  ): Promise<AppendResult> {
    return this.stream.append(`case-${caseId}`, caseId, events, expectedVersion, context, manager);
  }
}
