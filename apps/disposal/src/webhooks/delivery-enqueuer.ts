import { eachInTurn, type EventHandler } from '@cityloop/messaging';
import { EventConsumers } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { DeliveryQueue } from './delivery-queue';
import { WEBHOOK_TRANSLATIONS } from './webhook-events';

/**
 * Turns each order event of a department into one delivery per endpoint of it that wants it,
 * inside the consumer's transaction: the deliveries and the record that the event was consumed
 * commit together, so a redelivered Kafka message enqueues nothing twice. A consumer group of its
 * own (dispatch's topic for dispatch, reminder and escalation; disposal's own for rework): the
 * inbox's consumer neither waits for it nor fails with it.
 */
@Injectable()
export class DeliveryEnqueuer {
  constructor(consumers: EventConsumers, queue: DeliveryQueue) {
    const handlers = Object.fromEntries(
      Object.entries(WEBHOOK_TRANSLATIONS).map(([type, translate]): [string, EventHandler] => [
        type,
        async (event, manager) => {
          await queue.enqueue(manager, translate(event), event.recordedAt);
        },
      ]),
    );
    consumers.register({
      group: 'cityloop-disposal.webhooks',
      from: ['dispatch', 'disposal'],
      handlers,
      batchHandler: eachInTurn(handlers),
    });
  }
}
