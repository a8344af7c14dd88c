import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index by category, `place` and time of report, then the id (which breaks ties of time), with
 * what the relation reads included.
 */
const byReport = (place: string) =>
  `(category_code, ${place}, (reported_at AT TIME ZONE 'UTC'), case_id)
   INCLUDE (reported_at, rejected_at, grid_cell_code, caller_onset_at, lat, lng)`;

/**
 * What the rebound look-ups need to stop at a closed case's first rebound
 * (libs/read-models/src/rebound-pairs.ts, docs/PERFORMANCE.md):
 * - indexes on (category, grid cell, UTC time), so that the same-cell branch reads one cell's cases
 *   of the window in time order, instead of every case the cell and category ever had (747 rows a
 *   closed case in the 1,000,000-case benchmark). They replace the index on (category, cell);
 * - the case id after the time of report in the two indexes by report, so that a scan in the
 *   order of the first rebound (time, then id) needs no sort and stops at its first row, and the
 *   columns the relation reads included, so that the scan needs no heap fetch once the table is
 *   vacuumed (the rebuild does, before its rebounds step): 2,000 closed cases of the 1,000,000-case
 *   benchmark took 1.0-1.7 s instead of 1.8-2.5 s;
 * - a case's caller onset never after its first report: the fold keeps only such onsets
 *   (foldCase), and the first-match look-up relies on it, so the table says so too.
 * No data changes, so no rebuild is needed.
 */
export class ReboundFirstMatch1764000000280 implements MigrationInterface {
  name = 'ReboundFirstMatch1764000000280';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_rebound_cell_reported_at ON cases ${byReport('grid_cell_code')}`);
    for (const column of ['caller_onset_at', 'closed_at']) {
      await q.query(
        `CREATE INDEX cases_rebound_cell_${column} ON cases (category_code, grid_cell_code, (${column} AT TIME ZONE 'UTC'))`,
      );
    }
    await q.query('DROP INDEX cases_rebound_reported_at');
    await q.query(`CREATE INDEX cases_rebound_reported_at ON cases ${byReport('lat_band, lng_band')}`);
    await q.query('DROP INDEX cases_category_cell');
    await q.query(
      'ALTER TABLE cases ADD CONSTRAINT cases_onset_not_after_report CHECK (caller_onset_at <= reported_at)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cases DROP CONSTRAINT cases_onset_not_after_report');
    await q.query('DROP INDEX cases_rebound_reported_at');
    await q.query(
      `CREATE INDEX cases_rebound_reported_at ON cases (category_code, lat_band, lng_band, (reported_at AT TIME ZONE 'UTC'))`,
    );
    await q.query('CREATE INDEX cases_category_cell ON cases (category_code, grid_cell_code)');
    for (const column of ['reported_at', 'caller_onset_at', 'closed_at'])
      await q.query(`DROP INDEX cases_rebound_cell_${column}`);
  }
}
