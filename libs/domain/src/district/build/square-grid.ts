import { METRES_PER_DEGREE, metresPerDegreeLng } from '../geo/earth';
import type { BBox, Position, Ring } from '../geo/position';
import { roundPosition } from '../geo/ring';

/**
 * The regular grid laid over the district's box: squares of cellSizeMetres, a constant step in
 * degrees (taken at the box's middle latitude, so squares stay within a fraction of a percent of
 * their nominal size across a district). Corners are rounded once, from their column and row, so
 * neighbouring squares share them exactly.
 */
export interface SquareGrid {
  origin: Position;
  stepLng: number;
  stepLat: number;
  decimals: number;
}

export function squareGrid(bounds: BBox, cellSizeMetres: number, decimals: number): SquareGrid {
  const middleLatitude = (bounds[1] + bounds[3]) / 2;
  return {
    origin: [bounds[0], bounds[1]],
    stepLng: cellSizeMetres / metresPerDegreeLng(middleLatitude),
    stepLat: cellSizeMetres / METRES_PER_DEGREE,
    decimals,
  };
}

const corner = (grid: SquareGrid, column: number, row: number): Position =>
  roundPosition([grid.origin[0] + column * grid.stepLng, grid.origin[1] + row * grid.stepLat], grid.decimals);

/** The square at a column (from the west) and row (from the south), closed and counter-clockwise. */
export function squareRing(grid: SquareGrid, column: number, row: number): Ring {
  const [west, south] = corner(grid, column, row);
  const [east, north] = corner(grid, column + 1, row + 1);
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

/** Columns and rows of the squares that meet a box. */
export function squaresOver(
  grid: SquareGrid,
  box: BBox,
): { columns: [number, number]; rows: [number, number] } {
  const span = (low: number, high: number, origin: number, step: number): [number, number] => {
    const first = Math.floor((low - origin) / step);
    return [first, Math.max(first, Math.ceil((high - origin) / step) - 1)];
  };
  return {
    columns: span(box[0], box[2], grid.origin[0], grid.stepLng),
    rows: span(box[1], box[3], grid.origin[1], grid.stepLat),
  };
}
