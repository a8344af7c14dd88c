import { EARTH_RADIUS_METRES, toRadians } from './earth';
import type { PolygonCoordinates, Ring } from './position';
import { openRing } from './ring';

/**
 * Signed area on the sphere in square metres, positive when counter-clockwise: trapezoids on
 * sin(latitude) (as in Chamberlain & Duquette). It is exact for latitude/longitude rectangles, the
 * grid squares, and each edge adds a term of its own two ends, so cells that share edges add up to
 * exactly the community they were cut from.
 */
export function ringAreaSquareMetres(ring: Ring): number {
  const open = openRing(ring);
  let sum = 0;
  for (let i = 0; i < open.length; i++) {
    const [lng1, lat1] = open[i];
    const [lng2, lat2] = open[(i + 1) % open.length];
    sum += toRadians(lng2 - lng1) * (Math.sin(toRadians(lat1)) + Math.sin(toRadians(lat2)));
  }
  return (-sum * EARTH_RADIUS_METRES * EARTH_RADIUS_METRES) / 2;
}

/** Area of the exterior ring less its holes, whatever the rings' orientation. */
export function polygonAreaSquareMetres(polygon: PolygonCoordinates): number {
  const [exterior, ...holes] = polygon;
  if (!exterior) return 0;
  return holes.reduce(
    (area, hole) => area - Math.abs(ringAreaSquareMetres(hole)),
    Math.abs(ringAreaSquareMetres(exterior)),
  );
}
