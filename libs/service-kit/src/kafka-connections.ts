import { deadLetterTopic, PUBLISHING_SERVICES } from '@cityloop/contracts';
import { ensureTopics } from '@cityloop/messaging';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { topicOf, type ServiceConfig } from './service-config';
import { KAFKA, KAFKA_PRODUCER, SERVICE_CONFIG } from './tokens';

/** Creates the event topics and their dead-letter topics at start, connects the producer, closes it last. */
@Injectable()
export class KafkaConnections implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const topics = PUBLISHING_SERVICES.map((service) => topicOf(this.config, service));
    await ensureTopics(this.kafka, [...topics, ...topics.map(deadLetterTopic)], {
      partitions: this.config.kafkaPartitions,
      replicationFactor: this.config.kafkaReplicationFactor,
    });
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
