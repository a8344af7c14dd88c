import type { AppendResult, EventStore } from '@cityloop/event-store';
import { AggregateStream, EVENT_STORE, type EventContext } from '@cityloop/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderEvent } from '../domain/order.events';
import { evolve, initialOrderState, type OrderState } from '../domain/order.state';

/** Disposal's order streams (`order-<orderId>`); their events are keyed by the order's case. */
@Injectable()
export class OrderStream {
  private readonly stream: AggregateStream<OrderEvent, OrderState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.stream = new AggregateStream(store, evolve, initialOrderState);
  }

  load(orderId: string, manager?: EntityManager): Promise<{ state: OrderState; version: number }> {
    return this.stream.load(`order-${orderId}`, manager);
  }

  append(
    orderId: string,
    caseId: string,
    events: OrderEvent[],
    expectedVersion: number,
    context: EventContext,
    manager: EntityManager,
  ): Promise<AppendResult> {
    return this.stream.append(`order-${orderId}`, caseId, events, expectedVersion, context, manager);
  }
}
