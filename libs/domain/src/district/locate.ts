import { DomainError } from '../domain-error';
import type { DistrictPack, GridCell } from './district-pack';
import { bboxContains, bboxDistanceMetres, bboxOfPolygon } from './geo/bbox';
import { BBoxIndex } from './geo/bbox-index';
import { distanceToBoundaryMetres } from './geo/distance-to-boundary';
import { METRES_PER_DEGREE, metresPerDegreeLng } from './geo/earth';
import { pointInPolygon } from './geo/point-in-polygon';
import { type BBox, type LatLng, toPosition } from './geo/position';

/** Where a point lies: its grid cell, and the community and street the cell belongs to. */
export interface CellPlacement {
  cellCode: string;
  communityId: string;
  streetId: string;
}

export interface Locator {
  /** The cell holding the point, or null outside the district (a 422 for the caller). */
  locate(point: LatLng): CellPlacement | null;
  /**
   * Codes of the cells whose bounding box lies within radiusMetres of the point, nearest first (then by code):
   * where to look for an open case that a new report may duplicate.
   */
  cellsWithin(point: LatLng, radiusMetres: number): string[];
  /** Codes of the cells whose bounding box touches the cell's own (the cell itself excluded). */
  neighbourCells(cellCode: string): string[];
}

export interface LocatorOptions {
  /**
   * A point in no cell but this close to one (a sliver left between cells by rounding coordinates
   * to 6 decimals, about 0.1 m) goes to the nearest. 0 turns it off.
   */
  toleranceMetres?: number;
}

/** Adjacent cells share exactly rounded corners; this absorbs packs rounded less carefully (~1 cm). */
const TOUCH_DEGREES = 1e-7;

const isCoordinate = (point: LatLng): boolean =>
  Number.isFinite(point.lat) &&
  Number.isFinite(point.lng) &&
  Math.abs(point.lat) <= 90 &&
  Math.abs(point.lng) <= 180;

export function createLocator(pack: Pick<DistrictPack, 'cells'>, options: LocatorOptions = {}): Locator {
  const toleranceMetres = options.toleranceMetres ?? 0.5;
  const cells: readonly GridCell[] = pack.cells;
  const boxes: BBox[] = cells.map((cell) => bboxOfPolygon(cell.polygon));
  const index = BBoxIndex.build(boxes);
  const byCode = new Map(cells.map((cell, position) => [cell.code, position]));
  const placement = (cell: GridCell): CellPlacement => ({
    cellCode: cell.code,
    communityId: cell.communityId,
    streetId: cell.streetId,
  });

  return {
    locate(point) {
      if (!isCoordinate(point)) return null;
      const position = toPosition(point);
      const exact = index
        .query([position[0], position[1], position[0], position[1]])
        .find((i) => bboxContains(boxes[i], position) && pointInPolygon(position, cells[i].polygon));
      if (exact !== undefined) return placement(cells[exact]);
      if (toleranceMetres <= 0) return null;
      const slack = toleranceMetres / metresPerDegreeLng(point.lat);
      let nearest: { cell: GridCell; distance: number } | null = null;
      for (const i of index.query([position[0], position[1], position[0], position[1]], slack)) {
        const distance = distanceToBoundaryMetres(position, cells[i].polygon);
        if (distance <= toleranceMetres && (!nearest || distance < nearest.distance)) {
          nearest = { cell: cells[i], distance };
        }
      }
      return nearest ? placement(nearest.cell) : null;
    },

    cellsWithin(point, radiusMetres) {
      if (!isCoordinate(point) || !(radiusMetres >= 0)) return [];
      const position = toPosition(point);
      const dLat = radiusMetres / METRES_PER_DEGREE;
      const dLng = radiusMetres / metresPerDegreeLng(Math.min(89, Math.abs(point.lat) + dLat));
      // The search box is a little generous; the exact test is the great-circle distance below.
      const search: BBox = [position[0] - dLng, position[1] - dLat, position[0] + dLng, position[1] + dLat];
      return (
        index
          .query(search, TOUCH_DEGREES)
          .map((i) => ({ code: cells[i].code, distance: bboxDistanceMetres(boxes[i], position) }))
          .filter((hit) => hit.distance <= radiusMetres)
          // Centimetres decide, so cells at the same distance come in code order, not rounding noise's.
          .sort(
            (a, b) =>
              Math.round(a.distance * 100) - Math.round(b.distance * 100) || a.code.localeCompare(b.code),
          )
          .map((hit) => hit.code)
      );
    },

    neighbourCells(cellCode) {
      const own = byCode.get(cellCode);
      if (own === undefined) {
        throw new DomainError('DISTRICT.UNKNOWN_CELL', `no grid cell ${cellCode} in the district pack`, 404, {
          cellCode,
        });
      }
      return index
        .query(boxes[own], TOUCH_DEGREES)
        .filter((i) => i !== own)
        .map((i) => cells[i].code)
        .sort();
    },
  };
}
