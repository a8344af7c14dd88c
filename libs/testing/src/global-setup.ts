import { getContainerRuntimeClient } from 'testcontainers';

/**
 * Jest global setup for the integration and end-to-end tiers. The services under test come from
 * DATABASE_URL and KAFKA_BROKERS when set (CI and `npm test` set them); otherwise from
 * testcontainers where a Docker engine answers; otherwise this machine's defaults.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL && process.env.KAFKA_BROKERS) return;
  if (await dockerAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { KafkaContainer } = await import('@testcontainers/kafka');
    if (!process.env.DATABASE_URL) {
      const postgres = await new PostgreSqlContainer('postgres:16-alpine').start();
      process.env.DATABASE_URL = postgres.getConnectionUri();
      (globalThis as Record<string, unknown>).__cityloopPostgres = postgres;
    }
    if (!process.env.KAFKA_BROKERS) {
      const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
      process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
      (globalThis as Record<string, unknown>).__cityloopKafka = kafka;
    }
    return;
  }
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
}

async function dockerAnswers(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
