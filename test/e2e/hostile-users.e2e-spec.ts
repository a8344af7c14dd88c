import { ROLES, type Role, type ServiceName } from '@cityloop/contracts';
import { Tokens } from '@cityloop/service-kit';
import { readTopic, testKafka, waitFor } from '@cityloop/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LiveStream } from '../support/live-stream';
import { mayCall, ROUTE_MATRIX, type RouteRule } from '../support/route-matrix';
import {
  bearer,
  categoryNamed,
  countRows,
  pointInDistrict,
  reportBody,
  TestStack,
  tokenFor,
} from '../support/service-processes';

/**
 * Hostile users (docs/RELIABILITY.md): every role against every route, departments kept to their
 * own rows under load, rate limits per identity, and who did what on every event. Every call here
 * is made under an identity of its own unless the test is about one identity, so that the stack's
 * low rate limit (below) only ever stops the caller a test floods with.
 */
const PEOPLE_PER_MINUTE = 60;
const IMPORTER_PER_MINUTE = 600;

let stack: TestStack;
let identities = 0;
/** A token for `role` under a fresh identity. */
const fresh = (role: Role, scope?: string) => bearer(role, scope, { id: `hostile-${role}-${++identities}` });

beforeAll(async () => {
  stack = await TestStack.create(
    'hostile',
    ['intake', 'dispatch', 'disposal', 'verification', 'projections'],
    {
      RATE_LIMIT_PER_MINUTE: String(PEOPLE_PER_MINUTE),
      RATE_LIMIT_IMPORTER_PER_MINUTE: String(IMPORTER_PER_MINUTE),
      LOG_LEVEL: 'debug', // everything the services would ever log, for the personal-data test
    },
  );
  await stack.start();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const PLACEHOLDERS: Record<string, () => string> = {
  format: () => 'json',
  quarter: () => '1999-Q1',
  code: () => categoryNamed('暴露垃圾').code,
};

const concretePath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => PLACEHOLDERS[name]?.() ?? randomUUID());

interface Outcome {
  status: number;
  code?: string;
}

/** One call of a route as `headers` (a JSON body for POST); a stream is closed once it answered. */
async function call(route: RouteRule, headers: Record<string, string>): Promise<Outcome> {
  const abort = new AbortController();
  const response = await fetch(`${stack.service(route.service).url}${concretePath(route.path)}`, {
    method: route.method,
    headers: { ...headers, ...(route.method === 'POST' && { 'content-type': 'application/json' }) },
    body: route.method === 'POST' ? '{}' : undefined,
    signal: abort.signal,
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status };
  }
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: response.status, code };
}

const scopeOf = (role: Role) => (role === 'department' ? 'sanitation' : undefined);
const describeRoute = (r: RouteRule) => `${r.method} ${r.service} ${r.path}`;

