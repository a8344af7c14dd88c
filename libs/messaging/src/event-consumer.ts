import {
  ContractViolation,
  deadLetterTopic,
  parseEnvelope,
  type CaseEnvelope,
  type EventEnvelope,
} from '@cityloop/contracts';
import { isDatabaseUnavailable } from '@cityloop/event-store';
import { Logger } from '@nestjs/common';
import type {
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  IHeaders,
  Kafka,
  Producer,
  TopicPartitionOffset,
} from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { correlationContext } from './correlation-context';
import { faultPoint } from './fault-point';
import { OffsetCommits } from './offset-commits';

/**
 * Applies one event's effects inside the consumer's transaction. Throw to retry. Handlers are
 * registered for events about a case, whose caseId parseEnvelope guarantees.
 */
export type EventHandler = (event: CaseEnvelope, manager: EntityManager) => Promise<void>;

/**
 * Applies many events' effects at once, inside the consumer's transaction, to the same end as
 * their handlers one by one. Only for read models: it never appends to an event store (an append
 * must be its transaction's first write).
 */
export type BatchHandler = (events: CaseEnvelope[], manager: EntityManager) => Promise<void>;

/** A batch handler of a read model whose handlers take one event: each in turn, in one transaction. */
export const eachInTurn =
  (handlers: Record<string, EventHandler>): BatchHandler =>
  async (events, manager) => {
    for (const event of events) await handlers[event.type](event, manager);
  };

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
  /**
   * When given, what Kafka delivers together is applied in one transaction (a backlog drains in
   * a few statements per batch, not per event); a batch that fails is applied event by event by
   * `handlers`, with their retries and dead letters.
   */
  batchHandler?: BatchHandler;
  /**
   * How much a fetch waits to gather (Kafka's fetch.min.bytes and fetch.max.wait.ms): for a read
   * model nobody waits on, fewer and larger batches. By default a fetch returns what has arrived.
   */
  gather?: { minBytes: number; maxWaitTimeInMs: number };
  maxAttempts?: number;
  initialBackoffMs?: number;
  partitionsConsumedConcurrently?: number;
  /** How often offsets are committed while consuming (OffsetCommits; a second by default). */
  offsetCommitIntervalMs?: number;
  /** Called after an event's transaction committed (e.g. to push a live frame). */
  afterCommit?: (event: EventEnvelope) => void;
  onDeadLetter?: (reason: string) => void;
  /** Called when a redelivered event was found applied already and changed nothing. */
  onDuplicate?: (event: EventEnvelope) => void;
}

type Outcome = 'applied' | 'duplicate';

/** While the database is unavailable, an event is tried again every 250 ms, 500 ms... up to 3 s (below the session timeout). */
const UNAVAILABLE_BACKOFF_MS = 250;
const MAX_UNAVAILABLE_BACKOFF_MS = 3_000;

/** How long a stopping consumer waits for its last offset commit. */
const STOP_COMMIT_WAIT_MS = 5_000;

/** The most events one transaction of a batch consumer applies. */
const MAX_BATCH = 500;

class AppliedMeanwhile extends Error {
  constructor() {
    super('another instance consumed some of these events meanwhile');
  }
}

/** The offsets of `offsets` in the shape a batch's commit takes. */
const byTopic = (offsets: TopicPartitionOffset[]) => ({
  topics: [...new Set(offsets.map((o) => o.topic))].map((topic) => ({
    topic,
    partitions: offsets
      .filter((o) => o.topic === topic)
      .map(({ partition, offset }) => ({ partition, offset })),
  })),
});

