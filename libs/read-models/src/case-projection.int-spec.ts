import type { EventEnvelope } from '@cityloop/contracts';
import { metricRulesOf } from '@cityloop/domain';
import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { CaseStory, openTestSchema, patrolPass, type TestSchema } from '@cityloop/testing';
import { DataSource } from 'typeorm';
import { CaseProjection } from './case-projection';
import { ALL_REBOUNDS_SQL } from './rebound-pairs';
import { readModelChecksums } from './checksum';
import { projectionsMigrations } from './migrations';
import { READ_MODEL_TABLES } from './rebuild';

/** A small seeded PRNG (mulberry32): the same seed, the same stories and the same shuffles. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The case projection gives the same tables whatever order the services' events arrive in, with
 * duplicates, one by one or in batches, and across a restart: the same events in three shuffled
 * orders, 10% of them twice, the process restarted half way, against a clean run in the loop's
 * order. The first rebounds kept along the way equal the definition's over the final cases.
 */
describe('the case projection under reordering, duplicates and a restart', () => {
  const { pack } = DistrictReference.load(demoPackPath());
  const settings = { calendar: pack.calendar, rules: metricRulesOf(pack) };
  const events = storyEvents(random(4), pack.cells.slice(0, 40));
  let schema: TestSchema;

  /** One event per transaction, or (as the rebuild does) batches of up to `batch` events. */
  const applyAll = async (dataSource: DataSource, list: EventEnvelope[], batch = 1) => {
    const projection = new CaseProjection(settings);
    for (let i = 0; i < list.length; i += batch)
      await dataSource.transaction((m) => projection.applyAll(list.slice(i, i + batch), m));
  };
  const rebounds = async () =>
    schema.dataSource.query<{ case_id: string; rebound_case_id: string; distance_metres: number }[]>(
      'SELECT case_id, rebound_case_id, distance_metres FROM rebounds ORDER BY 1, 2',
    );

  beforeAll(async () => {
    schema = await openTestSchema('projection_order', 'projections', projectionsMigrations('projections'));
  });
  afterAll(() => schema.close());

  it('ends with the same tables as a clean run', async () => {
    expect(events.length).toBeGreaterThan(1000);
    await applyAll(schema.dataSource, events);
    const clean = await readModelChecksums(schema.dataSource);
    const [{ cases }] = await schema.dataSource.query<{ cases: number }[]>(
      'SELECT count(*)::int AS cases FROM cases',
    );
    expect(cases).toBe(150);
    // The first rebounds kept event by event are the definition's over the final cases.
    const firsts = await rebounds();
    expect(firsts.length).toBeGreaterThan(5);
    expect(firsts).toEqual(
      await schema.dataSource.query(`SELECT * FROM (${ALL_REBOUNDS_SQL}) d ORDER BY 1, 2`, [
        settings.rules.reboundRadiusMetres,
        settings.rules.reboundWindowDays,
      ]),
    );

    for (const seed of [11, 12, 13]) {
      const next = random(seed);
      const shuffled = [...events];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const withDuplicates = shuffled.flatMap((e) => (next() < 0.1 ? [e, e] : [e]));
      await schema.dataSource.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);

      const half = Math.floor(withDuplicates.length / 2);
      // The last order goes in batches, duplicates and several events of a case in one batch.
      const batch = seed === 13 ? 97 : 1;
      await applyAll(schema.dataSource, withDuplicates.slice(0, half), batch);
      // A restart: a new process with a new pool and a new projection picks up where it stopped.
      const restarted = await new DataSource(schema.dataSource.options).initialize();
      try {
        await applyAll(restarted, withDuplicates.slice(half), batch);
      } finally {
        await restarted.destroy();
      }
      expect(await readModelChecksums(schema.dataSource)).toEqual(clean);
    }
  });

  it("ends with the same tables when every event is kept first, then each case folded once, then the rebounds written (the rebuild's steps)", async () => {
    await applyAll(schema.dataSource, events);
    const clean = await readModelChecksums(schema.dataSource);
    await schema.dataSource.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    const projection = new CaseProjection(settings);
    for (let i = 0; i < events.length; i += 300)
      await schema.dataSource.transaction((m) => projection.keepAll(events.slice(i, i + 300), m));
    const cases = await schema.dataSource.query<{ caseId: string }[]>(
      'SELECT DISTINCT case_id AS "caseId" FROM case_timeline ORDER BY 1',
    );
    for (let i = 0; i < cases.length; i += 40)
      await schema.dataSource.transaction((m) =>
        projection.foldCases(
          cases.slice(i, i + 40).map((c) => c.caseId),
          m,
          { deferRebounds: true },
        ),
      );
    expect(await rebounds()).toEqual([]);
    const closed = await schema.dataSource.query<{ caseId: string; categoryCode: string }[]>(
      'SELECT case_id AS "caseId", category_code AS "categoryCode" FROM cases ORDER BY 1',
    );
    await schema.dataSource.transaction((m) => projection.addRebounds(closed, m));
    expect(await readModelChecksums(schema.dataSource)).toEqual(clean);
  });
});

