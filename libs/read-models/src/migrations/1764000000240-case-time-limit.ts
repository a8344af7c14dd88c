import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current order's kind of time limit (working hours or days, or calendar hours), which decides
 * how its traffic light counts the share used. Filled by the fold from then on; a database with
 * data gets it for its open orders with `npm run projections:rebuild`.
 */
export class CaseTimeLimit1764000000240 implements MigrationInterface {
  name = 'CaseTimeLimit1764000000240';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cases ADD COLUMN time_limit_unit text');
    await q.query('CREATE INDEX cases_open ON cases (status) WHERE closed_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cases_open');
    await q.query('ALTER TABLE cases DROP COLUMN time_limit_unit');
  }
}
