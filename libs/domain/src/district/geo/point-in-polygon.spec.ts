import { polygonCentroid } from './centroid';
import { interiorPoint } from './interior-point';
import { pointInPolygon } from './point-in-polygon';
import type { PolygonCoordinates } from './position';

// An L: the unit squares (0,0), (1,0) and (0,1); the notch (1,1) is outside.
const L: PolygonCoordinates = [
  [
    [0, 0],
    [2, 0],
    [2, 1],
    [1, 1],
    [1, 2],
    [0, 2],
    [0, 0],
  ],
];

describe('pointInPolygon', () => {
  it('finds points in both arms of a concave L and none in its notch', () => {
    expect(pointInPolygon([0.5, 1.5], L)).toBe(true);
    expect(pointInPolygon([1.5, 0.5], L)).toBe(true);
    expect(pointInPolygon([1.5, 1.5], L)).toBe(false);
    expect(pointInPolygon([3, 0.5], L)).toBe(false);
  });

  it('leaves out a hole', () => {
    const withHole: PolygonCoordinates = [
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
      [
        [1, 1],
        [1, 3],
        [3, 3],
        [3, 1],
        [1, 1],
      ],
    ];
    expect(pointInPolygon([2, 2], withHole)).toBe(false);
    expect(pointInPolygon([0.5, 2], withHole)).toBe(true);
  });

  it('gives a point on an edge shared by two squares to exactly one of them', () => {
    const left: PolygonCoordinates = [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ];
    const right: PolygonCoordinates = [
      [
        [1, 0],
        [2, 0],
        [2, 1],
        [1, 1],
        [1, 0],
      ],
    ];
    for (const point of [
      [1, 0.5],
      [1, 0.25],
    ] as [number, number][]) {
      expect(Number(pointInPolygon(point, left)) + Number(pointInPolygon(point, right))).toBe(1);
    }
  });
});

describe('polygonCentroid and interiorPoint', () => {
  it('puts the L’s centroid at (5/6, 5/6), the mean of its three unit squares', () => {
    const [x, y] = polygonCentroid(L);
    expect(x).toBeCloseTo(5 / 6, 12);
    expect(y).toBeCloseTo(5 / 6, 12);
  });

  it('finds a point inside a U whose centroid lies in the gap', () => {
    const U: PolygonCoordinates = [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 0.5],
        [1, 0.5],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ];
    expect(pointInPolygon(polygonCentroid(U), U)).toBe(false);
    const inside = interiorPoint(U);
    expect(inside).not.toBeNull();
    expect(pointInPolygon(inside!, U)).toBe(true);
  });
});
