import type { MigrationInterface, QueryRunner } from 'typeorm';

const TIMES = ['reported_at', 'caller_onset_at', 'closed_at'];

/**
 * What the rebound look-ups need to stop at a closed case's first rebound
 * (libs/read-models/src/rebound-pairs.ts, docs/PERFORMANCE.md):
 * - indexes on (category, grid cell, UTC time), so that the same-cell branch reads one cell's cases
 *   of the window in time order, instead of every case the cell and category ever had (747 rows a
 *   closed case in the 1,000,000-case benchmark). They replace the index on (category, cell);
 * - the case id after the time of report in the two indexes by report, so that a scan in the
 *   order of the first rebound (time, then id) needs no sort and stops at its first row;
 * - a case's caller onset never after its first report: the fold keeps only such onsets
 *   (foldCase), and the first-match look-up relies on it, so the table says so too.
 * No data changes, so no rebuild is needed.
 */
export class ReboundFirstMatch1764000000280 implements MigrationInterface {
  name = 'ReboundFirstMatch1764000000280';

  async up(q: QueryRunner): Promise<void> {
    for (const column of TIMES) {
      const tie = column === 'reported_at' ? ', case_id' : '';
      await q.query(
        `CREATE INDEX cases_rebound_cell_${column} ON cases (category_code, grid_cell_code, (${column} AT TIME ZONE 'UTC')${tie})`,
      );
    }
    await q.query('DROP INDEX cases_rebound_reported_at');
    await q.query(
      `CREATE INDEX cases_rebound_reported_at ON cases (category_code, lat_band, lng_band, (reported_at AT TIME ZONE 'UTC'), case_id)`,
    );
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
    for (const column of TIMES) await q.query(`DROP INDEX cases_rebound_cell_${column}`);
  }
}
