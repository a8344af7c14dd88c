import type { EventEnvelope, NewEvent, PublishingService } from '@cityloop/contracts';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  AppendNotFirstWriteError,
  EventIdReusedError,
  ExpectedVersionConflictError,
} from './event-store.errors';
import { afterCommit } from './after-commit';
import type { GlobalPosition } from './global-position';
import { rows, runnerOf } from './sql';

export type ExpectedVersion = number | 'any';

/** Told of each committed append in this process; returns true if it is the store's active relay. */
export type AppendListener = () => boolean | void;

export interface AppendResult {
  /** The stream's version after this append: what the next writer must expect. */
  nextExpectedVersion: number;
  events: EventEnvelope[];
  /** True when every event id was stored already: nothing was written, the stored events are returned. */
  duplicate: boolean;
}

export interface StoredEvent {
  position: GlobalPosition;
  envelope: EventEnvelope;
}

interface EventRow {
  transaction_id: string;
  position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  case_id: string | null;
  type: string;
  schema_version: number;
  occurred_at: Date;
  recorded_at: Date;
  correlation_id: string;
  causation_id: string | null;
  actor: EventEnvelope['actor'];
  payload: unknown;
}

/** An event to insert at its place in a stream; its envelope once stored. */
interface Placed {
  streamId: string;
  version: number;
  event: NewEvent;
  envelope?: EventEnvelope;
}

const COLUMNS = `transaction_id::text, position::text, event_id, stream_id, stream_version, case_id, type,
  schema_version, occurred_at, recorded_at, correlation_id, causation_id, actor, payload`;

const UNIQUE_VIOLATION = '23505';

/** The least time between two cross-process notifications of one store. */
const NOTIFY_SPACING_MS = 10;

/**
 * A service's event store: streams with expected versions, idempotent appends by event id, and a
 * gap-safe global order for the outbox relay (see eventStoreMigration for the tables and why).
 */
