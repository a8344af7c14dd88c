import type { MigrationClass } from '@cityloop/event-store';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case_briefs table of a service that shows people what a case is about (case-briefs.ts). */
export function caseBriefsMigration(schema: string): MigrationClass {
  const s = `"${schema}"`;
  return class CaseBriefs1764000000002 implements MigrationInterface {
    name = 'CaseBriefs1764000000002';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE ${s}.case_briefs (
          case_id uuid PRIMARY KEY,
          category_code text NOT NULL,
          source text NOT NULL,
          description text NOT NULL,
          address_text text,
          lat double precision NOT NULL,
          lng double precision NOT NULL,
          urgency text NOT NULL,
          reported_at timestamptz NOT NULL
        )`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.case_briefs`);
    }
  };
}
