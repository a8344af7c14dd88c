import { EventStore, eventStoreMigration } from '@cityloop/event-store';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { forDuration, REPORT_PAYLOAD } from './pg-baseline';
import { perSecond } from './stats';

const SCHEMA = 'bench_store';

/**
 * The event store's append (one event opening a new stream, as a report does), at `concurrency`
 * connections, into a schema of its own in the same database as B-PG: events a second.
 */
export async function appendRate(
  databaseUrl: string,
  concurrency: number,
  durationMs: number,
): Promise<number> {
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl,
    poolSize: concurrency,
    migrations: [eventStoreMigration(SCHEMA)],
    migrationsTableName: `${SCHEMA}.migrations`,
    extra: { options: `-c search_path=${SCHEMA}` },
  }).initialize();
  try {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    await dataSource.runMigrations();
    const store = new EventStore(dataSource, SCHEMA, 'intake');
    const run = await forDuration(concurrency, durationMs, async () => {
      const caseId = randomUUID();
      await store.append(
        `case-${caseId}`,
        [
          {
            eventId: randomUUID(),
            type: 'CaseReported',
            schemaVersion: 1,
            caseId,
            occurredAt: new Date(),
            correlationId: randomUUID(),
            actor: { role: 'importer', id: 'bench' },
            payload: REPORT_PAYLOAD,
          },
        ],
        0,
      );
      return 1;
    });
    return perSecond(run.units, run.ms);
  } finally {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await dataSource.destroy();
  }
}
