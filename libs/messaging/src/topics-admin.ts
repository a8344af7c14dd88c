import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates the topics explicitly (the broker's auto-creation is off). Event topics and their dead
 * letters keep their records for ever: the event stores are the truth, but a consumer that starts
 * from the beginning must find every event still there.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], spec: TopicSpec): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: [{ name: 'retention.ms', value: '-1' }],
      })),
    });
  } catch (error) {
    // Another instance created them between our list and create: that is what we wanted.
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  } finally {
    await admin.disconnect();
  }
}
