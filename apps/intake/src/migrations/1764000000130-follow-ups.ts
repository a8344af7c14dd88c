import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * follow_ups: closed hotline cases waiting for the operator to call the citizen back (回访). The
 * caller's contact stays in reporter_contacts and is joined in for the operator only.
 */
export class FollowUps1764000000130 implements MigrationInterface {
  name = 'FollowUps1764000000130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE follow_ups (
        case_id uuid PRIMARY KEY,
        report_id uuid NOT NULL,
        category_code text NOT NULL,
        description text NOT NULL,
        closed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE follow_ups');
  }
}
