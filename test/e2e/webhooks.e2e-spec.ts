import { waitFor } from '@cityloop/testing';
import { bearer, categoryNamed, pointInDistrict, reportBody, TestStack } from '../support/service-processes';
import { signByHand, WebhookReceiver, type ReceivedNotice } from '../support/webhook-receiver';

/**
 * Outbound webhooks (docs/WEBHOOKS.md) across the services as processes: a department's system on
 * loopback checks every signature and counts notices by delivery id, through an outage of its own
 * and a restart of disposal in the middle of it.
 */
const MANHOLE = categoryNamed('井盖缺失'); // 6 calendar hours, the water department's everywhere
const DEPARTMENT = MANHOLE.defaultDepartmentId;
const STRANGER = 'sanitation';

let stack: TestStack;
const receiver = new WebhookReceiver();
const department = bearer('department', DEPARTMENT);
const stranger = bearer('department', STRANGER);
const patroller = bearer('patroller');

interface Webhook {
  webhookId: string;
  url: string;
  events: string[];
  secret?: string;
}

interface Delivery {
  deliveryId: string;
  type: string;
  caseId: string;
  orderId: string;
  state: string;
  nextAttemptAt: string | null;
  attempts: {
    attempt: number;
    startedAt: string;
    finishedAt: string | null;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  }[];
}

beforeAll(async () => {
  stack = await TestStack.create('webhooks', ['intake', 'dispatch', 'disposal', 'verification'], {
    // Fast retries for the test (docs/WEBHOOKS.md: 2 s doubling to an hour by default).
    WEBHOOK_RETRY_BASE_MS: '250',
    WEBHOOK_RETRY_MAX_MS: '2000',
    WEBHOOK_MAX_ATTEMPTS: '100',
    WEBHOOK_TIMEOUT_MS: '3000', // a claim's lease: 2 × 3 s + 1 s
    WEBHOOK_POLL_MS: '100',
    TIMER_POLL_MS: '200',
  });
  await stack.start();
  await receiver.start();
}, 180_000);

afterAll(async () => {
  await receiver.stop();
  await stack?.stop();
}, 60_000);

const disposal = () => stack.service('disposal');

async function register(path: string, events?: string[]): Promise<Webhook> {
  const created = await disposal().post<Webhook>(
    '/api/v1/webhooks',
    { url: receiver.url(path), ...(events && { events }) },
    department,
  );
  expect(created.status).toBe(201);
  receiver.trust(path, created.body.secret!);
  return created.body;
}

/** A patrol report of a missing manhole cover: filed and dispatched to the water department at once. */
async function reportManhole(n: number, hoursAgo = 0): Promise<string> {
  const body = {
    ...reportBody(n),
    source: 'patrol',
    categoryCode: MANHOLE.code,
    location: pointInDistrict(n),
  };
  const created =
    hoursAgo === 0
      ? await stack.service('intake').post<{ caseId: string }>('/api/v1/reports', body, patroller)
      : await stack.service('intake').post<{ caseId: string }>(
          '/api/v1/reports',
          {
            ...body,
            occurredAt: new Date(Math.floor(Date.now() / 1000) * 1000 - hoursAgo * 3_600_000).toISOString(),
          },
          bearer('importer'),
        );
  expect(created.status).toBe(201);
  return created.body.caseId;
}

/** The notice of `type` about case `caseId`, once the receiver has it. */
const noticeOf = (
  caseId: string,
  type: string,
  path = '/cityloop',
  timeoutMs = 60_000,
): Promise<ReceivedNotice> =>
  waitFor(
    async () =>
      [...receiver.notices.values()].find((n) => n.caseId === caseId && n.type === type && n.path === path),
    (n) => n !== undefined,
    { timeoutMs, what: `${type} of case ${caseId} at ${path}` },
  ) as Promise<ReceivedNotice>;

const deliveryLog = async (webhookId: string, headers = department) =>
  disposal().get<{ items: Delivery[]; code?: string }>(
    `/api/v1/webhooks/${webhookId}/deliveries?limit=200`,
    headers,
  );

