import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A check carries what the department reported (its notes and photos): what the patroller verifies. */
export class ChecksDisposalReport1764000000520 implements MigrationInterface {
  name = 'ChecksDisposalReport1764000000520';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE checks ADD COLUMN department_id text, ADD COLUMN disposal_notes text,
                   ADD COLUMN evidence_ids uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE checks DROP COLUMN department_id, DROP COLUMN disposal_notes, DROP COLUMN evidence_ids',
    );
  }
}
