import { openTestSchema, type TestSchema } from '@cityloop/testing';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { GroupCommit, type GroupWrites } from './group-commit';

const SCHEMA = 'group_commit_test';

class NotesTable implements MigrationInterface {
  name = 'NotesTable1764000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${SCHEMA}.notes (n int PRIMARY KEY CHECK (n >= 0), txid xid8 NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${SCHEMA}.notes`);
  }
}

/** Notes n into the table; a negative n breaks its CHECK. Records each transaction's size. */
class Notes implements GroupWrites<number, string> {
  readonly groups: number[] = [];
  readonly alones: number[] = [];

  async together(items: readonly number[], manager: EntityManager): Promise<string[]> {
    this.groups.push(items.length);
    return this.insert(items, manager);
  }

  async alone(item: number, manager: EntityManager): Promise<string> {
    this.alones.push(item);
    return (await this.insert([item], manager))[0];
  }

  private async insert(items: readonly number[], manager: EntityManager): Promise<string[]> {
    const rows: { n: number }[] = await manager.query(
      `INSERT INTO ${SCHEMA}.notes SELECT n, pg_current_xact_id() FROM unnest($1::int[]) AS n RETURNING n`,
      [items],
    );
    return rows.map((r) => `noted ${r.n}`);
  }
}

describe('GroupCommit, against Postgres', () => {
  let schema: TestSchema;
  const stored = async () =>
    (
      await schema.dataSource.query<{ n: number; txid: string }[]>(
        `SELECT n, txid::text AS txid FROM ${SCHEMA}.notes ORDER BY n`,
      )
    ).map((r) => ({ ...r, n: Number(r.n) }));

  beforeAll(async () => {
    schema = await openTestSchema('group_commit', SCHEMA, [NotesTable]);
  });
  afterAll(() => schema?.close());
  beforeEach(() => schema.dataSource.query(`TRUNCATE ${SCHEMA}.notes`));

  it('commits an item alone when nothing else is committing, and the items arriving meanwhile together', async () => {
    const notes = new Notes();
    const group = new GroupCommit(schema.dataSource, notes, { maxInFlight: 1 });
    const first = group.commit(0);
    const rest = Array.from({ length: 30 }, (_, i) => group.commit(i + 1));
    expect(await first).toBe('noted 0');
    expect(await Promise.all(rest)).toEqual(rest.map((_, i) => `noted ${i + 1}`));
    expect(notes.alones).toEqual([0]);
    expect(notes.groups).toEqual([30]);
    const rows = await stored();
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(new Set(rows.map((r) => r.txid)).size).toBe(2);
  });

  it('keeps a group within maxGroup', async () => {
    const notes = new Notes();
    const group = new GroupCommit(schema.dataSource, notes, { maxInFlight: 1, maxGroup: 8 });
    await Promise.all(Array.from({ length: 21 }, (_, i) => group.commit(i)));
    expect(notes.alones).toEqual([0]);
    expect(notes.groups).toEqual([8, 8, 4]);
    expect(await stored()).toHaveLength(21);
  });

  it('fails only the item at fault: the group is written again item by item', async () => {
    const notes = new Notes();
    const group = new GroupCommit(schema.dataSource, notes, { maxInFlight: 1 });
    const first = group.commit(100);
    const outcomes = await Promise.allSettled([1, 2, -3, 4].map((n) => group.commit(n)));
    await first;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23514' });
    expect(notes.groups).toEqual([4]);
    expect(notes.alones).toEqual([100, 1, 2, -3, 4]);
    expect((await stored()).map((r) => r.n)).toEqual([1, 2, 4, 100]);
  });

  it('fails a whole group at once when the database cannot be reached, and says why a group failed', async () => {
    const notes = new Notes();
    const unavailable = Object.assign(new Error('the database system is shutting down'), { code: '57P03' });
    let failing = false;
    const writes: GroupWrites<number, string> = {
      together: (items, manager) => (failing ? Promise.reject(unavailable) : notes.together(items, manager)),
      alone: (item, manager) => notes.alone(item, manager),
    };
    const failures: number[] = [];
    const group = new GroupCommit(schema.dataSource, writes, {
      maxInFlight: 1,
      onGroupFailed: (_, size) => failures.push(size),
    });
    const first = group.commit(0);
    failing = true;
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => group.commit(n)));
    await first;
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason)).toEqual([
      unavailable,
      unavailable,
      unavailable,
    ]);
    // No one by one: the pool is not asked three more times in turn.
    expect(notes.alones).toEqual([0]);
    expect(failures).toEqual([]);

    // Any other failure of a group is told, then its items go one by one.
    const told = new GroupCommit(schema.dataSource, new Notes(), {
      maxInFlight: 1,
      onGroupFailed: (_, size) => failures.push(size),
    });
    const start = told.commit(10);
    await Promise.allSettled([11, -12].map((n) => told.commit(n)));
    await start;
    expect(failures).toEqual([2]);
  });
});
