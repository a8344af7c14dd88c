import { metricRulesOf } from '@cityloop/domain';
import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { CaseStory, openTestSchema, type TestSchema } from '@cityloop/testing';
import { CaseProjection } from './case-projection';
import { projectionsMigrations } from './migrations';
import { buildSetAsideIndexes, setAsideIndexes } from './set-aside-indexes';

describe("a table's indexes set aside for a bulk write", () => {
  const { pack } = DistrictReference.load(demoPackPath());
  const projection = new CaseProjection({ calendar: pack.calendar, rules: metricRulesOf(pack) });
  let schema: TestSchema;

  const indexes = async (table: string) =>
    schema.dataSource.query<{ indexname: string; indexdef: string }[]>(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname`,
      [table],
    );
  const recorded = async () =>
    (
      await schema.dataSource.query<{ index_name: string }[]>(
        'SELECT index_name FROM rebuild_set_aside_indexes ORDER BY index_name COLLATE "C"',
      )
    ).map((r) => r.index_name);

  beforeAll(async () => {
    schema = await openTestSchema('set_aside', 'projections', projectionsMigrations('projections'));
  });
  afterAll(() => schema.close());

  it("drops all but the constraints' indexes, records them, and builds the same ones again", async () => {
    const cases = await indexes('cases');
    const timeline = await indexes('case_timeline');
    expect(cases.length).toBeGreaterThan(10);

    await setAsideIndexes(schema.dataSource, 'cases');
    await setAsideIndexes(schema.dataSource, 'case_timeline');
    expect((await indexes('cases')).map((i) => i.indexname)).toEqual(['cases_pkey']);
    expect((await indexes('case_timeline')).map((i) => i.indexname)).toEqual(['case_timeline_pkey']);
    const others = [...cases, ...timeline]
      .map((i) => i.indexname)
      .filter((n) => !n.endsWith('_pkey'))
      .map((n) => `projections.${n}`);
    expect(await recorded()).toEqual(others.sort());

    await buildSetAsideIndexes(schema.dataSource, 2);
    expect(await indexes('cases')).toEqual(cases);
    expect(await indexes('case_timeline')).toEqual(timeline);
    expect(await recorded()).toEqual([]);
  });

  it('keeps a unique index that backs no constraint, and builds each index once with two builders at once', async () => {
    await schema.dataSource.query(
      'CREATE UNIQUE INDEX patrol_passes_unique_probe ON patrol_passes (patrol_id, cell_code, passed_at)',
    );
    const before = await indexes('patrol_passes');
    await setAsideIndexes(schema.dataSource, 'patrol_passes');
    const kept = (await indexes('patrol_passes')).map((i) => i.indexname);
    expect(kept).toContain('patrol_passes_unique_probe');
    await Promise.all([
      buildSetAsideIndexes(schema.dataSource, 2),
      buildSetAsideIndexes(schema.dataSource, 2),
    ]);
    expect(await indexes('patrol_passes')).toEqual(before);
    expect(await recorded()).toEqual([]);
    await schema.dataSource.query('DROP INDEX patrol_passes_unique_probe');
  });

  it('keeps the projection writing right while they are set aside (ON CONFLICT has its keys)', async () => {
    const story = new CaseStory('00000000-0000-4000-8000-0000000000a1', {
      categoryCode: pack.categories[0].code,
      gridCellCode: pack.cells[0].code,
      lng: pack.cells[0].centroid[0],
      lat: pack.cells[0].centroid[1],
    })
      .reported('2026-07-01T01:00:00.000Z')
      .filed('2026-07-01T01:10:00.000Z');
    await setAsideIndexes(schema.dataSource, 'cases');
    await setAsideIndexes(schema.dataSource, 'case_timeline');
    // Each event twice: the second adds nothing.
    for (const event of [...story.events, ...story.events])
      await schema.dataSource.transaction((m) => projection.applyAll([event], m));
    await buildSetAsideIndexes(schema.dataSource, 2);
    const [row] = await schema.dataSource.query<{ status: string; events: number }[]>(
      `SELECT status, (SELECT count(*)::int FROM case_timeline WHERE case_id = $1) AS events
         FROM cases WHERE case_id = $1`,
      [story.caseId],
    );
    expect(row).toEqual({ status: 'filed', events: 2 });
  });

  it('builds what a rebuild that did not finish left set aside, whoever set it aside', async () => {
    const before = await indexes('cases');
    await setAsideIndexes(schema.dataSource, 'cases');
    // A new pool, as the next rebuild's process would have.
    await schema.dataSource.destroy();
    await schema.dataSource.initialize();
    await buildSetAsideIndexes(schema.dataSource, 1);
    expect(await indexes('cases')).toEqual(before);
    expect(await recorded()).toEqual([]);
  });
});
