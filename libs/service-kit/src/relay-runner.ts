import type { PublishingService } from '@cityloop/contracts';
import type { EventStore } from '@cityloop/event-store';
import { OutboxRelay } from '@cityloop/messaging';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { topicOf, type ServiceConfig } from './service-config';
import { ServiceMetrics } from './service-metrics';
import { EVENT_STORE, KAFKA_PRODUCER, SERVICE_CONFIG } from './tokens';

/** Runs the service's outbox relay for the life of the process; stops it first at shutdown. */
@Injectable()
export class RelayRunner implements OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    metrics: ServiceMetrics,
  ) {
    this.relay = new OutboxRelay({
      store,
      producer,
      topic: topicOf(config, config.service as PublishingService),
      batchSize: config.relayBatchSize,
      databaseUrl: config.databaseUrl,
      onPublished: (count) => metrics.eventsPublished.inc(count),
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    const logger = new Logger(RelayRunner.name);
    logger.log('shutting down: finishing the batch in flight and stopping the relay');
    await this.relay.stop();
    logger.log('relay stopped');
  }
}
