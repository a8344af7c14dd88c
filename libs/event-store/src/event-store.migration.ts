import type { MigrationInterface, QueryRunner } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/**
 * The event store's tables, in the schema of the service that owns them.
 *
 * - streams: one row per stream holding its current version. An append updates the row
 *   `WHERE version = expected`; the row lock makes racing writers queue, and the loser finds the
 *   version moved and gets a typed conflict. The unique (stream_id, stream_version) on events is
 *   a second guard that keeps versions contiguous even if that path were bypassed.
 * - events: the log and, at the same time, the outbox the relay publishes from.
 *   `transaction_id xid8 DEFAULT pg_current_xact_id()` is the heart of the global order: a
 *   sequence value alone is not safe, because a transaction that drew position 10 can commit after
 *   one that drew 11, and a reader that already moved past 11 would skip 10 forever. Readers take
 *   only rows whose transaction is older than every transaction still running
 *   (pg_snapshot_xmin(pg_current_snapshot())) and order by (transaction_id, position), so nothing
 *   can still appear behind them.
 * - event_id is unique: appending an event that is stored already stores nothing twice.
 * - relay_checkpoints: how far the outbox relay has published, updated after Kafka acknowledged.
 */
export function eventStoreMigration(schema: string): MigrationClass {
  const s = `"${schema}"`;
  return class EventStore1764000000000 implements MigrationInterface {
    name = 'EventStore1764000000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE ${s}.streams (
          stream_id text PRIMARY KEY,
          version integer NOT NULL CHECK (version > 0)
        )`);
      await q.query(`
        CREATE TABLE ${s}.events (
          position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
          event_id uuid NOT NULL,
          stream_id text NOT NULL,
          stream_version integer NOT NULL CHECK (stream_version > 0),
          case_id uuid, -- null only for events about no case (a patrol pass)
          type text NOT NULL,
          schema_version integer NOT NULL,
          occurred_at timestamptz NOT NULL,
          recorded_at timestamptz NOT NULL DEFAULT now(),
          correlation_id text NOT NULL,
          causation_id text,
          actor jsonb NOT NULL,
          payload jsonb NOT NULL,
          CONSTRAINT events_event_id_unique UNIQUE (event_id),
          CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
        )`);
      // The relay's read path: (transaction_id, position) > checkpoint, in that order.
      await q.query(`CREATE INDEX events_global_order ON ${s}.events (transaction_id, position)`);
      await q.query(`CREATE INDEX events_case ON ${s}.events (case_id)`);
      await q.query(`
        CREATE TABLE ${s}.relay_checkpoints (
          relay text PRIMARY KEY,
          transaction_id xid8 NOT NULL,
          position bigint NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.relay_checkpoints`);
      await q.query(`DROP TABLE ${s}.events`);
      await q.query(`DROP TABLE ${s}.streams`);
    }
  };
}
