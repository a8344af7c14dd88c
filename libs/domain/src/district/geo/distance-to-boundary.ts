import { localProjection, type XY } from './local-projection';
import type { PolygonCoordinates, Position } from './position';
import { openRing } from './ring';

export function segmentDistance([px, py]: XY, [ax, ay]: XY, [bx, by]: XY): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Metres from a point to the nearest edge of a polygon (any ring), inside or out. */
export function distanceToBoundaryMetres(point: Position, polygon: PolygonCoordinates): number {
  const projection = localProjection(point);
  let nearest = Infinity;
  for (const ring of polygon) {
    const open = openRing(ring).map((position) => projection.toXY(position));
    for (let i = 0; i < open.length; i++) {
      nearest = Math.min(nearest, segmentDistance([0, 0], open[i], open[(i + 1) % open.length]));
    }
  }
  return nearest;
}
