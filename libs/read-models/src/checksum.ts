import type { DataSource, EntityManager } from 'typeorm';
import { READ_MODEL_TABLES } from './rebuild';

const KEYS: Record<(typeof READ_MODEL_TABLES)[number], string> = {
  cases: 'case_id',
  case_timeline: 'event_id',
  patrol_passes: 'patrol_id, cell_code',
  rebounds: 'case_id',
};

/**
 * An MD5 per read-model table over every row in key order: equal checksums mean equal tables,
 * bit for bit (a rebuild, a replay in another order).
 */
export async function readModelChecksums(db: DataSource | EntityManager): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of READ_MODEL_TABLES) {
    const [{ sum }] = await db.query<{ sum: string | null }[]>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${KEYS[table]}), '')) AS sum FROM ${table} t`,
    );
    sums[table] = sum ?? '';
  }
  return sums;
}
