import type { EventEnvelope } from '@cityloop/contracts';
import { namedPeriod } from '@cityloop/domain';
import { projectionsMigrations } from '@cityloop/read-models';
import { openTestSchema, patrolPass, waitFor, type TestSchema } from '@cityloop/testing';
import { demoDistrictStories } from '../../../../test/support/demo-district-stories';
import { MetricSummaries } from './metric-summaries';
import { MetricsReadModel, type MetricTable, type MetricsQuery, type Subject } from './metrics-read-model';

/**
 * Kept metric tables (MetricSummaries) on a real Postgres: after every kind of change, the table
 * served equals the table computed afresh, and it is computed again only when a change touched it.
 */
describe('metric summaries', () => {
  const { district, projection, timeZone: TZ, local, placeIn, story: storyAt } = demoDistrictStories();
  const cell = district.pack.cells[0];
  const story = (categoryCode: string, metresNorth = 0) => storyAt(placeIn(cell, categoryCode, metresNorth));

  let schema: TestSchema;
  let summaries: MetricSummaries;
  let metrics: MetricsReadModel;
  let computed: jest.SpyInstance;
  const q3: MetricsQuery = { period: namedPeriod('2026-Q3', TZ), categoryCode: null };

  const apply = async (...events: EventEnvelope[]) =>
    schema.dataSource.transaction((m) => projection.applyAll(events, m));
  /** The table as served, checked against the table computed afresh in the same state. */
  const served = async (subject: Subject = 'street', query = q3) => {
    const asOf = await metrics.asOf();
    const table = await metrics.table(subject, query, asOf);
    expect(table.asOf).toEqual(asOf);
    expect(table.items).toEqual(await metrics.tableAfresh(subject, query, asOf));
    return table.items as Record<string, unknown>[];
  };
  /** How many tables were computed (not served as kept) during `act`. */
  const computations = async (act: () => Promise<unknown>) => {
    computed.mockClear();
    await act();
    return computed.mock.calls.length;
  };

  /**
   * Prunes until no mark is left, and says how many are. Marks go once no transaction older than
   * them runs anywhere on the server (xids are the cluster's): another test file's open
   * transaction may hold them a moment; pruning again then takes them.
   */
  const pruneEveryMark = () =>
    waitFor(
      async () => {
        await summaries.prune();
        const [{ count }] = await schema.dataSource.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM metric_marks',
        );
        return count;
      },
      (count) => count === 0,
      { what: 'every mark pruned', timeoutMs: 20_000 },
    );

  beforeAll(async () => {
    schema = await openTestSchema('summaries', 'projections', projectionsMigrations('projections'));
    summaries = new MetricSummaries(schema.dataSource);
    metrics = new MetricsReadModel(schema.dataSource, district, summaries);
    computed = jest.spyOn(summaries as unknown as { compute: () => unknown }, 'compute');
  });
  afterAll(() => schema.close());

  it('serves a table as kept until a change to a case of its period, whichever anchor moved', async () => {
    const a = story('1102').reported(local('2026-07-06T10:00:00')).filed(local('2026-07-06T10:30:00'));
    await apply(...a.events);
    expect(await computations(() => served())).toBe(1);
    expect(await computations(() => served())).toBe(0);

    // The case is dispatched in Q3: the dispatch anchors are new days of the period.
    a.dispatched(local('2026-07-06T11:00:00'), 'sanitation', local('2026-07-08T11:00:00'));
    await apply(...a.events);
    expect(await computations(() => served())).toBe(1);
    expect(await computations(() => served())).toBe(0);
  });

  it('keeps a settled period across changes elsewhere, and drops it when a case leaves it', async () => {
    const q2: MetricsQuery = { period: namedPeriod('2026-Q2', TZ), categoryCode: null };
    await apply(...story('1101').reported(local('2026-09-20T09:00:00')).events);
    const early = story('1103')
      .reported(local('2026-06-28T09:00:00'))
      .filed(local('2026-06-28T09:10:00'))
      .dispatched(local('2026-06-28T09:20:00'), 'sanitation', local('2026-06-30T09:20:00'));
    await apply(...early.events);
    const due = async (query = q2) =>
      (await served('department', query)).find((d) => d.departmentId === 'sanitation')?.due;
    const june30: MetricsQuery = { period: namedPeriod('2026-06-30', TZ), categoryCode: null };
    expect(await due()).toBe(1);
    expect(await due(june30)).toBe(1);

    // A later case moves the clock, but Q2 settled more than the rebound window ago.
    await apply(...story('1101').reported(local('2026-09-21T09:00:00')).events);
    expect(await computations(() => served('department', q2))).toBe(0);

    // The deadline is extended into July: the case is no longer due in Q2 (its old row's day).
    early.extended(local('2026-06-29T10:00:00'), local('2026-07-03T09:20:00'));
    await apply(...early.events);
    expect(await computations(() => served('department', q2))).toBe(1);
    expect(await due()).toBe(0);
    // June 30 holds no anchor of the case any more: only its old row names that day.
    expect(await computations(() => served('department', june30))).toBe(1);
    expect(await due(june30)).toBe(0);
  });

  it('drops a table when a later case rebounds one of its closed cases, though reported after it', async () => {
    const july: MetricsQuery = { period: namedPeriod('2026-07', TZ), categoryCode: '1105' };
    const fixed = story('1105')
      .reported(local('2026-07-10T10:00:00'))
      .filed(local('2026-07-10T10:10:00'))
      .dispatched(local('2026-07-10T10:20:00'), 'sanitation', local('2026-07-11T10:20:00'))
      .disposed(local('2026-07-10T15:00:00'))
      .closed(local('2026-07-10T17:00:00'));
    await apply(...fixed.events);
    await apply(...story('1101').reported(local('2026-09-25T10:00:00')).events); // the clock past July's window
    const before = await served('street', july);
    expect(before.find((s) => s.streetId === fixed.streetId)?.rebound).toMatchObject({ rebounded: 0 });
    expect(await computations(() => served('street', july))).toBe(0);

    // Reported in August (outside July), 30 m away: only `rebounds` changes for July.
    await apply(...story('1105', 30).reported(local('2026-08-02T09:00:00')).events);
    expect(await computations(() => served('street', july))).toBe(1);
    const after = await served('street', july);
    expect(after.find((s) => s.streetId === fixed.streetId)?.rebound).toMatchObject({ rebounded: 1 });
  });

  it('drops a table when a patrol pass gives its reports an onset', async () => {
    const week: MetricsQuery = { period: namedPeriod('2026-W37', TZ), categoryCode: '1106' };
    const report = story('1106').reported(local('2026-09-08T10:00:00'));
    await apply(...report.events);
    expect(await computations(() => served('street', week))).toBe(1);
    expect(await computations(() => served('street', week))).toBe(0);
    await apply(patrolPass('summaries-pass', [cell.code], local('2026-09-08T08:00:00')));
    expect(await computations(() => served('street', week))).toBe(1);
    const table = await served('street', week);
    expect(table.find((s) => s.streetId === report.streetId)?.timeToDiscover).toMatchObject({
      count: 1,
      mean: 7200,
    });
  });

  it('does not keep what a transaction committed after the snapshot the table was computed in', async () => {
    const day: MetricsQuery = { period: namedPeriod('2026-09-10', TZ), categoryCode: '1107' };
    await apply(...story('1101').reported(local('2026-09-26T10:00:00')).events); // the clock: it stays
    const runner = schema.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await projection.applyAll(story('1107').reported(local('2026-09-10T10:00:00')).events, runner.manager);
      // A later transaction commits first: the snapshot then lists the report's as running.
      await apply(...story('1101').reported(local('2026-09-09T10:00:00')).events);
      // Computed and kept while the report is written but not committed.
      const during = await served('street', day);
      expect(during.every((s) => s.reported === 0)).toBe(true);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await computations(() => served('street', day))).toBe(1);
    expect((await served('street', day)).some((s) => s.reported === 1)).toBe(true);
  });

  it('prunes the marks every table has seen, keeps the tables that hold, and still sees later changes', async () => {
    const month: MetricsQuery = { period: namedPeriod('2026-10', TZ), categoryCode: null };
    await apply(...story('1108').reported(local('2026-10-05T10:00:00')).events);
    await served('street', month);
    expect(await summaries.prune()).toBe(true);
    expect(await pruneEveryMark()).toBe(0);
    expect(await computations(() => served('street', month))).toBe(0);

    await apply(...story('1108').reported(local('2026-10-06T10:00:00')).events);
    expect(await computations(() => served('street', month))).toBe(1);
    expect((await served('street', month)).reduce((sum, s) => sum + Number(s.reported), 0)).toBe(2);
  });

  describe('for a reader who accepts a table of some age (the command centre)', () => {
    // The latest month of the file's stories: a report here moves the read model's clock, but
    // for one dated before the others (the last test).
    const november: MetricsQuery = { period: namedPeriod('2026-11', TZ), categoryCode: null };
    const reportedIn = (items: Record<string, unknown>[]) =>
      items.reduce((sum, s) => sum + Number(s.reported), 0);
    /** The table of November for a reader who accepts a minute, at the read model's clock now. */
    const aMinuteOld = async () => metrics.table('street', november, await metrics.asOf(), 60);
    /** The table once the computations in the background have ended (it then holds). */
    const settled = async () => {
      await summaries.idle();
      return aMinuteOld();
    };

    it('serves the table computed within that age at once, with its clock, and computes it again behind', async () => {
      await apply(...story('1104').reported(local('2026-11-03T10:00:00')).events);
      const first = await aMinuteOld();
      expect(reportedIn(first.items)).toBe(1);

      await apply(...story('1104').reported(local('2026-11-04T10:00:00')).events);
      const clockNow = await metrics.asOf();
      let aged: MetricTable | undefined;
      expect(await computations(async () => (aged = await aMinuteOld()))).toBe(1); // started, not awaited
      expect(aged).toEqual(first);
      expect(aged!.asOf!.getTime()).toBeLessThan(clockNow!.getTime());

      const again = await settled();
      expect(reportedIn(again.items)).toBe(2);
      expect(again.items).toEqual(await metrics.tableAfresh('street', november, clockNow));
      expect(again.computedAt.getTime()).toBeGreaterThan(first.computedAt.getTime());
      // A reader of no age is never served the aged table.
      await apply(...story('1104').reported(local('2026-11-05T10:00:00')).events);
      expect(reportedIn(await served('street', november))).toBe(3);
    });

    it('computes now a table older than the age accepted', async () => {
      await settled();
      await apply(...story('1104').reported(local('2026-11-06T10:00:00')).events);
      await schema.dataSource.query(
        `UPDATE metric_summaries SET computed_at = computed_at - interval '2 minutes'`,
      );
      const asOf = await metrics.asOf();
      const table = await aMinuteOld();
      expect(table.asOf).toEqual(asOf);
      expect(table.items).toEqual(await metrics.tableAfresh('street', november, asOf));
    });

    it('has readers who arrive together share one computation', async () => {
      await settled();
      await apply(...story('1104').reported(local('2026-11-07T10:00:00')).events);
      // Twice: with the aged table kept (one computed behind), and with none (one computed for all).
      expect(await computations(() => Promise.all([aMinuteOld(), aMinuteOld(), aMinuteOld()]))).toBe(1);
      await settled();
      await schema.dataSource.query('DELETE FROM metric_summaries');
      await apply(...story('1104').reported(local('2026-11-08T10:00:00')).events);
      let tables: MetricTable[] = [];
      expect(
        await computations(
          async () => (tables = await Promise.all([aMinuteOld(), aMinuteOld(), aMinuteOld()])),
        ),
      ).toBe(1);
      expect(new Set(tables.map((t) => reportedIn(t.items)))).toEqual(new Set([6]));
    });

    it('keeps a table that lapsed at pruning for them, and never serves it as holding', async () => {
      await settled();
      // Dated before the clock, which stays: the marks alone say the table no longer holds.
      const clock = await metrics.asOf();
      await apply(...story('1104').reported(local('2026-11-01T10:00:00')).events);
      expect(await metrics.asOf()).toEqual(clock);
      // The marks the table did not see go, and with them what tells it lapsed but its flag.
      await pruneEveryMark();
      const [kept] = await schema.dataSource.query<{ lapsed: boolean }[]>(
        `SELECT lapsed FROM metric_summaries WHERE subject = 'street' AND period_start = $1`,
        [november.period.start],
      );
      expect(kept).toEqual({ lapsed: true });
      expect(reportedIn((await aMinuteOld()).items)).toBe(6);
      expect(await computations(() => served('street', november))).toBe(1);
      expect(reportedIn(await served('street', november))).toBe(7);
      await summaries.idle(); // the computation started behind the aged table
    });
  });

  it('forgets every table when the read models are emptied (a rebuild)', async () => {
    await served();
    await schema.dataSource.query('TRUNCATE cases, case_timeline, patrol_passes, rebounds');
    const [{ kept }] = await schema.dataSource.query<{ kept: number }[]>(
      'SELECT count(*)::int AS kept FROM metric_summaries',
    );
    expect(kept).toBe(0);
    expect((await served()).every((s) => s.reported === 0)).toBe(true);
  });
});
