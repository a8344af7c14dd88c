import { DEVELOPMENT_JWT_SECRET } from './auth/tokens';
import {
  eventTopic,
  PUBLISHING_SERVICES,
  type PublishingService,
  type ServiceName,
} from '@cityloop/contracts';

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  projections: 3000,
  intake: 3001,
  dispatch: 3002,
  disposal: 3003,
  verification: 3004,
};

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything a service reads from its environment, checked once at start. */
export interface ServiceConfig {
  service: ServiceName;
  /** Its own Postgres schema: the event store of a publishing service, or the read models. */
  schema: string;
  port: number;
  databaseUrl: string;
  /** Pool size for this process; the relay's LISTEN connection comes on top (docs/ARCHITECTURE.md). */
  dbPoolSize: number;
  kafkaBrokers: string[];
  kafkaPartitions: number;
  kafkaReplicationFactor: number;
  /** Prepended to every topic and consumer group: lets tests and parallel stacks share one broker. */
  kafkaTopicPrefix: string;
  /** The district pack file (DISTRICT_PACK); empty: the demo district shipped in the repository. */
  districtPackPath: string;
  /** Report sources filed at once without a chief (AUTO_FILE_SOURCES, default patrol). */
  autoFileSources: string[];
  /** Radius within which an open case of the same minor category takes a new report (DUPLICATE_RADIUS_METRES; 0: off). */
  duplicateRadiusMetres: number;
  /** Dispatch sends each filed case to its responsible department at once (AUTO_DISPATCH, default on). */
  autoDispatch: boolean;
  /** Events the outbox relay reads and publishes per round trip. */
  relayBatchSize: number;
  /**
   * Intake's Open311 rate limits: calls a minute from one client address (OPEN311_READS_PER_MINUTE,
   * default 600) and new requests a minute under one api_key (OPEN311_POSTS_PER_MINUTE, default 60).
   */
  open311Limits: { readsPerMinute: number; postsPerMinute: number };
  /**
   * Calls a minute per identity (a token's subject): people (RATE_LIMIT_PER_MINUTE, default 600)
   * and the importer, an integration identity (RATE_LIMIT_IMPORTER_PER_MINUTE, default 120000).
   */
  rateLimits: { perMinute: number; importerPerMinute: number };
  logLevel: LogLevel;
  /** Signs and verifies bearer tokens; the development default when JWT_SECRET is unset (not in production). */
  jwtSecret: string;
  jwtSecretIsDevelopmentDefault: boolean;
  production: boolean;
  publishes: boolean;
  /**
   * Where the other services answer (INTAKE_URL..., else 127.0.0.1 on their *_PORT or default port):
   * the web gateway of projections forwards the work pages' calls there.
   */
  peerUrls: Record<ServiceName, string>;
}

