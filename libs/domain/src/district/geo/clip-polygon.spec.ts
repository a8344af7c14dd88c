import { clipPolygonToConvex, clipRingToConvex } from './clip-polygon';
import { pointInPolygon } from './point-in-polygon';
import type { Ring } from './position';
import { planarSignedArea, withoutSpikes } from './ring';

const unitSquare: Ring = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe('clipRingToConvex (Sutherland–Hodgman)', () => {
  it('cuts the corner a triangle leaves: 1 − ½·0.5² = 0.875', () => {
    const triangle: Ring = [
      [0, 0],
      [1.5, 0],
      [0, 1.5],
      [0, 0],
    ];
    expect(planarSignedArea(clipRingToConvex(triangle, unitSquare))).toBeCloseTo(0.875, 12);
  });

  it('keeps a ring inside the clip whole and drops one outside', () => {
    const small: Ring = [
      [0.25, 0.25],
      [0.75, 0.25],
      [0.75, 0.75],
      [0.25, 0.25],
    ];
    expect(clipRingToConvex(small, unitSquare)).toEqual(small.slice(0, 3));
    expect(
      clipRingToConvex(
        small.map(([x, y]) => [x + 5, y] as [number, number]),
        unitSquare,
      ),
    ).toEqual([]);
  });

  it('works whichever way the clip runs', () => {
    const clockwise = [...unitSquare].reverse();
    const big: Ring = [
      [-1, -1],
      [2, -1],
      [2, 2],
      [-1, 2],
    ];
    expect(planarSignedArea(clipRingToConvex(big, clockwise))).toBeCloseTo(1, 12);
  });

  it('clips a concave U crossing the square twice to its two arms, joined by a seam of no area', () => {
    const U: Ring = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
    ];
    const band: Ring = [
      [0, 2],
      [3, 2],
      [3, 3],
      [0, 3],
    ];
    const piece = clipPolygonToConvex([U], band)!;
    expect(planarSignedArea(piece[0])).toBeCloseTo(2, 12);
    expect(pointInPolygon([0.5, 2.5], piece)).toBe(true);
    expect(pointInPolygon([2.5, 2.5], piece)).toBe(true);
    expect(pointInPolygon([1.5, 2.5], piece)).toBe(false);
  });

  it('gives two neighbours the same crossing on their shared slanted edge, bit for bit', () => {
    const clip: Ring = [
      [0.1, 0.1],
      [0.7, 0.1],
      [0.7, 0.7],
      [0.1, 0.7],
    ];
    const west: Ring = [
      [0, 0],
      [0.31, 0],
      [0.53, 1],
      [0, 1],
    ];
    const east: Ring = [
      [0.31, 0],
      [1, 0],
      [1, 1],
      [0.53, 1],
    ];
    const key = (ring: Ring) => new Set(ring.map((p) => p.join(',')));
    const shared = [...key(clipRingToConvex(west, clip))].filter((p) =>
      key(clipRingToConvex(east, clip)).has(p),
    );
    expect(shared).toHaveLength(2);
  });

  it('clips holes with the exterior and drops the ones it misses', () => {
    const outer: Ring = [
      [-2, -2],
      [2, -2],
      [2, 2],
      [-2, 2],
      [-2, -2],
    ];
    const hole: Ring = [
      [-1.5, -1.5],
      [-1.5, -1],
      [-1, -1],
      [-1, -1.5],
      [-1.5, -1.5],
    ];
    const centred: Ring = [
      [-0.5, -0.5],
      [0.5, -0.5],
      [0.5, 0.5],
      [-0.5, 0.5],
      [-0.5, -0.5],
    ];
    expect(clipPolygonToConvex([outer, hole], centred)).toHaveLength(1);
    expect(clipPolygonToConvex([hole], unitSquare)).toBeNull();
  });

  it('leaves no spike where a concave subject only touches the clip at a point', () => {
    // The west arm's top just touches y = 2 at (0, 2); only the east arm enters the band.
    const subject: Ring = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [0.5, 1.9],
      [0, 2],
    ];
    const band: Ring = [
      [0, 2],
      [3, 2],
      [3, 3],
      [0, 3],
    ];
    const piece = clipRingToConvex(subject, band);
    expect(planarSignedArea(piece)).toBeCloseTo(1, 12);
    expect(piece.every(([x]) => x >= 2)).toBe(true);
  });
});

describe('withoutSpikes', () => {
  it('drops a vertex where the outline runs out and straight back', () => {
    expect(
      withoutSpikes([
        [0, 0],
        [2, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
  });
});
