import { addWorkingTime, responsibleDepartment } from '@cityloop/domain';
import { readTopic, waitFor } from '@cityloop/testing';
import {
  bearer,
  categoryNamed,
  demoDistrict,
  pointInDistrict,
  reportBody,
  TestStack,
} from '../support/service-processes';

interface CaseView {
  caseId: string;
  status: string;
  streetId: string | null;
  gridCellCode: string | null;
  departmentId?: string;
  deadlineAt?: string;
  timeline: { type: string; occurredAt: string; service: string; [detail: string]: unknown }[];
}

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('filing', ['intake', 'dispatch', 'projections']);
  await stack.start();
  stack.service('projections').actAs(bearer('command'));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const intake = () => stack.service('intake');
const dispatch = () => stack.service('dispatch');
const caseView = (caseId: string) => stack.service('projections').get<CaseView>(`/api/v1/cases/${caseId}`);
const whenStatus = (caseId: string, status: string) =>
  waitFor(
    () => caseView(caseId),
    (r) => r.body.status === status,
    { what: `case ${caseId} ${status}` },
  );

describe('filing (立案) and dispatch (派遣) on the demo district', () => {
  it('places a hotline report, queues it for the chief, and dispatches it with its deadline once filed', async () => {
    const created = await intake().post<{
      caseId: string;
      status: string;
      gridCellCode: string;
      streetId: string;
    }>('/api/v1/reports', reportBody(11), bearer('operator'));
    expect(created.status).toBe(201);
    const placed = demoDistrict().place(pointInDistrict(11));
    expect(created.body).toMatchObject({
      status: 'reported',
      gridCellCode: placed.cellCode,
      streetId: placed.streetId,
    });
    const { caseId } = created.body;

    const queue = await intake().get<{ items: { caseId: string }[] }>(
      '/api/v1/filing-queue',
      bearer('chief'),
    );
    expect(queue.body.items.map((i) => i.caseId)).toContain(caseId);

    const filed = await intake().post(
      `/api/v1/cases/${caseId}/filing`,
      { decision: 'file' },
      bearer('chief'),
    );
    expect(filed).toEqual({ status: 200, body: { caseId, status: 'filed' } });
    const again = await intake().post<{ code: string }>(
      `/api/v1/cases/${caseId}/filing`,
      { decision: 'file' },
      bearer('chief'),
    );
    expect(again).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'CASE.NOT_AWAITING_FILING' }),
    });
    const queueAfter = await intake().get<{ items: { caseId: string }[] }>(
      '/api/v1/filing-queue',
      bearer('chief'),
    );
    expect(queueAfter.body.items.map((i) => i.caseId)).not.toContain(caseId);

    const view = await whenStatus(caseId, 'dispatched');
    const category = categoryNamed('暴露垃圾');
    const filedAt = new Date(view.body.timeline.find((t) => t.type === 'CaseFiled')!.occurredAt);
    expect(view.body.departmentId).toBe(
      responsibleDepartment(demoDistrict().pack, category.code, placed.streetId),
    );
    expect(view.body.deadlineAt).toBe(
      addWorkingTime(filedAt, category.timeLimit, demoDistrict().calendar).toISOString(),
    );
    expect(view.body.timeline.map((t) => [t.type, t.service])).toEqual([
      ['CaseReported', 'intake'],
      ['CaseFiled', 'intake'],
      ['CaseDispatched', 'dispatch'],
    ]);
  });

  it('files a patrol report automatically and dispatches it; a manual second dispatch is refused', async () => {
    const created = await intake().post<{ caseId: string; status: string }>(
      '/api/v1/reports',
      { ...reportBody(12), source: 'patrol' },
      bearer('patroller'),
    );
    expect(created.body.status).toBe('filed');
    const view = await whenStatus(created.body.caseId, 'dispatched');
    expect(view.body.timeline.find((t) => t.type === 'CaseFiled')).toMatchObject({ automatic: true });

    const manual = await dispatch().post<{ code: string }>(
      `/api/v1/cases/${created.body.caseId}/dispatch`,
      { departmentId: 'greening' },
      bearer('dispatcher'),
    );
    expect(manual).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'CASE.ALREADY_DISPATCHED' }),
    });
  });

  it('dispatches to the department named at filing (a chief’s choice, an import’s source system), checking it', async () => {
    const created = await intake().post<{ caseId: string; streetId: string }>(
      '/api/v1/reports',
      reportBody(14),
      bearer('operator'),
    );
    const { caseId } = created.body;
    const filing = (body: Record<string, unknown>) =>
      intake().post<{ code: string; details?: { field: string }[] }>(
        `/api/v1/cases/${caseId}/filing`,
        body,
        bearer('chief'),
      );
    const unknown = await filing({ decision: 'file', departmentId: 'nowhere' });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'DEPARTMENT.UNKNOWN' } });
    const onReject = await filing({ decision: 'reject', reason: '无效', departmentId: 'greening' });
    expect(onReject).toMatchObject({
      status: 400,
      body: { code: 'FILING.DEPARTMENT_ON_REJECT', details: [{ field: 'departmentId' }] },
    });
    const responsible = responsibleDepartment(
      demoDistrict().pack,
      reportBody(14).categoryCode,
      created.body.streetId,
    );
    const named = responsible === 'greening' ? 'water' : 'greening';
    expect((await filing({ decision: 'file', departmentId: named })).status).toBe(200);
    const view = await whenStatus(caseId, 'dispatched');
    expect(view.body.departmentId).toBe(named);
    expect(view.body.timeline.find((t) => t.type === 'CaseFiled')).toMatchObject({ departmentId: named });
  });

  it('rejects a report with the reason; it is never dispatched', async () => {
    const created = await intake().post<{ caseId: string }>(
      '/api/v1/reports',
      reportBody(13),
      bearer('operator'),
    );
    const { caseId } = created.body;
    const noReason = await intake().post<{ code: string }>(
      `/api/v1/cases/${caseId}/filing`,
      { decision: 'reject' },
      bearer('chief'),
    );
    expect(noReason.status).toBe(400);
    await intake().post(
      `/api/v1/cases/${caseId}/filing`,
      { decision: 'reject', reason: '非城管受理范围' },
      bearer('chief'),
    );
    const view = await whenStatus(caseId, 'rejected');
    expect(view.body.timeline.find((t) => t.type === 'CaseRejected')).toMatchObject({
      reason: '非城管受理范围',
    });
    expect(view.body.departmentId).toBeUndefined();
  });

  it('refuses a point outside the district and an unknown category with 422, storing nothing', async () => {
    const outside = await intake().post<{ code: string }>(
      '/api/v1/reports',
      { ...reportBody(14), location: { lat: 39.9042, lng: 116.4074 } },
      bearer('operator'),
    );
    expect(outside).toEqual({
      status: 422,
      body: expect.objectContaining({ code: 'LOCATION.OUTSIDE_DISTRICT' }),
    });
    const unknown = await intake().post<{ code: string }>(
      '/api/v1/reports',
      { ...reportBody(14), categoryCode: '9999' },
      bearer('operator'),
    );
    expect(unknown).toEqual({ status: 422, body: expect.objectContaining({ code: 'CATEGORY.UNKNOWN' }) });
  });

  it('lets only the importer supply business times, and keeps them in the timeline', async () => {
    const operator = await intake().post<{ code: string }>(
      '/api/v1/reports',
      { ...reportBody(15), occurredAt: '2026-03-02T09:00:00+08:00' },
      bearer('operator'),
    );
    expect(operator).toEqual({
      status: 403,
      body: expect.objectContaining({ code: 'AUTH.BUSINESS_TIME_FORBIDDEN' }),
    });

    const imported = await intake().post<{ caseId: string }>(
      '/api/v1/reports',
      { ...reportBody(15), occurredAt: '2026-03-02T09:00:00+08:00' },
      bearer('importer'),
    );
    const { caseId } = imported.body;
    await intake().post(
      `/api/v1/cases/${caseId}/filing`,
      { decision: 'file', occurredAt: '2026-03-02T09:20:00+08:00' },
      bearer('importer'),
    );
    const view = await whenStatus(caseId, 'dispatched');
    // The deadline of that March day is long past, so the timers fire too: look at the loop's own steps.
    const steps = view.body.timeline.filter((t) =>
      ['CaseReported', 'CaseFiled', 'CaseDispatched'].includes(t.type),
    );
    expect(steps.map((t) => t.occurredAt)).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T01:20:00.000Z',
      '2026-03-02T01:20:00.000Z',
    ]);
  });

  it('logs a patrol pass (巡查) over cells of the patroller: an event about no case, keyed by its stream', async () => {
    const cell = demoDistrict().place(pointInDistrict(16)).cellCode;
    const patroller = bearer('patroller', cell.slice(0, 9));
    const logged = await intake().post<{ patrolId: string; cellCodes: string[] }>(
      '/api/v1/patrols',
      { cellCodes: [cell] },
      patroller,
    );
    expect(logged).toMatchObject({ status: 201, body: { cellCodes: [cell] } });

    const records = await readTopic(stack.topic('intake'), (r) =>
      r.some((x) => x.key === `patrol-${logged.body.patrolId}`),
    );
    const record = records.find((x) => x.key === `patrol-${logged.body.patrolId}`)!;
    expect(JSON.parse(record.value!)).toMatchObject({
      type: 'PatrolPassLogged',
      caseId: null,
      payload: { cellCodes: [cell] },
    });

    const otherStreet = cell.slice(0, 9) === '310199001' ? '310199002' : '310199001';
    const outside = await intake().post<{ code: string }>(
      '/api/v1/patrols',
      { cellCodes: [cell] },
      bearer('patroller', otherStreet),
    );
    expect(outside.status).toBe(403);
    const unknown = await intake().post<{ code: string }>(
      '/api/v1/patrols',
      { cellCodes: ['310199999999999'] },
      patroller,
    );
    expect(unknown).toEqual({ status: 422, body: expect.objectContaining({ code: 'CELL.UNKNOWN' }) });
    const future = await intake().post(
      '/api/v1/patrols',
      { cellCodes: [cell], passedAt: '2099-01-01T00:00:00Z' },
      patroller,
    );
    expect(future.status).toBe(400);

    // Consumers skip it (no handler) rather than dead-letter it: cases keep flowing.
    const after = await intake().post<{ caseId: string }>(
      '/api/v1/reports',
      { ...reportBody(17), source: 'patrol' },
      patroller,
    );
    await whenStatus(after.body.caseId, 'dispatched');
  });
});
