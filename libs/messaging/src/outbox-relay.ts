import {
  START_OF_STORE,
  type EventStore,
  type GlobalPosition,
  type StoredEvent,
} from '@cityloop/event-store';
import { Logger } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { Client } from 'pg';
import { faultPoint } from './fault-point';
import { WakeSignal } from './wake-signal';

export interface OutboxRelayOptions {
  store: EventStore;
  producer: Producer;
  topic: string;
  /** A dedicated connection (not from the pool): it holds the advisory lock and LISTENs. */
  databaseUrl: string;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (a lost notification, a restarted Postgres). */
  pollIntervalMs?: number;
  /** How often a standby instance tries to take over the lock. */
  standbyRetryMs?: number;
  onPublished?: (count: number) => void;
}

/** How soon to look again for events held back behind a running transaction. */
const HELD_BACK_RETRY_MS = 50;

/**
 * Publishes a service's event table to its Kafka topic, in the store's global order, keyed by
 * case id, at least once: the checkpoint moves only after Kafka acknowledged (acks=all), so a crash
 * between the two publishes again what was not checkpointed, and consumers drop the repeats by
 * event id. One relay per service is active at a time: it holds a session advisory lock on its own
 * connection; other instances wait on standby and take over when that connection dies.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly signal = new WakeSignal();
  private readonly name: string;
  private readonly checkpoints: string;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private client: Client | null = null;
  active = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.name = `${options.store.schema}->${options.topic}`;
    this.checkpoints = `"${options.store.schema}".relay_checkpoints`;
  }

  private stopListening: () => void = () => undefined;

  start(): void {
    this.stopping = false;
    // An append committed in this process wakes the relay at once (and, this relay being the
    // active one, the store sends no NOTIFY); other processes' appends wake it by NOTIFY.
    this.stopListening = this.options.store.onAppendCommitted(() => {
      if (!this.active) return false;
      this.signal.wake();
      return true;
    });
    this.loop = this.run();
  }

  /** Finishes the batch in flight, releases the lock and the connection. */
  async stop(): Promise<void> {
    this.stopListening();
    this.stopping = true;
    this.signal.wake();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (!this.stopping) {
      try {
        await this.session();
        backoff = 200;
      } catch (error) {
        this.active = false;
        this.logger.error(
          `relay ${this.name} failed, retrying in ${backoff} ms: ${(error as Error).message}`,
        );
        await this.signal.wait(backoff);
        backoff = Math.min(backoff * 2, 5000);
      } finally {
        await this.closeClient();
      }
    }
  }

  /** One connection's life: take the lock (or wait on standby), then publish until stopped. */
  private async session(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: `relay:${this.name}`,
    });
    this.client = client;
    // Set from the client's error event; checked at each turn of the loops below.
    const connection: { lost?: Error } = {};
    client.on('error', (error) => {
      connection.lost = error;
      this.signal.wake();
    });
    client.on('notification', () => this.signal.wake());
    await client.connect();

    const lockKey = `cityloop.relay.${this.name}`;
    while (!this.stopping) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [lockKey],
      );
      if (rows[0].locked) break;
      await this.signal.wait(this.options.standbyRetryMs ?? 2000);
      if (connection.lost) throw connection.lost;
    }
    if (this.stopping) return;

    await client.query(`LISTEN "${this.options.store.notifyChannel}"`);
    this.active = true;
    this.logger.log(`relay ${this.name} active`);
    let checkpoint = await this.loadCheckpoint(client);
    while (!this.stopping) {
      if (connection.lost) throw connection.lost;
      const batchSize = this.options.batchSize ?? 500;
      const batch = await this.options.store.readAll(checkpoint, batchSize);
      if (batch.length > 0) {
        await this.publish(batch);
        faultPoint('relay.after-publish');
        checkpoint = batch[batch.length - 1].position;
        await this.saveCheckpoint(client, checkpoint);
        this.options.onPublished?.(batch.length);
        // A full batch: more is readable at once. A partial one read all there was; appends
        // committed since have woken the signal, and the wait below returns at once.
        if (batch.length === batchSize) continue;
      }
      // Nothing more readable: an event may still be held back behind a transaction running
      // elsewhere (readAll reads only below every running transaction); look again soon rather
      // than at the next poll, which may be long after its NOTIFY came.
      const heldBack = await this.options.store.hasHeldBackAfter(checkpoint);
      await this.signal.wait(heldBack ? HELD_BACK_RETRY_MS : (this.options.pollIntervalMs ?? 1000));
    }
    this.active = false;
  }

  private async publish(batch: StoredEvent[]): Promise<void> {
    await this.options.producer.send({
      topic: this.options.topic,
      acks: -1,
      messages: batch.map(({ envelope }) => ({
        // Keyed by case: one case's events stay in order. Events about no case go by their stream.
        key: envelope.caseId ?? envelope.streamId,
        value: JSON.stringify(envelope),
        headers: {
          'event-id': envelope.eventId,
          'event-type': envelope.type,
          'schema-version': String(envelope.schemaVersion),
          'correlation-id': envelope.correlationId,
        },
      })),
    });
  }

  private async loadCheckpoint(client: Client): Promise<GlobalPosition> {
    const { rows } = await client.query<GlobalPosition>(
      `SELECT transaction_id::text AS "transactionId", position::text AS position FROM ${this.checkpoints} WHERE relay = $1`,
      [this.options.topic],
    );
    return rows[0] ?? START_OF_STORE;
  }

  private async saveCheckpoint(client: Client, at: GlobalPosition): Promise<void> {
    await client.query(
      `INSERT INTO ${this.checkpoints} (relay, transaction_id, position, updated_at)
       VALUES ($1, $2::xid8, $3::bigint, now())
       ON CONFLICT (relay) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         position = EXCLUDED.position, updated_at = now()`,
      [this.options.topic, at.transactionId, at.position],
    );
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.active = false;
    if (!client) return;
    // Ending the session releases the advisory lock and the LISTEN.
    await client.end().catch(() => undefined);
  }
}
