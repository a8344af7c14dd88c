import type { PolygonCoordinates, Position, Ring } from './position';
import { openRing } from './ring';

/**
 * Ray casting, half-open on edges: a point on an edge shared by two neighbouring cells falls in
 * exactly one of them, so every point of the district gets one cell.
 */
export function pointInRing([x, y]: Position, ring: Ring): boolean {
  const open = openRing(ring);
  let inside = false;
  for (let i = 0, j = open.length - 1; i < open.length; j = i++) {
    const [xi, yi] = open[i];
    const [xj, yj] = open[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring and outside every hole (even-odd over all rings). */
export function pointInPolygon(point: Position, polygon: PolygonCoordinates): boolean {
  let inside = false;
  for (const ring of polygon) if (pointInRing(point, ring)) inside = !inside;
  return inside;
}