export class EventStore {
  private readonly table: string;
  private readonly streams: string;
  readonly notifyChannel: string;
  private readonly appendListeners = new Set<AppendListener>();
  private notifying = false;
  private notifyAgain = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly schema: string,
    readonly source: PublishingService,
  ) {
    this.table = `"${schema}".events`;
    this.streams = `"${schema}".streams`;
    this.notifyChannel = `${schema}_events`;
  }

  /**
   * Appends events to one stream if it is at `expectedVersion` (0: the stream must not exist yet).
   *
   * Pass `manager` to append inside a transaction of your own (to write a side table in the same
   * commit); the append must then be its first write. The global order is by transaction id, which
   * Postgres assigns at a transaction's first write: appending first means a transaction that
   * waited for a racing writer of the same stream gets a later id than that writer, so the relay
   * can never publish version n+1 of a stream before version n.
   */
  async append(
    streamId: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
    manager?: EntityManager,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (manager) return this.appendWith(runnerOf(manager), streamId, events, expectedVersion);
    return this.dataSource.transaction((m) =>
      this.appendWith(runnerOf(m), streamId, events, expectedVersion),
    );
  }

  /**
   * Opens several new streams (each must not exist yet) in the caller's transaction, in one
   * statement after the same first-write check as append: a group commit's appends. All or none:
   * if any stream exists already, or any event id is stored already, nothing is written and the
   * error says which (the caller then appends each alone, where a repeat is told apart).
   */
  async appendNew(
    streams: readonly { streamId: string; events: NewEvent[] }[],
    manager: EntityManager,
  ): Promise<AppendResult[]> {
    const runner = runnerOf(manager);
    const stored = await this.storedBeforeFirstWrite(
      runner,
      streams.flatMap((s) => s.events.map((e) => e.eventId)),
    );
    if (stored.length > 0) throw new EventIdReusedError(stored.map((r) => r.event_id));
    const placed = streams.flatMap(({ streamId, events }) =>
      events.map((event, i): Placed => ({ streamId, version: i + 1, event })),
    );
    const claimed = await this.insertClaimed(
      runner,
      `INSERT INTO ${this.streams} (stream_id, version)
         SELECT * FROM unnest($12::text[], $13::int[]) ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id`,
      [streams.map((s) => s.streamId), streams.map((s) => s.events.length)],
      placed,
      '(SELECT count(*) FROM claimed) = cardinality($12::text[])',
    );
    // Which stream exists is not told apart here: the caller's own transaction rolls back.
    if (!claimed) throw new ExpectedVersionConflictError(streams.map((s) => s.streamId).join(', '), 0, -1);
    let at = 0;
    return streams.map(({ events }) => {
      const envelopes = placed.slice(at, (at += events.length)).map((p) => p.envelope!);
      return { nextExpectedVersion: events.length, events: envelopes, duplicate: false };
    });
  }

  private async appendWith(
    runner: QueryRunner,
    streamId: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    const ids = events.map((e) => e.eventId);
    const stored = await this.storedBeforeFirstWrite(runner, ids);
    if (stored.length === ids.length) {
      const envelopes = stored.map((r) => this.toEnvelope(r));
      return {
        nextExpectedVersion: Math.max(...envelopes.map((e) => e.streamVersion)),
        events: envelopes,
        duplicate: true,
      };
    }
    if (stored.length > 0) throw new EventIdReusedError(stored.map((r) => r.event_id));

    const current = expectedVersion === 'any' ? await this.version(runner, streamId) : expectedVersion;
    const next = current + events.length;
    // The stream moves from `current` to `next` (the transaction's first write), and the events
    // go in only if it did.
    const placed = events.map((event, i): Placed => ({ streamId, version: current + i + 1, event }));
    const claimed = await this.insertClaimed(
      runner,
      current === 0
        ? `INSERT INTO ${this.streams} (stream_id, version) VALUES ($12, $13)
             ON CONFLICT (stream_id) DO NOTHING RETURNING version`
        : `UPDATE ${this.streams} SET version = $13 WHERE stream_id = $12 AND version = $14 RETURNING version`,
      [streamId, next, ...(current === 0 ? [] : [current])],
      placed,
      'EXISTS (SELECT 1 FROM claimed)',
    );
    if (!claimed) {
      throw new ExpectedVersionConflictError(streamId, expectedVersion, await this.version(runner, streamId));
    }
    return { nextExpectedVersion: next, events: placed.map((p) => p.envelope!), duplicate: false };
  }

  /**
   * One round trip: whether this transaction wrote already (the append must be its first write),
   * and which of the ids are stored, in stream order.
   */
  private async storedBeforeFirstWrite(runner: QueryRunner, ids: string[]): Promise<EventRow[]> {
    const found = await rows<EventRow & { first_write_xid: string | null }>(
      runner,
      `SELECT pg_current_xact_id_if_assigned()::text AS first_write_xid, e.*
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT ${COLUMNS} FROM ${this.table} WHERE event_id = ANY($1::uuid[])) AS e ON true
        ORDER BY e.stream_version`,
      [ids],
    );
    if (found[0].first_write_xid !== null) throw new AppendNotFirstWriteError();
    return found.filter((r) => r.event_id !== null);
  }

  /**
   * One round trip: the streams claimed (`claim`, parameters from $12, `claimedAll` true when every
   * claim took), and the events inserted only if they all did. Sets each placed event's envelope;
   * false (nothing inserted) when a claim did not take.
   */
  private async insertClaimed(
    runner: QueryRunner,
    claim: string,
    claimParams: unknown[],
    placed: Placed[],
    claimedAll: string,
  ): Promise<boolean> {
    const events = placed.map((p) => p.event);
    let inserted: { event_id: string; recorded_at: Date }[];
    try {
      inserted = await rows(
        runner,
        `WITH claimed AS (${claim})
         INSERT INTO ${this.table} (event_id, stream_id, stream_version, case_id, type, schema_version,
           occurred_at, correlation_id, causation_id, actor, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::int[],
           $7::timestamptz[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[])
          WHERE ${claimedAll}
         RETURNING event_id, recorded_at`,
        [
          events.map((e) => e.eventId),
          placed.map((p) => p.streamId),
          placed.map((p) => p.version),
          events.map((e) => e.caseId),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => e.occurredAt.toISOString()),
          events.map((e) => e.correlationId),
          events.map((e) => e.causationId ?? null),
          events.map((e) => JSON.stringify(e.actor)),
          events.map((e) => JSON.stringify(e.payload)),
          ...claimParams,
        ],
      );
    } catch (error) {
      // The same event id racing in through another stream: the caller retries and gets the duplicate.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ExpectedVersionConflictError(placed[0].streamId, placed[0].version - 1, -1);
      }
      throw error;
    }
    if (inserted.length === 0) return false;
    // Not a NOTIFY here: it would hold Postgres's notification lock until this commit is flushed,
    // and appends would commit one at a time. The relay hears of it after the commit instead.
    afterCommit(runner, this.announce);
    const recordedAt = new Map(inserted.map((r) => [r.event_id, r.recorded_at.toISOString()]));
    for (const p of placed) {
      p.envelope = {
        eventId: p.event.eventId,
        type: p.event.type,
        schemaVersion: p.event.schemaVersion,
        caseId: p.event.caseId,
        streamId: p.streamId,
        streamVersion: p.version,
        occurredAt: p.event.occurredAt.toISOString(),
        recordedAt: recordedAt.get(p.event.eventId)!,
        correlationId: p.event.correlationId,
        causationId: p.event.causationId ?? null,
        actor: p.event.actor,
        source: this.source,
        payload: p.event.payload,
      };
    }
    return true;
  }

  /**
   * Calls `listener` each time a transaction that appended to this store has committed in this
   * process (the relay beside it wakes at once). Returns the way to stop listening.
   */
  onAppendCommitted(listener: AppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /**
   * After an append's commit: the listeners here, and a NOTIFY for a relay in another process,
   * unless the store's active relay is here (one is active at a time: no other process needs it).
   */
  private readonly announce = (): void => {
    let publishedHere = false;
    for (const listener of this.appendListeners) if (listener() === true) publishedHere = true;
    if (!publishedHere) this.notifyOtherProcesses();
  };

  /**
   * pg_notify on its own, outside every append's transaction, at most once per NOTIFY_SPACING_MS:
   * a burst of appends is one notification. A lost one costs at most the relay's poll interval.
   */
  private notifyOtherProcesses(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    void (async () => {
      do {
        this.notifyAgain = false;
        await this.dataSource.query(`SELECT pg_notify($1, '')`, [this.notifyChannel]).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, NOTIFY_SPACING_MS));
      } while (this.notifyAgain && this.dataSource.isInitialized);
      this.notifying = false;
    })();
  }

  private async version(runner: QueryRunner, streamId: string): Promise<number> {
    const found = await rows<{ version: number }>(
      runner,
      `SELECT version FROM ${this.streams} WHERE stream_id = $1`,
      [streamId],
    );
    return found[0]?.version ?? 0;
  }

  /** One stream's events in version order (for rebuilding an aggregate's state). */
  async readStream(streamId: string, manager?: EntityManager): Promise<EventEnvelope[]> {
    const query = (runner: QueryRunner) =>
      rows<EventRow>(
        runner,
        `SELECT ${COLUMNS} FROM ${this.table} WHERE stream_id = $1 ORDER BY stream_version`,
        [streamId],
      );
    const found = manager ? await query(runnerOf(manager)) : await this.withRunner(query);
    return found.map((r) => this.toEnvelope(r));
  }

  /**
   * Events after `after` in the global order, only from transactions older than every transaction
   * still running: an event that commits late can never appear behind a reader (see the migration).
   */
  async readAll(after: GlobalPosition, limit: number): Promise<StoredEvent[]> {
    const found = await this.withRunner((runner) =>
      rows<EventRow>(
        runner,
        // Ordered by the table's columns, e.*: a bare name would be the output column, the text
        // of the cast, and '10' < '9' would page past events (found by the rebuild benchmark).
        `SELECT ${COLUMNS} FROM ${this.table} e
          WHERE (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
            AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY e.transaction_id, e.position
          LIMIT $3`,
        [after.transactionId, after.position, limit],
      ),
    );
    return found.map((r) => ({
      position: { transactionId: r.transaction_id, position: r.position },
      envelope: this.toEnvelope(r),
    }));
  }

  /**
   * Whether events after `after` are committed or being written but not readable yet: held back
   * behind a transaction still running (anywhere on the server) that readAll must wait for.
   */
  async hasHeldBackAfter(after: GlobalPosition): Promise<boolean> {
    const [{ held }] = await this.withRunner((runner) =>
      rows<{ held: boolean }>(runner, heldBackAfterSql(this.table), [after.transactionId, after.position]),
    );
    return held;
  }

  /** How many events the store holds (for a replay's progress). */
  async count(): Promise<number> {
    const [{ count }] = await this.withRunner((runner) =>
      rows<{ count: number }>(runner, `SELECT count(*)::int AS count FROM ${this.table}`),
    );
    return count;
  }

  private async withRunner<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  }

  private toEnvelope(r: EventRow): EventEnvelope {
    return {
      eventId: r.event_id,
      type: r.type,
      schemaVersion: r.schema_version,
      caseId: r.case_id,
      streamId: r.stream_id,
      streamVersion: r.stream_version,
      occurredAt: r.occurred_at.toISOString(),
      recordedAt: r.recorded_at.toISOString(),
      correlationId: r.correlation_id,
      causationId: r.causation_id,
      actor: r.actor,
      source: this.source,
      payload: r.payload,
    };
  }
}

/**
 * Whether an event lies after ($1, $2) in the global order: the first one, through the index on
 * (transaction_id, position). Not EXISTS: the planner strips its ORDER BY and LIMIT, guesses that a
 * third of the table lies after any position, and scans the table from the start, which grew with
 * the store (25 ms at 36,000 events, asked every 50 ms by each relay while a writer is open).
 */
export const heldBackAfterSql = (table: string): string =>
  `SELECT count(*) > 0 AS held FROM (
     SELECT 1 FROM ${table} WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
      ORDER BY transaction_id, position LIMIT 1) AS next`;
