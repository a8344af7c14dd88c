import type { ServiceName } from '@cityloop/contracts';
import { waitFor } from '@cityloop/testing';
import { Pool } from 'pg';
import { EmbeddedPostgres } from '../support/embedded-postgres';
import { compareThisQuarter } from '../support/oracle-comparison';
import { bearer, demoDistrict, TestStack } from '../support/service-processes';
import { reachedOnce, reportsReached, statusCounts, steadyReports } from '../support/steady-load';

/**
 * Fault test 3 (docs/RELIABILITY.md): Postgres restarted under a steady load of reports, once fast
 * (a clean shutdown) and once immediate (no checkpoint: crash recovery on start), down 6 s each
 * time. On a server of
 * the test's own (the embedded one, on a port of its own), never the machine's shared server.
 * A 201 is only given once the event is committed, so none is lost; a call that meets the outage
 * is answered 503, never 201; every service carries on by itself, without a restart.
 */
const SERVICES: ServiceName[] = ['intake', 'dispatch', 'disposal', 'verification', 'projections'];
const PER_SECOND = 15;
const DOWN_MS = 6_000;
const server = new EmbeddedPostgres(Number(process.env.FAULTS_PG_PORT ?? 54339));

let stack: TestStack;
let db: Pool;

beforeAll(async () => {
  await server.start();
  stack = await TestStack.create(
    'pg-restart',
    SERVICES,
    { AUTO_FILE_SOURCES: 'hotline,patrol' },
    { databaseServer: server.url },
  );
  await stack.start();
  stack.service('projections').actAs(bearer('evaluator'));
}, 240_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
  await server.stop();
}, 90_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Postgres restarted, fast then immediate, under a steady load of reports', () => {
  it('loses no 201, answers the failed calls 503, and every service recovers by itself', async () => {
    const pids = SERVICES.map((s) => stack.service(s).pid);
    const load = steadyReports(stack.service('intake'), PER_SECOND);
    const outages: { mode: string; from: number; to: number }[] = [];
    for (const mode of ['fast', 'immediate'] as const) {
      await sleep(8_000);
      const from = Date.now();
      await server.stop(mode);
      // Down for longer than a consumer's five attempts take: an event must wait, not dead-letter.
      await sleep(DOWN_MS);
      await server.start();
      outages.push({ mode, from, to: Date.now() });
    }
    // Calls sent from 5 s after the last restart on find every service working again.
    await sleep(15_000);
    const calls = await load.stop();
    const recoveredFrom = outages[1].to + 5_000;

    const counts = statusCounts(calls);
    process.stdout.write(
      `postgres restarts: ${calls.length} reports at ${PER_SECOND}/s; answers ${JSON.stringify(counts)}; ` +
        `outages ${outages.map((o) => `${o.mode} ${o.to - o.from} ms`).join(', ')}\n`,
    );
    // Every call answered, 201 or 503 (with its code): no timeouts, no other refusal, no 500.
    const refused = calls.filter((c) => c.status !== 201);
    expect(refused.filter((c) => c.status !== 503 || c.code !== 'SERVICE.UNAVAILABLE')).toEqual([]);
    expect(refused.length).toBeGreaterThanOrEqual(PER_SECOND * 2 * (DOWN_MS / 1000) * 0.8);
    expect(calls.filter((c) => c.sentAt >= recoveredFrom).every((c) => c.status === 201)).toBe(true);
    expect(calls.filter((c) => c.sentAt >= recoveredFrom).length).toBeGreaterThan(PER_SECOND * 5);

    // No 201 lost: each of them reaches dispatch, disposal and projections, once.
    db = new Pool({ connectionString: stack.db.url, max: 3 });
    const accepted = calls.filter((c) => c.status === 201).map((c) => c.caseId!);
    // A 503 may still have committed (the answer lost, not the work): those cases count too.
    const stored = await db.query<{ id: string }>(
      `SELECT case_id::text AS id FROM intake.events WHERE type = 'CaseReported'`,
    );
    const storedIds = stored.rows.map((r) => r.id);
    expect(storedIds).toEqual(expect.arrayContaining(accepted));
    await waitFor(
      () => reportsReached(db, stack.topicPrefix, storedIds),
      (reached) => reachedOnce(reached, storedIds.length),
      {
        what: 'every stored report in the read models, once, and no consumer lag',
        timeoutMs: 180_000,
        intervalMs: 500,
      },
    );

    // The same processes all along: nobody restarted them.
    expect(SERVICES.map((s) => stack.service(s).pid)).toEqual(pids);
    expect(SERVICES.every((s) => stack.service(s).running)).toBe(true);

    const comparison = await compareThisQuarter(
      db,
      (path) => stack.service('projections').get(path),
      demoDistrict().pack.district.timeZone,
    );
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.totals.reported).toBe(storedIds.length);
  }, 600_000);
});
