import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (docs/WEBHOOKS.md): a department's endpoints, one delivery per order event and
 * endpoint, and every attempt of it. They are settings and a work queue, not facts of the city:
 * plain tables beside the event store, never events (a URL is nobody else's business).
 *
 * - webhooks: deleted endpoints stay (deleted_at) as the record of who was told what; only the
 *   live ones are unique per department and URL. The signing secret is stored sealed
 *   (AES-256-GCM under WEBHOOK_SECRETS_KEY), never as it is.
 * - webhook_deliveries: the delivery id derives from (webhook, event), and (webhook_id, event_id)
 *   is unique, so an event consumed twice enqueues nothing twice. body is text, not jsonb: the
 *   bytes signed and sent must be the same in every attempt. A worker claims due rows with
 *   FOR UPDATE SKIP LOCKED and a lease (claimed_until) that another worker may take over once it
 *   has run out: a process that died mid-attempt loses nothing. `attempts` counts claims and is
 *   the fencing token of the claim's outcome. seq orders the log for paging.
 * - webhook_attempts: one row per attempt, written when claimed and completed with its outcome;
 *   a row left without an outcome is an attempt whose process stopped.
 */
export class Webhooks1764000000430 implements MigrationInterface {
  name = 'Webhooks1764000000430';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        webhook_id uuid PRIMARY KEY,
        department_id text NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        description text,
        secret_sealed text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by text
      )`);
    await q.query(
      'CREATE UNIQUE INDEX webhooks_live_url ON webhooks (department_id, url) WHERE deleted_at IS NULL',
    );
    await q.query(`
      CREATE TABLE webhook_deliveries (
        delivery_id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        webhook_id uuid NOT NULL REFERENCES webhooks (webhook_id),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        case_id uuid NOT NULL,
        order_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        body text NOT NULL,
        state text NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        claimed_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (webhook_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`,
    );
    await q.query('CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, seq)');
    await q.query(
      `CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE state <> 'pending'`,
    );
    await q.query(`
      CREATE TABLE webhook_attempts (
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (delivery_id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        status_code integer,
        duration_ms integer,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_attempts');
    await q.query('DROP TABLE webhook_deliveries');
    await q.query('DROP TABLE webhooks');
  }
}
