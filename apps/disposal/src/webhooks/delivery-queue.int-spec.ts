import { openTestSchema, type TestSchema } from '@cityloop/testing';
import { randomUUID } from 'node:crypto';
import { disposalMigrations } from '../migrations';
import { DeliveryLog } from './delivery-log';
import { DeliveryQueue, type ClaimedDelivery } from './delivery-queue';
import type { OrderNotice, WebhookEventType } from './webhook-events';
import { WebhookRegistry } from './webhook-registry';
import { WebhookSecretBox } from './webhook-secret-box';

const SCHEMA = 'disposal';
let schema: TestSchema;
let queue: DeliveryQueue;
let log: DeliveryLog;
let registry: WebhookRegistry;
let box: WebhookSecretBox;

beforeAll(async () => {
  schema = await openTestSchema('webhook_queue', SCHEMA, disposalMigrations(SCHEMA), 6);
  queue = new DeliveryQueue(schema.dataSource);
  log = new DeliveryLog(schema.dataSource);
  box = new WebhookSecretBox('a-key-of-at-least-thirty-two-characters!');
  registry = new WebhookRegistry(schema.dataSource, box, queue);
});

afterAll(async () => {
  await schema?.close();
});

const notice = (departmentId: string, type: WebhookEventType = 'order.dispatched'): OrderNotice => ({
  type,
  occurredAt: '2026-03-02T00:00:00.000Z',
  caseId: randomUUID(),
  orderId: randomUUID(),
  departmentId,
  eventId: randomUUID(),
  data: {},
});

const enqueue = (n: OrderNotice, recordedAt = new Date().toISOString()) =>
  schema.dataSource.transaction((m) => queue.enqueue(m, n, recordedAt));

const register = (departmentId: string, events: WebhookEventType[] = ['order.dispatched', 'order.rework']) =>
  registry.register(
    departmentId,
    { url: `https://${randomUUID()}.example/hook`, events, description: null },
    't',
  );

const deliveredTo = async (webhookId: string) => (await log.page(webhookId, { limit: 200 })).items;

