import type { ServiceName } from '@cityloop/contracts';
import { waitFor } from '@cityloop/testing';
import { Pool } from 'pg';
import { LocalBroker } from '../support/local-broker';
import { compareThisQuarter } from '../support/oracle-comparison';
import { bearer, demoDistrict, TestStack } from '../support/service-processes';
import { reachedOnce, reportsReached, statusCounts, steadyReports } from '../support/steady-load';

/**
 * Fault test 1 (docs/RELIABILITY.md): the broker is killed with SIGKILL in the middle of a steady
 * load of reports and started again 10 s later. Intake's answer never waits for Kafka (the event
 * and its outbox row commit together), so every report is answered 201 through the outage; the
 * relays publish what piled up once the broker is back, and every report reaches the read models
 * once.
 */
const SERVICES: ServiceName[] = ['intake', 'dispatch', 'disposal', 'verification', 'projections'];
const PER_SECOND = 15;

let stack: TestStack;
let db: Pool;
let broker: LocalBroker;

beforeAll(async () => {
  broker = LocalBroker.ofSuite();
  // Hotline reports filed at once, as patrol reports are: each report runs through intake,
  // dispatch (自动派遣) and disposal, over two topics, before the outage's end is checked.
  stack = await TestStack.create('broker-outage', SERVICES, { AUTO_FILE_SOURCES: 'hotline,patrol' });
  await stack.start();
  stack.service('projections').actAs(bearer('evaluator'));
  db = new Pool({ connectionString: stack.db.url, max: 3 });
}, 180_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
}, 60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the broker killed with SIGKILL under a steady load of reports, back 10 s later', () => {
  it('answers every report 201, and every one reaches the read models once', async () => {
    const load = steadyReports(stack.service('intake'), PER_SECOND);
    await sleep(10_000);
    await broker.kill();
    const killedAt = Date.now();
    await sleep(10_000);
    await broker.start();
    const backAt = Date.now();
    await sleep(5_000);
    const calls = await load.stop();

    // Every call was answered, all of them 201: the broker is not on the path of an answer.
    expect(statusCounts(calls)).toEqual({ 201: calls.length });
    const duringOutage = calls.filter((c) => c.sentAt >= killedAt && c.sentAt < backAt);
    expect(duringOutage.length).toBeGreaterThanOrEqual(PER_SECOND * 9);
    const caseIds = calls.map((c) => c.caseId!);
    expect(new Set(caseIds).size).toBe(calls.length);

    // Caught up: no lag left, every report filed with dispatch, ordered to a department in
    // disposal, and a case in projections; once: as many rows as reports, nothing else.
    await waitFor(
      () => reportsReached(db, stack.topicPrefix, caseIds),
      (reached) => reachedOnce(reached, calls.length),
      {
        what: 'every report in the read models, once, and no consumer lag',
        timeoutMs: 120_000,
        intervalMs: 250,
      },
    );
    const caughtUpMs = Date.now() - backAt;
    process.stdout.write(
      `broker outage: ${calls.length} reports at ${PER_SECOND}/s, ${duringOutage.length} filed while the broker was down; ` +
        `caught up ${caughtUpMs} ms after it answered again\n`,
    );
    // The figure: consumer lag back to zero within 30 s of the broker's return.
    expect(caughtUpMs).toBeLessThanOrEqual(30_000);

    // Nothing counted twice: the timeline holds each stored event once, and the metrics are the oracle's.
    const comparison = await compareThisQuarter(
      db,
      (path) => stack.service('projections').get(path),
      demoDistrict().pack.district.timeZone,
    );
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.totals.reported).toBe(calls.length);
  }, 600_000);
});
