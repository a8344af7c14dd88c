import { deadLetterTopic, type ServiceName } from '@cityloop/contracts';
import { readTopic, testKafka, waitFor, type ReadRecord } from '@cityloop/testing';
import { randomUUID } from 'node:crypto';
import { consumerLag, groupAssignments } from '../support/consumer-lag';
import { bearer, countRows, reportBody, TestStack } from '../support/service-processes';

/**
 * Fault test 6 (docs/RELIABILITY.md): poison messages on every consumed topic (text that is not
 * JSON, an event type nobody knows, a known event whose payload is off its schema). Every consumer
 * group reading the topic sends each to the topic's dead-letter topic with the reason, its lag goes
 * back to zero, no service crashes or loops, and real events behind the poison still flow.
 */
const SERVICES: ServiceName[] = ['intake', 'dispatch', 'disposal', 'verification', 'projections'];
const TOPICS = ['intake', 'dispatch', 'disposal', 'verification'] as const;

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('poison', SERVICES);
  await stack.start();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

/**
 * The consumer groups of the stack, by the topics they read, from the partitions the broker gave
 * their members (a group that has not committed on a topic yet still holds its partitions).
 */
async function groupsByTopic(): Promise<Map<string, string[]>> {
  const groups = await waitFor(
    () => groupAssignments(stack.topicPrefix),
    (all) => all.length > 0 && all.every((g) => g.state === 'Stable'),
    { what: 'every group of the stack stable' },
  );
  const byTopic = new Map<string, string[]>();
  for (const { groupId, members } of groups) {
    const topics = new Set(members.flatMap((m) => Object.keys(m.partitions)));
    for (const topic of topics) byTopic.set(topic, [...(byTopic.get(topic) ?? []), groupId]);
  }
  return byTopic;
}

/** The values dead-lettered by `group`. */
const deadLetteredBy = (dead: ReadRecord[], group: string) =>
  dead.filter((r) => r.headers['dlq-consumer-group'] === group).map((r) => r.value);

const patrolReport = async (n: number) =>
  (
    await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        { ...reportBody(n), source: 'patrol' },
        bearer('patroller'),
      )
  ).body.caseId;

describe('poison messages on every consumed topic', () => {
  it('are dead-lettered by every group after their retries; lag returns to zero; real events behind them flow', async () => {
    // A real case first, so that every group has joined and committed on its topics.
    const first = await patrolReport(1);
    await waitFor(
      () => countRows(stack, 'projections.cases', `case_id = '${first}' AND status = 'dispatched'`),
      (n) => n === 1,
      { what: 'the first case dispatched in projections' },
    );
    const [real] = (await readTopic(stack.topic('intake'), (r) => r.length > 0)).map((r) =>
      JSON.parse(r.value!),
    );
    const poison = [
      'this is not JSON {',
      JSON.stringify({ ...real, eventId: randomUUID(), type: 'SomethingNobodyKnows' }),
      JSON.stringify({ ...real, eventId: randomUUID(), payload: { categoryCode: 42, location: 'nowhere' } }),
    ];
    const producer = testKafka().producer();
    await producer.connect();
    for (const topic of TOPICS) {
      await producer.send({
        topic: stack.topic(topic),
        messages: poison.map((value) => ({ key: randomUUID(), value })),
      });
    }
    await producer.disconnect();
    // Behind the poison, on the same topics: a real case goes all the way to the department.
    const second = await patrolReport(2);

    const groups = await groupsByTopic();
    for (const topic of TOPICS) {
      const readers = groups.get(stack.topic(topic)) ?? [];
      expect(readers.length).toBeGreaterThan(0);
      const expected = readers.length * poison.length;
      // Every reader dead-letters on its own schedule: wait for each one's three.
      const dead = await readTopic(
        deadLetterTopic(stack.topic(topic)),
        (r) => readers.every((group) => deadLetteredBy(r, group).length >= poison.length),
        60_000,
      );
      expect(dead).toHaveLength(expected);
      for (const group of readers) {
        expect(deadLetteredBy(dead, group).sort()).toEqual([...poison].sort());
      }
      expect(dead.every((r) => r.headers['dlq-error-code']?.startsWith('EVENT.'))).toBe(true);
    }
    await waitFor(
      () => consumerLag(stack.topicPrefix),
      (lag) => lag === 0,
      {
        what: 'every group past the poison',
        timeoutMs: 60_000,
      },
    );
    await waitFor(
      () => countRows(stack, 'projections.cases', `case_id = '${second}' AND status = 'dispatched'`),
      (n) => n === 1,
      { what: 'the case behind the poison dispatched in projections' },
    );
    for (const service of SERVICES) {
      expect(stack.service(service).running).toBe(true);
      expect(await stack.service(service).health()).toBe(200);
    }
  });
});
