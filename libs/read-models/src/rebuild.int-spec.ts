import { metricRulesOf } from '@cityloop/domain';
import type { EventStore } from '@cityloop/event-store';
import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { CaseProjection } from './case-projection';
import { projectionsMigrations } from './migrations';
import { rebuildReadModels } from './rebuild';
import { setAsideIndexes } from './set-aside-indexes';

describe('a rebuild that fails, or is refused', () => {
  const { pack } = DistrictReference.load(demoPackPath());
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await openTestSchema('rebuild_fails', 'projections', projectionsMigrations('projections'));
  });
  afterAll(() => schema.close());

  it('builds the indexes it set aside again before it throws, and leaves no record of them', async () => {
    const indexes = () =>
      schema.dataSource.query(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'projections' ORDER BY 1",
      );
    const before = await indexes();
    // A store that counts its events, then cannot be read: the rebuild fails in its first step,
    // with the timelines' indexes set aside.
    const unreadable = {
      count: async () => 1,
      readAll: async () => {
        throw new Error('the store is unreachable');
      },
    } as unknown as EventStore;
    await expect(
      rebuildReadModels(
        schema.dataSource,
        [unreadable],
        new CaseProjection({ calendar: pack.calendar, rules: metricRulesOf(pack) }),
        () => undefined,
      ),
    ).rejects.toThrow('the store is unreachable');
    expect(await indexes()).toEqual(before);
    expect(await schema.dataSource.query('SELECT * FROM rebuild_set_aside_indexes')).toEqual([]);
  });

  it("refused while another runs, leaves that rebuild's indexes set aside as they are", async () => {
    const other = schema.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', ['cityloop.projections.rebuild']);
      await setAsideIndexes(schema.dataSource, 'cases');
      const setAside = await schema.dataSource.query('SELECT index_name FROM rebuild_set_aside_indexes');
      expect(setAside.length).toBeGreaterThan(10);
      await expect(
        rebuildReadModels(
          schema.dataSource,
          [],
          new CaseProjection({ calendar: pack.calendar, rules: metricRulesOf(pack) }),
          () => undefined,
        ),
      ).rejects.toThrow('another rebuild of the projections is running');
      expect(await schema.dataSource.query('SELECT index_name FROM rebuild_set_aside_indexes')).toEqual(
        setAside,
      );
    } finally {
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', ['cityloop.projections.rebuild']);
      await other.release();
    }
  });
});
