import type { BuildPackInput, CommunityProperties, PolygonFeature } from './build/build-input';
import { buildPack } from './build-pack';
import type { DistrictPack } from './district-pack';
import { DistrictPackError } from './district-pack-error';
import { distanceToBoundaryMetres } from './geo/distance-to-boundary';
import { intersectionAreaSquareMetres } from './geo/intersection-area';
import { localProjection } from './geo/local-projection';
import { pointInPolygon } from './geo/point-in-polygon';
import { polygonAreaSquareMetres } from './geo/polygon-area';
import type { LatLng, PolygonCoordinates, Position } from './geo/position';
import { roundPosition } from './geo/ring';
import { createLocator } from './locate';
import { sampleCatalogue, sampleInput } from './testing/sample-district';
import { validatePack } from './validate-pack';

const projection = localProjection([121.47, 31.23]);
const at = (x: number, y: number): Position => roundPosition(projection.toPosition([x, y]), 6);
const point = (x: number, y: number): LatLng => {
  const [lng, lat] = projection.toPosition([x, y]);
  return { lat, lng };
};

/** A community drawn in metres east and north of (121.47, 31.23), edges deliberately off the grid. */
function community(
  corners: [number, number][],
  streetId: string,
  communityName: string,
): PolygonFeature<CommunityProperties> {
  const ring = corners.map(([x, y]) => at(x, y));
  return {
    type: 'Feature',
    properties: {
      streetId,
      streetName: '丙街道',
      streetNameEn: 'Bing',
      communityName,
      communityNameEn: communityName,
    },
    geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
  };
}

const build = (features: PolygonFeature<CommunityProperties>[]): DistrictPack =>
  buildPack({ communities: { type: 'FeatureCollection', features }, catalogue: sampleCatalogue() });

/** The brief's acceptance test for the grid: cells add up to the street and none leaves it. */
function expectCellsTileTheStreet(pack: DistrictPack) {
  const [street] = pack.streets;
  const streetArea = polygonAreaSquareMetres(street.polygon);
  const cellArea = pack.cells.reduce((sum, cell) => sum + polygonAreaSquareMetres(cell.polygon), 0);
  expect(Math.abs(cellArea - streetArea) / streetArea).toBeLessThan(0.001);
  for (const cell of pack.cells) {
    const area = polygonAreaSquareMetres(cell.polygon);
    // A vertex rounded to 6 decimals moves up to 7 cm off a slanted boundary: a few m² at most.
    expect(area - intersectionAreaSquareMetres(cell.polygon, street.polygon)).toBeLessThan(5);
    for (const vertex of cell.polygon[0]) {
      const inside =
        pointInPolygon(vertex, street.polygon) || distanceToBoundaryMetres(vertex, street.polygon) < 0.1;
      expect(inside).toBe(true);
    }
  }
}

