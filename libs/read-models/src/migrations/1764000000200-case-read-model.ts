import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case read model, fed by every service's topic.
 * - cases: one row per case. Events of different services arrive in no set order, so every
 *   column is written by the event that owns it (an upsert), never by "the latest event".
 * - case_timeline: one row per event (event_id is the key, so a replay adds nothing), ordered for
 *   display by business time, then by the source stream's version.
 * Rebuildable: dropping both tables and the consumer's inbox rows and replaying gives the same rows.
 */
export class CaseReadModel1764000000200 implements MigrationInterface {
  name = 'CaseReadModel1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        case_id uuid PRIMARY KEY,
        status text NOT NULL,
        category_code text,
        source text,
        urgency text,
        street_id text,
        grid_cell_code text,
        department_id text,
        deadline_at timestamptz,
        location jsonb,
        reported_at timestamptz,
        onset_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX cases_reported_at ON cases (reported_at)');
    await q.query(`
      CREATE TABLE case_timeline (
        event_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source text NOT NULL,
        stream_version integer NOT NULL,
        details jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX case_timeline_case ON case_timeline (case_id, occurred_at, stream_version)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_timeline');
    await q.query('DROP TABLE cases');
  }
}
