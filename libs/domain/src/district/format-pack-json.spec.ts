import * as babel from 'prettier/plugins/babel';
import * as estree from 'prettier/plugins/estree';
import { format } from 'prettier/standalone';
import { formatPackJson } from './format-pack-json';
import { samplePack } from './testing/sample-district';

/** What `prettier --write` makes of the file with the repository's .prettierrc. */
const prettier = (text: string) =>
  format(text, {
    parser: 'json',
    plugins: [babel, estree],
    printWidth: 110,
    singleQuote: true,
    trailingComma: 'all',
  });

describe('formatPackJson', () => {
  it('writes a pack exactly as Prettier would, so that a regenerated pack passes prettier --check', async () => {
    const text = formatPackJson(samplePack());
    expect(await prettier(text)).toBe(text);
  });

  it('matches Prettier on the awkward cases: long lists, filled numbers, wide characters, empties', async () => {
    const value = {
      empty: { list: [], object: {} },
      numbers: Array.from({ length: 60 }, (_, i) => i * 1.5),
      dates: Array.from({ length: 12 }, (_, i) => `2026-01-${String(i + 10)}`),
      short: ['a', 'b'],
      wide: ['街道街道街道街道街道街道街道街道街道街道', '社区社区社区社区社区社区社区社区社区社区', '网格'],
      nested: [[[1, 2]]],
      pairs: [
        [1, 2],
        [3, 4],
      ],
      mixed: [[1], [2, 3]],
      objects: [{ a: 1 }, { b: [] }],
      text: 'line "quoted" \\ back',
    };
    const text = formatPackJson(value);
    expect(await prettier(text)).toBe(text);
    expect(JSON.parse(text)).toEqual(value);
  });
});
