import { deadLetterTopic, type EventEnvelope } from '@cityloop/contracts';
import {
  openTestSchema,
  readTopic,
  sampleCaseReported,
  testKafka,
  uniquePrefix,
  deleteTopicsWithPrefix,
  waitFor,
  type TestSchema,
} from '@cityloop/testing';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { consumerInboxMigration } from './consumer-inbox.migration';
import { eachInTurn, EventConsumer, type BatchHandler, type EventHandler } from './event-consumer';
import { createProducer } from './kafka-client';
import { ensureTopics } from './topics-admin';

const SCHEMA = 'consumer_test';
let schema: TestSchema;
let dataSource: DataSource;
let producer: Producer;
let consumer: EventConsumer | null = null;

/** The effect under test: one row per application, with no key, so a double application shows. */
const recordEffect: EventHandler = async (event: EventEnvelope, manager: EntityManager) => {
  await manager.query(`INSERT INTO ${SCHEMA}.effects (event_id, case_id) VALUES ($1, $2)`, [
    event.eventId,
    event.caseId,
  ]);
};

const effectsOf = async (caseId: string): Promise<string[]> =>
  (await dataSource.query(`SELECT event_id FROM ${SCHEMA}.effects WHERE case_id = $1`, [caseId])).map(
    (r: { event_id: string }) => r.event_id,
  );

async function startConsumer(
  topic: string,
  handler: EventHandler,
  batchHandler?: BatchHandler,
  offsetCommitIntervalMs?: number,
  gather?: { minBytes: number; maxWaitTimeInMs: number },
): Promise<void> {
  consumer = new EventConsumer({
    batchHandler,
    offsetCommitIntervalMs,
    gather,
    kafka: testKafka(),
    producer,
    dataSource,
    schema: SCHEMA,
    groupId: `${topic}.group`,
    topics: [topic],
    handlers: { CaseReported: handler },
    maxAttempts: 3,
    initialBackoffMs: 50,
  });
  await consumer.start();
}

/** Every topic of this file starts with it, so afterAll can remove them all. */
const filePrefix = uniquePrefix('consumer');

async function newTopic(label: string): Promise<string> {
  const topic = `${filePrefix}${label}.events`;
  await ensureTopics(testKafka(), [topic, deadLetterTopic(topic)], { partitions: 3, replicationFactor: 1 });
  return topic;
}

const send = (topic: string, key: string, ...values: (string | null)[]) =>
  producer.send({ topic, acks: -1, messages: values.map((value) => ({ key, value })) });

beforeAll(async () => {
  schema = await openTestSchema('consumer', SCHEMA, [consumerInboxMigration(SCHEMA)]);
  dataSource = schema.dataSource;
  await dataSource.query(`CREATE TABLE ${SCHEMA}.effects (event_id uuid NOT NULL, case_id uuid NOT NULL)`);
  producer = createProducer(testKafka());
  await producer.connect();
});

afterEach(async () => {
  await consumer?.stop();
  consumer = null;
});

afterAll(async () => {
  await producer?.disconnect();
  await schema?.close();
  await deleteTopicsWithPrefix(filePrefix);
});

