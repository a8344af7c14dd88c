import {
  ContractViolation,
  deadLetterTopic,
  parseEnvelope,
  type CaseEnvelope,
  type EventEnvelope,
} from '@cityloop/contracts';
import { isDatabaseUnavailable } from '@cityloop/event-store';
import { Logger } from '@nestjs/common';
import type { Consumer, EachMessagePayload, IHeaders, Kafka, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { correlationContext } from './correlation-context';
import { faultPoint } from './fault-point';

/**
 * Applies one event's effects inside the consumer's transaction. Throw to retry. Handlers are
 * registered for events about a case, whose caseId parseEnvelope guarantees.
 */
export type EventHandler = (event: CaseEnvelope, manager: EntityManager) => Promise<void>;

export interface EventConsumerOptions {
  kafka: Kafka;
  /** Used for dead letters. */
  producer: Producer;
  dataSource: DataSource;
  /** The schema holding consumed_events (consumerInboxMigration). */
  schema: string;
  /** Consumer group and the key of its consumed_events rows. */
  groupId: string;
  topics: string[];
  handlers: Record<string, EventHandler>;
  maxAttempts?: number;
  initialBackoffMs?: number;
  partitionsConsumedConcurrently?: number;
  /** Called after an event's transaction committed (e.g. to push a live frame). */
  afterCommit?: (event: EventEnvelope) => void;
  onDeadLetter?: (reason: string) => void;
  /** Called when a redelivered event was found applied already and changed nothing. */
  onDuplicate?: (event: EventEnvelope) => void;
}

type Outcome = 'applied' | 'duplicate';

/** While the database is unavailable, an event is tried again every 250 ms, 500 ms... up to 5 s. */
const UNAVAILABLE_BACKOFF_MS = 250;
const MAX_UNAVAILABLE_BACKOFF_MS = 5_000;

class AppliedMeanwhile extends Error {}

/**
 * Effectively-once consumption: each event's effects and its consumed_events row commit in one
 * Postgres transaction (the row written last, after the effects), and Kafka's offset is committed
 * after it. A crash anywhere leads to a
 * redelivery, and a redelivery changes nothing. A record that can never be processed (bad JSON,
 * unknown type, payload off its schema) goes straight to the dead-letter topic: retrying a
 * deterministic failure only delays the partition. A handler failure is retried with exponential
 * backoff, then dead-lettered with the error in headers; either way the partition moves on. A
 * database that cannot be reached is no handler failure: the event waits for it, spending no attempt.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private consumer: Consumer | null = null;

  constructor(private readonly options: EventConsumerOptions) {}

  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      // A restarted instance should not wait kafkajs' default 30 s for the dead one's session to expire.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      rebalanceTimeout: 20_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.handle(payload),
    });
  }

  /** Finishes the messages in flight, commits their offsets and leaves the group. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  private async handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    let event: EventEnvelope;
    try {
      event = parseEnvelope(message.value);
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      await this.deadLetter({ topic, partition, message }, error.code, error.message, 0);
      return;
    }
    const handler = this.options.handlers[event.type];
    if (!handler) return;
    await correlationContext.run({ correlationId: event.correlationId }, () =>
      this.applyWithRetries(event, handler, topic, partition, message, heartbeat),
    );
  }

  private async applyWithRetries(
    event: EventEnvelope,
    handler: EventHandler,
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let backoff = this.options.initialBackoffMs ?? 200;
    let unavailableFor = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.applyOnce(event, handler, topic, partition, message.offset);
        if (outcome === 'applied') {
          faultPoint('consumer.after-commit');
          this.options.afterCommit?.(event);
        } else if (outcome === 'duplicate') {
          this.options.onDuplicate?.(event);
        }
        return;
      } catch (error) {
        const err = error as Error;
        if (isDatabaseUnavailable(error)) {
          // Not the event's fault: wait for the database, as long as it takes, spending no attempt.
          attempt--;
          unavailableFor++;
          const wait = Math.min(UNAVAILABLE_BACKOFF_MS * unavailableFor, MAX_UNAVAILABLE_BACKOFF_MS);
          this.logger.warn(
            `${this.options.groupId}: ${event.type} ${event.eventId} waits ${wait} ms for the database: ${err.message}`,
          );
          await new Promise((r) => setTimeout(r, wait));
          await heartbeat();
          continue;
        }
        if (attempt >= maxAttempts) {
          await this.deadLetter({ topic, partition, message }, 'EVENT.HANDLER_FAILED', err.message, attempt);
          return;
        }
        this.logger.warn(
          `${this.options.groupId}: ${event.type} ${event.eventId} failed (attempt ${attempt}/${maxAttempts}), retrying in ${backoff} ms: ${err.message}`,
        );
        await new Promise((r) => setTimeout(r, backoff));
        await heartbeat();
        backoff *= 2;
      }
    }
  }

  private async applyOnce(
    event: EventEnvelope,
    handler: EventHandler,
    topic: string,
    partition: number,
    offset: string,
  ): Promise<Outcome> {
    try {
      return await this.options.dataSource.transaction(async (manager) => {
        // Read first, write last: a handler that appends to an event store must make the
        // transaction's first write (see EventStore.append), so the consumed record comes after.
        const seen: unknown[] = await manager.query(
          `SELECT 1 FROM "${this.options.schema}".consumed_events WHERE consumer = $1 AND event_id = $2`,
          [this.options.groupId, event.eventId],
        );
        if (seen.length > 0) return 'duplicate';
        await handler(event as CaseEnvelope, manager);
        const recorded: unknown[] = await manager.query(
          `INSERT INTO "${this.options.schema}".consumed_events (consumer, event_id, topic, partition, "offset")
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
          [this.options.groupId, event.eventId, topic, partition, offset],
        );
        // Another instance applied it meanwhile (a rebalance): undo ours.
        if (recorded.length === 0) throw new AppliedMeanwhile();
        return 'applied';
      });
    } catch (error) {
      if (error instanceof AppliedMeanwhile) return 'duplicate';
      throw error;
    }
  }

  private async deadLetter(
    { topic, partition, message }: Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>,
    code: string,
    reason: string,
    attempts: number,
  ): Promise<void> {
    const headers: IHeaders = {
      ...message.headers,
      'dlq-error-code': code,
      'dlq-error-message': reason.slice(0, 2000),
      'dlq-original-topic': topic,
      'dlq-original-partition': String(partition),
      'dlq-original-offset': message.offset,
      'dlq-consumer-group': this.options.groupId,
      'dlq-attempts': String(attempts),
      'dlq-failed-at': new Date().toISOString(),
    };
    await this.options.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.logger.error(
      `${this.options.groupId}: dead-lettered ${topic}[${partition}]@${message.offset}: ${code}: ${reason}`,
    );
    this.options.onDeadLetter?.(code);
  }
}
