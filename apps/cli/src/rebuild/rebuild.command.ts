import { PUBLISHING_SERVICES } from '@cityloop/contracts';
import { metricRulesOf } from '@cityloop/domain';
import { EventStore } from '@cityloop/event-store';
import {
  CaseProjection,
  projectionsMigrations,
  readModelChecksums,
  rebuildReadModels,
  type RebuildProgress,
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

const UNITS: Record<RebuildProgress['step'], string> = {
  events: 'events',
  cases: 'cases folded',
  rebounds: 'rebound look-ups',
};

/** A progress bar for each step of a rebuild, and the seconds each step took. */
class StepTimes {
  private readonly started = new Map<RebuildProgress['step'], number>();
  private readonly bars = new Map<RebuildProgress['step'], (progress: RebuildProgress) => void>();
  private readonly ended = new Map<RebuildProgress['step'], number>();

  constructor(private readonly write: (text: string) => void) {}

  report(progress: RebuildProgress): void {
    const { step } = progress;
    if (!this.started.has(step)) {
      this.started.set(step, Date.now());
      this.bars.set(step, progressBar(this.write, Date.now(), undefined, UNITS[step]));
    }
    this.bars.get(step)!(progress);
    this.ended.set(step, Date.now());
  }

  seconds(): Partial<Record<RebuildProgress['step'], number>> {
    return Object.fromEntries(
      [...this.started].map(([step, at]) => [step, (this.ended.get(step)! - at) / 1000]),
    );
  }
}

/**
 * `npm run projections:rebuild`: drops the projections' read models and replays every event of the
 * four services' event stores (each found as its service finds it: DATABASE_URL, <SERVICE>_SCHEMA),
 * with a progress bar a step on stderr. Prints `{events, seconds, eventsPerSecond, steps, checksums}`
 * on stdout, `steps` giving each step's seconds.
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
    const steps = new StepTimes(write);
    const events = await rebuildReadModels(
      projections,
      sources.map((s) => s.store),
      new CaseProjection({ calendar: pack.calendar, rules: metricRulesOf(pack) }),
      (progress) => steps.report(progress),
    );
    const seconds = (Date.now() - started) / 1000;
    return JSON.stringify({
      events,
      seconds,
      eventsPerSecond: Math.round(events / seconds),
      steps: steps.seconds(),
      checksums: await readModelChecksums(projections),
    });
  } finally {
    await Promise.all([projections.destroy(), ...sources.map((s) => s.dataSource.destroy())]);
  }
}
