import { intersectionAreaSquareMetres, planarIntersectionArea } from './intersection-area';
import type { XY } from './local-projection';
import { polygonAreaSquareMetres } from './polygon-area';
import type { PolygonCoordinates } from './position';

const box = (x0: number, y0: number, x1: number, y1: number): XY[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

describe('planarIntersectionArea', () => {
  it('measures the overlap of two squares half a side apart: 0.5', () => {
    expect(planarIntersectionArea([box(0, 0, 1, 1)], [box(0.5, 0, 1.5, 1)])).toBeCloseTo(0.5, 12);
  });

  it('gives neighbours that share an edge no overlap, and a square with itself its area', () => {
    expect(planarIntersectionArea([box(0, 0, 1, 1)], [box(1, 0, 2, 1)])).toBe(0);
    expect(planarIntersectionArea([box(0, 0, 1, 1)], [box(0, 0, 1, 1)])).toBeCloseTo(1, 12);
  });

  it('handles a concave L against a square over its notch: only the arm counts', () => {
    const L: XY[] = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
    ];
    // The square [0.5, 1.5]² meets the L in three of its quarters.
    expect(planarIntersectionArea([L], [box(0.5, 0.5, 1.5, 1.5)])).toBeCloseTo(0.75, 12);
  });

  it('leaves holes out and counts crossing diagonals exactly', () => {
    const withHole = [box(0, 0, 4, 4), box(1, 1, 3, 3)];
    expect(planarIntersectionArea(withHole, [box(1.5, 1.5, 2.5, 2.5)])).toBe(0);
    expect(planarIntersectionArea(withHole, [box(0, 0, 4, 4)])).toBeCloseTo(12, 12);
    const diamond: XY[] = [
      [1, 0],
      [2, 1],
      [1, 2],
      [0, 1],
    ];
    expect(planarIntersectionArea([diamond], [box(0, 0, 1, 1)])).toBeCloseTo(0.5, 12);
  });
});

describe('intersectionAreaSquareMetres', () => {
  it('gives a polygon its own area and a disjoint one none', () => {
    const cell: PolygonCoordinates = [
      [
        [121.47, 31.23],
        [121.471, 31.23],
        [121.4712, 31.2308],
        [121.47, 31.231],
        [121.47, 31.23],
      ],
    ];
    const far: PolygonCoordinates = [cell[0].map(([lng, lat]) => [lng + 0.01, lat] as [number, number])];
    const area = polygonAreaSquareMetres(cell);
    expect(Math.abs(intersectionAreaSquareMetres(cell, cell) - area) / area).toBeLessThan(1e-3);
    expect(intersectionAreaSquareMetres(cell, far)).toBe(0);
  });
});
