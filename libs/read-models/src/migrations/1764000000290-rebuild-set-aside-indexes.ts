import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes a rebuild has set aside (dropped to write a table in bulk, libs/read-models/src/
 * set-aside-indexes.ts), by name, with the statement that builds each again. Empty but while a
 * rebuild runs, or after one that did not finish: the next builds them first.
 */
export class RebuildSetAsideIndexes1764000000290 implements MigrationInterface {
  name = 'RebuildSetAsideIndexes1764000000290';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rebuild_set_aside_indexes (
      index_name text PRIMARY KEY,
      definition text NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rebuild_set_aside_indexes');
  }
}
