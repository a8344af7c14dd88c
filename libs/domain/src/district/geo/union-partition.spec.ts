import type { PolygonCoordinates, Position } from './position';
import { openRing, planarSignedArea } from './ring';
import { unionOfPartition } from './union-partition';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonCoordinates => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const has = (polygon: PolygonCoordinates, p: Position) =>
  polygon[0].some((q) => q[0] === p[0] && q[1] === p[1]);

describe('unionOfPartition', () => {
  it('outlines four squares as one 2 × 2 square, dropping the inner centre', () => {
    const union = unionOfPartition([rect(0, 0, 1, 1), rect(1, 0, 2, 1), rect(0, 1, 1, 2), rect(1, 1, 2, 2)]);
    expect(union).toHaveLength(1);
    expect(planarSignedArea(union[0])).toBe(4);
    expect(openRing(union[0])).toHaveLength(8);
    expect(has(union, [1, 1])).toBe(false);
  });

  it('outlines an L with its notch, running counter-clockwise', () => {
    const union = unionOfPartition([rect(0, 0, 1, 1), rect(1, 0, 2, 1), rect(0, 1, 1, 2)]);
    expect(planarSignedArea(union[0])).toBe(3);
    expect(has(union, [1, 1])).toBe(true);
  });

  it('cancels an edge that the neighbour splits with a vertex (a T-junction)', () => {
    const union = unionOfPartition([rect(0, 0, 2, 1), rect(0, 1, 1, 2), rect(1, 1, 2, 2)]);
    expect(union).toHaveLength(1);
    expect(planarSignedArea(union[0])).toBe(4);
  });

  it('keeps an enclave’s outline as a hole when the enclave is not part of the union', () => {
    const ring = [rect(0, 0, 3, 3)[0], [...rect(1, 1, 2, 2)[0]].reverse()];
    expect(unionOfPartition([ring])).toHaveLength(2);
    expect(unionOfPartition([ring, rect(1, 1, 2, 2)])).toHaveLength(1);
  });

  it('refuses pieces apart, pieces touching at a corner, and overlaps', () => {
    expect(() => unionOfPartition([rect(0, 0, 1, 1), rect(2, 0, 3, 1)])).toThrow(/2 separate regions/);
    expect(() => unionOfPartition([rect(0, 0, 1, 1), rect(1, 1, 2, 2)])).toThrow(/touches itself/);
    expect(() => unionOfPartition([rect(0, 0, 1, 1), rect(0, 0, 1, 1)])).toThrow(/overlap/);
  });
});
