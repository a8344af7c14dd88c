import { PUBLISHING_SERVICES } from '@cityloop/contracts';
import { metricRulesOf } from '@cityloop/domain';
import { EventStore } from '@cityloop/event-store';
import {
  CaseProjection,
  projectionsMigrations,
  readModelChecksums,
  rebuildReadModels,
} from '@cityloop/read-models';
import {
  dataSourceOptions,
  demoPackPath,
  DistrictReference,
  loadConfig,
  openDatabase,
} from '@cityloop/service-kit';
import { DataSource } from 'typeorm';
import { progressBar } from './progress-bar';

/**
 * `npm run projections:rebuild`: drops the projections' read models and replays every event of the
 * four services' event stores (each found as its service finds it: DATABASE_URL, <SERVICE>_SCHEMA),
 * with a progress bar on stderr. Prints `{events, seconds, eventsPerSecond, checksums}` on stdout.
 */
export async function rebuildCommand(_args: string[], write: (text: string) => void): Promise<string> {
  const config = loadConfig('projections');
  const { pack } = DistrictReference.load(config.districtPackPath || demoPackPath());
  const projections = await openDatabase(
    dataSourceOptions(config, projectionsMigrations(config.schema)),
    config,
  );
  const sources = await Promise.all(
    PUBLISHING_SERVICES.map(async (service) => {
      const source = { ...loadConfig(service), dbPoolSize: 2 };
      const dataSource = await new DataSource(dataSourceOptions(source, [])).initialize();
      return { dataSource, store: new EventStore(dataSource, source.schema, service) };
    }),
  );
  try {
    const started = Date.now();
    const bar = progressBar(write, started);
    const { done } = await rebuildReadModels(
      projections,
      sources.map((s) => s.store),
      new CaseProjection({ calendar: pack.calendar, rules: metricRulesOf(pack) }),
      bar,
    );
    const seconds = (Date.now() - started) / 1000;
    return JSON.stringify({
      events: done,
      seconds,
      eventsPerSecond: Math.round(done / seconds),
      checksums: await readModelChecksums(projections),
    });
  } finally {
    await Promise.all([projections.destroy(), ...sources.map((s) => s.dataSource.destroy())]);
  }
}
