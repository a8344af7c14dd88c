import { deadLetterTopic, type ServiceName } from '@cityloop/contracts';
import { testKafka, waitFor } from '@cityloop/testing';
import { Pool } from 'pg';
import { groupAssignments, partitionCount, type GroupAssignment } from '../support/consumer-lag';
import { compareWithOracle, quartersFrom, whenCaughtUp } from '../support/oracle-comparison';
import {
  bearer,
  countRows,
  demoDistrict,
  TestStack,
  type ServiceProcess,
} from '../support/service-processes';
import { simulate } from '../support/simulator';

/**
 * Fault test 5 (docs/RELIABILITY.md): two instances of each consuming service share its consumer
 * groups. Under the simulator's load the second instance of every service is killed with SIGKILL:
 * its partitions move to the survivor once the broker gives up on it, and nothing is lost or
 * counted twice (the metrics equal the oracle's, nothing is dead-lettered).
 */
const CONSUMERS: ServiceName[] = ['intake', 'dispatch', 'disposal', 'verification', 'projections'];
const PARTITIONS = 6;

let stack: TestStack;
let db: Pool;
const seconds: ServiceProcess[] = [];

beforeAll(async () => {
  stack = await TestStack.create('two-instances', CONSUMERS);
  await stack.start();
  for (const service of CONSUMERS) seconds.push(await stack.startSecondInstance(service));
  stack.service('projections').actAs(bearer('evaluator'));
  db = new Pool({ connectionString: stack.db.url, max: 3 });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
}, 60_000);

/** Every partition of every topic the group reads, as `topic:partition`. */
const partitionsOf = (group: GroupAssignment): string[] =>
  group.members.flatMap((m) => Object.entries(m.partitions).flatMap(([t, ps]) => ps.map((p) => `${t}:${p}`)));

describe('two instances of each consuming service in one group, one of each killed mid-load', () => {
  it('moves the partitions to the survivor, and loses and doubles nothing', async () => {
    // Both instances hold partitions of every group.
    const shared = await waitFor(
      () => groupAssignments(stack.topicPrefix),
      (groups) =>
        groups.length >= CONSUMERS.length &&
        groups.every(
          (g) =>
            g.state === 'Stable' && g.members.length === 2 && g.members.every((m) => partitionCount(m) > 0),
        ),
      { what: 'every group stable with two members holding partitions', timeoutMs: 60_000, intervalMs: 500 },
    );

    const load = simulate(stack, 160, 23);
    await waitFor(
      () => countRows(stack, 'projections.cases'),
      (n) => n >= 40,
      { what: 'the load under way', timeoutMs: 120_000, intervalMs: 250 },
    );
    await Promise.all(seconds.map((s) => s.kill('SIGKILL')));
    const killedAt = Date.now();

    // The broker notices the dead members once their session runs out (10 s) and gives their
    // partitions to the survivors.
    const moved = await waitFor(
      () => groupAssignments(stack.topicPrefix),
      (groups) => groups.every((g) => g.state === 'Stable' && g.members.length === 1),
      { what: 'every group down to its survivor', timeoutMs: 90_000, intervalMs: 250 },
    );
    const movedMs = Date.now() - killedAt;
    for (const group of moved) {
      const before = shared.find((g) => g.groupId === group.groupId)!;
      expect(partitionsOf(group).sort()).toEqual(partitionsOf(before).sort());
      expect(partitionsOf(group).length % PARTITIONS).toBe(0);
    }

    const summary = await load;
    expect(summary.errors).toEqual([]);
    expect(summary.byOutcome.closed).toBeGreaterThan(50);
    await whenCaughtUp(db, stack.topicPrefix);
    process.stdout.write(
      `two instances: ${moved.length} groups; partitions with the survivors ${movedMs} ms after the kill; ` +
        `${JSON.stringify(summary.byOutcome)}\n`,
    );

    // Nothing lost, nothing counted twice: the metrics are the oracle's.
    const comparison = await compareWithOracle(
      db,
      (path) => stack.service('projections').get(path),
      quartersFrom('2026-Q2', 2),
      demoDistrict().pack.district.timeZone,
    );
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.totals.due).toBeGreaterThan(50);
    // And nothing given up on: no dead letters on any topic.
    const admin = testKafka().admin();
    await admin.connect();
    try {
      for (const service of ['intake', 'dispatch', 'disposal', 'verification'] as const) {
        const ends = await admin.fetchTopicOffsets(deadLetterTopic(stack.topic(service)));
        expect(ends).toHaveLength(PARTITIONS);
        expect(ends.reduce((n, p) => n + Number(p.high), 0)).toBe(0);
      }
    } finally {
      await admin.disconnect();
    }
  }, 900_000);
});
