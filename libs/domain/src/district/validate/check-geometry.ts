import type { DistrictPack } from '../district-pack';
import { bboxIntersection, bboxOfPolygon } from '../geo/bbox';
import { BBoxIndex } from '../geo/bbox-index';
import { intersectionAreaSquareMetres } from '../geo/intersection-area';
import { polygonAreaSquareMetres } from '../geo/polygon-area';
import type { BBox, PolygonCoordinates } from '../geo/position';
import { isPolygon } from './shape';

/**
 * Overlap that counts as real. Rounding coordinates to 6 decimals moves a vertex up to ~7 cm, which
 * along a 100 m edge shifts a few square metres between neighbours; 10 m² is 0.1% of a cell.
 */
export const TINY_AREA_SQUARE_METRES = 10;

/** How far the cells' total area may stray from the streets' (the brief's 0.5%). */
export const COVERAGE_TOLERANCE = 0.005;

const m2 = (area: number) => `${Math.round(area)} m²`;

const hasArea = (box: BBox | null): box is BBox => box !== null && box[0] < box[2] && box[1] < box[3];

interface Shape {
  id: string;
  polygon: PolygonCoordinates;
  box: BBox;
  area: number;
}

function shapes<T>(items: readonly T[], id: (item: T) => string, polygon: (item: T) => unknown): Shape[] {
  return items.flatMap((item) => {
    const coordinates = polygon(item);
    if (!isPolygon(coordinates)) return [];
    return [
      {
        id: id(item),
        polygon: coordinates,
        box: bboxOfPolygon(coordinates),
        area: polygonAreaSquareMetres(coordinates),
      },
    ];
  });
}

/** Cells that overlap, cells outside their street or in two, and cells that do not cover the district. */
export function checkGeometry(pack: DistrictPack): string[] {
  const problems: string[] = [];
  const streets = shapes(
    pack.streets,
    (s) => s.id,
    (s) => s.polygon,
  );
  const communities = shapes(
    pack.communities,
    (c) => c.id,
    (c) => c.polygon,
  );
  const cells = shapes(
    pack.cells,
    (c) => c.code,
    (c) => c.polygon,
  );
  const streetOfCell = new Map(pack.cells.map((cell) => [cell.code, cell.streetId]));
  const streetOfCommunity = new Map(pack.communities.map((community) => [community.id, community.streetId]));
  const streetIndex = BBoxIndex.build(streets.map((s) => s.box));

  const cellIndex = BBoxIndex.build(cells.map((c) => c.box));
  cells.forEach((cell, i) => {
    for (const j of cellIndex.query(cell.box)) {
      if (j <= i || !hasArea(bboxIntersection(cell.box, cells[j].box))) continue;
      const overlap = intersectionAreaSquareMetres(cell.polygon, cells[j].polygon);
      if (overlap > TINY_AREA_SQUARE_METRES)
        problems.push(`cell ${cell.id}: overlaps cell ${cells[j].id} by ${m2(overlap)}`);
    }
  });

  /** Where a shape lies among the streets: area inside its own, and the other streets it enters. */
  const placeAmongStreets = (
    shape: Shape,
    ownStreet: string | undefined,
    label: string,
    tolerance: number,
  ) => {
    let inside = 0;
    for (const s of streetIndex.query(shape.box)) {
      if (!hasArea(bboxIntersection(shape.box, streets[s].box))) continue;
      const overlap = intersectionAreaSquareMetres(shape.polygon, streets[s].polygon);
      if (streets[s].id === ownStreet) inside += overlap;
      else if (overlap > tolerance)
        problems.push(`${label}: in two streets: ${m2(overlap)} of it lies in street ${streets[s].id}`);
    }
    if (streets.some((s) => s.id === ownStreet) && shape.area - inside > tolerance) {
      problems.push(
        `${label}: ${m2(shape.area - inside)} of it lies outside its street ${String(ownStreet)}`,
      );
    }
  };
  for (const community of communities) {
    const tolerance = Math.max(TINY_AREA_SQUARE_METRES, community.area * 0.001);
    placeAmongStreets(community, streetOfCommunity.get(community.id), `community ${community.id}`, tolerance);
  }
  for (const cell of cells) {
    placeAmongStreets(cell, streetOfCell.get(cell.id), `cell ${cell.id}`, TINY_AREA_SQUARE_METRES);
  }

  const total = (list: Shape[]) => list.reduce((sum, shape) => sum + shape.area, 0);
  const districtArea = total(streets);
  const cellArea = total(cells);
  if (districtArea > 0 && Math.abs(cellArea - districtArea) > COVERAGE_TOLERANCE * districtArea) {
    problems.push(
      `district: cells cover ${m2(cellArea)} but the streets ${m2(districtArea)} (${(((cellArea - districtArea) / districtArea) * 100).toFixed(2)}%)`,
    );
  }
  for (const street of streets) {
    const covered = total(cells.filter((cell) => streetOfCell.get(cell.id) === street.id));
    if (Math.abs(covered - street.area) > COVERAGE_TOLERANCE * street.area) {
      problems.push(`street ${street.id}: its cells cover ${m2(covered)} of its ${m2(street.area)}`);
    }
  }
  return problems;
}
