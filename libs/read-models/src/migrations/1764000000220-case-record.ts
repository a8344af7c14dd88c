import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case record for the metrics (docs/METRICS.md): `cases` becomes a fold of the case's whole
 * timeline, recomputed on every event, and the timeline keeps each event's full payload. Patrol
 * passes (about no case) get a table of their own: they bound the onset of later reports
 * (the cases_with_onset view).
 * A read model holds nothing that the event stores do not: after this migration on a database with
 * data, run `npm run projections:rebuild`.
 */
export class CaseRecord1764000000220 implements MigrationInterface {
  name = 'CaseRecord1764000000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cases');
    await q.query('TRUNCATE case_timeline');
    await q.query(`
      CREATE TABLE cases (
        case_id uuid PRIMARY KEY,
        status text NOT NULL,
        category_code text,
        source text,
        urgency text,
        street_id text,
        community_id text,
        grid_cell_code text,
        lng double precision,
        lat double precision,
        proactive boolean NOT NULL,
        citizen boolean NOT NULL,
        reported_at timestamptz,
        caller_onset_at timestamptz,
        filed_at timestamptz,
        rejected_at timestamptz,
        first_dispatched_at timestamptz,
        order_id uuid,
        department_id text,
        dispatched_at timestamptz,
        deadline_at timestamptz,
        department_count integer NOT NULL,
        signed_at timestamptz,
        disposed_at timestamptz,
        dispose_working_seconds double precision,
        verification_failures integer NOT NULL,
        extended boolean NOT NULL,
        postponed boolean NOT NULL,
        closed_at timestamptz,
        satisfaction text,
        followed_up_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    for (const column of ['reported_at', 'filed_at', 'deadline_at', 'disposed_at', 'closed_at'])
      await q.query(`CREATE INDEX cases_${column} ON cases (${column})`);
    await q.query('CREATE INDEX cases_street ON cases (street_id)');
    await q.query('CREATE INDEX cases_department ON cases (department_id)');
    await q.query('CREATE INDEX cases_category_cell ON cases (category_code, grid_cell_code)');
    await q.query('CREATE INDEX case_timeline_occurred_at ON case_timeline (occurred_at)');
    await q.query(`
      CREATE TABLE patrol_passes (
        patrol_id uuid NOT NULL,
        cell_code text NOT NULL,
        passed_at timestamptz NOT NULL,
        PRIMARY KEY (patrol_id, cell_code)
      )`);
    await q.query('CREATE INDEX patrol_passes_cell ON patrol_passes (cell_code, passed_at)');
    // Onset (docs/METRICS.md): the caller's, else the last patrol pass over the cell before the
    // first report. Joined at read time, so that a pass and a report may arrive in either order.
    await q.query(`
      CREATE VIEW cases_with_onset AS
      SELECT c.*,
             COALESCE(c.caller_onset_at, pass.passed_at) AS onset_at,
             CASE WHEN c.caller_onset_at IS NOT NULL THEN 'caller'
                  WHEN pass.passed_at IS NOT NULL THEN 'patrol-pass' END AS onset_basis
        FROM cases c
        LEFT JOIN LATERAL (
          SELECT max(p.passed_at) AS passed_at FROM patrol_passes p
           WHERE p.cell_code = c.grid_cell_code AND p.passed_at < c.reported_at
        ) pass ON true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW cases_with_onset');
    await q.query('DROP TABLE patrol_passes');
    await q.query('DROP INDEX case_timeline_occurred_at');
  }
}
