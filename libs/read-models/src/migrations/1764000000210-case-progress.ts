import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The steps after the report: where the case was placed, when it was filed, its current order.
 * status becomes the status after the case's latest step in business time (recomputed from the
 * timeline on every event), so it is right whatever order the services' events arrive in.
 */
export class CaseProgress1764000000210 implements MigrationInterface {
  name = 'CaseProgress1764000000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN community_id text,
        ADD COLUMN filed_at timestamptz,
        ADD COLUMN order_id uuid,
        ADD COLUMN dispatched_at timestamptz,
        ADD COLUMN closed_at timestamptz`);
    await q.query('CREATE INDEX cases_street ON cases (street_id)');
    await q.query('CREATE INDEX cases_department ON cases (department_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cases_department');
    await q.query('DROP INDEX cases_street');
    await q.query(
      'ALTER TABLE cases DROP COLUMN community_id, DROP COLUMN filed_at, DROP COLUMN order_id, DROP COLUMN dispatched_at',
    );
  }
}
