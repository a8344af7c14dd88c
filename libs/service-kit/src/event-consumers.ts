import type { PublishingService } from '@cityloop/contracts';
import { EventConsumer, type BatchHandler, type EventHandler } from '@cityloop/messaging';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { groupOf, topicOf, type ServiceConfig } from './service-config';
import { ServiceMetrics } from './service-metrics';
import { KAFKA, KAFKA_PRODUCER, SERVICE_CONFIG } from './tokens';

export interface ConsumerRegistration {
  /** The consumer group (prefixed by KAFKA_TOPIC_PREFIX) and the key of its consumed_events rows. */
  group: string;
  /** The services whose topics it reads. */
  from: PublishingService[];
  handlers: Record<string, EventHandler>;
  /** A read model's way to apply many events at once (EventConsumerOptions.batchHandler). */
  batchHandler?: BatchHandler;
  /**
   * A read model nobody waits on (no screen, no next step of the loop): Kafka gathers its events
   * for up to GATHERED.maxWaitTimeInMs a fetch, so it pays its per-batch costs for many events.
   */
  gathered?: boolean;
}

/** A gathered consumer's fetch: 64 KiB (about 90 reports) or half a second, whichever is first. */
export const GATHERED = { minBytes: 64 * 1024, maxWaitTimeInMs: 500 };

/**
 * The service's Kafka consumers: a projector or reactor registers its handlers (in its
 * constructor); all start once the application is up and drain at shutdown, before the database
 * pool and the producer close.
 */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventConsumers.name);
  private readonly consumers: EventConsumer[] = [];

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: ServiceMetrics,
  ) {}

  register({ group, from, handlers, batchHandler, gathered }: ConsumerRegistration): void {
    this.consumers.push(
      new EventConsumer({
        kafka: this.kafka,
        producer: this.producer,
        dataSource: this.dataSource,
        schema: this.config.schema,
        groupId: groupOf(this.config, group),
        topics: from.map((service) => topicOf(this.config, service)),
        handlers,
        batchHandler,
        gather: gathered ? GATHERED : undefined,
        afterCommit: (event) => this.metrics.eventsConsumed.inc({ type: event.type }),
        onDuplicate: () => this.metrics.redeliveries.inc(),
        onDeadLetter: (code) => this.metrics.deadLetters.inc({ code }),
      }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const consumer of this.consumers) await consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.consumers.length === 0) return;
    this.logger.log('shutting down: draining consumers (events in flight commit, then their offsets)');
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    this.logger.log('consumers stopped');
  }
}
