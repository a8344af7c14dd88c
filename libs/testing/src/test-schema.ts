import { DataSource, type MigrationInterface } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestSchema {
  db: TestDatabase;
  dataSource: DataSource;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/** A fresh database with `schema` migrated by `migrations`, for one integration test file. */
export async function openTestSchema(
  label: string,
  schema: string,
  migrations: (new () => MigrationInterface)[],
  poolSize = 5,
): Promise<TestSchema> {
  const db = await createTestDatabase(label);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: db.url,
    poolSize,
    migrations,
    migrationsTableName: `${schema}.migrations`,
    // As in the services: unqualified names (a service's own migrations and SQL) mean its schema.
    extra: { options: `-c search_path=${schema}` },
  }).initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  await dataSource.runMigrations();
  return {
    db,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
