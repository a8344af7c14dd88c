import { bboxOfPolygon } from '../geo/bbox';
import { clipPolygonToConvex } from '../geo/clip-polygon';
import { polygonAreaSquareMetres } from '../geo/polygon-area';
import type { PolygonCoordinates } from '../geo/position';
import { roundPolygon } from '../geo/ring';
import { type SquareGrid, squareRing, squaresOver } from './square-grid';

export interface CellPiece {
  column: number;
  row: number;
  polygon: PolygonCoordinates;
  areaSquareMetres: number;
}

/**
 * The community's part of every grid square it meets (Sutherland–Hodgman, the square being the
 * convex clip), rounded, keeping the pieces of at least minAreaSquareMetres, in reading order
 * (north to south, west to east) so that cell numbers run the way a map is read.
 */
export function cutIntoCells(
  community: PolygonCoordinates,
  grid: SquareGrid,
  minAreaSquareMetres: number,
): CellPiece[] {
  const { columns, rows } = squaresOver(grid, bboxOfPolygon(community));
  const pieces: CellPiece[] = [];
  for (let row = rows[1]; row >= rows[0]; row--) {
    for (let column = columns[0]; column <= columns[1]; column++) {
      const clipped = clipPolygonToConvex(community, squareRing(grid, column, row));
      const polygon = clipped && roundPolygon(clipped, grid.decimals);
      if (!polygon) continue;
      const areaSquareMetres = polygonAreaSquareMetres(polygon);
      if (areaSquareMetres >= minAreaSquareMetres) pieces.push({ column, row, polygon, areaSquareMetres });
    }
  }
  return pieces;
}
