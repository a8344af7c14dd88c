import { rows, runnerOf } from '@cityloop/event-store';
import type { DataSource } from 'typeorm';
import { inLanes } from './lanes';

/**
 * Sets a table's indexes aside for a bulk write: drops every index of `table` (in the search
 * path's schema) but the unique ones and those of its constraints, which ON CONFLICT and the keys
 * need, and records the statement that builds each again, in the same transaction. An index built
 * from the table's rows at once is a sort; kept up to date row by row it is a search and a page
 * write a row: 692,374 timeline rows took 6.4 s to insert with their indexes and 1.8 s to insert
 * then index (docs/PERFORMANCE.md, session 14). Meanwhile the table is read without them, slower
 * but right.
 */
export async function setAsideIndexes(db: DataSource, table: string): Promise<void> {
  await db.transaction(async (manager) => {
    const setAside = await manager.query<{ index_name: string }[]>(
      `INSERT INTO rebuild_set_aside_indexes (index_name, definition)
       SELECT format('%I.%I', i.schemaname, i.indexname), i.indexdef
         FROM pg_indexes i JOIN pg_index x ON x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass
        WHERE i.schemaname = current_schema() AND i.tablename = $1 AND NOT x.indisunique
          AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = x.indexrelid)
       RETURNING index_name`,
      [table],
    );
    if (setAside.length > 0)
      await manager.query(`DROP INDEX ${setAside.map((i) => i.index_name).join(', ')}`);
  });
}

/**
 * Builds every index set aside again, `lanes` at a time: what a rebuild set aside, or what one
 * that did not finish left. Each is claimed by deleting its record, in the transaction that builds
 * it, so two builders never build one index twice: the second finds no record.
 */
export async function buildSetAsideIndexes(db: DataSource, lanes: number): Promise<void> {
  const setAside = await db.query<{ index_name: string }[]>(
    'SELECT index_name FROM rebuild_set_aside_indexes ORDER BY index_name',
  );
  await inLanes(setAside, lanes, ({ index_name }) =>
    db.transaction(async (manager) => {
      const [claimed] = await rows<{ definition: string }>(
        runnerOf(manager),
        'DELETE FROM rebuild_set_aside_indexes WHERE index_name = $1 RETURNING definition',
        [index_name],
      );
      if (claimed) await manager.query(claimed.definition);
    }),
  );
}