/** One line per wrong or missing setting, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/** A whole-number setting from the environment, or its fallback; a bad value is added to `problems`. */
export function wholeNumberSetting(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

export function loadConfig(service: ServiceName, env: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  const upper = service.toUpperCase();
  const portVariable = env[`${upper}_PORT`] !== undefined ? `${upper}_PORT` : 'PORT';
  const port = wholeNumberSetting(env, portVariable, DEFAULT_PORTS[service], 1, 65535, problems);

  const databaseUrl = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cityloop';
  try {
    const url = new URL(databaseUrl);
    if (!['postgres:', 'postgresql:'].includes(url.protocol) || url.pathname.length < 2) throw new Error();
  } catch {
    problems.push(
      `DATABASE_URL=${databaseUrl.replace(/:[^:@/]*@/, ':***@')}: expected postgres://user@host:port/database`,
    );
  }

  const kafkaBrokers = (env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim());
  const badBrokers = kafkaBrokers.filter((b) => !/^[\w.-]+:\d{1,5}$/.test(b));
  if (badBrokers.length > 0)
    problems.push(`KAFKA_BROKERS: expected host:port[,host:port...], got ${badBrokers.join(', ')}`);

  const kafkaTopicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
  if (!/^[\w.-]{0,100}$/.test(kafkaTopicPrefix)) {
    problems.push(
      `KAFKA_TOPIC_PREFIX=${kafkaTopicPrefix}: only letters, digits, dots, dashes and underscores`,
    );
  }

  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL=${logLevel}: expected one of ${LOG_LEVELS.join(', ')}`);

  const schema = env[`${upper}_SCHEMA`] || service;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    problems.push(`${upper}_SCHEMA=${schema}: expected a lower-case SQL identifier`);

  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? '';
  if (production && jwtSecret.length === 0) problems.push('JWT_SECRET: required when NODE_ENV=production');
  else if (jwtSecret.length > 0 && jwtSecret.length < 32) problems.push('JWT_SECRET: at least 32 characters');

  const peerUrls = Object.fromEntries(
    (Object.keys(DEFAULT_PORTS) as ServiceName[]).map((peer) => {
      const upper = peer.toUpperCase();
      const url = env[`${upper}_URL`] || `http://127.0.0.1:${env[`${upper}_PORT`] || DEFAULT_PORTS[peer]}`;
      if (!/^https?:\/\/[\w.-]+(:\d{1,5})?\/?$/.test(url))
        problems.push(`${upper}_URL=${url}: expected http(s)://host[:port]`);
      return [peer, url.replace(/\/$/, '')];
    }),
  ) as Record<ServiceName, string>;

  const config: ServiceConfig = {
    service,
    schema,
    port,
    databaseUrl,
    dbPoolSize: wholeNumberSetting(env, 'DB_POOL_SIZE', 5, 1, 50, problems),
    kafkaBrokers,
    kafkaPartitions: wholeNumberSetting(env, 'KAFKA_PARTITIONS', 6, 1, 1000, problems),
    kafkaReplicationFactor: wholeNumberSetting(env, 'KAFKA_REPLICATION_FACTOR', 1, 1, 10, problems),
    kafkaTopicPrefix,
    districtPackPath: env.DISTRICT_PACK ?? '',
    autoFileSources: (env.AUTO_FILE_SOURCES ?? 'patrol')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    autoDispatch: env.AUTO_DISPATCH !== 'off',
    duplicateRadiusMetres: wholeNumberSetting(env, 'DUPLICATE_RADIUS_METRES', 250, 0, 5000, problems),
    relayBatchSize: wholeNumberSetting(env, 'RELAY_BATCH_SIZE', 500, 1, 10000, problems),
    open311Limits: {
      readsPerMinute: wholeNumberSetting(env, 'OPEN311_READS_PER_MINUTE', 600, 1, 1_000_000, problems),
      postsPerMinute: wholeNumberSetting(env, 'OPEN311_POSTS_PER_MINUTE', 60, 1, 1_000_000, problems),
    },
    rateLimits: {
      perMinute: wholeNumberSetting(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 10_000_000, problems),
      importerPerMinute: wholeNumberSetting(
        env,
        'RATE_LIMIT_IMPORTER_PER_MINUTE',
        120_000,
        1,
        10_000_000,
        problems,
      ),
    },
    logLevel,
    jwtSecret: jwtSecret || DEVELOPMENT_JWT_SECRET,
    jwtSecretIsDevelopmentDefault: jwtSecret.length === 0,
    production,
    publishes: (PUBLISHING_SERVICES as readonly string[]).includes(service),
    peerUrls,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The Kafka topic of a publishing service as this process names it (with the configured prefix). */
export const topicOf = (config: ServiceConfig, service: PublishingService): string =>
  `${config.kafkaTopicPrefix}${eventTopic(service)}`;

/** A consumer group as this process names it (with the configured prefix). */
export const groupOf = (config: ServiceConfig, group: string): string => `${config.kafkaTopicPrefix}${group}`;
