import type { EventEnvelope, PublishingService } from '@cityloop/contracts';
import { eventStoreMigration } from '@cityloop/event-store';
import { demoPackPath, DistrictReference } from '@cityloop/service-kit';
import { CaseStory } from '@cityloop/testing';
import { DataSource } from 'typeorm';
import { seededRandom } from '../../support/seeded-random';

const STORES: PublishingService[] = ['intake', 'dispatch', 'disposal', 'verification'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A busy central district's 数字城管 and 12345 cases a day: beyond it, more cases are more history. */
const CASES_A_DAY = 1_000;
const FROM = Date.UTC(2026, 0, 5);
const TO = Date.UTC(2026, 10, 20);
/** The cases 2026 holds at that rate (Jan 5 to Nov 20); case n beyond them goes to earlier years. */
const IN_2026 = ((TO - FROM) / DAY) * CASES_A_DAY;

const district = DistrictReference.load(process.env.DISTRICT_PACK || demoPackPath());

/**
 * The pack's categories, the k-th drawn with weight 1/k: a few categories make most of a district's
 * cases (the first three, two fifths of them), and every one occurs. (Until 2026-11-28 the category
 * was categories[n * 31 % 62], which gave two categories only, each in half the cells: rebound
 * look-ups then met about 31 times the density intended.)
 */
const CUMULATIVE_WEIGHT = district.pack.categories.reduce<number[]>(
  (sums, _, k) => [...sums, (sums.at(-1) ?? 0) + 1 / (k + 1)],
  [],
);
function categoryAt(u: number) {
  const target = u * CUMULATIVE_WEIGHT.at(-1)!;
  const k = CUMULATIVE_WEIGHT.findIndex((sum) => sum > target);
  return district.pack.categories[k === -1 ? CUMULATIVE_WEIGHT.length - 1 : k];
}

/**
 * Case n's story, as the four services would have stored it: reported in 2026 (Jan 5 to Nov 20)
 * or, past 1,000 cases a day there, in the years before, day by day backwards; most filed, dispatched to the category's department, signed, disposed and closed; some rejected,
 * some still open, some sent back for rework once, some followed up by the hotline.
 */
function storyOf(n: number): CaseStory {
  const { cells } = district.pack;
  const place = seededRandom(0x5bd1e995 ^ n);
  const cell = cells[Math.floor(place() * cells.length)];
  const category = categoryAt(place());
  const roll = seededRandom(n + 1);
  const story = new CaseStory(
    `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    { categoryCode: category.code, gridCellCode: cell.code, lng: cell.centroid[0], lat: cell.centroid[1] },
    roll() < 0.6 ? 'hotline' : 'patrol',
  );
  const start =
    n < IN_2026 ? FROM + roll() * (TO - FROM) : FROM - ((n - IN_2026) / CASES_A_DAY + roll()) * DAY;
  const at = (hours: number) => new Date(start + hours * HOUR).toISOString();
  story.reported(at(0), roll() < 0.3 ? { onsetAt: at(-roll() * 48) } : {});
  if (roll() < 0.05) return story.rejected(at(0.2));
  if (roll() < 0.1) story.attached(at(0.1), 'hotline');
  story.filed(at(0.2)).dispatched(at(0.3), category.defaultDepartmentId, at(48));
  if (roll() < 0.08) return story; // still open, unsigned
  story.signed(at(1));
  const disposedAfter = 2 + roll() * 70;
  story.disposed(at(disposedAfter));
  if (roll() < 0.12) story.failed(at(disposedAfter + 1)).disposed(at(disposedAfter + 5));
  if (roll() < 0.05) return story; // disposed, waiting for the check
  story.closed(at(disposedAfter + 8));
  if (story.source === 'hotline' && roll() < 0.3) story.followedUp(at(disposedAfter + 30), 'satisfied');
  return story;
}

/**
 * The documented bulk path (docs/PERFORMANCE.md): cases `from` to `to` written straight into the
 * four event stores, 5,000 rows per INSERT, bypassing the services and Kafka; the stream table is
 * brought up to date afterwards. Only the measuring of rebuild and queries reads them, through the
 * real paths (the rebuild command, the projections API). Returns how many events it wrote.
 */
export async function bulkLoadCases(databaseUrl: string, from: number, to: number): Promise<number> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl, poolSize: 4 }).initialize();
  let written = 0;
  try {
    for (const store of STORES) {
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${store}`);
      const exists = await dataSource.query(`SELECT to_regclass('${store}.events') AS t`);
      if (!exists[0].t) {
        const runner = dataSource.createQueryRunner();
        await new (eventStoreMigration(store))().up(runner);
        await runner.release();
      }
    }
    const pending = new Map<PublishingService, EventEnvelope[]>(STORES.map((s) => [s, []]));
    const flush = async (store: PublishingService) => {
      const events = pending.get(store)!;
      if (events.length === 0) return;
      pending.set(store, []);
      written += events.length;
      await dataSource.query(
        `INSERT INTO ${store}.events (event_id, stream_id, stream_version, case_id, type, schema_version,
           occurred_at, correlation_id, causation_id, actor, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::int[],
           $7::timestamptz[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[])`,
        [
          events.map((e) => e.eventId),
          events.map((e) => e.streamId),
          events.map((e) => e.streamVersion),
          events.map((e) => e.caseId),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => e.occurredAt),
          events.map((e) => e.correlationId),
          events.map((e) => e.causationId),
          events.map((e) => JSON.stringify(e.actor)),
          events.map((e) => JSON.stringify(e.payload)),
        ],
      );
    };
    for (let n = from; n < to; n++) {
      for (const event of storyOf(n).events) {
        const batch = pending.get(event.source)!;
        batch.push(event);
        if (batch.length >= 5000) await flush(event.source);
      }
    }
    for (const store of STORES) {
      await flush(store);
      await dataSource.query(
        `INSERT INTO ${store}.streams (stream_id, version)
         SELECT stream_id, max(stream_version) FROM ${store}.events GROUP BY stream_id
         ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version`,
      );
    }
    return written;
  } finally {
    await dataSource.destroy();
  }
}
