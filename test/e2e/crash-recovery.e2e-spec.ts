import { readTopic, waitFor } from '@cityloop/testing';
import { Client } from 'pg';
import { bearer, countRows, reportBody, TestStack } from '../support/service-processes';

/**
 * Processes die on the spot at armed fault points (CITYLOOP_FAULTS, see libs/messaging's
 * fault-point.ts): the relay after Kafka acknowledged a batch but before its checkpoint, and the
 * projections consumer after its database commit but before Kafka's offset commit.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('faults', ['intake', 'projections']);
  await stack.start();
  stack.service('intake').actAs(bearer('operator'));
  stack.service('projections').actAs(bearer('command'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

async function fileReports(count: number, from: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n < from + count; n++) {
    const { status, body } = await stack
      .service('intake')
      .post<{ caseId: string }>('/api/v1/reports', reportBody(n));
    expect(status).toBe(201);
    ids.push(body.caseId);
  }
  return ids;
}

const casesIn = (ids: string[]) =>
  countRows(stack, 'projections.cases', `case_id = ANY('{${ids.join(',')}}'::uuid[])`);

describe('crash recovery', () => {
  it('the relay killed mid-batch: every event reaches Kafka at least once, effects hold exactly once', async () => {
    const intake = stack.service('intake');
    await intake.kill('SIGTERM');
    await intake.start({ RELAY_BATCH_SIZE: '10', CITYLOOP_FAULTS: 'relay.after-publish:2' });
    // An open transaction holds the relay back (it reads only below the oldest running
    // transaction), so the 40 reports pile up; released, the relay publishes them 10 at a time
    // and dies after Kafka acknowledged its 2nd batch, before checkpointing it.
    const holder = new Client({ connectionString: stack.db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_current_xact_id()');
    const ids = await fileReports(40, 1000);
    await holder.query('ROLLBACK');
    await holder.end();
    await intake.whenExited();
    expect(intake.running).toBe(false);

    await intake.start();
    await waitFor(
      () => casesIn(ids),
      (n) => n === ids.length,
      { timeoutMs: 60_000, what: 'every case projected' },
    );

    const records = await readTopic(stack.topic('intake'), (r) =>
      ids.every((id) => r.some((x) => x.key === id)),
    );
    const published = records.filter((r) => ids.includes(r.key!));
    const eventIds = published.map((r) => JSON.parse(r.value!).eventId as string);
    expect(new Set(eventIds).size).toBe(ids.length); // every event at least once...
    expect(published.length).toBeGreaterThan(ids.length); // ...and the unacknowledged batch twice
    expect(
      await countRows(stack, 'projections.case_timeline', `case_id = ANY('{${ids.join(',')}}'::uuid[])`),
    ).toBe(ids.length);
  });

  it('projections killed between its database commit and its offset commit: the redelivery changes nothing', async () => {
    const projections = stack.service('projections');
    await projections.kill('SIGTERM');
    await projections.start({ CITYLOOP_FAULTS: 'consumer.after-commit:5' });
    const ids = await fileReports(30, 2000);
    await projections.whenExited();

    await projections.start();
    await waitFor(
      () => casesIn(ids),
      (n) => n === ids.length,
      { timeoutMs: 60_000, what: 'every case projected' },
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await projections.metric('cityloop_events_redelivered_total')).toBeGreaterThanOrEqual(1);
    expect(
      await countRows(stack, 'projections.case_timeline', `case_id = ANY('{${ids.join(',')}}'::uuid[])`),
    ).toBe(ids.length);
    expect(await countRows(stack, 'projections.consumed_events')).toBe(
      await countRows(stack, 'intake.events'),
    );
  });
});