describe('EventConsumer', () => {
  it('applies an event delivered twice exactly once, and records it as consumed', async () => {
    const topic = await newTopic('twice');
    const caseId = randomUUID();
    const first = sampleCaseReported({ caseId });
    const second = sampleCaseReported({ caseId, streamVersion: 2 });
    await send(topic, caseId, JSON.stringify(first), JSON.stringify(first), JSON.stringify(second));
    await startConsumer(topic, recordEffect);
    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length >= 2,
      { what: 'both events applied' },
    );
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong second application to land
    expect((await effectsOf(caseId)).sort()).toEqual([first.eventId, second.eventId].sort());
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM ${SCHEMA}.consumed_events WHERE event_id = ANY($1::uuid[])`,
      [[first.eventId, second.eventId]],
    );
    expect(count).toBe(2);
  });

  it('dead-letters bad JSON and unknown types at once, and goes on with the events behind them', async () => {
    const topic = await newTopic('poison');
    const caseId = randomUUID();
    const unknown = { ...sampleCaseReported({ caseId }), type: 'NoSuchEvent' };
    const offSchema = sampleCaseReported({ caseId });
    (offSchema.payload as unknown as Record<string, unknown>).location = { lat: 'north' };
    const good = sampleCaseReported({ caseId });
    await send(
      topic,
      caseId,
      '{not json',
      JSON.stringify(unknown),
      JSON.stringify(offSchema),
      '{"eventId":5}',
      JSON.stringify(good),
    );
    await startConsumer(topic, recordEffect);

    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length === 1,
      { what: 'the good event applied' },
    );
    expect(await effectsOf(caseId)).toEqual([good.eventId]);
    const dead = await readTopic(deadLetterTopic(topic), (r) => r.length >= 4);
    expect(dead.map((r) => r.headers['dlq-error-code']).sort()).toEqual(
      ['EVENT.BAD_ENVELOPE', 'EVENT.BAD_PAYLOAD', 'EVENT.MALFORMED_JSON', 'EVENT.UNKNOWN_TYPE'].sort(),
    );
    for (const record of dead) {
      expect(record.key).toBe(caseId);
      expect(record.headers['dlq-original-topic']).toBe(topic);
      expect(record.headers['dlq-error-message']).toBeTruthy();
    }
    expect(dead.find((r) => r.headers['dlq-error-code'] === 'EVENT.MALFORMED_JSON')?.value).toBe('{not json');
  });

  it('retries a failing handler with backoff, then dead-letters it with the error; the partition moves on', async () => {
    const topic = await newTopic('failing');
    const caseId = randomUUID();
    const doomed = sampleCaseReported({ caseId });
    const flaky = sampleCaseReported({ caseId, streamVersion: 2 });
    const after = sampleCaseReported({ caseId, streamVersion: 3 });
    const attempts = new Map<string, number>();
    const handler: EventHandler = async (event, manager) => {
      const n = (attempts.get(event.eventId) ?? 0) + 1;
      attempts.set(event.eventId, n);
      await recordEffect(event, manager); // rolled back with the transaction when we throw below
      if (event.eventId === doomed.eventId) throw new Error('the department table is missing');
      if (event.eventId === flaky.eventId && n < 3) throw new Error('deadlock detected');
    };
    await send(topic, caseId, JSON.stringify(doomed), JSON.stringify(flaky), JSON.stringify(after));
    await startConsumer(topic, handler);

    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length === 2,
      { what: 'flaky and after applied' },
    );
    expect((await effectsOf(caseId)).sort()).toEqual([flaky.eventId, after.eventId].sort());
    expect(attempts.get(doomed.eventId)).toBe(3);
    expect(attempts.get(flaky.eventId)).toBe(3);
    const [dead] = await readTopic(deadLetterTopic(topic), (r) => r.length >= 1);
    expect(JSON.parse(dead.value!).eventId).toBe(doomed.eventId);
    expect(dead.headers['dlq-error-code']).toBe('EVENT.HANDLER_FAILED');
    expect(dead.headers['dlq-error-message']).toBe('the department table is missing');
    expect(dead.headers['dlq-attempts']).toBe('3');
  });
});

describe('EventConsumer with a batch handler (read models)', () => {
  it('applies what is delivered together in one call, once, skipping what it consumed before', async () => {
    const topic = await newTopic('batch');
    const caseId = randomUUID();
    const events = Array.from({ length: 40 }, (_, i) => sampleCaseReported({ caseId, streamVersion: i + 1 }));
    // The first event consumed already (a redelivery after a crash between commit and offset).
    await dataSource.query(
      `INSERT INTO ${SCHEMA}.consumed_events (consumer, event_id, topic, partition, "offset") VALUES ($1, $2, $3, 0, 0)`,
      [`${topic}.group`, events[0].eventId, topic],
    );
    await send(topic, caseId, ...events.map((e) => JSON.stringify(e)), JSON.stringify(events[5]));
    const calls: number[] = [];
    const batch: BatchHandler = async (delivered, manager) => {
      calls.push(delivered.length);
      for (const event of delivered) await recordEffect(event, manager);
    };
    await startConsumer(topic, recordEffect, batch);
    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length >= 39,
      { what: 'the 39 new events applied' },
    );
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong second application to land
    expect((await effectsOf(caseId)).sort()).toEqual(
      events
        .slice(1)
        .map((e) => e.eventId)
        .sort(),
    );
    // Fewer calls than events: they went in together (Kafka hands over what the partition holds).
    expect(calls.reduce((a, b) => a + b, 0)).toBe(39);
    expect(calls.length).toBeLessThan(39);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM ${SCHEMA}.consumed_events WHERE event_id = ANY($1::uuid[])`,
      [events.map((e) => e.eventId)],
    );
    expect(count).toBe(40);
  });

  it('applies a failing batch event by event: the bad one dead-lettered, bad records where they stand', async () => {
    const topic = await newTopic('batch-fails');
    const caseId = randomUUID();
    const good = sampleCaseReported({ caseId });
    const doomed = sampleCaseReported({ caseId, streamVersion: 2 });
    const after = sampleCaseReported({ caseId, streamVersion: 3 });
    const batch: BatchHandler = async (delivered, manager) => {
      for (const event of delivered) await recordEffect(event, manager);
      if (delivered.some((e) => e.eventId === doomed.eventId)) throw new Error('the batch cannot be applied');
    };
    const one: EventHandler = async (event, manager) => {
      if (event.eventId === doomed.eventId) throw new Error('the department table is missing');
      await recordEffect(event, manager);
    };
    await send(
      topic,
      caseId,
      JSON.stringify(good),
      '{not json',
      JSON.stringify(doomed),
      JSON.stringify(after),
    );
    await startConsumer(topic, one, batch);

    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length === 2,
      { what: 'good and after applied' },
    );
    const dead = await readTopic(deadLetterTopic(topic), (r) => r.length >= 2);
    expect(dead.map((r) => r.headers['dlq-error-code']).sort()).toEqual(
      ['EVENT.HANDLER_FAILED', 'EVENT.MALFORMED_JSON'].sort(),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await effectsOf(caseId)).sort()).toEqual([good.eventId, after.eventId].sort());
  });

  it('gathers events that arrive apart into a few batches when told to (a read model nobody waits on)', async () => {
    const topic = await newTopic('gathered');
    const caseId = randomUUID();
    const calls: number[] = [];
    const batch: BatchHandler = async (delivered, manager) => {
      calls.push(delivered.length);
      for (const event of delivered) await recordEffect(event, manager);
    };
    await startConsumer(topic, recordEffect, batch, undefined, { minBytes: 64 * 1024, maxWaitTimeInMs: 500 });
    await new Promise((r) => setTimeout(r, 1_000)); // the consumer joined and fetching
    // 24 reports 25 ms apart, each sent at its instant whatever the acknowledgements take: by
    // default each fetch returns the one or two that have arrived.
    const sent: Promise<unknown>[] = [];
    for (let i = 1; i <= 24; i++) {
      sent.push(send(topic, caseId, JSON.stringify(sampleCaseReported({ caseId, streamVersion: i }))));
      await new Promise((r) => setTimeout(r, 25));
    }
    await Promise.all(sent);
    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length === 24,
      { what: 'the 24 events applied' },
    );
    expect(calls.reduce((a, b) => a + b, 0)).toBe(24);
    // About 600 ms of reports in fetches that wait 500 ms: two or three batches, five at most.
    expect(calls.length).toBeLessThanOrEqual(5);
  });

  it('applies an event whose id is spelled in upper case, once', async () => {
    const topic = await newTopic('upper');
    const caseId = randomUUID();
    const upper = sampleCaseReported({ caseId, eventId: randomUUID().toUpperCase() });
    await send(topic, caseId, JSON.stringify(upper), JSON.stringify(upper));
    await startConsumer(topic, recordEffect, eachInTurn({ CaseReported: recordEffect }));
    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length >= 1,
      { what: 'the event applied' },
    );
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong second application to land
    expect(await effectsOf(caseId)).toEqual([upper.eventId.toLowerCase()]);
  });
});

