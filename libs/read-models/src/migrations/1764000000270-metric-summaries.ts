import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The instants that put a case in a period, one per figure anchor (apps/projections/src/metrics/figures.ts). */
const ANCHORS = ['reported_at', 'filed_at', 'first_dispatched_at', 'disposed_at', 'closed_at', 'deadline_at'];

/** The UTC days of a set of instants `t` in rows `r`, as marks. */
const markDays = (rows: string) => `
  INSERT INTO metric_marks (day)
  SELECT DISTINCT (t AT TIME ZONE 'UTC')::date
    FROM (${rows}) r CROSS JOIN LATERAL unnest(ARRAY[${ANCHORS.map((a) => `r.${a}`).join(', ')}]) t
   WHERE t IS NOT NULL`;

/**
 * Metric tables kept as they are computed (apps/projections/src/metrics/metric-summaries.ts).
 * The trigger functions keep the schema they were created in, for writers that name it instead
 * (the benchmark's bulk path).
 *
 * - `metric_summaries`: one metric table (a subject, a period, a category or all) as computed in
 *   one snapshot of the read model, with that snapshot.
 * - `metric_marks`: a row per UTC day whose figures a transaction changed, with the transaction's
 *   id, written by the triggers below on every change to `cases`, `rebounds` and `patrol_passes`.
 *   A summary holds while every mark on its days was visible in its snapshot: exact, whoever
 *   writes, and with no lock taken on the write path.
 * - `metric_summary_guard`: summaries are computed under ACCESS SHARE on it, and marks are pruned
 *   under ACCESS EXCLUSIVE, so that no mark is pruned that a summary being computed did not see.
 */
export class MetricSummaries1764000000270 implements MigrationInterface {
  name = 'MetricSummaries1764000000270';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE metric_summaries (
        subject text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        category_code text NOT NULL,
        definition text NOT NULL,
        as_of timestamptz,
        first_day date NOT NULL,
        last_day date NOT NULL,
        snapshot pg_snapshot NOT NULL,
        items json NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject, period_start, period_end, category_code, definition)
      )`);
    await q.query(`
      CREATE TABLE metric_marks (
        day date NOT NULL,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id()
      )`);
    await q.query('CREATE INDEX metric_marks_xid ON metric_marks (xid, day)');
    await q.query('CREATE TABLE metric_summary_guard ()');

    // A case counts in the periods of its anchors: before a change (old row) and after (new row).
    await q.query(`
      CREATE FUNCTION metric_mark_cases() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN ${markDays('SELECT * FROM new_rows')}; END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN ${markDays('SELECT * FROM old_rows')}; END IF;
        RETURN NULL;
      END $$`);
    // Whether a closed case rebounded counts in the period it was closed in.
    await q.query(`
      CREATE FUNCTION metric_mark_rebounds() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO metric_marks (day)
          SELECT DISTINCT (c.closed_at AT TIME ZONE 'UTC')::date
            FROM new_rows r JOIN cases c USING (case_id) WHERE c.closed_at IS NOT NULL;
        ELSE
          INSERT INTO metric_marks (day)
          SELECT DISTINCT (c.closed_at AT TIME ZONE 'UTC')::date
            FROM old_rows r JOIN cases c USING (case_id) WHERE c.closed_at IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$`);
    // A patrol pass may be the onset of any later report in its cell: every day from the pass to
    // the latest report is marked (in live use, a day or two).
    await q.query(`
      CREATE FUNCTION metric_mark_passes() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO metric_marks (day)
        SELECT generate_series((min(p.passed_at) AT TIME ZONE 'UTC')::date,
                               (greatest(max(p.passed_at), (SELECT max(reported_at) FROM cases)) AT TIME ZONE 'UTC')::date,
                               interval '1 day')::date
          FROM new_rows p HAVING count(*) > 0;
        RETURN NULL;
      END $$`);
    // Emptied read models (a rebuild, a test): no summary holds any more.
    await q.query(`
      CREATE FUNCTION metric_forget_summaries() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        TRUNCATE metric_summaries, metric_marks;
        RETURN NULL;
      END $$`);

    for (const [table, fn] of [
      ['cases', 'metric_mark_cases'],
      ['rebounds', 'metric_mark_rebounds'],
    ]) {
      await q.query(`CREATE TRIGGER ${table}_marks_insert AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`CREATE TRIGGER ${table}_marks_delete AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
    await q.query(`CREATE TRIGGER cases_marks_update AFTER UPDATE ON cases
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_mark_cases()`);
    await q.query(`CREATE TRIGGER patrol_passes_marks_insert AFTER INSERT ON patrol_passes
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_mark_passes()`);
    for (const table of ['cases', 'rebounds', 'patrol_passes'])
      await q.query(`CREATE TRIGGER ${table}_forget_summaries AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION metric_forget_summaries()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['cases', 'rebounds', 'patrol_passes'])
      await q.query(`DROP TRIGGER ${table}_forget_summaries ON ${table}`);
    await q.query('DROP TRIGGER patrol_passes_marks_insert ON patrol_passes');
    await q.query('DROP TRIGGER cases_marks_update ON cases');
    for (const table of ['cases', 'rebounds']) {
      await q.query(`DROP TRIGGER ${table}_marks_insert ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_marks_delete ON ${table}`);
    }
    for (const fn of [
      'metric_forget_summaries',
      'metric_mark_passes',
      'metric_mark_rebounds',
      'metric_mark_cases',
    ])
      await q.query(`DROP FUNCTION ${fn}()`);
    await q.query('DROP TABLE metric_summary_guard');
    await q.query('DROP TABLE metric_marks');
    await q.query('DROP TABLE metric_summaries');
  }
}
