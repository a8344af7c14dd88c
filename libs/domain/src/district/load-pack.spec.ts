import { DistrictPackError } from './district-pack-error';
import { loadPack } from './load-pack';
import { samplePack } from './testing/sample-district';

function problemsOf(json: unknown): string[] {
  try {
    loadPack(json);
  } catch (error) {
    expect(error).toBeInstanceOf(DistrictPackError);
    return (error as DistrictPackError).problems;
  }
  throw new Error('loadPack accepted the pack');
}

describe('loadPack', () => {
  it('takes a sound pack as text or as parsed JSON', () => {
    const pack = samplePack();
    expect(loadPack(JSON.stringify(pack))).toEqual(pack);
    expect(loadPack(pack)).toBe(pack);
  });

  it('reads a missing list of overrides as none', () => {
    const { responsibility: _, ...withoutOverrides } = samplePack();
    expect(loadPack(withoutOverrides).responsibility).toEqual([]);
  });

  it('refuses text that is not JSON, and JSON that is not a pack', () => {
    expect(problemsOf('{"district":')[0]).toMatch(/^pack: not JSON/);
    expect(problemsOf([])).toEqual(['pack: not a JSON object']);
    expect(problemsOf({ district: {}, calendar: { workingHours: [] }, cells: [1] })).toEqual([
      'pack: departments is not a list',
      'pack: categories is not a list',
      'pack: streets is not a list',
      'pack: communities is not a list',
      'pack: cells[0] is not an object',
    ]);
  });

  it('lists every problem of an invalid pack in the error, naming the items', () => {
    const pack = structuredClone(samplePack());
    pack.cells[0].code = '1';
    pack.categories[0].defaultDepartmentId = 'nobody';
    const problems = problemsOf(pack);
    expect(problems).toContain('cell 1: code is not 15 digits');
    expect(problems).toContain('category 0101 (井盖缺失): unknown default department nobody');
    expect(() => loadPack(pack)).toThrow(
      /invalid district pack \(\d+ problems\):\n {2}- cell 1: code is not 15 digits/,
    );
  });
});
