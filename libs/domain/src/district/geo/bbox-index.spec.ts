import { BBoxIndex } from './bbox-index';
import type { BBox } from './position';

describe('BBoxIndex', () => {
  // A 10 × 10 grid of unit boxes; box k covers [k % 10, k % 10 + 1] × [⌊k / 10⌋, ⌊k / 10⌋ + 1].
  const boxes: BBox[] = Array.from({ length: 100 }, (_, k) => [
    k % 10,
    Math.floor(k / 10),
    (k % 10) + 1,
    Math.floor(k / 10) + 1,
  ]);
  const index = BBoxIndex.build(boxes);

  it('finds the boxes holding a point, touching ones included', () => {
    expect(index.query([3.5, 2.5, 3.5, 2.5])).toEqual([23]);
    expect(index.query([4, 3, 4, 3])).toEqual([23, 24, 33, 34]);
  });

  it('finds a box’s eight neighbours and itself', () => {
    expect(index.query(boxes[55])).toEqual([44, 45, 46, 54, 55, 56, 64, 65, 66]);
  });

  it('grows the query by a tolerance and finds nothing far away', () => {
    expect(index.query([10.5, 0.5, 10.5, 0.5])).toEqual([]);
    expect(index.query([10.2, 0.5, 10.2, 0.5], 0.25)).toEqual([9]);
    expect(index.query([50, 50, 51, 51])).toEqual([]);
  });

  it('matches a linear scan for many random boxes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647), seed / 2147483647);
    for (let n = 0; n < 200; n++) {
      const x = random() * 12 - 1;
      const y = random() * 12 - 1;
      const query: BBox = [x, y, x + random() * 2, y + random() * 2];
      const expected = boxes.flatMap((b, k) =>
        b[0] <= query[2] && query[0] <= b[2] && b[1] <= query[3] && query[1] <= b[3] ? [k] : [],
      );
      expect(index.query(query)).toEqual(expected);
    }
  });
});
