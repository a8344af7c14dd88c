import { readTopic, waitFor } from '@cityloop/testing';
import { bearer, countRows, reportBody, TestStack } from '../support/service-processes';

interface Created {
  caseId: string;
  reportId: string;
  status: string;
  duplicate: boolean;
}

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('pipe', ['intake', 'dispatch', 'disposal', 'verification', 'projections']);
  await stack.start();
  stack.service('intake').actAs(bearer('operator'));
  stack.service('projections').actAs(bearer('command'));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const intake = () => stack.service('intake');
const projections = () => stack.service('projections');

const countIntakeEvents = () => countRows(stack, 'intake.events');

describe('the thin slice: intake → Kafka → projections', () => {
  it('every service answers /health with 200, naming its Postgres and Kafka checks', async () => {
    for (const service of stack.services.values()) {
      const { status, body } = await service.get<{ checks: Record<string, { status: string }> }>('/health');
      expect(status).toBe(200);
      expect(body.checks.postgres.status).toBe('up');
      expect(body.checks.kafka.status).toBe('up');
    }
  });

  it('a POSTed report is committed (201), published keyed by case id, and shows up in projections', async () => {
    const created = await intake().post<Created>('/api/v1/reports', {
      ...reportBody(1),
      onsetAt: '2026-01-05T08:00:00+08:00',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'reported', duplicate: false });
    const { caseId } = created.body;

    const view = await waitFor(
      () =>
        projections().get<{
          caseId: string;
          status: string;
          timeline: { type: string; occurredAt: string }[];
        }>(`/api/v1/cases/${caseId}`),
      (r) => r.status === 200,
      { what: 'the case in projections' },
    );
    expect(view.body).toMatchObject({ caseId, status: 'reported', categoryCode: reportBody(1).categoryCode });
    expect(view.body.timeline).toEqual([
      expect.objectContaining({
        type: 'CaseReported',
        service: 'intake',
        source: 'hotline',
        onsetAt: '2026-01-05T00:00:00.000Z',
      }),
    ]);

    const records = await readTopic(stack.topic('intake'), (r) => r.some((x) => x.key === caseId));
    const record = records.find((r) => r.key === caseId)!;
    const envelope = JSON.parse(record.value!);
    expect(envelope).toMatchObject({ type: 'CaseReported', caseId, streamVersion: 1, source: 'intake' });
    // Personal data stays in intake: the caller's name and phone are in no event.
    expect(record.value).not.toContain('13800138000');
    expect(record.value).not.toContain('市民');
  });

  it('a retried POST with the same Idempotency-Key gets the first answer and stores nothing twice', async () => {
    const before = await countIntakeEvents();
    const headers = { 'Idempotency-Key': `retry-${Date.now()}` };
    const [first, second] = await Promise.all([
      intake().post<Created>('/api/v1/reports', reportBody(2), headers),
      intake().post<Created>('/api/v1/reports', reportBody(2), headers),
    ]);
    const third = await intake().post<Created>('/api/v1/reports', reportBody(2), headers);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(second.body.caseId).toBe(first.body.caseId);
    expect(third.body).toEqual(first.body);
    expect(await countIntakeEvents()).toBe(before + 1);

    const reused = await intake().post<{ code: string }>('/api/v1/reports', reportBody(3), headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad input with a stable code and the fields named, and stores nothing', async () => {
    const before = await countIntakeEvents();
    const unknownField = await intake().post<{ code: string; details: { field: string }[] }>(
      '/api/v1/reports',
      {
        ...reportBody(4),
        secret: 1,
      },
    );
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.code).toBe('REQUEST.INVALID');
    expect(unknownField.body.details.map((d) => d.field)).toContain('secret');

    const badPlace = await intake().post<{ details: { field: string }[] }>('/api/v1/reports', {
      ...reportBody(5),
      location: { lat: 123, lng: '121' },
    });
    expect(badPlace.status).toBe(400);
    expect(badPlace.body.details.map((d) => d.field).sort()).toEqual(['location.lat', 'location.lng']);

    const notJson = await intake().post<{ code: string }>('/api/v1/reports', '{"source": ');
    expect(notJson).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'REQUEST.MALFORMED_JSON' }),
    });

    const tooLarge = await intake().post<{ code: string }>('/api/v1/reports', {
      ...reportBody(6),
      description: 'x'.repeat(1_100_000),
    });
    expect(tooLarge).toEqual({ status: 413, body: expect.objectContaining({ code: 'REQUEST.TOO_LARGE' }) });

    const onsetAfterReport = await intake().post<{ code: string }>('/api/v1/reports', {
      ...reportBody(7),
      onsetAt: '2099-01-01T00:00:00Z',
    });
    expect(onsetAfterReport.status).toBe(400);
    expect(onsetAfterReport.body.code).toBe('REPORT.ONSET_AFTER_REPORT');

    expect(await countIntakeEvents()).toBe(before);
  });

  it('asks for a bearer token (401) and checks the role (403)', async () => {
    const anonymous = await intake().post<{ code: string }>('/api/v1/reports', reportBody(8), {
      authorization: '',
    });
    expect(anonymous).toEqual({
      status: 401,
      body: expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }),
    });
    const forged = await intake().post<{ code: string }>('/api/v1/reports', reportBody(8), {
      authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.',
    });
    expect(forged.status).toBe(401);
    const department = await intake().post<{ code: string }>(
      '/api/v1/reports',
      reportBody(8),
      bearer('department', 'sanitation'),
    );
    expect(department).toEqual({ status: 403, body: expect.objectContaining({ code: 'AUTH.FORBIDDEN' }) });
    const operatorReadsCases = await projections().get('/api/v1/cases', bearer('operator'));
    expect(operatorReadsCases.status).toBe(403);
    expect((await intake().get('/health', { authorization: '' })).status).toBe(200);
  });

  it('answers an unknown case with 404 and a stable code', async () => {
    const missing = await projections().get<{ code: string }>(
      '/api/v1/cases/00000000-0000-4000-8000-000000000000',
    );
    expect(missing).toEqual({ status: 404, body: expect.objectContaining({ code: 'CASE.NOT_FOUND' }) });
  });
});
