import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * filed_cases: what dispatch knows of each filed case from intake's events (category, street,
 * urgency, when filed), so that a dispatcher can dispatch manually and an automatic dispatch can
 * be planned. Written by the consumer in the same transaction as its consumed-event record.
 */
export class FiledCases1764000000300 implements MigrationInterface {
  name = 'FiledCases1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE filed_cases (
        case_id uuid PRIMARY KEY,
        category_code text NOT NULL,
        street_id text NOT NULL,
        grid_cell_code text NOT NULL,
        urgency text NOT NULL,
        filed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE filed_cases');
  }
}
