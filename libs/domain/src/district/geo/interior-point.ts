import { bboxOfPolygon } from './bbox';
import { segmentDistance } from './distance-to-boundary';
import { localProjection } from './local-projection';
import { pointInPolygon } from './point-in-polygon';
import type { PolygonCoordinates, Position } from './position';
import { openRing } from './ring';

/**
 * A point well inside a polygon: of a samples × samples grid over its box, the inside point
 * furthest from every edge. Unlike the centroid it never falls outside an L- or U-shaped street,
 * which makes it the anchor for a map label or a test point. Null for a polygon with no inside.
 */
export function interiorPoint(polygon: PolygonCoordinates, samples = 48): Position | null {
  const [west, south, east, north] = bboxOfPolygon(polygon);
  const projection = localProjection([(west + east) / 2, (south + north) / 2]);
  const rings = polygon.map((ring) => openRing(ring).map((position) => projection.toXY(position)));
  let best: Position | null = null;
  let bestClearance = -Infinity;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) {
      const candidate: Position = [
        west + ((i + 0.5) / samples) * (east - west),
        south + ((j + 0.5) / samples) * (north - south),
      ];
      if (!pointInPolygon(candidate, polygon)) continue;
      const xy = projection.toXY(candidate);
      let clearance = Infinity;
      for (const ring of rings) {
        for (let k = 0; k < ring.length; k++) {
          clearance = Math.min(clearance, segmentDistance(xy, ring[k], ring[(k + 1) % ring.length]));
        }
      }
      if (clearance > bestClearance) {
        bestClearance = clearance;
        best = candidate;
      }
    }
  }
  return best;
}
