import { waitFor } from '@cityloop/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loopViews } from '../support/loop-views';
import {
  Open311Client,
  type Format,
  type Open311Answer,
  type Open311Error,
  type RequestArguments,
  type ServiceRequest,
} from '../support/open311-client/open311-client';
import { requireSpecDocuments, schemaProblems } from '../support/open311-client/open311-schemas';
import { elementNamesOf, readOpen311Xml } from '../support/open311-client/xml-documents';
import {
  bearer,
  countRows,
  demoDistrict,
  pointInDistrict,
  TestStack,
  tokenFor,
} from '../support/service-processes';

const SPEC_EXAMPLES = join(__dirname, '..', 'fixtures', 'open311', 'spec-examples');
const example = (file: string) => readFileSync(join(SPEC_EXAMPLES, file), 'utf8');
const DAY_MS = 86_400_000;

/** The spec's example POST requests (its body), argument by argument. */
function specExamplePost(): Record<string, string> {
  const lines = example('post_requests_example_request.http.txt').trim().split('\n');
  return Object.fromEntries(new URLSearchParams(lines.at(-1)));
}

const district = demoDistrict();
const JURISDICTION = district.pack.district.code;
const apiKey = tokenFor('open311');

let stack: TestStack;
let nextPlace = 300;
let nextService = 0;
/** A place and a service no other test uses: reports never join each other's cases by chance. */
const freshPlace = () => pointInDistrict(nextPlace++);
const freshService = () => district.pack.categories[nextService++].code;

const endpoint = () => `${stack.service('intake').url}/open311/v2`;
/** The client, every answer of which must be a document of the spec (its schemas, content type, root). */
const open311 = (format: Format) => new Open311Client(endpoint(), format, requireSpecDocuments);

/** A valid request of a fresh service at a fresh place, with the api_key. */
const newRequest = (extra: RequestArguments = {}): RequestArguments => {
  const { lat, lng } = freshPlace();
  return {
    api_key: apiKey,
    service_code: freshService(),
    lat: String(lat),
    long: String(lng),
    description: 'Rubbish piled up by the bus stop',
    ...extra,
  };
};

/** The arguments without these. */
const without = (args: RequestArguments, ...names: string[]): RequestArguments =>
  Object.fromEntries(Object.entries(args).filter(([name]) => !names.includes(name)));

async function create(client: Open311Client, args: RequestArguments, options = {}) {
  const answer = await client.createRequest(args, options);
  expect(answer.status).toBe(200);
  expect(answer.document).toHaveLength(1);
  const [created] = answer.document;
  return { id: created.service_request_id!, token: created.token!, notice: created.service_notice };
}

async function requestOf(client: Open311Client, id: string): Promise<ServiceRequest> {
  const answer = await client.request(id);
  expect(answer.status).toBe(200);
  expect(answer.document).toHaveLength(1);
  return answer.document[0];
}

/** Polls GET requests/{id} until the request says what `until` wants (other services' steps arrive by Kafka). */
const whenRequest = (id: string, until: (r: ServiceRequest) => boolean, what: string) =>
  waitFor(() => requestOf(open311('json'), id), until, { what });

const errorsOf = (answer: Open311Answer) => answer.document as (Open311Error & { error_code?: string })[];
const intakeEvents = () => countRows(stack, 'intake.events');