/** 150 cases over Q3 2026 in 40 cells, taking every path of the loop, and patrol passes. */
function storyEvents(
  next: () => number,
  cells: { code: string; centroid: [number, number] }[],
): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const day = (d: number, hour: number) =>
    new Date(Date.UTC(2026, 6, 1 + d, hour - 8, Math.floor(next() * 60))).toISOString();
  const later = (at: string, hours: number) =>
    new Date(new Date(at).getTime() + hours * 3_600_000).toISOString();
  for (let p = 0; p < 60; p++) {
    events.push(
      patrolPass(`order-${p}`, [pick(cells).code, pick(cells).code], day(Math.floor(next() * 90), 8)),
    );
  }
  for (let n = 0; n < 150; n++) {
    const cell = pick(cells);
    const story = new CaseStory(
      `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
      {
        categoryCode: pick(['1102', '1103', '0101']),
        gridCellCode: cell.code,
        lng: cell.centroid[0],
        lat: cell.centroid[1],
      },
      pick(['hotline', 'hotline', 'patrol', 'video', 'app']),
    );
    const reportedAt = day(Math.floor(next() * 85), 9 + Math.floor(next() * 8));
    story.reported(reportedAt, next() < 0.5 ? { onsetAt: later(reportedAt, -next() * 48) } : {});
    if (next() < 0.2) story.attached(later(reportedAt, 1), 'hotline', later(reportedAt, -72));
    if (next() < 0.05) {
      story.rejected(later(reportedAt, 0.5));
    } else {
      const filedAt = later(reportedAt, next());
      story.filed(filedAt).dispatched(filedAt, pick(['sanitation', 'enforcement']), later(filedAt, 6));
      if (next() < 0.1)
        story.returnApproved(later(filedAt, 1)).dispatched(later(filedAt, 1), 'housing', later(filedAt, 8));
      if (next() < 0.5) story.signed(later(filedAt, 1.5));
      if (next() < 0.1) story.extended(later(filedAt, 2), later(filedAt, 30));
      if (next() < 0.05) story.postponed(later(filedAt, 2.5));
      else if (next() < 0.9) {
        story.disposed(later(filedAt, 3 + next() * 6));
        if (next() < 0.2) story.failed(later(filedAt, 10)).disposed(later(filedAt, 12));
        if (next() < 0.85) {
          story.closed(later(filedAt, 14));
          if (story.source === 'hotline')
            story.followedUp(later(filedAt, 20), pick(['satisfied', 'basically', 'unsatisfied']));
          if (next() < 0.05)
            story
              .reopened(later(filedAt, 21))
              .dispatched(later(filedAt, 21), 'sanitation', later(filedAt, 27));
        }
      }
    }
    events.push(...story.events);
  }
  return events;
}
