import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { perSecond } from './stats';

/** A report's payload as a CaseReported event carries it: the row size of the baseline and the append. */
export const REPORT_PAYLOAD = {
  source: 'hotline',
  categoryCode: '0101',
  location: { lat: 31.2304, lng: 121.4737 },
  gridCellCode: '310101001001',
  description: '暴露垃圾 bench',
  reportedAt: new Date().toISOString(),
};
const PAYLOAD = JSON.stringify(REPORT_PAYLOAD);

/** Runs `workers` loops of `work` for `durationMs`; returns how many units they did. */
export async function forDuration(
  workers: number,
  durationMs: number,
  work: () => Promise<number>,
): Promise<{ units: number; ms: number }> {
  const started = performance.now();
  const until = started + durationMs;
  let units = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        // Not `units += await work()`: that reads units before the await and loses the others' counts.
        const done = await work();
        units += done;
      }
    }),
  );
  return { units, ms: performance.now() - started };
}

export interface PgBaseline {
  concurrency: number;
  /** Single-row INSERTs, each its own transaction (autocommit), rows a second. */
  singleRowPerSecond: number;
  /** 100-row INSERTs, rows a second. */
  batchedRowsPerSecond: number;
}

/** B-PG: raw INSERTs into the same Postgres, at `concurrency` connections. */
export async function pgBaseline(
  databaseUrl: string,
  concurrency: number,
  durationMs: number,
): Promise<PgBaseline> {
  const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
  try {
    await pool.query('CREATE SCHEMA IF NOT EXISTS bench_baseline');
    await pool.query(`DROP TABLE IF EXISTS bench_baseline.rows`);
    await pool.query(`
      CREATE TABLE bench_baseline.rows (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        stream_id text NOT NULL,
        payload jsonb NOT NULL
      )`);
    const single = await forDuration(concurrency, durationMs, async () => {
      await pool.query('INSERT INTO bench_baseline.rows (event_id, stream_id, payload) VALUES ($1, $2, $3)', [
        randomUUID(),
        `case-${randomUUID()}`,
        PAYLOAD,
      ]);
      return 1;
    });
    const batched = await forDuration(concurrency, durationMs, async () => {
      const ids = Array.from({ length: 100 }, () => randomUUID());
      await pool.query(
        `INSERT INTO bench_baseline.rows (event_id, stream_id, payload)
         SELECT id, 'case-' || id, $2::jsonb FROM unnest($1::uuid[]) AS id`,
        [ids, PAYLOAD],
      );
      return 100;
    });
    return {
      concurrency,
      singleRowPerSecond: perSecond(single.units, single.ms),
      batchedRowsPerSecond: perSecond(batched.units, batched.ms),
    };
  } finally {
    await pool.query('DROP SCHEMA IF EXISTS bench_baseline CASCADE').catch(() => undefined);
    await pool.end();
  }
}