describe('buildPack', () => {
  describe('on the grid-aligned sample district', () => {
    const pack = buildPack(sampleInput());

    it('cuts 3 × 3, 3 × 3 and 6 × 2 whole squares of 10,000 m²', () => {
      const count = (communityId: string) => pack.cells.filter((c) => c.communityId === communityId).length;
      expect([count('310199001001'), count('310199001002'), count('310199002001')]).toEqual([9, 9, 12]);
      // Corners rounded to 6 decimals (~0.1 m) leave each side within 0.1% of 100 m.
      for (const cell of pack.cells)
        expect(Math.abs(polygonAreaSquareMetres(cell.polygon) - 10_000)).toBeLessThan(25);
    });

    it('numbers cells per community north to south, west to east', () => {
      const a1 = pack.cells.filter((c) => c.communityId === '310199001001');
      expect(a1.map((c) => c.code)).toEqual(
        Array.from({ length: 9 }, (_, i) => `310199001001${String(i + 1).padStart(3, '0')}`),
      );
      // 001 is the north-west square, 003 north-east, 007 south-west.
      const [west001, north001] = a1[0].centroid;
      const [east003] = a1[2].centroid;
      const [, south007] = a1[6].centroid;
      expect(east003).toBeGreaterThan(west001);
      expect(south007).toBeLessThan(north001);
    });

    it('outlines each street as the union of its communities', () => {
      expect(pack.streets.map((s) => [s.id, s.name])).toEqual([
        ['310199001', '甲街道'],
        ['310199002', '乙街道'],
      ]);
      expect(polygonAreaSquareMetres(pack.streets[0].polygon)).toBeCloseTo(180_000, -2);
      expect(validatePack(pack)).toEqual([]);
    });

    it('carries the catalogue over and reports progress', () => {
      const messages: string[] = [];
      const built = buildPack(sampleInput(), { onProgress: (m) => messages.push(m) });
      expect(built.categories).toEqual(sampleCatalogue().categories);
      expect(built.responsibility).toEqual(sampleCatalogue().responsibility);
      expect(messages[0]).toBe('2 streets, 3 communities');
      expect(messages).toContain('community 310199001001 甲一社区: 9 cells');
      expect(messages[messages.length - 1]).toBe('30 cells of about 100 m');
    });
  });

  it('tiles a concave L-shaped street made of two communities', () => {
    const pack = build([
      community(
        [
          [0, 0],
          [820, 0],
          [835, 390],
          [430, 405],
          [5, 400],
        ],
        '310199002',
        '丙一社区',
      ),
      community(
        [
          [5, 400],
          [430, 405],
          [415, 870],
          [0, 860],
        ],
        '310199002',
        '丙二社区',
      ),
    ]);
    expect(pack.streets).toHaveLength(1);
    expect(pack.communities.map((c) => c.id)).toEqual(['310199002001', '310199002002']);
    // The L is about 820 × 400 + 420 × 465 m.
    expect(polygonAreaSquareMetres(pack.streets[0].polygon)).toBeGreaterThan(500_000);
    expectCellsTileTheStreet(pack);
    const locator = createLocator(pack);
    expect(locator.locate(point(650, 650))).toBeNull(); // in the notch of the L
    expect(locator.locate(point(200, 700))?.communityId).toBe('310199002002');
    expect(locator.locate(point(700, 200))?.communityId).toBe('310199002001');
    expect(validatePack(pack)).toEqual([]);
  });

  it('tiles a U-shaped street of one community, whose arms share grid squares', () => {
    const pack = build([
      community(
        [
          [0, 0],
          [900, 0],
          [905, 700],
          [640, 710],
          [630, 250],
          [280, 240],
          [270, 690],
          [0, 700],
        ],
        '310199002',
        '丙一社区',
      ),
    ]);
    expectCellsTileTheStreet(pack);
    expect(createLocator(pack).locate(point(450, 500))).toBeNull(); // between the arms
    expect(validatePack(pack)).toEqual([]);
  });

  it('numbers streets in order of appearance and communities in file order when ids are not given', () => {
    const input = sampleInput();
    for (const feature of input.communities.features) delete feature.properties.streetId;
    input.communities.features[1].properties.communityId = '310199001001';
    input.catalogue.departments = input.catalogue.departments.filter((d) => d.kind === 'department');
    input.catalogue.responsibility = [];
    const pack = buildPack(input);
    expect(pack.communities.map((c) => [c.id, c.name])).toEqual([
      ['310199001002', '甲一社区'],
      ['310199001001', '甲二社区'],
      ['310199002001', '乙一社区'],
    ]);
  });

  it('lists every problem of the input at once, naming the feature', () => {
    const input: BuildPackInput = sampleInput();
    const [first, second] = input.communities.features;
    (first.geometry as { type: string }).type = 'MultiPolygon';
    second.properties.streetId = '31019900X';
    delete (second.properties as Partial<CommunityProperties>).communityNameEn;
    let error: unknown;
    try {
      buildPack(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DistrictPackError);
    const problems = (error as DistrictPackError).problems;
    expect(problems).toContain('community feature 0 (甲一社区): is a MultiPolygon, not a Polygon');
    expect(problems).toContain(
      'community feature 1: streetId "31019900X" is not 9 digits starting with 310199',
    );
    expect(problems).toContain('community feature 1: property communityNameEn is missing');
  });

  it('asks for street outlines when communities do not meet edge to edge, and takes them', () => {
    const input = sampleInput();
    // Shift 甲二 10 m east: a gap opens between the two communities of 甲街道.
    const shift = (polygon: PolygonCoordinates): PolygonCoordinates =>
      polygon.map((ring) => ring.map(([lng, lat]) => roundPosition([lng + 0.000105, lat], 6)));
    const moved = input.communities.features[1];
    moved.geometry.coordinates = shift(moved.geometry.coordinates);
    expect(() => buildPack(input)).toThrow(/甲街道.*give street outlines separately/);

    const outline = (feature: PolygonFeature<CommunityProperties>) => ({
      type: 'Feature' as const,
      properties: { streetId: feature.properties.streetId, streetName: feature.properties.streetName },
      geometry: feature.geometry,
    });
    const [a1, , b1] = input.communities.features;
    const pack = buildPack({
      ...input,
      streets: { type: 'FeatureCollection', features: [outline(a1), outline(b1)] },
    });
    expect(pack.streets[0].polygon).toEqual(a1.geometry.coordinates);
    // The outline given leaves 甲二 out, which validation then reports.
    expect(validatePack(pack).join('\n')).toMatch(
      /community 310199001002: .* lies outside its street 310199001/,
    );
  });
});
