import type { ServiceName } from '@cityloop/contracts';
import { waitFor } from '@cityloop/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { formOf, payloadOf, sampleBodies, type Body } from '../support/generated-bodies';
import {
  bearer,
  categoryNamed,
  countRows,
  demoDistrict,
  pointInDistrict,
  reportBody,
  TestStack,
  tokenFor,
} from '../support/service-processes';

/**
 * Generated bodies on every write endpoint (docs/RELIABILITY.md, "Bad input"): FUZZ_RUNS bodies
 * each (10,000 by default), grown from a valid body by fast-check (test/support/generated-bodies.ts),
 * sent eight at a time to the services as processes. Every answer is below 500 and, when it
 * refuses, carries a stable code; the services stay up; and the stores hold exactly what the
 * accepted calls wrote: a refused call stores nothing.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const IN_FLIGHT = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('fuzz', ['intake', 'dispatch', 'disposal', 'verification', 'projections'], {
    OPEN311_POSTS_PER_MINUTE: '1000000',
    OPEN311_READS_PER_MINUTE: '1000000',
  });
  await stack.start();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

type EventStoreName = 'intake' | 'dispatch' | 'disposal' | 'verification';

interface Endpoint {
  service: ServiceName;
  path: string;
  as: Record<string, string>;
  valid: Record<string, unknown>;
  /**
   * What an accepted call writes: events in its service's store (each call is told apart by its
   * correlation id, which every event it causes carries), or rows of a table, one per call that
   * created one (201; publishing an unchanged evaluation again answers 200 and writes nothing).
   */
  writes: { events: EventStoreName } | { rows: () => Promise<number> };
  /** Open311's surface: its own error format; `form`: the body form-encoded. */
  open311?: boolean;
  form?: boolean;
}

const inDistrict = (n: number) => pointInDistrict(n);
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const importer = bearer('importer');
const STORES: EventStoreName[] = ['intake', 'dispatch', 'disposal', 'verification'];

/** The correlation ids starting with `prefix` that events of `stores` carry. */
async function correlationsIn(stores: EventStoreName[], prefix: string): Promise<Set<string>> {
  const client = new Client({ connectionString: stack.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      stores
        .map((s) => `SELECT correlation_id AS id FROM ${s}.events WHERE correlation_id LIKE $1`)
        .join(' UNION '),
      [`${prefix}%`],
    );
    return new Set(rows.map((r) => r.id));
  } finally {
    await client.end();
  }
}

async function reported(n: number): Promise<string> {
  const { status, body } = await stack
    .service('intake')
    .post<{ caseId: string }>('/api/v1/reports', reportBody(n), bearer('operator'));
  expect(status).toBe(201);
  return body.caseId;
}

/** A patroller's report, filed and dispatched at once: its case and order. */
async function dispatched(n: number): Promise<{ caseId: string; orderId: string; departmentId: string }> {
  const { body } = await stack
    .service('intake')
    .post<{ caseId: string }>('/api/v1/reports', { ...reportBody(n), source: 'patrol' }, bearer('patroller'));
  const orders = await waitFor(
    () =>
      stack
        .service('disposal')
        .get<{ items: { orderId: string; departmentId: string }[] }>(
          `/api/v1/orders?caseId=${body.caseId}`,
          importer,
        ),
    (r) => r.body.items.length > 0,
    { what: `the order of case ${body.caseId}` },
  );
  return { caseId: body.caseId, ...orders.body.items[0] };
}

async function signed(n: number) {
  const order = await dispatched(n);
  expect(
    (await stack.service('disposal').post(`/api/v1/orders/${order.orderId}/sign`, {}, importer)).status,
  ).toBe(200);
  return order;
}

async function openCheck(n: number): Promise<{ caseId: string; verificationId: string }> {
  const order = await signed(n);
  await stack
    .service('disposal')
    .post(`/api/v1/orders/${order.orderId}/disposal`, { notes: '已处理' }, importer);
  const checks = await waitFor(
    () =>
      stack
        .service('verification')
        .get<{ items: { verificationId: string }[] }>(
          `/api/v1/verifications?caseId=${order.caseId}`,
          importer,
        ),
    (r) => r.body.items.length > 0,
    { what: `the check of case ${order.caseId}` },
  );
  return { caseId: order.caseId, verificationId: checks.body.items[0].verificationId };
}

interface Outcome {
  status: number;
  text: string;
}

