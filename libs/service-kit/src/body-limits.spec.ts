import { bodyProblem } from './body-limits';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('bodyProblem: what no request body may hold', () => {
  it('lets ordinary bodies, scalars and any Unicode text through', () => {
    expect(bodyProblem({ location: { lat: 31.2, lng: 121.4 }, evidenceIds: ['x'] })).toBeNull();
    expect(bodyProblem({ description: "路边堆放垃圾 😀𠜎 <script> ' OR 1=1 \u202e" })).toBeNull();
    expect(bodyProblem('text')).toBeNull();
    expect(bodyProblem(undefined)).toBeNull();
    expect(bodyProblem({ a: nested(15) }, 16)).toBeNull();
  });

  it('names the top-level field that nests too deep, without recursing', () => {
    expect(bodyProblem({ categoryCode: '1102', location: { lng: nested(16) } }, 16)).toMatchObject({
      field: 'location',
      code: 'REQUEST.TOO_DEEP',
    });
    expect(bodyProblem({ description: nested(500_000) })?.field).toBe('description');
    expect(bodyProblem([[[[1]]]], 2)).toMatchObject({ field: '0', code: 'REQUEST.TOO_DEEP' });
  });

  it('refuses text Postgres cannot store: a NUL, a lone surrogate, in a value or a field name', () => {
    for (const body of [
      { description: 'a\u0000b' },
      { reporter: { name: '\ud800x' } },
      { description: 'x\udc00' },
      { tags: ['ok', 'end\ud83d'] },
      { reporter: { 'bad\u0000key': 1 } },
    ]) {
      expect(bodyProblem(body)).toMatchObject({
        field: Object.keys(body)[0],
        code: 'REQUEST.UNSTORABLE_TEXT',
      });
    }
  });
});
