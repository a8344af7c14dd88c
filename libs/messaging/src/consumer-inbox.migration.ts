import type { MigrationClass } from '@cityloop/event-store';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * consumed_events: the record, per consumer, of each event it has applied. It is written in the
 * same transaction as the consumer's effects, so "applied" and "recorded as applied" cannot part:
 * a redelivered event finds its row and changes nothing. The Kafka offset is committed only after
 * that transaction, and is just a bookmark. The offset columns are for people tracing an event.
 */
export function consumerInboxMigration(schema: string): MigrationClass {
  const s = `"${schema}"`;
  return class ConsumerInbox1764000000001 implements MigrationInterface {
    name = 'ConsumerInbox1764000000001';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE ${s}.consumed_events (
          consumer text NOT NULL,
          event_id uuid NOT NULL,
          topic text NOT NULL,
          partition integer NOT NULL,
          "offset" bigint NOT NULL,
          consumed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer, event_id)
        )`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.consumed_events`);
    }
  };
}
