import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake's tables beside its event store.
 * - reporter_contacts: callers' names and phones. Personal data stays out of events (the event
 *   table is the outbox, and everything in it is published); the hotline follow-up reads it here.
 * - idempotency_keys: the first answer to a keyed POST, with a hash of the request so that the
 *   same key with another body is refused rather than silently answered with the old result.
 */
export class IntakeSideTables1764000000100 implements MigrationInterface {
  name = 'IntakeSideTables1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reporter_contacts (
        report_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        name text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX reporter_contacts_case ON reporter_contacts (case_id)');
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
    await q.query('DROP TABLE reporter_contacts');
  }
}
