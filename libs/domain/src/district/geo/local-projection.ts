import { METRES_PER_DEGREE, metresPerDegreeLng } from './earth';
import type { Position } from './position';

export type XY = [number, number];

/**
 * Equirectangular projection around an origin, in metres: good to well under 0.1% across a
 * district, and affine, so straight edges stay straight and centroids map to centroids.
 */
export interface LocalProjection {
  toXY(position: Position): XY;
  toPosition(xy: XY): Position;
}

export function localProjection(origin: Position): LocalProjection {
  const kx = metresPerDegreeLng(origin[1]);
  const ky = METRES_PER_DEGREE;
  return {
    toXY: ([lng, lat]) => [(lng - origin[0]) * kx, (lat - origin[1]) * ky],
    toPosition: ([x, y]) => [origin[0] + x / kx, origin[1] + y / ky],
  };
}
