import type { ServiceName } from '@cityloop/contracts';
import { waitFor } from '@cityloop/testing';
import { Pool } from 'pg';
import { consumerLag, resetGroupsToEarliest } from '../support/consumer-lag';
import { compareWithOracle, quartersFrom, whenCaughtUp } from '../support/oracle-comparison';
import { bearer, demoDistrict, TestStack } from '../support/service-processes';
import { simulate } from '../support/simulator';

/**
 * Fault tests 2 and 4 (docs/RELIABILITY.md). Under a simulated load, every consuming service dies
 * with SIGKILL between its database commit and its offset commit (CITYLOOP_FAULTS
 * consumer.after-commit:N) and is started again: Kafka redelivers what it had done, and the
 * metrics still equal the oracle's. Then every consumer group goes back to the earliest offset:
 * everything is delivered again, and not one row of any service's tables changes.
 */
const CONSUMERS: ServiceName[] = ['intake', 'dispatch', 'disposal', 'verification', 'projections'];
const SCHEMAS = ['intake', 'dispatch', 'disposal', 'verification', 'projections'];

let stack: TestStack;
let db: Pool;

beforeAll(async () => {
  stack = await TestStack.create('consumer-crash', CONSUMERS);
  await stack.start();
  stack.service('projections').actAs(bearer('evaluator'));
  db = new Pool({ connectionString: stack.db.url, max: 3 });
}, 180_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
}, 60_000);

/**
 * The kept metric tables and the marks of changes they have seen: a cache, pruned every minute
 * whatever is delivered (MetricSummaries.prune). Instead, no mark may be written after the
 * redelivery starts: every change to cases, rebounds or patrol passes writes one, and a trigger of
 * the test's own copies each into a log the pruning does not touch.
 */
const CACHES = ['projections.metric_summaries', 'projections.metric_marks'];

/** An md5 of every row of every table of the five services' schemas (caches aside), table by table. */
async function everyTable(): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND NOT table_schema || '.' || table_name = ANY($2)
      ORDER BY 1`,
    [SCHEMAS, CACHES],
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ sum: string }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM ${name} t`,
    );
    sums[name] = rows[0].sum;
  }
  return sums;
}

const settled = () => whenCaughtUp(db, stack.topicPrefix);

describe('consuming services killed between their database commit and their offset commit', () => {
  it('each dies, comes back, and the metrics equal the oracle', async () => {
    // Armed at different depths, so that they die at different moments of the load.
    const deaths = new Map<ServiceName, number>();
    for (const [i, service] of CONSUMERS.entries()) {
      await stack.service(service).kill('SIGTERM');
      await stack.service(service).start({ CITYLOOP_FAULTS: `consumer.after-commit:${40 + 25 * i}` });
    }
    // The supervisor: whoever died is started again, unarmed.
    let supervising = true;
    const supervisor = (async () => {
      while (supervising) {
        for (const service of CONSUMERS) {
          const instance = stack.service(service);
          if (!instance.running) {
            deaths.set(service, (deaths.get(service) ?? 0) + 1);
            await instance.start();
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    const summary = await simulate(stack, 120, 9);
    await waitFor(
      async () => deaths.size,
      (n) => n === CONSUMERS.length,
      {
        what: 'every consuming service killed at its fault point',
        timeoutMs: 120_000,
      },
    );
    supervising = false;
    await supervisor;
    expect(summary.byOutcome.closed).toBeGreaterThan(40);
    await settled();

    const comparison = await compareWithOracle(
      db,
      (path) => stack.service('projections').get(path),
      quartersFrom('2026-Q2', 2),
      demoDistrict().pack.district.timeZone,
    );
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.totals.due).toBeGreaterThan(40);
    expect([...deaths.keys()].sort()).toEqual([...CONSUMERS].sort());
  }, 900_000);

  it('every consumer group back at the earliest offset: everything delivered again, not one row changes', async () => {
    const before = await everyTable();
    await db.query(`
      CREATE TABLE public.marks_written (day date NOT NULL, xid xid8 NOT NULL);
      CREATE FUNCTION public.log_marks() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO public.marks_written SELECT day, xid FROM new_rows; RETURN NULL; END $$;
      CREATE TRIGGER log_marks AFTER INSERT ON projections.metric_marks
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.log_marks();`);
    for (const service of CONSUMERS) await stack.service(service).kill('SIGTERM');
    const groups = await resetGroupsToEarliest(stack.topicPrefix);
    expect(groups.length).toBeGreaterThanOrEqual(CONSUMERS.length);
    expect(await consumerLag(stack.topicPrefix)).toBeGreaterThan(1000);
    for (const service of CONSUMERS) await stack.service(service).start();
    await settled();
    const after = await everyTable();
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    expect(changed).toEqual([]);
    expect(Object.keys(after).length).toBeGreaterThan(20);
    const { rows: marks } = await db.query('SELECT day FROM public.marks_written');
    expect(marks).toEqual([]);
  }, 600_000);
});
