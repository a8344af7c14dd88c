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
