import { addWorkingTime } from '@cityloop/domain';
import { waitFor } from '@cityloop/testing';
import { loopViews, type CheckView, type OrderView } from '../support/loop-views';
import { bearer, demoDistrict, reportBody, TestStack } from '../support/service-processes';

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('loop', ['intake', 'dispatch', 'disposal', 'verification', 'projections']);
  await stack.start();
  stack.service('projections').actAs(bearer('command'));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const views = () => loopViews(stack);
const caseView = (caseId: string) => views().caseView(caseId);
const whenStatus = (caseId: string, status: string) => views().whenStatus(caseId, status);
const orderOf = (caseId: string, department: Record<string, string>) => views().orderOf(caseId, department);
const openCheckOf = (caseId: string, patroller: Record<string, string>) =>
  views().openCheckOf(caseId, patroller);

describe('the closed loop over the five services', () => {
  it('report → file → dispatch → sign → dispose → check fails → rework → dispose → check passes → closed', async () => {
    const created = await stack
      .service('intake')
      .post<{ caseId: string; gridCellCode: string }>('/api/v1/reports', reportBody(21), bearer('operator'));
    const { caseId, gridCellCode } = created.body;
    await stack
      .service('intake')
      .post(`/api/v1/cases/${caseId}/filing`, { decision: 'file' }, bearer('chief'));
    const dispatched = await whenStatus(caseId, 'dispatched');
    const department = bearer('department', dispatched.body.departmentId);
    const patroller = bearer('patroller', gridCellCode.slice(0, 12)); // the patroller of the case's community

    const order = await orderOf(caseId, department);
    expect(order).toMatchObject({ status: 'dispatched', light: 'green', pendingExtension: false });
    // The crew is told what and where (the first report), and never who called.
    const told = await waitFor(
      () => orderOf(caseId, department),
      (o) => Boolean(o.brief),
      { what: "the case's brief in the inbox" },
    );
    expect(told.brief).toMatchObject({
      categoryCode: reportBody(21).categoryCode,
      description: reportBody(21).description,
      location: reportBody(21).location,
    });
    expect(JSON.stringify(told)).not.toContain(reportBody(21).reporter.phone);
    const disposal = stack.service('disposal');
    const early = await disposal.post<{ code: string }>(
      `/api/v1/orders/${order.orderId}/disposal`,
      { notes: '已清理' },
      department,
    );
    expect(early).toEqual({ status: 409, body: expect.objectContaining({ code: 'ORDER.INVALID_STATE' }) }); // dispose before sign

    expect((await disposal.post(`/api/v1/orders/${order.orderId}/sign`, {}, department)).body).toEqual({
      orderId: order.orderId,
      status: 'signed',
    });
    await disposal.post(`/api/v1/orders/${order.orderId}/disposal`, { notes: '已清理' }, department);

    const firstCheck = await openCheckOf(caseId, patroller);
    // The patroller is told what was reported and by whom, to check it on site.
    expect(firstCheck).toMatchObject({
      departmentId: dispatched.body.departmentId,
      disposalNotes: '已清理',
      evidenceIds: [],
      brief: expect.objectContaining({ description: reportBody(21).description }),
    });
    const verification = stack.service('verification');
    await verification.post(
      `/api/v1/verifications/${firstCheck.verificationId}/result`,
      { passed: false, notes: '仍有垃圾' },
      patroller,
    );
    await whenStatus(caseId, 'rework');
    await waitFor(
      () => orderOf(caseId, department),
      (o) => o.status === 'rework',
      { what: 'the order back for rework' },
    );

    await disposal.post(`/api/v1/orders/${order.orderId}/disposal`, { notes: '二次清理完毕' }, department);
    const secondCheck = await waitFor(
      () => openCheckOf(caseId, patroller),
      (c) => c.verificationId !== firstCheck.verificationId,
      {
        what: 'a second check',
      },
    );
    await verification.post(
      `/api/v1/verifications/${secondCheck.verificationId}/result`,
      { passed: true },
      patroller,
    );
    const closed = await whenStatus(caseId, 'closed');
    await waitFor(
      () => orderOf(caseId, department),
      (o) => o.status === 'closed',
      { what: 'the order closed' },
    );

    expect(closed.body.timeline.map((t) => t.type)).toEqual([
      'CaseReported',
      'CaseFiled',
      'CaseDispatched',
      'OrderSigned',
      'DisposalReported',
      'VerificationOpened',
      'VerificationFailed',
      'OrderSentBackForRework',
      'DisposalReported',
      'VerificationOpened',
      'VerificationPassed',
      'CaseClosed',
    ]);
    const closeAgain = await verification.post<{ code: string }>(
      `/api/v1/verifications/${secondCheck.verificationId}/result`,
      { passed: true },
      patroller,
    );
    expect(closeAgain).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'VERIFICATION.ALREADY_DONE' }),
    });
  });

  it("keeps departments and patrollers to their own: another department's order and another grid's check are not found", async () => {
    const created = await stack
      .service('intake')
      .post<{ caseId: string; gridCellCode: string }>(
        '/api/v1/reports',
        { ...reportBody(22), source: 'patrol' },
        bearer('patroller'),
      );
    const { caseId } = created.body;
    const dispatched = await whenStatus(caseId, 'dispatched');
    const owner = bearer('department', dispatched.body.departmentId);
    const stranger = bearer('department', dispatched.body.departmentId === 'greening' ? 'water' : 'greening');
    const order = await orderOf(caseId, owner);

    const theirs = await stack.service('disposal').get<{ items: OrderView[] }>('/api/v1/orders', stranger);
    expect(theirs.body.items.filter((o) => o.caseId === caseId)).toEqual([]);
    expect(theirs.body.items.every((o) => o.departmentId !== dispatched.body.departmentId)).toBe(true);
    for (const action of ['sign', 'return', 'extension-requests', 'disposal']) {
      const body =
        {
          return: { reason: 'wrong-area' },
          'extension-requests': { hours: 4, reason: 'x' },
          disposal: { notes: 'x' },
        }[action] ?? {};
      const refused = await stack
        .service('disposal')
        .post<{ code: string }>(`/api/v1/orders/${order.orderId}/${action}`, body, stranger);
      expect(refused).toEqual({ status: 404, body: expect.objectContaining({ code: 'ORDER.NOT_FOUND' }) });
    }
    expect((await stack.service('disposal').get('/api/v1/orders', bearer('operator'))).status).toBe(403);

    await stack.service('disposal').post(`/api/v1/orders/${order.orderId}/sign`, {}, owner);
    await stack
      .service('disposal')
      .post(`/api/v1/orders/${order.orderId}/disposal`, { notes: '已处理' }, owner);
    const check = await openCheckOf(caseId, bearer('patroller'));
    const otherGrid = bearer(
      'patroller',
      check.gridCellCode.startsWith('3101990019') ? '3101990011' : '3101990019',
    );
    const mine = await stack
      .service('verification')
      .get<{ items: CheckView[] }>('/api/v1/verifications', otherGrid);
    expect(mine.body.items.filter((c) => c.caseId === caseId)).toEqual([]);
    const refused = await stack
      .service('verification')
      .post<{ code: string }>(
        `/api/v1/verifications/${check.verificationId}/result`,
        { passed: true },
        otherGrid,
      );
    expect(refused).toEqual({
      status: 404,
      body: expect.objectContaining({ code: 'VERIFICATION.NOT_FOUND' }),
    });
  });

  it('a return (退单) refused, then approved and re-dispatched; an extension (延期) approved moves the deadline', async () => {
    const created = await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        { ...reportBody(23), source: 'patrol' },
        bearer('patroller'),
      );
    const { caseId } = created.body;
    const first = await whenStatus(caseId, 'dispatched');
    const firstDepartment = bearer('department', first.body.departmentId);
    const secondDepartmentId = first.body.departmentId === 'greening' ? 'municipal-roads' : 'greening';
    const secondDepartment = bearer('department', secondDepartmentId);
    const dispatcher = bearer('dispatcher');
    const disposal = stack.service('disposal');
    const dispatch = stack.service('dispatch');
    const order = await orderOf(caseId, firstDepartment);

    const pendingReturn = async () =>
      waitFor(
        () => dispatch.get<{ items: { orderId: string }[] }>('/api/v1/returns', dispatcher),
        (r) => r.body.items.some((x) => x.orderId === order.orderId),
        { what: 'the return in the dispatcher queue' },
      );
    await disposal.post(
      `/api/v1/orders/${order.orderId}/return`,
      { reason: 'wrong-area', note: '不在本辖区' },
      firstDepartment,
    );
    await pendingReturn();
    const refusal = await dispatch.post(
      `/api/v1/returns/${order.orderId}/decision`,
      { approve: false, reason: '属本部门职责' },
      dispatcher,
    );
    expect(refusal).toEqual({ status: 200, body: { caseId, orderId: order.orderId, decision: 'rejected' } });
    await waitFor(
      () => orderOf(caseId, firstDepartment),
      (o) => o.status === 'dispatched',
      { what: 'the order given back' },
    );

    await disposal.post(
      `/api/v1/orders/${order.orderId}/return`,
      { reason: 'unclear-ownership' },
      firstDepartment,
    );
    await pendingReturn();
    const approval = await dispatch.post<{ newOrderId: string }>(
      `/api/v1/returns/${order.orderId}/decision`,
      { approve: true, departmentId: secondDepartmentId },
      dispatcher,
    );
    expect(approval.status).toBe(200);
    await waitFor(
      () => caseView(caseId),
      (r) => r.body.departmentId === secondDepartmentId,
      { what: 're-dispatched' },
    );
    const newOrder = await orderOf(caseId, secondDepartment);
    expect(newOrder.orderId).toBe(approval.body.newOrderId);
    expect((await orderOf(caseId, firstDepartment)).status).toBe('returned');

    await disposal.post(`/api/v1/orders/${newOrder.orderId}/sign`, {}, secondDepartment);
    await disposal.post(
      `/api/v1/orders/${newOrder.orderId}/extension-requests`,
      { hours: 8, reason: '需协调产权单位' },
      secondDepartment,
    );
    const { body: queue } = await waitFor(
      () =>
        dispatch.get<{ items: { requestId: string; orderId: string }[] }>('/api/v1/extensions', dispatcher),
      (r) => r.body.items.some((x) => x.orderId === newOrder.orderId),
      { what: 'the extension request in the dispatcher queue' },
    );
    const { requestId } = queue.items.find((x) => x.orderId === newOrder.orderId)!;
    const extended = await dispatch.post<{ deadlineAt: string }>(
      `/api/v1/extensions/${requestId}/decision`,
      { approve: true },
      dispatcher,
    );
    const unit = demoDistrict().timeLimit(reportBody(23).categoryCode, 'normal').unit;
    const expected = addWorkingTime(
      new Date(newOrder.deadlineAt),
      { amount: 8, unit: unit === 'calendarHours' ? 'calendarHours' : 'workingHours' },
      demoDistrict().calendar,
    ).toISOString();
    expect(extended.body.deadlineAt).toBe(expected);
    await waitFor(
      () => orderOf(caseId, secondDepartment),
      (o) => o.deadlineAt === expected,
      { what: 'the inbox deadline moved' },
    );
    await waitFor(
      () => caseView(caseId),
      (r) => r.body.timeline.some((t) => t.type === 'ExtensionApproved'),
      { what: 'extension on the timeline' },
    );
    const view = await caseView(caseId);
    expect(view.body).toMatchObject({ status: 'signed', departmentId: secondDepartmentId });
    expect(view.body.timeline.map((t) => t.type)).toEqual(
      expect.arrayContaining([
        'OrderReturned',
        'ReturnRejected',
        'OrderReinstated',
        'ReturnApproved',
        'ExtensionRequested',
        'ExtensionApproved',
      ]),
    );
  });

  it('a hotline case closed waits for the caller follow-up (回访); unsatisfied reopens it for re-handling (重办)', async () => {
    const created = await stack
      .service('intake')
      .post<{ caseId: string; gridCellCode: string }>('/api/v1/reports', reportBody(24), bearer('operator'));
    const { caseId } = created.body;
    await stack
      .service('intake')
      .post(`/api/v1/cases/${caseId}/filing`, { decision: 'file' }, bearer('chief'));
    const dispatched = await whenStatus(caseId, 'dispatched');
    const department = bearer('department', dispatched.body.departmentId);
    const order = await orderOf(caseId, department);
    await stack.service('disposal').post(`/api/v1/orders/${order.orderId}/sign`, {}, department);
    await stack
      .service('disposal')
      .post(`/api/v1/orders/${order.orderId}/disposal`, { notes: '已清理' }, department);
    const check = await openCheckOf(caseId, bearer('patroller'));
    await stack
      .service('verification')
      .post(`/api/v1/verifications/${check.verificationId}/result`, { passed: true }, bearer('patroller'));
    await whenStatus(caseId, 'closed');

    const operator = bearer('operator');
    const { body: queue } = await waitFor(
      () =>
        stack
          .service('intake')
          .get<{ items: { caseId: string; reporter: { phone: string } | null }[] }>(
            '/api/v1/follow-ups',
            operator,
          ),
      (r) => r.body.items.some((x) => x.caseId === caseId),
      { what: 'the closed hotline case in the follow-up queue' },
    );
    expect(queue.items.find((x) => x.caseId === caseId)?.reporter).toEqual({
      name: '市民',
      phone: '13800138000',
    });

    const verdict = await stack
      .service('intake')
      .post(`/api/v1/follow-ups/${caseId}`, { satisfaction: 'unsatisfied', notes: '垃圾又出现了' }, operator);
    expect(verdict).toEqual({ status: 201, body: { caseId, satisfaction: 'unsatisfied', reopened: true } });
    const again = await stack
      .service('intake')
      .post<{ code: string }>(`/api/v1/follow-ups/${caseId}`, { satisfaction: 'satisfied' }, operator);
    expect(again).toEqual({ status: 409, body: expect.objectContaining({ code: 'FOLLOW_UP.NOT_DUE' }) });

    // The inbox lists open orders first: the new one, not the closed one.
    const redone = await waitFor(
      () => orderOf(caseId, department),
      (o) => o.orderId !== order.orderId,
      {
        what: 'a new order for the re-handling',
      },
    );
    expect(redone.status).toBe('dispatched');
    const view = await whenStatus(caseId, 'dispatched');
    expect(view.body.timeline.map((t) => t.type).slice(-3)).toEqual([
      'FollowUpRecorded',
      'CaseReopened',
      'CaseDispatched',
    ]);
  });

  it('raises the 80 % reminder and the escalation (督办) of an overdue order at their exact instants', async () => {
    // A safety case (井盖缺失: 6 calendar hours) reported and filed 7 hours ago by the importer:
    // the reminder was due 4.8 h after dispatch and the escalation at the deadline, both past.
    const manholeCover = demoDistrict().pack.categories.find((c) => c.name === '井盖缺失')!;
    const reportedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 7 * 3_600_000);
    const created = await stack.service('intake').post<{ caseId: string }>(
      '/api/v1/reports',
      {
        ...reportBody(25),
        source: 'patrol',
        categoryCode: manholeCover.code,
        occurredAt: reportedAt.toISOString(),
      },
      bearer('importer'),
    );
    const { caseId } = created.body;
    const view = await waitFor(
      () => caseView(caseId),
      (r) => r.body.timeline?.some((t) => t.type === 'OrderEscalated'),
      { what: 'the escalation on the timeline' },
    );
    const at = (type: string) => view.body.timeline.find((t) => t.type === type)?.occurredAt;
    expect(at('CaseDispatched')).toBe(reportedAt.toISOString());
    expect(at('DeadlineReminderRaised')).toBe(
      new Date(reportedAt.getTime() + 0.8 * 6 * 3_600_000).toISOString(),
    );
    expect(at('OrderEscalated')).toBe(new Date(reportedAt.getTime() + 6 * 3_600_000).toISOString());
    expect(view.body.timeline.filter((t) => t.type === 'OrderEscalated')).toHaveLength(1);
    const order = await orderOf(caseId, bearer('department', view.body.departmentId));
    expect(order.light).toBe('red');
  });

  it('takes evidence photos by content (JPEG, PNG, WebP up to 10 MB), and a disposal report may cite only uploaded ones', async () => {
    const created = await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        { ...reportBody(26), source: 'patrol' },
        bearer('patroller'),
      );
    const dispatched = await whenStatus(created.body.caseId, 'dispatched');
    const department = bearer('department', dispatched.body.departmentId);
    const order = await orderOf(created.body.caseId, department);
    const disposal = stack.service('disposal');
    const upload = async (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('photo', new Blob([bytes]), name);
      const response = await fetch(`${disposal.url}/api/v1/evidence`, {
        method: 'POST',
        headers: department,
        body: form,
      });
      return {
        status: response.status,
        body: (await response.json()) as { evidenceId?: string; code?: string; sha256?: string },
      };
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('after the clean-up'),
    ]);

    const stored = await upload(png, 'after.png');
    expect(stored).toMatchObject({ status: 201, body: { contentType: 'image/png', size: png.length } });
    expect((await upload(png, 'again.png')).body.evidenceId).toBe(stored.body.evidenceId); // one photo, one id
    expect(await upload(Buffer.from('<script>alert(1)</script>'), 'photo.png')).toMatchObject({
      status: 415,
      body: { code: 'EVIDENCE.UNSUPPORTED_TYPE' },
    });
    expect((await upload(Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]), 'huge.png')).status).toBe(413);

    const photo = await fetch(`${disposal.url}/api/v1/evidence/${stored.body.evidenceId}`, {
      headers: department,
    });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);

    await disposal.post(`/api/v1/orders/${order.orderId}/sign`, {}, department);
    const unknown = await disposal.post<{ code: string }>(
      `/api/v1/orders/${order.orderId}/disposal`,
      { notes: '已处理', evidenceIds: ['00000000-0000-4000-8000-000000000000'] },
      department,
    );
    expect(unknown).toEqual({ status: 422, body: expect.objectContaining({ code: 'EVIDENCE.UNKNOWN' }) });
    const reported = await disposal.post(
      `/api/v1/orders/${order.orderId}/disposal`,
      { notes: '已处理', evidenceIds: [stored.body.evidenceId] },
      department,
    );
    expect(reported).toEqual({ status: 201, body: { orderId: order.orderId, status: 'disposed' } });
  });

  it('postpones a case (缓办): its status says so and its clock stops; resuming moves the deadline by the time it lasted', async () => {
    const created = await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        { ...reportBody(27), source: 'patrol' },
        bearer('patroller'),
      );
    const { caseId } = created.body;
    const dispatched = await whenStatus(caseId, 'dispatched');
    const dispatcher = bearer('dispatcher');
    const dispatch = stack.service('dispatch');
    const postponed = await dispatch.post(
      `/api/v1/cases/${caseId}/postponement`,
      { reason: '需市级部门协调' },
      dispatcher,
    );
    expect(postponed).toEqual({ status: 200, body: { caseId, postponed: true } });
    await whenStatus(caseId, 'postponed');
    const twice = await dispatch.post<{ code: string }>(
      `/api/v1/cases/${caseId}/postponement`,
      { reason: 'x' },
      dispatcher,
    );
    expect(twice).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'CASE.POSTPONEMENT_INVALID' }),
    });

    const resumed = await dispatch.post<{ deadlineAt: string }>(
      `/api/v1/cases/${caseId}/resumption`,
      {},
      dispatcher,
    );
    expect(resumed.status).toBe(200);
    // The deadline moved forward, by the (working) time the postponement lasted, never back.
    expect(new Date(resumed.body.deadlineAt).getTime()).toBeGreaterThanOrEqual(
      new Date(dispatched.body.deadlineAt!).getTime(),
    );
    const view = await waitFor(
      () => caseView(caseId),
      (r) => r.body.status === 'dispatched' && r.body.deadlineAt === resumed.body.deadlineAt,
      {
        what: 'the case resumed with its moved deadline',
      },
    );
    expect(view.body.timeline.map((t) => t.type)).toEqual(
      expect.arrayContaining(['CasePostponed', 'CaseResumed']),
    );
    const order = await waitFor(
      () => orderOf(caseId, bearer('department', dispatched.body.departmentId)),
      (o) => o.deadlineAt === resumed.body.deadlineAt,
      { what: 'the inbox deadline moved' },
    );
    expect(order.status).toBe('dispatched');
  });
});
