import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { perSecond } from './stats';

export interface KafkaBaseline {
  messages: number;
  partitions: number;
  /** sendBatch of 1,000 at a time, acks=all: messages a second. */
  producePerSecond: number;
  /** A consumer group reading them all with eachBatch from the start: messages a second. */
  consumePerSecond: number;
}

/** B-K: raw kafkajs on the same broker, a topic with the services' partition count. */
export async function kafkaBaseline(
  brokers: string[],
  topicPrefix: string,
  messages: number,
  partitions: number,
  valueBytes: number,
): Promise<KafkaBaseline> {
  const kafka = new Kafka({ clientId: 'cityloop-bench', brokers, logLevel: logLevel.NOTHING });
  const topic = `${topicPrefix}bench.baseline`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    const value = Buffer.alloc(valueBytes, 'x');
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const produceStart = performance.now();
    for (let sent = 0; sent < messages; sent += 1000) {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [
          {
            topic,
            messages: Array.from({ length: Math.min(1000, messages - sent) }, () => ({
              key: randomUUID(),
              value,
            })),
          },
        ],
      });
    }
    const produceMs = performance.now() - produceStart;
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `${topicPrefix}bench.baseline` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let consumed = 0;
    let firstAt = 0;
    const done = new Promise<number>((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch }) => {
          if (firstAt === 0) firstAt = performance.now();
          consumed += batch.messages.length;
          if (consumed >= messages) resolve(performance.now());
        },
      });
    });
    const consumeStart = performance.now();
    const lastAt = await done;
    await consumer.disconnect();
    return {
      messages,
      partitions,
      producePerSecond: perSecond(messages, produceMs),
      // From the moment the group was joined and the first batch came, to the last message.
      consumePerSecond: perSecond(messages, lastAt - (firstAt || consumeStart)),
    };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