describe('EventConsumer offsets', () => {
  /** A Kafka client whose consumers count the OffsetCommit requests they send. */
  function countingCommits(): { kafka: ReturnType<typeof testKafka>; commits: () => number } {
    const kafka = testKafka();
    const consumerOf = kafka.consumer.bind(kafka);
    let commits = 0;
    kafka.consumer = (config) => {
      const made = consumerOf(config);
      made.on(made.events.REQUEST, ({ payload }) => {
        if (payload.apiName === 'OffsetCommit') commits++;
      });
      return made;
    };
    return { kafka, commits: () => commits };
  }

  const committed = async (topic: string): Promise<number> => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId: `${topic}.group`, topics: [topic] });
      return partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    } finally {
      await admin.disconnect();
    }
  };

  it('commits a second apart, not after every batch, and the committed offsets reach the end', async () => {
    const topic = await newTopic('offsets');
    const { kafka, commits } = countingCommits();
    consumer = new EventConsumer({
      kafka,
      producer,
      dataSource,
      schema: SCHEMA,
      groupId: `${topic}.group`,
      topics: [topic],
      handlers: { CaseReported: recordEffect },
    });
    await consumer.start();
    const caseId = randomUUID();
    // Twenty events 100 ms apart: each is a batch of its own.
    for (let i = 1; i <= 20; i++) {
      await send(topic, caseId, JSON.stringify(sampleCaseReported({ caseId, streamVersion: i })));
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length === 20,
      { what: 'the 20 events applied' },
    );
    // The last ones are committed without another batch to carry them.
    await waitFor(
      () => committed(topic),
      (n) => n === 20,
      { what: 'the offsets committed to the end' },
    );
    // About one commit a second over the two seconds of events, where every batch would be 20.
    expect(commits()).toBeLessThanOrEqual(5);
  });

  it('commits what it applied when it stops, so a restart redelivers nothing', async () => {
    const topic = await newTopic('offsets-stop');
    const caseId = randomUUID();
    await send(
      topic,
      caseId,
      ...Array.from({ length: 5 }, (_, i) =>
        JSON.stringify(sampleCaseReported({ caseId, streamVersion: i + 1 })),
      ),
    );
    // No commit while it runs: what is committed is the stop's.
    await startConsumer(topic, recordEffect, undefined, 600_000);
    await waitFor(
      () => effectsOf(caseId),
      (e) => e.length === 5,
      { what: 'the 5 events applied' },
    );
    expect(await committed(topic)).toBe(0);
    await consumer!.stop();
    consumer = null;
    expect(await committed(topic)).toBe(5);
  });
});
