import type { EventEnvelope } from '@cityloop/contracts';
import { namedPeriod, periodBetween } from '@cityloop/domain';
import { projectionsMigrations } from '@cityloop/read-models';
import { openTestSchema, patrolPass, type TestSchema } from '@cityloop/testing';
import { demoDistrictStories } from '../../../../test/support/demo-district-stories';
import { MetricsReadModel, type SubjectMetrics } from './metrics-read-model';
import { MetricSummaries } from './metric-summaries';

/** Hand-made cases for every edge of docs/METRICS.md, on a real Postgres. */
describe('metric definitions at their edges', () => {
  const { district, projection, timeZone: TZ, local, placeIn, story } = demoDistrictStories();
  const [cell1, cell2, far] = [district.pack.cells[0], district.pack.cells[1], district.pack.cells.at(-1)!];

  let schema: TestSchema;
  let metrics: MetricsReadModel;
  const apply = async (...events: EventEnvelope[]) => {
    for (const event of events) await schema.dataSource.transaction((m) => projection.apply(event, m));
  };
  const streets = async (categoryCode: string, period = '2026-Q3') =>
    byId(
      (await metrics.table('street', { period: namedPeriod(period, TZ), categoryCode }, await metrics.asOf()))
        .items,
    );
  const departments = async (categoryCode: string, period = '2026-Q3') =>
    byId(
      (
        await metrics.table(
          'department',
          { period: namedPeriod(period, TZ), categoryCode },
          await metrics.asOf(),
        )
      ).items,
    );

  beforeAll(async () => {
    schema = await openTestSchema('metrics', 'projections', projectionsMigrations('projections'));
    metrics = new MetricsReadModel(schema.dataSource, district, new MetricSummaries(schema.dataSource));
  });
  afterAll(() => schema.close());

  it('gives the worked example of docs/METRICS.md figure by figure', async () => {
    await apply(patrolPass('worked', [cell1.code], local('2026-07-06T08:00:00')));
    const fixed = story(placeIn(cell1, '1102'))
      .reported(local('2026-07-06T10:00:00'))
      .filed(local('2026-07-06T10:30:00'))
      .dispatched(local('2026-07-06T10:30:00'), 'sanitation', local('2026-07-06T16:00:00'))
      .disposed(local('2026-07-06T15:00:00'))
      .failed(local('2026-07-06T15:30:00'))
      .disposed(local('2026-07-06T16:30:00'))
      .closed(local('2026-07-06T17:00:00'));
    const back = story(placeIn(cell1, '1102', 40), 'patrol').reported(local('2026-07-20T09:00:00'));
    await apply(...fixed.events, ...back.events);

    const week = { period: periodBetween('2026-07-06', '2026-07-12', TZ), categoryCode: '1102' };
    const street = byId((await metrics.table('street', week, await metrics.asOf())).items)[fixed.streetId];
    expect(street.timeToDiscover).toEqual({ count: 1, mean: 7200, median: 7200, p90: 7200, max: 7200 });
    expect(street).toMatchObject({ unknownOnset: 0, reported: 1, proactive: 0, missedReports: 1 });
    expect(street.timeToFile).toMatchObject({ count: 1, mean: 1800 });
    expect(street.timeToDispatch).toMatchObject({ count: 1, mean: 0 });
    expect(street.timeToDispose).toEqual({
      calendar: { count: 1, mean: 21600, median: 21600, p90: 21600, max: 21600 },
      working: { count: 1, mean: 16200, median: 16200, p90: 16200, max: 16200 },
    });
    expect(street.timeToClose).toMatchObject({ count: 1, mean: 25200 });
    expect(street.due).toBe(1);
    expect(street.rates).toMatchObject({
      disposal: { numerator: 1, denominator: 1, rate: 1 },
      onTimeDisposal: { numerator: 0, denominator: 1, rate: 0 },
      rework: { numerator: 1, denominator: 1, rate: 1 },
      closure: { numerator: 1, denominator: 1 },
      onTimeClosure: { numerator: 0, denominator: 1 },
      wrongDispatch: { numerator: 0 },
    });
    expect(street.rebound).toMatchObject({ closed: 1, rebounded: 1, rate: 1 });
    expect(await metrics.casesBehind('rates.onTimeDisposal', 'street', fixed.streetId, week, null)).toEqual([
      expect.objectContaining({ caseId: fixed.caseId, counted: false }),
    ]);
  });

  it('counts unknown onsets apart, never as zero; a caller onset wins over a patrol pass', async () => {
    await apply(patrolPass('onset', [cell2.code], local('2026-07-07T08:00:00')));
    const unknown = story(placeIn(far, '1103')).reported(local('2026-07-07T10:00:00'));
    const byPass = story(placeIn(cell2, '1103')).reported(local('2026-07-07T10:00:00'));
    const byCaller = story(placeIn(cell2, '1103')).reported(local('2026-07-07T10:00:00'), {
      onsetAt: local('2026-07-07T06:00:00'),
    });
    // A pass after the report bounds nothing.
    await apply(patrolPass('later', [far.code], local('2026-07-07T11:00:00')));
    await apply(...unknown.events, ...byPass.events, ...byCaller.events);

    const s = await streets('1103');
    expect(s[unknown.streetId]).toMatchObject({ unknownOnset: 1, timeToDiscover: { count: 0, mean: null } });
    expect(s[byPass.streetId].timeToDiscover).toEqual({
      count: 2,
      mean: 10800,
      median: 10800,
      p90: 7200 + 0.9 * 7200,
      max: 14400,
    });
  });

  it('counts a rebound one minute inside the window and not one minute outside', async () => {
    const a1 = story(placeIn(cell1, '1104')).reported(local('2026-07-01T09:00:00'));
    a1.filed(local('2026-07-01T09:10:00')).dispatched(
      local('2026-07-01T09:10:00'),
      'sanitation',
      local('2026-07-01T13:00:00'),
    );
    a1.disposed(local('2026-07-01T11:00:00')).closed(local('2026-07-10T10:00:00'));
    const inside = story(placeIn(cell2, '1104')).reported(local('2026-08-09T09:59:00'));
    const a2 = story(placeIn(far, '1104')).reported(local('2026-07-01T09:00:00'));
    a2.filed(local('2026-07-01T09:10:00')).dispatched(
      local('2026-07-01T09:10:00'),
      'sanitation',
      local('2026-07-01T13:00:00'),
    );
    a2.disposed(local('2026-07-01T11:00:00')).closed(local('2026-07-10T10:00:00'));
    const outside = story(placeIn(far, '1104')).reported(local('2026-08-09T10:01:00'));
    await apply(...a1.events, ...inside.events, ...a2.events, ...outside.events);

    const s = await streets('1104');
    expect(s[a1.streetId].rebound).toMatchObject({ closed: 1, rebounded: 1, rate: 1 });
    expect(s[a2.streetId].rebound).toMatchObject({ closed: 1, rebounded: 0, rate: 0 });
    expect((await departments('1104')).sanitation.rebound).toMatchObject({
      closed: 2,
      rebounded: 1,
      rate: 0.5,
    });
    const pairs = await metrics.reboundPairs({ period: namedPeriod('2026-Q3', TZ), categoryCode: '1104' });
    expect(pairs).toEqual([expect.objectContaining({ caseId: a1.caseId, reboundCaseId: inside.caseId })]);
  });

  it('moves a rebound to the next later case when the first is rejected, and drops it with the last', async () => {
    const closed = story(placeIn(cell1, '1109')).reported(local('2026-07-01T09:00:00'));
    closed
      .filed(local('2026-07-01T09:10:00'))
      .dispatched(local('2026-07-01T09:10:00'), 'sanitation', local('2026-07-01T13:00:00'));
    closed.disposed(local('2026-07-01T11:00:00')).closed(local('2026-07-02T10:00:00'));
    const first = story(placeIn(cell1, '1109', 40)).reported(local('2026-07-05T09:00:00'));
    const second = story(placeIn(cell2, '1109')).reported(local('2026-07-06T09:00:00'));
    // The later cases first, then the closure: whichever order they come in.
    await apply(...first.events, ...second.events, ...closed.events);
    const rebound = async () =>
      (await streets('1109'))[closed.streetId].rebound as { closed: number; rebounded: number };
    const pairs = async () =>
      (await metrics.reboundPairs({ period: namedPeriod('2026-Q3', TZ), categoryCode: '1109' })).map(
        (p) => p.reboundCaseId,
      );
    expect(await rebound()).toMatchObject({ closed: 1, rebounded: 1 });
    expect(await pairs()).toEqual([first.caseId, second.caseId].sort());

    await apply(first.rejected(local('2026-07-05T09:30:00')).events.at(-1)!);
    expect(await rebound()).toMatchObject({ closed: 1, rebounded: 1 });
    expect(await pairs()).toEqual([second.caseId]);

    await apply(second.rejected(local('2026-07-06T09:30:00')).events.at(-1)!);
    expect(await rebound()).toMatchObject({ closed: 1, rebounded: 0 });
    expect(await pairs()).toEqual([]);
  });

  it('drops a rebound made by a caller onset once an earlier onset moves it before the closure', async () => {
    const closed = story(placeIn(cell1, '1110')).reported(local('2026-07-01T09:00:00'));
    closed
      .filed(local('2026-07-01T09:10:00'))
      .dispatched(local('2026-07-01T09:10:00'), 'sanitation', local('2026-07-01T13:00:00'));
    closed.disposed(local('2026-07-01T11:00:00')).closed(local('2026-07-02T10:00:00'));
    // Reported 49 days after the closure, "since" 3 days after it: a rebound by its onset.
    const later = story(placeIn(cell2, '1110')).reported(local('2026-08-20T09:00:00'), {
      onsetAt: local('2026-07-05T09:00:00'),
    });
    await apply(...closed.events, ...later.events);
    const rebounded = async () =>
      ((await streets('1110'))[closed.streetId].rebound as { rebounded: number }).rebounded;
    expect(await rebounded()).toBe(1);
    // A second caller says it has been there since before the closure: no rebound after all.
    await apply(
      later.attached(local('2026-08-21T09:00:00'), 'hotline', local('2026-06-20T09:00:00')).events.at(-1)!,
    );
    expect(await rebounded()).toBe(0);
  });

  it('cuts a quarter at local midnight', async () => {
    const before = story(placeIn(cell1, '1105'));
    before.reported(local('2026-06-30T20:00:00')).filed(local('2026-06-30T20:00:00'));
    before.dispatched(local('2026-06-30T20:00:00'), 'sanitation', local('2026-07-01T12:00:00'));
    before.disposed(local('2026-06-30T23:59:59'));
    const after = story(placeIn(cell1, '1105'));
    after.reported(local('2026-06-30T20:00:00')).filed(local('2026-06-30T20:00:00'));
    after.dispatched(local('2026-06-30T20:00:00'), 'sanitation', local('2026-07-01T12:00:00'));
    after.disposed(local('2026-07-01T00:00:00'));
    await apply(...before.events, ...after.events);

    const [q2, q3] = [await streets('1105', '2026-Q2'), await streets('1105', '2026-Q3')];
    expect(q2[before.streetId].timeToDispose).toMatchObject({ calendar: { count: 1, max: 14399 } });
    expect(q3[before.streetId].timeToDispose).toMatchObject({ calendar: { count: 1, max: 14400 } });
    expect(q2[before.streetId]).toMatchObject({ reported: 2, due: 0 });
    expect(q3[before.streetId]).toMatchObject({ reported: 0, due: 2 });
  });

  it('leaves a public holiday out of the working time to dispose', async () => {
    // Thursday 24 September 2026; the 25th is a holiday (中秋), then the weekend.
    const slow = story(placeIn(cell1, '1106'));
    slow.reported(local('2026-09-24T16:00:00')).filed(local('2026-09-24T16:30:00'));
    slow.dispatched(local('2026-09-24T16:30:00'), 'sanitation', local('2026-09-28T11:00:00'));
    slow.disposed(local('2026-09-28T09:30:00'));
    await apply(...slow.events);

    const street = (await streets('1106'))[slow.streetId];
    expect(street.timeToDispose).toMatchObject({
      working: { count: 1, max: 7200 },
      calendar: { count: 1, max: 3 * 86400 + 17 * 3600 },
    });
    expect(street.rates).toMatchObject({ onTimeDisposal: { numerator: 1, denominator: 1 } });
  });

  it('counts a case returned twice once as a wrong dispatch, for the department that has it', async () => {
    const bounced = story(placeIn(cell1, '1107'));
    bounced.reported(local('2026-07-02T09:00:00')).filed(local('2026-07-02T09:05:00'));
    bounced
      .dispatched(local('2026-07-02T09:05:00'), 'sanitation', local('2026-07-02T13:05:00'))
      .returnApproved(local('2026-07-02T10:00:00'));
    bounced
      .dispatched(local('2026-07-02T10:00:00'), 'enforcement', local('2026-07-02T15:30:00'))
      .returnApproved(local('2026-07-02T11:00:00'));
    bounced.dispatched(local('2026-07-02T11:00:00'), 'housing', local('2026-07-03T11:00:00'));
    await apply(...bounced.events);

    const d = await departments('1107');
    expect(d.housing).toMatchObject({ due: 1, rates: { wrongDispatch: { numerator: 1, denominator: 1 } } });
    expect(d.sanitation.due).toBe(0);
    expect(d.enforcement.due).toBe(0);
  });

  it('keeps postponed cases out of the closure denominators and out of overdue-open', async () => {
    const waiting = story(placeIn(cell1, '1108'));
    waiting.reported(local('2026-07-03T09:00:00')).filed(local('2026-07-03T09:00:00'));
    waiting.dispatched(local('2026-07-03T09:00:00'), 'sanitation', local('2026-07-03T14:30:00'));
    waiting.postponed(local('2026-07-03T10:00:00'));
    const done = story(placeIn(cell1, '1108'));
    done.reported(local('2026-07-03T09:00:00')).filed(local('2026-07-03T09:00:00'));
    done.dispatched(local('2026-07-03T09:00:00'), 'sanitation', local('2026-07-03T14:30:00'));
    done.disposed(local('2026-07-03T11:00:00')).closed(local('2026-07-03T12:00:00'));
    await apply(...waiting.events, ...done.events);

    const street = (await streets('1108'))[done.streetId];
    expect(street.due).toBe(2);
    expect(street.rates).toMatchObject({
      closure: { numerator: 1, denominator: 1, rate: 1 },
      onTimeClosure: { numerator: 1, denominator: 1 },
      overdueOpen: { numerator: 0, denominator: 2 },
      disposal: { numerator: 1, denominator: 2 },
    });
  });
});

// The figures as the tests read them (the API's JSON).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Figures = Record<string, any>;

function byId(items: SubjectMetrics[]): Record<string, Figures> {
  return Object.fromEntries(items.map((item) => [String(item.streetId ?? item.departmentId), item]));
}
