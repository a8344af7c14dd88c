import { waitFor } from '@cityloop/testing';
import { bearer, countRows, reportBody, TestStack } from '../support/service-processes';

/**
 * Fault test 7 (docs/RELIABILITY.md): many clients acting on one case at once. Each step is sent by
 * CLIENTS clients in the same instant: exactly one wins, every other gets 409 with a stable code,
 * and every stream's versions run 1, 2, 3... with no gap and no repeat, in every event store.
 */
const CLIENTS = 24;

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('races', ['intake', 'dispatch', 'disposal', 'verification']);
  await stack.start();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

/** CLIENTS copies of a call at once; the statuses and the codes of the refusals. */
async function race(call: (client: number) => Promise<{ status: number; body: unknown }>) {
  const answers = await Promise.all(Array.from({ length: CLIENTS }, (_, client) => call(client)));
  const won = answers.filter((a) => a.status >= 200 && a.status < 300).length;
  const lost = answers.filter((a) => a.status === 409);
  const codes = new Set(lost.map((a) => (a.body as { code?: string }).code));
  return { won, lost: lost.length, codes: [...codes], others: answers.length - won - lost.length };
}

const oneWinner = { won: 1, lost: CLIENTS - 1, others: 0 };

describe('many clients on one case at once', () => {
  it('one wins each step, the others get 409, and every stream stays contiguous', async () => {
    const intake = stack.service('intake');
    const chiefs = (n: number) => bearer('chief', undefined, { id: `chief-${n}` });
    const { body: reported } = await intake.post<{ caseId: string }>(
      '/api/v1/reports',
      reportBody(5),
      bearer('operator'),
    );
    // Filing: half the chiefs file it, half reject it; one decision stands.
    const filing = await race((n) =>
      intake.post(
        `/api/v1/cases/${reported.caseId}/filing`,
        n % 2 ? { decision: 'file' } : { decision: 'reject', reason: `重复 ${n}` },
        chiefs(n),
      ),
    );
    expect(filing).toMatchObject(oneWinner);
    expect(filing.codes.every((c) => typeof c === 'string' && c.length > 0)).toBe(true);

    // A patrol report (filed and dispatched at once), then its department's steps, each raced.
    const { body: patrol } = await intake.post<{ caseId: string }>(
      '/api/v1/reports',
      { ...reportBody(6), source: 'patrol' },
      bearer('patroller'),
    );
    const { body: orders } = await waitFor(
      () =>
        stack
          .service('disposal')
          .get<{ items: { orderId: string; departmentId: string }[] }>(
            `/api/v1/orders?caseId=${patrol.caseId}`,
            bearer('importer'),
          ),
      (r) => r.body.items.length > 0,
      { what: 'the order in disposal' },
    );
    const { orderId, departmentId } = orders.items[0];
    const staff = (n: number) => bearer('department', departmentId, { id: `staff-${n}` });
    const disposal = stack.service('disposal');
    expect(await race((n) => disposal.post(`/api/v1/orders/${orderId}/sign`, {}, staff(n)))).toMatchObject(
      oneWinner,
    );
    expect(
      await race((n) =>
        disposal.post(`/api/v1/orders/${orderId}/disposal`, { notes: `已处理 ${n}` }, staff(n)),
      ),
    ).toMatchObject(oneWinner);

    // The on-site check, passed by many patrollers at once.
    const { body: checks } = await waitFor(
      () =>
        stack
          .service('verification')
          .get<{ items: { verificationId: string }[] }>(
            `/api/v1/verifications?caseId=${patrol.caseId}`,
            bearer('importer'),
          ),
      (r) => r.body.items.length > 0,
      { what: 'the check in verification' },
    );
    expect(
      await race((n) =>
        stack
          .service('verification')
          .post(
            `/api/v1/verifications/${checks.items[0].verificationId}/result`,
            { passed: n % 3 !== 0 },
            bearer('patroller', undefined, { id: `patroller-${n}` }),
          ),
      ),
    ).toMatchObject(oneWinner);

    // Postponement by many dispatchers at once, on a case of its own.
    const { body: another } = await intake.post<{ caseId: string }>(
      '/api/v1/reports',
      { ...reportBody(7), source: 'patrol' },
      bearer('patroller'),
    );
    await waitFor(
      () => countRows(stack, 'dispatch.events', `case_id = '${another.caseId}'`),
      (n) => n > 0,
      { what: 'the case dispatched' },
    );
    expect(
      await race((n) =>
        stack
          .service('dispatch')
          .post(
            `/api/v1/cases/${another.caseId}/postponement`,
            { reason: `等待 ${n}` },
            bearer('dispatcher', undefined, { id: `dispatcher-${n}` }),
          ),
      ),
    ).toMatchObject(oneWinner);

    // Every stream of every store: versions 1..n, no gap, no repeat.
    for (const store of ['intake', 'dispatch', 'disposal', 'verification']) {
      expect(
        await countRows(
          stack,
          `(SELECT stream_id, count(*) AS n, count(DISTINCT stream_version) AS d, min(stream_version) AS lo, max(stream_version) AS hi FROM ${store}.events GROUP BY stream_id) s`,
          'NOT (n = d AND lo = 1 AND hi = n)',
        ),
      ).toBe(0);
    }
    expect(await countRows(stack, 'intake.events', `case_id = '${reported.caseId}'`)).toBe(2);
  }, 300_000);
});
