import type { EventEnvelope } from '@cityloop/contracts';
import { projectionsMigrations } from '@cityloop/read-models';
import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { demoDistrictStories } from '../../../../test/support/demo-district-stories';
import { MetricsReadModel } from '../metrics/metrics-read-model';
import { MetricSummaries } from '../metrics/metric-summaries';
import { EvaluationBuilder } from './evaluation-builder';
import { contentHashOf, EvaluationRecords } from './evaluation-records';

interface Ranked {
  id: string;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  composite: number | null;
  percentage: number | null;
  grade: string | null;
}

/** The quarterly evaluation on real Postgres: ranks and their change, imports, findings, frozen publications. */
describe('the quarterly evaluation', () => {
  const {
    district,
    projection,
    local,
    placeIn,
    story: storyAt,
  } = demoDistrictStories('00000000-0000-4000-9000-');
  const cellOf = (streetId: string) => district.pack.cells.find((c) => c.streetId === streetId)!;
  let schema: TestSchema;
  let builder: EvaluationBuilder;
  let records: EvaluationRecords;

  /** A case of the street, due on `day`, disposed on time or late. */
  const dueCase = (streetId: string, day: string, onTime: boolean, departmentId = 'sanitation') => {
    const story = storyAt(placeIn(cellOf(streetId), '1102'));
    story.reported(local(`${day}T09:00:00`)).filed(local(`${day}T09:00:00`));
    story.dispatched(local(`${day}T09:00:00`), departmentId, local(`${day}T13:00:00`));
    story.disposed(local(`${day}T${onTime ? '11' : '15'}:00:00`)).closed(local(`${day}T16:00:00`));
    return story.events;
  };
  const apply = async (events: EventEnvelope[]) => {
    for (const event of events) await schema.dataSource.transaction((m) => projection.apply(event, m));
  };
  const byId = (items: unknown) => Object.fromEntries((items as Ranked[]).map((i) => [i.id, i]));

  beforeAll(async () => {
    schema = await openTestSchema('evaluation', 'projections', projectionsMigrations('projections'));
    records = new EvaluationRecords(schema.dataSource);
    builder = new EvaluationBuilder(
      new MetricsReadModel(schema.dataSource, district, new MetricSummaries(schema.dataSource)),
      records,
      district,
    );
    // Q2: street 001 on time, 002 late. Q3: the other way round.
    await apply([...dueCase('310199001', '2026-06-02', true), ...dueCase('310199002', '2026-06-02', false)]);
    await apply([
      ...dueCase('310199001', '2026-07-02', false),
      ...dueCase('310199002', '2026-07-02', true, 'enforcement'),
    ]);
  });
  afterAll(() => schema.close());

  it('ranks streets with the change in place against the previous quarter', async () => {
    const q3 = await builder.build('2026-Q3');
    const streets = byId(q3.streets);
    // On time: 30 + 20 + 20 + 20 + 10 = 100; late: 100 - 20 (on-time disposal) = 80.
    expect(streets['310199002']).toMatchObject({
      composite: 100,
      rank: 1,
      previousRank: 2,
      rankChange: 1,
      grade: 'A',
    });
    expect(streets['310199001']).toMatchObject({
      composite: 80,
      rank: 2,
      previousRank: 1,
      rankChange: -1,
      grade: 'B',
    });
    expect(streets['310199003']).toMatchObject({ composite: null, rank: null, grade: null });
  });

  it('adds imported parts and keeps earlier findings that are still open', async () => {
    await records.saveImport(
      '2026-Q2',
      'thirdParty',
      'evaluator',
      [],
      [
        { ref: 'TP-1', subject: 'street', id: '310199001', title: '背街小巷垃圾积存', status: 'open' },
        { ref: 'TP-2', subject: 'street', id: '310199002', title: '占道经营', status: 'open' },
      ],
    );
    await records.saveImport(
      '2026-Q3',
      'thirdParty',
      'evaluator',
      [{ subject: 'street', id: '310199001', score: 50 }],
      [{ ref: 'TP-2', subject: 'street', id: '310199002', title: '占道经营', status: 'resolved' }],
    );
    const q3 = await builder.build('2026-Q3');
    // Assessment 80% of 600, hotline 100% of 100 (filed and closed; no follow-up yet), third party
    // 50% of 150; experts and media not imported: graded out of 850.
    expect(byId(q3.streets)['310199001']).toMatchObject({ earned: 480 + 100 + 75, available: 850 });
    expect(byId(q3.streets)['310199001'].percentage).toBeCloseTo((655 / 850) * 100, 10);
    expect(q3.findings).toMatchObject({
      stillOpenFromEarlier: [{ ref: 'TP-1', firstQuarter: '2026-Q2', status: 'open' }],
      current: [{ ref: 'TP-2', status: 'resolved' }],
    });
  });

  it('freezes a published quarter: later events move the live figures, not the published ones', async () => {
    const first = await records.publish('2026-Q3', 'evaluator', await builder.build('2026-Q3'));
    expect(first).toMatchObject({ version: 1, fresh: true });
    // Nothing changed: publishing again is the same version, not a new one.
    const again = await records.publish('2026-Q3', 'evaluator', await builder.build('2026-Q3'));
    expect(again).toMatchObject({ version: 1, fresh: false, contentHash: first.contentHash });
    await apply(dueCase('310199002', '2026-07-03', false, 'enforcement'));

    const published = await records.publication('2026-Q3');
    expect(published).toMatchObject({ version: 1, contentHash: first.contentHash });
    expect(contentHashOf(published!.snapshot)).toBe(first.contentHash);
    expect(byId(published!.snapshot.streets)['310199002'].composite).toBe(100);
    const live = await builder.build('2026-Q3');
    expect(byId(live.streets)['310199002'].composite).toBe(90);

    const second = await records.publish('2026-Q3', 'evaluator', live);
    expect(second).toMatchObject({ version: 2, fresh: true });
    // A snapshot built on fewer events (a publication racing this one) does not come last.
    const stale = await records.publish('2026-Q3', 'evaluator', {
      ...live,
      asOf: '2026-01-01T00:00:00.000Z',
    });
    expect(stale).toMatchObject({ version: 2, fresh: false, contentHash: second.contentHash });
    expect(second.contentHash).not.toBe(first.contentHash);
    expect((await records.publication('2026-Q3', 1))!.contentHash).toBe(first.contentHash);
    await expect(
      schema.dataSource.query("UPDATE evaluation_publications SET content_hash = 'x'"),
    ).rejects.toThrow(/frozen/);
  });
});
