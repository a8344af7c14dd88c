import type { NewEvent } from '@cityloop/contracts';
import { EventStore, eventStoreMigration } from '@cityloop/event-store';
import {
  openTestSchema,
  readTopic,
  testKafka,
  uniquePrefix,
  deleteTopicsWithPrefix,
  waitFor,
  type TestSchema,
} from '@cityloop/testing';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createProducer } from './kafka-client';
import { OutboxRelay } from './outbox-relay';
import { ensureTopics } from './topics-admin';

const SCHEMA = 'relay_test';
let schema: TestSchema;
let dataSource: DataSource;
let store: EventStore;
let producer: Producer;
let topic: string;
const relays: OutboxRelay[] = [];

const event = (caseId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'CaseReported',
  schemaVersion: 1,
  caseId,
  occurredAt: new Date(),
  correlationId: randomUUID(),
  actor: { role: 'system', id: 'test' },
  payload: {},
});

const startRelay = (pollIntervalMs = 60_000): OutboxRelay => {
  // A poll interval longer than the tests wait: only LISTEN/NOTIFY can wake these relays in time.
  const relay = new OutboxRelay({
    store,
    producer,
    topic,
    databaseUrl: schema.db.url,
    pollIntervalMs,
    standbyRetryMs: 200,
    batchSize: 50,
  });
  relays.push(relay);
  relay.start();
  return relay;
};

beforeAll(async () => {
  schema = await openTestSchema('relay', SCHEMA, [eventStoreMigration(SCHEMA)]);
  dataSource = schema.dataSource;
  store = new EventStore(dataSource, SCHEMA, 'intake');
  topic = `${uniquePrefix('relay')}events`;
  const kafka = testKafka();
  await ensureTopics(kafka, [topic], { partitions: 3, replicationFactor: 1 });
  producer = createProducer(kafka);
  await producer.connect();
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await producer?.disconnect();
  await schema?.close();
  await deleteTopicsWithPrefix(topic);
});

describe('OutboxRelay', () => {
  it('publishes every event keyed by case id, each case in stream order, and checkpoints in Postgres', async () => {
    const cases = Array.from({ length: 10 }, () => randomUUID());
    for (let version = 0; version < 10; version++) {
      for (const caseId of cases) await store.append(`case-${caseId}`, [event(caseId)], version);
    }
    startRelay();
    const records = await readTopic(topic, (r) => r.length >= 100);
    expect(records).toHaveLength(100);
    for (const caseId of cases) {
      const mine = records.filter((r) => r.key === caseId);
      expect(mine.map((r) => JSON.parse(r.value!).streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      expect(mine.every((r) => r.headers['event-type'] === 'CaseReported' && r.headers['event-id'])).toBe(
        true,
      );
    }
    const [checkpoint] = await dataSource.query(
      `SELECT position::text AS position FROM ${SCHEMA}.relay_checkpoints WHERE relay = $1`,
      [topic],
    );
    const [{ last }] = await dataSource.query(`SELECT max(position)::text AS last FROM ${SCHEMA}.events`);
    expect(checkpoint.position).toBe(last);
  });

  it('wakes on NOTIFY: a new event is published long before the fallback poll', async () => {
    startRelay();
    await waitFor(async () => relays[0].active, Boolean, { what: 'relay to become active' });
    const caseId = randomUUID();
    await store.append(`case-${caseId}`, [event(caseId)], 0);
    const records = await readTopic(topic, (r) => r.some((x) => x.key === caseId), 20_000);
    expect(records.some((r) => r.key === caseId)).toBe(true);
  });

  it('publishes an event held back behind a transaction running elsewhere as soon as that one ends', async () => {
    startRelay();
    await waitFor(async () => relays[0].active, Boolean, { what: 'relay to become active' });
    // A transaction that started before the append and is still running (in any database of the
    // server) holds the event back from readAll: the NOTIFY comes while it is not readable yet.
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('SELECT pg_current_xact_id()');
    const caseId = randomUUID();
    await store.append(`case-${caseId}`, [event(caseId)], 0);
    await new Promise((r) => setTimeout(r, 1000));
    await blocker.commitTransaction();
    await blocker.release();
    // The poll interval is 60 s: only a prompt second look publishes it in time.
    const records = await readTopic(topic, (r) => r.some((x) => x.key === caseId), 20_000);
    expect(records.some((r) => r.key === caseId)).toBe(true);
  });

  it('keeps one relay active per store; a standby takes over when the active one stops', async () => {
    const first = startRelay();
    await waitFor(async () => first.active, Boolean, { what: 'first relay active' });
    const second = startRelay();
    await new Promise((r) => setTimeout(r, 1000));
    expect(second.active).toBe(false);

    await first.stop();
    await waitFor(async () => second.active, Boolean, { what: 'standby to take over' });
    const caseId = randomUUID();
    await store.append(`case-${caseId}`, [event(caseId)], 0);
    const records = await readTopic(topic, (r) => r.some((x) => x.key === caseId), 20_000);
    expect(records.filter((r) => r.key === caseId)).toHaveLength(1);
  });
});
