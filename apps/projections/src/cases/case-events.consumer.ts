import { PUBLISHING_SERVICES } from '@cityloop/contracts';
import { EventConsumer } from '@cityloop/messaging';
import {
  groupOf,
  KAFKA,
  KAFKA_PRODUCER,
  SERVICE_CONFIG,
  ServiceMetrics,
  topicOf,
  type ServiceConfig,
} from '@cityloop/service-kit';
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
import { CaseTimelineProjector } from './case-timeline.projector';

/** Feeds the case read model from all four services' topics, for the life of the process. */
@Injectable()
export class CaseEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: EventConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @InjectDataSource() dataSource: DataSource,
    metrics: ServiceMetrics,
    projector: CaseTimelineProjector,
  ) {
    this.consumer = new EventConsumer({
      kafka,
      producer,
      dataSource,
      schema: config.schema,
      groupId: groupOf(config, 'cityloop-projections.case-timeline'),
      topics: PUBLISHING_SERVICES.map((service) => topicOf(config, service)),
      handlers: projector.handlers,
      afterCommit: (event) => metrics.eventsConsumed.inc({ type: event.type }),
      onDuplicate: () => metrics.redeliveries.inc(),
      onDeadLetter: (code) => metrics.deadLetters.inc({ code }),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    const logger = new Logger(CaseEventsConsumer.name);
    logger.log('shutting down: draining the consumer (events in flight commit, then offsets)');
    await this.consumer.stop();
    logger.log('consumer stopped');
  }
}
