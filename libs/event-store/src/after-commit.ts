import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

const CALLBACKS = Symbol('cityloop.afterCommit');

type Marked = { [CALLBACKS]?: Set<() => void> };

/** Takes the callbacks waiting on a query runner's transaction, leaving none. */
function take(runner: QueryRunner): Set<() => void> | undefined {
  const data = runner.data as Marked;
  const callbacks = data[CALLBACKS];
  delete data[CALLBACKS];
  return callbacks;
}

/**
 * Runs the callbacks once the outermost transaction commits (a savepoint released is not a
 * commit), and drops them when it rolls back.
 */
class AfterCommit implements EntitySubscriberInterface {
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return;
    take(queryRunner)?.forEach((callback) => callback());
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) take(queryRunner);
  }
}

const watched = new WeakSet<DataSource>();

/**
 * Calls `callback` after the transaction `runner` is in has committed, and never if it rolls
 * back (TypeORM's transaction events, on a subscriber added to the DataSource once). The same
 * callback given twice in one transaction runs once.
 */
export function afterCommit(runner: QueryRunner, callback: () => void): void {
  const dataSource = runner.connection;
  if (!watched.has(dataSource)) {
    watched.add(dataSource);
    dataSource.subscribers.push(new AfterCommit());
  }
  ((runner.data as Marked)[CALLBACKS] ??= new Set()).add(callback);
}