beforeAll(async () => {
  stack = await TestStack.create('open311', ['intake', 'dispatch', 'disposal', 'verification'], {
    DUPLICATE_RADIUS_METRES: '250',
    OPEN311_READS_PER_MINUTE: '1000000',
    OPEN311_POSTS_PER_MINUTE: '1000000',
  });
  await stack.start();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe('Open311 GeoReport v2 on intake', () => {
  describe.each<Format>(['json', 'xml'])('in %s', (format) => {
    it('tells where GeoReport v2 is served and in which formats (discovery)', async () => {
      const answer = await open311(format).discovery();
      expect(answer.status).toBe(200);
      expect(answer.document).toMatchObject({
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: endpoint(),
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    });

    it("lists the district's categories as services, defines each, and answers 404 for another", async () => {
      const client = open311(format);
      const services = await client.services({ jurisdiction_id: JURISDICTION });
      expect(services.status).toBe(200);
      const codes = services.document.map((s) => s.service_code);
      expect(codes).toEqual(district.pack.categories.map((c) => c.code).sort());
      const garbage = services.document.find((s) => s.service_name === '暴露垃圾')!;
      expect(garbage).toMatchObject({ metadata: true, type: 'realtime', group: '事件·市容环境' });

      const definition = await client.serviceDefinition(String(garbage.service_code));
      expect(definition.status).toBe(200);
      expect(definition.document).toMatchObject({
        service_code: garbage.service_code,
        attributes: [
          { code: 'time_limit', variable: false, order: 1 },
          {
            code: 'urgency',
            variable: true,
            datatype: 'singlevaluelist',
            values: [{ key: 'normal' }, { key: 'urgent' }],
          },
          { code: 'onset', variable: true, datatype: 'datetime' },
        ],
      });

      const unknown = await client.serviceDefinition('9999');
      expect(unknown.status).toBe(404);
      expect(errorsOf(unknown)[0]).toMatchObject({ code: 404 });
    });

    it("files the spec's own example request, moved inside the district, as a report with source open311", async () => {
      const client = open311(format);
      const { lat, lng } = freshPlace();
      const serviceCode = freshService();
      const given = specExamplePost();
      const before = await intakeEvents();
      const created = await create(client, {
        ...given,
        api_key: apiKey,
        jurisdiction_id: JURISDICTION,
        service_code: serviceCode,
        lat: String(lat),
        long: String(lng),
      });
      expect(await intakeEvents()).toBe(before + 1);

      // Readable at once: the POST answers once the report is committed, and so is its request.
      const request = await requestOf(client, created.id);
      expect(request).toMatchObject({
        service_request_id: created.id,
        status: 'open',
        status_notes: 'reported',
        service_code: serviceCode,
        description: given.description,
        address: given.address_string,
        agency_responsible: null,
        expected_datetime: null,
        lat,
        long: lng,
      });
      const token = await client.token(created.token);
      expect(token.status).toBe(200);
      expect(token.document).toEqual([{ service_request_id: created.id, token: created.token }]);

      // The same command as POST /api/v1/reports: an event with source open311 and no personal data;
      // the caller's name and phone in intake's own table.
      const where = `case_id = '${created.id}'`;
      expect(await countRows(stack, 'intake.events', `${where} AND payload->>'source' = 'open311'`)).toBe(1);
      expect(
        await countRows(stack, 'intake.events', `${where} AND payload::text ~ 'smith|111111111|smit333'`),
      ).toBe(0);
      expect(await countRows(stack, 'intake.reporter_contacts', `${where} AND name = 'john smith'`)).toBe(1);
    });

    it('takes a JSON body with the api_key in the query and the attributes as an object', async () => {
      const client = open311(format);
      const answer = await client.createRequest(newRequest({ attribute: { urgency: 'urgent' } }), {
        encoding: 'json',
        apiKeyIn: 'query',
      });
      expect(answer.status).toBe(200);
      const id = answer.document[0].service_request_id!;
      expect(
        await countRows(stack, 'intake.events', `case_id = '${id}' AND payload->>'urgency' = 'urgent'`),
      ).toBe(1);

      // swagger.json has POST's arguments in the query: taken there too.
      const inQuery = new URLSearchParams(newRequest() as Record<string, string>).toString();
      const queried = await fetch(`${endpoint()}/requests.json?${inQuery}`, { method: 'POST' });
      expect(queried.status).toBe(200);
      expect(schemaProblems('created', await queried.json())).toEqual([]);
    });

    it('round-trips a description holding <, &, quotes and emoji', async () => {
      const description = `<b>"Bins" & 'boxes'</b> 🚧🗑️ 井盖 Tom &amp; Jerry ]]> <!-- -->`;
      const created = await create(open311(format), newRequest({ description }));
      for (const readBack of ['json', 'xml'] as const) {
        const answer = await open311(readBack).request(created.id);
        expect(answer.document[0].description).toBe(description);
        if (readBack === 'xml') expect(answer.text).not.toContain('<b>');
      }
    });

    it("refuses bad requests with the spec's error lists and statuses, and stores nothing", async () => {
      const client = open311(format);
      const before = await intakeEvents();
      const refusals: [string, Promise<Open311Answer>, number][] = [
        ['no api_key', client.createRequest(without(newRequest(), 'api_key')), 403],
        ['a made-up api_key', client.createRequest(newRequest({ api_key: 'xyz' })), 403],
        [
          "an operator's token as api_key",
          client.createRequest(newRequest({ api_key: tokenFor('operator') })),
          403,
        ],
        ['an unknown service_code', client.createRequest(newRequest({ service_code: '9999' })), 400],
        ['no service_code', client.createRequest(without(newRequest(), 'service_code')), 400],
        ['a latitude that is not one', client.createRequest(newRequest({ lat: 'north' })), 400],
        ['a latitude past the pole', client.createRequest(newRequest({ lat: '95' })), 400],
        [
          'an address without lat/long',
          client.createRequest(without(newRequest({ address_string: '1 Main St' }), 'lat', 'long')),
          400,
        ],
        [
          'a point outside the district',
          client.createRequest(newRequest({ lat: '37.76524078', long: '-122.4212043' })),
          400,
        ],
        ['another jurisdiction', client.createRequest(newRequest({ jurisdiction_id: 'city.gov' })), 404],
        ['an unknown request', client.request('0b4bd4b6-1f7e-4a39-9c55-4d6cdd2f2d8a'), 404],
        ['a malformed request id', client.request('638344'), 404],
        ['an unknown token', client.token('12345'), 404],
        ['a start_date without its zone', client.requests({ start_date: '2026-07-01T00:00:00' }), 400],
        ['an unknown status', client.requests({ status: 'pending' }), 400],
      ];
      for (const [what, refused, status] of refusals) {
        const answer = await refused;
        expect({ what, status: answer.status }).toEqual({ what, status });
        expect(errorsOf(answer)).toEqual([expect.objectContaining({ code: status })]);
      }
      const outside = await client.createRequest(newRequest({ lat: '37.76524078', long: '-122.4212043' }));
      expect(errorsOf(outside)[0]).toMatchObject({ error_code: 'LOCATION.OUTSIDE_DISTRICT' });
      expect(errorsOf(outside)[0].description).toMatch(/^lat\/long: .* is outside/);

      // A body the parsers refuse is answered in the spec's form too.
      const broken = await fetch(`${endpoint()}/requests.${format}?api_key=${apiKey}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"service_code": ',
      });
      const text = await broken.text();
      const document = format === 'json' ? JSON.parse(text) : readOpen311Xml(text).document;
      expect(broken.status).toBe(400);
      expect(schemaProblems('errors', document)).toEqual([]);
      expect(await intakeEvents()).toBe(before);
    });
  });

  it("matches the spec's example documents element for element", async () => {
    const xml = open311('xml');
    const created = await create(xml, newRequest());
    const definition = await xml.serviceDefinition(district.pack.categories[0].code);
    const shapes: [string, string, { without?: string[]; extra?: string[] }][] = [
      ['get_services.xml', (await xml.services()).text, {}],
      ['get_service_definition_DMV66.xml', definition.text, {}],
      ['get_requests.xml', (await xml.request(created.id)).text, {}],
      ['get_tokens_response.xml', (await xml.token(created.token)).text, {}],
      // No accounts here: account_id is left out; the token comes with the id (see docs/OPEN311.md).
      [
        'post_requests_response.xml',
        (await xml.createRequest(newRequest())).text,
        { without: ['service_requests/request/account_id'], extra: ['service_requests/request/token'] },
      ],
      [
        'error_403.xml',
        (await xml.createRequest(newRequest({ api_key: 'xyz' }))).text,
        { extra: ['errors/error/error_code'] },
      ],
    ];
    for (const [file, ours, { without = [], extra = [] }] of shapes) {
      const expected = [
        ...elementNamesOf(example(file)).filter((n) => !without.includes(n)),
        ...extra,
      ].sort();
      expect({ file, elements: elementNamesOf(ours) }).toEqual({ file, elements: expected });
    }
  });

  it("reads the spec's example XML documents into documents its schemas accept (the client, checked)", () => {
    const documents: [string, 'services' | 'service_definition' | 'service_requests' | 'token'][] = [
      ['get_services.xml', 'services'],
      ['get_service_definition_DMV66.xml', 'service_definition'],
      ['get_requests.xml', 'service_requests'],
      ['get_request_638344.xml', 'service_requests'],
      ['get_tokens_response.xml', 'token'],
    ];
    for (const [file, kind] of documents) {
      expect({ file, problems: schemaProblems(kind, readOpen311Xml(example(file)).document) }).toEqual({
        file,
        problems: [],
      });
    }
    // And the schemas do refuse what the spec does not allow, so a pass above means something.
    expect(
      schemaProblems('service_requests', [{ service_request_id: 638344, status: 'pending' }]),
    ).toHaveLength(4);
    expect(schemaProblems('errors', [{ code: '403' }])).not.toEqual([]);
  });

  it("searches requests by the spec's parameters and defaults: the last 90 days, status, service_code, ids", async () => {
    const client = open311('json');
    // A report 100 days old, by the importer (who may give business times), and two of today.
    const oldAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 100 * DAY_MS);
    const old = await stack.service('intake').post<{ caseId: string }>(
      '/api/v1/reports',
      {
        source: 'app',
        categoryCode: freshService(),
        location: freshPlace(),
        description: 'an old one',
        occurredAt: oldAt.toISOString(),
        mergeDuplicates: false,
      },
      bearer('importer'),
    );
    expect(old.status).toBe(201);
    const open = await create(client, newRequest());
    const refused = await create(client, newRequest());
    await stack
      .service('intake')
      .post(
        `/api/v1/cases/${refused.id}/filing`,
        { decision: 'reject', reason: 'not a city problem' },
        bearer('chief'),
      );
    await whenRequest(refused.id, (r) => r.status_notes === 'rejected', 'the rejection in the request');

    const ids = async (args: Record<string, string>) => {
      const answer = await client.requests(args);
      expect(answer.status).toBe(200);
      return answer.document.map((r) => r.service_request_id);
    };
    const recent = await client.requests();
    expect(recent.document.map((r) => r.service_request_id)).toEqual(
      expect.arrayContaining([open.id, refused.id]),
    );
    expect(recent.document.map((r) => r.service_request_id)).not.toContain(old.body.caseId);
    const times = recent.document.map((r) => Date.parse(r.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a)); // the newest first
    expect(recent.document.find((r) => r.service_request_id === refused.id)).toMatchObject({
      status: 'closed',
      status_notes: 'rejected',
    });

    const openOnes = await ids({ status: 'open' });
    expect(openOnes).toContain(open.id);
    expect(openOnes).not.toContain(refused.id);
    const closedOnes = await ids({ status: 'closed' });
    expect(closedOnes).toContain(refused.id);
    expect(closedOnes).not.toContain(open.id);
    expect(await ids({ status: 'open,closed' })).toEqual(expect.arrayContaining([open.id, refused.id]));

    const openService = (await requestOf(client, open.id)).service_code;
    expect(await ids({ service_code: openService })).toEqual([open.id]);

    const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
    expect(await ids({ start_date: iso(101 * DAY_MS), end_date: iso(99 * DAY_MS) })).toEqual([
      old.body.caseId,
    ]);
    expect(await ids({ start_date: iso(101 * DAY_MS) })).toContain(old.body.caseId); // to 90 days on
    expect(await ids({ start_date: iso(101 * DAY_MS) })).not.toContain(open.id);
    expect(await ids({ end_date: iso(99 * DAY_MS) })).toContain(old.body.caseId); // from 90 days back
    expect(
      await ids({
        service_request_id: `${old.body.caseId},${open.id}`,
        status: 'closed',
        service_code: '9999',
      }),
    ).toEqual([open.id, old.body.caseId]); // the ids override everything else

    const tooLong = await client.requests({ start_date: iso(120 * DAY_MS), end_date: iso(0) });
    expect(tooLong.status).toBe(400);
    // The spec's own example query (a month of 2010): nothing, but well-formed.
    const spec = await open311('xml').requests({
      start_date: '2010-05-24T00:00:00Z',
      end_date: '2010-06-24T00:00:00Z',
      status: 'open',
    });
    expect(spec).toMatchObject({ status: 200, document: [] });
  });

  it('gives at most the first 1000 requests of a window, the newest first, alike in JSON and XML', async () => {
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 200 * DAY_MS;
    const serviceCode = freshService();
    const importer = bearer('importer');
    const importOne = (i: number) =>
      stack.service('intake').post<{ caseId: string }>(
        '/api/v1/reports',
        {
          source: 'app',
          categoryCode: serviceCode,
          location: pointInDistrict(i),
          description: `imported #${i}`,
          occurredAt: new Date(start + i * 60_000).toISOString(),
          mergeDuplicates: false,
        },
        importer,
      );
    const caseIds: string[] = [];
    for (let batch = 0; batch < 1001; batch += 10) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(10, 1001 - batch) }, (_, k) => importOne(batch + k)),
      );
      for (const answer of answers) caseIds.push(answer.body.caseId);
    }
    const window = {
      start_date: new Date(start - 1000).toISOString(),
      end_date: new Date(start + 2 * DAY_MS).toISOString(),
    };
    const json = await open311('json').requests(window);
    expect(json.document).toHaveLength(1000);
    expect(json.document[0].service_request_id).toBe(caseIds[1000]);
    expect(json.document.at(-1)!.service_request_id).toBe(caseIds[1]);
    expect(json.document.map((r) => r.service_request_id)).not.toContain(caseIds[0]);
    const xml = await open311('xml').requests(window);
    expect(xml.document).toEqual(json.document);
  });

  it('follows a request round the loop: filed, dispatched to a department by a deadline, extended, reworked, closed', async () => {
    const client = open311('json');
    const created = await create(client, newRequest());
    const { id } = created;
    await stack.service('intake').post(`/api/v1/cases/${id}/filing`, { decision: 'file' }, bearer('chief'));

    const dispatched = await whenRequest(id, (r) => r.status_notes === 'dispatched', 'the dispatch');
    const department = district.pack.departments.find((d) => d.name === dispatched.agency_responsible)!;
    expect(department).toBeDefined();
    const crew = bearer('department', department.id);
    const views = loopViews(stack);
    const order = await views.orderOf(id, crew);
    expect(dispatched).toMatchObject({ status: 'open', agency_responsible: department.name });
    expect(Date.parse(dispatched.expected_datetime!)).toBe(Date.parse(order.deadlineAt));

    // An extension (延期) approved moves the expected time to the new deadline.
    const disposal = stack.service('disposal');
    const dispatch = stack.service('dispatch');
    const dispatcher = bearer('dispatcher');
    await disposal.post(`/api/v1/orders/${order.orderId}/sign`, {}, crew);
    await whenRequest(id, (r) => r.status_notes === 'signed', 'the order signed');
    await disposal.post(
      `/api/v1/orders/${order.orderId}/extension-requests`,
      { hours: 8, reason: '需协调产权单位' },
      crew,
    );
    const { body: queue } = await waitFor(
      () =>
        dispatch.get<{ items: { requestId: string; orderId: string }[] }>('/api/v1/extensions', dispatcher),
      (r) => r.body.items.some((x) => x.orderId === order.orderId),
      { what: 'the extension request' },
    );
    const { requestId } = queue.items.find((x) => x.orderId === order.orderId)!;
    const extended = await dispatch.post<{ deadlineAt: string }>(
      `/api/v1/extensions/${requestId}/decision`,
      { approve: true },
      dispatcher,
    );
    expect(extended.status).toBe(200);
    await whenRequest(
      id,
      (r) => Date.parse(r.expected_datetime ?? '') === Date.parse(extended.body.deadlineAt),
      'the expected time moved by the extension',
    );

    await disposal.post(`/api/v1/orders/${order.orderId}/disposal`, { notes: '已清理' }, crew);
    await whenRequest(id, (r) => r.status_notes === 'disposed', 'the disposal');
    const patroller = bearer('patroller');
    const verification = stack.service('verification');
    const firstCheck = await views.openCheckOf(id, patroller);
    await verification.post(
      `/api/v1/verifications/${firstCheck.verificationId}/result`,
      { passed: false, notes: '仍有垃圾' },
      patroller,
    );
    const reworked = await whenRequest(id, (r) => r.status_notes === 'rework', 'the rework');
    expect(reworked.status).toBe('open');

    await disposal.post(`/api/v1/orders/${order.orderId}/disposal`, { notes: '二次清理完毕' }, crew);
    const secondCheck = await waitFor(
      () => views.openCheckOf(id, patroller),
      (c) => c.verificationId !== firstCheck.verificationId,
      { what: 'a second check' },
    );
    await verification.post(
      `/api/v1/verifications/${secondCheck.verificationId}/result`,
      { passed: true },
      patroller,
    );
    const closed = await whenRequest(id, (r) => r.status === 'closed', 'the closure');
    expect(closed).toMatchObject({ status_notes: 'closed', agency_responsible: department.name });
    expect(Date.parse(closed.updated_datetime!)).toBeGreaterThanOrEqual(
      Date.parse(dispatched.updated_datetime!),
    );
    expect(await requestOf(open311('xml'), id)).toEqual(closed);
  });

  it('joins a report of the same problem nearby to the open request: the same id, a token of its own', async () => {
    const client = open311('xml');
    const first = newRequest();
    const created = await create(client, first);
    // About 50 m north, the same service.
    const nearby = { ...first, lat: String(Number(first.lat) + 50 / 111_195), description: 'still there' };
    const joined = await create(client, nearby);
    expect(joined.id).toBe(created.id);
    expect(joined.token).not.toBe(created.token);
    expect(joined.notice).toContain(created.id);
    expect((await client.token(joined.token)).document).toEqual([
      { service_request_id: created.id, token: joined.token },
    ]);
    expect((await requestOf(client, created.id)).description).toBe(first.description); // the first report's
  });

  it('answers a retry with the same Idempotency-Key with the first answer, filing one report', async () => {
    const client = open311('json');
    const args = newRequest();
    const headers = { 'idempotency-key': 'open311-retry-1' };
    const before = await intakeEvents();
    const first = await client.createRequest(args, { headers });
    const retry = await client.createRequest(args, { headers });
    expect(retry.document).toEqual(first.document);
    expect(await intakeEvents()).toBe(before + 1);
  });
});

describe('Open311 rate limits', () => {
  let small: TestStack;

  beforeAll(async () => {
    small = await TestStack.create('open311-limits', ['intake'], {
      OPEN311_READS_PER_MINUTE: '5',
      OPEN311_POSTS_PER_MINUTE: '2',
    });
    await small.start();
  }, 120_000);

  afterAll(async () => {
    await small?.stop();
  }, 60_000);

  it('counts new requests per api_key and every call per address, answering 429 with Retry-After', async () => {
    const client = new Open311Client(
      `${small.service('intake').url}/open311/v2`,
      'xml',
      requireSpecDocuments,
    );
    const post = () => client.createRequest(newRequest());
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const third = await post();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorsOf(third)[0]).toMatchObject({ code: 429 });
    expect(await countRows(small, 'intake.events')).toBe(2);

    // Five calls a minute from one address: three POSTs so far, two GETs more, then no more.
    expect((await client.discovery()).status).toBe(200);
    expect((await client.services()).status).toBe(200);
    const sixth = await client.discovery();
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
