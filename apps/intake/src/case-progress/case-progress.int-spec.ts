import type { EventEnvelope } from '@cityloop/contracts';
import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { CaseStory, openTestSchema, type TestSchema } from '@cityloop/testing';
import { intakeMigrations } from '../migrations';
import { CaseProgress } from './case-progress';

const local = (wallTime: string) => `${wallTime}+08:00`;

/** Twelve cases down every path the Open311 view tells apart. */
function stories(): CaseStory[] {
  const district = DistrictReference.load(demoPackPath());
  return Array.from({ length: 12 }, (_, n) => {
    const cell = district.pack.cells[n * 17];
    const story = new CaseStory(`44444444-4444-4444-8444-${String(n).padStart(12, '0')}`, {
      categoryCode: '1102',
      gridCellCode: cell.code,
      lng: cell.centroid[0],
      lat: cell.centroid[1],
    }).reported(local('2026-07-06T09:00:00'));
    if (n % 6 === 5) return story.rejected(local('2026-07-06T09:30:00'));
    story
      .filed(local('2026-07-06T09:30:00'))
      .dispatched(local('2026-07-06T09:30:00'), 'sanitation', local('2026-07-06T14:30:00'));
    if (n % 6 === 1) story.extended(local('2026-07-06T11:00:00'), local('2026-07-07T11:00:00'));
    if (n % 6 === 2)
      story
        .returnApproved(local('2026-07-06T10:00:00'))
        .dispatched(local('2026-07-06T10:00:00'), 'greening', local('2026-07-06T15:00:00'));
    if (n % 6 >= 3) story.signed(local('2026-07-06T10:00:00')).disposed(local('2026-07-06T12:00:00'));
    if (n % 6 === 4) story.closed(local('2026-07-06T13:00:00'));
    return story;
  });
}

describe('case progress under reordering and duplicates, against Postgres', () => {
  let schema: TestSchema;
  const progress = new CaseProgress(DistrictReference.load(demoPackPath()));
  const events = stories().flatMap((s) => s.events);
  const table = async () =>
    schema.dataSource.query<Record<string, unknown>[]>('SELECT * FROM case_progress ORDER BY case_id');
  const recordOneByOne = async (list: EventEnvelope[]) => {
    for (const event of list) await schema.dataSource.transaction((m) => progress.record(m, [event]));
  };

  beforeAll(async () => {
    schema = await openTestSchema('intake_progress', 'intake', intakeMigrations('intake'));
  });
  afterAll(() => schema.close());

  it('ends with the same rows whatever the order, with every event twice, and together or one by one', async () => {
    await schema.dataSource.transaction((m) => progress.record(m, events));
    const inOrder = await table();
    expect(inOrder).toHaveLength(12);
    expect(inOrder.map((r) => r.status)).toEqual(
      expect.arrayContaining(['dispatched', 'disposed', 'closed', 'rejected']),
    );
    expect(inOrder.filter((r) => r.department_id === 'greening')).toHaveLength(2);

    for (const seed of [1, 2, 3]) {
      await schema.dataSource.query('TRUNCATE case_progress, case_progress_events');
      const shuffled = [...events, ...events]
        .map((event, i) => ({ event, key: Math.sin(seed * 1000 + i) }))
        .sort((a, b) => a.key - b.key)
        .map((x) => x.event);
      await recordOneByOne(shuffled);
      expect(await table()).toEqual(inOrder);
    }
  });

  it('serialises two transactions adding events of the same case', async () => {
    await schema.dataSource.query('TRUNCATE case_progress, case_progress_events');
    const [story] = stories();
    const [reported, ...rest] = story.events;
    await schema.dataSource.transaction((m) => progress.record(m, [reported]));
    await Promise.all(rest.map((event) => schema.dataSource.transaction((m) => progress.record(m, [event]))));
    const [row] = await table();
    expect(row).toMatchObject({ status: 'dispatched', department_id: 'sanitation' });
  });
});
