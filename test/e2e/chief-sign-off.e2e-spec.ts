import { waitFor } from '@cityloop/testing';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPackPath } from '@cityloop/service-kit';
import { loopViews } from '../support/loop-views';
import { bearer, reportBody, TestStack } from '../support/service-processes';

/** The demo district with one rule changed: a passed check waits for the duty chief (值班长审核结案). */
function packWithChiefSignOff(): string {
  const pack = JSON.parse(readFileSync(demoPackPath(), 'utf8')) as Record<string, unknown>;
  const dir = join(__dirname, '..', '..', '.run', 'packs');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'demo-with-chief-sign-off.pack.json');
  writeFileSync(path, JSON.stringify({ ...pack, rules: { closureNeedsChiefSignOff: true } }));
  return path;
}

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create(
    'signoff',
    ['intake', 'dispatch', 'disposal', 'verification', 'projections'],
    {
      DISTRICT_PACK: packWithChiefSignOff(),
    },
  );
  await stack.start();
  stack.service('projections').actAs(bearer('command'));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const caseView = (caseId: string) => loopViews(stack).caseView(caseId);

describe("the district's rule: closure waits for the duty chief's sign-off", () => {
  it('a passed check leaves the case open until the chief signs it off; a refusal sends it back', async () => {
    const created = await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        { ...reportBody(51), source: 'patrol' },
        bearer('patroller'),
      );
    const { caseId } = created.body;
    const dispatched = await waitFor(
      () => caseView(caseId),
      (r) => r.body.status === 'dispatched',
      { what: 'dispatched' },
    );
    const department = bearer('department', dispatched.body.departmentId);
    const { orderId } = await loopViews(stack).orderOf(caseId, department);
    const dispose = async () => {
      await stack
        .service('disposal')
        .post(`/api/v1/orders/${orderId}/disposal`, { notes: '已处理' }, department);
      return (await loopViews(stack).openCheckOf(caseId, bearer('patroller'))).verificationId;
    };
    await stack.service('disposal').post(`/api/v1/orders/${orderId}/sign`, {}, department);

    const first = await dispose();
    const passed = await stack
      .service('verification')
      .post(`/api/v1/verifications/${first}/result`, { passed: true }, bearer('patroller'));
    expect(passed.body).toMatchObject({ status: 'passed' });
    const chief = bearer('chief');
    const queue = await stack
      .service('verification')
      .get<{ items: { verificationId: string }[] }>('/api/v1/verifications/sign-offs', chief);
    expect(queue.body.items.map((c) => c.verificationId)).toContain(first);
    const refused = await stack
      .service('verification')
      .post(`/api/v1/verifications/${first}/sign-off`, { approve: false, reason: '现场照片不清晰' }, chief);
    expect(refused.body).toMatchObject({ status: 'failed' });
    await waitFor(
      () => caseView(caseId),
      (r) => r.body.status === 'rework',
      { what: 'rework after a refused sign-off' },
    );

    // The case shows rework as soon as projections has the failed check; the department can report
    // again once disposal has the order back (its own event, a moment later).
    await waitFor(
      () =>
        stack
          .service('disposal')
          .get<{ items: { status: string }[] }>(`/api/v1/orders?caseId=${caseId}`, department),
      (r) => r.body.items.some((o) => o.status === 'rework'),
      { what: 'the order back in the inbox for rework' },
    );
    const second = await dispose();
    await stack
      .service('verification')
      .post(`/api/v1/verifications/${second}/result`, { passed: true }, bearer('patroller'));
    expect((await caseView(caseId)).body.status).not.toBe('closed');
    const signed = await stack
      .service('verification')
      .post(`/api/v1/verifications/${second}/sign-off`, { approve: true }, chief);
    expect(signed.body).toMatchObject({ status: 'closed' });
    const closed = await waitFor(
      () => caseView(caseId),
      (r) => r.body.status === 'closed',
      { what: 'closed on the sign-off' },
    );
    expect(closed.body.timeline.map((t) => t.type).slice(-2)).toEqual(['VerificationPassed', 'CaseClosed']);
    const again = await stack
      .service('verification')
      .post<{ code: string }>(`/api/v1/verifications/${second}/sign-off`, { approve: true }, chief);
    expect(again).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'VERIFICATION.NOT_AWAITING_SIGN_OFF' }),
    });
  });
});
