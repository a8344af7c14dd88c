import type { MigrationClass } from '@cityloop/event-store';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ServiceConfig } from './service-config';

const logger = new Logger('Database');

export function dataSourceOptions(config: ServiceConfig, migrations: MigrationClass[]): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    schema: config.schema,
    // Every pool is sized on purpose: Postgres allows 100 connections here (docs/ARCHITECTURE.md).
    poolSize: config.dbPoolSize,
    applicationName: `cityloop-${config.service}`,
    migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    // Unqualified names in a service's raw SQL mean its own schema.
    extra: {
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      options: `-c search_path=${config.schema}`,
    },
  };
}

/** Creates the database when it does not exist yet: a newcomer's Postgres starts empty. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      await client
        .query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error; // created meanwhile by a sibling service
        });
      logger.log(`created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Opens the pool and brings the service's schema up to date. Instances starting together take
 * turns through an advisory lock, so a migration never runs twice.
 */
export async function openDatabase(options: DataSourceOptions, config: ServiceConfig): Promise<DataSource> {
  await ensureDatabase(config.databaseUrl);
  const dataSource = await new DataSource(options).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`cityloop.migrate.${config.schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.log(`schema ${config.schema}: applied ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`cityloop.migrate.${config.schema}`])
      .catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