/**
 * Effectively-once consumption: each event's effects and its consumed_events row commit in one
 * Postgres transaction (one event: the row written last, after the effects; a batch of a read
 * model: the rows first, see applyBatchOnce), and Kafka's offset is committed
 * after it (a second apart, and when the consumer stops: OffsetCommits). A crash anywhere leads to a
 * redelivery, and a redelivery changes nothing. A record that can never be processed (bad JSON,
 * unknown type, payload off its schema) goes straight to the dead-letter topic: retrying a
 * deterministic failure only delays the partition. A handler failure is retried with exponential
 * backoff, then dead-lettered with the error in headers; either way the partition moves on. A
 * database that cannot be reached is no handler failure: the event waits for it, spending no attempt.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private consumer: Consumer | null = null;
  private readonly offsets: OffsetCommits;
  private commitTimer: NodeJS.Timeout | null = null;
  /** Set as stop() begins: every batch that ends from then on commits what it applied. */
  private stopping = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.offsets = new OffsetCommits(options.offsetCommitIntervalMs);
  }

  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      // A restarted instance (or one restarted after a broker outage, with a new member id) waits
      // for the old member's session to lapse before the group settles: the broker's least, 6 s,
      // not kafkajs' default 30 s. Every wait in handle() is shorter and followed by a heartbeat.
      sessionTimeout: 6_000,
      heartbeatInterval: 2_000,
      rebalanceTimeout: 20_000,
      allowAutoTopicCreation: false,
      ...this.options.gather,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    this.stopping = false;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.offsets.retain(payload.memberAssignment));
    await consumer.run({
      // Offsets are committed by this.offsets, not after every batch (see OffsetCommits).
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) =>
        this.options.batchHandler ? this.handleBatch(payload) : this.handleEach(payload),
    });
    // What the last batches applied is committed even when no batch follows them.
    this.commitTimer = setInterval(() => {
      if (this.offsets.due) void this.commitOffsets(false);
    }, 250);
    this.commitTimer.unref();
  }

  /** Finishes the messages in flight, commits their offsets and leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.commitTimer) clearInterval(this.commitTimer);
    this.commitTimer = null;
    // What is applied so far; a batch still in flight commits its own as it ends (commitIfDue).
    // Not waited for beyond a few seconds: with the broker away, the client retries for longer.
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([
      this.commitOffsets(true),
      new Promise((resolve) => (waited = setTimeout(resolve, STOP_COMMIT_WAIT_MS))),
    ]);
    clearTimeout(waited);
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  /** Commits the pending offsets through the running consumer (see commitPending). */
  private async commitOffsets(all: boolean): Promise<void> {
    const consumer = this.consumer;
    if (consumer) await this.commitPending((offsets) => consumer.commitOffsets(offsets), all);
  }

  /**
   * At a batch's end: the pending offsets committed when an interval has passed, or when the
   * consumer is stopping (the batch's own commit still works then; the consumer's does not).
   */
  private async commitIfDue({ isRunning, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const stopping = this.stopping || !isRunning();
    if (!this.offsets.due && !stopping) return;
    await this.commitPending((offsets) => commitOffsetsIfNecessary(byTopic(offsets)), stopping);
  }

  /**
   * The pending offsets committed with `commit`; a failure leaves them pending. `all`: after a
   * commit in flight ends (stopping); else nothing while one is in flight.
   */
  private async commitPending(
    commit: (offsets: TopicPartitionOffset[]) => Promise<void>,
    all: boolean,
  ): Promise<void> {
    try {
      await (all ? this.offsets.flushAll(commit) : this.offsets.flush(commit));
    } catch (error) {
      // A rebalance or a broker away: the next commit (or the partition's next owner) catches up.
      this.logger.debug(`${this.options.groupId}: offsets not committed: ${(error as Error).message}`);
    }
  }

  /** A delivered batch, one event at a time, in order; the partition's offset moves after each. */
  private async handleEach(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.handle({ topic, partition, message, heartbeat, pause: payload.pause });
      resolveOffset(message.offset);
      this.offsets.applied(topic, partition, message.offset);
      await heartbeat();
    }
    await this.commitIfDue(payload);
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

  /**
   * A delivered batch, in order, in runs of up to MAX_BATCH events applied in one transaction; a
   * record that breaks the contract is dead-lettered where it stands. Offsets move as runs commit.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    let run: { message: EachMessagePayload['message']; event: EventEnvelope }[] = [];
    const resolve = (offset: string) => {
      resolveOffset(offset);
      this.offsets.applied(topic, partition, offset);
    };
    const applyRun = async () => {
      if (run.length > 0) await this.applyRun(run, topic, partition, heartbeat);
      for (const { message } of run) resolve(message.offset);
      run = [];
      await heartbeat();
    };
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      try {
        run.push({ message, event: parseEnvelope(message.value) });
      } catch (error) {
        if (!(error instanceof ContractViolation)) throw error;
        await applyRun();
        await this.deadLetter({ topic, partition, message }, error.code, error.message, 0);
        resolve(message.offset);
        continue;
      }
      if (run.length >= MAX_BATCH) await applyRun();
    }
    await applyRun();
    await this.commitIfDue(payload);
  }

  /** One transaction for the run's events; if it fails, each event on its own, with retries. */
  private async applyRun(
    run: { message: EachMessagePayload['message']; event: EventEnvelope }[],
    topic: string,
    partition: number,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const handled = run.filter(({ event }) => this.options.handlers[event.type]);
    if (handled.length === 0) return;
    let applied: EventEnvelope[];
    try {
      applied = await this.applyBatchOnce(
        handled.map(({ event, message }) => ({ event, offset: message.offset })),
        topic,
        partition,
      );
    } catch (error) {
      this.logger.warn(
        `${this.options.groupId}: a batch of ${handled.length} failed, applying its events one by one: ${(error as Error).message}`,
      );
      for (const { event, message } of handled) {
        await correlationContext.run({ correlationId: event.correlationId }, () =>
          this.applyWithRetries(
            event,
            this.options.handlers[event.type],
            topic,
            partition,
            message,
            heartbeat,
          ),
        );
      }
      return;
    }
    const fresh = new Set(applied.map((e) => e.eventId));
    for (const { event } of handled) {
      // Its first delivery in the run was applied; any other is a duplicate.
      if (fresh.delete(event.eventId)) {
        faultPoint('consumer.after-commit');
        this.options.afterCommit?.(event);
      } else this.options.onDuplicate?.(event);
    }
  }

  /**
   * The events not consumed before, recorded and applied in one transaction; returns them. The
   * inbox rows are written first, in one statement that also says which events are new: a batch
   * handler never appends to an event store, so its transaction's first write may be the inbox's.
   * An instance applying the same events at once (a rebalance) waits on their rows and then finds
   * them taken; both claim in offset order, so they cannot deadlock on the inbox (a deadlock with
   * a handler's own locks is detected by Postgres, and the run is applied event by event).
   */
  private async applyBatchOnce(
    delivered: { event: EventEnvelope; offset: string }[],
    topic: string,
    partition: number,
  ): Promise<EventEnvelope[]> {
    // One delivery of each event: a record redelivered within the batch counts once. Ids are
    // compared as Postgres returns them, in lower case (an envelope may spell one in upper case).
    const idOf = (d: { event: EventEnvelope }) => d.event.eventId.toLowerCase();
    const once = [...new Map(delivered.map((d) => [idOf(d), d])).values()];
    return this.options.dataSource.transaction(async (manager) => {
      const claimed: { event_id: string }[] = await manager.query(
        `INSERT INTO "${this.options.schema}".consumed_events (consumer, event_id, topic, partition, "offset")
         SELECT $1, id, $3, $4, "offset" FROM unnest($2::uuid[], $5::bigint[]) AS t(id, "offset")
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, once.map(idOf), topic, partition, once.map((d) => d.offset)],
      );
      const fresh = new Set(claimed.map((r) => r.event_id));
      const events = once.filter((d) => fresh.has(idOf(d))).map((d) => d.event);
      if (events.length > 0) await this.options.batchHandler!(events as CaseEnvelope[], manager);
      return events;
    });
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
