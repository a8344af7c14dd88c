import type { NewEvent } from '@cityloop/contracts';
import { EventStore, eventStoreMigration, GroupCommit, type AppendResult } from '@cityloop/event-store';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { forDuration, REPORT_PAYLOAD } from './pg-baseline';
import { perSecond } from './stats';

const SCHEMA = 'bench_store';

/** A new case's first event, as a report appends it. */
function newCase(): { streamId: string; events: NewEvent[] } {
  const caseId = randomUUID();
  return {
    streamId: `case-${caseId}`,
    events: [
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
  };
}

/**
 * The event store's append of one event opening a new stream, as a report does, at `concurrency`
 * callers, into a schema of its own in the same database as B-PG, events a second: each in a
 * transaction of its own (`append`), and through group commit as intake writes new cases
 * (`GroupCommit` over `appendNew`: what arrives while earlier transactions commit goes together).
 */
export async function appendRate(
  databaseUrl: string,
  concurrency: number,
  durationMs: number,
): Promise<{ eventsPerSecond: number; groupedEventsPerSecond: number }> {
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
    const single = await forDuration(concurrency, durationMs, async () => {
      const { streamId, events } = newCase();
      await store.append(streamId, events, 0);
      return 1;
    });
    const grouped = new GroupCommit<ReturnType<typeof newCase>, AppendResult>(dataSource, {
      together: (streams, manager) => store.appendNew(streams, manager),
      alone: ({ streamId, events }, manager) => store.append(streamId, events, 0, manager),
    });
    const together = await forDuration(concurrency, durationMs, async () => {
      await grouped.commit(newCase());
      return 1;
    });
    return {
      eventsPerSecond: perSecond(single.units, single.ms),
      groupedEventsPerSecond: perSecond(together.units, together.ms),
    };
  } finally {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await dataSource.destroy();
  }
}
