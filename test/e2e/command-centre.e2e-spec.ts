import { waitFor } from '@cityloop/testing';
import { LiveStream } from '../support/live-stream';
import { bearer, reportBody, TestStack, tokenFor } from '../support/service-processes';

let stack: TestStack;
const streams: LiveStream[] = [];

beforeAll(async () => {
  stack = await TestStack.create('centre', ['intake', 'dispatch', 'disposal', 'verification', 'projections']);
  await stack.start();
}, 180_000);

afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await stack?.stop();
}, 60_000);

const live = async (token: string) => {
  const stream = await LiveStream.open(
    `${stack.service('projections').url}/api/v1/live?access_token=${token}`,
  );
  streams.push(stream);
  return stream;
};

describe('the live stream (GET /live)', () => {
  it('sends a frame per changed case once the read model has committed it; a department hears only its orders', async () => {
    const centre = await live(tokenFor('command'));
    const report = await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        { ...reportBody(61), source: 'patrol' },
        bearer('patroller'),
      );
    const { caseId } = report.body;

    // Filed and dispatched at once (a patrol report): the last frame names the department.
    const dispatched = await centre.next((f) => f.caseId === caseId && f.type === 'CaseDispatched');
    expect(dispatched).toMatchObject({ status: 'dispatched', streetId: expect.any(String) });
    const departmentId = String(dispatched.departmentId);
    // Committed before it was sent: the case reads as the frame says.
    const view = await stack
      .service('projections')
      .get<{ status: string }>(`/api/v1/cases/${caseId}`, bearer('command'));
    expect(view.body.status).toBe('dispatched');

    const own = await live(tokenFor('department', departmentId));
    const other = await live(tokenFor('department', departmentId === 'sanitation' ? 'water' : 'sanitation'));
    const { body } = await waitFor(
      () =>
        stack
          .service('disposal')
          .get<{ items: { orderId: string }[] }>(
            `/api/v1/orders?caseId=${caseId}`,
            bearer('department', departmentId),
          ),
      (r) => r.body.items.length > 0,
      { what: 'the order in the inbox' },
    );
    await stack
      .service('disposal')
      .post(`/api/v1/orders/${body.items[0].orderId}/sign`, {}, bearer('department', departmentId));
    await own.next((f) => f.caseId === caseId && f.type === 'OrderSigned');
    await centre.next((f) => f.caseId === caseId && f.type === 'OrderSigned');
    expect(other.frames.filter((f) => f.caseId === caseId)).toEqual([]);
  });

  it('ends its streams when projections stops, so that it stops promptly with a page open', async () => {
    const projections = stack.service('projections');
    await live(tokenFor('command'));
    const started = Date.now();
    await projections.kill('SIGTERM');
    // kill() escalates to SIGKILL after 15 s: a clean stop comes well before.
    expect(Date.now() - started).toBeLessThan(10_000);
    await projections.start();
  });

  it('refuses a stream without a token, or to a role that has none', async () => {
    const url = `${stack.service('projections').url}/api/v1/live`;
    expect((await fetch(url)).status).toBe(401);
    const operator = await fetch(`${url}?access_token=${tokenFor('operator')}`);
    expect(operator.status).toBe(403);
    // The token goes in the query only for the live stream.
    const cases = await fetch(
      `${stack.service('projections').url}/api/v1/cases?access_token=${tokenFor('command')}`,
    );
    expect(cases.status).toBe(401);
  });
});

