import type { AppendResult, EventStore } from '@cityloop/event-store';
import { AggregateStream, EVENT_STORE, type EventContext } from '@cityloop/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DispatchEvent } from '../domain/dispatch.events';
import { evolve, initialDispatchState, type DispatchState } from '../domain/dispatch.state';
import { OrderTimers } from '../timers/order-timers';

/** Dispatch's case streams (`case-<caseId>`) in its event store; the orders' timers follow them. */
@Injectable()
export class DispatchStream {
  private readonly stream: AggregateStream<DispatchEvent, DispatchState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly timers: OrderTimers,
  ) {
    this.stream = new AggregateStream(store, evolve, initialDispatchState);
  }

  load(caseId: string, manager?: EntityManager): Promise<{ state: DispatchState; version: number }> {
    return this.stream.load(`case-${caseId}`, manager);
  }

  async append(
    caseId: string,
    events: DispatchEvent[],
    expectedVersion: number,
    context: EventContext,
    manager: EntityManager,
  ): Promise<AppendResult> {
    const appended = await this.stream.append(
      `case-${caseId}`,
      caseId,
      events,
      expectedVersion,
      context,
      manager,
    );
    // The orders' timers follow the events in the same transaction (armed, moved, cancelled).
    if (!appended.duplicate) await this.timers.follow(manager, caseId, events);
    return appended;
  }
}