describe('outbound webhooks', () => {
  let all: Webhook;
  let escalationsOnly: Webhook;
  const expected: { caseId: string; type: string }[] = [];

  it("the receiver's own check refuses forged and stale signatures", async () => {
    receiver.trust('/self-check', 'whsec_self-check');
    const body = JSON.stringify({ id: 'x', type: 'order.dispatched' });
    const post = (signature: string) =>
      fetch(receiver.url('/self-check'), {
        method: 'POST',
        headers: {
          'cityloop-signature': signature,
          'cityloop-delivery': 'x',
          'cityloop-event': 'order.dispatched',
        },
        body,
      }).then((r) => r.status);
    const now = Math.floor(Date.now() / 1000);
    expect(await post(signByHand('whsec_self-check', now, body))).toBe(204);
    expect(await post(signByHand('whsec_wrong', now, body))).toBe(400);
    expect(await post(signByHand('whsec_self-check', now - 301, body))).toBe(400); // a replay, too old
    expect(await post(signByHand('whsec_self-check', now, body).replace(`t=${now}`, `t=${now + 1}`))).toBe(
      400,
    );
    expect(receiver.rejected).toBe(3);
    receiver.notices.clear();
    receiver.rejected = 0;
  });

  it('a department registers endpoints of its own; its secret is shown once; bad input is refused and nothing stored', async () => {
    all = await register('/cityloop');
    expect(all).toMatchObject({
      departmentId: DEPARTMENT,
      url: receiver.url('/cityloop'),
      events: ['order.dispatched', 'order.reminder', 'order.escalated', 'order.rework'],
    });
    expect(all.secret).toMatch(/^whsec_[\w-]{43}$/);
    escalationsOnly = await register('/escalations', ['order.escalated']);

    const listed = await disposal().get<{ items: Webhook[] }>('/api/v1/webhooks', department);
    expect(listed.body.items.map((w) => w.webhookId)).toEqual([all.webhookId, escalationsOnly.webhookId]);
    expect(JSON.stringify(listed.body)).not.toContain('secret');
    const one = await disposal().get<Webhook>(`/api/v1/webhooks/${all.webhookId}`, department);
    expect(one.body).not.toHaveProperty('secret');

    const refused = async (body: unknown, headers = department) => {
      const r = await disposal().post<{ code: string }>('/api/v1/webhooks', body, headers);
      return [r.status, r.body.code];
    };
    expect(await refused({ url: 'ftp://127.0.0.1/hook' })).toEqual([400, 'WEBHOOK.INVALID_URL']);
    expect(await refused({ url: 'not a url' })).toEqual([400, 'WEBHOOK.INVALID_URL']);
    expect(await refused({ url: 'https://user:pw@example.com/hook' })).toEqual([400, 'WEBHOOK.INVALID_URL']);
    expect(await refused({ url: receiver.url('/x'), events: ['order.closed'] })).toEqual([
      400,
      'REQUEST.INVALID',
    ]);
    expect(await refused({ url: receiver.url('/x'), secret: 'mine' })).toEqual([400, 'REQUEST.INVALID']);
    expect(await refused({ url: receiver.url('/cityloop') })).toEqual([409, 'WEBHOOK.ALREADY_REGISTERED']);
    expect(await refused({ url: receiver.url('/x') }, bearer('operator'))).toEqual([403, 'AUTH.FORBIDDEN']);
    expect(
      (await disposal().get<{ items: Webhook[] }>('/api/v1/webhooks', department)).body.items,
    ).toHaveLength(2);
  });

  it('another department neither sees nor deletes them', async () => {
    expect((await disposal().get<{ items: Webhook[] }>('/api/v1/webhooks', stranger)).body.items).toEqual([]);
    for (const [status, code] of [
      [(await disposal().get<{ code: string }>(`/api/v1/webhooks/${all.webhookId}`, stranger)).status, 'get'],
      [(await deliveryLog(all.webhookId, stranger)).status, 'log'],
      [
        (
          await fetch(`${disposal().url}/api/v1/webhooks/${all.webhookId}`, {
            method: 'DELETE',
            headers: stranger,
          })
        ).status,
        'delete',
      ],
    ])
      expect([code, status]).toEqual([code, 404]);
    expect((await deliveryLog(all.webhookId, stranger)).body.code).toBe('WEBHOOK.NOT_FOUND');
    expect((await disposal().get(`/api/v1/webhooks/${all.webhookId}`, department)).status).toBe(200);
  });

  it('tells the department of dispatch, the 80 % reminder and the escalation, signed, with the business times', async () => {
    const overdue = await reportManhole(1, 7); // reported and dispatched 7 hours ago: both thresholds past
    expected.push(
      ...['order.dispatched', 'order.reminder', 'order.escalated'].map((type) => ({ caseId: overdue, type })),
    );
    const dispatched = await noticeOf(overdue, 'order.dispatched');
    const reminder = await noticeOf(overdue, 'order.reminder');
    const escalated = await noticeOf(overdue, 'order.escalated');
    const dispatchedAt = new Date(String(dispatched.payload.occurredAt)).getTime();
    expect(dispatched.payload).toMatchObject({
      type: 'order.dispatched',
      caseId: overdue,
      departmentId: DEPARTMENT,
      data: { categoryCode: MANHOLE.code, timeLimit: { amount: 6, unit: 'calendarHours' }, automatic: true },
    });
    expect(reminder.payload.occurredAt).toBe(new Date(dispatchedAt + 0.8 * 6 * 3_600_000).toISOString());
    expect(escalated.payload.occurredAt).toBe(new Date(dispatchedAt + 6 * 3_600_000).toISOString());
    expect(new Set([dispatched.orderId, reminder.orderId, escalated.orderId]).size).toBe(1);
    // The escalations-only endpoint hears of the escalation alone.
    expect((await noticeOf(overdue, 'order.escalated', '/escalations')).orderId).toBe(escalated.orderId);
  });

  it("the department's system acts on a dispatch notice through the normal API, and hears of the rework", async () => {
    const caseId = await reportManhole(2);
    expected.push({ caseId, type: 'order.dispatched' }, { caseId, type: 'order.rework' });
    const { orderId } = await noticeOf(caseId, 'order.dispatched');
    // What the department's system does with the notice: sign, then report back, with its token.
    const sign = await disposal().post(`/api/v1/orders/${orderId}/sign`, {}, department);
    expect(sign).toEqual({ status: 200, body: { orderId, status: 'signed' } });
    const reported = await disposal().post(
      `/api/v1/orders/${orderId}/disposal`,
      { notes: '井盖已补装' },
      department,
    );
    expect(reported).toEqual({ status: 201, body: { orderId, status: 'disposed' } });

    const { body } = await waitFor(
      () =>
        stack
          .service('verification')
          .get<{ items: { verificationId: string; caseId: string }[] }>(
            `/api/v1/verifications?caseId=${caseId}`,
            patroller,
          ),
      (r) => r.body.items.some((c) => c.caseId === caseId),
      { what: 'the on-site check' },
    );
    const check = body.items.find((c) => c.caseId === caseId)!;
    await stack
      .service('verification')
      .post(
        `/api/v1/verifications/${check.verificationId}/result`,
        { passed: false, notes: '井盖松动' },
        patroller,
      );
    const rework = await noticeOf(caseId, 'order.rework');
    expect(rework.payload).toMatchObject({ orderId, data: { verificationId: check.verificationId } });
  });

  it('through an outage of the receiver and a restart of disposal, every notice arrives exactly once by delivery id', async () => {
    await receiver.stop();
    const duringOutage = [await reportManhole(3, 7), await reportManhole(4)];
    expected.push(
      ...['order.dispatched', 'order.reminder', 'order.escalated'].map((type) => ({
        caseId: duringOutage[0],
        type,
      })),
      { caseId: duringOutage[1], type: 'order.dispatched' },
    );
    // The attempts fail and are retried: the log says when and why.
    const failing = await waitFor(
      () => deliveryLog(all.webhookId),
      (r) => r.body.items.filter((d) => d.state === 'pending' && d.attempts.length >= 2).length >= 4,
      { timeoutMs: 60_000, what: 'failed attempts of the deliveries in the outage' },
    );
    const retried = failing.body.items.find((d) => d.state === 'pending' && d.attempts.length >= 2)!;
    expect(retried.attempts[0]).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(retried.nextAttemptAt).not.toBeNull();

    // Then it is up but stuck: attempts run into their timeout. disposal dies on the spot with an
    // attempt in flight, and a dispatch happens while it is down.
    receiver.hang();
    await receiver.start(); // the same port
    await waitFor(
      () => deliveryLog(all.webhookId),
      (r) =>
        r.body.items.some((d) =>
          d.attempts.some((a) => a.finishedAt === null && Date.now() - Date.parse(a.startedAt) < 2_000),
        ),
      { what: 'an attempt in flight' },
    );
    const killedAt = new Date();
    await disposal().kill();
    const whileDown = await reportManhole(5);
    expected.push({ caseId: whileDown, type: 'order.dispatched' });
    await disposal().start();
    const restartedAt = new Date();
    // After the restart: the dispatch made while it was down is enqueued and attempted, and the
    // attempt cut off by the kill is logged as such once its claim ran out, and made again.
    await waitFor(
      () => deliveryLog(all.webhookId),
      (r) =>
        r.body.items.length === expected.length &&
        r.body.items.some((d) => d.caseId === whileDown && d.attempts.some((a) => a.error !== null)) &&
        r.body.items.some((d) => d.attempts.some((a) => /no outcome recorded/.test(a.error ?? ''))),
      { timeoutMs: 90_000, what: 'deliveries enqueued and attempted after the restart' },
    );

    const backAt = Date.now();
    receiver.resume();
    const received = () =>
      expected.map((e) =>
        [...receiver.notices.values()].filter(
          (n) => n.caseId === e.caseId && n.type === e.type && n.path === '/cityloop',
        ),
      );
    const escalationNotices = () => [...receiver.notices.values()].filter((n) => n.path === '/escalations');
    // Both endpoints drain on their own schedules: wait for the escalations-only one as well.
    const byEvent = await waitFor(
      async () => received(),
      (found) => found.every((f) => f.length >= 1) && escalationNotices().length >= 2,
      {
        timeoutMs: 60_000,
        what: 'every notice after the outage, at both endpoints',
      },
    );
    const recoveredMs = Date.now() - backAt;

    // Exactly once by delivery id: one delivery per (order event), none lost, none extra.
    expect(byEvent.map((f) => f.length)).toEqual(expected.map(() => 1));
    const atCityloop = [...receiver.notices.values()].filter((n) => n.path === '/cityloop');
    expect(atCityloop).toHaveLength(expected.length);
    expect(receiver.rejected).toBe(0);
    expect(escalationNotices().map((n) => n.type)).toEqual(['order.escalated', 'order.escalated']);

    const log = await waitFor(
      () => deliveryLog(all.webhookId),
      (r) => r.body.items.every((d) => d.state === 'delivered'),
      { what: 'every delivery delivered in the log' },
    );
    expect(log.body.items).toHaveLength(expected.length);
    // The notices of the outage took several attempts: failures without a status, then a 204.
    const inOutage = log.body.items.filter((d) => d.attempts.length > 1);
    const outageCases = [...duringOutage, whileDown];
    expect(inOutage.map((d) => d.caseId).sort()).toEqual(
      expected
        .filter((e) => outageCases.includes(e.caseId))
        .map((e) => e.caseId)
        .sort(),
    );
    for (const d of inOutage) {
      const last = d.attempts[d.attempts.length - 1];
      expect(last).toMatchObject({ statusCode: 204, error: null });
      expect(d.attempts.slice(0, -1).every((a) => a.statusCode === null && a.error !== null)).toBe(true);
    }
    // Those waiting when disposal died were attempted before it and again after its restart.
    const survived = inOutage.filter((d) => d.caseId !== whileDown);
    expect(survived).toHaveLength(4);
    for (const d of survived) {
      expect(new Date(d.attempts[0].startedAt).getTime()).toBeLessThan(killedAt.getTime());
      expect(new Date(d.attempts[d.attempts.length - 1].startedAt).getTime()).toBeGreaterThan(
        restartedAt.getTime(),
      );
    }
    // Before the outage, each notice went through at its first attempt.
    const beforeOutage = log.body.items.filter((d) => d.attempts.length === 1);
    expect(beforeOutage).toHaveLength(5);
    expect(beforeOutage.every((d) => d.attempts[0].statusCode === 204)).toBe(true);
    // No personal data in any body: the reports carried a caller's name and phone.
    for (const n of receiver.notices.values())
      expect(JSON.stringify(n.payload)).not.toMatch(/13800138000|市民|reporter/);

    const repeats = [...receiver.notices.values()].filter((n) => n.posts > 1).length;
    const attempts = log.body.items.reduce((sum, d) => sum + d.attempts.length, 0);
    process.stdout.write(
      `webhooks: ${expected.length} notices; all arrived ${recoveredMs} ms after the receiver came back; ` +
        `${attempts} attempts in all; ${repeats} repeated delivery ids (deduped by the receiver)\n`,
    );
  });

  it('a deleted webhook is told nothing more', async () => {
    const deleted = await fetch(`${disposal().url}/api/v1/webhooks/${escalationsOnly.webhookId}`, {
      method: 'DELETE',
      headers: department,
    });
    expect(deleted.status).toBe(204);
    expect((await disposal().get(`/api/v1/webhooks/${escalationsOnly.webhookId}`, department)).status).toBe(
      404,
    );
    const listed = await disposal().get<{ items: Webhook[] }>('/api/v1/webhooks', department);
    expect(listed.body.items.map((w) => w.webhookId)).toEqual([all.webhookId]);

    const overdue = await reportManhole(6, 7);
    await noticeOf(overdue, 'order.escalated'); // the live endpoint hears of the escalation...
    await new Promise((r) => setTimeout(r, 1_000));
    const toDeleted = [...receiver.notices.values()].filter(
      (n) => n.caseId === overdue && n.path === '/escalations',
    );
    expect(toDeleted).toEqual([]); // ...the deleted one does not
  });
});
