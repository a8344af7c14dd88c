import type { PolygonCoordinates, Position } from './position';
import { openRing } from './ring';

/**
 * Area centroid, holes subtracted, computed on the degrees directly: the local projection is
 * affine, so the centroid comes out the same. It may lie outside a concave shape; use
 * interiorPoint for a point that must be inside.
 */
export function polygonCentroid(polygon: PolygonCoordinates): Position {
  let area = 0;
  let cx = 0;
  let cy = 0;
  polygon.forEach((ring, index) => {
    const open = openRing(ring);
    // Shift to the first vertex so that products of ~121° coordinates keep their precision.
    const [ox, oy] = open[0] ?? [0, 0];
    let ringArea = 0;
    let rx = 0;
    let ry = 0;
    for (let i = 0; i < open.length; i++) {
      const x1 = open[i][0] - ox;
      const y1 = open[i][1] - oy;
      const x2 = open[(i + 1) % open.length][0] - ox;
      const y2 = open[(i + 1) % open.length][1] - oy;
      const cross = x1 * y2 - x2 * y1;
      ringArea += cross / 2;
      rx += ((x1 + x2) * cross) / 6;
      ry += ((y1 + y2) * cross) / 6;
    }
    // The exterior counts positive and holes negative whatever way the rings run.
    const sign = (index === 0 ? 1 : -1) * Math.sign(ringArea);
    area += sign * ringArea;
    cx += sign * (rx + ox * ringArea);
    cy += sign * (ry + oy * ringArea);
  });
  if (area === 0) {
    const vertices = openRing(polygon[0] ?? []);
    const n = Math.max(vertices.length, 1);
    return [vertices.reduce((s, p) => s + p[0], 0) / n, vertices.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / area, cy / area];
}
