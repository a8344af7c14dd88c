import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * Rows of a statement, whatever its kind. TypeORM's plain query() returns [rows, count] for
 * UPDATE/DELETE and rows otherwise; the structured result is uniform.
 */
export async function rows<T>(runner: QueryRunner, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await runner.query(sql, params, true);
  return result.records as T[];
}

/** The query runner of a transaction's EntityManager (dataSource.transaction gives one). */
export function runnerOf(manager: EntityManager): QueryRunner {
  if (!manager.queryRunner) throw new Error('expected an EntityManager bound to a transaction');
  return manager.queryRunner;
}

/**
 * INSERT ... ON CONFLICT (key) DO UPDATE of every other column. The rows come from `source`, by
 * default one row whose columns are $1... in order.
 */
export function upsertSql(
  table: string,
  columns: readonly string[],
  key: string,
  source = `VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
): string {
  return `INSERT INTO ${table} (${columns.join(', ')})
    ${source}
    ON CONFLICT (${key}) DO UPDATE SET
    ${columns
      .filter((c) => c !== key)
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')}`;
}
