import type { BuildPackInput, BuildPackOptions } from './build/build-input';
import { cutIntoCells } from './build/cut-cells';
import { featurePolygon, numberPlaces, type NumberedStreet } from './build/number-places';
import { squareGrid } from './build/square-grid';
import type { Community, DistrictPack, GridCell, Street } from './district-pack';
import { DistrictPackError } from './district-pack-error';
import { bboxOfPolygon, bboxUnion } from './geo/bbox';
import { polygonCentroid } from './geo/centroid';
import type { PolygonCoordinates } from './geo/position';
import { roundPosition } from './geo/ring';
import { unionOfPartition } from './geo/union-partition';
import { isRecord } from './validate/shape';

export type * from './build/build-input';

/** Each street's outline: from the streets collection when given, else its communities' union. */
function streetOutlines(
  input: BuildPackInput,
  streets: NumberedStreet[],
  decimals: number,
  problems: string[],
) {
  const outlines = new Map<string, PolygonCoordinates>();
  if (input.streets) {
    const features: unknown[] = Array.isArray(input.streets.features) ? input.streets.features : [];
    features.forEach((feature, index) => {
      const props = isRecord(feature) && isRecord(feature.properties) ? feature.properties : {};
      const street = streets.find(
        (s) => s.id === props.streetId || (props.streetId === undefined && s.name === props.streetName),
      );
      if (!street) {
        problems.push(`street feature ${index} (${String(props.streetName)}): no community belongs to it`);
        return;
      }
      const polygon = featurePolygon(feature, decimals);
      if (typeof polygon === 'string') problems.push(`street ${street.id} (${street.name}): ${polygon}`);
      else outlines.set(street.id, polygon);
    });
  }
  for (const street of streets) {
    if (outlines.has(street.id)) continue;
    if (input.streets) {
      problems.push(`street ${street.id} (${street.name}): no outline in the streets collection`);
      continue;
    }
    try {
      outlines.set(street.id, unionOfPartition(street.communities.map((c) => c.polygon)));
    } catch (error) {
      problems.push(
        `street ${street.id} (${street.name}): its communities do not tile it edge to edge (${(error as Error).message}); give street outlines separately`,
      );
    }
  }
  return outlines;
}

/**
 * A district pack from community boundaries and a catalogue. Streets are their communities'
 * outline (or given); a grid of cellSizeMetres squares is laid over the district's box and every
 * square is clipped against every community it meets, one cell per non-trivial piece, so the
 * cells tile the district and none belongs to two streets. Cells are numbered per community north
 * to south, west to east. Pure: no I/O; the result is not validated (validatePack does that).
 */
export function buildPack(input: BuildPackInput, options: BuildPackOptions = {}): DistrictPack {
  const cellSizeMetres = options.cellSizeMetres ?? 100;
  const minArea = options.minCellAreaSquareMetres ?? 1;
  const decimals = options.decimals ?? 6;
  const progress = options.onProgress ?? (() => undefined);
  const problems: string[] = [];

  const catalogue = isRecord(input.catalogue) ? input.catalogue : undefined;
  const districtCode = catalogue && isRecord(catalogue.district) ? catalogue.district.code : undefined;
  if (!catalogue || typeof districtCode !== 'string' || !/^\d{6}$/.test(districtCode)) {
    throw new DistrictPackError(['catalogue: district.code must be a 6-digit division code']);
  }
  for (const list of ['departments', 'categories'] as const) {
    if (!Array.isArray(catalogue[list])) problems.push(`catalogue: ${list} is not a list`);
  }
  if (!isRecord(catalogue.calendar)) problems.push('catalogue: calendar is missing');

  const numbered = numberPlaces(input.communities, districtCode, decimals, problems);
  const outlines = problems.length === 0 ? streetOutlines(input, numbered, decimals, problems) : new Map();
  if (problems.length > 0) throw new DistrictPackError(problems);

  const streets: Street[] = numbered.map((street) => ({
    id: street.id,
    name: street.name,
    nameEn: street.nameEn,
    polygon: outlines.get(street.id) as PolygonCoordinates,
  }));
  const communities: Community[] = numbered.flatMap((street) =>
    street.communities.map((community) => ({ ...community, streetId: street.id })),
  );
  progress(`${streets.length} streets, ${communities.length} communities`);

  const grid = squareGrid(
    bboxUnion(communities.map((community) => bboxOfPolygon(community.polygon))),
    cellSizeMetres,
    decimals,
  );
  const cells: GridCell[] = [];
  for (const community of communities) {
    const pieces = cutIntoCells(community.polygon, grid, minArea);
    if (pieces.length > 999)
      problems.push(`community ${community.id}: ${pieces.length} cells, more than 3 digits can number`);
    pieces.forEach((piece, i) =>
      cells.push({
        code: community.id + String(i + 1).padStart(3, '0'),
        communityId: community.id,
        streetId: community.streetId,
        polygon: piece.polygon,
        centroid: roundPosition(polygonCentroid(piece.polygon), decimals),
      }),
    );
    progress(`community ${community.id} ${community.name}: ${pieces.length} cells`);
  }
  if (problems.length > 0) throw new DistrictPackError(problems);
  progress(`${cells.length} cells of about ${cellSizeMetres} m`);

  return {
    district: catalogue.district,
    calendar: catalogue.calendar,
    departments: catalogue.departments,
    categories: catalogue.categories,
    responsibility: catalogue.responsibility ?? [],
    streets,
    communities,
    cells,
  };
}
