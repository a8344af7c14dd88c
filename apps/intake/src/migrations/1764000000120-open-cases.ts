import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * open_cases: intake's cases that can still take a duplicate report (reported or filed, not
 * rejected, not closed), with the point and cell of their first report. Duplicate look-ups go by
 * cell (the cells within the radius, from the district pack's grid index) and category, then by
 * exact distance: no PostGIS needed, and fast at a million open cases.
 * Rows come and go in the same transaction as the events (report, rejection) or the consumed
 * event (CaseClosed from verification) that open and close them.
 */
export class OpenCases1764000000120 implements MigrationInterface {
  name = 'OpenCases1764000000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_cases (
        case_id uuid PRIMARY KEY,
        category_code text NOT NULL,
        grid_cell_code text NOT NULL,
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        source text NOT NULL,
        reported_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX open_cases_cell_category ON open_cases (grid_cell_code, category_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_cases');
  }
}