describe('who may call what', () => {
  it('the matrix names every route the services document, and only those', async () => {
    const documented: string[] = [];
    for (const service of stack.services.keys()) {
      const { body } = await stack
        .service(service)
        .get<{ paths: Record<string, Record<string, unknown>> }>('/docs-json');
      for (const [path, operations] of Object.entries(body.paths))
        for (const method of Object.keys(operations))
          documented.push(`${method.toUpperCase()} ${service} ${path}`);
    }
    // /metrics is Prometheus' text, not part of the API document.
    const inMatrix = ROUTE_MATRIX.filter((r) => r.path !== '/metrics').map(describeRoute);
    expect([...documented].sort()).toEqual([...inMatrix].sort());
  });

  it('every role on every route: the allowed get past the guard, the others get 403 AUTH.FORBIDDEN', async () => {
    const wrong: string[] = [];
    for (const route of ROUTE_MATRIX) {
      for (const role of ROLES) {
        const outcome = await call(route, fresh(role, scopeOf(role)));
        const denied = outcome.status === 403 && outcome.code === 'AUTH.FORBIDDEN';
        const unauthenticated = outcome.status === 401;
        const expected = mayCall(route, role) ? 'allowed' : 'denied';
        const got = denied ? 'denied' : unauthenticated ? 'unauthenticated' : 'allowed';
        if (got !== expected) wrong.push(`${role} on ${describeRoute(route)}: ${got} (${outcome.status})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('without a valid token (none, expired, forged, wrong scheme) every route but the public ones answers 401', async () => {
    const forged = new Tokens('x'.repeat(40)).sign({ id: 'mallory', role: 'admin' });
    const [header, , signature] = tokenFor('operator').split('.');
    const elevated = `${header}.${Buffer.from(JSON.stringify({ sub: 'mallory', role: 'admin', iss: 'cityloop' })).toString('base64url')}.${signature}`;
    const callers: Record<string, Record<string, string>> = {
      none: {},
      expired: bearer('command', undefined, { expiresInSeconds: -60 }),
      'signed with another secret': { authorization: `Bearer ${forged}` },
      'claims changed after signing': { authorization: `Bearer ${elevated}` },
      'basic scheme': { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    };
    const wrong: string[] = [];
    for (const route of ROUTE_MATRIX) {
      for (const [who, headers] of Object.entries(callers)) {
        const outcome = await call(route, headers);
        const expected = route.allowed === 'public' ? outcome.status !== 401 : outcome.status === 401;
        if (!expected)
          wrong.push(`${who} on ${describeRoute(route)}: ${outcome.status} ${outcome.code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

interface OrderView {
  orderId: string;
  caseId: string;
  departmentId: string;
}

describe('departments see only their own, under load', () => {
  it("a department's token on another department's orders, lists and live stream leaks zero rows", async () => {
    // Three categories of three departments, filed at once by patrollers (auto-filed, auto-dispatched;
    // a street may have a department of its own for a category: the order says where each went).
    const categories = ['暴露垃圾', '道路破损', '井盖缺失'].map((name) => categoryNamed(name));
    const departments = categories.map((c) => c.defaultDepartmentId);
    expect(new Set(departments).size).toBe(3);
    const streams = new Map<string, LiveStream>();
    for (const department of departments) {
      streams.set(
        department,
        await LiveStream.open(
          `${stack.service('projections').url}/api/v1/live?access_token=${tokenFor('department', department, { id: `live-${department}` })}`,
        ),
      );
    }
    const filed = new Set<string>();
    await Promise.all(
      Array.from({ length: 30 }, async (_, n) => {
        const category = categories[n % 3];
        const { status, body } = await stack.service('intake').post<{ caseId: string }>(
          '/api/v1/reports',
          {
            source: 'patrol',
            categoryCode: category.code,
            location: pointInDistrict(500 + n),
            description: `load #${n}`,
          },
          fresh('patroller'),
        );
        expect(status).toBe(201);
        filed.add(body.caseId);
      }),
    );
    const ordersOf = async (department: string, query = '') =>
      (
        await stack
          .service('disposal')
          .get<{ items: OrderView[] }>(`/api/v1/orders${query}`, fresh('department', department))
      ).body.items;
    const all = await waitFor(
      () => stack.service('disposal').get<{ items: OrderView[] }>('/api/v1/orders', fresh('importer')),
      (r) => r.body.items.filter((o) => filed.has(o.caseId)).length === 30,
      { what: 'the 30 orders in disposal', timeoutMs: 60_000 },
    );
    const orders = all.body.items.filter((o) => filed.has(o.caseId));
    const caseDepartment = new Map(orders.map((o) => [o.caseId, o.departmentId]));
    // Every department signs its own orders, so that each order's stream has frames for its department.
    for (const order of orders) {
      const signed = await stack
        .service('disposal')
        .post(`/api/v1/orders/${order.orderId}/sign`, {}, fresh('department', order.departmentId));
      expect(signed.status).toBe(200);
    }
    for (const [department, stream] of streams) {
      const own = orders.filter((o) => o.departmentId === department);
      await waitFor(
        async () => new Set(stream.frames.filter((f) => f.type === 'OrderSigned').map((f) => f.caseId)).size,
        (n) => n >= own.length,
        { what: `${department}'s OrderSigned frames` },
      );
    }

    let leaked = 0;
    let seen = 0;
    for (const department of new Set(caseDepartment.values())) {
      const listed = await ordersOf(department);
      seen += listed.filter((o) => caseDepartment.has(o.caseId)).length;
      leaked += listed.filter((o) => o.departmentId !== department).length;
      for (const other of orders.filter((o) => o.departmentId !== department)) {
        leaked += (await ordersOf(department, `?caseId=${other.caseId}`)).length;
        const refused = await stack
          .service('disposal')
          .post(
            `/api/v1/orders/${other.orderId}/disposal`,
            { notes: '越权' },
            fresh('department', department),
          );
        if (refused.status !== 404) leaked++;
      }
      leaked += (streams.get(department)?.frames ?? []).filter(
        (f) =>
          caseDepartment.has(f.caseId as string) && caseDepartment.get(f.caseId as string) !== department,
      ).length;
    }
    for (const stream of streams.values()) await stream.close();
    expect({ seen, leaked }).toEqual({ seen: 30, leaked: 0 });
    // Nothing was disposed of by a stranger.
    expect(
      await countRows(
        stack,
        'disposal.events',
        `type = 'OrderDisposed' AND case_id = ANY('{${[...caseDepartment.keys()].join(',')}}'::uuid[])`,
      ),
    ).toBe(0);
  });
});

/** A PNG of its own (random bytes after the signature), so that no two tests share one stored photo. */
const uniquePng = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(randomUUID())]);

async function uploadPhoto(as: Record<string, string>): Promise<string> {
  const form = new FormData();
  form.append('photo', new Blob([uniquePng()]), 'photo.png');
  const response = await fetch(`${stack.service('disposal').url}/api/v1/evidence`, {
    method: 'POST',
    headers: as,
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { evidenceId: string }).evidenceId;
}

const photoStatus = async (evidenceId: string, as: Record<string, string>) =>
  (await fetch(`${stack.service('disposal').url}/api/v1/evidence/${evidenceId}`, { headers: as })).status;

describe('evidence photos', () => {
  it('a department sees the photos it uploaded or its orders cite, and cites only its own', async () => {
    const categories = ['暴露垃圾', '道路破损'].map((name) => categoryNamed(name));
    const caseIds = await Promise.all(
      categories.map(async (category, n) => {
        const { body } = await stack.service('intake').post<{ caseId: string }>(
          '/api/v1/reports',
          {
            source: 'patrol',
            categoryCode: category.code,
            location: pointInDistrict(740 + n),
            description: '照片',
          },
          fresh('patroller'),
        );
        return body.caseId;
      }),
    );
    const { body } = await waitFor(
      () => stack.service('disposal').get<{ items: OrderView[] }>('/api/v1/orders', fresh('importer')),
      (r) => caseIds.every((id) => r.body.items.some((o) => o.caseId === id)),
      { what: 'both orders in disposal', timeoutMs: 60_000 },
    );
    const [mine, theirs] = caseIds.map((id) => body.items.find((o) => o.caseId === id)!);
    expect(mine.departmentId).not.toBe(theirs.departmentId);
    const a = () => fresh('department', mine.departmentId);
    const b = () => fresh('department', theirs.departmentId);
    const disposal = stack.service('disposal');
    for (const [order, as] of [
      [mine, a],
      [theirs, b],
    ] as const)
      expect((await disposal.post(`/api/v1/orders/${order.orderId}/sign`, {}, as())).status).toBe(200);

    // A's own photo, cited by its order: A and the district see it, B is told it does not exist.
    const ofA = await uploadPhoto(a());
    expect(
      (
        await disposal.post(
          `/api/v1/orders/${mine.orderId}/disposal`,
          { notes: '已清理', evidenceIds: [ofA] },
          a(),
        )
      ).status,
    ).toBe(201);
    expect(await photoStatus(ofA, a())).toBe(200);
    expect(await photoStatus(ofA, fresh('command'))).toBe(200);
    expect(await photoStatus(ofA, b())).toBe(404);
    // Nor can B make it its own by citing it.
    const cited = await disposal.post<{ code: string }>(
      `/api/v1/orders/${theirs.orderId}/disposal`,
      { notes: '借用', evidenceIds: [ofA] },
      b(),
    );
    expect(cited).toMatchObject({ status: 422, body: { code: 'EVIDENCE.UNKNOWN' } });
    expect(await photoStatus(ofA, b())).toBe(404);

    // A photo the importer cites on B's order: B sees it, A does not.
    const imported = await uploadPhoto(fresh('importer'));
    const reported = await disposal.post(
      `/api/v1/orders/${theirs.orderId}/disposal`,
      { notes: '历史处置', evidenceIds: [imported] },
      fresh('importer'),
    );
    expect(reported.status).toBe(201);
    expect(await photoStatus(imported, b())).toBe(200);
    expect(await photoStatus(imported, a())).toBe(404);
  });
});

describe('rate limits per identity', () => {
  it('an identity past its limit gets 429 with Retry-After; other people and the importer go on; a refused call stores nothing', async () => {
    const flooder = bearer('patroller', undefined, { id: 'hostile-flooder' });
    const before = await countRows(stack, 'intake.events', `type = 'CaseReported'`);
    // All at once: a burst past the limit, whatever the machine's speed.
    const answers = await Promise.all(
      Array.from({ length: PEOPLE_PER_MINUTE + 20 }, async (_, n) => {
        const response = await fetch(`${stack.service('intake').url}/api/v1/reports`, {
          method: 'POST',
          headers: { ...flooder, 'content-type': 'application/json' },
          body: JSON.stringify({ ...reportBody(900 + n), source: 'patrol' }),
        });
        const body = (await response.json()) as { code?: string };
        return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.code };
      }),
    );
    const created = answers.filter((a) => a.status === 201).length;
    const refused = answers.filter((a) => a.status === 429);
    // The bucket refills a call a second meanwhile: a few past the limit may get through.
    expect(created).toBeGreaterThanOrEqual(PEOPLE_PER_MINUTE);
    expect(created + refused.length).toBe(answers.length);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.code === 'REQUEST.RATE_LIMITED' && Number(a.retryAfter) >= 1)).toBe(true);
    expect((await countRows(stack, 'intake.events', `type = 'CaseReported'`)) - before).toBe(created);

    // Another patroller, and the importer past people's limit, are not slowed by the flooder.
    const neighbour = await stack
      .service('intake')
      .get('/api/v1/reference/categories', bearer('patroller', undefined, { id: 'hostile-neighbour' }));
    expect(neighbour.status).toBe(200);
    const importer = bearer('importer', undefined, { id: 'hostile-importer' });
    const imports = await Promise.all(
      Array.from({ length: PEOPLE_PER_MINUTE + 20 }, () =>
        stack.service('intake').get('/api/v1/reference/categories', importer),
      ),
    );
    expect(imports.filter((r) => r.status !== 200)).toEqual([]);

    // Waiting as long as Retry-After says lets the flooder in again.
    const wait = Number(refused.at(-1)!.retryAfter);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    expect((await stack.service('intake').get('/api/v1/reference/categories', flooder)).status).toBe(200);
  });
});

/** Every record of every topic of the stack (event topics and dead letters), read to the end. */
async function everyRecord(): Promise<string[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(stack.topicPrefix));
    const values: string[] = [];
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const total = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      if (total === 0) continue;
      const records = await readTopic(topic, (r) => r.length >= total);
      expect(records.length).toBe(total);
      values.push(...records.map((r) => `${r.key ?? ''} ${JSON.stringify(r.headers)} ${r.value ?? ''}`));
    }
    return values;
  } finally {
    await admin.disconnect();
  }
}

describe('personal data', () => {
  it("callers' names, phone numbers and e-mail never reach Kafka or the logs", async () => {
    const caller = { name: '林小满', phone: '13912345678' };
    const hotline = await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        { ...reportBody(700), reporter: caller },
        fresh('operator'),
      );
    expect(hotline.status).toBe(201);
    const form = new URLSearchParams({
      api_key: tokenFor('open311'),
      service_code: categoryNamed('道路破损').code,
      lat: String(pointInDistrict(701).lat),
      long: String(pointInDistrict(701).lng),
      description: 'Pothole by the school gate',
      first_name: 'Xiaoman',
      last_name: 'Lin',
      phone: '+86 139 8765 4321',
      email: 'xiaoman.lin@example.cn',
    });
    const open311 = await fetch(`${stack.service('intake').url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(open311.status).toBe(200);
    // The hotline case goes all the way round, so that every service writes events and logs about it.
    const chief = fresh('chief');
    expect(
      (
        await stack
          .service('intake')
          .post(`/api/v1/cases/${hotline.body.caseId}/filing`, { decision: 'file' }, chief)
      ).status,
    ).toBe(200);
    const order = await waitFor(
      () =>
        stack
          .service('disposal')
          .get<{ items: OrderView[] }>(`/api/v1/orders?caseId=${hotline.body.caseId}`, fresh('importer')),
      (r) => r.body.items.length === 1,
      { what: 'the hotline case in disposal' },
    );
    const { orderId, departmentId } = order.body.items[0];
    await stack
      .service('disposal')
      .post(`/api/v1/orders/${orderId}/sign`, {}, fresh('department', departmentId));
    await stack
      .service('disposal')
      .post(`/api/v1/orders/${orderId}/disposal`, { notes: '已清理' }, fresh('department', departmentId));
    await waitFor(
      () => countRows(stack, 'verification.events', `case_id = '${hotline.body.caseId}'`),
      (n) => n > 0,
      { what: 'the on-site check opened' },
    );

    // The contact is kept (intake's own table, for the follow-up call; Open311's may come a moment later)...
    await waitFor(
      () => countRows(stack, 'intake.reporter_contacts', `phone IN ('13912345678', '+86 139 8765 4321')`),
      (n) => n === 2,
      { what: "both callers' contacts kept by intake" },
    );
    const secrets = ['13912345678', '139 8765 4321', '林小满', 'Xiaoman', 'xiaoman.lin@example.cn'];
    // ...and nowhere else: not in one record of any topic, not in one line of any service's log.
    const records = await everyRecord();
    expect(records.some((r) => r.includes(hotline.body.caseId))).toBe(true);
    const logs = [...stack.services.values()].map((s) => readFileSync(s.logFile, 'utf8')).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(secrets.filter((secret) => records.some((r) => r.includes(secret)))).toEqual([]);
    expect(secrets.filter((secret) => logs.includes(secret))).toEqual([]);
  });
});

describe('who did it', () => {
  it('every event in every event store names its actor, and a command names its caller', async () => {
    const caller = 'hostile-witness';
    const { body } = await stack
      .service('intake')
      .post<{ caseId: string }>(
        '/api/v1/reports',
        reportBody(990),
        bearer('operator', undefined, { id: caller }),
      );
    const stores: ServiceName[] = ['intake', 'dispatch', 'disposal', 'verification'];
    let events = 0;
    for (const store of stores) {
      events += await countRows(stack, `${store}.events`);
      expect(
        await countRows(
          stack,
          `${store}.events`,
          `coalesce(actor->>'id', '') = '' OR coalesce(actor->>'role', '') = ''`,
        ),
      ).toBe(0);
    }
    expect(events).toBeGreaterThan(30);
    expect(
      await countRows(
        stack,
        'intake.events',
        `case_id = '${body.caseId}' AND type = 'CaseReported' AND actor->>'id' = '${caller}' AND actor->>'role' = 'operator'`,
      ),
    ).toBe(1);
  });
});
