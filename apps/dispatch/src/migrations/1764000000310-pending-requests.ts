import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatcher's queues: departments' returns (退单) and extension requests (延期申请) awaiting a
 * decision. Filled by the consumer of disposal's events and emptied by the decision, each in the
 * same transaction as its events.
 */
export class PendingRequests1764000000310 implements MigrationInterface {
  name = 'PendingRequests1764000000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_returns (
        order_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        department_id text NOT NULL,
        reason text NOT NULL,
        note text,
        returned_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE pending_extensions (
        request_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        case_id uuid NOT NULL,
        department_id text NOT NULL,
        hours integer NOT NULL,
        reason text NOT NULL,
        requested_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE pending_extensions');
    await q.query('DROP TABLE pending_returns');
  }
}
