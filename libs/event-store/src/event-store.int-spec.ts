import type { NewEvent } from '@cityloop/contracts';
import { openTestSchema, waitFor, type TestSchema } from '@cityloop/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { EventStore, heldBackAfterSql, type StoredEvent } from './event-store';
import {
  AppendNotFirstWriteError,
  EventIdReusedError,
  ExpectedVersionConflictError,
} from './event-store.errors';
import { eventStoreMigration } from './event-store.migration';
import { START_OF_STORE, type GlobalPosition } from './global-position';

const SCHEMA = 'store_test';
let schema: TestSchema;
let dataSource: DataSource;
let store: EventStore;

const event = (caseId: string, extra: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(),
  type: 'CaseReported',
  schemaVersion: 1,
  caseId,
  occurredAt: new Date('2026-03-02T08:00:00Z'),
  correlationId: randomUUID(),
  actor: { role: 'system', id: 'test' },
  payload: { n: 1 },
  ...extra,
});

beforeAll(async () => {
  schema = await openTestSchema('event_store', SCHEMA, [eventStoreMigration(SCHEMA)], 30);
  dataSource = schema.dataSource;
  store = new EventStore(dataSource, SCHEMA, 'intake');
});

afterAll(async () => {
  await schema?.close();
});

describe('EventStore append', () => {
  it('lets exactly one of many racing writers win each version; versions stay contiguous', async () => {
    const caseId = randomUUID();
    const streamId = `case-${caseId}`;
    const writers = 20;
    const rounds = 10;
    let wins = 0;
    let conflicts = 0;
    for (let expected = 0; expected < rounds; expected++) {
      const results = await Promise.allSettled(
        Array.from({ length: writers }, () => store.append(streamId, [event(caseId)], expected)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const loss of lost) {
        expect(loss.reason).toBeInstanceOf(ExpectedVersionConflictError);
        expect((loss.reason as ExpectedVersionConflictError).actualVersion).toBe(expected + 1);
      }
      wins += won.length;
      conflicts += lost.length;
    }
    expect(wins).toBe(rounds);
    expect(conflicts).toBe(rounds * (writers - 1));
    const versions = (await store.readStream(streamId)).map((e) => e.streamVersion);
    expect(versions).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
  });

  it('stores an event id once: the second append is a no-op that returns the stored events', async () => {
    const caseId = randomUUID();
    const first = event(caseId);
    const appended = await store.append(`case-${caseId}`, [first], 0);
    const again = await store.append(`case-${caseId}`, [first], 0);
    expect(appended.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.eventId)).toEqual([first.eventId]);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM ${SCHEMA}.events WHERE event_id = $1`,
      [first.eventId],
    );
    expect(count).toBe(1);
  });

  it('refuses a batch that mixes stored and new event ids', async () => {
    const caseId = randomUUID();
    const first = event(caseId);
    await store.append(`case-${caseId}`, [first], 0);
    await expect(store.append(`case-${caseId}`, [first, event(caseId)], 1)).rejects.toBeInstanceOf(
      EventIdReusedError,
    );
  });

  it('refuses an expected version ahead of the stream, so no gap can open', async () => {
    const caseId = randomUUID();
    await store.append(`case-${caseId}`, [event(caseId)], 0);
    await expect(store.append(`case-${caseId}`, [event(caseId)], 5)).rejects.toMatchObject({
      actualVersion: 1,
      expectedVersion: 5,
    });
  });

  it('appends several events with consecutive versions, and "any" appends at the end', async () => {
    const caseId = randomUUID();
    const result = await store.append(`case-${caseId}`, [event(caseId), event(caseId)], 0);
    expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2]);
    const more = await store.append(`case-${caseId}`, [event(caseId)], 'any');
    expect(more.nextExpectedVersion).toBe(3);
  });

  it('refuses to append after its transaction already wrote something', async () => {
    const caseId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO ${SCHEMA}.streams (stream_id, version) VALUES ($1, 1)`, [
          `other-${caseId}`,
        ]);
        await store.append(`case-${caseId}`, [event(caseId)], 0, manager);
      }),
    ).rejects.toBeInstanceOf(AppendNotFirstWriteError);
  });
});

