import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

export const kafkaBrokers = (): string[] => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: run the tests through `npm test` (test/run-suite.sh)');
  return brokers.split(',');
};

/** A topic and group prefix no other test shares. */
export const uniquePrefix = (label: string): string => `t.${label}.${randomBytes(4).toString('hex')}.`;

export const testKafka = (): Kafka =>
  new Kafka({ clientId: 'cityloop-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });

export interface ReadRecord {
  key: string | null;
  value: string | null;
  partition: number;
  offset: string;
  headers: Record<string, string>;
}

const toRecord = (partition: number, m: KafkaMessage): ReadRecord => ({
  key: m.key?.toString() ?? null,
  value: m.value?.toString() ?? null,
  partition,
  offset: m.offset,
  headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
});

/** Reads a topic from the beginning until `done(records)` holds or the timeout passes. */
export async function readTopic(
  topic: string,
  done: (records: ReadRecord[]) => boolean,
  timeoutMs = 30_000,
): Promise<ReadRecord[]> {
  const consumer = testKafka().consumer({
    groupId: `reader.${randomBytes(6).toString('hex')}`,
    sessionTimeout: 10_000,
  });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push(toRecord(partition, message));
        if (done(records)) finish();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Deletes every topic whose name starts with `prefix` (a test's own), so the broker stays lean. */
export async function deleteTopicsWithPrefix(prefix: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}