async function send(endpoint: Endpoint, body: Body, correlationId: string): Promise<Outcome> {
  const response = await fetch(`${stack.service(endpoint.service).url}${endpoint.path}`, {
    method: 'POST',
    headers: {
      ...endpoint.as,
      'x-correlation-id': correlationId,
      'content-type': endpoint.form ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    body: endpoint.form ? formOf(body) : payloadOf(body),
  });
  return { status: response.status, text: await response.text() };
}

const ANSWERS = new Set([200, 201, 202, 400, 403, 404, 409, 413, 415, 422]);
const STABLE_CODE = /^[A-Z0-9_]+(\.[A-Z0-9_]+)+$/;

/** What is wrong with an answer (nothing: undefined). */
function problemWith(endpoint: Endpoint, { status, text }: Outcome): string | undefined {
  if (!ANSWERS.has(status)) return `status ${status}`;
  if (status < 300) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `a ${status} that is not JSON: ${text.slice(0, 100)}`;
  }
  if (endpoint.open311) {
    const [entry] = parsed as { code?: number; description?: string; error_code?: string }[];
    return entry?.code === status && entry.description && STABLE_CODE.test(entry.error_code ?? '')
      ? undefined
      : `an Open311 error without code and description: ${text.slice(0, 200)}`;
  }
  const { code, message } = parsed as { code?: string; message?: string };
  return STABLE_CODE.test(code ?? '') && message
    ? undefined
    : `a ${status} without a stable code: ${text.slice(0, 200)}`;
}

let runs = 0;

