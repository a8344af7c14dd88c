import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * order_timers: timers are data. Each dispatched order gets a reminder at 80 % of its time limit
 * and an escalation (督办) at its deadline, as rows. A watcher claims due rows with
 * FOR UPDATE SKIP LOCKED (several dispatch instances never fire one twice), raises the event at
 * the threshold's own instant, and marks the row fired. claimed_until lets another instance take
 * over a claim whose holder died. Extensions move unfired rows; a reported disposal cancels them,
 * rework resumes them.
 */
export class OrderTimers1764000000320 implements MigrationInterface {
  name = 'OrderTimers1764000000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE order_timers (
        order_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        case_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        -- the order's start and kind of time, to move the reminder when an extension moves the deadline
        started_at timestamptz NOT NULL,
        time_unit text NOT NULL,
        deadline_at timestamptz NOT NULL,
        claimed_until timestamptz,
        fired_at timestamptz,
        cancelled_at timestamptz,
        PRIMARY KEY (order_id, kind)
      )`);
    await q.query(
      'CREATE INDEX order_timers_due ON order_timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE order_timers');
  }
}