describe('EventStore appendNew (a group commit of new streams)', () => {
  const readStreams = (ids: string[]) => Promise.all(ids.map((id) => store.readStream(`case-${id}`)));

  it('opens every stream in one transaction, each from version 1, in the given order', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const results = await dataSource.transaction((manager) =>
      store.appendNew(
        ids.map((id, n) => ({
          streamId: `case-${id}`,
          events: Array.from({ length: n + 1 }, () => event(id)),
        })),
        manager,
      ),
    );
    expect(results.map((r) => r.events.map((e) => [e.streamId, e.streamVersion]))).toEqual(
      ids.map((id, n) => Array.from({ length: n + 1 }, (_, v) => [`case-${id}`, v + 1])),
    );
    expect(results.map((r) => r.nextExpectedVersion)).toEqual([1, 2, 3]);
    const stored = await readStreams(ids);
    expect(stored.map((events) => events.length)).toEqual([1, 2, 3]);
    const all = (await store.readAll(START_OF_STORE, 100_000)).filter((e) =>
      (ids as string[]).includes(e.envelope.caseId!),
    );
    expect(new Set(all.map((e) => e.position.transactionId)).size).toBe(1);
  });

  it('writes nothing when one of the streams exists, or one event id is stored already', async () => {
    const existing = randomUUID();
    const first = event(existing);
    await store.append(`case-${existing}`, [first], 0);
    const fresh = [randomUUID(), randomUUID()];
    const group = (streams: { streamId: string; events: NewEvent[] }[]) =>
      dataSource.transaction((manager) => store.appendNew(streams, manager));
    await expect(
      group([
        { streamId: `case-${fresh[0]}`, events: [event(fresh[0])] },
        { streamId: `case-${existing}`, events: [event(existing)] },
      ]),
    ).rejects.toBeInstanceOf(ExpectedVersionConflictError);
    await expect(
      group([
        { streamId: `case-${fresh[1]}`, events: [event(fresh[1])] },
        { streamId: `case-${randomUUID()}`, events: [{ ...first }] },
      ]),
    ).rejects.toBeInstanceOf(EventIdReusedError);
    expect((await readStreams(fresh)).map((events) => events.length)).toEqual([0, 0]);
    expect(await store.readStream(`case-${existing}`)).toHaveLength(1);
  });

  it("must be its transaction's first write, as append", async () => {
    const caseId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO ${SCHEMA}.streams (stream_id, version) VALUES ($1, 1)`, [
          `other-${caseId}`,
        ]);
        await store.appendNew([{ streamId: `case-${caseId}`, events: [event(caseId)] }], manager);
      }),
    ).rejects.toBeInstanceOf(AppendNotFirstWriteError);
  });
});

describe('EventStore global order', () => {
  /** Follows the store as the relay does, from a checkpoint, collecting what it reads. */
  const follow = async (
    from: GlobalPosition,
    seen: StoredEvent[],
    pageSize = 100,
  ): Promise<GlobalPosition> => {
    const batch = await store.readAll(from, pageSize);
    seen.push(...batch);
    return batch.length > 0 ? batch[batch.length - 1].position : from;
  };

  /**
   * Follows until nothing is left: an empty read alone is not enough, since a transaction open
   * elsewhere on the server (another test file's) may hold the readable horizon back a moment.
   */
  const followToEnd = async (
    from: GlobalPosition,
    seen: StoredEvent[],
    pageSize = 100,
  ): Promise<GlobalPosition> => {
    let checkpoint = from;
    await waitFor(
      async () => {
        checkpoint = await follow(checkpoint, seen, pageSize);
        return store.hasHeldBackAfter(checkpoint);
      },
      (held) => !held,
      { what: 'the follower at the end of the store', timeoutMs: 30_000, intervalMs: 50 },
    );
    return follow(checkpoint, seen, pageSize);
  };

  it('delivers an event whose transaction took its position first and committed last, in order', async () => {
    // Start the follower at the end of what earlier tests wrote.
    let checkpoint = await followToEnd(START_OF_STORE, []);

    const slowCase = randomUUID();
    const fastCase = randomUUID();
    const positionOf = async (caseId: string, manager = dataSource.manager): Promise<bigint> => {
      const [{ position }] = await manager.query(`SELECT position FROM ${SCHEMA}.events WHERE case_id = $1`, [
        caseId,
      ]);
      return BigInt(position);
    };
    let slowAppended: (position: bigint) => void = () => undefined;
    const slowPosition = new Promise<bigint>((resolve) => (slowAppended = resolve));
    // The slow writer takes its position, then holds its transaction open for 2 s before committing.
    const slow = dataSource.transaction(async (manager) => {
      await store.append(`case-${slowCase}`, [event(slowCase)], 0, manager);
      slowAppended(await positionOf(slowCase, manager));
      await manager.query('SELECT pg_sleep(2)');
    });
    const slowAt = await slowPosition;
    await store.append(`case-${fastCase}`, [event(fastCase)], 0);
    // A bigserial-only reader would see the fast event (higher position) first and skip the slow one.
    expect(await positionOf(fastCase)).toBeGreaterThan(slowAt);

    const seen: StoredEvent[] = [];
    checkpoint = await follow(checkpoint, seen);
    expect(seen).toHaveLength(0); // the fast event waits behind the open transaction

    await slow;
    // To the end: a transaction elsewhere on the server may hold the horizon back a moment more.
    checkpoint = await followToEnd(checkpoint, seen);
    expect(seen.map((e) => e.envelope.caseId)).toEqual([slowCase, fastCase]);
    expect(await store.readAll(checkpoint, 100)).toHaveLength(0);
  });

  it('pages in numeric order across positions of different lengths (999, then 1000)', async () => {
    const checkpoint = await followToEnd(START_OF_STORE, []);
    const [{ max }] = await dataSource.query(`SELECT max(position)::text AS max FROM ${SCHEMA}.events`);
    const below = 10 ** (String(max).length + 1) - 5;
    await dataSource.query(`ALTER TABLE ${SCHEMA}.events ALTER COLUMN position RESTART WITH ${below}`);
    const caseId = randomUUID();
    const events = Array.from({ length: 30 }, () => event(caseId));
    await store.append(`case-${caseId}`, events, 0);
    // Small pages, so that a page ends between 999 and 1000 (or 9999 and 10000...).
    const seen: StoredEvent[] = [];
    await followToEnd(checkpoint, seen, 7);
    const positions = seen.map((e) => Number(e.position.position));
    expect(positions).toEqual(Array.from({ length: 30 }, (_, i) => below + i));
    expect(seen.map((e) => e.envelope.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('asks whether events are held back through the global-order index, with or without statistics', async () => {
    const caseId = randomUUID();
    await store.append(
      `case-${caseId}`,
      Array.from({ length: 3_000 }, () => event(caseId)),
      0,
    );
    const end = await followToEnd(START_OF_STORE, [], 1_000);
    const scansOfPlan = async () => {
      const [{ 'QUERY PLAN': plan }] = await dataSource.query(
        `EXPLAIN (FORMAT JSON) ${heldBackAfterSql(`${SCHEMA}.events`)}`,
        [end.transactionId, end.position],
      );
      return JSON.stringify(plan).match(/"Node Type":"[^"]*Scan"/g);
    };
    // As on a server whose autovacuum has not analysed the grown table yet: no statistics, so the
    // planner guesses that a third of the store lies after any position.
    await dataSource.query(`ALTER TABLE ${SCHEMA}.events SET (autovacuum_enabled = false)`);
    expect(await scansOfPlan()).toEqual(['"Node Type":"Index Only Scan"']);
    await dataSource.query(`ANALYZE ${SCHEMA}.events`);
    expect(await scansOfPlan()).toEqual(['"Node Type":"Index Only Scan"']);
    expect(await store.hasHeldBackAfter(end)).toBe(false);
  });

  it('a follower polling during a concurrent load reads every committed event exactly once', async () => {
    let checkpoint = await followToEnd(START_OF_STORE, []);
    const cases = Array.from({ length: 200 }, () => randomUUID());
    const seen: StoredEvent[] = [];
    let writing = true;
    const follower = (async () => {
      while (writing) checkpoint = await follow(checkpoint, seen);
    })();
    await Promise.all(
      cases.map(async (caseId, i) => {
        await dataSource.transaction(async (manager) => {
          await store.append(`case-${caseId}`, [event(caseId)], 0, manager);
          if (i % 7 === 0) await manager.query('SELECT pg_sleep(0.05)');
        });
      }),
    );
    writing = false;
    await follower;
    checkpoint = await followToEnd(checkpoint, seen);
    const ids = seen.map((e) => e.envelope.caseId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(cases));
  });
});

describe('EventStore commit announcements', () => {
  it('tells its listeners of an append only once its transaction committed, and never of a rolled-back one', async () => {
    const heard: string[] = [];
    const stop = store.onAppendCommitted(() => {
      heard.push('committed');
    });
    try {
      const committed = randomUUID();
      await dataSource.transaction(async (manager) => {
        await store.append(`case-${committed}`, [event(committed), event(committed)], 0, manager);
        await manager.query('SELECT 1');
        // Inside the transaction: not yet.
        expect(heard).toEqual([]);
      });
      // Two events, one transaction: one announcement.
      expect(heard).toEqual(['committed']);

      const rolledBack = randomUUID();
      await expect(
        dataSource.transaction(async (manager) => {
          await store.append(`case-${rolledBack}`, [event(rolledBack)], 0, manager);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(heard).toEqual(['committed']);

      // Without a transaction of the caller's, the store's own commits it.
      const own = randomUUID();
      await store.append(`case-${own}`, [event(own)], 0);
      expect(heard).toEqual(['committed', 'committed']);
    } finally {
      stop();
    }
  });

  it('still notifies other processes, outside the append, on the store channel', async () => {
    const client = new Client({ connectionString: schema.db.url });
    await client.connect();
    try {
      const notified: string[] = [];
      client.on('notification', (n) => notified.push(n.channel));
      await client.query(`LISTEN "${store.notifyChannel}"`);
      const caseId = randomUUID();
      await store.append(`case-${caseId}`, [event(caseId)], 0);
      await waitFor(
        async () => notified,
        (n) => n.length > 0,
        { what: 'a notification' },
      );
      expect(notified[0]).toBe(store.notifyChannel);
    } finally {
      await client.end();
    }
  });

  it("sends no NOTIFY while a listener here is the store's active relay, and does once it is not", async () => {
    const client = new Client({ connectionString: schema.db.url });
    await client.connect();
    let active = true;
    const stop = store.onAppendCommitted(() => active);
    try {
      const notified: string[] = [];
      client.on('notification', (n) => notified.push(n.channel));
      await client.query(`LISTEN "${store.notifyChannel}"`);
      // A notification still on its way from the earlier tests' appends (spaced out, so one may
      // trail the test that caused it) is not this test's: let it arrive, then forget it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('SELECT 1');
      notified.length = 0;
      const here = randomUUID();
      await store.append(`case-${here}`, [event(here)], 0);
      // A NOTIFY sent after the commit would arrive well within this.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('SELECT 1');
      expect(notified).toEqual([]);

      active = false;
      const elsewhere = randomUUID();
      await store.append(`case-${elsewhere}`, [event(elsewhere)], 0);
      await waitFor(
        async () => notified,
        (n) => n.length > 0,
        { what: 'a notification' },
      );
    } finally {
      stop();
      await client.end();
    }
  });
});
