import type { MigrationInterface, QueryRunner } from 'typeorm';

/** GET /verifications?caseId= finds a case's checks by index, not by scanning them all. */
export class ChecksByCase1764000000510 implements MigrationInterface {
  name = 'ChecksByCase1764000000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX checks_case ON checks (case_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX checks_case');
  }
}
