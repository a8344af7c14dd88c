import { METRES_PER_DEGREE } from './earth';
import { haversineMetres } from './haversine';
import { polygonAreaSquareMetres, ringAreaSquareMetres } from './polygon-area';
import type { PolygonCoordinates } from './position';

const square = (lng: number, lat: number, side: number): PolygonCoordinates => [
  [
    [lng, lat],
    [lng + side, lat],
    [lng + side, lat + side],
    [lng, lat + side],
    [lng, lat],
  ],
];

describe('haversineMetres', () => {
  it('measures a degree of latitude as πR/180 on the 6,371,008.8 m sphere', () => {
    expect(METRES_PER_DEGREE).toBeCloseTo(111_195.08, 2);
    expect(haversineMetres([0, 0], [0, 1])).toBeCloseTo(111_195.08, 2);
    expect(haversineMetres([121.47, 31.23], [121.47, 31.24])).toBeCloseTo(1_111.95, 2);
  });

  it('shrinks a degree of longitude with the cosine of the latitude', () => {
    // Half a degree at the equator, less the little the great circle cuts off the parallel.
    expect(haversineMetres([0, 60], [1, 60])).toBeCloseTo(55_597.0, 0);
  });

  it("puts Shanghai's People's Square about 1,068 km from Tiananmen", () => {
    expect(haversineMetres([121.4737, 31.2304], [116.3975, 39.9087]) / 1000).toBeCloseTo(1068.1, 1);
  });

  it('is zero from a point to itself and symmetric', () => {
    expect(haversineMetres([121.47, 31.23], [121.47, 31.23])).toBe(0);
    expect(haversineMetres([121.4, 31.2], [121.5, 31.3])).toBe(haversineMetres([121.5, 31.3], [121.4, 31.2]));
  });
});

describe('polygonAreaSquareMetres', () => {
  it('gives a 0.001° square at the equator (111.195 m)² = 12,364.3 m²', () => {
    expect(polygonAreaSquareMetres(square(0, 0, 0.001))).toBeCloseTo(12_364.35, 1);
  });

  it('halves it at 60° north', () => {
    expect(polygonAreaSquareMetres(square(0, 60, 0.001))).toBeCloseTo(6_182.08, 1);
  });

  it('measures a 100 m × 100 m square at Shanghai as 10,000 m²', () => {
    const dLat = 100 / METRES_PER_DEGREE;
    const dLng = 100 / (METRES_PER_DEGREE * Math.cos((31.23 * Math.PI) / 180));
    const polygon: PolygonCoordinates = [
      [
        [121.47, 31.23],
        [121.47 + dLng, 31.23],
        [121.47 + dLng, 31.23 + dLat],
        [121.47, 31.23 + dLat],
        [121.47, 31.23],
      ],
    ];
    expect(polygonAreaSquareMetres(polygon)).toBeCloseTo(10_000, -1);
  });

  it('signs a ring by its direction and subtracts holes whatever their direction', () => {
    const [outer] = square(0, 0, 0.002);
    const [inner] = square(0.0005, 0.0005, 0.001);
    expect(ringAreaSquareMetres(outer)).toBeGreaterThan(0);
    expect(ringAreaSquareMetres([...outer].reverse())).toBeCloseTo(-ringAreaSquareMetres(outer), 6);
    const base = polygonAreaSquareMetres(square(0, 0, 0.001));
    expect(polygonAreaSquareMetres([outer, inner])).toBeCloseTo(3 * base, -1);
    expect(polygonAreaSquareMetres([outer, [...inner].reverse()])).toBeCloseTo(3 * base, -1);
  });
});
