import { haversineMetres } from './haversine';
import type { BBox, PolygonCoordinates, Position, Ring } from './position';

export function bboxOfPositions(positions: Iterable<Position>): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of positions) {
    if (lng < box[0]) box[0] = lng;
    if (lat < box[1]) box[1] = lat;
    if (lng > box[2]) box[2] = lng;
    if (lat > box[3]) box[3] = lat;
  }
  return box;
}

/** The exterior ring bounds the polygon, holes included. */
export const bboxOfPolygon = (polygon: PolygonCoordinates): BBox => bboxOfPositions(polygon[0] ?? []);

export function bboxUnion(boxes: Iterable<BBox>): BBox {
  const union: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    union[0] = Math.min(union[0], box[0]);
    union[1] = Math.min(union[1], box[1]);
    union[2] = Math.max(union[2], box[2]);
    union[3] = Math.max(union[3], box[3]);
  }
  return union;
}

/** The common part of two boxes, or null when they do not meet (touching boxes meet on a line). */
export function bboxIntersection(a: BBox, b: BBox): BBox | null {
  const box: BBox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[0] <= box[2] && box[1] <= box[3] ? box : null;
}

export const bboxContains = (box: BBox, [lng, lat]: Position): boolean =>
  lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3];

/** Metres from a point to the nearest point of a box; 0 inside it. */
export function bboxDistanceMetres(box: BBox, point: Position): number {
  const nearest: Position = [
    Math.min(Math.max(point[0], box[0]), box[2]),
    Math.min(Math.max(point[1], box[1]), box[3]),
  ];
  return haversineMetres(point, nearest);
}

/** The box as a closed counter-clockwise ring, ready to clip against. */
export const bboxRing = ([west, south, east, north]: BBox): Ring => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
];
