import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake's own knowledge of how each case is going in the other services (its department, its
 * deadline, its status), which Open311's GETs answer from. Fed by intake's consumer group
 * `cityloop-intake.case-progress` from every service's topic (intake's own too: filing,
 * rejection and reopening happen in other slices of intake), and by the report command itself
 * for the report it just stored, so that a request can be read back at once.
 * - case_progress_events: the case's events as they arrived (keyed by event id, so a redelivery
 *   or a replay adds nothing), with their payloads in details (the shape of projections'
 *   case_timeline, libs/read-models' CaseEventTable): the fold needs orderIds, deadlines and the
 *   status a reinstated order returns to. Indexed by the report id of CaseReported and
 *   ReportAttached too: an Open311 token is a report's id, and resolves to its case.
 * - case_progress: one row per case, recomputed from all its events by libs/read-models'
 *   foldCase (the same status rules as the command centre, not a second state machine) under a
 *   per-case lock, so the order events of different services arrive in changes nothing.
 *   reported_at stays null until the case's CaseReported has arrived; such a row is not shown.
 *   No personal data: callers' names and phones are not in events, and so never here.
 */
export class CaseProgress1764000000140 implements MigrationInterface {
  name = 'CaseProgress1764000000140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_progress_events (
        event_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source text NOT NULL,
        stream_version integer NOT NULL,
        details jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX case_progress_events_case ON case_progress_events (case_id)');
    await q.query(`
      CREATE INDEX case_progress_events_report ON case_progress_events ((details->>'reportId'))
      WHERE type IN ('CaseReported', 'ReportAttached')`);
    await q.query(`
      CREATE TABLE case_progress (
        case_id uuid PRIMARY KEY,
        status text NOT NULL,
        category_code text,
        source text,
        urgency text,
        description text,
        address_text text,
        lat double precision,
        lng double precision,
        reported_at timestamptz,
        department_id text,
        deadline_at timestamptz,
        closed_at timestamptz,
        rejected_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      'CREATE INDEX case_progress_reported ON case_progress (reported_at) WHERE reported_at IS NOT NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_progress');
    await q.query('DROP TABLE case_progress_events');
  }
}
