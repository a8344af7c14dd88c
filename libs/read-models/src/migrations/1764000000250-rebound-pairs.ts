import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BAND_METRES } from '../rebound-pairs';

/**
 * Rebounds (整治反弹, docs/METRICS.md) kept by the projection, a row per closed case that
 * rebounded naming its first rebound, instead of found at query time, which grew with the square
 * of the cases (docs/PERFORMANCE.md). `lat_band` and `lng_band` cut the
 * map into squares of BAND_METRES of arc, so that the rebounds of a case are looked up by
 * category, nearby squares and time (libs/read-models/src/rebound-pairs.ts).
 * On a database with data, run `npm run projections:rebuild` after this migration.
 */
export class ReboundPairs1764000000250 implements MigrationInterface {
  name = 'ReboundPairs1764000000250';

  async up(q: QueryRunner): Promise<void> {
    for (const axis of ['lat', 'lng'])
      await q.query(
        `ALTER TABLE cases ADD COLUMN ${axis}_band integer
           GENERATED ALWAYS AS (floor(radians(${axis}) * 6371008.8 / ${BAND_METRES})::integer) STORED`,
      );
    for (const column of ['reported_at', 'caller_onset_at', 'closed_at'])
      await q.query(
        `CREATE INDEX cases_rebound_${column} ON cases (category_code, lat_band, lng_band, ${column})`,
      );
    await q.query(`
      CREATE TABLE rebounds (
        case_id uuid NOT NULL,
        rebound_case_id uuid NOT NULL,
        distance_metres double precision,
        PRIMARY KEY (case_id)
      )`);
    await q.query('CREATE INDEX rebounds_rebound_case ON rebounds (rebound_case_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rebounds');
    for (const column of ['reported_at', 'caller_onset_at', 'closed_at'])
      await q.query(`DROP INDEX cases_rebound_${column}`);
    for (const axis of ['lat', 'lng']) await q.query(`ALTER TABLE cases DROP COLUMN ${axis}_band`);
  }
}
