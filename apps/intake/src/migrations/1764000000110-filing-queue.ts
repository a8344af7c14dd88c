import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * filing_queue: the duty chief's list of reported cases awaiting filing. Written in the same
 * transaction as the events that add and remove its rows, so it never disagrees with the store;
 * it holds no personal data (the caller's contact stays in reporter_contacts).
 */
export class FilingQueue1764000000110 implements MigrationInterface {
  name = 'FilingQueue1764000000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE filing_queue (
        case_id uuid PRIMARY KEY,
        source text NOT NULL,
        category_code text NOT NULL,
        urgency text NOT NULL,
        street_id text NOT NULL,
        grid_cell_code text NOT NULL,
        description text NOT NULL,
        reported_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX filing_queue_order ON filing_queue (reported_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE filing_queue');
  }
}
