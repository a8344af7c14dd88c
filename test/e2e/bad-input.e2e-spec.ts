import { waitFor } from '@cityloop/testing';
import { bearer, countRows, reportBody, TestStack, tokenFor } from '../support/service-processes';

/**
 * Bad input, case by case (docs/RELIABILITY.md; the generated bodies are in test/faults): each kind
 * of bad field answered 400 with the field named, a valid point outside the district 422, hostile
 * text stored as it came and given back as text; nothing stored from a refused call. (Unknown
 * fields, malformed JSON, bodies over 1 MB: report-to-projection.e2e-spec.ts; uploads of the wrong
 * type or size: closed-loop.e2e-spec.ts.)
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.create('bad-input', ['intake', 'dispatch', 'disposal']);
  await stack.start();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

interface Refusal {
  code: string;
  details?: { field: string; problems?: string[] }[];
}

const report = (changes: Record<string, unknown>, as = bearer('operator')) =>
  stack
    .service('intake')
    .post<Refusal & { caseId: string }>('/api/v1/reports', { ...reportBody(1), ...changes }, as);

const refusedFields = (body: Refusal) => (body.details ?? []).map((d) => d.field).sort();

describe('bad input', () => {
  it('answers each kind of bad field with 400 and the field named, a place outside the district with 422, and stores nothing', async () => {
    const before = await countRows(stack, 'intake.events');
    // 5,000 levels, as text: too deep for JSON.stringify here, as it would be for validation there.
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const withDeepLocation = JSON.stringify({ ...reportBody(1), location: 'DEEP' }).replace('"DEEP"', deep);
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString();

    const cases: [string, Promise<{ status: number; body: Refusal }>, number, string, string[]][] = [
      [
        'latitude out of range',
        report({ location: { lat: 91, lng: 121.47 } }),
        400,
        'REQUEST.INVALID',
        ['location.lat'],
      ],
      [
        'coordinates as text',
        report({ location: { lat: '31.2', lng: 'east' } }),
        400,
        'REQUEST.INVALID',
        ['location.lat', 'location.lng'],
      ],
      [
        'a point without a longitude',
        report({ location: { lat: 31.2 } }),
        400,
        'REQUEST.INVALID',
        ['location.lng'],
      ],
      [
        'a point far from the district',
        report({ location: { lat: 39.9, lng: 116.4 } }),
        422,
        'LOCATION.OUTSIDE_DISTRICT',
        ['location'],
      ],
      [
        'an onset in the future',
        report({ onsetAt: nextYear }),
        400,
        'REPORT.ONSET_AFTER_REPORT',
        ['onsetAt'],
      ],
      [
        'an absurd onset',
        report({ onsetAt: '1900-01-01T00:00:00Z' }),
        400,
        'REPORT.ONSET_TOO_EARLY',
        ['onsetAt'],
      ],
      [
        'a date that is no date',
        report({ onsetAt: '2026-02-30T10:00:00Z' }),
        400,
        'REQUEST.INVALID',
        ['onsetAt'],
      ],
      [
        'a business time in the future',
        report({ occurredAt: nextYear }, bearer('importer')),
        400,
        'REQUEST.INVALID',
        ['occurredAt'],
      ],
      [
        'a business time from a person',
        report({ occurredAt: new Date().toISOString() }),
        403,
        'AUTH.BUSINESS_TIME_FORBIDDEN',
        [],
      ],
      [
        'an oversize description',
        report({ description: '长'.repeat(4_001) }),
        400,
        'REQUEST.INVALID',
        ['description'],
      ],
      [
        'an oversize name',
        report({ reporter: { name: 'x'.repeat(101) } }),
        400,
        'REQUEST.INVALID',
        ['reporter.name'],
      ],
      [
        'deep nesting',
        stack
          .service('intake')
          .post<Refusal & { caseId: string }>('/api/v1/reports', withDeepLocation, bearer('operator')),
        400,
        'REQUEST.TOO_DEEP',
        ['location'],
      ],
      [
        'a NUL in the text',
        report({ description: 'before\u0000after' }),
        400,
        'REQUEST.UNSTORABLE_TEXT',
        ['description'],
      ],
      [
        'a lone surrogate',
        report({ addressText: 'x\ud800' }),
        400,
        'REQUEST.UNSTORABLE_TEXT',
        ['addressText'],
      ],
      ['an unknown urgency', report({ urgency: 'yesterday' }), 400, 'REQUEST.INVALID', ['urgency']],
      [
        'a body that is not an object',
        stack
          .service('intake')
          .post<Refusal & { caseId: string }>('/api/v1/reports', '[1,2,3]', bearer('operator')),
        400,
        'REQUEST.INVALID',
        [],
      ],
    ];
    const wrong: string[] = [];
    for (const [what, answer, status, code, fields] of cases) {
      const { status: gotStatus, body } = await answer;
      const got = { status: gotStatus, code: body.code, fields: fields.length ? refusedFields(body) : [] };
      if (JSON.stringify(got) !== JSON.stringify({ status, code, fields }))
        wrong.push(`${what}: ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
    expect(await countRows(stack, 'intake.events')).toBe(before);
  });

  it('takes a field sent as null as not sent: an optional one is absent, a required one missing', async () => {
    const absent = await report({
      onsetAt: null,
      urgency: null,
      reporter: { name: null, phone: '13800138000' },
    });
    expect(absent.status).toBe(201);
    const missing = await report({ description: null });
    expect(missing.status).toBe(400);
    expect(refusedFields(missing.body)).toEqual(['description']);
  });

  it('stores hostile text exactly as it came and gives it back as text, in JSON and over Open311', async () => {
    const hostile = `'; DROP TABLE intake.events; -- <script>alert(1)</script> <img src=x onerror=alert(1)> \${jndi:ldap://x/a} {{7*7}} 😀𠜎 \u202e`;
    const created = await report(
      // A place of its own: a report in the cell of an open case would join that case.
      {
        source: 'patrol',
        location: reportBody(77).location,
        description: hostile,
        addressText: `${hostile} 1号`,
      },
      bearer('patroller'),
    );
    expect(created.status).toBe(201);
    const { body } = await waitFor(
      () =>
        stack
          .service('disposal')
          .get<{ items: { brief?: { description: string; addressText: string } }[] }>(
            `/api/v1/orders?caseId=${created.body.caseId}`,
            bearer('importer'),
          ),
      (r) => r.body.items[0]?.brief !== undefined,
      { what: 'the order with its brief' },
    );
    expect(body.items[0].brief).toMatchObject({ description: hostile, addressText: `${hostile} 1号` });
    const open311 = await fetch(
      `${stack.service('intake').url}/open311/v2/requests/${created.body.caseId}.json?api_key=${tokenFor('open311')}`,
    );
    expect(open311.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await open311.json()) as { description: string }[])[0].description).toBe(hostile);
    expect(await countRows(stack, 'intake.events', `payload->>'description' = $$${hostile}$$`)).toBe(1);
  });
});
