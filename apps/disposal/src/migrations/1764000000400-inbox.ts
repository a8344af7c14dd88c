import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * orders: the departments' inbox, one row per order, kept in the same transaction as the order's
 * events. Indexed for "my department's open orders by deadline", the query every department runs.
 */
export class Inbox1764000000400 implements MigrationInterface {
  name = 'Inbox1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        order_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        department_id text NOT NULL,
        status text NOT NULL,
        dispatched_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        time_limit_unit text NOT NULL,
        grid_cell_code text NOT NULL,
        category_code text NOT NULL,
        pending_extension boolean NOT NULL DEFAULT false,
        -- when the department's part ended (disposal reported, returned); the traffic light stops there
        clock_stopped_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX orders_department_deadline ON orders (department_id, deadline_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE orders');
  }
}
