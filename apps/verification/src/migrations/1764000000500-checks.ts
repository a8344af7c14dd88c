import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * checks: the on-site checks, one row per verification, kept in the same transaction as its
 * events. text_pattern_ops on the cell code serves the patroller's "cells under my prefix" query.
 */
export class Checks1764000000500 implements MigrationInterface {
  name = 'Checks1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checks (
        verification_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        order_id uuid NOT NULL,
        grid_cell_code text NOT NULL,
        status text NOT NULL,
        opened_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX checks_open_cells ON checks (grid_cell_code text_pattern_ops) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checks');
  }
}