describe("the command centre's live picture", () => {
  it('counts today, boards the open order with its light, and maps and charts it', async () => {
    const report = await stack
      .service('intake')
      .post<{ caseId: string; gridCellCode: string }>(
        '/api/v1/reports',
        { ...reportBody(62), source: 'patrol' },
        bearer('patroller'),
      );
    const { caseId, gridCellCode } = report.body;
    const projections = stack.service('projections').actAs(bearer('command'));

    const board = await waitFor(
      () =>
        projections.get<{
          items: { caseId: string; light: string; usedShare: number; departmentName: string }[];
        }>('/api/v1/board'),
      (r) => r.body.items.some((o) => o.caseId === caseId),
      { what: 'the order on the board' },
    );
    const order = board.body.items.find((o) => o.caseId === caseId)!;
    expect(order.light).toBe('green');
    expect(order.usedShare).toBeGreaterThanOrEqual(0);
    expect(order.usedShare).toBeLessThan(0.8);
    expect(order.departmentName).toMatch(/[\u4e00-\u9fff]/);

    const overview = await projections.get<{
      today: string;
      reportedToday: number;
      open: number;
      overdue: number;
    }>('/api/v1/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.reportedToday).toBeGreaterThanOrEqual(2);
    expect(overview.body.open).toBeGreaterThanOrEqual(2);
    const today = overview.body.today;

    const cells = await projections.get<{
      items: { gridCellCode: string; reported: number; open: number }[];
    }>(`/api/v1/metrics/cells?period=${today}`);
    expect(cells.body.items.find((c) => c.gridCellCode === gridCellCode)).toMatchObject({
      reported: 1,
      open: 1,
    });
    const trend = await projections.get<{ days: { date: string; reported: number }[] }>(
      `/api/v1/metrics/trend?from=${today}&to=${today}`,
    );
    expect(trend.body.days).toEqual([{ date: today, reported: overview.body.reportedToday, closed: 0 }]);
  });

  it('searches cases by status, street, department, category and cell', async () => {
    const report = await stack
      .service('intake')
      .post<{ caseId: string; gridCellCode: string; streetId: string }>(
        '/api/v1/reports',
        { ...reportBody(63), source: 'hotline' },
        bearer('operator'),
      );
    const { caseId, gridCellCode, streetId } = report.body;
    const projections = stack.service('projections');
    type Found = { items: { caseId: string; status: string }[]; total: number };
    const found = await waitFor(
      () =>
        projections.get<Found>(
          `/api/v1/cases?status=reported&streetId=${streetId}&cell=${gridCellCode.slice(0, 12)}`,
        ),
      (r) => r.body.items.some((c) => c.caseId === caseId),
      { what: 'the case in the search' },
    );
    expect(found.body.items.every((c) => c.status === 'reported')).toBe(true);
    expect(found.body.total).toBe(found.body.items.length);
    const elsewhere = await projections.get<Found>(`/api/v1/cases?status=closed&cell=${gridCellCode}`);
    expect(elsewhere.body.items.some((c) => c.caseId === caseId)).toBe(false);
    const bad = await projections.get<{ code: string }>('/api/v1/cases?status=lost');
    expect(bad.status).toBe(400);
  });

  it('offers development tokens for the sign-in picker, which the services accept', async () => {
    const tokens = await stack
      .service('projections')
      .get<{ items: { role: string; scope?: string; token: string }[] }>('/api/v1/dev/tokens', {});
    expect(tokens.status).toBe(200);
    const command = tokens.body.items.find((t) => t.role === 'command')!;
    const overview = await fetch(`${stack.service('projections').url}/api/v1/overview`, {
      headers: { authorization: `Bearer ${command.token}` },
    });
    expect(overview.status).toBe(200);
    expect(tokens.body.items.filter((t) => t.role === 'department').length).toBe(18);
  });
});

describe('the web gateway (/gateway/{service}/api/v1/…): how the work pages reach the other services', () => {
  const gateway = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.service('projections').url}/gateway${path}`, init);

  it('forwards calls with their token, body and status, photos included, and each service still checks the token', async () => {
    const filed = await gateway('/intake/api/v1/reports', {
      method: 'POST',
      headers: { ...bearer('operator'), 'content-type': 'application/json', 'idempotency-key': 'gw-1' },
      body: JSON.stringify({ ...reportBody(91), source: 'hotline' }),
    });
    expect(filed.status).toBe(201);
    const { caseId } = (await filed.json()) as { caseId: string };
    const again = await gateway('/intake/api/v1/reports', {
      method: 'POST',
      headers: { ...bearer('operator'), 'content-type': 'application/json', 'idempotency-key': 'gw-1' },
      body: JSON.stringify({ ...reportBody(91), source: 'hotline' }),
    });
    expect(((await again.json()) as { caseId: string }).caseId).toBe(caseId); // the key went through

    const queue = await gateway('/intake/api/v1/filing-queue', { headers: bearer('chief') });
    expect(queue.status).toBe(200);
    expect(((await queue.json()) as { items: { caseId: string }[] }).items.map((c) => c.caseId)).toContain(
      caseId,
    );
    const anonymous = await gateway('/intake/api/v1/filing-queue');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBeTruthy();

    const form = new FormData();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    form.append('photo', new Blob([png], { type: 'image/png' }), 'spot.png');
    const photo = await gateway('/disposal/api/v1/evidence', {
      method: 'POST',
      headers: bearer('patroller'),
      body: form,
    });
    expect(photo.status).toBe(201);
    expect(((await photo.json()) as { evidenceId: string }).evidenceId).toBeTruthy();
  });

  it('passes only /api/v1/ routes of the four services, however the path is spelled', async () => {
    for (const path of [
      '/intake/health',
      '/intake/api/v1/../../metrics',
      '/intake/api/v1/%2e%2e/%2e%2e/metrics',
      '/projections/api/v1/overview',
      '/elsewhere/api/v1/reports',
    ]) {
      const answer = await gateway(path, { headers: bearer('command') });
      expect([path, answer.status]).toEqual([path, 404]);
      expect((await answer.json()) as { code: string }).toMatchObject({
        code: expect.stringMatching(/^GATEWAY_/),
      });
    }
  });
});