describe('the webhook delivery queue (Postgres)', () => {
  it('enqueues one delivery per live endpoint of the department that wants the notice, once', async () => {
    const wanted = await register('sanitation-q1');
    const reworkOnly = await register('sanitation-q1', ['order.rework']);
    const stranger = await register('water-q1');
    const removed = await register('sanitation-q1');
    await registry.remove('sanitation-q1', removed.webhookId, 't');

    const dispatched = notice('sanitation-q1');
    expect(await enqueue(dispatched)).toBe(1);
    expect(await enqueue(dispatched)).toBe(0); // the same event again
    expect(await deliveredTo(wanted.webhookId)).toHaveLength(1);
    expect(await deliveredTo(reworkOnly.webhookId)).toHaveLength(0);
    expect(await deliveredTo(stranger.webhookId)).toHaveLength(0);
    expect(await deliveredTo(removed.webhookId)).toHaveLength(0);

    // An event recorded before the endpoint was registered is not sent to it.
    expect(await enqueue(notice('sanitation-q1'), '2020-01-01T00:00:00.000Z')).toBe(0);

    const [delivery] = await deliveredTo(wanted.webhookId);
    expect(delivery).toMatchObject({ state: 'pending', type: 'order.dispatched', attempts: [] });
    expect(delivery.payload).toMatchObject({ id: delivery.deliveryId, eventId: dispatched.eventId });
  });

  it('keeps the secret sealed in the table, and refuses a second live registration of a URL', async () => {
    const hook = await register('greening-q1');
    const [row] = await schema.dataSource.query<{ secret_sealed: string }[]>(
      'SELECT secret_sealed FROM disposal.webhooks WHERE webhook_id = $1',
      [hook.webhookId],
    );
    expect(row.secret_sealed).not.toContain(hook.secret.slice(6));
    expect(box.open(row.secret_sealed, hook.webhookId)).toBe(hook.secret);
    await expect(
      registry.register(
        'greening-q1',
        { url: hook.url, events: ['order.dispatched'], description: null },
        't',
      ),
    ).rejects.toMatchObject({ code: 'WEBHOOK.ALREADY_REGISTERED', status: 409 });
  });

  it('never hands one delivery to two workers at once, and takes back a claim that ran out', async () => {
    const hook = await register('roads-q1');
    for (let i = 0; i < 30; i++) await enqueue(notice('roads-q1'));
    const mine = (claims: ClaimedDelivery[]) => claims.filter((c) => c.webhookId === hook.webhookId);

    const claims = await Promise.all([1, 2, 3].map(() => queue.claimDue(20, 60_000)));
    const ids = claims.flatMap(mine).map((c) => c.deliveryId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(mine(await queue.claimDue(100, 60_000))).toEqual([]); // all held

    // A worker that died: its claim runs out, the delivery is attempted again, the first attempt
    // is logged as interrupted.
    const other = await register('roads-q2');
    await enqueue(notice('roads-q2'));
    const [first] = (await queue.claimDue(100, 1)).filter((c) => c.webhookId === other.webhookId);
    expect(first.attempt).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    const [second] = (await queue.claimDue(100, 60_000)).filter((c) => c.webhookId === other.webhookId);
    expect(second).toMatchObject({ deliveryId: first.deliveryId, attempt: 2 });

    // The late first worker reports success: logged, but it decides nothing (fenced off).
    await queue.complete(first, { statusCode: 200, durationMs: 5, error: null }, { state: 'delivered' });
    let [entry] = await deliveredTo(other.webhookId);
    expect(entry.state).toBe('pending');
    await queue.complete(
      second,
      { statusCode: 503, durationMs: 7, error: 'HTTP 503' },
      {
        state: 'pending',
        retryInMs: 60_000,
      },
    );
    [entry] = await deliveredTo(other.webhookId);
    expect(entry.state).toBe('pending');
    expect(new Date(entry.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(entry.attempts.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 200, null],
      [2, 503, 'HTTP 503'],
    ]);
    expect(mine(await queue.claimDue(100, 60_000))).toEqual([]); // not due for a minute
  });

  it('ends a delivery delivered or given up, and cancels what waits for a deleted endpoint', async () => {
    const hook = await register('water-q3');
    await enqueue(notice('water-q3'));
    await enqueue(notice('water-q3'));
    const [a, b] = (await queue.claimDue(100, 60_000)).filter((c) => c.webhookId === hook.webhookId);
    await queue.complete(a, { statusCode: 204, durationMs: 3, error: null }, { state: 'delivered' });
    await queue.complete(b, { statusCode: null, durationMs: 3, error: 'ECONNREFUSED' }, { state: 'failed' });
    const states = (await deliveredTo(hook.webhookId)).map((d) => [d.deliveryId, d.state, d.nextAttemptAt]);
    expect(states).toEqual(
      expect.arrayContaining([
        [a.deliveryId, 'delivered', null],
        [b.deliveryId, 'failed', null],
      ]),
    );

    await enqueue(notice('water-q3'));
    await registry.remove('water-q3', hook.webhookId, 't');
    const cancelled = await log.page(hook.webhookId, { limit: 10, state: 'cancelled' });
    expect(cancelled.items).toHaveLength(1);
    await expect(registry.require('water-q3', hook.webhookId)).rejects.toMatchObject({
      code: 'WEBHOOK.NOT_FOUND',
    });
  });

  it('pages the log newest first', async () => {
    const hook = await register('traffic-q1');
    for (let i = 0; i < 5; i++) await enqueue(notice('traffic-q1'));
    const first = await log.page(hook.webhookId, { limit: 2 });
    const second = await log.page(hook.webhookId, { limit: 2, before: first.nextCursor! });
    const third = await log.page(hook.webhookId, { limit: 2, before: second.nextCursor! });
    expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((d) => d.deliveryId);
    expect(new Set(all).size).toBe(5);
  });
});