/** Sends RUNS generated bodies, IN_FLIGHT at a time; checks every answer, the stores and health. */
async function fuzz(endpoint: Endpoint): Promise<void> {
  const bodies = sampleBodies(endpoint.valid, RUNS, SEED);
  const label = `fuzz${++runs}-`;
  const rowsBefore = 'rows' in endpoint.writes ? await endpoint.writes.rows() : 0;
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const accepted = new Set<string>();
  let created = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < bodies.length) {
        const n = next++;
        const correlationId = `${label}${n}`;
        const outcome = await send(endpoint, bodies[n], correlationId);
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.status < 300) accepted.add(correlationId);
        if (outcome.status === 201) created++;
        const problem = problemWith(endpoint, outcome);
        if (problem && problems.length < 10)
          problems.push(`${problem} for ${payloadOf(bodies[n]).slice(0, 300)}`);
      }
    }),
  );
  process.stdout.write(
    `${endpoint.service} POST ${endpoint.path}: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
  );
  expect(problems).toEqual([]);
  expect(bodies.length).toBe(RUNS);
  for (const service of stack.services.values()) expect(await service.health()).toBe(200);
  if ('rows' in endpoint.writes) {
    expect((await endpoint.writes.rows()) - rowsBefore).toBe(created);
    return;
  }
  // Every accepted call wrote to its own store (before it answered); no refused call wrote anywhere.
  const own = await correlationsIn([endpoint.writes.events], label);
  expect([...accepted].filter((id) => !own.has(id))).toEqual([]);
  const anywhere = await correlationsIn(STORES, label);
  expect([...anywhere].filter((id) => !accepted.has(id))).toEqual([]);
}

const valid = {
  report: () => ({
    source: 'hotline',
    categoryCode: categoryNamed('暴露垃圾').code,
    location: inDistrict(1),
    description: '路边堆放垃圾',
    addressText: '民生路 1 号',
    urgency: 'normal',
    onsetAt: hourAgo(),
    reporter: { name: '市民', phone: '13800138000' },
  }),
};

describe('generated bodies on every write endpoint: no 5xx, a stable code for each refusal, nothing stored from a refused call', () => {
  it('intake: POST /reports (operator)', async () => {
    await fuzz({
      service: 'intake',
      path: '/api/v1/reports',
      as: bearer('operator'),
      valid: valid.report(),
      writes: { events: 'intake' },
    });
  });

  it('intake: POST /reports (importer, with its business time)', async () => {
    await fuzz({
      service: 'intake',
      path: '/api/v1/reports',
      as: importer,
      valid: { ...valid.report(), occurredAt: hourAgo(), mergeDuplicates: false },
      writes: { events: 'intake' },
    });
  });

  it('intake: POST /open311/v2/requests.json, form-encoded and JSON', async () => {
    const request = {
      api_key: tokenFor('open311'),
      service_code: categoryNamed('道路破损').code,
      lat: String(inDistrict(2).lat),
      long: String(inDistrict(2).lng),
      description: 'Pothole by the school gate',
      first_name: 'Lin',
      phone: '13900000000',
    };
    for (const form of [true, false]) {
      await fuzz({
        service: 'intake',
        path: '/open311/v2/requests.json',
        as: {},
        valid: request,
        open311: true,
        form,
        writes: { events: 'intake' },
      });
    }
  });

  it('intake: POST /cases/{caseId}/filing (chief)', async () => {
    const caseId = await reported(10);
    await fuzz({
      service: 'intake',
      path: `/api/v1/cases/${caseId}/filing`,
      as: bearer('chief'),
      valid: { decision: 'file', departmentId: 'sanitation' },
      writes: { events: 'intake' },
    });
  });

  it('intake: POST /follow-ups/{caseId} (operator) and POST /patrols (patroller)', async () => {
    const caseId = await reported(11);
    await fuzz({
      service: 'intake',
      path: `/api/v1/follow-ups/${caseId}`,
      as: bearer('operator'),
      valid: { satisfaction: 'satisfied' },
      writes: { events: 'intake' },
    });
    await fuzz({
      service: 'intake',
      path: '/api/v1/patrols',
      as: bearer('patroller'),
      valid: { cellCodes: [demoDistrict().pack.cells[0].code] },
      writes: { events: 'intake' },
    });
  });

  it('dispatch: dispatch, postponement, resumption and the dispatcher decisions', async () => {
    const dispatcher = bearer('dispatcher');
    const { caseId } = await dispatched(20);
    const postponed = await dispatched(21);
    await stack
      .service('dispatch')
      .post(`/api/v1/cases/${postponed.caseId}/postponement`, { reason: '等待天气好转' }, dispatcher);
    const endpoints: Endpoint[] = [
      { path: `/api/v1/cases/${caseId}/dispatch`, valid: { departmentId: 'water' } },
      { path: `/api/v1/cases/${caseId}/postponement`, valid: { reason: '等待天气好转' } },
      { path: `/api/v1/cases/${postponed.caseId}/resumption`, valid: {} },
      { path: `/api/v1/returns/${randomUUID()}/decision`, valid: { approve: true, departmentId: 'water' } },
      {
        path: `/api/v1/extensions/${randomUUID()}/decision`,
        valid: { approve: false, reason: '不符合延期条件' },
      },
    ].map(({ path, valid: body }) => ({
      service: 'dispatch' as const,
      path,
      as: dispatcher,
      valid: body,
      writes: { events: 'dispatch' as const },
    }));
    for (const endpoint of endpoints) await fuzz(endpoint);
  });

  it("disposal: a department's steps on its order, and webhook registration", async () => {
    const fresh = await dispatched(30);
    const returned = await dispatched(31);
    const working = await signed(32);
    const finishing = await signed(33);
    const steps: [typeof fresh, string, Record<string, unknown>][] = [
      [fresh, 'sign', {}],
      [returned, 'return', { reason: 'wrong-area' }],
      [working, 'extension-requests', { hours: 24, reason: '需要协调施工队' }],
      [finishing, 'disposal', { notes: '已清理完毕', evidenceIds: [] }],
    ];
    for (const [order, step, body] of steps) {
      await fuzz({
        service: 'disposal',
        path: `/api/v1/orders/${order.orderId}/${step}`,
        as: bearer('department', order.departmentId),
        valid: body,
        writes: { events: 'disposal' },
      });
    }
    await fuzz({
      service: 'disposal',
      path: '/api/v1/webhooks',
      as: bearer('department', 'sanitation'),
      valid: {
        url: 'https://hooks.sanitation.example.gov.cn/cityloop',
        events: ['order.dispatched'],
        description: '环卫',
      },
      writes: { rows: () => countRows(stack, 'disposal.webhooks') },
    });
  });

  it('verification: a check result (patroller) and a sign-off (chief)', async () => {
    const check = await openCheck(40);
    await fuzz({
      service: 'verification',
      path: `/api/v1/verifications/${check.verificationId}/result`,
      as: bearer('patroller'),
      valid: { passed: true, notes: '现场已整改', evidenceIds: [] },
      writes: { events: 'verification' },
    });
    await fuzz({
      service: 'verification',
      path: `/api/v1/verifications/${randomUUID()}/sign-off`,
      as: bearer('chief'),
      valid: { approve: false, reason: '照片不清楚' },
      writes: { events: 'verification' },
    });
  });

  it("projections: the evaluator's imports", async () => {
    await fuzz({
      service: 'projections',
      path: '/api/v1/evaluation/2026-Q3/imports',
      as: bearer('evaluator'),
      valid: {
        part: 'thirdParty',
        scores: [{ subject: 'street', id: demoDistrict().pack.streets[0].id, score: 92.5 }],
        findings: [{ ref: 'TP-001', gridCellCode: demoDistrict().pack.cells[0].code }],
      },
      writes: { rows: () => countRows(stack, 'projections.evaluation_imports') },
    });
  });

  // Each accepted call builds the quarter's whole evaluation (two quarters' figures) to compare it
  // with the latest version: about 105 s for 10,000 calls here, so more than the tier's 180 s.
  it("projections: the evaluator's publication", async () => {
    await fuzz({
      service: 'projections',
      path: '/api/v1/evaluation/2026-Q3/publish',
      as: bearer('evaluator'),
      valid: {},
      writes: { rows: () => countRows(stack, 'projections.evaluation_publications') },
    });
  }, 360_000);
});
