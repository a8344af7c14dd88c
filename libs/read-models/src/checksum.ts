import type { DataSource, EntityManager } from 'typeorm';
import { READ_MODEL_TABLES } from './rebuild';

/** Each table's key, its first column a uuid. */
const KEYS: Record<(typeof READ_MODEL_TABLES)[number], string> = {
  cases: 'case_id',
  case_timeline: 'event_id',
  patrol_passes: 'patrol_id, cell_code',
  rebounds: 'case_id',
};

/**
 * An MD5 per read-model table over every row in key order: equal checksums mean equal tables,
 * bit for bit (a rebuild, a replay in another order). The rows are summed in 256 buckets by their
 * key's first two hex digits, then the buckets' sums in order: one string of every row would pass
 * Postgres's 1 GB limit on a value (a million cases' timelines did).
 */
export async function readModelChecksums(db: DataSource | EntityManager): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of READ_MODEL_TABLES) {
    const key = KEYS[table];
    const [{ sum }] = await db.query<{ sum: string }[]>(
      `SELECT md5(coalesce(string_agg(sum, '' ORDER BY bucket), '')) AS sum FROM (
         SELECT left(${key.split(',')[0]}::text, 2) AS bucket, md5(string_agg(t::text, E'\\n' ORDER BY ${key})) AS sum
           FROM ${table} t GROUP BY 1) buckets`,
    );
    sums[table] = sum;
  }
  return sums;
}
