import { Logger } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry, type Producer } from 'kafkajs';
import './kafkajs-idle-loop';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

const logger = new Logger('kafkajs');

/** kafkajs logs through the service's JSON logger; its INFO chatter (joins, commits) stays quiet. */
/**
 * Warnings that are answered by design: the idempotent producer's retries are bounded on purpose
 * (a failed send surfaces to the relay, which sends the batch again; consumers drop repeats by
 * event id), so "may invalidate EoS guarantees" does not apply to an at-least-once pipeline.
 */
const ANSWERED = [/Limiting retries for the idempotent producer/];

const logCreator = () => (entry: LogEntry) => {
  const { message, ...extra } = entry.log;
  if (ANSWERED.some((pattern) => pattern.test(message))) return;
  const text = `${entry.namespace}: ${message} ${JSON.stringify(extra)}`;
  // A single request's error response (a coordinator still loading, a topic created meanwhile) is
  // retried by kafkajs; what finally fails reaches our code as an exception and is logged there.
  if (entry.level <= logLevel.ERROR && entry.namespace !== 'Connection') logger.error(text);
  else if (entry.level <= logLevel.WARN) logger.warn(text);
};

export function createKafka(settings: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 5000 },
    ...overrides,
  });
}

/** acks=all on every send (the relay passes acks: -1) with the idempotent producer: no duplicates from retries. */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    // The idempotent producer keeps order per partition only with one request in flight in kafkajs.
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Java-compatible murmur2 on the case id: all of one case's events land on one partition.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
